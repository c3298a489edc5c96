"""The one-stop shop's REST API: token sign-in; online submission with files and "my dossiers" for the
applicant; dossier detail (the applicant or staff of the agency); the worklists; one endpoint per
transition calling the same services as the pages; public tracking by code and second factor.

Authentication: ``Authorization: Bearer <token>`` from ``POST /api/v1/auth/token`` (tracking needs
none). Errors are JSON ``{"code": …, "message": …}`` with a Vietnamese message (``core.errors``). A
dossier the caller may not see answers 404, the same as a code that does not exist."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from typing import Annotated, Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Form, Query, Router, Schema, Status
from ninja.security import HttpBearer

from tinhso.accounts.models import User
from tinhso.api.pagination import MAX_OFFSET
from tinhso.catalog.models import OnlineLevel, ProcedureDocument, ProcedureVersion
from tinhso.core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from tinhso.onestop import access, evaluation, results, selectors, services, tokens, uploads, worklists
from tinhso.onestop.forms_public import FIELD_PREFIX, DossierForm
from tinhso.onestop.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    DossierFile,
    DossierStatus,
    DossierStep,
    FileKind,
)
from tinhso.onestop.views_public import TRACKING_MAX_FAILURES, TRACKING_WINDOW
from tinhso.signing.pdf import SignatureCheck


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.api_token_user(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerAuth()
auth_router = Router(tags=["Đăng nhập API"])
router = Router(tags=["Hồ sơ một cửa"], auth=bearer)
tracking_router = Router(tags=["Tra cứu hồ sơ"])
FILE_PREFIX = "file_"  # multipart field of a document: file_<order of the document in the procedure>


# --------------------------------------------------------------------------------------------------
# schemas


class TokenIn(Schema):
    identifier: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime
    user: str
    kind: str


class StepOut(Schema):
    order: int
    name: str
    role: str
    agency_code: str
    assignee: str | None
    started_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    result: str


class DossierEventOut(Schema):
    at: dt.datetime
    action: str
    action_label: str
    from_status: int | None
    to_status: int | None
    reason: str


class SignatureItemOut(Schema):
    """One signature of a result file: the competent person's (``person``) or the agency's (``agency``,
    added by its records clerk at issue)."""

    kind: str  # person | agency
    field_name: str
    valid: bool
    verdict: str
    signer_name: str
    signer_title: str
    signer_organization: str
    signed_at: dt.datetime | None
    signed_at_text: str  # dd/mm/yyyy HH:MM:SS, giờ Việt Nam
    intact: bool
    trusted: bool


class SignatureOut(Schema):
    """A result's digital signatures, verified from the stored bytes on every request: the verdict on
    the file, the facts of the first (the leader's) signature, and every signature in ``signatures``."""

    state: str  # valid | untrusted | changed | invalid | unsigned
    verdict: str
    signed: bool
    valid: bool
    signer_name: str
    signer_title: str
    signer_organization: str
    signed_at: dt.datetime | None
    signed_at_text: str  # dd/mm/yyyy HH:MM:SS, giờ Việt Nam
    intact: bool
    trusted: bool
    sha256_matches: bool
    signatures: list[SignatureItemOut]


class ResultFileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    signature: SignatureOut


class DossierOut(Schema):
    code: str
    status: int
    status_label: str
    version: int
    procedure_code: str
    procedure_name: str
    agency_code: str
    applicant_name: str
    channel: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    promised_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    outcome: str
    outcome_note: str
    supplement_items: list[str]
    current_step: StepOut | None
    events: list[DossierEventOut]
    results: list[ResultFileOut]


class DossierCreatedOut(DossierOut):
    tracking_secret: str


class SubmissionIn(Schema):
    procedure: str
    form: str = "{}"
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""


class MyDossierOut(Schema):
    code: str
    status: int
    status_label: str
    procedure_code: str
    procedure_name: str
    submitted_at: dt.datetime | None
    promised_at: dt.datetime | None
    returned_at: dt.datetime | None
    supplement_items: list[str]
    rated: bool


class MyDossiersOut(Schema):
    count: int
    items: list[MyDossierOut]


class TrackingEventOut(Schema):
    at: dt.datetime
    action: str
    action_label: str
    status_label: str
    items: list[str]
    new_promised_at: dt.datetime | None


class TrackingOut(Schema):
    code: str
    status: int
    status_label: str
    procedure_name: str
    agency_name: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    promised_at: dt.datetime | None
    events: list[TrackingEventOut]


class WorkItemOut(Schema):
    code: str
    procedure_name: str
    applicant_name: str
    status: int
    step: str
    assignee: str | None
    step_due_at: dt.datetime
    due_at: dt.datetime | None


class WorklistOut(Schema):
    counts: dict[str, int]
    items: list[WorkItemOut]


class ActIn(Schema):
    expected_version: int | None = None
    note: str = ""
    assignee_id: int | None = None


class ReasonIn(Schema):
    expected_version: int | None = None
    reason: str
    assignee_id: int | None = None


class SupplementRequestIn(Schema):
    expected_version: int | None = None
    items: list[str]
    reason: str = ""


class PaymentRequestIn(Schema):
    expected_version: int | None = None
    amount: int | None = None
    note: str = ""


class AssignIn(Schema):
    expected_version: int | None = None
    assignee_id: int
    note: str = ""


class ApologyIn(Schema):
    expected_version: int | None = None
    new_promised_at: dt.datetime
    reason: str


class RateIn(Schema):
    satisfaction: str
    comment: str = ""


class RatingOut(Schema):
    satisfaction: str
    satisfaction_label: str
    comment: str
    rated_at: dt.datetime


# --------------------------------------------------------------------------------------------------
# helpers


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _visible(request: HttpRequest, code: str) -> Dossier:
    user = _user(request)
    dossier = (
        Dossier.objects.select_related("procedure", "agency")
        .exclude(status=DossierStatus.DRAFT)
        .filter(code=code.strip().upper())
        .first()
    )
    if dossier is None or not (
        (dossier.applicant_id is not None and dossier.applicant_id == user.pk)
        or access.works_in(user, dossier.agency_id)
    ):
        raise NotFound(f"Không tìm thấy hồ sơ {code.strip().upper()}.", code="dossier_not_found")
    return dossier


def _assignee(assignee_id: int | None) -> Any:
    if assignee_id is None:
        return None
    user = User.objects.filter(pk=assignee_id, is_active=True).first()
    if user is None:
        raise InvalidInput("Cán bộ được giao không tồn tại.", code="invalid_assignee")
    return user


def _out(dossier: Dossier, *, staff: bool, fresh: bool = False) -> dict[str, Any]:
    """The dossier as the API shows it; ``fresh``: ``dossier`` is what the service just wrote (not
    read again)."""
    if not fresh:
        dossier.refresh_from_db()
    step = (
        DossierStep.objects.select_related("agency", "assignee").filter(pk=dossier.current_step_id).first()
        if dossier.current_step_id
        else None
    )
    events = sorted(dossier.events.all(), key=lambda e: (e.at, e.id))  # prefetched when fresh
    if not staff:
        hidden = {"update", "file_add", "assign", "forward", "approve", "refuse", "start"}
        events = [e for e in events if e.action not in hidden]
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "version": dossier.version,
        "procedure_code": dossier.procedure.national_code,
        "procedure_name": dossier.procedure.name,
        "agency_code": dossier.agency.code,
        "applicant_name": dossier.applicant_name,
        "channel": dossier.channel,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "promised_at": dossier.promised_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "outcome": dossier.outcome,
        "outcome_note": dossier.outcome_note if (staff or dossier.status != DossierStatus.PROCESSING) else "",
        "supplement_items": list(dossier.supplement_items or []),
        "current_step": (
            {
                "order": step.order,
                "name": step.name,
                "role": step.role,
                "agency_code": step.agency.code,
                "assignee": step.assignee.full_name if step.assignee else None,
                "started_at": step.started_at,
                "due_at": step.due_at,
                "finished_at": step.finished_at,
                "result": step.result,
            }
            if step is not None
            else None
        ),
        "events": [
            {
                "at": e.at,
                "action": e.action,
                "action_label": e.get_action_display(),
                "from_status": e.from_status,
                "to_status": e.to_status,
                "reason": e.reason,
            }
            for e in events
        ],
        "results": _results(dossier, staff=staff),
    }


