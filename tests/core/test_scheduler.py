"""`tinhso scheduler --once` puts every periodic task in the queue, for the worker to run."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_once_enqueues_the_tick() -> None:
    call_command("scheduler", "--once")
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == [
        "tinhso.onestop.tasks.onestop_tick_task",
        "tinhso.reports.tasks.reports_counts_fill_task",
    ]


@pytest.mark.django_db
@override_settings(PERIODIC_TASKS={"tinhso.nowhere.task": 60})
def test_bad_configuration_is_refused_in_vietnamese() -> None:
    with pytest.raises(CommandError, match="PERIODIC_TASKS không hợp lệ"):
        call_command("scheduler", "--once")
