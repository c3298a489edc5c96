"""``tinhso demo``: loads everything, is idempotent and cheap the second time, honours --dry-run."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from tinhso.accounts.models import User
from tinhso.core.models import AuditEntry
from tinhso.demo.personas import DEMO_PASSWORD, PERSONAS
from tinhso.demo.users import demo_persona_ensure
from tinhso.geo.models import Unit
from tinhso.org.models import Agency, Role, StaffRole
from tinhso.org.selectors import user_has_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]


def test_demo_loads_everything(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", "--foundation-only")
    out = capsys.readouterr().out
    assert "Đơn vị hành chính: tạo" in out and "Tài khoản mẫu: tạo 12" in out
    assert Unit.objects.filter(level=2).values("code").distinct().count() == 8
    assert Agency.objects.count() == 32
    assert User.objects.filter(username__in=[p.username for p in PERSONAS]).count() == len(PERSONAS)
    staff = [p for p in PERSONAS if p.role]
    assert StaffRole.objects.filter(is_active=True).count() == len(staff)
    for p in staff:
        user = User.objects.get(username=p.username)
        assert user_has_role(user, p.role, Agency.objects.get(code=p.agency_code)), p.key
        assert user.is_staff == (p.role == Role.ADMINISTRATOR), p.key
    an = User.objects.get(username="an@example.vn")
    assert (an.kind, an.citizen_id, an.is_staff) == ("citizen", "093089001234", False)
    assert authenticate(username="binh@stttt.haugiang.gov.vn", password=DEMO_PASSWORD) is not None


def test_second_run_changes_nothing_and_is_cheap(
    capsys: pytest.CaptureFixture[str], django_assert_max_num_queries: Any
) -> None:
    call_command("demo", "--foundation-only")
    entries = AuditEntry.objects.count()
    with django_assert_max_num_queries(20):
        call_command("demo", "--foundation-only")
    out = capsys.readouterr().out
    assert "tạo 0, cập nhật 0" in out and "Tài khoản mẫu: tạo 0, giao 0 vai trò" in out
    assert AuditEntry.objects.count() == entries


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", "--foundation-only", "--dry-run")
    out = capsys.readouterr().out
    assert "Chạy thử" in out and "Tài khoản mẫu: tạo 12" in out
    assert not Unit.objects.exists() and not Agency.objects.exists() and not User.objects.exists()
    assert not AuditEntry.objects.exists()


def test_demo_repairs_a_lost_role() -> None:
    call_command("demo", "--foundation-only")
    role = StaffRole.objects.get(user__username="chi@stttt.haugiang.gov.vn")
    StaffRole.objects.filter(pk=role.pk).update(is_active=False)
    call_command("demo", "--foundation-only")
    role.refresh_from_db()
    assert role.is_active


def test_persona_fixture_is_built_through_services(clerk_binh: Any, persona: Any) -> None:
    assert persona("binh") == clerk_binh
    assert AuditEntry.objects.filter(action="user.create", object_id=str(clerk_binh.pk)).count() == 1
    assert AuditEntry.objects.filter(action="org.staff_role_grant").count() == 1
    assert clerk_binh.check_password(DEMO_PASSWORD)


def test_unknown_persona(demo_agencies: Any) -> None:
    from tinhso.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        demo_persona_ensure(persona="zed")


def test_full_demo_second_run_writes_nothing(django_assert_max_num_queries: Any) -> None:
    call_command("demo", "--dossiers", "40")  # `make run` loads the default 3,000
    entries = AuditEntry.objects.count()
    # Every loader checks what is there before writing: a bounded number of reads, no writes.
    with django_assert_max_num_queries(400):
        call_command("demo", "--dossiers", "40")
    assert AuditEntry.objects.count() == entries
