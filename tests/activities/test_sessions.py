"""Video conferences: an endpoint is never in two overlapping sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tinhso.activities.models import ConferenceSession, SessionEndpoint
from tinhso.activities.selectors import session_list
from tinhso.activities.services import (
    session_cancel,
    session_record_attendance,
    session_reschedule,
    session_schedule,
)
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2016, 6, day, hour, minute))


def test_overlapping_session_on_a_shared_endpoint_is_refused(officer_khanh: Any, endpoints: Any) -> None:
    province, vi_thanh, long_my = endpoints["93"], endpoints["930"], endpoints["936"]
    session_schedule(
        actor=officer_khanh,
        title="Hội nghị giao ban trực tuyến quý II",
        host=province,
        endpoints=[vi_thanh],
        starts_at=at(10, 8),
        ends_at=at(10, 11),
    )
    with pytest.raises(Conflict) as err:
        session_schedule(
            actor=officer_khanh,
            title="Họp trực tuyến phòng chống bão",
            host=long_my,
            endpoints=[vi_thanh],
            starts_at=at(10, 10, 30),
            ends_at=at(10, 12),
        )
    assert (
        "Điểm cầu UBND thành phố Vị Thanh đã có cuộc họp “Hội nghị giao ban trực tuyến quý II” "
        "từ 08:00 10/06/2016 đến 11:00 10/06/2016" in err.value.message
    )
    assert ConferenceSession.objects.count() == 1
    # Back to back is fine (half-open intervals), and other endpoints are free.
    session_schedule(
        actor=officer_khanh,
        title="Họp trực tuyến phòng chống bão",
        host=long_my,
        endpoints=[vi_thanh],
        starts_at=at(10, 11),
        ends_at=at(10, 12),
    )
    session_schedule(
        actor=officer_khanh,
        title="Tập huấn trực tuyến",
        host=long_my,
        endpoints=[],
        starts_at=at(10, 8),
        ends_at=at(10, 9),
    )
    assert ConferenceSession.objects.count() == 2 + 1


def test_cancel_frees_and_reschedule_checks(officer_khanh: Any, endpoints: Any) -> None:
    province, vi_thanh = endpoints["93"], endpoints["930"]
    first = session_schedule(
        actor=officer_khanh,
        title="A",
        host=province,
        endpoints=[vi_thanh],
        starts_at=at(10, 8),
        ends_at=at(10, 11),
    )
    second = session_schedule(
        actor=officer_khanh, title="B", host=vi_thanh, endpoints=[], starts_at=at(10, 13), ends_at=at(10, 15)
    )
    with pytest.raises(Conflict, match="Trùng lịch điểm cầu"):
        session_reschedule(actor=officer_khanh, session=second, starts_at=at(10, 9), ends_at=at(10, 10))
    session_cancel(actor=officer_khanh, session=first)
    moved = session_reschedule(actor=officer_khanh, session=second, starts_at=at(10, 9), ends_at=at(10, 10))
    assert SessionEndpoint.objects.get(session=moved).starts_at == at(10, 9)
    with pytest.raises(Conflict, match="đã lên lịch"):
        session_cancel(actor=officer_khanh, session=first)


def test_times_and_role(officer_khanh: Any, endpoints: Any, director_em: Any) -> None:
    with pytest.raises(InvalidInput, match="kết thúc phải sau"):
        session_schedule(
            actor=officer_khanh,
            title="A",
            host=endpoints["93"],
            endpoints=[],
            starts_at=at(10, 9),
            ends_at=at(10, 9),
        )
    with pytest.raises(NotAllowed):
        session_schedule(
            actor=director_em,
            title="A",
            host=endpoints["93"],
            endpoints=[],
            starts_at=at(10, 9),
            ends_at=at(10, 10),
        )
    assert not ConferenceSession.objects.exists()


def test_attendance(officer_khanh: Any, endpoints: Any) -> None:
    s = session_schedule(
        actor=officer_khanh,
        title="Hội nghị trực tuyến tổng kết",
        host=endpoints["93"],
        endpoints=[endpoints["930"], endpoints["936"]],
        starts_at=at(10, 8),
        ends_at=at(10, 11),
    )
    with pytest.raises(InvalidInput, match="không thuộc cuộc họp"):
        session_record_attendance(actor=officer_khanh, session=s, attendance={999999: (3, True)})
    session_record_attendance(
        actor=officer_khanh,
        session=s,
        attendance={
            endpoints["93"].pk: (40, True),
            endpoints["930"].pk: (25, True),
            endpoints["936"].pk: (0, False),
        },
    )
    row = session_list(year=2016).get(pk=s.pk)
    assert (row.status, row.endpoint_count, row.attendee_total) == ("da_dien_ra", 3, 65)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ràng buộc loại trừ chỉ có trên PostgreSQL")
def test_database_refuses_overlap_written_around_the_service(officer_khanh: Any, endpoints: Any) -> None:
    s = session_schedule(
        actor=officer_khanh,
        title="A",
        host=endpoints["93"],
        endpoints=[],
        starts_at=at(10, 8),
        ends_at=at(10, 11),
    )
    other = ConferenceSession.objects.create(
        title="B", host=endpoints["930"], starts_at=at(10, 9), ends_at=at(10, 10)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionEndpoint.objects.create(
            session=other, endpoint=endpoints["93"], starts_at=at(10, 9), ends_at=at(10, 10)
        )
    # Inactive (cancelled) rows do not count.
    SessionEndpoint.objects.create(
        session=other, endpoint=endpoints["93"], starts_at=at(10, 9), ends_at=at(10, 10), active=False
    )
    assert s.participations.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cần PostgreSQL để chạy song song")
@pytest.mark.django_db(transaction=True)
def test_two_officers_booking_at_once_one_wins(officer_khanh: Any, endpoints: Any) -> None:
    import threading

    barrier = threading.Barrier(2)
    results: list[str] = []

    def book(title: str) -> None:
        try:
            barrier.wait()
            session_schedule(
                actor=officer_khanh,
                title=title,
                host=endpoints["93"],
                endpoints=[endpoints["930"]],
                starts_at=at(12, 8),
                ends_at=at(12, 10),
            )
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "ok"]
    assert ConferenceSession.objects.count() == 1
