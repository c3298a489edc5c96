"""Reads shared by the activity pages and the API: filtered lists and the figures of a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from tinhso.activities.models import (
    Campaign,
    ConferenceSession,
    Endpoint,
    Event,
    Exhibition,
    PressVisit,
    Publication,
    SessionEndpoint,
    SessionStatus,
    Training,
)
from tinhso.geo.models import Unit, UnitLevel
from tinhso.geo.selectors import units_valid_on


def _year_filter(qs: QuerySet[Any], date_field: str, year: int | None) -> QuerySet[Any]:
    return qs.filter(**{f"{date_field}__year": year}) if year else qs


def event_list(
    *, year: int | None = None, kind: str | None = None, district_id: int | None = None
) -> QuerySet[Event]:
    qs = _year_filter(Event.objects.select_related("district"), "starts_on", year)
    if kind:
        qs = qs.filter(kind=kind)
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs


def exhibition_list(*, year: int | None = None, district_id: int | None = None) -> QuerySet[Exhibition]:
    qs = _year_filter(Exhibition.objects.select_related("district"), "starts_on", year)
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs


def publication_list(*, year: int | None = None, kind: str | None = None) -> QuerySet[Publication]:
    qs = _year_filter(Publication.objects.all(), "issued_on", year)
    return qs.filter(kind=kind) if kind else qs


def campaign_list(*, year: int | None = None) -> QuerySet[Campaign]:
    return _year_filter(Campaign.objects.all(), "starts_on", year)


def training_list(*, year: int | None = None) -> QuerySet[Training]:
    return _year_filter(Training.objects.all(), "starts_on", year)


def press_visit_list(*, year: int | None = None) -> QuerySet[PressVisit]:
    return _year_filter(PressVisit.objects.select_related("commune", "district"), "starts_on", year)


def endpoint_list(*, active: bool | None = None) -> QuerySet[Endpoint]:
    qs = Endpoint.objects.select_related("unit")
    return qs.filter(is_active=active) if active is not None else qs


def session_list(
    *, year: int | None = None, status: str | None = None, endpoint_id: int | None = None
) -> QuerySet[ConferenceSession]:
    qs = ConferenceSession.objects.select_related("host").annotate(
        endpoint_count=Count("participations", distinct=True),
        attendee_total=Sum("participations__attendees"),
    )
    if year:
        qs = qs.filter(starts_at__year=year)
    if status:
        qs = qs.filter(status=status)
    if endpoint_id:
        qs = qs.filter(participations__endpoint_id=endpoint_id)
    return qs


def session_detail(*, session_id: int) -> ConferenceSession | None:
    """A session with its host and its endpoints (their attendance), or None: two queries."""
    return (
        ConferenceSession.objects.select_related("host")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=SessionEndpoint.objects.select_related("endpoint__unit").order_by(
                    "endpoint__unit__level", "endpoint__unit__code", "endpoint__name"
                ),
            )
        )
        .filter(pk=session_id)
        .first()
    )


def districts_valid_on(on: dt.date) -> QuerySet[Unit]:
    return units_valid_on(on, level=UnitLevel.DISTRICT)


@dataclass
class ActivityYear:
    year: int
    events_by_kind: dict[str, int] = field(default_factory=dict)
    event_participants: int = 0
    event_visitors: int = 0
    exhibitions: int = 0
    exhibition_visitors: int = 0
    exhibition_districts: int = 0
    districts: int = 0
    publications_by_kind: dict[str, int] = field(default_factory=dict)
    campaigns: int = 0
    campaign_budget: int = 0
    trainings: int = 0
    trainees: int = 0
    press_visits: int = 0
    sessions_held: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def activity_year(*, year: int) -> ActivityYear:
    """The figures of ``year``: events by kind, exhibitions (and in how many of the districts valid
    on 31/12 of that year), copies of publications by kind, campaign budgets, trainings, press visits,
    video conferences held."""
    out = ActivityYear(year=year)
    for row in (
        Event.objects.filter(starts_on__year=year)
        .values("kind")
        .annotate(n=Count("id"), p=Sum("participants"), v=Sum("visitors"))
        .order_by()
    ):
        out.events_by_kind[row["kind"]] = row["n"]
        out.event_participants += row["p"] or 0
        out.event_visitors += row["v"] or 0
    districts = districts_valid_on(dt.date(year, 12, 31))
    ex = Exhibition.objects.filter(starts_on__year=year).aggregate(
        n=Count("id"),
        v=Sum("visitors"),
        d=Count("district", distinct=True, filter=Q(district__in=districts)),
    )
    out.exhibitions, out.exhibition_visitors, out.exhibition_districts = ex["n"], ex["v"] or 0, ex["d"]
    out.districts = districts.count()
    out.publications_by_kind = {
        row["kind"]: row["c"]
        for row in Publication.objects.filter(issued_on__year=year)
        .values("kind")
        .annotate(c=Sum("copies"))
        .order_by()
    }
    ca = Campaign.objects.filter(starts_on__year=year).aggregate(n=Count("id"), b=Sum("budget"))
    out.campaigns, out.campaign_budget = ca["n"], ca["b"] or 0
    tr = Training.objects.filter(starts_on__year=year).aggregate(n=Count("id"), t=Sum("trainees"))
    out.trainings, out.trainees = tr["n"], tr["t"] or 0
    out.press_visits = PressVisit.objects.filter(starts_on__year=year).count()
    out.sessions_held = ConferenceSession.objects.filter(
        starts_at__year=year, status=SessionStatus.HELD
    ).count()
    return out


def default_year(today: int) -> int:
    """The year the overview opens on: ``today`` when it has an event, exhibition or publication, else
    the latest earlier year that has one (the 2016–2017 demo), else ``today``."""
    years: set[int] = set()
    for qs, field_name in (
        (Event.objects.all(), "starts_on"),
        (Exhibition.objects.all(), "starts_on"),
        (Publication.objects.all(), "issued_on"),
    ):
        years |= {d.year for d in qs.filter(**{f"{field_name}__year__lte": today}).dates(field_name, "year")}
    return today if today in years or not years else max(years)
