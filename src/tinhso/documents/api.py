"""Official documents over the API (``/api/v1/documents/…``): the outgoing and incoming registers and
one document, creating an incoming document or an outgoing draft, and the transitions (submit,
return, sign, issue; assign, complete), edXML export and import — the same services and selectors
as the back-office pages.

Authentication: ``Authorization: Bearer <token>`` (``POST /api/v1/auth/token``) or the back-office
session. Errors are JSON ``{"code": …, "message": …}`` with a Vietnamese message; a document of
another agency answers 404 like one that does not exist.
"""

import base64
import binascii
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from tinhso.accounts.models import User
from tinhso.api.fields import Year
from tinhso.api.pagination import Paging
from tinhso.core.errors import InvalidInput, NotFound
from tinhso.documents import access, edxml, selectors, services, signatures
from tinhso.documents.models import DocType, IncomingDocument, IncomingStatus, OutgoingDocument
from tinhso.onestop.api import bearer
from tinhso.org.models import Agency

router = Router(tags=["Văn bản đi, đến"], auth=[bearer, django_auth])


# --- schemas -------------------------------------------------------------------------------------
class DocumentSignatureOut(Schema):
    valid: bool
    verdict: str
    signer_name: str
    signed_at: dt.datetime | None
    intact: bool
    trusted: bool
    sha256_matches: bool
    kind: str = "person"  # "person": the competent person; "agency": the agency's signature (its seal)
    state: str = ""  # valid, untrusted, changed, unsigned
    signer_organization: str = ""
    field_name: str = ""


class OutgoingItem(Schema):
    id: int
    status: str
    status_label: str
    number: int | None
    number_symbol: str
    year: int | None
    issued_on: dt.date | None
    doc_type: str
    doc_type_label: str
    summary: str
    signer_name: str
    recipients: list[str]
    digitally_signed: bool
    agency_code: str


class OutgoingOut(OutgoingItem):
    body: str
    copies: int
    drafting_unit_code: str | None
    signed_at: dt.datetime | None
    sent_at: dt.datetime | None
    signed_sha256: str
    issued_sha256: str
    signature: DocumentSignatureOut | None  # the last signature (the agency's once issued)
    signatures: list[DocumentSignatureOut]  # every signature, in the order applied


class IncomingItem(Schema):
    id: int
    status: str
    status_label: str
    year: int
    number: int
    received_on: dt.date
    sender_name: str
    sender_code: str
    original_number: str
    original_date: dt.date
    doc_type: str
    summary: str
    channel: str
    handling_unit_code: str | None
    handler: str | None
    due_on: dt.date | None
    agency_code: str


class IncomingOut(IncomingItem):
    handling_note: str
    note: str
    signature: DocumentSignatureOut | None
    signatures: list[DocumentSignatureOut]


class RegisterFilter(Schema):
    year: Year | None = None
    doc_type: str | None = None
    q: str | None = None


class OutgoingFilter(RegisterFilter):
    pending: bool = False


class IncomingFilter(RegisterFilter):
    status: str | None = None


class OutgoingIn(Schema):
    doc_type: str
    summary: str
    recipients: list[str]
    body: str = ""
    copies: int = 1
    drafting_unit_code: str | None = None
    draft_pdf_base64: str | None = None
    agency_code: str | None = None


class IncomingIn(Schema):
    sender_name: str
    original_number: str
    original_date: dt.date
    doc_type: str
    summary: str
    received_on: dt.date | None = None
    sender_code: str = ""
    channel: str = "paper"
    file_base64: str | None = None
    note: str = ""
    agency_code: str | None = None


class ReturnIn(Schema):
    reason: str


class IncomingAssignIn(Schema):
    handling_unit_code: str
    handler_username: str | None = None
    due_on: dt.date | None = None


class CompleteIn(Schema):
    note: str


class EdxmlIn(Schema):
    envelope_base64: str
    received_on: dt.date | None = None
    agency_code: str | None = None


# --- helpers -------------------------------------------------------------------------------------
def _b64(value: str | None, what: str) -> bytes | None:
    if value is None:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(f"{what} không phải base64 hợp lệ.", code="invalid_base64") from exc


