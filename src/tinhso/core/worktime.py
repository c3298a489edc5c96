"""The working-time clock behind every deadline (domain.md §1).

A :class:`Calendar` knows, for every local day (Asia/Ho_Chi_Minh) of a contiguous range of years,
whether it is a working day and which working periods it has. It is built from

* the working schedules (``WorkSchedule`` rows, each in force from ``valid_from``; the default is
  Monday–Friday 07:00–11:00 and 13:00–17:00 with an afternoon cut-off at 15:00),
* the public holidays of ``holidays.VN(language="vi")`` — with the rule that a holiday falling on a
  weekly rest day moves to the next working day (nghỉ bù) enforced where the library has not already
  done so — and the library's swapped working Saturdays (``weekend_workdays``),
* the override table (``CalendarOverride``: extra day off / extra working day), which wins over the
  library and over the weekly schedule.

Time is measured on one line: the *working position* of an instant is the working time (µs) from the
start of the calendar's range to that instant. A per-day cumulative array turns an instant into its
position in O(1) and a position back into an instant with one binary search, so a due time costs a few
microseconds, not a loop over days.

Rules (domain.md §1):

* N working days = N × 8 working hours counted inside working periods (``WORKING_DAY``);
* the clock starts at receipt if that moment is inside a working period, otherwise at the start of
  the next working period;
* received after the cut-off (15:00) on a working day → the clock starts at the start of the next
  working day (the schedule in force on the day of receipt decides the cut-off);
* a due time that lands exactly on the end of a period stays there (11:00, 17:00), no roll-over.

Each day uses the working periods of the schedule in force on that day. Only aware datetimes are
accepted; results are in Asia/Ho_Chi_Minh. Asia/Ho_Chi_Minh has been UTC+07:00 without daylight
saving since 1975, so the supported years are ``MIN_YEAR``–``MAX_YEAR``.

Module-level functions (``is_working_day``, ``due_at``, ``due_at_hours``, ``clock_start``,
``working_time_between``) use the process-wide calendar loaded from the database once
(:func:`get_calendar`); :func:`calendar_invalidate` drops it (the admin calls it after a change) and
it is re-read at the latest after ``RELOAD_SECONDS`` in other processes.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import holidays
from django.db import models

from tinhso.core.errors import InvalidInput

__all__ = [
    "DEFAULT_SCHEDULE",
    "MAX_DAYS",
    "MAX_YEAR",
    "MIN_YEAR",
    "TZ",
    "WORKING_DAY",
    "Calendar",
    "LibraryYear",
    "Schedule",
    "Timeliness",
    "calendar_invalidate",
    "calendar_load",
    "classify_finish",
    "clock_start",
    "due_at",
    "due_at_hours",
    "get_calendar",
    "is_working_day",
    "library_year",
    "parse_days",
    "parse_local_date",
    "parse_local_datetime",
    "set_calendar",
    "working_time_between",
]

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MIN_YEAR = 1976
MAX_YEAR = 2099  # the lunar calendar of ``holidays`` ends there
MAX_DAYS = 1000  # larger allotments are certainly input errors (about four years)
WORKING_DAY = dt.timedelta(hours=8)
RELOAD_SECONDS = 300.0

_US = 1_000_000
_DAY_US = 86_400 * _US
_HOUR_US = 3_600 * _US
_WORKING_DAY_US = 8 * _HOUR_US
_OFFSET_US = 7 * _HOUR_US  # Asia/Ho_Chi_Minh = UTC+07:00 since 1975
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_LOCAL_EPOCH = dt.datetime(1970, 1, 1, tzinfo=TZ)  # + timedelta = wall-clock arithmetic in TZ
_NO_CUTOFF = _DAY_US  # a cut-off that never triggers
assert (_DAY_US, _WORKING_DAY_US, _OFFSET_US, _EPOCH_ORDINAL, MAX_DAYS) == (
    86_400_000_000,
    28_800_000_000,
    25_200_000_000,
    719_163,
    1000,
), "literals inlined in Calendar.due_at"
_fromtimestamp = dt.datetime.fromtimestamp


class Timeliness(models.TextChoices):
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


# --------------------------------------------------------------------------------------------------
# Schedules


def _parse_hhmm(value: Any, what: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text)
    if not m or int(m[1]) > 23 or int(m[2]) > 59 or int(m[3] or 0) > 59:
        raise InvalidInput(f"{what} “{text}” không đúng dạng giờ:phút (ví dụ 07:00).", code="invalid_time")
    return dt.time(int(m[1]), int(m[2]), int(m[3] or 0))


def _time_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US + t.microsecond


@dataclass(frozen=True)
class Schedule:
    """Working periods, working weekdays (0 = Monday) and cut-off in force from ``valid_from``."""

    valid_from: dt.date
    periods: tuple[tuple[dt.time, dt.time], ...]
    weekdays: frozenset[int]
    cutoff: dt.time | None
    periods_us: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)
    cutoff_us: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.periods:
            raise InvalidInput(
                "Lịch làm việc phải có ít nhất một khoảng giờ làm việc.", code="invalid_schedule"
            )
        spans = [(_time_us(a), _time_us(b)) for a, b in self.periods]
        prev_end = -1
        for (a, b), (ta, tb) in zip(spans, self.periods, strict=True):
            if a >= b:
                raise InvalidInput(
                    f"Khoảng giờ {ta:%H:%M}–{tb:%H:%M}: giờ bắt đầu phải trước giờ kết thúc.",
                    code="invalid_schedule",
                )
            if a < prev_end:
                raise InvalidInput(
                    "Các khoảng giờ làm việc phải theo thứ tự và không chồng lên nhau.",
                    code="invalid_schedule",
                )
            prev_end = b
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise InvalidInput(
                "Ngày làm việc trong tuần phải là các số từ 0 (Thứ Hai) đến 6 (Chủ nhật).",
                code="invalid_schedule",
            )
        object.__setattr__(self, "periods_us", tuple(spans))
        object.__setattr__(self, "cutoff_us", _NO_CUTOFF if self.cutoff is None else _time_us(self.cutoff))

    @classmethod
    def parse(
        cls,
        *,
        valid_from: dt.date,
        periods: Iterable[Sequence[Any]],
        weekdays: Iterable[Any],
        cutoff: dt.time | str | None,
    ) -> Schedule:
        """Build from the stored form (``[["07:00", "11:00"], …]``); Vietnamese errors on bad data."""
        parsed: list[tuple[dt.time, dt.time]] = []
        try:
            for pair in periods:
                start, end = pair
                parsed.append((_parse_hhmm(start, "Giờ bắt đầu"), _parse_hhmm(end, "Giờ kết thúc")))
        except (TypeError, ValueError) as exc:
            raise InvalidInput(
                'Các khoảng giờ làm việc phải có dạng [["07:00", "11:00"], ["13:00", "17:00"]].',
                code="invalid_schedule",
            ) from exc
        try:
            days = frozenset(int(d) for d in weekdays)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(
                "Ngày làm việc trong tuần phải là các số từ 0 (Thứ Hai) đến 6 (Chủ nhật).",
                code="invalid_schedule",
            ) from exc
        cut = None if cutoff in (None, "") else _parse_hhmm(cutoff, "Giờ chốt tiếp nhận")
        return cls(valid_from=valid_from, periods=tuple(parsed), weekdays=days, cutoff=cut)

    @property
    def day_length(self) -> dt.timedelta:
        return dt.timedelta(microseconds=sum(b - a for a, b in self.periods_us))


DEFAULT_SCHEDULE = Schedule(
    valid_from=dt.date(MIN_YEAR, 1, 1),
    periods=((dt.time(7), dt.time(11)), (dt.time(13), dt.time(17))),
    weekdays=frozenset(range(5)),
    cutoff=dt.time(15),
)


# --------------------------------------------------------------------------------------------------
# The holidays library, one year at a time


class LibraryYear(NamedTuple):
    """What ``holidays.VN`` says about one year."""

    days_off: frozenset[dt.date]  # holidays including the library's nghỉ bù and swapped days off
    statutory: frozenset[dt.date]  # the same without nghỉ bù (``observed=False``)
    weekend_workdays: frozenset[dt.date]  # Saturdays/Sundays the Government made working days


@lru_cache(maxsize=256)
def library_year(year: int) -> LibraryYear:
    observed = holidays.VN(years=year, language="vi")
    statutory = holidays.VN(years=year, language="vi", observed=False)
    # The library files a swap under the year of the day off; the worked Saturday may fall in the
    # neighbouring year (31/12/2018 off for 05/01/2019), so ask the neighbours too.
    weekend: set[dt.date] = set(observed.weekend_workdays)
    for y in (year - 1, year + 1):
        if MIN_YEAR <= y <= MAX_YEAR:
            weekend |= set(holidays.VN(years=y, language="vi").weekend_workdays)
    return LibraryYear(
        days_off=frozenset(d for d in observed if d.year == year),
        statutory=frozenset(d for d in statutory if d.year == year),
        weekend_workdays=frozenset(d for d in weekend if d.year == year),
    )


HolidaySource = Callable[[int], LibraryYear]


# --------------------------------------------------------------------------------------------------
# The calendar


class _State(NamedTuple):
    first_year: int
    last_year: int
    base: int  # day number (days since 1970-01-01) of 1 January of first_year
    cum: list[int]  # cum[i] = working µs before day i; len = days + 1
    periods: list[tuple[tuple[int, int], ...]]  # per day, µs since local midnight; () = day off
    cutoffs: list[int]  # per day, µs since local midnight


_EMPTY = _State(0, -1, 0, [0], [], [])


def _day_number(d: dt.date) -> int:
    return d.toordinal() - _EPOCH_ORDINAL


def _check_aware(value: dt.datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} phải là thời điểm có múi giờ (aware datetime).")


def _local_us(value: dt.datetime) -> int:
    # ``timestamp()`` is exact to the second for aware datetimes; the microseconds are added apart.
    return int(value.timestamp()) * _US + value.microsecond + _OFFSET_US


class Calendar:
    """Working days and periods for a contiguous range of years, extended on demand."""

    def __init__(
        self,
        *,
        schedules: Iterable[Schedule] = (),
        overrides: Mapping[dt.date, bool] | None = None,
        holiday_source: HolidaySource | None = None,
    ) -> None:
        scheds = sorted(schedules, key=lambda s: s.valid_from)
        if len({s.valid_from for s in scheds}) != len(scheds):
            raise InvalidInput("Hai lịch làm việc không được cùng ngày áp dụng.", code="invalid_schedule")
        self.schedules: tuple[Schedule, ...] = tuple(scheds) or (DEFAULT_SCHEDULE,)
        self._starts = [s.valid_from for s in self.schedules]
        self.overrides: dict[dt.date, bool] = dict(overrides or {})  # True = working day
        self._source: HolidaySource = holiday_source or library_year
        self._off_cache: dict[int, frozenset[dt.date]] = {}
        self._days_cache: dict[int, tuple[list[tuple[tuple[int, int], ...]], list[int]]] = {}
        self._lock = threading.Lock()
        self._state = _EMPTY

    # ---- building -------------------------------------------------------------------------------

    def schedule_for(self, day: dt.date) -> Schedule:
        """The schedule in force on ``day`` (the earliest one for days before every ``valid_from``)."""
        i = bisect_right(self._starts, day) - 1
        return self.schedules[max(i, 0)]

    def _is_rest(self, d: dt.date, weekend_workdays: frozenset[dt.date]) -> bool:
        return d not in weekend_workdays and d.weekday() not in self.schedule_for(d).weekdays

    def days_off(self, year: int) -> frozenset[dt.date]:
        """Public holidays and nghỉ bù of ``year`` (before overrides and the weekly rest days).

        The library's days off are taken as they are; where a holiday falls on a weekly rest day and
        the library gave no compensating day off in the same break, the next working day after the
        break is added (Labour Code 2019 art. 112(3); 2012 art. 115(3)).
        """
        cached = self._off_cache.get(year)
        if cached is not None:
            return cached
        years = [y for y in (year - 1, year, year + 1) if MIN_YEAR <= y <= MAX_YEAR]
        libs = [self._source(y) for y in years]
        off: set[dt.date] = set().union(*(lib.days_off for lib in libs))
        statutory: frozenset[dt.date] = frozenset().union(*(lib.statutory for lib in libs))
        weekend: frozenset[dt.date] = frozenset().union(*(lib.weekend_workdays for lib in libs))
        one = dt.timedelta(days=1)
        seen: set[dt.date] = set()
        for holiday in sorted(statutory):
            if holiday in seen:
                continue
            start = end = holiday
            while start - one in off or self._is_rest(start - one, weekend):
                start -= one
            while end + one in off or self._is_rest(end + one, weekend):
                end += one
            need = have = 0
            d = start
            while d <= end:
                rest = self._is_rest(d, weekend)
                if d in statutory:
                    seen.add(d)
                    need += rest
                elif d in off and not rest:
                    have += 1
                d += one
            missing = need - have
            d = end
            while missing > 0:
                d += one
                if d in off or self._is_rest(d, weekend):
                    continue
                off.add(d)
                missing -= 1
        result = frozenset(d for d in off if d.year == year)
        self._off_cache[year] = result
        return result

    def _year_days(self, year: int) -> tuple[list[tuple[tuple[int, int], ...]], list[int]]:
        """Per day of ``year``: its working periods (µs since midnight; empty on a day off) and its
        cut-off. Cached per year."""
        cached = self._days_cache.get(year)
        if cached is not None:
            return cached
        off = self.days_off(year)
        weekend = self._source(year).weekend_workdays
        periods: list[tuple[tuple[int, int], ...]] = []
        cutoffs: list[int] = []
        d = dt.date(year, 1, 1)
        one = dt.timedelta(days=1)
        overrides = self.overrides
        while d.year == year:
            sched = self.schedule_for(d)
            working = overrides.get(d)
            if working is None:
                working = d not in off and (d in weekend or d.weekday() in sched.weekdays)
            periods.append(sched.periods_us if working else ())
            cutoffs.append(sched.cutoff_us)
            d += one
        self._days_cache[year] = (periods, cutoffs)
        return periods, cutoffs

    def _extend(self, first_year: int, last_year: int) -> _State:
        """Make the range cover [first_year, last_year]; returns the (new) state."""
        with self._lock:
            state = self._state
            if state.first_year <= first_year and last_year <= state.last_year:
                return state
            if first_year < MIN_YEAR or last_year > MAX_YEAR:
                raise ValueError(f"Lịch làm việc chỉ hỗ trợ các năm từ {MIN_YEAR} đến {MAX_YEAR}.")
            if state.last_year >= state.first_year:
                first_year = min(first_year, state.first_year)
                last_year = max(last_year, state.last_year)
            periods: list[tuple[tuple[int, int], ...]] = []
            cutoffs: list[int] = []
            for y in range(first_year, last_year + 1):
                p, c = self._year_days(y)
                periods += p
                cutoffs += c
            cum = list(accumulate((sum(b - a for a, b in day) for day in periods), initial=0))
            state = _State(
                first_year, last_year, _day_number(dt.date(first_year, 1, 1)), cum, periods, cutoffs
            )
            self._state = state
            return state

    def _state_for_day(self, day_number: int) -> _State:
        year = dt.date.fromordinal(day_number + _EPOCH_ORDINAL).year
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"Lịch làm việc chỉ hỗ trợ các năm từ {MIN_YEAR} đến {MAX_YEAR}.")
        return self._extend(max(MIN_YEAR, year - 1), min(MAX_YEAR, year + 2))

    def preload(self, first_year: int, last_year: int) -> None:
        """Build the arrays for the given years now (e.g. before a benchmark)."""
        self._extend(first_year, last_year)

    # ---- positions ------------------------------------------------------------------------------

    def _position(self, local_us: int, cutoff: bool) -> tuple[_State, int]:
        """Working position (µs) at which the clock stands or starts at the local instant."""
        state = self._state
        day = local_us // _DAY_US - state.base
        if not 0 <= day < len(state.periods):
            state = self._state_for_day(local_us // _DAY_US)
            day = local_us // _DAY_US - state.base
        cum = state.cum
        per = state.periods[day]
        if not per:
            return state, cum[day]
        tod = local_us - (day + state.base) * _DAY_US
        if cutoff and tod > state.cutoffs[day]:
            return state, cum[day + 1]
        pos = cum[day]
        for start, end in per:
            if tod >= end:
                pos += end - start
            else:
                if tod > start:
                    pos += tod - start
                break
        return state, pos

    def _instant(self, state: _State, pos: int, *, at_end: bool) -> dt.datetime:
        """The local instant of a working position. ``at_end``: a position on the end of a period is
        that end (due times); otherwise the start of the next period (clock starts)."""
        cum = state.cum
        j = bisect_left(cum, pos) if at_end else bisect_right(cum, pos)
        if j >= len(cum) or (at_end and j == 0):
            raise _OutOfRange(pos)
        day = j - 1
        rest = pos - cum[day]
        tod = 0
        for start, end in state.periods[day]:
            length = end - start
            if rest < length or (at_end and rest == length):
                tod = start + rest
                break
            rest -= length
        return _LOCAL_EPOCH + dt.timedelta(microseconds=(day + state.base) * _DAY_US + tod)

    def _advance(self, start: dt.datetime, amount_us: int, cutoff: bool) -> dt.datetime:
        local = _local_us(start)
        for _ in range(MAX_YEAR - MIN_YEAR + 1):
            state, pos = self._position(local, cutoff)
            try:
                return self._instant(state, pos + amount_us, at_end=amount_us > 0)
            except _OutOfRange:
                years = 2 + (pos + amount_us - state.cum[-1]) // (200 * _WORKING_DAY_US)
                self._extend(state.first_year, min(MAX_YEAR, state.last_year + years))
                if state.last_year == MAX_YEAR:
                    break
        raise ValueError(f"Thời hạn vượt quá phạm vi lịch làm việc (năm {MAX_YEAR}).")

    # ---- public ---------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Is ``day`` (a local date) a working day?"""
        number = _day_number(day)
        state = self._state
        i = number - state.base
        if not 0 <= i < len(state.periods):
            state = self._state_for_day(number)
            i = number - state.base
        return bool(state.periods[i])

    def working_periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The working periods of ``day`` as aware datetimes (empty on a day off)."""
        number = _day_number(day)
        self.is_working_day(day)
        state = self._state
        midnight = _LOCAL_EPOCH + dt.timedelta(days=number)
        return [
            (midnight + dt.timedelta(microseconds=a), midnight + dt.timedelta(microseconds=b))
            for a, b in state.periods[number - state.base]
        ]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        d = day + dt.timedelta(days=1)
        while not self.is_working_day(d):
            d += dt.timedelta(days=1)
        return d

    def clock_start(self, received_at: dt.datetime, *, cutoff: bool = True) -> dt.datetime:
        """The moment the clock starts for something received at ``received_at``."""
        _check_aware(received_at, "received_at")
        return self._advance(received_at, 0, cutoff)

    def due_at(
        self, received_at: dt.datetime, days: int | float | Decimal, *, cutoff: bool = True
    ) -> dt.datetime:
        """The due time of ``days`` working days (× 8 working hours) for a dossier received at
        ``received_at``, the afternoon cut-off applied unless ``cutoff=False``."""
        # This is the hot function: the arithmetic of _position/_instant is inlined, with the
        # constants as literals (µs: day 86_400_000_000, working day 28_800_000_000, +07:00
        # 25_200_000_000; ordinal of 1970-01-01 719_163); the rare cases go through _advance.
        tz = received_at.tzinfo
        if tz is TZ:  # the wall time is the local time (+07:00 in every supported year)
            local = (
                (received_at.toordinal() - 719_163) * 86_400
                + received_at.hour * 3_600
                + received_at.minute * 60
                + received_at.second
            ) * 1_000_000 + received_at.microsecond
        elif tz is None:
            raise ValueError("received_at phải là thời điểm có múi giờ (aware datetime).")
        else:
            local = int(received_at.timestamp()) * 1_000_000 + received_at.microsecond + 25_200_000_000
        amount: int
        if days.__class__ is int and 0 < days <= 1000:  # MAX_DAYS
            amount = days * 28_800_000_000  # type: ignore[assignment]
        else:
            amount = _allotment_us(days, _WORKING_DAY_US, MAX_DAYS)
        _, _, base, cum, periods, cutoffs = self._state
        day = local // 86_400_000_000 - base
        if 0 <= day < len(periods):
            per = periods[day]
            if not per:
                pos = cum[day]
            else:
                tod = local - (day + base) * 86_400_000_000
                if cutoff and tod > cutoffs[day]:
                    pos = cum[day + 1]
                else:
                    pos = cum[day]
                    for start, end in per:
                        if tod >= end:
                            pos += end - start
                        else:
                            if tod > start:
                                pos += tod - start
                            break
            pos += amount
            j = bisect_left(cum, pos)
            if j < len(cum):
                day = j - 1
                rest = pos - cum[day]
                for start, end in periods[day]:
                    length = end - start
                    if rest <= length:
                        # exact: the float is within 0.12 µs of the true value, fromtimestamp rounds to µs
                        return _fromtimestamp(
                            ((day + base) * 86_400_000_000 + start + rest - 25_200_000_000) / 1_000_000, TZ
                        )
                    rest -= length
        return self._advance(received_at, amount, cutoff)

    def due_at_hours(
        self, start: dt.datetime, hours: int | float | Decimal, *, cutoff: bool = False
    ) -> dt.datetime:
        """The end of an allotment of ``hours`` working hours from ``start`` (process steps are
        allotted in working hours; no cut-off unless asked)."""
        _check_aware(start, "start")
        amount = _allotment_us(hours, _HOUR_US, MAX_DAYS * 8)
        return self._advance(start, amount, cutoff)

    def add_working_time(
        self, start: dt.datetime, duration: dt.timedelta, *, cutoff: bool = False
    ) -> dt.datetime:
        """``start`` plus ``duration`` of working time (a due time: ends of periods stay)."""
        _check_aware(start, "start")
        amount = duration // dt.timedelta(microseconds=1)
        if amount < 0:
            raise InvalidInput("Thời lượng không được âm.", code="invalid_duration")
        return self._advance(start, amount, cutoff)

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Working time from ``a`` to ``b`` (negative when ``b`` is before ``a``); no cut-off."""
        _check_aware(a, "a")
        _check_aware(b, "b")
        la, lb = _local_us(a), _local_us(b)
        # Make one state cover both ends so the two positions are on the same scale.
        while True:
            state_a, pa = self._position(la, False)
            state_b, pb = self._position(lb, False)
            if state_a is state_b:  # else the range grew between the two reads: positions moved
                return dt.timedelta(microseconds=pb - pa)

    def working_days_between(self, a: dt.datetime, b: dt.datetime) -> Decimal:
        """Working time from ``a`` to ``b`` in working days of 8 hours (2 decimals)."""
        return (
            Decimal(self.working_time_between(a, b) // dt.timedelta(microseconds=1)) / _WORKING_DAY_US
        ).quantize(Decimal("0.01"))


class _OutOfRange(Exception):
    pass


def _allotment_us(value: Any, unit_us: int, maximum: int) -> int:
    """Validate a number of days/hours and convert it to µs."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidInput("Số ngày/giờ làm việc phải là một số.", code="invalid_duration")
    if not (0 < value <= maximum):  # also rejects NaN
        raise InvalidInput(
            f"Số ngày/giờ làm việc phải lớn hơn 0 và không quá {maximum}.", code="invalid_duration"
        )
    if isinstance(value, int):
        return value * unit_us
    return int((Decimal(str(value)) * unit_us).to_integral_value())


def classify_finish(finished_at: dt.datetime, due_at: dt.datetime) -> Timeliness:
    """Early / on time / late (domain.md §1): after the due time → late; on the due date (local)
    and not after the due time → on time; on an earlier local date → early."""
    _check_aware(finished_at, "finished_at")
    _check_aware(due_at, "due_at")
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(TZ).date() == due_at.astimezone(TZ).date():
        return Timeliness.ON_TIME
    return Timeliness.EARLY


# --------------------------------------------------------------------------------------------------
# The process-wide calendar, loaded from the database


_calendar: Calendar | None = None
_loaded_at = 0.0
_load_lock = threading.Lock()


def calendar_load() -> Calendar:
    """Read the schedules and overrides from the database (two queries) into a new Calendar."""
    from tinhso.core.models import CalendarOverride, OverrideKind, WorkSchedule

    schedules = [
        Schedule.parse(
            valid_from=row.valid_from, periods=row.periods, weekdays=row.weekdays, cutoff=row.cutoff
        )
        for row in WorkSchedule.objects.order_by("valid_from")
    ]
    overrides = {
        d: kind == OverrideKind.WORKING_DAY
        for d, kind in CalendarOverride.objects.values_list("date", "kind")
    }
    return Calendar(schedules=schedules, overrides=overrides)


def get_calendar() -> Calendar:
    """The process-wide calendar: loaded once, re-read after :func:`calendar_invalidate` or
    ``RELOAD_SECONDS`` (so changes made in another process arrive)."""
    global _calendar, _loaded_at
    cal = _calendar
    if cal is not None and time.monotonic() - _loaded_at < RELOAD_SECONDS:
        return cal
    with _load_lock:
        if _calendar is None or time.monotonic() - _loaded_at >= RELOAD_SECONDS:
            _calendar = calendar_load()
            _loaded_at = time.monotonic()
        return _calendar


def set_calendar(calendar: Calendar | None) -> None:
    """Install ``calendar`` as the process-wide calendar (tests, benchmarks); None = reload."""
    global _calendar, _loaded_at
    with _load_lock:
        _calendar = calendar
        _loaded_at = time.monotonic()


def calendar_invalidate() -> None:
    """Drop the process-wide calendar; the next call reads the database again."""
    set_calendar(None)


def is_working_day(day: dt.date) -> bool:
    return get_calendar().is_working_day(day)


def clock_start(received_at: dt.datetime, *, cutoff: bool = True) -> dt.datetime:
    return get_calendar().clock_start(received_at, cutoff=cutoff)


def due_at(received_at: dt.datetime, days: int | float | Decimal, *, cutoff: bool = True) -> dt.datetime:
    return get_calendar().due_at(received_at, days, cutoff=cutoff)


def due_at_hours(start: dt.datetime, hours: int | float | Decimal, *, cutoff: bool = False) -> dt.datetime:
    return get_calendar().due_at_hours(start, hours, cutoff=cutoff)


def working_time_between(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    return get_calendar().working_time_between(a, b)


# --------------------------------------------------------------------------------------------------
# Input parsing for the CLI and the API (naive input is local time there, and only there)

_DT_FORMATS = (
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y",
)


def parse_local_datetime(text: str | None, *, what: str = "Thời điểm") -> dt.datetime:
    """Parse ``2017-01-20 09:30``, ``2017-01-20T09:30:00+07:00``, ``20/01/2017 09:30`` …; a value
    without offset is local time (Asia/Ho_Chi_Minh). Raises InvalidInput in Vietnamese."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidInput(f"{what} là bắt buộc.", code="missing_value")
    value: dt.datetime | None = None
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        for fmt in _DT_FORMATS:
            try:
                value = dt.datetime.strptime(raw, fmt)  # noqa: DTZ007 — made aware just below
                break
            except ValueError:
                continue
    if value is None:
        raise InvalidInput(
            f"{what} “{raw}” không hợp lệ. Dùng dạng 2017-01-20 09:30 hoặc 20/01/2017 09:30.",
            code="invalid_datetime",
        )
    if value.tzinfo is None:
        value = value.replace(tzinfo=TZ)
    if not MIN_YEAR <= value.astimezone(TZ).year <= MAX_YEAR:
        raise InvalidInput(f"{what} phải trong các năm {MIN_YEAR}–{MAX_YEAR}.", code="out_of_range")
    return value.astimezone(TZ)


def parse_local_date(text: str | None, *, what: str = "Ngày") -> dt.date:
    """Parse ``2017-01-30`` or ``30/01/2017``. Raises InvalidInput in Vietnamese."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidInput(f"{what} là bắt buộc.", code="missing_value")
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            value = dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 — a calendar date, no time
        except ValueError:
            continue
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise InvalidInput(f"{what} phải trong các năm {MIN_YEAR}–{MAX_YEAR}.", code="out_of_range")
        return value
    raise InvalidInput(
        f"{what} “{raw}” không hợp lệ. Dùng dạng 30/01/2017 hoặc 2017-01-30.", code="invalid_date"
    )


def parse_days(text: str | None, *, what: str = "Số ngày làm việc") -> int | Decimal:
    """Parse a positive number of working days (``5``, ``0.5``, ``2,5``), at most ``MAX_DAYS``."""
    raw = (text or "").strip().replace(",", ".")
    if not raw:
        raise InvalidInput(f"{what} là bắt buộc.", code="missing_value")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise InvalidInput(f"{what} “{raw}” không phải là một số.", code="invalid_days")
    if not 0 < number <= MAX_DAYS:
        raise InvalidInput(f"{what} phải lớn hơn 0 và không quá {MAX_DAYS}.", code="invalid_days")
    return int(number) if number == number.to_integral_value() else number
