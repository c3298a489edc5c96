"""The portal's news pages: list, search, category, pages, an article (its view counted), the rating
form, the home page's latest news; unpublished articles are not found."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tinhso.news.models import ArticleRating, ArticleViewDay, Category
from tinhso.news.services import article_submit, article_unpublish
from tinhso.news.views_public import VISITOR_COOKIE

pytestmark = pytest.mark.django_db


def _at(day: int) -> dt.datetime:
    return dt.datetime(2016, 12, day, 9, 0, tzinfo=timezone.get_current_timezone())


def test_list_shows_published_articles_newest_first(make_article: Any, client: Client, mai: Any) -> None:
    make_article("Tập huấn chữ ký số", publish=True, at=_at(1))
    make_article("Ngày sách Việt Nam", publish=True, at=_at(2))
    make_article("Bản nháp chưa đăng")
    pending = make_article("Tin chờ duyệt")
    article_submit(actor=mai, article=pending)
    html = client.get(reverse("portal:news")).content.decode()
    assert html.index("Ngày sách Việt Nam") < html.index("Tập huấn chữ ký số")
    assert "Bản nháp chưa đăng" not in html and "Tin chờ duyệt" not in html
    assert "02/12/2016" in html and "2 tin bài." in html


def test_search_ignores_tone_marks_and_category_filters(make_article: Any, client: Client) -> None:
    make_article("Tập huấn chữ ký số", publish=True, category=Category.DIGITAL)
    make_article("Thông báo nghỉ Tết", publish=True, category=Category.NOTICE, body="Lịch nghỉ Tết Đinh Dậu.")
    html = client.get(reverse("portal:news"), {"q": "chu ky so"}).content.decode()
    assert "Tập huấn chữ ký số" in html and "Thông báo nghỉ Tết" not in html
    html = client.get(reverse("portal:news"), {"q": "dinh dau"}).content.decode()
    assert "Thông báo nghỉ Tết" in html and "Tập huấn chữ ký số" not in html
    html = client.get(reverse("portal:news"), {"chuyen-muc": "thong_bao"}).content.decode()
    assert "Thông báo nghỉ Tết" in html and "Tập huấn chữ ký số" not in html
    html = client.get(reverse("portal:news"), {"q": "khong co tin nay"}).content.decode()
    assert "Không tìm thấy tin bài nào khớp với “khong co tin nay”" in html
    # an unknown category is ignored, not an error
    r = client.get(reverse("portal:news"), {"chuyen-muc": "<script>"})
    assert r.status_code == 200 and "Tập huấn chữ ký số" in r.content.decode()


def test_pages_of_ten(make_article: Any, client: Client) -> None:
    for i in range(1, 13):
        make_article(f"Tin số {i:02d}", publish=True, at=_at(i))
    html = client.get(reverse("portal:news")).content.decode()
    assert "Tin số 12" in html and "Tin số 03" in html and "Tin số 02" not in html
    assert 'href="?trang=2"' in html
    html = client.get(reverse("portal:news"), {"trang": "2"}).content.decode()
    assert "Tin số 02" in html and "Tin số 01" in html and "Tin số 03" not in html
    assert client.get(reverse("portal:news"), {"trang": "abc"}).status_code == 200


def test_article_page_counts_the_view_and_escapes_the_body(make_article: Any, client: Client) -> None:
    a = make_article(
        "Tập huấn chữ ký số", publish=True, body="Đoạn một & hai.\n\nĐoạn ba: dùng dấu < và > trong văn bản."
    )
    r = client.get(reverse("portal:news_article", args=[a.slug]))
    html = r.content.decode()
    assert r.status_code == 200
    assert "<p>Đoạn một &amp; hai.</p>" in html and "dấu &lt; và &gt;" in html
    assert "1 lượt xem" in html and "Chưa có lượt đánh giá nào." in html
    client.get(reverse("portal:news_article", args=[a.slug]))
    a.refresh_from_db()
    assert a.view_count == 2
    day = ArticleViewDay.objects.get(article=a)
    assert (day.day, day.count) == (timezone.localdate(), 2)


@pytest.mark.parametrize("state", ["draft", "pending", "unpublished"])
def test_unpublished_articles_are_not_found(
    make_article: Any, client: Client, mai: Any, em: Any, state: str
) -> None:
    a = make_article("Tin không công khai", publish=state == "unpublished")
    if state == "pending":
        article_submit(actor=mai, article=a)
    if state == "unpublished":
        article_unpublish(actor=em, article=a)
    assert client.get(reverse("portal:news_article", args=[a.slug])).status_code == 404
    r = client.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "5"})
    assert r.status_code == 404
    assert not ArticleViewDay.objects.exists() and not ArticleRating.objects.exists()
    a.refresh_from_db()
    assert a.view_count == 0


def test_a_reader_rates_once(make_article: Any) -> None:
    a = make_article("Tin đánh giá", publish=True)
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(reverse("portal:news_article", args=[a.slug]))
    token = reader.cookies["csrftoken"].value
    html = page.content.decode()
    assert (
        'name="csrfmiddlewaretoken"' in html
        and "<legend>Bài viết này có hữu ích với bạn không?</legend>" in html
    )
    # without the CSRF token: refused
    assert reader.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "4"}).status_code == 403
    r = reader.post(
        reverse("portal:news_rate", args=[a.slug]), {"diem": "4", "csrfmiddlewaretoken": token}, follow=True
    )
    html = r.content.decode()
    assert "Cảm ơn bạn đã đánh giá tin bài: 4/5 điểm." in html
    assert "Bạn đã đánh giá bài viết này 4/5 điểm." in html and "1 lượt đánh giá" in html
    assert VISITOR_COOKIE in reader.cookies
    again = reader.post(
        reverse("portal:news_rate", args=[a.slug]), {"diem": "1", "csrfmiddlewaretoken": token}
    )
    assert again.status_code == 409 and "Bạn đã đánh giá tin bài này rồi" in again.content.decode()
    assert list(ArticleRating.objects.values_list("value", flat=True)) == [4]
    # another reader (another cookie) rates too; the average is shown
    other = Client()
    other.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "5"})
    html = other.get(reverse("portal:news_article", args=[a.slug])).content.decode()
    assert "4,5" in html and "2 lượt đánh giá" in html


def test_a_forged_cookie_is_not_a_visitor(make_article: Any, client: Client) -> None:
    a = make_article("Tin", publish=True)
    client.cookies[VISITOR_COOKIE] = "c" + "0" * 32
    client.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "3"})
    visitor = ArticleRating.objects.get().visitor
    assert visitor != "c" + "0" * 32 and visitor.startswith("c") and len(visitor) == 33


def test_a_signed_in_reader_is_their_account(make_article: Any, client: Client, an: Any) -> None:
    a = make_article("Tin", publish=True)
    client.force_login(an)
    client.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "5"})
    client.cookies.clear()
    client.force_login(an)
    r = client.post(reverse("portal:news_rate", args=[a.slug]), {"diem": "5"})
    assert r.status_code == 409
    rating = ArticleRating.objects.get()
    assert (rating.visitor, rating.user) == (f"u{an.pk}", an)


@pytest.mark.parametrize("value", ["", "0", "6", "abc", "4.5", "-1"])
def test_bad_rating_is_400_and_nothing_written(make_article: Any, client: Client, value: str) -> None:
    a = make_article("Tin", publish=True)
    r = client.post(reverse("portal:news_rate", args=[a.slug]), {"diem": value})
    assert r.status_code == 400
    assert "Điểm đánh giá phải là số nguyên từ 1 đến 5." in r.content.decode()
    assert not ArticleRating.objects.exists()
    assert VISITOR_COOKIE not in r.cookies


def test_rating_needs_post(make_article: Any, client: Client) -> None:
    a = make_article("Tin", publish=True)
    assert client.get(reverse("portal:news_rate", args=[a.slug])).status_code == 405


def test_home_shows_the_latest_four(make_article: Any, client: Client) -> None:
    for i in range(1, 6):
        make_article(f"Tin mới số {i}", publish=True, at=_at(i))
    html = client.get(reverse("portal:home")).content.decode()
    assert "Tin tức mới" in html
    assert all(f"Tin mới số {i}" in html for i in (2, 3, 4, 5)) and "Tin mới số 1" not in html


def test_home_without_news_has_no_news_block(client: Client, demo_agencies: Any) -> None:
    assert "Tin tức mới" not in client.get(reverse("portal:home")).content.decode()


def test_list_and_article_queries_are_pinned(
    make_article: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    for i in range(1, 13):
        make_article(f"Tin số {i:02d}", publish=True, at=_at(i))
    client.get(reverse("portal:news"))  # warm the agency cache of the layout
    with django_assert_max_num_queries(6):
        client.get(reverse("portal:news"))
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:news_article", args=["tin-so-05"]))
