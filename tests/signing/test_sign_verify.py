"""Signing a real PDF with the demo CA and verifying it: intact and trusted; one changed byte → not
intact; bytes appended after signing → not the whole file; a self-signed foreign certificate → not
trusted; only directors and deputy directors get a certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tinhso.core.errors import InvalidInput, NotAllowed
from tinhso.signing.ca import Credentials, demo_ca, signer_credentials
from tinhso.signing.pdf import sign_pdf, sign_with, verify_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    html = (
        "<html><body style='font-family: \"DejaVu Serif\"'><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
        "<p>Quyết định về việc ban hành Quy chế quản lý văn bản điện tử</p></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


@pytest.fixture
def em(persona: Callable[[str], Any]) -> Any:
    return persona("em")


def test_sign_then_verify_gives_signer_time_and_a_valid_trusted_signature(pdf_bytes: bytes, em: Any) -> None:
    signed = sign_pdf(pdf_bytes, em, "Ban hành văn bản", "Hậu Giang")
    assert signed.startswith(pdf_bytes)  # incremental update: the original bytes are kept
    check = verify_pdf(signed)
    assert check.signed and check.intact and check.whole_file and check.trusted
    assert check.valid
    assert check.verdict == "Chữ ký hợp lệ."
    assert check.signer_name == "Phạm Văn Em"
    assert check.signer_title == "Giám đốc Sở"
    assert check.signer_organization == "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    assert check.signed_at is not None
    assert abs((dt.datetime.now(dt.UTC) - check.signed_at).total_seconds()) < 120


def test_certificate_subject_has_the_name_and_agency_with_diacritics(em: Any) -> None:
    cert = signer_credentials(em).certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Phạm Văn Em"
    org = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert org == "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    assert cert.issuer == demo_ca()[1].subject
    # issued once, then reused
    assert signer_credentials(em).certificate.serial_number == cert.serial_number


def test_given_signing_time_is_the_one_reported(pdf_bytes: bytes, em: Any) -> None:
    at = dt.datetime(2016, 12, 27, 2, 30, tzinfo=dt.UTC)
    check = verify_pdf(sign_pdf(pdf_bytes, em, "Ban hành", "Hậu Giang", at=at))
    assert check.valid
    assert check.signed_at == at


def test_one_changed_byte_in_the_signed_part_is_not_intact(pdf_bytes: bytes, em: Any) -> None:
    signed = bytearray(sign_pdf(pdf_bytes, em, "Ban hành văn bản", "Hậu Giang"))
    position = signed.index(b"Length")  # inside the first page objects, covered by the signature
    signed[position] = ord("l")
    check = verify_pdf(bytes(signed))
    assert check.signed and not check.valid
    assert not check.intact
    assert check.verdict == "Tài liệu đã bị thay đổi sau khi ký."


def test_bytes_appended_after_signing_are_reported(pdf_bytes: bytes, em: Any) -> None:
    signed = sign_pdf(pdf_bytes, em, "Ban hành văn bản", "Hậu Giang")
    check = verify_pdf(signed + b"\n% changed after signing\n")
    assert check.signed and not check.whole_file and not check.valid
    assert check.verdict == "Tài liệu đã bị thay đổi sau khi ký."


def _self_signed(name: str) -> Credentials:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Credentials(key, cert, (cert,))


def test_foreign_self_signed_certificate_is_intact_but_not_trusted(pdf_bytes: bytes) -> None:
    signed = sign_with(pdf_bytes, _self_signed("Nguyễn Văn Giả"), reason="Giả mạo", location="Hậu Giang")
    check = verify_pdf(signed)
    assert check.signed and check.intact and check.whole_file
    assert not check.trusted and not check.valid
    assert check.signer_name == "Nguyễn Văn Giả"
    assert check.verdict.startswith("Chữ ký không được tin cậy")


def test_unsigned_and_broken_files(pdf_bytes: bytes) -> None:
    assert verify_pdf(pdf_bytes).signed is False
    assert verify_pdf(pdf_bytes).verdict == "Tài liệu không có chữ ký số."
    assert verify_pdf(b"not a pdf").verdict == "Tệp không phải văn bản PDF."
    assert verify_pdf(b"%PDF-1.7\n garbage").signed is False


def test_only_directors_and_deputies_sign(pdf_bytes: bytes, persona: Callable[[str], Any]) -> None:
    giang = persona("giang")
    assert verify_pdf(sign_pdf(pdf_bytes, giang, "Ký thay", "Hậu Giang")).signer_name == "Huỳnh Thị Giang"
    for key in ("hoa", "chi", "dung"):
        with pytest.raises(NotAllowed):
            sign_pdf(pdf_bytes, persona(key), "Ban hành", "Hậu Giang")


def test_not_a_pdf_is_refused(em: Any) -> None:
    with pytest.raises(InvalidInput):
        sign_pdf(b"hello", em, "Ban hành", "Hậu Giang")


def test_sign_and_verify_work_inside_a_running_event_loop(pdf_bytes: bytes, em: Any) -> None:
    """pyHanko's own synchronous wrappers call asyncio.run, which fails inside a running loop (an
    async view, a test driving a browser); ours do not."""
    import asyncio

    from tinhso.signing.ca import signer_credentials

    credentials = signer_credentials(em)  # database access stays outside the loop

    async def inside() -> bool:
        signed = sign_with(pdf_bytes, credentials, reason="Ban hành", location="Hậu Giang")
        return verify_pdf(signed).valid

    assert asyncio.run(inside()) is True
