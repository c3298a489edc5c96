"""II.06a as an Excel workbook (openpyxl): Vietnamese two-row headers, numbers as numbers."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tinhso.reports.ii06a import Counts
from tinhso.reports.selectors import II06aReport

# (group header, sub-header, getter)
COLUMNS: list[tuple[str, str, str]] = [
    ("Tổng số hồ sơ", "Tổng số", "received"),
    ("Tổng số hồ sơ", "Từ kỳ trước chuyển qua", "carried_over"),
    ("Tổng số hồ sơ", "Mới tiếp nhận trực tuyến", "new_online"),
    ("Tổng số hồ sơ", "Mới tiếp nhận trực tiếp, bưu chính", "new_offline"),
    ("Số hồ sơ đã giải quyết", "Tổng số", "resolved"),
    ("Số hồ sơ đã giải quyết", "Trước hạn", "early"),
    ("Số hồ sơ đã giải quyết", "Đúng hạn", "on_time"),
    ("Số hồ sơ đã giải quyết", "Quá hạn", "late"),
    ("Rút, dừng xử lý", "Số hồ sơ", "withdrawn_stopped"),
    ("Số hồ sơ đang giải quyết", "Tổng số", "pending"),
    ("Số hồ sơ đang giải quyết", "Trong hạn", "pending_within"),
    ("Số hồ sơ đang giải quyết", "Quá hạn", "pending_overdue"),
]
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _values(counts: Counts) -> list[int]:
    return [int(getattr(counts, attr)) for _, _, attr in COLUMNS]


def ii06a_workbook(report: II06aReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Biểu II.06a"
    ncols = 4 + len(COLUMNS) + 1
    ws.append(["Biểu số II.06a — TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    ws.append(
        [f"Kỳ báo cáo: từ ngày {report.period.date_from:%d/%m/%Y} đến ngày {report.period.date_to:%d/%m/%Y}"]
    )
    ws.append([])
    header1 = ["STT", "Lĩnh vực, thủ tục", "Mã thủ tục", "Cơ quan giải quyết"] + [g for g, _, _ in COLUMNS]
    header1.append("Tỷ lệ đúng hạn (%)")
    header2 = ["", "", "", ""] + [s for _, s, _ in COLUMNS] + [""]
    ws.append(header1)
    ws.append(header2)
    for r in (4, 5):
        for c in range(1, ncols + 1):
            cell = ws.cell(row=r, column=c)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = BOX
    for c in range(1, 5):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells(start_row=4, start_column=ncols, end_row=5, end_column=ncols)
    col = 5
    while col < 5 + len(COLUMNS):
        group = COLUMNS[col - 5][0]
        last = col
        while last + 1 < 5 + len(COLUMNS) and COLUMNS[last + 1 - 5][0] == group:
            last += 1
        if last > col:
            ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=last)
        col = last + 1

    def row(values: list[object], *, bold: bool = False) -> None:
        ws.append(values)
        r = ws.max_row
        for c in range(1, ncols + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BOX
            if bold:
                cell.font = Font(bold=True)
        ws.cell(row=r, column=ncols).number_format = "0.0"

    def rate(counts: Counts) -> float | None:
        return round(counts.on_time_rate * 100, 1) if counts.on_time_rate is not None else None

    row(["", "TỔNG SỐ", "", "", *_values(report.total), rate(report.total)], bold=True)
    for i, domain in enumerate(report.domains, start=1):
        row([_roman(i), domain.name, "", "", *_values(domain.counts), rate(domain.counts)], bold=True)
        for j, item in enumerate(domain.rows, start=1):
            row(
                [j, item.name, item.national_code, item.agency_name, *_values(item.counts), rate(item.counts)]
            )
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 30
    for c in range(5, ncols + 1):
        ws.column_dimensions[get_column_letter(c)].width = 13
    ws.row_dimensions[5].height = 45
    ws.freeze_panes = "E6"
    ws.append([])
    levels = report.online_levels
    ws.append(["", f"Thủ tục trực tuyến mức độ 3, 4: {levels.level_3_4}/{levels.total}"])
    ws.append(["", f"Hồ sơ mới tiếp nhận trực tuyến: {report.total.new_online}/{report.total.new}"])
    ws.append(["", f"Hồ sơ không được tiếp nhận (không tính vào biểu): {report.refused_at_reception}"])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out
