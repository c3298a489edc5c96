"""Out-of-range years in the programs API answer 422 with the house error body and write nothing
(schemathesis found ``dt.date(year, 12, 31)`` and ``communes_of_year`` failing with a 500)."""

from __future__ import annotations

import json

import pytest

from tinhso.core.models import AuditEntry
from tinhso.programs.models import Batch, Criterion8Assessment, Household

pytestmark = pytest.mark.django_db


def _rejected(response) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_input" and body["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize("year", [0, -349, 3048552, 10**20])
def test_impossible_year_writes_nothing(client, officer_khanh, year) -> None:
    client.force_login(officer_khanh)
    c8 = {"commune_code": "31474", "year": year, "c81": True, "c82": True, "c83": True, "c84": True}
    _rejected(client.post("/api/v1/programs/criterion8", json.dumps(c8), content_type="application/json"))
    household = {
        "head_name": "Nguyễn Văn Bé",
        "citizen_id": "093200000001",
        "hamlet": "Ấp 1",
        "commune_code": "31474",
        "poverty": "poor",
        "list_year": year,
    }
    _rejected(
        client.post("/api/v1/programs/households", json.dumps(household), content_type="application/json")
    )
    _rejected(client.get(f"/api/v1/programs/criterion8?year={year}"))
    _rejected(client.get(f"/api/v1/programs/criterion8/summary?year={year}"))
    assert not Criterion8Assessment.objects.exists() and not Household.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="programs.").exists()


@pytest.mark.parametrize("number", [-1, 0, 40000])
def test_batch_number_out_of_range(client, officer_khanh, number) -> None:
    """A negative number reached the PositiveSmallIntegerField's CHECK constraint (500)."""
    client.force_login(officer_khanh)
    body = {"number": number, "name": "Đợt thử", "year": 2017, "list_year": 2016}
    _rejected(client.post("/api/v1/programs/batches", json.dumps(body), content_type="application/json"))
    assert not Batch.objects.exists()


@pytest.mark.parametrize("page", [0, 173904036272706304, 10**30])
def test_household_page_out_of_range(client, officer_khanh, page) -> None:
    """Page 1.7·10^17 made an offset SQLite cannot take (OverflowError, 500; schemathesis, administrator)."""
    client.force_login(officer_khanh)
    response = client.get("/api/v1/programs/households", {"page": page})
    _rejected(response)
    assert response.json()["errors"][0]["loc"] == ["query", "page"]
    assert client.get("/api/v1/programs/households", {"page": 1_000_000}).json() == []
