from __future__ import annotations

import pytest
from django.urls import reverse

from tinhso.accounts.services import citizen_register, user_change_password, user_update_profile
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Hau-Giang-2017!"
NEW = "Vi-Thanh-2018#"


@pytest.fixture
def citizen():
    return citizen_register(
        full_name="Đỗ Văn Tám", citizen_id="093078008888", password=PASSWORD, email="tam@example.vn"
    )


@pytest.fixture
def other():
    return citizen_register(
        full_name="Đỗ Thị Chín", citizen_id="093178009999", password=PASSWORD, phone="0912999999"
    )


def test_update_profile_records_only_changed_fields(citizen):
    user_update_profile(
        actor=citizen,
        user=citizen,
        full_name="Đỗ Văn Tám",
        email="tam@example.vn",
        phone="0912 888 888",
        address="Ngã Bảy",
    )
    citizen.refresh_from_db()
    assert citizen.phone == "0912888888" and citizen.address == "Ngã Bảy"
    entry = AuditEntry.objects.get(action="user.update_profile")
    assert set(entry.after) == {"phone", "address"} and entry.before == {"phone": None, "address": ""}


def test_update_profile_refuses_others_and_taken_contacts(citizen, other):
    with pytest.raises(NotAllowed):
        user_update_profile(actor=other, user=citizen, full_name="X", email="tam@example.vn", phone=None)
    with pytest.raises(Conflict):
        user_update_profile(
            actor=citizen, user=citizen, full_name="X", email="tam@example.vn", phone="0912999999"
        )


def test_change_password(citizen):
    with pytest.raises(InvalidInput, match="hiện tại không đúng"):
        user_change_password(actor=citizen, user=citizen, old_password="sai", new_password=NEW)
    with pytest.raises(InvalidInput):
        user_change_password(actor=citizen, user=citizen, old_password=PASSWORD, new_password="12345678")
    user_change_password(actor=citizen, user=citizen, old_password=PASSWORD, new_password=NEW)
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    entry = AuditEntry.objects.get(action="user.change_password")
    assert entry.after is None and entry.before is None


def test_profile_page(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert response.status_code == 200 and "093078008888" in html and "Sửa thông tin liên hệ" in html
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Đỗ Văn Tám", "email": "", "phone": "", "address": ""}
    )
    assert response.status_code == 400
    assert "Cần nhập thư điện tử hoặc số điện thoại để đăng nhập." in response.content.decode()


def test_password_change_page_keeps_the_session(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200  # still signed in
    client.post(reverse("accounts:logout"))
    r = client.post(reverse("accounts:login"), {"identifier": "tam@example.vn", "password": NEW})
    assert r.status_code == 302
