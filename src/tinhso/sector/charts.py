"""SVG charts and the district map, rendered on the server (no JavaScript, no external assets).

``bar_chart`` draws labelled bars; ``choropleth`` projects the GeoJSON district boundaries from
longitude/latitude to SVG paths (equirectangular, longitude scaled by cos(mean latitude)) and colours
each district by its value in up to five classes (fewer when the values are too close to tell apart).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# sequential blues, light → dark (contrast with white text checked for the two darkest)
PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#e5e5e5"


def fmt(value: int | float | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return str(number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True))


TITLE_SIZE = 18
LINE = 22


def wrap_title(title: str, width: float, size: int = TITLE_SIZE) -> list[str]:
    """``title`` broken at spaces into lines that fit ``width`` (bold glyphs ≈ 0.6 × the font size)."""
    per_line = max(10, int(width / (size * 0.6)))
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _title_svg(title: str, width: float) -> tuple[str, int]:
    """The title as SVG text lines, and the height they take."""
    lines = wrap_title(title, width)
    text = "".join(
        f'<text x="0" y="{TITLE_SIZE + i * LINE}" font-size="{TITLE_SIZE}" font-weight="bold" class="title">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    )
    return text, TITLE_SIZE + (len(lines) - 1) * LINE + 14


def bar_chart(
    items: Sequence[tuple[str, int | float | Decimal]],
    *,
    title: str,
    width: int = 540,
    bar_height: int = 28,
    decimals: int = 0,
    color: str = "#3182bd",
) -> SafeString:
    """Horizontal bars, one per (label, value), values printed at the end of each bar. Text is large in
    SVG units because the chart is drawn at half its width in a card, and smaller still on a phone."""
    label_w, pad = 215, 8
    heading, top = _title_svg(title, width)
    height = top + len(items) * (bar_height + pad) + pad
    peak = max((float(v) for _, v in items), default=0.0) or 1.0
    plot_w = width - label_w - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        heading,
    ]
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_height + pad)
        w = max(1.0, plot_w * float(value) / peak) if value else 0.0
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.1f}" font-size="16" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{color}">'
            f"<title>{escape(label)}: {fmt(value, decimals)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="16">'
            f"{fmt(value, decimals)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def column_chart(
    items: Sequence[tuple[str, int | float | Decimal]],
    *,
    title: str,
    width: int = 420,
    height: int = 240,
    decimals: int = 0,
    color: str = "#08519c",
) -> SafeString:
    """Vertical columns (e.g. one per year)."""
    bottom, left = 30, 10
    heading, top = _title_svg(title, width)
    height += top - 34
    n = max(1, len(items))
    slot = (width - left * 2) / n
    peak = max((float(v) for _, v in items), default=0.0) or 1.0
    plot_h = height - top - bottom - 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        heading,
    ]
    for i, (label, value) in enumerate(items):
        h = plot_h * float(value) / peak if value else 0.0
        x = left + i * slot + slot * 0.2
        y = height - bottom - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{h:.1f}" fill="{color}">'
            f"<title>{escape(label)}: {fmt(value, decimals)}</title></rect>"
            f'<text x="{x + slot * 0.3:.1f}" y="{y - 6:.1f}" font-size="15" text-anchor="middle">'
            f"{fmt(value, decimals)}</text>"
            f'<text x="{x + slot * 0.3:.1f}" y="{height - 8}" font-size="16" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def classes(values: Sequence[float], decimals: int = 0) -> list[float]:
    """Upper bounds of up to five equal-interval classes between the smallest and largest value.

    Bounds are rounded to the ``decimals`` the legend prints, and classes whose printed bounds would
    be equal are merged: values that all print the same give one class, two distinct printed values
    at most two, so the legend never repeats a range like "96,09 – 96,09"."""
    if not values:
        return []
    lo, hi = min(values), max(values)
    distinct = len({round(v, decimals) for v in values})
    n = max(1, min(len(PALETTE), distinct))
    if n == 1 or round(hi, decimals) == round(lo, decimals):
        return [hi]
    step = (hi - lo) / n
    bounds: list[float] = []
    for candidate in [round(lo + step * i, decimals) for i in range(1, n)] + [hi]:
        floor = round(bounds[-1] if bounds else lo, decimals)
        if round(candidate, decimals) > floor:
            bounds.append(candidate)
        elif candidate == hi and bounds:
            bounds[-1] = hi  # the top class always ends at the largest value
    return bounds or [hi]


def palette_for(count: int) -> list[str]:
    """``count`` colours spread over the palette from light to dark (one class: the middle blue)."""
    if count <= 1:
        return [PALETTE[len(PALETTE) // 2]]
    last = len(PALETTE) - 1
    return [PALETTE[round(i * last / (count - 1))] for i in range(count)]


def colour_for(value: float | None, bounds: list[float]) -> str:
    if value is None or not bounds:
        return NO_DATA
    colours = palette_for(len(bounds))
    for colour, bound in zip(colours, bounds, strict=True):
        if value <= bound + 1e-9:
            return colour
    return colours[-1]


def choropleth(
    geometries: dict[str, dict[str, Any]],
    values: dict[str, float | Decimal | int | None],
    names: dict[str, str],
    *,
    title: str,
    width: int = 520,
    decimals: int = 0,
    links: dict[str, str] | None = None,
) -> SafeString:
    """A map of the districts (``geometries`` by code) coloured by ``values`` (by code), with a legend."""
    points = [pt for g in geometries.values() for ring in _rings(g) for pt in ring]
    if not points:
        return mark_safe("")
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x, span_y = (max_lon - min_lon) * kx, max_lat - min_lat
    map_w = width - 20
    scale = map_w / span_x
    map_h = span_y * scale
    numeric = {k: float(v) for k, v in values.items() if v is not None}
    bounds = classes(list(numeric.values()), decimals)
    heading, top = _title_svg(title, width)
    row = 30
    legend_h = row * max(1, len(bounds)) + 44
    height = int(top + map_h + 20 + legend_h)

    def project(pt: list[float]) -> str:
        x = 10 + (pt[0] - min_lon) * kx * scale
        y = top + (max_lat - pt[1]) * scale
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="map">',
        f"<title>{escape(title)}</title>",
        heading,
    ]
    for code, geometry in sorted(geometries.items()):
        d = " ".join("M" + " L".join(project(pt) for pt in ring) + " Z" for ring in _rings(geometry))
        value = numeric.get(code)
        label = f"{names.get(code, code)}: {fmt(values.get(code), decimals)}"
        path = (
            f'<path d="{d}" fill="{colour_for(value, bounds)}" stroke="#333" stroke-width="0.8" '
            f'data-code="{escape(code)}"><title>{escape(label)}</title></path>'
        )
        if links and code in links:
            path = f'<a href="{escape(links[code])}">{path}</a>'
        parts.append(path)
    y0 = top + map_h + 36
    parts.append(f'<text x="10" y="{y0:.0f}" font-size="17" font-weight="bold">Chú giải</text>')
    lower = min(numeric.values()) if numeric else 0.0
    for i, (colour, bound) in enumerate(zip(palette_for(len(bounds)), bounds, strict=True)):
        y = y0 + 12 + i * row
        text = (
            fmt(bound, decimals)
            if i == 0 and fmt(lower, decimals) == fmt(bound, decimals)
            else (f"{fmt(lower, decimals)} – {fmt(bound, decimals)}")
        )
        parts.append(
            f'<rect x="10" y="{y:.0f}" width="30" height="22" fill="{colour}" stroke="#333" '
            f'stroke-width="0.5"/><text x="50" y="{y + 17:.0f}" font-size="18" class="legend">'
            f"{text}</text>"
        )
        lower = bound
    if not numeric:
        parts.append(
            f'<rect x="10" y="{y0 + 12:.0f}" width="30" height="22" fill="{NO_DATA}" stroke="#333" '
            f'stroke-width="0.5"/><text x="50" y="{y0 + 29:.0f}" font-size="18">Chưa có số liệu</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
