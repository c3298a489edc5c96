"""Emulation movements (phong trào thi đua) launched each year, and award decisions (quyết định khen
thưởng) with their recipients, collectives or individuals."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class AwardForm(models.TextChoices):
    CERTIFICATE_DIRECTOR = "giay_khen", "Giấy khen"
    CERTIFICATE_PROVINCE = "bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh"
    CERTIFICATE_MINISTER = "bang_khen_bo", "Bằng khen của Bộ trưởng"
    EMULATION_FLAG = "co_thi_dua", "Cờ thi đua"
    EMULATION_FIGHTER = "chien_si_thi_dua", "Chiến sĩ thi đua cơ sở"
    ADVANCED_WORKER = "lao_dong_tien_tien", "Lao động tiên tiến"
    EXCELLENT_COLLECTIVE = "tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc"


class RecipientKind(models.TextChoices):
    COLLECTIVE = "tap_the", "Tập thể"
    INDIVIDUAL = "ca_nhan", "Cá nhân"


class Movement(models.Model):
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    title = models.CharField("tên phong trào", max_length=300)
    launched_on = models.DateField("ngày phát động")
    launched_by = models.CharField("cơ quan phát động", max_length=200)
    content = models.TextField("nội dung, chỉ tiêu", blank=True)

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-year", "-launched_on", "-id"]

    def __str__(self) -> str:
        return self.title


class AwardDecision(models.Model):
    year = models.PositiveSmallIntegerField("năm quyết định", help_text="Năm của ngày quyết định.")
    number = models.CharField("số quyết định", max_length=40, help_text="Ví dụ 125/QĐ-STTTT.")
    decided_on = models.DateField("ngày quyết định")
    issuer = models.CharField(
        "cấp khen", max_length=200, help_text="Ví dụ: Giám đốc Sở Thông tin và Truyền thông."
    )
    form = models.CharField("hình thức khen thưởng", max_length=30, choices=AwardForm.choices)
    emulation_year = models.PositiveSmallIntegerField("năm thành tích")
    movement = models.ForeignKey(
        Movement,
        verbose_name="phong trào thi đua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    reason = models.TextField("thành tích", blank=True)

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="emulation_decision_year_number_uniq"),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.decided_on:%d/%m/%Y}"


class Recipient(models.Model):
    decision = models.ForeignKey(
        AwardDecision, verbose_name="quyết định", on_delete=models.CASCADE, related_name="recipients"
    )
    kind = models.CharField("tập thể / cá nhân", max_length=10, choices=RecipientKind.choices)
    name = models.CharField("tên tập thể, cá nhân", max_length=255)
    position = models.CharField("chức vụ, đơn vị công tác", max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan, đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "người, tập thể được khen"
        verbose_name_plural = "người, tập thể được khen"
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "name"], name="emulation_recipient_decision_name_uniq"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="emulation_recipient_name_nonempty"),
        ]

    def __str__(self) -> str:
        return self.name
