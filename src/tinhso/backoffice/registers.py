"""Back-office pages of a register — list with filters and search, create, edit, Excel export — built
from a description of the register. Used by the ``activities``, ``inspections`` and ``emulation`` apps.

Views stay thin: the filter form feeds the register's selector, the edit form's cleaned data goes to the
register's create/update service, a domain error becomes a form error. Reading needs one of the
policy's read roles, writing one of its edit roles; others get 403."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from tinhso.backoffice.access import Policy, RegisterWrites
from tinhso.core.errors import DomainError
from tinhso.core.vntext import matches

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DATETIME_WIDGET = forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"})


def group(n: int) -> str:
    """``30429`` → ``"30.429"``."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], Any]
    kind: str = "text"  # text | date | datetime | int | money

    def display(self, obj: Any) -> str:
        v = self.value(obj)
        if v is None or v == "":
            return "—"
        if self.kind == "date":
            return v.strftime("%d/%m/%Y")
        if self.kind == "datetime":
            return timezone.localtime(v).strftime("%H:%M %d/%m/%Y")
        if self.kind == "int":
            return group(int(v))
        if self.kind == "money":
            return f"{group(int(v))} đồng"
        return str(v)

    def cell(self, obj: Any) -> Any:
        v = self.value(obj)
        if self.kind == "datetime" and v is not None:
            return timezone.localtime(v).replace(tzinfo=None)
        return v


def col(label: str, attr: str, kind: str = "text") -> Column:
    """A column reading ``attr`` (dotted; ``get_x_display`` for choices)."""

    def get(obj: Any) -> Any:
        value = obj
        for part in attr.split("."):
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value):
                value = value()
        return value

    return Column(label, get, kind)


class YearFilterForm(forms.Form):
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100)


@dataclass
class Register:
    slug: str  # URL segment, e.g. "cuoc-thanh-tra"
    name: str  # URL name prefix, e.g. "inspection"
    title: str  # "Cuộc thanh tra, kiểm tra"
    singular: str  # "cuộc thanh tra, kiểm tra"
    model: type[models.Model]
    policy: Policy
    form_class: type[forms.Form]
    columns: Sequence[Column]
    selector: Callable[..., Any]
    create: Callable[..., Any] | None
    update: Callable[..., Any] | None
    filter_form: type[forms.Form] = YearFilterForm
    search: Callable[[Any], str] = str
    edit_initial: Callable[[Any], dict[str, Any]] | None = None
    detail_url: Callable[[Any], str] | None = None
    extra_links: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, url name)
    export_sheet: str = ""
    edit_form: type[forms.Form] | None = None

    def url(self, app: str, action: str, *args: Any) -> str:
        return reverse(f"{app}:{self.name}_{action}", args=args)


def register_for(
    writes: RegisterWrites[Any],
    *,
    create: Callable[..., Any] | None = None,
    update: Callable[..., Any] | None = None,
    form_class: type[forms.Form] | None = None,
    querysets: dict[str, Any] | None = None,
    **options: Any,
) -> Register:
    """The register of the records that ``writes`` creates and updates: its model and policy, a form
    of its writable fields (``querysets`` limit the choices of foreign keys), ``writes.create`` and
    ``writes.update`` unless the app gives its own services."""
    model = writes.model
    return Register(
        model=model,
        policy=writes.policy,
        form_class=form_class
        or model_form(model, writes.fields, name=f"{model.__name__}Form", querysets=querysets),
        create=create or writes.create,
        update=update or writes.update,
        **options,
    )


def _filters(reg: Register, request: HttpRequest) -> tuple[forms.Form, dict[str, Any], str]:
    form = reg.filter_form(request.GET or None)
    params: dict[str, Any] = {}
    q = ""
    if form.is_bound and form.is_valid():
        for k, v in form.cleaned_data.items():
            if k == "q":
                q = v or ""
            elif v not in (None, ""):
                params[k] = v.pk if isinstance(v, models.Model) else v
    return form, params, q


def _rows(reg: Register, request: HttpRequest) -> tuple[forms.Form, list[Any]]:
    form, params, q = _filters(reg, request)
    rows = list(reg.selector(**params))
    if q:
        rows = [r for r in rows if matches(q, reg.search(r))]
    return form, rows


def _can_read(reg: Register, request: HttpRequest) -> None:
    if not reg.policy.can_read(request.user):
        raise PermissionDenied(f"Bạn không có quyền xem {reg.policy.label}.")


def _can_edit(reg: Register, request: HttpRequest) -> None:
    if not reg.policy.can_edit(request.user):
        raise PermissionDenied(f"Bạn không có quyền cập nhật {reg.policy.label}.")


def list_view(reg: Register, app: str) -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        _can_read(reg, request)
        if request.GET.get("export") == "xlsx":
            return export_response(reg, request)
        form, rows = _rows(reg, request)
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        can_edit = reg.policy.can_edit(request.user)
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        table = [
            {
                "cells": [(c.label, c.display(obj)) for c in reg.columns],
                "edit": reg.url(app, "edit", obj.pk) if can_edit and reg.update else None,
                "detail": reg.detail_url(obj) if reg.detail_url else None,
            }
            for obj in page
        ]
        return render(
            request,
            "registers/list.html",
            {
                "reg": reg,
                "form": form,
                "page": page,
                "table": table,
                "count": len(rows),
                "headers": [c.label for c in reg.columns],
                "can_edit": can_edit and reg.create is not None,
                "create_url": reg.url(app, "create") if reg.create else None,
                "query": query.urlencode(),
                "links": [(label, reverse(name)) for label, name in reg.extra_links],
            },
        )

    return view


