"""``tinhso demo``: fill the count tables after the demo dossiers are loaded."""

from __future__ import annotations

from typing import Any

from tinhso.reports.services import reports_counts_fill


def reports_demo_fill(*, actor: Any = None) -> str:
    """Bring the II.06a count table up to today (nothing to write when it already is)."""
    result = reports_counts_fill(actor=actor)
    if result.filled_from is None and not result.rows:
        return f"đã đầy đủ đến trước ngày {result.filled_until:%d/%m/%Y}"
    return f"nạp {result.rows} dòng đến trước ngày {result.filled_until:%d/%m/%Y}"
