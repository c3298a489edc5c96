"""Who may act on a dossier: staff roles scoped to agencies, and applicants on their own dossiers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tinhso.accounts.models import UserKind
from tinhso.org.models import Agency, Role, StaffRole

MAX_DEPTH = 6  # agency trees are shallow: province → department → division

# A deputy director may sign in the director's place.
ROLE_SUBSTITUTES: dict[str, set[str]] = {Role.DIRECTOR: {Role.DIRECTOR, Role.DEPUTY_DIRECTOR}}
DECISION_ROLES = {Role.DIVISION_HEAD, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}
LEADER_ROLES = {Role.DIVISION_HEAD, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}


def _ancestors(agency_id: int, parents: dict[int, int | None]) -> list[int]:
    chain = [agency_id]
    current: int | None = agency_id
    for _ in range(MAX_DEPTH):
        current = parents.get(current) if current is not None else None
        if current is None:
            break
        chain.append(current)
    return chain


def _roles(user: Any) -> list[tuple[str, int, list[int]]]:
    """(role, agency id, agency and its ancestors) for each active role of ``user``; cached on it."""
    cached = getattr(user, "_onestop_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = list(StaffRole.objects.filter(user=user, is_active=True).values_list("role", "agency_id"))
    parents: dict[int, int | None] = {}
    frontier = {agency_id for _, agency_id in rows}
    for _ in range(MAX_DEPTH):
        frontier -= parents.keys()
        if not frontier:
            break
        found = dict(Agency.objects.filter(pk__in=frontier).values_list("pk", "parent_id"))
        parents.update(found)
        frontier = {p for p in found.values() if p is not None}
    result = [(role, agency_id, _ancestors(agency_id, parents)) for role, agency_id in rows]
    user._onestop_roles = result
    return result


def forget_roles(user: Any) -> None:
    if hasattr(user, "_onestop_roles"):
        del user._onestop_roles


def is_staff_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.kind == UserKind.STAFF)


def has_role(user: Any, roles: Iterable[str], agency: Agency | int) -> bool:
    """Does ``user`` hold one of ``roles`` in ``agency`` or in a unit under it?"""
    if not is_staff_user(user) or not user.is_active:
        return False
    agency_id = agency if isinstance(agency, int) else agency.pk
    wanted = set(roles)
    return any(role in wanted and agency_id in chain for role, _, chain in _roles(user))


def works_in(user: Any, agency: Agency | int) -> bool:
    """Does ``user`` hold any role in ``agency`` or in a unit under it?"""
    if not is_staff_user(user) or not user.is_active:
        return False
    agency_id = agency if isinstance(agency, int) else agency.pk
    return any(agency_id in chain for _, _, chain in _roles(user))


def step_roles(role: str) -> set[str]:
    return ROLE_SUBSTITUTES.get(role, {role})


def agencies_with_role(user: Any, roles: Iterable[str]) -> set[int]:
    """The agencies in which ``user`` may act with one of ``roles`` (the same rule as ``has_role``)."""
    if not is_staff_user(user) or not user.is_active:
        return set()
    wanted = set(roles)
    return {a for role, _, chain in _roles(user) if role in wanted for a in chain}


def agencies_of(user: Any) -> set[int]:
    """The agencies whose dossiers ``user`` may see (the same rule as ``works_in``)."""
    if not is_staff_user(user) or not user.is_active:
        return set()
    return {a for _, _, chain in _roles(user) for a in chain}


def own_units(user: Any, roles: Iterable[str]) -> set[int]:
    """The agencies where ``user`` holds one of ``roles`` directly (no ancestors): their division."""
    if not is_staff_user(user) or not user.is_active:
        return set()
    wanted = set(roles)
    return {agency_id for role, agency_id, _ in _roles(user) if role in wanted}
