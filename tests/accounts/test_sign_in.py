from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tinhso.accounts.models import LoginAttempt
from tinhso.accounts.services import citizen_register, login_attempt_record, login_throttle_wait
from tinhso.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Hau-Giang-2017!"


@pytest.fixture
def citizen():
    return citizen_register(
        full_name="Nguyễn Văn Bảy",
        citizen_id="093089007777",
        password=PASSWORD,
        email="bay@example.vn",
        phone="0912777777",
    )


@pytest.mark.parametrize("identifier", ["bay@example.vn", "BAY@example.vn", "0912777777", "+84 912 777 777"])
def test_sign_in_with_email_or_phone(client, citizen, identifier):
    response = client.post(reverse("accounts:login"), {"identifier": identifier, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(citizen.pk)
    attempt = LoginAttempt.objects.get()
    assert attempt.success and attempt.user == citizen and attempt.ip == "127.0.0.1"
    assert AuditEntry.objects.filter(action="user.login", actor_id=citizen.pk).exists()


def test_wrong_password_is_refused_in_vietnamese(client, citizen):
    response = client.post(
        reverse("accounts:login"), {"identifier": "bay@example.vn", "password": "sai-mat-khau"}
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.get().success is False
    assert AuditEntry.objects.filter(action="user.login_failed").count() == 1


def test_next_is_followed_only_when_local(client, citizen):
    url = reverse("accounts:login")
    r = client.post(
        url, {"identifier": "bay@example.vn", "password": PASSWORD, "next": "/tai-khoan/doi-mat-khau/"}
    )
    assert r.url == "/tai-khoan/doi-mat-khau/"
    client.logout()
    r = client.post(
        url, {"identifier": "bay@example.vn", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert r.url == reverse("home")


def test_throttled_after_max_failures_for_the_identifier(client, citizen, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCK_MINUTES = 15
    url = reverse("accounts:login")
    for _ in range(3):
        assert client.post(url, {"identifier": "bay@example.vn", "password": "x"}).status_code == 200
    # even the right password is refused now, as is the same account by phone
    response = client.post(url, {"identifier": "bay@example.vn", "password": PASSWORD})
    assert response.status_code == 429
    assert "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.count() == 3  # refused attempts are not counted again


def test_throttle_by_ip_across_identifiers(client, citizen, settings):
    settings.LOGIN_MAX_FAILURES = 3
    url = reverse("accounts:login")
    for name in ("a@example.vn", "b@example.vn", "c@example.vn"):
        client.post(url, {"identifier": name, "password": "x"})
    response = client.post(url, {"identifier": "bay@example.vn", "password": PASSWORD})
    assert response.status_code == 429
    # another address is not affected
    other = client.post(url, {"identifier": "bay@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_wait_counts_down_and_lock_lifts(settings):
    settings.LOGIN_MAX_FAILURES = 2
    settings.LOGIN_LOCK_MINUTES = 10
    t0 = timezone.now() - dt.timedelta(minutes=30)
    login_attempt_record(identifier="x@example.vn", ip=None, success=False, at=t0)
    assert login_throttle_wait(identifier="x@example.vn", ip=None, now=t0 + dt.timedelta(minutes=1)) == 0
    login_attempt_record(identifier="X@example.vn ", ip=None, success=False, at=t0 + dt.timedelta(minutes=2))
    # locked until the first failure leaves the 10-minute window: t0 + 10 min
    assert login_throttle_wait(identifier="x@example.vn", ip=None, now=t0 + dt.timedelta(minutes=2)) == 8
    assert (
        login_throttle_wait(identifier="x@example.vn", ip=None, now=t0 + dt.timedelta(minutes=9, seconds=30))
        == 1
    )
    assert login_throttle_wait(identifier="x@example.vn", ip=None, now=t0 + dt.timedelta(minutes=10)) == 0


def test_success_resets_the_identifier_count(settings):
    settings.LOGIN_MAX_FAILURES = 2
    now = timezone.now()
    login_attempt_record(identifier="0912777777", ip=None, success=False, at=now - dt.timedelta(minutes=3))
    login_attempt_record(identifier="0912777777", ip=None, success=True, at=now - dt.timedelta(minutes=2))
    login_attempt_record(identifier="+84912777777", ip=None, success=False, at=now - dt.timedelta(minutes=1))
    assert login_throttle_wait(identifier="0912777777", ip=None, now=now) == 0
    login_attempt_record(identifier="0912777777", ip=None, success=False, at=now)
    assert login_throttle_wait(identifier="0912777777", ip=None, now=now) > 0


def test_sign_out_is_post_only_and_audited(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="user.logout", actor_id=citizen.pk).exists()


def test_signed_in_user_visiting_login_goes_home(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:login")).url == reverse("home")


def test_anonymous_home_requires_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
