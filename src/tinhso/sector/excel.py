"""The operators' Excel report: the template, reading and validating an upload, and exports.

``read_reports`` checks every cell and returns either the clean rows or raises ``ReportFileRejected``
carrying every error with its row and column (Excel numbering, messages in Vietnamese). Nothing is
written here; ``services.reports_import`` saves the clean rows in one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tinhso.core.errors import InvalidInput
from tinhso.core.vntext import fold
from tinhso.geo.models import UnitLevel
from tinhso.geo.selectors import units_valid_on
from tinhso.sector.models import REPORT_FIELDS, IndicatorReport, Operator, Period

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20_000

# (key, header) in column order
COLUMNS: list[tuple[str, str]] = [
    ("year", "Năm"),
    ("period", "Kỳ (0 = cả năm, 1–4 = quý)"),
    ("operator", "Mã doanh nghiệp"),
    ("district", "Mã huyện"),
    ("district_name", "Tên huyện (tham khảo)"),
    ("bts_stations", "Trạm BTS"),
    ("fixed_subscribers", "Thuê bao cố định"),
    ("mobile_subscribers", "Thuê bao di động"),
    ("fixed_broadband", "Thuê bao băng rộng cố định"),
    ("mobile_broadband", "Thuê bao băng rộng di động"),
]
REQUIRED = [key for key, _ in COLUMNS if key != "district_name"]


@dataclass(frozen=True)
class CellError:
    row: int
    column: str  # Excel letter
    header: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.column} ({self.header}): {self.message}"


class ReportFileRejected(InvalidInput):
    """The file as a whole, or some of its cells, are not acceptable; ``errors`` lists each cell."""

    code = "file_rejected"

    def __init__(self, message: str, errors: list[CellError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def template_workbook(*, year: int) -> bytes:
    """A workbook with the header row, one row per (active operator × district valid in ``year``) and a
    sheet listing the codes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bao cao"
    ws.append([header for _, header in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    districts = list(units_valid_on(dt.date(year, 12, 31), level=UnitLevel.DISTRICT))
    operators = list(Operator.objects.filter(is_active=True))
    for operator in operators:
        for district in districts:
            ws.append(
                [year, Period.YEAR, operator.code, district.code, district.name, None, None, None, None, None]
            )
    for idx, (_, header) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = max(12, len(header) + 2)
    ref = wb.create_sheet("Danh muc")
    ref.append(["Mã doanh nghiệp", "Tên doanh nghiệp"])
    for operator in operators:
        ref.append([operator.code, operator.name])
    ref.append([])
    ref.append(["Mã huyện", "Tên huyện"])
    for district in districts:
        ref.append([district.code, district.name])
    guide = wb.create_sheet("Huong dan")
    for line in (
        "Mỗi dòng là số liệu của một doanh nghiệp tại một huyện, thị xã, thành phố trong một kỳ.",
        "Kỳ: 0 = cả năm, 1, 2, 3, 4 = quý I–IV. Số liệu là số có đến cuối kỳ.",
        "Các ô số liệu là số nguyên không âm; để trống được hiểu là 0.",
        "Không đổi tên, không đổi thứ tự các cột.",
        "Tệp có lỗi sẽ bị từ chối toàn bộ, kèm danh sách lỗi theo dòng, cột.",
    ):
        guide.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _int_value(value: Any) -> int | None:
    """An integer from a cell value, or None when the cell is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(",", "").replace(" ", "")
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def read_reports(fh: IO[bytes], *, file_name: str = "") -> list[dict[str, Any]]:
    """Read and validate an uploaded workbook; return the clean rows or raise ``ReportFileRejected``."""
    if file_name and not file_name.lower().endswith(".xlsx"):
        raise ReportFileRejected("Tệp phải là bảng tính Excel (.xlsx) theo mẫu.")
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ReportFileRejected(
            "Không đọc được tệp: tệp không phải bảng tính Excel (.xlsx) hợp lệ."
        ) from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        expected = [fold(h) for _, h in COLUMNS]
        got = [fold(str(v)) if v is not None else "" for v in (header or ())]
        got = got[: len(expected)]
        if got != expected:
            missing = [h for (_, h), f in zip(COLUMNS, expected, strict=True) if f not in got]
            detail = f" Thiếu hoặc sai cột: {', '.join(missing)}." if missing else " Thứ tự cột khác mẫu."
            raise ReportFileRejected("Dòng tiêu đề không đúng mẫu." + detail)
        return _validate_rows(rows)
    finally:
        wb.close()


def _validate_rows(rows: Any) -> list[dict[str, Any]]:
    operators = {op.code: op for op in Operator.objects.all()}
    districts_by_year: dict[int, dict[str, Any]] = {}
    headers = {key: (get_column_letter(i), h) for i, (key, h) in enumerate(COLUMNS, start=1)}
    errors: list[CellError] = []
    clean: list[dict[str, Any]] = []
    seen: dict[tuple[int, int, str, str], int] = {}

    def err(row_no: int, key: str, message: str) -> None:
        letter, header = headers[key]
        errors.append(CellError(row=row_no, column=letter, header=header, message=message))

    for row_no, values in enumerate(rows, start=2):
        cells = list(values[: len(COLUMNS)]) + [None] * (len(COLUMNS) - len(values[: len(COLUMNS)]))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        if len(clean) + len(errors) > MAX_ROWS:
            raise ReportFileRejected(f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS:,}).".replace(",", "."))
        data = dict(zip([k for k, _ in COLUMNS], cells, strict=True))
        row: dict[str, Any] = {}
        ok = True
        year = _int_value(data["year"])
        if year is None or not 2000 <= year <= 2100:
            err(row_no, "year", "phải là năm (2000–2100).")
            ok = False
        period = _int_value(data["period"]) if data["period"] not in (None, "") else 0
        if period is None or period not in Period.values:
            err(row_no, "period", "phải là 0 (cả năm) hoặc 1, 2, 3, 4 (quý).")
            ok = False
        code = str(data["operator"] or "").strip().lower()
        operator = operators.get(code)
        if not code:
            err(row_no, "operator", "không được để trống.")
            ok = False
        elif operator is None:
            err(row_no, "operator", f"không có doanh nghiệp mã “{code}”.")
            ok = False
        elif not operator.is_active:
            err(row_no, "operator", f"doanh nghiệp “{code}” đã ngừng hoạt động.")
            ok = False
        district_code = data["district"]
        if isinstance(district_code, int | float) and not isinstance(district_code, bool):
            district_code = str(int(district_code))
        district_code = str(district_code or "").strip()
        district = None
        if not district_code:
            err(row_no, "district", "không được để trống.")
            ok = False
        elif year is not None and 2000 <= year <= 2100:
            if year not in districts_by_year:
                districts_by_year[year] = {
                    u.code: u for u in units_valid_on(dt.date(year, 12, 31), level=UnitLevel.DISTRICT)
                }
            district = districts_by_year[year].get(district_code)
            if district is None:
                err(row_no, "district", f"không có huyện mã “{district_code}” trong năm {year}.")
                ok = False
        for field in REPORT_FIELDS:
            raw = data[field]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                row[field] = 0
                continue
            number = _int_value(raw)
            if number is None:
                err(row_no, field, f"“{raw}” không phải số nguyên.")
                ok = False
            elif number < 0:
                err(row_no, field, "không được là số âm.")
                ok = False
            elif number > 2_000_000_000:
                err(row_no, field, "số quá lớn.")
                ok = False
            else:
                row[field] = number
        if not ok or district is None or operator is None or year is None or period is None:
            continue
        key = (year, period, operator.code, district.code)
        if key in seen:
            err(row_no, "district", f"trùng với dòng {seen[key]} (cùng năm, kỳ, doanh nghiệp, huyện).")
            continue
        seen[key] = row_no
        row.update(year=year, period=period, operator=operator, district=district, row=row_no)
        clean.append(row)
    if errors:
        raise ReportFileRejected(f"Tệp có {len(errors)} lỗi; không dòng nào được lưu.", errors)
    if not clean:
        raise ReportFileRejected("Tệp không có dòng số liệu nào.")
    return clean


def reports_workbook(reports: Any) -> bytes:
    """Export a queryset or list of reports in the template's layout (it can be uploaded back)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Bao cao")
    ws.append([header for _, header in COLUMNS])
    for r in reports:
        assert isinstance(r, IndicatorReport)
        ws.append(
            [
                r.year,
                r.period,
                r.operator.code,
                r.district.code,
                r.district.name,
                *(getattr(r, f) for f in REPORT_FIELDS),
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
