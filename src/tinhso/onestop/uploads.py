"""Uploaded files of a dossier: the one content check of the project (PDF, JPEG, PNG, DOCX, XLSX judged
by their bytes), clean names, and storage that follows the transaction.

``services.dossier_file_add`` checks every file with ``content_type_of`` and stores it with
``store_in_transaction``: the bytes reach storage at once (the row needs the name) and are deleted again
when the transaction — or the savepoint — they were written in rolls back, wherever the caller opened
it (a page, the API, a command). A rejected upload therefore leaves no dossier and no file behind.

Files live in the default storage (``MEDIA_ROOT``, outside the web root; ``MEDIA_URL`` is never routed):
they are served only by ``views_public.dossier_file`` and the back office after a permission check.
"""

from __future__ import annotations

import logging
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from tinhso.catalog.models import ProcedureDocument
from tinhso.core.errors import InvalidInput
from tinhso.core.filestore import store_field_in_transaction
from tinhso.onestop.models import DossierFile, FileKind

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024  # per file from a citizen; the service's own limit is higher (scans)
MAX_TOTAL_SIZE = 40 * 1024 * 1024  # per submission
MAX_CONTENT_TYPES_XML = 64 * 1024

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
# The file name extensions that fit each content type (the first is used when a name has none).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
}

# The main part an OOXML package must declare in [Content_Types].xml to be a document / a workbook.
_OOXML_MAIN = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    """The file name without any directory part, control characters or shell-special characters
    (NFC, at most 120 characters, «tep» when nothing is left)."""
    base = posixpath.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", _CONTROL.sub("", base))
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*').strip(" .")
    return base[-120:] or "tep"


def name_for(name: str, content_type: str) -> str:
    """``clean_name(name)`` with an extension that fits ``content_type`` (don.exe → don.pdf)."""
    clean = clean_name(name)
    stem, dot, suffix = clean.rpartition(".")
    exts = EXTENSIONS[content_type]
    if dot and f".{suffix.lower()}" in exts:
        return clean
    return f"{(stem if dot else clean) or 'tep'}{exts[0]}"


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


# --------------------------------------------------------------------------------------------------
# storage that follows the transaction


def store_in_transaction(record: DossierFile, name: str, content: bytes) -> None:
    """``core.filestore.store_field_in_transaction`` for a dossier file's ``file``."""
    store_field_in_transaction(record.file, name, content)


def attach_all(
    *,
    actor: Any,
    dossier: Any,
    files: Sequence[tuple[ProcedureDocument | None, CheckedUpload]],
    kind: str = FileKind.APPLICATION,
) -> list[DossierFile]:
    """Attach checked files through ``services.dossier_file_add`` (in the caller's transaction)."""
    from tinhso.onestop import services  # services imports this module

    return [
        services.dossier_file_add(
            actor=actor, dossier=dossier, name=f.name, content=f.content, document=doc, kind=kind
        )
        for doc, f in files
    ]
