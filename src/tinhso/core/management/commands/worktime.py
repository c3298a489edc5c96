"""`tinhso worktime`: the working-time clock from the command line.

    tinhso worktime due --start "2017-01-20 09:30" --days 5 [--no-cutoff]
    tinhso worktime is-working-day 2017-01-30
    tinhso worktime elapsed --start "2017-01-20 09:30" --end "2017-02-03 09:30"

The first line of ``due`` is the due time in ISO 8601 with offset; a time without offset is local
time (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.core import worktime
from tinhso.core.errors import InvalidInput


def _fmt(value: Any) -> str:
    return f"{value.astimezone(worktime.TZ):%H:%M %d/%m/%Y}"


class Command(BaseCommand):
    help = "Tính thời hạn theo ngày làm việc, kiểm tra ngày làm việc, tính thời gian làm việc đã trôi qua."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        due = sub.add_parser("due", help="Thời điểm hết hạn của N ngày làm việc.")
        due.add_argument("--start", required=True, help='Thời điểm tiếp nhận, ví dụ "2017-01-20 09:30".')
        due.add_argument("--days", required=True, help="Số ngày làm việc (mỗi ngày 8 giờ), ví dụ 5 hoặc 0.5.")
        due.add_argument("--no-cutoff", action="store_true", help="Không áp dụng giờ chốt tiếp nhận 15:00.")
        day = sub.add_parser("is-working-day", help="Ngày đã cho có phải ngày làm việc không.")
        day.add_argument("date", help="Ngày, ví dụ 2017-01-30 hoặc 30/01/2017.")
        elapsed = sub.add_parser("elapsed", help="Thời gian làm việc giữa hai thời điểm.")
        elapsed.add_argument("--start", required=True)
        elapsed.add_argument("--end", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            action = options["action"]
            if action == "due":
                self._due(options)
            elif action == "is-working-day":
                self._is_working_day(options)
            else:
                self._elapsed(options)
        except InvalidInput as exc:
            raise CommandError(exc.message) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

    def _due(self, options: dict[str, Any]) -> None:
        start = worktime.parse_local_datetime(options["start"], what="Thời điểm tiếp nhận (--start)")
        days = worktime.parse_days(options["days"], what="Số ngày làm việc (--days)")
        cutoff = not options["no_cutoff"]
        cal = worktime.get_calendar()
        due = cal.due_at(start, days, cutoff=cutoff)
        self.stdout.write(due.isoformat())
        self.stdout.write(
            f"Tiếp nhận {_fmt(start)}, bắt đầu tính {_fmt(cal.clock_start(start, cutoff=cutoff))}, "
            f"{days} ngày làm việc, hết hạn {_fmt(due)}"
            + ("" if cutoff else " (không áp dụng giờ chốt 15:00)")
            + "."
        )

    def _is_working_day(self, options: dict[str, Any]) -> None:
        day = worktime.parse_local_date(options["date"])
        working = worktime.is_working_day(day)
        self.stdout.write("true" if working else "false")
        self.stdout.write(f"{day:%d/%m/%Y}: " + ("ngày làm việc." if working else "ngày nghỉ."))

    def _elapsed(self, options: dict[str, Any]) -> None:
        start = worktime.parse_local_datetime(options["start"], what="Thời điểm bắt đầu (--start)")
        end = worktime.parse_local_datetime(options["end"], what="Thời điểm kết thúc (--end)")
        cal = worktime.get_calendar()
        delta = cal.working_time_between(start, end)
        seconds = int(delta.total_seconds())
        sign = "-" if seconds < 0 else ""
        hours, rem = divmod(abs(seconds), 3600)
        self.stdout.write(f"{sign}{hours}:{rem // 60:02d}:{rem % 60:02d}")
        self.stdout.write(f"{cal.working_days_between(start, end)} ngày làm việc (8 giờ/ngày).")
