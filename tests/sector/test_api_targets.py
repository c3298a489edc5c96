"""Targets, operators and report corrections through the API, with the same role checks as the pages:
the sector officer writes, the director reads, a citizen gets nothing."""

from __future__ import annotations

import json

import pytest

from tinhso.core.models import AuditEntry
from tinhso.sector.demo import sector_demo_load
from tinhso.sector.models import IndicatorReport, Operator, Target

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("error::DeprecationWarning:ninja.*")]


def _json(client, method, url, body=None):
    return getattr(client, method)(
        url, json.dumps(body) if body is not None else None, content_type="application/json"
    )


def test_targets_list_set_replace_delete(client, officer_khanh, director_em, persona):
    sector_demo_load()
    client.force_login(officer_khanh)
    listed = client.get("/api/v1/sector/targets?year=2017").json()
    tel = next(t for t in listed if t["indicator"] == "telephone" and t["unit_code"] == "93")
    assert (tel["mode"], float(tel["value"]), float(tel["achieved"])) == ("per_100", 96.0, 96.09)
    assert float(tel["progress"]) == pytest.approx(100.09, abs=0.01)

    body = {"year": 2017, "unit_code": "930", "indicator": "fixed_bb", "mode": "per_100", "value": "15"}
    r = _json(client, "post", "/api/v1/sector/targets", body)
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["unit_name"] == "Thành phố Vị Thanh" and float(created["achieved"]) == 17.06
    assert float(created["progress"]) == pytest.approx(113.73, abs=0.01)
    # same year, unit and indicator: replaced, not duplicated
    r = _json(client, "post", "/api/v1/sector/targets", {**body, "value": "18", "note": "Điều chỉnh"})
    assert r.status_code == 200 and r.json()["id"] == created["id"]
    assert Target.objects.get(pk=created["id"]).value == 18
    # rules of the service: BTS only absolute, no negative value, a commune is not a target area
    r = _json(client, "post", "/api/v1/sector/targets", {**body, "indicator": "bts"})
    assert r.status_code == 400 and "số tuyệt đối" in r.json()["message"]
    assert _json(client, "post", "/api/v1/sector/targets", {**body, "value": "-1"}).status_code == 400
    r = _json(client, "post", "/api/v1/sector/targets", {**body, "unit_code": "31474"})
    assert r.status_code == 400 and "toàn tỉnh hoặc cấp huyện" in r.json()["message"]

    # the director reads but may not change or delete
    client.force_login(director_em)
    assert any(t["id"] == created["id"] for t in client.get("/api/v1/sector/targets").json())
    assert _json(client, "post", "/api/v1/sector/targets", body).status_code == 403
    assert client.delete(f"/api/v1/sector/targets/{created['id']}").status_code == 403
    client.force_login(persona("an"))
    assert client.get("/api/v1/sector/targets").status_code == 403

    client.force_login(officer_khanh)
    r = client.delete(f"/api/v1/sector/targets/{created['id']}")
    assert r.status_code == 204
    assert not Target.objects.filter(pk=created["id"]).exists()
    assert client.delete(f"/api/v1/sector/targets/{created['id']}").status_code == 404
    assert AuditEntry.objects.filter(action="sector.target_delete").count() == 1
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/sector/targets", "/api/v1/sector/targets/{target_id}"} <= set(paths)


def test_operators_and_report_correction(client, officer_khanh, director_em):
    sector_demo_load()
    client.force_login(officer_khanh)
    assert len(client.get("/api/v1/sector/operators").json()) == 7
    r = _json(
        client, "post", "/api/v1/sector/operators", {"code": "itel", "name": "Itelecom", "short_name": "iTel"}
    )
    assert r.status_code == 201
    op = r.json()
    assert _json(client, "post", "/api/v1/sector/operators", {"code": "itel", "name": "x"}).status_code == 409
    r = _json(
        client,
        "put",
        f"/api/v1/sector/operators/{op['id']}",
        {"name": "Công ty Itelecom", "short_name": "iTel", "is_active": False},
    )
    assert r.status_code == 200 and Operator.objects.get(code="itel").is_active is False

    report = IndicatorReport.objects.filter(year=2016, operator__code="vnpt", district__code="930").get()
    values = {
        "bts_stations": report.bts_stations + 1,
        "fixed_subscribers": report.fixed_subscribers,
        "mobile_subscribers": report.mobile_subscribers,
        "fixed_broadband": report.fixed_broadband,
        "mobile_broadband": report.mobile_broadband,
        "note": "Bổ sung 01 trạm",
    }
    r = _json(client, "put", f"/api/v1/sector/reports/{report.pk}", values)
    assert r.status_code == 200 and r.json()["bts_stations"] == report.bts_stations + 1
    r = _json(client, "put", f"/api/v1/sector/reports/{report.pk}", {**values, "mobile_broadband": -5})
    assert r.status_code == 400
    client.force_login(director_em)
    assert _json(client, "put", f"/api/v1/sector/reports/{report.pk}", values).status_code == 403
    assert _json(client, "put", f"/api/v1/sector/operators/{op['id']}", {"name": "x"}).status_code == 403
