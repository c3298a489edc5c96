"""Every write to agencies and staff roles goes through these services (audited)."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.geo.models import Unit
from tinhso.org.models import Agency, AgencyKind, Role, StaffRole

# QCVN 102:2016/BTTTT electronic code: V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.15.H30).
AGENCY_CODE_RE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")

_UNSET: Any = object()
_AGENCY_FIELDS = (
    "name",
    "short_name",
    "symbol",
    "kind",
    "parent",
    "unit",
    "address",
    "phone",
    "email",
    "is_active",
    "order",
)


def _agency_snapshot(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "symbol": agency.symbol,
        "kind": agency.kind,
        "parent": agency.parent_id,
        "unit": agency.unit_id,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "is_active": agency.is_active,
        "order": agency.order,
    }


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if not AGENCY_CODE_RE.match(code):
        raise InvalidInput(
            f"Mã định danh “{code}” không đúng dạng QCVN 102:2016 "
            "(V1V2V3.Z1Z2.Y1Y2.MX1X2, ví dụ 000.00.15.H30)."
        )
    return code


def _check_kind(kind: str) -> None:
    if kind not in AgencyKind.values:
        raise InvalidInput("Loại cơ quan, đơn vị không hợp lệ.")


def validate_agency_parent(agency_pk: int | None, parent: Agency | None) -> None:
    if parent is None or agency_pk is None:
        return
    parents = dict(Agency.objects.values_list("id", "parent_id"))
    current: int | None = parent.pk
    while current is not None:
        if current == agency_pk:
            raise InvalidInput(
                "Cơ quan cấp trên không được là chính cơ quan này hoặc một đơn vị trực thuộc nó."
            )
        current = parents.get(current)


@transaction.atomic
def agency_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent: Agency | None = None,
    short_name: str = "",
    symbol: str = "",
    unit: Unit | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    order: int = 0,
    is_active: bool = True,
) -> Agency:
    """Create an agency with its QCVN 102 electronic code (unique)."""
    code = _check_code(code)
    _check_kind(kind)
    if not name.strip():
        raise InvalidInput("Tên cơ quan, đơn vị không được để trống.")
    if Agency.objects.filter(code=code).exists():
        raise Conflict(f"Mã định danh {code} đã được dùng cho một cơ quan khác.")
    try:
        with transaction.atomic():
            agency = Agency.objects.create(
                code=code,
                name=name.strip(),
                kind=kind,
                parent=parent,
                short_name=short_name,
                symbol=symbol,
                unit=unit,
                address=address,
                phone=phone,
                email=email,
                order=order,
                is_active=is_active,
            )
    except IntegrityError as exc:  # a concurrent create with the same code
        raise Conflict(f"Mã định danh {code} đã được dùng cho một cơ quan khác.") from exc
    audit_record(actor=actor, action="org.agency_create", obj=agency, after=_agency_snapshot(agency))
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: Any,
    agency: Agency,
    name: str = _UNSET,
    short_name: str = _UNSET,
    symbol: str = _UNSET,
    kind: str = _UNSET,
    parent: Agency | None = _UNSET,
    unit: Unit | None = _UNSET,
    address: str = _UNSET,
    phone: str = _UNSET,
    email: str = _UNSET,
    is_active: bool = _UNSET,
    order: int = _UNSET,
) -> Agency:
    """Change the given fields of ``agency`` (the code never changes: it identifies the agency in
    dossier codes and edXML). Saves and audits only when something changed."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = _agency_snapshot(agency)
    values: dict[str, Any] = {
        "name": name,
        "short_name": short_name,
        "symbol": symbol,
        "kind": kind,
        "parent": parent,
        "unit": unit,
        "address": address,
        "phone": phone,
        "email": email,
        "is_active": is_active,
        "order": order,
    }
    changed: list[str] = []
    for field_name, value in values.items():
        if value is _UNSET:
            continue
        if field_name == "name" and not str(value).strip():
            raise InvalidInput("Tên cơ quan, đơn vị không được để trống.")
        if field_name == "kind":
            _check_kind(value)
        if field_name == "parent":
            validate_agency_parent(agency.pk, value)
        if getattr(agency, field_name) != value:
            setattr(agency, field_name, value)
            changed.append(field_name)
    if changed:
        agency.save(update_fields=changed)
        audit_record(
            actor=actor, action="org.agency_update", obj=agency, before=before, after=_agency_snapshot(agency)
        )
    return agency


@transaction.atomic
def staff_role_grant(*, actor: Any, user: Any, agency: Agency, role: str, title: str = "") -> StaffRole:
    """Give ``user`` (a staff account) ``role`` in ``agency``. Re-granting a revoked role reactivates it;
    granting a role the user already holds is a conflict."""
    if role not in Role.values:
        raise InvalidInput("Vai trò không hợp lệ.")
    if getattr(user, "kind", None) != "staff":
        raise InvalidInput("Chỉ tài khoản cán bộ, công chức mới được giao vai trò.")
    if not agency.is_active:
        raise InvalidInput(f"{agency.name} không còn hoạt động.")
    staff_role = (
        StaffRole.objects.select_for_update().filter(user_id=user.pk, agency=agency, role=role).first()
    )
    if staff_role is not None and staff_role.is_active:
        raise Conflict(f"{user} đã có vai trò {Role(role).label} tại {agency.name}.")
    if staff_role is None:
        try:
            with transaction.atomic():
                staff_role = StaffRole.objects.create(user_id=user.pk, agency=agency, role=role, title=title)
        except IntegrityError as exc:
            raise Conflict(f"{user} đã có vai trò {Role(role).label} tại {agency.name}.") from exc
        before = None
    else:
        before = {"is_active": False, "title": staff_role.title}
        staff_role.is_active = True
        staff_role.title = title
        staff_role.save(update_fields=["is_active", "title"])
    audit_record(
        actor=actor,
        action="org.staff_role_grant",
        obj=staff_role,
        before=before,
        after={"user": user.pk, "agency": agency.code, "role": role, "title": title, "is_active": True},
    )
    return staff_role


@transaction.atomic
def staff_role_revoke(*, actor: Any, staff_role: StaffRole, reason: str = "") -> StaffRole:
    """End a role (kept as history, ``is_active`` false)."""
    updated = StaffRole.objects.filter(pk=staff_role.pk, is_active=True).update(is_active=False)
    if not updated:
        raise Conflict("Vai trò này đã được thu hồi trước đó.")
    staff_role.refresh_from_db()
    audit_record(
        actor=actor,
        action="org.staff_role_revoke",
        obj=staff_role,
        before={"is_active": True},
        after={"is_active": False, "reason": reason, "role": staff_role.role, "agency": staff_role.agency_id},
    )
    return staff_role


@transaction.atomic
def staff_role_update_title(*, actor: Any, staff_role: StaffRole, title: str) -> StaffRole:
    """Change the job title shown with a role (e.g. "Phó Trưởng phòng")."""
    staff_role = StaffRole.objects.select_for_update().get(pk=staff_role.pk)
    if staff_role.title != title:
        before = {"title": staff_role.title}
        staff_role.title = title
        staff_role.save(update_fields=["title"])
        audit_record(
            actor=actor, action="org.staff_role_update", obj=staff_role, before=before, after={"title": title}
        )
    return staff_role
