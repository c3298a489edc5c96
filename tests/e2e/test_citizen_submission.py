"""Citizen An, in a real browser: finds a procedure by an unaccented search, fills the e-form, uploads
one file per document, reviews, submits, sees the code, downloads the receipt and tracks the dossier
publicly, on desktop and phone viewports. Screenshots in test-artifacts/screenshots/citizen-*.png."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect
from pypdf import PdfReader

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop.models import Dossier, DossierFile, DossierStatus

from .conftest import PHONE, sign_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PRINTING = "Cấp giấy phép hoạt động in"


@pytest.fixture
def demo_catalog(demo_agencies: Any, settings: Any, tmp_path: Path) -> None:
    from tinhso.catalog.demo import catalog_load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_load_demo()


def test_citizen_submits_online_and_tracks(
    page: Any, new_context: Any, screenshot: Any, demo_catalog: None, citizen_an: Any, tmp_path: Path
) -> None:
    sign_in(page, citizen_an.email, DEMO_PASSWORD)

    # the directory, searched without tone marks
    page.goto("/")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Thủ tục hành chính"
    ).click()
    page.get_by_label("Tìm thủ tục hành chính").fill("giay phep in")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name=PRINTING, exact=True)).to_be_visible()
    screenshot("citizen-directory-desktop")
    page.get_by_role("link", name=PRINTING, exact=True).click()
    expect(page.get_by_role("heading", name=PRINTING, level=1)).to_be_visible()
    expect(page.get_by_text("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")).to_be_visible()
    screenshot("citizen-procedure-desktop")

    # the e-form and one upload per document
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page.get_by_role("heading", name="Nộp hồ sơ trực tuyến")).to_be_visible()
    page.locator("#id_applicant_address").fill("Số 12 Trần Hưng Đạo, phường 5, thành phố Vị Thanh")
    page.get_by_label("Tên cơ sở in").fill("Cơ sở in Phúc Hậu")
    page.get_by_label("Địa chỉ cơ sở in").fill("Khu vực 3, phường 7, thành phố Vị Thanh")
    page.get_by_label("Họ tên người đứng đầu cơ sở in").fill("Nguyễn Văn An")
    page.get_by_label("Sản phẩm in chủ yếu").fill("Nhãn hàng, bao bì, tờ rơi")
    inputs = page.locator('input[type="file"]')
    count = inputs.count()
    assert count == 6
    for i in range(count):
        path = tmp_path / f"giay-to-{i + 1}.pdf"
        path.write_bytes(PDF)
        inputs.nth(i).set_input_files(str(path))
    screenshot("citizen-form-desktop")
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()

    # review, submit
    expect(page.get_by_role("heading", name="Xem lại hồ sơ trước khi nộp")).to_be_visible()
    expect(page.get_by_text("Cơ sở in Phúc Hậu")).to_be_visible()
    screenshot("citizen-review-desktop")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    dossier = Dossier.objects.get(applicant=citizen_an)
    assert dossier.status == DossierStatus.NEW
    assert re.fullmatch(r"000\.00\.15\.H30-\d{6}-0001", dossier.code)
    assert DossierFile.objects.filter(dossier=dossier).count() == 6
    expect(page.get_by_role("heading", name=f"Hồ sơ {dossier.code}")).to_be_visible()
    expect(page.get_by_text(f"Mã hồ sơ: {dossier.code}")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Mới đăng ký")
    screenshot("citizen-submitted-desktop")

    # the receipt: downloaded at once
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Giấy tiếp nhận hồ sơ (PDF)").click()
    saved = tmp_path / "receipt.pdf"
    info.value.save_as(str(saved))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert (
        dossier.code in text and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and "Nguyễn Văn An" in text
    )
    # mailed by the background task that the submission enqueued after commit: the worker runs it
    assert not [m for m in mail.outbox if dossier.code in m.subject]
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    ).run()
    receipts = [m for m in mail.outbox if m.attachments and dossier.code in m.subject]
    assert len(receipts) == 1 and receipts[0].to == [citizen_an.email]

    # "Hồ sơ của tôi"
    page.goto("/ho-so/")
    expect(page.get_by_role("link", name=dossier.code)).to_be_visible()
    screenshot("citizen-my-dossiers-desktop")

    # public tracking as the QR code opens it, from a phone with no session
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(f"/ho-so/tra-cuu/?ma={dossier.code}&mk={dossier.tracking_secret}")
    expect(phone.get_by_role("heading", name=f"Hồ sơ {dossier.code}")).to_be_visible()
    expect(phone.locator(".status")).to_have_text("Mới đăng ký")
    screenshot("citizen-tracking-phone", of=phone)
    phone.goto(f"/ho-so/tra-cuu/?ma={dossier.code}&mk=AAAAAAAA")
    expect(phone.get_by_text("Không tìm thấy hồ sơ khớp với mã hồ sơ và mã tra cứu đã nhập.")).to_be_visible()
    expect(phone.get_by_text(PRINTING)).to_have_count(0)
    phone.goto("/thu-tuc/?q=giay+phep+in")
    screenshot("citizen-directory-phone", of=phone)
    phone.goto("/thu-tuc/1.004030/")
    expect(phone.get_by_text("10.750.000 đồng")).to_be_visible()
    screenshot("citizen-procedure-phone", of=phone)

    # the same dossier on the phone, signed in
    sign_in(phone, citizen_an.email, DEMO_PASSWORD)
    phone.goto(f"/ho-so/{dossier.code}/")
    expect(phone.get_by_role("heading", name=f"Hồ sơ {dossier.code}")).to_be_visible()
    screenshot("citizen-detail-phone", of=phone)
    phone.goto("/ho-so/")
    screenshot("citizen-my-dossiers-phone", of=phone)
    phone.goto("/thu-tuc/1.004494/")
    phone.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    screenshot("citizen-form-phone", of=phone)
