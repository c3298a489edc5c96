"""The periodic clock job: a reminder one working day before a step is due, an overdue flag after,
each once even when the job runs twice; the command and the task call the same service."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from tinhso.onestop import sms
from tinhso.onestop.models import DossierStep
from tinhso.onestop.reminders import steps_tick

from .conftest import local, received

pytestmark = pytest.mark.django_db


def test_reminds_once_one_working_day_before_and_flags_overdue_once(
    procedure: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Monday 06/03/2017 09:00: appraisal (8 h) is due Tuesday 09:00 … the exact time comes from the clock
    dossier = received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)
    step = DossierStep.objects.get(pk=dossier.current_step_id)
    mail.outbox.clear()
    early = step.due_at - dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert steps_tick(now=early).reminded == 0
    day_before = local(2017, 3, 6, 10)
    with django_capture_on_commit_callbacks(execute=True):
        first = steps_tick(now=day_before)
        second = steps_tick(now=day_before)
    assert (first.reminded, second.reminded) == (1, 0)
    assert [m.to for m in mail.outbox] == [[people.chi.email]]
    assert "Sắp đến hạn" in mail.outbox[0].subject and dossier.code in mail.outbox[0].body
    after = step.due_at + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert steps_tick(now=after).flagged == 1
        assert steps_tick(now=after).flagged == 0
    step.refresh_from_db()
    assert step.reminded_at == day_before and step.overdue_flagged_at == after
    assert sum("Quá hạn" in m.subject for m in mail.outbox) == 1


def test_unassigned_step_reminds_everyone_who_may_take_it(
    procedure: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    received(procedure, people, local(2017, 3, 6, 9))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        steps_tick(now=local(2017, 3, 6, 10))
    assert people.chi.email in mail.outbox[0].to


def test_paused_dossier_is_not_flagged(procedure: Any, people: Any) -> None:
    from tinhso.onestop import services

    dossier = received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)
    services.dossier_request_supplement(
        actor=people.chi, dossier=dossier, items=["Sơ đồ"], at=local(2017, 3, 6, 10)
    )
    assert steps_tick(now=local(2017, 3, 20, 9)).flagged == 0


def test_command_dry_run_writes_nothing(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)
    out = StringIO()
    call_command("onestop", "tick", "--dry-run", stdout=out)
    assert "[thử]" in out.getvalue()
    assert DossierStep.objects.get(pk=dossier.current_step_id).overdue_flagged_at is None
    call_command("onestop", "tick", stdout=out)
    assert DossierStep.objects.get(pk=dossier.current_step_id).overdue_flagged_at is not None


def test_task_calls_the_service(procedure: Any, people: Any, settings: Any) -> None:
    from tinhso.onestop.tasks import onestop_tick_task

    received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = onestop_tick_task.enqueue()
    assert result.return_value == {"reminded": 0, "flagged": 1}


def test_status_change_sends_template_mail_and_sms(
    procedure: Any, people: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tinhso.onestop import services

    from .conftest import submitted

    settings.SMS_BACKEND = "tinhso.onestop.sms.LocmemBackend"
    sms.outbox.clear()
    dossier = submitted(procedure, people.an, local(2017, 3, 6, 9))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_request_supplement(
            actor=people.binh, dossier=dossier, items=["Bản sao giấy phép"], at=local(2017, 3, 6, 10)
        )
    message = mail.outbox[-1]
    assert "Yêu cầu bổ sung" in message.subject
    assert "Bản sao giấy phép" in message.body and "tạm dừng" in message.body
    assert sms.outbox[-1].phone == "0912345678" and dossier.code in sms.outbox[-1].text
