"""``tinhso programs import-households FILE``: import a household list (CSV or Excel), printing progress.

The file is checked completely first; with errors nothing is saved and the errors are printed by row
and column. ``--dry-run`` checks only.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.core.errors import DomainError


class Command(BaseCommand):
    help = "Chương trình hỗ trợ đầu thu: nhập danh sách hộ (import-households FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import-households", help="Nhập danh sách hộ từ tệp CSV (UTF-8) hoặc Excel (.xlsx)."
        )
        imp.add_argument("file", type=Path)
        imp.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")
        imp.add_argument("--max-errors", type=int, default=50, help="Số lỗi in ra tối đa.")

    def handle(self, *args: Any, **options: Any) -> None:
        from tinhso.programs.importer import households_import_file

        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"Không có tệp {path}.")
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            pct = done * 100 // total if total else 100
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.stdout.write(f"  đã kiểm tra {done:,}/{total:,} dòng ({pct}%), {rate:,.0f} dòng/giây")

        try:
            outcome = households_import_file(
                actor=None, path=path, on_progress=progress, check_only=options["dry_run"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        elapsed = time.perf_counter() - started
        if not outcome.ok:
            for e in outcome.errors[: options["max_errors"]]:
                self.stderr.write(f"Dòng {e['row']}, cột {e['column']}: {e['message']}")
            raise CommandError(f"Tệp có {outcome.error_count:,} lỗi; không hộ nào được thêm.")
        verb = "Kiểm tra xong (không ghi)" if options["dry_run"] else "Đã thêm"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {outcome.created:,} hộ trong {elapsed:.1f} giây; "
                f"không đủ điều kiện {outcome.ineligible:,}; "
                f"nghi trùng {outcome.flagged:,}."
            )
        )
