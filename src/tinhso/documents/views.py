"""Back-office pages of the documents (``/quan-tri/van-ban/``): the outgoing and incoming registers
with filters and Excel export, drafting, the outgoing document's page (submit, return, sign, issue,
edXML export; the signed PDF verified each time the page is shown), registering incoming documents,
assigning and handling them, and importing edXML envelopes.

Thin: check the role, validate the form, call a service or selector, render. Bad input is answered
400 with the Vietnamese messages and nothing is written; a refusal of a service carries its own
status (403, 409)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from tinhso.accounts.models import User
from tinhso.core.audit import audit_history
from tinhso.core.errors import DomainError
from tinhso.documents import access, edxml, registers, selectors, services, signatures
from tinhso.documents.forms import (
    AssignForm,
    CompleteForm,
    EdxmlExportForm,
    EdxmlImportForm,
    IncomingForm,
    OutgoingForm,
    RegisterFilter,
    ReturnForm,
)
from tinhso.documents.models import (
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)
from tinhso.org.models import Agency, StaffRole
from tinhso.org.selectors import DEPARTMENT_KINDS, agency_subtree_ids

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_MAX = services.PDF_MAX

LOG_LABELS = {
    "outgoing.create": "Tạo dự thảo",
    "outgoing.update": "Sửa dự thảo",
    "outgoing.submit": "Trình ký",
    "outgoing.return": "Trả lại để sửa",
    "outgoing.sign": "Ký số và cấp số",
    "outgoing.issue": "Phát hành",
    "outgoing.record_paper": "Vào sổ văn bản giấy",
    "incoming.register": "Vào sổ văn bản đến",
    "incoming.assign": "Chuyển xử lý",
    "incoming.complete": "Xử lý xong",
}


# --- helpers -------------------------------------------------------------------------------------
def _ensure_office(user: Any) -> list[int]:
    ids = selectors.readable_agency_ids(user)
    if not ids:
        raise PermissionDenied("Bạn không có quyền xem sổ văn bản.")
    return ids


def _history(obj: Any) -> list[tuple[Any, str]]:
    return [(e, LOG_LABELS.get(e.action, e.action)) for e in audit_history(obj=obj)]


def _read(upload: Any) -> bytes | None:
    if not upload:
        return None
    if upload.size > UPLOAD_MAX:
        raise DomainError("Tệp lớn quá 20 MB.", code="file_too_large", status=400)
    return bytes(upload.read())


def _units(agency: Agency) -> list[tuple[int, str]]:
    ids = agency_subtree_ids(agency) - {agency.pk}
    return [
        (a.pk, a.name) for a in Agency.objects.filter(pk__in=ids, is_active=True).order_by("order", "code")
    ]


def _people(agency: Agency) -> list[tuple[int, str]]:
    ids = agency_subtree_ids(agency)
    rows = (
        StaffRole.objects.filter(agency_id__in=ids, is_active=True, user__is_active=True)
        .select_related("user", "agency")
        .order_by("agency__order", "user__full_name")
    )
    seen: dict[int, str] = {}
    for r in rows:
        seen.setdefault(r.user_id, f"{r.user.full_name} ({r.agency.short_name or r.agency.name})")
    return list(seen.items())


def _filters(request: HttpRequest) -> tuple[RegisterFilter, dict[str, Any], bool]:
    form = RegisterFilter(request.GET or None)
    if not request.GET:
        return form, {}, True
    if not form.is_valid():
        return form, {}, False
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return form, data, True


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- registers -----------------------------------------------------------------------------------
@login_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    ids = _ensure_office(request.user)
    form, data, ok = _filters(request)
    pending = request.GET.get("xem") == "du-thao"
    qs = selectors.outgoing_register(
        agency_ids=ids, year=data.get("nam"), doc_type=data.get("loai"), q=data.get("q"), pending=pending
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = {k: v for k, v in {**data, "xem": "du-thao" if pending else ""}.items() if v}
    rows = list(page.object_list)
    found = signatures.register_signatures(rows)
    return render(
        request,
        "documents/outgoing_list.html",
        {
            "filters": form,
            "page": page,
            "rows": [(d, found.get(d.pk, [])) for d in rows],
            "pending": pending,
            "years": selectors.register_years(agency_ids=ids),
            "counts": selectors.pending_counts(agency_ids=ids),
            "page_query": urlencode(query),
            "export_query": urlencode({k: v for k, v in data.items() if k != "trang_thai"}),
            "can_draft": any(access.can_draft(request.user, a) for a in access.departments(request.user)),
        },
        status=200 if ok else 400,
    )


def _export(request: HttpRequest, *, outgoing: bool) -> HttpResponse:
    """The register of one year (``nam``, default this year) with the page's filters, as Excel."""
    ids = _ensure_office(request.user)
    _form, data, ok = _filters(request)
    if not ok:
        return HttpResponse(
            "Điều kiện lọc không hợp lệ.", status=400, content_type="text/plain; charset=utf-8"
        )
    year = data.get("nam") or timezone.localdate().year
    names = ", ".join(a.name for a in Agency.objects.filter(pk__in=ids))
    filters: dict[str, Any] = {
        "agency_ids": ids,
        "year": year,
        "doc_type": data.get("loai"),
        "q": data.get("q"),
    }
    if outgoing:
        rows = registers.outgoing_rows(selectors.outgoing_register(**filters).order_by("number"))
        headers, widths, what, slug = registers.OUTGOING_HEADERS, registers.OUTGOING_WIDTHS, "ĐI", "di"
    else:
        qs = selectors.incoming_register(**filters, status=data.get("trang_thai"))
        rows = registers.incoming_rows(qs.order_by("number"))
        headers, widths, what, slug = registers.INCOMING_HEADERS, registers.INCOMING_WIDTHS, "ĐẾN", "den"
    content = registers.register_xlsx(
        title=f"SỔ ĐĂNG KÝ VĂN BẢN {what} NĂM {year}",
        subtitle=names,
        headers=headers,
        widths=widths,
        rows=rows,
    )
    return _xlsx(content, f"so-van-ban-{slug}-{year}.xlsx")


