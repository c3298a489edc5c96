"""The demo per-district figures are plausible and varied: the towns lead the countryside for every
indicator, the map shows several colours, and the province totals stay those of the 2016 review."""

from __future__ import annotations

import re

import pytest

from tinhso.sector import selectors
from tinhso.sector.demo import sector_demo_load
from tinhso.sector.models import Indicator

pytestmark = pytest.mark.django_db

URBAN = ("930", "931")  # Thành phố Vị Thanh, Thị xã Ngã Bảy
RURAL = ("934", "936")  # Huyện Phụng Hiệp, Huyện Long Mỹ


@pytest.mark.parametrize("year", [2015, 2016, 2017])
def test_towns_lead_the_countryside_for_every_indicator(demo_agencies, year):
    sector_demo_load()
    for indicator in Indicator.values:
        figures = {f.code: f for f in selectors.district_figures(year, indicator)}
        density = {code: f.value / f.population for code, f in figures.items() if f.population}
        assert len(density) == 8
        assert min(density[c] for c in URBAN) > max(density[c] for c in RURAL), (indicator, density)
        # varied: no two districts share a density, the spread is wide
        assert len(set(density.values())) == len(density)
        assert max(density.values()) > min(density.values()) * 1.3, (indicator, density)
        # the districts add up to the province
        assert sum(f.value for f in figures.values()) == selectors.province_figure(year, indicator).value


def test_province_totals_of_the_review(demo_agencies):
    sector_demo_load()
    assert selectors.province_figure(2016, Indicator.BTS).growth == 35
    assert selectors.province_figure(2016, Indicator.TELEPHONE).growth == 41_684
    tel17 = selectors.province_figure(2017, Indicator.TELEPHONE)
    assert tel17.target is not None and tel17.target.value == 96 and tel17.density is not None
    assert tel17.density >= 96
    bb17 = selectors.province_figure(2017, Indicator.FIXED_BROADBAND)
    assert bb17.target is not None and bb17.target.value == 6 and bb17.density >= 6


def test_dashboard_map_has_several_colours_and_distinct_legend(client, director_em):
    sector_demo_load()
    client.force_login(director_em)
    html = client.get("/quan-tri/nganh/?year=2016&indicator=telephone&measure=density").content.decode()
    fills = re.findall(r'<path d="[^"]*" fill="(#[0-9a-f]{6})"', html)
    assert len(fills) == 8 and len(set(fills)) >= 4
    legend = re.findall(r'<text [^>]*class="legend">([^<]*)</text>', html)
    assert len(legend) == 5 and len(set(legend)) == 5
    assert "96,09 – 96,09" not in html
