from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook

from tinhso.sector.demo import sector_demo_load
from tinhso.sector.excel import COLUMNS
from tinhso.sector.models import IndicatorReport

# ninja's deprecated ``return status, body`` tuples warn; as errors they turn into 500 responses
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("error::DeprecationWarning:ninja.*")]


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append([h for _, h in COLUMNS])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "bao-cao.xlsx"
    return out


def test_dashboard_map_and_permissions(client, officer_khanh, director_em, persona):
    sector_demo_load()
    client.force_login(director_em)
    r = client.get("/quan-tri/nganh/?year=2016&indicator=telephone")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<path ") == 8 and "Thành phố Vị Thanh" in html
    assert "+41.684" in html or "+41,684" in html
    # the director reads but does not edit
    assert client.get("/quan-tri/nganh/bao-cao/nhap-excel/").status_code == 403
    r = client.get("/quan-tri/nganh/bao-cao/?year=2016&export=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    client.force_login(persona("an"))
    assert client.get("/quan-tri/nganh/").status_code == 403


def test_import_page_rejects_with_errors_and_accepts(client, officer_khanh, operators):
    client.force_login(officer_khanh)
    r = client.post(
        "/quan-tri/nganh/bao-cao/nhap-excel/", {"file": _xlsx([[2016, 0, "vnpt", "930", "", -1, 1, 1, 1, 1]])}
    )
    assert r.status_code == 400
    assert "không được là số âm" in r.content.decode()
    assert IndicatorReport.objects.count() == 0
    r = client.post(
        "/quan-tri/nganh/bao-cao/nhap-excel/", {"file": _xlsx([[2016, 0, "vnpt", "930", "", 5, 1, 1, 1, 1]])}
    )
    assert r.status_code == 302
    assert IndicatorReport.objects.get().bts_stations == 5


def test_api_create_list_import(client, officer_khanh, director_em, operators):
    client.force_login(officer_khanh)
    body = {"year": 2016, "operator": "vnpt", "district_code": "930", "bts_stations": 3}
    r = client.post("/api/v1/sector/reports", json.dumps(body), content_type="application/json")
    assert r.status_code == 201, r.content
    r = client.post("/api/v1/sector/reports", json.dumps(body), content_type="application/json")
    assert r.status_code == 409
    r = client.post(
        "/api/v1/sector/reports/import", {"file": _xlsx([[2016, 0, "xyz", "930", "", 1, 1, 1, 1, 1]])}
    )
    assert r.status_code == 400
    assert r.json()["errors"][0]["column"] == "C"
    client.force_login(director_em)
    assert client.get("/api/v1/sector/reports?year=2016").json()[0]["bts_stations"] == 3
    r = client.post(
        "/api/v1/sector/reports", json.dumps({**body, "period": 1}), content_type="application/json"
    )
    assert r.status_code == 403
    fig = client.get("/api/v1/sector/figures?year=2016&indicator=bts").json()
    assert fig[0]["value"] == 3
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/sector/reports/import" in schema["paths"]


def test_dashboard_progress_cells_say_percent_on_a_phone(client, director_em):
    """Stacked on a phone, a table cell shows its data-label: the progress figures are percentages."""
    sector_demo_load()
    client.force_login(director_em)
    html = client.get("/quan-tri/nganh/?year=2016&indicator=telephone").content.decode()
    assert 'data-label="Đạt (%)"' in html and 'data-label="Đạt kế hoạch (%)"' in html
    assert 'data-label="Đạt"' not in html