@login_required
def outgoing_export(request: HttpRequest) -> HttpResponse:
    return _export(request, outgoing=True)


@login_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    ids = _ensure_office(request.user)
    form, data, ok = _filters(request)
    qs = selectors.incoming_register(
        agency_ids=ids,
        year=data.get("nam"),
        doc_type=data.get("loai"),
        q=data.get("q"),
        status=data.get("trang_thai"),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    departments = access.departments(request.user)
    return render(
        request,
        "documents/incoming_list.html",
        {
            "filters": form,
            "page": page,
            "years": selectors.register_years(agency_ids=ids),
            "page_query": urlencode(data),
            "export_query": urlencode(data),
            "can_register": any(access.can_clerk(request.user, a) for a in departments),
            "today": timezone.localdate(),
        },
        status=200 if ok else 400,
    )


@login_required
def incoming_export(request: HttpRequest) -> HttpResponse:
    return _export(request, outgoing=False)


# --- outgoing ------------------------------------------------------------------------------------
def _drafting_department(user: Any) -> Agency:
    for agency in access.departments(user):
        if access.can_draft(user, agency):
            return agency
    raise PermissionDenied("Bạn không có quyền soạn văn bản.")


@login_required
def outgoing_create(request: HttpRequest) -> HttpResponse:
    agency = _drafting_department(request.user)
    units = _units(agency)
    form = OutgoingForm(request.POST or None, request.FILES or None, units=units)

    def page(status: int = 200, error: str = "") -> HttpResponse:
        if error:
            form.add_error(None, error)
        return render(
            request, "documents/outgoing_form.html", {"form": form, "agency": agency}, status=status
        )

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(400)
    data = form.cleaned_data
    try:
        doc = services.outgoing_create(
            actor=request.user,
            agency=agency,
            doc_type=data["doc_type"],
            summary=data["summary"],
            body=data["body"],
            recipients=data["recipients"],
            copies=data["copies"],
            drafting_unit=Agency.objects.filter(pk=data["drafting_unit"]).first()
            if data["drafting_unit"]
            else None,
            draft_pdf=_read(data.get("draft_pdf")),
        )
    except DomainError as exc:
        return page(exc.status, exc.message)
    messages.success(request, "Đã lưu dự thảo văn bản.")
    return redirect("documents:outgoing_detail", pk=doc.pk)


def _outgoing(request: HttpRequest, pk: int) -> OutgoingDocument:
    doc = (
        OutgoingDocument.objects.select_related(
            "agency", "agency__parent", "drafting_unit", "drafter", "signer"
        )
        .filter(pk=pk)
        .first()
    )
    if doc is None or not access.can_read(request.user, doc.agency):
        raise Http404("Không tìm thấy văn bản đi.")  # another agency's document is not found
    return doc


def _signed_bytes(doc: OutgoingDocument) -> bytes | None:
    """The official file's bytes: as issued (with the agency's signature), else as the leader signed."""
    if not doc.final_pdf:
        return None
    with doc.final_pdf.open("rb") as handle:
        return bytes(handle.read())


def _outgoing_actions(user: Any, doc: OutgoingDocument) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if doc.status == OutgoingStatus.DRAFT and access.can_submit(user, doc.agency, doc.drafter_id):
        out.append(("trinh-ky", "Trình ký"))
    if doc.status == OutgoingStatus.SUBMITTED and access.can_sign(user, doc.agency):
        out.append(("ky-so", "Ký số và cấp số"))
    if doc.status == OutgoingStatus.SIGNED and access.can_clerk(user, doc.agency):
        label = "Phát hành (ký số của cơ quan)" if doc.signed_pdf else "Phát hành"
        out.append(("phat-hanh", label))
    return out


def _outgoing_page(
    request: HttpRequest, doc: OutgoingDocument, *, status: int = 200, error: str = ""
) -> HttpResponse:
    agencies = [
        (a.pk, a.name)
        for a in Agency.objects.filter(kind__in=DEPARTMENT_KINDS, is_active=True)
        .exclude(pk=doc.agency_id)
        .order_by("order", "code")
    ]
    return render(
        request,
        "documents/outgoing_detail.html",
        {
            "doc": doc,
            **signatures.page_context(signatures.outgoing_signatures(doc)),
            "actions": _outgoing_actions(request.user, doc),
            "can_return": doc.status == OutgoingStatus.SUBMITTED
            and access.can_sign(request.user, doc.agency),
            "return_form": ReturnForm(),
            "export_form": EdxmlExportForm(agencies=agencies) if doc.final_pdf else None,
            "history": _history(doc),
            "error": error,
        },
        status=status,
    )


@login_required
def outgoing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _outgoing_page(request, _outgoing(request, pk))


OUTGOING_ACTIONS: dict[str, tuple[Callable[..., OutgoingDocument], str]] = {
    "trinh-ky": (services.outgoing_submit, "Đã trình ký văn bản."),
    "ky-so": (services.outgoing_sign, "Đã ký số và cấp số văn bản."),
    "phat-hanh": (services.outgoing_issue, "Đã phát hành văn bản."),  # with the agency's signature
}


@login_required
@require_POST
def outgoing_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc = _outgoing(request, pk)
    try:
        if action == "tra-lai":
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.outgoing_return(actor=request.user, document=doc, reason=reason)
            done = "Đã trả lại dự thảo để sửa."
        elif action in OUTGOING_ACTIONS:
            service, done = OUTGOING_ACTIONS[action]
            service(actor=request.user, document=doc)
        else:
            raise Http404("Không có thao tác này.")
    except DomainError as exc:
        doc.refresh_from_db()
        return _outgoing_page(request, doc, status=exc.status, error=exc.message)
    messages.success(request, done)
    return redirect("documents:outgoing_detail", pk=doc.pk)


@login_required
def outgoing_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed PDF exactly as stored; before signature, the draft (uploaded, or rendered now)."""
    doc = _outgoing(request, pk)
    if doc.final_pdf:
        data = _signed_bytes(doc)
        name = f"{doc.year}-{doc.number:02d}-{doc.symbol}.pdf"  # type: ignore[str-format]
    elif doc.draft_pdf:
        with doc.draft_pdf.open("rb") as handle:
            data = handle.read()
        name = f"du-thao-{doc.pk}.pdf"
    elif doc.status in selectors.UNNUMBERED:
        from tinhso.documents.pdf import outgoing_pdf

        data = outgoing_pdf(doc)
        name = f"du-thao-{doc.pk}.pdf"
    else:
        raise Http404("Văn bản giấy: không có tệp điện tử.")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_POST
def outgoing_edxml(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _outgoing(request, pk)
    agencies = [(a.pk, a.name) for a in Agency.objects.filter(kind__in=DEPARTMENT_KINDS, is_active=True)]
    form = EdxmlExportForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return _outgoing_page(request, doc, status=400, error="Hãy chọn cơ quan nhận văn bản.")
    to = Agency.objects.get(pk=form.cleaned_data["to"])
    try:
        content = edxml.edxml_export(actor=request.user, document=doc, to=to)
    except DomainError as exc:
        return _outgoing_page(request, doc, status=exc.status, error=exc.message)
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{doc.year}-{doc.number:02d}-{to.code}.edxml"'
    return response


# --- incoming ------------------------------------------------------------------------------------
def _clerk_department(user: Any) -> Agency:
    for agency in access.departments(user):
        if access.can_clerk(user, agency):
            return agency
    raise PermissionDenied("Chỉ văn thư cơ quan mới vào sổ văn bản đến.")


@login_required
def incoming_create(request: HttpRequest) -> HttpResponse:
    agency = _clerk_department(request.user)
    form = IncomingForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_on": timezone.localdate().strftime("%d/%m/%Y")},
    )

    def page(status: int = 200, error: str = "") -> HttpResponse:
        if error:
            form.add_error(None, error)
        return render(
            request, "documents/incoming_form.html", {"form": form, "agency": agency}, status=status
        )

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(400)
    data = dict(form.cleaned_data)
    try:
        file = _read(data.pop("file", None))
        doc = services.incoming_register(actor=request.user, agency=agency, file=file, **data)
    except DomainError as exc:
        return page(exc.status, exc.message)
    messages.success(request, f"Đã vào sổ văn bản đến số {doc.number}.")
    return redirect("documents:incoming_detail", pk=doc.pk)


@login_required
def incoming_import(request: HttpRequest) -> HttpResponse:
    agency = _clerk_department(request.user)
    form = EdxmlImportForm(request.POST or None, request.FILES or None)

    def page(status: int = 200, error: str = "") -> HttpResponse:
        if error:
            form.add_error(None, error)
        return render(
            request, "documents/incoming_import.html", {"form": form, "agency": agency}, status=status
        )

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(400)
    try:
        upload = form.cleaned_data["envelope"]
        if upload.size > edxml.MAX_ENVELOPE:
            raise DomainError("Gói tin edXML lớn quá 30 MB.", code="invalid_edxml", status=400)
        doc = edxml.edxml_import(actor=request.user, agency=agency, data=upload.read())
    except DomainError as exc:
        return page(exc.status, exc.message)
    messages.success(request, f"Đã nhận văn bản liên thông, vào sổ văn bản đến số {doc.number}.")
    return redirect("documents:incoming_detail", pk=doc.pk)


def _incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    doc = (
        IncomingDocument.objects.select_related("agency", "handling_unit", "handler", "registered_by")
        .filter(pk=pk)
        .first()
    )
    if doc is None or not access.can_read(request.user, doc.agency):
        raise Http404("Không tìm thấy văn bản đến.")
    return doc


def _incoming_page(
    request: HttpRequest,
    doc: IncomingDocument,
    *,
    assign_form: AssignForm | None = None,
    complete_form: CompleteForm | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    user = request.user
    can_assign = doc.status != IncomingStatus.HANDLED and access.can_assign(user, doc.agency)
    can_complete = doc.status == IncomingStatus.ASSIGNED and access.can_handle(
        user, doc.agency, doc.handling_unit, doc.handler_id
    )
    found = []
    if doc.file:
        with doc.file.open("rb") as handle:
            found = signatures.file_signatures(handle.read(), doc.file_sha256 or None)
    if can_assign and assign_form is None:
        assign_form = AssignForm(
            units=_units(doc.agency),
            people=_people(doc.agency),
            initial={"handling_unit": doc.handling_unit_id, "handler": doc.handler_id},
        )
    return render(
        request,
        "documents/incoming_detail.html",
        {
            "doc": doc,
            **signatures.page_context(found),
            "assign_form": assign_form if can_assign else None,
            "complete_form": (complete_form or CompleteForm()) if can_complete else None,
            "history": _history(doc),
            "error": error,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _incoming_page(request, _incoming(request, pk))


@login_required
@require_POST
def incoming_assign(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _incoming(request, pk)
    form = AssignForm(request.POST, units=_units(doc.agency), people=_people(doc.agency))
    if not form.is_valid():
        return _incoming_page(request, doc, assign_form=form, status=400)
    data = form.cleaned_data
    try:
        services.incoming_assign(
            actor=request.user,
            document=doc,
            handling_unit=Agency.objects.get(pk=data["handling_unit"]),
            handler=User.objects.filter(pk=data["handler"]).first() if data["handler"] else None,
            due_on=data["due_on"],
        )
    except DomainError as exc:
        return _incoming_page(request, doc, assign_form=form, status=exc.status, error=exc.message)
    messages.success(request, "Đã chuyển văn bản để xử lý.")
    return redirect("documents:incoming_detail", pk=doc.pk)


@login_required
@require_POST
def incoming_complete(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _incoming(request, pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return _incoming_page(request, doc, complete_form=form, status=400)
    try:
        services.incoming_complete(actor=request.user, document=doc, note=form.cleaned_data["note"])
    except DomainError as exc:
        return _incoming_page(request, doc, complete_form=form, status=exc.status, error=exc.message)
    messages.success(request, "Đã ghi kết quả xử lý.")
    return redirect("documents:incoming_detail", pk=doc.pk)


@login_required
def incoming_file(request: HttpRequest, pk: int) -> FileResponse:
    doc = _incoming(request, pk)
    if not doc.file:
        raise Http404("Văn bản này không có tệp điện tử.")
    return FileResponse(
        doc.file.open("rb"), content_type="application/pdf", filename=f"den-{doc.year}-{doc.number}.pdf"
    )
