"""Uploaded files of a dossier: checked by content before anything is stored, attached through
``services.dossier_file_add`` inside one transaction, and removed from storage again when that
transaction rolls back — a rejected upload leaves no dossier and no file behind.

Files live in the default storage (``MEDIA_ROOT``, outside the web root; ``MEDIA_URL`` is never routed):
they are served only by ``views_public.dossier_file`` after a permission check.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import Any, TypeVar

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tinhso.catalog.models import ProcedureDocument
from tinhso.core.errors import InvalidInput
from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierFile, FileKind, dossier_file_path

MAX_FILE_SIZE = 10 * 1024 * 1024  # per file; the service's own limit is higher (scans by the desk)
MAX_TOTAL_SIZE = 40 * 1024 * 1024  # per submission
MAX_CONTENT_TYPES_XML = 64 * 1024

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"

# The main part an OOXML package must declare in [Content_Types].xml to be a document / a workbook.
_OOXML_MAIN = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

T = TypeVar("T")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content: bytes
    content_type: str


def _ooxml_type(content: bytes) -> str | None:
    """DOCX or XLSX when the zip declares the matching main part in [Content_Types].xml."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_XML:
                return None
            types = archive.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError):
        return None
    for ctype, main in _OOXML_MAIN.items():
        if f'ContentType="{main}"' in types:
            return ctype
    return None


def content_type_of(content: bytes) -> str | None:
    """The content type judged by the bytes (PDF, JPEG, PNG, DOCX, XLSX), or None."""
    for magic, ctype in _MAGIC:
        if content.startswith(magic):
            return ctype
    if content.startswith(b"PK\x03\x04"):
        return _ooxml_type(content)
    return None


def clean_name(name: str) -> str:
    """The file name without any directory part, control characters or shell-special characters."""
    base = posixpath.basename((name or "").replace("\\", "/"))
    base = _CONTROL.sub("", base)
    return services.sanitize_filename(base)


def check_upload(upload: UploadedFile, *, label: str = "Tệp") -> CheckedUpload:
    """Read and check one uploaded file; raises ``InvalidInput`` (Vietnamese message) when refused."""
    name = clean_name(upload.name or "")
    size = upload.size or 0
    if size > MAX_FILE_SIZE:
        raise InvalidInput(
            f"{label} «{name}» quá lớn: tối đa {MAX_FILE_SIZE // (1024 * 1024)} MB.", code="file_too_large"
        )
    content = upload.read(MAX_FILE_SIZE + 1)
    if len(content) > MAX_FILE_SIZE:
        raise InvalidInput(
            f"{label} «{name}» quá lớn: tối đa {MAX_FILE_SIZE // (1024 * 1024)} MB.", code="file_too_large"
        )
    if not content:
        raise InvalidInput(f"{label} «{name}» rỗng.", code="empty_file")
    ctype = content_type_of(content)
    if ctype is None:
        raise InvalidInput(
            f"{label} «{name}» không phải tệp PDF, JPEG, PNG, DOCX hoặc XLSX (kiểm tra theo nội dung tệp).",
            code="file_type",
        )
    return CheckedUpload(name=name, content=content, content_type=ctype)


def check_total(uploads: Sequence[CheckedUpload]) -> None:
    if sum(len(u.content) for u in uploads) > MAX_TOTAL_SIZE:
        raise InvalidInput(
            f"Tổng dung lượng các tệp vượt quá {MAX_TOTAL_SIZE // (1024 * 1024)} MB.", code="upload_too_large"
        )


def _stored(prefix: str) -> set[str]:
    try:
        _, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return set()
    return {f"{prefix}/{f}" for f in files}


@contextmanager
def files_removed_on_rollback() -> Iterator[Callable[[Dossier], None]]:
    """Inside: ``watch(dossier)`` before attaching files to ``dossier``. When the block raises, every
    file stored since under that dossier's folder is deleted again (the rows rolled back with the
    transaction; the bytes in storage do not roll back by themselves)."""
    before: dict[str, set[str]] = {}

    def watch(dossier: Dossier) -> None:
        prefix = posixpath.dirname(dossier_file_path(DossierFile(dossier_id=dossier.pk), "x"))
        before.setdefault(prefix, _stored(prefix))

    try:
        yield watch
    except BaseException:
        for prefix, existing in before.items():
            for name in _stored(prefix) - existing:
                default_storage.delete(name)
        raise


def attach_all(
    *,
    actor: Any,
    dossier: Dossier,
    files: Sequence[tuple[ProcedureDocument | None, CheckedUpload]],
    kind: str = FileKind.APPLICATION,
) -> list[DossierFile]:
    """Attach checked files through the service (call inside ``files_removed_on_rollback``)."""
    return [
        services.dossier_file_add(
            actor=actor, dossier=dossier, name=f.name, content=f.content, document=doc, kind=kind
        )
        for doc, f in files
    ]


def atomic_with_files(build: Callable[[Callable[[Dossier], None]], T]) -> T:
    """Run ``build(watch)`` in one transaction; on any error the rows roll back and the stored files
    that ``watch`` saw appear are deleted."""
    with files_removed_on_rollback() as watch, transaction.atomic():
        return build(watch)
