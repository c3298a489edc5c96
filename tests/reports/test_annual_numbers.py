"""Vietnamese figures as the department writes them, and the rounding rule of "hơn" / "gần"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinhso.reports.annual import numbers as n


def test_grouping_money_counts_ratios_percent() -> None:
    assert n.grouped(30_429) == "30.429"
    assert n.grouped(1_234_567) == "1.234.567"
    assert n.money(64_000_000) == "64.000.000 đồng"
    assert n.money(150_000_000, short=True) == "150 triệu đồng"
    assert n.money(2_000_000_000, short=True) == "2 tỷ đồng"
    assert n.money(1_500_000, short=True) == "1.500.000 đồng"
    assert [n.count(x) for x in (0, 1, 6, 9, 10, 35, 41_684)] == ["0", "01", "06", "09", "10", "35", "41.684"]
    assert n.ratio(8, 8) == "8/8" and n.ratio(54, 54) == "54/54"
    assert n.percent(100) == "100%" and n.percent(Decimal("96.54")) == "96,5%"
    assert n.decimal(Decimal("91.2649")) == "91,26" and n.decimal(Decimal("6.00")) == "6"
    assert n.number(Decimal("6.00")) == "06" and n.number(Decimal("96")) == "96"
    assert n.number(Decimal("5.25")) == "5,25"


def test_comparisons() -> None:
    assert n.change(3, "lớp", against="năm 2015") == "tăng 03 lớp so với năm 2015"
    assert n.change(-2, "cuộc", against="năm 2015") == "giảm 02 cuộc so với năm 2015"
    assert n.change(0, "cuộc", against="năm 2015") == "bằng năm 2015"
    assert n.against_plan(9, 7, "cuộc") == "vượt 02 cuộc so kế hoạch"
    assert n.against_plan(7, 7, "cuộc") == "đạt 100% kế hoạch"
    assert n.against_plan(5, 7, "cuộc") == "đạt 05/07 cuộc theo kế hoạch"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (735, "hơn 700"),
        (215, "hơn 200"),
        (4_900, "gần 5.000"),
        (19_240, "hơn 19.000"),
        (700, "700"),
        (5, "05"),
        (99, "gần 100"),
        (150, "hơn 100"),
        (1_234_567, "hơn 1.200.000"),
    ],
)
def test_approx_examples(value: int, text: str) -> None:
    assert n.approx(value) == text


@given(st.integers(min_value=10, max_value=50_000_000))
def test_approx_rule(value: int) -> None:
    """ "hơn X": X < value < X + unit; "gần X": X − 2 % of X ≤ value < X; otherwise exact."""
    text = n.approx(value)
    unit = n._unit(value)
    if text.startswith("hơn "):
        x = int(text[4:].replace(".", ""))
        assert x < value < x + unit and x % unit == 0
    elif text.startswith("gần "):
        x = int(text[4:].replace(".", ""))
        assert value < x and (x - value) * 50 <= x and x % unit == 0
    else:
        assert int(text.replace(".", "")) == value and value % unit == 0
