"""Article services: the state machine, validation, slugs and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tinhso.core.audit import audit_history, audit_verify
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.news.models import Article, ArticleStatus
from tinhso.news.services import (
    article_create,
    article_publish,
    article_return,
    article_submit,
    article_unpublish,
    article_update,
    slug_from_title,
)

pytestmark = pytest.mark.django_db


def test_slug_is_folded_from_the_title_and_numbered_when_taken(make_article: Any) -> None:
    assert slug_from_title("Đường dây nóng: Tập huấn CHỮ KÝ SỐ!") == "duong-day-nong-tap-huan-chu-ky-so"
    a = make_article("Tập huấn chữ ký số")
    b = make_article("Tập huấn chữ ký số")
    c = make_article("Tập huấn chữ ký số")
    assert (a.slug, b.slug, c.slug) == ("tap-huan-chu-ky-so", "tap-huan-chu-ky-so-2", "tap-huan-chu-ky-so-3")
    assert a.search_text.startswith("tap huan chu ky so")


def test_full_life_cycle_with_audit_entries(make_article: Any, mai: Any, em: Any) -> None:
    a = make_article()
    assert (a.status, a.author, a.approver, a.published_at) == (ArticleStatus.DRAFT, mai, None, None)
    a = article_submit(actor=mai, article=a)
    assert a.status == ArticleStatus.PENDING and a.submitted_at is not None
    a = article_return(actor=em, article=a)
    assert a.status == ArticleStatus.DRAFT
    a = article_update(actor=mai, article=a, changes={"title": "Tập huấn chữ ký số năm 2016"})
    a = article_submit(actor=mai, article=a)
    a = article_publish(actor=em, article=a)
    assert a.status == ArticleStatus.PUBLISHED and a.approver == em and a.published_at is not None
    a = article_unpublish(actor=em, article=a)
    assert a.status == ArticleStatus.UNPUBLISHED and a.unpublished_at is not None
    a = article_update(actor=mai, article=a, changes={"summary": "Tóm tắt đã sửa."})
    a = article_submit(actor=mai, article=a)
    assert a.status == ArticleStatus.PENDING
    actions = [e.action for e in audit_history(obj=a)]
    assert actions == [
        "article.create",
        "article.submit",
        "article.return",
        "article.update",
        "article.submit",
        "article.publish",
        "article.unpublish",
        "article.update",
        "article.submit",
    ]
    publish = audit_history(obj=a).get(action="article.publish")
    assert publish.before["status"] == "pending" and publish.after["status"] == "published"
    assert publish.actor_id == em.pk
    assert audit_verify().ok


@pytest.mark.parametrize(
    ("state", "service", "who"),
    [
        ("draft", article_publish, "em"),
        ("draft", article_unpublish, "em"),
        ("draft", article_return, "em"),
        ("pending", article_submit, "mai"),
        ("published", article_submit, "mai"),
        ("published", article_publish, "em"),
        ("unpublished", article_unpublish, "em"),
        ("unpublished", article_publish, "em"),
    ],
)
def test_transitions_not_allowed_from_a_state(
    make_article: Any, mai: Any, em: Any, state: str, service: Any, who: str
) -> None:
    a = make_article()
    if state != "draft":
        a = article_submit(actor=mai, article=a)
    if state in ("published", "unpublished"):
        a = article_publish(actor=em, article=a)
    if state == "unpublished":
        a = article_unpublish(actor=em, article=a)
    entries = audit_history(obj=a).count()
    with pytest.raises(Conflict) as exc:
        service(actor={"mai": mai, "em": em}[who], article=a)
    assert "không thể chuyển sang" in exc.value.message
    a.refresh_from_db()
    assert a.status == state and audit_history(obj=a).count() == entries


def test_published_and_pending_articles_are_not_edited_by_editors(
    make_article: Any, mai: Any, em: Any
) -> None:
    a = make_article()
    a = article_submit(actor=mai, article=a)
    with pytest.raises(Conflict):
        article_update(actor=mai, article=a, changes={"title": "Khác"})
    # the approver may correct an article awaiting approval
    a = article_update(actor=em, article=a, changes={"title": "Tiêu đề do lãnh đạo sửa"})
    a = article_publish(actor=em, article=a)
    with pytest.raises(Conflict, match="gỡ xuống trước khi sửa"):
        article_update(actor=em, article=a, changes={"title": "Khác"})
    a = article_unpublish(actor=em, article=a)
    with pytest.raises(Conflict, match="không đổi đường dẫn"):
        article_update(actor=mai, article=a, changes={"slug": "duong-dan-moi"})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Tiêu đề không được để trống."),
        ({"title": "x" * 256}, "Tiêu đề dài quá 255 ký tự."),
        ({"summary": ""}, "Tóm tắt không được để trống."),
        ({"body": ""}, "Nội dung không được để trống."),
        ({"body": 'Xem <script>alert("x")</script>'}, "Nội dung không được chứa mã HTML"),
        ({"title": "<b>Tin</b> nóng"}, "Tiêu đề không được chứa mã HTML"),
        ({"category": "tin_giai_tri"}, "Chuyên mục không hợp lệ."),
        ({"slug": "Tin Bài"}, "Đường dẫn chỉ gồm chữ thường không dấu"),
        ({"slug": "tin--bai"}, "Đường dẫn chỉ gồm chữ thường không dấu"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    so: Any, mai: Any, changes: dict[str, str], message: str
) -> None:
    values = {"title": "Tin bài", "summary": "Tóm tắt.", "body": "Nội dung.", "category": "thong_bao"}
    values.update(changes)
    with pytest.raises(InvalidInput) as exc:
        article_create(actor=mai, agency=so, **values)
    assert message in exc.value.message
    assert not Article.objects.exists()


def test_update_with_bad_input_changes_nothing(make_article: Any, mai: Any) -> None:
    a = make_article("Tin gốc")
    entries = audit_history(obj=a).count()
    with pytest.raises(InvalidInput):
        article_update(actor=mai, article=a, changes={"title": "Tin mới", "body": ""})
    with pytest.raises(InvalidInput, match="Không được sửa trường"):
        article_update(actor=mai, article=a, changes={"status": "published"})
    a.refresh_from_db()
    assert (a.title, a.status) == ("Tin gốc", ArticleStatus.DRAFT)
    assert audit_history(obj=a).count() == entries


def test_a_taken_slug_is_a_conflict(make_article: Any, so: Any, mai: Any) -> None:
    make_article("Thông báo", slug="thong-bao-nghi-tet")
    with pytest.raises(Conflict, match="đã được dùng"):
        article_create(
            actor=mai,
            agency=so,
            title="Khác",
            summary="T.",
            body="N.",
            category="thong_bao",
            slug="thong-bao-nghi-tet",
        )
    b = make_article("Thông báo khác")
    with pytest.raises(Conflict, match="đã được dùng"):
        article_update(actor=mai, article=b, changes={"slug": "thong-bao-nghi-tet"})
    assert Article.objects.count() == 2


def test_paragraphs_are_plain_text(make_article: Any) -> None:
    a = make_article(body="Đoạn một\ndòng hai.\r\n\r\n\r\nĐoạn hai & ba.\n\n   \n")
    assert a.paragraphs() == ["Đoạn một\ndòng hai.", "Đoạn hai & ba."]


def test_publication_time_is_kept(make_article: Any) -> None:
    at = dt.datetime(2016, 12, 29, 9, 30, tzinfo=timezone.get_current_timezone())
    a = make_article("Tổng kết năm 2016", publish=True, at=at)
    assert a.published_at == at
