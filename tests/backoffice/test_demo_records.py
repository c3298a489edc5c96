"""The demo records loop (``records_ensure``): values parsed by the model's fields, units looked up on a
date, records skipped by natural key, nested values passed to the create service."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tinhso.activities.models import Endpoint, Event
from tinhso.activities.services import endpoint_create, event_create
from tinhso.backoffice.demo_records import records_ensure, row_values, section_rows
from tinhso.core.models import AuditEntry
from tinhso.emulation.models import AwardDecision

pytestmark = pytest.mark.django_db

ON = dt.date(2016, 12, 31)
ROWS = [
    {"name": "Điểm cầu UBND tỉnh", "unit": "93"},
    {"name": "Điểm cầu Vị Thanh", "unit": "930", "location": "Hội trường"},
]


def test_sections_with_defaults() -> None:
    section = {
        "defaults": {"kind": "hop_mat", "place": "Hội trường"},
        "rows": [{"title": "A"}, {"place": "B"}],
    }
    assert section_rows(section) == [
        {"kind": "hop_mat", "place": "Hội trường", "title": "A"},
        {"kind": "hop_mat", "place": "B"},
    ]
    assert section_rows([{"title": "A"}]) == [{"title": "A"}]


def test_records_are_created_once_and_returned_in_order(demo_agencies: Any) -> None:
    first = records_ensure(
        actor=None, model=Endpoint, rows=ROWS, natural_key=("name",), create=endpoint_create, on=ON
    )
    assert (first.created, first.skipped) == (2, 0)
    assert [(e.name, e.unit.code, e.location) for e in first.records] == [
        ("Điểm cầu UBND tỉnh", "93", ""),
        ("Điểm cầu Vị Thanh", "930", "Hội trường"),
    ]
    audited = AuditEntry.objects.filter(action="activities.endpoint_create").count()
    again = records_ensure(
        actor=None, model=Endpoint, rows=ROWS[::-1], natural_key=("name",), create=endpoint_create, on=ON
    )
    assert (again.created, again.skipped) == (0, 2)
    assert [e.pk for e in again.records] == [e.pk for e in first.records[::-1]]
    assert AuditEntry.objects.filter(action="activities.endpoint_create").count() == audited


def test_dates_are_parsed_and_units_looked_up_on_the_record_start(demo_agencies: Any) -> None:
    row = {
        "kind": "hop_mat",
        "title": "Họp mặt",
        "starts_on": "2016-01-29",
        "district": "930",
        "participants": 215,
    }
    values = row_values(Event, row)
    assert values["starts_on"] == dt.date(2016, 1, 29) and values["district"].code == "930"
    [event] = records_ensure(
        actor=None,
        model=Event,
        rows=[{**row, "place": "Hội trường UBND tỉnh"}],
        natural_key=lambda v: {"title": v["title"], "starts_on__year": v["starts_on"].year},
        create=event_create,
    ).records
    assert (event.starts_on, event.participants) == (dt.date(2016, 1, 29), 215)


def test_bad_rows_are_refused(db: None) -> None:
    with pytest.raises(
        LookupError, match=re.escape("Chưa có đơn vị hành chính 930: hãy nạp dữ liệu địa giới trước.")
    ):
        row_values(Endpoint, {"name": "X", "unit": "930"}, ON)
    with pytest.raises(KeyError):
        row_values(Endpoint, {"name": "X", "room": "1"}, ON)
    with pytest.raises(TypeError, match="only administrative units"):
        row_values(AwardDecision, {"movement": "Phong trào"}, ON)
