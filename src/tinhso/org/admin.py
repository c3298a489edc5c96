"""Django admin (Vietnamese) for agencies and staff roles. Saves go through ``org.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from tinhso.core.errors import DomainError
from tinhso.org.models import Agency, StaffRole
from tinhso.org.services import (
    AGENCY_CODE_RE,
    agency_create,
    agency_update,
    staff_role_grant,
    staff_role_revoke,
    staff_role_update_title,
    validate_agency_parent,
)

_EDITABLE = (
    "name",
    "short_name",
    "symbol",
    "kind",
    "parent",
    "unit",
    "address",
    "phone",
    "email",
    "is_active",
    "order",
)


class StaffRoleInline(admin.TabularInline):
    """Who works in this agency (read only here; roles are granted in “Vai trò cán bộ”)."""

    model = StaffRole
    extra = 0
    fields = ("user", "role", "title", "is_active")
    readonly_fields = ("user", "role", "title", "is_active")
    can_delete = False
    verbose_name_plural = "cán bộ thuộc cơ quan, đơn vị"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ChildAgencyInline(admin.TabularInline):
    model = Agency
    fk_name = "parent"
    extra = 0
    fields = ("code", "name", "kind", "is_active")
    readonly_fields = ("code", "name", "kind", "is_active")
    can_delete = False
    show_change_link = True
    verbose_name_plural = "đơn vị trực thuộc"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ("code", *_EDITABLE)

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not AGENCY_CODE_RE.match(code):
            raise forms.ValidationError("Mã định danh không đúng dạng QCVN 102:2016, ví dụ 000.00.15.H30.")
        return code

    def clean_parent(self) -> Agency | None:
        parent: Agency | None = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk:
            try:
                validate_agency_parent(self.instance.pk, parent)
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from exc
        return parent


class StaffRoleForm(forms.ModelForm):
    class Meta:
        model = StaffRole
        fields = ("user", "agency", "role", "title")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        user = data.get("user")
        if not self.instance.pk and user is not None and user.kind != "staff":
            raise forms.ValidationError("Chỉ tài khoản cán bộ, công chức mới được giao vai trò.")
        return data


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ("code", "hierarchy", "kind", "unit", "is_active", "order")
    list_filter = ("kind", "is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("code", "name", "short_name", "symbol")
    list_select_related = ("unit",)
    ordering = ("code",)
    autocomplete_fields = ("parent", "unit")
    inlines = (ChildAgencyInline, StaffRoleInline)
    fields = ("code", *_EDITABLE)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj else ()

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        # One query for the whole tree, used by ``hierarchy`` on every row.
        self._names = {
            pk: (name, parent) for pk, name, parent in Agency.objects.values_list("id", "name", "parent_id")
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="cơ quan, đơn vị (theo cấp)")
    def hierarchy(self, obj: Agency) -> str:
        names = getattr(self, "_names", {})
        path: list[str] = []
        current: int | None = obj.parent_id
        while current is not None and current in names and len(path) < 10:
            name, current = names[current]
            path.append(name)
        return " › ".join([*reversed(path), obj.name])

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in _EDITABLE if name in form.cleaned_data}
        if change:
            agency_update(actor=request.user, agency=obj, **data)
        else:
            created = agency_create(actor=request.user, code=form.cleaned_data["code"], **data)
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Agencies are referenced by dossiers and documents forever: deactivate instead.
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Both inlines are read only: nothing to save (the change message still reads these lists).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    form = StaffRoleForm
    list_display = ("user", "role", "agency", "title", "is_active")
    list_filter = ("role", "is_active", ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__full_name", "user__username", "agency__name", "agency__code", "title")
    list_select_related = ("user", "agency")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("user",)
    actions = ("revoke_selected",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("user", "agency", "role", "is_active") if obj else ("is_active",)

    fields = ("user", "agency", "role", "title", "is_active")

    def save_model(self, request: HttpRequest, obj: StaffRole, form: Any, change: bool) -> None:
        if change:
            staff_role_update_title(actor=request.user, staff_role=obj, title=obj.title)
        else:
            granted = staff_role_grant(
                actor=request.user, user=obj.user, agency=obj.agency, role=obj.role, title=obj.title
            )
            obj.pk = granted.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Thu hồi các vai trò đã chọn")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[StaffRole]) -> None:
        done = 0
        for staff_role in queryset.filter(is_active=True):
            staff_role_revoke(actor=request.user, staff_role=staff_role, reason="Thu hồi trên trang quản trị")
            done += 1
        self.message_user(request, f"Đã thu hồi {done} vai trò.", messages.SUCCESS)
