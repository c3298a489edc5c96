"""The demo data reproduces, from records, the figures of the 2016 review."""

from __future__ import annotations

import pytest

from tinhso.programs.demo import programs_demo_load
from tinhso.programs.models import Batch, Delivery, Household, ReviewStatus
from tinhso.programs.selectors import batch_report, batches, c8_summary
from tinhso.sector import selectors
from tinhso.sector.demo import sector_demo_load
from tinhso.sector.models import Indicator

pytestmark = pytest.mark.django_db


def test_sector_demo_figures(demo_agencies):
    sector_demo_load()
    bts16, bts15 = (
        selectors.province_figure(2016, Indicator.BTS),
        selectors.province_figure(2015, Indicator.BTS),
    )
    assert bts16.growth == 35 and bts16.value - bts15.value == 35
    assert selectors.province_figure(2016, Indicator.TELEPHONE).growth == 41_684
    tel17 = selectors.province_figure(2017, Indicator.TELEPHONE)
    assert tel17.target is not None and tel17.target.value == 96
    assert tel17.density is not None and tel17.density >= 96
    bb17 = selectors.province_figure(2017, Indicator.FIXED_BROADBAND)
    assert bb17.target is not None and bb17.target.value == 6
    # districts add up to the province
    assert sum(f.value for f in selectors.district_figures(2016, Indicator.BTS)) == bts16.value
    # idempotent
    assert sector_demo_load() == {"operators": 0, "reports": 0, "targets": 0}


def test_programs_demo_figures(demo_agencies):
    programs_demo_load()
    b1, b2 = Batch.objects.get(number=1), Batch.objects.get(number=2)
    assert b1.status == Batch.Status.CLOSED and b2.status == Batch.Status.APPROVED
    assert Delivery.objects.filter(batch=b1).count() == 30_429
    assert batch_report(b1).total.delivered == 30_429
    assert b2.members.count() == 3_554
    counts = {b.number: (b.member_count, b.delivered_count) for b in batches()}
    assert counts == {1: (30_429, 30_429), 2: (3_554, 0)}
    assert Household.objects.filter(review_status=ReviewStatus.PENDING).count() == 16
    assert Household.objects.filter(eligible=False).exclude(ineligible_reason="").count() == 640
    s = c8_summary(2016)
    assert (s.rerecognised, s.new) == (53, 1)
    assert s.sentence == "54/54 xã đạt tiêu chí số 8, tỉ lệ 100%"
    assert programs_demo_load()["households"] == 0
