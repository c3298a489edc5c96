"""Pages of the accounts app: sign in and out, register, profile, password. Thin: forms check the
shape, services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tinhso.accounts import services
from tinhso.accounts.forms import (
    BusinessRegisterForm,
    CitizenRegisterForm,
    ContactPasswordForm,
    PasswordChangeForm,
    ProfileForm,
    SignInForm,
)
from tinhso.accounts.models import User, UserKind
from tinhso.core.errors import DomainError

# Which form field a service error belongs to (by its code); others are shown above the form.
_ERROR_FIELDS = {
    "email_invalid": "email",
    "email_taken": "email",
    "phone_invalid": "phone",
    "phone_taken": "phone",
    "citizen_id_invalid": "citizen_id",
    "citizen_id_taken": "citizen_id",
    "tax_code_invalid": "tax_code",
    "password_invalid": "password1",
    "full_name_required": "full_name",
    "organization_required": "organization_name",
    "old_password_wrong": "old_password",
    "password_same": "new_password1",
}


def _add_error(form: forms.Form, exc: DomainError, *, password_field: str = "password1") -> None:  # noqa: S107
    field = _ERROR_FIELDS.get(exc.code)
    if exc.code == "password_invalid":
        field = password_field
    form.add_error(field if field in form.fields else None, exc.message)


def layout_for(user: object) -> str:
    """Staff pages use the back-office layout; citizens and businesses the portal layout."""
    if isinstance(user, User) and (user.kind == UserKind.STAFF or user.is_superuser):
        return "backoffice/layout.html"
    return "portal/layout.html"


def _next_url(request: HttpRequest) -> str | None:
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return None


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method != "POST":
        return redirect(_next_url(request) or "home")
    status = 200
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_sign_in(
                request=request,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
            )
        except services.LoginThrottled as exc:
            form.add_error(None, exc.message)
            status = exc.status
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(_next_url(request) or "home")
    elif request.method == "POST":
        status = 400
    return render(
        request, "accounts/login.html", {"form": form, "next": _next_url(request) or ""}, status=status
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    services.user_sign_out(request=request)
    messages.info(request, _("Bạn đã đăng xuất."))
    return redirect("portal:home")


def _register(request: HttpRequest, *, kind: str) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form_class: type[ContactPasswordForm] = (
        CitizenRegisterForm if kind == UserKind.CITIZEN else BusinessRegisterForm
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == UserKind.CITIZEN:
                user = services.citizen_register(
                    full_name=data["full_name"],
                    citizen_id=data["citizen_id"],
                    password=data["password1"],
                    email=data["email"] or None,
                    phone=data["phone"] or None,
                    address=data["address"],
                )
            else:
                user = services.business_register(
                    organization_name=data["organization_name"],
                    tax_code=data["tax_code"],
                    full_name=data["full_name"],
                    password=data["password1"],
                    email=data["email"] or None,
                    phone=data["phone"] or None,
                    address=data["address"],
                )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            login(request, user, backend=services.BACKEND)
            messages.success(request, _("Đăng ký thành công. Chào mừng %(name)s!") % {"name": user.full_name})
            return redirect("home")
    return render(
        request, "accounts/register.html", {"form": form, "kind": kind}, status=400 if form.errors else 200
    )


@sensitive_post_parameters("password1", "password2")
@never_cache
def register_citizen(request: HttpRequest) -> HttpResponse:
    return _register(request, kind=UserKind.CITIZEN)


@sensitive_post_parameters("password1", "password2")
@never_cache
def register_business(request: HttpRequest) -> HttpResponse:
    return _register(request, kind=UserKind.BUSINESS)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    is_business = user.kind == UserKind.BUSINESS
    initial = {
        "full_name": user.full_name,
        "organization_name": user.organization_name,
        "email": user.email or "",
        "phone": user.phone or "",
        "address": user.address,
    }
    form = ProfileForm(request.POST or None, initial=initial, show_organization=is_business)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update_profile(
                actor=user,
                user=user,
                full_name=data["full_name"],
                email=data["email"] or None,
                phone=data["phone"] or None,
                address=data["address"],
                organization_name=data.get("organization_name") if is_business else None,
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            return redirect("accounts:profile")
    roles = []
    if user.kind == UserKind.STAFF:
        roles = list(
            user.staff_roles.filter(is_active=True).select_related("agency").order_by("agency__order")
        )  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "layout": layout_for(user), "profile_user": user, "roles": roles},
        status=400 if form.errors else 200,
    )


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.user_change_password(
                actor=user,
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except DomainError as exc:
            _add_error(form, exc, password_field="new_password1")
        else:
            update_session_auth_hash(request, changed)
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "layout": layout_for(user)},
        status=400 if form.errors else 200,
    )
