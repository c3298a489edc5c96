"""Every change of a dossier goes through these services (domain.md §1–2).

Each service takes the acting user first (keyword-only), locks the dossier row (``select_for_update``)
and checks ``expected_version`` when the caller read the dossier earlier, checks the status and the
actor's role, writes with a compare-and-set on ``version``, appends ``DossierEvent`` rows and an audit
entry in the same transaction, and sends mail only after commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tinhso.accounts.models import UserKind
from tinhso.catalog.models import Procedure, ProcedureDocument, ProcedureVersion, ProcessStep
from tinhso.catalog.selectors import procedure_version_on
from tinhso.core import sqlrows, worktime
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.vntext import search_text
from tinhso.onestop import access, pdf_office, uploads
from tinhso.onestop.models import (
    Channel,
    Dossier,
    DossierCodeCounter,
    DossierEvent,
    DossierFile,
    DossierStatus,
    DossierStep,
    EventAction,
    FileKind,
    Outcome,
    StepResult,
    SupplementMode,
)
from tinhso.onestop.notifications import notify_applicant
from tinhso.onestop.selectors import supplement_policy_on
from tinhso.org.models import Agency, Role
from tinhso.org.selectors import agency_department
from tinhso.signing.ca import SIGNER_ROLES, seal_role, signing_role
from tinhso.signing.pdf import seal_placement, sign_pdf

S = DossierStatus
OPEN = (S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT, S.PAYMENT)
IN_PROCESS = (S.PROCESSING, S.SUPPLEMENT, S.PAYMENT)
SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
SECRET_LENGTH = 8
MAX_FILE_SIZE = 20 * 1024 * 1024
ONE_WORKING_DAY = dt.timedelta(hours=8)


# --------------------------------------------------------------------------------------------------
# helpers


def _now(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise ValueError("Thời điểm phải có múi giờ (aware datetime).")
    return at


def _fmt(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else ""


def _status_label(status: int) -> str:
    return str(DossierStatus(status).label)


def _lock(dossier: Dossier, expected_version: int | None) -> Dossier:
    """Lock the dossier row (PostgreSQL; SQLite serialises writers) and re-read it."""
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "procedure_version", "agency")
        .get(pk=dossier.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            f"Hồ sơ {locked} vừa được người khác cập nhật "
            f"(hiện ở trạng thái «{_status_label(locked.status)}»). "
            "Vui lòng tải lại hồ sơ rồi thao tác lại.",
            code="stale",
        )
    return locked


def _require_status(dossier: Dossier, allowed: Iterable[int], verb: str) -> None:
    if dossier.status not in set(allowed):
        raise Conflict(
            f"Không thể {verb} hồ sơ {dossier} đang ở trạng thái «{_status_label(dossier.status)}».",
            code="invalid_transition",
        )


def _write(dossier: Dossier, fields: Sequence[str], *, fast: bool = False) -> None:
    """Save ``fields`` with a compare-and-set on ``version``: a concurrent writer makes this fail.
    ``fast``: the same UPDATE through a statement built once (``core.sqlrows.row_update``; the
    submission path)."""
    old = dossier.version
    values = {name: getattr(dossier, name) for name in fields}
    if fast:
        where = {"id": dossier.pk, "version": old}
        updated = sqlrows.row_update(dossier, {"version": old + 1, **values}, where=where)
    else:
        updated = Dossier.objects.filter(pk=dossier.pk, version=old).update(version=old + 1, **values)
    if updated != 1:
        raise Conflict(
            f"Hồ sơ {dossier} vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thao tác lại.",
            code="stale",
        )
    dossier.version = old + 1


def _event_row(
    dossier: Dossier,
    *,
    actor: Any,
    action: str,
    at: dt.datetime,
    from_status: int | None = None,
    to_status: int | None = None,
    step: DossierStep | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    """An event, not saved yet (``_event`` saves one; ``bulk_create`` saves several)."""
    return DossierEvent(
        dossier=dossier,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=(str(actor) if actor is not None else "Hệ thống")[:255],
        action=action,
        from_status=from_status,
        to_status=to_status,
        step=step,
        reason=reason,
        data=data or {},
    )


def _notify_after_commit(event: DossierEvent, *, preloaded: bool = False) -> None:
    """Tell the applicant about a status change after commit (``notifications.notify_applicant``).
    ``preloaded``: the event's dossier, procedure and agency in memory are what commits (a dossier
    created in this transaction), so the notification need not read them again."""
    if event.to_status is not None and event.to_status != event.from_status:
        if preloaded:
            transaction.on_commit(partial(notify_applicant, event.pk, event=event))
        else:
            transaction.on_commit(partial(notify_applicant, event.pk))


def _event(
    dossier: Dossier,
    *,
    actor: Any,
    action: str,
    at: dt.datetime,
    from_status: int | None = None,
    to_status: int | None = None,
    step: DossierStep | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    notify: bool = True,
) -> DossierEvent:
    event = _event_row(
        dossier,
        actor=actor,
        action=action,
        at=at,
        from_status=from_status,
        to_status=to_status,
        step=step,
        reason=reason,
        data=data,
    )
    event.save(force_insert=True)
    if notify:
        _notify_after_commit(event)
    return event


def _audit(actor: Any, dossier: Dossier, action: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    audit_record(actor=actor, action=f"onestop.dossier.{action}", obj=dossier, before=before, after=after)


def _snapshot(dossier: Dossier) -> dict[str, Any]:
    return {"status": dossier.status, "version": dossier.version}


def _is_owner(actor: Any, dossier: Dossier) -> bool:
    return bool(
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and dossier.applicant_id is not None
        and dossier.applicant_id == actor.pk
    )


def _require_owner_or_clerk(actor: Any, dossier: Dossier, verb: str) -> None:
    if _is_owner(actor, dossier):
        return
    if access.has_dossier_role(actor, {Role.CLERK}, dossier.agency_id):
        return
    raise NotAllowed(f"Bạn không có quyền {verb} hồ sơ này.")


def _require_clerk(actor: Any, dossier: Dossier, verb: str) -> None:
    if not access.has_dossier_role(actor, {Role.CLERK}, dossier.agency_id):
        raise NotAllowed(
            f"Chỉ cán bộ một cửa của {dossier.agency} mới được {verb} hồ sơ này.", code="forbidden"
        )


def _require_step_actor(actor: Any, dossier: Dossier, step: DossierStep) -> None:
    roles = access.step_roles(step.role)
    if not access.has_role(actor, roles, step.agency_id):
        raise NotAllowed(
            f"Bạn không có vai trò «{Role(step.role).label}» tại {step.agency} để xử lý bước «{step.name}» "
            f"của hồ sơ {dossier}."
        )
    if step.assignee_id is not None and step.assignee_id != actor.pk:
        raise NotAllowed(f"Bước «{step.name}» của hồ sơ {dossier} đã được giao cho {step.assignee} xử lý.")


def _current_step(dossier: Dossier) -> DossierStep | None:
    if dossier.current_step_id is None:
        return None
    return DossierStep.objects.select_related("agency", "assignee", "process_step").get(
        pk=dossier.current_step_id
    )


def _process_steps(version: ProcedureVersion) -> list[ProcessStep]:
    return list(version.steps.order_by("order"))


def _step_agency(dossier: Dossier, process_step: ProcessStep) -> Agency:
    if process_step.agency is not None:
        return process_step.agency
    return dossier.agency


def _step_due(dossier: Dossier, start: dt.datetime, hours: int) -> dt.datetime:
    due = worktime.due_at_hours(start, hours)
    return min(due, dossier.due_at) if dossier.due_at else due


def _check_assignee(assignee: Any, process_step: ProcessStep, agency: Agency) -> None:
    if assignee is not None and not access.has_role(assignee, access.step_roles(process_step.role), agency):
        raise InvalidInput(
            f"{assignee} không có vai trò «{Role(process_step.role).label}» tại {agency} để nhận bước "
            f"«{process_step.name}».",
            code="invalid_assignee",
        )


def _start_step(
    dossier: Dossier, process_step: ProcessStep, *, at: dt.datetime, assignee: Any = None
) -> DossierStep:
    agency = _step_agency(dossier, process_step)
    _check_assignee(assignee, process_step, agency)
    start = max(at, dossier.clock_started_at) if dossier.clock_started_at else at
    return DossierStep.objects.create(
        dossier=dossier,
        process_step=process_step,
        order=process_step.order,
        name=process_step.name,
        role=process_step.role,
        agency=agency,
        assignee=assignee,
        started_at=at,
        due_at=_step_due(dossier, start, process_step.hours),
    )


def _finish_step(step: DossierStep, *, actor: Any, at: dt.datetime, result: str, note: str = "") -> None:
    step.finished_at = at
    step.finished_by = actor if getattr(actor, "pk", None) else None
    step.result = result
    step.note = note
    step.save(update_fields=["finished_at", "finished_by", "result", "note"])


def _next_process_step(dossier: Dossier, step: DossierStep | None) -> ProcessStep | None:
    after = step.order if step is not None else 0
    return dossier.procedure_version.steps.filter(order__gt=after).order_by("order").first()


def _clean_form_data(version: ProcedureVersion, form_data: dict[str, Any] | None) -> dict[str, Any]:
    """Keep only the e-form's declared fields, as trimmed strings."""
    known = {f["name"] for f in version.form_fields}
    data = form_data or {}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput(f"Tờ khai có trường không hợp lệ: {', '.join(unknown)}.", code="unknown_field")
    return {k: ("" if v is None else str(v).strip()) for k, v in data.items()}


