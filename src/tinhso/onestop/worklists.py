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
of dossiers (tests/onestop/test_worklist_queries.py). A search (``worklist_search``) is two queries
too: the scope's rows with their search texts, then the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from tinhso.core.vntext import MAX_QUERY_WORDS, words
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
# Open dossiers whose withdrawal request the desk handles (also while waiting for a payment).
WITHDRAWABLE = [DossierStatus.NEW, DossierStatus.PROCESSING, DossierStatus.SUPPLEMENT, DossierStatus.PAYMENT]


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
    """The four counts in one query, over the open steps I may see (every scope lies in ``mine`` ∪
    ``unit``: the step indexes find them, not a walk through every open step of the database)."""
    filters = scope_filters(user, now=now)
    visible = _open_steps().filter(filters["mine"] | filters["unit"])
    row = visible.aggregate(**{name: Count("id", filter=q) for name, q in filters.items()})
    return WorklistCounts(**{name: int(row[name] or 0) for name in SCOPES})


def _with_rows(qs: QuerySet[DossierStep]) -> QuerySet[DossierStep]:
    return qs.select_related("dossier", "dossier__procedure", "assignee", "agency")


def worklist(user: Any, scope: str, *, now: dt.datetime | None = None) -> QuerySet[DossierStep]:
    """The open steps of ``scope`` (earliest due first), with the dossier and its procedure loaded."""
    if scope not in SCOPES:
        raise ValueError(scope)
    return _with_rows(_open_steps().filter(scope_filters(user, now=now)[scope])).order_by("due_at", "id")


class WorklistSearch(Sequence[DossierStep]):
    """The steps found by ``worklist_search``, in worklist order: the ids are known (``len`` costs no
    query); a slice loads its rows in one query, with the dossier, procedure, assignee and agency —
    what ``Paginator`` needs."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> DossierStep: ...

    @overload
    def __getitem__(self, index: slice) -> list[DossierStep]: ...

    def __getitem__(self, index: int | slice) -> DossierStep | list[DossierStep]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        if not ids:
            return []
        rows = {s.pk: s for s in _with_rows(DossierStep.objects.filter(pk__in=ids))}
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self) -> Iterator[DossierStep]:
        return iter(self[:])


def worklist_search(user: Any, scope: str, search: str, *, now: dt.datetime | None = None) -> WorklistSearch:
    """The open steps of ``scope`` whose dossier matches ``search``, earliest due first.

    The rule is ``vntext.folded_q``'s: every folded word of the query (at most ``MAX_QUERY_WORDS``)
    must begin a word of the dossier's ``search_text`` — the column holds folded words joined by single
    spaces, so a word ``w`` begins one exactly when ``" " + search_text`` contains ``" " + w``.

    The scope comes first and the search only looks inside it: one query reads the due times, ids and
    search texts of the scope's open steps (a person's worklist: hundreds or a few thousand rows,
    found through the step indexes), the words are matched here, the matches put in worklist order,
    and a page loads only its own rows; the paginator's count is the number of ids. So a search
    costs about what the tab costs, on PostgreSQL and SQLite alike. The ``folded_q`` filter on the
    worklist's query that it replaces let PostgreSQL scan every dossier of the database first (it
    estimates eight ``UPPER(…) LIKE`` to keep one row), twice (count and page): 0.1 s with 5,000
    dossiers, 3 s with 300,000 (docs/benchmarks.md, the worklist section).
    """
    if scope not in SCOPES:
        raise ValueError(scope)
    needles = [" " + w for w in words(search)[:MAX_QUERY_WORDS]]
    # Unordered: an ORDER BY due_at made SQLite walk its due_at index through every step of the
    # database (finished ones too) instead of the scope's indexes; the matches are sorted here.
    rows = (
        _open_steps()
        .filter(scope_filters(user, now=now)[scope])
        .order_by()
        .values_list("due_at", "id", "dossier__search_text")
    )
    found = []
    for due_at, pk, text in rows:
        haystack = " " + (text or "").lower()  # folded already; lower() as istartswith would
        if all(n in haystack for n in needles):
            found.append((due_at, pk))
    found.sort()
    return WorklistSearch([pk for _, pk in found])


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
            status__in=WITHDRAWABLE,
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
                status__in=WITHDRAWABLE,
            ),
        ),
    )
    return {k: int(v or 0) for k, v in row.items()}


def staff_dossiers(user: Any) -> QuerySet[Dossier]:
    """Every dossier (not a draft) that ``user`` may open in the back office."""
    return Dossier.objects.filter(agency_id__in=access.agencies_of(user)).exclude(status=DossierStatus.DRAFT)
