"""The org admin pages (Vietnamese) load and save through the services; the agency API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinhso.core.models import AuditEntry
from tinhso.org.models import Agency, Role, StaffRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_nam(persona: Any, client: Client) -> Client:
    client.force_login(persona("nam"))
    return client


def test_agency_pages(admin_nam: Client, demo_agencies: dict[str, Any]) -> None:
    response = admin_nam.get(reverse("admin:org_agency_changelist"))
    assert response.status_code == 200
    assert (
        "Sở Thông tin và Truyền thông tỉnh Hậu Giang › Phòng Công nghệ thông tin" in response.content.decode()
    )
    so = demo_agencies["000.00.15.H30"]
    page = admin_nam.get(reverse("admin:org_agency_change", args=[so.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Đơn vị trực thuộc" in html and "Phòng Công nghệ thông tin" in html
    assert admin_nam.get(reverse("admin:org_agency_add")).status_code == 200


def test_agency_add_through_admin(admin_nam: Client, demo_agencies: dict[str, Any]) -> None:
    so = demo_agencies["000.00.15.H30"]
    form = {
        "code": "000.07.15.h30",
        "name": "Phòng Kế hoạch",
        "kind": "phong",
        "parent": so.pk,
        "order": 7,
        "is_active": "on",
        "short_name": "",
        "symbol": "",
        "address": "",
        "phone": "",
        "email": "",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
        "staff_roles-TOTAL_FORMS": "0",
        "staff_roles-INITIAL_FORMS": "0",
    }
    response = admin_nam.post(reverse("admin:org_agency_add"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Agency.objects.get(code="000.07.15.H30").parent == so
    assert AuditEntry.objects.filter(action="org.agency_create", after__code="000.07.15.H30").exists()
    bad = admin_nam.post(reverse("admin:org_agency_add"), {**form, "code": "7.15.H30"})
    assert bad.status_code == 200 and "QCVN 102" in bad.content.decode()


def test_staff_role_admin(
    admin_nam: Client, clerk_binh: Any, citizen_an: Any, demo_agencies: dict[str, Any]
) -> None:
    assert admin_nam.get(reverse("admin:org_staffrole_changelist")).status_code == 200
    assert admin_nam.get(reverse("admin:org_staffrole_add")).status_code == 200
    cntt = demo_agencies["000.04.15.H30"]
    form = {"user": clerk_binh.pk, "agency": cntt.pk, "role": Role.SPECIALIST, "title": "Chuyên viên"}
    assert admin_nam.post(reverse("admin:org_staffrole_add"), form).status_code == 302
    granted = StaffRole.objects.get(user=clerk_binh, agency=cntt)
    assert AuditEntry.objects.filter(action="org.staff_role_grant", object_id=str(granted.pk)).exists()
    refused = admin_nam.post(reverse("admin:org_staffrole_add"), {**form, "user": citizen_an.pk})
    assert refused.status_code == 200 and "cán bộ" in refused.content.decode()
    response = admin_nam.post(
        reverse("admin:org_staffrole_changelist"),
        {"action": "revoke_selected", "_selected_action": [granted.pk]},
    )
    assert response.status_code == 302
    granted.refresh_from_db()
    assert not granted.is_active


def test_agency_api(client: Client, demo_agencies: dict[str, Any]) -> None:
    rows = client.get("/api/v1/org/agencies").json()
    assert len(rows) == 32 and rows[0]["code"] == "000.00.00.H30" and rows[0]["depth"] == 0
    one = client.get("/api/v1/org/agencies/000.05.15.H30").json()
    assert one["parent_code"] == "000.00.15.H30" and one["name"] == "Phòng Thông tin - Báo chí - Xuất bản"
    missing = client.get("/api/v1/org/agencies/999.99.99.H30")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.json()["message"]
