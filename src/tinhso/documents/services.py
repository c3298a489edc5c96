"""Every write of the official documents: outgoing drafts, submission, signature with numbering,
issue; incoming registration, assignment, handling.

Outgoing (``OutgoingStatus``)::

    draft ──submit──▶ submitted ──sign──▶ signed ──issue──▶ issued
      ▲                  │
      └─────return───────┘

``outgoing_sign`` locks the document, then the agency's outgoing sequence of the year
(``NumberSequence``, ``select_for_update``; always in this order), renders the PDF with its number
and date (or takes the uploaded draft), signs it with the signer's certificate and stores the signed
bytes with their SHA-256, all in one transaction: a signature that fails rolls the number back, so
the register's numbers stay contiguous from 01 each year. The signature is visible (Decree 30
Appendix I): the signer's signature image between their title and name on the generated layout, or at
the bottom right of the last page of an uploaded draft.

``outgoing_issue`` (the records clerk) adds the agency's own signature, its seal overlapping the
leader's signature image, as an incremental update of the leader-signed file: the leader's signed
bytes are kept (``signed_pdf`` and its SHA-256) and the issued file is stored beside them
(``issued_pdf``, ``issued_sha256``). Each transition appends its audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotFound
from tinhso.core.filestore import store_field_in_transaction
from tinhso.core.vntext import search_text
from tinhso.documents import access
from tinhso.documents.models import (
    DocType,
    IncomingChannel,
    IncomingDocument,
    IncomingStatus,
    NumberSequence,
    OutgoingDocument,
    OutgoingStatus,
    SequenceKind,
)
from tinhso.documents.pdf import outgoing_pdf_to_sign
from tinhso.org.models import Agency
from tinhso.org.selectors import agency_department, agency_subtree_ids
from tinhso.signing.ca import signing_role
from tinhso.signing.pdf import default_placement, ensure_pdf, seal_placement, sign_pdf

SUMMARY_MAX = 500
BODY_MAX = 50_000
PDF_MAX = 20 * 1024 * 1024
OUTGOING_FIELDS = ("doc_type", "summary", "body", "recipients", "copies", "note")


# --- helpers -------------------------------------------------------------------------------------
def _now(at: dt.datetime | None) -> dt.datetime:
    if at is not None and timezone.is_naive(at):
        raise ValueError("Chỉ nhận thời điểm có múi giờ.")
    return at or timezone.now()


def local_date(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def document_department(agency: Agency) -> Agency:
    """Documents belong to a department (a Sở, a UBND): a division's draft is its department's."""
    return agency_department(agency)


def document_symbol(agency: Agency, doc_type: str, drafting_unit: Agency | None) -> str:
    """``QĐ-STTTT``; a công văn carries the agency and the drafting unit: ``STTTT-VP``."""
    base = agency.symbol or agency.short_name or agency.code
    if doc_type == DocType.OFFICIAL_LETTER:
        if drafting_unit is not None and drafting_unit.symbol and drafting_unit.pk != agency.pk:
            return drafting_unit.symbol
        return base
    return f"{doc_type}-{base}"


def next_number(*, agency: Agency, year: int, kind: str) -> int:
    """The next number of ``agency``'s ``kind`` register in ``year``, the sequence row locked until the
    caller's transaction ends (call inside ``transaction.atomic``)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number phải được gọi trong một giao dịch.")
    query = NumberSequence.objects.select_for_update().filter(agency=agency, year=year, kind=kind)
    sequence = query.first()
    if sequence is None:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(agency=agency, year=year, kind=kind, last=0)
        except IntegrityError:
            pass  # another transaction created it first: lock theirs
        sequence = query.get()
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_pdf(data: bytes | None) -> None:
    if data is None:
        return
    if len(data) > PDF_MAX:
        raise InvalidInput("Tệp PDF lớn quá 20 MB.", code="file_too_large")
    ensure_pdf(data)


