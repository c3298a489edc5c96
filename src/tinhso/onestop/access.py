"""Who may act on a dossier: staff roles scoped to their department, applicants on their own dossiers.

The rule, for a role held in agency A whose department (``org.selectors.agency_department``: the Sở or
UBND A is, or belongs to) is D:

- **dossiers** — its holder sees and works on the dossiers of D: of D itself and of every unit that
  belongs to D (a clerk of Văn phòng Sở handles the Sở's dossiers). Never those of an agency above D
  (UBND tỉnh) nor of another department (a UBND huyện, another Sở);
- **steps** — in a step of the internal process that asks for this role (or one it substitutes), at
  A, at a unit under A, or at D itself (a step given to the department as a whole). A specialist of
  one division has no role in a step of another division;
- **leadership** — a leader role (division head, director, deputy) leads A and the units under it,
  within D: a division head leads his division, the director the whole Sở. Leading is what lets one
  reassign someone else's step, stop a dossier or allow a withdrawal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tinhso.accounts.models import UserKind
from tinhso.org.models import Agency, Role, StaffRole
from tinhso.org.selectors import DEPARTMENT_KINDS, agency_department

# A deputy director may sign in the director's place.
ROLE_SUBSTITUTES: dict[str, set[str]] = {Role.DIRECTOR: {Role.DIRECTOR, Role.DEPUTY_DIRECTOR}}
DECISION_ROLES = {Role.DIVISION_HEAD, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}
LEADER_ROLES = {Role.DIVISION_HEAD, Role.DIRECTOR, Role.DEPUTY_DIRECTOR}


@dataclass(frozen=True)
class Grant:
    """One active role of a user and the agencies it reaches."""

    role: str
    agency_id: int
    department_id: int
    units: frozenset[int]  # A and the units under it, within D (where a leader leads)
    steps: frozenset[int]  # units ∪ {D}: where a step asking for this role may be taken
    dossiers: frozenset[int]  # every agency of D: whose dossiers its holder works on


@dataclass(frozen=True)
class _Tree:
    parent: dict[int, int | None]
    kind: dict[int, str]
    children: dict[int | None, list[int]]

    def within(self, root: int, department_id: int) -> frozenset[int]:
        """``root`` and the agencies under it that belong to ``department_id`` (not a nested Sở/UBND)."""
        found: set[int] = set()
        stack = [root]
        while stack:
            pk = stack.pop()
            if pk in found:
                continue
            if pk != root and self.kind.get(pk) in DEPARTMENT_KINDS:
                continue  # another department below (a Sở under UBND tỉnh) is not ours
            found.add(pk)
            stack.extend(self.children.get(pk, []))
        return frozenset(found)


def _tree() -> _Tree:
    parent: dict[int, int | None] = {}
    kind: dict[int, str] = {}
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, agency_kind in Agency.objects.values_list("id", "parent_id", "kind"):
        parent[pk] = parent_id
        kind[pk] = agency_kind
        children.setdefault(parent_id, []).append(pk)
    return _Tree(parent=parent, kind=kind, children=children)


def grants(user: Any) -> list[Grant]:
    """The active roles of ``user`` with what each reaches (a few queries, then cached on the user)."""
    cached = getattr(user, "_onestop_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = list(StaffRole.objects.filter(user=user, is_active=True).select_related("agency").order_by("id"))
    result: list[Grant] = []
    if rows:
        tree = _tree()
        for row in rows:
            department_id = agency_department(row.agency).pk
            units = tree.within(row.agency_id, department_id)
            result.append(
                Grant(
                    role=row.role,
                    agency_id=row.agency_id,
                    department_id=department_id,
                    units=units,
                    steps=units | {department_id},
                    dossiers=tree.within(department_id, department_id),
                )
            )
    user._onestop_grants = result
    return result


def _roles(user: Any) -> list[tuple[str, int, list[int]]]:
    """(role, agency id, the agencies where a step asking for the role may be taken) per active role
    (``worklists`` builds the "takeable steps" filter from it)."""
    return [(g.role, g.agency_id, sorted(g.steps)) for g in grants(user)]


def forget_roles(user: Any) -> None:
    if hasattr(user, "_onestop_grants"):
        del user._onestop_grants


def is_staff_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.kind == UserKind.STAFF)


def _active_grants(user: Any) -> list[Grant]:
    if not is_staff_user(user) or not user.is_active:
        return []
    return grants(user)


def _id(agency: Agency | int) -> int:
    return agency if isinstance(agency, int) else agency.pk


def has_role(user: Any, roles: Iterable[str], agency: Agency | int) -> bool:
    """May ``user`` take a step asking for one of ``roles`` at ``agency`` (a unit, or the department)?"""
    agency_id, wanted = _id(agency), set(roles)
    return any(g.role in wanted and agency_id in g.steps for g in _active_grants(user))


def has_dossier_role(user: Any, roles: Iterable[str], agency: Agency | int) -> bool:
    """Does ``user`` hold one of ``roles`` anywhere in the department that ``agency`` belongs to (the
    one-stop clerk of Văn phòng Sở for a dossier of the Sở)?"""
    agency_id, wanted = _id(agency), set(roles)
    return any(g.role in wanted and agency_id in g.dossiers for g in _active_grants(user))


def leads(user: Any, agency: Agency | int) -> bool:
    """Is ``user`` a leader of ``agency`` (a leader role held in it or in a unit above it, within the
    department)? A division head leads his division, not the Sở nor another division."""
    agency_id = _id(agency)
    return any(g.role in LEADER_ROLES and agency_id in g.units for g in _active_grants(user))


def works_in(user: Any, agency: Agency | int) -> bool:
    """Does ``user`` hold any role in the department that ``agency`` belongs to?"""
    agency_id = _id(agency)
    return any(agency_id in g.dossiers for g in _active_grants(user))


def step_roles(role: str) -> set[str]:
    return ROLE_SUBSTITUTES.get(role, {role})


def agencies_with_role(user: Any, roles: Iterable[str]) -> set[int]:
    """The agencies whose dossiers ``user`` handles with one of ``roles`` (the rule of
    ``has_dossier_role``): for a clerk, the desk's queue."""
    wanted = set(roles)
    return {a for g in _active_grants(user) if g.role in wanted for a in g.dossiers}


def agencies_led(user: Any) -> set[int]:
    """The agencies ``user`` leads (the rule of ``leads``)."""
    return {a for g in _active_grants(user) if g.role in LEADER_ROLES for a in g.units}


def agencies_of(user: Any) -> set[int]:
    """The agencies whose dossiers ``user`` may see (the rule of ``works_in``)."""
    return {a for g in _active_grants(user) for a in g.dossiers}


def own_units(user: Any, roles: Iterable[str]) -> set[int]:
    """The agencies where ``user`` holds one of ``roles`` directly (no ancestors): their division."""
    wanted = set(roles)
    return {g.agency_id for g in _active_grants(user) if g.role in wanted}
