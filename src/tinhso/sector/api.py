"""Telecom indicators over the API (``/api/v1/sector/…``): reports (list, create, Excel import) and
the computed figures. Staff session required; the sector officer writes, the director reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from tinhso.core.errors import InvalidInput, NotFound
from tinhso.geo.selectors import unit_valid_on
from tinhso.sector import selectors
from tinhso.sector.excel import ReportFileRejected, read_reports
from tinhso.sector.models import Indicator, IndicatorReport, Operator
from tinhso.sector.permissions import require_sector_reader
from tinhso.sector.services import report_create, reports_import

router = Router(tags=["Quản lý ngành viễn thông"], auth=django_auth)


class ReportOut(Schema):
    id: int
    year: int
    period: int
    operator: str
    district_code: str
    district_name: str
    bts_stations: int
    fixed_subscribers: int
    mobile_subscribers: int
    fixed_broadband: int
    mobile_broadband: int


class ReportIn(Schema):
    year: int
    period: int = 0
    operator: str
    district_code: str
    bts_stations: int = 0
    fixed_subscribers: int = 0
    mobile_subscribers: int = 0
    fixed_broadband: int = 0
    mobile_broadband: int = 0
    note: str = ""


class CellErrorOut(Schema):
    row: int
    column: str
    header: str
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int


class ImportRejectedOut(Schema):
    code: str
    message: str
    errors: list[CellErrorOut]


class FigureOut(Schema):
    code: str
    name: str
    indicator: str
    year: int
    value: int
    previous: int | None
    growth: int | None
    population: int | None
    density: Decimal | None
    target: Decimal | None
    target_mode: str | None
    progress: Decimal | None


def _out(r: IndicatorReport) -> ReportOut:
    return ReportOut(
        id=r.pk,
        year=r.year,
        period=r.period,
        operator=r.operator.code,
        district_code=r.district.code,
        district_name=r.district.name,
        bts_stations=r.bts_stations,
        fixed_subscribers=r.fixed_subscribers,
        mobile_subscribers=r.mobile_subscribers,
        fixed_broadband=r.fixed_broadband,
        mobile_broadband=r.mobile_broadband,
    )


@router.get("/reports", response=list[ReportOut], summary="Danh sách báo cáo chỉ tiêu viễn thông")
def reports(
    request: HttpRequest,
    year: int | None = None,
    period: int | None = None,
    operator: str | None = None,
    district: str | None = None,
) -> list[ReportOut]:
    require_sector_reader(request.user)
    qs = selectors.report_list(year=year, period=period, operator=operator, district=district)
    return [_out(r) for r in qs[:5000]]


@router.post("/reports", response={201: ReportOut}, summary="Thêm báo cáo của một doanh nghiệp tại một huyện")
def reports_create(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    operator = Operator.objects.filter(code=payload.operator).first()
    if operator is None:
        raise NotFound(f"Không có doanh nghiệp mã “{payload.operator}”.")
    district = unit_valid_on(payload.district_code, dt.date(payload.year, 12, 31))
    if district is None:
        raise InvalidInput(f"Không có huyện mã “{payload.district_code}” trong năm {payload.year}.")
    values = payload.dict(
        include={
            "bts_stations",
            "fixed_subscribers",
            "mobile_subscribers",
            "fixed_broadband",
            "mobile_broadband",
        }
    )
    report = report_create(
        actor=request.user,
        year=payload.year,
        period=payload.period,
        operator=operator,
        district=district,
        values=values,
        note=payload.note,
    )
    return Status(201, _out(report))


@router.post(
    "/reports/import",
    response={200: ImportOut, 400: ImportRejectedOut},
    summary="Nhập báo cáo từ tệp Excel theo mẫu (tất cả hoặc không dòng nào)",
)
def reports_import_api(request: HttpRequest, file: File[UploadedFile]) -> Status[object]:
    try:
        rows = read_reports(file, file_name=file.name or "")
    except ReportFileRejected as exc:
        return Status(
            400,
            ImportRejectedOut(
                code=exc.code,
                message=exc.message,
                errors=[
                    CellErrorOut(row=e.row, column=e.column, header=e.header, message=e.message)
                    for e in exc.errors
                ],
            ),
        )
    summary = reports_import(actor=request.user, rows=rows, file_name=file.name or "")
    return Status(
        200, ImportOut(created=summary.created, updated=summary.updated, unchanged=summary.unchanged)
    )


@router.get("/figures", response=list[FigureOut], summary="Chỉ tiêu đã tính: mật độ, tăng trưởng, tiến độ")
def figures(
    request: HttpRequest, year: int, indicator: str | None = None, by: str = "province"
) -> list[FigureOut]:
    require_sector_reader(request.user)
    if indicator is not None and indicator not in Indicator.values:
        raise InvalidInput("Chỉ tiêu không hợp lệ.")
    if by == "district":
        rows = selectors.district_figures(year, indicator or Indicator.TELEPHONE)
    elif by == "province":
        rows = [f for f in selectors.province_figures(year) if indicator is None or f.indicator == indicator]
    else:
        raise InvalidInput("Tham số by phải là province hoặc district.")
    return [
        FigureOut(
            code=f.code,
            name=f.name,
            indicator=f.indicator,
            year=f.year,
            value=f.value,
            previous=f.previous,
            growth=f.growth,
            population=f.population,
            density=f.density,
            target=f.target.value if f.target else None,
            target_mode=f.target.mode if f.target else None,
            progress=f.progress,
        )
        for f in rows
    ]
