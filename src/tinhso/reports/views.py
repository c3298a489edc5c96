"""II.06a pages: the back-office report (filters, SVG chart, table, Excel) and the public statistics."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tinhso.backoffice.views import staff_required
from tinhso.catalog.models import Domain
from tinhso.core.errors import InvalidInput
from tinhso.reports.charts import stacked_bars
from tinhso.reports.excel import ii06a_workbook
from tinhso.reports.filters import ReportFilter, parse_filter
from tinhso.reports.selectors import default_year, ii06a_report, report_agencies

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter(request: HttpRequest) -> ReportFilter:
    q = request.GET
    return parse_filter(
        date_from=q.get("tu"),
        date_to=q.get("den"),
        year=q.get("nam"),
        agency=q.get("co_quan"),
        domain=q.get("linh_vuc"),
        default_year=default_year(),
    )


def _context(request: HttpRequest) -> tuple[dict[str, Any], int]:
    error = ""
    try:
        flt = _filter(request)
    except InvalidInput as exc:
        error = exc.message
        flt = parse_filter(date_from=None, date_to=None, default_year=default_year())
    report = ii06a_report(flt.period, agency_ids=flt.agency_ids, domain_ids=flt.domain_ids)
    by = report.domains if flt.domain_ids is None else report.rows_as_groups()
    chart = stacked_bars(
        [(g.name, g.counts) for g in by],
        title=f"Kết quả giải quyết hồ sơ {report.period}",
    )
    context = {
        "report": report,
        "chart": chart,
        "error": error,
        "filter": flt,
        "agencies": report_agencies(),
        "domains": list(Domain.objects.all()),
        "agency_id": flt.agency_ids[0] if flt.agency_ids else None,
        "domain_id": flt.domain_ids[0] if flt.domain_ids else None,
        "query": request.GET.urlencode(),
    }
    return context, 400 if error else 200


@staff_required
def ii06a(request: HttpRequest) -> HttpResponse:
    context, status = _context(request)
    return render(request, "reports/ii06a.html", context, status=status)


@staff_required
def ii06a_xlsx(request: HttpRequest) -> HttpResponse:
    context, status = _context(request)
    if status != 200:
        return render(request, "reports/ii06a.html", context, status=status)
    report = context["report"]
    response = HttpResponse(ii06a_workbook(report), content_type=XLSX)
    name = f"bieu-II06a-{report.period.date_from:%Y%m%d}-{report.period.date_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def statistics(request: HttpRequest) -> HttpResponse:
    """Public: the same report without the back office (aggregates only, no personal data)."""
    context, status = _context(request)
    return render(request, "reports/statistics.html", context, status=status)
