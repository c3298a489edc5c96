"""A real round trip over HTTP: the sandbox gateway in its own process (`tinhso payments sandbox`) and
the Django live server, driven with urllib like a browser without JavaScript. The IPN reaches the
merchant over HTTP before the browser is sent back; the return page only shows what it recorded."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, EventAction
from tinhso.payments.models import Payment, PaymentStatus

pytestmark = pytest.mark.django_db(transaction=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def http(
    url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    body = None
    hdrs = dict(headers or {})
    if data is not None:
        if hdrs.get("Content-Type") == "application/json":
            body = json.dumps(data).encode()
        else:
            body = urlencode(data).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers=hdrs)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


def start_over_api(live_server: Any, user: Any, code: str) -> dict[str, Any]:
    status, _, body = http(
        f"{live_server.url}/api/v1/auth/token",
        {"identifier": user.username, "password": DEMO_PASSWORD},
        {"Content-Type": "application/json"},
    )
    assert status == 201, body
    token = json.loads(body)["token"]
    status, _, body = http(
        f"{live_server.url}/api/v1/payments/",
        {"dossier_code": code},
        {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert status == 201, body
    return dict(json.loads(body))


def gateway_form(pay_url: str) -> dict[str, str]:
    status, _, page = http(pay_url)
    assert status == 200, page
    assert "Thanh toán trực tuyến" in page and "500.000 đồng" in page
    assert "Hủy giao dịch" in page and "<script" not in page
    q = re.search(r'name="q" value="([^"]*)"', page)
    assert q is not None
    return {"q": html.unescape(q.group(1))}


def test_pay_through_the_sandbox_over_http(
    waiting: Dossier, people: Any, gateway: str, live_server: Any
) -> None:
    started = start_over_api(live_server, people.an, waiting.code or "")
    assert started["pay_url"].startswith(gateway + "?")
    form = gateway_form(started["pay_url"])

    status, headers, _ = http(gateway.replace("vpcpay.html", "xac-nhan"), {**form, "action": "pay"})
    assert status == 302
    location = headers["Location"]
    assert location.startswith(f"{live_server.url}/thanh-toan/vnpay/ket-qua/?")
    assert dict(parse_qsl(urlsplit(location).query))["vnp_ResponseCode"] == "00"
    # the IPN has already arrived over HTTP and was confirmed
    payment = Payment.objects.get(txn_ref=started["txn_ref"])
    assert payment.status == PaymentStatus.PAID and payment.transaction_no.isdigit()
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PROCESSING
    assert DossierEvent.objects.filter(dossier=waiting, action=EventAction.PAY).count() == 1

    status, _, page = http(location)
    assert status == 200 and "Thanh toán thành công" in page and payment.txn_ref in page

    # the same form again: the gateway refuses to process a reference twice
    status, _, page = http(gateway.replace("vpcpay.html", "xac-nhan"), {**form, "action": "pay"})
    assert status == 400 and "Giao dịch này đã được xử lý." in page


def test_cancel_and_forgeries_over_http(
    waiting: Dossier, people: Any, gateway: str, live_server: Any
) -> None:
    started = start_over_api(live_server, people.an, waiting.code or "")
    # a tampered pay URL is refused by the gateway
    status, _, page = http(started["pay_url"].replace("vnp_Amount=50000000", "vnp_Amount=100"))
    assert status == 400 and "Sai chữ ký" in page
    # a forged IPN straight to the merchant
    status, _, body = http(
        f"{live_server.url}/thanh-toan/vnpay/ipn/?vnp_TxnRef={started['txn_ref']}&vnp_ResponseCode=00&vnp_SecureHash=abc"
    )
    assert status == 200 and json.loads(body) == {"RspCode": "97", "Message": "Invalid Checksum"}
    assert Payment.objects.get(txn_ref=started["txn_ref"]).status == PaymentStatus.PENDING

    form = gateway_form(started["pay_url"])
    status, headers, _ = http(gateway.replace("vpcpay.html", "xac-nhan"), {**form, "action": "cancel"})
    assert status == 302
    payment = Payment.objects.get(txn_ref=started["txn_ref"])
    assert payment.status == PaymentStatus.FAILED and payment.response_code == "24"
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PAYMENT
    status, _, page = http(headers["Location"])
    assert status == 200 and "Thanh toán không thành công" in page and "Khách hàng hủy giao dịch." in page
    assert settings.VNPAY_PAY_URL == gateway
