"""Online submission through the pages: e-form + one upload per document, draft, review, submit → code
and receipt e-mailed after commit. Uploads are checked by content; a rejected upload leaves no dossier
and no file behind."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tinhso.catalog.models import ProcedureDocument
from tinhso.onestop import services, uploads
from tinhso.onestop.models import Dossier, DossierFile, DossierStatus

from .conftest import PDF, run_queued_tasks

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CODE = re.compile(r"^000\.00\.15\.H30-\d{6}-\d{4}$")


def ooxml(main: str, *, folder: str = "word/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{folder}main.xml" ContentType="{main}"/></Types>',
        )
        z.writestr(f"{folder}main.xml", "<x/>")
    return buffer.getvalue()


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", folder="xl/")
PPTX = ooxml(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", folder="word/"
)


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def docs(procedure: Any) -> list[ProcedureDocument]:
    return list(ProcedureDocument.objects.filter(version__procedure=procedure).order_by("order"))


def post_data(procedure: Any, *, action: str = "xem-lai", **files: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "hanh-dong": action,
        "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "093089001234",
        "applicant_address": "Số 12 Trần Hưng Đạo, phường 5, thành phố Vị Thanh",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "tk_ten_co_so": "Cơ sở in Phúc Hậu",
    }
    data.update(files)
    return data


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_start_requires_sign_in(client: Any, procedure: Any) -> None:
    url = reverse("onestop_public:start", args=[procedure.national_code])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_form_built_from_the_version(client: Any, procedure: Any, people: Any) -> None:
    client.force_login(people.an)
    html = client.get(reverse("onestop_public:start", args=[procedure.national_code])).content.decode()
    first, second = docs(procedure)
    assert 'name="tk_ten_co_so"' in html and "Tên cơ sở in" in html
    assert f'name="tep_{first.pk}"' in html and f'name="tep_{second.pk}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'value="Nguyễn Văn An"' in html  # from the profile
    assert 'accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"' in html


def test_full_submission_gives_code_and_mails_receipt(
    client: Any, procedure: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(people.an)
    first, _ = docs(procedure)
    response = client.post(
        reverse("onestop_public:start", args=[procedure.national_code]),
        post_data(procedure, **{f"tep_{first.pk}": upload("Đơn đề nghị.pdf", PDF)}),
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response.url == reverse("onestop_public:review", args=[dossier.pk])
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.form_data == {"ten_co_so": "Cơ sở in Phúc Hậu"}
    assert dossier.applicant_address.startswith("Số 12 Trần Hưng Đạo")
    [stored] = DossierFile.objects.filter(dossier=dossier)
    assert stored.original_name == "Đơn đề nghị.pdf" and stored.content_type == "application/pdf"
    path = Path(stored.file.path).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.STATIC_ROOT).resolve() not in path.parents

    review = client.get(reverse("onestop_public:review", args=[dossier.pk])).content.decode()
    assert "Cơ sở in Phúc Hậu" in review and "Đơn đề nghị.pdf" in review
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("onestop_public:review", args=[dossier.pk]), {"phien-ban": dossier.version}, follow=True
        )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW and CODE.match(dossier.code)
    assert response.redirect_chain[-1][0] == reverse("onestop_public:detail", args=[dossier.code])
    html = response.content.decode()
    assert dossier.code in html and dossier.tracking_secret in html
    assert "Giấy tiếp nhận hồ sơ sẽ được gửi tới an@example.vn trong ít phút" in html
    # one e-mail on submission: the receipt with form 01 attached, not also a «Mới đăng ký» message;
    # made by the background task enqueued after commit (the worker runs it), not in the request
    assert mail.outbox == []
    run_queued_tasks()
    [receipt_mail] = mail.outbox
    assert receipt_mail.to == ["an@example.vn"] and receipt_mail.attachments
    receipt = client.get(reverse("onestop_public:receipt", args=[dossier.code]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF-")


def test_required_fields_and_files_are_required_but_a_draft_saves_anything(
    client: Any, procedure: Any, people: Any
) -> None:
    client.force_login(people.an)
    url = reverse("onestop_public:start", args=[procedure.national_code])
    data = post_data(procedure)
    data["tk_ten_co_so"] = ""
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng sửa các mục được đánh dấu" in html
    assert Dossier.objects.count() == 0
    response = client.post(url, {**data, "hanh-dong": "luu-nhap"})
    dossier = Dossier.objects.get()
    assert response.url == reverse("onestop_public:draft", args=[dossier.pk])
    # the draft's review refuses to submit while the required document has no file
    response = client.post(
        reverse("onestop_public:review", args=[dossier.pk]), {"phien-ban": dossier.version}
    )
    assert response.status_code == 400 and "Hồ sơ còn thiếu" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT and dossier.code is None
    # completing the draft later keeps the same dossier
    first, _ = docs(procedure)
    response = client.post(
        reverse("onestop_public:draft", args=[dossier.pk]),
        post_data(procedure, **{f"tep_{first.pk}": upload("don.pdf", PDF)}),
    )
    assert response.url == reverse("onestop_public:review", args=[dossier.pk])
    assert Dossier.objects.count() == 1 and DossierFile.objects.filter(dossier=dossier).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("don.pdf", b"MZ\x90\x00 this is an executable", "không phải tệp PDF"),
        ("don.pdf", b"<html><script>alert(1)</script></html>", "không phải tệp PDF"),
        ("don.docx", b"PK\x03\x04 not really a zip", "không phải tệp PDF"),
        ("slides.docx", PPTX, "không phải tệp PDF"),
        ("don.pdf", b"", "rỗng"),
    ],
)
def test_rejected_upload_leaves_no_dossier_and_no_file(
    client: Any, procedure: Any, people: Any, name: str, content: bytes, message: str
) -> None:
    client.force_login(people.an)
    first, second = docs(procedure)
    response = client.post(
        reverse("onestop_public:start", args=[procedure.national_code]),
        post_data(
            procedure,
            **{f"tep_{first.pk}": upload("ok.pdf", PDF), f"tep_{second.pk}": upload(name, content)},
        ),
    )
    assert response.status_code == 400
    assert message in response.content.decode() or "Tệp đính kèm rỗng" in response.content.decode()
    assert Dossier.objects.count() == 0 and DossierFile.objects.count() == 0
    assert media_files() == []


def test_oversize_file_rejected(client: Any, procedure: Any, people: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_SIZE", 1024)
    client.force_login(people.an)
    first, _ = docs(procedure)
    response = client.post(
        reverse("onestop_public:start", args=[procedure.national_code]),
        post_data(procedure, **{f"tep_{first.pk}": upload("big.pdf", PDF + b"0" * 2048)}),
    )
    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert Dossier.objects.count() == 0 and media_files() == []


def test_failure_after_a_file_was_stored_rolls_back_rows_and_bytes(
    client: Any, procedure: Any, people: Any, monkeypatch: Any
) -> None:
    """The second attachment fails inside the transaction after the first file reached storage: the
    draft and the rows roll back, and the stored bytes are deleted."""
    original = services.dossier_file_add
    calls = {"n": 0}

    def flaky(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            record = original(**kwargs)  # this one reaches storage too
            raise RuntimeError(f"disk full after {record.file.name}")
        return original(**kwargs)

    monkeypatch.setattr(services, "dossier_file_add", flaky)
    client.force_login(people.an)
    client.raise_request_exception = True
    first, second = docs(procedure)
    with pytest.raises(RuntimeError, match="disk full"):
        client.post(
            reverse("onestop_public:start", args=[procedure.national_code]),
            post_data(
                procedure,
                **{f"tep_{first.pk}": upload("a.pdf", PDF), f"tep_{second.pk}": upload("b.png", PNG)},
            ),
        )
    assert calls["n"] == 2
    assert Dossier.objects.count() == 0 and DossierFile.objects.count() == 0
    assert media_files() == []


def test_docx_xlsx_jpeg_png_accepted_by_content_and_names_sanitised(
    client: Any, procedure: Any, people: Any
) -> None:
    client.force_login(people.an)
    first, second = docs(procedure)
    client.post(
        reverse("onestop_public:start", args=[procedure.national_code]),
        post_data(
            procedure,
            action="luu-nhap",
            **{
                f"tep_{first.pk}": upload("../../etc/<đơn>.docx", DOCX),
                f"tep_{second.pk}": upload("bang-ke.xlsx", XLSX),
            },
        ),
    )
    dossier = Dossier.objects.get()
    files = {f.document_id: f for f in DossierFile.objects.filter(dossier=dossier)}
    assert files[first.pk].original_name == "đơn.docx"
    assert files[first.pk].content_type.endswith("wordprocessingml.document")
    assert files[second.pk].content_type.endswith("spreadsheetml.sheet")
    for f in files.values():
        assert ".." not in f.file.name and f.file.name.startswith(f"dossiers/{dossier.pk}/")
    assert uploads.content_type_of(b"\xff\xd8\xff\xe0JFIF") == "image/jpeg"
    assert uploads.content_type_of(PNG) == "image/png"
    assert uploads.content_type_of(PPTX) is None


def test_staff_cannot_submit_online(client: Any, procedure: Any, people: Any) -> None:
    client.force_login(people.binh)
    response = client.get(reverse("onestop_public:start", args=[procedure.national_code]))
    assert response.status_code == 302
    assert response.url == reverse("catalog:procedure", args=[procedure.national_code])
