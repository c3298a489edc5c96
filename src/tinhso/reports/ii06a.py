"""Biểu II.06a — procedure handling per period × agency × domain × procedure (domain.md §2).

Definitions (all moments are compared as ``start <= t < end`` where ``start`` is local midnight of
the first day of the period and ``end`` local midnight after its last day):

* A dossier counts only once it was **received** (``received_at`` set by ``dossier_receive``: status
  2, then 4). Dossiers refused at reception (3), withdrawn before reception, still at status 1 or
  waiting for a supplement asked at reception were never received and are **not** in II.06a at all
  (they are shown apart as ``refused_at_reception`` for information, outside the invariant).
* **carried over** — received before ``start`` and not ended before ``start``;
  **new** — received in the period, split by channel: online | direct or post.
* **resolved** — ``finished_at`` (status 9, result ready, approved or refused after appraisal) in the
  period; early / on time / late by ``core.worktime.classify_finish`` against the legal due time in
  force when it finished (an apology never moves it).
* **withdrawn or stopped** — ``closed_at`` in the period with status 7 or 8.
* **pending at period end** — received before ``end`` and not ended before ``end``; *overdue* when the
  legal due time in force at ``end`` had passed while the clock was running, i.e. before ``end`` or,
  for a dossier waiting for a supplement asked during processing, before the clock stopped.

Invariant, per row: carried over + new = resolved + withdrawn/stopped + pending.

Two implementations: ``ii06a_counts`` — one aggregate query with conditional counts over the dossier
table (plus a small event replay for the pending dossiers whose due time moved: those with a
supplement), the fast path; and ``ii06a_counts_from_events`` — a replay of every dossier's events,
the reference the tests compare it with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Func, IntegerField, Min, Q, Sum
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from tinhso.core.worktime import Timeliness, classify_finish
from tinhso.onestop.models import Channel, Dossier, DossierEvent, DossierStatus, EventAction

S = DossierStatus
ENDED_WITHOUT_RESULT = (S.WITHDRAWN, S.STOPPED)
CLOCK_ACTIONS = (EventAction.RECEIVE, EventAction.REQUEST_SUPPLEMENT, EventAction.SUPPLEMENT)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive."""

    date_from: dt.date
    date_to: dt.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date_from, dt.time(), tzinfo=_tz())

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time(), tzinfo=_tz())

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self) -> str:
        return f"{self.date_from:%d/%m/%Y} – {self.date_to:%d/%m/%Y}"


COUNT_FIELDS = (
    "carried_over",
    "new_online",
    "new_offline",
    "early",
    "on_time",
    "late",
    "withdrawn_stopped",
    "pending_within",
    "pending_overdue",
)


@dataclass
class Counts:
    carried_over: int = 0
    new_online: int = 0
    new_offline: int = 0  # direct or post
    early: int = 0
    on_time: int = 0
    late: int = 0
    withdrawn_stopped: int = 0
    pending_within: int = 0
    pending_overdue: int = 0

    @property
    def new(self) -> int:
        return self.new_online + self.new_offline

    @property
    def received(self) -> int:
        return self.carried_over + self.new

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.pending_within + self.pending_overdue

    @property
    def balanced(self) -> bool:
        return self.received == self.resolved + self.withdrawn_stopped + self.pending

    @property
    def on_time_rate(self) -> float | None:
        """Share of resolved dossiers resolved early or on time (None when none was resolved)."""
        return (self.early + self.on_time) / self.resolved if self.resolved else None

    @property
    def online_share(self) -> float | None:
        """Share of the new dossiers that were submitted online."""
        return self.new_online / self.new if self.new else None

    def add(self, other: Counts) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


Key = tuple[int, int]  # (agency id, procedure id)


# --------------------------------------------------------------------------------------------------
# the local calendar day of an instant, in SQL


class LocalDayNumber(Func):
    """Days since 1970-01-01 of the local (``TIME_ZONE``) date of a timestamp column, as an integer.

    PostgreSQL: ``(x AT TIME ZONE tz)::date - DATE '1970-01-01'`` (any zone). SQLite, which stores
    UTC text: integer epoch seconds plus the zone's offset, divided by 86,400 — exact, no floating
    point, and no Python function per row; valid because Asia/Ho_Chi_Minh has had a fixed offset
    (UTC+7) since 1975 (``fixed_offset_seconds`` checks it for the period)."""

    output_field = IntegerField()
    offset_seconds = 0

    def __init__(self, expression: Any, *, offset_seconds: int = 0) -> None:
        super().__init__(expression)
        self.offset_seconds = offset_seconds

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql} AT TIME ZONE %s)::date - DATE '1970-01-01')", [*params, settings.TIME_ZONE]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"((CAST(strftime('%%s', {sql}) AS INTEGER) + %s) / 86400)", [*params, self.offset_seconds]


