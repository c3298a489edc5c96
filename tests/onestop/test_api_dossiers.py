"""The one-stop API: token sign-in, the whole flow through one endpoint per transition (the same
services as the pages), errors as JSON with a Vietnamese message and a stable code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop.models import ApiToken

from .conftest import submitted

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, token: str) -> None:
        self.c = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.c.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.c.post(
            f"/api/v1{path}", body or {}, content_type="application/json", headers=self.headers
        )


def sign_in(user: Any) -> Api:
    r = Client().post(
        "/api/v1/auth/token",
        {"identifier": user.username, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    token = r.json()["token"]
    assert not ApiToken.objects.filter(key_hash=token).exists()  # only the hash is stored
    return Api(token)


def test_whole_flow_through_the_api(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, timezone.now())
    code = dossier.code
    an, binh, chi, dung, em, hoa = (
        sign_in(u) for u in (people.an, people.binh, people.chi, people.dung, people.em, people.hoa)
    )

    body = binh.post(
        f"/dossiers/{code}/request-supplement",
        {"items": ["Sơ đồ mặt bằng"], "expected_version": dossier.version},
    ).json()
    assert body["status"] == 5 and body["supplement_items"] == ["Sơ đồ mặt bằng"]
    body = an.post(f"/dossiers/{code}/supplement", {"expected_version": body["version"]}).json()
    assert body["status"] == 1
    body = binh.post(
        f"/dossiers/{code}/receive", {"assignee_id": people.chi.pk, "expected_version": body["version"]}
    ).json()
    assert body["status"] == 4 and body["current_step"]["assignee"] == people.chi.full_name

    work = chi.get("/dossiers/worklist").json()
    assert work["counts"]["mine"] == 1 and work["items"][0]["code"] == code

    assert chi.post(f"/dossiers/{code}/forward", {"note": "Đủ điều kiện"}).status_code == 200
    assert dung.post(f"/dossiers/{code}/approve", {"note": "Trình ký"}).status_code == 200
    assert em.post(f"/dossiers/{code}/approve", {"note": "Đồng ý"}).status_code == 200
    assert hoa.post(f"/dossiers/{code}/finish").json()["status"] == 9
    assert binh.post(f"/dossiers/{code}/return").json()["status"] == 10
    r = an.post(f"/dossiers/{code}/rating", {"satisfaction": "satisfied", "comment": "Tốt"})
    assert r.status_code == 201 and r.json()["satisfaction_label"] == "Hài lòng"
    again = an.post(f"/dossiers/{code}/rating", {"satisfaction": "unsatisfied"})
    assert again.status_code == 409 and again.json()["code"] == "already_rated"

    mine = an.get(f"/dossiers/{code}").json()
    assert mine["status_label"] == "Đã trả kết quả"
    assert "approve" not in {e["action"] for e in mine["events"]}  # internal hand-offs are for staff
    assert "approve" in {e["action"] for e in binh.get(f"/dossiers/{code}").json()["events"]}


def test_errors_are_json_with_vietnamese_message_and_code(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, timezone.now())
    binh, chi, an = sign_in(people.binh), sign_in(people.chi), sign_in(people.an)
    r = chi.post(f"/dossiers/{dossier.code}/receive")
    assert r.status_code == 403 and r.json()["code"] == "forbidden" and "một cửa" in r.json()["message"]
    r = binh.post(f"/dossiers/{dossier.code}/receive", {"expected_version": dossier.version + 5})
    assert r.status_code == 409 and r.json()["code"] == "stale"
    r = binh.post(f"/dossiers/{dossier.code}/refuse-reception", {"reason": "  "})
    assert r.status_code == 400 and r.json()["code"] == "missing_reason"
    r = binh.post(f"/dossiers/{dossier.code}/return")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    r = an.post(
        f"/dossiers/{dossier.code}/apologize", {"new_promised_at": "2030-01-01T16:00:00+07:00", "reason": "x"}
    )
    assert r.status_code in (403, 409)
    assert sign_in(people.phuc).get(f"/dossiers/{dossier.code}").status_code == 404


def test_sign_in_and_bearer(procedure: Any, people: Any) -> None:
    r = Client().post(
        "/api/v1/auth/token",
        {"identifier": people.an.username, "password": "sai"},
        content_type="application/json",
    )
    assert r.status_code == 400 and r.json()["code"] == "bad_credentials"
    r = Client().get("/api/v1/dossiers/worklist")
    assert r.status_code == 401 and r.json()["code"] == "unauthenticated"
    r = Client().get("/api/v1/dossiers/worklist", headers={"Authorization": "Bearer ts_khong_hop_le"})
    assert r.status_code == 401
    api = sign_in(people.chi)
    assert api.get("/dossiers/worklist").status_code == 200
    row = ApiToken.objects.get(user=people.chi)
    row.expires_at = timezone.now() - dt.timedelta(seconds=1)
    row.save(update_fields=["expires_at"])
    assert api.get("/dossiers/worklist").status_code == 401
    api2 = sign_in(people.chi)
    assert api2.c.delete("/api/v1/auth/token", headers=api2.headers).status_code == 204
    assert api2.get("/dossiers/worklist").status_code == 401


def test_openapi_documents_the_transitions() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for p in (
        "/api/v1/auth/token",
        "/api/v1/dossiers/{code}",
        "/api/v1/dossiers/{code}/receive",
        "/api/v1/dossiers/{code}/apologize",
    ):
        assert p in paths
