"""The one-stop shop's forms as PDFs (Circular 01/2018/TT-VPCP, system-generated): a shared base with
the national header (A5; A4 for the register) and form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Rendering: Django template → HTML → WeasyPrint. The font is chosen explicitly: DejaVu Serif, which has
every Vietnamese glyph (Debian's Liberation 1.07 lacks ơ ư ạ ề and must never be picked by fallback).
Forms 02–06 extend ``onestop/pdf/base.html`` and call ``render_pdf``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tinhso.core import decree30, worktime
from tinhso.onestop.models import Dossier, DossierFile, DossierStatus, FileKind

if TYPE_CHECKING:
    from tinhso.signing.pdf import Placement

FONT_FAMILY = "DejaVu Serif"
A5 = "A5"
A4 = "A4"


def render_pdf(template_name: str, context: dict[str, Any], *, page_size: str = A5) -> bytes:
    """Render a form template (extending ``onestop/pdf/base.html``) to PDF bytes."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    html = render_to_string(template_name, {**context, "page_size": page_size, "font_family": FONT_FAMILY})
    return bytes(HTML(string=html, base_url=str(settings.PACKAGE_DIR)).write_pdf())


def render_pdf_placing(
    template_name: str, context: dict[str, Any], *, anchor: str, page_size: str = A5
) -> tuple[bytes, Placement | None]:
    """``render_pdf``, and where the element ``#anchor`` landed (its page and box in PDF points from the
    page's lower left, read from WeasyPrint's layout): the place kept for a visible signature. None
    when the template has no such element."""
    from tinhso.signing.pdf import render_html_placing

    html = render_to_string(template_name, {**context, "page_size": page_size, "font_family": FONT_FAMILY})
    return render_html_placing(html, anchor=anchor, base_url=str(settings.PACKAGE_DIR))


def qr_svg_data_uri(text: str) -> str:
    """A QR code (error correction M) as an SVG data URI to embed with ``<img src=…>``."""
    return str(segno.make(text, error="m").svg_data_uri(scale=4, border=2))


def tracking_url(dossier: Dossier) -> str:
    """The public tracking page with the code and the second factor: what the QR code holds."""
    query = urlencode({"ma": dossier.code or "", "mk": dossier.tracking_secret})
    return f"{settings.SITE_URL}{reverse('onestop_public:track')}?{query}"


def local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value else None


def when(value: dt.datetime | None) -> str:
    """``09 giờ 30 phút, ngày 06/03/2017`` — the wording of the forms."""
    if value is None:
        return ""
    v = timezone.localtime(value)
    return f"{v:%H} giờ {v:%M} phút, ngày {v:%d/%m/%Y}"


def place_date(place: str, day: dt.date) -> str:
    """``Hậu Giang, ngày 06 tháng 3 năm 2017`` (Decree 30/2020: ``core.decree30``)."""
    return decree30.place_date(place, day)


def agency_header(dossier: Dossier) -> dict[str, str]:
    agency = dossier.agency
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    return {"parent": parent, "name": agency.name, "unit": "Bộ phận tiếp nhận và trả kết quả"}


def province_of(dossier: Dossier) -> str:
    from tinhso.core.context_processors import province_name

    return province_name()


def form01_context(dossier: Dossier) -> dict[str, Any]:
    version = dossier.procedure_version
    files = list(
        DossierFile.objects.filter(dossier=dossier, kind__in=[FileKind.APPLICATION, FileKind.SCAN])
        .order_by("uploaded_at", "id")
        .values("document_id", "original_name")
    )
    by_doc: dict[int | None, list[str]] = {}
    for f in files:
        by_doc.setdefault(f["document_id"], []).append(f["original_name"])
    documents = [
        {
            "order": d.order,
            "name": d.name,
            "form": d.get_form_display(),
            "copies": d.copies,
            "files": by_doc.get(d.pk, []),
            "required": d.required,
        }
        for d in version.documents.order_by("order")
    ]
    received = dossier.received_at is not None
    received_at = dossier.received_at or dossier.submitted_at
    promised = dossier.promised_at
    provisional = False
    if promised is None and received_at is not None and dossier.status in (DossierStatus.NEW,):
        promised = worktime.due_at(received_at, version.duration_days)
        provisional = True
    sequence = (dossier.code or "").rsplit("-", 1)[-1]
    issued_on = timezone.localtime(received_at).date() if received_at else timezone.localdate()
    return {
        "dossier": dossier,
        "version": version,
        "header": agency_header(dossier),
        "place_date": place_date(province_of(dossier), issued_on),
        "documents": documents,
        "received": received,
        "received_at": when(received_at),
        "promised_at": when(promised),
        "provisional": provisional,
        "receiver": (dossier.received_by.full_name if received and dossier.received_by else ""),
        "return_place": dossier.agency.address,
        "sequence": sequence,
        "book": f"{issued_on:%Y}",
        "qr": qr_svg_data_uri(tracking_url(dossier)),
        "tracking_url": tracking_url(dossier),
        "tracking_page": f"{settings.SITE_URL}{reverse('onestop_public:track')}",
        "online": dossier.channel == "online",
    }


def form01_pdf(dossier: Dossier) -> bytes:
    """Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, A5, with the QR code to the tracking page.

    For an online dossier not yet checked by the desk (status 1) it states the time of online
    submission and a provisional return date (the legal duration counted from it), marked as such."""
    if not dossier.code:
        raise ValueError("Hồ sơ chưa nộp thì chưa có giấy tiếp nhận.")
    return render_pdf("onestop/pdf/form01.html", form01_context(dossier))


def form01_filename(dossier: Dossier) -> str:
    return f"giay-tiep-nhan-{dossier.code}.pdf"
