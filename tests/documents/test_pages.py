"""Back-office pages of the documents: registers with filters (year, type, search without tone
marks), Excel export with the Decree 30 columns, drafting, signing from the page with the signature
verified on display (and a tampered stored file reported), incoming registration, assignment and
edXML import; access by agency; bad input answered 400 with nothing written."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from openpyxl import load_workbook

from tinhso.documents import services
from tinhso.documents.models import DocType, IncomingDocument, OutgoingDocument, OutgoingStatus

pytestmark = pytest.mark.django_db

AT = dt.datetime(2016, 12, 27, 3, 0, tzinfo=dt.UTC)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_draft_submit_sign_from_the_pages(chi: Any, em: Any, hoa: Any, ttbcxb: Any) -> None:
    c = _client(chi)
    assert c.get("/quan-tri/van-ban/di/soan-thao/").status_code == 200
    response = c.post(
        "/quan-tri/van-ban/di/soan-thao/",
        {
            "doc_type": "KH",
            "summary": "Kế hoạch ứng dụng chữ ký số năm 2017",
            "body": "I. MỤC ĐÍCH\n\nTriển khai chữ ký số chuyên dùng.",
            "recipients": "UBND tỉnh\nCác phòng thuộc Sở",
            "copies": "3",
            "drafting_unit": str(ttbcxb.pk),
        },
    )
    assert response.status_code == 302
    doc = OutgoingDocument.objects.get()
    assert doc.drafter == chi and doc.drafting_unit == ttbcxb
    draft_pdf = c.get(f"/quan-tri/van-ban/di/{doc.pk}/tep/")
    assert draft_pdf.status_code == 200 and draft_pdf.content.startswith(b"%PDF-")
    assert c.post(f"/quan-tri/van-ban/di/{doc.pk}/trinh-ky/").status_code == 302
    # the drafter cannot sign: 403 with the message, nothing changed
    refused = c.post(f"/quan-tri/van-ban/di/{doc.pk}/ky-so/")
    assert refused.status_code == 403
    assert "Chỉ Giám đốc, Phó Giám đốc" in refused.content.decode()
    e = _client(em)
    page = e.get(f"/quan-tri/van-ban/di/{doc.pk}/").content.decode()
    assert "Ký số và cấp số" in page
    assert e.post(f"/quan-tri/van-ban/di/{doc.pk}/ky-so/").status_code == 302
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SIGNED and doc.number == 1
    page = e.get(f"/quan-tri/van-ban/di/{doc.pk}/").content.decode()
    assert "Văn bản số 01/KH-STTTT" in page
    assert "Chữ ký hợp lệ." in page and "Phạm Văn Em" in page
    signed = e.get(f"/quan-tri/van-ban/di/{doc.pk}/tep/")
    assert signed.status_code == 200 and signed.content.startswith(b"%PDF-")
    h = _client(hoa)
    assert "Phát hành" in h.get(f"/quan-tri/van-ban/di/{doc.pk}/").content.decode()
    assert h.post(f"/quan-tri/van-ban/di/{doc.pk}/phat-hanh/").status_code == 302
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.ISSUED


def test_a_stored_file_changed_after_signing_is_reported(
    make_outgoing: Callable[..., OutgoingDocument], em: Any
) -> None:
    doc = make_outgoing(sign_by=em)
    with doc.signed_pdf.open("rb") as handle:
        data = bytearray(handle.read())
    data[data.index(b"Length")] = ord("l")
    name = doc.signed_pdf.name
    storage = doc.signed_pdf.storage
    storage.delete(name)
    storage.save(name, ContentFile(bytes(data)))
    page = _client(em).get(f"/quan-tri/van-ban/di/{doc.pk}/").content.decode()
    assert "Tài liệu đã bị thay đổi sau khi ký." in page
    assert "Chữ ký hợp lệ." not in page


def test_register_filters_search_without_tone_marks_and_excel(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, giang: Any
) -> None:
    make_outgoing("Về việc ban hành Quy chế sử dụng chữ ký số", sign_by=em, at=AT)
    make_outgoing("Về việc đôn đốc báo cáo", doc_type=DocType.OFFICIAL_LETTER, sign_by=giang, at=AT)
    make_outgoing("Kế hoạch năm 2017", doc_type=DocType.PLAN, sign_by=em, at=AT + dt.timedelta(days=10))
    make_outgoing("Dự thảo chưa ký")
    c = _client(em)
    page = c.get("/quan-tri/van-ban/di/").content.decode()
    assert "01/QĐ-STTTT" in page and "02/STTTT-TTBCXB" in page and "01/KH-STTTT" in page
    assert "Dự thảo chưa ký" not in page  # drafts are not in the register
    assert "Dự thảo chưa ký" in c.get("/quan-tri/van-ban/di/?xem=du-thao").content.decode()
    found = c.get("/quan-tri/van-ban/di/", {"q": "chu ky so"}).content.decode()
    assert "01/QĐ-STTTT" in found and "02/STTTT-TTBCXB" not in found
    by_year = c.get("/quan-tri/van-ban/di/", {"nam": "2017"}).content.decode()
    assert "01/KH-STTTT" in by_year and "01/QĐ-STTTT" not in by_year
    by_type = c.get("/quan-tri/van-ban/di/", {"loai": "CV"}).content.decode()
    assert "02/STTTT-TTBCXB" in by_type and "01/QĐ-STTTT" not in by_type
    assert c.get("/quan-tri/van-ban/di/", {"nam": "abc"}).status_code == 400
    xlsx = c.get("/quan-tri/van-ban/di/xuat-excel/", {"nam": "2016"})
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2016"
    assert rows[3][:4] == (
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản",
        "Người ký",
    )
    data = rows[5:]
    assert [r[0] for r in data] == ["01/QĐ-STTTT", "02/STTTT-TTBCXB"]
    assert data[0][2] == "Quyết định Về việc ban hành Quy chế sử dụng chữ ký số"
    assert data[1][3] == "Huỳnh Thị Giang"
    assert data[0][1] == dt.datetime(2016, 12, 27)


def test_access_by_agency(
    make_outgoing: Callable[..., OutgoingDocument], make_incoming: Callable[..., IncomingDocument],
    other_director: Any, persona: Callable[[str], Any],
) -> None:  # fmt: skip
    doc = make_outgoing()
    inc = make_incoming()
    other = _client(other_director)
    assert other.get(f"/quan-tri/van-ban/di/{doc.pk}/").status_code == 404
    assert other.get(f"/quan-tri/van-ban/den/{inc.pk}/").status_code == 404
    assert (
        "Dự thảo" not in other.get("/quan-tri/van-ban/di/?xem=du-thao").content.decode().split("<h1>")[1][:0]
    )
    assert other.post(f"/quan-tri/van-ban/di/{doc.pk}/trinh-ky/").status_code == 404
    citizen = _client(persona("an"))
    assert citizen.get("/quan-tri/van-ban/di/").status_code == 403
    assert Client().get("/quan-tri/van-ban/di/").status_code == 302  # to sign in


def test_incoming_pages(hoa: Any, em: Any, chi: Any, ttbcxb: Any) -> None:
    h = _client(hoa)
    bad = h.post(
        "/quan-tri/van-ban/den/vao-so/",
        {"sender_name": "UBND tỉnh", "original_number": "", "original_date": "31/02/2016", "doc_type": "CV",
         "summary": "Về việc", "received_on": "05/01/2017", "channel": "paper"},
    )  # fmt: skip
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Cần ghi số, ký hiệu văn bản." in body and "Ngày văn bản không hợp lệ (dd/mm/yyyy)." in body
    assert not IncomingDocument.objects.exists()
    ok = h.post(
        "/quan-tri/van-ban/den/vao-so/",
        {"sender_name": "Ủy ban nhân dân tỉnh Hậu Giang", "original_number": "56/UBND-VP",
         "original_date": "03/01/2017", "doc_type": "CV", "summary": "Về việc triển khai chữ ký số",
         "received_on": "05/01/2017", "channel": "paper"},
    )  # fmt: skip
    assert ok.status_code == 302
    doc = IncomingDocument.objects.get()
    assert (doc.year, doc.number, doc.original_date) == (2017, 1, dt.date(2017, 1, 3))
    e = _client(em)
    assert (
        e.post(
            f"/quan-tri/van-ban/den/{doc.pk}/chuyen-xu-ly/",
            {"handling_unit": str(ttbcxb.pk), "handler": str(chi.pk), "due_on": "15/01/2017"},
        ).status_code
        == 302
    )
    c = _client(chi)
    assert c.post(f"/quan-tri/van-ban/den/{doc.pk}/xu-ly-xong/", {"note": ""}).status_code == 400
    assert c.post(f"/quan-tri/van-ban/den/{doc.pk}/xu-ly-xong/", {"note": "Đã tham mưu."}).status_code == 302
    page = c.get("/quan-tri/van-ban/den/", {"q": "trien khai"}).content.decode()
    assert "56/UBND-VP" in page and "Đã xử lý xong" in page
    xlsx = c.get("/quan-tri/van-ban/den/xuat-excel/", {"nam": "2017"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[3][:4] == ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu")
    assert rows[5][1] == 1 and rows[5][3] == "56/UBND-VP"
    assert "Lê Thị Chi" in rows[5][6]


def test_edxml_import_page(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any, other_clerk: Any, vi_thanh: Any
) -> None:
    doc = make_outgoing(sign_by=em, at=AT)
    export = _client(hoa).post(f"/quan-tri/van-ban/di/{doc.pk}/edxml/", {"to": str(vi_thanh.pk)})
    assert export.status_code == 200 and b"edXMLEnvelope" in export.content
    c = _client(other_clerk)
    broken = io.BytesIO(b"<edXML><oops")
    broken.name = "hong.edxml"
    bad = c.post("/quan-tri/van-ban/den/nhan-edxml/", {"envelope": broken})
    assert bad.status_code == 400 and "Gói tin không phải XML hợp lệ" in bad.content.decode()
    assert not IncomingDocument.objects.exists()
    good = io.BytesIO(export.content)
    good.name = "van-ban.edxml"
    assert c.post("/quan-tri/van-ban/den/nhan-edxml/", {"envelope": good}).status_code == 302
    inc = IncomingDocument.objects.get()
    assert inc.agency == vi_thanh and inc.original_number == "01/QĐ-STTTT"
    page = c.get(f"/quan-tri/van-ban/den/{inc.pk}/").content.decode()
    assert "Chữ ký hợp lệ." in page
    assert services  # the services are the ones the pages call


def test_menu_has_the_documents(em: Any) -> None:
    page = _client(em).get("/quan-tri/").content.decode()
    assert "/quan-tri/van-ban/di/" in page and "Văn bản đến" in page