def _doc_type(value: str | None) -> str | None:
    if value and value not in DocType.values:
        raise InvalidInput(
            f"Loại văn bản “{value}” không có. Các loại: {', '.join(DocType.values)}.",
            code="invalid_doc_type",
        )
    return value or None


def _agency(user: Any, code: str | None, *, check: Any) -> Agency:
    """The department to act for: ``code`` when given, else the caller's only one that ``check`` allows."""
    departments = [a for a in access.departments(user) if check(user, a)]
    if code:
        for a in departments:
            if a.code == code:
                return a
        raise NotFound(f"Không có cơ quan “{code}” mà bạn được thao tác.", code="agency_not_found")
    if not departments:
        raise NotFound("Bạn không thuộc cơ quan nào được thao tác việc này.", code="agency_not_found")
    return departments[0]


def _unit(agency: Agency, code: str | None) -> Agency | None:
    if not code:
        return None
    unit = Agency.objects.filter(code=code).first()
    if unit is None:
        raise NotFound(f"Không có đơn vị mã “{code}”.", code="unit_not_found")
    return unit


def _signature(view: signatures.SignatureView) -> DocumentSignatureOut:
    check = view.check
    return DocumentSignatureOut(
        valid=view.valid,
        verdict=view.verdict,
        signer_name=check.signer_name,
        signed_at=check.signed_at,
        intact=view.unchanged,
        trusted=check.trusted,
        sha256_matches=view.bytes_ok,
        kind="agency" if check.is_agency else "person",
        state=view.state,
        signer_organization=check.signer_organization,
        field_name=check.field_name,
    )


def _out_item(d: OutgoingDocument) -> OutgoingItem:
    return OutgoingItem(
        id=d.pk,
        status=d.status,
        status_label=str(d.get_status_display()),
        number=d.number,
        number_symbol=d.number_symbol,
        year=d.year,
        issued_on=d.issued_on,
        doc_type=d.doc_type,
        doc_type_label=str(d.get_doc_type_display()),
        summary=d.summary,
        signer_name=d.signer_name,
        recipients=d.recipient_list(),
        digitally_signed=d.digitally_signed,
        agency_code=d.agency.code,
    )


def _out_detail(d: OutgoingDocument) -> OutgoingOut:
    found = [_signature(v) for v in signatures.outgoing_signatures(d)]
    return OutgoingOut(
        **_out_item(d).dict(),
        body=d.body,
        copies=d.copies,
        drafting_unit_code=d.drafting_unit.code if d.drafting_unit else None,
        signed_at=d.signed_at,
        sent_at=d.sent_at,
        signed_sha256=d.signed_sha256,
        issued_sha256=d.issued_sha256,
        signature=found[-1] if found else None,
        signatures=found,
    )


def _in_item(d: IncomingDocument) -> IncomingItem:
    return IncomingItem(
        id=d.pk,
        status=d.status,
        status_label=str(d.get_status_display()),
        year=d.year,
        number=d.number,
        received_on=d.received_on,
        sender_name=d.sender_name,
        sender_code=d.sender_code,
        original_number=d.original_number,
        original_date=d.original_date,
        doc_type=d.doc_type,
        summary=d.summary,
        channel=d.channel,
        handling_unit_code=d.handling_unit.code if d.handling_unit else None,
        handler=d.handler.username if d.handler else None,
        due_on=d.due_on,
        agency_code=d.agency.code,
    )


def _in_detail(d: IncomingDocument) -> IncomingOut:
    found: list[DocumentSignatureOut] = []
    if d.file:
        with d.file.open("rb") as handle:
            found = [_signature(v) for v in signatures.file_signatures(handle.read())]
    return IncomingOut(
        **_in_item(d).dict(),
        handling_note=d.handling_note,
        note=d.note,
        signature=found[-1] if found else None,
        signatures=found,
    )