def fixed_offset_seconds(period: Period) -> int:
    """The zone's UTC offset, which must be the same over the period (and a year around it)."""
    tz = _tz()
    probes = [
        period.start - dt.timedelta(days=400),
        period.start,
        period.end,
        period.end + dt.timedelta(days=60),
    ]
    offsets = {int(p.astimezone(tz).utcoffset().total_seconds()) for p in probes}  # type: ignore[union-attr]
    if len(offsets) != 1:
        raise NotImplementedError(
            f"Múi giờ {settings.TIME_ZONE} đổi độ lệch trong kỳ báo cáo; chỉ PostgreSQL tính được."
        )
    return offsets.pop()


# --------------------------------------------------------------------------------------------------
# the fast path: the count table for the filled days, the dossier table live for the rest


def _scope(qs: Any, *, agency_ids: Iterable[int] | None, procedure_ids: Iterable[int] | None) -> Any:
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if procedure_ids is not None:
        qs = qs.filter(procedure_id__in=list(procedure_ids))
    return qs


def midnight(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=_tz())


def local_date(at: dt.datetime) -> dt.date:
    return at.astimezone(_tz()).date()


II06A_TABLE = "ii06a"
# The events that change what II.06a counts (reception, the clock, the end of a dossier).
COUNTED_ACTIONS = (
    EventAction.RECEIVE,
    EventAction.REQUEST_SUPPLEMENT,
    EventAction.SUPPLEMENT,
    EventAction.FINISH,
    EventAction.WITHDRAW,
    EventAction.STOP,
    EventAction.REFUSE_RECEPTION,
)
RECEIVED_OPEN = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT, S.PAYMENT)


def filled_until() -> dt.date | None:
    """The first local day that the count table does not hold exactly (None: no fill yet).

    The fill state says up to when the table was filled and the last dossier event it saw; an event
    written since with an earlier instant (a correction, the demo loader) makes the days from its
    local date stale, and they are read live. Two small queries (the second walks the events written
    since the fill, by primary key)."""
    from tinhso.reports.models import CountFillState

    state = (
        CountFillState.objects.filter(name=II06A_TABLE).values_list("filled_until", "last_event_id").first()
    )
    if state is None:
        return None
    until, last_event_id = state
    stale = DossierEvent.objects.filter(
        pk__gt=last_event_id, at__lt=midnight(until), action__in=COUNTED_ACTIONS
    ).aggregate(m=Min("at"))["m"]
    if stale is not None:
        until = min(until, local_date(stale))
    return until


def ii06a_counts(
    period: Period,
    *,
    agency_ids: Iterable[int] | None = None,
    procedure_ids: Iterable[int] | None = None,
    until: dt.date | bool | None = True,
) -> dict[Key, Counts]:
    """II.06a counts per (agency, procedure).

    The days before ``filled_until()`` come from the count table (``reports.models.DossierDayCount``):
    carried over = received − resolved − withdrawn/stopped over the days before the period, the
    period's flows summed over its days, and pending-overdue at the period end as the running sum of
    the table's ``overdue_delta``. The days from then on are counted live on the dossier table with
    indexed ranges (received, finished, closed from that day on; the dossiers pending at the period end
    through the status index), plus an event replay for the pending ones that had a supplement. Pending
    = carried over + new − resolved − withdrawn/stopped. Without any fill: ``ii06a_counts_live``.

    ``until`` (tests, benchmarks) overrides the fill state: a date, or None for no table at all."""
    fill = filled_until() if until is True else until
    if fill is None:
        return ii06a_counts_live(period, agency_ids=agency_ids, procedure_ids=procedure_ids)
    assert isinstance(fill, dt.date)
    result: dict[Key, Counts] = {}
    overdue: dict[Key, int] = {}
    carried: dict[Key, int] = defaultdict(int)
    _table_part(period, fill, result, carried, overdue, agency_ids=agency_ids, procedure_ids=procedure_ids)
    end_day = period.date_to + dt.timedelta(days=1)
    if end_day > fill:
        _live_tail(period, fill, result, carried, agency_ids=agency_ids, procedure_ids=procedure_ids)
        overdue = _live_overdue_at(period.end, agency_ids=agency_ids, procedure_ids=procedure_ids)
    for key in set(carried) | set(overdue):
        result.setdefault(key, Counts())
    for key, c in list(result.items()):
        c.carried_over = carried.get(key, 0)
        pending = c.carried_over + c.new - c.resolved - c.withdrawn_stopped
        c.pending_overdue = overdue.get(key, 0)
        c.pending_within = pending - c.pending_overdue
        if c == Counts():
            del result[key]
    return result


