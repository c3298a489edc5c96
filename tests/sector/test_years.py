"""Years print as 2017, never 2.017 (USE_THOUSAND_SEPARATOR groups every int a template prints),
while counts keep their grouping (41.684)."""

from __future__ import annotations

import re

import pytest

from tinhso.sector.demo import sector_demo_load

pytestmark = pytest.mark.django_db

# a grouped year where a year is printed: "năm 2.017", "?year=2.017", value="2.017", an option, a Năm cell
# (counts such as 2.021 subscribers elsewhere on the page are meant to be grouped)
GROUPED_YEAR = re.compile(r'(?:[Nn]ăm |year=|value="|data-label="Năm">|<option[^>]*>)2\.0\d\d(?!\d)')


@pytest.mark.parametrize(
    "url",
    [
        "/quan-tri/nganh/?year=2017",
        "/quan-tri/nganh/?year=2016&indicator=bts&measure=value",
        "/quan-tri/nganh/bao-cao/?year=2017",
        "/quan-tri/nganh/bao-cao/",
        "/quan-tri/nganh/chi-tieu/",
        "/quan-tri/nganh/bao-cao/nhap-excel/",
    ],
)
def test_pages_print_years_without_grouping(client, officer_khanh, url):
    sector_demo_load()
    client.force_login(officer_khanh)
    html = client.get(url).content.decode()
    assert not GROUPED_YEAR.search(html), GROUPED_YEAR.search(html)


def test_dashboard_year_title_select_and_counts(client, officer_khanh):
    sector_demo_load()
    client.force_login(officer_khanh)
    html = client.get("/quan-tri/nganh/?year=2017").content.decode()
    assert "2.017" not in html and "2.016" not in html and "2.015" not in html
    assert "<title>Chỉ tiêu viễn thông năm 2017" in html
    assert "<h1>Chỉ tiêu viễn thông năm 2017</h1>" in html
    assert '<option value="2017" selected>2017</option>' in html
    assert '<option value="2015">2015</option>' in html
    assert 'href="/quan-tri/nganh/bao-cao/?year=2017"' in html
    html16 = client.get("/quan-tri/nganh/?year=2016&indicator=telephone").content.decode()
    assert "+41.684" in html16  # counts stay grouped


def test_report_and_target_lists_print_years(client, officer_khanh):
    sector_demo_load()
    client.force_login(officer_khanh)
    html = client.get("/quan-tri/nganh/bao-cao/?year=2016").content.decode()
    assert '<td data-label="Năm">2016</td>' in html
    html = client.get("/quan-tri/nganh/chi-tieu/").content.decode()
    assert '<td data-label="Năm">2017</td>' in html
