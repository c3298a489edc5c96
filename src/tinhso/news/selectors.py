"""Reads of the portal's news shared by the portal pages, the back office, the API and the annual
report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, QuerySet, Sum
from django.utils import timezone

from tinhso.core.vntext import folded_q
from tinhso.news import access
from tinhso.news.models import Article, ArticleRating, ArticleStatus, ArticleViewDay, Category

LIST_FIELDS = ("id", "title", "slug", "summary", "category", "published_at", "view_count")


def published_articles(*, q: str | None = None, category: str | None = None) -> QuerySet[Article]:
    """Published articles, newest first; ``category`` a ``Category`` value (others are ignored);
    ``q`` searched without tone marks in the title, summary and body ("chu ky so" finds "chữ ký số")."""
    qs = Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())
    if category and category in Category.values:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(folded_q("search_text", q))
    return qs.only(*LIST_FIELDS).order_by("-published_at", "-id")


def latest_articles(*, limit: int = 4) -> list[Article]:
    return list(published_articles()[:limit])


def published_article(*, slug: str) -> Article | None:
    """The published article at ``slug``, or None (drafts, articles awaiting approval and those taken
    down are not public)."""
    return (
        Article.objects.filter(slug=slug, status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())
        .select_related("agency")
        .first()
    )


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: float | None  # None when nobody has rated yet
    by_value: dict[int, int] = field(default_factory=dict)


def article_rating(*, article_id: int) -> RatingSummary:
    """The number of ratings, their average and the count of each score (one query)."""
    rows = dict(
        ArticleRating.objects.filter(article_id=article_id)
        .values_list("value")
        .annotate(n=Count("id"))
        .order_by()
    )
    count = sum(rows.values())
    average = sum(v * n for v, n in rows.items()) / count if count else None
    return RatingSummary(count=count, average=average, by_value={v: rows.get(v, 0) for v in range(1, 6)})


def visitor_rating(*, article_id: int, visitor: str | None) -> int | None:
    """The score this visitor gave the article, or None."""
    if not visitor:
        return None
    return (
        ArticleRating.objects.filter(article_id=article_id, visitor=visitor)
        .values_list("value", flat=True)
        .first()
    )


def office_articles(*, user: Any, status: str | None = None, q: str | None = None) -> QuerySet[Article]:
    """The articles the back office shows ``user``: those of the departments where they write or
    approve (all for a superuser), most recently changed first."""
    qs = Article.objects.select_related("author", "approver", "agency")
    if not (getattr(user, "is_superuser", False) and user.is_active):
        qs = qs.filter(agency_id__in=access.department_ids(user))
    if status and status in ArticleStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(folded_q("search_text", q))
    return qs.order_by("-updated_at", "-id")


def office_status_counts(*, user: Any) -> dict[str, int]:
    rows = office_articles(user=user).values_list("status").annotate(n=Count("id")).order_by()
    return {s: n for s, n in rows}


@dataclass(frozen=True)
class PortalYear:
    """The portal's news in one year, for the annual report."""

    published: int  # articles first published in the year and still on the portal
    by_category: dict[str, int]
    views: int  # views counted on days of the year (ArticleViewDay), any article
    ratings: int
    rating_average: float | None


def portal_year(*, year: int) -> PortalYear:
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    by_category = dict(
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__gte=start, published_at__lt=end)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    views = (
        ArticleViewDay.objects.filter(day__gte=dt.date(year, 1, 1), day__lte=dt.date(year, 12, 31)).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    ratings = ArticleRating.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        n=Count("id"), avg=Avg("value")
    )
    return PortalYear(
        published=sum(by_category.values()),
        by_category=by_category,
        views=int(views),
        ratings=ratings["n"],
        rating_average=float(ratings["avg"]) if ratings["avg"] is not None else None,
    )
