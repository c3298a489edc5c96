"""Form 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) as a PDF: A5, DejaVu Serif, the diacritics read
back from the file, the QR code to the tracking page with the code and the second factor; e-mailed
after the submission commits."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from tinhso.onestop import pdf
from tinhso.onestop.receipt import receipt_mail_send

from .conftest import local, received, submitted

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def test_form01_pdf_is_a5_dejavu_with_correct_diacritics(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6, 9, 30))
    data = pdf.form01_pdf(dossier)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "form01-submitted.pdf").write_bytes(data)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5 in points
    fonts = _fonts(data)
    assert fonts and all("DejaVu-Serif" in f or "DejaVuSerif" in f for f in fonts), fonts
    text = _text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Nguyễn Văn An",
        "Cấp giấy phép hoạt động in",
        "Đơn đề nghị",
        "000.00.15.H30-170306-0001",
        dossier.tracking_secret,
        "09 giờ 30 phút, ngày 06/03/2017",
        "03 ngày làm việc",
        "Ngày hẹn dự kiến",
    ):
        assert expected in text, expected


def test_form01_after_reception_shows_promised_time_and_receiver(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9, 0))
    data = pdf.form01_pdf(dossier)
    (ARTIFACTS / "form01-received.pdf").write_bytes(data)
    text = _text(data)
    assert "Ngày hẹn dự kiến" not in text
    # 3 working days from Monday 06/03/2017 09:00 → Thursday 09/03/2017 09:00
    assert "09 giờ 00 phút, ngày 09/03/2017" in text
    assert people.binh.full_name in text


def test_qr_points_to_tracking_with_code_and_secret(procedure: Any, people: Any, settings: Any) -> None:
    settings.SITE_URL = "https://dichvucong.haugiang.example"
    dossier = submitted(procedure, people.an, local(2017, 3, 6))
    url = pdf.tracking_url(dossier)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == settings.SITE_URL
    assert parts.path == reverse("onestop_public:track")
    assert parse_qs(parts.query) == {"ma": [dossier.code], "mk": [dossier.tracking_secret]}
    context = pdf.form01_context(dossier)
    assert context["qr"].startswith("data:image/svg+xml")
    assert context["qr"] == pdf.qr_svg_data_uri(url)


def test_receipt_mailed_with_pdf(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6))
    mail.outbox.clear()
    assert receipt_mail_send(dossier.pk) is True
    [message] = mail.outbox
    assert message.to == ["an@example.vn"]
    assert dossier.code in message.subject
    assert dossier.tracking_secret in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == f"giay-tiep-nhan-{dossier.code}.pdf" and mimetype == "application/pdf"
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in _text(content)


def test_no_receipt_for_a_draft(procedure: Any, people: Any) -> None:
    from .conftest import draft

    dossier = draft(procedure, people.an, local(2017, 3, 6))
    with pytest.raises(ValueError):
        pdf.form01_pdf(dossier)
    assert receipt_mail_send(dossier.pk) is False