def _outgoing(request: HttpRequest, pk: int) -> OutgoingDocument:
    d = OutgoingDocument.objects.select_related("agency", "drafting_unit").filter(pk=pk).first()
    if d is None or not access.can_read(request.user, d.agency):
        raise NotFound(f"Không tìm thấy văn bản đi mã {pk}.", code="document_not_found")
    return d


def _incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    d = IncomingDocument.objects.select_related("agency", "handling_unit", "handler").filter(pk=pk).first()
    if d is None or not access.can_read(request.user, d.agency):
        raise NotFound(f"Không tìm thấy văn bản đến mã {pk}.", code="document_not_found")
    return d


class _Rows:
    """A lazy list for the paginator: counts and slices the queryset, converts only the page."""

    def __init__(self, qs: Any, convert: Any) -> None:
        self.qs, self.convert = qs, convert

    def count(self) -> int:
        return int(self.qs.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.convert(d) for d in self.qs[item]]


# --- outgoing ------------------------------------------------------------------------------------
@router.get("/outgoing", response=list[OutgoingItem], summary="Sổ văn bản đi")
@paginate(Paging)
def outgoing_list(request: HttpRequest, filters: Query[OutgoingFilter]) -> Any:
    """Văn bản đã cấp số (mới nhất trước); ``pending=true``: dự thảo và văn bản chờ ký. ``q`` tìm
    không phân biệt dấu."""
    qs = selectors.outgoing_register(
        agency_ids=selectors.readable_agency_ids(request.user),
        year=filters.year,
        doc_type=_doc_type(filters.doc_type),
        q=(filters.q or "").strip()[:100] or None,
        pending=filters.pending,
    )
    return _Rows(qs, _out_item)


@router.get("/outgoing/{doc_id}", response=OutgoingOut, summary="Một văn bản đi (chữ ký được kiểm tra)")
def outgoing_detail(request: HttpRequest, doc_id: int) -> OutgoingOut:
    return _out_detail(_outgoing(request, doc_id))


@router.post("/outgoing", response={201: OutgoingOut}, summary="Tạo dự thảo văn bản đi")
def outgoing_create(request: HttpRequest, payload: OutgoingIn) -> Status:
    agency = _agency(request.user, payload.agency_code, check=access.can_draft)
    doc = services.outgoing_create(
        actor=request.user,
        agency=agency,
        doc_type=payload.doc_type,
        summary=payload.summary,
        recipients="\n".join(payload.recipients),
        body=payload.body,
        copies=payload.copies,
        drafting_unit=_unit(agency, payload.drafting_unit_code),
        draft_pdf=_b64(payload.draft_pdf_base64, "Tệp dự thảo"),
    )
    return Status(201, _out_detail(doc))


def _transition(request: HttpRequest, doc_id: int, service: Any, **extra: Any) -> OutgoingOut:
    doc = service(actor=request.user, document=_outgoing(request, doc_id), **extra)
    return _out_detail(doc)


@router.post("/outgoing/{doc_id}/submit", response=OutgoingOut, summary="Trình ký")
def outgoing_submit(request: HttpRequest, doc_id: int) -> OutgoingOut:
    return _transition(request, doc_id, services.outgoing_submit)


@router.post("/outgoing/{doc_id}/return", response=OutgoingOut, summary="Trả lại dự thảo")
def outgoing_return(request: HttpRequest, doc_id: int, payload: ReturnIn) -> OutgoingOut:
    return _transition(request, doc_id, services.outgoing_return, reason=payload.reason)


@router.post("/outgoing/{doc_id}/sign", response=OutgoingOut, summary="Ký số và cấp số")
def outgoing_sign(request: HttpRequest, doc_id: int) -> OutgoingOut:
    """Giám đốc, Phó Giám đốc ký bằng chứng thư số của mình; số văn bản được cấp trong cùng giao dịch."""
    return _transition(request, doc_id, services.outgoing_sign)


@router.post("/outgoing/{doc_id}/issue", response=OutgoingOut, summary="Phát hành")
def outgoing_issue(request: HttpRequest, doc_id: int) -> OutgoingOut:
    return _transition(request, doc_id, services.outgoing_issue)


