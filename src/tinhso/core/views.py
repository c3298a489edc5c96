"""Views of the platform as a whole (not of one app)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def language_choose(request: HttpRequest, code: str) -> HttpResponse:
    """``/ngon-ngu/<code>/?next=<path>``: the language switcher's links (docs/decisions/0006).

    A plain link, so that pages carry no form and no CSRF token for it and their header can be shared
    between visitors. It sets the preference cookie Django's ``set_language`` sets and goes back to
    ``next`` when that is a path on this site (otherwise to the home page). An unknown language is 404."""
    if code not in {c for c, _ in settings.LANGUAGES}:
        raise Http404("Ngôn ngữ không được hỗ trợ.")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
