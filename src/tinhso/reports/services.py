"""Writes of the reports app: filling the count tables (design.md house style 9)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
from tinhso.onestop.models import Channel, Dossier, DossierEvent
from tinhso.reports.ii06a import (
    ENDED_WITHOUT_RESULT,
    II06A_TABLE,
    LocalDayNumber,
    Period,
    S,
    _finish_classes,
    _overdue_at,
    _parse,
    _with_clock_events,
    filled_until,
    fixed_offset_seconds,
    local_date,
    midnight,
)
from tinhso.reports.models import CountFillState, DossierDayCount

EPOCH = dt.date(1970, 1, 1)
DayKey = tuple[int, int, dt.date]  # (agency id, procedure id, local day)
COUNTERS = (
    "received_online",
    "received_offline",
    "early",
    "on_time",
    "late",
    "withdrawn_stopped",
    "refused_at_reception",
    "overdue_delta",
)


@dataclass
class FillResult:
    filled_from: dt.date | None  # None: nothing to do
    filled_until: dt.date
    rows: int = 0
    dry_run: bool = False


def _day(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=n)


def _range(field: str, lo: dt.datetime | None, hi: dt.datetime) -> Q:
    q = Q(**{f"{field}__lt": hi})
    return q & Q(**{f"{field}__gte": lo}) if lo is not None else q


def ii06a_day_rows(from_day: dt.date | None, until_day: dt.date) -> dict[DayKey, dict[str, int]]:
    """The count-table rows of the local days in [``from_day``, ``until_day``) (``from_day`` None:
    from the first dossier), computed from the dossier table: grouped aggregates per local day for
    the flows, and for the pending-overdue running sum one +1 on the day a dossier becomes pending and
    overdue at the next midnight and one −1 on the day it stops being so — from its timestamps when its
    due time never moved, from a replay of its clock events when a supplement moved it."""
    lo = midnight(from_day) if from_day is not None else None
    hi = midnight(until_day)
    first = from_day
    if first is None:
        oldest = Dossier.objects.aggregate(
            r=Min("received_at"), c=Min("closed_at", filter=Q(status=S.NOT_RECEIVED))
        )
        instants = [v for v in oldest.values() if v is not None]
        first = local_date(min(instants)) if instants else until_day
    if first >= until_day:
        return {}
    offset = fixed_offset_seconds(Period(first, until_day))
    from_n, until_n = (first - EPOCH).days, (until_day - EPOCH).days
    rows: dict[DayKey, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))

    def add(qs: Any, day: Any, **aggregates: Any) -> None:
        for row in (
            qs.order_by().annotate(d=day).values("agency_id", "procedure_id", "d").annotate(**aggregates)
        ):
            target = rows[(row["agency_id"], row["procedure_id"], _day(row["d"]))]
            for name in aggregates:
                target[name] += row[name]

    def ldn(expression: Any) -> LocalDayNumber:
        return LocalDayNumber(expression, offset_seconds=offset)

    received = Dossier.objects.filter(received_at__isnull=False)
    online = Q(channel=Channel.ONLINE)
    add(
        Dossier.objects.filter(_range("received_at", lo, hi)),
        ldn("received_at"),
        received_online=Count("pk", filter=online),
        received_offline=Count("pk", filter=~online),
    )
    classes = _finish_classes(offset)
    add(
        received.filter(_range("finished_at", lo, hi)),
        ldn("finished_at"),
        **{name: Count("pk", filter=condition) for name, condition in classes.items()},
    )
    add(
        received.filter(_range("closed_at", lo, hi), status__in=ENDED_WITHOUT_RESULT),
        ldn("closed_at"),
        withdrawn_stopped=Count("pk"),
    )
    add(
        Dossier.objects.filter(_range("closed_at", lo, hi), status=S.NOT_RECEIVED),
        ldn("closed_at"),
        refused_at_reception=Count("pk"),
    )
    # Pending and overdue at midnight D, for a dossier whose due time never moved: received before D,
    # due before D, not ended before D — i.e. from the day max(received, due) + 1 to the day
    # max(ended, due) (both local days): +1 on the first, −1 on the second.
    simple = received.filter(supplement_count=0, received_at__lt=hi)
    became = Greatest(ldn("received_at"), ldn("due_at"))
    stopped = Greatest(ldn(Coalesce("finished_at", "closed_at")), ldn("due_at"))
    became_qs = simple if lo is None else simple.filter(Q(received_at__gte=lo) | Q(due_at__gte=lo))
    for qs, day_expression, sign in (
        (became_qs, became, 1),
        (
            simple.filter(Q(finished_at__isnull=False) | Q(closed_at__isnull=False)).filter(
                Q() if lo is None else Q(finished_at__gte=lo) | Q(closed_at__gte=lo) | Q(due_at__gte=lo)
            ),
            stopped,
            -1,
        ),
    ):
        grouped = (
            qs.order_by()
            .annotate(d=day_expression)
            .filter(d__gte=from_n, d__lt=until_n)
            .values("agency_id", "procedure_id", "d")
            .annotate(n=Count("pk"))
        )
        for row in grouped:
            rows[(row["agency_id"], row["procedure_id"], _day(row["d"]))]["overdue_delta"] += sign * row["n"]
    # The dossiers whose due time moved (a supplement during processing): replay their clock events.
    moved = received.filter(supplement_count__gt=0, received_at__lt=hi)
    if lo is not None:
        moved = moved.filter(
            Q(finished_at__isnull=True, closed_at__isnull=True)
            | Q(finished_at__gte=lo)
            | Q(closed_at__gte=lo)
        )
    ends = {
        pk: (received_at, finished_at or closed_at)
        for pk, received_at, finished_at, closed_at in moved.values_list(
            "pk", "received_at", "finished_at", "closed_at"
        )
    }
    for dossier_id, agency_id, procedure_id, events in _with_clock_events(moved, None):
        received_at, ended_at = ends[dossier_id]
        assert received_at is not None
        for day, delta in overdue_deltas(received_at, ended_at, events):
            if first <= day < until_day:
                rows[(agency_id, procedure_id, day)]["overdue_delta"] += delta
    return {key: counters for key, counters in rows.items() if any(counters.values())}


def overdue_deltas(
    received_at: dt.datetime,
    ended_at: dt.datetime | None,
    events: list[tuple[str, dt.datetime, dict[str, Any]]],
) -> Iterable[tuple[dt.date, int]]:
    """The days on which "pending and overdue at the next local midnight" changes for one dossier,
    with +1 / −1. It can only change on the day of reception, of the end, of a clock event, or of a
    due time in force, so it is evaluated on those days only."""
    received_day = local_date(received_at)
    ended_day = local_date(ended_at) if ended_at is not None else None
    candidates = {received_day, *(local_date(at) for _, at, _ in events)}
    if ended_day is not None:
        candidates.add(ended_day)
    for action, _, data in events:
        for key in ("due_at", "new_due_at"):
            if action in ("receive", "supplement") and data.get(key):
                candidates.add(local_date(_parse(data[key])))
    previous = 0
    for day in sorted(candidates):
        pending = received_day <= day and (ended_day is None or ended_day > day)
        value = int(pending and _overdue_at(events, midnight(day + dt.timedelta(days=1))))
        if value != previous:
            yield day, value - previous
            previous = value


@transaction.atomic
def reports_counts_fill(
    *,
    actor: Any,
    until: dt.date | None = None,
    rebuild: bool = False,
    dry_run: bool = False,
    batch_size: int = 5000,
) -> FillResult:
    """Bring the II.06a count table up to the local day ``until`` (exclusive; default today, so the
    table holds only whole days): from where it was complete (see ``reports.ii06a.filled_until``, which
    also notices events written since with earlier instants), or from the start with ``rebuild``. The
    rows of the recomputed days are replaced, the fill state is moved, in one transaction. With
    ``dry_run`` the rows are computed and counted, nothing is written."""
    today = timezone.localdate()
    until = until or today
    if until > today:
        raise InvalidInput(
            f"Chỉ nạp được số liệu các ngày đã qua (đến trước ngày {today:%d/%m/%Y}).", code="future"
        )
    state = CountFillState.objects.select_for_update().filter(name=II06A_TABLE).first()
    last_event_id = DossierEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    complete = None if rebuild or state is None else filled_until()
    if complete is not None and complete >= until and state is not None and state.filled_until == until:
        return FillResult(filled_from=None, filled_until=until, dry_run=dry_run)
    from_day = None if complete is None else min(complete, until)
    rows = ii06a_day_rows(from_day, until)
    result = FillResult(filled_from=from_day, filled_until=until, rows=len(rows), dry_run=dry_run)
    if dry_run:
        return result
    stale = DossierDayCount.objects.all()
    if from_day is not None:
        stale = stale.filter(day__gte=from_day)
    stale.delete()
    DossierDayCount.objects.bulk_create(
        (
            DossierDayCount(agency_id=agency_id, procedure_id=procedure_id, day=day, **counters)
            for (agency_id, procedure_id, day), counters in rows.items()
        ),
        batch_size=batch_size,
    )
    before = {"filled_until": state.filled_until if state else None}
    now = timezone.now()
    if state is None:
        state = CountFillState.objects.create(
            name=II06A_TABLE, filled_until=until, last_event_id=last_event_id, filled_at=now
        )
    else:
        state.filled_until, state.last_event_id, state.filled_at = until, last_event_id, now
        state.save(update_fields=["filled_until", "last_event_id", "filled_at"])
    audit_record(
        actor=actor,
        action="reports.counts_fill",
        obj=state,
        before=before,
        after={"filled_until": until, "from": from_day, "rows": len(rows)},
    )
    return result
