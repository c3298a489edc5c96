"""The pages and the API: the officer's request on the dossier page (CSRF form, Vietnamese errors, 400),
the applicant's amount and «Thanh toán trực tuyến» button, the return page (display only), the IPN
endpoint's JSON, the API endpoints; II.06a counts a dossier in status 6 as pending."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop.models import Dossier, DossierStatus
from tinhso.payments import vnpay
from tinhso.payments.models import Payment, PaymentStatus
from tinhso.reports.ii06a import Period, ii06a_counts_from_events, ii06a_counts_live

from .conftest import FEE, received

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client(enforce_csrf_checks=True)
    c.force_login(user)
    return c


def csrf_post(c: Client, page: str, url: str, data: dict[str, Any]) -> Any:
    c.get(page)
    return c.post(url, {**data, "csrfmiddlewaretoken": c.cookies["csrftoken"].value})


def test_officer_requests_payment_on_the_dossier_page(procedure: Any, people: Any) -> None:
    d = received(procedure, people)
    page = reverse("onestop_office:detail", args=[d.code])
    url = reverse("onestop_office:act", args=[d.code, "yeu-cau-nop-phi"])
    chi = client_for(people.chi)
    html = chi.get(page).content.decode()
    assert "Yêu cầu thực hiện nghĩa vụ tài chính" in html and 'value="500000"' in html
    # not offered to someone who does not handle the step
    assert "yeu-cau-nop-phi" not in client_for(people.dung).get(page).content.decode()

    for bad, message in [("", "Cần nhập số tiền phải nộp."), ("năm trăm", "Số tiền phải là số nguyên")]:
        r = csrf_post(
            chi, page, url, {"yeu-cau-nop-phi-expected_version": d.version, "yeu-cau-nop-phi-amount": bad}
        )
        assert r.status_code == 400 and message in r.content.decode()
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.PROCESSING
    # without the CSRF token: refused
    plain = Client(enforce_csrf_checks=True)
    plain.force_login(people.chi)
    assert plain.post(url, {"yeu-cau-nop-phi-amount": "1"}).status_code == 403

    r = csrf_post(
        chi,
        page,
        url,
        {
            "yeu-cau-nop-phi-expected_version": d.version,
            "yeu-cau-nop-phi-amount": "650.000",
            "yeu-cau-nop-phi-note": "Lệ phí và phí thẩm định",
        },
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.PAYMENT


def test_citizen_pays_from_the_dossier_page_and_sees_the_result(
    waiting: Dossier, people: Any, ipn: Any
) -> None:
    an = client_for(people.an)
    page = reverse("onestop_public:detail", args=[waiting.code])
    html = an.get(page).content.decode()
    assert "Yêu cầu thực hiện nghĩa vụ tài chính" in html
    assert "500.000 đồng" in html and "Thanh toán trực tuyến" in html

    # someone else's dossier: 404, nothing started
    r = csrf_post(client_for(people.phuc), "/", reverse("payments:start", args=[waiting.code]), {})
    assert r.status_code == 404 and not Payment.objects.exists()

    r = csrf_post(an, page, reverse("payments:start", args=[waiting.code]), {})
    assert r.status_code == 302 and r["Location"].startswith(settings.VNPAY_PAY_URL + "?")
    payment = Payment.objects.get()
    assert dict(parse_qsl(urlsplit(r["Location"]).query))["vnp_TxnRef"] == payment.txn_ref

    # the return page before the IPN arrived: display only, nothing changes
    back = ipn(payment)
    r = an.get(reverse("payments:vnpay_return"), back)
    assert r.status_code == 200 and "Đang chờ xác nhận thanh toán" in r.content.decode()
    assert Payment.objects.get().status == PaymentStatus.PENDING
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PAYMENT
    # a forged return: 400
    r = an.get(reverse("payments:vnpay_return"), {**back, "vnp_Amount": "100"})
    assert r.status_code == 400 and "không hợp lệ" in r.content.decode()

    # the IPN endpoint answers JSON as VNPay expects
    r = Client().get(reverse("payments:vnpay_ipn") + "?" + urlencode(back))
    assert r.status_code == 200 and r.json() == {"RspCode": "00", "Message": "Confirm Success"}
    assert Client().get(reverse("payments:vnpay_ipn") + "?" + urlencode(back)).json()["RspCode"] == "02"
    r = Client().get(reverse("payments:vnpay_ipn"), {"vnp_TxnRef": payment.txn_ref})
    assert r.json() == {"RspCode": "97", "Message": "Invalid Checksum"}

    html = an.get(reverse("payments:vnpay_return"), back).content.decode()
    assert "Thanh toán thành công" in html and "500.000 đồng" in html
    html = an.get(page).content.decode()
    assert "Thanh toán trực tuyến" not in html and "Đã thực hiện nghĩa vụ tài chính" in html
    cancelled = ipn(payment, code="24", status="02")
    html = Client().get(reverse("payments:vnpay_return"), cancelled).content.decode()
    assert "Thanh toán thành công" in html  # the page shows what the IPN recorded, not the browser's word


def api(user: Any) -> tuple[Client, dict[str, str]]:
    c = Client()
    r = c.post(
        "/api/v1/auth/token",
        {"identifier": user.username, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    return c, {"Authorization": f"Bearer {r.json()['token']}"}


def test_api_request_and_start(procedure: Any, people: Any) -> None:
    d = received(procedure, people)
    chi, chi_h = api(people.chi)
    an, an_h = api(people.an)
    r = chi.post(
        f"/api/v1/dossiers/{d.code}/request-payment",
        {"expected_version": d.version, "amount": -5},
        content_type="application/json",
        headers=chi_h,
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_amount"
    r = an.post(
        f"/api/v1/dossiers/{d.code}/request-payment", {}, content_type="application/json", headers=an_h
    )
    assert r.status_code == 403
    r = chi.post(
        f"/api/v1/dossiers/{d.code}/request-payment",
        {"expected_version": d.version},
        content_type="application/json",
        headers=chi_h,
    )
    assert r.status_code == 200 and r.json()["status"] == 6
    assert r.json()["events"][-1]["action"] == "request_payment"

    r = chi.post(
        "/api/v1/payments/", {"dossier_code": d.code}, content_type="application/json", headers=chi_h
    )
    assert r.status_code == 403 and r.json()["message"].startswith("Chỉ người nộp hồ sơ")
    r = an.post("/api/v1/payments/", {"dossier_code": d.code}, content_type="application/json", headers=an_h)
    assert r.status_code == 201
    body = r.json()
    assert body["amount"] == FEE and body["status"] == "pending"
    assert vnpay.verify(dict(parse_qsl(urlsplit(body["pay_url"]).query)), settings.VNPAY_HASH_SECRET)
    r = an.get("/api/v1/payments/", {"dossier_code": d.code}, headers=an_h)
    assert [p["txn_ref"] for p in r.json()] == [body["txn_ref"]]
    _, phuc_h = api(people.phuc)
    r = Client().post(
        "/api/v1/payments/", {"dossier_code": d.code}, content_type="application/json", headers=phuc_h
    )
    assert r.status_code == 404


def test_ii06a_counts_a_dossier_waiting_for_payment_as_pending(procedure: Any, people: Any) -> None:
    from tinhso.onestop import services

    tz = vnpay.GMT7
    d = received(procedure, people, dt.datetime(2017, 3, 6, 9, tzinfo=tz))
    services.dossier_request_payment(actor=people.chi, dossier=d, at=dt.datetime(2017, 3, 7, 9, tzinfo=tz))
    # within the deadline at the end of March 7; overdue at the end of March 31
    for period, within, overdue in [
        (Period(dt.date(2017, 3, 1), dt.date(2017, 3, 7)), 1, 0),
        (Period(dt.date(2017, 3, 1), dt.date(2017, 3, 31)), 0, 1),
    ]:
        live = ii06a_counts_live(period)
        replay = ii06a_counts_from_events(period)
        assert live == replay
        (counts,) = live.values()
        assert counts.new_online == 1 and counts.resolved == 0
        assert (counts.pending_within, counts.pending_overdue) == (within, overdue)
        assert counts.balanced
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.PAYMENT


def test_worklists_keep_a_dossier_waiting_for_payment(waiting: Dossier, people: Any) -> None:
    from tinhso.onestop import services, worklists

    # the step stays open with the officer; its clock runs
    assert [s.dossier_id for s in worklists.worklist(people.chi, "mine")] == [waiting.pk]
    later = waiting.due_at + dt.timedelta(hours=1)
    assert worklists.worklist_counts(people.chi, now=later).overdue == 1
    # a withdrawal asked while waiting for the payment reaches the desk
    services.dossier_withdraw_request(actor=people.an, dossier=waiting, reason="Không tiếp tục kinh doanh")
    assert list(worklists.desk_queue(people.binh, "withdraw")) == [waiting]
    assert worklists.desk_counts(people.binh)["withdraw"] == 1