def _signer_facts(check: SignatureCheck) -> dict[str, Any]:
    signed_at = timezone.localtime(check.signed_at) if check.signed_at else None
    return {
        "signer_name": check.signer_name,
        "signer_title": check.signer_title,
        "signer_organization": check.signer_organization,
        "signed_at": signed_at,
        "signed_at_text": f"{signed_at:%d/%m/%Y %H:%M:%S}" if signed_at else "",
    }


def _signature_item(view: results.SignatureView) -> dict[str, Any]:
    check = view.check
    return {
        "kind": view.kind,
        "field_name": check.field_name,
        "valid": view.valid,
        "verdict": view.verdict,
        "intact": view.unchanged,
        "trusted": check.trusted,
        **_signer_facts(check),
    }


def _signature(rc: results.ResultCheck) -> dict[str, Any]:
    """The verdict on the file, the first (the leader's) signature's facts, and every signature."""
    return {
        "state": rc.state,
        "verdict": rc.verdict,
        "signed": rc.signed,
        "valid": rc.valid,
        "intact": rc.intact,
        "trusted": all(c.trusted for c in rc.checks),
        "sha256_matches": rc.sha256_matches,
        "signatures": [_signature_item(v) for v in rc.signatures] if rc.readable else [],
        **_signer_facts(rc.check),
    }


