"""Official documents in a real browser: specialist Chi drafts a decision in the back office and
submits it; director Em finds it in «Văn bản đi», signs it digitally, and the page shows its number
and a valid signature; clerk Hoa issues it, which adds the agency's signature (the seal), and both
signatures show as valid; the first page of the issued PDF, rendered to PNG (poppler's pdftoppm), shows
the Decree 30 signature block: the leader's signature image and lines, the seal over its left third.
It is in the outgoing register. Screenshots in test-artifacts/screenshots/documents-*.png."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.documents.models import OutgoingDocument, OutgoingStatus

from .conftest import SCREENSHOTS, sign_in

SUMMARY = "Về việc ban hành Quy chế quản lý và sử dụng chữ ký số trong hoạt động của Sở"


@pytest.fixture
def people(persona: Any) -> dict[str, Any]:
    return {key: persona(key) for key in ("chi", "em", "hoa")}


def test_director_signs_from_the_back_office(
    people: dict[str, Any], new_context: Any, screenshot: Any
) -> None:
    drafter = new_context().new_page()
    sign_in(drafter, people["chi"].email, DEMO_PASSWORD)
    drafter.goto("/quan-tri/")
    drafter.get_by_role("link", name="Văn bản đi").click()
    expect(drafter.get_by_role("heading", name="Sổ đăng ký văn bản đi")).to_be_visible()
    drafter.get_by_role("link", name="Soạn văn bản mới").click()
    drafter.get_by_label("Loại văn bản").select_option(label="Quyết định")
    drafter.get_by_label("Trích yếu").fill(SUMMARY)
    drafter.get_by_label("Đơn vị soạn thảo").select_option(label="Phòng Thông tin - Báo chí - Xuất bản")
    drafter.get_by_label("Nội dung").fill(
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý và sử dụng chữ ký số.\n\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký."
    )
    drafter.get_by_label("Nơi nhận").fill("Như Điều 3\nUBND tỉnh (b/c)")
    screenshot("documents-draft-form", of=drafter)
    drafter.get_by_role("button", name="Lưu dự thảo").click()
    expect(drafter.get_by_text("Đã lưu dự thảo văn bản.")).to_be_visible()
    expect(drafter.get_by_text("Chưa cấp số (…/QĐ-STTTT)")).to_be_visible()
    drafter.get_by_role("button", name="Trình ký").click()
    expect(drafter.get_by_text("Đã trình ký văn bản.")).to_be_visible()
    expect(drafter.get_by_role("button", name="Ký số và cấp số")).to_have_count(0)

    director = new_context().new_page()
    sign_in(director, people["em"].email, DEMO_PASSWORD)
    director.goto("/quan-tri/")
    director.get_by_role("navigation").get_by_role("link", name="Văn bản đi").click()
    director.get_by_role("link", name=re.compile("^Dự thảo, chờ ký")).click()
    screenshot("documents-pending", of=director)
    director.get_by_role("link", name=SUMMARY).click()
    director.get_by_role("button", name="Ký số và cấp số").click()
    expect(director.get_by_text("Đã ký số và cấp số văn bản.")).to_be_visible()
    expect(director.get_by_role("heading", level=1)).to_have_text("Văn bản số 01/QĐ-STTTT")
    expect(director.get_by_role("heading", name="Chữ ký hợp lệ.")).to_be_visible()
    expect(director.get_by_text("Phạm Văn Em, Giám đốc Sở").first).to_be_visible()
    screenshot("documents-signed", of=director)
    doc = OutgoingDocument.objects.get(summary=SUMMARY)
    assert doc.status == OutgoingStatus.SIGNED and doc.number_symbol == "01/QĐ-STTTT"
    # clerk Hoa issues it: the agency's signature is added, both signatures are valid
    clerk = new_context().new_page()
    sign_in(clerk, people["hoa"].email, DEMO_PASSWORD)
    clerk.goto(f"/quan-tri/van-ban/di/{doc.pk}/")
    clerk.get_by_role("button", name="Phát hành (ký số của cơ quan)").click()
    expect(clerk.get_by_text("Đã phát hành văn bản.")).to_be_visible()
    expect(clerk.get_by_role("heading", name="Các chữ ký hợp lệ.")).to_be_visible()
    expect(clerk.get_by_role("heading", name="Chữ ký số của cơ quan (văn thư phát hành)")).to_be_visible()
    expect(clerk.get_by_text("Sở Thông tin và Truyền thông tỉnh Hậu Giang").first).to_be_visible()
    screenshot("documents-issued", of=clerk)
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.ISSUED and doc.issued_sha256
    # the issued PDF downloads as it was stored
    with clerk.expect_download() as download_info:
        clerk.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'x.pdf'; "
            "document.body.appendChild(a); a.click(); }",
            f"/quan-tri/van-ban/di/{doc.pk}/tep/",
        )
    with open(download_info.value.path(), "rb") as handle:
        data = handle.read()
    with doc.issued_pdf.open("rb") as handle:
        assert data == handle.read()
    with doc.signed_pdf.open("rb") as handle:
        assert data.startswith(handle.read())  # the leader-signed revision, then the agency's signature
    # it is in the register, with both signatures intact
    clerk.get_by_role("link", name="« Văn bản đi").click()
    row = clerk.get_by_role("row").filter(has_text="01/QĐ-STTTT")
    expect(row).to_contain_text("Phạm Văn Em")
    expect(row).to_contain_text("Ký số")
    expect(row).to_contain_text("Cơ quan: Sở Thông tin và Truyền thông tỉnh Hậu Giang")
    expect(row.get_by_text("Nguyên vẹn")).to_have_count(2)
    screenshot("documents-register", of=clerk)
    # and the issued PDF's first page shows the signature block
    _show_first_page(data, clerk, screenshot)


def _show_first_page(pdf: bytes, page: Any, screenshot: Any) -> None:
    """Render the first page of ``pdf`` to PNG with pdftoppm (Debian's poppler-utils), keep it as
    test-artifacts/screenshots/documents-issued-pdf-page1.png and show it in the browser; the rendered
    page is not blank and has the red of the seal and the blue of the signature image."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the issued PDF is not rendered")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / "documents-issued-pdf-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-", str(target)],
        input=pdf,
        check=True,
        timeout=60,
    )
    png = Path(f"{target}.png").read_bytes()
    from PIL import Image

    with Image.open(Path(f"{target}.png")) as image:
        colours = {
            image.convert("RGB").getpixel((x, y))
            for x in range(0, image.width, 3)
            for y in range(0, image.height, 3)
        }
    assert any(r > 180 and g < 80 and b < 90 for r, g, b in colours), "no seal red on the page"
    assert any(b > 120 and r < 80 and g < 110 for r, g, b in colours), "no signature blue on the page"
    source = "data:image/png;base64," + base64.b64encode(png).decode()
    page.set_content(
        "<html lang='vi'><body style='margin:0;background:#777'>"
        f"<img alt='Trang 1 của văn bản đã phát hành' src='{source}'"
        " style='display:block;margin:0 auto;background:#fff'></body></html>"
    )
    expect(page.get_by_role("img", name="Trang 1 của văn bản đã phát hành")).to_be_visible()
    screenshot("documents-issued-pdf", of=page)


