"""``tinhso report annual --year 2016 --format docx|pdf|html|md|news|news-html -o FILE``.

Writes the year-end review ("Báo cáo tổng kết năm") of a year, computed from the records. Without
``-o`` the text formats go to standard output. ``--figures`` prints every figure with its source.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.core.errors import DomainError


class Command(BaseCommand):
    help = "Báo cáo: annual — báo cáo tổng kết năm (Word, PDF, HTML, Markdown, tin bài)."

    def add_arguments(self, parser: CommandParser) -> None:
        from tinhso.reports.annual.render import FORMATS

        sub = parser.add_subparsers(dest="kind", required=True)
        annual = sub.add_parser("annual", help="Báo cáo tổng kết năm từ dữ liệu của nền tảng.")
        annual.add_argument("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2016.")
        annual.add_argument("--format", choices=FORMATS, default="md", help="Định dạng (mặc định md).")
        annual.add_argument("-o", "--output", type=Path, help="Tệp kết quả (mặc định: in ra màn hình).")
        annual.add_argument("--date", help="Ngày báo cáo dd/mm/yyyy (mặc định: ngày hội nghị tổng kết).")
        annual.add_argument("--figures", action="store_true", help="In từng số liệu kèm nguồn.")

    def handle(self, *args: Any, **options: Any) -> None:
        from tinhso.reports.annual.compose import compose
        from tinhso.reports.annual.figures import annual_figures
        from tinhso.reports.annual.render import render

        on = None
        if options["date"]:
            try:
                on = dt.datetime.strptime(options["date"], "%d/%m/%Y").date()  # noqa: DTZ007 (a date)
            except ValueError as exc:
                raise CommandError("Ngày báo cáo phải có dạng dd/mm/yyyy.") from exc
        year = options["year"]
        if not 1900 < year < 2200:
            raise CommandError("Năm báo cáo không hợp lệ.")
        started = time.perf_counter()
        try:
            figures = annual_figures(year, on=on)
            if options["figures"]:
                for f in figures.figures:
                    value = "chưa có số liệu" if f.value is None else f.value
                    self.stdout.write(f"{f.key}: {value} {f.unit} — {f.source}")
                return
            output = render(compose(figures), options["format"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        path: Path | None = options["output"]
        if path is None:
            if options["format"] in ("docx", "pdf"):
                raise CommandError("Định dạng docx, pdf cần -o TỆP.")
            sys.stdout.write(output.content.decode())
            return
        path.write_bytes(output.content)
        self.stderr.write(
            f"Đã ghi {path} ({len(output.content):,} byte) trong {time.perf_counter() - started:.2f} giây."
        )
