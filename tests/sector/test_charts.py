"""The district map: classes merge when values are too close, the legend never repeats a range, and
the demo data colours the districts in several classes."""

from __future__ import annotations

import re

import pytest

from tinhso.geo.selectors import district_boundaries
from tinhso.sector.charts import PALETTE, choropleth, classes, colour_for, palette_for

LEGEND = re.compile(r'<text [^>]*class="legend">([^<]*)</text>')
FILL = re.compile(r'<path d="[^"]*" fill="(#[0-9a-f]{6})"')


def test_classes_of_spread_values_are_five_increasing_bounds():
    values = [70.47, 121.28, 88.53, 83.97, 73.98, 79.76, 110.81, 93.45]
    bounds = classes(values, 2)
    assert len(bounds) == 5
    assert bounds == sorted(set(bounds)) and bounds[-1] == max(values)
    assert [colour_for(v, bounds) for v in (70.47, 121.28)] == [PALETTE[0], PALETTE[-1]]


@pytest.mark.parametrize(
    ("values", "decimals", "count"),
    [
        ([96.09] * 8, 2, 1),  # every district equal: one class
        ([96.094, 96.091, 96.088], 2, 1),  # equal once printed
        ([5, 5, 6], 0, 1),
        ([1, 2, 3, 4, 5, 6, 7, 8], 0, 5),
        ([10, 10, 10, 20], 0, 2),
    ],
)
def test_too_close_values_merge_classes(values, decimals, count):
    bounds = classes(values, decimals)
    assert len(bounds) == count
    printed = [round(b, decimals) for b in bounds]
    assert len(set(printed)) == len(printed)
    assert len(palette_for(len(bounds))) == len(bounds)


def _svg(values, decimals=2):
    geos = district_boundaries()
    codes = sorted(geos)
    return choropleth(
        geos,
        dict(zip(codes, values, strict=False)),
        {c: c for c in codes},
        title="Thử",
        decimals=decimals,
    )


def test_legend_of_equal_values_is_one_line_without_a_dash():
    svg = _svg([96.09] * 8)
    assert LEGEND.findall(svg) == ["96,09"]
    assert len(set(FILL.findall(svg))) == 1


def test_legend_never_repeats_a_range():
    svg = _svg([96.09, 96.09, 96.10, 96.10, 96.11, 96.09, 96.10, 96.11])
    lines = LEGEND.findall(svg)
    assert len(lines) == len(set(lines)) >= 1
    for line in lines:
        low, _, high = line.partition(" – ")
        assert not high or low != high, line
