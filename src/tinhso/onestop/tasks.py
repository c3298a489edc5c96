"""Background tasks of the one-stop shop: they only call the service."""

from __future__ import annotations

from django_tasks import task


@task()
def onestop_tick_task() -> dict[str, int]:
    """The periodic clock job (schedule it every few minutes; safe to run twice)."""
    from tinhso.onestop.reminders import steps_tick

    result = steps_tick()
    return {"reminded": result.reminded, "flagged": result.flagged}


@task()
def receipt_mail_send_task(dossier_id: int) -> bool:
    """The receipt (form 01 as a PDF) e-mailed to an online applicant; enqueued once per online
    submission, after commit, by ``notifications.notify_applicant``."""
    from tinhso.onestop.receipt import receipt_mail_send

    return receipt_mail_send(dossier_id)
