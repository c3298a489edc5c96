"""Reads shared by the inspection pages and the API: lists with filters, and totals against the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from tinhso.inspections.models import (
    Field,
    Inspection,
    InspectionBasis,
    InspectionPlan,
    PaymentStatus,
    PlanLine,
    SanctionDecision,
    Violation,
)


def inspection_list(
    *,
    year: int | None = None,
    field: str | None = None,
    basis: str | None = None,
    district_id: int | None = None,
) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("district").annotate(
        violation_count=Count("violations", distinct=True),
        fine_total=Sum("violations__decision__fine_amount"),
    )
    if year:
        qs = qs.filter(year=year)
    if field:
        qs = qs.filter(field=field)
    if basis:
        qs = qs.filter(basis=basis)
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs.order_by("-start_date", "-id")


def violation_list(*, year: int | None = None, inspection_id: int | None = None) -> QuerySet[Violation]:
    qs = Violation.objects.select_related("inspection", "decree", "decision")
    if year:
        qs = qs.filter(inspection__year=year)
    if inspection_id:
        qs = qs.filter(inspection_id=inspection_id)
    return qs.order_by("inspection__start_date", "id")


def decision_list(
    *, year: int | None = None, payment_status: str | None = None, inspection_id: int | None = None
) -> QuerySet[SanctionDecision]:
    qs = SanctionDecision.objects.select_related("violation", "violation__inspection")
    if year:
        qs = qs.filter(year=year)
    if payment_status:
        qs = qs.filter(payment_status=payment_status)
    if inspection_id:
        qs = qs.filter(violation__inspection_id=inspection_id)
    return qs.order_by("decided_on", "id")


@dataclass
class FieldRow:
    field: str
    label: str
    planned: int = 0
    conducted: int = 0


@dataclass
class YearSummary:
    """Totals of one year: inspections conducted against the plan, violations, fines."""

    year: int
    planned: int
    conducted: int
    conducted_planned: int
    conducted_ad_hoc: int
    violations: int
    decisions: int
    fines_decided: int
    fines_paid: int
    fines_unpaid: int
    by_field: list[FieldRow] = field(default_factory=list)

    @property
    def over_plan(self) -> int:
        return self.conducted - self.planned

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "planned": self.planned,
            "conducted": self.conducted,
            "conducted_planned": self.conducted_planned,
            "conducted_ad_hoc": self.conducted_ad_hoc,
            "over_plan": self.over_plan,
            "violations": self.violations,
            "decisions": self.decisions,
            "fines_decided": self.fines_decided,
            "fines_paid": self.fines_paid,
            "fines_unpaid": self.fines_unpaid,
            "by_field": [
                {"field": r.field, "label": r.label, "planned": r.planned, "conducted": r.conducted}
                for r in self.by_field
            ],
        }


def year_summary(*, year: int) -> YearSummary:
    """Inspections of ``year`` (by start date) against its plan; violations found in them; fines of
    the decisions on those violations, and how much of it has been paid to the state budget.
    Four queries."""
    planned_by_field = dict(PlanLine.objects.filter(plan__year=year).values_list("field", "planned_count"))
    conducted_rows = (
        Inspection.objects.filter(year=year).values("field", "basis").annotate(n=Count("id")).order_by()
    )
    conducted_by_field: dict[str, int] = {}
    conducted_planned = conducted_ad_hoc = 0
    for row in conducted_rows:
        conducted_by_field[row["field"]] = conducted_by_field.get(row["field"], 0) + row["n"]
        if row["basis"] == InspectionBasis.PLANNED:
            conducted_planned += row["n"]
        else:
            conducted_ad_hoc += row["n"]
    violations = Violation.objects.filter(inspection__year=year).count()
    fines = SanctionDecision.objects.filter(violation__inspection__year=year).aggregate(
        decisions=Count("id"),
        decided=Sum("fine_amount"),
        paid=Sum("fine_amount", filter=Q(payment_status=PaymentStatus.PAID)),
    )
    by_field = [
        FieldRow(
            field=value,
            label=label,
            planned=planned_by_field.get(value, 0),
            conducted=conducted_by_field.get(value, 0),
        )
        for value, label in Field.choices
        if planned_by_field.get(value) or conducted_by_field.get(value)
    ]
    decided = fines["decided"] or 0
    paid = fines["paid"] or 0
    return YearSummary(
        year=year,
        planned=sum(planned_by_field.values()),
        conducted=sum(conducted_by_field.values()),
        conducted_planned=conducted_planned,
        conducted_ad_hoc=conducted_ad_hoc,
        violations=violations,
        decisions=fines["decisions"],
        fines_decided=decided,
        fines_paid=paid,
        fines_unpaid=decided - paid,
        by_field=by_field,
    )


def plan_for_year(*, year: int) -> InspectionPlan | None:
    return InspectionPlan.objects.prefetch_related("lines").filter(year=year).first()


def default_year(today: int) -> int:
    """The year a page opens on: ``today`` when it has an inspection or a plan, else the latest earlier
    year that has one (a province starting on the platform, or the 2016–2017 demo), else ``today``."""
    years = set(Inspection.objects.filter(year__lte=today).values_list("year", flat=True).distinct()) | set(
        InspectionPlan.objects.filter(year__lte=today).values_list("year", flat=True)
    )
    return today if today in years or not years else max(years)
