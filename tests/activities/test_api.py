"""The activities API: registers, a conflicting session (409), roles."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tinhso.activities.models import ConferenceSession

pytestmark = pytest.mark.django_db
BASE = "/api/v1/activities"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(c: Client, url: str, data: dict[str, Any]) -> Any:
    return c.post(url, data=json.dumps(data), content_type="application/json")


def test_exhibition_create_patch_and_summary(officer_khanh: Any, director_em: Any, unit: Any) -> None:
    c = _client(officer_khanh)
    r = _post(
        c,
        f"{BASE}/exhibitions",
        {
            "title": "Hoàng Sa, Trường Sa",
            "district_id": unit("931").pk,
            "place": "Nhà văn hóa",
            "starts_on": "2016-03-21",
            "visitors": 1200,
        },
    )
    assert r.status_code == 201, r.content
    ex_id = r.json()["id"]
    r = c.patch(
        f"{BASE}/exhibitions/{ex_id}", data=json.dumps({"visitors": 1450}), content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["visitors"] == 1450
    r = c.patch(
        f"{BASE}/exhibitions/{ex_id}",
        data=json.dumps({"district_id": 987654}),
        content_type="application/json",
    )
    assert r.status_code == 400 and "Không tìm thấy đơn vị hành chính có mã số 987654" in r.json()["message"]
    summary = _client(director_em).get(f"{BASE}/summary/2016").json()
    assert (summary["exhibitions"], summary["exhibition_visitors"]) == (1, 1450)
    r = _post(
        _client(director_em),
        f"{BASE}/trainings",
        {"title": "A", "topic": "B", "starts_on": "2016-01-01", "trainees": 3},
    )
    assert r.status_code == 403


def test_session_conflict_is_409(officer_khanh: Any, endpoints: Any) -> None:
    c = _client(officer_khanh)
    body = {
        "title": "Hội nghị trực tuyến",
        "host_id": endpoints["93"].pk,
        "endpoint_ids": [endpoints["930"].pk],
        "starts_at": "2016-06-10T08:00:00+07:00",
        "ends_at": "2016-06-10T11:00:00+07:00",
    }
    r = _post(c, f"{BASE}/sessions", body)
    assert r.status_code == 201, r.content
    assert len(r.json()["participations"]) == 2
    r = _post(
        c,
        f"{BASE}/sessions",
        {
            **body,
            "title": "Họp khác",
            "host_id": endpoints["936"].pk,
            "starts_at": "2016-06-10T10:00:00+07:00",
            "ends_at": "2016-06-10T12:00:00+07:00",
        },
    )
    assert r.status_code == 409
    assert r.json()["code"] == "endpoint_busy" and "Trùng lịch điểm cầu" in r.json()["message"]
    assert ConferenceSession.objects.count() == 1
