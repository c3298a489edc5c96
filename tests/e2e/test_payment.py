"""Online payment in a real browser: specialist Chi asks for the fee on the dossier page (4 → 6),
citizen An sees the amount on «Hồ sơ của tôi», pays on the sandbox gateway (its own process, VNPay
2.1.0 protocol), comes back to the result page, and the dossier is processing again — moved by the
IPN, not by the browser. Screenshots in test-artifacts/screenshots/payment-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

import payments.conftest as fixtures
from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop.models import Dossier, DossierStatus
from tinhso.payments.models import Payment, PaymentStatus

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
# the fixtures of tests/payments: a procedure with a 500.000 đồng fee, the personas, the sandbox gateway
procedure = fixtures.procedure
people = fixtures.people
gateway = fixtures.gateway


def open_as(new_context: Any, user: Any) -> Any:
    page = new_context().new_page()
    sign_in(page, user.email, DEMO_PASSWORD)
    return page


def test_fee_requested_paid_online_and_processing_resumes(
    new_context: Any, screenshot: Any, procedure: Any, people: Any, gateway: str, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    d = fixtures.received(procedure, people)

    chi = open_as(new_context, people.chi)
    chi.goto(f"/quan-tri/mot-cua/ho-so/{d.code}/")
    chi.get_by_text("Yêu cầu thực hiện nghĩa vụ tài chính", exact=True).first.click()
    amount = chi.get_by_label("Số tiền phải nộp (đồng)")
    expect(amount).to_have_value("500000")
    amount.fill("")
    chi.get_by_role("button", name="Yêu cầu thực hiện nghĩa vụ tài chính").click()
    expect(chi.get_by_text("Cần nhập số tiền phải nộp.")).to_be_visible()
    chi.get_by_label("Số tiền phải nộp (đồng)").fill("500.000")
    chi.get_by_label("Nội dung, căn cứ thu").fill("Lệ phí cấp giấy phép hoạt động in")
    chi.get_by_role("button", name="Yêu cầu thực hiện nghĩa vụ tài chính").click()
    expect(chi.get_by_text("hồ sơ chờ thanh toán")).to_be_visible()
    screenshot("payment-office-requested", of=chi)
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.PAYMENT

    an = open_as(new_context, people.an)
    an.goto(f"/ho-so/{d.code}/")
    expect(an.get_by_role("heading", name="Yêu cầu thực hiện nghĩa vụ tài chính")).to_be_visible()
    expect(an.get_by_text("500.000 đồng").first).to_be_visible()
    screenshot("payment-citizen-dossier", of=an)
    an.get_by_role("button", name="Thanh toán trực tuyến").click()
    an.wait_for_url(f"{gateway}?*")
    expect(an.get_by_text("500.000 đồng")).to_be_visible()
    expect(an.get_by_text(f"Nộp phí, lệ phí hồ sơ {d.code}")).to_be_visible()
    screenshot("payment-gateway", of=an)
    an.get_by_role("button", name="Thanh toán", exact=True).click()
    an.wait_for_url("**/thanh-toan/vnpay/ket-qua/**")
    expect(an.get_by_role("heading", name="Thanh toán thành công")).to_be_visible()
    screenshot("payment-return", of=an)
    payment = Payment.objects.get(dossier=d)
    assert payment.status == PaymentStatus.PAID
    assert Dossier.objects.get(pk=d.pk).status == DossierStatus.PROCESSING

    an.get_by_role("link", name="Về trang hồ sơ").click()
    expect(an.get_by_text("Đang xử lý").first).to_be_visible()
    expect(an.get_by_role("button", name="Thanh toán trực tuyến")).to_have_count(0)
    screenshot("payment-citizen-after", of=an)
