"""Every write to emulation movements and award decisions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from tinhso.backoffice.access import (
    NUMBER_TAKEN_IN_YEAR,
    Policy,
    RegisterWrites,
    require,
    require_number_free_in_year,
    require_text,
    snapshot,
)
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict
from tinhso.emulation.models import AwardDecision, AwardForm, Movement, Recipient, RecipientKind

POLICY = Policy(
    label="dữ liệu thi đua, khen thưởng",
    edit_roles=frozenset({"sector_officer"}),
    read_roles=frozenset({"director", "deputy_director"}),
)

NUMBER_RE = re.compile(r"^\d{1,4}/QĐ-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


@dataclass(frozen=True)
class RecipientInput:
    kind: str
    name: str
    position: str = ""
    agency: Any = None


# --- movements -----------------------------------------------------------------------------------
MOVEMENT_FIELDS = ("year", "title", "launched_on", "launched_by", "content")


def _validate_movement(obj: Movement) -> None:
    require_text(obj.title, "Tên phong trào")
    require_text(obj.launched_by, "Cơ quan phát động")
    require(obj.launched_on is not None, "Ngày phát động không được để trống.")
    require(isinstance(obj.year, int) and 2000 <= obj.year <= 2100, "Năm thi đua không hợp lệ.")
    require(
        obj.launched_on.year in (obj.year - 1, obj.year),
        "Ngày phát động phải thuộc năm thi đua hoặc cuối năm trước.",
    )


MOVEMENT_WRITES = RegisterWrites(
    policy=POLICY,
    model=Movement,
    fields=MOVEMENT_FIELDS,
    action="emulation.movement",
    validate=_validate_movement,
)


def movement_create(
    *, actor: Any, year: int, title: str, launched_on: dt.date, launched_by: str, content: str = ""
) -> Movement:
    obj = Movement(
        year=year,
        title=title.strip(),
        launched_on=launched_on,
        launched_by=launched_by.strip(),
        content=content,
    )
    return MOVEMENT_WRITES.save_new(actor=actor, obj=obj)


def movement_update(*, actor: Any, movement: Movement, changes: Mapping[str, Any]) -> Movement:
    return MOVEMENT_WRITES.update(actor=actor, obj=movement, changes=changes)


# --- award decisions -----------------------------------------------------------------------------
DECISION_FIELDS = ("number", "decided_on", "issuer", "form", "emulation_year", "movement", "reason")


def _validate_decision(obj: AwardDecision) -> None:
    obj.number = (obj.number or "").strip()
    require(
        bool(NUMBER_RE.match(obj.number)),
        f"Số quyết định “{obj.number}” không đúng dạng số/QĐ-ký hiệu (ví dụ 125/QĐ-STTTT).",
    )
    require(obj.decided_on is not None, "Ngày quyết định không được để trống.")
    require_text(obj.issuer, "Cấp khen")
    require(obj.form in AwardForm.values, "Hình thức khen thưởng không hợp lệ.")
    require(
        isinstance(obj.emulation_year, int) and obj.emulation_year <= obj.decided_on.year,
        "Năm thành tích không được sau năm ra quyết định.",
    )
    movement = obj.movement
    if movement is not None:
        require(
            movement.year == obj.emulation_year,
            f"Phong trào “{movement}” thuộc năm {movement.year}, khác năm thành tích.",
        )
    require_number_free_in_year(obj)


AWARD_DECISION_WRITES = RegisterWrites(
    policy=POLICY,
    model=AwardDecision,
    fields=DECISION_FIELDS,
    action="emulation.award_decision",
    validate=_validate_decision,
    unique_message=NUMBER_TAKEN_IN_YEAR,
    derive=lambda d: ["year"],
)


def _validate_recipients(recipients: Sequence[RecipientInput]) -> None:
    require(len(recipients) > 0, "Quyết định khen thưởng phải có ít nhất một tập thể hoặc cá nhân.")
    seen: set[str] = set()
    for i, r in enumerate(recipients, start=1):
        require(r.kind in RecipientKind.values, f"Dòng {i}: loại (tập thể hay cá nhân) không hợp lệ.")
        require_text(r.name, f"Dòng {i}: tên tập thể, cá nhân")
        key = r.name.strip().casefold()
        require(key not in seen, f"Dòng {i}: “{r.name.strip()}” bị trùng trong danh sách.")
        seen.add(key)


def _write_recipients(decision: AwardDecision, recipients: Sequence[RecipientInput]) -> None:
    decision.recipients.all().delete()
    try:
        with transaction.atomic():
            Recipient.objects.bulk_create(
                [
                    Recipient(
                        decision=decision,
                        kind=r.kind,
                        name=r.name.strip(),
                        position=r.position.strip(),
                        agency=r.agency,
                    )
                    for r in recipients
                ]
            )
    except IntegrityError as exc:
        raise Conflict("Danh sách khen thưởng có tên bị trùng.") from exc


def _recipients_snapshot(decision: AwardDecision) -> list[list[str]]:
    return [[r.kind, r.name] for r in decision.recipients.order_by("id")]


def award_decision_create(
    *,
    actor: Any,
    number: str,
    decided_on: dt.date,
    issuer: str,
    form: str,
    emulation_year: int,
    recipients: Sequence[RecipientInput],
    movement: Movement | None = None,
    reason: str = "",
) -> AwardDecision:
    """Record an award decision with its recipients (all or nothing)."""
    _validate_recipients(recipients)
    obj = AwardDecision(
        number=number,
        decided_on=decided_on,
        issuer=issuer.strip(),
        form=form,
        emulation_year=emulation_year,
        movement=movement,
        reason=reason,
    )
    with transaction.atomic():
        AWARD_DECISION_WRITES.save_new(
            actor=actor, obj=obj, after_save=lambda d: _write_recipients(d, recipients)
        )
        audit_record(
            actor=actor,
            action="emulation.award_recipients_set",
            obj=obj,
            after={"recipients": _recipients_snapshot(obj)},
        )
    return obj


def award_decision_update(
    *,
    actor: Any,
    decision: AwardDecision,
    changes: Mapping[str, Any],
    recipients: Sequence[RecipientInput] | None = None,
) -> AwardDecision:
    """Change the decision's fields and, when ``recipients`` is given, replace its recipient list."""
    if recipients is not None:
        _validate_recipients(recipients)
    with transaction.atomic():
        updated = AWARD_DECISION_WRITES.update(actor=actor, obj=decision, changes=changes)
        if recipients is not None:
            before = _recipients_snapshot(updated)
            _write_recipients(updated, recipients)
            audit_record(
                actor=actor,
                action="emulation.award_recipients_set",
                obj=updated,
                before={"recipients": before},
                after={"recipients": _recipients_snapshot(updated)},
            )
    return updated


__all__ = [
    "POLICY",
    "RecipientInput",
    "award_decision_create",
    "award_decision_update",
    "movement_create",
    "movement_update",
    "snapshot",
]
