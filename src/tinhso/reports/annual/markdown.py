"""The year-end review as Markdown and as a standalone HTML page (the same page WeasyPrint prints)."""

from __future__ import annotations

from django.template.loader import render_to_string

from tinhso.reports.annual.compose import AnnualReport

FONT_FAMILY = "DejaVu Serif"  # every Vietnamese glyph; Times New Roman is not installed on servers


def annual_markdown(report: AnnualReport) -> str:
    h = report.figures.header
    lines = [
        f"**{h.parent_agency}**  ",
        f"**{h.agency}**  ",
        f"{report.number_line}",
        "",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
        "**<u>Độc lập - Tự do - Hạnh phúc</u>**  ",
        f"*{report.place_date}*",
        "",
        f"# {report.title}",
        "",
        f"**{report.subtitle}**",
        "",
    ]
    for block in report.blocks:
        prefix = {"h1": "## ", "h2": "### "}.get(block.kind, "")
        lines += [prefix + block.text, ""]
    lines += ["**Nơi nhận:**", *(f"- {r}" for r in report.recipients), ""]
    lines += [f"**{h.signer_title}**", "", f"**{h.signer_name}**" if h.signer_name else "", ""]
    return "\n".join(lines).rstrip() + "\n"


def annual_html(report: AnnualReport, *, screen: bool = True) -> str:
    """A standalone HTML document; ``screen`` adds a paper look for a browser (not for print)."""
    return render_to_string(
        "reports/annual/document.html",
        {"report": report, "header": report.figures.header, "font_family": FONT_FAMILY, "screen": screen},
    )
