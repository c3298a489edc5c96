"""``tinhso geo load [--dry-run]`` loads the units; ``tinhso geo show --on DATE`` lists them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.geo.models import UnitKind
from tinhso.geo.selectors import unit_counts_by_kind, units_valid_on
from tinhso.geo.services import units_load


class Command(BaseCommand):
    help = (
        "Đơn vị hành chính: nạp dữ liệu Hậu Giang (load) hoặc liệt kê đơn vị có hiệu lực tại một ngày (show)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Nạp hoặc cập nhật đơn vị hành chính và dân số; chạy lại không đổi gì."
        )
        load.add_argument("--dry-run", action="store_true", help="Chỉ cho biết sẽ thay đổi gì, không ghi.")
        show = sub.add_parser("show", help="Liệt kê đơn vị có hiệu lực tại một ngày.")
        show.add_argument("--on", required=True, help="Ngày, dd/mm/yyyy hoặc yyyy-mm-dd.")
        show.add_argument("--level", type=int, choices=[1, 2, 3])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load(dry_run=options["dry_run"])
        else:
            self._show(on=_parse_date(options["on"]), level=options.get("level"))

    def _load(self, *, dry_run: bool) -> None:
        self.stdout.write("Đang nạp đơn vị hành chính Hậu Giang…")
        result = units_load(actor=None, dry_run=dry_run)
        prefix = "[chạy thử] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Đơn vị: tạo {result.units_created}, cập nhật {result.units_updated}, "
            f"giữ nguyên {result.units_unchanged}. Dân số: tạo {result.populations_created}, "
            f"cập nhật {result.populations_updated}."
        )

    def _show(self, *, on: dt.date, level: int | None) -> None:
        for unit in units_valid_on(on, level=level):
            indent = "  " * (unit.level - 1)
            self.stdout.write(f"{indent}{unit.code}\t{unit.name}")
        counts = unit_counts_by_kind(on)
        summary = ", ".join(f"{UnitKind(k).label}: {n}" for k, n in sorted(counts.items()))
        self.stdout.write(f"Ngày {on:%d/%m/%Y} — {summary or 'không có đơn vị nào'}")


def _parse_date(raw: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {raw!r} (dùng dd/mm/yyyy).")
