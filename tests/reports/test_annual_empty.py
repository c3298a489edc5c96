"""A year without records: an honest, short report — every figure says "no data", never 0."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from tinhso.reports.annual.compose import annual_report
from tinhso.reports.annual.figures import annual_figures
from tinhso.reports.annual.render import render

pytestmark = pytest.mark.django_db


def test_year_without_data_is_short_and_honest(demo_agencies: dict[str, Any]) -> None:
    af = annual_figures(2012)
    assert af.figures and all(f.value is None for f in af.figures)
    report = annual_report(2012)
    text = report.text()
    assert "Hệ thống chưa ghi nhận số liệu nào của năm 2012" in text
    assert "Chưa có chỉ tiêu năm 2013" in text
    assert len(report.paragraphs()) <= 3
    # no invented figures: no section headings with zeros, no "0 hồ sơ", no "0%"
    for bad in (" 0 ", "0%", "0 đồng", "tăng", "vượt"):
        assert bad not in text, bad
    assert report.place_date == "Hậu Giang, ngày 31 tháng 12 năm 2012"
    doc = Document(io.BytesIO(render(report, "docx").content))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "chưa ghi nhận số liệu" in body


def test_api_without_data_returns_nulls(client: Any, demo_agencies: dict[str, Any]) -> None:
    r = client.get("/api/v1/reports/annual", {"year": "2012"})
    assert r.status_code == 200
    data = r.json()
    assert data["year"] == 2012
    assert all(f["value"] is None for f in data["figures"])
    assert client.get("/api/v1/reports/annual", {"year": "abc"}).status_code == 400
