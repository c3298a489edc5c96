from __future__ import annotations

import pytest
from django.urls import reverse

from tinhso.accounts.models import User, UserKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_vi(client):
    admin = User.objects.create_superuser("quantri@example.vn", "Quan-Tri-2017!", full_name="Quản trị")
    client.force_login(admin)
    return client


def test_admin_user_list_is_vietnamese_with_search_and_filters(admin_client_vi):
    User.objects.create_user(
        "an@example.vn", "x", full_name="Nguyễn Văn An", kind=UserKind.CITIZEN, citizen_id="093089001234"
    )
    url = reverse("admin:accounts_user_changelist")
    html = admin_client_vi.get(url, {"q": "093089001234"}).content.decode()
    assert "Nguyễn Văn An" in html
    assert "Loại tài khoản" in html  # the filter and the column
    assert "Tìm kiếm" in html or "Tìm" in html  # Django's own Vietnamese catalogue
    html = admin_client_vi.get(url, {"kind__exact": "staff"}).content.decode()
    assert "Nguyễn Văn An" not in html


def test_admin_user_change_and_add_pages(admin_client_vi):
    user = User.objects.get()
    assert admin_client_vi.get(reverse("admin:accounts_user_change", args=[user.pk])).status_code == 200
    assert admin_client_vi.get(reverse("admin:accounts_user_add")).status_code == 200
    assert admin_client_vi.get(reverse("admin:accounts_loginattempt_changelist")).status_code == 200
