from __future__ import annotations

import pytest
from django.urls import reverse

from tinhso.accounts.models import User, UserKind
from tinhso.accounts.services import business_register, citizen_register
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Hau-Giang-2017!"


def test_citizen_register_creates_an_audited_citizen_with_argon2_or_configured_hash():
    user = citizen_register(
        full_name="  Nguyễn   Thị Lan ",
        citizen_id="093 190 000 111",
        password=PASSWORD,
        email="Lan@Example.vn",
        phone="+84 912 000 111",
    )
    user.refresh_from_db()
    assert user.kind == UserKind.CITIZEN
    assert user.full_name == "Nguyễn Thị Lan"
    assert user.username == "lan@example.vn"
    assert (user.email, user.phone, user.citizen_id) == ("lan@example.vn", "0912000111", "093190000111")
    assert user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="user.register")
    assert entry.object_id == str(user.pk) and entry.actor_id == user.pk
    assert PASSWORD not in str(entry.after)


def test_phone_only_registration_uses_the_phone_as_username():
    user = citizen_register(
        full_name="Trần Văn Tư", citizen_id="093080000222", password=PASSWORD, phone="0939000222"
    )
    assert user.username == "0939000222" and user.email is None


def test_argon2_is_the_first_production_hasher(settings):
    hashers = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"citizen_id": "12345"}, "citizen_id_invalid"),
        ({"citizen_id": "097089001234"}, "citizen_id_invalid"),
        ({"email": None, "phone": None}, "contact_required"),
        ({"phone": "0212345678"}, "phone_invalid"),
        ({"email": "khong-phai-thu"}, "email_invalid"),
        ({"password": "12345678"}, "password_invalid"),
        ({"password": "ngắn"}, "password_invalid"),
        ({"full_name": "   "}, "full_name_required"),
    ],
)
def test_citizen_register_rejects(kwargs, code):
    data = {
        "full_name": "Lê Văn Ba",
        "citizen_id": "093085000333",
        "password": PASSWORD,
        "email": "ba@example.vn",
    }
    data.update(kwargs)
    with pytest.raises(InvalidInput) as info:
        citizen_register(**data)
    assert info.value.code == code
    assert not User.objects.exists()


def test_duplicates_are_refused():
    citizen_register(
        full_name="Lê Văn Ba",
        citizen_id="093085000333",
        password=PASSWORD,
        email="ba@example.vn",
        phone="0912000333",
    )
    with pytest.raises(Conflict, match="định danh"):
        citizen_register(full_name="X", citizen_id="093085000333", password=PASSWORD, email="x@example.vn")
    with pytest.raises(Conflict, match="Thư điện tử"):
        citizen_register(full_name="X", citizen_id="093085000444", password=PASSWORD, email="BA@example.vn")
    with pytest.raises(Conflict, match="Số điện thoại"):
        citizen_register(full_name="X", citizen_id="093085000444", password=PASSWORD, phone="+84912000333")


def test_business_register():
    user = business_register(
        organization_name="Công ty TNHH In ấn Phúc Hậu",
        tax_code="6300123456",
        full_name="Võ Văn Phúc",
        password=PASSWORD,
        email="phuc@example.vn",
    )
    assert user.kind == UserKind.BUSINESS and user.tax_code == "6300123456" and user.citizen_id is None
    with pytest.raises(InvalidInput) as info:
        business_register(
            organization_name="A", tax_code="12", full_name="B", password=PASSWORD, email="a@example.vn"
        )
    assert info.value.code == "tax_code_invalid"


def test_register_page_creates_account_and_signs_in(client):
    response = client.post(
        reverse("accounts:register"),
        {
            "full_name": "Phạm Thị Hoa",
            "citizen_id": "093195000555",
            "email": "hoa@example.vn",
            "phone": "",
            "address": "Vị Thanh",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and response.url == reverse("home")
    user = User.objects.get(email="hoa@example.vn")
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.get(reverse("home"))
    assert response.url == reverse("onestop_public:mine")


def test_register_page_shows_vietnamese_errors_next_to_fields(client):
    response = client.post(
        reverse("accounts:register"),
        {
            "full_name": "A",
            "citizen_id": "000089001234",
            "email": "",
            "phone": "",
            "password1": "a",
            "password2": "b",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ba chữ số đầu (000) không phải mã tỉnh, thành phố hợp lệ." in html
    assert "Hai mật khẩu không khớp." in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


def test_business_register_page(client):
    response = client.post(
        reverse("accounts:register_business"),
        {
            "organization_name": "Công ty CP Viễn thông Hậu Giang",
            "tax_code": "6300999888-001",
            "full_name": "Ngô Văn Sáu",
            "email": "",
            "phone": "0939 123 456",
            "address": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(phone="0939123456")
    assert user.kind == UserKind.BUSINESS and user.tax_code == "6300999888-001"
