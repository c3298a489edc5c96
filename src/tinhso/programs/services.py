"""Every write of the support programme and of criterion 8 goes through these services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotFound
from tinhso.core.vntext import fold
from tinhso.geo.models import Unit, UnitKind, UnitLevel
from tinhso.programs.eligibility import ineligibility_reasons, match_key, valid_citizen_id
from tinhso.programs.models import (
    SUB_CRITERIA,
    Batch,
    BatchMember,
    C8Status,
    Criterion8Assessment,
    Criterion8Evidence,
    Delivery,
    Household,
    HouseholdImport,
    Poverty,
    ReviewStatus,
    StockReceipt,
)
from tinhso.programs.permissions import require_batch_approver, require_programs_editor


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _check_commune(commune: Unit) -> None:
    if commune.level != UnitLevel.COMMUNE:
        raise InvalidInput(f"{commune.name} không phải đơn vị hành chính cấp xã.")


# --- households --------------------------------------------------------------------------------
@transaction.atomic
def household_create(
    *,
    actor: Any,
    head_name: str,
    citizen_id: str,
    hamlet: str,
    commune: Unit,
    poverty: str,
    list_year: int | None,
    has_analog_tv: bool,
    has_receiver: bool,
    pledge_signed: bool,
) -> Household:
    """Register a household. The same citizen ID twice is refused; the same folded name, commune and
    hamlet is accepted and both households are flagged for review."""
    require_programs_editor(actor)
    head_name, hamlet, citizen_id = " ".join(head_name.split()), " ".join(hamlet.split()), citizen_id.strip()
    if not head_name or not hamlet:
        raise InvalidInput("Họ tên chủ hộ và ấp là bắt buộc.")
    if not valid_citizen_id(citizen_id):
        raise InvalidInput("Số CMND phải gồm 9 chữ số, số CCCD gồm 12 chữ số.")
    if poverty not in Poverty.values:
        raise InvalidInput("Diện hộ không hợp lệ.")
    _check_commune(commune)
    if Household.objects.filter(citizen_id=citizen_id).exists():
        raise Conflict(f"Số CMND/CCCD {citizen_id} đã có trong sổ hộ.")
    reasons = ineligibility_reasons(
        poverty=poverty,
        list_year=list_year,
        has_analog_tv=has_analog_tv,
        has_receiver=has_receiver,
        pledge_signed=pledge_signed,
    )
    key = match_key(head_name=head_name, commune_code=commune.code, hamlet=hamlet)
    twins = Household.objects.select_for_update().filter(match_key=key)
    review = ReviewStatus.PENDING if twins.exists() else ReviewStatus.NONE
    try:
        with transaction.atomic():
            household = Household.objects.create(
                head_name=head_name,
                citizen_id=citizen_id,
                hamlet=hamlet,
                commune=commune,
                poverty=poverty,
                list_year=list_year,
                has_analog_tv=has_analog_tv,
                has_receiver=has_receiver,
                pledge_signed=pledge_signed,
                eligible=not reasons,
                ineligible_reason="; ".join(reasons),
                match_key=key,
                review_status=review,
                search_text=f"{fold(head_name)} {citizen_id} {fold(hamlet)}",
            )
    except IntegrityError as exc:
        raise Conflict(f"Số CMND/CCCD {citizen_id} đã có trong sổ hộ.") from exc
    if review:
        twins.exclude(pk=household.pk).filter(review_status=ReviewStatus.NONE).update(review_status=review)
    audit_record(
        actor=actor,
        action="programs.household_create",
        obj=household,
        after={
            "citizen_id": citizen_id,
            "commune": commune.code,
            "eligible": household.eligible,
            "reason": household.ineligible_reason,
            "review": review,
        },
    )
    return household


@transaction.atomic
def household_update(
    *,
    actor: Any,
    household: Household,
    poverty: str,
    list_year: int | None,
    has_analog_tv: bool,
    has_receiver: bool,
    pledge_signed: bool,
) -> Household:
    """Correct the facts that decide eligibility; refused once the household is on an approved list."""
    require_programs_editor(actor)
    household = Household.objects.select_for_update().get(pk=household.pk)
    member = BatchMember.objects.filter(household=household).select_related("batch").first()
    if member is not None and member.batch.is_frozen:
        raise Conflict("Hộ đã thuộc danh sách đợt đã phê duyệt; không sửa được.")
    if poverty not in Poverty.values:
        raise InvalidInput("Diện hộ không hợp lệ.")
    fields = [
        "poverty",
        "list_year",
        "has_analog_tv",
        "has_receiver",
        "pledge_signed",
        "eligible",
        "ineligible_reason",
    ]
    before = {f: getattr(household, f) for f in fields}
    reasons = ineligibility_reasons(
        poverty=poverty,
        list_year=list_year,
        has_analog_tv=has_analog_tv,
        has_receiver=has_receiver,
        pledge_signed=pledge_signed,
    )
    household.poverty, household.list_year = poverty, list_year
    household.has_analog_tv, household.has_receiver, household.pledge_signed = (
        has_analog_tv,
        has_receiver,
        pledge_signed,
    )
    household.eligible, household.ineligible_reason = not reasons, "; ".join(reasons)
    after = {f: getattr(household, f) for f in fields}
    if after != before:
        if member is not None and reasons:
            raise Conflict("Hộ đang trong danh sách đợt dự thảo; hãy bỏ hộ khỏi danh sách trước.")
        household.save(update_fields=fields)
        audit_record(
            actor=actor, action="programs.household_update", obj=household, before=before, after=after
        )
    return household


@transaction.atomic
def household_review(*, actor: Any, household: Household, decision: str) -> Household:
    """Settle a possible duplicate: ``distinct`` (keep) or ``duplicate`` (exclude from support)."""
    require_programs_editor(actor)
    if decision not in (ReviewStatus.DISTINCT, ReviewStatus.DUPLICATE):
        raise InvalidInput("Kết luận so trùng không hợp lệ.")
    household = Household.objects.select_for_update().get(pk=household.pk)
    if household.review_status == ReviewStatus.NONE:
        raise Conflict("Hộ này không bị đánh dấu nghi trùng.")
    if decision == ReviewStatus.DUPLICATE and BatchMember.objects.filter(household=household).exists():
        raise Conflict("Hộ đã thuộc danh sách một đợt; hãy bỏ khỏi danh sách trước khi loại.")
    before = {"review_status": household.review_status}
    household.review_status = decision
    household.save(update_fields=["review_status"])
    audit_record(
        actor=actor,
        action="programs.household_review",
        obj=household,
        before=before,
        after={"review_status": decision},
    )
    return household


def household_import_start(*, actor: Any, upload: UploadedFile) -> HouseholdImport:
    """Keep the uploaded file and enqueue the import in the background (``tasks.household_import_task``)."""
    require_programs_editor(actor)
    name = (upload.name or "").lower()
    if not name.endswith((".csv", ".xlsx", ".txt")):
        raise InvalidInput("Tệp phải là CSV (.csv) hoặc Excel (.xlsx).")
    with transaction.atomic():
        record = HouseholdImport(file_name=upload.name or "", created_by=_user(actor))
        record.file.save(Path(upload.name or "ds.csv").name, upload, save=False)
        record.save()
        audit_record(
            actor=actor,
            action="programs.household_import_start",
            obj=record,
            after={"file": record.file_name},
        )

        def enqueue() -> None:
            from tinhso.programs.tasks import household_import_task

            household_import_task.enqueue(record.pk)

        transaction.on_commit(enqueue)
    return record


def household_import_run(*, record: HouseholdImport) -> HouseholdImport:
    """Run a queued import (the task calls this): check, then write all or nothing."""
    from tinhso.programs.importer import HouseholdFileRejected, households_import_file

    if record.status not in (HouseholdImport.Status.PENDING, HouseholdImport.Status.RUNNING):
        raise Conflict("Lần nhập này đã được xử lý.")
    try:
        with record.file.open("rb"):
            path = Path(record.file.path)
        households_import_file(actor=record.created_by, path=path, record=record)
    except HouseholdFileRejected as exc:
        HouseholdImport.objects.filter(pk=record.pk).update(
            status=HouseholdImport.Status.FAILED, message=exc.message, finished_at=timezone.now()
        )
    record.refresh_from_db()
    return record


# --- batches -----------------------------------------------------------------------------------
@transaction.atomic
def batch_create(*, actor: Any, number: int, name: str, year: int, list_year: int) -> Batch:
    require_programs_editor(actor)
    if not name.strip():
        raise InvalidInput("Tên đợt là bắt buộc.")
    if Batch.objects.filter(number=number).exists():
        raise Conflict(f"Đã có đợt số {number}.")
    batch = Batch.objects.create(number=number, name=name.strip(), year=year, list_year=list_year)
    audit_record(
        actor=actor,
        action="programs.batch_create",
        obj=batch,
        after={"number": number, "year": year, "list_year": list_year},
    )
    return batch


def _locked_batch(batch: Batch) -> Batch:
    return Batch.objects.select_for_update().get(pk=batch.pk)


@transaction.atomic
def batch_add_households(*, actor: Any, batch: Batch, households: list[Household]) -> int:
    """Put eligible households on a draft batch's list. Refused (nothing added) when one is not
    eligible, not on the batch's list year, awaiting duplicate review, or already on a batch."""
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DRAFT:
        raise Conflict("Danh sách đợt đã được phê duyệt, không thêm hộ được.")
    ids = [h.pk for h in households]
    rows = list(Household.objects.filter(pk__in=ids))
    problems: list[str] = []
    taken = set(BatchMember.objects.filter(household_id__in=ids).values_list("household_id", flat=True))
    for h in rows:
        if not h.eligible:
            problems.append(f"{h.head_name} ({h.citizen_id}): không đủ điều kiện — {h.ineligible_reason}")
        elif h.list_year != batch.list_year:
            problems.append(
                f"{h.head_name} ({h.citizen_id}): thuộc danh sách năm {h.list_year}, "
                f"không phải năm {batch.list_year}"
            )
        elif h.review_status in (ReviewStatus.PENDING, ReviewStatus.DUPLICATE):
            problems.append(f"{h.head_name} ({h.citizen_id}): nghi trùng, chưa xem xét hoặc đã loại")
        elif h.pk in taken:
            problems.append(f"{h.head_name} ({h.citizen_id}): đã thuộc danh sách một đợt")
    if problems:
        raise InvalidInput(
            "Không thêm được: " + "; ".join(problems[:20]) + ("…" if len(problems) > 20 else "")
        )
    BatchMember.objects.bulk_create(
        [BatchMember(batch=batch, household=h, commune_id=h.commune_id) for h in rows]
    )
    audit_record(actor=actor, action="programs.batch_add_households", obj=batch, after={"added": len(rows)})
    return len(rows)


