"""The obligation (4 → 6), who may pay, and every IPN reply: 97 forged, 01 unknown, 04 amount, 02 replay,
00 paid (dossier back to 4, event, audit in one transaction) or failed. A reply other than 00 writes
nothing."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, EventAction
from tinhso.payments import services as payments
from tinhso.payments import vnpay
from tinhso.payments.models import Payment, PaymentStatus

from .conftest import FEE, received

pytestmark = pytest.mark.django_db


def snapshot(dossier: Dossier) -> tuple[Any, ...]:
    """Everything an IPN may write."""
    d = Dossier.objects.get(pk=dossier.pk)
    return (
        d.status,
        d.version,
        d.due_at,
        DossierEvent.objects.filter(dossier=d).count(),
        AuditEntry.objects.count(),
        sorted(Payment.objects.filter(dossier=d).values_list("txn_ref", "status", "paid_at", "ipn_params")),
    )


def test_request_payment_moves_4_to_6_with_the_fee(procedure: Any, people: Any) -> None:
    d = received(procedure, people)
    due = d.due_at
    d = services.dossier_request_payment(actor=people.chi, dossier=d, note="Lệ phí cấp phép")
    assert d.status == DossierStatus.PAYMENT == 6
    assert d.due_at == due  # the clock is not stopped for a payment
    event = DossierEvent.objects.filter(dossier=d, action=EventAction.REQUEST_PAYMENT).get()
    assert (event.from_status, event.to_status, event.data, event.reason) == (
        4,
        6,
        {"amount": FEE},
        "Lệ phí cấp phép",
    )
    assert event.actor == people.chi
    assert AuditEntry.objects.filter(action="onestop.dossier.request_payment").count() == 1


def test_request_payment_rules(procedure: Any, people: Any) -> None:
    d = received(procedure, people)
    with pytest.raises(NotAllowed):
        services.dossier_request_payment(actor=people.an, dossier=d)
    with pytest.raises(NotAllowed):
        services.dossier_request_payment(actor=people.dung, dossier=d)  # not his step
    with pytest.raises(InvalidInput) as exc:
        services.dossier_request_payment(actor=people.chi, dossier=d, amount=0)
    assert exc.value.message.startswith("Số tiền phải nộp phải là số nguyên dương")
    d = services.dossier_request_payment(actor=people.binh, dossier=d, amount=120_000)  # the clerk may too
    with pytest.raises(Conflict) as exc2:
        services.dossier_request_payment(actor=people.chi, dossier=d)
    assert exc2.value.message == (
        f"Không thể yêu cầu thực hiện nghĩa vụ tài chính hồ sơ {d.code} đang ở trạng thái "
        "«Yêu cầu thực hiện nghĩa vụ tài chính»."
    )


def test_only_the_applicant_starts_and_only_in_status_6(procedure: Any, people: Any) -> None:
    d = received(procedure, people)
    with pytest.raises(Conflict) as exc:
        payments.payment_start(dossier=d, actor=people.an)
    assert exc.value.code == "no_obligation"
    d = services.dossier_request_payment(actor=people.chi, dossier=d)
    for other in (people.binh, people.chi, people.phuc, None):
        with pytest.raises(NotAllowed) as exc2:
            payments.payment_start(dossier=d, actor=other)
        assert exc2.value.message == "Chỉ người nộp hồ sơ mới được thanh toán phí, lệ phí của hồ sơ này."
    assert not Payment.objects.exists()

    started = payments.payment_start(dossier=d, actor=people.an, client_ip="203.162.4.190")
    parts = urlsplit(started.pay_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == settings.VNPAY_PAY_URL
    p = dict(parse_qsl(parts.query))
    assert vnpay.verify(p, settings.VNPAY_HASH_SECRET)
    assert p["vnp_Amount"] == str(FEE * 100)
    assert p["vnp_TxnRef"] == started.payment.txn_ref and p["vnp_TxnRef"].startswith(f"{d.pk}-")
    assert p["vnp_OrderInfo"] == f"Nộp phí, lệ phí hồ sơ {d.code}"
    assert p["vnp_IpAddr"] == "203.162.4.190"
    assert p["vnp_ReturnUrl"] == f"{settings.SITE_URL}/thanh-toan/vnpay/ket-qua/"
    assert vnpay.parse_time(p["vnp_ExpireDate"]) == started.payment.expires_at.replace(microsecond=0)

    # a second attempt closes the first one
    again = payments.payment_start(dossier=d, actor=people.an)
    assert again.payment.txn_ref != started.payment.txn_ref
    started.payment.refresh_from_db()
    assert started.payment.status == PaymentStatus.CANCELLED


def test_paid_ipn_brings_the_dossier_back_to_processing(waiting: Dossier, people: Any, ipn: Any) -> None:
    payment = payments.payment_start(dossier=waiting, actor=people.an).payment
    version = Dossier.objects.get(pk=waiting.pk).version
    reply = payments.payment_confirm_ipn(ipn(payment))
    assert reply.as_json() == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.paid_at is not None
    assert (payment.transaction_no, payment.bank_code, payment.response_code) == ("14000001", "NCB", "00")
    assert payment.ipn_params["vnp_TxnRef"] == payment.txn_ref
    d = Dossier.objects.get(pk=waiting.pk)
    assert d.status == DossierStatus.PROCESSING and d.version == version + 1
    pay = DossierEvent.objects.get(dossier=d, action=EventAction.PAY)
    assert (pay.from_status, pay.to_status, pay.actor_id, pay.actor_label) == (6, 4, None, "Hệ thống")
    assert pay.data["amount"] == FEE and pay.data["txn_ref"] == payment.txn_ref
    assert AuditEntry.objects.filter(action="payments.payment.ipn", object_id=str(payment.pk)).count() == 1
    assert AuditEntry.objects.filter(action="onestop.dossier.pay").count() == 1

    # the same notification again: 02, nothing written
    before = snapshot(waiting)
    assert payments.payment_confirm_ipn(ipn(payment)).code == "02"
    assert snapshot(waiting) == before
    # no obligation is open any more
    with pytest.raises(Conflict):
        payments.payment_start(dossier=d, actor=people.an)


def test_forged_and_wrong_notifications_write_nothing(waiting: Dossier, people: Any, ipn: Any) -> None:
    payment = payments.payment_start(dossier=waiting, actor=people.an).payment
    before = snapshot(waiting)

    bad_hash = {**ipn(payment), "vnp_SecureHash": "0" * 128}
    assert payments.payment_confirm_ipn(bad_hash).as_json() == {
        "RspCode": "97",
        "Message": "Invalid Checksum",
    }
    no_hash = {k: v for k, v in ipn(payment).items() if k != "vnp_SecureHash"}
    assert payments.payment_confirm_ipn(no_hash).code == "97"
    tampered = {**ipn(payment), "vnp_Amount": "100"}  # the amount changed after signing
    assert payments.payment_confirm_ipn(tampered).code == "97"
    other_secret = ipn(payment)
    other_secret["vnp_SecureHash"] = vnpay.sign(other_secret, "not-the-secret")
    assert payments.payment_confirm_ipn(other_secret).code == "97"

    signed_low = ipn(payment, amount=1_000)  # correctly signed, wrong amount
    assert payments.payment_confirm_ipn(signed_low).as_json() == {
        "RspCode": "04",
        "Message": "Invalid amount",
    }

    unknown = ipn(payment)
    unknown["vnp_TxnRef"] = "999-261126000000-000"
    unknown["vnp_SecureHash"] = vnpay.sign(unknown, settings.VNPAY_HASH_SECRET)
    assert payments.payment_confirm_ipn(unknown).as_json() == {"RspCode": "01", "Message": "Order not found"}

    assert snapshot(waiting) == before
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PENDING


def test_cancelled_at_the_gateway_marks_failed_and_a_new_attempt_pays(
    waiting: Dossier, people: Any, ipn: Any
) -> None:
    first = payments.payment_start(dossier=waiting, actor=people.an).payment
    assert payments.payment_confirm_ipn(ipn(first, code="24", status="02")).code == "00"
    first.refresh_from_db()
    assert first.status == PaymentStatus.FAILED and first.paid_at is None and first.response_code == "24"
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PAYMENT
    assert payments.payment_confirm_ipn(ipn(first)).code == "02"  # a later "paid" for it is refused
    # ResponseCode 00 alone is not enough
    second = payments.payment_start(dossier=waiting, actor=people.an).payment
    assert payments.payment_confirm_ipn(ipn(second, code="00", status="01")).code == "00"
    second.refresh_from_db()
    assert second.status == PaymentStatus.FAILED
    third = payments.payment_start(dossier=waiting, actor=people.an).payment
    assert payments.payment_confirm_ipn(ipn(third)).code == "00"
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PROCESSING
    assert Payment.objects.filter(dossier=waiting, status=PaymentStatus.PAID).count() == 1


def test_late_success_of_a_replaced_attempt_counts_once(waiting: Dossier, people: Any, ipn: Any) -> None:
    first = payments.payment_start(dossier=waiting, actor=people.an).payment
    second = payments.payment_start(dossier=waiting, actor=people.an).payment
    assert Payment.objects.get(pk=first.pk).status == PaymentStatus.CANCELLED
    # the applicant had paid the first attempt after all: the gateway is the authority
    assert payments.payment_confirm_ipn(ipn(first)).code == "00"
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PROCESSING
    # the obligation is paid: the other attempt can no longer be paid
    before = snapshot(waiting)
    assert payments.payment_confirm_ipn(ipn(second)).code == "02"
    assert snapshot(waiting) == before


def test_one_paid_payment_per_obligation_in_the_database(waiting: Dossier, people: Any) -> None:
    from django.db import IntegrityError, transaction

    a = payments.payment_start(dossier=waiting, actor=people.an).payment
    b = payments.payment_start(dossier=waiting, actor=people.an).payment
    now = timezone.now()
    Payment.objects.filter(pk=a.pk).update(status=PaymentStatus.PAID, paid_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=b.pk).update(status=PaymentStatus.PAID, paid_at=now)


def test_payment_on_a_stopped_dossier_is_recorded_without_moving_it(
    waiting: Dossier, people: Any, ipn: Any
) -> None:
    payment = payments.payment_start(dossier=waiting, actor=people.an).payment
    services.dossier_stop(actor=people.em, dossier=waiting, reason="Cơ sở ngừng hoạt động")
    assert payments.payment_confirm_ipn(ipn(payment)).code == "00"
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.STOPPED
    entry = AuditEntry.objects.get(action="payments.payment.ipn")
    assert entry.after["dossier_resumed"] is False


def test_an_error_midway_answers_99_and_rolls_everything_back(
    waiting: Dossier, people: Any, ipn: Any, monkeypatch: Any
) -> None:
    payment = payments.payment_start(dossier=waiting, actor=people.an).payment
    before = snapshot(waiting)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("mất kết nối giữa chừng")

    # the payment row is already updated when the dossier transition fails
    monkeypatch.setattr(services, "dossier_payment_confirm", broken)
    assert payments.payment_confirm_ipn(ipn(payment)).as_json() == {
        "RspCode": "99",
        "Message": "Unknown error",
    }
    assert snapshot(waiting) == before
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PENDING
    monkeypatch.undo()
    assert payments.payment_confirm_ipn(ipn(payment)).code == "00"  # the gateway's retry succeeds
