"""Official documents of an agency (Decree 30/2020/NĐ-CP): outgoing (văn bản đi) and incoming (văn bản
đến), their registers and their yearly number sequences.

Outgoing: draft → submitted for signature → signed (the number is taken from the agency's outgoing
sequence of the year in the same transaction as the signature: a draft never holds a number, and a
signature that fails takes none) → issued (sent to the recipients; the records clerk adds the agency's
own signature, its seal, as an incremental update of the leader-signed file). Each signed revision is
stored byte for byte with its SHA-256 (``signed_pdf``: the leader's; ``issued_pdf``: the file as
issued, the leader's bytes followed by the agency's signature); pages verify both signatures each time
they show them.

Incoming: registered (the incoming number from the agency's own incoming sequence of the year) →
assigned to a division or a person → handled.

Every write is in ``documents.services`` with its audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class DocType(models.TextChoices):
    """Type codes of Decree 30/2020 Appendix III (the value is the abbreviation on the document)."""

    DECISION = "QĐ", "Quyết định"
    DIRECTIVE = "CT", "Chỉ thị"
    REGULATION = "QC", "Quy chế"
    NOTICE = "TB", "Thông báo"
    PLAN = "KH", "Kế hoạch"
    REPORT = "BC", "Báo cáo"
    SUBMISSION = "TTr", "Tờ trình"
    INVITATION = "GM", "Giấy mời"
    GUIDANCE = "HD", "Hướng dẫn"
    PROGRAM = "CTr", "Chương trình"
    MINUTES = "BB", "Biên bản"
    OFFICIAL_LETTER = "CV", "Công văn"


class SequenceKind(models.TextChoices):
    OUTGOING = "out", "Văn bản đi"
    INCOMING = "in", "Văn bản đến"


class NumberSequence(models.Model):
    """The last number given in one agency's outgoing or incoming register of one year. Locked with
    ``select_for_update`` while a number is taken."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="document_sequences"
    )
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("sổ", max_length=3, choices=SequenceKind.choices)
    last = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "dãy số văn bản"
        verbose_name_plural = "dãy số văn bản"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="documents_sequence_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.year}: {self.last}"


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Trình ký"
    SIGNED = "signed", "Đã ký số"
    ISSUED = "issued", "Đã phát hành"


def _outgoing_path(instance: OutgoingDocument, filename: str) -> str:
    return f"documents/di/{instance.agency_id}/{filename}"


def _incoming_path(instance: IncomingDocument, filename: str) -> str:
    return f"documents/den/{instance.agency_id}/{filename}"


