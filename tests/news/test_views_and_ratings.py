"""View counting (total and day rows) and ratings in the services, including simultaneous views on
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from tinhso.core.errors import Conflict, InvalidInput, NotFound
from tinhso.news.models import Article, ArticleRating, ArticleViewDay
from tinhso.news.selectors import article_rating, portal_year
from tinhso.news.services import article_rate, article_view_record, article_views_import

TZ = timezone.get_current_timezone()


@pytest.mark.django_db
def test_views_go_to_the_local_day(make_article: Any) -> None:
    a = make_article(publish=True, at=dt.datetime(2016, 12, 1, tzinfo=TZ))
    # 23:30 UTC on 31/12/2016 is 06:30 on 01/01/2017 in Hà Nội
    article_view_record(article_id=a.pk, at=dt.datetime(2016, 12, 31, 23, 30, tzinfo=dt.UTC))
    article_view_record(article_id=a.pk, at=dt.datetime(2016, 12, 31, 10, 0, tzinfo=TZ))
    article_view_record(article_id=a.pk, at=dt.datetime(2016, 12, 31, 11, 0, tzinfo=TZ))
    rows = dict(ArticleViewDay.objects.values_list("day", "count"))
    assert rows == {dt.date(2016, 12, 31): 2, dt.date(2017, 1, 1): 1}
    a.refresh_from_db()
    assert a.view_count == 3
    assert portal_year(year=2016).views == 2 and portal_year(year=2017).views == 1


@pytest.mark.django_db
def test_a_view_of_an_unpublished_article_writes_nothing(make_article: Any) -> None:
    a = make_article()
    assert article_view_record(article_id=a.pk) is False
    assert article_view_record(article_id=999_999) is False
    assert not ArticleViewDay.objects.exists()


@pytest.mark.django_db
def test_ratings_once_per_visitor_and_average(make_article: Any) -> None:
    a = make_article(publish=True)
    article_rate(article_id=a.pk, visitor="c1", value=5)
    article_rate(article_id=a.pk, visitor="c2", value="2")
    with pytest.raises(Conflict):
        article_rate(article_id=a.pk, visitor="c1", value=1)
    for bad in (0, 6, "x", None, True, 3.5):
        with pytest.raises(InvalidInput):
            article_rate(article_id=a.pk, visitor="c3", value=bad)
    with pytest.raises(InvalidInput):
        article_rate(article_id=a.pk, visitor="", value=3)
    draft = make_article("Bản nháp")
    with pytest.raises(NotFound):
        article_rate(article_id=draft.pk, visitor="c1", value=3)
    summary = article_rating(article_id=a.pk)
    assert (summary.count, summary.average) == (2, 3.5)
    assert summary.by_value == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}
    assert ArticleRating.objects.count() == 2


@pytest.mark.django_db
def test_views_import_only_into_an_article_without_views(make_article: Any, em: Any, chi: Any) -> None:
    from tinhso.core.errors import NotAllowed

    a = make_article(publish=True)
    days = {dt.date(2016, 12, 1): 10, dt.date(2016, 12, 2): 5, dt.date(2016, 12, 3): 0}
    with pytest.raises(NotAllowed):
        article_views_import(actor=chi, article=a, days=days)
    assert article_views_import(actor=em, article=a, days=days) == 15
    a.refresh_from_db()
    assert a.view_count == 15 and ArticleViewDay.objects.filter(article=a).count() == 2
    with pytest.raises(Conflict):
        article_views_import(actor=em, article=a, days=days)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cần PostgreSQL để chạy song song")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_views_are_all_counted(make_article: Any) -> None:
    a = make_article(publish=True)
    threads_n, per_thread = 8, 25
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):
                article_view_record(article_id=a.pk)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    a.refresh_from_db()
    assert a.view_count == threads_n * per_thread
    day = ArticleViewDay.objects.get(article=a)
    assert day.count == threads_n * per_thread


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cần PostgreSQL để chạy song song")
@pytest.mark.django_db(transaction=True)
def test_one_visitor_rating_twice_at_once_counts_once(make_article: Any) -> None:
    a = make_article(publish=True)
    barrier = threading.Barrier(4)
    results: list[str] = []

    def rate() -> None:
        try:
            barrier.wait()
            article_rate(article_id=a.pk, visitor="c-same", value=5)
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=rate) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "conflict", "conflict", "ok"]
    assert Article.objects.get(pk=a.pk).ratings.count() == 1
