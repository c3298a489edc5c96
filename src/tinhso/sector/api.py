"""Telecom indicators over the API (``/api/v1/sector/…``): operators, reports (list, create, correct,
Excel import), targets (list, set, delete) and the computed figures. Staff session required; the
sector officer writes, the director and division heads read — the same services and checks as the
pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from tinhso.api.fields import SmallNumber, Year
from tinhso.core.errors import InvalidInput, NotFound
from tinhso.geo.selectors import unit_valid_on
from tinhso.sector import selectors
from tinhso.sector.excel import ReportFileRejected, read_reports
from tinhso.sector.models import Indicator, IndicatorReport, Operator, OperatorKind, Target, TargetMode
from tinhso.sector.permissions import require_sector_reader
from tinhso.sector.services import (
    operator_create,
    operator_update,
    report_create,
    report_update,
    reports_import,
    target_delete,
    target_set,
)

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
    year: Year
    period: int = 0
    operator: str
    district_code: str
    bts_stations: int = 0
    fixed_subscribers: int = 0
    mobile_subscribers: int = 0
    fixed_broadband: int = 0
    mobile_broadband: int = 0
    note: str = ""


class ReportValuesIn(Schema):
    bts_stations: int
    fixed_subscribers: int
    mobile_subscribers: int
    fixed_broadband: int
    mobile_broadband: int
    note: str | None = None


class OperatorOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    is_active: bool
    order: int


class OperatorIn(Schema):
    code: str
    name: str
    short_name: str = ""
    kind: str = OperatorKind.TELECOM
    order: SmallNumber = 0


class OperatorUpdateIn(Schema):
    name: str
    short_name: str = ""
    kind: str = OperatorKind.TELECOM
    is_active: bool = True
    order: SmallNumber = 0


class TargetIn(Schema):
    year: Year
    unit_code: str
    indicator: str
    mode: str = TargetMode.PER_100
    value: Decimal
    note: str = ""


class TargetOut(Schema):
    id: int
    year: int
    unit_code: str
    unit_name: str
    indicator: str
    mode: str
    value: Decimal
    note: str
    achieved: Decimal | None
    progress: Decimal | None


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


def _operator(o: Operator) -> OperatorOut:
    return OperatorOut(
        id=o.pk,
        code=o.code,
        name=o.name,
        short_name=o.short_name,
        kind=o.kind,
        is_active=o.is_active,
        order=o.order,
    )


@router.get("/operators", response=list[OperatorOut], summary="Danh sách doanh nghiệp viễn thông, Internet")
def operators(request: HttpRequest) -> list[OperatorOut]:
    require_sector_reader(request.user)
    return [_operator(o) for o in selectors.operators()]


@router.post("/operators", response={201: OperatorOut}, summary="Thêm doanh nghiệp")
def operators_create(request: HttpRequest, payload: OperatorIn) -> Status[OperatorOut]:
    operator = operator_create(
        actor=request.user,
        code=payload.code,
        name=payload.name,
        short_name=payload.short_name,
        kind=payload.kind,
        order=payload.order,
    )
    return Status(201, _operator(operator))


@router.put("/operators/{operator_id}", response=OperatorOut, summary="Sửa doanh nghiệp (mã không đổi)")
def operators_update(request: HttpRequest, operator_id: int, payload: OperatorUpdateIn) -> OperatorOut:
    operator = Operator.objects.filter(pk=operator_id).first()
    if operator is None:
        raise NotFound("Không có doanh nghiệp này.")
    operator = operator_update(
        actor=request.user,
        operator=operator,
        name=payload.name,
        short_name=payload.short_name,
        kind=payload.kind,
        is_active=payload.is_active,
        order=payload.order,
    )
    return _operator(operator)


@router.get("/reports", response=list[ReportOut], summary="Danh sách báo cáo chỉ tiêu viễn thông")
def reports(
    request: HttpRequest,
    year: Year | None = None,
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


@router.put("/reports/{report_id}", response=ReportOut, summary="Sửa số liệu một báo cáo")
def reports_update(request: HttpRequest, report_id: int, payload: ReportValuesIn) -> ReportOut:
    report = IndicatorReport.objects.select_related("operator", "district").filter(pk=report_id).first()
    if report is None:
        raise NotFound("Không có báo cáo này.")
    values = payload.dict(exclude={"note"})
    report = report_update(actor=request.user, report=report, values=values, note=payload.note)
    return _out(report)


@router.get("/figures", response=list[FigureOut], summary="Chỉ tiêu đã tính: mật độ, tăng trưởng, tiến độ")
def figures(
    request: HttpRequest, year: Year, indicator: str | None = None, by: str = "province"
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


def _target(t: Target, figure: selectors.Figure | None) -> TargetOut:
    achieved: Decimal | None = None
    if figure is not None:
        achieved = figure.density if t.mode == TargetMode.PER_100 else Decimal(figure.value)
    return TargetOut(
        id=t.pk,
        year=t.year,
        unit_code=t.unit.code,
        unit_name=t.unit.name,
        indicator=t.indicator,
        mode=t.mode,
        value=t.value,
        note=t.note,
        achieved=achieved,
        progress=figure.progress if figure is not None else None,
    )


@router.get("/targets", response=list[TargetOut], summary="Chỉ tiêu kế hoạch, với số thực hiện và tỉ lệ đạt")
def targets(request: HttpRequest, year: Year | None = None) -> list[TargetOut]:
    require_sector_reader(request.user)
    rows = list(selectors.target_list(year=year))
    return [_target(t, selectors.target_figure(t)) for t in rows]


@router.post(
    "/targets",
    response={200: TargetOut, 201: TargetOut},
    summary="Đặt chỉ tiêu của toàn tỉnh hoặc một huyện (thay chỉ tiêu cùng năm, địa bàn, chỉ tiêu)",
)
def targets_set(request: HttpRequest, payload: TargetIn) -> Status[TargetOut]:
    unit = unit_valid_on(payload.unit_code, dt.date(payload.year, 12, 31))
    if unit is None:
        raise InvalidInput(f"Không có địa bàn mã “{payload.unit_code}” trong năm {payload.year}.")
    existed = Target.objects.filter(year=payload.year, unit=unit, indicator=payload.indicator).exists()
    target = target_set(
        actor=request.user,
        year=payload.year,
        unit=unit,
        indicator=payload.indicator,
        mode=payload.mode,
        value=payload.value,
        note=payload.note,
    )
    return Status(200 if existed else 201, _target(target, selectors.target_figure(target)))


@router.delete("/targets/{target_id}", response={204: None}, summary="Xóa một chỉ tiêu")
def targets_delete(request: HttpRequest, target_id: int) -> Status[None]:
    target = Target.objects.select_related("unit").filter(pk=target_id).first()
    if target is None:
        raise NotFound("Không có chỉ tiêu này.")
    target_delete(actor=request.user, target=target)
    return Status(204, None)
