"""The portal sentence of the year-end review is computed from the news records of the year:
articles published in the year (by category) and views counted on days of the year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tinhso.news.services import (
    article_create,
    article_publish,
    article_rate,
    article_submit,
    article_unpublish,
    article_view_record,
)
from tinhso.reports.annual.compose import annual_report, portal_sentence
from tinhso.reports.annual.figures import annual_figures

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def _published(so: Any, title: str, category: str, at: dt.datetime) -> Any:
    a = article_create(actor=None, agency=so, title=title, summary="T.", body="N.", category=category, at=at)
    a = article_submit(actor=None, article=a, at=at)
    return article_publish(actor=None, article=a, at=at)


def test_records_change_the_portal_sentence(demo_agencies: dict[str, Any]) -> None:
    so = demo_agencies["000.00.15.H30"]
    assert portal_sentence(annual_figures(2016)) == (
        "Cổng thông tin điện tử: chưa có số liệu tin bài, lượt xem năm 2016 trên nền tảng."
    )
    a = _published(so, "Tập huấn chữ ký số", "chuyen_doi_so", dt.datetime(2016, 10, 25, 9, tzinfo=TZ))
    for hour in (9, 10, 11):
        article_view_record(article_id=a.pk, at=dt.datetime(2016, 10, 25, hour, tzinfo=TZ))
    article_view_record(article_id=a.pk, at=dt.datetime(2017, 1, 3, 9, tzinfo=TZ))  # next year's view
    af = annual_figures(2016)
    assert portal_sentence(af) == (
        "Cổng thông tin điện tử đã đăng 01 tin bài (Chuyển đổi số 01), thu hút 03 lượt xem tin bài."
    )
    assert (af.figure("portal_articles").value, af.figure("portal_views").value) == (1, 3)
    assert "đã đăng 01 tin bài" in annual_report(2016).text()

    b = _published(so, "Thông báo nghỉ Tết", "thong_bao", dt.datetime(2016, 12, 30, 8, tzinfo=TZ))
    c = _published(so, "Ngày sách Việt Nam", "thong_bao", dt.datetime(2016, 4, 21, 8, tzinfo=TZ))
    article_rate(article_id=b.pk, visitor="c1", value=4, at=dt.datetime(2016, 12, 30, 9, tzinfo=TZ))
    article_rate(article_id=b.pk, visitor="c2", value=5, at=dt.datetime(2016, 12, 30, 10, tzinfo=TZ))
    assert portal_sentence(annual_figures(2016)) == (
        "Cổng thông tin điện tử đã đăng 03 tin bài (Thông báo 02, Chuyển đổi số 01), thu hút 03 lượt xem "
        "tin bài; 02 lượt bạn đọc đánh giá, điểm bình quân 4,5/5."
    )
    # taken down: no longer counted as published; its views stay in the year's views
    article_unpublish(actor=None, article=c)
    article_unpublish(actor=None, article=a)
    assert portal_sentence(annual_figures(2016)).startswith(
        "Cổng thông tin điện tử đã đăng 01 tin bài (Thông báo 01), thu hút 03 lượt xem tin bài"
    )
    # 2017: no article published, but views counted
    assert portal_sentence(annual_figures(2017)) == (
        "Cổng thông tin điện tử không đăng tin bài mới trong năm 2017, thu hút 01 lượt xem tin bài."
    )
