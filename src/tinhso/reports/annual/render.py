"""One entry point for every output of the year-end review: ``render(report, fmt)`` → (bytes, type, name)."""

from __future__ import annotations

from dataclasses import dataclass

from tinhso.core.errors import InvalidInput
from tinhso.reports.annual.compose import AnnualReport

FORMATS = ("docx", "pdf", "html", "md", "news", "news-html")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "news": "text/markdown; charset=utf-8",
    "news-html": "text/html; charset=utf-8",
}
NAMES = {
    "docx": "bao-cao-tong-ket-{y}.docx",
    "pdf": "bao-cao-tong-ket-{y}.pdf",
    "html": "bao-cao-tong-ket-{y}.html",
    "md": "bao-cao-tong-ket-{y}.md",
    "news": "tin-tong-ket-{y}.md",
    "news-html": "tin-tong-ket-{y}.html",
}


@dataclass
class Output:
    content: bytes
    content_type: str
    filename: str


def render(report: AnnualReport, fmt: str) -> Output:
    if fmt not in FORMATS:
        raise InvalidInput(f"Định dạng “{fmt}” không hỗ trợ; chọn một trong: {', '.join(FORMATS)}.")
    if fmt == "docx":
        from tinhso.reports.annual.docx import annual_docx

        content = annual_docx(report)
    elif fmt == "pdf":
        from tinhso.reports.annual.pdf import annual_pdf

        content = annual_pdf(report)
    elif fmt == "html":
        from tinhso.reports.annual.markdown import annual_html

        content = annual_html(report).encode()
    elif fmt == "md":
        from tinhso.reports.annual.markdown import annual_markdown

        content = annual_markdown(report).encode()
    else:
        from tinhso.reports.annual.news import article_html, article_markdown, news_article

        article = news_article(report.figures)
        content = (article_markdown(article) if fmt == "news" else article_html(article)).encode()
    return Output(content, CONTENT_TYPES[fmt], NAMES[fmt].format(y=report.year))
