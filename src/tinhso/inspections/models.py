"""Inspections (thanh tra, kiểm tra) of the department: the yearly plan, inspections, violations found and
the administrative sanction decisions (quyết định xử phạt vi phạm hành chính) with their fines.

Sanction decrees are data with validity dates (Decree 174/2013/NĐ-CP until 14/04/2020, Decree
15/2020/NĐ-CP from 15/04/2020): a violation is judged by the decree in force on the day it was committed.
Money is in whole đồng (VND has no minor unit).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class Field(models.TextChoices):
    POSTAL = "buu_chinh", "Bưu chính"
    TELECOM = "vien_thong", "Viễn thông"
    INTERNET = "internet", "Internet"
    IT = "cntt", "Công nghệ thông tin"
    PUBLISHING = "xuat_ban", "Xuất bản, in và phát hành"
    PRESS = "bao_chi", "Báo chí"
    BROADCASTING = "phat_thanh_truyen_hinh", "Phát thanh, truyền hình"
    RADIO_FREQUENCY = "tan_so", "Tần số vô tuyến điện"


class InspectionKind(models.TextChoices):
    INSPECTION = "thanh_tra", "Thanh tra"
    CHECK = "kiem_tra", "Kiểm tra"


class InspectionBasis(models.TextChoices):
    PLANNED = "theo_ke_hoach", "Theo kế hoạch"
    AD_HOC = "dot_xuat", "Đột xuất"


class InspectionStatus(models.TextChoices):
    IN_PROGRESS = "dang_tien_hanh", "Đang tiến hành"
    CONCLUDED = "da_ket_luan", "Đã kết luận"


class ViolatorKind(models.TextChoices):
    ORGANISATION = "to_chuc", "Tổ chức"
    PERSON = "ca_nhan", "Cá nhân"


class Penalty(models.TextChoices):
    WARNING = "canh_cao", "Cảnh cáo"
    FINE = "phat_tien", "Phạt tiền"


class PaymentStatus(models.TextChoices):
    UNPAID = "chua_nop", "Chưa nộp"
    PAID = "da_nop", "Đã nộp"
    NOT_APPLICABLE = "khong_ap_dung", "Không phải nộp"


class SanctionDecree(models.Model):
    """A decree on administrative sanctions in the sector, with the period in which it applies."""

    code = models.CharField("số hiệu", max_length=40, unique=True)
    title = models.CharField("trích yếu", max_length=400)
    effective_from = models.DateField("áp dụng từ ngày")
    effective_to = models.DateField(
        "hết áp dụng từ ngày", null=True, blank=True, help_text="Ngày đầu tiên không còn áp dụng."
    )

    class Meta:
        verbose_name = "nghị định xử phạt"
        verbose_name_plural = "nghị định xử phạt"
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="inspections_decree_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"Nghị định {self.code}"


class InspectionPlan(models.Model):
    """The yearly inspection plan approved by the director: planned counts per field in its lines."""

    year = models.PositiveSmallIntegerField("năm", unique=True)
    decision_number = models.CharField("số quyết định phê duyệt", max_length=40, blank=True)
    decision_date = models.DateField("ngày phê duyệt", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "kế hoạch thanh tra, kiểm tra"
        verbose_name_plural = "kế hoạch thanh tra, kiểm tra"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Kế hoạch thanh tra, kiểm tra năm {self.year}"


class PlanLine(models.Model):
    plan = models.ForeignKey(
        InspectionPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="lines"
    )
    field = models.CharField("lĩnh vực", max_length=30, choices=Field.choices)
    planned_count = models.PositiveSmallIntegerField("số cuộc theo kế hoạch")

    class Meta:
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        ordering = ["plan", "field"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "field"], name="inspections_planline_plan_field_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.planned_count}"


class Inspection(models.Model):
    year = models.PositiveSmallIntegerField("năm", db_index=True, help_text="Năm của ngày bắt đầu.")
    kind = models.CharField("hình thức", max_length=20, choices=InspectionKind.choices)
    field = models.CharField("lĩnh vực", max_length=30, choices=Field.choices)
    basis = models.CharField("căn cứ", max_length=20, choices=InspectionBasis.choices)
    decision_number = models.CharField("số quyết định thanh tra, kiểm tra", max_length=40, blank=True)
    subject = models.CharField("đối tượng thanh tra, kiểm tra", max_length=255)
    subject_address = models.CharField("địa chỉ đối tượng", max_length=255, blank=True)
    district = models.ForeignKey(
        "geo.Unit",
        verbose_name="huyện, thị xã, thành phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc")
    team_leader = models.CharField("trưởng đoàn", max_length=120)
    team_members = models.TextField("thành viên đoàn", blank=True, help_text="Mỗi người một dòng.")
    status = models.CharField(
        "trạng thái", max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.IN_PROGRESS
    )
    conclusion = models.TextField("kết luận", blank=True)
    conclusion_date = models.DateField("ngày kết luận", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "cuộc thanh tra, kiểm tra"
        verbose_name_plural = "cuộc thanh tra, kiểm tra"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="inspections_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(status="dang_tien_hanh") | (Q(conclusion_date__isnull=False) & ~Q(conclusion="")),
                name="inspections_concluded_has_conclusion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_field_display().lower()}: {self.subject}"


class Violation(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="cuộc thanh tra, kiểm tra",
        on_delete=models.PROTECT,
        related_name="violations",
    )
    violator = models.CharField("tổ chức, cá nhân vi phạm", max_length=255)
    violator_kind = models.CharField("loại đối tượng", max_length=20, choices=ViolatorKind.choices)
    act = models.TextField("hành vi vi phạm")
    occurred_on = models.DateField("ngày vi phạm")
    decree = models.ForeignKey(
        SanctionDecree, verbose_name="nghị định", on_delete=models.PROTECT, related_name="+"
    )
    provision = models.CharField(
        "điều khoản vi phạm", max_length=120, help_text="Ví dụ: điểm a khoản 2 Điều 15."
    )

    class Meta:
        verbose_name = "vi phạm"
        verbose_name_plural = "vi phạm"
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return f"{self.violator}: {self.provision} Nghị định {self.decree.code}"


class SanctionDecision(models.Model):
    """Quyết định xử phạt vi phạm hành chính for one violation."""

    violation = models.OneToOneField(
        Violation, verbose_name="vi phạm", on_delete=models.PROTECT, related_name="decision"
    )
    year = models.PositiveSmallIntegerField("năm", help_text="Năm của ngày ra quyết định.")
    number = models.CharField("số quyết định", max_length=40, help_text="Dạng 05/QĐ-XPHC.")
    decided_on = models.DateField("ngày quyết định")
    record_number = models.CharField("số biên bản vi phạm hành chính", max_length=40)
    decider = models.CharField("người ra quyết định", max_length=160)
    circumstances = models.TextField("tình tiết tăng nặng, giảm nhẹ", blank=True)
    penalty = models.CharField("hình thức xử phạt chính", max_length=20, choices=Penalty.choices)
    fine_amount = models.BigIntegerField("số tiền phạt (đồng)", default=0)
    additional_penalties = models.TextField("hình thức xử phạt bổ sung", blank=True)
    remedies = models.TextField("biện pháp khắc phục hậu quả", blank=True)
    payment_deadline = models.DateField("hạn nộp phạt", null=True, blank=True)
    payment_place = models.CharField("nơi nộp phạt", max_length=255, blank=True)
    payment_status = models.CharField("tình trạng nộp phạt", max_length=20, choices=PaymentStatus.choices)
    paid_on = models.DateField("ngày nộp", null=True, blank=True)

    class Meta:
        verbose_name = "quyết định xử phạt"
        verbose_name_plural = "quyết định xử phạt"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="inspections_decision_year_number_uniq"),
            models.CheckConstraint(
                condition=(Q(penalty="phat_tien") & Q(fine_amount__gt=0))
                | (Q(penalty="canh_cao") & Q(fine_amount=0)),
                name="inspections_decision_fine_matches_penalty",
            ),
            models.CheckConstraint(
                condition=(Q(payment_status="da_nop") & Q(paid_on__isnull=False))
                | (~Q(payment_status="da_nop") & Q(paid_on__isnull=True)),
                name="inspections_decision_paid_on_iff_paid",
            ),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.decided_on:%d/%m/%Y}"
