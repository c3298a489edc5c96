"""Every write to plans, inspections, violations and sanction decisions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from tinhso.backoffice.access import (
    NUMBER_TAKEN_IN_YEAR,
    Policy,
    RegisterWrites,
    require,
    require_number_free_in_year,
    require_range,
    require_text,
    snapshot,
)
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.geo.models import UnitLevel
from tinhso.inspections.models import (
    Field,
    Inspection,
    InspectionBasis,
    InspectionKind,
    InspectionPlan,
    InspectionStatus,
    PaymentStatus,
    Penalty,
    PlanLine,
    SanctionDecision,
    SanctionDecree,
    Violation,
    ViolatorKind,
)

POLICY = Policy(
    label="dữ liệu thanh tra, kiểm tra",
    edit_roles=frozenset({"inspector"}),
    read_roles=frozenset({"director", "deputy_director"}),
)

DECISION_NUMBER_RE = re.compile(r"^\d{1,4}/QĐ-XPHC$")


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- sanction decrees ----------------------------------------------------------------------------
def decree_for_date(on: dt.date) -> SanctionDecree:
    """The sanction decree in force on ``on``."""
    decree = (
        SanctionDecree.objects.filter(effective_from__lte=on)
        .exclude(effective_to__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if decree is None:
        raise InvalidInput(f"Không có nghị định xử phạt nào áp dụng cho ngày {_d(on)}.")
    return decree


# --- plan ----------------------------------------------------------------------------------------
def plan_set(
    *,
    actor: Any,
    year: int,
    counts: Mapping[str, int],
    decision_number: str = "",
    decision_date: dt.date | None = None,
    note: str = "",
) -> InspectionPlan:
    """Create or replace the plan of ``year``: ``counts`` maps a field to its planned number of
    inspections (fields left out are not planned)."""
    POLICY.ensure_edit(actor)
    require(2000 <= year <= 2100, "Năm kế hoạch không hợp lệ.")
    for field, count in counts.items():
        require(field in Field.values, f"Lĩnh vực không hợp lệ: {field}.")
        require(isinstance(count, int) and count >= 0, "Số cuộc theo kế hoạch phải là số nguyên không âm.")
    if decision_date is not None:
        require(
            decision_date.year in (year - 1, year),
            "Ngày phê duyệt kế hoạch phải thuộc năm trước hoặc năm kế hoạch.",
        )
    with transaction.atomic():
        plan = InspectionPlan.objects.select_for_update().filter(year=year).first()
        before: dict[str, Any] | None = None
        if plan is None:
            plan = InspectionPlan.objects.create(
                year=year, decision_number=decision_number, decision_date=decision_date, note=note
            )
        else:
            before = {**snapshot(plan), "lines": dict(plan.lines.values_list("field", "planned_count"))}
            plan.decision_number, plan.decision_date, plan.note = decision_number, decision_date, note
            plan.save(update_fields=["decision_number", "decision_date", "note"])
            plan.lines.all().delete()
        PlanLine.objects.bulk_create(
            [PlanLine(plan=plan, field=f, planned_count=c) for f, c in sorted(counts.items()) if c > 0]
        )
        audit_record(
            actor=actor,
            action="inspections.plan_set",
            obj=plan,
            before=before,
            after={**snapshot(plan), "lines": {f: c for f, c in counts.items() if c > 0}},
        )
    return plan


# --- inspections ---------------------------------------------------------------------------------
INSPECTION_FIELDS = (
    "kind",
    "field",
    "basis",
    "decision_number",
    "subject",
    "subject_address",
    "district",
    "start_date",
    "end_date",
    "team_leader",
    "team_members",
    "status",
    "conclusion",
    "conclusion_date",
)


def _validate_inspection(obj: Inspection) -> None:
    require(obj.kind in InspectionKind.values, "Hình thức (thanh tra hay kiểm tra) không hợp lệ.")
    require(obj.field in Field.values, "Lĩnh vực không hợp lệ.")
    require(obj.basis in InspectionBasis.values, "Căn cứ (theo kế hoạch hay đột xuất) không hợp lệ.")
    require(obj.status in InspectionStatus.values, "Trạng thái không hợp lệ.")
    require_text(obj.subject, "Đối tượng thanh tra, kiểm tra")
    require_text(obj.team_leader, "Trưởng đoàn")
    require(obj.start_date is not None, "Ngày bắt đầu không được để trống.")
    require(obj.end_date is not None, "Ngày kết thúc không được để trống.")
    require_range(obj.start_date, obj.end_date)
    if obj.district_id is not None:
        require(
            obj.district is not None and obj.district.level == UnitLevel.DISTRICT,
            "Địa bàn phải là một huyện, thị xã hoặc thành phố.",
        )
    if obj.status == InspectionStatus.CONCLUDED:
        require_text(obj.conclusion, "Kết luận")
        require(obj.conclusion_date is not None, "Ngày kết luận không được để trống khi đã kết luận.")
    if obj.conclusion_date is not None:
        require(obj.conclusion_date >= obj.start_date, "Ngày kết luận phải sau ngày bắt đầu.")
    if obj.pk:
        latest = obj.violations.order_by("-occurred_on").values_list("occurred_on", flat=True).first()
        if latest is not None:
            require(latest <= obj.end_date, "Đã có vi phạm ghi nhận sau ngày kết thúc mới.")


def _derive_inspection(obj: Inspection) -> list[str]:
    obj.year = obj.start_date.year
    return ["year"]


INSPECTION_WRITES = RegisterWrites(
    policy=POLICY,
    model=Inspection,
    fields=INSPECTION_FIELDS,
    action="inspections.inspection",
    validate=_validate_inspection,
    derive=_derive_inspection,
)


def inspection_create(
    *,
    actor: Any,
    kind: str,
    field: str,
    basis: str,
    subject: str,
    start_date: dt.date,
    end_date: dt.date,
    team_leader: str,
    team_members: str = "",
    decision_number: str = "",
    subject_address: str = "",
    district: Any = None,
    status: str = InspectionStatus.IN_PROGRESS,
    conclusion: str = "",
    conclusion_date: dt.date | None = None,
) -> Inspection:
    obj = Inspection(
        kind=kind,
        field=field,
        basis=basis,
        subject=subject.strip(),
        start_date=start_date,
        end_date=end_date,
        team_leader=team_leader.strip(),
        team_members=team_members,
        decision_number=decision_number,
        subject_address=subject_address,
        district=district,
        status=status,
        conclusion=conclusion,
        conclusion_date=conclusion_date,
    )
    if start_date is not None:
        _derive_inspection(obj)
    return INSPECTION_WRITES.save_new(actor=actor, obj=obj)


def inspection_update(*, actor: Any, inspection: Inspection, changes: Mapping[str, Any]) -> Inspection:
    return INSPECTION_WRITES.update(actor=actor, obj=inspection, changes=changes)


# --- violations ----------------------------------------------------------------------------------
VIOLATION_FIELDS = ("violator", "violator_kind", "act", "occurred_on", "decree", "provision")


def _validate_violation(obj: Violation) -> None:
    require_text(obj.violator, "Tổ chức, cá nhân vi phạm")
    require(obj.violator_kind in ViolatorKind.values, "Loại đối tượng vi phạm không hợp lệ.")
    require_text(obj.act, "Hành vi vi phạm")
    require_text(obj.provision, "Điều khoản vi phạm")
    require(obj.occurred_on is not None, "Ngày vi phạm không được để trống.")
    require(
        obj.occurred_on <= obj.inspection.end_date,
        f"Ngày vi phạm ({_d(obj.occurred_on)}) không được sau ngày kết thúc cuộc thanh tra, kiểm tra "
        f"({_d(obj.inspection.end_date)}).",
    )
    applicable = decree_for_date(obj.occurred_on)
    if obj.decree_id is None:
        obj.decree = applicable
    elif obj.decree_id != applicable.pk:
        raise InvalidInput(
            f"Hành vi vi phạm ngày {_d(obj.occurred_on)} phải áp dụng Nghị định {applicable.code}, "
            f"không phải Nghị định {obj.decree.code}."
        )
    if obj.pk and hasattr(obj, "decision"):
        require(
            obj.decision.decided_on >= obj.occurred_on,
            "Ngày vi phạm không được sau ngày ra quyết định xử phạt.",
        )


VIOLATION_WRITES = RegisterWrites(
    policy=POLICY,
    model=Violation,
    fields=VIOLATION_FIELDS,
    action="inspections.violation",
    validate=_validate_violation,
)


def violation_create(
    *,
    actor: Any,
    inspection: Inspection,
    violator: str,
    violator_kind: str,
    act: str,
    occurred_on: dt.date,
    provision: str,
    decree: SanctionDecree | None = None,
) -> Violation:
    """Record a violation. Without ``decree`` the decree in force on ``occurred_on`` is used; a decree
    that was not in force on that day is refused."""
    obj = Violation(
        inspection=inspection,
        violator=violator.strip(),
        violator_kind=violator_kind,
        act=act.strip(),
        occurred_on=occurred_on,
        provision=provision.strip(),
        decree=decree,
    )
    return VIOLATION_WRITES.save_new(actor=actor, obj=obj)


def violation_update(*, actor: Any, violation: Violation, changes: Mapping[str, Any]) -> Violation:
    changes = dict(changes)
    if "occurred_on" in changes and "decree" not in changes:
        changes["decree"] = None  # re-resolved from the new date
    return VIOLATION_WRITES.update(actor=actor, obj=violation, changes=changes)


# --- sanction decisions --------------------------------------------------------------------------
DECISION_FIELDS = (
    "number",
    "decided_on",
    "record_number",
    "decider",
    "circumstances",
    "penalty",
    "fine_amount",
    "additional_penalties",
    "remedies",
    "payment_deadline",
    "payment_place",
    "payment_status",
    "paid_on",
)


def _validate_decision(obj: SanctionDecision) -> None:
    obj.number = (obj.number or "").strip()
    require(
        bool(DECISION_NUMBER_RE.match(obj.number)),
        f"Số quyết định “{obj.number}” không đúng dạng …/QĐ-XPHC (ví dụ 05/QĐ-XPHC).",
    )
    require(obj.decided_on is not None, "Ngày quyết định không được để trống.")
    require_text(obj.record_number, "Số biên bản vi phạm hành chính")
    require_text(obj.decider, "Người ra quyết định")
    violation = obj.violation
    require(
        obj.decided_on >= violation.occurred_on,
        f"Ngày quyết định ({_d(obj.decided_on)}) không được trước ngày vi phạm "
        f"({_d(violation.occurred_on)}).",
    )
    require(obj.penalty in Penalty.values, "Hình thức xử phạt chính không hợp lệ.")
    require(isinstance(obj.fine_amount, int), "Số tiền phạt phải là số nguyên (đồng).")
    if obj.penalty == Penalty.FINE:
        require(obj.fine_amount > 0, "Hình thức phạt tiền phải có số tiền phạt lớn hơn 0.")
        require(
            obj.payment_status in (PaymentStatus.UNPAID, PaymentStatus.PAID),
            "Tình trạng nộp phạt không hợp lệ.",
        )
        if obj.payment_deadline is not None:
            require(obj.payment_deadline >= obj.decided_on, "Hạn nộp phạt phải sau ngày quyết định.")
    else:
        require(obj.fine_amount == 0, "Hình thức cảnh cáo không có số tiền phạt.")
        require(obj.payment_status == PaymentStatus.NOT_APPLICABLE, "Hình thức cảnh cáo không phải nộp phạt.")
        require(obj.paid_on is None, "Hình thức cảnh cáo không có ngày nộp phạt.")
    if obj.payment_status == PaymentStatus.PAID:
        require(obj.paid_on is not None, "Đã nộp phạt thì phải có ngày nộp.")
        require(
            obj.paid_on is not None and obj.paid_on >= obj.decided_on,
            "Ngày nộp phạt không được trước ngày quyết định.",
        )
    elif obj.payment_status == PaymentStatus.UNPAID:
        require(obj.paid_on is None, "Chưa nộp phạt thì không có ngày nộp.")
    require_number_free_in_year(obj)


DECISION_WRITES = RegisterWrites(
    policy=POLICY,
    model=SanctionDecision,
    fields=DECISION_FIELDS,
    action="inspections.decision",
    validate=_validate_decision,
    unique_message=NUMBER_TAKEN_IN_YEAR,
    derive=lambda d: ["year"],
)


def decision_create(
    *,
    actor: Any,
    violation: Violation,
    number: str,
    decided_on: dt.date,
    record_number: str,
    decider: str,
    penalty: str,
    fine_amount: int = 0,
    circumstances: str = "",
    additional_penalties: str = "",
    remedies: str = "",
    payment_deadline: dt.date | None = None,
    payment_place: str = "",
    payment_status: str | None = None,
    paid_on: dt.date | None = None,
) -> SanctionDecision:
    """Issue the sanction decision of ``violation`` (at most one per violation); its number is unique
    within the year of ``decided_on``."""
    if SanctionDecision.objects.filter(violation=violation).exists():
        raise Conflict("Vi phạm này đã có quyết định xử phạt.")
    if payment_status is None:
        payment_status = PaymentStatus.UNPAID if penalty == Penalty.FINE else PaymentStatus.NOT_APPLICABLE
    obj = SanctionDecision(
        violation=violation,
        number=number,
        decided_on=decided_on,
        record_number=record_number.strip(),
        decider=decider.strip(),
        penalty=penalty,
        fine_amount=fine_amount,
        circumstances=circumstances,
        additional_penalties=additional_penalties,
        remedies=remedies,
        payment_deadline=payment_deadline,
        payment_place=payment_place,
        payment_status=payment_status,
        paid_on=paid_on,
    )
    return DECISION_WRITES.save_new(
        actor=actor,
        obj=obj,
        unique_message="Số quyết định đã được dùng trong năm hoặc vi phạm đã có quyết định xử phạt.",
    )


def decision_update(
    *, actor: Any, decision: SanctionDecision, changes: Mapping[str, Any]
) -> SanctionDecision:
    return DECISION_WRITES.update(actor=actor, obj=decision, changes=changes)


def decision_record_payment(*, actor: Any, decision: SanctionDecision, paid_on: dt.date) -> SanctionDecision:
    """Record that the fine was paid into the state budget on ``paid_on``."""
    if decision.penalty != Penalty.FINE:
        raise InvalidInput("Quyết định cảnh cáo không có khoản phạt tiền để nộp.")
    current = SanctionDecision.objects.filter(pk=decision.pk).values_list("payment_status", flat=True).first()
    if current == PaymentStatus.PAID:
        raise Conflict("Khoản phạt của quyết định này đã được ghi nhận là đã nộp.")
    return decision_update(
        actor=actor, decision=decision, changes={"payment_status": PaymentStatus.PAID, "paid_on": paid_on}
    )
