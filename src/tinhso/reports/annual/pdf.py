"""The year-end review as PDF: the HTML document printed by WeasyPrint on A4 with Decree 30 margins.

The font is set explicitly to DejaVu Serif (``markdown.FONT_FAMILY``): Times New Roman is not on
the servers, and Debian's Liberation Serif 1.07 lacks ơ ư ạ ề — it must never be picked by fallback.
"""

from __future__ import annotations

import logging

from django.conf import settings

from tinhso.reports.annual.compose import AnnualReport
from tinhso.reports.annual.markdown import annual_html


def annual_pdf(report: AnnualReport) -> bytes:
    for name in ("weasyprint", "weasyprint.progress"):  # no per-step progress lines
        logging.getLogger(name).setLevel(logging.WARNING)
    from weasyprint import HTML  # heavy import: only when a PDF is made

    html = annual_html(report, screen=False)
    return bytes(HTML(string=html, base_url=str(settings.PACKAGE_DIR)).write_pdf())
