"""The geo admin pages load for a superuser; the API lists units valid on a date."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tinhso.accounts.models import User
from tinhso.geo.models import Population, Unit
from tinhso.geo.services import units_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_vi(client: Client) -> Client:
    user = User.objects.create_superuser("root@example.vn", "x", full_name="Quản trị")
    client.force_login(user)
    units_load(actor=None)
    return client


@pytest.mark.parametrize("query", ["", "?hieu_luc=2016-06-30&level__exact=3", "?hieu_luc=today", "?q=Ngã"])
def test_unit_changelist(admin_client_vi: Client, query: str) -> None:
    response = admin_client_vi.get(reverse("admin:geo_unit_changelist") + query)
    assert response.status_code == 200


def test_unit_change_page_and_save(admin_client_vi: Client) -> None:
    unit = Unit.objects.get(code="930")
    url = reverse("admin:geo_unit_change", args=[unit.pk])
    assert admin_client_vi.get(url).status_code == 200
    response = admin_client_vi.post(
        url,
        {
            "name": "Thành phố Vị Thanh (sửa)",
            "valid_to": "01/07/2025",
            "note": "",
            "populations-TOTAL_FORMS": "3",
            "populations-INITIAL_FORMS": "3",
            "populations-MIN_NUM_FORMS": "0",
            "populations-MAX_NUM_FORMS": "1000",
            **{f"populations-{i}-id": str(p.pk) for i, p in enumerate(unit.populations.order_by("year"))},
            **{f"populations-{i}-unit": str(unit.pk) for i in range(3)},
        },
    )
    assert response.status_code == 302, response.content[:2000]
    unit.refresh_from_db()
    assert unit.name == "Thành phố Vị Thanh (sửa)"


def test_population_changelist(admin_client_vi: Client) -> None:
    assert admin_client_vi.get(reverse("admin:geo_population_changelist")).status_code == 200
    pop = Population.objects.first()
    assert pop is not None
    assert admin_client_vi.get(reverse("admin:geo_population_change", args=[pop.pk])).status_code == 200


def test_api_units_on_date(client: Client) -> None:
    units_load(actor=None)
    data = client.get("/api/v1/geo/units", {"on": "2016-06-30", "level": 3}).json()
    assert len(data) == 76
    data = client.get(
        "/api/v1/geo/units", {"on": "2020-06-30", "parent_code": "93", "kind": "thanh_pho"}
    ).json()
    assert {d["name"] for d in data} == {"Thành phố Vị Thanh", "Thành phố Ngã Bảy"}
    bad = client.get("/api/v1/geo/units", {"level": 7})
    assert bad.status_code == 400 and "Cấp" in bad.json()["message"]
