"""The report filters of the pages and the API: period, agency, domain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tinhso.core.errors import InvalidInput
from tinhso.core.worktime import parse_local_date
from tinhso.reports.ii06a import Period

MAX_DAYS = 3 * 366 + 1


@dataclass
class ReportFilter:
    period: Period
    agency_ids: list[int] | None = None
    domain_ids: list[int] | None = None


def _int_or_none(value: str | None, what: str) -> int | None:
    raw = (value or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput(f"{what} không hợp lệ.", code="invalid_filter")
    return int(raw)


def parse_filter(
    *,
    date_from: str | None,
    date_to: str | None,
    year: str | None = None,
    agency: str | None = None,
    domain: str | None = None,
    default_year: int,
) -> ReportFilter:
    """From the query string: ``tu``/``den`` (30/01/2017 or 2017-01-30) or ``nam``; ids of an agency
    and a domain. Raises InvalidInput (Vietnamese) on a bad value or a period over three years."""
    y = _int_or_none(year, "Năm")
    if (date_from or "").strip() or (date_to or "").strip():
        start = parse_local_date(date_from, what="Từ ngày")
        end = parse_local_date(date_to, what="Đến ngày")
    else:
        y = y or default_year
        if not 2000 <= y <= 2100:
            raise InvalidInput("Năm báo cáo không hợp lệ.", code="invalid_filter")
        start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if end < start:
        raise InvalidInput("«Đến ngày» phải sau hoặc bằng «Từ ngày».", code="invalid_period")
    if (end - start).days > MAX_DAYS:
        raise InvalidInput("Kỳ báo cáo dài tối đa 3 năm.", code="invalid_period")
    agency_id = _int_or_none(agency, "Cơ quan")
    domain_id = _int_or_none(domain, "Lĩnh vực")
    return ReportFilter(
        period=Period(start, end),
        agency_ids=[agency_id] if agency_id is not None else None,
        domain_ids=[domain_id] if domain_id is not None else None,
    )
