"""What the public tracking page costs: one query whatever the input (dossier + public milestones),
no session row read for an anonymous visitor, the layout's agency kept in memory; and what the
one-query selector returns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tinhso.core import context_processors
from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, DossierStatus, EventAction
from tinhso.onestop.selectors import PUBLIC_ACTIONS, dossier_tracking

from .conftest import ITEMS_ONE, draft, local, received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production behaviour of the layout's agency (kept a minute per process), from an empty memo."""
    monkeypatch.setattr(context_processors, "SITE_AGENCY_SECONDS", 60.0)
    monkeypatch.setattr(context_processors, "_site_agency_kept", None)


def _supplemented(procedure: Any, people: Any) -> Any:
    d = received(procedure, people, local(2017, 3, 6, 9))
    d = services.dossier_request_supplement(
        actor=people.binh, dossier=d, items=ITEMS_ONE, at=local(2017, 3, 6, 10)
    )
    return d


def test_selector_one_query_and_public_milestones_only(
    procedure: Any, people: Any, django_assert_num_queries: Any
) -> None:
    d = _supplemented(procedure, people)
    with django_assert_num_queries(1):
        tracked = dossier_tracking(code=d.code.lower(), secret=f" {d.tracking_secret.lower()} ")
    assert tracked is not None
    assert (tracked.code, tracked.status, tracked.status_label) == (d.code, 5, "Yêu cầu bổ sung")
    assert tracked.procedure_name == procedure.name and tracked.agency_name == d.agency.name
    assert tracked.promised_at == d.promised_at and tracked.submitted_at == d.submitted_at
    every = list(DossierEvent.objects.filter(dossier=d).order_by("at", "id").values_list("action", flat=True))
    assert [e.action for e in tracked.events] == [a for a in every if a in PUBLIC_ACTIONS]
    assert "create" in every and "file_add" in every  # drafting noise exists but is not shown
    supplement = tracked.events[-1]
    assert supplement.action == EventAction.REQUEST_SUPPLEMENT
    assert supplement.items == tuple(ITEMS_ONE) and supplement.status_label == "Yêu cầu bổ sung"
    assert [e.at for e in tracked.events] == sorted(e.at for e in tracked.events)


def test_selector_wrong_pairs_cost_the_same_query(
    procedure: Any, people: Any, django_assert_num_queries: Any
) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    unsent = draft(procedure, people.an, local(2017, 3, 6))
    assert unsent.status == DossierStatus.DRAFT
    for code, secret in [
        (d.code, "AAAAAAAA"),
        (d.code, ""),
        ("000.00.15.H30-991231-9999", d.tracking_secret),
        ("", ""),
    ]:
        with django_assert_num_queries(1):
            assert dossier_tracking(code=code, secret=secret) is None


