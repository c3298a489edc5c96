"""Inspections over the API (``/api/v1/inspections/…``): plans, inspections, violations, sanction
decisions, fine payments and the totals of a year. Staff session required; the inspector writes,
the director reads."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from tinhso.api.fields import Id, Year
from tinhso.backoffice.apiroutes import ERRORS, add_register_routes, get_or_404
from tinhso.inspections import selectors, services
from tinhso.inspections.models import SanctionDecision

router = Router(tags=["Thanh tra, kiểm tra"], auth=django_auth)
POLICY = services.POLICY

add_register_routes(
    router,
    path="/inspections",
    writes=services.INSPECTION_WRITES,
    label="cuộc thanh tra, kiểm tra",
    list_selector=selectors.inspection_list,
    filters={"year": Year, "field": str, "basis": str, "district_id": Id},
    create=services.inspection_create,
)
add_register_routes(
    router,
    path="/violations",
    writes=services.VIOLATION_WRITES,
    label="vi phạm",
    create_fields=("inspection", *services.VIOLATION_FIELDS),
    optional_fields=("decree",),
    list_selector=selectors.violation_list,
    filters={"year": Year, "inspection_id": Id},
    create=services.violation_create,
    update=lambda *, actor, obj, changes: services.violation_update(
        actor=actor, violation=obj, changes=changes
    ),
)
DecisionOut = add_register_routes(
    router,
    path="/decisions",
    writes=services.DECISION_WRITES,
    label="quyết định xử phạt",
    create_fields=("violation", *services.DECISION_FIELDS),
    list_selector=selectors.decision_list,
    filters={"year": Year, "payment_status": str, "inspection_id": Id},
    create=services.decision_create,
)


class PaymentIn(Schema):
    paid_on: dt.date


@router.post(
    "/decisions/{item_id}/payment",
    response={200: DecisionOut, **ERRORS},
    summary="Ghi nhận đã nộp tiền phạt vào ngân sách Nhà nước",
)
def decision_payment(request: HttpRequest, item_id: int, payload: PaymentIn) -> SanctionDecision:
    POLICY.ensure_edit(request.user)
    decision = get_or_404(SanctionDecision, item_id, "quyết định xử phạt")
    return services.decision_record_payment(actor=request.user, decision=decision, paid_on=payload.paid_on)


class PlanIn(Schema):
    counts: dict[str, int]
    decision_number: str = ""
    decision_date: dt.date | None = None
    note: str = ""


class FieldRowOut(Schema):
    field: str
    label: str
    planned: int
    conducted: int


class SummaryOut(Schema):
    year: int
    planned: int
    conducted: int
    conducted_planned: int
    conducted_ad_hoc: int
    over_plan: int
    violations: int
    decisions: int
    fines_decided: int
    fines_paid: int
    fines_unpaid: int
    by_field: list[FieldRowOut]


@router.put(
    "/plans/{year}", response={200: SummaryOut, **ERRORS}, summary="Đặt kế hoạch thanh tra, kiểm tra năm"
)
def plan_put(request: HttpRequest, year: Year, payload: PlanIn) -> dict[str, object]:
    services.plan_set(
        actor=request.user,
        year=year,
        counts=payload.counts,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        note=payload.note,
    )
    return selectors.year_summary(year=year).as_dict()


@router.get(
    "/summary/{year}",
    response={200: SummaryOut, **ERRORS},
    summary="Tổng hợp năm: số cuộc so với kế hoạch, vi phạm, tiền phạt",
)
def summary(request: HttpRequest, year: Year) -> dict[str, object]:
    POLICY.ensure_read(request.user)
    return selectors.year_summary(year=year).as_dict()
