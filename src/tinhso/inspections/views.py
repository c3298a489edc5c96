"""Back-office pages of inspections: registers (inspections, violations, sanction decisions), an
inspection's page with its violations and decisions, the plan and the totals of a year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tinhso.backoffice.registers import Register, YearFilterForm, col, model_form, register_for
from tinhso.core.errors import DomainError
from tinhso.geo.models import UnitLevel
from tinhso.geo.selectors import units_valid_on
from tinhso.inspections import selectors, services
from tinhso.inspections.models import (
    Field,
    Inspection,
    InspectionBasis,
    PaymentStatus,
    SanctionDecision,
    Violation,
)

APP = "inspections"
POLICY = services.POLICY


def _districts() -> Any:
    from tinhso.geo.models import Unit

    return Unit.objects.filter(level=UnitLevel.DISTRICT).order_by("code", "valid_from")


class InspectionFilter(YearFilterForm):
    field = forms.ChoiceField(label="Lĩnh vực", required=False, choices=[("", "Tất cả"), *Field.choices])
    basis = forms.ChoiceField(
        label="Căn cứ", required=False, choices=[("", "Tất cả"), *InspectionBasis.choices]
    )


class ViolationFilter(YearFilterForm):
    inspection_id = forms.IntegerField(label="Mã cuộc", required=False, widget=forms.HiddenInput)


class DecisionFilter(YearFilterForm):
    payment_status = forms.ChoiceField(
        label="Nộp phạt", required=False, choices=[("", "Tất cả"), *PaymentStatus.choices]
    )


ViolationForm = model_form(
    Violation,
    ("inspection", *services.VIOLATION_FIELDS),
    name="ViolationForm",
    labels={"decree": "Nghị định (để trống: tự chọn theo ngày vi phạm)"},
)
ViolationForm.base_fields["decree"].required = False
DecisionForm = model_form(SanctionDecision, ("violation", *services.DECISION_FIELDS), name="DecisionForm")
DecisionEditForm = model_form(SanctionDecision, services.DECISION_FIELDS, name="DecisionEditForm")


def _inspection_url(obj: Inspection) -> str:
    return reverse("inspections:inspection_detail", args=[obj.pk])


INSPECTIONS = register_for(
    services.INSPECTION_WRITES,
    create=services.inspection_create,
    querysets={"district": _districts()},
    slug="cuoc-thanh-tra",
    name="inspection",
    title="Cuộc thanh tra, kiểm tra",
    singular="cuộc thanh tra, kiểm tra",
    filter_form=InspectionFilter,
    columns=[
        col("Đối tượng", "subject"),
        col("Lĩnh vực", "get_field_display"),
        col("Hình thức", "get_kind_display"),
        col("Căn cứ", "get_basis_display"),
        col("Địa bàn", "district.name"),
        col("Từ ngày", "start_date", "date"),
        col("Đến ngày", "end_date", "date"),
        col("Trạng thái", "get_status_display"),
        col("Số vi phạm", "violation_count", "int"),
        col("Tiền phạt", "fine_total", "money"),
    ],
    selector=selectors.inspection_list,
    search=lambda o: f"{o.subject} {o.team_leader} {o.decision_number} {o.conclusion}",
    detail_url=_inspection_url,
    extra_links=[
        ("Kế hoạch và tổng hợp", "inspections:summary"),
        ("Vi phạm", "inspections:violation_list"),
        ("Quyết định xử phạt", "inspections:decision_list"),
    ],
)
VIOLATIONS = Register(
    slug="vi-pham",
    name="violation",
    title="Vi phạm",
    singular="vi phạm",
    model=Violation,
    policy=POLICY,
    form_class=ViolationForm,
    filter_form=ViolationFilter,
    columns=[
        col("Tổ chức, cá nhân vi phạm", "violator"),
        col("Hành vi", "act"),
        col("Ngày vi phạm", "occurred_on", "date"),
        col("Điều khoản", "provision"),
        col("Nghị định", "decree.code"),
        col("Cuộc thanh tra, kiểm tra", "inspection"),
    ],
    selector=selectors.violation_list,
    create=services.violation_create,
    update=lambda actor, obj, changes: services.violation_update(
        actor=actor, violation=obj, changes={k: v for k, v in changes.items() if k != "inspection"}
    ),
    search=lambda o: f"{o.violator} {o.act} {o.provision}",
    detail_url=lambda o: _inspection_url(o.inspection),
)
DECISIONS = register_for(
    services.DECISION_WRITES,
    create=services.decision_create,
    form_class=DecisionForm,
    edit_form=DecisionEditForm,
    slug="quyet-dinh-xu-phat",
    name="decision",
    title="Quyết định xử phạt vi phạm hành chính",
    singular="quyết định xử phạt",
    filter_form=DecisionFilter,
    columns=[
        col("Số quyết định", "number"),
        col("Ngày", "decided_on", "date"),
        col("Vi phạm", "violation.violator"),
        col("Hình thức", "get_penalty_display"),
        col("Tiền phạt", "fine_amount", "money"),
        col("Hạn nộp", "payment_deadline", "date"),
        col("Nộp phạt", "get_payment_status_display"),
        col("Ngày nộp", "paid_on", "date"),
    ],
    selector=selectors.decision_list,
    search=lambda o: f"{o.number} {o.violation.violator} {o.record_number}",
    detail_url=lambda o: _inspection_url(o.violation.inspection),
    export_sheet="Quyết định xử phạt",
)
REGISTERS = [INSPECTIONS, VIOLATIONS, DECISIONS]


def _read(request: HttpRequest) -> None:
    if not POLICY.can_read(request.user):
        raise PermissionDenied("Bạn không có quyền xem dữ liệu thanh tra, kiểm tra.")


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _read(request)
    inspection = get_object_or_404(Inspection.objects.select_related("district"), pk=pk)
    violations = list(selectors.violation_list(inspection_id=pk))
    fines = sum(v.decision.fine_amount for v in violations if hasattr(v, "decision"))
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "violations": violations,
            "fines": fines,
            "can_edit": POLICY.can_edit(request.user),
        },
    )


class PlanForm(forms.Form):
    decision_number = forms.CharField(label="Số quyết định phê duyệt", required=False, max_length=40)
    decision_date = forms.DateField(
        label="Ngày phê duyệt",
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Field.choices:
            self.fields[f"count_{value}"] = forms.IntegerField(
                label=label, min_value=0, max_value=500, initial=0, required=False
            )


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """The totals of a year against its plan; the inspector can set the plan here."""
    _read(request)
    try:
        this_year = dt.date.today().year  # noqa: DTZ011
        year = int(request.GET.get("year") or request.POST.get("year") or selectors.default_year(this_year))
    except ValueError:
        year = selectors.default_year(dt.date.today().year)  # noqa: DTZ011
    plan = selectors.plan_for_year(year=year)
    initial: dict[str, Any] = (
        {"decision_number": plan.decision_number, "decision_date": plan.decision_date} if plan else {}
    )
    if plan:
        initial.update({f"count_{line.field}": line.planned_count for line in plan.lines.all()})
    form = PlanForm(request.POST or None, initial=initial)
    can_edit = POLICY.can_edit(request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn không có quyền cập nhật dữ liệu thanh tra, kiểm tra.")
        if form.is_valid():
            counts = {v: form.cleaned_data.get(f"count_{v}") or 0 for v in Field.values}
            try:
                services.plan_set(
                    actor=request.user,
                    year=year,
                    counts=counts,
                    decision_number=form.cleaned_data["decision_number"],
                    decision_date=form.cleaned_data["decision_date"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Đã lưu kế hoạch năm {year}.")
                return redirect(f"{reverse('inspections:summary')}?year={year}")
    return render(
        request,
        "inspections/summary.html",
        {
            "year": year,
            "s": selectors.year_summary(year=year),
            "plan": plan,
            "form": form,
            "can_edit": can_edit,
            "years": list(range(2015, dt.date.today().year + 2)),  # noqa: DTZ011
            "districts": units_valid_on(dt.date(year, 12, 31), level=UnitLevel.DISTRICT),
        },
    )
