"""Administrative units with validity dates, and population by year.

A unit is one row per (GSO code, period of validity): when a unit changes kind or name (Xã Vĩnh Viễn →
Thị trấn Vĩnh Viễn in 2019), the old row gets ``valid_to`` and a new row with the same code starts.
``valid_to`` is exclusive: the unit is valid on D when ``valid_from <= D`` and (``valid_to`` is null or
``D < valid_to``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", "Tỉnh"
    CENTRAL_CITY = "thanh_pho_tw", "Thành phố trực thuộc trung ương"
    CITY = "thanh_pho", "Thành phố"
    TOWN = "thi_xa", "Thị xã"
    DISTRICT = "huyen", "Huyện"
    URBAN_DISTRICT = "quan", "Quận"
    WARD = "phuong", "Phường"
    COMMUNE = "xa", "Xã"
    TOWNSHIP = "thi_tran", "Thị trấn"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"


class UnitLevel(models.IntegerChoices):
    PROVINCE = 1, "Cấp tỉnh"
    DISTRICT = 2, "Cấp huyện"
    COMMUNE = 3, "Cấp xã"


class Unit(models.Model):
    code = models.CharField("mã GSO", max_length=10, db_index=True)
    name = models.CharField("tên", max_length=120)
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField("cấp", choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField(
        "hết hiệu lực từ", null=True, blank=True, help_text="Ngày đầu tiên không còn hiệu lực."
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["level", "code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="geo_unit_code_valid_from_uniq"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="geo_unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Population(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField("năm")
    population = models.PositiveIntegerField("dân số")
    source = models.CharField("nguồn", max_length=200, blank=True)

    class Meta:
        verbose_name = "dân số"
        verbose_name_plural = "dân số theo năm"
        ordering = ["unit__code", "year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="geo_population_unit_year_uniq")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.population}"