def test_exchange_between_two_agencies(
    people: dict[str, Any], new_context: Any, screenshot: Any, tmp_path: Any
) -> None:
    """Clerk Hoa sends a signed decision to UBND thành phố Vị Thanh as an edXML envelope; the clerk
    of Vị Thanh receives it into their incoming register, with the signature still valid."""
    from tinhso.accounts.services import user_create
    from tinhso.documents import services
    from tinhso.org.models import Agency, Role
    from tinhso.org.services import staff_role_grant

    so = Agency.objects.get(code="000.00.15.H30")
    vi_thanh = Agency.objects.get(code="000.00.31.H30")
    doc = services.outgoing_create(
        actor=people["chi"], agency=so, doc_type="QĐ", summary=SUMMARY, recipients="UBND thành phố Vị Thanh",
        body="Điều 1. Ban hành Quy chế.",
    )  # fmt: skip
    services.outgoing_submit(actor=people["chi"], document=doc)
    services.outgoing_sign(actor=people["em"], document=doc)
    other = user_create(
        actor=None, username="vanthu@vithanh.gov.vn", password=DEMO_PASSWORD, full_name="Tạ Thị Bảy",
        kind="staff", email="vanthu@vithanh.gov.vn",
    )  # fmt: skip
    staff_role_grant(actor=None, user=other, agency=vi_thanh, role=Role.DOCUMENT_CLERK, title="Văn thư")

    sender = new_context().new_page()
    sign_in(sender, people["hoa"].email, DEMO_PASSWORD)
    sender.goto(f"/quan-tri/van-ban/di/{doc.pk}/")
    sender.get_by_label("Gửi đến cơ quan").select_option(label="Ủy ban nhân dân thành phố Vị Thanh")
    with sender.expect_download() as download_info:
        sender.get_by_role("button", name="Tải gói tin edXML").click()
    envelope = tmp_path / "van-ban.edxml"
    download_info.value.save_as(envelope)
    assert b"edXMLEnvelope" in envelope.read_bytes()

    receiver = new_context().new_page()
    sign_in(receiver, "vanthu@vithanh.gov.vn", DEMO_PASSWORD)
    receiver.goto("/quan-tri/")
    receiver.get_by_role("navigation").get_by_role("link", name="Văn bản đến").click()
    receiver.get_by_role("link", name="Nhận văn bản liên thông (edXML)").click()
    receiver.get_by_label("Gói tin edXML").set_input_files(str(envelope))
    receiver.get_by_role("button", name="Kiểm tra và vào sổ").click()
    expect(receiver.get_by_text("Đã nhận văn bản liên thông, vào sổ văn bản đến số 1.")).to_be_visible()
    expect(receiver.get_by_role("heading", name="Chữ ký hợp lệ.")).to_be_visible()
    expect(receiver.get_by_text("01/QĐ-STTTT").first).to_be_visible()
    screenshot("documents-received-edxml", of=receiver)
    # a broken envelope is refused with the reason and nothing is registered
    broken = tmp_path / "hong.edxml"
    broken.write_bytes(b"<edXML><hong")
    receiver.goto("/quan-tri/van-ban/den/nhan-edxml/")
    receiver.get_by_label("Gói tin edXML").set_input_files(str(broken))
    receiver.get_by_role("button", name="Kiểm tra và vào sổ").click()
    expect(receiver.get_by_text(re.compile("^Gói tin không phải XML hợp lệ"))).to_be_visible()
    screenshot("documents-edxml-refused", of=receiver)
