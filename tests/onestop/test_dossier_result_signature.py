"""The result the applicant receives is signed by the leader who takes the final decision, with their own
certificate, in the decision's transaction; «có kết quả» issues that signed result; every display
(the applicant's page, the back office, the API) verifies it from the stored bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import BytesIO
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tinhso.catalog.services import procedure_create, procedure_version_create
from tinhso.core.audit import audit_verify
from tinhso.core.errors import NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierEvent, DossierFile, DossierStatus, EventAction, FileKind
from tinhso.signing.ca import Credentials
from tinhso.signing.pdf import sign_with, verify_pdf

from .conftest import SO, TTBCXB, VP, local, received, to_director
from .test_api_dossiers import sign_in

pytestmark = pytest.mark.django_db
DAY = local(2017, 3, 6, 9)
DECIDED = local(2017, 3, 8, 10, 15)
VALID = "Chữ ký hợp lệ."
CHANGED = "Tài liệu đã bị thay đổi sau khi ký."
UNSIGNED = "Không có chữ ký số."


def stored(record: DossierFile) -> bytes:
    with record.file.open("rb") as handle:
        return bytes(handle.read())


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def decided(procedure: Any, people: Any, *, by: Any = None, refuse: bool = False) -> Dossier:
    """A dossier through the director's step: approved (or refused) by ``by`` (director Em)."""
    dossier = to_director(received(procedure, people, DAY), people, local(2017, 3, 7, 9))
    leader = by or people.em
    if refuse:
        return services.dossier_refuse(
            actor=leader, dossier=dossier, reason="Cơ sở chưa có mặt bằng sản xuất riêng.", at=DECIDED
        )
    return services.dossier_approve(actor=leader, dossier=dossier, note="Đồng ý cấp phép", at=DECIDED)


def finished(procedure: Any, people: Any, **kw: Any) -> Dossier:
    dossier = decided(procedure, people, **kw)
    return services.dossier_finish(actor=people.hoa, dossier=dossier, at=local(2017, 3, 8, 14))


def result_files(dossier: Dossier) -> list[DossierFile]:
    return list(DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT).order_by("id"))


def test_the_director_signs_the_result_when_deciding(procedure: Any, people: Any) -> None:
    dossier = decided(procedure, people)
    [record] = result_files(dossier)
    data = stored(record)
    assert hashlib.sha256(data).hexdigest() == record.sha256 and record.size == len(data)
    assert (record.signed_by, record.signed_at, record.uploaded_by) == (people.em, DECIDED, people.em)
    assert record.original_name == f"ket-qua-{dossier.code}.pdf"
    check = verify_pdf(data)
    assert check.valid, check
    assert check.signer_name == "Phạm Văn Em" and check.signer_title == "Giám đốc Sở"
    assert check.signer_organization == dossier.agency.name
    assert check.signed_at == DECIDED
    text = pdf_text(data)
    assert "Hồ sơ được giải quyết" in text and "Giấy phép hoạt động in" in text
    assert "(Đã ký số)" in text and "Phạm Văn Em" in text and "GIÁM ĐỐC" in text
    assert "ngày 08 tháng 3 năm 2017" in text
    # the decision's event names the signed file; the signature is audited in the same chain
    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.APPROVE, step__order=4)
    assert event.data["result_file"] == record.pk and event.data["result_sha256"] == record.sha256
    audit = AuditEntry.objects.get(action="onestop.result.sign", object_id=str(record.pk))
    assert audit.actor_id == people.em.pk and audit.after["sha256"] == record.sha256
    assert audit_verify().ok

    # «có kết quả» issues that signed result: nothing generated, nothing added
    done = services.dossier_finish(actor=people.hoa, dossier=dossier, at=local(2017, 3, 8, 14))
    assert done.status == DossierStatus.FINISHED
    assert result_files(done) == [record] and stored(record) == data