def _clean_outgoing(values: Mapping[str, Any]) -> dict[str, Any]:
    errors: list[str] = []
    doc_type = str(values.get("doc_type") or "")
    summary = " ".join(str(values.get("summary") or "").split())
    body = str(values.get("body") or "").replace("\r\n", "\n").strip()
    recipients = "\n".join(
        line.strip() for line in str(values.get("recipients") or "").splitlines() if line.strip()
    )
    note = str(values.get("note") or "").strip()
    try:
        copies = int(values.get("copies") or 1)
    except (TypeError, ValueError):
        copies = 0
    if doc_type not in DocType.values:
        errors.append("Loại văn bản không hợp lệ.")
    if not summary:
        errors.append("Trích yếu không được để trống.")
    elif len(summary) > SUMMARY_MAX:
        errors.append(f"Trích yếu dài quá {SUMMARY_MAX} ký tự.")
    if len(body) > BODY_MAX:
        errors.append("Nội dung dài quá 50.000 ký tự.")
    if not recipients:
        errors.append("Cần ghi ít nhất một nơi nhận.")
    if not 1 <= copies <= 999:
        errors.append("Số lượng bản phải từ 1 đến 999.")
    if len(note) > 255:
        errors.append("Ghi chú dài quá 255 ký tự.")
    if errors:
        raise InvalidInput(" ".join(errors), code="invalid_document")
    return dict(
        doc_type=doc_type, summary=summary, body=body, recipients=recipients, copies=copies, note=note
    )


def _out_search(doc: OutgoingDocument) -> str:
    return search_text(
        doc.number_symbol, doc.summary, doc.recipients, doc.signer_name, DocType(doc.doc_type).label
    )


def _in_search(doc: IncomingDocument) -> str:
    return search_text(
        doc.number, doc.original_number, doc.sender_name, doc.summary, DocType(doc.doc_type).label
    )


def _out_snapshot(doc: OutgoingDocument) -> dict[str, Any]:
    return {
        "status": doc.status,
        "doc_type": doc.doc_type,
        "summary": doc.summary,
        "number": doc.number,
        "symbol": doc.symbol,
        "year": doc.year,
        "issued_on": doc.issued_on,
        "signer": doc.signer_id,
        "signed_sha256": doc.signed_sha256,
        "issued_sha256": doc.issued_sha256,
    }


def _in_snapshot(doc: IncomingDocument) -> dict[str, Any]:
    return {
        "status": doc.status,
        "number": doc.number,
        "year": doc.year,
        "handling_unit": doc.handling_unit_id,
        "handler": doc.handler_id,
        "due_on": doc.due_on,
        "handling_note": doc.handling_note,
    }


def _audit(
    *, actor: Any, action: str, obj: Any, before: dict[str, Any], after: dict[str, Any], at: Any
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after={k: v for k, v in after.items() if before.get(k) != v},
        at=at,
    )


def _locked_out(document: OutgoingDocument) -> OutgoingDocument:
    try:
        return (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("agency", "agency__parent", "drafting_unit")
            .get(pk=document.pk)
        )
    except OutgoingDocument.DoesNotExist as exc:
        raise NotFound("Không tìm thấy văn bản đi.", code="document_not_found") from exc


def _locked_in(document: IncomingDocument) -> IncomingDocument:
    try:
        return (
            IncomingDocument.objects.select_for_update(of=("self",))
            .select_related("agency")
            .get(pk=document.pk)
        )
    except IncomingDocument.DoesNotExist as exc:
        raise NotFound("Không tìm thấy văn bản đến.", code="document_not_found") from exc


def _expect(current: str, allowed: tuple[str, ...], label: str, what: str) -> None:
    if current not in allowed:
        raise Conflict(f"Không thể {what}: văn bản đang ở trạng thái «{label}».", code="invalid_state")


