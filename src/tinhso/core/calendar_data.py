"""The calendar's data: the overrides shipped with the platform (swapped working days decided by the
Government) and the services that change working schedules and overrides.

Every change goes through a service here: it saves, records the audit entry in the same transaction
and, after commit, drops the process-wide calendar of ``core.worktime`` so that the next due time
uses the new data.

What ``holidays.VN`` already knows needs no row here; a row is harmless when it repeats the library
(the override wins and says the same). Checked against the Government's announcements:

* 2016 — no swap: every holiday joined a weekend; nghỉ bù on 18/04 (Giỗ Tổ on Saturday 16/04) and
  02–03/05 (30/04 and 01/05 on the weekend); Tết Bính Thân 06/02–14/02. The library has all of it.
* 2017 — no swap ("không hoán đổi"): nghỉ bù 02/01; Tết Đinh Dậu 26/01–01/02 (mùng 1 and 2 on the
  weekend, nghỉ bù on mùng 4 and 5); Giỗ Tổ 06/04; nghỉ bù 02/05 and 04/09. The library has all of it.
* 2025 — Saturday 26/04 worked, Friday 02/05 off (the library has it too; kept here as the example of
  a swap, with its legal basis, so that the admin shows it).

Swaps of other years that the library lacks are entered by the administrator in the admin.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tinhso.core.audit import audit_record, model_snapshot
from tinhso.core.errors import InvalidInput
from tinhso.core.models import CalendarOverride, OverrideKind, WorkSchedule
from tinhso.core.worktime import Schedule, calendar_invalidate

_BASIS_2025 = "Thông báo số 6150/TB-BLĐTBXH năm 2024 (Công văn số 8726/VPCP-KGVX năm 2024)"

DEFAULT_OVERRIDES: tuple[tuple[dt.date, OverrideKind, str, str], ...] = (
    (
        dt.date(2025, 4, 26),
        OverrideKind.WORKING_DAY,
        "Làm bù cho thứ Sáu 02/05/2025 (hoán đổi dịp 30/4–1/5)",
        _BASIS_2025,
    ),
    (dt.date(2025, 5, 2), OverrideKind.DAY_OFF, "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025", _BASIS_2025),
)


def calendar_override_set(
    *, actor: Any, date: dt.date, kind: OverrideKind | str, name: str, legal_basis: str = ""
) -> CalendarOverride:
    """Create or change the override of ``date`` (extra day off / extra working day)."""
    if kind not in OverrideKind.values:
        raise InvalidInput("Loại ngày điều chỉnh không hợp lệ.", code="invalid_override_kind")
    if not name.strip():
        raise InvalidInput("Cần ghi lý do của ngày điều chỉnh.", code="missing_value")
    with transaction.atomic():
        row = CalendarOverride.objects.select_for_update().filter(date=date).first()
        if row is None:
            row = CalendarOverride(date=date)
        row.kind, row.name, row.legal_basis = str(kind), name.strip(), legal_basis.strip()
        return calendar_override_save(actor=actor, override=row)


def calendar_override_save(*, actor: Any, override: CalendarOverride) -> CalendarOverride:
    """Save a new or edited override row (the admin form has set its fields)."""
    with transaction.atomic():
        before = None
        if override.pk is not None:
            old = CalendarOverride.objects.select_for_update().get(pk=override.pk)
            before = model_snapshot(old)
        override.save()
        action = "core.calendar_override.update" if before else "core.calendar_override.create"
        audit_record(actor=actor, action=action, obj=override, before=before, after=model_snapshot(override))
        transaction.on_commit(calendar_invalidate)
    return override


def calendar_override_delete(*, actor: Any, override: CalendarOverride) -> None:
    with transaction.atomic():
        before = model_snapshot(override)
        pk = override.pk
        override.delete()
        audit_record(
            actor=actor,
            action="core.calendar_override.delete",
            object_type="core.calendaroverride",
            object_id=pk,
            object_repr=str(override),
            before=before,
        )
        transaction.on_commit(calendar_invalidate)


def work_schedule_save(*, actor: Any, schedule: WorkSchedule) -> WorkSchedule:
    """Save a new or edited working schedule after checking its periods, weekdays and cut-off."""
    Schedule.parse(
        valid_from=schedule.valid_from,
        periods=schedule.periods,
        weekdays=schedule.weekdays,
        cutoff=schedule.cutoff,
    )
    with transaction.atomic():
        before = None
        if schedule.pk is not None:
            before = model_snapshot(WorkSchedule.objects.select_for_update().get(pk=schedule.pk))
        schedule.save()
        action = "core.work_schedule.update" if before else "core.work_schedule.create"
        audit_record(actor=actor, action=action, obj=schedule, before=before, after=model_snapshot(schedule))
        transaction.on_commit(calendar_invalidate)
    return schedule


def work_schedule_delete(*, actor: Any, schedule: WorkSchedule) -> None:
    with transaction.atomic():
        before = model_snapshot(schedule)
        pk = schedule.pk
        schedule.delete()
        audit_record(
            actor=actor,
            action="core.work_schedule.delete",
            object_type="core.workschedule",
            object_id=pk,
            object_repr=str(schedule),
            before=before,
        )
        transaction.on_commit(calendar_invalidate)


def calendar_overrides_install_defaults(*, actor: Any = None) -> int:
    """Create the shipped override rows that are missing; rows already present (possibly edited by
    an administrator) are left alone. Idempotent. Returns the number of rows created."""
    created = 0
    with transaction.atomic():
        existing = set(CalendarOverride.objects.values_list("date", flat=True))
        for day, kind, name, basis in DEFAULT_OVERRIDES:
            if day in existing:
                continue
            calendar_override_save(
                actor=actor, override=CalendarOverride(date=day, kind=kind, name=name, legal_basis=basis)
            )
            created += 1
    return created
