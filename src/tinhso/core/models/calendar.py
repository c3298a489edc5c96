"""The working calendar: the schedule of working periods (by effective date) and the override table."""

from __future__ import annotations

import datetime as dt

from django.db import models


def default_periods() -> list[list[str]]:
    return [["07:00", "11:00"], ["13:00", "17:00"]]


def default_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]  # Monday–Friday (datetime.weekday())


class WorkSchedule(models.Model):
    """Working periods, working weekdays and the afternoon cut-off in force from ``valid_from`` on."""

    valid_from = models.DateField("áp dụng từ ngày", unique=True, default=dt.date(2000, 1, 1))
    periods = models.JSONField(
        "các khoảng giờ làm việc",
        default=default_periods,
        help_text='Ví dụ [["07:00", "11:00"], ["13:00", "17:00"]].',
    )
    weekdays = models.JSONField(
        "các ngày làm việc trong tuần", default=default_weekdays, help_text="0 = Thứ Hai … 6 = Chủ nhật."
    )
    cutoff = models.TimeField(
        "giờ chốt tiếp nhận buổi chiều",
        null=True,
        blank=True,
        default=dt.time(15, 0),
        help_text=(
            "Hồ sơ tiếp nhận sau giờ này được tính từ đầu ngày làm việc tiếp theo (NĐ 61/2018, Điều 18)."
        ),
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "lịch làm việc"
        verbose_name_plural = "lịch làm việc"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"Lịch làm việc từ {self.valid_from:%d/%m/%Y}"


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ thêm"
    WORKING_DAY = "working_day", "Ngày làm việc bù"


class CalendarOverride(models.Model):
    """A day the Government swapped: it wins over the ``holidays`` library and the weekly schedule."""

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=20, choices=OverrideKind.choices)
    name = models.CharField("lý do", max_length=255)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày điều chỉnh lịch"
        verbose_name_plural = "ngày điều chỉnh lịch (hoán đổi, nghỉ thêm)"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