@router.get("/outgoing/{doc_id}/edxml", summary="Gói tin edXML của văn bản đã ký")
def outgoing_edxml(request: HttpRequest, doc_id: int, to: str) -> HttpResponse:
    """``to``: mã định danh (QCVN 102:2016) của cơ quan nhận, ví dụ 000.00.31.H30."""
    target = Agency.objects.filter(code=to).first()
    if target is None:
        raise NotFound(f"Không có cơ quan mã “{to}”.", code="agency_not_found")
    content = edxml.edxml_export(actor=request.user, document=_outgoing(request, doc_id), to=target)
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


# --- incoming ------------------------------------------------------------------------------------
@router.get("/incoming", response=list[IncomingItem], summary="Sổ văn bản đến")
@paginate(Paging)
def incoming_list(request: HttpRequest, filters: Query[IncomingFilter]) -> Any:
    if filters.status and filters.status not in IncomingStatus.values:
        raise InvalidInput(
            f"Trạng thái “{filters.status}” không có. Các trạng thái: {', '.join(IncomingStatus.values)}.",
            code="invalid_status",
        )
    qs = selectors.incoming_register(
        agency_ids=selectors.readable_agency_ids(request.user),
        year=filters.year,
        doc_type=_doc_type(filters.doc_type),
        q=(filters.q or "").strip()[:100] or None,
        status=filters.status,
    )
    return _Rows(qs, _in_item)


@router.post("/incoming/edxml", response={201: IncomingOut}, summary="Nhận gói tin edXML")
def incoming_edxml(request: HttpRequest, payload: EdxmlIn) -> Status:
    """Gói tin không hợp lệ: 400 ``invalid_edxml`` với thông báo tiếng Việt, không ghi gì."""
    agency = _agency(request.user, payload.agency_code, check=access.can_clerk)
    data = _b64(payload.envelope_base64, "Gói tin") or b""
    doc = edxml.edxml_import(actor=request.user, agency=agency, data=data, received_on=payload.received_on)
    return Status(201, _in_detail(doc))


@router.get("/incoming/{doc_id}", response=IncomingOut, summary="Một văn bản đến")
def incoming_detail(request: HttpRequest, doc_id: int) -> IncomingOut:
    return _in_detail(_incoming(request, doc_id))


@router.post("/incoming", response={201: IncomingOut}, summary="Vào sổ văn bản đến")
def incoming_create(request: HttpRequest, payload: IncomingIn) -> Status:
    agency = _agency(request.user, payload.agency_code, check=access.can_clerk)
    doc = services.incoming_register(
        actor=request.user,
        agency=agency,
        sender_name=payload.sender_name,
        original_number=payload.original_number,
        original_date=payload.original_date,
        doc_type=payload.doc_type,
        summary=payload.summary,
        received_on=payload.received_on,
        sender_code=payload.sender_code,
        channel=payload.channel,
        file=_b64(payload.file_base64, "Tệp văn bản"),
        note=payload.note,
    )
    return Status(201, _in_detail(doc))


@router.post("/incoming/{doc_id}/assign", response=IncomingOut, summary="Chuyển xử lý")
def incoming_assign(request: HttpRequest, doc_id: int, payload: IncomingAssignIn) -> IncomingOut:
    doc = _incoming(request, doc_id)
    unit = _unit(doc.agency, payload.handling_unit_code)
    assert unit is not None
    handler = None
    if payload.handler_username:
        handler = User.objects.filter(username=payload.handler_username).first()
        if handler is None:
            raise NotFound(f"Không có cán bộ “{payload.handler_username}”.", code="user_not_found")
    doc = services.incoming_assign(
        actor=request.user, document=doc, handling_unit=unit, handler=handler, due_on=payload.due_on
    )
    return _in_detail(doc)


@router.post("/incoming/{doc_id}/complete", response=IncomingOut, summary="Ghi kết quả xử lý")
def incoming_complete(request: HttpRequest, doc_id: int, payload: CompleteIn) -> IncomingOut:
    doc = services.incoming_complete(
        actor=request.user, document=_incoming(request, doc_id), note=payload.note
    )
    return _in_detail(doc)
