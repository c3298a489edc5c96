"""Public pages of the portal. Pages that later modules fill (procedures, news) say plainly that
nothing is published yet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tinhso.backoffice.views import is_staff_member
from tinhso.portal.selectors import DOSSIER_CODE, province_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"figures": province_figures()})


def procedures(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "portal/procedures.html", {"query": query, "procedures": []})


def tracking(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("ma", "").strip().upper()[:40]
    error = ""
    searched = False
    if "ma" in request.GET:
        if not code:
            error = _("Vui lòng nhập mã hồ sơ.")
        elif not DOSSIER_CODE.match(code):
            error = _("Mã hồ sơ không đúng định dạng, ví dụ: 000.00.15.H30-170120-0001.")
        else:
            searched = True
    return render(
        request,
        "portal/tracking.html",
        {"code": code, "error": error, "searched": searched, "dossier": None},
        status=400 if error else 200,
    )


def news(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/news.html", {"articles": []})


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/statistics.html", {"figures": province_figures()})


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    if is_staff_member(request.user):
        return redirect("backoffice:dashboard")
    return render(request, "portal/my_dossiers.html", {"dossiers": []})
