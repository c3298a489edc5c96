"""The signatures of a document as the pages, the API and the register show them: for each signature of
the stored file (the leader's, then the agency's once issued) who signed, when, and whether it is intact,
changed or not trusted; the stored bytes are also compared with the SHA-256 recorded when each signed
revision was stored (domain.md §4: signed originals are never modified).

The register verifies the signatures of the rows it shows through a cache keyed by the file's SHA-256:
the same bytes always verify the same way against the same roots, and a changed file has another key."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from tinhso.documents.models import OutgoingDocument
from tinhso.signing.pdf import SignatureCheck, verify_signatures

CHANGED = "Tài liệu đã bị thay đổi sau khi ký."
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class SignatureView:
    check: SignatureCheck
    bytes_ok: bool = True  # the stored bytes are the ones recorded (SHA-256)

    @property
    def label(self) -> str:
        if self.check.is_agency:
            return "Chữ ký số của cơ quan (văn thư phát hành)"
        return "Chữ ký số của người có thẩm quyền"

    @property
    def unchanged(self) -> bool:
        return self.check.unchanged and self.bytes_ok

    @property
    def valid(self) -> bool:
        return self.check.valid and self.bytes_ok

    @property
    def verdict(self) -> str:
        return self.check.verdict if self.bytes_ok or not self.check.signed else CHANGED

    @property
    def state(self) -> str:
        """``valid``, ``untrusted`` (intact but not from a trusted CA), ``changed`` or ``unsigned``."""
        if not self.check.signed:
            return "unsigned"
        if self.check.problem or not self.unchanged:
            return "changed"
        return "valid" if self.check.trusted else "untrusted"

    @property
    def state_label(self) -> str:
        return {
            "valid": "Nguyên vẹn",
            "untrusted": "Không được tin cậy",
            "changed": "Đã bị thay đổi",
            "unsigned": "Không có chữ ký",
        }[self.state]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(field: object) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:  # type: ignore[attr-defined]
        return bytes(handle.read())


def file_signatures(data: bytes | None, sha256: str | None = None) -> list[SignatureView]:
    """The signatures of ``data``; ``sha256``: the recorded hash the bytes must match."""
    if data is None:
        return []
    ok = sha256 is None or _sha256(data) == sha256
    return [SignatureView(check, ok) for check in verify_signatures(data)]


def _stored_bytes_ok(doc: OutgoingDocument, final: bytes) -> bool:
    """The official file matches its SHA-256 and, once issued, begins with the leader-signed revision,
    which matches its own SHA-256."""
    if _sha256(final) != doc.final_sha256:
        return False
    if doc.issued_pdf:
        signed = _read(doc.signed_pdf)
        return signed is not None and _sha256(signed) == doc.signed_sha256 and final.startswith(signed)
    return True


def outgoing_signatures(doc: OutgoingDocument) -> list[SignatureView]:
    """The signatures of the document's official file (as issued, else as signed), verified now."""
    final = _read(doc.final_pdf)
    if final is None:
        return []
    ok = _stored_bytes_ok(doc, final)
    return [SignatureView(check, ok) for check in verify_signatures(final)]


def register_signatures(docs: Iterable[OutgoingDocument]) -> dict[int, list[SignatureView]]:
    """{document id: its signatures} for the digitally signed documents of a register page. The
    verification of a file is cached under its SHA-256 and the trusted roots'."""
    from cryptography.hazmat.primitives import hashes

    from tinhso.signing.ca import trust_roots

    roots = "".join(c.fingerprint(hashes.SHA256()).hex()[:16] for c in trust_roots())
    out: dict[int, list[SignatureView]] = {}
    for doc in docs:
        if not doc.final_pdf:
            continue
        final = _read(doc.final_pdf)
        assert final is not None
        digest = _sha256(final)
        key = f"documents:sig:{roots}:{digest}"
        checks = cache.get(key)
        if checks is None:
            checks = verify_signatures(final)
            cache.set(key, checks, CACHE_SECONDS)
        ok = _stored_bytes_ok(doc, final)
        out[doc.pk] = [SignatureView(check, ok) for check in checks]
    return out


def page_context(views: list[SignatureView]) -> dict[str, object]:
    """What ``documents/_signature.html`` needs: the signatures, the colour and the heading."""
    all_valid = bool(views) and all(v.valid for v in views)
    if all_valid:
        verdict = "Các chữ ký hợp lệ." if len(views) > 1 else "Chữ ký hợp lệ."
    else:
        verdict = next((v.verdict for v in views if not v.valid), "")
    return {
        "signatures": views,
        "sig_all_valid": all_valid,
        "sig_any_changed": any(v.state in ("changed", "unsigned") for v in views),
        "sig_verdict": verdict,
    }
