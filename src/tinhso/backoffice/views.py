"""The back office: the dashboard of a staff member, and the redirect to each user's home page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tinhso.accounts.models import User, UserKind
from tinhso.backoffice.panels import panels_for
from tinhso.org.models import StaffRole


def is_staff_member(user: Any) -> bool:
    return isinstance(user, User) and user.is_active and (user.kind == UserKind.STAFF or user.is_superuser)


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only: others are sent to sign in, or refused with 403."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def active_roles(user: User) -> list[StaffRole]:
    return list(
        StaffRole.objects.filter(user=user, is_active=True)
        .select_related("agency", "agency__parent")
        .order_by("agency__order", "agency__code", "role")
    )


@login_required
def home_redirect(request: HttpRequest) -> HttpResponse:
    """/trang-cua-toi/: staff to the back-office dashboard, citizens and businesses to their dossiers."""
    if is_staff_member(request.user):
        return redirect("backoffice:dashboard")
    return redirect("onestop_public:mine")


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    roles = active_roles(user)
    return render(
        request,
        "backoffice/dashboard.html",
        {"roles": roles, "panels": panels_for(roles, is_superuser=user.is_superuser)},
    )
