"""``GET /api/v1/news/`` and ``GET /api/v1/news/{slug}``: published only, paging, search, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tinhso.news.models import Category
from tinhso.news.services import article_rate, article_unpublish

pytestmark = pytest.mark.django_db


def _at(day: int) -> dt.datetime:
    return dt.datetime(2017, 3, day, 9, 0, tzinfo=timezone.get_current_timezone())


def test_list_is_published_newest_first_with_paging(make_article: Any, client: Client) -> None:
    for i in range(1, 6):
        make_article(f"Tin số {i}", publish=True, at=_at(i))
    make_article("Bản nháp")
    data = client.get("/api/v1/news/", {"limit": 2}).json()
    assert data["count"] == 5
    assert [a["title"] for a in data["items"]] == ["Tin số 5", "Tin số 4"]
    item = data["items"][0]
    assert item["slug"] == "tin-so-5" and item["category_label"] == "Tin hoạt động"
    assert item["published_at"].startswith("2017-03-05T02:00:00")  # 09:00 in Hà Nội, UTC in the API
    data = client.get("/api/v1/news/", {"limit": 2, "offset": 4}).json()
    assert [a["title"] for a in data["items"]] == ["Tin số 1"]


def test_search_and_category(make_article: Any, client: Client) -> None:
    make_article("Tập huấn chữ ký số", publish=True, category=Category.DIGITAL)
    make_article("Thông báo nghỉ Tết", publish=True, category=Category.NOTICE)
    assert [a["title"] for a in client.get("/api/v1/news/", {"q": "chu ky"}).json()["items"]] == [
        "Tập huấn chữ ký số"
    ]
    items = client.get("/api/v1/news/", {"category": "thong_bao"}).json()["items"]
    assert [a["title"] for a in items] == ["Thông báo nghỉ Tết"]
    r = client.get("/api/v1/news/", {"category": "giai_tri"})
    assert r.status_code == 400
    assert r.json()["code"] == "invalid_category" and "Chuyên mục “giai_tri” không có" in r.json()["message"]


def test_detail_and_not_found(make_article: Any, client: Client, em: Any) -> None:
    a = make_article("Tin chi tiết", publish=True, body="Đoạn một.\n\nĐoạn 2 < 3 > 1.")
    article_rate(article_id=a.pk, visitor="c1", value=4)
    article_rate(article_id=a.pk, visitor="c2", value=5)
    data = client.get(f"/api/v1/news/{a.slug}").json()
    assert data["paragraphs"] == ["Đoạn một.", "Đoạn 2 < 3 > 1."]
    assert data["rating"] == {"count": 2, "average": 4.5}
    assert data["agency_code"] == "000.00.15.H30"
    article_unpublish(actor=em, article=a)
    r = client.get(f"/api/v1/news/{a.slug}")
    assert r.status_code == 404
    assert r.json() == {"code": "article_not_found", "message": "Không tìm thấy tin bài “tin-chi-tiet”."}
    draft = make_article("Bản nháp")
    assert client.get(f"/api/v1/news/{draft.slug}").status_code == 404


def test_api_does_not_count_views(make_article: Any, client: Client) -> None:
    a = make_article("Tin", publish=True)
    client.get(f"/api/v1/news/{a.slug}")
    a.refresh_from_db()
    assert a.view_count == 0


@pytest.mark.parametrize("query", [{"limit": 10**36}, {"limit": 501}, {"offset": 10**20}, {"limit": 0}])
def test_paging_out_of_range_is_422(make_article: Any, client: Client, query: dict[str, int]) -> None:
    """schemathesis sent limit=10^36: the database failed on the slice (500). Now the schema says
    limit 1–500, offset 0–10^9."""
    make_article("Tin số 1", publish=True, at=_at(1))
    response = client.get("/api/v1/news/", query)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    assert client.get("/api/v1/news/", {"limit": 500, "offset": 10**9}).json() == {"items": [], "count": 1}
