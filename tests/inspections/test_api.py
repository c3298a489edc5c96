"""The inspection API: an inspection with a fine, end to end; roles; Vietnamese errors; OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tinhso.inspections.models import Inspection, Violation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(c: Client, url: str, data: dict[str, Any]) -> Any:
    return c.post(url, data=json.dumps(data), content_type="application/json")


def test_inspection_with_a_fine_through_the_api(inspector_long: Any, director_em: Any) -> None:
    c = _client(inspector_long)
    r = c.put(
        f"{BASE}/plans/2016", data=json.dumps({"counts": {"internet": 1}}), content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["planned"] == 1
    r = _post(
        c,
        f"{BASE}/inspections",
        {
            "kind": "kiem_tra",
            "field": "internet",
            "basis": "theo_ke_hoach",
            "subject": "Điểm Internet Gia Huy",
            "start_date": "2016-06-13",
            "end_date": "2016-06-14",
            "team_leader": "Trương Văn Long",
        },
    )
    assert r.status_code == 201, r.content
    inspection_id = r.json()["id"]
    r = _post(
        c,
        f"{BASE}/violations",
        {
            "inspection_id": inspection_id,
            "violator": "Điểm Internet Gia Huy",
            "violator_kind": "ca_nhan",
            "act": "Hoạt động ngoài giờ quy định",
            "occurred_on": "2016-06-13",
            "provision": "điểm b khoản 2 Điều 34",
        },
    )
    assert r.status_code == 201, r.content
    violation = Violation.objects.get(pk=r.json()["id"])
    assert violation.decree.code == "174/2013/NĐ-CP"
    r = _post(
        c,
        f"{BASE}/decisions",
        {
            "violation_id": violation.pk,
            "number": "07/QĐ-XPHC",
            "decided_on": "2016-06-20",
            "record_number": "07/BB-VPHC",
            "decider": "Chánh Thanh tra Sở",
            "penalty": "phat_tien",
            "fine_amount": 4000000,
            "payment_status": "chua_nop",
            "payment_deadline": "2016-06-30",
        },
    )
    assert r.status_code == 201, r.content
    decision_id = r.json()["id"]
    r = _post(c, f"{BASE}/decisions/{decision_id}/payment", {"paid_on": "2016-06-25"})
    assert r.status_code == 200 and r.json()["payment_status"] == "da_nop"

    r = _client(director_em).get(f"{BASE}/summary/2016")
    assert r.status_code == 200
    body = r.json()
    assert (body["planned"], body["conducted"], body["violations"], body["fines_paid"]) == (
        1,
        1,
        1,
        4_000_000,
    )
    r = _client(director_em).get(f"{BASE}/inspections", {"year": 2016, "field": "internet"})
    assert [row["id"] for row in r.json()] == [inspection_id]


def test_errors_are_vietnamese_and_nothing_is_written(
    inspector_long: Any, director_em: Any, citizen_an: Any
) -> None:
    payload = {
        "kind": "kiem_tra",
        "field": "internet",
        "basis": "theo_ke_hoach",
        "subject": "X",
        "start_date": "2016-06-13",
        "end_date": "2016-06-01",
        "team_leader": "Long",
    }
    r = _post(_client(inspector_long), f"{BASE}/inspections", payload)
    assert r.status_code == 400
    assert r.json() == {"code": "invalid_input", "message": "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."}
    r = _post(_client(inspector_long), f"{BASE}/inspections", {**payload, "start_date": "13/06/2016"})
    assert r.status_code == 422 and r.json()["message"] == "Dữ liệu gửi lên không hợp lệ."
    r = _post(_client(director_em), f"{BASE}/inspections", {**payload, "end_date": "2016-06-14"})
    assert r.status_code == 403 and "không có quyền" in r.json()["message"]
    assert not Inspection.objects.exists()
    assert _client(citizen_an).get(f"{BASE}/inspections").status_code == 403
    assert Client().get(f"{BASE}/inspections").status_code == 401
    assert _client(inspector_long).get(f"{BASE}/inspections/999").status_code == 404


def test_openapi_documents_the_routes() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/inspections/inspections",
        "/api/v1/inspections/decisions/{item_id}/payment",
        "/api/v1/inspections/summary/{year}",
        "/api/v1/activities/sessions",
        "/api/v1/activities/exhibitions",
        "/api/v1/emulation/decisions",
    ):
        assert path in schema["paths"], path
    assert "InspectionIn" in schema["components"]["schemas"]


@pytest.mark.parametrize(
    "register", ["inspections?district_id", "violations?inspection_id", "decisions?inspection_id"]
)
def test_foreign_key_filter_beyond_the_column(inspector_long: Any, register: str) -> None:
    """An id beyond 64 bits reached a foreign-key lookup and SQLite failed with OverflowError (500)."""
    response = _client(inspector_long).get(f"{BASE}/{register}={-(10**20)}")
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["loc"] == ["query", register.split("?")[1]]