@transaction.atomic
def batch_add_eligible(*, actor: Any, batch: Batch, communes: list[Unit] | None = None) -> int:
    """Put every eligible household of the batch's list year that is not on a batch and not awaiting
    (or excluded by) duplicate review on the draft batch's list; returns how many were added."""
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DRAFT:
        raise Conflict("Danh sách đợt đã được phê duyệt, không thêm hộ được.")
    qs = Household.objects.filter(
        eligible=True,
        list_year=batch.list_year,
        membership__isnull=True,
        review_status__in=[ReviewStatus.NONE, ReviewStatus.DISTINCT],
    )
    if communes:
        qs = qs.filter(commune__in=communes)
    rows = list(qs.values_list("id", "commune_id").order_by("commune_id", "id"))
    BatchMember.objects.bulk_create(
        [BatchMember(batch=batch, household_id=pk, commune_id=commune_id) for pk, commune_id in rows],
        batch_size=2_000,
    )
    audit_record(
        actor=actor,
        action="programs.batch_add_households",
        obj=batch,
        after={"added": len(rows), "eligible_of_year": batch.list_year},
    )
    return len(rows)


@transaction.atomic
def batch_remove_household(*, actor: Any, batch: Batch, household: Household) -> None:
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DRAFT:
        raise Conflict("Danh sách đợt đã được phê duyệt, không bỏ hộ được.")
    deleted, _ = BatchMember.objects.filter(batch=batch, household=household).delete()
    if not deleted:
        raise NotFound("Hộ không có trong danh sách đợt này.")
    audit_record(
        actor=actor,
        action="programs.batch_remove_household",
        obj=batch,
        after={"household": household.citizen_id},
    )


