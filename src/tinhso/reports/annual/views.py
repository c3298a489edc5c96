"""Back office: the year-end review previewed as the document, with its figures and sources, the news
draft, and downloads in Word, PDF, HTML and Markdown."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tinhso.backoffice.views import staff_required
from tinhso.core.errors import InvalidInput
from tinhso.reports.annual.compose import compose
from tinhso.reports.annual.figures import annual_figures
from tinhso.reports.annual.markdown import FONT_FAMILY
from tinhso.reports.annual.news import news_article
from tinhso.reports.annual.render import FORMATS
from tinhso.reports.annual.render import render as render_output
from tinhso.reports.selectors import default_year

DOWNLOADS = [
    ("docx", "Tải về Word (.docx)"),
    ("pdf", "Tải về PDF"),
    ("html", "Tải về HTML"),
    ("md", "Tải về Markdown"),
    ("news", "Tin bài (Markdown)"),
    ("news-html", "Tin bài (HTML)"),
]


def parse_year(raw: str | None, *, default: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    try:
        year = int(raw.strip())
    except ValueError as exc:
        raise InvalidInput("Năm báo cáo phải là một số, ví dụ 2016.") from exc
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise InvalidInput(f"Năm báo cáo phải trong khoảng 2000–{timezone.localdate().year + 1}.")
    return year


@staff_required
def preview(request: HttpRequest) -> HttpResponse:
    fallback = default_year()
    error, status = "", 200
    try:
        year = parse_year(request.GET.get("nam"), default=fallback)
    except InvalidInput as exc:
        error, status, year = exc.message, 400, fallback
    figures = annual_figures(year)
    report = compose(figures)
    context = {
        "report": report,
        "header": figures.header,
        "figures": figures.figures,
        "article": news_article(figures),
        "year": year,
        "error": error,
        "downloads": DOWNLOADS,
        "font_family": FONT_FAMILY,
    }
    return render(request, "reports/annual/preview.html", context, status=status)


@staff_required
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Định dạng không hỗ trợ.", status=404, content_type="text/plain; charset=utf-8")
    try:
        year = parse_year(request.GET.get("nam"), default=default_year())
    except InvalidInput as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    output = render_output(compose(annual_figures(year)), fmt)
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response
