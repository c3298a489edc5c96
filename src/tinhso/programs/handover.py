"""The handover record (biên bản bàn giao) of a set-top box, as a PDF rendered by WeasyPrint.

The font is DejaVu Serif (full Vietnamese glyph coverage); the record names the household, the
device serial, the date, the receiver and the batch, with two signature blocks.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from tinhso.programs.models import Delivery

FONT_FAMILY = "DejaVu Serif"


def handover_html(delivery: Delivery) -> str:
    household = delivery.member.household
    commune = delivery.commune
    context = {
        "delivery": delivery,
        "household": household,
        "commune": commune,
        "district": commune.parent,
        "batch": delivery.batch,
        "font_family": FONT_FAMILY,
    }
    return render_to_string("programs/handover.html", context)


def handover_pdf(delivery: Delivery) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=handover_html(delivery)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
