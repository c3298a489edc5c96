"""Background tasks of the reports: they only call the service."""

from __future__ import annotations

from django_tasks import task


@task()
def reports_counts_fill_task() -> dict[str, str]:
    """Bring the II.06a count table up to today (scheduled hourly; safe to run twice)."""
    from tinhso.reports.services import reports_counts_fill

    result = reports_counts_fill(actor=None)
    return {"result": str(result)}
