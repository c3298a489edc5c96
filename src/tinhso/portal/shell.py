"""Busy public pages for visitors who have not signed in: the page around the content is kept rendered.

A portal page is a shell — ``base.html`` and ``portal/layout.html``: head, header, navigation, footer —
around its ``content`` block. For a visitor with no session and no pending message the shell depends only
on the page, its path and the language (the layout has no form, token or name for such a visitor: the
language switcher is links, docs/decisions/0006). ``render_public`` serves a page whose ``content`` block is
only ``{{ content }}``, the HTML the view built: it keeps the two halves of the shell in the per-process
"template_fragments" cache (a minute, like the layout's agency), so that a plain visitor's page is the kept
head, the content and the kept tail — no template rendered at all. A signed-in user, a visitor with a
session or a pending message, and every page whose shell would not split cleanly get the whole page
rendered.

On a miss the whole page is rendered as usual; the shell is kept only when the content occurs exactly once
in the page and the shell holds no CSRF token — so what a kept shell serves is what rendering would have
served (tests/onestop/test_tracking_html.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

SHELL_SECONDS = 60


def _plain_visitor(request: HttpRequest) -> bool:
    """No session and no pending message: not signed in, and nothing about them in the layout."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and request.method in ("GET", "HEAD")
    )


def render_public(
    request: HttpRequest, template_name: str, content: str, *, status: int = 200
) -> HttpResponse:
    """``render(request, template_name, {"content": content}, status=status)``, with the shell kept for
    plain visitors. The template's ``content`` block must be ``{{ content }}`` alone."""
    context = {"content": content}
    if not _plain_visitor(request):
        return render(request, template_name, context, status=status)
    fragments = caches["template_fragments"]
    key = f"portal-shell:{template_name}:{get_language()}:{request.path}"
    shell = fragments.get(key)
    if shell is None:
        page = render_to_string(template_name, context, request)
        if content and page.count(content) == 1 and "csrfmiddlewaretoken" not in page:
            head, _, tail = page.partition(content)
            fragments.set(key, (head, tail), SHELL_SECONDS)
        return HttpResponse(page, status=status)
    head, tail = shell
    return HttpResponse(head + content + tail, status=status)
