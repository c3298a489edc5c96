"""The catalogue of administrative procedures (thủ tục hành chính) and their versions.

A procedure is identified by its national code; what it requires (duration, fee, documents, e-form,
internal process) lives in a ``ProcedureVersion`` in force from ``effective_from``. A dossier pins
the version in force when it was received (``selectors.procedure_version_on``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tinhso.org.models import Role


class Domain(models.Model):
    """A field (lĩnh vực) of the department's procedures."""

    code = models.SlugField("mã lĩnh vực", max_length=40, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=150, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    national_code = models.CharField(
        "mã thủ tục",
        max_length=30,
        unique=True,
        help_text="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004494.",
    )
    code_source = models.URLField(
        "nguồn đối chiếu mã",
        max_length=500,
        blank=True,
        help_text="Trang công khai (Cổng Dịch vụ công quốc gia, cổng dịch vụ công của tỉnh, quyết định "
        "công bố thủ tục) ghi mã này cùng tên thủ tục. Để trống khi mã chưa được đối chiếu.",
    )
    code_note = models.TextField("ghi chú về mã", blank=True)
    name = models.CharField("tên thủ tục", max_length=500)
    domain = models.ForeignKey(
        Domain, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="procedures"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan giải quyết", on_delete=models.PROTECT, related_name="procedures"
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    search_text = models.TextField("chuỗi tìm kiếm", blank=True, editable=False)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["domain__order", "order", "national_code"]

    def __str__(self) -> str:
        return self.name

    @property
    def code_verified(self) -> bool:
        """The national code was matched to a public source naming this procedure (``code_source``)."""
        return bool(self.code_source)


class OnlineLevel(models.IntegerChoices):
    """Decree 43/2011/NĐ-CP levels of online public services."""

    LEVEL_1 = 1, "Mức độ 1"
    LEVEL_2 = 2, "Mức độ 2"
    LEVEL_3 = 3, "Mức độ 3"
    LEVEL_4 = 4, "Mức độ 4"


class OnlineClass(models.TextChoices):
    """Decree 42/2022/NĐ-CP classes of online public services."""

    FULL = "toan_trinh", "Toàn trình"
    PARTIAL = "mot_phan", "Một phần"


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.CASCADE, related_name="versions"
    )
    effective_from = models.DateField("áp dụng từ ngày")
    legal_basis = models.TextField("căn cứ pháp lý")
    duration_days = models.PositiveSmallIntegerField("thời hạn giải quyết (ngày làm việc)")
    fee = models.PositiveBigIntegerField("phí, lệ phí (đồng)", default=0)
    fee_description = models.CharField("mô tả phí, lệ phí", max_length=500, blank=True)
    result_type = models.CharField("kết quả thực hiện", max_length=255)
    applicant = models.CharField("đối tượng thực hiện", max_length=255, blank=True)
    online_level = models.PositiveSmallIntegerField(
        "mức độ dịch vụ công trực tuyến", choices=OnlineLevel.choices
    )
    online_class = models.CharField(
        "loại dịch vụ công trực tuyến (NĐ 42/2022)", max_length=12, choices=OnlineClass.choices
    )
    form_fields = models.JSONField(
        "trường của tờ khai điện tử",
        default=list,
        blank=True,
        help_text='Danh sách {"name", "label", "type", "required"}; '
        "type: text, textarea, number, date, email, phone, select.",
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "effective_from"], name="catalog_version_procedure_from_uniq"
            ),
            models.CheckConstraint(
                condition=Q(duration_days__gte=1), name="catalog_version_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(online_level__gte=1) & Q(online_level__lte=4),
                name="catalog_version_online_level_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.national_code} từ {self.effective_from:%d/%m/%Y}"

    @property
    def duration_hours(self) -> int:
        return self.duration_days * 8


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", "Bản chính"
    COPY = "copy", "Bản sao"
    CERTIFIED_COPY = "certified_copy", "Bản sao có chứng thực"
    ORIGINAL_OR_COPY = "original_or_copy", "Bản chính hoặc bản sao"


class ProcedureDocument(models.Model):
    """One document of the required dossier (thành phần hồ sơ)."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản thủ tục", on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên giấy tờ", max_length=500)
    form = models.CharField(
        "hình thức", max_length=20, choices=DocumentForm.choices, default=DocumentForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField("số bản", default=1)
    template = models.FileField("mẫu đơn, tờ khai", upload_to="catalog/templates/", blank=True)
    template_name = models.CharField("tên mẫu", max_length=255, blank=True, help_text="Ví dụ Mẫu số 01.")
    required = models.BooleanField("bắt buộc", default=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_document_version_order_uniq"),
            models.CheckConstraint(condition=Q(copies__gte=1), name="catalog_document_copies_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """One step of the internal process (quy trình nội bộ); the steps' hours add up to duration × 8."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản thủ tục", on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=255)
    role = models.CharField("vai trò thực hiện", max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="đơn vị thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_steps",
        help_text="Để trống: cơ quan giải quyết thủ tục.",
    )
    hours = models.PositiveSmallIntegerField("thời gian thực hiện (giờ làm việc)")

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "quy trình nội bộ"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_step_version_order_uniq"),
            models.CheckConstraint(condition=Q(hours__gte=1), name="catalog_step_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
