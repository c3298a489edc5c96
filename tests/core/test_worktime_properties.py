"""Property tests of the working-time clock (hypothesis), including a slow reference implementation
that walks day by day and period by period, to check the fast cumulative-index arithmetic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tinhso.core.worktime import TZ, WORKING_DAY, Calendar, Timeliness, classify_finish

CAL = Calendar(overrides={dt.date(2017, 4, 7): False, dt.date(2017, 4, 15): True})
CAL.preload(2015, 2019)

ONE_DAY = dt.timedelta(days=1)

# Instants between mid-2015 and mid-2018, with microseconds, in Vietnamese time or in UTC.
local_naive = st.datetimes(min_value=dt.datetime(2015, 6, 1), max_value=dt.datetime(2018, 6, 30))
starts = st.builds(
    lambda naive, utc: naive.replace(tzinfo=TZ).astimezone(dt.UTC) if utc else naive.replace(tzinfo=TZ),
    local_naive,
    st.booleans(),
)
# Instants on round minutes, with more of them on the boundaries that matter.
boundary_times = st.sampled_from(
    [
        dt.time(h, m)
        for h, m in [(0, 0), (6, 59), (7, 0), (11, 0), (12, 0), (13, 0), (15, 0), (15, 1), (17, 0)]
    ]
)
boundary_starts = st.builds(
    lambda day, t: dt.datetime.combine(day, t, tzinfo=TZ),
    st.dates(min_value=dt.date(2015, 6, 1), max_value=dt.date(2018, 6, 30)),
    boundary_times,
)
any_start = st.one_of(starts, boundary_starts)
days = st.integers(min_value=1, max_value=60)


def reference_due(cal: Calendar, start: dt.datetime, amount: dt.timedelta, cutoff: bool) -> dt.datetime:
    """Walk day by day; within a day, period by period. A due time may end exactly at a period end."""
    local = start.astimezone(TZ)
    day, t = local.date(), local.time()
    sched = cal.schedule_for(day)
    if cutoff and cal.is_working_day(day) and sched.cutoff is not None and t > sched.cutoff:
        day, t = day + ONE_DAY, dt.time(0)
    left = amount
    while True:
        if cal.is_working_day(day):
            for a, b in cal.working_periods(day):
                begin = max(a, dt.datetime.combine(day, t, tzinfo=TZ))
                if begin >= b:
                    continue
                if begin + left <= b:
                    return begin + left
                left -= b - begin
        day, t = day + ONE_DAY, dt.time(0)


@settings(max_examples=400, deadline=None)
@given(any_start, days, st.booleans())
def test_due_matches_the_reference(start: dt.datetime, n: int, cutoff: bool) -> None:
    assert CAL.due_at(start, n, cutoff=cutoff) == reference_due(CAL, start, n * WORKING_DAY, cutoff)


@settings(max_examples=200, deadline=None)
@given(any_start, st.decimals(min_value=Decimal("0.01"), max_value=Decimal("40"), places=2))
def test_hour_allotments_match_the_reference(start: dt.datetime, hours: Decimal) -> None:
    amount = dt.timedelta(seconds=int(hours * 3600))
    assert CAL.due_at_hours(start, hours) == reference_due(CAL, start, amount, cutoff=False)


@settings(max_examples=300, deadline=None)
@given(any_start, days, days)
def test_due_composes_without_cutoff(start: dt.datetime, a: int, b: int) -> None:
    first = CAL.due_at(start, a, cutoff=False)
    assert CAL.due_at(first, b, cutoff=False) == CAL.due_at(start, a + b, cutoff=False)


@settings(max_examples=300, deadline=None)
@given(any_start, days)
def test_elapsed_until_due_is_n_times_eight_hours(start: dt.datetime, n: int) -> None:
    assert CAL.working_time_between(start, CAL.due_at(start, n, cutoff=False)) == n * WORKING_DAY


@settings(max_examples=300, deadline=None)
@given(any_start, days, st.booleans())
def test_due_is_inside_or_at_the_end_of_a_working_period(start: dt.datetime, n: int, cutoff: bool) -> None:
    due = CAL.due_at(start, n, cutoff=cutoff)
    assert due.utcoffset() == dt.timedelta(hours=7)
    periods = CAL.working_periods(due.date())
    assert periods, "a due time falls on a working day"
    assert any(a < due <= b for a, b in periods)


@settings(max_examples=200, deadline=None)
@given(any_start, any_start, days, st.booleans())
def test_due_is_monotonic(s1: dt.datetime, s2: dt.datetime, n: int, cutoff: bool) -> None:
    s1, s2 = min(s1, s2), max(s1, s2)
    assert CAL.due_at(s1, n, cutoff=cutoff) <= CAL.due_at(s2, n, cutoff=cutoff)
    assert CAL.due_at(s1, n, cutoff=cutoff) < CAL.due_at(s1, n + 1, cutoff=cutoff)


@settings(max_examples=200, deadline=None)
@given(any_start, any_start, any_start)
def test_elapsed_is_additive(a: dt.datetime, b: dt.datetime, c: dt.datetime) -> None:
    assert CAL.working_time_between(a, b) + CAL.working_time_between(b, c) == CAL.working_time_between(a, c)
    assert CAL.working_time_between(a, b) == -CAL.working_time_between(b, a)


@settings(max_examples=200, deadline=None)
@given(any_start, days)
def test_a_fresh_calendar_gives_the_same_answers(start: dt.datetime, n: int) -> None:
    fresh = Calendar(overrides=CAL.overrides)  # grows from the start's year instead of preloaded
    assert fresh.due_at(start, n) == CAL.due_at(start, n)


@settings(max_examples=200, deadline=None)
@given(any_start, any_start)
def test_classify_finish_agrees_with_the_rule(finished: dt.datetime, due: dt.datetime) -> None:
    result = classify_finish(finished, due)
    if finished > due:
        assert result == Timeliness.LATE
    elif finished.astimezone(TZ).date() == due.astimezone(TZ).date():
        assert result == Timeliness.ON_TIME
    else:
        assert result == Timeliness.EARLY
        assert finished.astimezone(TZ).date() < due.astimezone(TZ).date()
