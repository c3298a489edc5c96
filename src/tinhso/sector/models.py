"""Telecom indicators: operators, their reports per period × district, and the province's targets.

A report is one row per (year, period, operator, district): ``period`` 0 is the whole year, 1–4 a
quarter. The figures are stocks at the end of the period (stations in service, active subscribers), so
the yearly figure of the province is the sum over operators and districts of the yearly rows.
Derived figures (density per 100 inhabitants, growth, progress against the target) are never stored:
``sector.selectors`` computes them from these rows and ``geo.Population``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class OperatorKind(models.TextChoices):
    TELECOM = "vien_thong", "Doanh nghiệp viễn thông"
    ISP = "isp", "Doanh nghiệp cung cấp dịch vụ Internet"


class Operator(models.Model):
    code = models.SlugField("mã doanh nghiệp", max_length=30, unique=True, help_text="Ví dụ: vnpt, viettel.")
    name = models.CharField("tên doanh nghiệp", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=50)
    kind = models.CharField("loại", max_length=20, choices=OperatorKind.choices, default=OperatorKind.TELECOM)
    is_active = models.BooleanField("đang hoạt động", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "doanh nghiệp viễn thông"
        verbose_name_plural = "doanh nghiệp viễn thông"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Period(models.IntegerChoices):
    YEAR = 0, "Cả năm"
    Q1 = 1, "Quý I"
    Q2 = 2, "Quý II"
    Q3 = 3, "Quý III"
    Q4 = 4, "Quý IV"


class Indicator(models.TextChoices):
    """The figures of a report, and two sums the province sets targets on."""

    BTS = "bts", "Trạm BTS"
    FIXED = "fixed", "Thuê bao điện thoại cố định"
    MOBILE = "mobile", "Thuê bao điện thoại di động"
    TELEPHONE = "telephone", "Thuê bao điện thoại (cố định + di động)"
    FIXED_BROADBAND = "fixed_bb", "Thuê bao Internet băng rộng cố định"
    MOBILE_BROADBAND = "mobile_bb", "Thuê bao băng rộng di động"
    BROADBAND = "broadband", "Thuê bao Internet băng rộng (cố định + di động)"


# indicator → the report columns it sums
INDICATOR_FIELDS: dict[str, tuple[str, ...]] = {
    Indicator.BTS: ("bts_stations",),
    Indicator.FIXED: ("fixed_subscribers",),
    Indicator.MOBILE: ("mobile_subscribers",),
    Indicator.TELEPHONE: ("fixed_subscribers", "mobile_subscribers"),
    Indicator.FIXED_BROADBAND: ("fixed_broadband",),
    Indicator.MOBILE_BROADBAND: ("mobile_broadband",),
    Indicator.BROADBAND: ("fixed_broadband", "mobile_broadband"),
}
REPORT_FIELDS = (
    "bts_stations",
    "fixed_subscribers",
    "mobile_subscribers",
    "fixed_broadband",
    "mobile_broadband",
)


class IndicatorReport(models.Model):
    year = models.PositiveSmallIntegerField("năm")
    period = models.PositiveSmallIntegerField("kỳ báo cáo", choices=Period.choices, default=Period.YEAR)
    operator = models.ForeignKey(
        Operator, verbose_name="doanh nghiệp", on_delete=models.PROTECT, related_name="reports"
    )
    district = models.ForeignKey(
        "geo.Unit",
        verbose_name="huyện, thị xã, thành phố",
        on_delete=models.PROTECT,
        related_name="telecom_reports",
    )
    bts_stations = models.PositiveIntegerField("trạm BTS", default=0)
    fixed_subscribers = models.PositiveIntegerField("thuê bao cố định", default=0)
    mobile_subscribers = models.PositiveIntegerField("thuê bao di động", default=0)
    fixed_broadband = models.PositiveIntegerField("thuê bao băng rộng cố định", default=0)
    mobile_broadband = models.PositiveIntegerField("thuê bao băng rộng di động", default=0)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "báo cáo chỉ tiêu viễn thông"
        verbose_name_plural = "báo cáo chỉ tiêu viễn thông"
        ordering = ["-year", "period", "operator__order", "district__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "period", "operator", "district"],
                name="sector_report_period_operator_district_uniq",
            ),
            models.CheckConstraint(
                condition=Q(period__gte=0, period__lte=4), name="sector_report_period_range"
            ),
        ]
        indexes = [models.Index(fields=["year", "period"], name="sector_report_year_period")]

    def __str__(self) -> str:
        return f"{self.operator} — {self.district} — {self.get_period_display()} {self.year}"


class TargetMode(models.TextChoices):
    ABSOLUTE = "absolute", "Số tuyệt đối"
    PER_100 = "per_100", "Trên 100 dân"


class Target(models.Model):
    """A yearly target of the province (``unit`` is the province) or of one district."""

    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        "geo.Unit", verbose_name="địa bàn", on_delete=models.PROTECT, related_name="telecom_targets"
    )
    indicator = models.CharField("chỉ tiêu", max_length=20, choices=Indicator.choices)
    mode = models.CharField(
        "cách tính", max_length=10, choices=TargetMode.choices, default=TargetMode.PER_100
    )
    value = models.DecimalField("giá trị", max_digits=14, decimal_places=2)
    note = models.CharField("căn cứ, ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        ordering = ["-year", "unit__level", "unit__code", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "indicator"], name="sector_target_year_unit_indicator_uniq"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="sector_target_value_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} {self.year} — {self.unit}: {self.value}"
