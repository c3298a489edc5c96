"""The working-time clock: concrete cases of domain.md §1 (Tết, nghỉ bù, swaps, lunch, cut-off …)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tinhso.core.errors import InvalidInput
from tinhso.core.worktime import (
    DEFAULT_SCHEDULE,
    MAX_DAYS,
    TZ,
    Calendar,
    LibraryYear,
    Schedule,
    Timeliness,
    classify_finish,
    library_year,
)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=TZ)


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar()


# --- working days -----------------------------------------------------------------------------------


def test_tet_2016_is_off_from_monday_8_to_friday_12_february(cal: Calendar) -> None:
    # Tết Bính Thân: 06/02 (Sat) – 14/02 (Sun); Giao thừa on Sunday 07/02 gives nghỉ bù on Friday 12/02.
    assert cal.is_working_day(dt.date(2016, 2, 5))
    for day in range(6, 15):
        assert not cal.is_working_day(dt.date(2016, 2, day)), day
    assert cal.is_working_day(dt.date(2016, 2, 15))


def test_tet_2017_is_off_from_26_january_to_1_february(cal: Calendar) -> None:
    # Tết Đinh Dậu (announced by MOLISA 24/11/2016, no swap): 26/01 (29 tháng Chạp) – 01/02 (mùng 5).
    assert cal.is_working_day(dt.date(2017, 1, 25))
    for day in [dt.date(2017, 1, d) for d in range(26, 32)] + [dt.date(2017, 2, 1)]:
        assert not cal.is_working_day(day), day
    assert cal.is_working_day(dt.date(2017, 2, 2))
    assert cal.is_working_day(dt.date(2017, 2, 3))


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (dt.date(2016, 4, 18), "Giỗ Tổ on Saturday 16/04/2016"),
        (dt.date(2016, 5, 2), "30/4/2016 on Saturday"),
        (dt.date(2016, 5, 3), "1/5/2016 on Sunday"),
        (dt.date(2017, 1, 2), "1/1/2017 on Sunday"),
        (dt.date(2017, 5, 2), "30/4/2017 on Sunday"),
        (dt.date(2017, 9, 4), "2/9/2017 on Saturday"),
        (dt.date(2018, 9, 3), "2/9/2018 on Sunday"),
    ],
)
def test_nghi_bu_moves_a_weekend_holiday_to_the_next_working_day(
    cal: Calendar, day: dt.date, why: str
) -> None:
    assert day.weekday() < 5
    assert not cal.is_working_day(day), why
    assert not cal.is_working_day(day - dt.timedelta(days=1)), why  # the break runs on


def test_nghi_bu_breaks_end_where_they_should(cal: Calendar) -> None:
    assert cal.is_working_day(dt.date(2016, 4, 19))
    assert cal.is_working_day(dt.date(2016, 5, 4))
    assert cal.is_working_day(dt.date(2017, 1, 3))
    assert cal.is_working_day(dt.date(2017, 5, 3))
    assert cal.is_working_day(dt.date(2017, 9, 5))


def test_ordinary_days(cal: Calendar) -> None:
    assert cal.is_working_day(dt.date(2017, 3, 15))  # Wednesday
    assert not cal.is_working_day(dt.date(2017, 3, 18))  # Saturday
    assert not cal.is_working_day(dt.date(2017, 3, 19))  # Sunday
    assert not cal.is_working_day(dt.date(2017, 4, 6))  # Giỗ Tổ Hùng Vương (Thursday)
    assert cal.is_working_day(dt.date(2017, 4, 7))  # no swap in 2017
    assert not cal.is_working_day(dt.date(2016, 9, 2))  # Quốc khánh (Friday)


def test_2025_swapped_saturday_from_the_library(cal: Calendar) -> None:
    assert cal.is_working_day(dt.date(2025, 4, 26))  # Saturday worked
    assert not cal.is_working_day(dt.date(2025, 5, 2))  # Friday off
    # Friday 25/04/2025 16:00 is after the cut-off: the clock starts on Saturday 26/04 07:00.
    assert cal.due_at(at(2025, 4, 25, 16), 1) == at(2025, 4, 26, 17)
    # Tuesday 29/04 15:00, 1 day: 29/04 15–17 (2 h), 30/04–04/05 off, Monday 05/05 07:00 + 6 h.
    assert cal.due_at(at(2025, 4, 29, 15), 1) == at(2025, 5, 5, 15)


def test_2025_swap_as_override_rows_when_the_library_lacks_it() -> None:
    def without_swaps(year: int) -> LibraryYear:
        lib = library_year(year)
        swaps = {dt.date(2025, 5, 2)}
        return LibraryYear(lib.days_off - swaps, lib.statutory - swaps, frozenset())

    bare = Calendar(holiday_source=without_swaps)
    assert not bare.is_working_day(dt.date(2025, 4, 26))
    assert bare.is_working_day(dt.date(2025, 5, 2))
    fixed = Calendar(
        holiday_source=without_swaps, overrides={dt.date(2025, 4, 26): True, dt.date(2025, 5, 2): False}
    )
    assert fixed.is_working_day(dt.date(2025, 4, 26))
    assert not fixed.is_working_day(dt.date(2025, 5, 2))


def test_overrides_win_over_the_library_and_the_weekend() -> None:
    cal = Calendar(
        overrides={
            dt.date(2016, 9, 2): True,  # Quốc khánh in the library → working day
            dt.date(2017, 4, 7): False,  # an ordinary Friday → day off
            dt.date(2017, 4, 15): True,  # a Saturday → working day
        }
    )
    assert cal.is_working_day(dt.date(2016, 9, 2))
    assert not cal.is_working_day(dt.date(2017, 4, 7))
    assert cal.is_working_day(dt.date(2017, 4, 15))
    # Wednesday 05/04/2017 09:00, 2 days (16 h): 05/04 6 h; 06/04 Giỗ Tổ; 07/04 off by override;
    # weekend; Monday 10/04 8 h (14 h); Tuesday 11/04 07:00 + 2 h = 09:00.
    assert cal.due_at(at(2017, 4, 5, 9), 2) == at(2017, 4, 11, 9)
    assert cal.due_at(at(2017, 4, 14, 9), 1) == at(2017, 4, 15, 9)


def test_the_library_rule_is_completed_where_a_nghi_bu_is_missing() -> None:
    def forgetful(year: int) -> LibraryYear:
        lib = library_year(year)
        if year != 2017:
            return lib
        missing = {dt.date(2017, 9, 4)}
        return LibraryYear(lib.days_off - missing, lib.statutory, lib.weekend_workdays)

    cal = Calendar(holiday_source=forgetful)
    assert dt.date(2017, 9, 4) in cal.days_off(2017)
    assert not cal.is_working_day(dt.date(2017, 9, 4))
    assert cal.days_off(2017) == library_year(2017).days_off


def test_the_library_already_gives_every_nghi_bu_for_the_demo_years(cal: Calendar) -> None:
    for year in range(2010, 2031):
        assert cal.days_off(year) == library_year(year).days_off, year


# --- due times ----------------------------------------------------------------------------------------


def test_issue_example_tet_2017(cal: Calendar) -> None:
    """Hand calculation: Friday 20/01/2017 09:30 + 5 working days (40 h).
    20/01: 09:30–11:00 and 13:00–17:00 = 5 h 30; 23, 24, 25/01 = 24 h (29 h 30);
    26/01–01/02 Tết; 02/02 = 8 h (37 h 30); 03/02 07:00 + 2 h 30 = 09:30."""
    assert cal.due_at(at(2017, 1, 20, 9, 30), 5) == at(2017, 2, 3, 9, 30)
    assert cal.due_at(at(2017, 1, 20, 9, 30), 5).isoformat() == "2017-02-03T09:30:00+07:00"


def test_tet_2016_due(cal: Calendar) -> None:
    # Thursday 04/02/2016 14:00, 3 days (24 h): 04/02 3 h, 05/02 8 h (11 h), Tết 06–14/02,
    # 15/02 8 h (19 h), 16/02: 07–11 is 4 h (23 h), then 13:00 + 1 h = 14:00.
    assert cal.due_at(at(2016, 2, 4, 14), 3) == at(2016, 2, 16, 14)


def test_lunch_break(cal: Calendar) -> None:
    # 10:00 + 4 h: 10–11, then 13:00 + 3 h.
    assert cal.due_at(at(2017, 3, 15, 10), Decimal("0.5")) == at(2017, 3, 15, 16)
    # Received during lunch: the clock starts at 13:00.
    assert cal.clock_start(at(2017, 3, 15, 11, 30)) == at(2017, 3, 15, 13)
    # 13:00–17:00 (4 h), then 07:00–11:00 the next day: the due time stays at 11:00.
    assert cal.due_at(at(2017, 3, 15, 11, 30), 1) == at(2017, 3, 16, 11)
    # An allotment ending at 11:00 stays at 11:00, it does not jump to 13:00.
    assert cal.due_at_hours(at(2017, 3, 15, 10), 1) == at(2017, 3, 15, 11)
    assert cal.due_at_hours(at(2017, 3, 15, 10), Decimal("1.5")) == at(2017, 3, 15, 13, 30)


def test_afternoon_cutoff(cal: Calendar) -> None:
    # 15:00 exactly is not after the cut-off.
    assert cal.due_at(at(2017, 3, 15, 15), 1) == at(2017, 3, 16, 15)
    # After 15:00: the clock starts at the start of the next working day.
    assert cal.clock_start(at(2017, 3, 15, 15, 0, 1)) == at(2017, 3, 16, 7)
    assert cal.due_at(at(2017, 3, 15, 15, 0, 1), 1) == at(2017, 3, 16, 17)
    # Friday afternoon → Monday.
    assert cal.due_at(at(2017, 3, 17, 16, 30), 1) == at(2017, 3, 20, 17)
    # Without the cut-off the 2 h left that afternoon count.
    assert cal.due_at(at(2017, 3, 15, 15, 30), 1, cutoff=False) == at(2017, 3, 16, 15, 30)
    # On a day off there is nothing to cut: Saturday afternoon → Monday 07:00.
    assert cal.clock_start(at(2017, 3, 18, 16)) == at(2017, 3, 20, 7)
    # Wednesday 25/01/2017 16:00, the eve of Tết: the next working day is 02/02.
    assert cal.due_at(at(2017, 1, 25, 16), 1) == at(2017, 2, 2, 17)


def test_due_at_end_of_period_stays(cal: Calendar) -> None:
    assert cal.due_at(at(2017, 3, 13, 7), 1) == at(2017, 3, 13, 17)
    assert cal.due_at(at(2017, 3, 13, 6), 1) == at(2017, 3, 13, 17)  # before opening: starts 07:00
    assert cal.due_at(at(2017, 3, 13, 7), 5) == at(2017, 3, 17, 17)  # Friday 17:00, not Monday
    assert cal.due_at(at(2017, 3, 13, 13), Decimal("0.5")) == at(2017, 3, 13, 17)
    assert cal.due_at(at(2017, 3, 13, 7), Decimal("0.5")) == at(2017, 3, 13, 11)


def test_clock_start_and_elapsed(cal: Calendar) -> None:
    assert cal.clock_start(at(2017, 3, 13, 9, 15)) == at(2017, 3, 13, 9, 15)
    assert cal.clock_start(at(2017, 3, 13, 18)) == at(2017, 3, 14, 7)
    assert cal.working_time_between(at(2017, 1, 20, 9, 30), at(2017, 2, 3, 9, 30)) == dt.timedelta(hours=40)
    assert cal.working_time_between(at(2017, 3, 13, 10), at(2017, 3, 13, 14)) == dt.timedelta(hours=2)
    assert cal.working_time_between(at(2017, 3, 13, 14), at(2017, 3, 13, 10)) == -dt.timedelta(hours=2)
    assert cal.working_time_between(at(2017, 3, 18, 9), at(2017, 3, 19, 9)) == dt.timedelta(0)
    assert cal.working_days_between(at(2017, 1, 20, 9, 30), at(2017, 2, 3, 9, 30)) == Decimal("5.00")


def test_inputs_in_utc_and_across_years(cal: Calendar) -> None:
    utc_start = at(2017, 1, 20, 9, 30).astimezone(dt.UTC)
    assert cal.due_at(utc_start, 5) == at(2017, 2, 3, 9, 30)
    assert cal.due_at(utc_start, 5).utcoffset() == dt.timedelta(hours=7)
    # Friday 29/12/2017 13:00 + 1 day: 4 h that afternoon, 01/01/2018 is a holiday, 02/01 07:00 + 4 h.
    assert cal.due_at(at(2017, 12, 29, 13), 1) == at(2018, 1, 2, 11)


def test_calendar_grows_on_demand() -> None:
    cal = Calendar()
    assert cal.due_at(at(2017, 1, 20, 9, 30), 5) == at(2017, 2, 3, 9, 30)
    far = cal.due_at(at(2017, 1, 20, 9, 30), MAX_DAYS)
    assert far.year in (2020, 2021)
    assert cal.working_time_between(at(2017, 1, 20, 9, 30), far) == MAX_DAYS * dt.timedelta(hours=8)
    assert cal.due_at(at(2030, 6, 3, 9), 1) == at(2030, 6, 4, 9)  # jumps ahead, then back again
    assert cal.due_at(at(2001, 6, 4, 9), 1) == at(2001, 6, 5, 9)
    assert cal.due_at(at(2017, 1, 20, 9, 30), 5) == at(2017, 2, 3, 9, 30)
    with pytest.raises(ValueError, match="2099"):
        cal.due_at(at(2099, 11, 1, 9), 500)
    with pytest.raises(ValueError, match="1976"):
        cal.is_working_day(dt.date(1960, 1, 4))


def test_schedule_change_by_effective_date() -> None:
    later = Schedule.parse(
        valid_from=dt.date(2018, 1, 1),
        periods=[["07:30", "11:30"], ["13:30", "17:30"]],
        weekdays=range(5),
        cutoff="16:00",
    )
    cal = Calendar(schedules=[DEFAULT_SCHEDULE, later])
    assert cal.schedule_for(dt.date(2017, 12, 31)) is DEFAULT_SCHEDULE
    assert cal.schedule_for(dt.date(2018, 1, 1)) is later
    # Friday 29/12/2017 13:00: 4 h under the old hours, then Tuesday 02/01/2018 07:30 + 4 h = 11:30.
    assert cal.due_at(at(2017, 12, 29, 13), 1) == at(2018, 1, 2, 11, 30)
    # The new cut-off is 16:00: 15:30 still counts that day.
    assert cal.clock_start(at(2018, 1, 3, 15, 30)) == at(2018, 1, 3, 15, 30)
    assert cal.clock_start(at(2018, 1, 3, 16, 30)) == at(2018, 1, 4, 7, 30)
    assert cal.clock_start(at(2017, 12, 28, 15, 30)) == at(2017, 12, 29, 7)
    no_cutoff = Calendar(
        schedules=[
            Schedule.parse(
                valid_from=dt.date(2000, 1, 1),
                periods=[["08:00", "16:00"]],
                weekdays=[0, 1, 2, 3, 4, 5],
                cutoff=None,
            )
        ]
    )
    assert no_cutoff.is_working_day(dt.date(2017, 3, 18))  # Saturday in this schedule
    assert no_cutoff.due_at(at(2017, 3, 17, 15, 30), 1) == at(2017, 3, 18, 15, 30)


@pytest.mark.parametrize(
    ("periods", "weekdays", "cutoff"),
    [
        ([], range(5), None),
        ([["11:00", "07:00"]], range(5), None),
        ([["07:00", "11:00"], ["10:00", "17:00"]], range(5), None),
        ([["7h", "11:00"]], range(5), None),
        ([["07:00"]], range(5), None),
        ([["07:00", "11:00"]], [7], None),
        ([["07:00", "11:00"]], [], None),
        ([["07:00", "11:00"]], range(5), "25:00"),
    ],
)
def test_bad_schedules_are_refused(periods: list[list[str]], weekdays: range, cutoff: str | None) -> None:
    with pytest.raises(InvalidInput):
        Schedule.parse(valid_from=dt.date(2000, 1, 1), periods=periods, weekdays=weekdays, cutoff=cutoff)


def test_fractions_and_bad_allotments(cal: Calendar) -> None:
    assert cal.due_at(at(2017, 3, 13, 7), 0.25) == at(2017, 3, 13, 9)
    assert cal.due_at_hours(at(2017, 3, 13, 7), 12) == at(2017, 3, 14, 11)
    for bad in (0, -1, MAX_DAYS + 1, float("nan"), True, "5"):
        with pytest.raises(InvalidInput):
            cal.due_at(at(2017, 3, 13, 7), bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="aware"):
        cal.due_at(dt.datetime(2017, 3, 13, 7), 1)
    with pytest.raises(ValueError, match="aware"):
        cal.working_time_between(dt.datetime(2017, 3, 13, 7), at(2017, 3, 13, 9))


# --- early / on time / late ----------------------------------------------------------------------------


def test_classify_finish() -> None:
    due = at(2017, 2, 3, 9, 30)
    assert classify_finish(at(2017, 2, 3, 9, 31), due) == Timeliness.LATE
    assert classify_finish(at(2017, 2, 6, 8), due) == Timeliness.LATE
    assert classify_finish(due, due) == Timeliness.ON_TIME
    assert classify_finish(at(2017, 2, 3, 7, 5), due) == Timeliness.ON_TIME
    assert classify_finish(at(2017, 2, 2, 16, 59), due) == Timeliness.EARLY
    # Local dates count: 06:00 on 03/02 in Việt Nam is still 02/02 in UTC, yet it is on the due date.
    assert classify_finish(at(2017, 2, 3, 6).astimezone(dt.UTC), due.astimezone(dt.UTC)) == Timeliness.ON_TIME
    assert classify_finish(at(2017, 2, 2, 23, 59).astimezone(dt.UTC), due) == Timeliness.EARLY
    assert [c.label for c in Timeliness] == ["Trước hạn", "Đúng hạn", "Quá hạn"]
