"""Demo activities of Hậu Giang 2015–2017, written through the services.

From the 2016 review: the gathering of journalists and artists (Xuân Bính Thân 2016, more than 200
delegates); Ngày sách Việt Nam lần thứ 2 (about 5.000 readers); the UPU letter-writing contest (46th);
the sports day and anniversary of 28/8; 15 exhibitions “Hoàng Sa, Trường Sa của Việt Nam - Những bằng
chứng lịch sử và pháp lý” in 8/8 districts with more than 19.000 visitors; 180.000 leaflets on digital
terrestrial TV; 500 handbooks on external information; the 150.000.000 đồng campaign against
information poverty with Báo Hậu Giang and Đài Phát thanh - Truyền hình; 6 training classes (3 in 2015)
with more than 700 trainees; the Al Jazeera (Qatar) visit to xã Vĩnh Viễn A, huyện Long Mỹ; the
video-conference network of UBND tỉnh and the 8 districts. Dates, places and splits are invented.
The records are in ``data/demo.json``. Idempotent: each record is looked up by its natural key (title and
date, or name) first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction

from tinhso.activities.models import (
    Campaign,
    ConferenceSession,
    Endpoint,
    Event,
    Exhibition,
    PressVisit,
    Publication,
    Training,
)
from tinhso.activities.services import (
    campaign_create,
    endpoint_create,
    event_create,
    exhibition_create,
    press_visit_create,
    publication_create,
    session_record_attendance,
    session_schedule,
    training_create,
)
from tinhso.backoffice.demo_records import demo_data, records_ensure, section_rows

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo.json"
DATA: dict[str, Any] = demo_data(DATA_FILE)
EXHIBITION_TITLE: str = DATA["exhibitions"]["defaults"]["title"]

# (key in the data, model, natural key, create service), in the order of loading.
REGISTERS: list[tuple[str, type[models.Model], tuple[str, ...], Callable[..., Any]]] = [
    ("events", Event, ("title", "starts_on"), event_create),
    ("exhibitions", Exhibition, ("title", "district", "starts_on"), exhibition_create),
    ("publications", Publication, ("title", "issued_on"), publication_create),
    ("campaigns", Campaign, ("title",), campaign_create),
    ("trainings", Training, ("title", "starts_on"), training_create),
    ("press_visits", PressVisit, ("outlet",), press_visit_create),
]


@dataclass
class ActivitiesDemoResult:
    created: int = 0
    skipped: int = 0


def activities_demo_load(*, actor: Any = None) -> ActivitiesDemoResult:
    """Load the demo activities. Needs the administrative units (``geo``)."""
    r = ActivitiesDemoResult()
    with transaction.atomic():
        for key, model, natural_key, create in REGISTERS:
            loaded = records_ensure(
                actor=actor, model=model, rows=section_rows(DATA[key]), natural_key=natural_key, create=create
            )
            r.created += loaded.created
            r.skipped += loaded.skipped
        section = DATA["endpoints"]
        endpoints = records_ensure(
            actor=actor,
            model=Endpoint,
            rows=section["rows"],
            natural_key=("name",),
            create=endpoint_create,
            on=dt.date.fromisoformat(section["units_on"]),
        )
        r.created += endpoints.created
        r.skipped += endpoints.skipped
        _sessions(actor=actor, endpoints=endpoints.records, r=r)
    return r


def _sessions(*, actor: Any, endpoints: list[Endpoint], r: ActivitiesDemoResult) -> None:
    """The demo sessions, hosted by the first endpoint (UBND tỉnh) with all the others."""
    for s in DATA["sessions"]:
        starts_at = dt.datetime.fromisoformat(s["starts_at"])
        if ConferenceSession.objects.filter(title=s["title"], starts_at=starts_at).exists():
            r.skipped += 1
            continue
        r.created += 1
        session = session_schedule(
            actor=actor,
            title=s["title"],
            chaired_by=s["chaired_by"],
            host=endpoints[0],
            endpoints=endpoints[1:],
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=s["hours"]),
        )
        session_record_attendance(
            actor=actor,
            session=session,
            attendance={ep.pk: (n, True) for ep, n in zip(endpoints, s["attendees"], strict=True)},
        )
