"""The II.06a chart: one stacked horizontal bar per domain (or agency), SVG rendered on the server."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tinhso.reports.ii06a import Counts

# (field, label, colour): colours distinguishable in grey scale too, dark text legible on each.
SEGMENTS = (
    ("early", "Trước hạn", "#1a9850"),
    ("on_time", "Đúng hạn", "#91cf60"),
    ("late", "Quá hạn", "#d73027"),
    ("withdrawn_stopped", "Rút, dừng xử lý", "#999999"),
    ("pending_within", "Đang giải quyết trong hạn", "#4575b4"),
    ("pending_overdue", "Đang giải quyết quá hạn", "#fc8d59"),
)


def _n(value: int) -> str:
    return str(number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True))


def stacked_bars(items: Sequence[tuple[str, Counts]], *, title: str, width: int = 760) -> SafeString:
    """One bar per (label, counts): the received dossiers split into what became of them."""
    label_w, bar_h, pad, top = 230, 24, 10, 40
    legend_h = 26 * ((len(SEGMENTS) + 2) // 3)
    height = top + len(items) * (bar_h + pad) + legend_h + pad
    plot_w = width - label_w - 70
    peak = max((c.received for _, c in items), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, counts) in enumerate(items):
        y = top + i * (bar_h + pad)
        short = label if len(label) <= 30 else label[:29] + "…"  # fits the 230-unit label column
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.68:.1f}" font-size="13" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        x = float(label_w)
        for name, seg_label, colour in SEGMENTS:
            value = getattr(counts, name)
            if not value:
                continue
            w = plot_w * value / peak
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(label)} — {escape(seg_label)}: {_n(value)}</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + bar_h * 0.68:.1f}" font-size="13">{_n(counts.received)}</text>'
        )
    y0 = top + len(items) * (bar_h + pad) + pad
    for j, (_, seg_label, colour) in enumerate(SEGMENTS):
        lx, ly = (j % 3) * (width // 3), y0 + (j // 3) * 26
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{lx + 20}" y="{ly + 12}" font-size="13">{escape(seg_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