def _open_out(
    actor: Any,
    document: OutgoingDocument,
    *,
    allowed: Callable[[Any, OutgoingDocument], bool],
    refusal: str,
    states: tuple[str, ...],
    what: str,
    code: str = "forbidden",
    system_allowed: bool = True,
) -> tuple[OutgoingDocument, dict[str, Any]]:
    """The start of an outgoing transition, inside its transaction: lock the row, check the reader's
    agency, the actor's role (``actor=None`` is the system unless ``system_allowed`` is False) and the
    state; return the locked document and its snapshot before the change."""
    doc = _locked_out(document)
    access.ensure_read(actor, doc.agency)
    if actor is None:
        access.ensure(system_allowed, refusal, code=code)
    else:
        access.ensure(allowed(actor, doc), refusal, code=code)
    _expect(doc.status, states, doc.get_status_display(), what)
    return doc, _out_snapshot(doc)


def _may_submit(actor: Any, doc: OutgoingDocument) -> bool:
    return access.can_submit(actor, doc.agency, doc.drafter_id)


# --- outgoing ------------------------------------------------------------------------------------
def outgoing_create(
    *,
    actor: Any,
    agency: Agency,
    doc_type: str,
    summary: str,
    recipients: str,
    body: str = "",
    copies: int = 1,
    note: str = "",
    drafting_unit: Agency | None = None,
    draft_pdf: bytes | None = None,
    at: dt.datetime | None = None,
) -> OutgoingDocument:
    """A new draft of ``agency`` (a department). ``drafting_unit``: a division of it (for the symbol
    of a công văn and the copy kept); ``draft_pdf``: an uploaded draft, signed as it is."""
    agency = document_department(agency)
    if actor is not None:
        access.ensure(access.can_draft(actor, agency), "Bạn không có quyền soạn văn bản của cơ quan này.")
    values = _clean_outgoing(
        dict(doc_type=doc_type, summary=summary, body=body, recipients=recipients, copies=copies, note=note)
    )
    if drafting_unit is not None and drafting_unit.pk not in agency_subtree_ids(agency):
        raise InvalidInput("Đơn vị soạn thảo phải thuộc cơ quan ban hành.", code="invalid_unit")
    if draft_pdf is None and not values["body"]:
        raise InvalidInput("Cần nhập nội dung văn bản hoặc tải lên tệp dự thảo PDF.", code="invalid_document")
    _check_pdf(draft_pdf)
    now = _now(at)
    with transaction.atomic():
        doc = OutgoingDocument(
            agency=agency,
            drafting_unit=drafting_unit,
            drafter=actor,
            status=OutgoingStatus.DRAFT,
            symbol=document_symbol(agency, values["doc_type"], drafting_unit),
            created_at=now,
            updated_at=now,
            **values,
        )
        if draft_pdf is not None:
            store_field_in_transaction(doc.draft_pdf, f"du-thao-{uuid.uuid4().hex}.pdf", draft_pdf)
        doc.search_text = _out_search(doc)
        doc.save(force_insert=True)
        audit_record(
            actor=actor,
            action="outgoing.create",
            obj=doc,
            after={**_out_snapshot(doc), "agency": agency.pk, "draft_pdf": bool(draft_pdf)},
            at=now,
        )
    return doc


def outgoing_update(
    *, actor: Any, document: OutgoingDocument, changes: Mapping[str, Any], at: dt.datetime | None = None
) -> OutgoingDocument:
    """Change the text of a draft (its drafter, or anyone who may submit it)."""
    unknown = sorted(set(changes) - set(OUTGOING_FIELDS))
    if unknown:
        raise InvalidInput(f"Không được sửa trường: {', '.join(unknown)}.", code="invalid_field")
    now = _now(at)
    with transaction.atomic():
        doc, before = _open_out(
            actor,
            document,
            allowed=_may_submit,
            refusal="Bạn không được sửa dự thảo này.",
            states=(OutgoingStatus.DRAFT,),
            what="sửa",
        )
        values = _clean_outgoing({**{f: getattr(doc, f) for f in OUTGOING_FIELDS}, **changes})
        for name, value in values.items():
            setattr(doc, name, value)
        doc.symbol = document_symbol(doc.agency, doc.doc_type, doc.drafting_unit)
        doc.updated_at = now
        doc.search_text = _out_search(doc)
        doc.save(update_fields=[*OUTGOING_FIELDS, "symbol", "updated_at", "search_text"])
        _audit(
            actor=actor, action="outgoing.update", obj=doc, before=before, after=_out_snapshot(doc), at=now
        )
    return doc


