"""Demo news of the portal, 2016–2017 (``demo_articles.ARTICLES``), written through the services.

Each article is written and submitted by the portal's editor (persona Mai) and published by the
director (persona Em) on its date (by the system when the personas are not loaded), with the audit
entries of every step. Its daily views are generated from a fixed seed (a peak on the day of
publication that fades over a few weeks) and a few readers' ratings are added. Idempotent: an
article whose slug exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from tinhso.accounts.models import User
from tinhso.demo.personas import PERSONAS_BY_KEY, SO
from tinhso.news.demo_articles import ARTICLES
from tinhso.news.models import Article
from tinhso.news.services import (
    article_create,
    article_publish,
    article_rate,
    article_submit,
    article_views_import,
    slug_from_title,
)
from tinhso.org.models import Agency

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = 20161227
LAST_DAY = dt.date(2017, 12, 31)


def _persona(key: str) -> Any:
    return User.objects.filter(username=PERSONAS_BY_KEY[key].username).first()


def demo_views(index: int, published_on: dt.date) -> dict[dt.date, int]:
    """The generated daily views of the ``index``-th demo article (same input, same numbers)."""
    rng = random.Random(SEED + index)
    peak = rng.randint(120, 700)
    decay = rng.uniform(0.78, 0.9)
    views: dict[dt.date, int] = {}
    day, expected = published_on, float(peak)
    while expected >= 1 and day <= LAST_DAY:
        views[day] = int(expected) + rng.randint(0, 4)
        day += dt.timedelta(days=1)
        expected *= decay
    return views


def demo_ratings(index: int) -> list[int]:
    rng = random.Random(SEED * 7 + index)
    return [rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 5, 10, 9])[0] for _ in range(rng.randint(0, 9))]


def news_demo_load(*, actor: Any = None) -> dict[str, int]:
    """Load the demo articles. Needs the agencies (the Sở); the editor and director personas are used
    as author and approver when they exist. Returns the counts for ``tinhso demo``."""
    so = Agency.objects.filter(code=SO).first()
    if so is None:
        raise LookupError(f"Chưa có cơ quan {SO}: hãy nạp danh mục cơ quan, đơn vị trước.")
    editor, director = _persona("mai"), _persona("em")
    existing = set(Article.objects.values_list("slug", flat=True))
    created = skipped = views = ratings = 0
    with transaction.atomic():
        for index, (published_on, category, title, summary, body) in enumerate(ARTICLES):
            slug = slug_from_title(title)
            if slug in existing:
                skipped += 1
                continue
            rng = random.Random(SEED + 1000 + index)
            published_at = dt.datetime.combine(
                published_on, dt.time(8 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=TZ
            )
            written_at = published_at - dt.timedelta(days=1, hours=rng.randint(1, 5))
            article = article_create(
                actor=editor or actor,
                agency=so,
                title=title,
                summary=summary,
                body="\n\n".join(body),
                category=category,
                slug=slug,
                at=written_at,
            )
            submitted_at = written_at + dt.timedelta(hours=2)
            article = article_submit(actor=editor or actor, article=article, at=submitted_at)
            article = article_publish(actor=director or actor, article=article, at=published_at)
            views += article_views_import(
                actor=director or actor, article=article, days=demo_views(index, published_on)
            )
            for k, value in enumerate(demo_ratings(index)):
                article_rate(
                    article_id=article.pk,
                    visitor=f"demo-{index:03d}-{k}",
                    value=value,
                    at=published_at + dt.timedelta(hours=3 * (k + 1)),
                )
                ratings += 1
            created += 1
    return {"tạo": created, "giữ nguyên": skipped, "lượt xem": views, "lượt đánh giá": ratings}