def _missing_form_fields(version: ProcedureVersion, form_data: dict[str, Any]) -> list[str]:
    return [
        f["label"]
        for f in version.form_fields
        if f.get("required") and not str(form_data.get(f["name"], "")).strip()
    ]


def _dossier_search_text(dossier: Dossier) -> str:
    return search_text(
        dossier.code,
        dossier.applicant_name,
        dossier.applicant_id_number,
        dossier.applicant_phone,
        dossier.applicant_email,
    )


def _local_day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


# --------------------------------------------------------------------------------------------------
# codes


def dossier_code_next(*, agency: Agency, at: dt.datetime) -> str:
    """The next code ``<agency code>-<YYMMDD>-<NNNN>`` for ``agency`` on the local date of ``at``.

    Must run inside the submitting transaction: the counter row stays locked until commit (the UPDATE
    takes the row lock), so concurrent submissions queue, and a rolled-back submission gives its
    number back — the sequence stays contiguous. Callers take it as late as they can (just before the
    last writes of the submission) so that the row is held for as short a time as possible; the
    increment and the read are one ``UPDATE … RETURNING`` statement.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("dossier_code_next phải được gọi trong một giao dịch.")
    day = _local_day(at)
    number = _counter_increment(agency.pk, day)
    if number is None:
        try:
            with transaction.atomic():
                DossierCodeCounter.objects.create(agency=agency, day=day, last=1)
            number = 1
        except IntegrityError:  # another transaction created the row first: count after it
            number = _counter_increment(agency.pk, day)
    if number is None:  # pragma: no cover - the row exists at this point
        raise RuntimeError("Không cấp được số hồ sơ.")
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def _counter_increment(agency_id: int, day: dt.date) -> int | None:
    """``last + 1`` on the (agency, day) counter row and its new value (None when there is no row)."""
    connection = transaction.get_connection()
    qn = connection.ops.quote_name
    meta = DossierCodeCounter._meta
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {qn('last')} = {qn('last')} + 1 "  # noqa: S608 - names only
        f"WHERE {qn('agency_id')} = %s AND {qn('day')} = %s RETURNING {qn('last')}"
    )
    with sqlrows.statement_cursor(connection.alias) as cursor:  # prepared after a few runs
        cursor.execute(sql, [agency_id, connection.ops.adapt_datefield_value(day)])
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _tracking_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


# --------------------------------------------------------------------------------------------------
# drafts and submission


def _draft_new(
    *,
    actor: Any,
    procedure: Procedure,
    channel: str,
    applicant: Any,
    applicant_name: str,
    applicant_id_number: str,
    applicant_address: str,
    applicant_phone: str,
    applicant_email: str,
    form_data: dict[str, Any] | None,
    at: dt.datetime,
    version: ProcedureVersion | None = None,
) -> Dossier:
    """The checks of a new draft and the draft itself, not saved yet. ``version``: the procedure's
    version in force at ``at`` when the caller has just read it (``procedure_version_on``); it is
    checked to belong to the procedure and to be in force, else read here."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAllowed("Bạn cần đăng nhập để nộp hồ sơ trực tuyến.", code="unauthenticated")
    if channel not in Channel.values:
        raise InvalidInput("Hình thức nộp hồ sơ không hợp lệ.")
    if not procedure.is_active:
        raise InvalidInput(
            f"Thủ tục «{procedure.name}» hiện không tiếp nhận hồ sơ.", code="procedure_inactive"
        )
    if version is None or version.procedure_id != procedure.pk or version.effective_from > _local_day(at):
        version = procedure_version_on(procedure, at)
    if version is None:
        raise InvalidInput(f"Thủ tục «{procedure.name}» chưa có quy định áp dụng tại thời điểm này.")
    if actor.kind == UserKind.STAFF:
        if channel == Channel.ONLINE:
            raise InvalidInput("Cán bộ chỉ tạo hồ sơ nộp trực tiếp hoặc qua bưu chính.")
        if not access.has_dossier_role(actor, {Role.CLERK}, procedure.agency_id):
            raise NotAllowed(f"Chỉ cán bộ một cửa của {procedure.agency} mới được tạo hồ sơ cho thủ tục này.")
    else:
        if channel != Channel.ONLINE:
            raise InvalidInput("Hồ sơ nộp trực tiếp hoặc qua bưu chính do cán bộ một cửa tạo.")
        if applicant is not None and applicant.pk != actor.pk:
            raise NotAllowed("Bạn chỉ được nộp hồ sơ cho chính mình.")
        applicant = actor
        applicant_name = applicant_name or actor.organization_name or actor.full_name
        applicant_id_number = applicant_id_number or actor.citizen_id or actor.tax_code or ""
        applicant_address = applicant_address or actor.address
        applicant_phone = applicant_phone or actor.phone or ""
        applicant_email = applicant_email or actor.email or ""
    dossier = Dossier(
        procedure=procedure,
        procedure_version=version,
        agency=procedure.agency,
        applicant=applicant,
        applicant_name=applicant_name.strip(),
        applicant_id_number=applicant_id_number.strip(),
        applicant_address=applicant_address.strip(),
        applicant_phone=applicant_phone.strip(),
        applicant_email=applicant_email.strip(),
        channel=channel,
        status=S.DRAFT,
        form_data=_clean_form_data(version, form_data),
        created_by=actor,
        created_at=at,
    )
    dossier.search_text = _dossier_search_text(dossier)
    return dossier


