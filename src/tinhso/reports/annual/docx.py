"""The year-end review as a Word document laid out per Decree 30/2020/NĐ-CP (domain.md §4).

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman. Header in a borderless
two-column table: on the left the parent agency (regular capitals) and the issuing agency (bold
capitals) over a short rule, then ``Số: …/BC-STTTT``; on the right the national title (bold capitals,
12 pt) over the motto (bold, 13 pt, underlined), then the place and date line (italic). Then the type
of document ``BÁO CÁO`` and its summary (bold, centred), the body (14 pt, justified, first-line
indent), and the recipients / signature block.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tinhso.reports.annual.compose import AnnualReport

FONT = "Times New Roman"
BODY_PT = 14
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def _font(
    run: object, size: float, *, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    r = run  # docx.text.run.Run
    r.font.name = FONT  # type: ignore[attr-defined]
    r.font.size = Pt(size)  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]
    r.font.italic = italic  # type: ignore[attr-defined]
    r.font.underline = underline  # type: ignore[attr-defined]
    rpr = r._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: object,
    text: str,
    size: float = BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    first_line: float | None = None,
    after: float = 0,
    before: float = 0,
) -> Paragraph:
    p: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if first_line is not None:
        fmt.first_line_indent = Cm(first_line)
    if text:
        _font(p.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return p


def _short_rule(cell: _Cell, *, indent_cm: float) -> None:
    """A short horizontal line under a header line (a bordered empty paragraph with side indents)."""
    p = cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = Cm(indent_cm)
    fmt.right_indent = Cm(indent_cm)
    fmt.space_after = Pt(4)
    fmt.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    borders.append(top)
    ppr.append(borders)


def _no_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    tbl_pr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _first_paragraph(cell: _Cell) -> Paragraph:
    """A cell starts with one empty paragraph: use it for the first line."""
    return cell.paragraphs[0]


def annual_docx(report: AnnualReport) -> bytes:
    h = report.figures.header
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = FONT  # type: ignore[attr-defined]
    normal.font.size = Pt(BODY_PT)  # type: ignore[attr-defined]
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # type: ignore[attr-defined]
    doc.core_properties.title = f"{report.title} {report.subtitle}"
    doc.core_properties.author = h.agency_full
    doc.core_properties.language = "vi-VN"

    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    p = _first_paragraph(left)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(h.parent_agency), 12.5)
    _para(left, h.agency, 12.5, bold=True)
    _short_rule(left, indent_cm=2.0)
    _para(left, report.number_line, 13, after=0)
    p = _first_paragraph(right)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(NATIONAL_TITLE), 12.5, bold=True)
    _para(right, MOTTO, 13.5, bold=True, underline=True, after=6)
    _para(right, report.place_date, 13.5, italic=True)

    _para(doc, report.title, 14, bold=True, before=18)
    _para(doc, report.subtitle, 14, bold=True, after=12)

    for block in report.blocks:
        if block.kind == "h1":
            _para(
                doc,
                block.text,
                BODY_PT,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                first_line=1.0,
                before=6,
                after=6,
            )
        elif block.kind == "h2":
            _para(doc, block.text, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, first_line=1.0, after=6)
        else:
            _para(doc, block.text, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=1.0, after=6)

    sign = doc.add_table(rows=1, cols=2)
    sign.autofit = False
    _no_borders(sign)
    left, right = sign.rows[0].cells
    left.width, right.width = Cm(8), Cm(8)
    p = _first_paragraph(left)
    p.paragraph_format.space_before = Pt(12)
    _font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in report.recipients:
        _para(left, f"- {line}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    p = _first_paragraph(right)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(12)
    _font(p.add_run(h.signer_title), 14, bold=True)
    for _ in range(4):
        _para(right, "", 14)
    _para(right, h.signer_name, 14, bold=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
