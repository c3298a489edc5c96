"""The project's URLs plus ``/bench/bare-track/``: a bare Django view doing the tracking query only."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tinhso.config.urls import urlpatterns as project_urls
from tinhso.onestop.selectors import dossier_for_tracking


def bare_track(request: HttpRequest) -> HttpResponse:
    dossier = dossier_for_tracking(code=request.GET.get("ma", ""), secret=request.GET.get("mk", ""))
    if dossier is None:
        return HttpResponse("Không tìm thấy hồ sơ.", status=404, content_type="text/plain; charset=utf-8")
    return HttpResponse(
        f"{dossier.code} {dossier.get_status_display()} {dossier.procedure.name}",
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [path("bench/bare-track/", bare_track), *project_urls]
