"""Reads about agencies and staff roles, shared by pages, services of other apps and the API.

Scoping rule: a role held in an agency covers that agency and every agency below it. The director of
the Sở (``000.00.15.H30``) therefore acts as director for its divisions too, while a division head of
Phòng Thông tin - Báo chí - Xuất bản has no role in Phòng Công nghệ thông tin.

The agency tree is small (tens of rows), so the tree walks load it once (one query) instead of
following ``parent`` row by row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tinhso.org.models import Agency, AgencyKind, StaffRole

# The kinds of agency that are a "department" for scoping: the body a division belongs to.
DEPARTMENT_KINDS = frozenset(
    {AgencyKind.DEPARTMENT, AgencyKind.DISTRICT_COMMITTEE, AgencyKind.PROVINCIAL_COMMITTEE}
)


def _parents() -> dict[int, int | None]:
    return dict(Agency.objects.values_list("id", "parent_id"))


def agency_ancestor_ids(agency: Agency) -> list[int]:
    """The ids of ``agency`` and its ancestors, nearest first (one query)."""
    parents = _parents()
    chain: list[int] = []
    current: int | None = agency.pk
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def agency_subtree_ids(agency: Agency) -> set[int]:
    """The ids of ``agency`` and every agency below it (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in _parents().items():
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = [agency.pk]
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def agency_department(agency: Agency) -> Agency:
    """The department ``agency`` belongs to: itself if it is a Sở / UBND, else its nearest such ancestor
    (Phòng Công nghệ thông tin → Sở Thông tin và Truyền thông; Phòng Văn hóa và Thông tin → UBND huyện).
    An agency with no such ancestor is its own department."""
    if agency.kind in DEPARTMENT_KINDS:
        return agency
    rows = {a.pk: a for a in Agency.objects.only("id", "parent_id", "kind", "name", "code")}
    current: Agency | None = rows.get(agency.pk)
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.kind in DEPARTMENT_KINDS:
            return Agency.objects.get(pk=current.pk)
        seen.add(current.pk)
        current = rows.get(current.parent_id) if current.parent_id else None
    return agency


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).select_related("parent").first()


def agency_children(agency: Agency | None) -> QuerySet[Agency]:
    """The active agencies directly below ``agency`` (the top level when None)."""
    return Agency.objects.filter(parent=agency, is_active=True).order_by("order", "code")


def agency_tree() -> list[tuple[int, Agency]]:
    """Every agency as (depth, agency), in tree order (parents before children, by ``order``)."""
    agencies = list(Agency.objects.order_by("order", "code"))
    children: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_id, []).append(agency)
    out: list[tuple[int, Agency]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            out.append((depth, child))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return out


def user_roles(user: Any) -> QuerySet[StaffRole]:
    """The active roles of ``user``, with their agencies."""
    if user is None or not getattr(user, "pk", None):
        return StaffRole.objects.none()
    return (
        StaffRole.objects.filter(user_id=user.pk, is_active=True, agency__is_active=True)
        .select_related("agency")
        .order_by("agency__order", "agency__code", "role")
    )


def agencies_of(user: Any) -> QuerySet[Agency]:
    """The agencies in which ``user`` holds an active role."""
    if user is None or not getattr(user, "pk", None):
        return Agency.objects.none()
    return (
        Agency.objects.filter(staff_roles__user_id=user.pk, staff_roles__is_active=True, is_active=True)
        .distinct()
        .order_by("order", "code")
    )


def user_has_role(user: Any, role: str, agency: Agency | None = None) -> bool:
    """Whether ``user`` holds ``role``; with ``agency``, in that agency or in one above it."""
    roles = user_roles(user).filter(role=role)
    if agency is None:
        return roles.exists()
    return roles.filter(agency_id__in=agency_ancestor_ids(agency)).exists()


def staff_in_agency(
    agency: Agency, *, role: str | None = None, include_below: bool = False
) -> QuerySet[StaffRole]:
    """Active staff roles in ``agency`` (and the agencies below it with ``include_below``)."""
    ids = agency_subtree_ids(agency) if include_below else {agency.pk}
    qs = StaffRole.objects.filter(agency_id__in=ids, is_active=True, user__is_active=True)
    if role is not None:
        qs = qs.filter(role=role)
    return qs.select_related("user", "agency").order_by("agency__order", "user__full_name")
