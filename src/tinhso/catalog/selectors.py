"""Reads of the catalogue shared by pages, the API and the one-stop services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from tinhso.catalog.models import Domain, Procedure, ProcedureDocument, ProcedureVersion, ProcessStep
from tinhso.core.vntext import filter_folded


def _local_date(at: dt.datetime | dt.date | None) -> dt.date:
    if at is None:
        return timezone.localdate()
    if isinstance(at, dt.datetime):
        return timezone.localtime(at).date()
    return at


def procedure_version_on(
    procedure: Procedure, at: dt.datetime | dt.date | None = None
) -> ProcedureVersion | None:
    """The version of ``procedure`` in force at ``at`` (local date in Asia/Ho_Chi_Minh), or None."""
    day = _local_date(at)
    return (
        ProcedureVersion.objects.filter(procedure=procedure, effective_from__lte=day)
        .select_related("procedure")
        .order_by("-effective_from")
        .first()
    )


def _current_version_subquery(day: dt.date) -> Subquery:
    return Subquery(
        ProcedureVersion.objects.filter(procedure=OuterRef("pk"), effective_from__lte=day)
        .order_by("-effective_from")
        .values("pk")[:1]
    )


def domain_list(at: dt.date | None = None) -> QuerySet[Domain]:
    """The domains in order, each with ``procedure_count``: its active procedures with a version in
    force on ``at`` (default today), as ``procedure_list`` lists them. A domain may have none (no
    procedure of that field is decided by the department): pages say so instead of hiding it."""
    day = _local_date(at)
    listed = Q(procedures__is_active=True, procedures__versions__effective_from__lte=day)
    return Domain.objects.annotate(
        procedure_count=Count("procedures", filter=listed, distinct=True)
    ).order_by("order", "name")


def procedure_list(
    *,
    q: str | None = None,
    domain: str | None = None,
    agency: str | None = None,
    online_level: int | None = None,
    online_class: str | None = None,
    at: dt.date | None = None,
    include_inactive: bool = False,
) -> QuerySet[Procedure]:
    """Procedures matching an accent-insensitive query (every word must occur) and filters.

    Each row carries ``current_version_id``: the version in force on ``at`` (default today); procedures
    without a version in force are left out.
    """
    day = _local_date(at)
    qs = Procedure.objects.select_related("domain", "agency").annotate(
        current_version_id=_current_version_subquery(day)
    )
    qs = qs.filter(current_version_id__isnull=False)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    qs = filter_folded(qs, "search_text", q)
    if domain:
        qs = qs.filter(domain__code=domain)
    if agency:
        qs = qs.filter(agency__code=agency)
    if online_level is not None or online_class:
        version_filter: dict[str, object] = {"versions__pk": F("current_version_id")}
        if online_level is not None:
            version_filter["versions__online_level"] = online_level
        if online_class:
            version_filter["versions__online_class"] = online_class
        qs = qs.filter(**version_filter)
    return qs.order_by("domain__order", "order", "national_code")


def versions_by_id(ids: list[int]) -> dict[int, ProcedureVersion]:
    return {v.pk: v for v in ProcedureVersion.objects.filter(pk__in=ids)}


@dataclass(frozen=True)
class ProcedureDetail:
    procedure: Procedure
    version: ProcedureVersion
    documents: list[ProcedureDocument]
    steps: list[ProcessStep]


def procedure_detail(*, national_code: str, at: dt.date | None = None) -> ProcedureDetail | None:
    """A procedure with its version in force, documents and internal process (4 queries)."""
    procedure = (
        Procedure.objects.select_related("domain", "agency").filter(national_code=national_code).first()
    )
    if procedure is None:
        return None
    day = _local_date(at)
    version = (
        ProcedureVersion.objects.filter(procedure=procedure, effective_from__lte=day)
        .order_by("-effective_from")
        .prefetch_related(
            Prefetch("documents", queryset=ProcedureDocument.objects.order_by("order")),
            Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order")),
        )
        .first()
    )
    if version is None:
        return None
    return ProcedureDetail(
        procedure=procedure,
        version=version,
        documents=list(version.documents.all()),
        steps=list(version.steps.all()),
    )
