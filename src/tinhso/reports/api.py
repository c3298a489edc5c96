"""``GET /api/v1/reports/ii06a`` — Biểu II.06a as JSON. Public: aggregates only, no personal data."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tinhso.reports.filters import parse_filter
from tinhso.reports.ii06a import Counts
from tinhso.reports.selectors import default_year, ii06a_report

router = Router(tags=["Báo cáo"])


class CountsOut(Schema):
    received: int
    carried_over: int
    new: int
    new_online: int
    new_offline: int = Field(description="Mới tiếp nhận trực tiếp hoặc qua bưu chính")
    resolved: int
    early: int
    on_time: int
    late: int
    withdrawn_stopped: int
    pending: int
    pending_within: int
    pending_overdue: int
    on_time_rate: float | None
    online_share: float | None


class RowOut(Schema):
    procedure_code: str
    procedure_name: str
    agency_code: str
    agency_name: str
    domain: str
    online_level: int | None
    counts: CountsOut
    refused_at_reception: int


class GroupOut(Schema):
    name: str
    counts: CountsOut


class OnlineLevelsOut(Schema):
    procedures: int
    level_3_4: int
    share_3_4: float | None
    by_level: dict[int, int]


class II06aOut(Schema):
    date_from: dt.date
    date_to: dt.date
    total: CountsOut
    domains: list[GroupOut]
    agencies: list[GroupOut]
    rows: list[RowOut]
    online_levels: OnlineLevelsOut
    refused_at_reception: int


class II06aQuery(Schema):
    date_from: str | None = Field(None, alias="from", description="Từ ngày: 2017-01-01 hoặc 01/01/2017")
    date_to: str | None = Field(None, alias="to", description="Đến ngày (tính cả ngày này)")
    year: str | None = Field(None, description="Cả năm, khi không có from/to")
    agency: str | None = Field(None, description="Mã số (id) cơ quan giải quyết")
    domain: str | None = Field(None, description="Mã số (id) lĩnh vực")


def counts_out(c: Counts) -> dict[str, object]:
    return {
        **c.as_dict(),
        "received": c.received,
        "new": c.new,
        "resolved": c.resolved,
        "pending": c.pending,
        "on_time_rate": c.on_time_rate,
        "online_share": c.online_share,
    }


@router.get("/ii06a", response=II06aOut, summary="Biểu II.06a: tình hình, kết quả giải quyết TTHC")
def ii06a(request: HttpRequest, q: Query[II06aQuery]) -> dict[str, object]:
    """Per procedure, domain, agency and in total: carried over + new (online | direct or post) =
    resolved (early + on time + late) + withdrawn/stopped + pending (within deadline + overdue)."""
    flt = parse_filter(
        date_from=q.date_from,
        date_to=q.date_to,
        year=q.year,
        agency=q.agency,
        domain=q.domain,
        default_year=default_year(),
    )
    report = ii06a_report(flt.period, agency_ids=flt.agency_ids, domain_ids=flt.domain_ids)
    levels = report.online_levels
    return {
        "date_from": report.period.date_from,
        "date_to": report.period.date_to,
        "total": counts_out(report.total),
        "domains": [{"name": g.name, "counts": counts_out(g.counts)} for g in report.domains],
        "agencies": [{"name": g.name, "counts": counts_out(g.counts)} for g in report.agencies],
        "rows": [
            {
                "procedure_code": r.national_code,
                "procedure_name": r.name,
                "agency_code": r.agency_code,
                "agency_name": r.agency_name,
                "domain": r.domain_name,
                "online_level": r.online_level,
                "counts": counts_out(r.counts),
                "refused_at_reception": r.refused_at_reception,
            }
            for r in report.rows
        ],
        "online_levels": {
            "procedures": levels.total,
            "level_3_4": levels.level_3_4,
            "share_3_4": levels.share_3_4,
            "by_level": levels.by_level,
        },
        "refused_at_reception": report.refused_at_reception,
    }


def _add_annual() -> None:
    from tinhso.reports.annual.api import router as annual_router

    router.add_router("", annual_router)


_add_annual()
