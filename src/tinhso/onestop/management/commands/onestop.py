"""``tinhso onestop tick [--dry-run] [--enqueue]``: remind assignees one working day before a step is
due and flag overdue steps (safe to run twice: each step is reminded and flagged once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Một cửa điện tử: tick — nhắc hạn các bước xử lý còn 01 ngày làm việc, đánh dấu bước quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["tick"], help="tick: nhắc hạn và đánh dấu quá hạn")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không ghi và không gửi thư.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from tinhso.onestop.tasks import onestop_tick_task

            result = onestop_tick_task.enqueue()
            self.stdout.write(f"Đã đưa tác vụ vào hàng đợi: {result.id}")
            return
        from tinhso.onestop.reminders import steps_tick

        result_ = steps_tick(dry_run=options["dry_run"])
        prefix = "[thử] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}Đã nhắc hạn {result_.reminded} bước, đánh dấu quá hạn {result_.flagged} bước."
        )
