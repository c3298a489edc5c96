"""Every job of the officer through the API as well as the pages: duplicate reviews, a batch from
draft to closed with stock, criterion-8 evidence (list, add with a file, delete); role checks."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tinhso.core.models import AuditEntry
from tinhso.programs.models import Criterion8Evidence, Household, Poverty, ReviewStatus
from tinhso.programs.services import c8_assess, household_create

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("error::DeprecationWarning:ninja.*")]

ALL = {"c81": True, "c82": True, "c83": True, "c84": True}


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _household(actor, commune, i, name=None):
    return household_create(
        actor=actor,
        head_name=name or f"Nguyễn Văn Hộ {i}",
        citizen_id=f"36301000{i}",
        hamlet="Ấp Mỹ Hiệp",
        commune=commune,
        poverty=Poverty.POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )


def test_batch_lifecycle_and_review_through_the_api(client, officer_khanh, director_em, commune, xa_codes):
    xa = commune(xa_codes[0])
    _household(officer_khanh, xa, 1, "Lê Thị Mai")
    twin = _household(officer_khanh, xa, 2, "Lê Thị Mai")
    _household(officer_khanh, xa, 3)
    assert twin.review_status == ReviewStatus.PENDING

    client.force_login(officer_khanh)
    first = Household.objects.get(citizen_id="363010001")
    assert first.review_status == ReviewStatus.PENDING  # both twins wait for a decision
    r = _post(client, f"/api/v1/programs/households/{first.pk}/review", {"decision": "distinct"})
    assert r.status_code == 200 and r.json()["review_status"] == "distinct"
    r = _post(client, f"/api/v1/programs/households/{twin.pk}/review", {"decision": "duplicate"})
    assert r.status_code == 200 and r.json()["review_status"] == "duplicate"
    r = _post(client, f"/api/v1/programs/households/{twin.pk}/review", {"decision": "maybe"})
    assert r.status_code == 400

    r = _post(
        client, "/api/v1/programs/batches", {"number": 3, "name": "Đợt 3", "year": 2017, "list_year": 2016}
    )
    assert r.status_code == 201, r.content
    batch = r.json()
    assert (batch["status"], batch["members"]) == ("draft", 0)
    r = _post(client, f"/api/v1/programs/batches/{batch['id']}/add-eligible")
    assert r.json() == {"added": 2}  # the duplicate is left out
    # the officer may not approve
    assert _post(client, f"/api/v1/programs/batches/{batch['id']}/approve", {}).status_code == 403
    assert _post(client, f"/api/v1/programs/batches/{batch['id']}/start").status_code == 409

    client.force_login(director_em)
    assert _post(client, f"/api/v1/programs/batches/{batch['id']}/add-eligible").status_code == 403
    r = _post(client, f"/api/v1/programs/batches/{batch['id']}/approve", {"decision": "45/QĐ-STTTT"})
    assert r.status_code == 200 and (r.json()["status"], r.json()["members"]) == ("approved", 2)

    client.force_login(officer_khanh)
    r = _post(client, f"/api/v1/programs/batches/{batch['id']}/start")
    assert r.json()["status"] == "delivering"
    stock = {"commune_code": xa.code, "quantity": 2, "received_on": "2017-03-01"}
    r = _post(client, f"/api/v1/programs/batches/{batch['id']}/stock", stock)
    assert r.status_code == 201 and r.json()["quantity"] == 2
    assert (
        _post(client, f"/api/v1/programs/batches/{batch['id']}/stock", {**stock, "quantity": 0}).status_code
        == 400
    )
    for i, serial in ((1, "HG17-0001"), (3, "HG17-0002")):
        delivery = {
            "batch": batch["id"],
            "citizen_id": f"36301000{i}",
            "serial": serial,
            "receiver_name": "Người nhận",
            "delivered_on": "2017-03-05",
        }
        assert _post(client, "/api/v1/programs/deliveries", delivery).status_code == 201
    r = _post(client, f"/api/v1/programs/batches/{batch['id']}/close")
    assert r.status_code == 200 and (r.json()["status"], r.json()["delivered"]) == ("closed", 2)
    assert _post(client, "/api/v1/programs/batches/999/close").status_code == 404


def test_criterion8_evidence_through_the_api(
    client, officer_khanh, director_em, commune, xa_codes, media, django_capture_on_commit_callbacks
):
    xa = commune(xa_codes[0])
    c8_assess(actor=officer_khanh, commune=xa, year=2016, **ALL)
    client.force_login(officer_khanh)
    url = f"/api/v1/programs/criterion8/{xa.code}/2016/evidence"
    scan = SimpleUploadedFile("bien-ban-8-3.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    r = client.post(url, {"sub_criterion": "c83", "note": "Biên bản kiểm tra đài truyền thanh", "file": scan})
    assert r.status_code == 201, r.content
    added = r.json()
    assert added["file"].endswith(".pdf") and (media / added["file"]).exists()
    r = client.post(url, {"sub_criterion": "c81", "note": "Điểm bưu điện văn hóa xã"})
    assert r.status_code == 201
    assert client.post(url, {"sub_criterion": "c85", "note": "x"}).status_code == 400
    assert client.post(url, {"sub_criterion": "c81"}).status_code == 400  # neither note nor file
    r = client.post(
        f"/api/v1/programs/criterion8/{xa_codes[1]}/2016/evidence", {"sub_criterion": "c81", "note": "x"}
    )
    assert r.status_code == 404  # not assessed

    rows = client.get(f"/api/v1/programs/criterion8?year=2016&district={xa.parent.code}").json()
    row = next(x for x in rows if x["commune_code"] == xa.code)
    assert row["status"] == "new" and {e["sub_criterion"] for e in row["evidence"]} == {"c81", "c83"}
    assert any(not x["assessed"] for x in rows)

    client.force_login(director_em)
    assert client.get("/api/v1/programs/criterion8?year=2016").status_code == 200
    assert client.post(url, {"sub_criterion": "c81", "note": "x"}).status_code == 403
    assert client.delete(f"/api/v1/programs/criterion8/evidence/{added['id']}").status_code == 403

    client.force_login(officer_khanh)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.delete(f"/api/v1/programs/criterion8/evidence/{added['id']}")
    assert r.status_code == 204
    assert not Criterion8Evidence.objects.filter(pk=added["id"]).exists()
    assert not (media / added["file"]).exists()  # the file went with it, after the commit
    assert AuditEntry.objects.filter(action="programs.c8_evidence_delete").count() == 1
    assert client.delete(f"/api/v1/programs/criterion8/evidence/{added['id']}").status_code == 404
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/programs/criterion8/{commune_code}/{year}/evidence" in paths
    assert "/api/v1/programs/batches/{batch_id}/stock" in paths
