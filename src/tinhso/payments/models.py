"""Online payments of a dossier's financial obligation (status 6) through a VNPay-protocol gateway.

The obligation is the ``DossierEvent`` of the officer's request (``onestop.services.
dossier_request_payment``, amount in its data). Each attempt of the applicant is one ``Payment`` with its
own ``txn_ref`` (vnp_TxnRef); only the gateway's IPN changes its status (``services.payment_confirm_ipn``),
and at most one payment per obligation is ever paid (a partial unique constraint)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Chờ thanh toán"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Không thành công"
    CANCELLED = "cancelled", "Đã hủy"
    EXPIRED = "expired", "Hết hạn"


class Payment(models.Model):
    dossier = models.ForeignKey(
        "onestop.Dossier", verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="payments"
    )
    obligation = models.ForeignKey(
        "onestop.DossierEvent",
        verbose_name="yêu cầu thực hiện nghĩa vụ tài chính",
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    txn_ref = models.CharField("mã giao dịch (vnp_TxnRef)", max_length=40, unique=True)
    order_info = models.CharField("nội dung thanh toán", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thanh toán", on_delete=models.PROTECT, related_name="+"
    )
    client_ip = models.CharField("địa chỉ IP", max_length=45, blank=True)
    created_at = models.DateTimeField("thời điểm tạo")
    expires_at = models.DateTimeField("hết hạn thanh toán")
    paid_at = models.DateTimeField("thời điểm thanh toán", null=True, blank=True)
    confirmed_at = models.DateTimeField("thời điểm nhận IPN", null=True, blank=True)
    transaction_no = models.CharField("mã giao dịch tại VNPay", max_length=30, blank=True)
    bank_code = models.CharField("ngân hàng", max_length=20, blank=True)
    response_code = models.CharField("mã phản hồi", max_length=4, blank=True)
    transaction_status = models.CharField("tình trạng giao dịch", max_length=4, blank=True)
    ipn_params = models.JSONField("tham số IPN", default=dict, blank=True)

    class Meta:
        verbose_name = "giao dịch thanh toán"
        verbose_name_plural = "giao dịch thanh toán"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dossier", "created_at"], name="payments_dossier_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation"],
                condition=Q(status="paid"),
                name="payments_one_paid_per_obligation",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False), name="payments_paid_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.txn_ref} ({self.get_status_display()})"