def _results(dossier: Dossier, *, staff: bool) -> list[dict[str, Any]]:
    """The result files the caller may see, each verified from its stored bytes (the applicant's only
    once the dossier is finished; none read for a dossier just submitted)."""
    if not staff and dossier.status not in results.APPLICANT_SEES_RESULTS:
        return []
    files = DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT).order_by("uploaded_at", "id")
    return [
        {
            "id": f.pk,
            "name": f.original_name,
            "content_type": f.content_type,
            "size": f.size,
            "sha256": f.sha256,
            "uploaded_at": f.uploaded_at,
            "signature": _signature(results.result_check(f)),
        }
        for f in files
    ]


def _staff_view(request: HttpRequest, dossier: Dossier) -> bool:
    return access.works_in(_user(request), dossier.agency_id)


# --------------------------------------------------------------------------------------------------
# sign-in


@auth_router.post("/token", response={201: TokenOut}, summary="Đăng nhập, nhận khóa truy cập (Bearer)")
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    row, token = tokens.api_token_create(
        request=request, identifier=payload.identifier, password=payload.password, name=payload.name
    )
    return Status(
        201, {"token": token, "expires_at": row.expires_at, "user": row.user.full_name, "kind": row.user.kind}
    )


@auth_router.delete("/token", response={204: None}, auth=bearer, summary="Thu hồi khóa đang dùng")
def token_revoke(request: HttpRequest) -> Status[None]:
    header = request.headers.get("Authorization", "")
    tokens.api_token_revoke(actor=_user(request), token=header.partition(" ")[2].strip())
    return Status(204, None)


# --------------------------------------------------------------------------------------------------
# reads


MINE_STATES = {"dang-giai-quyet", "da-xong"}
MAX_ROWS = 200
# Bounded in the schema: an offset of 10^30 reached the database (SQLite: datatype mismatch, 500).
Limit = Annotated[int, Field(ge=1, le=MAX_ROWS, description=f"Số dòng (1–{MAX_ROWS})")]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu dòng đầu")]


