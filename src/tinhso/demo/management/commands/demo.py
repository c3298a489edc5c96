"""``tinhso demo [--dry-run]``: load the demo province, agencies, calendar and persona accounts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinhso.accounts.models import UserKind
from tinhso.demo.load import demo_load
from tinhso.demo.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Hậu Giang: đơn vị hành chính, cơ quan, lịch nghỉ, tài khoản mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ cho biết sẽ thay đổi gì, không ghi.")
        parser.add_argument("--accounts", action="store_true", help="In danh sách tài khoản mẫu.")
        parser.add_argument(
            "--foundation-only",
            action="store_true",
            help="Chỉ nạp đơn vị hành chính, cơ quan, lịch nghỉ và tài khoản (không nạp dữ liệu nghiệp vụ).",
        )
        parser.add_argument(
            "--dossiers", type=int, default=None, help="Số hồ sơ một cửa mẫu 2016–2017 (mặc định 3.000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        self.stdout.write("Nạp dữ liệu mẫu Tỉnh số (Hậu Giang)…")
        demo_load(
            dry_run=options["dry_run"],
            say=self.stdout.write,
            with_data=not options["foundation_only"],
            dossiers=options["dossiers"],
        )
        self.stdout.write(f"Xong trong {time.monotonic() - started:.1f} giây.")
        if options["accounts"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu {DEMO_PASSWORD}):")
            for persona in PERSONAS:
                label = persona.title or UserKind(persona.kind).label
                self.stdout.write(f"  {persona.username:<32} {persona.full_name} — {label}")
