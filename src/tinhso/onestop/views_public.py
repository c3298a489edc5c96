"""The citizen side of the one-stop shop: online submission (e-form, uploads, draft, review, submit),
"Hồ sơ của tôi" with the status timeline, supplement, withdrawal request, the receipt (form 01), files
served after a permission check, and public tracking by code + second factor.

Views are thin: they validate input, call the services (``onestop.services``) and render. A citizen sees
only their own dossiers: anything else is a 404, the same as a code that does not exist."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods

from tinhso.catalog.models import OnlineLevel, Procedure, ProcedureDocument, ProcedureVersion
from tinhso.catalog.selectors import procedure_version_on
from tinhso.core.errors import DomainError
from tinhso.onestop import access, pdf, results, selectors, services, tracking_html, uploads
from tinhso.onestop.forms_public import (
    DossierForm,
    SupplementForm,
    WithdrawForm,
    initial_for,
)
from tinhso.onestop.models import (
    OPEN_STATUSES,
    Channel,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierRating,
    DossierStatus,
    EventAction,
    FileKind,
)
from tinhso.payments.selectors import open_obligation
from tinhso.portal.shell import render_public

PAGE_SIZE = 20
TRACKING_MAX_FAILURES = 10  # wrong code/secret pairs per client address …
TRACKING_WINDOW = 15 * 60  # … per this many seconds, then 429 until the window ends
HIDDEN_ACTIONS = {EventAction.CREATE, EventAction.UPDATE, EventAction.FILE_ADD}
PUBLIC_ACTIONS = selectors.PUBLIC_ACTIONS


# --------------------------------------------------------------------------------------------------
# helpers


def _own(request: HttpRequest, **lookup: Any) -> Dossier:
    """The signed-in user's own dossier, or 404 (never 403: a guessed code reveals nothing)."""
    qs = Dossier.objects.select_related("procedure", "procedure_version", "agency", "agency__parent")
    return get_object_or_404(qs, applicant_id=request.user.pk, channel=Channel.ONLINE, **lookup)


def _own_submitted(request: HttpRequest, code: str) -> Dossier:
    return _own(request, code=code.strip().upper(), status__gt=DossierStatus.DRAFT)


def _own_draft(request: HttpRequest, pk: int) -> Dossier:
    return _own(request, pk=pk, status=DossierStatus.DRAFT)


def _documents(version: ProcedureVersion) -> list[ProcedureDocument]:
    return list(version.documents.order_by("order"))


def _latest_files(dossier: Dossier) -> dict[int, DossierFile]:
    """The latest file of each document of the dossier."""
    latest: dict[int, DossierFile] = {}
    for f in DossierFile.objects.filter(dossier=dossier, document__isnull=False).order_by(
        "uploaded_at", "id"
    ):
        assert f.document_id is not None
        latest[f.document_id] = f
    return latest


def _when(value: Any) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else None


def _timeline(dossier: Dossier, *, public: bool = False) -> list[DossierEvent]:
    """The dossier's events for the applicant (drafting noise left out); ``public``: only the
    milestones. Each event gets ``items`` (what a supplement asks for) and ``new_promised``."""
    events = [
        e
        for e in selectors.dossier_events(dossier)
        if (e.action in PUBLIC_ACTIONS if public else e.action not in HIDDEN_ACTIONS)
    ]
    for e in events:
        data = e.data if isinstance(e.data, dict) else {}
        e.items = [str(i) for i in data.get("items") or []]  # type: ignore[attr-defined]
        e.new_promised = _when(data.get("new_promised_at")) if data.get("new_promised_at") else None  # type: ignore[attr-defined]
    return events


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


