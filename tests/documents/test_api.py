"""The documents API: registers and detail, incoming and outgoing creation, the transitions through
the same services as the pages (sign gives the number and a verified signature), edXML export and
import, and errors as JSON with a Vietnamese message and a stable code."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.documents.models import IncomingDocument, OutgoingDocument

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: Any, password: str = DEMO_PASSWORD) -> None:
        self.c = Client()
        r = self.c.post(
            "/api/v1/auth/token",
            {"identifier": user.username, "password": password},
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
        self.headers = {"Authorization": f"Bearer {r.json()['token']}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.c.get(f"/api/v1/documents{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.c.post(
            f"/api/v1/documents{path}", body or {}, content_type="application/json", headers=self.headers
        )


def test_outgoing_flow_over_the_api(chi: Any, em: Any, hoa: Any) -> None:
    drafter = Api(chi)
    r = drafter.post(
        "/outgoing",
        {
            "doc_type": "TB",
            "summary": "Thông báo lịch trực Tết Đinh Dậu 2017",
            "recipients": ["Các phòng thuộc Sở", "Trung tâm CNTT-TT"],
            "body": "Sở Thông tin và Truyền thông thông báo lịch trực Tết.",
            "drafting_unit_code": "000.01.15.H30",
        },
    )
    assert r.status_code == 201, r.content
    doc_id = r.json()["id"]
    assert r.json()["number"] is None and r.json()["status"] == "draft"
    assert drafter.post(f"/outgoing/{doc_id}/submit").json()["status"] == "submitted"
    refused = drafter.post(f"/outgoing/{doc_id}/sign")
    assert refused.status_code == 403 and refused.json()["code"] == "not_a_signer"
    signed = Api(em).post(f"/outgoing/{doc_id}/sign")
    assert signed.status_code == 200, signed.content
    body = signed.json()
    assert body["number_symbol"] == "01/TB-STTTT" and body["status"] == "signed"
    assert body["signature"]["valid"] is True and body["signature"]["signer_name"] == "Phạm Văn Em"
    again = Api(em).post(f"/outgoing/{doc_id}/sign")
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"
    issued = Api(hoa).post(f"/outgoing/{doc_id}/issue")
    assert issued.json()["status"] == "issued"
    listing = drafter.get("/outgoing", q="lich truc tet dinh dau")
    assert listing.json()["count"] == 1 and listing.json()["items"][0]["number_symbol"] == "01/TB-STTTT"
    assert drafter.get("/outgoing", pending="true").json()["count"] == 0
    bad = drafter.get("/outgoing", doc_type="XYZ")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_doc_type"


def test_incoming_and_edxml_over_the_api(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any, chi: Any, other_clerk: Any
) -> None:
    clerk = Api(hoa)
    r = clerk.post(
        "/incoming",
        {
            "sender_name": "Bộ Thông tin và Truyền thông",
            "original_number": "4321/BTTTT-CATTT",
            "original_date": "2017-02-10",
            "received_on": "2017-02-13",
            "doc_type": "CV",
            "summary": "Về việc hướng dẫn sử dụng chữ ký số chuyên dùng",
        },
    )
    assert r.status_code == 201, r.content
    inc = r.json()
    assert (inc["year"], inc["number"]) == (2017, 1)
    bad = clerk.post("/incoming", {"sender_name": "", "original_number": "1", "original_date": "2017-02-10",
                                   "doc_type": "CV", "summary": "x"})  # fmt: skip
    assert bad.status_code == 400 and "Cần ghi cơ quan ban hành." in bad.json()["message"]
    assert Api(chi).post("/incoming", {**inc, "original_date": "2017-02-10"}).status_code in (403, 404)
    assigned = Api(em).post(
        f"/incoming/{inc['id']}/assign",
        {"handling_unit_code": "000.05.15.H30", "handler_username": chi.username, "due_on": "2017-02-20"},
    )
    assert assigned.status_code == 200 and assigned.json()["status"] == "assigned"
    done = Api(chi).post(f"/incoming/{inc['id']}/complete", {"note": "Đã triển khai."})
    assert done.json()["status"] == "handled"
    # exchange: the Sở exports, Vị Thanh's clerk imports
    doc = make_outgoing(sign_by=em, at=dt.datetime(2017, 2, 14, 2, tzinfo=dt.UTC))
    xml = clerk.get(f"/outgoing/{doc.pk}/edxml", to="000.00.31.H30")
    assert xml.status_code == 200 and b"edXMLEnvelope" in xml.content
    other = Api(other_clerk, "Hau-Giang-2017!")
    assert other.get(f"/outgoing/{doc.pk}").status_code == 404  # another agency's document
    broken = other.post("/incoming/edxml", {"envelope_base64": base64.b64encode(b"<x>").decode()})
    assert broken.status_code == 400 and broken.json()["code"] == "invalid_edxml"
    assert IncomingDocument.objects.filter(agency__code="000.00.31.H30").count() == 0
    ok = other.post("/incoming/edxml", {"envelope_base64": base64.b64encode(xml.content).decode()})
    assert ok.status_code == 201, ok.content
    assert ok.json()["original_number"] == "01/QĐ-STTTT" and ok.json()["signature"]["valid"] is True


def test_unauthenticated_is_401() -> None:
    r = Client().get("/api/v1/documents/outgoing")
    assert r.status_code == 401 and r.json()["code"] == "unauthenticated"