def outgoing_submit(
    *, actor: Any, document: OutgoingDocument, at: dt.datetime | None = None
) -> OutgoingDocument:
    now = _now(at)
    with transaction.atomic():
        doc, before = _open_out(
            actor,
            document,
            allowed=_may_submit,
            refusal="Chỉ người soạn thảo, trưởng phòng hoặc văn thư mới trình ký văn bản này.",
            states=(OutgoingStatus.DRAFT,),
            what="trình ký",
        )
        doc.status = OutgoingStatus.SUBMITTED
        doc.submitted_at = doc.updated_at = now
        doc.save(update_fields=["status", "submitted_at", "updated_at"])
        _audit(
            actor=actor, action="outgoing.submit", obj=doc, before=before, after=_out_snapshot(doc), at=now
        )
    return doc


def outgoing_return(
    *, actor: Any, document: OutgoingDocument, reason: str, at: dt.datetime | None = None
) -> OutgoingDocument:
    """The signer sends the draft back to be reworked (``reason`` is kept in the audit log)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Cần ghi lý do trả lại.", code="reason_required")
    now = _now(at)
    with transaction.atomic():
        doc, before = _open_out(
            actor,
            document,
            allowed=lambda a, d: access.can_sign(a, d.agency),
            refusal="Chỉ người có thẩm quyền ký mới trả lại dự thảo.",
            states=(OutgoingStatus.SUBMITTED,),
            what="trả lại",
        )
        doc.status = OutgoingStatus.DRAFT
        doc.updated_at = now
        doc.save(update_fields=["status", "updated_at"])
        after = {**_out_snapshot(doc), "reason": reason[:500]}
        _audit(actor=actor, action="outgoing.return", obj=doc, before=before, after=after, at=now)
    return doc


def outgoing_sign(
    *, actor: Any, document: OutgoingDocument, at: dt.datetime | None = None
) -> OutgoingDocument:
    """Sign a submitted document as ``actor`` (director or deputy director of its agency), give it the
    next number of the year and store the signed PDF byte for byte."""
    from tinhso.core.context_processors import province_name

    now = _now(at)
    with transaction.atomic():
        doc, before = _open_out(
            actor,
            document,
            allowed=lambda a, d: access.can_sign(a, d.agency),
            refusal="Chỉ Giám đốc, Phó Giám đốc của cơ quan mới được ký văn bản này.",
            states=(OutgoingStatus.SUBMITTED,),
            what="ký",
            code="not_a_signer",
            system_allowed=False,  # a signature needs a person's certificate
        )
        role = signing_role(actor)
        assert role is not None  # can_sign above
        day = local_date(now)
        doc.year = day.year
        doc.number = next_number(agency=doc.agency, year=day.year, kind=SequenceKind.OUTGOING)
        doc.issued_on = day
        doc.signer = actor
        doc.signer_name = actor.full_name or actor.get_username()
        doc.signer_title = role.title or role.get_role_display()
        if doc.draft_pdf:
            with doc.draft_pdf.open("rb") as handle:
                unsigned = handle.read()
            placement = default_placement(unsigned)
        else:
            unsigned, placement = outgoing_pdf_to_sign(
                doc,
                number_symbol=doc.number_symbol,
                issued_on=day,
                signer_name=doc.signer_name,
                signer_role=role.role,
                signer_title=doc.signer_title,
            )
        province = province_name()
        reason = f"Ban hành văn bản số {doc.number_symbol} ngày {day:%d/%m/%Y}"
        signed = sign_pdf(unsigned, actor, reason, province, at=now, placement=placement)
        store_field_in_transaction(
            doc.signed_pdf, f"{doc.year}-{doc.number:04d}-{uuid.uuid4().hex[:8]}.pdf", signed
        )
        doc.signed_sha256 = _sha256(signed)
        doc.signed_at = doc.updated_at = now
        doc.status = OutgoingStatus.SIGNED
        doc.search_text = _out_search(doc)
        doc.save(
            update_fields=[
                "status", "year", "number", "issued_on", "signer", "signer_name", "signer_title",
                "signed_pdf", "signed_sha256", "signed_at", "updated_at", "search_text",
            ]
        )  # fmt: skip
        _audit(actor=actor, action="outgoing.sign", obj=doc, before=before, after=_out_snapshot(doc), at=now)
    return doc


def outgoing_issue(
    *, actor: Any, document: OutgoingDocument, keeping_unit: str = "", at: dt.datetime | None = None
) -> OutgoingDocument:
    """The document clerk sends the signed document to its recipients (phát hành). A digitally signed
    document gets the agency's signature first (its seal, the agency's certificate, which only the
    clerk may use): the leader-signed file is kept as it is and the issued file is stored beside it."""
    from tinhso.core.context_processors import province_name

    now = _now(at)
    with transaction.atomic():
        doc, before = _open_out(
            actor,
            document,
            allowed=lambda a, d: access.can_clerk(a, d.agency),
            refusal="Chỉ văn thư cơ quan mới phát hành văn bản.",
            states=(OutgoingStatus.SIGNED,),
            what="phát hành",
            system_allowed=not document.signed_pdf,  # the agency's signature needs its clerk
        )
        fields = ["status", "sent_at", "updated_at", "keeping_unit"]
        if doc.signed_pdf:
            with doc.signed_pdf.open("rb") as handle:
                signed = handle.read()
            if _sha256(signed) != doc.signed_sha256:
                raise Conflict(
                    "Tệp đã ký số không còn nguyên vẹn (mã băm SHA-256 khác khi ký): không phát hành được.",
                    code="signed_file_changed",
                )
            reason = f"Phát hành văn bản số {doc.number_symbol}"
            issued = sign_pdf(
                signed,
                actor,
                reason,
                province_name(),
                at=now,
                placement=seal_placement(signed),
                agency=doc.agency,
            )
            store_field_in_transaction(
                doc.issued_pdf, f"{doc.year}-{doc.number:04d}-phat-hanh-{uuid.uuid4().hex[:8]}.pdf", issued
            )
            doc.issued_sha256 = _sha256(issued)
            fields += ["issued_pdf", "issued_sha256"]
        doc.status = OutgoingStatus.ISSUED
        doc.sent_at = doc.updated_at = now
        doc.keeping_unit = (keeping_unit or doc.keeping_unit or "Văn thư").strip()[:120]
        doc.save(update_fields=fields)
        _audit(actor=actor, action="outgoing.issue", obj=doc, before=before, after=_out_snapshot(doc), at=now)
    return doc


# --- incoming ------------------------------------------------------------------------------------
def incoming_register(
    *,
    actor: Any,
    agency: Agency,
    sender_name: str,
    original_number: str,
    original_date: dt.date,
    doc_type: str,
    summary: str,
    received_on: dt.date | None = None,
    sender_code: str = "",
    channel: str = IncomingChannel.PAPER,
    file: bytes | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> IncomingDocument:
    """Enter a received document in ``agency``'s incoming register with the next incoming number."""
    agency = document_department(agency)
    if actor is not None:
        access.ensure(access.can_clerk(actor, agency), "Chỉ văn thư cơ quan mới vào sổ văn bản đến.")
    now = _now(at)
    received_on = received_on or local_date(now)
    errors: list[str] = []
    sender_name = " ".join((sender_name or "").split())
    original_number = " ".join((original_number or "").split())
    summary = " ".join((summary or "").split())
    if not sender_name:
        errors.append("Cần ghi cơ quan ban hành.")
    elif len(sender_name) > 255:
        errors.append("Tên cơ quan ban hành dài quá 255 ký tự.")
    if not original_number:
        errors.append("Cần ghi số, ký hiệu văn bản.")
    elif len(original_number) > 60:
        errors.append("Số, ký hiệu dài quá 60 ký tự.")
    if doc_type not in DocType.values:
        errors.append("Loại văn bản không hợp lệ.")
    if not summary:
        errors.append("Trích yếu không được để trống.")
    elif len(summary) > SUMMARY_MAX:
        errors.append(f"Trích yếu dài quá {SUMMARY_MAX} ký tự.")
    if channel not in IncomingChannel.values:
        errors.append("Hình thức nhận không hợp lệ.")
    if not isinstance(original_date, dt.date):
        errors.append("Ngày văn bản không hợp lệ.")
    elif original_date > received_on:
        errors.append("Ngày văn bản không được sau ngày đến.")
    if len(sender_code) > 20:
        errors.append("Mã định danh cơ quan gửi dài quá 20 ký tự.")
    if errors:
        raise InvalidInput(" ".join(errors), code="invalid_document")
    _check_pdf(file)
    with transaction.atomic():
        doc = IncomingDocument(
            agency=agency,
            year=received_on.year,
            number=next_number(agency=agency, year=received_on.year, kind=SequenceKind.INCOMING),
            received_on=received_on,
            sender_name=sender_name,
            sender_code=sender_code,
            original_number=original_number,
            original_date=original_date,
            doc_type=doc_type,
            summary=summary,
            channel=channel,
            registered_by=actor,
            note=note.strip()[:255],
            created_at=now,
        )
        if file is not None:
            store_field_in_transaction(doc.file, f"den-{received_on.year}-{uuid.uuid4().hex}.pdf", file)
            doc.file_sha256 = _sha256(file)
        doc.search_text = _in_search(doc)
        doc.save(force_insert=True)
        audit_record(
            actor=actor,
            action="incoming.register",
            obj=doc,
            after={**_in_snapshot(doc), "agency": agency.pk, "original_number": original_number},
            at=now,
        )
    return doc