# --------------------------------------------------------------------------------------------------
# my dossiers


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    qs = (
        Dossier.objects.filter(applicant_id=request.user.pk, channel=Channel.ONLINE)
        .select_related("procedure")
        .order_by("-created_at", "-id")
    )
    state = request.GET.get("trang-thai", "")
    if state == "dang-giai-quyet":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif state == "nhap":
        qs = qs.filter(status=DossierStatus.DRAFT)
    elif state == "da-xong":
        qs = qs.exclude(Q(status__in=OPEN_STATUSES) | Q(status=DossierStatus.DRAFT))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "onestop/public/my_dossiers.html",
        {"page": page, "state": state, "is_staff": access.is_staff_user(request.user)},
    )


# --------------------------------------------------------------------------------------------------
# submission: new, draft, review, submit


def _save_draft(
    request: HttpRequest,
    *,
    form: DossierForm,
    procedure: Procedure,
    dossier: Dossier | None,
) -> Dossier:
    user = request.user
    a = form.applicant()
    applicant = {
        "applicant_name": a["applicant_name"],
        "applicant_id_number": a["applicant_id_number"],
        "applicant_address": a["applicant_address"],
        "applicant_phone": a["applicant_phone"],
        "applicant_email": a["applicant_email"],
    }

    with transaction.atomic():  # a failure rolls back the draft, the rows and the stored files
        if dossier is None:
            saved = services.dossier_create_draft(
                actor=user,
                procedure=procedure,
                form_data=form.form_data(),
                applicant_name=applicant["applicant_name"],
                applicant_id_number=applicant["applicant_id_number"],
                applicant_address=applicant["applicant_address"],
                applicant_phone=applicant["applicant_phone"],
                applicant_email=applicant["applicant_email"],
            )
        else:
            saved = services.dossier_update_draft(
                actor=user,
                dossier=dossier,
                form_data=form.form_data(),
                applicant_name=applicant["applicant_name"],
                applicant_id_number=applicant["applicant_id_number"],
                applicant_address=applicant["applicant_address"],
                applicant_phone=applicant["applicant_phone"],
                applicant_email=applicant["applicant_email"],
            )
        uploads.attach_all(actor=user, dossier=saved, files=form.uploaded_files())
    return saved