def _sum(name: str | Any, condition: Q) -> Sum:
    return Sum(name, filter=condition, default=0)


def _table_part(
    period: Period,
    fill: dt.date,
    result: dict[Key, Counts],
    carried: dict[Key, int],
    overdue: dict[Key, int],
    *,
    agency_ids: Iterable[int] | None,
    procedure_ids: Iterable[int] | None,
) -> None:
    from tinhso.reports.models import DossierDayCount

    start_day, end_day = period.date_from, period.date_to + dt.timedelta(days=1)
    before, inside = Q(day__lt=start_day), Q(day__gte=start_day)
    aggregates: dict[str, Any] = {
        "received_before": _sum(F("received_online") + F("received_offline"), before),
        "ended_before": _sum(F("early") + F("on_time") + F("late") + F("withdrawn_stopped"), before),
        "new_online": _sum("received_online", inside),
        "new_offline": _sum("received_offline", inside),
        "early": _sum("early", inside),
        "on_time": _sum("on_time", inside),
        "late": _sum("late", inside),
        "withdrawn_stopped": _sum("withdrawn_stopped", inside),
    }
    if end_day <= fill:
        aggregates["overdue"] = Sum("overdue_delta", default=0)
    rows = _scope(
        DossierDayCount.objects.filter(day__lt=min(end_day, fill)),
        agency_ids=agency_ids,
        procedure_ids=procedure_ids,
    )
    for row in rows.order_by().values("agency_id", "procedure_id").annotate(**aggregates):
        key = (row["agency_id"], row["procedure_id"])
        c = result.setdefault(key, Counts())
        c.new_online += row["new_online"]
        c.new_offline += row["new_offline"]
        c.early += row["early"]
        c.on_time += row["on_time"]
        c.late += row["late"]
        c.withdrawn_stopped += row["withdrawn_stopped"]
        carried[key] += row["received_before"] - row["ended_before"]
        if row.get("overdue"):
            overdue[key] = row["overdue"]


def _finish_classes(offset: int) -> dict[str, Any]:
    finished_day = LocalDayNumber("finished_at", offset_seconds=offset)
    due_day = LocalDayNumber("due_at", offset_seconds=offset)
    not_late = Q(finished_at__lte=F("due_at"))
    return {
        "early": not_late & LessThan(finished_day, due_day),
        "on_time": not_late & GreaterThanOrEqual(finished_day, due_day),
        "late": Q(finished_at__gt=F("due_at")),
    }


