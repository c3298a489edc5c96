"""``tinhso reports fill [--until dd/mm/yyyy] [--rebuild] [--dry-run]``: fill the count table behind
Biểu II.06a up to a day (default today: every whole day before it)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.core.errors import DomainError


def _date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007 - a calendar date
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {value} (cần dạng dd/mm/yyyy).") from exc


class Command(BaseCommand):
    help = "Báo cáo: fill — nạp bảng số liệu theo ngày cho Biểu II.06a (chỉ nạp phần còn thiếu)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["fill"], help="fill: nạp bảng số liệu theo ngày")
        parser.add_argument(
            "--until", type=_date, help="Nạp đến trước ngày này (dd/mm/yyyy); mặc định hôm nay."
        )
        parser.add_argument("--rebuild", action="store_true", help="Xóa và nạp lại từ đầu.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ tính và đếm, không ghi.")

    def handle(self, *args: Any, **options: Any) -> None:
        from tinhso.reports.services import reports_counts_fill

        started = time.monotonic()
        try:
            result = reports_counts_fill(
                actor=None, until=options["until"], rebuild=options["rebuild"], dry_run=options["dry_run"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        prefix = "[thử] " if result.dry_run else ""
        if result.filled_from is None and not result.rows and not options["rebuild"]:
            self.stdout.write(
                f"{prefix}Bảng số liệu II.06a đã đầy đủ đến trước ngày {result.filled_until:%d/%m/%Y}."
            )
            return
        since = f"từ ngày {result.filled_from:%d/%m/%Y}" if result.filled_from else "từ đầu"
        self.stdout.write(
            f"{prefix}Đã nạp bảng số liệu II.06a {since} đến trước ngày {result.filled_until:%d/%m/%Y}: "
            f"{result.rows:,} dòng trong {time.monotonic() - started:.1f} giây.".replace(",", ".")
        )
