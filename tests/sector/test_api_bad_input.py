"""Out-of-range years in the sector API answer 422 with the house error body and write nothing
(schemathesis found ``dt.date(year, 12, 31)`` failing with a 500 for year 0 or 10^20)."""

from __future__ import annotations

import json

import pytest

from tinhso.core.models import AuditEntry
from tinhso.sector.models import IndicatorReport, Operator, Target

pytestmark = pytest.mark.django_db

HUGE = 10**20


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _rejected(response) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_input" and body["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize("year", [0, -470, 20284394, HUGE])
def test_target_with_impossible_year(client, officer_khanh, operators, year) -> None:
    client.force_login(officer_khanh)
    audited = AuditEntry.objects.count()
    body = {"year": year, "unit_code": "930", "indicator": "fixed_bb", "mode": "per_100", "value": "15"}
    _rejected(_post(client, "/api/v1/sector/targets", body))
    report = {"year": year, "operator": "vnpt", "district_code": "930", "bts_stations": 1}
    _rejected(_post(client, "/api/v1/sector/reports", report))
    assert not Target.objects.exists() and not IndicatorReport.objects.exists()
    assert AuditEntry.objects.count() == audited


def test_reads_with_impossible_year(client, officer_khanh) -> None:
    client.force_login(officer_khanh)
    for url in (
        "/api/v1/sector/figures?year=0",
        f"/api/v1/sector/targets?year={HUGE}",
        "/api/v1/sector/reports?year=-1",
    ):
        _rejected(client.get(url))


def test_operator_order_out_of_range(client, officer_khanh) -> None:
    """A negative order reached the PositiveSmallIntegerField's CHECK constraint (500)."""
    client.force_login(officer_khanh)
    _rejected(
        _post(client, "/api/v1/sector/operators", {"code": "mobifone", "name": "MobiFone", "order": -1})
    )
    assert not Operator.objects.filter(code="mobifone").exists()
