"""The results of a dossier as they are shown: which result files the viewer may see, and the check of
each one's digital signature, computed from the stored bytes on every display (as ``documents`` does).

Who sees a result: staff of the handling department always; the applicant only once the dossier is
finished (9) or returned (10) — a result signed at the leader's decision waits for issuance. The
public tracking page never shows results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from tinhso.onestop.models import Dossier, DossierFile, DossierStatus, FileKind
from tinhso.signing.pdf import SignatureCheck, verify_pdf

APPLICANT_SEES_RESULTS = (DossierStatus.FINISHED, DossierStatus.RETURNED)

CHANGED = "Tài liệu đã bị thay đổi sau khi ký."
UNSIGNED = "Không có chữ ký số."
CHANGED_UNSIGNED = "Tệp đã bị thay đổi sau khi lưu (mã SHA-256 không khớp)."


def applicant_sees(dossier: Dossier, record: DossierFile) -> bool:
    """May the applicant see (list, download) ``record`` of their own dossier now?"""
    return record.kind != FileKind.RESULT or dossier.status in APPLICANT_SEES_RESULTS


def applicant_files(dossier: Dossier, files: Iterable[DossierFile]) -> list[DossierFile]:
    return [f for f in files if applicant_sees(dossier, f)]


@dataclass(frozen=True)
class ResultCheck:
    """A result file and what its stored bytes say now. ``state``: ``valid`` (signed, intact, trusted),
    ``untrusted`` (intact but the certificate does not chain to a trusted root), ``changed`` (the bytes
    differ from those signed or stored), ``invalid`` (a signature that cannot be checked), ``unsigned``
    (no digital signature: a scan, a generated notice)."""

    file: DossierFile
    check: SignatureCheck
    sha256_matches: bool
    readable: bool = True

    @property
    def signed(self) -> bool:
        return self.check.signed or self.file.signed_at is not None

    @property
    def intact(self) -> bool:
        return self.sha256_matches and self.check.signed and self.check.unchanged

    @property
    def valid(self) -> bool:
        return self.sha256_matches and self.check.valid

    @property
    def state(self) -> str:
        if not self.readable:
            return "invalid"
        if not self.sha256_matches:
            return "changed"
        if not self.check.signed:
            return "changed" if self.file.signed_at is not None else "unsigned"
        if self.check.problem:
            return "invalid"
        if not self.check.unchanged:
            return "changed"
        return "valid" if self.check.trusted else "untrusted"

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
        return self.check.verdict if not self.check.problem else self.check.problem

    @property
    def signed_at(self) -> dt.datetime | None:
        return self.check.signed_at


def _stored(record: DossierFile) -> bytes:
    with record.file.open("rb") as handle:
        return bytes(handle.read())


def result_check(record: DossierFile) -> ResultCheck:
    """Verify ``record`` from its stored bytes: the signature (``signing.verify_pdf``) and the SHA-256
    recorded when it was stored."""
    try:
        data = _stored(record)
    except OSError:
        missing = SignatureCheck(signed=False, problem="Không đọc được tệp đã lưu.")
        return ResultCheck(file=record, check=missing, sha256_matches=False, readable=False)
    return ResultCheck(
        file=record,
        check=verify_pdf(data),
        sha256_matches=hashlib.sha256(data).hexdigest() == record.sha256,
    )


def result_checks(files: Iterable[DossierFile]) -> dict[int, ResultCheck]:
    """{file id: check} for the result files among ``files``."""
    return {f.pk: result_check(f) for f in files if f.kind == FileKind.RESULT}
