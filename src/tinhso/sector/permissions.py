"""Who may read and who may change telecom indicators and targets.

The sector officer (cán bộ quản lý ngành) enters and corrects figures; the director and deputy
directors, division heads and the system administrator read everything. ``actor=None`` is the system
itself (the demo loader, commands run by an operator of the server).
"""

from __future__ import annotations

from typing import Any

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Role
from tinhso.org.selectors import user_roles

EDIT_ROLES = frozenset({Role.SECTOR_OFFICER})
READ_ROLES = EDIT_ROLES | {Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.DIVISION_HEAD, Role.ADMINISTRATOR}


def _has_any(user: Any, roles: frozenset[str]) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return user_roles(user).filter(role__in=roles).exists()


def can_read_sector(user: Any) -> bool:
    return _has_any(user, READ_ROLES)


def can_edit_sector(user: Any) -> bool:
    return _has_any(user, EDIT_ROLES)


def require_sector_editor(actor: Any) -> None:
    """Raise ``NotAllowed`` unless ``actor`` is the system (None) or may edit sector figures."""
    if actor is not None and not can_edit_sector(actor):
        raise NotAllowed("Chỉ cán bộ quản lý ngành được cập nhật số liệu viễn thông.")


def require_sector_reader(actor: Any) -> None:
    if actor is not None and not can_read_sector(actor):
        raise NotAllowed("Bạn không có quyền xem số liệu quản lý ngành.")
