"""The page of one video-conference session and its attendance form: the sector officer records who
took part at each endpoint; the director reads; others are refused; bad input saves nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tinhso.activities.models import ConferenceSession, SessionEndpoint, SessionStatus
from tinhso.activities.services import session_cancel, session_schedule
from tinhso.core.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/quan-tri/hoat-dong/hop-truc-tuyen"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _attendance(session: ConferenceSession) -> dict[int, tuple[int | None, bool | None]]:
    return {
        p.endpoint_id: (p.attendees, p.connected)
        for p in SessionEndpoint.objects.filter(session=session).order_by("endpoint_id")
    }


@pytest.fixture
def held(officer_khanh: Any, endpoints: Any) -> ConferenceSession:
    """A session of 10/06/2016 at the province with Vị Thanh, scheduled through the page."""
    r = _client(officer_khanh).post(
        f"{BASE}/them/",
        {
            "title": "Hội nghị giao ban trực tuyến quý II",
            "chaired_by": "Giám đốc Sở",
            "host": endpoints["93"].pk,
            "endpoints": [endpoints["930"].pk],
            "starts_at": "10/06/2016 08:00",
            "ends_at": "10/06/2016 11:00",
        },
    )
    session = ConferenceSession.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{BASE}/{session.pk}/"
    return session


def test_officer_records_attendance_and_it_shows_on_the_session_page(
    officer_khanh: Any, endpoints: Any, held: ConferenceSession
) -> None:
    c = _client(officer_khanh)
    page = c.get(f"{BASE}/{held.pk}/").content.decode()
    assert "Chưa ghi nhận tham dự." in page and "08:00 10/06/2016 – 11:00 10/06/2016" in page
    assert f'href="{BASE}/{held.pk}/tham-du/"' in page
    # the list links to the session page
    assert f'href="{BASE}/{held.pk}/"' in c.get(f"{BASE}/").content.decode()

    form = c.get(f"{BASE}/{held.pk}/tham-du/").content.decode()
    assert "Điểm cầu UBND tỉnh" in form and "Điểm cầu UBND thành phố Vị Thanh" in form
    province, vi_thanh = endpoints["93"].pk, endpoints["930"].pk
    r = c.post(
        f"{BASE}/{held.pk}/tham-du/",
        {
            f"e{province}-connected": "1",
            f"e{province}-attendees": "1.045",
            f"e{vi_thanh}-connected": "0",
            f"e{vi_thanh}-attendees": "",
        },
    )
    assert r.status_code == 302 and r["Location"] == f"{BASE}/{held.pk}/"
    held.refresh_from_db()
    assert held.status == SessionStatus.HELD
    assert _attendance(held) == {province: (1045, True), vi_thanh: (None, False)}
    assert AuditEntry.objects.filter(action="activities.session_record_attendance").count() == 1

    page = c.get(f"{BASE}/{held.pk}/").content.decode()
    assert "Đã diễn ra" in page
    assert "1/2 điểm cầu kết nối thành công; 1.045 người dự." in page
    assert "Có mặt" in page and "Vắng" in page
    # the form shows what was recorded
    form = c.get(f"{BASE}/{held.pk}/tham-du/").content.decode()
    assert 'value="1.045"' in form


def test_director_reads_but_may_not_record(
    director_em: Any, persona: Any, endpoints: Any, held: ConferenceSession
) -> None:
    em = _client(director_em)
    page = em.get(f"{BASE}/{held.pk}/")
    assert page.status_code == 200 and "Hội nghị giao ban trực tuyến quý II" in page.content.decode()
    assert "tham-du/" not in page.content.decode()
    assert em.get(f"{BASE}/{held.pk}/tham-du/").status_code == 403
    r = em.post(f"{BASE}/{held.pk}/tham-du/", {f"e{endpoints['93'].pk}-attendees": "30"})
    assert r.status_code == 403
    for key in ("binh", "chi", "an"):
        c = _client(persona(key))
        assert c.get(f"{BASE}/{held.pk}/").status_code == 403
        assert c.post(f"{BASE}/{held.pk}/tham-du/", {}).status_code == 403
    assert all(v == (None, None) for v in _attendance(held).values())
    held.refresh_from_db()
    assert held.status == SessionStatus.SCHEDULED


@pytest.mark.parametrize(
    ("attendees", "connected", "message"),
    [
        ("-3", "1", "Số người dự tại Điểm cầu UBND thành phố Vị Thanh không được âm."),
        ("ba mươi", "1", "Số người dự tại Điểm cầu UBND thành phố Vị Thanh phải là số nguyên."),
        ("2000000", "1", "Số người dự tại Điểm cầu UBND thành phố Vị Thanh quá lớn (tối đa 100.000)."),
        ("30", "có", "Tình trạng tham dự tại Điểm cầu UBND thành phố Vị Thanh không hợp lệ."),
    ],
)
def test_bad_input_is_400_and_saves_nothing(
    officer_khanh: Any, endpoints: Any, held: ConferenceSession, attendees: str, connected: str, message: str
) -> None:
    province, vi_thanh = endpoints["93"].pk, endpoints["930"].pk
    r = _client(officer_khanh).post(
        f"{BASE}/{held.pk}/tham-du/",
        {
            f"e{province}-connected": "1",
            f"e{province}-attendees": "40",  # valid, and still not saved
            f"e{vi_thanh}-connected": connected,
            f"e{vi_thanh}-attendees": attendees,
        },
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert _attendance(held) == {province: (None, None), vi_thanh: (None, None)}
    held.refresh_from_db()
    assert held.status == SessionStatus.SCHEDULED
    assert not AuditEntry.objects.filter(action="activities.session_record_attendance").exists()


def test_refusals_of_the_service_show_on_the_form(officer_khanh: Any, endpoints: Any) -> None:
    c = _client(officer_khanh)
    start = timezone.now() + dt.timedelta(days=2)
    future = session_schedule(
        actor=officer_khanh,
        title="Họp trực tuyến sắp tới",
        host=endpoints["93"],
        endpoints=[endpoints["936"]],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    assert "tham-du/" not in c.get(f"{BASE}/{future.pk}/").content.decode()
    r = c.post(f"{BASE}/{future.pk}/tham-du/", {f"e{endpoints['93'].pk}-attendees": "20"})
    assert r.status_code == 400
    assert "Cuộc họp chưa diễn ra, chưa ghi nhận tham dự được." in r.content.decode()
    assert _attendance(future)[endpoints["93"].pk] == (None, None)

    past = timezone.make_aware(dt.datetime(2016, 7, 1, 8))
    cancelled = session_cancel(
        actor=officer_khanh,
        session=session_schedule(
            actor=officer_khanh,
            title="Họp trực tuyến đã hủy",
            host=endpoints["93"],
            endpoints=[],
            starts_at=past,
            ends_at=past + dt.timedelta(hours=1),
        ),
    )
    r = c.post(f"{BASE}/{cancelled.pk}/tham-du/", {f"e{endpoints['93'].pk}-attendees": "20"})
    assert r.status_code == 409
    assert "Cuộc họp đã bị hủy, không ghi nhận tham dự được." in r.content.decode()
    assert _attendance(cancelled)[endpoints["93"].pk] == (None, None)
    assert c.get(f"{BASE}/999999/").status_code == 404
    assert c.get(f"{BASE}/999999/tham-du/").status_code == 404


def test_session_detail_reads_in_two_queries(
    officer_khanh: Any, endpoints: Any, held: ConferenceSession, django_assert_num_queries: Any
) -> None:
    from tinhso.activities.selectors import session_detail

    with django_assert_num_queries(2):
        session = session_detail(session_id=held.pk)
        assert session is not None
        names = [(p.endpoint.name, p.endpoint.unit.name) for p in session.participations.all()]
    assert [n for n, _ in names] == ["Điểm cầu UBND tỉnh", "Điểm cầu UBND thành phố Vị Thanh"]
