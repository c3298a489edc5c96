"""Files through ``services.dossier_file_add``: one content check for the project
(``uploads.content_type_of``) and stored bytes that follow the transaction — a rollback, in the service
or in any caller, leaves nothing on disk; a commit keeps the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from tinhso.catalog.models import ProcedureDocument
from tinhso.core.errors import InvalidInput
from tinhso.onestop import services
from tinhso.onestop.models import DossierFile

from .conftest import PDF, draft, local
from .test_public_submission import DOCX, PNG, PPTX, media_files

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


@pytest.fixture
def fresh(procedure: Any, people: Any) -> Any:
    dossier = draft(procedure, people.an, local(2017, 3, 6), with_file=False)
    return dossier, ProcedureDocument.objects.get(version=dossier.procedure_version, order=1)


def add(people: Any, dossier: Any, document: Any, content: bytes = PDF, name: str = "don.pdf") -> DossierFile:
    return services.dossier_file_add(
        actor=people.an, dossier=dossier, name=name, content=content, document=document
    )


def test_a_failure_in_the_callers_transaction_after_the_file_was_written_leaves_nothing(
    people: Any, fresh: Any
) -> None:
    dossier, document = fresh
    written: list[Path] = []
    with pytest.raises(Boom), transaction.atomic():
        record = add(people, dossier, document)
        written.append(Path(record.file.path))
        assert written[0].read_bytes() == PDF  # the bytes reached the disk …
        raise Boom
    assert not written[0].exists()  # … and left it with the rollback
    assert media_files() == [] and not DossierFile.objects.exists()


def test_a_failure_inside_the_service_after_the_file_was_written_leaves_nothing(
    people: Any, fresh: Any, monkeypatch: Any
) -> None:
    dossier, document = fresh

    def audit_fails(**kwargs: Any) -> None:
        assert media_files(), "the file is on disk when the service fails"
        raise Boom

    monkeypatch.setattr(services, "audit_record", audit_fails)
    with pytest.raises(Boom):
        add(people, dossier, document)
    assert media_files() == [] and not DossierFile.objects.exists()


def test_a_rolled_back_savepoint_loses_its_file_and_the_committed_one_stays(
    people: Any, fresh: Any, django_capture_on_commit_callbacks: Any
) -> None:
    dossier, document = fresh
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = add(people, dossier, document)
        try:
            with transaction.atomic():
                lost = add(people, dossier, document, PNG, "anh.png")
                lost_path = Path(lost.file.path)
                raise Boom
        except Boom:
            pass
    assert not lost_path.exists()
    assert Path(kept.file.path).read_bytes() == PDF
    assert media_files() == [Path(kept.file.path)]
    assert list(DossierFile.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_service_uses_the_strict_content_check(people: Any, fresh: Any) -> None:
    """A zip with a Word-looking folder but a PowerPoint main part is not a DOCX (the project's one
    sniffer reads [Content_Types].xml); names get the extension of the real type."""
    dossier, document = fresh
    with pytest.raises(InvalidInput) as refused:
        add(people, dossier, document, PPTX, "trinh-chieu.docx")
    assert refused.value.code == "file_type"
    assert media_files() == []
    record = add(people, dossier, document, DOCX, "don")
    assert record.original_name == "don.docx" and record.content_type.endswith("wordprocessingml.document")
    assert add(people, dossier, document, PNG, "anh.exe").original_name == "anh.png"
