"""The back office of the one-stop shop: the desk queue, walk-in reception, the dossier page with the
actions of each step, worklists, forms 01–05 as PDFs, the register (form 06) and the 9-index
evaluation.

Views are thin: they read through ``worklists``/``selectors``, validate a form and call one service of
``onestop.services`` (the same services as the API). A staff member sees only the dossiers of their
agencies: any other code — existing or guessed — is a 404. Which actions a page offers is a hint; the
service decides, and its ``DomainError`` message is shown as is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tinhso.backoffice.views import staff_required
from tinhso.catalog.models import Procedure
from tinhso.catalog.selectors import procedure_version_on
from tinhso.core.errors import DomainError
from tinhso.onestop import (
    access,
    evaluation,
    pdf,
    pdf_office,
    results,
    selectors,
    services,
    uploads,
    worklists,
)
from tinhso.onestop.forms_office import (
    ApologyForm,
    AssignForm,
    DeskSupplementForm,
    EvaluationForm,
    FileAddForm,
    FinishForm,
    NoteForm,
    PeriodForm,
    RatingForm,
    ReasonForm,
    SupplementRequestForm,
    WalkInForm,
    eligible_users,
)
from tinhso.onestop.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    DossierFile,
    DossierStatus,
    DossierStep,
    FileKind,
    ServiceEvaluation,
)
from tinhso.org.models import Agency, Role
from tinhso.org.selectors import agency_subtree_ids
from tinhso.payments.forms import PaymentRequestForm

S = DossierStatus
PAGE_SIZE = 30
SCOPE_SLUGS = {"cua-toi": "mine", "don-vi": "unit", "den-han-hom-nay": "due_today", "qua-han": "overdue"}
SLUG_OF_SCOPE = {v: k for k, v in SCOPE_SLUGS.items()}
DESK_TABS = {"cho-tiep-nhan": "new", "cho-bo-sung": "supplement", "yeu-cau-rut": "withdraw"}
DESK_LABELS = {"new": "Chờ tiếp nhận", "supplement": "Chờ bổ sung", "withdraw": "Yêu cầu rút hồ sơ"}


# --------------------------------------------------------------------------------------------------
# helpers


def _dossier(request: HttpRequest, code: str) -> Dossier:
    qs = worklists.staff_dossiers(request.user).select_related(
        "procedure", "procedure_version", "agency", "agency__parent", "received_by"
    )
    return get_object_or_404(qs, code=code.strip().upper())


def _step_actor(user: Any, step: DossierStep | None) -> bool:
    if step is None:
        return False
    if not access.has_role(user, access.step_roles(step.role), step.agency_id):
        return False
    return step.assignee_id is None or step.assignee_id == user.pk


def _next_step_users(dossier: Dossier, step: DossierStep | None) -> Any:
    after = step.order if step is not None else 0
    nxt = (
        dossier.procedure_version.steps.filter(order__gt=after)
        .order_by("order")
        .select_related("agency")
        .first()
    )
    if nxt is None:
        return None
    agency = nxt.agency or dossier.agency
    return eligible_users(roles=access.step_roles(nxt.role), agency_ids=agency_subtree_ids(agency))


def _step_users(step: DossierStep) -> Any:
    return eligible_users(roles=access.step_roles(step.role), agency_ids=agency_subtree_ids(step.agency))


@dataclass
class Action:
    slug: str
    label: str
    form_class: type
    needs_next_users: bool = False
    primary: bool = False
    danger: bool = False
    multipart: bool = False


ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in [
        Action("tiep-nhan", "Tiếp nhận hồ sơ", NoteForm, needs_next_users=True, primary=True),
        Action("yeu-cau-bo-sung", "Yêu cầu bổ sung hồ sơ (mẫu 02)", SupplementRequestForm),
        Action("yeu-cau-nop-phi", "Yêu cầu thực hiện nghĩa vụ tài chính", PaymentRequestForm),
        Action("tu-choi-tiep-nhan", "Từ chối tiếp nhận (mẫu 03)", ReasonForm, danger=True),
        Action("nhan-bo-sung", "Nhận hồ sơ bổ sung tại quầy", DeskSupplementForm, multipart=True),
        Action("chuyen-xu-ly", "Chuyển bước tiếp theo", NoteForm, needs_next_users=True, primary=True),
        Action("dong-y", "Đồng ý", NoteForm, needs_next_users=True, primary=True),
        Action("khong-dong-y", "Không đồng ý", ReasonForm, needs_next_users=True, danger=True),
        Action(
            "co-ket-qua",
            "Ghi nhận kết quả (đã xử lý xong)",
            FinishForm,
            needs_next_users=True,
            primary=True,
            multipart=True,
        ),
        Action("tra-ket-qua", "Trả kết quả", NoteForm, primary=True),
        Action("phan-cong", "Phân công xử lý", AssignForm),
        Action("xin-loi", "Xin lỗi và hẹn lại (mẫu 04)", ApologyForm),
        Action("cho-rut", "Đồng ý cho rút hồ sơ", NoteForm),
        Action("dung-xu-ly", "Dừng xử lý", ReasonForm, danger=True),
    ]
}


def available_actions(user: Any, dossier: Dossier, step: DossierStep | None) -> list[str]:
    """The actions to offer ``user`` on ``dossier`` (a hint: the services decide)."""
    clerk = access.has_dossier_role(user, {Role.CLERK}, dossier.agency_id)
    leader = access.leads(user, dossier.agency_id)
    actor = _step_actor(user, step)
    decision = step is not None and step.role in access.DECISION_ROLES
    st = dossier.status
    out: list[str] = []
    if st == S.NEW and clerk:
        out += ["tiep-nhan", "yeu-cau-bo-sung", "tu-choi-tiep-nhan"]
    if st == S.SUPPLEMENT and clerk:
        out.append("nhan-bo-sung")
        if dossier.received_at is None:
            out.append("tu-choi-tiep-nhan")
    if st == S.PROCESSING:
        if decision and actor:
            out += ["dong-y", "khong-dong-y"]
        elif actor and dossier.outcome:
            out.append("co-ket-qua")
        elif actor and step is not None:
            has_next = dossier.procedure_version.steps.filter(order__gt=step.order).exists()
            if has_next:
                out.append("chuyen-xu-ly")
        if actor or clerk:
            out.append("yeu-cau-bo-sung")
            if dossier.applicant_id is not None:
                out.append("yeu-cau-nop-phi")
    if st == S.FINISHED and (actor or (step is None and clerk)):
        out.append("tra-ket-qua")
    if st in (S.PROCESSING, S.SUPPLEMENT, S.FINISHED) and step is not None:
        if actor or access.leads(user, step.agency_id):
            out.append("phan-cong")
    if (
        st in (S.PROCESSING, S.SUPPLEMENT, S.PAYMENT)
        and dossier.apologized_at is None
        and access.works_in(user, dossier.agency_id)
    ):
        out.append("xin-loi")
    if st in OPEN_STATUSES and dossier.withdraw_requested_at and (clerk or leader):
        out.append("cho-rut")
    if st in (S.PROCESSING, S.SUPPLEMENT, S.PAYMENT) and leader:
        out.append("dung-xu-ly")
    return out


def _build_form(
    action: Action, dossier: Dossier, step: DossierStep | None, data: Any = None, files: Any = None
) -> Any:
    kwargs: dict[str, Any] = {"initial": {"expected_version": dossier.version}, "prefix": action.slug}
    if data is not None:
        kwargs["data"] = data
    if files is not None and action.multipart:
        kwargs["files"] = files
    if action.slug == "yeu-cau-nop-phi":
        kwargs["initial"]["amount"] = dossier.procedure_version.fee or ""
    if action.slug == "phan-cong":
        assert step is not None
        kwargs["assignees"] = _step_users(step)
    elif action.needs_next_users:
        users = _next_step_users(dossier, step if action.slug != "tiep-nhan" else _reception_step(dossier))
        if users is not None:
            kwargs["assignees"] = users
    return action.form_class(**kwargs)


def _reception_step(dossier: Dossier) -> Any:
    """For the «Giao cho» list at reception: the step after the clerk's reception step."""
    first = dossier.procedure_version.steps.order_by("order").first()
    if first is not None and first.role == Role.CLERK:
        return first
    return None


