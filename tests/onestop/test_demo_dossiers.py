"""The demo dossiers: played through the services, idempotent, a realistic mix, balanced II.06a."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core import mail
from django.test import override_settings

from tinhso.catalog.demo import catalog_load_demo
from tinhso.onestop.demo import demo_plans, onestop_demo_load
from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus
from tinhso.reports.ii06a import Counts, Period, ii06a_counts, ii06a_counts_from_events


def test_plans_are_a_realistic_mix(db: None) -> None:
    plans = demo_plans(count=2000, procedure_codes=[f"1.{i:06d}" for i in range(28)], applicants=["a", "b"])
    fates = Counter(p.fate for p in plans)
    assert fates["returned"] > 1200 and fates["not_received"] > 40 and fates["withdrawn"] > 20
    assert fates["open"] > 10 and fates["new"] > 0
    assert 100 < sum(p.supplement_in_processing for p in plans) < 250
    first = [p for p in plans if p.submitted_at.year == 2016]
    last = [p for p in plans if p.submitted_at.year == 2017]
    assert sum(p.channel == "online" for p in first) / len(first) < sum(
        p.channel == "online" for p in last
    ) / len(last)
    assert plans == demo_plans(
        count=2000, procedure_codes=[f"1.{i:06d}" for i in range(28)], applicants=["a", "b"]
    )


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_load_is_idempotent_and_reports_balance(
    demo_agencies: Any, fast_password_hasher: None, tmp_path: Any
) -> None:
    catalog_load_demo()
    with override_settings(MEDIA_ROOT=tmp_path):
        first = onestop_demo_load(count=60, say=lambda s: None)
        assert first.created == 60
        events = DossierEvent.objects.count()
        again = onestop_demo_load(count=60, say=lambda s: None)
    assert (again.created, again.existing) == (0, 60)
    assert DossierEvent.objects.count() == events
    assert len(mail.outbox) == 0  # no e-mail for past dossiers
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    assert statuses[DossierStatus.RETURNED] > 30
    assert set(Dossier.objects.values_list("submitted_at__year", flat=True)) <= {2016, 2017}
    for year in (2016, 2017):
        period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        counts = ii06a_counts(period)
        assert counts == ii06a_counts_from_events(period)
        total = Counts()
        for c in counts.values():
            total.add(c)
        assert total.balanced and total.resolved > 0
