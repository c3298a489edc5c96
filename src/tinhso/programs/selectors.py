"""Reads of the programme and criterion 8 shared by pages, reports and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from tinhso.core.vntext import filter_folded
from tinhso.geo.models import Unit, UnitKind, UnitLevel
from tinhso.geo.selectors import units_valid_on
from tinhso.programs.models import (
    Batch,
    BatchMember,
    C8Status,
    Criterion8Assessment,
    Delivery,
    Household,
    HouseholdImport,
    ReviewStatus,
    StockReceipt,
)


def household_list(
    *,
    q: str = "",
    commune: str = "",
    district: str = "",
    eligible: bool | None = None,
    review: str | None = None,
    poverty: str = "",
    list_year: int | None = None,
) -> QuerySet[Household]:
    qs = Household.objects.select_related("commune", "commune__parent")
    if q:
        qs = filter_folded(qs, "search_text", q)
    if commune:
        qs = qs.filter(commune__code=commune)
    if district:
        qs = qs.filter(commune__parent__code=district)
    if eligible is not None:
        qs = qs.filter(eligible=eligible)
    if review is not None:
        qs = qs.filter(review_status=review)
    if poverty:
        qs = qs.filter(poverty=poverty)
    if list_year:
        qs = qs.filter(list_year=list_year)
    return qs.order_by("commune__code", "hamlet", "head_name", "id")


def pending_reviews() -> QuerySet[Household]:
    return household_list(review=ReviewStatus.PENDING).order_by("match_key", "id")


def batches() -> QuerySet[Batch]:
    """Batches with ``member_count`` and ``delivered_count`` (two subqueries: joining both relations at
    once would multiply their rows)."""
    members = (
        BatchMember.objects.filter(batch=OuterRef("pk"))
        .order_by()
        .values("batch")
        .annotate(n=Count("id"))
        .values("n")
    )
    delivered = (
        Delivery.objects.filter(batch=OuterRef("pk"))
        .order_by()
        .values("batch")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Batch.objects.annotate(
        member_count=Coalesce(Subquery(members), 0), delivered_count=Coalesce(Subquery(delivered), 0)
    ).order_by("number")


def batch_members(batch: Batch, *, limit: int = 100) -> list[BatchMember]:
    """The first ``limit`` households of a batch's list by commune, hamlet and name, each with
    ``delivered`` (one query)."""
    return list(
        BatchMember.objects.filter(batch=batch)
        .select_related("household", "commune")
        .annotate(delivered=Exists(Delivery.objects.filter(member=OuterRef("pk"))))
        .order_by("commune__code", "household__hamlet", "household__head_name", "id")[:limit]
    )


def imports(*, limit: int = 20) -> QuerySet[HouseholdImport]:
    return HouseholdImport.objects.select_related("created_by").order_by("-created_at")[:limit]


@dataclass
class AreaRow:
    """Programme figures of one area (commune or district) for one batch."""

    code: str
    name: str
    members: int = 0
    delivered: int = 0
    received: int = 0

    @property
    def remaining(self) -> int:
        return self.members - self.delivered

    @property
    def stock(self) -> int:
        return self.received - self.delivered

    @property
    def percent(self) -> Decimal:
        if not self.members:
            return Decimal(0)
        return (Decimal(self.delivered) * 100 / self.members).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class BatchReport:
    batch: Batch
    communes: list[AreaRow] = field(default_factory=list)
    districts: list[AreaRow] = field(default_factory=list)

    @property
    def total(self) -> AreaRow:
        row = AreaRow(code="", name="Toàn tỉnh")
        for d in self.districts:
            row.members += d.members
            row.delivered += d.delivered
            row.received += d.received
        return row


def batch_report(batch: Batch) -> BatchReport:
    """Members, deliveries and stock of ``batch`` per commune and per district (three grouped queries)."""
    members = dict(BatchMember.objects.filter(batch=batch).values_list("commune_id").annotate(n=Count("id")))
    delivered = dict(Delivery.objects.filter(batch=batch).values_list("commune_id").annotate(n=Count("id")))
    received = dict(
        StockReceipt.objects.filter(batch=batch).values_list("commune_id").annotate(n=Sum("quantity"))
    )
    ids = set(members) | set(delivered) | set(received)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("parent")}
    report = BatchReport(batch=batch)
    by_district: dict[str, AreaRow] = {}
    for pk in sorted(ids, key=lambda i: units[i].code):
        unit = units[pk]
        row = AreaRow(
            code=unit.code,
            name=unit.name,
            members=members.get(pk, 0),
            delivered=delivered.get(pk, 0),
            received=int(received.get(pk, 0) or 0),
        )
        report.communes.append(row)
        parent = unit.parent
        key = parent.code if parent else ""
        agg = by_district.setdefault(key, AreaRow(code=key, name=parent.name if parent else "—"))
        agg.members += row.members
        agg.delivered += row.delivered
        agg.received += row.received
    report.districts = [by_district[k] for k in sorted(by_district)]
    return report


def households_by_district() -> list[dict[str, Any]]:
    """Registry counts per district: households, eligible, ineligible, pending review (two queries).

    Grouped by the household's own ``commune_id`` (the (commune, eligible) index, no join over the
    whole registry), then the few communes are rolled up to their districts."""
    rows = (
        Household.objects.order_by()
        .values("commune_id")
        .annotate(
            total=Count("id"),
            eligible=Count("id", filter=Q(eligible=True)),
            pending=Count("id", filter=Q(review_status=ReviewStatus.PENDING)),
        )
    )
    by_commune = {r["commune_id"]: r for r in rows}
    districts = {
        pk: (code or "", name or "—")
        for pk, code, name in Unit.objects.filter(pk__in=by_commune).values_list(
            "pk", "parent__code", "parent__name"
        )
    }
    out: dict[str, dict[str, Any]] = {}
    for commune_id, r in by_commune.items():
        code, name = districts.get(commune_id, ("", "—"))
        agg = out.setdefault(
            code, {"code": code, "name": name, "total": 0, "eligible": 0, "ineligible": 0, "pending": 0}
        )
        agg["total"] += r["total"]
        agg["eligible"] += r["eligible"]
        agg["ineligible"] += r["total"] - r["eligible"]
        agg["pending"] += r["pending"]
    return [out[k] for k in sorted(out)]


# --- criterion 8 -------------------------------------------------------------------------------
def communes_of_year(year: int) -> list[Unit]:
    """The xã (not phường or thị trấn) of the province valid at the end of ``year``."""
    qs = units_valid_on(dt.date(year, 12, 31), level=UnitLevel.COMMUNE, kind=UnitKind.COMMUNE).filter(
        parent__parent__code=settings.TINHSO_PROVINCE
    )
    return list(qs.select_related("parent"))


@dataclass
class C8Summary:
    year: int
    communes: int
    met: int
    new: int
    rerecognised: int
    not_met: int
    not_assessed: int

    @property
    def percent(self) -> Decimal:
        if not self.communes:
            return Decimal(0)
        return (Decimal(self.met) * 100 / self.communes).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def sentence(self) -> str:
        pct = self.percent
        pct_text = f"{pct:.0f}" if pct == pct.to_integral_value() else f"{pct}".replace(".", ",")
        return f"{self.met}/{self.communes} xã đạt tiêu chí số 8, tỉ lệ {pct_text}%"


def c8_summary(year: int) -> C8Summary:
    """The province summary over the xã valid in ``year`` (two queries)."""
    communes = communes_of_year(year)
    codes = {u.code for u in communes}
    statuses = dict(
        Criterion8Assessment.objects.filter(year=year, commune__code__in=codes).values_list(
            "commune__code", "status"
        )
    )
    new = sum(1 for s in statuses.values() if s == C8Status.NEW)
    rer = sum(1 for s in statuses.values() if s == C8Status.RERECOGNISED)
    not_met = sum(1 for s in statuses.values() if s == C8Status.NOT_MET)
    return C8Summary(
        year=year,
        communes=len(codes),
        met=new + rer,
        new=new,
        rerecognised=rer,
        not_met=not_met,
        not_assessed=len(codes) - len(statuses),
    )


def c8_rows(
    year: int, *, district: str = "", status: str = ""
) -> list[tuple[Unit, Criterion8Assessment | None]]:
    """Each xã of ``year`` with its assessment (or None)."""
    communes = communes_of_year(year)
    if district:
        communes = [c for c in communes if c.parent and c.parent.code == district]
    by_code = {
        a.commune.code: a
        for a in Criterion8Assessment.objects.filter(year=year)
        .select_related("commune")
        .prefetch_related("evidence")
    }
    rows = [(c, by_code.get(c.code)) for c in communes]
    if status:
        rows = [(c, a) for c, a in rows if (a.status if a else "") == status]
    return rows