@transaction.atomic
def batch_approve(*, actor: Any, batch: Batch, decision: str = "", at: dt.datetime | None = None) -> Batch:
    """Approve a draft batch: its beneficiary list is frozen from now on."""
    require_batch_approver(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DRAFT:
        raise Conflict(f"Chỉ phê duyệt được đợt đang dự thảo (đợt này: {batch.get_status_display()}).")
    if not batch.members.exists():
        raise InvalidInput("Danh sách đợt chưa có hộ nào.")
    batch.status, batch.approved_at, batch.approved_by = (
        Batch.Status.APPROVED,
        at or timezone.now(),
        _user(actor),
    )
    batch.decision = decision
    batch.save(update_fields=["status", "approved_at", "approved_by", "decision"])
    audit_record(
        actor=actor,
        action="programs.batch_approve",
        obj=batch,
        before={"status": Batch.Status.DRAFT},
        after={"status": batch.status, "members": batch.members.count(), "decision": decision},
    )
    return batch


@transaction.atomic
def batch_start_delivery(*, actor: Any, batch: Batch) -> Batch:
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.APPROVED:
        raise Conflict("Chỉ bắt đầu cấp phát được đợt đã phê duyệt.")
    batch.status = Batch.Status.DELIVERING
    batch.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="programs.batch_start_delivery",
        obj=batch,
        before={"status": Batch.Status.APPROVED},
        after={"status": batch.status},
    )
    return batch


