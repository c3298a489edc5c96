"""Public pages of the portal. The procedure directory and tracking live in the catalog and onestop
apps, the news in the news app (``tinhso.news.views_public``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from tinhso.news import views_public as news_views
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
    """The published articles of the portal (``tinhso.news``): search, category, pages."""
    return news_views.article_list(request)


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/statistics.html", {"figures": province_figures()})


def my_dossiers(request: HttpRequest) -> HttpResponse:
    return redirect("onestop_public:mine")
