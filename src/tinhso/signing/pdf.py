"""Sign a PDF (PAdES baseline B, invisible signature field) and verify the signatures of a PDF.

``sign_pdf`` appends the signature as an incremental update: the bytes given are kept as they are and
the signature covers them. ``verify_pdf`` reports, for the last signature of the file, who signed and
when, whether the signed bytes are intact, whether the signature covers the whole file (nothing added
after signing), and whether the signer's certificate chains to a trusted root (the demo CA).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tinhso.core.errors import InvalidInput
from tinhso.signing.ca import Credentials, signer_credentials, trust_roots

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySo"
_T = TypeVar("_T")


def _run(make: Callable[[], Awaitable[_T]]) -> _T:
    """Run one of pyHanko's coroutines to the end. pyHanko's synchronous wrappers call
    ``asyncio.run``, which fails in a thread whose event loop is running (an async view, a test
    driving a browser): there the coroutine runs on a fresh loop in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()  # type: ignore[arg-type]


PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class SignatureCheck:
    """What ``verify_pdf`` found. ``valid``: signed, intact, the whole file covered, and trusted."""

    signed: bool
    signer_name: str = ""
    signer_title: str = ""
    signer_organization: str = ""
    signed_at: dt.datetime | None = None
    intact: bool = False
    whole_file: bool = False
    trusted: bool = False
    signatures: int = 0
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.whole_file and self.trusted

    @property
    def verdict(self) -> str:
        """The one line the pages show."""
        if not self.signed:
            return self.problem or "Tài liệu không có chữ ký số."
        if not (self.intact and self.whole_file):
            return "Tài liệu đã bị thay đổi sau khi ký."
        if not self.trusted:
            return "Chữ ký không được tin cậy (chứng thư số không do tổ chức chứng thực được công nhận cấp)."
        return "Chữ ký hợp lệ."


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(credentials: Credentials) -> asn1_keys.PrivateKeyInfo:
    der = credentials.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_keys.PrivateKeyInfo.load(der)


class _DatedPdfSigner(signers.PdfSigner):
    """pyHanko's signer with the signing time given (the demo loader signs "in 2016")."""

    def __init__(self, *args: Any, system_time: dt.datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._system_time = system_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        if self._system_time is not None:
            session.system_time = self._system_time
        return session


def ensure_pdf(data: bytes) -> None:
    if not data.startswith(PDF_MAGIC):
        raise InvalidInput("Tệp không phải văn bản PDF.", code="not_a_pdf")


def sign_with(
    pdf_bytes: bytes,
    credentials: Credentials,
    *,
    reason: str,
    location: str,
    at: dt.datetime | None = None,
    field_name: str = FIELD_NAME,
) -> bytes:
    """Sign ``pdf_bytes`` with the given key and certificate; returns the signed file."""
    ensure_pdf(pdf_bytes)
    registry = SimpleCertificateStore.from_certs([_asn1_cert(c) for c in credentials.chain])
    signer = signers.SimpleSigner(
        signing_cert=_asn1_cert(credentials.certificate),
        signing_key=_asn1_key(credentials),
        cert_registry=registry,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        pdf_signer = _DatedPdfSigner(meta, signer, system_time=at)
        _run(lambda: pdf_signer.async_sign_pdf(writer, output=out))
    except (SigningError, PdfError, ValueError, KeyError, TypeError) as exc:
        logger.info("sign_pdf failed: %s", exc)
        raise InvalidInput("Không ký được tệp PDF này (tệp hỏng hoặc đã khóa).", code="sign_failed") from exc
    return out.getvalue()


def sign_pdf(
    pdf_bytes: bytes, signer: Any, reason: str, location: str, *, at: dt.datetime | None = None
) -> bytes:
    """Sign ``pdf_bytes`` as ``signer`` (a staff user holding a signing role) with the certificate the
    demo CA issued to them. Raises ``NotAllowed`` for anyone else, ``InvalidInput`` for a bad PDF."""
    return sign_with(pdf_bytes, signer_credentials(signer), reason=reason, location=location, at=at)


def _name_part(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return value[-1] if isinstance(value, list) else str(value or "")


def verify_pdf(pdf_bytes: bytes) -> SignatureCheck:
    """Check the last signature of ``pdf_bytes`` against the trusted roots (the demo CA)."""
    if not pdf_bytes.startswith(PDF_MAGIC):
        return SignatureCheck(signed=False, problem="Tệp không phải văn bản PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # any parse error of an untrusted file: "unreadable"
        logger.info("verify_pdf: unreadable PDF: %s", exc)
        return SignatureCheck(signed=False, problem="Không đọc được tệp PDF (tệp hỏng).")
    if not embedded:
        return SignatureCheck(signed=False)
    sig = embedded[-1]
    context = ValidationContext(
        trust_roots=[_asn1_cert(c) for c in trust_roots()],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = _run(lambda: async_validate_pdf_signature(sig, signer_validation_context=context))
    except Exception as exc:  # a mangled signature is reported, never raised
        logger.info("verify_pdf: signature could not be validated: %s", exc)
        return SignatureCheck(
            signed=True,
            signatures=len(embedded),
            problem="Không kiểm tra được chữ ký (dữ liệu chữ ký hỏng).",
        )
    subject = status.signing_cert.subject
    signed_at = status.signer_reported_dt
    return SignatureCheck(
        signed=True,
        signer_name=_name_part(subject, "common_name"),
        signer_title=_name_part(subject, "title"),
        signer_organization=_name_part(subject, "organization_name"),
        signed_at=timezone.localtime(signed_at) if signed_at else None,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        signatures=len(embedded),
    )
