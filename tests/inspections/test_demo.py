"""The demo data reproduce the 2016 review: 9 inspections against a plan of 7, 25 violations, 64.000.000 đồng
paid into the state budget; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.inspections.demo import inspections_demo_load
from tinhso.inspections.models import Inspection, SanctionDecision
from tinhso.inspections.selectors import year_summary

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_2016_review(demo_agencies: Any) -> None:
    first = inspections_demo_load()
    assert first.inspections_created == len(Inspection.objects.all()) > 9
    s = year_summary(year=2016)
    assert (s.planned, s.conducted, s.over_plan) == (7, 9, 2)
    assert (s.conducted_planned, s.conducted_ad_hoc) == (7, 2)
    assert s.violations == 25
    assert (s.fines_decided, s.fines_paid, s.fines_unpaid) == (64_000_000, 64_000_000, 0)
    assert {r.field for r in s.by_field} == {"buu_chinh", "vien_thong", "internet", "xuat_ban", "tan_so"}
    assert all(
        d.decree.code == "174/2013/NĐ-CP"
        for d in [
            v for i in Inspection.objects.filter(year=2016) for v in i.violations.select_related("decree")
        ]
    )

    counts = (Inspection.objects.count(), SanctionDecision.objects.count())
    again = inspections_demo_load()
    assert (again.inspections_created, again.decisions_created, again.plans_created) == (0, 0, 0)
    assert (Inspection.objects.count(), SanctionDecision.objects.count()) == counts
