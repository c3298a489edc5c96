"""Back-office pages of the activity registers and the video-conference sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from tinhso.activities import selectors, services
from tinhso.activities.models import (
    ConferenceSession,
    Endpoint,
    EventKind,
    PublicationKind,
    SessionEndpoint,
    SessionStatus,
)
from tinhso.backoffice.registers import DATETIME_WIDGET, Column, Register, YearFilterForm, col, register_for
from tinhso.core.errors import DomainError
from tinhso.geo.models import Unit, UnitLevel

APP = "activities"
POLICY = services.POLICY


def _units(*levels: int) -> Any:
    return Unit.objects.filter(level__in=levels).order_by("level", "code", "valid_from")


class EventFilter(YearFilterForm):
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *EventKind.choices])


class PublicationFilter(YearFilterForm):
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *PublicationKind.choices])


class SessionFilter(YearFilterForm):
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *SessionStatus.choices]
    )


class EndpointFilter(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100)


DISTRICTS = {"district": _units(UnitLevel.DISTRICT)}

EVENTS = register_for(
    services.EVENT_WRITES,
    slug="su-kien",
    name="event",
    title="Sự kiện",
    singular="sự kiện",
    querysets=DISTRICTS,
    filter_form=EventFilter,
    columns=[
        col("Tên sự kiện", "title"),
        col("Loại", "get_kind_display"),
        col("Ngày", "starts_on", "date"),
        col("Địa điểm", "place"),
        col("Địa bàn", "district.name"),
        col("Đại biểu", "participants", "int"),
        col("Lượt khách", "visitors", "int"),
    ],
    selector=selectors.event_list,
    search=lambda o: f"{o.title} {o.place} {o.organizer}",
)
EXHIBITIONS = register_for(
    services.EXHIBITION_WRITES,
    slug="trien-lam",
    name="exhibition",
    title="Triển lãm",
    singular="triển lãm",
    querysets=DISTRICTS,
    columns=[
        col("Tên triển lãm", "title"),
        col("Địa bàn", "district.name"),
        col("Địa điểm", "place"),
        col("Khai mạc", "starts_on", "date"),
        col("Bế mạc", "ends_on", "date"),
        col("Lượt tham quan", "visitors", "int"),
    ],
    selector=selectors.exhibition_list,
    search=lambda o: f"{o.title} {o.place} {o.district.name}",
)
PUBLICATIONS = register_for(
    services.PUBLICATION_WRITES,
    slug="an-pham",
    name="publication",
    title="Ấn phẩm, tài liệu tuyên truyền",
    singular="ấn phẩm",
    filter_form=PublicationFilter,
    columns=[
        col("Tên ấn phẩm", "title"),
        col("Loại", "get_kind_display"),
        col("Phát hành", "issued_on", "date"),
        col("Số lượng (bản)", "copies", "int"),
        col("Tài trợ, phối hợp", "sponsor"),
    ],
    selector=selectors.publication_list,
    search=lambda o: f"{o.title} {o.topic}",
)
CAMPAIGNS = register_for(
    services.CAMPAIGN_WRITES,
    slug="tuyen-truyen",
    name="campaign",
    title="Đợt tuyên truyền",
    singular="đợt tuyên truyền",
    columns=[
        col("Tên", "title"),
        col("Từ ngày", "starts_on", "date"),
        col("Đến ngày", "ends_on", "date"),
        col("Phối hợp", "partners"),
        col("Kinh phí", "budget", "money"),
    ],
    selector=selectors.campaign_list,
    search=lambda o: f"{o.title} {o.topic} {o.partners}",
)
TRAININGS = register_for(
    services.TRAINING_WRITES,
    slug="tap-huan",
    name="training",
    title="Lớp tập huấn",
    singular="lớp tập huấn",
    columns=[
        col("Lớp", "title"),
        col("Nội dung", "topic"),
        col("Từ ngày", "starts_on", "date"),
        col("Đến ngày", "ends_on", "date"),
        col("Địa điểm", "place"),
        col("Học viên", "trainees", "int"),
    ],
    selector=selectors.training_list,
    search=lambda o: f"{o.title} {o.topic} {o.place}",
)
PRESS_VISITS = register_for(
    services.PRESS_VISIT_WRITES,
    slug="bao-chi-nuoc-ngoai",
    name="press_visit",
    title="Đoàn phóng viên nước ngoài",
    singular="đoàn phóng viên nước ngoài",
    querysets={"district": _units(UnitLevel.DISTRICT), "commune": _units(UnitLevel.COMMUNE)},
    columns=[
        col("Cơ quan báo chí", "outlet"),
        col("Quốc gia", "country"),
        col("Từ ngày", "starts_on", "date"),
        col("Xã", "commune.name"),
        col("Huyện", "district.name"),
        col("Nội dung", "purpose"),
    ],
    selector=selectors.press_visit_list,
    search=lambda o: f"{o.outlet} {o.country} {o.purpose}",
)
ENDPOINTS = register_for(
    services.ENDPOINT_WRITES,
    slug="diem-cau",
    name="endpoint",
    title="Điểm cầu truyền hình hội nghị",
    singular="điểm cầu",
    filter_form=EndpointFilter,
    querysets={"unit": _units(UnitLevel.PROVINCE, UnitLevel.DISTRICT)},
    columns=[
        col("Tên điểm cầu", "name"),
        col("Địa bàn", "unit.name"),
        col("Phòng họp", "location"),
        Column("Hoạt động", lambda o: "Có" if o.is_active else "Không"),
    ],
    selector=selectors.endpoint_list,
    search=lambda o: f"{o.name} {o.location}",
)


class SessionForm(forms.Form):
    title = forms.CharField(label="Tên cuộc họp trực tuyến", max_length=300)
    chaired_by = forms.CharField(label="Chủ trì", max_length=200, required=False)
    host = forms.ModelChoiceField(label="Điểm cầu chính", queryset=Endpoint.objects.filter(is_active=True))
    endpoints = forms.ModelMultipleChoiceField(
        label="Các điểm cầu tham gia",
        queryset=Endpoint.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.DateTimeField(
        label="Bắt đầu",
        widget=DATETIME_WIDGET,
    )
    ends_at = forms.DateTimeField(
        label="Kết thúc",
        widget=DATETIME_WIDGET,
    )
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _session_reschedule(
    *, actor: Any, obj: ConferenceSession, changes: Mapping[str, Any]
) -> ConferenceSession:
    return services.session_reschedule(
        actor=actor,
        session=obj,
        starts_at=changes.get("starts_at", obj.starts_at),
        ends_at=changes.get("ends_at", obj.ends_at),
        endpoints=list(changes["endpoints"]) if "endpoints" in changes else None,
        title=changes.get("title"),
    )


SESSIONS = Register(
    slug="hop-truc-tuyen",
    name="session",
    title="Cuộc họp trực tuyến",
    singular="cuộc họp trực tuyến",
    model=ConferenceSession,
    policy=POLICY,
    form_class=SessionForm,
    filter_form=SessionFilter,
    columns=[
        col("Tên cuộc họp", "title"),
        col("Chủ trì", "chaired_by"),
        col("Điểm cầu chính", "host.name"),
        col("Bắt đầu", "starts_at", "datetime"),
        col("Kết thúc", "ends_at", "datetime"),
        col("Trạng thái", "get_status_display"),
        col("Số điểm cầu", "endpoint_count", "int"),
        col("Người dự", "attendee_total", "int"),
    ],
    selector=selectors.session_list,
    create=services.session_schedule,
    update=_session_reschedule,
    search=lambda o: f"{o.title} {o.chaired_by}",
    detail_url=lambda o: reverse("activities:session_detail", args=[o.pk]),
    edit_initial=lambda o: {
        "title": o.title,
        "chaired_by": o.chaired_by,
        "host": o.host,
        "endpoints": [p.endpoint for p in o.participations.all()],
        "starts_at": o.starts_at,
        "ends_at": o.ends_at,
        "note": o.note,
    },
)

REGISTERS = [EVENTS, EXHIBITIONS, PUBLICATIONS, CAMPAIGNS, TRAININGS, PRESS_VISITS, ENDPOINTS, SESSIONS]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not POLICY.can_read(request.user):
        raise PermissionDenied("Bạn không có quyền xem dữ liệu hoạt động thông tin, tuyên truyền.")
    try:
        year = int(request.GET.get("year") or selectors.default_year(dt.date.today().year))  # noqa: DTZ011
    except ValueError:
        year = selectors.default_year(dt.date.today().year)  # noqa: DTZ011
    y = selectors.activity_year(year=year)
    return render(
        request,
        "activities/overview.html",
        {
            "year": year,
            "y": y,
            "years": list(range(2015, dt.date.today().year + 2)),  # noqa: DTZ011
            "event_kinds": [
                (label, y.events_by_kind.get(v, 0))
                for v, label in EventKind.choices
                if y.events_by_kind.get(v)
            ],
            "publication_kinds": [
                (label, y.publications_by_kind.get(v, 0))
                for v, label in PublicationKind.choices
                if y.publications_by_kind.get(v)
            ],
            "registers": [(r.title, f"{r.slug}/") for r in REGISTERS],
        },
    )


# --- one video-conference session and its attendance ---------------------------------------------
CONNECTED_CHOICES = [("", "Chưa ghi nhận"), ("1", "Có mặt, kết nối thành công"), ("0", "Vắng, không kết nối")]


def _connected_value(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


class AttendanceForm(forms.Form):
    """Per endpoint of the session: present (connected) or absent, and the number of attendees."""

    def __init__(self, data: Any = None, *, participations: list[SessionEndpoint]) -> None:
        super().__init__(data)
        self.participations = participations
        for p in participations:
            name = p.endpoint.name
            self.fields[f"e{p.endpoint_id}-connected"] = forms.TypedChoiceField(
                label="Tham dự",
                choices=CONNECTED_CHOICES,
                coerce=lambda v: v == "1",
                empty_value=None,
                required=False,
                initial=_connected_value(p.connected),
                error_messages={"invalid_choice": f"Tình trạng tham dự tại {name} không hợp lệ."},
            )
            self.fields[f"e{p.endpoint_id}-attendees"] = forms.IntegerField(
                label="Số người dự",
                required=False,
                min_value=0,
                max_value=100_000,
                localize=True,
                initial=p.attendees,
                error_messages={
                    "invalid": f"Số người dự tại {name} phải là số nguyên.",
                    "min_value": f"Số người dự tại {name} không được âm.",
                    "max_value": f"Số người dự tại {name} quá lớn (tối đa 100.000).",
                },
            )

    def rows(self) -> list[tuple[SessionEndpoint, Any, Any]]:
        """(participation, its attendance field, its attendees field) for the template."""
        return [
            (p, self[f"e{p.endpoint_id}-connected"], self[f"e{p.endpoint_id}-attendees"])
            for p in self.participations
        ]

    def attendance(self) -> dict[int, tuple[int | None, bool | None]]:
        data = self.cleaned_data
        return {
            p.endpoint_id: (data[f"e{p.endpoint_id}-attendees"], data[f"e{p.endpoint_id}-connected"])
            for p in self.participations
        }


def _session(pk: int) -> ConferenceSession:
    session = selectors.session_detail(session_id=pk)
    if session is None:
        raise Http404("Không tìm thấy cuộc họp trực tuyến.")
    return session


def _can_take_attendance(session: ConferenceSession) -> bool:
    return session.status != SessionStatus.CANCELLED and session.starts_at <= timezone.now()


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not POLICY.can_read(request.user):
        raise PermissionDenied(f"Bạn không có quyền xem {POLICY.label}.")
    session = _session(pk)
    rows = list(session.participations.all())
    can_edit = POLICY.can_edit(request.user)
    return render(
        request,
        "activities/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "present": sum(1 for r in rows if r.connected),
            "attendee_total": sum(r.attendees or 0 for r in rows),
            "recorded": any(r.connected is not None or r.attendees is not None for r in rows),
            "attendance_url": (
                reverse("activities:session_attendance", args=[pk])
                if can_edit and _can_take_attendance(session)
                else None
            ),
            "edit_url": (
                SESSIONS.url(APP, "edit", pk)
                if can_edit and session.status == SessionStatus.SCHEDULED
                else None
            ),
            "back": SESSIONS.url(APP, "list"),
        },
    )


@login_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The sector officer records who took part at each endpoint; the session becomes held. Bad input
    is answered 400 (a refusal of the service with its own status) and nothing is saved."""
    if not POLICY.can_edit(request.user):
        raise PermissionDenied(f"Bạn không có quyền cập nhật {POLICY.label}.")
    session = _session(pk)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, participations=list(session.participations.all())
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.session_record_attendance(
                    actor=request.user, session=session, attendance=form.attendance()
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã ghi nhận tham dự tại các điểm cầu.")
                return redirect("activities:session_detail", pk=pk)
        else:
            status = 400
    return render(
        request,
        "activities/session_attendance.html",
        {
            "session": session,
            "form": form,
            "back": reverse("activities:session_detail", args=[pk]),
        },
        status=status,
    )
