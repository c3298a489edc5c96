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
import json
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
from tinhso.geo.models import Unit
from tinhso.geo.selectors import unit_valid_on

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo.json"
DATA: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
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


def _unit(code: str, on: dt.date) -> Unit:
    unit = unit_valid_on(code, on)
    if unit is None:
        raise LookupError(f"Chưa có đơn vị hành chính {code}: hãy nạp dữ liệu địa giới trước.")
    return unit


def _rows(section: Any) -> list[dict[str, Any]]:
    """The records of a section: a list, or ``{"defaults": {…}, "rows": […]}``."""
    if isinstance(section, list):
        return section
    return [{**section.get("defaults", {}), **row} for row in section["rows"]]


def _values(model: type[models.Model], row: dict[str, Any], on: dt.date | None = None) -> dict[str, Any]:
    """The JSON values of ``row`` as the model's: dates parsed, units (GSO codes) looked up on ``on``
    (by default the record's start)."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    out: dict[str, Any] = {}
    for name, value in row.items():
        field = fields[name]
        if not field.is_relation:
            out[name] = field.to_python(value)
    for name, value in row.items():
        if fields[name].is_relation:
            out[name] = None if value is None else _unit(str(value), on or out["starts_on"])
    return out


def activities_demo_load(*, actor: Any = None) -> ActivitiesDemoResult:
    """Load the demo activities. Needs the administrative units (``geo``)."""
    r = ActivitiesDemoResult()
    with transaction.atomic():
        for key, model, natural_key, create in REGISTERS:
            for row in _rows(DATA[key]):
                values = _values(model, row)
                if model._default_manager.filter(**{k: values[k] for k in natural_key}).exists():
                    r.skipped += 1
                else:
                    create(actor=actor, **values)
                    r.created += 1
        endpoints = _endpoints(actor=actor, r=r)
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
    return r


def _endpoints(*, actor: Any, r: ActivitiesDemoResult) -> list[Endpoint]:
    """The endpoints of the network, UBND tỉnh first (the host of the demo sessions)."""
    section = DATA["endpoints"]
    on = dt.date.fromisoformat(section["units_on"])
    rows: list[Endpoint] = []
    for row in section["rows"]:
        existing = Endpoint.objects.filter(name=row["name"]).first()
        if existing is not None:
            r.skipped += 1
            rows.append(existing)
            continue
        rows.append(endpoint_create(actor=actor, **_values(Endpoint, row, on)))
        r.created += 1
    return rows
