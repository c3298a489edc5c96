"""The hourly task brings the II.06a count table up to date, and running it twice changes nothing."""

from __future__ import annotations

import pytest

from tinhso.reports.models import CountFillState
from tinhso.reports.tasks import reports_counts_fill_task


@pytest.mark.django_db
def test_fill_task_runs_the_service_and_is_idempotent() -> None:
    assert not CountFillState.objects.exists()
    reports_counts_fill_task.call()
    state = list(CountFillState.objects.values())
    assert state, "the fill state is written"
    reports_counts_fill_task.call()
    assert list(CountFillState.objects.values()) == state
