"""Demo inspections of Hậu Giang 2015–2017, written through the services.

The 2016 figures are those of the department's year-end review: 9 inspections (2 more than the plan of
7) in post and telecom, Internet, publishing and radio frequencies; 25 violations; 64.000.000 đồng of
fines, all paid into the state budget. Names, dates and the split per inspection are invented.
The records are in ``data/demo.json``. Idempotent: a plan whose year exists is kept; an inspection whose
decision number already exists in its year is skipped whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from tinhso.backoffice.demo_records import demo_data, records_ensure, section_rows
from tinhso.inspections.models import Inspection, InspectionPlan
from tinhso.inspections.services import decision_create, inspection_create, plan_set, violation_create

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo.json"
DATA: dict[str, Any] = demo_data(DATA_FILE)


@dataclass
class InspectionsDemoResult:
    plans_created: int = 0
    inspections_created: int = 0
    violations_created: int = 0
    decisions_created: int = 0
    skipped: int = 0


def inspections_demo_load(*, actor: Any = None) -> InspectionsDemoResult:
    """Load the demo plans and inspections. Needs the administrative units (``geo``)."""
    result = InspectionsDemoResult()

    def create(*, actor: Any, violations: list[dict[str, Any]], **values: Any) -> Inspection:
        inspection = inspection_create(actor=actor, **values)
        for v in violations:
            _violation_load(actor=actor, inspection=inspection, v=v)
        result.violations_created += len(violations)
        result.decisions_created += len(violations)
        return inspection

    with transaction.atomic():
        plans = records_ensure(
            actor=actor,
            model=InspectionPlan,
            rows=DATA["plans"],
            natural_key=("year",),
            create=plan_set,
            nested=("counts",),
        )
        inspections = records_ensure(
            actor=actor,
            model=Inspection,
            rows=section_rows(DATA["inspections"]),
            natural_key=lambda v: {"year": v["start_date"].year, "decision_number": v["decision_number"]},
            create=create,
            on="start_date",
            nested=("violations",),
        )
    result.plans_created = plans.created
    result.inspections_created, result.skipped = inspections.created, inspections.skipped
    return result


def _violation_load(*, actor: Any, inspection: Inspection, v: dict[str, Any]) -> None:
    """A violation found on the inspection's first day, and its sanction decision a week after the end:
    a fine (paid within the 10 days allowed unless ``paid`` is false) or, without one, a warning."""
    act = DATA["acts"][v["act"]]
    texts = DATA["sanctions"]
    violation = violation_create(
        actor=actor,
        inspection=inspection,
        violator=v["violator"],
        violator_kind=v["violator_kind"],
        act=act["act"],
        occurred_on=inspection.start_date,
        provision=act["provision"],
    )
    decided_on = inspection.end_date + dt.timedelta(days=7)
    fined = v["fine"] > 0
    paid = fined and v.get("paid", True)
    decision_create(
        actor=actor,
        violation=violation,
        number=v["number"],
        decided_on=decided_on,
        record_number=v["record_number"],
        decider=texts["decider"],
        penalty="phat_tien" if fined else "canh_cao",
        fine_amount=v["fine"],
        remedies=texts["remedies"] if fined else "",
        payment_deadline=decided_on + dt.timedelta(days=10) if fined else None,
        payment_place=texts["payment_place"] if fined else "",
        payment_status=("da_nop" if paid else "chua_nop") if fined else "khong_ap_dung",
        paid_on=decided_on + dt.timedelta(days=6) if paid else None,
        circumstances=texts["circumstances"] if not fined else "",
    )
