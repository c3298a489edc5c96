"""Dossiers (hồ sơ) of the electronic one-stop shop, their steps, events and files.

Every change goes through ``services.py``; each change appends a ``DossierEvent`` — the history from
which form 05, the statistics and the audit are read.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from tinhso.org.models import Role


class DossierStatus(models.IntegerChoices):
    """The ten statuses used across Vietnamese implementations (domain.md §2), plus the draft."""

    DRAFT = 0, "Bản nháp"
    NEW = 1, "Mới đăng ký"
    RECEIVED = 2, "Được tiếp nhận"
    NOT_RECEIVED = 3, "Không được tiếp nhận"
    PROCESSING = 4, "Đang xử lý"
    SUPPLEMENT = 5, "Yêu cầu bổ sung"
    PAYMENT = 6, "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = 7, "Công dân yêu cầu rút hồ sơ"
    STOPPED = 8, "Dừng xử lý"
    FINISHED = 9, "Đã xử lý xong"
    RETURNED = 10, "Đã trả kết quả"


OPEN_STATUSES = (
    DossierStatus.NEW,
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT,
    DossierStatus.PAYMENT,
)
CLOSED_STATUSES = (
    DossierStatus.NOT_RECEIVED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
    DossierStatus.FINISHED,
    DossierStatus.RETURNED,
)


class Outcome(models.TextChoices):
    APPROVED = "approved", "Giải quyết (chấp thuận)"
    REFUSED = "refused", "Từ chối giải quyết"


class Channel(models.TextChoices):
    ONLINE = "online", "Trực tuyến"
    DIRECT = "direct", "Trực tiếp"
    POST = "post", "Bưu chính công ích"


class SupplementMode(models.TextChoices):
    RESTART = "restart", "Tính lại từ đầu"
    RESUME = "resume", "Tính tiếp thời gian còn lại"


class SupplementPolicy(models.Model):
    """How the clock continues after a supplement requested during processing (domain.md §2,
    configurable): ``restart`` counts the legal duration again from zero (Decree 61/2018 art. 19 as
    amended), ``resume`` continues with the time that was left. The policy in force on the local
    date of reception applies."""

    valid_from = models.DateField("áp dụng từ ngày", unique=True)
    mode = models.CharField("cách tính thời hạn sau bổ sung", max_length=10, choices=SupplementMode.choices)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "quy tắc tính thời hạn sau bổ sung"
        verbose_name_plural = "quy tắc tính thời hạn sau bổ sung"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} (từ {self.valid_from:%d/%m/%Y})"


class DossierCodeCounter(models.Model):
    """The last sequence number given to a dossier of ``agency`` registered on local date ``day``."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm mã hồ sơ"
        verbose_name_plural = "bộ đếm mã hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="onestop_counter_agency_day_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%d/%m/%Y}: {self.last}"


