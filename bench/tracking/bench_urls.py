"""The project's URLs plus two baselines for the tracking benchmark (benchmarks only):

- ``/bench/bare-track/``: a bare Django view doing the tracking page's query
  (``onestop.selectors.dossier_tracking``: the dossier with its public milestones, one query) and
  returning plain text — what the page costs without its template, form and throttle;
- ``/bench/noop/``: a view that touches nothing — the ceiling of this server, middleware included.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tinhso.config.urls import urlpatterns as project_urls
from tinhso.onestop.selectors import dossier_tracking


def bare_track(request: HttpRequest) -> HttpResponse:
    dossier = dossier_tracking(code=request.GET.get("ma", ""), secret=request.GET.get("mk", ""))
    if dossier is None:
        return HttpResponse("Không tìm thấy hồ sơ.", status=404, content_type="text/plain; charset=utf-8")
    return HttpResponse(
        f"{dossier.code} {dossier.status_label} {dossier.procedure_name} {len(dossier.events)}",
        content_type="text/plain; charset=utf-8",
    )


def noop(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare-track/", bare_track), path("bench/noop/", noop), *project_urls]
