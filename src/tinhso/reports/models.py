"""Count tables behind the statistics that must be fast (design.md house style 9, like Zulip's
``analytics``): filled by ``reports_counts_fill`` (``tinhso reports fill``), with a fill state saying up
to which local day they are complete. The reports read the table for the filled days and the dossier
table live for the rest (``reports.ii06a``)."""

from __future__ import annotations

from django.db import models


class DossierDayCount(models.Model):
    """What happened on one local day to the dossiers of one procedure at one agency (Biểu II.06a).

    ``overdue_delta`` is the change, from this day to the next, of the number of dossiers pending and
    overdue at local midnight: the number pending and overdue at the start of day D is the sum of
    ``overdue_delta`` over the days before D. Everything else counts events of the day."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name="thủ tục",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    day = models.DateField("ngày")
    received_online = models.IntegerField("tiếp nhận trực tuyến", default=0)
    received_offline = models.IntegerField("tiếp nhận trực tiếp, bưu chính", default=0)
    early = models.IntegerField("giải quyết trước hạn", default=0)
    on_time = models.IntegerField("giải quyết đúng hạn", default=0)
    late = models.IntegerField("giải quyết quá hạn", default=0)
    withdrawn_stopped = models.IntegerField("rút, dừng xử lý", default=0)
    refused_at_reception = models.IntegerField("không được tiếp nhận", default=0)
    overdue_delta = models.IntegerField("thay đổi số hồ sơ tồn quá hạn", default=0)

    class Meta:
        verbose_name = "số liệu hồ sơ theo ngày"
        verbose_name_plural = "số liệu hồ sơ theo ngày"
        ordering = ["day", "agency", "procedure"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "day"], name="reports_daycount_agency_procedure_day_uniq"
            )
        ]
        indexes = [models.Index(fields=["day"], name="reports_daycount_day")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id} {self.day:%d/%m/%Y}"


class CountFillState(models.Model):
    """Up to when a count table is complete: every row of a day before ``filled_until`` (local date,
    exclusive) is exact for the dossier events with id ≤ ``last_event_id``. An event written later
    with an earlier instant (a correction, the demo loader) makes the days from its date stale; the
    reports notice it and read those days live until the next fill."""

    name = models.CharField("bảng", max_length=50, unique=True)
    filled_until = models.DateField("đầy đủ đến trước ngày")
    last_event_id = models.BigIntegerField("sự kiện cuối cùng đã tính", default=0)
    filled_at = models.DateTimeField("thời điểm nạp")

    class Meta:
        verbose_name = "trạng thái nạp bảng số liệu"
        verbose_name_plural = "trạng thái nạp bảng số liệu"

    def __str__(self) -> str:
        return f"{self.name}: đến trước {self.filled_until:%d/%m/%Y}"