@router.get("/", response=MyDossiersOut, summary="Hồ sơ của tôi (người nộp; không gồm bản nháp)")
def my_dossiers(
    request: HttpRequest, state: str = "", limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """``state``: ``dang-giai-quyet`` (đang giải quyết) hoặc ``da-xong`` (đã kết thúc); bỏ trống: tất cả.
    Mới nhất trước."""
    user = _user(request)
    if state and state not in MINE_STATES:
        raise InvalidInput(
            f"Trạng thái lọc không hợp lệ; dùng một trong: {', '.join(sorted(MINE_STATES))}.",
            code="invalid_state",
        )
    qs = (
        Dossier.objects.filter(applicant_id=user.pk, channel=Channel.ONLINE)
        .exclude(status=DossierStatus.DRAFT)
        .select_related("procedure", "rating")
        .order_by("-submitted_at", "-id")
    )
    if state == "dang-giai-quyet":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif state == "da-xong":
        qs = qs.exclude(Q(status__in=OPEN_STATUSES))
    rows = list(qs[offset : offset + limit])
    return {
        "count": qs.count(),
        "items": [
            {
                "code": d.code,
                "status": d.status,
                "status_label": d.get_status_display(),
                "procedure_code": d.procedure.national_code,
                "procedure_name": d.procedure.name,
                "submitted_at": d.submitted_at,
                "promised_at": d.promised_at,
                "returned_at": d.returned_at,
                "supplement_items": list(d.supplement_items or []),
                "rated": hasattr(d, "rating"),
            }
            for d in rows
        ],
    }


# The submission endpoint reads the procedure's version in force (with its procedure, agency and
# documents) on every call: keep it this many seconds per process instead of two queries per submission
# (a catalogue edit reaches the API within that time; the submission page reads it afresh). Off under
# tests, where every test has its own data.
VERSION_KEPT_SECONDS = 0.0 if settings.TESTING else 30.0
_versions_kept: dict[tuple[str, dt.date], tuple[float, ProcedureVersion | None]] = {}


def _version_in_force(national_code: str) -> ProcedureVersion | None:
    """The version in force today of the active procedure ``national_code`` (what
    ``procedure_version_on`` gives), with its procedure, agency and documents; reused for
    ``VERSION_KEPT_SECONDS``."""
    key, now = (national_code, timezone.localdate()), time.monotonic()
    kept = _versions_kept.get(key)
    if kept is not None and now - kept[0] < VERSION_KEPT_SECONDS:
        return kept[1]
    version = (
        ProcedureVersion.objects.filter(
            procedure__national_code=national_code, procedure__is_active=True, effective_from__lte=key[1]
        )
        .select_related("procedure", "procedure__agency")
        .prefetch_related(Prefetch("documents", queryset=ProcedureDocument.objects.order_by("order")))
        .order_by("-effective_from")
        .first()
    )
    if VERSION_KEPT_SECONDS:
        if len(_versions_kept) > 1000:  # unknown codes are kept too: bound the memory
            _versions_kept.clear()
        _versions_kept[key] = (now, version)
    return version


def _form_values(raw: str, field_names: set[str]) -> dict[str, Any]:
    try:
        values = json.loads(raw or "{}")
    except ValueError as exc:
        raise InvalidInput("Trường «form» phải là một đối tượng JSON.", code="invalid_form_json") from exc
    if not isinstance(values, dict):
        raise InvalidInput("Trường «form» phải là một đối tượng JSON.", code="invalid_form_json")
    unknown = sorted(set(values) - field_names)
    if unknown:
        raise InvalidInput(f"Tờ khai có trường không hợp lệ: {', '.join(unknown)}.", code="unknown_field")
    return {FIELD_PREFIX + k: "" if v is None else str(v) for k, v in values.items()}


@router.post(
    "/",
    response={201: DossierCreatedOut},
    summary="Nộp hồ sơ trực tuyến kèm tệp (người nộp)",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["procedure"],
                        "properties": {
                            "procedure": {"type": "string", "description": "Mã thủ tục (mã quốc gia)"},
                            "form": {
                                "type": "string",
                                "description": "Tờ khai: JSON {tên trường: giá trị}; ngày dd/mm/yyyy",
                            },
                            **{
                                f: {"type": "string"}
                                for f in (
                                    "applicant_name",
                                    "applicant_id_number",
                                    "applicant_address",
                                    "applicant_phone",
                                    "applicant_email",
                                )
                            },
                        },
                        "additionalProperties": {"type": "string", "format": "binary"},
                        "description": "Mỗi thành phần hồ sơ một tệp, tên trường file_<số thứ tự thành phần> "
                        "(xem «documents» của GET /api/v1/procedures/{mã}). PDF, JPEG, PNG, DOCX, XLSX "
                        "(kiểm tra theo nội dung), tối đa 10 MB mỗi tệp.",
                    }
                }
            },
            "required": True,
        }
    },
)
def dossier_submit(request: HttpRequest, payload: Form[SubmissionIn]) -> Status[dict[str, Any]]:
    """E-form + one file per required document → a draft → submitted (status 1), in one transaction:
    the same checks and services as the submission page. A refused file or an incomplete dossier
    leaves no dossier and no file. The receipt (form 01, PDF) is e-mailed by a background task
    enqueued after commit; the response carries the dossier code and the tracking secret."""
    user = _user(request)
    if access.is_staff_user(user):
        raise NotAllowed(
            "Tài khoản cán bộ không nộp hồ sơ trực tuyến; hồ sơ trực tiếp được tạo ở trang nghiệp vụ.",
            code="staff_cannot_submit",
        )
    version = _version_in_force(payload.procedure.strip())
    if version is None or version.online_level < OnlineLevel.LEVEL_3:
        raise NotFound(
            f"Không có thủ tục mã {payload.procedure.strip()} nhận hồ sơ trực tuyến.",
            code="procedure_not_found",
        )
    procedure = version.procedure
    documents = list(version.documents.all())
    by_key = {f"{FILE_PREFIX}{d.order}": d for d in documents}
    unknown = sorted(set(request.FILES) - set(by_key))
    if unknown:
        raise InvalidInput(
            f"Tệp không ứng với thành phần hồ sơ nào: {', '.join(unknown)}; "
            f"dùng {FILE_PREFIX}<số thứ tự thành phần>.",
            code="unknown_document",
        )
    # The uploads: checked by content and size before anything is stored (the page's checks).
    files = []
    for key, doc in by_key.items():
        upload = request.FILES.get(key)
        if isinstance(upload, UploadedFile):
            files.append((doc, uploads.check_upload(upload, label=f"Tệp «{doc.name}»")))
    uploads.check_total([f for _, f in files])
    # The e-form and the applicant's details: the page's form, without its file fields.
    data = {
        "applicant_name": payload.applicant_name or user.organization_name or user.full_name,
        "applicant_id_number": payload.applicant_id_number or user.citizen_id or user.tax_code or "",
        "applicant_address": payload.applicant_address or user.address,
        "applicant_phone": payload.applicant_phone or user.phone or "",
        "applicant_email": payload.applicant_email or user.email or "",
        **_form_values(payload.form, {f["name"] for f in version.form_fields}),
    }
    form = DossierForm(data, version=version, documents=[])
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label if name in form.fields else 'Tờ khai'}: "
            + " ".join(str(e) for e in errs)
            for name, errs in form.errors.items()
        ]
        raise InvalidInput("Tờ khai chưa hợp lệ — " + "; ".join(problems), code="invalid_form")
    applicant = form.applicant()
    # draft + files + submission in one transaction (the checks of the page's services); any refusal
    # rolls back the draft, the rows and the stored files
    dossier = services.dossier_submit_online(
        actor=user,
        procedure=procedure,
        files=[(doc, f.name, f.content) for doc, f in files],
        form_data=form.form_data(),
        applicant_name=applicant["applicant_name"],
        applicant_id_number=applicant["applicant_id_number"],
        applicant_address=applicant["applicant_address"],
        applicant_phone=applicant["applicant_phone"],
        applicant_email=applicant["applicant_email"],
        version=version,
    )
    out = _out(dossier, staff=False, fresh=True)
    return Status(201, {**out, "tracking_secret": dossier.tracking_secret})


