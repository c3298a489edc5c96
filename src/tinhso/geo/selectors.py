"""Reads of administrative units shared by pages, reports and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from tinhso.geo.dataset import district_boundaries as _district_boundaries
from tinhso.geo.models import Population, Unit


def valid_on_q(on: dt.date, prefix: str = "") -> Q:
    """The condition "valid on ``on``" (``valid_to`` exclusive), for Unit or a relation to it."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def units_valid_on(
    on: dt.date, *, level: int | None = None, kind: str | None = None, parent_code: str | None = None
) -> QuerySet[Unit]:
    """The unit rows valid on ``on``, optionally of one level, one kind, or under the parent ``parent_code``.

    A parent row is always valid over the whole life of its children's rows (see ``geo.dataset``), so the
    parent of a unit valid on ``on`` is itself valid on ``on``.
    """
    qs = Unit.objects.filter(valid_on_q(on)).select_related("parent")
    if level is not None:
        qs = qs.filter(level=level)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if parent_code is not None:
        qs = qs.filter(parent__code=parent_code)
    return qs.order_by("level", "code")


def unit_valid_on(code: str, on: dt.date) -> Unit | None:
    """The row of unit ``code`` valid on ``on``, or None."""
    return Unit.objects.filter(valid_on_q(on), code=code).select_related("parent").first()


def unit_history(code: str) -> QuerySet[Unit]:
    """Every row of unit ``code``, oldest first."""
    return Unit.objects.filter(code=code).order_by("valid_from")


def unit_counts_by_kind(on: dt.date, *, level: int | None = None) -> dict[str, int]:
    """{kind: number of units} valid on ``on`` (e.g. {"xa": 54, "thi_tran": 10, "phuong": 12})."""
    counts: dict[str, int] = {}
    qs = Unit.objects.filter(valid_on_q(on))
    if level is not None:
        qs = qs.filter(level=level)
    for kind in qs.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def population_by_code(year: int, *, codes: list[str] | None = None) -> dict[str, int]:
    """{unit code: population} recorded for ``year`` (one query)."""
    qs = Population.objects.filter(year=year)
    if codes is not None:
        qs = qs.filter(unit__code__in=codes)
    return dict(qs.values_list("unit__code", "population"))


def district_boundaries() -> dict[str, dict[str, Any]]:
    """GeoJSON geometry of each district, by GSO code (from the package data, no query)."""
    return _district_boundaries()
