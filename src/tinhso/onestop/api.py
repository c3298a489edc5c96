"""The one-stop shop's REST API: token sign-in, dossier detail (the applicant or staff of the agency),
the worklists, and one endpoint per transition calling the same services as the pages.

Authentication: ``Authorization: Bearer <token>`` from ``POST /api/v1/auth/token``. Errors are JSON
``{"code": …, "message": …}`` with a Vietnamese message (``core.errors``). A dossier the caller may not
see answers 404, the same as a code that does not exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer

from tinhso.accounts.models import User
from tinhso.core.errors import InvalidInput, NotAllowed, NotFound
from tinhso.onestop import access, evaluation, services, tokens, worklists
from tinhso.onestop.models import Dossier, DossierStatus, DossierStep


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.api_token_user(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerAuth()
auth_router = Router(tags=["Đăng nhập API"])
router = Router(tags=["Hồ sơ một cửa"], auth=bearer)


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


class EventOut(Schema):
    at: dt.datetime
    action: str
    action_label: str
    from_status: int | None
    to_status: int | None
    reason: str


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
    events: list[EventOut]


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


def _out(dossier: Dossier, *, staff: bool) -> dict[str, Any]:
    dossier.refresh_from_db()
    step = (
        DossierStep.objects.select_related("agency", "assignee").filter(pk=dossier.current_step_id).first()
        if dossier.current_step_id
        else None
    )
    events = dossier.events.order_by("at", "id")
    if not staff:
        events = events.exclude(
            action__in=["update", "file_add", "assign", "forward", "approve", "refuse", "start"]
        )
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
    }


def _staff_view(request: HttpRequest, dossier: Dossier) -> bool:
    return access.works_in(_user(request), dossier.agency_id)


# --------------------------------------------------------------------------------------------------
# sign-in


@auth_router.post("/token", response={201: TokenOut}, summary="Đăng nhập, nhận khóa truy cập (Bearer)")
def token_create(request: HttpRequest, payload: TokenIn) -> tuple[int, dict[str, Any]]:
    row, token = tokens.api_token_create(
        request=request, identifier=payload.identifier, password=payload.password, name=payload.name
    )
    return 201, {
        "token": token,
        "expires_at": row.expires_at,
        "user": row.user.full_name,
        "kind": row.user.kind,
    }


@auth_router.delete("/token", response={204: None}, auth=bearer, summary="Thu hồi khóa đang dùng")
def token_revoke(request: HttpRequest) -> tuple[int, None]:
    header = request.headers.get("Authorization", "")
    tokens.api_token_revoke(actor=_user(request), token=header.partition(" ")[2].strip())
    return 204, None


# --------------------------------------------------------------------------------------------------
# reads


@router.get("/worklist", response=WorklistOut, summary="Danh sách công việc của cán bộ")
def worklist(request: HttpRequest, scope: str = "mine", limit: int = 50) -> dict[str, Any]:
    user = _user(request)
    if not access.is_staff_user(user):
        raise NotAllowed("Chỉ cán bộ mới có danh sách công việc.")
    if scope not in worklists.SCOPES:
        raise InvalidInput(
            f"Phạm vi không hợp lệ; dùng một trong: {', '.join(worklists.SCOPES)}.", code="invalid_scope"
        )
    counts = worklists.worklist_counts(user)
    rows = worklists.worklist(user, scope)[: max(1, min(limit, 200))]
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


@router.post("/{code}/receive", response=DossierOut, summary="Tiếp nhận hồ sơ (1 → 2 → 4)")
def receive(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_receive(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/request-supplement", response=DossierOut, summary="Yêu cầu bổ sung (→ 5, mẫu 02)")
def request_supplement(request: HttpRequest, code: str, payload: SupplementRequestIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_request_supplement(
        actor=_user(request),
        dossier=d,
        items=payload.items,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/supplement", response=DossierOut, summary="Nộp đủ hồ sơ bổ sung (5 → 1 hoặc 4)")
def supplement(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_supplement_submit(
        actor=_user(request), dossier=d, note=payload.note, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post("/{code}/refuse-reception", response=DossierOut, summary="Từ chối tiếp nhận (→ 3, mẫu 03)")
def refuse_reception(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_refuse_reception(
        actor=_user(request), dossier=d, reason=payload.reason, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post("/{code}/forward", response=DossierOut, summary="Chuyển bước tiếp theo")
def forward(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_forward(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/assign", response=DossierOut, summary="Phân công bước đang xử lý")
def assign(request: HttpRequest, code: str, payload: AssignIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_assign(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/approve", response=DossierOut, summary="Lãnh đạo đồng ý")
def approve(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_approve(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/refuse", response=DossierOut, summary="Lãnh đạo không đồng ý (có lý do)")
def refuse(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_refuse(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/finish", response=DossierOut, summary="Có kết quả (4 → 9)")
def finish(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_finish(
        actor=_user(request),
        dossier=d,
        assignee=_assignee(payload.assignee_id),
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/return", response=DossierOut, summary="Trả kết quả (9 → 10)")
def return_result(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_return(
        actor=_user(request), dossier=d, note=payload.note, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post("/{code}/apologize", response=DossierOut, summary="Xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)")
def apologize(request: HttpRequest, code: str, payload: ApologyIn) -> dict[str, Any]:
    d = _visible(request, code)
    if timezone.is_naive(payload.new_promised_at):
        raise InvalidInput(
            "new_promised_at phải có múi giờ, ví dụ 2017-03-20T16:00:00+07:00.", code="naive_datetime"
        )
    services.dossier_apologize(
        actor=_user(request),
        dossier=d,
        new_promised_at=payload.new_promised_at,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _done(request, d)


@router.post("/{code}/withdraw-request", response=DossierOut, summary="Người nộp yêu cầu rút hồ sơ")
def withdraw_request(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_withdraw_request(
        actor=_user(request), dossier=d, reason=payload.reason, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post("/{code}/withdraw", response=DossierOut, summary="Đồng ý cho rút hồ sơ (→ 7)")
def withdraw(request: HttpRequest, code: str, payload: ActIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_withdraw(
        actor=_user(request), dossier=d, note=payload.note, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post("/{code}/stop", response=DossierOut, summary="Dừng xử lý (→ 8)")
def stop(request: HttpRequest, code: str, payload: ReasonIn) -> dict[str, Any]:
    d = _visible(request, code)
    services.dossier_stop(
        actor=_user(request), dossier=d, reason=payload.reason, expected_version=payload.expected_version
    )
    return _done(request, d)


@router.post(
    "/{code}/rating", response={201: RatingOut}, summary="Người nộp đánh giá mức độ hài lòng (một lần)"
)
def rate(request: HttpRequest, code: str, payload: RateIn) -> tuple[int, dict[str, Any]]:
    d = _visible(request, code)
    r = evaluation.dossier_rate(
        actor=_user(request), dossier=d, satisfaction=payload.satisfaction, comment=payload.comment
    )
    return 201, {
        "satisfaction": r.satisfaction,
        "satisfaction_label": r.get_satisfaction_display(),
        "comment": r.comment,
        "rated_at": r.rated_at,
    }
