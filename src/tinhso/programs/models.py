"""Set-top-box support (households, batches, deliveries, stock) and New Rural criterion 8.

Eligibility (domain.md §5): on the approved poor or near-poor list of a year, owns an analog TV, has
no DVB-T2 receiver or pay TV, signed the no-resale pledge. The service that writes a household stores
``eligible`` and, when not, every reason in ``ineligible_reason``.

Duplicates: the same citizen ID is refused (unique constraint); the same folded head name, commune
and hamlet (``match_key``) is accepted but flagged for review (``review_status`` pending).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Poverty(models.TextChoices):
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    NONE = "none", "Không thuộc hộ nghèo, cận nghèo"


class ReviewStatus(models.TextChoices):
    NONE = "", "Không trùng"
    PENDING = "pending", "Nghi trùng, chờ xem xét"
    DISTINCT = "distinct", "Đã xem xét: không trùng"
    DUPLICATE = "duplicate", "Đã xem xét: trùng, loại khỏi danh sách"


class HouseholdImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xử lý"
        RUNNING = "running", "Đang kiểm tra"
        WRITING = "writing", "Đang ghi dữ liệu"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Bị từ chối"

    file = models.FileField("tệp", upload_to="programs/imports/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp", max_length=255)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    processed_rows = models.PositiveIntegerField("đã kiểm tra", default=0)
    created_count = models.PositiveIntegerField("đã thêm", default=0)
    flagged_count = models.PositiveIntegerField("nghi trùng", default=0)
    ineligible_count = models.PositiveIntegerField("không đủ điều kiện", default=0)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    errors = models.JSONField("lỗi (tối đa 1.000 dòng đầu)", default=list, blank=True)
    message = models.CharField("thông báo", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lần nhập danh sách hộ"
        verbose_name_plural = "các lần nhập danh sách hộ"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class Household(models.Model):
    head_name = models.CharField("chủ hộ", max_length=120)
    citizen_id = models.CharField("số CMND/CCCD", max_length=12, unique=True)
    hamlet = models.CharField("ấp, khu vực", max_length=120)
    # Checked against geo.Unit by the services and the importer (units are never deleted: they end with
    # valid_to). No database constraint and no own index (the (commune, eligible) index covers lookups):
    # the deferred foreign-key check of every row took a sixth of a million-row import.
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name="xã, phường, thị trấn",
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    poverty = models.CharField("diện hộ", max_length=10, choices=Poverty.choices)
    list_year = models.PositiveSmallIntegerField("năm danh sách hộ nghèo, cận nghèo", null=True, blank=True)
    has_analog_tv = models.BooleanField("có ti vi analog", default=True)
    has_receiver = models.BooleanField("đã có đầu thu DVB-T2 hoặc truyền hình trả tiền", default=False)
    pledge_signed = models.BooleanField("đã ký cam kết không bán lại", default=False)
    eligible = models.BooleanField("đủ điều kiện", default=False)
    ineligible_reason = models.CharField("lý do không đủ điều kiện", max_length=400, blank=True)
    match_key = models.CharField("khóa so trùng", max_length=300, db_index=True)
    review_status = models.CharField(
        "so trùng", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.NONE, blank=True
    )
    search_text = models.CharField("chuỗi tìm kiếm", max_length=400, blank=True)
    # provenance only: no constraint or index (a bulk import writes a million rows with this value)
    source = models.ForeignKey(
        HouseholdImport,
        verbose_name="nhập từ",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["commune__code", "hamlet", "head_name"]
        indexes = [models.Index(fields=["commune", "eligible"], name="programs_hh_commune_elig")]
        constraints = [
            models.CheckConstraint(
                condition=Q(eligible=False) | Q(ineligible_reason=""),
                name="programs_hh_eligible_has_no_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.head_name} — {self.hamlet}"


class Batch(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã phê duyệt"
        DELIVERING = "delivering", "Đang cấp phát"
        CLOSED = "closed", "Đã kết thúc"

    number = models.PositiveSmallIntegerField("đợt số")
    name = models.CharField("tên đợt", max_length=200)
    year = models.PositiveSmallIntegerField("năm")
    list_year = models.PositiveSmallIntegerField("năm danh sách hộ nghèo, cận nghèo")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    decision = models.CharField("quyết định phê duyệt", max_length=120, blank=True)
    approved_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người phê duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đợt hỗ trợ"
        verbose_name_plural = "các đợt hỗ trợ"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["number"], name="programs_batch_number_uniq")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class BatchMember(models.Model):
    """A household on a batch's beneficiary list; one household is supported once, in one batch."""

    batch = models.ForeignKey(Batch, verbose_name="đợt", on_delete=models.PROTECT, related_name="members")
    household = models.OneToOneField(
        Household, verbose_name="hộ", on_delete=models.PROTECT, related_name="membership"
    )
    commune = models.ForeignKey("geo.Unit", verbose_name="xã", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "hộ trong danh sách đợt"
        verbose_name_plural = "danh sách hộ của đợt"
        indexes = [models.Index(fields=["batch", "commune"], name="programs_member_batch_com")]

    def __str__(self) -> str:
        return f"{self.batch} — {self.household}"


class StockReceipt(models.Model):
    """Set-top boxes received by a commune for a batch."""

    batch = models.ForeignKey(Batch, verbose_name="đợt", on_delete=models.PROTECT, related_name="receipts")
    commune = models.ForeignKey("geo.Unit", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField("số lượng")
    received_on = models.DateField("ngày nhận")
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "nhập kho đầu thu"
        verbose_name_plural = "nhập kho đầu thu"
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="programs_receipt_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.commune}: {self.quantity}"


class Delivery(models.Model):
    member = models.OneToOneField(
        BatchMember, verbose_name="hộ nhận", on_delete=models.PROTECT, related_name="delivery"
    )
    batch = models.ForeignKey(Batch, verbose_name="đợt", on_delete=models.PROTECT, related_name="deliveries")
    commune = models.ForeignKey("geo.Unit", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    delivered_on = models.DateField("ngày giao")
    serial = models.CharField("số sê-ri đầu thu", max_length=40, unique=True)
    receiver_name = models.CharField("người nhận", max_length=120)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "lượt giao đầu thu"
        verbose_name_plural = "giao đầu thu"
        ordering = ["-delivered_on", "id"]
        indexes = [models.Index(fields=["batch", "commune"], name="programs_deliv_batch_commune")]

    def __str__(self) -> str:
        return f"{self.serial} — {self.receiver_name}"


class C8Status(models.TextChoices):
    NEW = "new", "Công nhận mới"
    RERECOGNISED = "rerecognised", "Tái công nhận"
    NOT_MET = "not_met", "Chưa đạt"


SUB_CRITERIA = (
    ("c81", "8.1", "Có điểm phục vụ bưu chính"),
    ("c82", "8.2", "Có dịch vụ viễn thông, Internet"),
    ("c83", "8.3", "Có đài truyền thanh và hệ thống loa đến các thôn, ấp"),
    ("c84", "8.4", "Có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành"),
)


class Criterion8Assessment(models.Model):
    commune = models.ForeignKey("geo.Unit", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    c81 = models.BooleanField("8.1 Điểm phục vụ bưu chính", default=False)
    c82 = models.BooleanField("8.2 Dịch vụ viễn thông, Internet", default=False)
    c83 = models.BooleanField("8.3 Đài truyền thanh, loa đến các ấp", default=False)
    c84 = models.BooleanField("8.4 Ứng dụng CNTT trong quản lý, điều hành", default=False)
    status = models.CharField("kết quả", max_length=14, choices=C8Status.choices)
    note = models.TextField("minh chứng, ghi chú", blank=True)
    assessed_on = models.DateField("ngày đánh giá")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đánh giá",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "đánh giá Tiêu chí số 8"
        verbose_name_plural = "đánh giá Tiêu chí số 8"
        ordering = ["-year", "commune__code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="programs_c8_commune_year_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.year}: {self.get_status_display()}"

    @property
    def met(self) -> bool:
        return self.c81 and self.c82 and self.c83 and self.c84


class Criterion8Evidence(models.Model):
    assessment = models.ForeignKey(
        Criterion8Assessment, verbose_name="đánh giá", on_delete=models.CASCADE, related_name="evidence"
    )
    sub_criterion = models.CharField(
        "chỉ tiêu", max_length=3, choices=[(key, f"{num} {label}") for key, num, label in SUB_CRITERIA]
    )
    file = models.FileField("tệp minh chứng", upload_to="programs/c8/%Y/", blank=True)
    note = models.CharField("mô tả", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng Tiêu chí số 8"
        verbose_name_plural = "minh chứng Tiêu chí số 8"

    def __str__(self) -> str:
        return f"{self.get_sub_criterion_display()}: {self.note}"