def _edit(
    request: HttpRequest,
    *,
    procedure: Procedure,
    version: ProcedureVersion,
    dossier: Dossier | None,
    initial: dict[str, Any],
) -> HttpResponse:
    documents = _documents(version)
    latest = _latest_files(dossier) if dossier is not None else {}
    status = 200
    if request.method == "POST":
        as_draft = request.POST.get("hanh-dong") == "luu-nhap"
        form = DossierForm(
            request.POST,
            request.FILES,
            version=version,
            documents=documents,
            has_file=set(latest),
            draft=as_draft,
        )
        if form.is_valid():
            try:
                saved = _save_draft(request, form=form, procedure=procedure, dossier=dossier)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if as_draft:
                    messages.success(
                        request, "Đã lưu bản nháp hồ sơ. Bạn có thể quay lại hoàn thiện và nộp sau."
                    )
                    return redirect("onestop_public:draft", pk=saved.pk)
                return redirect("onestop_public:review", pk=saved.pk)
        status = 400
    else:
        form = DossierForm(initial=initial, version=version, documents=documents, has_file=set(latest))
    return render(
        request,
        "onestop/public/edit.html",
        {
            "procedure": procedure,
            "version": version,
            "dossier": dossier,
            "form": form,
            "latest": latest,
            "accept": uploads.ACCEPT,
            "max_mb": uploads.MAX_FILE_SIZE // (1024 * 1024),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, national_code: str) -> HttpResponse:
    procedure = get_object_or_404(
        Procedure.objects.select_related("agency", "domain"), national_code=national_code, is_active=True
    )
    version = procedure_version_on(procedure)
    if version is None or version.online_level < OnlineLevel.LEVEL_3:
        raise Http404("Thủ tục này không nhận hồ sơ trực tuyến.")
    if access.is_staff_user(request.user):
        messages.error(
            request,
            "Tài khoản cán bộ không nộp hồ sơ trực tuyến; hồ sơ trực tiếp được tạo ở trang nghiệp vụ.",
        )
        return redirect("catalog:procedure", national_code=national_code)
    user: Any = request.user
    initial = {
        "applicant_name": user.organization_name or user.full_name,
        "applicant_id_number": user.citizen_id or user.tax_code or "",
        "applicant_address": user.address,
        "applicant_phone": user.phone or "",
        "applicant_email": user.email or "",
    }
    return _edit(request, procedure=procedure, version=version, dossier=None, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _own_draft(request, pk)
    return _edit(
        request,
        procedure=dossier.procedure,
        version=dossier.procedure_version,
        dossier=dossier,
        initial=initial_for(dossier),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _own_draft(request, pk)
    version = dossier.procedure_version
    latest = _latest_files(dossier)
    documents = _documents(version)
    missing = [d for d in documents if d.required and d.pk not in latest]
    error = ""
    if request.method == "POST":
        try:
            expected = int(request.POST.get("phien-ban", ""))
        except ValueError:
            expected = None
        try:
            # the receipt (form 01) is e-mailed by a background task that the notification enqueues
            # after commit; it can be downloaded from the dossier's page at once
            dossier = services.dossier_submit(actor=request.user, dossier=dossier, expected_version=expected)
        except DomainError as exc:
            error = exc.message
        else:
            mailed = (
                f" Giấy tiếp nhận hồ sơ sẽ được gửi tới {dossier.applicant_email} trong ít phút"
                " và có thể tải ngay ở trang hồ sơ."
                if dossier.applicant_email
                else " Giấy tiếp nhận hồ sơ có thể tải ở trang hồ sơ."
            )
            messages.success(
                request,
                f"Đã nộp hồ sơ. Mã hồ sơ: {dossier.code}. Mã tra cứu: {dossier.tracking_secret}.{mailed}",
            )
            return redirect("onestop_public:detail", code=dossier.code)
    fields = [
        (spec.get("label", spec["name"]), (dossier.form_data or {}).get(spec["name"], ""))
        for spec in version.form_fields
    ]
    return render(
        request,
        "onestop/public/review.html",
        {
            "dossier": dossier,
            "version": version,
            "fields": fields,
            "documents": [(d, latest.get(d.pk)) for d in documents],
            "missing": missing,
            "error": error,
        },
        status=400 if error else 200,
    )


# --------------------------------------------------------------------------------------------------
# one dossier


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _own_submitted(request, code)
    version = dossier.procedure_version
    files = results.applicant_files(
        dossier,
        DossierFile.objects.filter(dossier=dossier).select_related("document").order_by("uploaded_at", "id"),
    )
    checks = results.result_checks(files)  # verified from the stored bytes on every display
    fields = [
        (spec.get("label", spec["name"]), (dossier.form_data or {}).get(spec["name"], ""))
        for spec in version.form_fields
    ]
    return render(
        request,
        "onestop/public/detail.html",
        {
            "dossier": dossier,
            "version": version,
            "files": files,
            "file_rows": [(f, checks.get(f.pk)) for f in files],
            "fields": fields,
            "timeline": _timeline(dossier),
            "can_supplement": dossier.status == DossierStatus.SUPPLEMENT,
            "obligation": open_obligation(dossier),
            "can_withdraw": dossier.status in OPEN_STATUSES and dossier.withdraw_requested_at is None,
            "can_rate": dossier.status == DossierStatus.RETURNED
            and not DossierRating.objects.filter(dossier=dossier).exists(),
        },
    )


@login_required
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _own_submitted(request, code)
    response = HttpResponse(pdf.form01_pdf(dossier), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.form01_filename(dossier)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _own_submitted(request, code)
    if dossier.status != DossierStatus.SUPPLEMENT:
        messages.info(request, "Hồ sơ này không có yêu cầu bổ sung đang chờ.")
        return redirect("onestop_public:detail", code=dossier.code)
    items = list(dossier.supplement_items or [])
    form = SupplementForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        user = request.user

        try:
            with transaction.atomic():
                uploads.attach_all(
                    actor=user,
                    dossier=dossier,
                    files=[(None, f) for f in form.checked],
                    kind=FileKind.SUPPLEMENT,
                )
                services.dossier_supplement_submit(
                    actor=user, dossier=dossier, note=form.cleaned_data.get("note", "")
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã nộp hồ sơ bổ sung. Cơ quan giải quyết sẽ tiếp tục xử lý hồ sơ.")
            return redirect("onestop_public:detail", code=dossier.code)
    return render(
        request,
        "onestop/public/supplement.html",
        {"dossier": dossier, "form": form, "accept": uploads.ACCEPT},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _own_submitted(request, code)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_withdraw_request(
                actor=request.user, dossier=dossier, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã gửi yêu cầu rút hồ sơ. Cơ quan giải quyết sẽ xem xét và thông báo.")
            return redirect("onestop_public:detail", code=dossier.code)
    return render(
        request,
        "onestop/public/withdraw.html",
        {"dossier": dossier, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def dossier_file(request: HttpRequest, pk: int) -> FileResponse:
    """A dossier's file, to its applicant or to staff of the handling agency (drafts: applicant only)."""
    record = get_object_or_404(DossierFile.objects.select_related("dossier"), pk=pk)
    dossier = record.dossier
    # the applicant gets a result only once the dossier is finished (a signed result waits for issuance)
    is_owner = (
        dossier.applicant_id is not None
        and dossier.applicant_id == request.user.pk
        and results.applicant_sees(dossier, record)
    )
    is_staff = not (
        dossier.status == DossierStatus.DRAFT and dossier.channel == Channel.ONLINE
    ) and access.works_in(request.user, dossier.agency_id)
    if not (is_owner or is_staff):
        raise Http404("Không có tệp này.")
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --------------------------------------------------------------------------------------------------
# public tracking


def track(request: HttpRequest) -> HttpResponse:
    """``/ho-so/tra-cuu/?ma=<code>&mk=<secret>``: one query whatever the input (the dossier with its
    public milestones, ``selectors.dossier_tracking``), no session read for a visitor without one; a
    wrong pair — unknown code, wrong secret, a draft — gets the same message and status; too many wrong
    pairs from one address get 429 for a while (a counter in the cache, read once per lookup). The
    content is built by ``tracking_html.content_html`` and served in the kept page shell
    (``portal/shell.py``)."""
    query = request.GET
    asked = "ma" in query or "mk" in query
    entered = tracking_html.tracking_input(query if asked else None)
    dossier = None
    not_found = False
    throttled = False
    status = 200
    if entered.ok:
        key = f"onestop:track-fail:{_client_ip(request)}"
        failures = cache.get(key, 0)
        if failures >= TRACKING_MAX_FAILURES:
            throttled = True
            status = 429
        else:
            dossier = selectors.dossier_tracking(code=entered.cleaned["ma"], secret=entered.cleaned["mk"])
            if dossier is None:
                not_found = True
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, TRACKING_WINDOW)
    elif asked:
        status = 400
    content = tracking_html.content_html(
        entered, dossier, not_found=not_found, throttled=throttled, window_minutes=TRACKING_WINDOW // 60
    )
    response = render_public(request, "onestop/public/track.html", content, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the secret is in the URL: never leak it onwards
    # never_cache's headers, set directly (its header parsing costs more than the page's query)
    response["Cache-Control"] = "max-age=0, no-cache, no-store, must-revalidate, private"
    response["Expires"] = _http_date_now()
    return response


_expires: tuple[int, str] = (0, "")


def _http_date_now() -> str:
    """``http_date()`` of the current second, formatted once per second and process."""
    global _expires
    now = int(time.time())
    if _expires[0] != now:
        _expires = (now, http_date(now))
    return _expires[1]
