"""Back-office pages of inspections: roles, dd/mm/yyyy input, an inspection with a fine, Excel export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tinhso.inspections.demo import inspections_demo_load
from tinhso.inspections.models import Inspection, SanctionDecision, Violation

pytestmark = pytest.mark.django_db
BASE = "/quan-tri/thanh-tra"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_roles(inspector_long: Any, director_em: Any, officer_khanh: Any, citizen_an: Any) -> None:
    assert _client(inspector_long).get(f"{BASE}/cuoc-thanh-tra/them/").status_code == 200
    director = _client(director_em)
    assert director.get(f"{BASE}/cuoc-thanh-tra/").status_code == 200
    assert director.get(f"{BASE}/").status_code == 200
    assert director.get(f"{BASE}/cuoc-thanh-tra/them/").status_code == 403
    assert director.post(f"{BASE}/", {"year": 2016, "count_internet": 3}).status_code == 403
    for user in (officer_khanh, citizen_an):
        assert _client(user).get(f"{BASE}/cuoc-thanh-tra/").status_code == 403
    assert Client().get(f"{BASE}/cuoc-thanh-tra/").status_code == 302


def test_an_inspection_with_a_fine_through_the_pages(inspector_long: Any) -> None:
    c = _client(inspector_long)
    r = c.post(
        f"{BASE}/cuoc-thanh-tra/them/",
        {
            "kind": "kiem_tra",
            "field": "internet",
            "basis": "dot_xuat",
            "subject": "Điểm Internet Gia Huy",
            "start_date": "13/06/2016",
            "end_date": "14/06/2016",
            "team_leader": "Trương Văn Long",
            "status": "dang_tien_hanh",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    inspection = Inspection.objects.get()
    assert r["Location"] == f"{BASE}/cuoc-thanh-tra/{inspection.pk}/"
    r = c.post(
        f"{BASE}/vi-pham/them/",
        {
            "inspection": inspection.pk,
            "violator": "Điểm Internet Gia Huy",
            "violator_kind": "ca_nhan",
            "act": "Hoạt động ngoài giờ quy định",
            "occurred_on": "13/06/2016",
            "provision": "điểm b khoản 2 Điều 34",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    violation = Violation.objects.get()
    form = {
        "violation": violation.pk,
        "number": "07/QĐ-XPHC",
        "decided_on": "20/06/2016",
        "record_number": "07/BB-VPHC",
        "decider": "Chánh Thanh tra Sở",
        "penalty": "phat_tien",
        "fine_amount": "4.000.000",
        "payment_status": "da_nop",
        "paid_on": "25/06/2016",
    }
    r = c.post(f"{BASE}/quyet-dinh-xu-phat/them/", {**form, "number": "07/XPHC"})
    assert r.status_code == 200
    assert "không đúng dạng …/QĐ-XPHC" in r.content.decode()
    r = c.post(f"{BASE}/quyet-dinh-xu-phat/them/", form)
    assert r.status_code == 302
    assert SanctionDecision.objects.get().fine_amount == 4_000_000
    page = c.get(f"{BASE}/cuoc-thanh-tra/{inspection.pk}/").content.decode()
    assert "4.000.000 đồng" in page and "07/QĐ-XPHC" in page and "174/2013/NĐ-CP" in page


def test_filter_search_and_export(inspector_long: Any, director_em: Any) -> None:
    inspections_demo_load()
    c = _client(director_em)
    page = c.get(f"{BASE}/cuoc-thanh-tra/", {"year": 2016, "field": "tan_so"}).content.decode()
    assert "2 bản ghi." in page
    page = c.get(f"{BASE}/cuoc-thanh-tra/", {"year": 2016, "q": "hoi sach"}).content.decode()
    assert "1 bản ghi." in page and "Hội sách" in page
    r = c.get(f"{BASE}/quyet-dinh-xu-phat/", {"year": 2016, "export": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[2]]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 25
    assert sum(row[header.index("Tiền phạt")] for row in rows) == 64_000_000
    summary = c.get(f"{BASE}/", {"year": 2016}).content.decode()
    assert "Thanh tra, kiểm tra năm 2016" in summary
    assert "9 cuộc" in summary and "vượt 2 cuộc" in summary and "64.000.000 đồng" in summary


def test_the_summary_opens_on_the_latest_year_with_records(inspector_long: Any) -> None:
    import datetime as dt

    from tinhso.inspections.models import Inspection, InspectionPlan

    inspections_demo_load()
    c = Client()
    c.force_login(inspector_long)
    this_year = dt.date.today().year  # noqa: DTZ011
    years = set(Inspection.objects.values_list("year", flat=True)) | set(
        InspectionPlan.objects.values_list("year", flat=True)
    )
    latest = max(years)
    assert latest < this_year
    assert f"<h1>Thanh tra, kiểm tra năm {latest}</h1>" in c.get("/quan-tri/thanh-tra/").content.decode()
    InspectionPlan.objects.filter(year=latest).delete()
    Inspection.objects.filter(year=latest).update(year=latest - 1)
    assert f"<h1>Thanh tra, kiểm tra năm {latest - 1}</h1>" in c.get("/quan-tri/thanh-tra/").content.decode()