def _run(action: str, form: Any, *, user: Any, dossier: Dossier, request: HttpRequest) -> str:
    """Call the service for ``action``; returns the success message."""
    cd = form.cleaned_data
    common = {"actor": user, "dossier": dossier, "expected_version": cd["expected_version"]}
    if action == "tiep-nhan":
        services.dossier_receive(**common, assignee=cd.get("assignee"), note=cd["note"])
        return "Đã tiếp nhận hồ sơ. In Giấy tiếp nhận và hẹn trả kết quả (mẫu 01) cho người nộp."
    if action == "yeu-cau-bo-sung":
        services.dossier_request_supplement(**common, items=form.item_list(), reason=cd["reason"])
        return "Đã gửi yêu cầu bổ sung hồ sơ (mẫu 02) cho người nộp."
    if action == "yeu-cau-nop-phi":
        services.dossier_request_payment(**common, amount=cd["amount"], note=cd["note"])
        return "Đã yêu cầu người nộp thực hiện nghĩa vụ tài chính; hồ sơ chờ thanh toán."
    if action == "tu-choi-tiep-nhan":
        services.dossier_refuse_reception(**common, reason=cd["reason"])
        return "Đã từ chối tiếp nhận hồ sơ (mẫu 03)."
    if action == "nhan-bo-sung":
        with transaction.atomic():
            if form.checked is not None:
                services.dossier_file_add(
                    actor=user,
                    dossier=dossier,
                    name=form.checked.name,
                    content=form.checked.content,
                    kind=FileKind.SUPPLEMENT,
                )
                common["expected_version"] = Dossier.objects.values_list("version", flat=True).get(
                    pk=dossier.pk
                )
            services.dossier_supplement_submit(**common, note=cd["note"])
        return "Đã nhận hồ sơ bổ sung."
    if action == "chuyen-xu-ly":
        services.dossier_forward(**common, assignee=cd.get("assignee"), note=cd["note"])
        return "Đã chuyển hồ sơ sang bước tiếp theo."
    if action == "dong-y":
        services.dossier_approve(**common, assignee=cd.get("assignee"), note=cd["note"])
        return "Đã ghi ý kiến đồng ý và chuyển bước tiếp theo."
    if action == "khong-dong-y":
        services.dossier_refuse(**common, assignee=cd.get("assignee"), reason=cd["reason"])
        return "Đã ghi ý kiến không đồng ý và chuyển bước tiếp theo."
    if action == "co-ket-qua":
        # the result signed by the deciding leader is already there; an uploaded one is added to it
        upload = (form.checked.name, form.checked.content) if form.checked is not None else None
        services.dossier_finish(
            **common, assignee=cd.get("assignee"), note=cd["note"], result=upload, notice_if_missing=True
        )
        return "Đã ghi nhận kết quả giải quyết; hồ sơ chuyển sang «Đã xử lý xong»."
    if action == "tra-ket-qua":
        services.dossier_return(**common, note=cd["note"])
        return "Đã trả kết quả cho người nộp."
    if action == "phan-cong":
        services.dossier_assign(**common, assignee=cd["assignee"], note=cd["note"])
        return f"Đã giao bước đang xử lý cho {cd['assignee'].full_name}."
    if action == "xin-loi":
        new = dt.datetime.combine(cd["new_date"], cd["new_time"], tzinfo=timezone.get_current_timezone())
        services.dossier_apologize(**common, new_promised_at=new, reason=cd["reason"])
        return "Đã lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)."
    if action == "cho-rut":
        services.dossier_withdraw(**common, note=cd["note"])
        return "Đã cho rút hồ sơ."
    if action == "dung-xu-ly":
        services.dossier_stop(**common, reason=cd["reason"])
        return "Đã dừng xử lý hồ sơ."
    raise Http404