@transaction.atomic
def dossier_create_draft(
    *,
    actor: Any,
    procedure: Procedure,
    channel: str = Channel.ONLINE,
    applicant: Any = None,
    applicant_name: str = "",
    applicant_id_number: str = "",
    applicant_address: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    form_data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """A citizen starts an online dossier for themselves; a clerk starts a walk-in or postal one."""
    at = _now(at)
    dossier = _draft_new(
        actor=actor,
        procedure=procedure,
        channel=channel,
        applicant=applicant,
        applicant_name=applicant_name,
        applicant_id_number=applicant_id_number,
        applicant_address=applicant_address,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        form_data=form_data,
        at=at,
    )
    dossier.save(force_insert=True)
    _event(dossier, actor=actor, action=EventAction.CREATE, at=at, to_status=S.DRAFT, notify=False)
    _audit(
        actor,
        dossier,
        "create",
        {},
        {"status": S.DRAFT, "procedure": procedure.national_code, "channel": channel},
    )
    return dossier


def _require_draft_editor(actor: Any, dossier: Dossier) -> None:
    if dossier.channel == Channel.ONLINE:
        if not _is_owner(actor, dossier):
            raise NotAllowed("Bạn chỉ được sửa, nộp hồ sơ của mình.")
    else:
        _require_clerk(actor, dossier, "sửa, nộp")


@transaction.atomic
def dossier_update_draft(
    *,
    actor: Any,
    dossier: Dossier,
    form_data: dict[str, Any] | None = None,
    applicant_name: str | None = None,
    applicant_id_number: str | None = None,
    applicant_address: str | None = None,
    applicant_phone: str | None = None,
    applicant_email: str | None = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_draft_editor(actor, dossier)
    _require_status(dossier, [S.DRAFT], "sửa")
    if form_data is not None:
        dossier.form_data = _clean_form_data(dossier.procedure_version, form_data)
    for name, value in {
        "applicant_name": applicant_name,
        "applicant_id_number": applicant_id_number,
        "applicant_address": applicant_address,
        "applicant_phone": applicant_phone,
        "applicant_email": applicant_email,
    }.items():
        if value is not None:
            setattr(dossier, name, value.strip())
    dossier.search_text = _dossier_search_text(dossier)
    _write(
        dossier,
        [
            "form_data",
            "applicant_name",
            "applicant_id_number",
            "applicant_address",
            "applicant_phone",
            "applicant_email",
            "search_text",
        ],
    )
    _event(dossier, actor=actor, action=EventAction.UPDATE, at=at, notify=False)
    return dossier


def _missing_documents(dossier: Dossier, version: ProcedureVersion) -> list[ProcedureDocument]:
    """The required documents of ``version`` with no file in ``dossier`` (one query)."""
    uploaded = DossierFile.objects.filter(dossier=dossier, document__isnull=False).values("document_id")
    return list(version.documents.filter(required=True).exclude(pk__in=uploaded).order_by("order"))


def _require_complete(
    dossier: Dossier, version: ProcedureVersion, missing: Iterable[ProcedureDocument]
) -> None:
    problems: list[str] = []
    if not dossier.applicant_name:
        problems.append("tên tổ chức, cá nhân nộp hồ sơ")
    problems += _missing_form_fields(version, dossier.form_data)
    problems += [f"tệp «{d.name}»" for d in missing]
    if problems:
        raise InvalidInput("Hồ sơ còn thiếu: " + "; ".join(problems) + ".", code="incomplete")


def _register(dossier: Dossier, at: dt.datetime, *, repin: bool = True) -> None:
    """Draft → 1: the day's next code, the second factor, the submission time. Call it after every
    check and just before the last writes: the code counter's row stays locked until commit.
    ``repin``: also write the version and e-form (the page's submit step may re-pin them; a dossier
    inserted in this transaction already has them)."""
    dossier.code = dossier_code_next(agency=dossier.agency, at=at)
    dossier.tracking_secret = _tracking_secret()
    dossier.submitted_at = at
    dossier.status = S.NEW
    dossier.search_text = _dossier_search_text(dossier)
    fields = ["code", "tracking_secret", "submitted_at", "status", "search_text"]
    _write(dossier, [*fields, "procedure_version", "form_data"] if repin else fields, fast=True)


def _submit_event(dossier: Dossier, *, actor: Any, at: dt.datetime) -> DossierEvent:
    return _event_row(
        dossier,
        actor=actor,
        action=EventAction.SUBMIT,
        at=at,
        from_status=S.DRAFT,
        to_status=S.NEW,
        data={"code": dossier.code, "channel": dossier.channel},
    )


@transaction.atomic
def dossier_submit(
    *, actor: Any, dossier: Dossier, expected_version: int | None = None, at: dt.datetime | None = None
) -> Dossier:
    """Draft → 1 Mới đăng ký: the e-form and the required documents are checked, a code is assigned."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_draft_editor(actor, dossier)
    _require_status(dossier, [S.DRAFT], "nộp")
    version = procedure_version_on(dossier.procedure, at)
    if version is None:
        raise InvalidInput(f"Thủ tục «{dossier.procedure.name}» chưa có quy định áp dụng tại thời điểm này.")
    if version.pk != dossier.procedure_version_id:
        dossier.procedure_version = version
        dossier.form_data = {
            k: v for k, v in dossier.form_data.items() if k in {f["name"] for f in version.form_fields}
        }
    missing = _missing_documents(dossier, version) if dossier.channel == Channel.ONLINE else []
    _require_complete(dossier, version, missing)
    _register(dossier, at)
    event = _submit_event(dossier, actor=actor, at=at)
    event.save(force_insert=True)
    _notify_after_commit(event)
    _audit(actor, dossier, "submit", {"status": S.DRAFT}, {"status": S.NEW, "code": dossier.code})
    return dossier


@transaction.atomic
def dossier_submit_online(
    *,
    actor: Any,
    procedure: Procedure,
    files: Sequence[tuple[ProcedureDocument | None, str, bytes]],
    form_data: dict[str, Any] | None = None,
    applicant_name: str = "",
    applicant_id_number: str = "",
    applicant_address: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    version: ProcedureVersion | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """An online applicant's whole submission in one go (the API): the draft, its files
    ``(document, name, content)`` and the submission, with the checks of ``dossier_create_draft``,
    ``dossier_file_add`` and ``dossier_submit`` (the same helpers) and the same events — create,
    file_add per file, submit — and notification (the receipt, after commit).

    Every check runs before the first write, so a refusal writes nothing. The dossier is not re-read
    (no other transaction can see it before commit): one INSERT per table, the files stored, then
    the code counter — taken last, so its row is locked only for the final update, the events and
    the audit entry. One audit entry records the whole submission, the files by SHA-256.

    ``version``: the version in force, when the caller has just read it (checked, see ``_draft_new``),
    with its ``documents`` prefetched if it has them. The returned dossier carries its events as its
    prefetched ``events``."""
    at = _now(at)
    dossier = _draft_new(
        actor=actor,
        procedure=procedure,
        channel=Channel.ONLINE,
        applicant=None,
        applicant_name=applicant_name,
        applicant_id_number=applicant_id_number,
        applicant_address=applicant_address,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        form_data=form_data,
        at=at,
        version=version,
    )
    version = dossier.procedure_version
    kind = FileKind.APPLICATION
    checked = [
        (
            document,
            content,
            *_file_check(actor, dossier, name=name, content=content, document=document, kind=kind),
        )
        for document, name, content in files
    ]
    uploaded = {document.pk for document, *_ in checked if document is not None}
    documents = sorted(version.documents.all(), key=lambda d: d.order)  # prefetched by the caller, or read
    _require_complete(dossier, version, [d for d in documents if d.required and d.pk not in uploaded])
    # writes: nothing above wrote anything; each table's rows in one statement built once
    # (core.sqlrows: what save / bulk_create write, without the ORM's per-statement compilation)
    sqlrows.rows_insert([dossier])
    records = [
        _file_stored(
            actor, dossier, document=document, kind=kind, name=name, ctype=ctype, content=content, at=at
        )
        for document, content, name, ctype in checked
    ]
    sqlrows.rows_insert(records)
    _register(dossier, at, repin=False)
    events = [
        _event_row(dossier, actor=actor, action=EventAction.CREATE, at=at, to_status=S.DRAFT),
        *(_file_event(dossier, record, actor=actor, at=at) for record in records),
        _submit_event(dossier, actor=actor, at=at),
    ]
    sqlrows.rows_insert(events)
    # its whole history, as if prefetched: the caller shows it without reading it back
    dossier._prefetched_objects_cache = {"events": events}  # type: ignore[attr-defined]
    _notify_after_commit(events[-1], preloaded=True)
    _audit(
        actor,
        dossier,
        "submit",
        {},
        {
            "status": S.NEW,
            "code": dossier.code,
            "procedure": procedure.national_code,
            "channel": Channel.ONLINE,
            "files": [
                {"file": r.pk, "document": r.document_id, "sha256": r.sha256, "size": r.size} for r in records
            ],
        },
    )
    return dossier


# --------------------------------------------------------------------------------------------------
# reception


@transaction.atomic
def dossier_receive(
    *,
    actor: Any,
    dossier: Dossier,
    assignee: Any = None,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """1 → 2 → 4: the clerk accepts a complete dossier (form 01). The version in force at reception is
    pinned; the clock starts (afternoon cut-off applied); the legal due time and the first processing
    step's due time are set."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_clerk(actor, dossier, "tiếp nhận")
    _require_status(dossier, [S.NEW], "tiếp nhận")
    version = procedure_version_on(dossier.procedure, at)
    if version is None:
        raise InvalidInput(
            f"Thủ tục «{dossier.procedure.name}» không có quy định áp dụng tại thời điểm tiếp nhận."
        )
    repinned = version.pk != dossier.procedure_version_id
    dossier.procedure_version = version
    dossier.received_at = at
    dossier.received_by = actor
    dossier.clock_started_at = worktime.clock_start(at)
    dossier.due_at = worktime.due_at(at, version.duration_days)
    dossier.promised_at = dossier.due_at
    dossier.supplement_items = []
    steps = _process_steps(version)
    if not steps:
        raise InvalidInput(f"Thủ tục «{dossier.procedure.name}» chưa có quy trình nội bộ.")
    first = steps[0]
    reception_step: DossierStep | None = None
    if first.role == Role.CLERK and len(steps) > 1:
        # The reception step is done by this clerk now.
        reception_step = _start_step(dossier, first, at=at, assignee=None)
        _finish_step(reception_step, actor=actor, at=at, result=StepResult.DONE, note=note)
        current = _start_step(dossier, steps[1], at=at, assignee=assignee)
    else:
        current = _start_step(dossier, first, at=at, assignee=assignee)
    dossier.current_step = current
    dossier.status = S.PROCESSING
    _write(
        dossier,
        [
            "procedure_version",
            "received_at",
            "received_by",
            "clock_started_at",
            "due_at",
            "promised_at",
            "supplement_items",
            "current_step",
            "status",
        ],
    )
    _event(
        dossier,
        actor=actor,
        action=EventAction.RECEIVE,
        at=at,
        from_status=S.NEW,
        to_status=S.RECEIVED,
        step=reception_step,
        reason=note,
        notify=False,
        data={
            "due_at": dossier.due_at,
            "clock_started_at": dossier.clock_started_at,
            "version_id": version.pk,
            "repinned": repinned,
        },
    )
    _event(
        dossier,
        actor=actor,
        action=EventAction.START,
        at=at,
        from_status=S.RECEIVED,
        to_status=S.PROCESSING,
        step=current,
        data={
            "step": current.order,
            "assignee": getattr(assignee, "pk", None),
            "step_due_at": current.due_at,
        },
    )
    _audit(
        actor,
        dossier,
        "receive",
        {"status": S.NEW},
        {"status": S.PROCESSING, "due_at": dossier.due_at, "version_id": version.pk},
    )
    return dossier


def _clean_items(items: Sequence[str]) -> list[str]:
    cleaned = [str(i).strip() for i in items if str(i).strip()]
    if not cleaned:
        raise InvalidInput(
            "Cần liệt kê đầy đủ, một lần, các nội dung hồ sơ phải bổ sung.", code="missing_items"
        )
    return cleaned


@transaction.atomic
def dossier_request_supplement(
    *,
    actor: Any,
    dossier: Dossier,
    items: Sequence[str],
    reason: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """→ 5 Yêu cầu bổ sung (form 02), listing everything missing at once. At reception (from 1) by the
    one-stop clerk; during processing (from 4) by the officer of the current step or the clerk — the
    clock stops until the complete supplement arrives."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.NEW, S.PROCESSING], "yêu cầu bổ sung")
    cleaned = _clean_items(items)
    step = None
    if dossier.status == S.NEW:
        _require_clerk(actor, dossier, "yêu cầu bổ sung")
        stage = "reception"
    else:
        step = _current_step(dossier)
        if not access.has_dossier_role(actor, {Role.CLERK}, dossier.agency_id):
            if step is None:
                raise NotAllowed("Bạn không có quyền yêu cầu bổ sung hồ sơ này.")
            _require_step_actor(actor, dossier, step)
        stage = "processing"
        dossier.paused_at = at
    from_status = dossier.status
    dossier.status = S.SUPPLEMENT
    dossier.supplement_items = cleaned
    dossier.supplement_count += 1
    _write(dossier, ["status", "supplement_items", "supplement_count", "paused_at"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.REQUEST_SUPPLEMENT,
        at=at,
        from_status=from_status,
        to_status=S.SUPPLEMENT,
        step=step,
        reason=reason,
        data={"items": cleaned, "stage": stage},
    )
    _audit(
        actor,
        dossier,
        "request_supplement",
        {"status": from_status},
        {"status": S.SUPPLEMENT, "items": cleaned, "stage": stage},
    )
    return dossier


def _resume_due(old_due: dt.datetime, paused_at: dt.datetime, restart_at: dt.datetime) -> dt.datetime:
    """The due time after a pause when the clock resumes with the time that was left."""
    left = worktime.working_time_between(paused_at, old_due)
    start = worktime.clock_start(restart_at)
    if left <= dt.timedelta(0):
        return start
    return worktime.get_calendar().add_working_time(start, left)


@transaction.atomic
def dossier_supplement_submit(
    *,
    actor: Any,
    dossier: Dossier,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """The applicant (or the clerk at the desk) hands in the complete supplement.

    Requested at reception → back to 1 Mới đăng ký for a new reception decision. Requested during
    processing → back to 4 and the clock runs again per the supplement policy in force at reception:
    ``restart`` counts the legal duration from zero (cut-off applied), ``resume`` adds the time that
    was left when the clock stopped."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_owner_or_clerk(actor, dossier, "bổ sung")
    _require_status(dossier, [S.SUPPLEMENT], "bổ sung")
    items = dossier.supplement_items
    dossier.supplement_items = []
    data: dict[str, Any] = {"items": items}
    if dossier.received_at is None:
        dossier.status = S.NEW
        _write(dossier, ["status", "supplement_items"])
    else:
        assert dossier.paused_at is not None and dossier.due_at is not None
        policy = supplement_policy_on(dossier.received_at)
        old_due = dossier.due_at
        step = _current_step(dossier)
        if policy == SupplementMode.RESTART:
            dossier.clock_started_at = worktime.clock_start(at)
            dossier.due_at = worktime.due_at(at, dossier.procedure_version.duration_days)
            if step is not None:
                step.due_at = _step_due(dossier, dossier.clock_started_at, step.process_step.hours)
        else:
            dossier.due_at = _resume_due(old_due, dossier.paused_at, at)
            if step is not None:
                step.due_at = min(_resume_due(step.due_at, dossier.paused_at, at), dossier.due_at)
        if step is not None:
            step.save(update_fields=["due_at"])
        # The promised date follows the new due time unless an apology already promised a later one.
        if (
            dossier.promised_at is None
            or dossier.apologized_at is None
            or dossier.promised_at < dossier.due_at
        ):
            dossier.promised_at = dossier.due_at
        data.update(
            {
                "policy": policy,
                "paused_at": dossier.paused_at,
                "old_due_at": old_due,
                "new_due_at": dossier.due_at,
            }
        )
        dossier.paused_at = None
        dossier.status = S.PROCESSING
        _write(
            dossier, ["status", "supplement_items", "clock_started_at", "due_at", "promised_at", "paused_at"]
        )
    _event(
        dossier,
        actor=actor,
        action=EventAction.SUPPLEMENT,
        at=at,
        from_status=S.SUPPLEMENT,
        to_status=dossier.status,
        reason=note,
        data=data,
        step=dossier.current_step,
    )
    _audit(
        actor,
        dossier,
        "supplement",
        {"status": S.SUPPLEMENT},
        {"status": dossier.status, "due_at": dossier.due_at},
    )
    return dossier


@transaction.atomic
def dossier_refuse_reception(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """→ 3 Không được tiếp nhận (form 03), with the reason."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_clerk(actor, dossier, "từ chối tiếp nhận")
    if dossier.status == S.SUPPLEMENT and dossier.received_at is not None:
        _require_status(dossier, [], "từ chối tiếp nhận")
    _require_status(dossier, [S.NEW, S.SUPPLEMENT], "từ chối tiếp nhận")
    if not reason.strip():
        raise InvalidInput("Cần nêu rõ lý do từ chối tiếp nhận hồ sơ.", code="missing_reason")
    from_status = dossier.status
    dossier.status = S.NOT_RECEIVED
    dossier.closed_at = at
    dossier.outcome_note = reason.strip()
    dossier.supplement_items = []
    _write(dossier, ["status", "closed_at", "outcome_note", "supplement_items"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.REFUSE_RECEPTION,
        at=at,
        from_status=from_status,
        to_status=S.NOT_RECEIVED,
        reason=reason.strip(),
    )
    _audit(actor, dossier, "refuse_reception", {"status": from_status}, {"status": S.NOT_RECEIVED})
    return dossier


# --------------------------------------------------------------------------------------------------
# processing


def _advance(
    dossier: Dossier, step: DossierStep, *, actor: Any, at: dt.datetime, result: str, note: str, assignee: Any
) -> DossierStep | None:
    """Finish ``step`` and start the next step of the process (None when ``step`` was the last)."""
    nxt = _next_process_step(dossier, step)
    if nxt is not None:
        _check_assignee(assignee, nxt, _step_agency(dossier, nxt))
    elif assignee is not None:
        raise InvalidInput("Đây là bước cuối của quy trình, không còn bước để giao tiếp.")
    _finish_step(step, actor=actor, at=at, result=result, note=note)
    return _start_step(dossier, nxt, at=at, assignee=assignee) if nxt is not None else None


@transaction.atomic
def dossier_forward(
    *,
    actor: Any,
    dossier: Dossier,
    assignee: Any = None,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Hand the dossier on to the next step of the internal process (optionally to a named officer)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.PROCESSING], "chuyển xử lý")
    step = _current_step(dossier)
    if step is None:
        raise Conflict(f"Hồ sơ {dossier} đã qua hết các bước của quy trình.", code="invalid_transition")
    _require_step_actor(actor, dossier, step)
    if step.role in access.DECISION_ROLES:
        raise InvalidInput(
            f"Bước «{step.name}» cần ý kiến đồng ý hoặc không đồng ý của lãnh đạo.", code="decision_required"
        )
    if _next_process_step(dossier, step) is None:
        raise InvalidInput(
            f"«{step.name}» là bước cuối của quy trình; hãy ghi nhận kết quả hoặc trả kết quả.",
            code="last_step",
        )
    new_step = _advance(
        dossier, step, actor=actor, at=at, result=StepResult.DONE, note=note, assignee=assignee
    )
    dossier.current_step = new_step
    _write(dossier, ["current_step"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.FORWARD,
        at=at,
        from_status=S.PROCESSING,
        to_status=S.PROCESSING,
        step=step,
        reason=note,
        data={
            "from_step": step.order,
            "to_step": new_step.order if new_step else None,
            "assignee": getattr(assignee, "pk", None),
            "step_due_at": new_step.due_at if new_step else None,
        },
    )
    _audit(actor, dossier, "forward", {"step": step.order}, {"step": new_step.order if new_step else None})
    return dossier


@transaction.atomic
def dossier_assign(
    *,
    actor: Any,
    dossier: Dossier,
    assignee: Any,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Give the current step to a named officer: by whoever holds the step, or a leader of its unit."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.PROCESSING, S.SUPPLEMENT, S.FINISHED], "phân công")
    step = _current_step(dossier)
    if step is None:
        raise Conflict(f"Hồ sơ {dossier} không có bước đang xử lý để phân công.", code="invalid_transition")
    if not access.leads(actor, step.agency_id):
        _require_step_actor(actor, dossier, step)
    _check_assignee(assignee, step.process_step, step.agency)
    old = step.assignee_id
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    _write(dossier, [])
    _event(
        dossier,
        actor=actor,
        action=EventAction.ASSIGN,
        at=at,
        step=step,
        reason=note,
        data={"from": old, "to": assignee.pk},
    )
    _audit(actor, dossier, "assign", {"assignee": old}, {"assignee": assignee.pk, "step": step.order})
    return dossier


def _decide(
    *,
    actor: Any,
    dossier: Dossier,
    outcome: str,
    note: str,
    assignee: Any,
    expected_version: int | None,
    at: dt.datetime | None,
    paper_result: bool = False,
) -> Dossier:
    at = _now(at)
    verb = "phê duyệt" if outcome == Outcome.APPROVED else "từ chối giải quyết"
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.PROCESSING], verb)
    step = _current_step(dossier)
    if step is None or step.role not in access.DECISION_ROLES:
        raise Conflict(
            f"Hồ sơ {dossier} không ở bước xem xét, phê duyệt của lãnh đạo.", code="invalid_transition"
        )
    _require_step_actor(actor, dossier, step)
    if outcome == Outcome.REFUSED and not note.strip():
        raise InvalidInput("Cần nêu rõ lý do không đồng ý.", code="missing_reason")
    result = StepResult.APPROVED if outcome == Outcome.APPROVED else StepResult.REFUSED
    new_step = _advance(dossier, step, actor=actor, at=at, result=result, note=note, assignee=assignee)
    # The latest leader's decision stands: a director may overrule the division head.
    dossier.outcome = outcome
    dossier.outcome_note = note.strip()
    dossier.current_step = new_step
    _write(dossier, ["outcome", "outcome_note", "current_step"])
    data: dict[str, Any] = {
        "step": step.order,
        "role": step.role,
        "to_step": new_step.order if new_step else None,
    }
    after: dict[str, Any] = {"outcome": outcome, "step": step.order}
    if paper_result:
        data["paper_result"] = after["paper_result"] = True
    if not paper_result and _signs_result(dossier, step):
        signed = _result_sign(dossier, actor=actor, at=at)
        data.update({"result_file": signed.pk, "result_sha256": signed.sha256})
        after["result_sha256"] = signed.sha256
    action = EventAction.APPROVE if outcome == Outcome.APPROVED else EventAction.REFUSE
    _event(
        dossier,
        actor=actor,
        action=action,
        at=at,
        from_status=S.PROCESSING,
        to_status=S.PROCESSING,
        step=step,
        reason=note.strip(),
        data=data,
    )
    _audit(actor, dossier, str(action), {"outcome": ""}, after)
    return dossier


def _signs_result(dossier: Dossier, step: DossierStep) -> bool:
    """Whether the decision at ``step`` is the final one and taken by a holder of a certificate: the
    last decision step of the process (no decision step after it) asking for the director (the deputy
    may act in his place). A process whose last decision is the division head's has no signer: its
    result notice is generated unsigned at «có kết quả» (docs/decisions/0010)."""
    if step.role not in SIGNER_ROLES:
        return False
    later = dossier.procedure_version.steps.filter(order__gt=step.order, role__in=access.DECISION_ROLES)
    return not later.exists()


def _result_sign(dossier: Dossier, *, actor: Any, at: dt.datetime) -> DossierFile:
    """The result of the decision just recorded (the notice of approval or the refusal letter), signed
    by ``actor`` with their own certificate and stored byte for byte with its SHA-256, in the caller's
    transaction: a rollback deletes the stored file. The applicant sees it once the dossier is finished.
    Raises ``NotAllowed`` when ``actor`` holds no certificate (no signing role)."""
    from tinhso.core.context_processors import province_name

    role = signing_role(actor)
    if role is None:
        raise NotAllowed(
            "Chỉ Giám đốc, Phó Giám đốc đang giữ chức vụ mới có chứng thư số để ký kết quả giải quyết.",
            code="not_a_signer",
        )
    name = (actor.full_name or actor.get_username()).strip()
    signer = pdf_office.ResultSigner.of(name, role.role, role.title or str(role.get_role_display()))
    unsigned, placement = pdf_office.result_pdf_to_sign(dossier, day=_local_day(at), signer=signer)
    approved = dossier.outcome == Outcome.APPROVED
    reason = (
        f"{'Giải quyết' if approved else 'Từ chối giải quyết'} hồ sơ {dossier.code} "
        f"ngày {_local_day(at):%d/%m/%Y}"
    )
    signed = sign_pdf(unsigned, actor, reason, province_name(), at=at, placement=placement)
    filename = f"{'ket-qua' if approved else 'tu-choi'}-{dossier.code}.pdf"
    record = _file_stored(
        actor,
        dossier,
        document=None,
        kind=FileKind.RESULT,
        name=filename,
        ctype="application/pdf",
        content=signed,
        at=at,
    )
    record.signed_by = actor
    record.signed_at = at
    details = {"outcome": dossier.outcome, "signer": name, "signer_title": signer.title or signer.authority}
    _file_save(dossier, record, actor=actor, at=at, action="onestop.result.sign", details=details)
    return record


@transaction.atomic
def dossier_approve(
    *,
    actor: Any,
    dossier: Dossier,
    note: str = "",
    assignee: Any = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
    paper_result: bool = False,
) -> Dossier:
    """The division head or the director agrees at their step; the dossier moves to the next step. At
    the final decision the director (or deputy) signs the result digitally (``_result_sign``);
    ``paper_result``: he signs a paper result by hand instead, its scan is attached at «có kết quả»
    (the demo's older dossiers; no page or API offers it)."""
    return _decide(
        actor=actor,
        dossier=dossier,
        outcome=Outcome.APPROVED,
        note=note,
        assignee=assignee,
        expected_version=expected_version,
        at=at,
        paper_result=paper_result,
    )


@transaction.atomic
def dossier_refuse(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    assignee: Any = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
    paper_result: bool = False,
) -> Dossier:
    """The division head or the director refuses with a written reason; the refusal letter then goes
    through the remaining steps and the dossier ends in 9 with outcome «refused». At the final decision
    the refusal letter is signed digitally, as in ``dossier_approve`` (``paper_result`` likewise)."""
    return _decide(
        actor=actor,
        dossier=dossier,
        outcome=Outcome.REFUSED,
        note=reason,
        assignee=assignee,
        expected_version=expected_version,
        at=at,
        paper_result=paper_result,
    )


def _require_closing_actor(actor: Any, dossier: Dossier, step: DossierStep | None, verb: str) -> None:
    if step is not None:
        _require_step_actor(actor, dossier, step)
    elif not access.has_dossier_role(actor, {Role.CLERK, Role.DOCUMENT_CLERK}, dossier.agency_id):
        raise NotAllowed(f"Bạn không có quyền {verb} hồ sơ {dossier}.")


@transaction.atomic
def dossier_finish(
    *,
    actor: Any,
    dossier: Dossier,
    note: str = "",
    assignee: Any = None,
    result: tuple[str, bytes] | None = None,
    notice_if_missing: bool = False,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """4 → 9 Đã xử lý xong: the result (licence or refusal letter) is issued after the leaders'
    decision; ``finished_at`` is compared with the legal due time for the statistics.

    The result is the one the deciding leader signed at the decision (``_result_sign``); the
    department's records clerk adds the agency's signature to it as it is issued (``_result_issue``;
    anyone else issues it with the leader's signature only, decision 0010). ``result``
    (name, bytes) attaches an uploaded result as well (a scan of a paper licence; checked like every
    file). ``notice_if_missing`` (the page and the API): when the dossier has no result file at all, an
    unsigned notice is generated (a process whose final decision is not taken by a holder of a
    certificate)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.PROCESSING], "ghi nhận kết quả")
    if not dossier.outcome:
        raise InvalidInput(
            f"Hồ sơ {dossier} chưa có ý kiến phê duyệt của lãnh đạo.", code="decision_required"
        )
    step = _current_step(dossier)
    if step is not None and step.role in access.DECISION_ROLES:
        raise InvalidInput(
            f"Hồ sơ {dossier} đang chờ ý kiến của lãnh đạo ở bước «{step.name}».", code="decision_required"
        )
    _require_closing_actor(actor, dossier, step, "ghi nhận kết quả")
    upload: tuple[str, str, bytes] | None = None
    if result is not None:
        clean, ctype = _file_check(
            actor, dossier, name=result[0], content=result[1], document=None, kind=FileKind.RESULT
        )
        upload = (clean, ctype, result[1])
    elif notice_if_missing and not DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT).exists():
        notice = pdf_office.result_pdf(dossier, day=_local_day(at))
        upload = (f"ket-qua-{dossier.code}.pdf", "application/pdf", notice)
    issued = _result_issue(dossier, actor=actor, at=at)
    new_step = None
    if step is not None:
        new_step = _advance(
            dossier, step, actor=actor, at=at, result=StepResult.FINISHED, note=note, assignee=assignee
        )
    dossier.finished_at = at
    dossier.status = S.FINISHED
    dossier.current_step = new_step
    _write(dossier, ["finished_at", "status", "current_step"])
    assert dossier.due_at is not None
    timeliness = worktime.classify_finish(at, dossier.due_at)
    _event(
        dossier,
        actor=actor,
        action=EventAction.FINISH,
        at=at,
        from_status=S.PROCESSING,
        to_status=S.FINISHED,
        step=step,
        reason=note,
        data={"outcome": dossier.outcome, "timeliness": str(timeliness), "due_at": dossier.due_at, **issued},
    )
    _audit(
        actor,
        dossier,
        "finish",
        {"status": S.PROCESSING},
        {"status": S.FINISHED, "outcome": dossier.outcome, "timeliness": str(timeliness), **issued},
    )
    if upload is not None:
        name, ctype, content = upload
        record = _file_stored(
            actor,
            dossier,
            document=None,
            kind=FileKind.RESULT,
            name=name,
            ctype=ctype,
            content=content,
            at=at,
        )
        _file_save(dossier, record, actor=actor, at=at)
    return dossier


def may_seal(actor: Any, dossier: Dossier) -> bool:
    """May ``actor`` apply the agency's signature to the dossier's result: the records clerk of the
    department (``signing.ca.seal_role``, as ``agency_credentials`` checks)."""
    return seal_role(actor, agency_department(dossier.agency)) is not None


def _result_issue(dossier: Dossier, *, actor: Any, at: dt.datetime) -> dict[str, Any]:
    """At «có kết quả»: the result the leader signed at the decision is issued. When ``actor`` is the
    department's records clerk the agency's signature (its seal) is added to it (``_result_seal``);
    anyone else who may record the result (the one-stop clerk of a process without a records-clerk
    step) issues it with the leader's signature only (decision 0010). Returns what the «có kết quả»
    event and audit entry record; nothing when there is no signed result."""
    record = (
        DossierFile.objects.select_for_update()
        .filter(dossier=dossier, kind=FileKind.RESULT, signed_at__isnull=False, sealed_at__isnull=True)
        .order_by("-id")
        .first()
    )
    if record is None:
        return {}
    signed_sha256 = record.sha256
    sealed = may_seal(actor, dossier)
    if sealed:
        _result_seal(dossier, record, actor=actor, at=at)
    return {
        "result_file": record.pk,
        "result_sha256": record.sha256,
        "signed_sha256": signed_sha256,
        "agency_signature": sealed,
    }


def _result_seal(dossier: Dossier, record: DossierFile, *, actor: Any, at: dt.datetime) -> None:
    """Add the agency's signature to the leader-signed ``record``, as documents does at issue: a second
    incremental update signed with the agency's certificate (only its records clerk may use it:
    ``NotAllowed`` for anyone else), the seal over the left third of the leader's signature image.
    The leader-signed file stays in storage as it is (``signed_file``, ``signed_sha256``); the issued
    file, which begins with its bytes, becomes the record's ``file`` with its own SHA-256, written in
    the caller's transaction (a rollback deletes it and the row still names the leader-signed file)."""
    from tinhso.core.context_processors import province_name

    department = agency_department(dossier.agency)
    with record.file.open("rb") as handle:
        signed = bytes(handle.read())
    if hashlib.sha256(signed).hexdigest() != record.sha256:
        raise Conflict(
            "Tệp kết quả đã ký số không còn nguyên vẹn (mã băm SHA-256 khác khi ký): không phát hành được.",
            code="signed_file_changed",
        )
    reason = f"Phát hành kết quả giải quyết hồ sơ {dossier.code}"
    issued = sign_pdf(
        signed, actor, reason, province_name(), at=at, placement=seal_placement(signed), agency=department
    )
    if not issued.startswith(signed):  # pragma: no cover - sign_pdf appends an incremental update
        raise Conflict("Chữ ký số của cơ quan làm thay đổi tệp đã ký.", code="signed_file_changed")
    before = {"sha256": record.sha256, "size": record.size}
    record.signed_file = record.file.name  # the same stored bytes, named a second time
    record.signed_sha256 = record.sha256
    uploads.store_in_transaction(record, f"phat-hanh-{record.original_name}", issued)
    record.sha256 = hashlib.sha256(issued).hexdigest()
    record.size = len(issued)
    record.sealed_by = actor
    record.sealed_at = at
    record.save(
        update_fields=["file", "sha256", "size", "signed_file", "signed_sha256", "sealed_by", "sealed_at"]
    )
    after = {
        "dossier": dossier.pk,
        "sha256": record.sha256,
        "size": record.size,
        "signed_sha256": record.signed_sha256,
        "agency": department.code,
    }
    audit_record(actor=actor, action="onestop.result.seal", obj=record, before=before, after=after)


def _close_open_steps(dossier: Dossier, *, actor: Any, at: dt.datetime, result: str, note: str = "") -> None:
    for step in DossierStep.objects.filter(dossier=dossier, finished_at__isnull=True):
        _finish_step(step, actor=actor, at=at, result=result, note=note)


@transaction.atomic
def dossier_return(
    *,
    actor: Any,
    dossier: Dossier,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """9 → 10 Đã trả kết quả: the result is handed to the applicant."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.FINISHED], "trả kết quả")
    step = _current_step(dossier)
    _require_closing_actor(actor, dossier, step, "trả kết quả")
    _close_open_steps(dossier, actor=actor, at=at, result=StepResult.FINISHED, note=note)
    dossier.returned_at = at
    dossier.status = S.RETURNED
    dossier.current_step = None
    _write(dossier, ["returned_at", "status", "current_step"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.RETURN,
        at=at,
        from_status=S.FINISHED,
        to_status=S.RETURNED,
        step=step,
        reason=note,
    )
    _audit(actor, dossier, "return", {"status": S.FINISHED}, {"status": S.RETURNED})
    return dossier


@transaction.atomic
def dossier_apologize(
    *,
    actor: Any,
    dossier: Dossier,
    new_promised_at: dt.datetime,
    reason: str,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Form 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả: at least one working day before the due time,
    at most once per dossier. The legal due time does not move (statistics still judge by it)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, IN_PROCESS, "xin lỗi, hẹn lại ngày trả kết quả cho")
    if not access.works_in(actor, dossier.agency_id):
        raise NotAllowed(f"Chỉ cán bộ của {dossier.agency} mới được lập phiếu xin lỗi cho hồ sơ này.")
    if dossier.apologized_at is not None:
        raise Conflict(
            f"Hồ sơ {dossier} đã có phiếu xin lỗi và hẹn lại ngày {_fmt(dossier.apologized_at)}; "
            "mỗi hồ sơ chỉ được hẹn lại một lần.",
            code="already_apologized",
        )
    if not reason.strip():
        raise InvalidInput("Cần nêu rõ lý do chậm trả kết quả.", code="missing_reason")
    assert dossier.due_at is not None and dossier.promised_at is not None
    if timezone.is_naive(new_promised_at):
        raise ValueError("Ngày hẹn mới phải có múi giờ (aware datetime).")
    if worktime.working_time_between(at, dossier.due_at) < ONE_WORKING_DAY:
        raise InvalidInput(
            f"Phiếu xin lỗi phải được lập chậm nhất trước 01 ngày làm việc so với hạn trả kết quả "
            f"({_fmt(dossier.due_at)}).",
            code="too_late_to_apologize",
        )
    if new_promised_at <= dossier.promised_at:
        raise InvalidInput(
            f"Ngày hẹn mới phải sau ngày hẹn hiện tại ({_fmt(dossier.promised_at)}).", code="invalid_date"
        )
    old = dossier.promised_at
    dossier.promised_at = new_promised_at
    dossier.apologized_at = at
    _write(dossier, ["promised_at", "apologized_at"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.APOLOGIZE,
        at=at,
        reason=reason.strip(),
        data={"old_promised_at": old, "new_promised_at": new_promised_at, "due_at": dossier.due_at},
    )
    _audit(actor, dossier, "apologize", {"promised_at": old}, {"promised_at": new_promised_at})
    return dossier


@transaction.atomic
def dossier_withdraw_request(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """The applicant asks to withdraw (the clerk may record a written request made at the desk)."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_owner_or_clerk(actor, dossier, "yêu cầu rút")
    _require_status(dossier, OPEN, "yêu cầu rút")
    if dossier.withdraw_requested_at is not None:
        raise Conflict(
            f"Hồ sơ {dossier} đã có yêu cầu rút, đang chờ cơ quan xử lý.", code="already_requested"
        )
    if not reason.strip():
        raise InvalidInput("Cần nêu lý do rút hồ sơ.", code="missing_reason")
    dossier.withdraw_requested_at = at
    _write(dossier, ["withdraw_requested_at"])
    _event(dossier, actor=actor, action=EventAction.WITHDRAW_REQUEST, at=at, reason=reason.strip())
    _audit(actor, dossier, "withdraw_request", {}, {"withdraw_requested_at": at})
    return dossier


@transaction.atomic
def dossier_withdraw(
    *,
    actor: Any,
    dossier: Dossier,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """→ 7 Công dân yêu cầu rút hồ sơ: the agency accepts the applicant's withdrawal request."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    if not (
        access.has_dossier_role(actor, {Role.CLERK}, dossier.agency_id)
        or access.leads(actor, dossier.agency_id)
    ):
        raise NotAllowed(f"Chỉ cán bộ một cửa hoặc lãnh đạo của {dossier.agency} mới được cho rút hồ sơ.")
    _require_status(dossier, OPEN, "rút")
    if dossier.withdraw_requested_at is None:
        raise InvalidInput(f"Hồ sơ {dossier} chưa có yêu cầu rút của người nộp.", code="no_request")
    return _close(dossier, actor=actor, at=at, to=S.WITHDRAWN, action=EventAction.WITHDRAW, reason=note)


@transaction.atomic
def dossier_stop(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """→ 8 Dừng xử lý, by a leader of the agency, with the reason."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    if not access.leads(actor, dossier.agency_id):
        raise NotAllowed(f"Chỉ lãnh đạo của {dossier.agency} mới được dừng xử lý hồ sơ.")
    _require_status(dossier, IN_PROCESS, "dừng xử lý")
    if not reason.strip():
        raise InvalidInput("Cần nêu rõ lý do dừng xử lý hồ sơ.", code="missing_reason")
    return _close(dossier, actor=actor, at=at, to=S.STOPPED, action=EventAction.STOP, reason=reason.strip())


def _close(dossier: Dossier, *, actor: Any, at: dt.datetime, to: int, action: str, reason: str) -> Dossier:
    from_status = dossier.status
    _close_open_steps(dossier, actor=actor, at=at, result=StepResult.CANCELLED, note=reason)
    dossier.status = to
    dossier.closed_at = at
    dossier.paused_at = None
    dossier.current_step = None
    dossier.outcome_note = reason
    _write(dossier, ["status", "closed_at", "paused_at", "current_step", "outcome_note"])
    _event(dossier, actor=actor, action=action, at=at, from_status=from_status, to_status=to, reason=reason)
    _audit(actor, dossier, action, {"status": from_status}, {"status": to})
    return dossier


# --------------------------------------------------------------------------------------------------
# financial obligation (status 6)

MAX_PAYMENT_AMOUNT = 100_000_000_000  # VND; VNPay carries the amount × 100 in a 64-bit integer


def _require_processing_officer(actor: Any, dossier: Dossier, verb: str) -> DossierStep | None:
    """The officer of the current step, or the one-stop clerk of the agency."""
    step = _current_step(dossier)
    if not access.has_dossier_role(actor, {Role.CLERK}, dossier.agency_id):
        if step is None:
            raise NotAllowed(f"Bạn không có quyền {verb} cho hồ sơ này.")
        _require_step_actor(actor, dossier, step)
    return step


@transaction.atomic
def dossier_request_payment(
    *,
    actor: Any,
    dossier: Dossier,
    amount: int | None = None,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """4 → 6 Yêu cầu thực hiện nghĩa vụ tài chính: the officer of the current step (or the clerk) asks
    the applicant to pay ``amount`` đồng — by default the fee of the procedure version the dossier was
    received under. The event of this request is the obligation: the applicant pays it online
    (``payments.services.payment_start``) and the confirmed IPN brings the dossier back to 4
    (``dossier_payment_confirm``). The legal clock keeps running (domain.md stops it only for a
    supplement), so the due time does not move."""
    at = _now(at)
    dossier = _lock(dossier, expected_version)
    _require_status(dossier, [S.PROCESSING], "yêu cầu thực hiện nghĩa vụ tài chính")
    step = _require_processing_officer(actor, dossier, "yêu cầu thực hiện nghĩa vụ tài chính")
    if amount is None:
        amount = dossier.procedure_version.fee
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidInput(
            "Số tiền phải nộp phải là số nguyên dương (đồng); thủ tục này chưa có mức phí, lệ phí.",
            code="invalid_amount",
        )
    if amount > MAX_PAYMENT_AMOUNT:
        raise InvalidInput(
            "Số tiền phải nộp vượt quá mức cho phép của cổng thanh toán.", code="invalid_amount"
        )
    if dossier.applicant_id is None:
        raise InvalidInput(
            f"Hồ sơ {dossier} không có tài khoản người nộp nên không thể thanh toán trực tuyến; "
            "vui lòng thu phí, lệ phí tại Bộ phận một cửa.",
            code="no_applicant_account",
        )
    note = note.strip()
    dossier.status = S.PAYMENT
    _write(dossier, ["status"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.REQUEST_PAYMENT,
        at=at,
        from_status=S.PROCESSING,
        to_status=S.PAYMENT,
        step=step,
        reason=note,
        data={"amount": amount},
    )
    _audit(
        actor, dossier, "request_payment", {"status": S.PROCESSING}, {"status": S.PAYMENT, "amount": amount}
    )
    return dossier


def dossier_payment_obligation(dossier: Dossier) -> DossierEvent | None:
    """The open obligation of a dossier in status 6: its latest payment request event."""
    if dossier.status != S.PAYMENT:
        return None
    return (
        DossierEvent.objects.filter(dossier=dossier, action=EventAction.REQUEST_PAYMENT)
        .order_by("-at", "-id")
        .first()
    )


@transaction.atomic
def dossier_payment_confirm(
    *,
    dossier: Dossier,
    obligation: DossierEvent,
    amount: int,
    data: dict[str, Any],
    actor: Any = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """6 → 4: the payment gateway confirmed that the applicant paid ``obligation`` (called by
    ``payments.services.payment_confirm_ipn`` inside its transaction; ``actor`` None = the system).
    The step that asked for the payment continues; the clock was not stopped."""
    at = _now(at)
    dossier = _lock(dossier, None)
    _require_status(dossier, [S.PAYMENT], "ghi nhận thanh toán")
    current = dossier_payment_obligation(dossier)
    if current is None or current.pk != obligation.pk:
        raise Conflict(f"Yêu cầu thực hiện nghĩa vụ tài chính này của hồ sơ {dossier} không còn hiệu lực.")
    if amount != obligation.data.get("amount"):
        raise InvalidInput("Số tiền đã nộp không khớp với số tiền phải nộp.", code="invalid_amount")
    dossier.status = S.PROCESSING
    _write(dossier, ["status"])
    _event(
        dossier,
        actor=actor,
        action=EventAction.PAY,
        at=at,
        from_status=S.PAYMENT,
        to_status=S.PROCESSING,
        step=dossier.current_step,
        data={"amount": amount, "obligation": obligation.pk, **data},
    )
    _audit(actor, dossier, "pay", {"status": S.PAYMENT}, {"status": S.PROCESSING, "amount": amount, **data})
    return dossier


# --------------------------------------------------------------------------------------------------
# files


def _file_check(
    actor: Any, dossier: Dossier, *, name: str, content: bytes, document: ProcedureDocument | None, kind: str
) -> tuple[str, str]:
    """The checks of ``dossier_file_add`` (who may attach what to this dossier now; the bytes judged
    by ``uploads.content_type_of``): returns the clean name and the content type."""
    if kind not in FileKind.values:
        raise InvalidInput("Loại tệp không hợp lệ.")
    if _is_owner(actor, dossier) and dossier.channel == Channel.ONLINE:
        _require_status(dossier, [S.DRAFT, S.SUPPLEMENT], "đính kèm tệp cho")
        if kind not in (FileKind.APPLICATION, FileKind.SUPPLEMENT):
            raise NotAllowed("Bạn chỉ được đính kèm thành phần hồ sơ hoặc hồ sơ bổ sung.")
    elif access.works_in(actor, dossier.agency_id):
        if dossier.status in (S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED, S.RETURNED):
            _require_status(dossier, [], "đính kèm tệp cho")
    else:
        raise NotAllowed("Bạn không có quyền đính kèm tệp cho hồ sơ này.")
    if document is not None and document.version_id != dossier.procedure_version_id:
        raise InvalidInput("Thành phần hồ sơ không thuộc thủ tục của hồ sơ này.")
    if not content:
        raise InvalidInput("Tệp rỗng.", code="empty_file")
    if len(content) > MAX_FILE_SIZE:
        raise InvalidInput(f"Tệp quá lớn: tối đa {MAX_FILE_SIZE // (1024 * 1024)} MB.", code="file_too_large")
    ctype = uploads.content_type_of(content)
    if ctype is None:
        raise InvalidInput(
            "Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX (kiểm tra theo nội dung tệp).", code="file_type"
        )
    return uploads.name_for(name, ctype), ctype


def _file_stored(
    actor: Any,
    dossier: Dossier,
    *,
    document: ProcedureDocument | None,
    kind: str,
    name: str,
    ctype: str,
    content: bytes,
    at: dt.datetime,
) -> DossierFile:
    """The file's row (not saved yet) with its bytes already in storage — deleted again if this
    transaction (or the caller's) rolls back (``uploads.store_in_transaction``)."""
    record = DossierFile(
        dossier=dossier,
        document=document,
        kind=kind,
        original_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content_type=ctype,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=at,
    )
    uploads.store_in_transaction(record, name, content)
    return record


def _file_event(dossier: Dossier, record: DossierFile, *, actor: Any, at: dt.datetime) -> DossierEvent:
    return _event_row(
        dossier,
        actor=actor,
        action=EventAction.FILE_ADD,
        at=at,
        data={
            "file": record.pk,
            "document": record.document_id,
            "kind": record.kind,
            "sha256": record.sha256,
        },
    )


def _file_save(
    dossier: Dossier,
    record: DossierFile,
    *,
    actor: Any,
    at: dt.datetime,
    action: str = "onestop.file.add",
    details: dict[str, Any] | None = None,
) -> None:
    """Save a stored file's row with its «đính kèm tệp» event and its audit entry."""
    record.save(force_insert=True)
    _file_event(dossier, record, actor=actor, at=at).save(force_insert=True)
    after = {"dossier": dossier.pk, "sha256": record.sha256, "size": record.size, **(details or {})}
    audit_record(actor=actor, action=action, obj=record, after=after)


@transaction.atomic
def dossier_file_add(
    *,
    actor: Any,
    dossier: Dossier,
    name: str,
    content: bytes,
    document: ProcedureDocument | None = None,
    kind: str = FileKind.APPLICATION,
    at: dt.datetime | None = None,
) -> DossierFile:
    """Attach a file (PDF, JPEG, PNG, DOCX, XLSX checked by content with ``uploads.content_type_of``,
    at most 20 MB). The applicant attaches to a draft or a requested supplement; staff attach scans and
    results. The stored bytes follow the transaction: when it rolls back — here or in the caller —
    the file is deleted from storage (``uploads.store_in_transaction``)."""
    at = _now(at)
    dossier = _lock(dossier, None)
    clean, ctype = _file_check(actor, dossier, name=name, content=content, document=document, kind=kind)
    record = _file_stored(
        actor, dossier, document=document, kind=kind, name=clean, ctype=ctype, content=content, at=at
    )
    _write(dossier, [])
    _file_save(dossier, record, actor=actor, at=at)
    return record