@transaction.atomic
def batch_close(*, actor: Any, batch: Batch, at: dt.datetime | None = None) -> Batch:
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DELIVERING:
        raise Conflict("Chỉ kết thúc được đợt đang cấp phát.")
    batch.status, batch.closed_at = Batch.Status.CLOSED, at or timezone.now()
    batch.save(update_fields=["status", "closed_at"])
    delivered = batch.deliveries.count()
    audit_record(
        actor=actor,
        action="programs.batch_close",
        obj=batch,
        before={"status": Batch.Status.DELIVERING},
        after={"status": batch.status, "delivered": delivered, "members": batch.members.count()},
    )
    return batch


# --- stock and deliveries ----------------------------------------------------------------------
@transaction.atomic
def stock_receive(
    *, actor: Any, batch: Batch, commune: Unit, quantity: int, received_on: dt.date, note: str = ""
) -> StockReceipt:
    require_programs_editor(actor)
    _check_commune(commune)
    if quantity <= 0:
        raise InvalidInput("Số lượng nhập kho phải lớn hơn 0.")
    batch = _locked_batch(batch)
    if batch.status in (Batch.Status.DRAFT, Batch.Status.CLOSED):
        raise Conflict("Chỉ nhập kho cho đợt đã phê duyệt và chưa kết thúc.")
    receipt = StockReceipt.objects.create(
        batch=batch, commune=commune, quantity=quantity, received_on=received_on, note=note
    )
    audit_record(
        actor=actor,
        action="programs.stock_receive",
        obj=receipt,
        after={"batch": batch.number, "commune": commune.code, "quantity": quantity},
    )
    return receipt


def stock_available(*, batch: Batch, commune: Unit) -> int:
    received = sum(
        StockReceipt.objects.filter(batch=batch, commune=commune).values_list("quantity", flat=True)
    )
    return received - Delivery.objects.filter(batch=batch, commune=commune).count()


@transaction.atomic
def delivery_record(
    *, actor: Any, batch: Batch, household: Household, serial: str, receiver_name: str, delivered_on: dt.date
) -> Delivery:
    """Hand a box to a household of the batch: the batch must be delivering, the household on its list
    and not yet served, the serial unused, and the commune must have a box in stock."""
    require_programs_editor(actor)
    batch = _locked_batch(batch)
    if batch.status != Batch.Status.DELIVERING:
        raise Conflict("Đợt chưa bắt đầu cấp phát hoặc đã kết thúc.")
    member = BatchMember.objects.filter(batch=batch, household=household).first()
    if member is None:
        raise InvalidInput("Hộ không có trong danh sách của đợt này.")
    serial = serial.strip().upper()
    if not serial:
        raise InvalidInput("Số sê-ri đầu thu là bắt buộc.")
    if not receiver_name.strip():
        raise InvalidInput("Tên người nhận là bắt buộc.")
    if Delivery.objects.filter(member=member).exists():
        raise Conflict("Hộ này đã nhận đầu thu.")
    if Delivery.objects.filter(serial=serial).exists():
        raise Conflict(f"Số sê-ri {serial} đã được giao cho hộ khác.")
    commune = Unit.objects.get(pk=household.commune_id)
    if stock_available(batch=batch, commune=commune) <= 0:
        raise Conflict(f"{commune.name} đã hết đầu thu trong kho của đợt này.")
    if delivered_on > timezone.localdate():
        raise InvalidInput("Ngày giao không được sau hôm nay.")
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                member=member,
                batch=batch,
                commune=commune,
                delivered_on=delivered_on,
                serial=serial,
                receiver_name=" ".join(receiver_name.split()),
                recorded_by=_user(actor),
            )
    except IntegrityError as exc:
        raise Conflict("Hộ hoặc số sê-ri vừa được ghi nhận bởi người khác.") from exc
    audit_record(
        actor=actor,
        action="programs.delivery_record",
        obj=delivery,
        after={
            "batch": batch.number,
            "household": household.citizen_id,
            "serial": serial,
            "delivered_on": delivered_on,
        },
    )
    return delivery