def _form_to_service(reg: Register, form: forms.Form) -> dict[str, Any]:
    return dict(form.cleaned_data)


def create_view(reg: Register, app: str) -> Callable[[HttpRequest], HttpResponse]:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        _can_edit(reg, request)
        assert reg.create is not None
        form = reg.form_class(request.POST or None, initial=request.GET.dict() or None)
        if request.method == "POST" and form.is_valid():
            try:
                obj = reg.create(actor=request.user, **_form_to_service(reg, form))
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                from django.contrib import messages

                messages.success(request, f"Đã thêm {reg.singular}.")
                return redirect(reg.detail_url(obj) if reg.detail_url else reg.url(app, "list"))
        return render(
            request,
            "registers/form.html",
            {
                "reg": reg,
                "form": form,
                "title": f"Thêm {reg.singular}",
                "back": reg.url(app, "list"),
            },
        )

    return view


def edit_view(reg: Register, app: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        _can_edit(reg, request)
        assert reg.update is not None
        obj = reg.model._default_manager.filter(pk=pk).first()
        if obj is None:
            raise Http404(f"Không tìm thấy {reg.singular}.")
        form_class = reg.edit_form or reg.form_class
        initial = (
            reg.edit_initial(obj)
            if reg.edit_initial
            else {name: getattr(obj, name) for name in form_class.base_fields}
        )
        form = form_class(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            changes = {k: v for k, v in _form_to_service(reg, form).items() if k in form.changed_data}
            try:
                reg.update(actor=request.user, obj=obj, changes=changes)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                from django.contrib import messages

                messages.success(request, f"Đã lưu {reg.singular}.")
                return redirect(reg.detail_url(obj) if reg.detail_url else reg.url(app, "list"))
        return render(
            request,
            "registers/form.html",
            {
                "reg": reg,
                "form": form,
                "title": f"Sửa {reg.singular}",
                "obj": obj,
                "back": reg.url(app, "list"),
            },
        )

    return view


def export_workbook(reg: Register, rows: Sequence[Any]) -> bytes:
    """The rows as an .xlsx workbook: a title line, the header, one line per row; dates as dates,
    numbers and money as numbers with thousands grouping."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = (reg.export_sheet or reg.title)[:31]
    ws.append([f"{reg.title} — xuất ngày {timezone.localdate():%d/%m/%Y}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([c.label for c in reg.columns])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    formats = {"date": "DD/MM/YYYY", "datetime": "HH:MM DD/MM/YYYY", "int": "#,##0", "money": "#,##0"}
    for obj in rows:
        ws.append([c.cell(obj) for c in reg.columns])
        row = ws.max_row
        for i, c in enumerate(reg.columns, start=1):
            if c.kind in formats:
                ws.cell(row=row, column=i).number_format = formats[c.kind]
    for i, c in enumerate(reg.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(60, len(c.label) + 6))
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_response(reg: Register, request: HttpRequest) -> HttpResponse:
    _, rows = _rows(reg, request)
    response = HttpResponse(
        export_workbook(reg, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = dt.date.today().strftime("%Y%m%d")  # noqa: DTZ011 - a file name only
    response["Content-Disposition"] = f'attachment; filename="{reg.name}-{stamp}.xlsx"'
    return response


def register_urls(registers: Sequence[Register], app: str) -> list[URLPattern]:
    patterns: list[URLPattern] = []
    for reg in registers:
        patterns.append(path(f"{reg.slug}/", list_view(reg, app), name=f"{reg.name}_list"))
        if reg.create is not None:
            patterns.append(path(f"{reg.slug}/them/", create_view(reg, app), name=f"{reg.name}_create"))
        if reg.update is not None:
            patterns.append(path(f"{reg.slug}/<int:pk>/sua/", edit_view(reg, app), name=f"{reg.name}_edit"))
    return patterns


def model_form(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    name: str,
    querysets: dict[str, Any] | None = None,
    labels: dict[str, str] | None = None,
    required: Sequence[str] = (),
    extra: dict[str, forms.Field] | None = None,
) -> type[forms.Form]:
    """A plain form with the model's fields (no model validation: the services validate), dates as
    dd/mm/yyyy, numbers with thousands separators accepted."""
    widgets: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.name in fields and isinstance(f, models.DateTimeField):
            widgets[f.name] = DATETIME_WIDGET
        elif f.name in fields and isinstance(f, models.DateField):
            widgets[f.name] = DATE_WIDGET
        elif f.name in fields and isinstance(f, models.TextField):
            widgets[f.name] = forms.Textarea(attrs={"rows": 3})
    localized = [f for f in fields if "year" not in f]  # years stay 2016, not 2.016
    base = forms.fields_for_model(
        model, fields=list(fields), widgets=widgets, localized_fields=localized, labels=labels
    )
    for fname, qs in (querysets or {}).items():
        field_obj = base[fname]
        assert isinstance(field_obj, forms.ModelChoiceField)
        field_obj.queryset = qs
    for fname in required:
        base[fname].required = True
    for fld in base.values():
        if fld is not None and fld.label:
            fld.label = fld.label[0].upper() + fld.label[1:]
    attrs: dict[str, Any] = {k: v for k, v in base.items() if v is not None}
    attrs.update(extra or {})
    return type(name, (forms.Form,), attrs)
