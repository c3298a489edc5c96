"""Back-office pages: the list by status, the form (400 and nothing written on bad input), the
transitions as POST buttons, the menu entry, and refusals for people without the role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinhso.core.audit import audit_history
from tinhso.news.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Tập huấn an toàn thông tin",
    "category": "chuyen_doi_so",
    "summary": "Sở tổ chức tập huấn an toàn thông tin.",
    "body": "Đoạn một.\n\nĐoạn hai.",
    "slug": "",
}


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_editor_writes_and_submits_director_publishes(mai: Any, em: Any) -> None:
    editor = _client(mai)
    r = editor.get(reverse("news_office:create"))
    assert r.status_code == 200 and '<label for="id_title">Tiêu đề' in r.content.decode()
    r = editor.post(reverse("news_office:create"), GOOD)
    article = Article.objects.get()
    assert r.status_code == 302 and r.url == reverse("news_office:edit", args=[article.pk])
    assert (article.slug, article.status, article.author) == ("tap-huan-an-toan-thong-tin", "draft", mai)
    html = editor.get(r.url).content.decode()
    assert "Đã lưu bản nháp tin bài." in html and "Trình duyệt" in html and "Duyệt và đăng" not in html
    r = editor.post(reverse("news_office:action", args=[article.pk, "trinh-duyet"]))
    assert r.status_code == 302
    # the editor can no longer publish it nor edit it
    assert editor.post(reverse("news_office:action", args=[article.pk, "dang"])).status_code == 403
    assert editor.post(reverse("news_office:edit", args=[article.pk]), GOOD).status_code == 403
    director = _client(em)
    html = director.get(reverse("news_office:list"), {"status": "pending"}).content.decode()
    assert "Tập huấn an toàn thông tin" in html and "Chờ duyệt" in html
    html = director.get(reverse("news_office:edit", args=[article.pk])).content.decode()
    assert "Duyệt và đăng" in html and "Trả lại để sửa" in html
    r = director.post(reverse("news_office:action", args=[article.pk, "dang"]), follow=True)
    html = r.content.decode()
    assert "Đã đăng tin bài lên Cổng thông tin." in html and "Xem trên Cổng thông tin" in html
    assert "Duyệt và đăng</strong> — Phạm Văn Em" in html
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.approver == em
    assert Client().get(reverse("portal:news_article", args=[article.slug])).status_code == 200
    r = director.post(reverse("news_office:action", args=[article.pk, "go-xuong"]))
    assert Client().get(reverse("portal:news_article", args=[article.slug])).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Tiêu đề không được để trống."),
        ("category", "giai_tri", "Chuyên mục không hợp lệ."),
        ("summary", "x" * 601, "Tóm tắt dài quá 600 ký tự."),
        ("body", "<p>Nội dung</p>", "Nội dung không được chứa mã HTML"),
        ("slug", "Có Dấu", "Đường dẫn chỉ gồm chữ thường không dấu"),
    ],
)
def test_bad_input_is_400_in_vietnamese_and_nothing_written(
    mai: Any, field: str, value: str, message: str
) -> None:
    r = _client(mai).post(reverse("news_office:create"), {**GOOD, field: value})
    assert r.status_code == 400
    html = r.content.decode()
    assert message in html and 'role="alert"' in html
    assert not Article.objects.exists()


def test_edit_with_bad_input_keeps_the_article(mai: Any, make_article: Any) -> None:
    a = make_article("Tin gốc")
    r = _client(mai).post(reverse("news_office:edit", args=[a.pk]), {**GOOD, "body": ""})
    assert r.status_code == 400 and "Nội dung không được để trống." in r.content.decode()
    a.refresh_from_db()
    assert a.title == "Tin gốc" and audit_history(obj=a).count() == 1
    r = _client(mai).post(reverse("news_office:edit", args=[a.pk]), {**GOOD, "title": "Tin đã sửa"})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.title == "Tin đã sửa"


def test_a_refused_transition_shows_its_status(make_article: Any, em: Any) -> None:
    a = make_article()
    r = _client(em).post(reverse("news_office:action", args=[a.pk, "dang"]))
    assert r.status_code == 409 and "không thể chuyển sang “Đã đăng”" in r.content.decode()
    assert _client(em).post(reverse("news_office:action", args=[a.pk, "xoa"])).status_code == 404
    assert _client(em).get(reverse("news_office:action", args=[a.pk, "dang"])).status_code == 405


@pytest.mark.parametrize("who", ["chi", "an", "other_editor", "other_director"])
def test_people_without_a_news_role_here_are_refused(
    request: pytest.FixtureRequest, make_article: Any, who: str
) -> None:
    a = make_article()
    c = _client(request.getfixturevalue(who))
    if who.startswith("other"):
        # a news role elsewhere: the list opens (empty), the articles of the Sở do not
        html = c.get(reverse("news_office:list")).content.decode()
        assert "Không có tin bài nào." in html and a.title not in html
    else:
        assert c.get(reverse("news_office:list")).status_code == 403
    assert c.get(reverse("news_office:edit", args=[a.pk])).status_code == 403
    assert c.post(reverse("news_office:action", args=[a.pk, "trinh-duyet"])).status_code == 403
    assert c.post(reverse("news_office:edit", args=[a.pk]), GOOD).status_code == 403
    if who != "other_editor":
        assert c.get(reverse("news_office:create")).status_code == 403
    a.refresh_from_db()
    assert a.status == ArticleStatus.DRAFT and a.title != GOOD["title"]


def test_anonymous_is_sent_to_sign_in(make_article: Any) -> None:
    r = Client().get(reverse("news_office:list"))
    assert r.status_code == 302 and "/tai-khoan/dang-nhap/" in r.url


def test_menu_entry_for_editors_and_directors_only(mai: Any, em: Any, chi: Any) -> None:
    label = "Tin bài cổng thông tin"
    assert label in _client(mai).get(reverse("backoffice:dashboard")).content.decode()
    assert label in _client(em).get(reverse("backoffice:dashboard")).content.decode()
    assert label not in _client(chi).get(reverse("backoffice:dashboard")).content.decode()


def test_list_filters_and_counts(mai: Any, make_article: Any) -> None:
    make_article("Bản nháp một")
    make_article("Tin đã đăng", publish=True)
    c = _client(mai)
    html = c.get(reverse("news_office:list")).content.decode()
    assert 'Tất cả <span class="news-count">(2)</span>' in html
    assert 'Bản nháp <span class="news-count">(1)</span>' in html
    html = c.get(reverse("news_office:list"), {"status": "published"}).content.decode()
    assert "Tin đã đăng" in html and "Bản nháp một" not in html
    html = c.get(reverse("news_office:list"), {"q": "ban nhap"}).content.decode()
    assert "Bản nháp một" in html and "Tin đã đăng" not in html
    assert c.get(reverse("news_office:list"), {"status": "xyz"}).status_code == 400


def test_editor_dashboard_counts_the_articles(mai: Any, make_article: Any) -> None:
    make_article("Bản nháp một")
    make_article("Tin đã đăng", publish=True)
    html = _client(mai).get(reverse("backoffice:dashboard")).content.decode()
    assert "Tin bài cổng thông tin" in html and "Chưa có tin bài." not in html
    assert "Bản nháp" in html and "Đã đăng" in html
