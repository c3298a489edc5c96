"""The demo news: 40 articles of 2016–2017 through the services, views and ratings from a fixed seed,
idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.models import AuditEntry
from tinhso.news.demo import demo_views, news_demo_load
from tinhso.news.demo_articles import ARTICLES
from tinhso.news.models import Article, ArticleRating, ArticleStatus, ArticleViewDay
from tinhso.news.selectors import portal_year

pytestmark = pytest.mark.django_db


def test_demo_loads_published_articles_and_is_idempotent(mai: Any, em: Any) -> None:
    result = news_demo_load()
    assert result["tạo"] == len(ARTICLES) == 40 and result["giữ nguyên"] == 0
    assert Article.objects.filter(status=ArticleStatus.PUBLISHED).count() == 40
    years = {a.published_at.year for a in Article.objects.all()}
    assert years == {2016, 2017}
    assert set(Article.objects.values_list("author", flat=True)) == {mai.pk}
    assert set(Article.objects.values_list("approver", flat=True)) == {em.pk}
    total_views = sum(Article.objects.values_list("view_count", flat=True))
    assert total_views == result["lượt xem"] == sum(ArticleViewDay.objects.values_list("count", flat=True))
    assert ArticleRating.objects.count() == result["lượt đánh giá"] > 0
    seed = Article.objects.get(
        slug="so-thong-tin-va-truyen-thong-tinh-hau-giang-trien-khai-nhiem-vu-cong-tac-nam-2017"
    )
    assert "Phạm Văn Tửu" in seed.body and seed.published_at.date().isoformat() == "2016-12-29"
    entries = AuditEntry.objects.count()
    again = news_demo_load()
    assert again["tạo"] == 0 and again["giữ nguyên"] == 40 and again["lượt xem"] == 0
    assert Article.objects.count() == 40 and AuditEntry.objects.count() == entries
    assert portal_year(year=2016).published == 20 and portal_year(year=2016).views > 0


def test_generated_views_are_deterministic() -> None:
    import datetime as dt

    assert demo_views(3, dt.date(2016, 5, 1)) == demo_views(3, dt.date(2016, 5, 1))
    assert demo_views(3, dt.date(2016, 5, 1)) != demo_views(4, dt.date(2016, 5, 1))
    assert max(demo_views(39, dt.date(2017, 12, 27))) <= dt.date(2017, 12, 31)
