"""One user per demo persona (``demo.personas``), created through ``accounts`` and ``org`` services.

Every persona signs in with ``DEMO_PASSWORD``. Only the administrator persona may open the Django
admin (``is_staff`` and ``is_superuser``, so that it can configure units, agencies and calendars); the
other officials work in the back office.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tinhso.accounts.models import User
from tinhso.accounts.services import user_create
from tinhso.core.errors import InvalidInput
from tinhso.demo.personas import DEMO_PASSWORD, PERSONAS, PERSONAS_BY_KEY, Persona
from tinhso.org.models import Agency, Role, StaffRole
from tinhso.org.services import staff_role_grant


@dataclass
class PersonasResult:
    users_created: int = 0
    roles_granted: int = 0
    unchanged: int = 0


class _DryRun(Exception):
    pass


def _create_user(*, actor: Any, persona: Persona) -> User:
    is_admin = persona.role == Role.ADMINISTRATOR
    extra: dict[str, Any] = {"is_staff": is_admin, "is_superuser": is_admin}
    if persona.kind == "business":
        extra["organization_name"] = persona.full_name
    return user_create(
        actor=actor,
        username=persona.username,
        password=DEMO_PASSWORD,
        full_name=persona.full_name,
        kind=persona.kind,
        email=persona.email,
        phone=persona.phone,
        citizen_id=persona.citizen_id,
        **extra,
    )


def demo_persona_ensure(*, persona: Persona | str, actor: Any = None) -> User:
    """The user of ``persona`` (a Persona or its key, e.g. "binh"), created with its role if missing.
    The agencies must be loaded (``demo.agencies.demo_agencies_load``)."""
    if isinstance(persona, str):
        if persona not in PERSONAS_BY_KEY:
            raise InvalidInput(f"Không có nhân vật mẫu “{persona}”.")
        persona = PERSONAS_BY_KEY[persona]
    result = PersonasResult()
    with transaction.atomic():
        users = _ensure(actor=actor, personas=[persona], result=result)
    return users[persona.key]


def demo_personas_load(*, actor: Any = None, dry_run: bool = False) -> PersonasResult:
    """Create every persona that is missing (and every persona role that is missing). Idempotent: a
    second run issues three reads and no writes."""
    result = PersonasResult()
    try:
        with transaction.atomic():
            _ensure(actor=actor, personas=PERSONAS, result=result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _ensure(*, actor: Any, personas: list[Persona], result: PersonasResult) -> dict[str, User]:
    users = {u.username: u for u in User.objects.filter(username__in=[p.username for p in personas])}
    agency_codes = {p.agency_code for p in personas if p.agency_code}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=agency_codes)}
    missing = sorted(agency_codes - set(agencies))
    if missing:
        raise InvalidInput(
            f"Chưa có cơ quan {', '.join(missing)}: hãy nạp danh sách cơ quan trước (tinhso demo)."
        )
    held = set(
        StaffRole.objects.filter(
            user__username__in=[p.username for p in personas], is_active=True
        ).values_list("user__username", "agency__code", "role")
    )
    out: dict[str, User] = {}
    for persona in personas:
        user = users.get(persona.username)
        changed = False
        if user is None:
            user = _create_user(actor=actor, persona=persona)
            result.users_created += 1
            changed = True
        if (
            persona.role
            and persona.agency_code
            and (user.username, persona.agency_code, persona.role) not in held
        ):
            staff_role_grant(
                actor=actor,
                user=user,
                agency=agencies[persona.agency_code],
                role=persona.role,
                title=persona.title,
            )
            result.roles_granted += 1
            changed = True
        if not changed:
            result.unchanged += 1
        out[persona.key] = user
    return out
