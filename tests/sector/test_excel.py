from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from tinhso.sector.excel import COLUMNS, ReportFileRejected, read_reports, reports_workbook, template_workbook
from tinhso.sector.models import IndicatorReport
from tinhso.sector.services import reports_import

pytestmark = pytest.mark.django_db

HEADER = [h for _, h in COLUMNS]


def _book(rows: list[list[object]], header: list[str] | None = None) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header or HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_template_lists_operators_times_districts(operators):
    wb = load_workbook(io.BytesIO(template_workbook(year=2016)))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.max_row == 1 + 2 * 8
    assert {r[2] for r in ws.iter_rows(min_row=2, values_only=True)} == {"vnpt", "viettel"}


def test_filled_template_imports_and_reimport_updates(officer_khanh, operators):
    wb = load_workbook(io.BytesIO(template_workbook(year=2016)))
    ws = wb.worksheets[0]
    for i, row in enumerate(ws.iter_rows(min_row=2), start=1):
        for cell in row[5:]:
            cell.value = i
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    rows = read_reports(out, file_name="bao-cao.xlsx")
    summary = reports_import(actor=officer_khanh, rows=rows)
    assert (summary.created, summary.updated) == (16, 0)
    assert IndicatorReport.objects.filter(year=2016).count() == 16
    # the export has the template layout and imports back unchanged
    exported = reports_workbook(IndicatorReport.objects.select_related("operator", "district"))
    again = reports_import(actor=officer_khanh, rows=read_reports(io.BytesIO(exported), file_name="x.xlsx"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16)


def test_every_bad_cell_is_reported_and_nothing_saved(officer_khanh, operators):
    f = _book(
        [
            [2016, 0, "vnpt", "930", "", 10, 100, 1000, 10, 100],  # fine
            [2016, 0, "mobifone", "931", "", 10, 100, 1000, 10, 100],  # unknown operator
            [2016, 0, "vnpt", "999", "", 10, 100, 1000, 10, 100],  # unknown district
            [2016, 0, "vnpt", "932", "", -3, 100, "nhiều", 10, 100],  # negative, text
            [2016, 0, "vnpt", "930", "", 10, 100, 1000, 10, 100],  # duplicate of row 2
            [2016, 7, "viettel", "933", "", 1, 1, 1, 1, 1],  # bad period
        ]
    )
    with pytest.raises(ReportFileRejected) as info:
        read_reports(f, file_name="bao-cao.xlsx")
    got = {(e.row, e.column) for e in info.value.errors}
    assert got == {(3, "C"), (4, "D"), (5, "F"), (5, "H"), (6, "D"), (7, "B")}
    messages = [str(e) for e in info.value.errors]
    assert "Dòng 5, cột F (Trạm BTS): không được là số âm." in messages
    assert any("trùng với dòng 2" in m for m in messages)
    assert IndicatorReport.objects.count() == 0


def test_not_a_workbook_and_wrong_header(operators):
    with pytest.raises(ReportFileRejected, match="không phải bảng tính Excel"):
        read_reports(io.BytesIO(b"nam,ky\n2016,0\n"), file_name="bao-cao.xlsx")
    with pytest.raises(ReportFileRejected, match=r"\.xlsx"):
        read_reports(io.BytesIO(b"x"), file_name="bao-cao.csv")
    with pytest.raises(ReportFileRejected, match="Thiếu hoặc sai cột: Trạm BTS"):
        read_reports(_book([], header=[*HEADER[:5], "Trạm phát sóng", *HEADER[6:]]), file_name="a.xlsx")


def test_district_of_another_year_is_unknown(operators):
    # every Hậu Giang district row ends on 01/07/2025 (merger into Cần Thơ): none is valid in 2030
    with pytest.raises(ReportFileRejected) as info:
        read_reports(_book([[2030, 0, "vnpt", "930", "", 1, 1, 1, 1, 1]]), file_name="a.xlsx")
    assert info.value.errors[0].column == "D"