def _live_tail(
    period: Period,
    fill: dt.date,
    result: dict[Key, Counts],
    carried: dict[Key, int],
    *,
    agency_ids: Iterable[int] | None,
    procedure_ids: Iterable[int] | None,
) -> None:
    """Add what happened from local midnight of ``fill`` up to the period end, from the dossier table:
    to the carried-over counts before the period start, to the period's flows inside it."""
    tail, start, end = midnight(fill), period.start, period.end
    offset = fixed_offset_seconds(period)
    lo = max(tail, start)
    closed = Q(status__in=ENDED_WITHOUT_RESULT)
    touched = Q(received_at__gte=tail) | Q(finished_at__gte=tail) | (closed & Q(closed_at__gte=tail))
    base = _scope(
        Dossier.objects.filter(touched, received_at__isnull=False, received_at__lt=end),
        agency_ids=agency_ids,
        procedure_ids=procedure_ids,
    )
    classes = _finish_classes(offset)
    received_in = Q(received_at__gte=lo, received_at__lt=end)
    finished_in = Q(finished_at__gte=lo, finished_at__lt=end)
    aggregates: dict[str, Any] = {
        "new_online": Count("pk", filter=received_in & Q(channel=Channel.ONLINE)),
        "new_offline": Count("pk", filter=received_in & ~Q(channel=Channel.ONLINE)),
        "early": Count("pk", filter=finished_in & classes["early"]),
        "on_time": Count("pk", filter=finished_in & classes["on_time"]),
        "late": Count("pk", filter=finished_in & classes["late"]),
        "withdrawn_stopped": Count("pk", filter=closed & Q(closed_at__gte=lo, closed_at__lt=end)),
    }
    if start > tail:
        aggregates["received_before"] = Count("pk", filter=Q(received_at__gte=tail, received_at__lt=start))
        aggregates["ended_before"] = Count(
            "pk",
            filter=Q(finished_at__gte=tail, finished_at__lt=start)
            | (closed & Q(closed_at__gte=tail, closed_at__lt=start)),
        )
    for row in base.order_by().values("agency_id", "procedure_id").annotate(**aggregates):
        key = (row["agency_id"], row["procedure_id"])
        c = result.setdefault(key, Counts())
        for name in ("new_online", "new_offline", "early", "on_time", "late", "withdrawn_stopped"):
            setattr(c, name, getattr(c, name) + row[name])
        carried[key] += row.get("received_before", 0) - row.get("ended_before", 0)


def pending_at(end: dt.datetime) -> Q:
    """Received before ``end`` and not ended before it — written so that each branch has an index:
    still open (the status index), finished since (``finished_at``), withdrawn or stopped since (the
    status index again; only statuses 7 and 8 close a received dossier)."""
    return Q(received_at__isnull=False, received_at__lt=end) & (
        Q(status__in=RECEIVED_OPEN)
        | Q(finished_at__gte=end)
        | Q(status__in=ENDED_WITHOUT_RESULT, closed_at__gte=end)
    )


def _live_overdue_at(
    end: dt.datetime, *, agency_ids: Iterable[int] | None, procedure_ids: Iterable[int] | None
) -> dict[Key, int]:
    """Pending and overdue at ``end``, per (agency, procedure), from the dossiers pending then."""
    base = _scope(Dossier.objects.filter(pending_at(end)), agency_ids=agency_ids, procedure_ids=procedure_ids)
    result: dict[Key, int] = defaultdict(int)
    simple = Q(supplement_count=0)
    for row in (
        base.filter(simple, due_at__lt=end)
        .order_by()
        .values("agency_id", "procedure_id")
        .annotate(n=Count("pk"))
    ):
        result[(row["agency_id"], row["procedure_id"])] += row["n"]
    for _, agency_id, procedure_id, events in _with_clock_events(base.filter(~simple), end):
        if _overdue_at(events, end):
            result[(agency_id, procedure_id)] += 1
    return dict(result)


def _with_clock_events(
    qs: Any, until: dt.datetime | None
) -> Iterator[tuple[int, int, int, list[tuple[str, dt.datetime, dict[str, Any]]]]]:
    """(dossier id, agency id, procedure id, its clock events before ``until``) for the dossiers of
    ``qs`` — for the few whose due time moved (a supplement during processing)."""
    rows = list(qs.order_by().values_list("pk", "agency_id", "procedure_id"))
    if not rows:
        return
    events = DossierEvent.objects.filter(dossier_id__in=[r[0] for r in rows], action__in=CLOCK_ACTIONS)
    if until is not None:
        events = events.filter(at__lt=until)
    by_dossier: dict[int, list[tuple[str, dt.datetime, dict[str, Any]]]] = defaultdict(list)
    for dossier_id, action, at, data in events.order_by("dossier_id", "at", "id").values_list(
        "dossier_id", "action", "at", "data"
    ):
        by_dossier[dossier_id].append((action, at, data))
    for dossier_id, agency_id, procedure_id in rows:
        yield dossier_id, agency_id, procedure_id, by_dossier.get(dossier_id, [])


# --------------------------------------------------------------------------------------------------
# without a count table: one aggregate query over the dossier table


