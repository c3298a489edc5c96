"""Years on the programme pages and in the handover record print as 2016, never 2.016."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tinhso.programs.handover import handover_html
from tinhso.programs.models import Poverty
from tinhso.programs.services import (
    batch_add_eligible,
    batch_approve,
    batch_create,
    batch_start_delivery,
    delivery_record,
    household_create,
    stock_receive,
)

pytestmark = pytest.mark.django_db

# a grouped year where a year is printed: "năm 2.017", "?year=2.017", value="2.017", an option, a Năm cell
# (counts such as 2.021 subscribers elsewhere on the page are meant to be grouped)
GROUPED_YEAR = re.compile(r'(?:[Nn]ăm |year=|value="|data-label="Năm">|<option[^>]*>)2\.0\d\d(?!\d)')


@pytest.fixture
def delivered(officer_khanh, director_em, commune, xa_codes):
    household = household_create(
        actor=officer_khanh,
        head_name="Trần Văn Tư",
        citizen_id="363000777",
        hamlet="Ấp 2",
        commune=commune(xa_codes[0]),
        poverty=Poverty.POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )
    batch = batch_create(actor=officer_khanh, number=1, name="Đợt 1", year=2016, list_year=2016)
    batch_add_eligible(actor=officer_khanh, batch=batch)
    batch_approve(actor=director_em, batch=batch, decision="12/QĐ-UBND")
    batch_start_delivery(actor=officer_khanh, batch=batch)
    stock_receive(
        actor=officer_khanh,
        batch=batch,
        commune=household.commune,
        quantity=1,
        received_on=dt.date(2016, 9, 1),
    )
    delivery = delivery_record(
        actor=officer_khanh,
        batch=batch,
        household=household,
        serial="HG-2016-000001",
        receiver_name="Trần Văn Tư",
        delivered_on=dt.date(2016, 9, 12),
    )
    return batch, delivery


def _pages(batch, xa):
    return [
        "/quan-tri/chuong-trinh/?year=2016",
        "/quan-tri/chuong-trinh/ho-gia-dinh/",
        "/quan-tri/chuong-trinh/dot/",
        f"/quan-tri/chuong-trinh/dot/{batch.pk}/",
        "/quan-tri/chuong-trinh/tieu-chi-8/?year=2016",
        f"/quan-tri/chuong-trinh/tieu-chi-8/{xa}/2016/",
    ]


def test_pages_print_years_without_grouping(client, officer_khanh, delivered, xa_codes):
    batch, _ = delivered
    client.force_login(officer_khanh)
    for url in _pages(batch, xa_codes[0]):
        r = client.get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        assert not GROUPED_YEAR.search(html), (url, GROUPED_YEAR.search(html))
    html = client.get("/quan-tri/chuong-trinh/tieu-chi-8/?year=2016").content.decode()
    assert 'name="year" value="2016"' in html
    assert "năm 2016</h1>" in html
    html = client.get(f"/quan-tri/chuong-trinh/dot/{batch.pk}/").content.decode()
    assert "<dd>2016</dd>" in html
    html = client.get("/quan-tri/chuong-trinh/ho-gia-dinh/").content.decode()
    assert "Hộ nghèo (2016)" in html


def test_handover_record_prints_the_list_year(delivered):
    _, delivery = delivered
    html = handover_html(delivery)
    assert "danh sách năm 2016" in html
    assert "năm 2016," in html  # the date line: "ngày 12 tháng 09 năm 2016"
    assert not GROUPED_YEAR.search(html)
