"""Activities over the API (``/api/v1/activities/…``): the registers, the video-conference endpoints and
sessions (with conflict detection and attendance), and the figures of a year."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from tinhso.activities import selectors, services
from tinhso.activities.models import (
    ConferenceSession,
    Endpoint,
)
from tinhso.api.fields import Id, Year
from tinhso.backoffice.apiroutes import ERRORS, add_register_routes, get_or_404
from tinhso.core.errors import InvalidInput

router = Router(tags=["Hoạt động thông tin, tuyên truyền"], auth=django_auth)
POLICY = services.POLICY

_REGISTERS: list[tuple[str, Any, str, Any, dict[str, type]]] = [
    (
        "/events",
        services.EVENT_WRITES,
        "sự kiện",
        selectors.event_list,
        {"year": Year, "kind": str, "district_id": Id},
    ),
    (
        "/exhibitions",
        services.EXHIBITION_WRITES,
        "triển lãm",
        selectors.exhibition_list,
        {"year": Year, "district_id": Id},
    ),
    (
        "/publications",
        services.PUBLICATION_WRITES,
        "ấn phẩm",
        selectors.publication_list,
        {"year": Year, "kind": str},
    ),
    ("/campaigns", services.CAMPAIGN_WRITES, "đợt tuyên truyền", selectors.campaign_list, {"year": Year}),
    ("/trainings", services.TRAINING_WRITES, "lớp tập huấn", selectors.training_list, {"year": Year}),
    (
        "/press-visits",
        services.PRESS_VISIT_WRITES,
        "đoàn phóng viên nước ngoài",
        selectors.press_visit_list,
        {"year": Year},
    ),
    ("/endpoints", services.ENDPOINT_WRITES, "điểm cầu", selectors.endpoint_list, {"active": bool}),
]
for path, writes, label, selector, filters in _REGISTERS:
    add_register_routes(
        router, path=path, writes=writes, label=label, list_selector=selector, filters=filters
    )


class ParticipationOut(Schema):
    endpoint_id: int
    endpoint: str
    attendees: int | None
    connected: bool | None


class SessionOut(Schema):
    id: int
    title: str
    chaired_by: str
    host_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    status_label: str
    note: str
    participations: list[ParticipationOut]


class SessionIn(Schema):
    title: str
    chaired_by: str = ""
    host_id: Id
    endpoint_ids: list[Id] = []
    starts_at: dt.datetime
    ends_at: dt.datetime
    note: str = ""


class RescheduleIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    endpoint_ids: list[Id] | None = None
    title: str | None = None


class AttendanceRow(Schema):
    endpoint_id: Id
    attendees: int | None = None
    connected: bool | None = None


class AttendanceIn(Schema):
    rows: list[AttendanceRow]


class CancelIn(Schema):
    reason: str = ""


def _session_out(s: ConferenceSession) -> SessionOut:
    return SessionOut(
        id=s.pk,
        title=s.title,
        chaired_by=s.chaired_by,
        host_id=s.host_id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        status=s.status,
        status_label=s.get_status_display(),
        note=s.note,
        participations=[
            ParticipationOut(
                endpoint_id=p.endpoint_id,
                endpoint=p.endpoint.name,
                attendees=p.attendees,
                connected=p.connected,
            )
            for p in s.participations.select_related("endpoint").order_by("endpoint__name")
        ],
    )


def _endpoints(ids: list[int]) -> list[Endpoint]:
    found = list(Endpoint.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {e.pk for e in found})
    if missing:
        raise InvalidInput(f"Không tìm thấy điểm cầu có mã số {', '.join(map(str, missing))}.")
    return found


@router.get("/sessions", response={200: list[SessionOut], **ERRORS}, summary="Danh sách cuộc họp trực tuyến")
def sessions(
    request: HttpRequest, year: Year | None = None, status: str | None = None, endpoint_id: Id | None = None
) -> list[SessionOut]:
    POLICY.ensure_read(request.user)
    return [
        _session_out(s) for s in selectors.session_list(year=year, status=status, endpoint_id=endpoint_id)
    ]


@router.get("/sessions/{item_id}", response={200: SessionOut, **ERRORS}, summary="Xem cuộc họp trực tuyến")
def session(request: HttpRequest, item_id: int) -> SessionOut:
    POLICY.ensure_read(request.user)
    return _session_out(get_or_404(ConferenceSession, item_id, "cuộc họp trực tuyến"))


@router.post(
    "/sessions",
    response={201: SessionOut, **ERRORS},
    summary="Đặt lịch cuộc họp trực tuyến (409 nếu trùng lịch điểm cầu)",
)
def session_schedule(request: HttpRequest, payload: SessionIn) -> Status:
    POLICY.ensure_edit(request.user)
    host = _endpoints([payload.host_id])[0]
    created = services.session_schedule(
        actor=request.user,
        title=payload.title,
        chaired_by=payload.chaired_by,
        host=host,
        endpoints=_endpoints(payload.endpoint_ids),
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        note=payload.note,
    )
    return Status(201, _session_out(created))


@router.post(
    "/sessions/{item_id}/reschedule", response={200: SessionOut, **ERRORS}, summary="Đổi lịch cuộc họp"
)
def session_reschedule(request: HttpRequest, item_id: int, payload: RescheduleIn) -> SessionOut:
    POLICY.ensure_edit(request.user)
    obj = get_or_404(ConferenceSession, item_id, "cuộc họp trực tuyến")
    endpoints = _endpoints(payload.endpoint_ids) if payload.endpoint_ids is not None else None
    return _session_out(
        services.session_reschedule(
            actor=request.user,
            session=obj,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            endpoints=endpoints,
            title=payload.title,
        )
    )


@router.post("/sessions/{item_id}/cancel", response={200: SessionOut, **ERRORS}, summary="Hủy cuộc họp")
def session_cancel(request: HttpRequest, item_id: int, payload: CancelIn) -> SessionOut:
    POLICY.ensure_edit(request.user)
    obj = get_or_404(ConferenceSession, item_id, "cuộc họp trực tuyến")
    return _session_out(services.session_cancel(actor=request.user, session=obj, reason=payload.reason))


@router.post(
    "/sessions/{item_id}/attendance",
    response={200: SessionOut, **ERRORS},
    summary="Ghi nhận tham dự tại các điểm cầu",
)
def session_attendance(request: HttpRequest, item_id: int, payload: AttendanceIn) -> SessionOut:
    POLICY.ensure_edit(request.user)
    obj = get_or_404(ConferenceSession, item_id, "cuộc họp trực tuyến")
    attendance = {r.endpoint_id: (r.attendees, r.connected) for r in payload.rows}
    return _session_out(
        services.session_record_attendance(actor=request.user, session=obj, attendance=attendance)
    )


@router.get("/summary/{year}", response={200: dict, **ERRORS}, summary="Số liệu hoạt động của năm")
def summary(request: HttpRequest, year: Year) -> dict[str, object]:
    POLICY.ensure_read(request.user)
    return selectors.activity_year(year=year).as_dict()
