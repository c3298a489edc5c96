"""Fixtures of the activity tests: sector officer Khánh, districts, video-conference endpoints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.activities.models import Endpoint
from tinhso.activities.services import endpoint_create
from tinhso.geo.models import Unit
from tinhso.geo.selectors import unit_valid_on


@pytest.fixture
def officer_khanh(persona: Callable[[str], Any]) -> Any:
    return persona("khanh")


@pytest.fixture
def unit(demo_agencies: dict[str, Any]) -> Callable[[str], Unit]:
    """``unit("930")`` → the row of that unit valid on 31/12/2016."""

    def get(code: str) -> Unit:
        row = unit_valid_on(code, dt.date(2016, 12, 31))
        assert row is not None
        return row

    return get


@pytest.fixture
def endpoints(officer_khanh: Any, unit: Callable[[str], Unit]) -> dict[str, Endpoint]:
    return {
        code: endpoint_create(actor=officer_khanh, name=name, unit=unit(code), location="Phòng họp")
        for code, name in [
            ("93", "Điểm cầu UBND tỉnh"),
            ("930", "Điểm cầu UBND thành phố Vị Thanh"),
            ("936", "Điểm cầu UBND huyện Long Mỹ"),
        ]
    }
