"""Files stored with the row that names them: written inside the transaction, deleted again if it rolls
back (``store_field_in_transaction``). Used by every app that keeps uploads or generated PDFs (onestop,
documents)."""

from __future__ import annotations

import logging
import weakref

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

logger = logging.getLogger(__name__)


def _delete_stored(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # a finaliser must not raise; the orphan is only logged
        logger.exception("Không xóa được tệp %s sau khi giao dịch bị hủy", name)


class _KeepOnCommit:
    """An on-commit callback that keeps one stored file. Django runs it when the transaction commits
    (the finaliser is detached: the file stays). When the transaction or the savepoint it was
    registered in rolls back, Django drops it from its list of callbacks; the object is then freed and
    its finaliser deletes the file."""

    __slots__ = ("__weakref__", "_finalizer")

    def __init__(self, storage: Storage, name: str) -> None:
        self._finalizer = weakref.finalize(self, _delete_stored, storage, name)
        # an open transaction at interpreter exit is not a rollback
        self._finalizer.atexit = False  # type: ignore[misc]

    def __call__(self) -> None:
        self._finalizer.detach()


def store_field_in_transaction(field: FieldFile, name: str, content: bytes) -> None:
    """Write ``content`` to the storage of a model's file field (sets its name; does not save the row),
    and delete it again if the current transaction rolls back. Must run inside ``transaction.atomic``.
    Any app that stores a file with the row that names it uses this (onestop, documents)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("store_field_in_transaction phải được gọi trong một giao dịch.")
    field.save(name, ContentFile(content), save=False)
    transaction.on_commit(_KeepOnCommit(field.storage, str(field.name)))
