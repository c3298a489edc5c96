"""Reads of telecom figures shared by the dashboard, the lists and the API.

Every derived number is computed here from the reports and ``geo.Population``:
density per 100 inhabitants = value / population × 100; growth = value − value of the previous year;
progress = value (or density, for targets per 100 inhabitants) / target × 100 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum

from tinhso.geo.models import Population, Unit, UnitLevel
from tinhso.geo.selectors import population_by_code, units_valid_on
from tinhso.sector.models import (
    INDICATOR_FIELDS,
    REPORT_FIELDS,
    Indicator,
    IndicatorReport,
    Operator,
    Period,
    Target,
    TargetMode,
)

TWO = Decimal("0.01")


@dataclass
class Figure:
    """One indicator of one area (a district or the province) in one year."""

    code: str
    name: str
    indicator: str
    year: int
    value: int
    previous: int | None
    population: int | None
    target: Target | None = None

    @property
    def indicator_label(self) -> str:
        return str(Indicator(self.indicator).label)

    @property
    def density(self) -> Decimal | None:
        if not self.population:
            return None
        return (Decimal(self.value) * 100 / Decimal(self.population)).quantize(TWO, ROUND_HALF_UP)

    @property
    def growth(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def growth_percent(self) -> Decimal | None:
        if not self.previous:
            return None
        return (Decimal(self.value - self.previous) * 100 / Decimal(self.previous)).quantize(
            TWO, ROUND_HALF_UP
        )

    @property
    def progress(self) -> Decimal | None:
        """Percent of the target reached (None without a target)."""
        if self.target is None or not self.target.value:
            return None
        reached = self.density if self.target.mode == TargetMode.PER_100 else Decimal(self.value)
        if reached is None:
            return None
        return (reached * 100 / self.target.value).quantize(TWO, ROUND_HALF_UP)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def province_unit(year: int) -> Unit | None:
    return (
        units_valid_on(year_end(year), level=UnitLevel.PROVINCE).filter(code=settings.TINHSO_PROVINCE).first()
    )


def districts(year: int) -> list[Unit]:
    qs = units_valid_on(year_end(year), level=UnitLevel.DISTRICT)
    province = province_unit(year)
    if province is not None:
        qs = qs.filter(parent=province)
    return list(qs)


def report_list(
    *,
    year: int | None = None,
    period: int | None = None,
    operator: str | None = None,
    district: str | None = None,
) -> QuerySet[IndicatorReport]:
    qs = IndicatorReport.objects.select_related("operator", "district")
    if year is not None:
        qs = qs.filter(year=year)
    if period is not None:
        qs = qs.filter(period=period)
    if operator:
        qs = qs.filter(operator__code=operator)
    if district:
        qs = qs.filter(district__code=district)
    return qs.order_by("-year", "period", "operator__order", "operator__code", "district__code")


def report_years() -> list[int]:
    return sorted(set(IndicatorReport.objects.values_list("year", flat=True)), reverse=True)


def operators(*, active_only: bool = False) -> QuerySet[Operator]:
    qs = Operator.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def _sum_expr() -> dict[str, Sum]:
    return {f: Sum(f) for f in REPORT_FIELDS}


def _indicator_value(totals: dict[str, Any], indicator: str) -> int:
    return sum(int(totals.get(f) or 0) for f in INDICATOR_FIELDS[indicator])


def totals_by_district(
    year: int, *, period: int = Period.YEAR, operator: str | None = None
) -> dict[str, dict[str, int]]:
    """{district code: {report field: sum over operators}} (one query)."""
    qs = IndicatorReport.objects.filter(year=year, period=period)
    if operator:
        qs = qs.filter(operator__code=operator)
    out: dict[str, dict[str, int]] = {}
    for row in qs.values("district__code").annotate(**_sum_expr()):
        out[row["district__code"]] = {f: int(row[f] or 0) for f in REPORT_FIELDS}
    return out


def totals_by_operator(year: int, *, period: int = Period.YEAR) -> dict[str, dict[str, int]]:
    """{operator code: {report field: sum over districts}} (one query)."""
    qs = IndicatorReport.objects.filter(year=year, period=period)
    return {
        row["operator__code"]: {f: int(row[f] or 0) for f in REPORT_FIELDS}
        for row in qs.values("operator__code").annotate(**_sum_expr())
    }


def province_totals(year: int, *, period: int = Period.YEAR) -> dict[str, int]:
    row = IndicatorReport.objects.filter(year=year, period=period).aggregate(**_sum_expr())
    return {f: int(row[f] or 0) for f in REPORT_FIELDS}


def has_reports(year: int, *, period: int = Period.YEAR) -> bool:
    return IndicatorReport.objects.filter(year=year, period=period).exists()


def province_population(year: int) -> int | None:
    province = province_unit(year)
    if province is not None:
        own = (
            Population.objects.filter(unit__code=province.code, year=year)
            .values_list("population", flat=True)
            .first()
        )
        if own:
            return own
    pops = population_by_code(year, codes=[d.code for d in districts(year)])
    return sum(pops.values()) or None


def _targets(year: int, indicator: str | None = None) -> dict[tuple[str, str], Target]:
    qs = Target.objects.filter(year=year).select_related("unit")
    if indicator:
        qs = qs.filter(indicator=indicator)
    return {(t.unit.code, t.indicator): t for t in qs}


def province_figures(year: int, *, period: int = Period.YEAR) -> list[Figure]:
    """Every indicator for the whole province in ``year``, with growth and targets (four queries)."""
    current = province_totals(year, period=period)
    previous = province_totals(year - 1, period=period) if has_reports(year - 1, period=period) else None
    population = province_population(year)
    targets = _targets(year)
    code = settings.TINHSO_PROVINCE
    province = province_unit(year)
    name = province.name if province else "Toàn tỉnh"
    return [
        Figure(
            code=code,
            name=name,
            indicator=ind,
            year=year,
            value=_indicator_value(current, ind),
            previous=_indicator_value(previous, ind) if previous is not None else None,
            population=population,
            target=targets.get((code, ind)),
        )
        for ind in Indicator.values
    ]


def province_figure(year: int, indicator: str, *, period: int = Period.YEAR) -> Figure:
    return next(f for f in province_figures(year, period=period) if f.indicator == indicator)


def district_figures(year: int, indicator: str, *, period: int = Period.YEAR) -> list[Figure]:
    """``indicator`` for each district valid at the end of ``year``, with growth, density and target."""
    units = districts(year)
    current = totals_by_district(year, period=period)
    previous = totals_by_district(year - 1, period=period)
    pops = population_by_code(year, codes=[u.code for u in units])
    targets = _targets(year, indicator)
    out = []
    for unit in units:
        prev = previous.get(unit.code)
        out.append(
            Figure(
                code=unit.code,
                name=unit.name,
                indicator=indicator,
                year=year,
                value=_indicator_value(current.get(unit.code, {}), indicator),
                previous=_indicator_value(prev, indicator) if prev is not None else None,
                population=pops.get(unit.code),
                target=targets.get((unit.code, indicator)),
            )
        )
    return out


def yearly_series(indicator: str, *, years: list[int] | None = None) -> list[tuple[int, int]]:
    """[(year, province value)] for the years that have yearly reports (one query)."""
    qs = IndicatorReport.objects.filter(period=Period.YEAR)
    if years:
        qs = qs.filter(year__in=years)
    rows = qs.values("year").annotate(**_sum_expr()).order_by("year")
    return [(row["year"], _indicator_value(row, indicator)) for row in rows]


def target_list(*, year: int | None = None) -> QuerySet[Target]:
    qs = Target.objects.select_related("unit")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "unit__level", "unit__code", "indicator")


def target_figure(target: Target) -> Figure | None:
    """The figure a target is measured against: the province's or its district's, same year."""
    if target.unit.level == UnitLevel.PROVINCE:
        return province_figure(target.year, target.indicator)
    return next(
        (f for f in district_figures(target.year, target.indicator) if f.code == target.unit.code), None
    )