@router.get("/worklist", response=WorklistOut, summary="Danh sách công việc của cán bộ")
def worklist(request: HttpRequest, scope: str = "mine", limit: Limit = 50) -> dict[str, Any]:
    user = _user(request)
    if not access.is_staff_user(user):
        raise NotAllowed("Chỉ cán bộ mới có danh sách công việc.")
    if scope not in worklists.SCOPES:
        raise InvalidInput(
            f"Phạm vi không hợp lệ; dùng một trong: {', '.join(worklists.SCOPES)}.", code="invalid_scope"
        )
    counts = worklists.worklist_counts(user)
    rows = worklists.worklist(user, scope)[:limit]
    return {
        "counts": {s: counts.get(s) for s in worklists.SCOPES},
        "items": [
            {
                "code": s.dossier.code,
                "procedure_name": s.dossier.procedure.name,
                "applicant_name": s.dossier.applicant_name,
                "status": s.dossier.status,
                "step": s.name,
                "assignee": s.assignee.full_name if s.assignee else None,
                "step_due_at": s.due_at,
                "due_at": s.dossier.due_at,
            }
            for s in rows
        ],
    }


@router.get("/{code}", response=DossierOut, summary="Chi tiết hồ sơ (người nộp hoặc cán bộ có thẩm quyền)")
def dossier_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    dossier = _visible(request, code)
    return _out(dossier, staff=_staff_view(request, dossier))


