"""Back-office pages of activities: roles, create with Vietnamese errors, sessions, export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tinhso.activities.demo import activities_demo_load
from tinhso.activities.models import ConferenceSession, Training

pytestmark = pytest.mark.django_db
BASE = "/quan-tri/hoat-dong"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_roles(officer_khanh: Any, director_em: Any, persona: Any) -> None:
    assert _client(officer_khanh).get(f"{BASE}/tap-huan/them/").status_code == 200
    assert _client(director_em).get(f"{BASE}/tap-huan/").status_code == 200
    assert _client(director_em).get(f"{BASE}/tap-huan/them/").status_code == 403
    for key in ("long", "binh", "an"):
        assert _client(persona(key)).get(f"{BASE}/").status_code == 403


def test_training_create_and_error(officer_khanh: Any) -> None:
    c = _client(officer_khanh)
    data = {
        "title": "Tập huấn chữ ký số",
        "topic": "Chữ ký số",
        "starts_on": "13/09/2016",
        "ends_on": "12/09/2016",
        "trainees": "150",
    }
    r = c.post(f"{BASE}/tap-huan/them/", data)
    assert r.status_code == 200 and "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in r.content.decode()
    assert not Training.objects.exists()
    r = c.post(f"{BASE}/tap-huan/them/", {**data, "ends_on": "14/09/2016"})
    assert r.status_code == 302
    t = Training.objects.get()
    r = c.post(f"{BASE}/tap-huan/{t.pk}/sua/", {**data, "ends_on": "14/09/2016", "trainees": "1.150"})
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.trainees == 1150


def test_session_conflict_on_the_page(officer_khanh: Any, endpoints: Any) -> None:
    c = _client(officer_khanh)
    data = {
        "title": "Hội nghị trực tuyến",
        "host": endpoints["93"].pk,
        "endpoints": [endpoints["930"].pk],
        "starts_at": "10/06/2016 08:00",
        "ends_at": "10/06/2016 11:00",
    }
    assert c.post(f"{BASE}/hop-truc-tuyen/them/", data).status_code == 302
    r = c.post(
        f"{BASE}/hop-truc-tuyen/them/", {**data, "host": endpoints["936"].pk, "starts_at": "10/06/2016 10:30"}
    )
    assert r.status_code == 200
    assert "Trùng lịch điểm cầu: Điểm cầu UBND thành phố Vị Thanh" in r.content.decode()
    assert ConferenceSession.objects.count() == 1


def test_overview_and_export(officer_khanh: Any, director_em: Any) -> None:
    activities_demo_load()
    c = _client(director_em)
    page = c.get(f"{BASE}/", {"year": 2016}).content.decode()
    assert "15 cuộc tại 8/8 huyện" in page and "150.000.000 đồng" in page and "6 lớp" in page
    r = c.get(f"{BASE}/trien-lam/", {"year": 2016, "export": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 15 and sum(row[-1] for row in rows) > 19_000


def test_the_overview_opens_on_the_latest_year_with_records(director_em: Any) -> None:
    """With the 2016–2017 demo and today's year empty, the page opens on the latest year that has
    records (not on an empty current year); a record in the current year moves it there."""
    import datetime as dt

    from tinhso.activities.models import Event, Exhibition, Publication

    activities_demo_load()
    c = _client(director_em)
    latest = max(
        d.year
        for qs, f in (
            (Event.objects, "starts_on"),
            (Exhibition.objects, "starts_on"),
            (Publication.objects, "issued_on"),
        )
        for d in qs.dates(f, "year")
    )
    this_year = dt.date.today().year  # noqa: DTZ011
    assert latest < this_year
    assert f"<h1>Hoạt động thông tin, tuyên truyền năm {latest}</h1>" in c.get(f"{BASE}/").content.decode()
    assert f"năm {this_year}</h1>" in c.get(f"{BASE}/", {"year": this_year}).content.decode()
    event = Event.objects.order_by("pk").first()
    assert event is not None
    Event.objects.filter(pk=event.pk).update(starts_on=dt.date(this_year, 1, 5))
    assert f"<h1>Hoạt động thông tin, tuyên truyền năm {this_year}</h1>" in c.get(f"{BASE}/").content.decode()
