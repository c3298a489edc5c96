"""Background tasks of the one-stop shop: they only call the service."""

from __future__ import annotations

from django_tasks import task


@task()
def onestop_tick_task() -> dict[str, int]:
    """The periodic clock job (schedule it every few minutes; safe to run twice)."""
    from tinhso.onestop.reminders import steps_tick

    result = steps_tick()
    return {"reminded": result.reminded, "flagged": result.flagged}