def ii06a_counts_live(
    period: Period,
    *,
    agency_ids: Iterable[int] | None = None,
    procedure_ids: Iterable[int] | None = None,
) -> dict[Key, Counts]:
    """II.06a counts per (agency, procedure) from the dossier timestamps alone: one grouped aggregate
    with conditional counts, plus an event replay for the pending dossiers that had a supplement."""
    start, end = period.start, period.end
    offset = fixed_offset_seconds(period)
    relevant = Q(received_at__isnull=False, received_at__lt=end) & (
        Q(finished_at__gte=start)
        | Q(closed_at__gte=start)
        | Q(finished_at__isnull=True, closed_at__isnull=True)
    )
    is_new = Q(received_at__gte=start)
    finished_in = Q(finished_at__gte=start, finished_at__lt=end)
    classes = _finish_classes(offset)
    ended_in = Q(closed_at__gte=start, closed_at__lt=end, status__in=ENDED_WITHOUT_RESULT)
    pending = (Q(finished_at__isnull=True) | Q(finished_at__gte=end)) & (
        Q(closed_at__isnull=True) | Q(closed_at__gte=end)
    )
    simple = Q(supplement_count=0)
    base = _scope(Dossier.objects.filter(relevant), agency_ids=agency_ids, procedure_ids=procedure_ids)
    rows = (
        base.order_by()
        .values("agency_id", "procedure_id")
        .annotate(
            carried_over=Count("pk", filter=~is_new),
            new_online=Count("pk", filter=is_new & Q(channel=Channel.ONLINE)),
            new_offline=Count("pk", filter=is_new & ~Q(channel=Channel.ONLINE)),
            early=Count("pk", filter=finished_in & classes["early"]),
            on_time=Count("pk", filter=finished_in & classes["on_time"]),
            late=Count("pk", filter=finished_in & classes["late"]),
            withdrawn_stopped=Count("pk", filter=ended_in),
            pending_simple=Count("pk", filter=pending & simple),
            pending_simple_overdue=Count("pk", filter=pending & simple & Q(due_at__lt=end)),
        )
    )
    result: dict[Key, Counts] = {}
    for row in rows:
        counts = Counts(
            carried_over=row["carried_over"],
            new_online=row["new_online"],
            new_offline=row["new_offline"],
            early=row["early"],
            on_time=row["on_time"],
            late=row["late"],
            withdrawn_stopped=row["withdrawn_stopped"],
            pending_within=row["pending_simple"] - row["pending_simple_overdue"],
            pending_overdue=row["pending_simple_overdue"],
        )
        result[(row["agency_id"], row["procedure_id"])] = counts
    # Pending dossiers with a supplement: the due time in force at ``end`` and whether the clock was
    # stopped then are read from their events (a later supplement may have moved ``due_at``).
    for _, agency_id, procedure_id, events in _with_clock_events(base.filter(pending & ~simple), end):
        counts = result.setdefault((agency_id, procedure_id), Counts())
        if _overdue_at(events, end):
            counts.pending_overdue += 1
        else:
            counts.pending_within += 1
    return result