# --------------------------------------------------------------------------------------------------
# transitions: one endpoint each, the same services as the pages


def _done(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    return _out(dossier, staff=_staff_view(request, dossier))


def _transition(
    request: HttpRequest, code: str, service: Callable[..., Any], payload: Any, **fields: Any
) -> dict[str, Any]:
    """One transition: the dossier the caller may see, the service with the acting user and the
    version the caller read (optimistic lock), then the dossier as the caller may see it."""
    dossier = _visible(request, code)
    service(actor=_user(request), dossier=dossier, expected_version=payload.expected_version, **fields)
    return _done(request, dossier)


@router.post("/{code}/receive", response=DossierOut, summary="Tiếp nhận hồ sơ (1 → 2 → 4)")
def receive(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_receive,
        payload,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
    )


@router.post("/{code}/request-supplement", response=DossierOut, summary="Yêu cầu bổ sung (→ 5, mẫu 02)")
def request_supplement(request: HttpRequest, code: str, payload: SupplementRequestIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_request_supplement,
        payload,
        items=payload.items,
        reason=payload.reason,
    )


@router.post(
    "/{code}/request-payment",
    response=DossierOut,
    summary="Yêu cầu thực hiện nghĩa vụ tài chính (4 → 6; số tiền mặc định là phí, lệ phí của thủ tục)",
)
def request_payment(request: HttpRequest, code: str, payload: PaymentRequestIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_request_payment,
        payload,
        amount=payload.amount,
        note=payload.note,
    )


@router.post("/{code}/supplement", response=DossierOut, summary="Nộp đủ hồ sơ bổ sung (5 → 1 hoặc 4)")
def supplement(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_supplement_submit, payload, note=payload.note)


@router.post("/{code}/refuse-reception", response=DossierOut, summary="Từ chối tiếp nhận (→ 3, mẫu 03)")
def refuse_reception(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_refuse_reception, payload, reason=payload.reason)


@router.post("/{code}/forward", response=DossierOut, summary="Chuyển bước tiếp theo")
def forward(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_forward,
        payload,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
    )


@router.post("/{code}/assign", response=DossierOut, summary="Phân công bước đang xử lý")
def assign(request: HttpRequest, code: str, payload: AssignIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_assign,
        payload,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
    )


@router.post("/{code}/approve", response=DossierOut, summary="Lãnh đạo đồng ý")
def approve(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_approve,
        payload,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
    )


@router.post("/{code}/refuse", response=DossierOut, summary="Lãnh đạo không đồng ý (có lý do)")
def refuse(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_refuse,
        payload,
        assignee=_assignee(payload.assignee_id),
        reason=payload.reason,
    )


@router.post(
    "/{code}/finish",
    response=DossierOut,
    summary="Có kết quả (4 → 9): kết quả do lãnh đạo ký số khi phê duyệt; nếu chưa có kết quả nào, "
    "hệ thống lập thông báo kết quả (không có chữ ký số)",
)
def finish(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(
        request,
        code,
        services.dossier_finish,
        payload,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        notice_if_missing=True,
    )


@router.post("/{code}/return", response=DossierOut, summary="Trả kết quả (9 → 10)")
def return_result(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_return, payload, note=payload.note)


@router.post("/{code}/apologize", response=DossierOut, summary="Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)")
def apologize(request: HttpRequest, code: str, payload: ApologyIn) -> dict[str, Any]:
    if timezone.is_naive(payload.new_promised_at):
        raise InvalidInput(
            "new_promised_at phải có múi giờ, ví dụ 2017-03-20T16:00:00+07:00.", code="naive_datetime"
        )
    return _transition(
        request,
        code,
        services.dossier_apologize,
        payload,
        new_promised_at=payload.new_promised_at,
        reason=payload.reason,
    )


@router.post("/{code}/withdraw-request", response=DossierOut, summary="Người nộp yêu cầu rút hồ sơ")
def withdraw_request(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_withdraw_request, payload, reason=payload.reason)


@router.post("/{code}/withdraw", response=DossierOut, summary="Đồng ý cho rút hồ sơ (→ 7)")
def withdraw(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_withdraw, payload, note=payload.note)


@router.post("/{code}/stop", response=DossierOut, summary="Dừng xử lý (→ 8)")
def stop(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    return _transition(request, code, services.dossier_stop, payload, reason=payload.reason)


@router.post(
    "/{code}/rating", response={201: RatingOut}, summary="Người nộp đánh giá mức độ hài lòng (một lần)"
)
def rate(request: HttpRequest, code: str, payload: RateIn) -> Status[dict[str, Any]]:
    d = _visible(request, code)
    r = evaluation.dossier_rate(
        actor=_user(request), dossier=d, satisfaction=payload.satisfaction, comment=payload.comment
    )
    return Status(
        201,
        {
            "satisfaction": r.satisfaction,
            "satisfaction_label": r.get_satisfaction_display(),
            "comment": r.comment,
            "rated_at": r.rated_at,
        },
    )


# --------------------------------------------------------------------------------------------------
# public tracking


class TrackingQuery(Schema):
    code: str
    secret: str


NOT_FOUND_MESSAGE = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại."


def _tracking_key(request: HttpRequest) -> str:
    # The same counter as the tracking page: one budget of wrong pairs per client address.
    return f"onestop:track-fail:{request.META.get('REMOTE_ADDR', '') or 'unknown'}"


@tracking_router.get(
    "",
    response=TrackingOut,
    summary="Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu (không cần đăng nhập)",
)
def tracking(request: HttpRequest, query: Query[TrackingQuery]) -> dict[str, Any]:
    """One query (``selectors.dossier_tracking``, as the page). A wrong pair — unknown code, wrong
    secret, a draft — gets the same 404 body; after ``TRACKING_MAX_FAILURES`` wrong pairs from one
    address (page and API together) every lookup answers 429 until the window ends."""
    key = _tracking_key(request)
    if cache.get(key, 0) >= TRACKING_MAX_FAILURES:
        raise DomainError(
            f"Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau {TRACKING_WINDOW // 60} phút.",
            code="too_many_attempts",
            status=429,
        )
    found = selectors.dossier_tracking(code=query.code[:40], secret=query.secret[:12])
    if found is None:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, TRACKING_WINDOW)
        raise NotFound(NOT_FOUND_MESSAGE, code="dossier_not_found")
    return {
        "code": found.code,
        "status": found.status,
        "status_label": found.status_label,
        "procedure_name": found.procedure_name,
        "agency_name": found.agency_name,
        "submitted_at": found.submitted_at,
        "received_at": found.received_at,
        "promised_at": found.promised_at,
        "events": [
            {
                "at": e.at,
                "action": e.action,
                "action_label": e.action_label,
                "status_label": e.status_label,
                "items": list(e.items),
                "new_promised_at": e.new_promised,
            }
            for e in found.events
        ],
    }
