"""Core endpoints: the working-time clock.

Query values are read as text and checked here, so that every bad input gives 400 with a Vietnamese
message (``{"code": …, "message": …}``) rather than a generic validation error.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tinhso.core import worktime
from tinhso.core.errors import InvalidInput

router = Router(tags=["Thời gian làm việc"])


class ErrorOut(Schema):
    code: str
    message: str


class DueOut(Schema):
    due: str


class WorkingDayOut(Schema):
    date: str
    working: bool


_TRUE = {"1", "true", "yes", "on", "co", "có"}
_FALSE = {"0", "false", "no", "off", "khong", "không"}


def _parse_bool(text: str | None, *, default: bool, what: str) -> bool:
    if text is None or not text.strip():
        return default
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidInput(f"{what} phải là true hoặc false.", code="invalid_boolean")


@router.get(
    "/worktime/due",
    response={200: DueOut, 400: ErrorOut},
    summary="Thời hạn giải quyết",
    description=(
        "Thời điểm hết hạn của `days` ngày làm việc (mỗi ngày 8 giờ làm việc) tính từ thời điểm tiếp nhận "
        "`start` (ISO 8601 hoặc dd/mm/yyyy hh:mm; không có múi giờ thì hiểu là giờ Việt Nam). "
        "Hồ sơ nhận sau 15:00 được tính từ đầu ngày làm việc tiếp theo, trừ khi `cutoff=false`."
    ),
)
def worktime_due(
    request: HttpRequest, start: str | None = None, days: str | None = None, cutoff: str | None = None
) -> dict[str, str]:
    received = worktime.parse_local_datetime(start, what="Thời điểm tiếp nhận (start)")
    number = worktime.parse_days(days, what="Số ngày làm việc (days)")
    use_cutoff = _parse_bool(cutoff, default=True, what="Tham số cutoff")
    try:
        due = worktime.due_at(received, number, cutoff=use_cutoff)
    except ValueError as exc:
        raise InvalidInput(str(exc), code="out_of_range") from exc
    return {"due": due.isoformat()}


@router.get(
    "/worktime/working-day",
    response={200: WorkingDayOut, 400: ErrorOut},
    summary="Có phải ngày làm việc",
    description="`date` dạng 2017-01-30 hoặc 30/01/2017.",
)
def worktime_working_day(request: HttpRequest, date: str | None = None) -> dict[str, object]:
    day = worktime.parse_local_date(date, what="Ngày (date)")
    return {"date": day.isoformat(), "working": worktime.is_working_day(day)}