def _parse(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _clock_state(
    events: Iterable[tuple[str, dt.datetime, dict[str, Any]]], until: dt.datetime
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(legal due time in force, paused since) after the events strictly before ``until``."""
    due: dt.datetime | None = None
    paused: dt.datetime | None = None
    for action, at, data in events:
        if at >= until:
            break
        if action == EventAction.RECEIVE:
            due, paused = _parse(data["due_at"]), None
        elif action == EventAction.REQUEST_SUPPLEMENT and data.get("stage") == "processing":
            paused = at
        elif action == EventAction.SUPPLEMENT and data.get("new_due_at"):
            due, paused = _parse(data["new_due_at"]), None
    return due, paused


def _overdue_at(events: list[tuple[str, dt.datetime, dict[str, Any]]], end: dt.datetime) -> bool:
    due, paused = _clock_state(events, end)
    if due is None:  # pragma: no cover - a received dossier always has its RECEIVE event
        return False
    return due < (paused or end)


# --------------------------------------------------------------------------------------------------
# the reference: replay every dossier's events


@dataclass
class _History:
    agency_id: int
    procedure_id: int
    channel: str
    received_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    timeliness: Timeliness | None = None
    closed_at: dt.datetime | None = None
    events: list[tuple[str, dt.datetime, dict[str, Any]]] = field(default_factory=list)


def _histories(
    *, agency_ids: Iterable[int] | None, procedure_ids: Iterable[int] | None
) -> Iterator[_History]:
    dossiers = _scope(Dossier.objects.all(), agency_ids=agency_ids, procedure_ids=procedure_ids)
    info = {
        pk: (agency_id, procedure_id, channel)
        for pk, agency_id, procedure_id, channel in dossiers.values_list(
            "pk", "agency_id", "procedure_id", "channel"
        )
    }
    events = (
        DossierEvent.objects.filter(dossier_id__in=dossiers.values("pk"))
        .order_by("dossier_id", "at", "id")
        .values_list("dossier_id", "action", "at", "data")
    )
    current: _History | None = None
    current_id = None
    for dossier_id, action, at, data in events.iterator(chunk_size=5000):
        if dossier_id != current_id:
            if current is not None:
                yield current
            agency_id, procedure_id, channel = info[dossier_id]
            current, current_id = _History(agency_id, procedure_id, channel), dossier_id
        assert current is not None
        current.events.append((action, at, data))
        if action == EventAction.RECEIVE:
            current.received_at = at
        elif action == EventAction.FINISH:
            current.finished_at = at
            due, _ = _clock_state(current.events[:-1], dt.datetime.max.replace(tzinfo=dt.UTC))
            assert due is not None
            current.timeliness = classify_finish(at, due)
        elif action in (EventAction.WITHDRAW, EventAction.STOP) and current.received_at is not None:
            current.closed_at = at
    if current is not None:
        yield current


def ii06a_counts_from_events(
    period: Period,
    *,
    agency_ids: Iterable[int] | None = None,
    procedure_ids: Iterable[int] | None = None,
) -> dict[Key, Counts]:
    """The same counts as ``ii06a_counts``, by replaying every dossier's events (slow; the reference)."""
    start, end = period.start, period.end
    result: dict[Key, Counts] = {}
    for h in _histories(agency_ids=agency_ids, procedure_ids=procedure_ids):
        if h.received_at is None or h.received_at >= end:
            continue
        ended = h.finished_at or h.closed_at
        if ended is not None and ended < start:
            continue
        c = result.setdefault((h.agency_id, h.procedure_id), Counts())
        if h.received_at < start:
            c.carried_over += 1
        elif h.channel == Channel.ONLINE:
            c.new_online += 1
        else:
            c.new_offline += 1
        if ended is not None and ended < end:
            if h.finished_at is not None:
                name = {Timeliness.EARLY: "early", Timeliness.ON_TIME: "on_time", Timeliness.LATE: "late"}
                setattr(c, name[h.timeliness], getattr(c, name[h.timeliness]) + 1)  # type: ignore[index]
            else:
                c.withdrawn_stopped += 1
        elif _overdue_at(h.events, end):
            c.pending_overdue += 1
        else:
            c.pending_within += 1
    return result


def refused_at_reception(
    period: Period,
    *,
    agency_ids: Iterable[int] | None = None,
    procedure_ids: Iterable[int] | None = None,
    until: dt.date | bool | None = True,
) -> dict[Key, int]:
    """Dossiers refused at reception (status 3) in the period — for information, outside II.06a: the
    count table for the filled days, the dossier table (status index) for the rest."""
    from tinhso.reports.models import DossierDayCount

    fill = filled_until() if until is True else until
    result: dict[Key, int] = defaultdict(int)
    live_from = period.start
    if isinstance(fill, dt.date):
        end_day = min(period.date_to + dt.timedelta(days=1), fill)
        table = _scope(
            DossierDayCount.objects.filter(
                day__gte=period.date_from, day__lt=end_day, refused_at_reception__gt=0
            ),
            agency_ids=agency_ids,
            procedure_ids=procedure_ids,
        )
        for row in (
            table.order_by().values("agency_id", "procedure_id").annotate(n=Sum("refused_at_reception"))
        ):
            result[(row["agency_id"], row["procedure_id"])] += row["n"]
        live_from = max(live_from, midnight(fill))
    if live_from < period.end:
        qs = _scope(
            Dossier.objects.filter(status=S.NOT_RECEIVED, closed_at__gte=live_from, closed_at__lt=period.end),
            agency_ids=agency_ids,
            procedure_ids=procedure_ids,
        )
        for row in qs.order_by().values("agency_id", "procedure_id").annotate(n=Count("pk")):
            result[(row["agency_id"], row["procedure_id"])] += row["n"]
    return dict(result)