def _detail_context(
    request: HttpRequest, dossier: Dossier, bound: Any = None, bound_slug: str = ""
) -> dict[str, Any]:
    user = request.user
    step = (
        DossierStep.objects.select_related("agency", "assignee")
        .filter(pk=dossier.current_step_id or 0)
        .first()
    )
    slugs = available_actions(user, dossier, step)
    forms = []
    for slug in slugs:
        action = ACTIONS[slug]
        form = bound if slug == bound_slug and bound is not None else _build_form(action, dossier, step)
        forms.append(
            {"action": action, "form": form, "url": reverse("onestop_office:act", args=[dossier.code, slug])}
        )
    steps = list(
        DossierStep.objects.filter(dossier=dossier)
        .select_related("agency", "assignee", "finished_by")
        .order_by("started_at", "id")
    )
    events = list(selectors.dossier_events(dossier).select_related("step"))
    files = list(
        DossierFile.objects.filter(dossier=dossier).select_related("document").order_by("uploaded_at", "id")
    )
    checks = results.result_checks(files)  # verified from the stored bytes on every display
    form_labels = {f["name"]: f.get("label", f["name"]) for f in dossier.procedure_version.form_fields}
    pdfs = [("01", "Giấy tiếp nhận và hẹn trả kết quả")]
    actions_done = {e.action for e in events}
    if "request_supplement" in actions_done:
        pdfs.append(("02", "Phiếu yêu cầu bổ sung"))
    if "refuse_reception" in actions_done:
        pdfs.append(("03", "Phiếu từ chối tiếp nhận"))
    if "apologize" in actions_done:
        pdfs.append(("04", "Phiếu xin lỗi và hẹn lại"))
    if dossier.received_at:
        pdfs.append(("05", "Phiếu kiểm soát quá trình giải quyết"))
    now = timezone.now()
    return {
        "dossier": dossier,
        "step": step,
        "steps": steps,
        "events": events,
        "files": files,
        "file_rows": [(f, checks.get(f.pk)) for f in files],
        "fields": [(form_labels.get(k, k), v) for k, v in (dossier.form_data or {}).items()],
        "forms": forms,
        "pdfs": pdfs,
        "control_rows": pdf_office.control_rows(dossier) if dossier.received_at else [],
        "overdue": bool(
            dossier.due_at and dossier.status in (S.PROCESSING, S.PAYMENT) and dossier.due_at < now
        ),
        "file_form": FileAddForm(prefix="tep")
        if access.works_in(user, dossier.agency_id)
        and dossier.status not in (S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED, S.RETURNED)
        else None,
        "rating": getattr(dossier, "rating", None) if dossier.status == S.RETURNED else None,
    }


