from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.8734 → "87,3%"; None → "—"."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, decimal_pos=1, use_l10n=True)}%"
