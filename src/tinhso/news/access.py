"""Who may write and who may approve the portal's articles, and for which agency.

Roles are those of ``org``: the portal's editors (``Role.EDITOR``, "Biên tập viên") write; the
director and the deputy directors approve, publish and take articles down. An article belongs to a
department (the Sở); a role counts for the department it is held in: an editor of the Trung tâm (a
unit of the Sở) writes for the Sở, the director of the Sở approves for it, and nobody acts for another
department. Superusers may do everything (the administrators of the platform).
"""

from __future__ import annotations

from typing import Any

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Agency, AgencyKind, Role
from tinhso.org.selectors import agency_department, user_roles

WRITER_ROLES = frozenset({Role.EDITOR})
APPROVER_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})

_CACHE = "_tinhso_news_roles"


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def _department_roles(user: Any) -> dict[int, set[str]]:
    """{department id: the news roles ``user`` holds there}, cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = {}
        for staff_role in user_roles(user).filter(role__in=WRITER_ROLES | APPROVER_ROLES):
            department = agency_department(staff_role.agency)
            cached.setdefault(department.pk, set()).add(staff_role.role)
        setattr(user, _CACHE, cached)
    return cached  # type: ignore[no-any-return]


def department_ids(user: Any) -> set[int]:
    """The departments whose articles ``user`` may see in the back office."""
    return set(_department_roles(user))


def can_read(user: Any, agency: Agency | None = None) -> bool:
    if _superuser(user):
        return True
    ids = department_ids(user)
    return bool(ids) if agency is None else agency.pk in ids


def can_write(user: Any, agency: Agency) -> bool:
    return _superuser(user) or bool(_department_roles(user).get(agency.pk, set()) & WRITER_ROLES)


def can_approve(user: Any, agency: Agency) -> bool:
    return _superuser(user) or bool(_department_roles(user).get(agency.pk, set()) & APPROVER_ROLES)


def writable_departments(user: Any) -> list[Agency]:
    """The departments ``user`` may create articles for (every department for a superuser)."""
    if _superuser(user):
        return list(
            Agency.objects.filter(kind=AgencyKind.DEPARTMENT, is_active=True).order_by("order", "code")
        )
    ids = [pk for pk, roles in _department_roles(user).items() if roles & WRITER_ROLES]
    return list(Agency.objects.filter(pk__in=ids).order_by("order", "code"))


def ensure_write(actor: Any, agency: Agency) -> None:
    """``actor=None`` is the system itself (the demo loader, a command)."""
    if actor is not None and not can_write(actor, agency):
        raise NotAllowed("Bạn không có quyền viết, sửa tin bài của cơ quan này.")


def ensure_approve(actor: Any, agency: Agency) -> None:
    if actor is not None and not can_approve(actor, agency):
        raise NotAllowed(
            "Chỉ Giám đốc, Phó Giám đốc Sở mới được duyệt, đăng hoặc gỡ tin bài của cơ quan này."
        )
