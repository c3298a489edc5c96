"""Every write to users goes through these services."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tinhso.accounts.models import User, UserKind
from tinhso.core.audit import audit_record


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str,
    kind: str = UserKind.CITIZEN,
    email: str | None = None,
    phone: str | None = None,
    citizen_id: str | None = None,
    **extra: Any,
) -> User:
    user = User.objects.create_user(
        username=username, password=password, full_name=full_name, kind=kind,
        email=(email or None), phone=(phone or None), citizen_id=(citizen_id or None), **extra,
    )
    audit_record(
        actor=actor, action="user.create", obj=user,
        after={"username": user.username, "kind": user.kind, "full_name": user.full_name},
    )
    return user
