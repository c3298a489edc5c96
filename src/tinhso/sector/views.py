"""Back-office pages of telecom indicators (thin: read the input, call a service or selector, render)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from tinhso.core.errors import DomainError
from tinhso.geo.selectors import district_boundaries
from tinhso.sector import selectors
from tinhso.sector.charts import bar_chart, choropleth, column_chart
from tinhso.sector.excel import XLSX_CONTENT_TYPE, ReportFileRejected, read_reports, reports_workbook
from tinhso.sector.excel import template_workbook as build_template
from tinhso.sector.forms import ImportForm, OperatorForm, ReportEditForm, ReportForm, TargetForm
from tinhso.sector.models import Indicator, IndicatorReport, Operator, Period, Target
from tinhso.sector.permissions import can_edit_sector, can_read_sector
from tinhso.sector.services import (
    operator_create,
    operator_update,
    report_create,
    report_update,
    reports_import,
    target_set,
)

View = Callable[..., HttpResponse]


def _reader(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read_sector(request.user):
            raise PermissionDenied("Bạn không có quyền xem số liệu quản lý ngành.")
        return view(request, *args, **kwargs)

    return wrapped


def _editor(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_edit_sector(request.user):
            raise PermissionDenied("Chỉ cán bộ quản lý ngành được cập nhật số liệu viễn thông.")
        return view(request, *args, **kwargs)

    return wrapped


def _int(value: str | None, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_reader
def dashboard(request: HttpRequest) -> HttpResponse:
    years = selectors.report_years()
    year = _int(request.GET.get("year"), years[0] if years else timezone.localdate().year) or 0
    indicator = request.GET.get("indicator") or Indicator.TELEPHONE
    if indicator not in Indicator.values:
        indicator = Indicator.TELEPHONE
    measure = request.GET.get("measure") or ("value" if indicator == Indicator.BTS else "density")
    if measure not in ("value", "density"):
        measure = "value"
    overview = selectors.province_figures(year)
    by_district = selectors.district_figures(year, indicator)
    label = str(Indicator(indicator).label)
    per100 = measure == "density"
    values: dict[str, Decimal | float | int | None] = {
        f.code: (f.density if per100 else f.value) for f in by_district
    }
    title = f"{label}{' trên 100 dân' if per100 else ''} năm {year}"
    map_svg = choropleth(
        district_boundaries(),
        values,
        {f.code: f.name for f in by_district},
        title=title,
        decimals=2 if per100 else 0,
    )
    bars = bar_chart(
        [(f.name, values[f.code] or 0) for f in by_district], title=title, decimals=2 if per100 else 0
    )
    series = selectors.yearly_series(indicator)
    columns = column_chart([(str(y), v) for y, v in series], title=f"{label} toàn tỉnh theo năm")
    context = {
        "years": years or [year],
        "year": year,
        "indicator": indicator,
        "indicators": Indicator.choices,
        "measure": measure,
        "overview": overview,
        "by_district": by_district,
        "map_svg": map_svg,
        "bars": bars,
        "columns": columns,
        "label": label,
        "can_edit": can_edit_sector(request.user),
    }
    return render(request, "sector/dashboard.html", context)


@_reader
def report_list(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"))
    period = _int(request.GET.get("period"))
    operator = request.GET.get("operator") or None
    district = request.GET.get("district") or None
    qs = selectors.report_list(year=year, period=period, operator=operator, district=district)
    if request.GET.get("export") == "xlsx":
        return _xlsx(reports_workbook(qs), f"bao-cao-vien-thong{'-' + str(year) if year else ''}.xlsx")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "year": year,
        "period": period,
        "operator": operator,
        "district": district,
        "years": selectors.report_years(),
        "periods": Period.choices,
        "operators": selectors.operators(),
        "districts": selectors.districts(
            year or (selectors.report_years() or [timezone.localdate().year])[0]
        ),
        "query": query.urlencode(),
        "can_edit": can_edit_sector(request.user),
    }
    return render(request, "sector/report_list.html", context)


@_editor
def report_create_view(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            report = report_create(
                actor=request.user,
                year=form.cleaned_data["year"],
                period=form.cleaned_data["period"],
                operator=form.cleaned_data["operator"],
                district=form.cleaned_data["district"],
                values=form.values(),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã lưu báo cáo: {report}.")
            return redirect("sector:report_list")
    return render(
        request,
        "sector/form.html",
        {"form": form, "title": "Thêm báo cáo chỉ tiêu viễn thông", "back": reverse("sector:report_list")},
    )


@_editor
def report_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(IndicatorReport.objects.select_related("operator", "district"), pk=pk)
    form = ReportEditForm.for_report(report, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            values = {k: v for k, v in form.cleaned_data.items() if k != "note"}
            report_update(actor=request.user, report=report, values=values, note=form.cleaned_data["note"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã cập nhật báo cáo: {report}.")
            return redirect("sector:report_list")
    return render(
        request,
        "sector/form.html",
        {"form": form, "title": f"Sửa báo cáo: {report}", "back": reverse("sector:report_list")},
    )


@_reader
def template_download(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"), timezone.localdate().year) or timezone.localdate().year
    return _xlsx(build_template(year=year), f"mau-bao-cao-vien-thong-{year}.xlsx")


@_editor
def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_reports(upload, file_name=upload.name or "")
            summary = reports_import(actor=request.user, rows=rows, file_name=upload.name or "")
        except ReportFileRejected as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
            status = 400
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            messages.success(
                request,
                f"Đã nhập {summary.total} dòng: thêm {summary.created}, cập nhật {summary.updated}, "
                f"không đổi {summary.unchanged}.",
            )
            return redirect("sector:report_list")
    elif request.method == "POST":
        status = 400
    context = {"form": form, "errors": errors, "year": timezone.localdate().year}
    return render(request, "sector/import.html", context, status=status)


@_reader
def target_list(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"))
    targets = list(selectors.target_list(year=year))
    rows = [(t, selectors.target_figure(t)) for t in targets]
    return render(
        request,
        "sector/target_list.html",
        {"rows": rows, "year": year, "can_edit": can_edit_sector(request.user)},
    )


@_editor
def target_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    target = get_object_or_404(Target, pk=pk) if pk else None
    initial = (
        {
            "year": target.year,
            "unit": target.unit,
            "indicator": target.indicator,
            "mode": target.mode,
            "value": target.value,
            "note": target.note,
        }
        if target
        else {"year": timezone.localdate().year}
    )
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            target_set(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã lưu chỉ tiêu.")
            return redirect("sector:target_list")
    return render(
        request,
        "sector/form.html",
        {"form": form, "title": "Chỉ tiêu kế hoạch", "back": reverse("sector:target_list")},
    )


@_reader
def operator_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sector/operator_list.html",
        {"operators": selectors.operators(), "can_edit": can_edit_sector(request.user)},
    )


@_editor
def operator_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    operator = get_object_or_404(Operator, pk=pk) if pk else None
    initial = (
        {
            "code": operator.code,
            "name": operator.name,
            "short_name": operator.short_name,
            "kind": operator.kind,
            "order": operator.order,
            "is_active": operator.is_active,
        }
        if operator
        else {"is_active": True, "order": 0}
    )
    form = OperatorForm(request.POST or None, initial=initial)
    if operator is not None:
        form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if operator is None:
                operator_create(
                    actor=request.user,
                    code=data["code"],
                    name=data["name"],
                    short_name=data["short_name"],
                    kind=data["kind"],
                    order=data["order"],
                )
            else:
                operator_update(
                    actor=request.user,
                    operator=operator,
                    name=data["name"],
                    short_name=data["short_name"],
                    kind=data["kind"],
                    is_active=data["is_active"],
                    order=data["order"],
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã lưu doanh nghiệp.")
            return redirect("sector:operator_list")
    return render(
        request,
        "sector/form.html",
        {"form": form, "title": "Doanh nghiệp viễn thông", "back": reverse("sector:operator_list")},
    )
