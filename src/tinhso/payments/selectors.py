"""Reads of the payment pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from tinhso.onestop.models import Dossier
from tinhso.onestop.services import dossier_payment_obligation
from tinhso.payments.models import Payment


@dataclass(frozen=True)
class Obligation:
    amount: int
    note: str
    requested_at: object
    payments: list[Payment]


def open_obligation(dossier: Dossier) -> Obligation | None:
    """What the applicant of a dossier in status 6 must pay, with the attempts so far (newest first)."""
    event = dossier_payment_obligation(dossier)
    if event is None:
        return None
    return Obligation(
        amount=int(event.data.get("amount", 0)),
        note=event.reason,
        requested_at=event.at,
        payments=list(Payment.objects.filter(obligation=event).order_by("-created_at", "-id")),
    )
