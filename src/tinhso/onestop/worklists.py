"""The back office's worklists: which open steps and dossiers a staff member sees, with counts.

Scopes (a step is open while ``finished_at`` is null; the services keep exactly one open step, the
dossier's current one):
- ``mine``: steps given to me, and steps given to nobody yet that my roles may take (the same rule as
  the services' ``_require_step_actor``: role or its substitute, in the step's unit or a unit above);
- ``unit``: every open step in the units where I hold a role directly, and below them (my division);
- ``due_today``: open steps of ``mine`` ∪ ``unit`` whose due time falls later today;
- ``overdue``: open steps of ``mine`` ∪ ``unit`` whose due time has passed.
Dossiers waiting for the applicant's supplement are paused: they never count as due or overdue.

Query count: the user's grants (the role rows and the agency tree, a few queries, cached on the user),
then the counts (1) and the page of rows (1 + 1 for the paginator count) — independent of the number
of dossiers (tests/onestop/test_worklist_queries.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from tinhso.core.vntext import folded_q
from tinhso.onestop import access
from tinhso.onestop.models import Dossier, DossierStatus, DossierStep
from tinhso.org.models import Role

SCOPES = ("mine", "unit", "due_today", "overdue")
SCOPE_LABELS = {
    "mine": "Hồ sơ của tôi",
    "unit": "Hồ sơ của đơn vị",
    "due_today": "Đến hạn hôm nay",
    "overdue": "Quá hạn",
}
PAUSED = (DossierStatus.SUPPLEMENT,)


@dataclass(frozen=True)
class WorklistCounts:
    mine: int
    unit: int
    due_today: int
    overdue: int

    def get(self, scope: str) -> int:
        return int(getattr(self, scope))


def _takeable(user: Any) -> Q:
    """Unassigned steps that ``user``'s roles may take."""
    q = Q(pk__in=[])
    for role, _, chain in access._roles(user):
        step_roles = [r for r in Role.values if role in access.step_roles(r)]
        q |= Q(role__in=step_roles, agency_id__in=chain)
    return Q(assignee__isnull=True) & q


def _day_end(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=23, minute=59, second=59, microsecond=999_999)


def scope_filters(user: Any, *, now: dt.datetime | None = None) -> dict[str, Q]:
    """The ``Q`` of each scope over open ``DossierStep`` rows."""
    now = now or timezone.now()
    if not access.is_staff_user(user) or not user.is_active:
        nothing = Q(pk__in=[])
        return dict.fromkeys(SCOPES, nothing)
    mine = Q(assignee=user) | _takeable(user)
    # The units where I hold a role and those under them, from the grants (no second look at the tree).
    unit = Q(agency_id__in=sorted({a for g in access.grants(user) for a in g.units}))
    visible = mine | unit
    running = ~Q(dossier__status__in=PAUSED)
    return {
        "mine": mine,
        "unit": unit,
        "due_today": visible & running & Q(due_at__gte=now, due_at__lte=_day_end(now)),
        "overdue": visible & running & Q(due_at__lt=now),
    }


def _open_steps() -> QuerySet[DossierStep]:
    return DossierStep.objects.filter(finished_at__isnull=True, dossier__current_step_id=F("id"))


def worklist_counts(user: Any, *, now: dt.datetime | None = None) -> WorklistCounts:
    """The four counts in one query."""
    filters = scope_filters(user, now=now)
    row = _open_steps().aggregate(**{name: Count("id", filter=q) for name, q in filters.items()})
    return WorklistCounts(**{name: int(row[name] or 0) for name in SCOPES})


def worklist(
    user: Any, scope: str, *, now: dt.datetime | None = None, search: str = ""
) -> QuerySet[DossierStep]:
    """The open steps of ``scope`` (earliest due first), with the dossier and its procedure loaded."""
    if scope not in SCOPES:
        raise ValueError(scope)
    qs = _open_steps().filter(scope_filters(user, now=now)[scope])
    if search:
        qs = qs.filter(folded_q("dossier__search_text", search))
    return qs.select_related("dossier", "dossier__procedure", "assignee", "agency").order_by("due_at", "id")


def desk_queue(user: Any, state: str = "new") -> QuerySet[Dossier]:
    """The one-stop desk's queue for a clerk: online dossiers waiting for reception (``new``), those
    waiting for a supplement requested at reception (``supplement``), open dossiers with a withdrawal
    request (``withdraw``)."""
    agencies = access.agencies_with_role(user, {Role.CLERK})
    qs = Dossier.objects.filter(agency_id__in=agencies)
    if state == "supplement":
        qs = qs.filter(status=DossierStatus.SUPPLEMENT, received_at__isnull=True)
    elif state == "withdraw":
        qs = qs.filter(
            withdraw_requested_at__isnull=False,
            status__in=[DossierStatus.NEW, DossierStatus.PROCESSING, DossierStatus.SUPPLEMENT],
        )
    else:
        qs = qs.filter(status=DossierStatus.NEW)
    return qs.select_related("procedure").order_by("submitted_at", "id")


def desk_counts(user: Any) -> dict[str, int]:
    agencies = access.agencies_with_role(user, {Role.CLERK})
    row = Dossier.objects.filter(agency_id__in=agencies).aggregate(
        new=Count("id", filter=Q(status=DossierStatus.NEW)),
        supplement=Count("id", filter=Q(status=DossierStatus.SUPPLEMENT, received_at__isnull=True)),
        withdraw=Count(
            "id",
            filter=Q(
                withdraw_requested_at__isnull=False,
                status__in=[DossierStatus.NEW, DossierStatus.PROCESSING, DossierStatus.SUPPLEMENT],
            ),
        ),
    )
    return {k: int(v or 0) for k, v in row.items()}


def staff_dossiers(user: Any) -> QuerySet[Dossier]:
    """Every dossier (not a draft) that ``user`` may open in the back office."""
    return Dossier.objects.filter(agency_id__in=access.agencies_of(user)).exclude(status=DossierStatus.DRAFT)
