"""Back-office pages of the set-top-box programme and criterion 8 (thin views)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from tinhso.core.errors import DomainError
from tinhso.geo.models import UnitKind
from tinhso.geo.selectors import unit_valid_on
from tinhso.programs import selectors
from tinhso.programs.forms import (
    ApproveForm,
    BatchForm,
    C8Form,
    DeliveryForm,
    EvidenceForm,
    HouseholdForm,
    ImportForm,
    StockForm,
)
from tinhso.programs.handover import handover_pdf
from tinhso.programs.models import (
    Batch,
    C8Status,
    Delivery,
    Household,
    HouseholdImport,
    Poverty,
    ReviewStatus,
)
from tinhso.programs.permissions import can_approve_batches, can_edit_programs, can_read_programs
from tinhso.programs.services import (
    batch_add_eligible,
    batch_approve,
    batch_close,
    batch_create,
    batch_start_delivery,
    c8_assess,
    c8_evidence_add,
    delivery_record,
    household_create,
    household_import_start,
    household_review,
    stock_receive,
)

View = Callable[..., HttpResponse]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _guard(check: Callable[[Any], bool], message: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


_reader = _guard(can_read_programs, "Bạn không có quyền xem dữ liệu chương trình.")
_editor = _guard(can_edit_programs, "Chỉ cán bộ quản lý ngành được cập nhật dữ liệu chương trình.")


def _int(value: str | None, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _xlsx(header: list[str], rows: Any, name: str) -> HttpResponse:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Du lieu")
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "can_edit": can_edit_programs(request.user),
        "can_approve": can_approve_batches(request.user),
        **extra,
    }


@_reader
def overview(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"), 2016) or 2016
    context = _ctx(
        request,
        districts=selectors.households_by_district(),
        batches=selectors.batches(),
        c8=selectors.c8_summary(year),
        year=year,
        imports=selectors.imports(limit=5),
    )
    return render(request, "programs/overview.html", context)


@_reader
def household_list(request: HttpRequest) -> HttpResponse:
    eligible = {"1": True, "0": False}.get(request.GET.get("eligible", ""))
    review = request.GET.get("review")
    qs = selectors.household_list(
        q=request.GET.get("q", ""),
        district=request.GET.get("district", ""),
        commune=request.GET.get("commune", ""),
        eligible=eligible,
        review=review if review in ReviewStatus.values else None,
        poverty=request.GET.get("poverty", ""),
        list_year=_int(request.GET.get("list_year")),
    )
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                h.head_name,
                h.citizen_id,
                h.hamlet,
                h.commune.name,
                h.commune.parent.name if h.commune.parent else "",
                h.get_poverty_display(),
                h.list_year,
                "Có" if h.eligible else "Không",
                h.ineligible_reason,
                h.get_review_status_display(),
            )
            for h in qs.iterator(chunk_size=2000)
        )
        header = [
            "Chủ hộ",
            "Số CMND/CCCD",
            "Ấp",
            "Xã",
            "Huyện",
            "Diện hộ",
            "Năm danh sách",
            "Đủ điều kiện",
            "Lý do không đủ điều kiện",
            "So trùng",
        ]
        return _xlsx(header, rows, "ho-gia-dinh.xlsx")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    from tinhso.programs.selectors import communes_of_year
    from tinhso.sector.selectors import districts

    context = _ctx(
        request,
        page=page,
        query=query.urlencode(),
        params=request.GET,
        districts=districts(2016),
        reviews=ReviewStatus.choices,
        povertys=Poverty.choices,
        xa=communes_of_year(2016),
    )
    return render(request, "programs/household_list.html", context)


@_editor
def household_create_view(request: HttpRequest) -> HttpResponse:
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            h = household_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if h.eligible:
                messages.success(request, f"Đã thêm hộ {h.head_name}: đủ điều kiện.")
            else:
                messages.warning(
                    request, f"Đã thêm hộ {h.head_name}: không đủ điều kiện — {h.ineligible_reason}."
                )
            return redirect("programs:household_list")
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": "Thêm hộ gia đình", "back": reverse("programs:household_list")},
    )


@_editor
@require_POST
def household_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_object_or_404(Household, pk=pk)
    try:
        household_review(actor=request.user, household=household, decision=request.POST.get("decision", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ghi kết luận so trùng cho hộ {household.head_name}.")
    return redirect(request.POST.get("next") or reverse("programs:household_list") + "?review=pending")


@_editor
def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = household_import_start(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error(None, exc.message)
            return render(
                request,
                "programs/import.html",
                _ctx(request, form=form, imports=selectors.imports()),
                status=exc.status,
            )
        return redirect("programs:import_detail", pk=record.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "programs/import.html", _ctx(request, form=form, imports=selectors.imports()), status=status
    )


@_reader
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(HouseholdImport, pk=pk)
    running = record.status in (
        HouseholdImport.Status.PENDING,
        HouseholdImport.Status.RUNNING,
        HouseholdImport.Status.WRITING,
    )
    return render(request, "programs/import_detail.html", _ctx(request, record=record, running=running))


@_reader
def batch_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/batch_list.html", _ctx(request, batches=selectors.batches()))


@_editor
def batch_create_view(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = batch_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("programs:batch_detail", pk=batch.pk)
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": "Tạo đợt hỗ trợ", "back": reverse("programs:batch_list")},
    )


@_reader
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(Batch, pk=pk)
    report = selectors.batch_report(batch)
    if request.GET.get("export") == "xlsx":
        rows = (
            (r.code, r.name, r.members, r.delivered, r.remaining, r.received, r.stock)
            for r in report.communes
        )
        return _xlsx(
            ["Mã xã", "Xã", "Số hộ", "Đã giao", "Còn lại", "Nhập kho", "Tồn kho"],
            rows,
            f"dot-{batch.number}.xlsx",
        )
    context = _ctx(
        request,
        batch=batch,
        report=report,
        approve_form=ApproveForm(),
        stock_form=StockForm(),
        delivery_form=DeliveryForm(),
        members=selectors.batch_members(batch, limit=100),
        deliveries=Delivery.objects.filter(batch=batch)
        .select_related("member__household", "commune")
        .order_by("-id")[:20],
    )
    return render(request, "programs/batch_detail.html", context)


@login_required
@require_POST
def batch_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    batch = get_object_or_404(Batch, pk=pk)
    if not (can_edit_programs(request.user) or can_approve_batches(request.user)):
        raise PermissionDenied("Bạn không có quyền thao tác trên đợt hỗ trợ.")
    try:
        if action == "approve":
            batch_approve(actor=request.user, batch=batch, decision=request.POST.get("decision", ""))
            messages.success(request, "Đã phê duyệt đợt; danh sách hộ đã được khóa.")
        elif action == "add-eligible":
            n = batch_add_eligible(actor=request.user, batch=batch)
            messages.success(request, f"Đã thêm {n} hộ đủ điều kiện vào danh sách.")
        elif action == "start":
            batch_start_delivery(actor=request.user, batch=batch)
            messages.success(request, "Đợt đã chuyển sang cấp phát.")
        elif action == "close":
            batch_close(actor=request.user, batch=batch)
            messages.success(request, "Đã kết thúc đợt.")
        elif action == "stock":
            form = StockForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Thông tin nhập kho không hợp lệ.")
            else:
                stock_receive(actor=request.user, batch=batch, **form.cleaned_data)
                messages.success(request, "Đã ghi nhận nhập kho.")
        elif action == "deliver":
            dform = DeliveryForm(request.POST)
            if not dform.is_valid():
                messages.error(
                    request,
                    "Thông tin giao đầu thu không hợp lệ: "
                    + "; ".join(
                        f"{dform.fields[k].label}: {' '.join(str(e) for e in v)}"
                        for k, v in dform.errors.items()
                    ),
                )
            else:
                household = Household.objects.filter(
                    citizen_id=dform.cleaned_data["citizen_id"].strip()
                ).first()
                if household is None:
                    messages.error(request, "Không tìm thấy hộ có số CMND/CCCD này.")
                else:
                    d = delivery_record(
                        actor=request.user,
                        batch=batch,
                        household=household,
                        serial=dform.cleaned_data["serial"],
                        receiver_name=dform.cleaned_data["receiver_name"],
                        delivered_on=dform.cleaned_data["delivered_on"],
                    )
                    messages.success(request, f"Đã ghi nhận giao đầu thu {d.serial}.")
        else:
            raise PermissionDenied("Thao tác không hợp lệ.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("programs:batch_detail", pk=batch.pk)


@_reader
def handover_view(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        Delivery.objects.select_related("member__household", "commune__parent", "batch"), pk=pk
    )
    response = HttpResponse(handover_pdf(delivery), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-ban-giao-{delivery.serial}.pdf"'
    return response


@_reader
def c8_list(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"), 2016) or 2016
    district, status = request.GET.get("district", ""), request.GET.get("status", "")
    rows = selectors.c8_rows(year, district=district, status=status)
    if request.GET.get("export") == "xlsx":
        data = (
            (
                c.code,
                c.name,
                c.parent.name if c.parent else "",
                *(
                    ("Đạt" if getattr(a, f) else "Chưa đạt") if a else ""
                    for f in ("c81", "c82", "c83", "c84")
                ),
                a.get_status_display() if a else "Chưa đánh giá",
                a.note if a else "",
            )
            for c, a in rows
        )
        return _xlsx(
            ["Mã xã", "Xã", "Huyện", "8.1", "8.2", "8.3", "8.4", "Kết quả", "Ghi chú"],
            data,
            f"tieu-chi-8-{year}.xlsx",
        )
    from tinhso.sector.selectors import districts

    context = _ctx(
        request,
        rows=rows,
        year=year,
        summary=selectors.c8_summary(year),
        district=district,
        status=status,
        statuses=C8Status.choices,
        districts=districts(year),
    )
    return render(request, "programs/c8_list.html", context)


@_reader
def c8_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    commune = unit_valid_on(code, dt.date(year, 12, 31))
    if commune is None or commune.kind != UnitKind.COMMUNE:
        raise PermissionDenied("Tiêu chí số 8 chỉ áp dụng cho xã có hiệu lực trong năm.")
    assessment = selectors.c8_rows(year, district=commune.parent.code if commune.parent else "")
    current = next((a for c, a in assessment if c.code == code), None)
    initial = (
        {
            "c81": current.c81,
            "c82": current.c82,
            "c83": current.c83,
            "c84": current.c84,
            "note": current.note,
            "assessed_on": current.assessed_on,
        }
        if current
        else {}
    )
    form = C8Form(request.POST or None, initial=initial)
    evidence_form = EvidenceForm()
    if request.method == "POST":
        if not can_edit_programs(request.user):
            raise PermissionDenied("Chỉ cán bộ quản lý ngành được đánh giá Tiêu chí số 8.")
        if request.POST.get("form") == "evidence" and current is not None:
            evidence_form = EvidenceForm(request.POST, request.FILES)
            if evidence_form.is_valid():
                try:
                    c8_evidence_add(
                        actor=request.user,
                        assessment=current,
                        sub_criterion=evidence_form.cleaned_data["sub_criterion"],
                        note=evidence_form.cleaned_data["note"],
                        upload=evidence_form.cleaned_data["file"],
                    )
                except DomainError as exc:
                    evidence_form.add_error(None, exc.message)
                else:
                    messages.success(request, "Đã thêm minh chứng.")
                    return redirect("programs:c8_edit", code=code, year=year)
        elif form.is_valid():
            try:
                c8_assess(actor=request.user, commune=commune, year=year, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Đã lưu đánh giá Tiêu chí số 8 của {commune.name} năm {year}.")
                return redirect(reverse("programs:c8_list") + f"?year={year}")
    context = _ctx(
        request,
        commune=commune,
        year=year,
        form=form,
        evidence_form=evidence_form,
        assessment=current,
        today=timezone.localdate(),
    )
    return render(request, "programs/c8_edit.html", context)