# --------------------------------------------------------------------------------------------------
# pages


@staff_required
def worklist(request: HttpRequest) -> HttpResponse:
    scope = SCOPE_SLUGS.get(request.GET.get("ds", "cua-toi"), "mine")
    search = request.GET.get("q", "").strip()[:100]
    counts = worklists.worklist_counts(request.user)
    rows = (
        worklists.worklist_search(request.user, scope, search)
        if search
        else worklists.worklist(request.user, scope)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    tabs = [
        {
            "slug": SLUG_OF_SCOPE[s],
            "label": worklists.SCOPE_LABELS[s],
            "count": counts.get(s),
            "current": s == scope,
        }
        for s in worklists.SCOPES
    ]
    is_clerk = bool(access.agencies_with_role(request.user, {Role.CLERK}))
    return render(
        request,
        "onestop/office/worklist.html",
        {
            "tabs": tabs,
            "scope_label": worklists.SCOPE_LABELS[scope],
            "page": page,
            "search": search,
            "now": timezone.now(),
            "desk": worklists.desk_counts(request.user) if is_clerk else None,
        },
    )


@staff_required
def desk(request: HttpRequest) -> HttpResponse:
    if not access.agencies_with_role(request.user, {Role.CLERK}):
        raise Http404
    slug = request.GET.get("ds", "cho-tiep-nhan")
    state = DESK_TABS.get(slug, "new")
    counts = worklists.desk_counts(request.user)
    page = Paginator(worklists.desk_queue(request.user, state), PAGE_SIZE).get_page(request.GET.get("trang"))
    tabs = [
        {"slug": s, "label": DESK_LABELS[v], "count": counts[v], "current": v == state}
        for s, v in DESK_TABS.items()
    ]
    return render(
        request, "onestop/office/desk.html", {"tabs": tabs, "page": page, "state_label": DESK_LABELS[state]}
    )


@staff_required
def walk_in(request: HttpRequest) -> HttpResponse:
    """A dossier handed in at the desk (or by post): choose the procedure, fill in, attach the scans;
    it is registered and received at once."""
    agencies = access.agencies_with_role(request.user, {Role.CLERK})
    if not agencies:
        raise Http404
    procedures = Procedure.objects.filter(agency_id__in=agencies, is_active=True).order_by("national_code")
    code = request.GET.get("thu-tuc") or request.POST.get("thu-tuc")
    if not code:
        return render(request, "onestop/office/walk_in_choose.html", {"procedures": procedures})
    procedure = get_object_or_404(procedures, national_code=code)
    version = procedure_version_on(procedure, timezone.now())
    if version is None:
        raise Http404
    documents = list(version.documents.order_by("order"))
    form = WalkInForm(request.POST or None, request.FILES or None, version=version, documents=documents)
    if request.method == "POST" and form.is_valid():
        user = request.user
        applicant: dict[str, Any] = form.applicant()
        try:
            with transaction.atomic():
                draft = services.dossier_create_draft(
                    actor=user,
                    procedure=procedure,
                    channel=form.cleaned_data["channel"],
                    form_data=form.form_data(),
                    **applicant,
                )
                uploads.attach_all(actor=user, dossier=draft, files=form.uploaded_files(), kind=FileKind.SCAN)
                submitted = services.dossier_submit(actor=user, dossier=draft)
                dossier = services.dossier_receive(
                    actor=user, dossier=submitted, note=form.cleaned_data["note"]
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"Đã tiếp nhận hồ sơ {dossier.code}. In Giấy tiếp nhận (mẫu 01) cho người nộp."
            )
            return redirect("onestop_office:detail", dossier.code)
    return render(
        request,
        "onestop/office/walk_in.html",
        {"procedure": procedure, "version": version, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    return render(request, "onestop/office/detail.html", _detail_context(request, dossier))


@staff_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = _dossier(request, code)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    step = (
        DossierStep.objects.select_related("agency", "assignee")
        .filter(pk=dossier.current_step_id or 0)
        .first()
    )
    if spec.slug == "phan-cong" and step is None:
        messages.error(request, "Hồ sơ không có bước đang xử lý để phân công.")
        return redirect("onestop_office:detail", dossier.code)
    form = _build_form(spec, dossier, step, data=request.POST, files=request.FILES)
    if not form.is_valid():
        context = _detail_context(request, dossier, bound=form, bound_slug=spec.slug)
        if spec.slug not in {f["action"].slug for f in context["forms"]}:
            context["forms"].insert(0, {"action": spec, "form": form, "url": request.path})
        return render(request, "onestop/office/detail.html", context, status=400)
    try:
        message = _run(action, form, user=request.user, dossier=dossier, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("onestop_office:detail", dossier.code)


@staff_required
@require_POST
def file_add(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    form = FileAddForm(request.POST, request.FILES, prefix="tep")
    if form.is_valid() and form.checked is not None:
        checked = form.checked

        try:
            services.dossier_file_add(
                actor=request.user,
                dossier=dossier,
                name=checked.name,
                content=checked.content,
                kind=form.cleaned_data["kind"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã đính kèm tệp «{checked.name}».")
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, errors or "Tệp không hợp lệ.")
    return redirect("onestop_office:detail", dossier.code)


@staff_required
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        DossierFile.objects.select_related("dossier"),
        pk=pk,
        dossier__agency_id__in=access.agencies_of(request.user),
    )
    return FileResponse(  # type: ignore[return-value]
        record.file.open("rb"),
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type,
    )


FORM_RENDERERS: dict[str, tuple[Callable[[Dossier], bytes], str]] = {
    "01": (pdf.form01_pdf, "giay-tiep-nhan"),
    "02": (pdf_office.form02_pdf, "phieu-yeu-cau-bo-sung"),
    "03": (pdf_office.form03_pdf, "phieu-tu-choi"),
    "04": (pdf_office.form04_pdf, "phieu-xin-loi"),
    "05": (pdf_office.form05_pdf, "phieu-kiem-soat"),
}


@staff_required
def form_pdf(request: HttpRequest, code: str, number: str) -> HttpResponse:
    dossier = _dossier(request, code)
    renderer = FORM_RENDERERS.get(number)
    if renderer is None:
        raise Http404
    func, name = renderer
    try:
        content = func(dossier)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-{dossier.code}.pdf"'
    return response


def _period(form: PeriodForm) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = form.cleaned_data.get("tu_ngay") if form.is_valid() else None
    end = form.cleaned_data.get("den_ngay") if form.is_valid() else None
    return start or today.replace(day=1), end or today


@staff_required
def register(request: HttpRequest) -> HttpResponse:
    """Form 06, Sổ theo dõi hồ sơ: dossiers received (or registered online) in a period."""
    form = PeriodForm(request.GET or None)
    start, end = _period(form)
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    dossiers = (
        worklists.staff_dossiers(request.user)
        .filter(
            Q(received_at__gte=lo, received_at__lt=hi)
            | Q(received_at__isnull=True, submitted_at__gte=lo, submitted_at__lt=hi)
        )
        .select_related("procedure")
        .order_by("received_at", "submitted_at", "id")
    )
    rows = pdf_office.register_rows(dossiers)
    title = "Sổ theo dõi hồ sơ"
    period = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    fmt = request.GET.get("dinh-dang")
    agency = _home_agency(request.user)
    if fmt == "xlsx":
        response = HttpResponse(
            pdf_office.register_xlsx(title=title, period=period, rows=rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        )
        return response
    if fmt == "pdf":
        content = pdf_office.register_pdf(
            title=title,
            agency_name=agency.name if agency else "",
            parent=agency.parent.name if agency and agency.parent else "",
            period=period,
            rows=rows,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.pdf"'
        )
        return response
    query = f"tu_ngay={start:%d/%m/%Y}&den_ngay={end:%d/%m/%Y}"
    return render(
        request,
        "onestop/office/register.html",
        {"form": form, "rows": rows, "period": period, "query": query},
    )


def _home_agency(user: Any) -> Agency | None:
    """The department the user works for (for the header of the register)."""
    ids = access.agencies_of(user)
    return Agency.objects.filter(pk__in=ids, kind="so").select_related("parent").first() or (
        Agency.objects.filter(pk__in=ids).select_related("parent").order_by("parent_id").first()
    )


@staff_required
def evaluation_page(request: HttpRequest) -> HttpResponse:
    """The 9-index evaluation per agency and period: computed indices from dossier data, the others
    entered here; only leaders may compute and store one."""
    user = request.user
    leader_agencies = access.agencies_led(user)
    agencies = (
        Agency.objects.filter(pk__in=leader_agencies, procedures__isnull=False).distinct().order_by("code")
    )
    form = EvaluationForm(request.POST or None, agencies=agencies, manual=evaluation.MANUAL_INDICES)
    if request.method == "POST":
        if not leader_agencies:
            raise Http404
        if form.is_valid():
            try:
                record = evaluation.evaluation_compute(
                    actor=user,
                    agency=form.cleaned_data["agency"],
                    period_from=form.cleaned_data["period_from"],
                    period_to=form.cleaned_data["period_to"],
                    manual_scores=form.manual_scores(),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Đã tính đánh giá: {record.total} / 18 điểm.")
                return redirect(reverse("onestop_office:evaluation") + f"?id={record.pk}")
    records = ServiceEvaluation.objects.filter(agency_id__in=access.agencies_of(user)).select_related(
        "agency"
    )[:50]
    shown = records[0] if records else None
    if request.GET.get("id"):
        shown = next((r for r in records if str(r.pk) == request.GET["id"]), shown)
    return render(
        request,
        "onestop/office/evaluation.html",
        {
            "form": form,
            "records": records,
            "shown": shown,
            "can_compute": bool(leader_agencies),
            "index_help": evaluation.INDEX_HELP,
        },
        status=400 if request.method == "POST" else 200,
    )


# --------------------------------------------------------------------------------------------------
# the applicant's rating (public side, signed in)


@login_required
def rating(request: HttpRequest, code: str) -> HttpResponse:
    """After the result is returned the applicant rates the service, once."""
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure"),
        code=code.strip().upper(),
        applicant=request.user,
        channel=Channel.ONLINE,
    )
    existing = getattr(dossier, "rating", None)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            evaluation.dossier_rate(
                actor=request.user,
                dossier=dossier,
                satisfaction=form.cleaned_data["satisfaction"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Cảm ơn Ông/Bà đã đánh giá.")
            return redirect("onestop_rating:rate", dossier.code)
    return render(
        request,
        "onestop/office/rating.html",
        {
            "dossier": dossier,
            "form": form,
            "existing": existing,
            "can_rate": dossier.status == S.RETURNED and existing is None,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )
