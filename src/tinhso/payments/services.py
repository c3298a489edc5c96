"""Payment services: the applicant starts a payment of the open obligation of their dossier
(``payment_start``), the gateway's IPN confirms it (``payment_confirm_ipn``, the only authority).

Rule: the officer handling the current step asks for the financial obligation (4 → 6,
``onestop.services.dossier_request_payment``, amount = the procedure version's fee or what the officer
enters); only the applicant's account may pay, only while the dossier is in status 6; a confirmed
successful IPN brings the dossier back to 4 in the same transaction. Locks are taken in one order:
the dossier row, then the payment rows."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, NotAllowed
from tinhso.onestop import services as onestop_services
from tinhso.onestop.models import Dossier, DossierStatus
from tinhso.payments import vnpay
from tinhso.payments.models import Payment, PaymentStatus

logger = logging.getLogger(__name__)
SUCCESS = "00"


@dataclass(frozen=True)
class PaymentStart:
    payment: Payment
    pay_url: str


@dataclass(frozen=True)
class IpnReply:
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"RspCode": self.code, "Message": self.message}


def _txn_ref(dossier: Dossier, at: dt.datetime) -> str:
    """``<dossier id>-<yyMMddHHmmss GMT+7>-<3 random digits>``: unique per day as VNPay requires (the
    column is unique forever)."""
    return f"{dossier.pk}-{at.astimezone(vnpay.GMT7):%y%m%d%H%M%S}-{secrets.randbelow(1000):03d}"


def _order_info(dossier: Dossier) -> str:
    return f"Nộp phí, lệ phí hồ sơ {dossier.code}"


def _return_url() -> str:
    return f"{settings.SITE_URL}/thanh-toan/vnpay/ket-qua/"


@transaction.atomic
def payment_start(
    *, dossier: Dossier, actor: Any, client_ip: str = "127.0.0.1", at: dt.datetime | None = None
) -> PaymentStart:
    """A new payment of the dossier's open obligation and the gateway address to send the applicant to.
    Only the applicant's account, only in status 6. Earlier attempts still pending are closed
    (expired when their time is over, cancelled otherwise): a late IPN for one of them is still
    honoured if the obligation has not been paid meanwhile."""
    at = at or timezone.now()
    locked = Dossier.objects.select_for_update(of=("self",)).select_related("procedure").get(pk=dossier.pk)
    if locked.applicant_id is None or getattr(actor, "pk", None) != locked.applicant_id:
        raise NotAllowed("Chỉ người nộp hồ sơ mới được thanh toán phí, lệ phí của hồ sơ này.")
    obligation = onestop_services.dossier_payment_obligation(locked)
    if obligation is None:
        raise Conflict(
            f"Hồ sơ {locked} không có yêu cầu thực hiện nghĩa vụ tài chính đang chờ thanh toán "
            f"(trạng thái hiện tại: «{locked.get_status_display()}»).",
            code="no_obligation",
        )
    if Payment.objects.filter(obligation=obligation, status=PaymentStatus.PAID).exists():
        raise Conflict("Nghĩa vụ tài chính của hồ sơ này đã được thanh toán.", code="already_paid")
    stale = Payment.objects.select_for_update().filter(obligation=obligation, status=PaymentStatus.PENDING)
    for old in stale:
        old.status = PaymentStatus.EXPIRED if old.expires_at <= at else PaymentStatus.CANCELLED
        old.save(update_fields=["status"])
    amount = int(obligation.data["amount"])
    expires = at + dt.timedelta(minutes=settings.VNPAY_EXPIRE_MINUTES)
    for _attempt in range(3):
        payment = Payment(
            dossier=locked,
            obligation=obligation,
            amount=amount,
            txn_ref=_txn_ref(locked, at),
            order_info=_order_info(locked),
            created_by=actor,
            client_ip=client_ip[:45],
            created_at=at,
            expires_at=expires,
        )
        try:
            with transaction.atomic():
                payment.save(force_insert=True)
            break
        except IntegrityError:
            continue
    else:
        raise Conflict("Không tạo được mã giao dịch, vui lòng thử lại.", code="txn_ref_taken")
    params = vnpay.pay_params(
        tmn_code=settings.VNPAY_TMN_CODE,
        amount_vnd=amount,
        txn_ref=payment.txn_ref,
        order_info=payment.order_info,
        return_url=_return_url(),
        ip_addr=payment.client_ip or "127.0.0.1",
        created=at,
        expires=expires,
    )
    audit_record(
        actor=actor,
        action="payments.payment.start",
        obj=payment,
        after={"dossier": locked.pk, "amount": amount, "txn_ref": payment.txn_ref},
    )
    return PaymentStart(
        payment=payment, pay_url=vnpay.pay_url(settings.VNPAY_PAY_URL, params, settings.VNPAY_HASH_SECRET)
    )


def _amount_of(params: Mapping[str, str]) -> int | None:
    raw = str(params.get("vnp_Amount", ""))
    if not raw.isdigit() or int(raw) % 100:
        return None
    return int(raw) // 100


def payment_confirm_ipn(params: Mapping[str, str], *, at: dt.datetime | None = None) -> IpnReply:
    """The gateway's server-to-server notification, answered as VNPay expects: 97 bad signature,
    01 unknown transaction, 04 amount differs, 02 already confirmed, 00 recorded (paid, or failed
    when ``vnp_ResponseCode``/``vnp_TransactionStatus`` is not 00), 99 anything else. Every write —
    the payment, the dossier 6 → 4, its event and the audit entries — is one transaction; a reply
    other than 00 writes nothing."""
    params = {str(k): str(v) for k, v in params.items()}
    if not vnpay.verify(params, settings.VNPAY_HASH_SECRET):
        return IpnReply("97", "Invalid Checksum")
    if params.get("vnp_TmnCode") != settings.VNPAY_TMN_CODE:
        return IpnReply("97", "Invalid Checksum")
    try:
        return _confirm(params, at or timezone.now())
    except Exception:
        logger.exception("IPN VNPay không xử lý được: %s", params.get("vnp_TxnRef"))
        return IpnReply("99", "Unknown error")


def _confirm(params: dict[str, str], at: dt.datetime) -> IpnReply:
    ref = params.get("vnp_TxnRef", "")
    dossier_id = Payment.objects.filter(txn_ref=ref).values_list("dossier_id", flat=True).first()
    if dossier_id is None:
        return IpnReply("01", "Order not found")
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier_id)
        payment = Payment.objects.select_for_update().select_related("obligation").get(txn_ref=ref)
        if _amount_of(params) != payment.amount:
            return IpnReply("04", "Invalid amount")
        if payment.status in (PaymentStatus.PAID, PaymentStatus.FAILED):
            return IpnReply("02", "Order already confirmed")
        success = params.get("vnp_ResponseCode") == SUCCESS and params.get("vnp_TransactionStatus") == SUCCESS
        if (
            success
            and Payment.objects.filter(obligation=payment.obligation_id, status=PaymentStatus.PAID).exists()
        ):
            return IpnReply("02", "Order already confirmed")
        before = {"status": payment.status}
        payment.status = PaymentStatus.PAID if success else PaymentStatus.FAILED
        payment.confirmed_at = at
        payment.paid_at = at if success else None
        payment.transaction_no = params.get("vnp_TransactionNo", "")[:30]
        payment.bank_code = params.get("vnp_BankCode", "")[:20]
        payment.response_code = params.get("vnp_ResponseCode", "")[:4]
        payment.transaction_status = params.get("vnp_TransactionStatus", "")[:4]
        payment.ipn_params = params
        payment.save(
            update_fields=[
                "status",
                "confirmed_at",
                "paid_at",
                "transaction_no",
                "bank_code",
                "response_code",
                "transaction_status",
                "ipn_params",
            ]
        )
        moved = False
        if success and dossier.status == DossierStatus.PAYMENT:
            current = onestop_services.dossier_payment_obligation(dossier)
            if current is not None and current.pk == payment.obligation_id:
                onestop_services.dossier_payment_confirm(
                    dossier=dossier,
                    obligation=payment.obligation,
                    amount=payment.amount,
                    data={
                        "txn_ref": payment.txn_ref,
                        "transaction_no": payment.transaction_no,
                        "bank_code": payment.bank_code,
                    },
                    at=at,
                )
                moved = True
        audit_record(
            actor=None,
            action="payments.payment.ipn",
            obj=payment,
            before=before,
            after={
                "status": payment.status,
                "response_code": payment.response_code,
                "transaction_no": payment.transaction_no,
                "dossier_resumed": moved,
            },
        )
    return IpnReply("00", "Confirm Success")


def payment_return_check(params: Mapping[str, str]) -> tuple[bool, Payment | None]:
    """For the return page (display only, never a write): whether the signature holds and the
    payment it names."""
    params = {str(k): str(v) for k, v in params.items()}
    if not vnpay.verify(params, settings.VNPAY_HASH_SECRET):
        return False, None
    payment = (
        Payment.objects.select_related("dossier", "dossier__procedure")
        .filter(txn_ref=params.get("vnp_TxnRef", ""))
        .first()
    )
    return True, payment