class OutgoingDocument(models.Model):
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
    )
    drafting_unit = models.ForeignKey(
        "org.Agency",
        verbose_name="đơn vị soạn thảo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_documents",
    )
    doc_type = models.CharField("loại văn bản", max_length=4, choices=DocType.choices)
    summary = models.CharField("trích yếu", max_length=500)
    body = models.TextField(
        "nội dung", blank=True, help_text="Văn bản thuần; các đoạn cách nhau một dòng trống."
    )
    recipients = models.TextField("nơi nhận", help_text="Mỗi nơi nhận một dòng.")
    copies = models.PositiveSmallIntegerField("số lượng bản", default=1)
    status = models.CharField(
        "trạng thái", max_length=12, choices=OutgoingStatus.choices, default=OutgoingStatus.DRAFT
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người soạn thảo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_drafted",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_signed",
    )
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    year = models.PositiveSmallIntegerField("năm của sổ", null=True, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, blank=True, help_text="Ví dụ QĐ-STTTT, STTTT-VP.")
    issued_on = models.DateField("ngày văn bản", null=True, blank=True)
    draft_pdf = models.FileField("tệp dự thảo (PDF)", upload_to=_outgoing_path, max_length=255, blank=True)
    signed_pdf = models.FileField("tệp đã ký số (PDF)", upload_to=_outgoing_path, max_length=255, blank=True)
    signed_sha256 = models.CharField("SHA-256 của tệp đã ký", max_length=64, blank=True)
    issued_pdf = models.FileField(
        "tệp phát hành (PDF, có chữ ký số của cơ quan)",
        upload_to=_outgoing_path,
        max_length=255,
        blank=True,
    )
    issued_sha256 = models.CharField("SHA-256 của tệp phát hành", max_length=64, blank=True)
    signed_at = models.DateTimeField("ký lúc", null=True, blank=True)
    submitted_at = models.DateTimeField("trình ký lúc", null=True, blank=True)
    sent_at = models.DateTimeField("phát hành lúc", null=True, blank=True)
    keeping_unit = models.CharField("đơn vị, người nhận bản lưu", max_length=120, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_at = models.DateTimeField("tạo lúc")
    updated_at = models.DateTimeField("sửa lúc")
    search_text = models.TextField("chữ để tìm (không dấu)", blank=True, editable=False)

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"
        ordering = ["-year", "-number", "-id"]
        indexes = [
            models.Index(fields=["agency", "year", "number"], name="documents_out_register"),
            models.Index(fields=["agency", "status"], name="documents_out_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                condition=Q(number__isnull=False),
                name="documents_out_number_uniq",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OutgoingStatus.values), name="documents_out_status_valid"
            ),
            models.CheckConstraint(condition=Q(doc_type__in=DocType.values), name="documents_out_type_valid"),
            models.CheckConstraint(
                condition=Q(status__in=[OutgoingStatus.DRAFT, OutgoingStatus.SUBMITTED])
                | (Q(number__isnull=False) & Q(year__isnull=False) & Q(issued_on__isnull=False)),
                name="documents_out_signed_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol or 'Dự thảo'} — {self.summary[:80]}"

    @property
    def number_symbol(self) -> str:
        """``05/QĐ-STTTT`` (two digits below 10), ``123/STTTT-VP``; empty before signature."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def digitally_signed(self) -> bool:
        return bool(self.signed_sha256)

    @property
    def final_pdf(self) -> models.fields.files.FieldFile:
        """The official file: as issued (with the agency's signature) once issued, else as signed."""
        return self.issued_pdf if self.issued_pdf else self.signed_pdf

    @property
    def final_sha256(self) -> str:
        return self.issued_sha256 if self.issued_pdf else self.signed_sha256

    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def paragraphs(self) -> list[str]:
        text = self.body.replace("\r\n", "\n")
        return [p.strip() for p in text.split("\n\n") if p.strip()]


class IncomingStatus(models.TextChoices):
    REGISTERED = "registered", "Đã vào sổ"
    ASSIGNED = "assigned", "Đã chuyển xử lý"
    HANDLED = "handled", "Đã xử lý xong"


class IncomingChannel(models.TextChoices):
    PAPER = "paper", "Văn bản giấy"
    ELECTRONIC = "electronic", "Văn bản điện tử"
    EDXML = "edxml", "Trục liên thông (edXML)"


class IncomingDocument(models.Model):
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan nhận", on_delete=models.PROTECT, related_name="incoming_documents"
    )
    year = models.PositiveSmallIntegerField("năm của sổ")
    number = models.PositiveIntegerField("số đến")
    received_on = models.DateField("ngày đến")
    sender_name = models.CharField("tác giả (cơ quan ban hành)", max_length=255)
    sender_code = models.CharField("mã định danh cơ quan gửi", max_length=20, blank=True)
    original_number = models.CharField("số, ký hiệu", max_length=60)
    original_date = models.DateField("ngày văn bản")
    doc_type = models.CharField("loại văn bản", max_length=4, choices=DocType.choices)
    summary = models.CharField("trích yếu", max_length=500)
    channel = models.CharField(
        "hình thức nhận", max_length=12, choices=IncomingChannel.choices, default=IncomingChannel.PAPER
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=IncomingStatus.choices, default=IncomingStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người vào sổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_registered",
    )
    handling_unit = models.ForeignKey(
        "org.Agency",
        verbose_name="đơn vị xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_to_handle",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_to_handle",
    )
    assigned_at = models.DateTimeField("chuyển lúc", null=True, blank=True)
    due_on = models.DateField("hạn xử lý", null=True, blank=True)
    handled_at = models.DateTimeField("xử lý xong lúc", null=True, blank=True)
    handling_note = models.TextField("kết quả xử lý", blank=True)
    file = models.FileField("tệp văn bản", upload_to=_incoming_path, max_length=255, blank=True)
    file_sha256 = models.CharField("SHA-256 của tệp", max_length=64, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_at = models.DateTimeField("vào sổ lúc")
    search_text = models.TextField("chữ để tìm (không dấu)", blank=True, editable=False)

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        ordering = ["-year", "-number"]
        indexes = [models.Index(fields=["agency", "status"], name="documents_in_status")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="documents_in_number_uniq"),
            models.CheckConstraint(
                condition=Q(status__in=IncomingStatus.values), name="documents_in_status_valid"
            ),
            models.CheckConstraint(condition=Q(doc_type__in=DocType.values), name="documents_in_type_valid"),
        ]

    def __str__(self) -> str:
        return f"Số đến {self.number}/{self.year}: {self.original_number} — {self.summary[:80]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != IncomingStatus.HANDLED and self.due_on is not None and self.due_on < today