def test_a_refusal_letter_is_signed_by_the_director(procedure: Any, people: Any) -> None:
    dossier = decided(procedure, people, refuse=True)
    [record] = result_files(dossier)
    assert record.original_name == f"tu-choi-{dossier.code}.pdf"
    data = stored(record)
    assert verify_pdf(data).valid
    text = pdf_text(data)
    assert "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text.upper()
    assert "Cơ sở chưa có mặt bằng sản xuất riêng." in text and "Hồ sơ được giải quyết" not in text


def test_the_deputy_signs_in_the_directors_place(procedure: Any, people: Any) -> None:
    dossier = decided(procedure, people, by=people.giang)
    [record] = result_files(dossier)
    data = stored(record)
    check = verify_pdf(data)
    assert check.valid and check.signer_name == "Huỳnh Thị Giang" and check.signer_title == "Phó Giám đốc Sở"
    text = pdf_text(data)
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Huỳnh Thị Giang" in text


def test_the_division_heads_approval_is_not_signed(procedure: Any, people: Any) -> None:
    dossier = to_director(received(procedure, people, DAY), people, local(2017, 3, 7, 9))
    assert result_files(dossier) == []  # the division head's step is not the final decision


@pytest.fixture
def head_decides(demo_agencies: dict[str, Any]) -> Any:
    """A procedure whose final decision is the division head's: no holder of a certificate decides."""
    from tinhso.catalog.models import Domain

    procedure = procedure_create(
        actor=None,
        national_code="9.100002",
        name="Thông báo hoạt động in",
        domain=Domain.objects.get(code="xuat_ban"),
        agency=demo_agencies[SO],
    )
    procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2016, 1, 1),
        legal_basis="NĐ 60/2014/NĐ-CP",
        duration_days=2,
        result_type="Văn bản xác nhận",
        online_level=4,
        online_class="toan_trinh",
        documents=[{"name": "Đơn đề nghị", "form": "original"}],
        steps=[
            {"name": "Tiếp nhận hồ sơ", "role": "clerk", "agency": demo_agencies[VP], "hours": 4},
            {"name": "Thẩm định", "role": "specialist", "agency": demo_agencies[TTBCXB], "hours": 6},
            {
                "name": "Trưởng phòng duyệt",
                "role": "division_head",
                "agency": demo_agencies[TTBCXB],
                "hours": 4,
            },
            {"name": "Văn thư phát hành", "role": "document_clerk", "agency": demo_agencies[VP], "hours": 2},
        ],
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    return procedure


def test_without_a_certificate_holder_the_notice_is_unsigned(
    procedure: Any, head_decides: Any, people: Any
) -> None:
    dossier = received(head_decides, people, DAY)
    dossier = services.dossier_forward(actor=people.chi, dossier=dossier, at=local(2017, 3, 6, 14))
    dossier = services.dossier_approve(actor=people.dung, dossier=dossier, at=local(2017, 3, 7, 9))
    assert result_files(dossier) == []
    # a user without a certificate role cannot produce a signature, and nothing is stored
    with pytest.raises(NotAllowed) as refused:
        services._result_sign(dossier, actor=people.dung, at=local(2017, 3, 7, 9))
    assert refused.value.code == "not_a_signer" and "chứng thư số" in refused.value.message
    assert result_files(dossier) == []
    # «có kết quả» on the page generates the notice, unsigned, and the pages say so
    dossier.refresh_from_db()
    r = client_for(people.hoa).post(
        reverse("onestop_office:act", args=[dossier.code, "co-ket-qua"]),
        {"co-ket-qua-expected_version": dossier.version, "co-ket-qua-note": "Phát hành"},
    )
    assert r.status_code == 302
    done = Dossier.objects.get(pk=dossier.pk)
    assert done.status == DossierStatus.FINISHED
    [record] = result_files(done)
    assert record.signed_by is None and not verify_pdf(stored(record)).signed
    assert "không có chữ ký số" in pdf_text(stored(record))
    page = client_for(people.an).get(reverse("onestop_public:detail", args=[done.code])).content.decode()
    assert UNSIGNED in page and 'data-state="unsigned"' in page


