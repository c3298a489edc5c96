"""The applicant's side of the API: online submission with files (multipart), "my dossiers", public
tracking by code + secret (a wrong pair reveals nothing, throttled), the OpenAPI document, and responses
built with ninja's ``Status`` (no deprecated tuples)."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierFile, DossierStatus

from .conftest import PDF, run_queued_tasks, submitted
from .test_api_dossiers import sign_in
from .test_public_submission import PNG, PPTX, media_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def submit(token_api: Any, procedure: Any, *, form: Any = None, **files: bytes) -> Any:
    data: dict[str, Any] = {
        "procedure": procedure.national_code,
        "form": json.dumps({"ten_co_so": "Cơ sở in Phúc Hậu"} if form is None else form),
        "applicant_address": "Số 1 Trần Hưng Đạo, Vị Thanh",  # the page's form asks for it too
    }
    for key, content in files.items():
        data[key] = SimpleUploadedFile(f"{key}.bin", content)
    return token_api.c.post("/api/v1/dossiers/", data, headers=token_api.headers)


def test_submission_with_files_gives_code_secret_and_one_mail_with_the_receipt(
    procedure: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    an = sign_in(people.an)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = submit(an, procedure, file_1=PDF, file_2=PNG)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == 1 and body["status_label"] == "Mới đăng ký"
    assert body["code"].startswith("000.00.15.H30-") and len(body["tracking_secret"]) == 8
    assert body["applicant_name"] == people.an.full_name
    dossier = Dossier.objects.get(code=body["code"])
    assert dossier.applicant == people.an and dossier.form_data == {"ten_co_so": "Cơ sở in Phúc Hậu"}
    files = list(DossierFile.objects.filter(dossier=dossier).order_by("document__order"))
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    assert [f.original_name for f in files] == ["file_1.pdf", "file_2.png"]
    assert len(media_files()) == 2
    # one e-mail: the receipt, with form 01 attached (no separate «Mới đăng ký» message), made by the
    # background task that the commit enqueued — not in the request
    assert mail.outbox == []
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "tinhso.onestop.tasks.receipt_mail_send_task"
    assert task.args_kwargs == {"args": [dossier.pk], "kwargs": {}}
    assert run_queued_tasks() == 1
    assert run_queued_tasks() == 0  # nothing left: the receipt is mailed once
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value is True
    [message] = mail.outbox
    assert message.subject == f"Giấy tiếp nhận hồ sơ {dossier.code}"
    assert [a[2] for a in message.attachments] == ["application/pdf"]
    # the applicant reads it back
    assert an.get(f"/dossiers/{dossier.code}").json()["status"] == 1


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"file_1": b"MZ\x90\x00 not a pdf"}, "file_type"),
        ({"file_1": PDF, "file_2": PPTX}, "file_type"),  # a zip that is not DOCX/XLSX
        ({"file_1": b""}, "empty_file"),
        ({"file_1": PDF, "file_9": PDF}, "unknown_document"),
        ({"file_2": PNG}, "incomplete"),  # the required document is missing: found by the service
    ],
)
def test_a_refused_submission_leaves_no_dossier_and_no_file(
    procedure: Any, people: Any, files: dict[str, bytes], code: str
) -> None:
    an = sign_in(people.an)
    r = submit(an, procedure, **files)
    assert r.status_code == 400, r.content
    assert r.json()["code"] == code and r.json()["message"]
    assert Dossier.objects.count() == 0 and DossierFile.objects.count() == 0
    assert media_files() == []


def test_submission_checks_the_eform_like_the_page(procedure: Any, people: Any) -> None:
    an = sign_in(people.an)
    r = submit(an, procedure, form={}, file_1=PDF)
    assert r.status_code == 400 and r.json()["code"] == "invalid_form"
    assert "Tên cơ sở in" in r.json()["message"]
    r = submit(an, procedure, form={"ten_co_so": "X", "la": "?"}, file_1=PDF)
    assert r.status_code == 400 and r.json()["code"] == "unknown_field"
    r = an.c.post(
        "/api/v1/dossiers/",
        {"procedure": procedure.national_code, "form": "{not json"},
        headers=an.headers,
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_form_json"
    r = an.c.post("/api/v1/dossiers/", {"procedure": "9.999999"}, headers=an.headers)
    assert r.status_code == 404 and r.json()["code"] == "procedure_not_found"
    assert Dossier.objects.count() == 0 and media_files() == []


def test_submission_needs_a_citizen_token(procedure: Any, people: Any) -> None:
    r = Client().post("/api/v1/dossiers/", {"procedure": procedure.national_code})
    assert r.status_code == 401 and r.json()["code"] == "unauthenticated"
    r = submit(sign_in(people.binh), procedure, file_1=PDF)
    assert r.status_code == 403 and r.json()["code"] == "staff_cannot_submit"
    assert Dossier.objects.count() == 0


def test_my_dossiers_lists_only_the_token_holders_submitted_dossiers(procedure: Any, people: Any) -> None:
    now = timezone.now()
    mine = submitted(procedure, people.an, now)
    theirs = submitted(procedure, people.phuc, now)
    services.dossier_create_draft(actor=people.an, procedure=procedure)  # a draft: not listed
    body = sign_in(people.an).get("/dossiers/").json()
    assert body["count"] == 1 and [d["code"] for d in body["items"]] == [mine.code]
    assert body["items"][0]["procedure_code"] == procedure.national_code
    assert body["items"][0]["rated"] is False
    assert sign_in(people.an).get("/dossiers/", state="da-xong").json()["count"] == 0
    assert sign_in(people.phuc).get("/dossiers/").json()["items"][0]["code"] == theirs.code
    r = sign_in(people.an).get("/dossiers/", state="?")
    assert r.status_code == 400 and r.json()["code"] == "invalid_state"


@pytest.mark.parametrize(
    ("path", "query"), [("/dossiers/", "offset"), ("/dossiers/", "limit"), ("/dossiers/worklist", "limit")]
)
@pytest.mark.parametrize("value", [-1, 10**30])
def test_paging_of_my_dossiers_and_the_worklist_is_bounded(
    procedure: Any, people: Any, path: str, query: str, value: int
) -> None:
    """An offset of 10^30 reached the database (SQLite: datatype mismatch, 500); out of range is 422."""
    api = sign_in(people.binh if "worklist" in path else people.an)
    r = api.get(path, **{query: value})
    assert r.status_code == 422, r.content
    assert r.json()["errors"][0]["loc"] == ["query", query]
    assert api.get(path, **{query: 200}).status_code == 200


def test_tracking_reveals_nothing_for_a_wrong_pair_and_is_throttled(
    procedure: Any, people: Any, django_assert_num_queries: Any
) -> None:
    dossier = services.dossier_receive(
        actor=people.binh, dossier=submitted(procedure, people.an, timezone.now())
    )
    c = Client()
    with django_assert_num_queries(1):  # the dossier with its public milestones, as the page
        r = c.get("/api/v1/tracking", {"code": dossier.code.lower(), "secret": dossier.tracking_secret})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["code"] == dossier.code and body["status"] == DossierStatus.PROCESSING
    assert [e["action"] for e in body["events"]] == ["submit", "receive", "start"]
    assert "applicant_name" not in body and people.an.full_name not in r.content.decode()
    unknown = c.get("/api/v1/tracking", {"code": dossier.code[:-1] + "9", "secret": dossier.tracking_secret})
    wrong = c.get("/api/v1/tracking", {"code": dossier.code, "secret": "AAAAAAAA"})
    assert unknown.status_code == wrong.status_code == 404
    assert unknown.content == wrong.content
    assert wrong.json()["code"] == "dossier_not_found"
    for _ in range(8):  # 10 wrong pairs per address in all
        assert c.get("/api/v1/tracking", {"code": dossier.code, "secret": "BBBBBBBB"}).status_code == 404
    right = {"code": dossier.code, "secret": dossier.tracking_secret}
    r = c.get("/api/v1/tracking", right)
    assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"
    # the page and the API share the budget of wrong pairs of an address
    page = c.get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": dossier.tracking_secret})
    assert page.status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/tracking", right).status_code == 200


def test_openapi_document_renders_and_lists_the_onestop_endpoints() -> None:
    r = Client().get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in (
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{code}",
        "/api/v1/dossiers/{code}/receive",
        "/api/v1/tracking",
        "/api/v1/auth/token",
        "/api/v1/procedures",
        "/api/v1/procedures/{national_code}",
    ):
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/v1/dossiers/"])
    assert "multipart/form-data" in paths["/api/v1/dossiers/"]["post"]["requestBody"]["content"]
    assert not paths["/api/v1/tracking"]["get"].get("security")  # public: no token


def test_status_responses_raise_no_deprecation_warning(procedure: Any, people: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        an = sign_in(people.an)  # 201 from POST /auth/token
        r = an.c.delete("/api/v1/auth/token", headers=an.headers)
    assert r.status_code == 204
