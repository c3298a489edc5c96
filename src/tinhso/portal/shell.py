"""Busy public pages for visitors who have not signed in: the page around the content is kept rendered.

A portal page is a shell — ``base.html`` and ``portal/layout.html``: head, header, navigation, footer —
around its ``content`` block. For a visitor with no session and no pending message the shell depends only
on the page, its path and the language (the layout has no form, token or name for such a visitor: the
language switcher is links, docs/decisions/0006). ``render_public`` keeps the two halves of the shell in the
per-process "template_fragments" cache (a minute, like the layout's agency) and renders only the content
block for each request — a fraction of the page's template work. A signed-in user, a visitor with a session
or a pending message, and every page whose shell would not split cleanly get the whole page rendered.

On a miss the whole page is rendered as usual and the content block alone beside it; the shell is kept only
when the block's output occurs exactly once in the page and the shell holds no CSRF token — so what a kept
shell serves is what rendering would have served.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import Context, Template
from django.template.loader import get_template, render_to_string
from django.template.loader_tags import BlockNode, ExtendsNode
from django.utils.translation import get_language

SHELL_SECONDS = 60
_CONTENT = "content"


def _content_block(template_name: str) -> tuple[Template, BlockNode] | None:
    """The page's template and its own ``content`` block (the template must extend the layout)."""
    template = get_template(template_name).template  # type: ignore[attr-defined]
    for node in template.nodelist:
        if isinstance(node, ExtendsNode):
            block = node.blocks.get(_CONTENT)
            return (template, block) if isinstance(block, BlockNode) else None
    return None


def _render_block(template: Template, block: BlockNode, context: dict[str, Any]) -> str:
    """The block alone, with ``context`` and no context processors, as ``Template.render`` would run it."""
    plain = Context(context, autoescape=template.engine.autoescape)
    with plain.render_context.push_state(template), plain.bind_template(template):
        return str(block.nodelist.render(plain))


def _plain_visitor(request: HttpRequest) -> bool:
    """No session and no pending message: not signed in, and nothing about them in the layout."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and request.method in ("GET", "HEAD")
    )


def render_public(
    request: HttpRequest, template_name: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """``render(request, template_name, context, status=status)``, with the shell kept for plain visitors.

    The content block is rendered with ``context`` alone (no context processors): it must not use
    ``request``, ``user`` or the site variables — a block that does would not match on the first render
    and its page is then always rendered whole."""
    if not _plain_visitor(request):
        return render(request, template_name, context, status=status)
    found = _content_block(template_name)
    if found is None:
        return render(request, template_name, context, status=status)
    fragments = caches["template_fragments"]
    key = f"portal-shell:{template_name}:{get_language()}:{request.path}"
    content = _render_block(*found, context)
    shell = fragments.get(key)
    if shell is None:
        page = render_to_string(template_name, context, request)
        if content and page.count(content) == 1 and "csrfmiddlewaretoken" not in page:
            head, _, tail = page.partition(content)
            fragments.set(key, (head, tail), SHELL_SECONDS)
        return HttpResponse(page, status=status)
    head, tail = shell
    return HttpResponse(head + content + tail, status=status)
