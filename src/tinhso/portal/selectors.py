"""Reads behind the public pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from tinhso.geo.models import Population, Unit, UnitLevel
from tinhso.geo.selectors import valid_on_q
from tinhso.org.models import Agency

# Dossier code: <agency code QCVN 102>-<YYMMDD>-<NNNN>, e.g. 000.00.15.H30-170120-0001.


@dataclass(frozen=True)
class ProvinceFigures:
    on: dt.date
    districts: int
    communes: int
    wards: int
    townships: int
    rural_communes: int
    population: int | None
    population_year: int | None
    agencies: int


def province_figures(*, on: dt.date | None = None) -> ProvinceFigures:
    """Counts of the province's administrative units valid on ``on``, its latest population figure and
    the number of active agencies. By default ``on`` is today, or the last day the province existed when
    it no longer does (Hậu Giang was merged into Cần Thơ on 1 July 2025)."""
    code = settings.TINHSO_PROVINCE
    if on is None:
        on = timezone.localdate()
        last = Unit.objects.filter(code=code, level=UnitLevel.PROVINCE).order_by("-valid_from").first()
        if last is not None and last.valid_to is not None and last.valid_to <= on:
            on = last.valid_to - dt.timedelta(days=1)
    province = Unit.objects.filter(valid_on_q(on), code=code, level=UnitLevel.PROVINCE).first()
    districts = Unit.objects.none()
    communes = Unit.objects.none()
    if province is not None:
        districts = Unit.objects.filter(valid_on_q(on), level=UnitLevel.DISTRICT, parent__code=code)
        communes = Unit.objects.filter(
            valid_on_q(on),
            level=UnitLevel.COMMUNE,
        ).filter(Q(parent__parent__code=code) | Q(parent__code=code))
    kinds = {k: communes.filter(kind=k).count() for k in ("phuong", "thi_tran", "xa")} if province else {}
    pop = Population.objects.filter(unit=province).order_by("-year").first() if province is not None else None
    return ProvinceFigures(
        on=on,
        districts=districts.count(),
        communes=communes.count(),
        wards=kinds.get("phuong", 0),
        townships=kinds.get("thi_tran", 0),
        rural_communes=kinds.get("xa", 0),
        population=pop.population if pop else None,
        population_year=pop.year if pop else None,
        agencies=Agency.objects.filter(is_active=True).count(),
    )
