"""Demo emulation movements and awards of Hậu Giang 2015–2017, written through the services.

From the 2016 review: on 27/12/2016 the department gave Giấy khen to 6 collectives — district radio
stations (Đài Truyền thanh) and culture and information offices (Phòng Văn hóa - Thông tin) — for
2016, and launched the emulation movement of 2017. Which six, the decision numbers and the individual
awards are invented. Recipients are linked to the demo agencies when those are loaded.
The records are in ``data/demo.json``. Idempotent: movements by (year, title), decisions by (year, number).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from tinhso.backoffice.demo_records import demo_data, records_ensure, section_rows
from tinhso.emulation.models import AwardDecision, Movement
from tinhso.emulation.services import RecipientInput, award_decision_create, movement_create
from tinhso.org.models import Agency

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo.json"
DATA: dict[str, Any] = demo_data(DATA_FILE)


@dataclass
class EmulationDemoResult:
    movements_created: int = 0
    decisions_created: int = 0
    skipped: int = 0


def _recipients(rows: list[dict[str, Any]]) -> list[RecipientInput]:
    """The recipients of a decision; a collective is linked to the agency of its code when it is loaded."""
    codes = [r["agency"] for r in rows if "agency" in r]
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    return [RecipientInput(**{**r, "agency": agencies.get(r.get("agency", ""))}) for r in rows]


def emulation_demo_load(*, actor: Any = None) -> EmulationDemoResult:
    r = EmulationDemoResult()
    with transaction.atomic():
        movements = records_ensure(
            actor=actor,
            model=Movement,
            rows=section_rows(DATA["movements"]),
            natural_key=("year", "title"),
            create=movement_create,
        )
        by_title = {m.title: m for m in movements.records}

        def create(
            *, actor: Any, movement: str, recipients: list[dict[str, Any]], **values: Any
        ) -> AwardDecision:
            return award_decision_create(
                actor=actor, movement=by_title[movement], recipients=_recipients(recipients), **values
            )

        decisions = records_ensure(
            actor=actor,
            model=AwardDecision,
            rows=section_rows(DATA["award_decisions"]),
            natural_key=lambda v: {"year": v["decided_on"].year, "number": v["number"]},
            create=create,
            nested=("movement", "recipients"),
        )
    r.movements_created, r.decisions_created = movements.created, decisions.created
    r.skipped = movements.skipped + decisions.skipped
    return r
