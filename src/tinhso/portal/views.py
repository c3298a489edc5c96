"""Public pages of the portal. Pages that later modules fill (news) say plainly that nothing is
published yet; the procedure directory and tracking live in the catalog and onestop apps."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from tinhso.portal.selectors import province_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"figures": province_figures()})


def procedures(request: HttpRequest) -> HttpResponse:
    """Old address of the directory: keep the query and go to the catalogue."""
    return _redirect_with_query("catalog:directory", request)


def tracking(request: HttpRequest) -> HttpResponse:
    """Old address of public tracking: keep the code and go to the tracking page."""
    return _redirect_with_query("onestop_public:track", request)


def _redirect_with_query(name: str, request: HttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(reverse(name) + (f"?{query}" if query else ""))


def news(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/news.html", {"articles": []})


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/statistics.html", {"figures": province_figures()})


def my_dossiers(request: HttpRequest) -> HttpResponse:
    return redirect("onestop_public:mine")
