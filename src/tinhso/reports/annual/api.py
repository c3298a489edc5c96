"""``GET /api/v1/reports/annual?year=2016`` — every figure of the year-end review with its source,
and the composed text. Public like Biểu II.06a: aggregates only, no personal data."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tinhso.reports.annual.compose import compose
from tinhso.reports.annual.figures import annual_figures
from tinhso.reports.annual.views import parse_year
from tinhso.reports.selectors import default_year

router = Router(tags=["Báo cáo"])


class AnnualFigureOut(Schema):
    key: str
    label: str
    value: int | float | None = Field(description="null: chưa có số liệu (không phải 0)")
    unit: str
    source: str = Field(description="Số liệu lấy từ đâu, tính thế nào")
    previous: int | float | None = None
    plan: int | float | None = None
    target: int | float | None = None


class BlockOut(Schema):
    kind: str = Field(description="h1 (phần), h2 (mục) hoặc p (đoạn văn)")
    text: str


class AnnualOut(Schema):
    year: int
    date: dt.date
    date_source: str
    number: str
    place_date: str
    title: str
    subtitle: str
    figures: list[AnnualFigureOut]
    blocks: list[BlockOut]


class AnnualQuery(Schema):
    year: str | None = Field(None, description="Năm báo cáo, ví dụ 2016 (mặc định: năm có hồ sơ gần nhất)")


@router.get("/annual", response=AnnualOut, summary="Báo cáo tổng kết năm: số liệu và nguồn")
def annual(request: HttpRequest, q: Query[AnnualQuery]) -> dict[str, object]:
    year = parse_year(q.year, default=default_year())
    figures = annual_figures(year)
    report = compose(figures)
    return {
        "year": year,
        "date": figures.header.date,
        "date_source": figures.header.date_source,
        "number": report.number_line,
        "place_date": report.place_date,
        "title": report.title,
        "subtitle": report.subtitle,
        "figures": [f.as_dict() for f in figures.figures],
        "blocks": [{"kind": b.kind, "text": b.text} for b in report.blocks],
    }
