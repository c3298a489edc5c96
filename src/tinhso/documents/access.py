"""Who may read and write the documents of an agency.

Documents belong to a department (the Sở). A role held anywhere in the department (the Sở itself or
one of its divisions) counts for it; nobody acts for another department. Superusers may read
everything (the platform's administrators) but sign nothing: a signature needs a person's certificate.

- read the registers and documents: any staff of the department;
- draft an outgoing document: any staff of the department except the one-stop desk;
- submit it: its drafter, a division head or the document clerk (văn thư);
- sign it, or send it back: the director and deputy directors (``signing.SIGNER_ROLES``);
- issue it (phát hành), register incoming documents, import edXML: the document clerk;
- assign an incoming document: the director, deputy directors and the document clerk;
- record that it has been handled: the person it was assigned to, staff of the handling division,
  the director and deputy directors.
"""

from __future__ import annotations

from typing import Any

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Agency, Role
from tinhso.org.selectors import DEPARTMENT_KINDS, agency_department, agency_subtree_ids, user_roles
from tinhso.signing.ca import SIGNER_ROLES

CLERK_ROLES = frozenset({Role.DOCUMENT_CLERK})
ASSIGN_ROLES = frozenset({Role.DOCUMENT_CLERK, *SIGNER_ROLES})
SUBMIT_ROLES = frozenset({Role.DIVISION_HEAD, Role.DOCUMENT_CLERK})
NOT_DRAFTING = frozenset({Role.CLERK})
_CACHE = "_tinhso_documents_roles"


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def department_roles(user: Any) -> dict[int, set[str]]:
    """{department id: the roles ``user`` holds in it (anywhere in its tree)}, cached on the user."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = {}
        for staff_role in user_roles(user):
            department = agency_department(staff_role.agency)
            cached.setdefault(department.pk, set()).add(staff_role.role)
        setattr(user, _CACHE, cached)
    return cached  # type: ignore[no-any-return]


def _roles(user: Any, agency: Agency) -> set[str]:
    return department_roles(user).get(agency.pk, set())


def can_read(user: Any, agency: Agency | None = None) -> bool:
    if _superuser(user):
        return True
    roles = department_roles(user)
    return bool(roles) if agency is None else bool(roles.get(agency.pk))


def can_draft(user: Any, agency: Agency) -> bool:
    return bool(_roles(user, agency) - NOT_DRAFTING)


def can_submit(user: Any, agency: Agency, drafter_id: int | None) -> bool:
    roles = _roles(user, agency)
    return bool(roles) and (getattr(user, "pk", None) == drafter_id or bool(roles & SUBMIT_ROLES))


def can_sign(user: Any, agency: Agency) -> bool:
    return bool(_roles(user, agency) & SIGNER_ROLES)


def can_clerk(user: Any, agency: Agency) -> bool:
    return bool(_roles(user, agency) & CLERK_ROLES)


def can_assign(user: Any, agency: Agency) -> bool:
    return bool(_roles(user, agency) & ASSIGN_ROLES)


def can_handle(user: Any, agency: Agency, handling_unit: Agency | None, handler_id: int | None) -> bool:
    if getattr(user, "pk", None) is not None and user.pk == handler_id:
        return True
    if can_sign(user, agency):
        return True
    if handling_unit is None:
        return False
    unit_ids = agency_subtree_ids(handling_unit)
    return any(r.agency_id in unit_ids for r in user_roles(user))


def departments(user: Any) -> list[Agency]:
    """The departments whose registers ``user`` may read (every department for a superuser)."""
    if _superuser(user):
        return list(
            Agency.objects.filter(kind__in=DEPARTMENT_KINDS, is_active=True).order_by("order", "code")
        )
    return list(Agency.objects.filter(pk__in=department_roles(user)).order_by("order", "code"))


def ensure_read(actor: Any, agency: Agency) -> None:
    if actor is not None and not can_read(actor, agency):
        raise NotAllowed("Văn bản này thuộc cơ quan khác: bạn không có quyền xem.", code="forbidden_agency")


def ensure(allowed: bool, message: str, code: str = "forbidden") -> None:
    if not allowed:
        raise NotAllowed(message, code=code)
