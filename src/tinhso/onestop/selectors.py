"""Reads of dossiers shared by pages, the API and the services."""

from __future__ import annotations

import datetime as dt
import hmac

from django.db.models import QuerySet
from django.utils import timezone

from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, SupplementMode, SupplementPolicy


def supplement_policy_on(at: dt.datetime | dt.date) -> str:
    """The supplement policy (``SupplementMode`` value) in force on the local date of ``at``;
    ``restart`` (Decree 61/2018 art. 19 as in force today) when none is configured."""
    day = timezone.localtime(at).date() if isinstance(at, dt.datetime) else at
    policy = SupplementPolicy.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return policy.mode if policy else SupplementMode.RESTART


def dossier_for_tracking(*, code: str, secret: str) -> Dossier | None:
    """The dossier with ``code`` if ``secret`` is its tracking secret; None otherwise (a wrong pair
    reveals nothing, not even whether the code exists)."""
    code = (code or "").strip().upper()
    secret = (secret or "").strip().upper()
    dossier = (
        Dossier.objects.select_related("procedure", "agency")
        .exclude(status=DossierStatus.DRAFT)
        .filter(code=code)
        .first()
    )
    expected = dossier.tracking_secret if dossier else "0" * 8
    ok = hmac.compare_digest(expected.encode(), secret.encode())
    return dossier if (dossier is not None and ok and secret) else None


def dossier_events(dossier: Dossier) -> QuerySet[DossierEvent]:
    return DossierEvent.objects.filter(dossier=dossier).select_related("step").order_by("at", "id")
