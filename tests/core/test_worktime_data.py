"""The calendar's data: loading from the database once, invalidation, the services, the shipped
overrides and the admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client

from tinhso.core import worktime
from tinhso.core.calendar_data import (
    DEFAULT_OVERRIDES,
    calendar_override_delete,
    calendar_override_set,
    calendar_overrides_install_defaults,
    work_schedule_save,
)
from tinhso.core.errors import InvalidInput
from tinhso.core.models import AuditEntry, CalendarOverride, OverrideKind, WorkSchedule
from tinhso.core.worktime import TZ

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    worktime.calendar_invalidate()
    yield
    worktime.calendar_invalidate()


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_default_calendar_without_rows(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(2):  # schedules + overrides, once
        assert worktime.due_at(at(2017, 1, 20, 9, 30), 5) == at(2017, 2, 3, 9, 30)
    with django_assert_num_queries(0):
        assert worktime.is_working_day(dt.date(2017, 2, 2))
        assert worktime.due_at_hours(at(2017, 3, 13, 10), 1) == at(2017, 3, 13, 11)
        assert worktime.clock_start(at(2017, 3, 13, 16)) == at(2017, 3, 14, 7)
        assert worktime.working_time_between(at(2017, 3, 13, 7), at(2017, 3, 14, 7)) == dt.timedelta(hours=8)
    assert worktime.get_calendar() is worktime.get_calendar()


def test_override_set_invalidates_after_commit(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    assert worktime.is_working_day(dt.date(2017, 4, 7))
    with django_capture_on_commit_callbacks(execute=True):
        row = calendar_override_set(
            actor=None, date=dt.date(2017, 4, 7), kind=OverrideKind.DAY_OFF, name="Nghỉ thêm"
        )
    assert not worktime.is_working_day(dt.date(2017, 4, 7))
    assert AuditEntry.objects.filter(action="core.calendar_override.create", object_id=str(row.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_set(
            actor=None, date=dt.date(2017, 4, 7), kind=OverrideKind.WORKING_DAY, name="Làm việc bình thường"
        )
    assert CalendarOverride.objects.count() == 1
    assert worktime.is_working_day(dt.date(2017, 4, 7))
    assert AuditEntry.objects.filter(action="core.calendar_override.update").exists()
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_delete(actor=None, override=CalendarOverride.objects.get())
    assert not CalendarOverride.objects.exists()
    assert AuditEntry.objects.filter(action="core.calendar_override.delete").exists()


def test_override_set_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput):
        calendar_override_set(actor=None, date=dt.date(2017, 4, 7), kind="holiday", name="x")
    with pytest.raises(InvalidInput):
        calendar_override_set(actor=None, date=dt.date(2017, 4, 7), kind=OverrideKind.DAY_OFF, name="  ")


def test_schedule_rows_by_effective_date(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        work_schedule_save(actor=None, schedule=WorkSchedule(valid_from=dt.date(2000, 1, 1)))
        work_schedule_save(
            actor=None,
            schedule=WorkSchedule(
                valid_from=dt.date(2018, 1, 1),
                periods=[["07:30", "11:30"], ["13:30", "17:30"]],
                cutoff=dt.time(16),
            ),
        )
    assert worktime.due_at(at(2017, 12, 29, 13), 1) == at(2018, 1, 2, 11, 30)
    assert worktime.due_at(at(2017, 3, 13, 7), 1) == at(2017, 3, 13, 17)
    assert worktime.due_at(at(2018, 3, 12, 15, 30), 1) == at(2018, 3, 13, 15, 30)  # before the 16:00 cut-off
    with pytest.raises(InvalidInput):
        work_schedule_save(
            actor=None, schedule=WorkSchedule(valid_from=dt.date(2019, 1, 1), periods=[["17:00", "07:00"]])
        )
    assert WorkSchedule.objects.count() == 2


def test_install_defaults_is_idempotent_and_keeps_edits() -> None:
    assert calendar_overrides_install_defaults() == len(DEFAULT_OVERRIDES)
    assert calendar_overrides_install_defaults() == 0
    assert CalendarOverride.objects.count() == len(DEFAULT_OVERRIDES)
    row = CalendarOverride.objects.get(date=dt.date(2025, 4, 26))
    assert row.kind == OverrideKind.WORKING_DAY
    assert "6150/TB-BLĐTBXH" in row.legal_basis
    row.name = "Đã sửa"
    row.save(update_fields=["name"])
    assert calendar_overrides_install_defaults() == 0
    assert CalendarOverride.objects.get(date=dt.date(2025, 4, 26)).name == "Đã sửa"
    worktime.calendar_invalidate()
    assert worktime.is_working_day(dt.date(2025, 4, 26))
    assert not worktime.is_working_day(dt.date(2025, 5, 2))


def test_admin_lists_and_saves_with_audit(admin_client: Client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    calendar_overrides_install_defaults()
    page = admin_client.get("/admin/core/calendaroverride/")
    assert page.status_code == 200
    assert "Ngày làm việc bù" in page.content.decode()
    assert admin_client.get("/admin/core/workschedule/add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/core/calendaroverride/add/",
            {"date": "2017-04-07", "kind": "day_off", "name": "Nghỉ thêm", "legal_basis": ""},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not worktime.is_working_day(dt.date(2017, 4, 7))
    assert AuditEntry.objects.filter(
        action="core.calendar_override.create", object_repr__contains="07/04/2017"
    ).exists()
    bad = admin_client.post(
        "/admin/core/workschedule/add/",
        {
            "valid_from": "2019-01-01",
            "periods": '[["17:00", "07:00"]]',
            "weekdays": "[0, 1, 2, 3, 4]",
            "cutoff": "",
        },
    )
    assert bad.status_code == 200
    assert "giờ bắt đầu phải trước giờ kết thúc" in bad.content.decode()
    assert not WorkSchedule.objects.exists()
