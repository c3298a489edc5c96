"""Public pages of the procedure catalogue: the directory (accent-insensitive search, filters, pages)
and one procedure with what it requires."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tinhso.catalog import selectors
from tinhso.catalog.models import OnlineLevel, ProcedureDocument
from tinhso.org.models import Agency

PAGE_SIZE = 10
MAX_QUERY = 200


def _int_or_none(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def directory(request: HttpRequest) -> HttpResponse:
    """``/thu-tuc/?q=giay phep in&linh-vuc=…&co-quan=…&muc-do=4&trang=2``"""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    domain = request.GET.get("linh-vuc", "").strip()[:40]
    agency = request.GET.get("co-quan", "").strip()[:40]
    level = _int_or_none(request.GET.get("muc-do", ""))
    if level not in OnlineLevel.values:
        level = None
    procedures = selectors.procedure_list(
        q=query or None, domain=domain or None, agency=agency or None, online_level=level
    )
    paginator = Paginator(procedures, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    versions = selectors.versions_by_id([p.current_version_id for p in rows])  # type: ignore[attr-defined]
    items = [(p, versions[p.current_version_id]) for p in rows]  # type: ignore[attr-defined]
    filters = {
        k: v
        for k, v in {"q": query, "linh-vuc": domain, "co-quan": agency, "muc-do": level or ""}.items()
        if v
    }
    agencies = Agency.objects.filter(procedures__is_active=True).distinct().order_by("order", "code")
    domains = list(selectors.domain_list())
    # a domain with no procedure of the department: said as such, not as "nothing matches your filter"
    empty_domain = next(
        (d for d in domains if d.code == domain and not getattr(d, "procedure_count", 0)), None
    )
    return render(
        request,
        "catalog/directory.html",
        {
            "query": query,
            "domain": domain,
            "agency": agency,
            "level": level,
            "domains": domains,
            "empty_domain": empty_domain,
            "agencies": agencies,
            "levels": OnlineLevel.choices,
            "page": page,
            "items": items,
            "total": paginator.count,
            "filtered": bool(filters),
            "page_query": urlencode(filters),
        },
    )


def procedure(request: HttpRequest, national_code: str) -> HttpResponse:
    detail = selectors.procedure_detail(national_code=national_code)
    if detail is None or not detail.procedure.is_active:
        raise Http404("Không có thủ tục này.")
    version = detail.version
    return render(
        request,
        "catalog/procedure.html",
        {
            "procedure": detail.procedure,
            "version": version,
            "documents": detail.documents,
            "steps": detail.steps,
            "total_hours": sum(s.hours for s in detail.steps),
            "online": version.online_level >= OnlineLevel.LEVEL_3,
        },
    )


def document_template(request: HttpRequest, national_code: str, order: int) -> FileResponse:
    """The blank form (mẫu đơn, tờ khai) of one document of the version in force, when one is attached."""
    detail = selectors.procedure_detail(national_code=national_code)
    if detail is None or not detail.procedure.is_active:
        raise Http404("Không có thủ tục này.")
    document: ProcedureDocument | None = next((d for d in detail.documents if d.order == order), None)
    if document is None or not document.template:
        raise Http404("Thành phần hồ sơ này không có mẫu đơn, tờ khai.")
    name = document.template.name.rsplit("/", 1)[-1]
    return FileResponse(document.template.open("rb"), as_attachment=True, filename=name)
