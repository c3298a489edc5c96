"""`tinhso scheduler`: enqueue the periodic tasks (``settings.PERIODIC_TASKS``) at their intervals.

The task worker (`tinhso db_worker`, or RQ) runs them. Every periodic task is safe to run twice, so two
schedulers, or a restart in the middle of an interval, do no harm.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Đưa các tác vụ định kỳ (nhắc hạn, đánh dấu quá hạn…) vào hàng đợi theo chu kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Đưa mỗi tác vụ vào hàng đợi một lần rồi thoát."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jobs = [
                (import_string(path), int(seconds), path) for path, seconds in settings.PERIODIC_TASKS.items()
            ]
        except (ImportError, ValueError) as exc:
            raise CommandError(f"Cấu hình PERIODIC_TASKS không hợp lệ: {exc}") from exc
        if options["once"]:
            for task, _seconds, path in jobs:
                result = task.enqueue()
                self.stdout.write(f"Đã đưa vào hàng đợi: {path} ({result.id})")
            return

        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        next_run = {path: time.monotonic() for _task, _seconds, path in jobs}
        self.stdout.write(f"Lịch tác vụ định kỳ: {', '.join(f'{p} mỗi {s} giây' for _t, s, p in jobs)}.")
        while not stopping:
            now = time.monotonic()
            for task, seconds, path in jobs:
                if now >= next_run[path]:
                    try:
                        task.enqueue()
                    except Exception as exc:  # the database may be busy for a moment: try next round
                        self.stderr.write(f"Không đưa được {path} vào hàng đợi: {exc}")
                    next_run[path] = now + seconds
            time.sleep(1)
