"""The clock's periodic work (Healthchecks' ``sendalerts`` pattern): remind the assignee one working day
before a step is due, and flag the steps that are overdue. Each row is claimed with a compare-and-set
(``filter(pk=…, reminded_at=None).update(…)``), so two runs at once — or the same run twice — send one
reminder and one overdue notice per step. Mail leaves after commit."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tinhso.core import worktime
from tinhso.core.audit import audit_record
from tinhso.onestop import access
from tinhso.onestop.models import DossierStatus, DossierStep
from tinhso.org.selectors import agency_subtree_ids

logger = logging.getLogger(__name__)
ONE_WORKING_DAY = dt.timedelta(hours=8)
LOOKAHEAD = dt.timedelta(days=15)  # one working day never spans more (Tết is at most ~9 days off)
RUNNING = (DossierStatus.PROCESSING, DossierStatus.PAYMENT, DossierStatus.FINISHED)


@dataclass
class TickResult:
    reminded: int = 0
    flagged: int = 0


def _open_running() -> Any:
    return DossierStep.objects.filter(finished_at__isnull=True, dossier__status__in=RUNNING)


def _recipients(step: DossierStep) -> list[str]:
    """The assignee's e-mail; for an unassigned step, every officer who may take it."""
    if step.assignee_id is not None:
        return [step.assignee.email] if step.assignee and step.assignee.email else []
    from tinhso.onestop.forms_office import eligible_users

    users = eligible_users(roles=access.step_roles(step.role), agency_ids=agency_subtree_ids(step.agency))
    return [u.email for u in users if u.email]


def _mail(step_id: int, template: str, subject: str) -> None:
    step = DossierStep.objects.select_related("dossier", "dossier__procedure", "assignee", "agency").get(
        pk=step_id
    )
    recipients = _recipients(step)
    if not recipients:
        return
    dossier = step.dossier
    body = render_to_string(
        template,
        {
            "user": step.assignee or {"full_name": "Quý cán bộ"},
            "step": step,
            "dossier": dossier,
            "due": timezone.localtime(step.due_at).strftime("%H:%M ngày %d/%m/%Y"),
            "dossier_due": timezone.localtime(dossier.due_at).strftime("%H:%M ngày %d/%m/%Y")
            if dossier.due_at
            else "",
            "url": f"{settings.SITE_URL}{reverse('onestop_office:detail', args=[dossier.code])}",
        },
    )
    try:
        send_mail(
            subject=f"{subject}: hồ sơ {dossier.code}",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except Exception:
        logger.exception("Không gửi được thư nhắc hạn hồ sơ %s", dossier.code)


def steps_tick(*, now: dt.datetime | None = None, dry_run: bool = False) -> TickResult:
    """Remind and flag; returns how many steps were newly reminded and flagged."""
    now = now or timezone.now()
    result = TickResult()
    soon = _open_running().filter(reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + LOOKAHEAD)
    for step_id, due in soon.values_list("id", "due_at"):
        if worktime.working_time_between(now, due) > ONE_WORKING_DAY:
            continue
        if dry_run:
            result.reminded += 1
            continue
        with transaction.atomic():
            if DossierStep.objects.filter(pk=step_id, reminded_at__isnull=True).update(reminded_at=now) == 1:
                result.reminded += 1
                transaction.on_commit(
                    partial(_mail, step_id, "onestop/email/step_reminder.txt", "Sắp đến hạn")
                )
    late = _open_running().filter(overdue_flagged_at__isnull=True, due_at__lt=now)
    for step_id, dossier_id in late.values_list("id", "dossier_id"):
        if dry_run:
            result.flagged += 1
            continue
        with transaction.atomic():
            if (
                DossierStep.objects.filter(pk=step_id, overdue_flagged_at__isnull=True).update(
                    overdue_flagged_at=now
                )
                == 1
            ):
                result.flagged += 1
                audit_record(
                    actor=None,
                    action="onestop.step.overdue",
                    object_type="onestop.dossierstep",
                    object_id=step_id,
                    after={"dossier": dossier_id, "flagged_at": now.isoformat()},
                )
                transaction.on_commit(partial(_mail, step_id, "onestop/email/step_overdue.txt", "Quá hạn"))
    return result
