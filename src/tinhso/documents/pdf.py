"""The outgoing document as a PDF in the layout of Decree 30/2020/NĐ-CP (Appendix I): A4, margins
20/20/30/15 mm, the agency's name over its parent's, the national header, ``Số: 05/QĐ-STTTT``, the
place and date line, the type and summary (công văn: ``V/v …`` under the number), the text, the
recipients (``Nơi nhận:``) and the signature block (``KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC`` for a deputy).

Between the title and the name the layout keeps the place of the visible signature (element
``#chu-ky``, ``signing.appearance.LEADER_WIDTH`` × ``LEADER_HEIGHT``, with room above for the seal that
overlaps it): ``outgoing_pdf_to_sign`` returns the PDF and that place, in PDF points, on its page.

Times New Roman is not on the server; DejaVu Serif has every Vietnamese glyph (design.md) and is named
explicitly so that WeasyPrint never falls back to Debian's Liberation 1.07.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from tinhso.core import decree30
from tinhso.documents.models import DocType, OutgoingDocument
from tinhso.org.models import Agency, Role
from tinhso.signing.appearance import LEADER_HEIGHT, LEADER_WIDTH
from tinhso.signing.pdf import Placement, render_html_placing

FONT_FAMILY = "DejaVu Serif"
SIGNATURE_ANCHOR = "chu-ky"


place_date = decree30.place_date


def header_names(agency: Agency) -> tuple[str, str]:
    """(parent line, agency line) in capitals: ``UBND TỈNH HẬU GIANG`` / ``SỞ THÔNG TIN VÀ TRUYỀN
    THÔNG`` (the province is said once, on the parent's line)."""
    from tinhso.core.context_processors import province_name

    province = province_name()
    name = agency.name
    parent = ""
    if agency.parent_id and agency.parent is not None:
        parent = agency.parent.short_name or agency.parent.name
        if province and province not in parent:
            parent = f"{parent} {province}"
        for suffix in (f" tỉnh {province}", f" {province}"):
            name = name.removesuffix(suffix)
    return parent.upper(), name.upper()


def signature_block(doc: OutgoingDocument, signer_role: str | None, signer_title: str) -> tuple[str, str]:
    """(authority line, title line): ``GIÁM ĐỐC`` alone, or ``KT. GIÁM ĐỐC`` over ``PHÓ GIÁM ĐỐC``."""
    if signer_role == Role.DEPUTY_DIRECTOR:
        return "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
    return (signer_title or "Giám đốc").removesuffix(" Sở").upper(), ""


def outgoing_pdf(
    doc: OutgoingDocument,
    *,
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    signer_name: str = "",
    signer_role: str | None = None,
    signer_title: str = "",
) -> bytes:
    """Render ``doc``. Before signature the number and day are left blank (``Số:      /QĐ-STTTT``)."""
    return _render(
        doc,
        number_symbol=number_symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_role=signer_role,
        signer_title=signer_title,
    )[0]


def outgoing_pdf_to_sign(
    doc: OutgoingDocument,
    *,
    number_symbol: str,
    issued_on: dt.date,
    signer_name: str,
    signer_role: str | None,
    signer_title: str,
) -> tuple[bytes, Placement]:
    """Render ``doc`` with its number and signer, and say where the visible signature goes."""
    return _render(
        doc,
        number_symbol=number_symbol,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_role=signer_role,
        signer_title=signer_title,
        visible=True,
    )


def _render(
    doc: OutgoingDocument,
    *,
    number_symbol: str,
    issued_on: dt.date | None,
    signer_name: str,
    signer_role: str | None,
    signer_title: str,
    visible: bool = False,
) -> tuple[bytes, Placement]:
    from tinhso.core.context_processors import province_name

    parent, name = header_names(doc.agency)
    authority, title = signature_block(doc, signer_role, signer_title)
    keep = ["VT"]
    if doc.drafting_unit is not None and doc.drafting_unit.short_name:
        keep.append(doc.drafting_unit.short_name.removeprefix("Phòng ").strip())
    context: dict[str, Any] = {
        "doc": doc,
        "font_family": FONT_FAMILY,
        "parent": parent,
        "name": name,
        "number_symbol": number_symbol,
        "is_letter": doc.doc_type == DocType.OFFICIAL_LETTER,
        "type_label": DocType(doc.doc_type).label,
        "place_date": place_date(province_name(), issued_on)
        if issued_on
        else f"{province_name()}, ngày      tháng      năm",
        "paragraphs": doc.paragraphs() or [doc.summary],
        "recipients": doc.recipient_list(),
        "keep": ", ".join(keep),
        "authority": authority,
        "title": title,
        "signer_name": signer_name,
        "visible": visible,
        "anchor": SIGNATURE_ANCHOR,
        "sign_width_pt": f"{LEADER_WIDTH:.3f}",
        "sign_height_pt": f"{LEADER_HEIGHT:.3f}",
    }
    html = render_to_string("documents/pdf/outgoing.html", context)
    data, placement = render_html_placing(html, anchor=SIGNATURE_ANCHOR, base_url=str(settings.PACKAGE_DIR))
    return data, placement or Placement(page=-1, box=(0.0, 0.0, 0.0, 0.0))
