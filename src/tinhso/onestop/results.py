"""The results of a dossier as they are shown: which result files the viewer may see, and the check of
each one's digital signatures — the deciding leader's, then the agency's added by its records clerk at
issue — computed from the stored bytes on every display (as ``documents`` does).

Who sees a result: staff of the handling department always; the applicant only once the dossier is
finished (9) or returned (10) — a result signed at the leader's decision waits for issuance. The
public tracking page never shows results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tinhso.onestop.models import Dossier, DossierFile, DossierStatus, FileKind
from tinhso.signing.pdf import SignatureCheck, verify_signatures

APPLICANT_SEES_RESULTS = (DossierStatus.FINISHED, DossierStatus.RETURNED)

CHANGED = "Tài liệu đã bị thay đổi sau khi ký."
UNSIGNED = "Không có chữ ký số."
VALID_ALL = "Các chữ ký hợp lệ."
CHANGED_UNSIGNED = "Tệp đã bị thay đổi sau khi lưu (mã SHA-256 không khớp)."


def applicant_sees(dossier: Dossier, record: DossierFile) -> bool:
    """May the applicant see (list, download) ``record`` of their own dossier now?"""
    return record.kind != FileKind.RESULT or dossier.status in APPLICANT_SEES_RESULTS


def applicant_files(dossier: Dossier, files: Iterable[DossierFile]) -> list[DossierFile]:
    return [f for f in files if applicant_sees(dossier, f)]


SIGNATURE_LABELS = {
    False: "Chữ ký số của người có thẩm quyền",
    True: "Chữ ký số của cơ quan (văn thư phát hành)",
}


@dataclass(frozen=True)
class ResultCheck:
    """A result file and what its stored bytes say now: every signature of the file, in the order
    applied (the deciding leader's, then the agency's once issued). ``state``: ``valid`` (signed,
    intact, trusted), ``untrusted`` (intact but a certificate does not chain to a trusted root),
    ``changed`` (the bytes differ from those signed or stored), ``invalid`` (a signature that cannot
    be checked), ``unsigned`` (no digital signature: a scan, a generated notice).

    ``sha256_matches``: the stored bytes are those recorded (SHA-256) and, once the agency signed,
    they begin with the leader-signed file, which still matches its own SHA-256."""

    file: DossierFile
    checks: tuple[SignatureCheck, ...]
    sha256_matches: bool
    readable: bool = True

    @property
    def check(self) -> SignatureCheck:
        """The first signature: the competent person's (the leader who decided), or the only one."""
        return self.checks[0]

    @property
    def signatures(self) -> list[SignatureView]:
        return [SignatureView(c, self.sha256_matches) for c in self.checks if c.signed]

    @property
    def sealed(self) -> bool:
        """The file carries the agency's signature (its seal)."""
        return any(c.signed and c.is_agency for c in self.checks)

    @property
    def signed(self) -> bool:
        return self.check.signed or self.file.signed_at is not None

    @property
    def intact(self) -> bool:
        return self.sha256_matches and all(c.signed and c.unchanged for c in self.checks)

    @property
    def valid(self) -> bool:
        return self.sha256_matches and all(c.valid for c in self.checks)

    @property
    def state(self) -> str:
        if not self.readable:
            return "invalid"
        if not self.sha256_matches:
            return "changed"
        if not self.check.signed:
            return "changed" if self.file.signed_at is not None else "unsigned"
        if any(c.problem for c in self.checks):
            return "invalid"
        if not all(c.unchanged for c in self.checks):
            return "changed"
        return "valid" if all(c.trusted for c in self.checks) else "untrusted"

    @property
    def verdict(self) -> str:
        """The one Vietnamese line the pages and the API show."""
        state = self.state
        if not self.readable:
            return self.check.problem
        if state == "changed":
            return CHANGED if self.signed else CHANGED_UNSIGNED
        if state == "unsigned":
            return UNSIGNED
        if state == "valid":
            return VALID_ALL if len(self.checks) > 1 else self.check.verdict
        return next((c.problem or c.verdict for c in self.checks if not c.valid), self.check.verdict)

    @property
    def signed_at(self) -> dt.datetime | None:
        return self.check.signed_at


@dataclass(frozen=True)
class SignatureView:
    """One signature of a result file as the pages and the API list it."""

    check: SignatureCheck
    bytes_ok: bool

    @property
    def label(self) -> str:
        return SIGNATURE_LABELS[self.check.is_agency]

    @property
    def kind(self) -> str:
        return "agency" if self.check.is_agency else "person"

    @property
    def unchanged(self) -> bool:
        return self.bytes_ok and self.check.unchanged

    @property
    def valid(self) -> bool:
        return self.bytes_ok and self.check.valid

    @property
    def verdict(self) -> str:
        if self.check.problem:
            return self.check.problem
        return self.check.verdict if self.bytes_ok else CHANGED


def _stored(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def _bytes_ok(record: DossierFile, data: bytes) -> bool:
    """``data`` (the stored file) matches its SHA-256 and, once issued with the agency's signature,
    begins with the leader-signed file, which matches the SHA-256 recorded when it was signed."""
    if hashlib.sha256(data).hexdigest() != record.sha256:
        return False
    if not record.signed_sha256:
        return True
    try:
        signed = _stored(record.signed_file)
    except (OSError, ValueError):
        return False
    return hashlib.sha256(signed).hexdigest() == record.signed_sha256 and data.startswith(signed)


def result_check(record: DossierFile) -> ResultCheck:
    """Verify ``record`` from its stored bytes: each signature (``signing.verify_signatures``) and the
    SHA-256 recorded when it was stored (and the leader-signed revision's, once issued)."""
    try:
        data = _stored(record.file)
    except OSError:
        missing = SignatureCheck(signed=False, problem="Không đọc được tệp đã lưu.")
        return ResultCheck(file=record, checks=(missing,), sha256_matches=False, readable=False)
    return ResultCheck(
        file=record, checks=tuple(verify_signatures(data)), sha256_matches=_bytes_ok(record, data)
    )


def result_checks(files: Iterable[DossierFile]) -> dict[int, ResultCheck]:
    """{file id: check} for the result files among ``files``."""
    return {f.pk: result_check(f) for f in files if f.kind == FileKind.RESULT}