def incoming_assign(
    *,
    actor: Any,
    document: IncomingDocument,
    handling_unit: Agency,
    handler: Any = None,
    due_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> IncomingDocument:
    """Send the document to a division of the agency (and optionally one person in it) to handle."""
    now = _now(at)
    with transaction.atomic():
        doc = _locked_in(document)
        access.ensure_read(actor, doc.agency)
        if actor is not None:
            access.ensure(
                access.can_assign(actor, doc.agency),
                "Chỉ lãnh đạo cơ quan hoặc văn thư mới chuyển văn bản đến để xử lý.",
            )
        _expect(
            doc.status,
            (IncomingStatus.REGISTERED, IncomingStatus.ASSIGNED),
            doc.get_status_display(),
            "chuyển xử lý",
        )
        if handling_unit.pk not in agency_subtree_ids(doc.agency):
            raise InvalidInput("Đơn vị xử lý phải thuộc cơ quan nhận văn bản.", code="invalid_unit")
        if handler is not None:
            from tinhso.org.models import StaffRole

            unit_ids = agency_subtree_ids(handling_unit)
            if not StaffRole.objects.filter(user=handler, agency_id__in=unit_ids, is_active=True).exists():
                raise InvalidInput("Người xử lý phải là cán bộ của đơn vị xử lý.", code="invalid_handler")
        if due_on is not None and due_on < doc.received_on:
            raise InvalidInput("Hạn xử lý không được trước ngày đến.", code="invalid_due")
        before = _in_snapshot(doc)
        doc.status = IncomingStatus.ASSIGNED
        doc.handling_unit = handling_unit
        doc.handler = handler
        doc.due_on = due_on
        doc.assigned_at = now
        doc.save(update_fields=["status", "handling_unit", "handler", "due_on", "assigned_at"])
        _audit(actor=actor, action="incoming.assign", obj=doc, before=before, after=_in_snapshot(doc), at=now)
    return doc


def incoming_complete(
    *, actor: Any, document: IncomingDocument, note: str, at: dt.datetime | None = None
) -> IncomingDocument:
    """Record that the assigned document has been handled, with the result."""
    note = (note or "").strip()
    if not note:
        raise InvalidInput("Cần ghi kết quả xử lý.", code="note_required")
    if len(note) > 5000:
        raise InvalidInput("Kết quả xử lý dài quá 5.000 ký tự.", code="note_too_long")
    now = _now(at)
    with transaction.atomic():
        doc = _locked_in(document)
        access.ensure_read(actor, doc.agency)
        if actor is not None:
            unit = doc.handling_unit if doc.handling_unit_id else None
            access.ensure(
                access.can_handle(actor, doc.agency, unit, doc.handler_id),
                "Chỉ người, đơn vị được giao mới ghi kết quả xử lý văn bản này.",
            )
        _expect(doc.status, (IncomingStatus.ASSIGNED,), doc.get_status_display(), "ghi kết quả xử lý")
        before = _in_snapshot(doc)
        doc.status = IncomingStatus.HANDLED
        doc.handled_at = now
        doc.handling_note = note
        doc.save(update_fields=["status", "handled_at", "handling_note"])
        _audit(
            actor=actor, action="incoming.complete", obj=doc, before=before, after=_in_snapshot(doc), at=now
        )
    return doc


def outgoing_record_paper(
    *,
    actor: Any,
    agency: Agency,
    doc_type: str,
    summary: str,
    recipients: str,
    signer: Any,
    issued_on: dt.date,
    copies: int = 1,
    drafting_unit: Agency | None = None,
    keeping_unit: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> OutgoingDocument:
    """The clerk enters a document signed by hand on paper: it takes the next number of the year
    (paper and electronic documents share one sequence) and is issued at once; there is no signed PDF."""
    agency = document_department(agency)
    if actor is not None:
        access.ensure(access.can_clerk(actor, agency), "Chỉ văn thư cơ quan mới vào sổ văn bản đi.")
    if signer is None or not access.can_sign(signer, agency):
        raise InvalidInput("Người ký phải là Giám đốc hoặc Phó Giám đốc của cơ quan.", code="invalid_signer")
    values = _clean_outgoing(
        dict(doc_type=doc_type, summary=summary, body="", recipients=recipients, copies=copies, note=note)
    )
    if drafting_unit is not None and drafting_unit.pk not in agency_subtree_ids(agency):
        raise InvalidInput("Đơn vị soạn thảo phải thuộc cơ quan ban hành.", code="invalid_unit")
    role = signing_role(signer)
    assert role is not None
    now = _now(at)
    with transaction.atomic():
        doc = OutgoingDocument(
            agency=agency,
            drafting_unit=drafting_unit,
            drafter=actor,
            status=OutgoingStatus.ISSUED,
            symbol=document_symbol(agency, values["doc_type"], drafting_unit),
            year=issued_on.year,
            number=next_number(agency=agency, year=issued_on.year, kind=SequenceKind.OUTGOING),
            issued_on=issued_on,
            signer=signer,
            signer_name=signer.full_name or signer.get_username(),
            signer_title=role.title or role.get_role_display(),
            sent_at=now,
            keeping_unit=(keeping_unit or "Văn thư").strip()[:120],
            created_at=now,
            updated_at=now,
            **values,
        )
        doc.search_text = _out_search(doc)
        doc.save(force_insert=True)
        audit_record(
            actor=actor,
            action="outgoing.record_paper",
            obj=doc,
            after={**_out_snapshot(doc), "agency": agency.pk},
            at=now,
        )
    return doc
