"""Reads shared by the emulation pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from tinhso.emulation.models import AwardDecision, Movement, Recipient, RecipientKind


def movement_list(*, year: int | None = None) -> QuerySet[Movement]:
    qs = Movement.objects.annotate(decision_count=Count("decisions"))
    return qs.filter(year=year) if year else qs


def award_decision_list(
    *, year: int | None = None, form: str | None = None, emulation_year: int | None = None
) -> QuerySet[AwardDecision]:
    qs = (
        AwardDecision.objects.select_related("movement")
        .annotate(
            collectives=Count("recipients", filter=Q(recipients__kind=RecipientKind.COLLECTIVE)),
            individuals=Count("recipients", filter=Q(recipients__kind=RecipientKind.INDIVIDUAL)),
        )
        .prefetch_related("recipients")
    )
    if year:
        qs = qs.filter(year=year)
    if form:
        qs = qs.filter(form=form)
    if emulation_year:
        qs = qs.filter(emulation_year=emulation_year)
    return qs


def awards_of_year(*, emulation_year: int) -> dict[str, Any]:
    """Recipients awarded for the achievements of ``emulation_year``, by form and kind."""
    rows = (
        Recipient.objects.filter(decision__emulation_year=emulation_year)
        .values("decision__form", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_form: dict[str, dict[str, int]] = {}
    for row in rows:
        by_form.setdefault(row["decision__form"], {})[row["kind"]] = row["n"]
    return {
        "emulation_year": emulation_year,
        "by_form": by_form,
        "collectives": sum(v.get(RecipientKind.COLLECTIVE, 0) for v in by_form.values()),
        "individuals": sum(v.get(RecipientKind.INDIVIDUAL, 0) for v in by_form.values()),
        "movements": Movement.objects.filter(year=emulation_year).count(),
    }
