"""Sign a PDF (PAdES baseline B) and verify the signatures of a PDF.

``sign_pdf`` appends the signature as an incremental update: the bytes given are kept as they are and
the signature covers them. The field is invisible unless a ``Placement`` is given: then the widget
shows the Decree 30 appearance (``signing.appearance``): the leader's signature image and lines, or,
with ``agency=``, the agency's seal, signed with the agency's certificate by its records clerk. A
second signature is a second incremental update, so the first stays valid.

``verify_signatures`` reports, for each signature of the file, who signed and when, whether the signed
bytes are intact, whether the signature covers the whole file or only later signatures were added
after it, and whether the certificate chains to a trusted root (the demo CA); ``verify_pdf`` reports
the last one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.x509.oid import NameOID
from django.utils import timezone
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError, get_pyca_cryptography_hash
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tinhso.core.errors import InvalidInput
from tinhso.org.models import Agency
from tinhso.signing.appearance import Box, Stamp
from tinhso.signing.ca import Credentials, agency_credentials, signer_credentials, trust_roots

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySo"  # the competent person's signature
AGENCY_FIELD_NAME = "ChuKyCoQuan"  # the agency's signature (its seal), applied when issuing
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
    """What ``verify_pdf`` / ``verify_signatures`` found for one signature. ``valid``: signed, intact,
    trusted, and nothing changed since but what leaves it valid (a later signature of the same file)."""

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
    field_name: str = ""
    is_agency: bool = False  # the agency's own certificate (its seal), not a person's
    later_signatures_only: bool = False  # not the whole file, but only signatures were added after it

    @property
    def unchanged(self) -> bool:
        """The signed bytes are intact and what follows them (if anything) only adds signatures."""
        return self.intact and (self.whole_file or self.later_signatures_only)

    @property
    def valid(self) -> bool:
        return self.signed and self.unchanged and self.trusted

    @property
    def verdict(self) -> str:
        """The one line the pages show."""
        if not self.signed:
            return self.problem or "Tài liệu không có chữ ký số."
        if not self.unchanged:
            return "Tài liệu đã bị thay đổi sau khi ký."
        if not self.trusted:
            return "Chữ ký không được tin cậy (chứng thư số không do tổ chức chứng thực được công nhận cấp)."
        return "Chữ ký hợp lệ."


@dataclass(frozen=True)
class Placement:
    """Where a visible signature goes: a page (``-1`` the last) and a box in points from its lower left."""

    page: int
    box: Box


PX = 0.75  # PDF points per CSS pixel


def render_html_placing(html: str, *, anchor: str, base_url: str) -> tuple[bytes, Placement | None]:
    """Render HTML to PDF with WeasyPrint, and where the element ``#anchor`` landed (its page and box in
    PDF points from the page's lower left, read from WeasyPrint's layout): the place a template keeps for
    a visible signature. None when the page has no such element. Used by the outgoing documents and the
    one-stop results."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    rendered = HTML(string=html, base_url=base_url).render()
    placement = None
    for index, page in enumerate(rendered.pages):
        if anchor in page.anchors:
            x1, y1, x2, y2 = page.anchors[anchor]
            height = page.height * PX
            placement = Placement(page=index, box=(x1 * PX, height - y2 * PX, x2 * PX, height - y1 * PX))
    return bytes(rendered.write_pdf()), placement