# --- criterion 8 -------------------------------------------------------------------------------
def _previously_met(commune: Unit, year: int) -> bool:
    prev = Criterion8Assessment.objects.filter(commune__code=commune.code, year=year - 1).first()
    return prev is not None and prev.met


@transaction.atomic
def c8_assess(
    *,
    actor: Any,
    commune: Unit,
    year: int,
    c81: bool,
    c82: bool,
    c83: bool,
    c84: bool,
    note: str = "",
    assessed_on: dt.date | None = None,
) -> Criterion8Assessment:
    """Record (or correct) a commune's criterion-8 assessment for ``year``. The result is computed:
    all four sub-criteria met → re-recognised if it met the criterion the year before, else newly
    recognised; otherwise not met."""
    require_programs_editor(actor)
    if commune.kind != UnitKind.COMMUNE:
        raise InvalidInput("Tiêu chí số 8 chỉ áp dụng cho xã.")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if commune.valid_from > end or (commune.valid_to is not None and commune.valid_to <= start):
        raise InvalidInput(f"{commune.name} không còn là xã trong năm {year}.")
    met = c81 and c82 and c83 and c84
    status = (
        (C8Status.RERECOGNISED if _previously_met(commune, year) else C8Status.NEW)
        if met
        else C8Status.NOT_MET
    )
    row = (
        Criterion8Assessment.objects.select_for_update().filter(commune__code=commune.code, year=year).first()
    )
    before = None
    values = {
        "c81": c81,
        "c82": c82,
        "c83": c83,
        "c84": c84,
        "status": status,
        "note": note,
        "assessed_on": assessed_on or timezone.localdate(),
        "assessed_by": _user(actor),
    }
    if row is None:
        row = Criterion8Assessment.objects.create(commune=commune, year=year, **values)
    else:
        before = {k: getattr(row, k) for k in ("c81", "c82", "c83", "c84", "status", "note")}
        for key, value in values.items():
            setattr(row, key, value)
        row.save(update_fields=list(values))
    audit_record(
        actor=actor,
        action="programs.c8_assess",
        obj=row,
        before=before,
        after={
            "commune": commune.code,
            "year": year,
            "c81": c81,
            "c82": c82,
            "c83": c83,
            "c84": c84,
            "status": status,
        },
    )
    # a later year's "new / re-recognised" depends on this one
    later = Criterion8Assessment.objects.filter(commune__code=commune.code, year=year + 1).first()
    if later is not None and later.met:
        later_status = C8Status.RERECOGNISED if met else C8Status.NEW
        if later.status != later_status:
            later.status = later_status
            later.save(update_fields=["status"])
            audit_record(
                actor=actor, action="programs.c8_status_recompute", obj=later, after={"status": later_status}
            )
    return row


@transaction.atomic
def c8_evidence_add(
    *,
    actor: Any,
    assessment: Criterion8Assessment,
    sub_criterion: str,
    note: str = "",
    upload: UploadedFile | None = None,
) -> Criterion8Evidence:
    require_programs_editor(actor)
    if sub_criterion not in {key for key, _, _ in SUB_CRITERIA}:
        raise InvalidInput("Chỉ tiêu không hợp lệ (8.1–8.4).")
    if not note.strip() and upload is None:
        raise InvalidInput("Minh chứng cần mô tả hoặc tệp đính kèm.")
    evidence = Criterion8Evidence(
        assessment=assessment, sub_criterion=sub_criterion, note=note.strip(), uploaded_by=_user(actor)
    )
    if upload is not None:
        evidence.file.save(Path(upload.name or "minh-chung").name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="programs.c8_evidence_add",
        obj=evidence,
        after={"assessment": assessment.pk, "sub": sub_criterion, "file": evidence.file.name or ""},
    )
    return evidence


@transaction.atomic
def c8_evidence_delete(*, actor: Any, evidence: Criterion8Evidence) -> None:
    """Remove a piece of evidence; its file leaves the storage once the transaction has committed."""
    require_programs_editor(actor)
    evidence = Criterion8Evidence.objects.select_for_update().get(pk=evidence.pk)
    file_name = evidence.file.name or ""
    audit_record(
        actor=actor,
        action="programs.c8_evidence_delete",
        obj=evidence,
        before={
            "assessment": evidence.assessment_id,
            "sub": evidence.sub_criterion,
            "note": evidence.note,
            "file": file_name,
        },
    )
    storage = evidence.file.storage
    evidence.delete()
    if file_name:
        transaction.on_commit(lambda: storage.delete(file_name))
