"""Fixtures of the programme tests: the sector officer Khánh and communes of 2016."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.geo.models import Unit


@pytest.fixture
def officer_khanh(persona: Callable[[str], Any]) -> Any:
    return persona("khanh")


@pytest.fixture
def commune(demo_agencies: dict[str, Any]) -> Callable[[str], Unit]:
    """``commune("31474")`` → the row of that commune valid on 31/12/2016."""
    from tinhso.geo.selectors import unit_valid_on

    def get(code: str) -> Unit:
        unit = unit_valid_on(code, dt.date(2016, 12, 31))
        assert unit is not None, code
        return unit

    return get


@pytest.fixture
def xa_codes(demo_agencies: dict[str, Any]) -> list[str]:
    from tinhso.programs.selectors import communes_of_year

    return [u.code for u in communes_of_year(2016)]
