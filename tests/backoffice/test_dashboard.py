from __future__ import annotations

import pytest
from django.urls import reverse

from tinhso.accounts.services import citizen_register
from tinhso.backoffice.navigation import nav_for
from tinhso.org.models import Role

pytestmark = pytest.mark.django_db


def test_staff_home_is_the_dashboard_with_roles_and_agency(client, clerk_binh):
    client.force_login(clerk_binh)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")
    html = response.content.decode()
    assert "Trần Thị Bình" in html
    assert "Cán bộ một cửa" in html and "Văn phòng Sở" in html and "000.01.15.H30" in html
    assert "Hồ sơ chờ tiếp nhận" in html and "Chưa có hồ sơ." in html
    assert "Quản trị cấu hình" not in html  # not an administrator


def test_director_sees_the_staff_of_the_department(client, director_em, specialist_chi, head_dung):
    client.force_login(director_em)
    response = client.get(reverse("backoffice:dashboard"))
    panels = {p.key: p for p in response.context["panels"]}
    assert set(panels) == {"signature", "staff"}
    counts = {s.label: s.value for s in panels["staff"].stats}
    # the director's role in the Sở covers its divisions
    assert counts == {"Chuyên viên": 1, "Trưởng phòng": 1, "Giám đốc": 1}


def test_division_head_sees_only_their_division(client, head_dung, specialist_chi, clerk_binh):
    client.force_login(head_dung)
    panels = {p.key: p for p in client.get(reverse("backoffice:dashboard")).context["panels"]}
    counts = {s.label: s.value for s in panels["staff"].stats}
    assert counts == {"Chuyên viên": 1, "Trưởng phòng": 1}


def test_administrator_panels_are_real_counts(client, persona, citizen_an):
    nam = persona("nam")
    client.force_login(nam)
    response = client.get(reverse("backoffice:dashboard"))
    html = response.content.decode()
    panels = {p.key: p for p in response.context["panels"]}
    accounts = {s.label: s.value for s in panels["accounts"].stats}
    assert accounts["Công dân"] == 1 and accounts["Cán bộ, công chức"] == 1
    assert "Quản trị cấu hình" in html and 'href="/admin/"' in html


def test_citizens_are_refused_from_the_back_office(client):
    user = citizen_register(
        full_name="Võ Văn Út", citizen_id="093090001111", password="Hau-Giang-2017!", email="ut@example.vn"
    )
    client.force_login(user)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_nav_depends_on_roles():
    def labels(**kw):
        return [e.label for s in nav_for(**kw) for e in s.entries]

    assert "Quản trị cấu hình" in labels(roles=[Role.ADMINISTRATOR])
    assert "Quản trị cấu hình" not in labels(roles=[Role.CLERK])
    assert labels(roles=[Role.CLERK])[0] == "Trang làm việc"


def test_staff_profile_uses_the_back_office_layout(client, clerk_binh):
    client.force_login(clerk_binh)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'class="bo-side"' in html and "Cán bộ tiếp nhận một cửa" in html