def test_selector_dossier_without_public_milestone_is_still_found(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    DossierEvent.objects.filter(dossier=d, action__in=PUBLIC_ACTIONS).delete()
    tracked = dossier_tracking(code=d.code, secret=d.tracking_secret)
    assert tracked is not None and tracked.code == d.code and tracked.events == ()


def test_page_is_one_query_without_session(
    procedure: Any, people: Any, agency_kept: None, django_assert_num_queries: Any
) -> None:
    d = _supplemented(procedure, people)
    url = reverse("onestop_public:track")
    Client().get(url, {"ma": d.code, "mk": "WRONG000"})  # fills the agency memo
    visitor = Client()
    with CaptureQueriesContext(connection) as right:
        response = visitor.get(url, {"ma": d.code, "mk": d.tracking_secret})
    assert len(right.captured_queries) == 1, [q["sql"] for q in right.captured_queries]
    assert "onestop_dossierevent" in right.captured_queries[0]["sql"]
    assert "django_session" not in right.captured_queries[0]["sql"]
    assert "sessionid" not in response.cookies
    html = response.content.decode()
    assert d.code in html and "Yêu cầu bổ sung hồ sơ" in html and ITEMS_ONE[0] in html
    assert re.search(
        r'<time datetime="2017-03-06T\d\d:\d\d:\d\d[.\d]*\+07:00">\d\d:\d\d 06/03/2017</time>', html
    )
    assert d.agency.name in html  # footer: the agency from the memo
    with django_assert_num_queries(1):
        visitor.get(url, {"ma": "000.00.15.H30-991231-9999", "mk": "BBBBBBBB"})
    with django_assert_num_queries(0):
        visitor.get(url)  # the empty form


def test_page_shows_apology_date(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    new = local(2017, 3, 15, 16)
    services.dossier_apologize(
        actor=people.binh, dossier=d, reason="Cần xác minh thêm", new_promised_at=new, at=local(2017, 3, 7, 9)
    )
    html = (
        Client()
        .get(reverse("onestop_public:track"), {"ma": d.code, "mk": d.tracking_secret})
        .content.decode()
    )
    assert "Ngày hẹn trả kết quả mới: 16:00 15/03/2017" in html
    assert "Hẹn trả kết quả</dt><dd>16:00 15/03/2017" in html


def test_agency_memo_expires(agency_kept: None, demo_agencies: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    first = context_processors.site_agency_kept()
    assert first == context_processors.site_agency()
    calls: list[int] = []
    real = context_processors.site_agency
    monkeypatch.setattr(context_processors, "site_agency", lambda: calls.append(1) or real())
    assert context_processors.site_agency_kept() is first and calls == []
    monkeypatch.setattr(context_processors, "SITE_AGENCY_SECONDS", 0.0)
    context_processors.site_agency_kept()
    assert calls == [1]


def test_compiled_lookup_gives_what_the_orm_gives(procedure: Any, people: Any) -> None:
    """The selector runs the query compiled once; its rows — datetimes, JSON data, NULLs of the join —
    are those the ORM gives for the same queryset."""
    from tinhso.onestop.selectors import _tracking_queryset, _tracking_rows

    d = _supplemented(procedure, people)
    plain = received(procedure, people, local(2017, 3, 7, 9))
    DossierEvent.objects.filter(dossier=plain, action__in=PUBLIC_ACTIONS).delete()  # the join's NULL row
    for code in (d.code, plain.code, "000.00.15.H30-991231-9999"):
        assert _tracking_rows(code) == list(_tracking_queryset(code))
    rows = _tracking_rows(d.code)
    assert rows[-1][9] == EventAction.REQUEST_SUPPLEMENT and rows[-1][12]["items"] == ITEMS_ONE
    assert all(r[8].tzinfo is not None for r in rows)


def test_lookup_is_a_prepared_statement_on_postgresql(procedure: Any, people: Any) -> None:
    """PostgreSQL plans the four-table join once per connection, not once per lookup."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL matter")
    d = received(procedure, people, local(2017, 3, 6, 9))
    for _ in range(8):
        assert dossier_tracking(code=d.code, secret=d.tracking_secret) is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s AND statement LIKE %s",
            ["%onestop_dossierevent%", "%tracking_secret%"],
        )
        assert cursor.fetchone()[0] >= 1


def test_only_fixed_words_and_numbers_are_written_into_the_statement() -> None:
    """The compiled lookup binds the visitor's code; the constants it inlines are plain words and integers,
    anything else (quotes, capitals, the code itself) stays a parameter."""
    from tinhso.onestop.selectors import _CODE_PLACEHOLDER, _inline_constants

    sql, kept = _inline_constants(
        "a IN (%s, %s) AND code = %s AND status = %s AND note = %s AND flag = %s",
        ["submit", "request_supplement", _CODE_PLACEHOLDER, 0, "x' OR '1'='1", True],
    )
    assert (
        sql
        == "a IN ('submit', 'request_supplement') AND code = %s AND status = 0 AND note = %s AND flag = %s"
    )
    assert kept == [_CODE_PLACEHOLDER, "x' OR '1'='1", True]
    assert _inline_constants("a = %s", [1, 2]) == ("a = %s", [1, 2])  # placeholders do not match: as is
