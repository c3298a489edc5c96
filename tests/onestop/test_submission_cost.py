"""What one online submission costs the database, pinned so that a regression fails: the API's
``POST /api/v1/dossiers/`` (token check, catalogue, the draft, its file, the code, the events, the
audit entry, the receipt task) and the page's submit step; the bearer token's check writes nothing
but, once in a while, its last use."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tinhso.core.models import AuditEntry
from tinhso.onestop import api, services, tokens
from tinhso.onestop.models import ApiToken, Dossier, DossierEvent, DossierFile

from .conftest import PDF, draft, local
from .test_api_dossiers import sign_in

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"


def _post(an: Any, procedure: Any, **extra: Any) -> Any:
    data = {
        "procedure": procedure.national_code,
        "form": json.dumps({"ten_co_so": "Cơ sở in Phúc Hậu"}),
        "applicant_address": "Số 1 Trần Hưng Đạo, Vị Thanh",
        "file_1": SimpleUploadedFile("don.pdf", PDF),
        **extra,
    }
    return an.c.post("/api/v1/dossiers/", data, headers=an.headers)


def test_api_submission_statements(
    procedure: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    an = sign_in(people.an)
    assert _post(an, procedure).status_code == 201  # the token's first use writes its last_used_at
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        r = _post(an, procedure)
    assert r.status_code == 201, r.content
    kinds = [q["sql"].split(" ", 1)[0] for q in queries.captured_queries]
    # token; version with procedure and agency, its documents; (transaction) the dossier, its file, the
    # counter (UPDATE … RETURNING), the dossier's code, the events in one INSERT, the audit entry (chain
    # lock on PostgreSQL, tip, entry — no savepoint of its own inside the submission's transaction);
    # after commit, the receipt task
    assert kinds == [
        "SELECT",
        "SELECT",
        "SELECT",
        "SAVEPOINT",
        "INSERT",
        "INSERT",
        "UPDATE",
        "UPDATE",
        "INSERT",
        *(["SELECT"] if POSTGRES else []),
        "SELECT",
        "INSERT",
        "RELEASE",
        "INSERT",
    ], [q["sql"][:100] for q in queries.captured_queries]
    dossier = Dossier.objects.get(code=r.json()["code"])
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("id"))
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("create", None, 0),
        ("file_add", None, None),
        ("submit", 0, 1),
    ]
    [file] = DossierFile.objects.filter(dossier=dossier)
    assert events[1].data == {
        "file": file.pk,
        "document": file.document_id,
        "kind": "application",
        "sha256": file.sha256,
    }
    assert events[2].data == {"code": dossier.code, "channel": "online"}
    [entry] = AuditEntry.objects.filter(object_type="onestop.dossier", object_id=str(dossier.pk))
    assert entry.action == "onestop.dossier.submit" and entry.actor_id == people.an.pk
    assert entry.after["code"] == dossier.code and entry.after["files"][0]["sha256"] == file.sha256
    assert [e["action"] for e in r.json()["events"]] == ["create", "submit"]  # as GET shows them
    assert r.json()["events"] == an.get(f"/dossiers/{dossier.code}").json()["events"]


def test_kept_version_saves_the_catalogue_reads(procedure: Any, people: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(api, "VERSION_KEPT_SECONDS", 30.0)
    monkeypatch.setattr(api, "_versions_kept", {})
    an = sign_in(people.an)
    assert _post(an, procedure).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        assert _post(an, procedure).status_code == 201
    assert not any("catalog_" in q["sql"] for q in queries.captured_queries)
    # another day is another key: the version in force is read again
    [(key, _)] = api._versions_kept.items()
    api._versions_kept[(key[0], key[1] - dt.timedelta(days=1))] = api._versions_kept.pop(key)
    with CaptureQueriesContext(connection) as queries:
        assert _post(an, procedure).status_code == 201
    assert sum("catalog_" in q["sql"] for q in queries.captured_queries) == 2


def test_page_submit_step_statements(procedure: Any, people: Any) -> None:
    first, dossier = draft(procedure, people.an, timezone.now()), draft(procedure, people.an, timezone.now())
    services.dossier_submit(actor=people.an, dossier=first)  # the day's counter row exists from here
    with CaptureQueriesContext(connection) as queries:
        services.dossier_submit(actor=people.an, dossier=dossier)
    # the locked dossier, the version in force, the missing required documents (one query), the counter
    # (UPDATE … RETURNING), the dossier, the event, the audit entry; savepoint around
    # the service (the entry takes none of its own inside a transaction)
    assert len(queries) == (11 if POSTGRES else 10), [q["sql"][:100] for q in queries.captured_queries]


def test_submit_online_refuses_before_writing(procedure: Any, people: Any) -> None:
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(services.InvalidInput, match="Đơn đề nghị"),
    ):
        services.dossier_submit_online(
            actor=people.an, procedure=procedure, files=[], form_data={"ten_co_so": "Cơ sở in Phúc Hậu"}
        )
    assert not any(q["sql"].startswith(("INSERT", "UPDATE")) for q in queries.captured_queries)
    assert Dossier.objects.count() == 0


def test_submit_online_ignores_a_version_of_another_procedure(procedure: Any, people: Any) -> None:
    from tinhso.catalog.models import ProcedureDocument, ProcedureVersion

    version = ProcedureVersion.objects.get(procedure=procedure)
    document = ProcedureDocument.objects.get(version=version, order=1)
    other = ProcedureVersion(
        pk=version.pk + 999, procedure_id=procedure.pk + 999, effective_from=dt.date(2016, 1, 1)
    )
    d = services.dossier_submit_online(
        actor=people.an,
        procedure=procedure,
        files=[(document, "don.pdf", PDF)],
        form_data={"ten_co_so": "Cơ sở in Phúc Hậu"},
        version=other,
        at=local(2017, 3, 6),
    )
    assert d.procedure_version_id == version.pk and d.code == "000.00.15.H30-170306-0001"


def test_token_check_is_one_read_and_writes_last_use_once_in_a_while(people: Any) -> None:
    an = sign_in(people.an)
    token = an.headers["Authorization"].split()[1]
    with CaptureQueriesContext(connection) as queries:
        assert tokens.api_token_user(token) == people.an
    assert len(queries) == 2  # the read, and the first use noted
    row = ApiToken.objects.get(user=people.an)
    assert row.last_used_at is not None
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert tokens.api_token_user(token) == people.an
    assert len(queries) == 3  # reads only
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now() - tokens.LAST_USED_GRANULARITY * 2)
    assert tokens.api_token_user(token) == people.an
    row.refresh_from_db()
    assert timezone.now() - row.last_used_at < dt.timedelta(minutes=1)
    people.an.is_active = False
    people.an.save(update_fields=["is_active"])
    assert tokens.api_token_user(token) is None
    assert tokens.api_token_user("ts_" + "x" * 40) is None and tokens.api_token_user("") is None
