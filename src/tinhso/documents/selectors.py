"""Reads of the documents that the pages, the API and the annual report share.

The registers list the documents of the departments the reader may see (``access.department_roles``):
the outgoing register holds the numbered documents (signed, issued) in number order; drafts and
documents awaiting signature are listed apart. Search ignores tone marks (``core.vntext``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from tinhso.core.vntext import filter_folded
from tinhso.documents import access
from tinhso.documents.models import (
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)
from tinhso.org.models import Agency

NUMBERED = (OutgoingStatus.SIGNED, OutgoingStatus.ISSUED)
UNNUMBERED = (OutgoingStatus.DRAFT, OutgoingStatus.SUBMITTED)


def readable_agency_ids(user: Any) -> list[int]:
    return [a.pk for a in access.departments(user)]


def outgoing_register(
    *,
    agency_ids: list[int],
    year: int | None = None,
    doc_type: str | None = None,
    q: str | None = None,
    pending: bool = False,
) -> QuerySet[OutgoingDocument]:
    """The outgoing register (``pending``: the drafts and documents awaiting signature instead)."""
    qs = OutgoingDocument.objects.filter(agency_id__in=agency_ids).select_related(
        "agency", "drafting_unit", "drafter", "signer"
    )
    if pending:
        qs = qs.filter(status__in=UNNUMBERED).order_by("-updated_at", "-id")
    else:
        qs = qs.filter(status__in=NUMBERED).order_by("-year", "-number")
        if year:
            qs = qs.filter(year=year)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    return filter_folded(qs, "search_text", q)


def incoming_register(
    *,
    agency_ids: list[int],
    year: int | None = None,
    doc_type: str | None = None,
    q: str | None = None,
    status: str | None = None,
) -> QuerySet[IncomingDocument]:
    qs = IncomingDocument.objects.filter(agency_id__in=agency_ids).select_related(
        "agency", "handling_unit", "handler"
    )
    if year:
        qs = qs.filter(year=year)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if status:
        qs = qs.filter(status=status)
    return filter_folded(qs.order_by("-year", "-number"), "search_text", q)


def register_years(*, agency_ids: list[int]) -> list[int]:
    """The years that have a numbered outgoing or an incoming document, newest first."""
    out: set[int] = {
        y
        for y in OutgoingDocument.objects.filter(agency_id__in=agency_ids, year__isnull=False)
        .values_list("year", flat=True)
        .distinct()
        if y is not None
    }
    out |= set(
        IncomingDocument.objects.filter(agency_id__in=agency_ids).values_list("year", flat=True).distinct()
    )
    return sorted(out, reverse=True)


def pending_counts(*, agency_ids: list[int]) -> dict[str, int]:
    """Drafts, awaiting signature, signed not yet issued; incoming not yet handled."""
    out = OutgoingDocument.objects.filter(agency_id__in=agency_ids).aggregate(
        draft=Count("id", filter=Q(status=OutgoingStatus.DRAFT)),
        submitted=Count("id", filter=Q(status=OutgoingStatus.SUBMITTED)),
        signed=Count("id", filter=Q(status=OutgoingStatus.SIGNED)),
    )
    out["incoming_open"] = (
        IncomingDocument.objects.filter(agency_id__in=agency_ids)
        .exclude(status=IncomingStatus.HANDLED)
        .count()
    )
    return out


@dataclass(frozen=True)
class DocumentsYear:
    """The documents of one year for the annual review."""

    outgoing: int
    outgoing_signed: int  # numbered outgoing documents carrying a digital signature
    incoming: int
    incoming_electronic: int  # received electronically (edXML or electronic file)
    incoming_handled: int
    by_type: dict[str, int]  # outgoing by type code


def documents_year(*, year: int, agency: Agency | None = None) -> DocumentsYear:
    """Outgoing documents numbered in ``year`` and incoming documents registered in it."""
    out = OutgoingDocument.objects.filter(year=year, status__in=NUMBERED)
    inc = IncomingDocument.objects.filter(year=year)
    if agency is not None:
        out, inc = out.filter(agency=agency), inc.filter(agency=agency)
    o = out.aggregate(total=Count("id"), signed=Count("id", filter=~Q(signed_sha256="")))
    i = inc.aggregate(
        total=Count("id"),
        electronic=Count("id", filter=~Q(channel="paper")),
        handled=Count("id", filter=Q(status=IncomingStatus.HANDLED)),
    )
    by_type = dict(out.values_list("doc_type").annotate(n=Count("id")).values_list("doc_type", "n"))
    return DocumentsYear(
        outgoing=o["total"],
        outgoing_signed=o["signed"],
        incoming=i["total"],
        incoming_electronic=i["electronic"],
        incoming_handled=i["handled"],
        by_type=by_type,
    )
