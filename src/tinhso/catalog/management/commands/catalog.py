"""``tinhso catalog load [--dry-run]``: load the demo procedure catalogue (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.catalog.demo import catalog_load_demo
from tinhso.core.errors import DomainError


class Command(BaseCommand):
    help = "Danh mục thủ tục hành chính: load — nạp danh mục thủ tục mẫu (chạy lại không tạo trùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"], help="load: nạp danh mục thủ tục mẫu")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi vào cơ sở dữ liệu."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = catalog_load_demo(dry_run=options["dry_run"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        prefix = "[thử] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}Đã tạo {result.domains} lĩnh vực, {result.procedures} thủ tục, "
            f"{result.versions} phiên bản."
        )
