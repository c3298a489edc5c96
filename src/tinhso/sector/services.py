"""Every write to operators, indicator reports and targets goes through these services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput
from tinhso.geo.models import Unit, UnitLevel
from tinhso.sector.models import (
    REPORT_FIELDS,
    Indicator,
    IndicatorReport,
    Operator,
    OperatorKind,
    Target,
    TargetMode,
)
from tinhso.sector.permissions import require_sector_editor

MIN_YEAR, MAX_YEAR = 2000, 2100


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.")


def _check_district(district: Unit, year: int) -> None:
    if district.level != UnitLevel.DISTRICT:
        raise InvalidInput(f"{district.name} không phải đơn vị hành chính cấp huyện.")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if district.valid_from > end or (district.valid_to is not None and district.valid_to <= start):
        raise InvalidInput(f"{district.name} không còn hiệu lực trong năm {year}.")


# --- operators ---------------------------------------------------------------------------------
@transaction.atomic
def operator_create(
    *, actor: Any, code: str, name: str, short_name: str, kind: str = OperatorKind.TELECOM, order: int = 0
) -> Operator:
    require_sector_editor(actor)
    code = code.strip().lower()
    if not code or not name.strip():
        raise InvalidInput("Mã và tên doanh nghiệp là bắt buộc.")
    if kind not in OperatorKind.values:
        raise InvalidInput("Loại doanh nghiệp không hợp lệ.")
    if Operator.objects.filter(code=code).exists():
        raise Conflict(f"Đã có doanh nghiệp mã {code}.")
    operator = Operator.objects.create(
        code=code, name=name.strip(), short_name=short_name.strip() or name.strip(), kind=kind, order=order
    )
    audit_record(
        actor=actor,
        action="sector.operator_create",
        obj=operator,
        after={"code": code, "name": operator.name, "kind": kind},
    )
    return operator


@transaction.atomic
def operator_update(
    *, actor: Any, operator: Operator, name: str, short_name: str, kind: str, is_active: bool, order: int
) -> Operator:
    require_sector_editor(actor)
    if not name.strip():
        raise InvalidInput("Tên doanh nghiệp là bắt buộc.")
    if kind not in OperatorKind.values:
        raise InvalidInput("Loại doanh nghiệp không hợp lệ.")
    operator = Operator.objects.select_for_update().get(pk=operator.pk)
    fields = ["name", "short_name", "kind", "is_active", "order"]
    before = {f: getattr(operator, f) for f in fields}
    operator.name, operator.short_name = name.strip(), short_name.strip() or name.strip()
    operator.kind, operator.is_active, operator.order = kind, is_active, order
    after = {f: getattr(operator, f) for f in fields}
    if after != before:
        operator.save(update_fields=fields)
        audit_record(actor=actor, action="sector.operator_update", obj=operator, before=before, after=after)
    return operator


# --- reports -----------------------------------------------------------------------------------
def _label(field: str) -> str:
    return str(getattr(IndicatorReport._meta.get_field(field), "verbose_name", field))


def _clean_values(values: dict[str, Any]) -> dict[str, int]:
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise InvalidInput(f"Chỉ tiêu không hợp lệ: {', '.join(sorted(unknown))}.")
    cleaned: dict[str, int] = {}
    for field in REPORT_FIELDS:
        raw = values.get(field, 0)
        if raw is None or raw == "":
            raw = 0
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidInput(f"{_label(field)}: phải là số nguyên.")
        if raw < 0:
            raise InvalidInput(f"{_label(field)}: không được âm.")
        cleaned[field] = raw
    return cleaned


@transaction.atomic
def report_create(
    *,
    actor: Any,
    year: int,
    period: int,
    operator: Operator,
    district: Unit,
    values: dict[str, Any],
    note: str = "",
) -> IndicatorReport:
    """Record one operator's figures for one district and period. A second report for the same
    (year, period, operator, district) is refused: correct the first with ``report_update``."""
    require_sector_editor(actor)
    _check_year(year)
    if period not in range(0, 5):
        raise InvalidInput("Kỳ báo cáo phải là cả năm hoặc quý I–IV.")
    _check_district(district, year)
    cleaned = _clean_values(values)
    if IndicatorReport.objects.filter(
        year=year, period=period, operator=operator, district=district
    ).exists():
        raise Conflict(f"Đã có báo cáo của {operator} tại {district.name} cho kỳ này; hãy sửa báo cáo đó.")
    try:
        with transaction.atomic():
            report = IndicatorReport.objects.create(
                year=year,
                period=period,
                operator=operator,
                district=district,
                note=note,
                updated_by=actor if getattr(actor, "pk", None) else None,
                **cleaned,
            )
    except IntegrityError as exc:
        raise Conflict("Báo cáo cho kỳ này vừa được người khác tạo.") from exc
    audit_record(
        actor=actor,
        action="sector.report_create",
        obj=report,
        after={
            "year": year,
            "period": period,
            "operator": operator.code,
            "district": district.code,
            **cleaned,
        },
    )
    return report


@transaction.atomic
def report_update(
    *, actor: Any, report: IndicatorReport, values: dict[str, Any], note: str | None = None
) -> IndicatorReport:
    require_sector_editor(actor)
    cleaned = _clean_values(values)
    report = IndicatorReport.objects.select_for_update().get(pk=report.pk)
    before = {f: getattr(report, f) for f in REPORT_FIELDS} | {"note": report.note}
    for field, value in cleaned.items():
        setattr(report, field, value)
    if note is not None:
        report.note = note
    after = {f: getattr(report, f) for f in REPORT_FIELDS} | {"note": report.note}
    if after != before:
        report.updated_by = actor if getattr(actor, "pk", None) else None
        report.save(update_fields=[*REPORT_FIELDS, "note", "updated_by", "updated_at"])
        audit_record(actor=actor, action="sector.report_update", obj=report, before=before, after=after)
    return report


@transaction.atomic
def report_delete(*, actor: Any, report: IndicatorReport) -> None:
    require_sector_editor(actor)
    before = {
        "year": report.year,
        "period": report.period,
        "operator": report.operator.code,
        "district": report.district.code,
    } | {f: getattr(report, f) for f in REPORT_FIELDS}
    audit_record(actor=actor, action="sector.report_delete", obj=report, before=before)
    report.delete()


@dataclass
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def reports_import(*, actor: Any, rows: list[dict[str, Any]], file_name: str = "") -> ImportSummary:
    """Save validated rows (from ``sector.excel.read_reports``) all together: an existing report of the
    same key is replaced, others are created. Runs in one transaction: any failure saves nothing."""
    require_sector_editor(actor)
    keys = {(r["year"], r["period"], r["operator"].pk, r["district"].pk) for r in rows}
    years = {k[0] for k in keys}
    existing = {
        (r.year, r.period, r.operator_id, r.district_id): r
        for r in IndicatorReport.objects.select_for_update().filter(year__in=years)
    }
    user = actor if getattr(actor, "pk", None) else None
    to_create: list[IndicatorReport] = []
    to_update: list[IndicatorReport] = []
    unchanged = 0
    for row in rows:
        key = (row["year"], row["period"], row["operator"].pk, row["district"].pk)
        values = {f: row[f] for f in REPORT_FIELDS}
        current = existing.get(key)
        if current is None:
            to_create.append(
                IndicatorReport(
                    year=row["year"],
                    period=row["period"],
                    operator=row["operator"],
                    district=row["district"],
                    updated_by=user,
                    **values,
                )
            )
        elif any(getattr(current, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(current, f, v)
            current.updated_by = user
            to_update.append(current)
        else:
            unchanged += 1
    IndicatorReport.objects.bulk_create(to_create)
    IndicatorReport.objects.bulk_update(to_update, [*REPORT_FIELDS, "updated_by"])
    summary = ImportSummary(created=len(to_create), updated=len(to_update), unchanged=unchanged)
    audit_record(
        actor=actor,
        action="sector.reports_import",
        object_type="sector.indicatorreport",
        object_id="import",
        after={
            "file": file_name,
            "rows": len(rows),
            "created": summary.created,
            "updated": summary.updated,
            "years": sorted(years),
        },
    )
    return summary


# --- targets -----------------------------------------------------------------------------------
@transaction.atomic
def target_set(
    *,
    actor: Any,
    year: int,
    unit: Unit,
    indicator: str,
    mode: str,
    value: Decimal | int | float,
    note: str = "",
) -> Target:
    """Create or replace the target of ``unit`` (the province or a district) for ``indicator`` in ``year``."""
    require_sector_editor(actor)
    _check_year(year)
    if unit.level not in (UnitLevel.PROVINCE, UnitLevel.DISTRICT):
        raise InvalidInput("Chỉ tiêu chỉ đặt cho toàn tỉnh hoặc cấp huyện.")
    if indicator not in Indicator.values:
        raise InvalidInput("Chỉ tiêu không hợp lệ.")
    if mode not in TargetMode.values:
        raise InvalidInput("Cách tính chỉ tiêu không hợp lệ.")
    amount = Decimal(str(value))
    if amount < 0:
        raise InvalidInput("Giá trị chỉ tiêu không được âm.")
    if mode == TargetMode.PER_100 and indicator == Indicator.BTS:
        raise InvalidInput("Chỉ tiêu trạm BTS chỉ đặt theo số tuyệt đối.")
    target = Target.objects.select_for_update().filter(year=year, unit=unit, indicator=indicator).first()
    before = None
    if target is None:
        target = Target.objects.create(
            year=year, unit=unit, indicator=indicator, mode=mode, value=amount, note=note
        )
    else:
        before = {"mode": target.mode, "value": target.value, "note": target.note}
        target.mode, target.value, target.note = mode, amount, note
        target.save(update_fields=["mode", "value", "note"])
    audit_record(
        actor=actor,
        action="sector.target_set",
        obj=target,
        before=before,
        after={
            "year": year,
            "unit": unit.code,
            "indicator": indicator,
            "mode": mode,
            "value": amount,
            "note": note,
        },
    )
    return target


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    require_sector_editor(actor)
    audit_record(
        actor=actor,
        action="sector.target_delete",
        obj=target,
        before={
            "year": target.year,
            "unit": target.unit.code,
            "indicator": target.indicator,
            "value": target.value,
        },
    )
    target.delete()
