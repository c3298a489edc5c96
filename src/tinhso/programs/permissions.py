"""Who may do what in the support programme and criterion 8.

The sector officer keeps the household registry, batches, stock, deliveries and criterion-8
assessments; approving a batch (which freezes its list) is the director's or a deputy director's
decision; they and division heads read everything. ``actor=None`` is the system (demo loader, CLI).
"""

from __future__ import annotations

from typing import Any

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Role
from tinhso.sector.permissions import READ_ROLES, _has_any

EDIT_ROLES = frozenset({Role.SECTOR_OFFICER})
APPROVE_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})


def can_read_programs(user: Any) -> bool:
    return _has_any(user, READ_ROLES)


def can_edit_programs(user: Any) -> bool:
    return _has_any(user, EDIT_ROLES)


def can_approve_batches(user: Any) -> bool:
    return _has_any(user, APPROVE_ROLES)


def require_programs_editor(actor: Any) -> None:
    if actor is not None and not can_edit_programs(actor):
        raise NotAllowed("Chỉ cán bộ quản lý ngành được cập nhật dữ liệu chương trình.")


def require_batch_approver(actor: Any) -> None:
    if actor is not None and not can_approve_batches(actor):
        raise NotAllowed("Chỉ Giám đốc hoặc Phó Giám đốc Sở được phê duyệt danh sách đợt hỗ trợ.")
