"""Payment API: the applicant starts an online payment of their dossier's open obligation and gets the
gateway address; anyone who may see the dossier reads its payments. The officer's request (4 → 6) is
``POST /api/v1/dossiers/{code}/request-payment`` with the other transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from tinhso.onestop.api import _user, _visible, bearer
from tinhso.payments import services
from tinhso.payments.models import Payment
from tinhso.payments.views import client_ip

router = Router(tags=["Thanh toán trực tuyến"], auth=bearer)


class PaymentStartIn(Schema):
    dossier_code: str


class PaymentOut(Schema):
    txn_ref: str
    dossier_code: str
    amount: int
    status: str
    status_label: str
    created_at: dt.datetime
    expires_at: dt.datetime
    paid_at: dt.datetime | None
    transaction_no: str


class PaymentStartOut(PaymentOut):
    pay_url: str


def _out(payment: Payment, code: str) -> dict[str, Any]:
    return {
        "txn_ref": payment.txn_ref,
        "dossier_code": code,
        "amount": payment.amount,
        "status": payment.status,
        "status_label": payment.get_status_display(),
        "created_at": payment.created_at,
        "expires_at": payment.expires_at,
        "paid_at": payment.paid_at,
        "transaction_no": payment.transaction_no,
    }


@router.post(
    "/", response={201: PaymentStartOut}, summary="Người nộp bắt đầu thanh toán phí, lệ phí của hồ sơ"
)
def payment_start(request: HttpRequest, payload: PaymentStartIn) -> Status[dict[str, Any]]:
    dossier = _visible(request, payload.dossier_code)
    started = services.payment_start(dossier=dossier, actor=_user(request), client_ip=client_ip(request))
    return Status(201, {**_out(started.payment, dossier.code or ""), "pay_url": started.pay_url})


@router.get("/", response=list[PaymentOut], summary="Các giao dịch thanh toán của một hồ sơ")
def payment_list(request: HttpRequest, dossier_code: str) -> list[dict[str, Any]]:
    dossier = _visible(request, dossier_code)
    return [
        _out(p, dossier.code or "") for p in Payment.objects.filter(dossier=dossier).order_by("-created_at")
    ]