class _PdfBytesPage(content.ImportedPdfPage):
    """pyHanko's imported page, read from bytes instead of a file."""

    def __init__(self, data: bytes) -> None:
        super().__init__("", page_ix=0)
        self.data = data

    def render(self) -> bytes:
        import binascii
        import uuid

        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def _stamp_style(stamp: Stamp) -> StaticStampStyle:
    return StaticStampStyle(
        background=_PdfBytesPage(stamp.pdf),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(credentials: Credentials) -> asn1_keys.PrivateKeyInfo:
    der = credentials.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_keys.PrivateKeyInfo.load(der)


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's signer given the key already loaded: ``SimpleSigner.sign_raw`` loads (and checks) the
    key from DER for every raw signature, twice per PDF signature (the size estimate, then the
    signature), about 50 ms each for an RSA key; an RSA PKCS#1 v1.5 signature here uses the loaded
    key instead, anything else goes to pyHanko as before."""

    def __init__(self, *args: Any, loaded_key: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded_key = loaded_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if isinstance(self._loaded_key, rsa.RSAPrivateKey) and mechanism.signature_algo == "rsassa_pkcs1v15":
            return self._loaded_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)  # type: ignore[no-any-return]


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
    stamp: Stamp | None = None,
) -> bytes:
    """Sign ``pdf_bytes`` with the given key and certificate; returns the signed file. With ``stamp``
    the signature field is visible: a widget at the stamp's page and box showing its drawing."""
    ensure_pdf(pdf_bytes)
    registry = SimpleCertificateStore.from_certs([_asn1_cert(c) for c in credentials.chain])
    signer = _LoadedKeySigner(
        signing_cert=_asn1_cert(credentials.certificate),
        signing_key=_asn1_key(credentials),
        cert_registry=registry,
        loaded_key=credentials.key,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    visible: dict[str, Any] = {}
    if stamp is not None:
        visible = {
            "stamp_style": _stamp_style(stamp),
            "new_field_spec": fields.SigFieldSpec(
                sig_field_name=field_name,
                on_page=stamp.page,
                box=stamp.box,  # type: ignore[arg-type]  # points need not be whole
            ),
        }
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        pdf_signer = _DatedPdfSigner(meta, signer, system_time=at, **visible)
        _run(lambda: pdf_signer.async_sign_pdf(writer, output=out))
    except (SigningError, PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        logger.info("sign_pdf failed: %s", exc)
        raise InvalidInput("Không ký được tệp PDF này (tệp hỏng hoặc đã khóa).", code="sign_failed") from exc
    return out.getvalue()


def sign_pdf(
    pdf_bytes: bytes,
    signer: Any,
    reason: str,
    location: str,
    *,
    at: dt.datetime | None = None,
    placement: Placement | None = None,
    agency: Agency | None = None,
    field_name: str | None = None,
) -> bytes:
    """Sign ``pdf_bytes`` as ``signer`` (a staff user holding a signing role) with the certificate the
    demo CA issued to them. Raises ``NotAllowed`` for anyone else, ``InvalidInput`` for a bad PDF.

    ``placement``: a visible signature there (Decree 30: the signature image and ``Ký bởi … Thời gian
    ký …``); without it the signature is invisible, as before. ``agency``: sign with the agency's own
    certificate instead (``signer`` must be its records clerk); the image is its seal, and the field
    is ``AGENCY_FIELD_NAME`` unless ``field_name`` says otherwise."""
    from tinhso.signing import appearance

    when = at or timezone.now()
    if agency is not None:
        credentials = agency_credentials(signer, agency)
        name = field_name or AGENCY_FIELD_NAME
    else:
        credentials = signer_credentials(signer)
        name = field_name or FIELD_NAME
    stamp = None
    if placement is not None:
        subject = credentials.certificate.subject
        person = _subject_part(subject, NameOID.COMMON_NAME)
        organization = _subject_part(subject, NameOID.ORGANIZATION_NAME)
        if agency is not None:
            stamp = appearance.agency_stamp(
                page=placement.page,
                box=placement.box,
                agency_name=organization,
                seal=appearance.seal_png(_seal_text(agency)),
                at=when,
            )
        else:
            stamp = appearance.leader_stamp(
                page=placement.page, box=placement.box, name=person, organization=organization, at=when
            )
    return sign_with(
        pdf_bytes, credentials, reason=reason, location=location, at=when, field_name=name, stamp=stamp
    )


def _subject_part(subject: x509.Name, oid: Any) -> str:
    values = subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _seal_text(agency: Agency) -> str:
    """The words around the seal: the agency's name, with the province when the name lacks it."""
    from tinhso.core.context_processors import province_name

    province = str(province_name())
    name = agency.name
    if province and province not in name:
        name = f"{name} tỉnh {province}"
    return name


# --- where the visible signatures go ------------------------------------------------------------
def _page_count_and_size(reader: PdfFileReader, page: int) -> tuple[int, float, float]:
    count = int(reader.root["/Pages"]["/Count"])
    page_ref, _ = reader.find_page_for_modification(page)
    x1, y1, x2, y2 = (float(v) for v in page_ref.get_object()["/MediaBox"])
    return count, x2 - x1, y2 - y1


def default_placement(pdf_bytes: bytes) -> Placement:
    """For a PDF whose layout is unknown (an uploaded draft): the leader's box on the last page, on
    the right, above the bottom margin (where Decree 30's signature block usually ends)."""
    from tinhso.signing import appearance

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        _, width, _ = _page_count_and_size(reader, -1)
    except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        logger.info("default_placement: %s", exc)
        raise InvalidInput("Không ký được tệp PDF này (tệp hỏng hoặc đã khóa).", code="sign_failed") from exc
    x2 = width - 20 * appearance.MM
    y1 = 30 * appearance.MM
    return Placement(page=-1, box=(x2 - appearance.LEADER_WIDTH, y1, x2, y1 + appearance.LEADER_HEIGHT))


def signature_widget(pdf_bytes: bytes, field_name: str = FIELD_NAME) -> Placement | None:
    """The page and box of the signed field ``field_name``'s widget, or None (invisible, or absent)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        for sig in reader.embedded_signatures:
            if sig.field_name != field_name:
                continue
            field = sig.sig_field
            rect = [float(v) for v in field.get("/Rect", [0, 0, 0, 0])]
            if rect[2] - rect[0] <= 1 or rect[3] - rect[1] <= 1:
                return None
            page_ref = field.raw_get("/P") if "/P" in field else None
            count = int(reader.root["/Pages"]["/Count"])
            page = count - 1
            for ix in range(count):
                ref, _ = reader.find_page_for_modification(ix)
                if page_ref is not None and ref.idnum == page_ref.idnum:
                    page = ix
                    break
            return Placement(page=page, box=(rect[0], rect[1], rect[2], rect[3]))
    except (PdfError, KeyError, ValueError, TypeError, AttributeError) as exc:
        logger.info("signature_widget: %s", exc)
    return None


def seal_placement(pdf_bytes: bytes) -> Placement:
    """Where the agency's signature goes on a file the leader signed: overlapping the left third of
    the leader's signature image (Decree 30), or of the default position when that one is invisible."""
    from tinhso.signing import appearance

    leader = signature_widget(pdf_bytes) or default_placement(pdf_bytes)
    return Placement(page=leader.page, box=appearance.seal_box(leader.box))


def _name_part(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return value[-1] if isinstance(value, list) else str(value or "")


def verify_pdf(pdf_bytes: bytes) -> SignatureCheck:
    """Check the last signature of ``pdf_bytes`` against the trusted roots (the demo CA)."""
    checks = verify_signatures(pdf_bytes)
    return checks[-1]


def verify_signatures(pdf_bytes: bytes) -> list[SignatureCheck]:
    """Check every signature of ``pdf_bytes``, in the order they were applied (never empty: an
    unsigned or unreadable file gives one ``signed=False`` entry)."""
    if not pdf_bytes.startswith(PDF_MAGIC):
        return [SignatureCheck(signed=False, problem="Tệp không phải văn bản PDF.")]
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # any parse error of an untrusted file: "unreadable"
        logger.info("verify_pdf: unreadable PDF: %s", exc)
        return [SignatureCheck(signed=False, problem="Không đọc được tệp PDF (tệp hỏng).")]
    if not embedded:
        return [SignatureCheck(signed=False)]
    context = ValidationContext(
        trust_roots=[_asn1_cert(c) for c in trust_roots()],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    checks = [_check(sig, context, len(embedded)) for sig in embedded]
    # a signature that does not cover the whole file is unchanged only if what follows it is a later
    # signature (nothing else), and the last signature covers the whole file: bytes appended after the
    # last signature leave every signature "changed"
    last_whole = checks[-1].whole_file
    return [
        c if i < len(checks) - 1 and last_whole else replace(c, later_signatures_only=False)
        for i, c in enumerate(checks)
    ]


def _check(sig: Any, context: ValidationContext, count: int) -> SignatureCheck:
    try:
        status = _run(lambda: async_validate_pdf_signature(sig, signer_validation_context=context))
    except Exception as exc:  # a mangled signature is reported, never raised
        logger.info("verify_pdf: signature could not be validated: %s", exc)
        return SignatureCheck(
            signed=True,
            signatures=count,
            field_name=str(sig.field_name or ""),
            problem="Không kiểm tra được chữ ký (dữ liệu chữ ký hỏng).",
        )
    subject = status.signing_cert.subject
    signed_at = status.signer_reported_dt
    level = status.modification_level
    return SignatureCheck(
        signed=True,
        signer_name=_name_part(subject, "common_name"),
        signer_title=_name_part(subject, "title"),
        signer_organization=_name_part(subject, "organization_name"),
        signed_at=timezone.localtime(signed_at) if signed_at else None,
        intact=bool(status.intact and status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        signatures=count,
        field_name=str(sig.field_name or ""),
        is_agency=bool(_name_part(subject, "organization_identifier")),
        later_signatures_only=status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and bool(status.docmdp_ok)
        and level is not None
        and level <= ModificationLevel.FORM_FILLING,
    )
