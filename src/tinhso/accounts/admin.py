"""Django admin for users and the sign-in log, in Vietnamese."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from tinhso.accounts.models import LoginAttempt, User


class UserChange(UserChangeForm):
    class Meta(UserChangeForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = "__all__"


class UserCreation(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "full_name", "kind", "email", "phone")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChange
    add_form = UserCreation
    list_display = ("username", "full_name", "kind", "email", "phone", "is_active", "is_staff", "date_joined")
    list_filter = ("kind", "is_active", "is_staff", "is_superuser", "date_joined")
    search_fields = ("username", "full_name", "email", "phone", "citizen_id", "tax_code", "organization_name")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Thông tin cá nhân"),
            {"fields": ("full_name", "kind", "email", "phone", "citizen_id", "address")},
        ),
        (_("Doanh nghiệp, tổ chức"), {"fields": ("organization_name", "tax_code")}),
        (_("Quyền hạn"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "kind",
                    "email",
                    "phone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ("at", "identifier", "ip", "success", "user")
    list_filter = ("success", "at")
    search_fields = ("identifier", "ip")
    date_hierarchy = "at"
    readonly_fields = ("at", "identifier", "ip", "success", "user")

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False
