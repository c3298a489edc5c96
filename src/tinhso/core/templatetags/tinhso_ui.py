"""Template helpers of the UI shell: navigation state, accessible form fields, money."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, url_name: str, label: str, exact: bool = False) -> SafeString:
    """``<a href=… aria-current="page">label</a>``: current when the path is the link or below it."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return format_html("")
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path == url or (not exact and url != "/" and path.startswith(url))
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.inclusion_tag("includes/form_field.html")
def form_field(field: BoundField, **attrs: Any) -> dict[str, Any]:
    """A labelled field with its help text and errors tied to it by ``aria-describedby``."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    widget_attrs: dict[str, Any] = dict(attrs)
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        widget_attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "widget": field.as_widget(attrs=widget_attrs),
        "is_check": field.widget_type == "checkbox",
    }


@register.filter
def dong(value: Any) -> str:
    """64000000 → '64.000.000 đồng' (grouped by the active locale)."""
    if value is None or value == "":
        return ""
    return _("%(amount)s đồng") % {"amount": number_format(value, decimal_pos=0, force_grouping=True)}


@register.simple_tag(takes_context=True)
def backoffice_nav(context: template.Context) -> list[Any]:
    """The side navigation sections for the signed-in staff member (by their active roles)."""
    from tinhso.backoffice.navigation import nav_for
    from tinhso.org.models import StaffRole

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = StaffRole.objects.filter(user=user, is_active=True).values_list("role", flat=True)
    return nav_for(roles=list(roles), is_superuser=user.is_superuser)
