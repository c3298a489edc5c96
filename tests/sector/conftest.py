"""Fixtures of the sector tests: the operators and the sector officer Khánh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tinhso.geo.models import Unit
from tinhso.sector.models import Operator
from tinhso.sector.services import operator_create


@pytest.fixture
def officer_khanh(persona: Callable[[str], Any]) -> Any:
    return persona("khanh")


@pytest.fixture
def operators(demo_agencies: dict[str, Any]) -> dict[str, Operator]:
    return {
        code: operator_create(actor=None, code=code, name=name, short_name=short)
        for code, name, short in [
            ("vnpt", "Viễn thông Hậu Giang (VNPT)", "VNPT"),
            ("viettel", "Viettel Hậu Giang", "Viettel"),
        ]
    }


@pytest.fixture
def district(demo_agencies: dict[str, Any]) -> Callable[[str], Unit]:
    """``district("930")`` → the row of that district valid in 2016."""
    import datetime as dt

    from tinhso.geo.selectors import unit_valid_on

    def get(code: str) -> Unit:
        unit = unit_valid_on(code, dt.date(2016, 12, 31))
        assert unit is not None
        return unit

    return get
