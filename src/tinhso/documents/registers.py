"""The registers as Excel workbooks, with the columns of Decree 30/2020 (Appendix IV): sổ đăng ký
văn bản đi and sổ đăng ký văn bản đến."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from io import BytesIO
from typing import Any

from django.utils import timezone

from tinhso.documents.models import DocType, IncomingDocument, OutgoingDocument

OUTGOING_HEADERS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ghi chú",
]
OUTGOING_WIDTHS = (18, 12, 60, 22, 40, 20, 8, 12, 24)
INCOMING_HEADERS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ghi chú",
]
INCOMING_WIDTHS = (12, 8, 32, 20, 12, 60, 30, 12, 24)


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def type_and_summary(doc_type: str, summary: str) -> str:
    return f"{DocType(doc_type).label} {summary}"


def outgoing_rows(docs: Iterable[OutgoingDocument]) -> Iterable[list[Any]]:
    for d in docs:
        note = d.note or ("Văn bản điện tử, đã ký số" if d.digitally_signed else "Văn bản giấy")
        yield [
            d.number_symbol,
            d.issued_on,
            type_and_summary(d.doc_type, d.summary),
            d.signer_name,
            "; ".join(d.recipient_list()),
            d.keeping_unit,
            d.copies,
            _day(d.sent_at),
            note,
        ]


def incoming_rows(docs: Iterable[IncomingDocument]) -> Iterable[list[Any]]:
    for d in docs:
        to = d.handling_unit.name if d.handling_unit else ""
        if d.handler is not None:
            to = f"{to} — {d.handler.full_name}" if to else d.handler.full_name
        yield [
            d.received_on,
            d.number,
            d.sender_name,
            d.original_number,
            d.original_date,
            type_and_summary(d.doc_type, d.summary),
            to,
            _day(d.assigned_at),
            d.note,
        ]


def register_xlsx(
    *, title: str, subtitle: str, headers: list[str], widths: tuple[int, ...], rows: Iterable[list[Any]]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "So dang ky"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([subtitle])
    ws.append([])
    ws.append(headers)
    ws.append([f"({i})" for i in range(1, len(headers) + 1)])
    for row in ws.iter_rows(min_row=4, max_row=5):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for values in rows:
        ws.append(values)
    for row in ws.iter_rows(min_row=6):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A6"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
