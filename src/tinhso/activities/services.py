"""Every write to the activity registers and the video-conference network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tinhso.activities.models import (
    Campaign,
    ConferenceSession,
    Endpoint,
    Event,
    EventKind,
    Exhibition,
    PressVisit,
    Publication,
    PublicationKind,
    SessionEndpoint,
    SessionStatus,
    Training,
)
from tinhso.backoffice.access import (
    Policy,
    RegisterWrites,
    require,
    require_range,
    require_text,
    snapshot,
)
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.geo.models import UnitLevel

POLICY = Policy(
    label="dữ liệu hoạt động thông tin, tuyên truyền",
    edit_roles=frozenset({"sector_officer"}),
    read_roles=frozenset({"director", "deputy_director"}),
)


def _require_district(unit: Any, *, required: bool = False) -> None:
    if unit is None:
        require(not required, "Huyện, thị xã, thành phố không được để trống.")
        return
    require(unit.level == UnitLevel.DISTRICT, f"“{unit}” không phải là đơn vị cấp huyện.")


def _require_count(value: Any, label: str, *, positive: bool = False) -> None:
    if value is None:
        return
    require(
        isinstance(value, int) and value >= (1 if positive else 0),
        f"{label} phải là số nguyên {'dương' if positive else 'không âm'}.",
    )


# --- events --------------------------------------------------------------------------------------
EVENT_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "district",
    "organizer",
    "participants",
    "visitors",
    "note",
)


def _validate_event(obj: Event) -> None:
    require(obj.kind in EventKind.values, "Loại sự kiện không hợp lệ.")
    require_text(obj.title, "Tên sự kiện")
    require_text(obj.place, "Địa điểm")
    require(obj.starts_on is not None, "Ngày bắt đầu không được để trống.")
    require_range(obj.starts_on, obj.ends_on)
    _require_district(obj.district)
    _require_count(obj.participants, "Số người tham dự")
    _require_count(obj.visitors, "Số lượt khách")


EVENT_WRITES = RegisterWrites(
    policy=POLICY,
    model=Event,
    fields=EVENT_FIELDS,
    action="activities.event",
    validate=_validate_event,
)


def event_create(*, actor: Any, **values: Any) -> Event:
    return EVENT_WRITES.create(actor=actor, **values)


def event_update(*, actor: Any, event: Event, changes: Mapping[str, Any]) -> Event:
    return EVENT_WRITES.update(actor=actor, obj=event, changes=changes)


# --- exhibitions ---------------------------------------------------------------------------------
EXHIBITION_FIELDS = ("title", "district", "place", "starts_on", "ends_on", "partner", "visitors", "note")


def _validate_exhibition(obj: Exhibition) -> None:
    require_text(obj.title, "Tên triển lãm")
    require_text(obj.place, "Địa điểm")
    require(obj.starts_on is not None, "Ngày khai mạc không được để trống.")
    require_range(obj.starts_on, obj.ends_on, "Ngày bế mạc")
    _require_district(getattr(obj, "district", None) if obj.district_id else None, required=True)
    _require_count(obj.visitors, "Số lượt tham quan")


EXHIBITION_WRITES = RegisterWrites(
    policy=POLICY,
    model=Exhibition,
    fields=EXHIBITION_FIELDS,
    action="activities.exhibition",
    validate=_validate_exhibition,
)


def exhibition_create(*, actor: Any, **values: Any) -> Exhibition:
    return EXHIBITION_WRITES.create(actor=actor, **values)


def exhibition_update(*, actor: Any, exhibition: Exhibition, changes: Mapping[str, Any]) -> Exhibition:
    return EXHIBITION_WRITES.update(actor=actor, obj=exhibition, changes=changes)


# --- publications --------------------------------------------------------------------------------
PUBLICATION_FIELDS = ("kind", "title", "topic", "issued_on", "copies", "sponsor", "note")


def _validate_publication(obj: Publication) -> None:
    require(obj.kind in PublicationKind.values, "Loại ấn phẩm không hợp lệ.")
    require_text(obj.title, "Tên ấn phẩm")
    require(obj.issued_on is not None, "Ngày phát hành không được để trống.")
    require(obj.copies is not None, "Số lượng không được để trống.")
    _require_count(obj.copies, "Số lượng", positive=True)


PUBLICATION_WRITES = RegisterWrites(
    policy=POLICY,
    model=Publication,
    fields=PUBLICATION_FIELDS,
    action="activities.publication",
    validate=_validate_publication,
)


def publication_create(*, actor: Any, **values: Any) -> Publication:
    return PUBLICATION_WRITES.create(actor=actor, **values)


def publication_update(*, actor: Any, publication: Publication, changes: Mapping[str, Any]) -> Publication:
    return PUBLICATION_WRITES.update(actor=actor, obj=publication, changes=changes)


# --- campaigns -----------------------------------------------------------------------------------
CAMPAIGN_FIELDS = ("title", "topic", "starts_on", "ends_on", "partners", "budget", "note")


def _validate_campaign(obj: Campaign) -> None:
    require_text(obj.title, "Tên đợt tuyên truyền")
    require(obj.starts_on is not None, "Ngày bắt đầu không được để trống.")
    require_range(obj.starts_on, obj.ends_on)
    require(isinstance(obj.budget, int) and obj.budget >= 0, "Kinh phí phải là số đồng nguyên không âm.")


CAMPAIGN_WRITES = RegisterWrites(
    policy=POLICY,
    model=Campaign,
    fields=CAMPAIGN_FIELDS,
    action="activities.campaign",
    validate=_validate_campaign,
)


def campaign_create(*, actor: Any, **values: Any) -> Campaign:
    return CAMPAIGN_WRITES.create(actor=actor, **values)


def campaign_update(*, actor: Any, campaign: Campaign, changes: Mapping[str, Any]) -> Campaign:
    return CAMPAIGN_WRITES.update(actor=actor, obj=campaign, changes=changes)


# --- trainings -----------------------------------------------------------------------------------
TRAINING_FIELDS = ("title", "topic", "starts_on", "ends_on", "place", "organizer", "trainees", "note")


def _validate_training(obj: Training) -> None:
    require_text(obj.title, "Tên lớp tập huấn")
    require_text(obj.topic, "Nội dung tập huấn")
    require(obj.starts_on is not None, "Ngày bắt đầu không được để trống.")
    require_range(obj.starts_on, obj.ends_on)
    require(obj.trainees is not None, "Số học viên không được để trống.")
    _require_count(obj.trainees, "Số học viên", positive=True)


TRAINING_WRITES = RegisterWrites(
    policy=POLICY,
    model=Training,
    fields=TRAINING_FIELDS,
    action="activities.training",
    validate=_validate_training,
)


def training_create(*, actor: Any, **values: Any) -> Training:
    return TRAINING_WRITES.create(actor=actor, **values)


def training_update(*, actor: Any, training: Training, changes: Mapping[str, Any]) -> Training:
    return TRAINING_WRITES.update(actor=actor, obj=training, changes=changes)


# --- foreign press visits ------------------------------------------------------------------------
PRESS_VISIT_FIELDS = (
    "outlet",
    "country",
    "reporters",
    "starts_on",
    "ends_on",
    "commune",
    "district",
    "purpose",
    "coordination",
)


def _validate_press_visit(obj: PressVisit) -> None:
    require_text(obj.outlet, "Cơ quan báo chí")
    require_text(obj.country, "Quốc gia")
    require_text(obj.purpose, "Nội dung hoạt động")
    require(obj.starts_on is not None, "Ngày bắt đầu không được để trống.")
    require_range(obj.starts_on, obj.ends_on)
    _require_count(obj.reporters, "Số phóng viên", positive=True)
    _require_district(obj.district)
    if obj.commune is not None:
        require(obj.commune.level == UnitLevel.COMMUNE, f"“{obj.commune}” không phải là đơn vị cấp xã.")
        if obj.district is None:
            obj.district = obj.commune.parent
        require(obj.commune.parent_id == obj.district_id, f"{obj.commune} không thuộc {obj.district}.")


PRESS_VISIT_WRITES = RegisterWrites(
    policy=POLICY,
    model=PressVisit,
    fields=PRESS_VISIT_FIELDS,
    action="activities.press_visit",
    validate=_validate_press_visit,
    derive=lambda o: ["district"],
)


def press_visit_create(*, actor: Any, **values: Any) -> PressVisit:
    return PRESS_VISIT_WRITES.create(actor=actor, **values)


def press_visit_update(*, actor: Any, press_visit: PressVisit, changes: Mapping[str, Any]) -> PressVisit:
    return PRESS_VISIT_WRITES.update(actor=actor, obj=press_visit, changes=changes)


# --- video-conference endpoints ------------------------------------------------------------------
ENDPOINT_FIELDS = ("name", "unit", "location", "is_active")


def _validate_endpoint(obj: Endpoint) -> None:
    require_text(obj.name, "Tên điểm cầu")
    require(obj.unit_id is not None, "Địa bàn của điểm cầu không được để trống.")
    require(
        obj.unit.level in (UnitLevel.PROVINCE, UnitLevel.DISTRICT),
        "Điểm cầu phải đặt ở cấp tỉnh hoặc cấp huyện.",
    )


ENDPOINT_WRITES = RegisterWrites(
    policy=POLICY,
    model=Endpoint,
    fields=ENDPOINT_FIELDS,
    action="activities.endpoint",
    validate=_validate_endpoint,
    unique_message="Đã có điểm cầu cùng tên.",
)


def endpoint_create(*, actor: Any, **values: Any) -> Endpoint:
    return ENDPOINT_WRITES.create(actor=actor, **values)


def endpoint_update(*, actor: Any, endpoint: Endpoint, changes: Mapping[str, Any]) -> Endpoint:
    return ENDPOINT_WRITES.update(actor=actor, obj=endpoint, changes=changes)


# --- video-conference sessions -------------------------------------------------------------------
def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    require(
        starts_at is not None and ends_at is not None, "Thời gian bắt đầu và kết thúc không được để trống."
    )
    assert starts_at is not None and ends_at is not None
    require(timezone.is_aware(starts_at) and timezone.is_aware(ends_at), "Thời gian phải có múi giờ.")
    require(ends_at > starts_at, "Thời gian kết thúc phải sau thời gian bắt đầu.")


def _lock_and_check_free(
    *, endpoint_ids: set[int], starts_at: dt.datetime, ends_at: dt.datetime, session_id: int | None
) -> list[Endpoint]:
    """Lock the endpoints (in id order) and refuse if one of them is already in an active session that
    overlaps [starts_at, ends_at). Must run inside a transaction."""
    endpoints = list(Endpoint.objects.select_for_update().filter(pk__in=endpoint_ids).order_by("pk"))
    require(len(endpoints) == len(endpoint_ids), "Có điểm cầu không tồn tại.")
    inactive = [e.name for e in endpoints if not e.is_active]
    require(not inactive, f"Điểm cầu không còn hoạt động: {', '.join(inactive)}.")
    clashes = (
        SessionEndpoint.objects.filter(
            endpoint_id__in=endpoint_ids, active=True, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .exclude(session_id=session_id)
        .select_related("endpoint", "session")
        .order_by("endpoint__name", "starts_at")
    )
    messages = [
        f"{c.endpoint.name} đã có cuộc họp “{c.session.title}” "
        f"từ {_local(c.starts_at)} đến {_local(c.ends_at)}"
        for c in clashes
    ]
    if messages:
        raise Conflict("Trùng lịch điểm cầu: " + "; ".join(messages) + ".", code="endpoint_busy")
    return endpoints


def _save_participations(session: ConferenceSession, endpoint_ids: set[int]) -> None:
    try:
        with transaction.atomic():
            session.participations.exclude(endpoint_id__in=endpoint_ids).delete()
            session.participations.filter(endpoint_id__in=endpoint_ids).update(
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                active=session.status != SessionStatus.CANCELLED,
            )
            existing = set(session.participations.values_list("endpoint_id", flat=True))
            SessionEndpoint.objects.bulk_create(
                [
                    SessionEndpoint(
                        session=session,
                        endpoint_id=eid,
                        starts_at=session.starts_at,
                        ends_at=session.ends_at,
                        active=session.status != SessionStatus.CANCELLED,
                    )
                    for eid in sorted(endpoint_ids - existing)
                ]
            )
    except IntegrityError as exc:  # PostgreSQL exclusion constraint: a concurrent booking won
        raise Conflict("Trùng lịch điểm cầu với một cuộc họp vừa được đặt.", code="endpoint_busy") from exc


def session_schedule(
    *,
    actor: Any,
    title: str,
    host: Endpoint,
    endpoints: Sequence[Endpoint],
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    chaired_by: str = "",
    note: str = "",
) -> ConferenceSession:
    """Schedule a video conference at ``host`` with ``endpoints`` (the host is always included).
    Refused with a Conflict if one endpoint is already booked for an overlapping time."""
    POLICY.ensure_edit(actor)
    require_text(title, "Tên cuộc họp")
    _check_times(starts_at, ends_at)
    ids = {e.pk for e in endpoints} | {host.pk}
    with transaction.atomic():
        _lock_and_check_free(endpoint_ids=ids, starts_at=starts_at, ends_at=ends_at, session_id=None)
        session = ConferenceSession.objects.create(
            title=title.strip(),
            host=host,
            starts_at=starts_at,
            ends_at=ends_at,
            chaired_by=chaired_by,
            note=note,
        )
        _save_participations(session, ids)
        audit_record(
            actor=actor,
            action="activities.session_schedule",
            obj=session,
            after={**snapshot(session), "endpoints": sorted(ids)},
        )
    return session


def session_reschedule(
    *,
    actor: Any,
    session: ConferenceSession,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    endpoints: Sequence[Endpoint] | None = None,
    title: str | None = None,
) -> ConferenceSession:
    POLICY.ensure_edit(actor)
    _check_times(starts_at, ends_at)
    with transaction.atomic():
        locked = ConferenceSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.SCHEDULED:
            raise Conflict(
                f"Cuộc họp đang ở trạng thái “{locked.get_status_display()}”, không đổi lịch được."
            )
        before = {
            **snapshot(locked),
            "endpoints": sorted(locked.participations.values_list("endpoint_id", flat=True)),
        }
        ids = (
            {e.pk for e in endpoints}
            if endpoints is not None
            else set(locked.participations.values_list("endpoint_id", flat=True))
        ) | {locked.host_id}
        _lock_and_check_free(endpoint_ids=ids, starts_at=starts_at, ends_at=ends_at, session_id=locked.pk)
        locked.starts_at, locked.ends_at = starts_at, ends_at
        fields = ["starts_at", "ends_at"]
        if title is not None:
            require_text(title, "Tên cuộc họp")
            locked.title = title.strip()
            fields.append("title")
        locked.save(update_fields=fields)
        _save_participations(locked, ids)
        audit_record(
            actor=actor,
            action="activities.session_reschedule",
            obj=locked,
            before=before,
            after={**snapshot(locked), "endpoints": sorted(ids)},
        )
    return locked


def session_cancel(*, actor: Any, session: ConferenceSession, reason: str = "") -> ConferenceSession:
    """Cancel a scheduled session; its endpoints become free for that time."""
    POLICY.ensure_edit(actor)
    with transaction.atomic():
        updated = ConferenceSession.objects.filter(pk=session.pk, status=SessionStatus.SCHEDULED).update(
            status=SessionStatus.CANCELLED
        )
        if not updated:
            raise Conflict("Chỉ hủy được cuộc họp đang ở trạng thái đã lên lịch.")
        SessionEndpoint.objects.filter(session_id=session.pk).update(active=False)
        session.refresh_from_db()
        audit_record(
            actor=actor,
            action="activities.session_cancel",
            obj=session,
            before={"status": SessionStatus.SCHEDULED},
            after={"status": session.status, "reason": reason},
        )
    return session


def session_record_attendance(
    *, actor: Any, session: ConferenceSession, attendance: Mapping[int, tuple[int | None, bool | None]]
) -> ConferenceSession:
    """Record, per endpoint id, the number of attendees and whether the connection worked; the session
    becomes held. Only endpoints of the session are accepted."""
    POLICY.ensure_edit(actor)
    with transaction.atomic():
        locked = ConferenceSession.objects.select_for_update().get(pk=session.pk)
        if locked.status == SessionStatus.CANCELLED:
            raise Conflict("Cuộc họp đã bị hủy, không ghi nhận tham dự được.")
        if locked.starts_at > timezone.now():
            raise InvalidInput("Cuộc họp chưa diễn ra, chưa ghi nhận tham dự được.")
        rows = {
            p.endpoint_id: p for p in locked.participations.select_for_update().select_related("endpoint")
        }
        unknown = sorted(set(attendance) - set(rows))
        require(not unknown, "Điểm cầu không thuộc cuộc họp này: " + ", ".join(map(str, unknown)) + ".")
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for endpoint_id, (attendees, connected) in attendance.items():
            _require_count(attendees, f"Số người dự tại {rows[endpoint_id].endpoint.name}")
            row = rows[endpoint_id]
            before[str(endpoint_id)] = [row.attendees, row.connected]
            row.attendees, row.connected = attendees, connected
            row.save(update_fields=["attendees", "connected"])
            after[str(endpoint_id)] = [attendees, connected]
        if locked.status != SessionStatus.HELD:
            locked.status = SessionStatus.HELD
            locked.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="activities.session_record_attendance",
            obj=locked,
            before=before,
            after={**after, "status": locked.status},
        )
    return locked