def test_a_signature_rolled_back_leaves_no_signed_file(
    procedure: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signed result is written inside the decision's transaction; when a later step of it fails
    the file goes with the rows (core.filestore), not left orphaned in storage."""
    dossier = to_director(received(procedure, people, DAY), people, local(2017, 3, 7, 9))
    written: list[Any] = []

    def failing_audit(actor: Any, dossier: Dossier, action: str, *args: Any) -> None:
        for f in DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT):
            written.append((f.file.storage, f.file.name))
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "_audit", failing_audit)
    with pytest.raises(RuntimeError):
        services.dossier_approve(actor=people.em, dossier=dossier, at=DECIDED)
    [(storage, name)] = written
    assert name and not storage.exists(name)
    dossier.refresh_from_db()
    assert dossier.outcome == "approved" and dossier.current_step.order == 4  # the head's, not Em's
    assert not DossierFile.objects.filter(kind=FileKind.RESULT).exists()
    assert not AuditEntry.objects.filter(action="onestop.result.sign").exists()


def _tamper(record: DossierFile) -> None:
    """Change one byte of the stored file, inside what was signed."""
    data = bytearray(stored(record))
    at = len(data) // 3
    data[at] = (data[at] + 1) % 256
    with open(record.file.path, "wb") as handle:
        handle.write(bytes(data))


def test_pages_and_api_verify_the_stored_bytes_on_every_display(procedure: Any, people: Any) -> None:
    dossier = finished(procedure, people)
    [record] = result_files(dossier)
    office = client_for(people.binh)
    office_url = reverse("onestop_office:detail", args=[dossier.code])
    public = client_for(people.an)
    public_url = reverse("onestop_public:detail", args=[dossier.code])
    an_api, binh_api = sign_in(people.an), sign_in(people.binh)

    for html in (office.get(office_url).content.decode(), public.get(public_url).content.decode()):
        assert VALID in html and 'data-state="valid"' in html
        assert "Phạm Văn Em, Giám đốc Sở" in html and dossier.agency.name in html
        assert "08/03/2017 10:15:00" in html  # Vietnam time, to the second
        assert "Nội dung giữ nguyên từ khi ký" in html
    for api in (an_api, binh_api):
        [result] = api.get(f"/dossiers/{dossier.code}").json()["results"]
        assert result["id"] == record.pk and result["sha256"] == record.sha256
        sig = result["signature"]
        assert sig["state"] == "valid" and sig["valid"] and sig["verdict"] == VALID
        assert (sig["signer_name"], sig["signer_title"]) == ("Phạm Văn Em", "Giám đốc Sở")
        assert sig["signer_organization"] == dossier.agency.name
        assert sig["signed_at_text"] == "08/03/2017 10:15:00"
        assert sig["signed_at"].startswith("2017-03-08T10:15:00+07:00")

    _tamper(record)
    for html in (office.get(office_url).content.decode(), public.get(public_url).content.decode()):
        assert CHANGED in html and 'data-state="changed"' in html and VALID not in html
    for api in (an_api, binh_api):
        sig = api.get(f"/dossiers/{dossier.code}").json()["results"][0]["signature"]
        assert sig["state"] == "changed" and sig["verdict"] == CHANGED
        assert not sig["valid"] and not sig["intact"] and not sig["sha256_matches"]


def test_the_applicant_gets_the_result_only_once_finished(procedure: Any, people: Any) -> None:
    dossier = decided(procedure, people)
    [record] = result_files(dossier)
    an = client_for(people.an)
    file_url = reverse("onestop_public:file", args=[record.pk])
    page = an.get(reverse("onestop_public:detail", args=[dossier.code])).content.decode()
    assert record.original_name not in page and VALID not in page
    assert an.get(file_url).status_code == 404  # signed, not yet issued
    assert sign_in(people.an).get(f"/dossiers/{dossier.code}").json()["results"] == []
    # staff of the department see it at once, with its check
    assert (
        VALID
        in client_for(people.hoa).get(reverse("onestop_office:detail", args=[dossier.code])).content.decode()
    )
    assert sign_in(people.hoa).get(f"/dossiers/{dossier.code}").json()["results"][0]["id"] == record.pk

    services.dossier_finish(actor=people.hoa, dossier=dossier, at=local(2017, 3, 8, 14))
    response = an.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored(record)  # byte for byte


def test_another_citizen_or_agency_cannot_download_the_result(
    procedure: Any, people: Any, demo_agencies: dict[str, Any]
) -> None:
    from tinhso.accounts.services import user_create
    from tinhso.demo.personas import DEMO_PASSWORD
    from tinhso.org.services import staff_role_grant

    dossier = finished(procedure, people)
    [record] = result_files(dossier)
    outsider = user_create(
        actor=None,
        username="xclerk@vithanh.gov.vn",
        password=DEMO_PASSWORD,
        full_name="Cán bộ Vị Thanh",
        kind="staff",
    )
    staff_role_grant(actor=None, user=outsider, agency=demo_agencies["000.07.31.H30"], role="clerk")
    public_url = reverse("onestop_public:file", args=[record.pk])
    office_url = reverse("onestop_office:file", args=[record.pk])
    for user in (people.phuc, outsider):
        c = client_for(user)
        assert c.get(public_url).status_code == 404, user
        assert c.get(reverse("onestop_public:detail", args=[dossier.code])).status_code == 404, user
    assert client_for(outsider).get(office_url).status_code == 404
    assert client_for(people.phuc).get(office_url).status_code in (302, 403)
    assert client_for(people.binh).get(office_url).status_code == 200
    # and the public tracking page never shows results or signatures
    track = Client().get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": dossier.tracking_secret})
    html = track.content.decode()
    assert track.status_code == 200 and dossier.code in html
    assert record.original_name not in html and "Chữ ký" not in html and "chữ ký" not in html


def _untrusted_credentials() -> Credentials:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Người ký tự cấp")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Credentials(key, cert, (cert,))


def test_uploaded_results_are_shown_as_they_are(procedure: Any, people: Any) -> None:
    """«Có kết quả» with an uploaded result adds it to the signed one: a scan shows «không có chữ ký
    số», a PDF signed with a certificate the platform does not trust shows «không được tin cậy»."""
    from weasyprint import HTML

    dossier = decided(procedure, people)
    paper = bytes(
        HTML(string="<p style='font-family: DejaVu Serif'>Giấy phép hoạt động in số 12</p>").write_pdf()
    )
    foreign = sign_with(paper, _untrusted_credentials(), reason="Ký thử", location="Hậu Giang")
    hoa = client_for(people.hoa)
    dossier.refresh_from_db()
    r = hoa.post(
        reverse("onestop_office:act", args=[dossier.code, "co-ket-qua"]),
        {
            "co-ket-qua-expected_version": dossier.version,
            "co-ket-qua-note": "Kèm bản ký số của cơ quan cấp",
            "co-ket-qua-result_file": _upload("giay-phep-ky-so.pdf", foreign),
        },
    )
    assert r.status_code == 302
    signed, uploaded = result_files(dossier)
    assert signed.signed_by == people.em and uploaded.signed_by is None and stored(uploaded) == foreign
    html = hoa.get(reverse("onestop_office:detail", args=[dossier.code])).content.decode()
    assert VALID in html and "Chữ ký không được tin cậy" in html and 'data-state="untrusted"' in html
    assert "Người ký tự cấp" in html

    # a scan (PNG) added later by the clerk: no digital signature
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    services.dossier_file_add(
        actor=people.binh, dossier=dossier, name="ban-quet.png", content=png, kind=FileKind.RESULT
    )
    html = client_for(people.an).get(reverse("onestop_public:detail", args=[dossier.code])).content.decode()
    assert html.count('data-state="') == 3 and UNSIGNED in html and 'data-state="unsigned"' in html


def _upload(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")
