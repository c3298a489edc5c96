"""Fixtures of the inspection tests: inspector Long, and one inspection built through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.inspections.models import Inspection
from tinhso.inspections.services import inspection_create


@pytest.fixture
def inspector_long(persona: Callable[[str], Any]) -> Any:
    return persona("long")


@pytest.fixture
def officer_khanh(persona: Callable[[str], Any]) -> Any:
    return persona("khanh")


@pytest.fixture
def make_inspection(inspector_long: Any) -> Callable[..., Inspection]:
    def make(**overrides: Any) -> Inspection:
        values: dict[str, Any] = {
            "kind": "kiem_tra",
            "field": "vien_thong",
            "basis": "theo_ke_hoach",
            "subject": "Viễn thông Hậu Giang (VNPT)",
            "start_date": dt.date(2016, 5, 10),
            "end_date": dt.date(2016, 5, 12),
            "team_leader": "Trương Văn Long",
        }
        values.update(overrides)
        return inspection_create(actor=inspector_long, **values)

    return make
