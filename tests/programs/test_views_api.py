from __future__ import annotations

import datetime as dt
import json
import re
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tinhso.programs.importer import rows_to_csv
from tinhso.programs.models import Batch, Household, HouseholdImport, Poverty
from tinhso.programs.services import (
    batch_add_eligible,
    batch_approve,
    batch_create,
    batch_start_delivery,
    delivery_record,
    household_create,
    household_import_run,
    stock_receive,
)

# ninja's deprecated ``return status, body`` tuples warn; as errors they turn into 500 responses
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("error::DeprecationWarning:ninja.*")]


def _font_names(pdf: bytes) -> set[str]:
    """Names of the fonts embedded in a PDF (object streams are compressed)."""
    names: set[str] = set()
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/>]+)", data):
            names.add(name.decode())
    return names


def test_handover_pdf_uses_dejavu_serif(client, officer_khanh, director_em, xa_codes, commune):
    h = household_create(
        actor=officer_khanh,
        head_name="Nguyễn Thị Ửng",
        citizen_id="363777777",
        hamlet="Ấp Xẻo Vẹt",
        commune=commune(xa_codes[0]),
        poverty=Poverty.NEAR_POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )
    b = batch_create(actor=officer_khanh, number=1, name="Đợt 1", year=2016, list_year=2016)
    batch_add_eligible(actor=officer_khanh, batch=b)
    batch_approve(actor=director_em, batch=b)
    batch_start_delivery(actor=officer_khanh, batch=b)
    stock_receive(
        actor=officer_khanh,
        batch=b,
        commune=commune(xa_codes[0]),
        quantity=1,
        received_on=dt.date(2016, 5, 1),
    )
    d = delivery_record(
        actor=officer_khanh,
        batch=b,
        household=h,
        serial="HG-1",
        receiver_name="Nguyễn Thị Ửng",
        delivered_on=dt.date(2016, 5, 2),
    )
    client.force_login(director_em)
    r = client.get(f"/quan-tri/chuong-trinh/giao-dau-thu/{d.pk}/bien-ban.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    fonts = _font_names(r.content)
    assert "DejaVu-Serif" in fonts and all(name.startswith("DejaVu-Serif") for name in fonts)
    assert client.get(f"/quan-tri/chuong-trinh/dot/{b.pk}/").status_code == 200


def test_batch_approval_page_needs_director(client, officer_khanh, director_em, xa_codes, commune):
    household_create(
        actor=officer_khanh,
        head_name="Lê Văn Hai",
        citizen_id="363555555",
        hamlet="Ấp 1",
        commune=commune(xa_codes[0]),
        poverty=Poverty.POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )
    b = batch_create(actor=officer_khanh, number=2, name="Đợt 2", year=2017, list_year=2016)
    client.force_login(officer_khanh)
    client.post(f"/quan-tri/chuong-trinh/dot/{b.pk}/add-eligible/")
    client.post(f"/quan-tri/chuong-trinh/dot/{b.pk}/approve/", {"decision": "x"})
    assert Batch.objects.get(pk=b.pk).status == Batch.Status.DRAFT
    client.force_login(director_em)
    r = client.post(f"/quan-tri/chuong-trinh/dot/{b.pk}/approve/", {"decision": "2105/QĐ-UBND"}, follow=True)
    assert Batch.objects.get(pk=b.pk).status == Batch.Status.APPROVED
    assert "danh sách hộ đã được khóa" in r.content.decode()


def test_import_page_runs_in_background_and_shows_errors(
    client, officer_khanh, xa_codes, django_capture_on_commit_callbacks
):
    client.force_login(officer_khanh)
    rows = [
        {
            "head_name": "A",
            "citizen_id": "363000001",
            "hamlet": "Ấp 1",
            "commune": xa_codes[0],
            "poverty": "Hộ nghèo",
            "list_year": "2016",
            "has_analog_tv": "Có",
            "has_receiver": "Không",
            "pledge_signed": "Có",
        },
        {
            "head_name": "B",
            "citizen_id": "x",
            "hamlet": "Ấp 1",
            "commune": xa_codes[0],
            "poverty": "Hộ nghèo",
            "list_year": "2016",
            "has_analog_tv": "Có",
            "has_receiver": "Không",
            "pledge_signed": "Có",
        },
    ]
    upload = SimpleUploadedFile("ds.csv", rows_to_csv(rows).encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        r = client.post("/quan-tri/chuong-trinh/nhap-danh-sach/", {"file": upload})
    assert r.status_code == 302 and len(callbacks) == 1  # the task is enqueued after commit
    record = HouseholdImport.objects.get()
    assert record.status == HouseholdImport.Status.PENDING
    household_import_run(record=record)  # what the worker does
    page = client.get(r["Location"]).content.decode()
    assert "Bị từ chối" in page and "Số CMND/CCCD" in page
    assert Household.objects.count() == 0


def test_api(client, officer_khanh, director_em, xa_codes):
    client.force_login(officer_khanh)
    body = {
        "head_name": "Trần Văn Ba",
        "citizen_id": "363444444",
        "hamlet": "Ấp 2",
        "commune_code": xa_codes[0],
        "poverty": "poor",
        "list_year": 2016,
        "pledge_signed": False,
    }
    r = client.post("/api/v1/programs/households", json.dumps(body), content_type="application/json")
    assert r.status_code == 201
    assert r.json()["eligible"] is False and "cam kết" in r.json()["ineligible_reason"]
    assert (
        client.post(
            "/api/v1/programs/households", json.dumps(body), content_type="application/json"
        ).status_code
        == 409
    )
    r = client.post(
        "/api/v1/programs/criterion8",
        json.dumps(
            {"commune_code": xa_codes[0], "year": 2016, "c81": True, "c82": True, "c83": True, "c84": True}
        ),
        content_type="application/json",
    )
    assert r.json()["status"] == "new"
    client.force_login(director_em)
    s = client.get("/api/v1/programs/criterion8/summary?year=2016").json()
    assert s["sentence"] == "1/54 xã đạt tiêu chí số 8, tỉ lệ 1,9%"
    assert len(client.get("/api/v1/programs/households").json()) == 1
