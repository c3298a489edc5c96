"""Reads behind the report pages, the Excel export and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from tinhso.catalog.models import Domain, Procedure, ProcedureVersion
from tinhso.onestop.models import Dossier
from tinhso.org.models import Agency
from tinhso.reports.ii06a import Counts, Period, ii06a_counts, refused_at_reception


@dataclass
class ProcedureRow:
    procedure_id: int
    national_code: str
    name: str
    agency_id: int
    agency_code: str
    agency_name: str
    domain_id: int
    domain_name: str
    online_level: int | None
    counts: Counts
    refused_at_reception: int = 0


@dataclass
class Group:
    key: int
    name: str
    counts: Counts = field(default_factory=Counts)
    rows: list[ProcedureRow] = field(default_factory=list)


@dataclass
class OnlineLevels:
    """Procedures by online level (Decree 43/2011) of the version in force on a date."""

    total: int = 0
    by_level: dict[int, int] = field(default_factory=dict)

    @property
    def level_3_4(self) -> int:
        return self.by_level.get(3, 0) + self.by_level.get(4, 0)

    @property
    def share_3_4(self) -> float | None:
        return self.level_3_4 / self.total if self.total else None


@dataclass
class II06aReport:
    period: Period
    rows: list[ProcedureRow]
    total: Counts
    domains: list[Group]
    agencies: list[Group]
    online_levels: OnlineLevels
    refused_at_reception: int

    def rows_as_groups(self) -> list[Group]:
        return [Group(r.procedure_id, r.name, r.counts, [r]) for r in self.rows]


def versions_in_force(day: dt.date, procedure_ids: list[int] | None = None) -> dict[int, ProcedureVersion]:
    """The version of each procedure in force on ``day`` (two small queries; procedures are few)."""
    qs = ProcedureVersion.objects.filter(effective_from__lte=day)
    if procedure_ids is not None:
        qs = qs.filter(procedure_id__in=procedure_ids)
    result: dict[int, ProcedureVersion] = {}
    for version in qs.order_by("procedure_id", "-effective_from"):
        result.setdefault(version.procedure_id, version)
    return result


def online_levels(
    day: dt.date, *, agency_ids: list[int] | None = None, domain_ids: list[int] | None = None
) -> OnlineLevels:
    procedures = Procedure.objects.filter(is_active=True)
    if agency_ids is not None:
        procedures = procedures.filter(agency_id__in=agency_ids)
    if domain_ids is not None:
        procedures = procedures.filter(domain_id__in=domain_ids)
    ids = list(procedures.values_list("pk", flat=True))
    result = OnlineLevels()
    for version in versions_in_force(day, ids).values():
        result.total += 1
        result.by_level[version.online_level] = result.by_level.get(version.online_level, 0) + 1
    return result


def ii06a_report(
    period: Period, *, agency_ids: list[int] | None = None, domain_ids: list[int] | None = None
) -> II06aReport:
    """II.06a for ``period``, optionally limited to agencies and domains, with labels, subtotals per
    domain and per agency, the grand total and the online-level shares."""
    procedure_ids = None
    if domain_ids is not None:
        procedure_ids = list(Procedure.objects.filter(domain_id__in=domain_ids).values_list("pk", flat=True))
    counts = ii06a_counts(period, agency_ids=agency_ids, procedure_ids=procedure_ids)
    refused = refused_at_reception(period, agency_ids=agency_ids, procedure_ids=procedure_ids)
    keys = set(counts) | set(refused)
    procedures = {
        p.pk: p for p in Procedure.objects.filter(pk__in={k[1] for k in keys}).select_related("domain")
    }
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={k[0] for k in keys})}
    versions = versions_in_force(period.date_to, list(procedures))
    rows = []
    for agency_id, procedure_id in keys:
        p, a = procedures[procedure_id], agencies[agency_id]
        version = versions.get(procedure_id)
        rows.append(
            ProcedureRow(
                procedure_id=procedure_id,
                national_code=p.national_code,
                name=p.name,
                agency_id=agency_id,
                agency_code=a.code,
                agency_name=a.name,
                domain_id=p.domain_id,
                domain_name=p.domain.name,
                online_level=version.online_level if version else None,
                counts=counts.get((agency_id, procedure_id), Counts()),
                refused_at_reception=refused.get((agency_id, procedure_id), 0),
            )
        )
    domain_order = {d.pk: (d.order, d.name) for d in Domain.objects.all()}
    rows.sort(key=lambda r: (domain_order.get(r.domain_id, (0, "")), r.national_code, r.agency_code))
    total = Counts()
    by_domain: dict[int, Group] = {}
    by_agency: dict[int, Group] = {}
    for row in rows:
        total.add(row.counts)
        group = by_domain.setdefault(row.domain_id, Group(row.domain_id, row.domain_name))
        group.counts.add(row.counts)
        group.rows.append(row)
        agency_group = by_agency.setdefault(row.agency_id, Group(row.agency_id, row.agency_name))
        agency_group.counts.add(row.counts)
        agency_group.rows.append(row)
    return II06aReport(
        period=period,
        rows=rows,
        total=total,
        domains=list(by_domain.values()),
        agencies=sorted(by_agency.values(), key=lambda g: g.name),
        online_levels=online_levels(period.date_to, agency_ids=agency_ids, domain_ids=domain_ids),
        refused_at_reception=sum(refused.values()),
    )


def default_year() -> int:
    """The year of the latest received dossier (the demo lives in 2016–2017), else this year."""
    latest = Dossier.objects.aggregate(m=Max("received_at"))["m"]
    return timezone.localtime(latest).year if latest else timezone.localdate().year


def report_agencies() -> list[Agency]:
    """Agencies that handle at least one procedure."""
    return list(Agency.objects.filter(procedures__isnull=False).distinct().order_by("code"))