class Dossier(models.Model):
    code = models.CharField("mã hồ sơ", max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name="thủ tục", on_delete=models.PROTECT, related_name="dossiers"
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name="phiên bản thủ tục",
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan giải quyết", on_delete=models.PROTECT, related_name="dossiers"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản người nộp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    applicant_name = models.CharField("tên tổ chức, cá nhân", max_length=255)
    applicant_id_number = models.CharField(
        "số giấy tờ tùy thân / mã số doanh nghiệp", max_length=20, blank=True
    )
    applicant_address = models.CharField("địa chỉ", max_length=255, blank=True)
    applicant_phone = models.CharField("điện thoại", max_length=20, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    channel = models.CharField("hình thức nộp", max_length=10, choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        "trạng thái", choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    outcome = models.CharField("kết quả giải quyết", max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("ghi chú kết quả, lý do", blank=True)
    form_data = models.JSONField("nội dung tờ khai", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo")
    submitted_at = models.DateTimeField("ngày đăng ký", null=True, blank=True)
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clock_started_at = models.DateTimeField("bắt đầu tính thời hạn", null=True, blank=True)
    due_at = models.DateTimeField("hạn giải quyết theo quy định", null=True, blank=True, db_index=True)
    promised_at = models.DateTimeField("ngày hẹn trả kết quả", null=True, blank=True)
    paused_at = models.DateTimeField("tạm dừng tính thời hạn từ", null=True, blank=True)
    apologized_at = models.DateTimeField("ngày xin lỗi, hẹn lại", null=True, blank=True)
    withdraw_requested_at = models.DateTimeField("ngày yêu cầu rút hồ sơ", null=True, blank=True)
    finished_at = models.DateTimeField("ngày có kết quả", null=True, blank=True)
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)
    closed_at = models.DateTimeField(
        "ngày kết thúc không có kết quả",
        null=True,
        blank=True,
        help_text="Không tiếp nhận, rút hồ sơ, dừng xử lý.",
    )
    current_step = models.ForeignKey(
        "DossierStep",
        verbose_name="bước đang xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplement_items = models.JSONField("các nội dung yêu cầu bổ sung", default=list, blank=True)
    supplement_count = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    tracking_secret = models.CharField("mã tra cứu", max_length=12, blank=True)
    search_text = models.TextField("chuỗi tìm kiếm", blank=True, editable=False)
    version = models.PositiveIntegerField("phiên bản bản ghi", default=1)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["agency", "status"], name="onestop_dossier_agency_status"),
            models.Index(fields=["status", "due_at"], name="onestop_dossier_status_due"),
            models.Index(fields=["received_at"], name="onestop_dossier_received"),
            models.Index(fields=["finished_at"], name="onestop_dossier_finished"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DossierStatus.DRAFT) | Q(code__isnull=False),
                name="onestop_dossier_code_when_submitted",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[DossierStatus.FINISHED, DossierStatus.RETURNED])
                | (~Q(outcome="") & Q(finished_at__isnull=False)),
                name="onestop_dossier_outcome_when_finished",
            ),
            models.CheckConstraint(
                condition=Q(received_at__isnull=True) | Q(due_at__isnull=False),
                name="onestop_dossier_due_when_received",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"Bản nháp #{self.pk}"


class StepResult(models.TextChoices):
    DONE = "done", "Đã chuyển bước tiếp theo"
    APPROVED = "approved", "Đồng ý"
    REFUSED = "refused", "Không đồng ý"
    FINISHED = "finished", "Hoàn thành"
    CANCELLED = "cancelled", "Kết thúc không có kết quả"


class DossierStep(models.Model):
    """One step of the internal process as it happens to one dossier (the rows of form 05)."""

    dossier = models.ForeignKey(Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="steps")
    process_step = models.ForeignKey(
        "catalog.ProcessStep", verbose_name="bước của quy trình", on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=255)
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="đơn vị xử lý", on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_steps",
    )
    started_at = models.DateTimeField("bắt đầu")
    due_at = models.DateTimeField("hạn xử lý bước", db_index=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hoàn thành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result = models.CharField("kết quả", max_length=10, choices=StepResult.choices, blank=True)
    note = models.TextField("ý kiến", blank=True)
    reminded_at = models.DateTimeField("đã nhắc hạn lúc", null=True, blank=True)
    overdue_flagged_at = models.DateTimeField("đã đánh dấu quá hạn lúc", null=True, blank=True)

    class Meta:
        verbose_name = "bước xử lý hồ sơ"
        verbose_name_plural = "các bước xử lý hồ sơ"
        ordering = ["dossier", "started_at", "id"]
        indexes = [
            models.Index(fields=["assignee", "finished_at"], name="onestop_step_assignee_open"),
            models.Index(fields=["agency", "role", "finished_at"], name="onestop_step_agency_role_open"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.order}. {self.name}"


class EventAction(models.TextChoices):
    CREATE = "create", "Tạo bản nháp"
    UPDATE = "update", "Cập nhật bản nháp"
    SUBMIT = "submit", "Nộp hồ sơ"
    RECEIVE = "receive", "Tiếp nhận hồ sơ"
    START = "start", "Bắt đầu xử lý"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung hồ sơ"
    SUPPLEMENT = "supplement", "Bổ sung hồ sơ"
    REQUEST_PAYMENT = "request_payment", "Yêu cầu nộp phí, lệ phí"
    PAY = "pay", "Đã thực hiện nghĩa vụ tài chính"
    REFUSE_RECEPTION = "refuse_reception", "Từ chối tiếp nhận"
    FORWARD = "forward", "Chuyển xử lý"
    ASSIGN = "assign", "Phân công xử lý"
    APPROVE = "approve", "Đồng ý"
    REFUSE = "refuse", "Không đồng ý"
    FINISH = "finish", "Có kết quả"
    RETURN = "return", "Trả kết quả"
    APOLOGIZE = "apologize", "Xin lỗi và hẹn lại ngày trả kết quả"
    WITHDRAW_REQUEST = "withdraw_request", "Yêu cầu rút hồ sơ"
    WITHDRAW = "withdraw", "Rút hồ sơ"
    STOP = "stop", "Dừng xử lý"
    FILE_ADD = "file_add", "Đính kèm tệp"


class DossierEvent(models.Model):
    """One entry of a dossier's history: who, when, from → to status, what, why."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("thời điểm")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("người thực hiện", max_length=255, blank=True)
    action = models.CharField("thao tác", max_length=20, choices=EventAction.choices)
    from_status = models.PositiveSmallIntegerField(
        "từ trạng thái", choices=DossierStatus.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(
        "sang trạng thái", choices=DossierStatus.choices, null=True, blank=True
    )
    step = models.ForeignKey(
        DossierStep,
        verbose_name="bước",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    reason = models.TextField("lý do, ý kiến", blank=True)
    data = models.JSONField("dữ liệu", default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "lịch sử hồ sơ"
        verbose_name_plural = "lịch sử hồ sơ"
        ordering = ["dossier", "at", "id"]
        indexes = [
            models.Index(fields=["dossier", "at"], name="onestop_event_dossier_at"),
            models.Index(fields=["action", "at"], name="onestop_event_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


class FileKind(models.TextChoices):
    APPLICATION = "application", "Thành phần hồ sơ"
    SUPPLEMENT = "supplement", "Hồ sơ bổ sung"
    SCAN = "scan", "Bản quét hồ sơ giấy"
    RESULT = "result", "Kết quả giải quyết"


def dossier_file_path(instance: DossierFile, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "catalog.ProcedureDocument",
        verbose_name="thành phần hồ sơ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField("loại tệp", max_length=12, choices=FileKind.choices, default=FileKind.APPLICATION)
    file = models.FileField("tệp", upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("kích thước (byte)")
    content_type = models.CharField("kiểu nội dung", max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên")
    # A result signed in the platform by the leader who took the final decision (``signing``): who and
    # when, as recorded at signing. What the pages show is verified from the stored bytes each time.
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký số",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("thời điểm ký số", null=True, blank=True)
    # Issued with the agency's signature (its seal) by its records clerk: ``file`` is then the issued
    # file (an incremental update of the leader-signed one) and the leader-signed file is kept as it
    # was stored, with its SHA-256; the issued file begins with those bytes (signed originals are
    # never modified, decision 0010).
    signed_file = models.FileField(
        "tệp lãnh đạo đã ký số", upload_to=dossier_file_path, max_length=255, blank=True
    )
    signed_sha256 = models.CharField("SHA-256 của tệp lãnh đạo đã ký", max_length=64, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="văn thư ký số của cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sealed_at = models.DateTimeField("thời điểm ký số của cơ quan", null=True, blank=True)

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"
        ordering = ["dossier", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Rất hài lòng"
    SATISFIED = "satisfied", "Hài lòng"
    UNSATISFIED = "unsatisfied", "Không hài lòng"


class DossierRating(models.Model):
    """The applicant's rating of the service after the result was returned (Circular 01/2018 art. 13),
    once per dossier."""

    dossier = models.OneToOneField(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="rating"
    )
    satisfaction = models.CharField("mức độ hài lòng", max_length=20, choices=Satisfaction.choices)
    comment = models.TextField("ý kiến", blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đánh giá",
        on_delete=models.PROTECT,
        related_name="+",
    )
    rated_at = models.DateTimeField("thời điểm đánh giá")

    class Meta:
        verbose_name = "đánh giá của người nộp"
        verbose_name_plural = "đánh giá của người nộp"
        ordering = ["-rated_at"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_satisfaction_display()}"


class ServiceEvaluation(models.Model):
    """The 9-index evaluation (Circular 01/2018/TT-VPCP, Decree 61/2018 art. 33) of one agency for one
    period: each index scored 0–2 (the mean of the per-dossier scores where the index is computed from
    dossier data; entered by the evaluator otherwise), 18 at most. ``indices`` holds one dict per index:
    number, name, score, computed, basis (how it was obtained)."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    period_from = models.DateField("từ ngày")
    period_to = models.DateField("đến ngày")
    dossier_count = models.PositiveIntegerField("số hồ sơ đánh giá", default=0)
    indices = models.JSONField("các chỉ số", default=list, encoder=DjangoJSONEncoder)
    total = models.DecimalField("tổng điểm", max_digits=5, decimal_places=2, default=0)
    computed_at = models.DateTimeField("thời điểm tính")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tính",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "đánh giá giải quyết thủ tục hành chính"
        verbose_name_plural = "đánh giá giải quyết thủ tục hành chính"
        ordering = ["-period_from", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period_from", "period_to"], name="onestop_evaluation_agency_period_uniq"
            ),
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")), name="onestop_evaluation_period_order"
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(total__lte=18), name="onestop_evaluation_total_0_18"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.period_from:%d/%m/%Y}–{self.period_to:%d/%m/%Y}: {self.total}"


class ApiToken(models.Model):
    """A bearer token of the REST API (``Authorization: Bearer …``). Only the SHA-256 of the token is
    stored; the token itself is shown once, at sign-in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_hash = models.CharField("mã băm của khóa", max_length=64, unique=True)
    prefix = models.CharField("đầu khóa", max_length=8)
    name = models.CharField("tên", max_length=100, blank=True)
    created_at = models.DateTimeField("ngày tạo")
    expires_at = models.DateTimeField("hết hạn", db_index=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "khóa truy cập API"
        verbose_name_plural = "khóa truy cập API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
