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
from tinhso.core.errors import Conflict, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.onestop import results, services
from tinhso.onestop.models import Dossier, DossierEvent, DossierFile, DossierStatus, EventAction, FileKind
from tinhso.signing.appearance import SEAL_DIAMETER
from tinhso.signing.ca import Credentials
from tinhso.signing.pdf import (
    AGENCY_FIELD_NAME,
    FIELD_NAME,
    sign_with,
    signature_widget,
    verify_pdf,
    verify_signatures,
)

from .conftest import SO, TTBCXB, VP, local, received, to_director
from .test_api_dossiers import sign_in

pytestmark = pytest.mark.django_db
DAY = local(2017, 3, 6, 9)
DECIDED = local(2017, 3, 8, 10, 15)
VALID = "Chữ ký hợp lệ."
VALID_ALL = "Các chữ ký hợp lệ."
ISSUED = local(2017, 3, 8, 14)
CHANGED = "Tài liệu đã bị thay đổi sau khi ký."
UNSIGNED = "Không có chữ ký số."


def stored(record: DossierFile) -> bytes:
    with record.file.open("rb") as handle:
        return bytes(handle.read())


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages)


def text_runs(content: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """The page's text as (text, x, y) in PDF points from its lower left: where each run starts. (The
    signatures' widgets draw in their own appearance streams, not in the page's text.)"""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x, y = tm[4], tm[5]
            runs.append((text.strip(), cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

    PdfReader(BytesIO(content)).pages[page].extract_text(visitor_text=visit)
    return runs


def assert_in_signature_block(content: bytes, box: tuple[float, ...], *, title: str, name: str) -> None:
    """The leader's widget lies in the right half of the page, under the signer's title and over their
    name, and no text of the page is drawn inside it, nor inside the seal's box (``seal_box``) above
    and to its left."""
    from tinhso.signing.appearance import seal_box

    runs = text_runs(content)
    width = float(PdfReader(BytesIO(content)).pages[0].mediabox.width)
    x1, y1, x2, y2 = box
    assert x1 > width * 0.4 and x2 < width, box
    [title_y] = [y for t, _, y in runs if t == title]
    [name_y] = [y for t, _, y in runs if t == name]
    assert name_y < y1 < y2 < title_y, (name_y, box, title_y)
    seal = seal_box((x1, y1, x2, y2))
    for area in (box, seal):
        inside = [t for t, x, y in runs if area[0] <= x <= area[2] and area[1] <= y <= area[3]]
        assert inside == [], (area, inside)


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
    return services.dossier_finish(actor=people.hoa, dossier=dossier, at=ISSUED)


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
    assert "Phạm Văn Em" in text and "GIÁM ĐỐC" in text and "(Đã ký số)" not in text
    assert "ngày 08 tháng 3 năm 2017" in text
    # the visible Decree 30 signature, in the place the layout kept between the title and the name
    widget = signature_widget(data)
    assert widget is not None and widget.page == 0
    assert_in_signature_block(data, widget.box, title="GIÁM ĐỐC", name="Phạm Văn Em")
    # the decision's event names the signed file; the signature is audited in the same chain
    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.APPROVE, step__order=4)
    assert event.data["result_file"] == record.pk and event.data["result_sha256"] == record.sha256
    audit = AuditEntry.objects.get(action="onestop.result.sign", object_id=str(record.pk))
    assert audit.actor_id == people.em.pk and audit.after["sha256"] == record.sha256
    assert audit_verify().ok

    # «có kết quả» issues that signed result: nothing generated, nothing added; records clerk Hoa adds
    # the agency's signature to it (test_the_records_clerk_adds_the_agencys_signature)
    done = services.dossier_finish(actor=people.hoa, dossier=dossier, at=local(2017, 3, 8, 14))
    assert done.status == DossierStatus.FINISHED
    assert result_files(done) == [record] and stored(record).startswith(data)


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
    widget = signature_widget(data)
    assert widget is not None
    assert_in_signature_block(data, widget.box, title="PHÓ GIÁM ĐỐC", name="Huỳnh Thị Giang")


def test_the_division_heads_approval_is_not_signed(procedure: Any, people: Any) -> None:
    dossier = to_director(received(procedure, people, DAY), people, local(2017, 3, 7, 9))
    assert result_files(dossier) == []  # the division head's step is not the final decision


def printing_procedure(
    agencies: dict[str, Any], *, code: str, name: str, days: int, steps: list[tuple[str, str, str, int]]
) -> Any:
    """A printing procedure of the Sở with the internal process ``steps`` (name, role, agency, hours)."""
    from tinhso.catalog.models import Domain

    procedure = procedure_create(
        actor=None,
        national_code=code,
        name=name,
        domain=Domain.objects.get(code="xuat_ban"),
        agency=agencies[SO],
    )
    procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2016, 1, 1),
        legal_basis="NĐ 60/2014/NĐ-CP",
        duration_days=days,
        result_type="Giấy phép hoạt động in",
        online_level=4,
        online_class="toan_trinh",
        documents=[{"name": "Đơn đề nghị", "form": "original"}],
        steps=[{"name": n, "role": r, "agency": agencies[a], "hours": h} for n, r, a, h in steps],
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    return procedure


@pytest.fixture
def head_decides(demo_agencies: dict[str, Any]) -> Any:
    """A procedure whose final decision is the division head's: no holder of a certificate decides."""
    return printing_procedure(
        demo_agencies,
        code="9.100002",
        name="Thông báo hoạt động in",
        days=2,
        steps=[
            ("Tiếp nhận hồ sơ", "clerk", VP, 4),
            ("Thẩm định", "specialist", TTBCXB, 6),
            ("Trưởng phòng duyệt", "division_head", TTBCXB, 4),
            ("Văn thư phát hành", "document_clerk", VP, 2),
        ],
    )


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

    # both signatures, each verified: the director's at the decision, the agency's at issue
    for html in (office.get(office_url).content.decode(), public.get(public_url).content.decode()):
        assert VALID_ALL in html and 'data-state="valid"' in html
        assert html.count('data-valid="true"') == 2 and 'data-valid="false"' not in html
        assert 'data-kind="person"' in html and 'data-kind="agency"' in html
        assert "Phạm Văn Em, Giám đốc Sở" in html and dossier.agency.name in html
        assert "Chữ ký số của người có thẩm quyền" in html
        assert "Chữ ký số của cơ quan (văn thư phát hành)" in html and "Cơ quan ký" in html
        assert "10:15:00 08/03/2017" in html and "14:00:00 08/03/2017" in html  # Vietnam time, to the second
        assert html.count("Nội dung giữ nguyên từ khi ký") == 2
    for api in (an_api, binh_api):
        [result] = api.get(f"/dossiers/{dossier.code}").json()["results"]
        assert result["id"] == record.pk and result["sha256"] == record.sha256
        sig = result["signature"]
        assert sig["state"] == "valid" and sig["valid"] and sig["verdict"] == VALID_ALL
        assert (sig["signer_name"], sig["signer_title"]) == ("Phạm Văn Em", "Giám đốc Sở")
        assert sig["signer_organization"] == dossier.agency.name
        assert sig["signed_at_text"] == "08/03/2017 10:15:00"
        assert sig["signed_at"].startswith("2017-03-08T10:15:00+07:00")
        leader, agency = sig["signatures"]
        assert (leader["kind"], leader["signer_name"], leader["field_name"]) == (
            "person",
            "Phạm Văn Em",
            "ChuKySo",
        )
        assert (agency["kind"], agency["signer_name"]) == ("agency", dossier.agency.name)
        assert agency["field_name"] == "ChuKyCoQuan" and agency["signed_at_text"] == "08/03/2017 14:00:00"
        assert all(
            s["valid"] and s["intact"] and s["trusted"] and s["verdict"] == VALID for s in (leader, agency)
        )

    _tamper(record)
    for html in (office.get(office_url).content.decode(), public.get(public_url).content.decode()):
        assert CHANGED in html and 'data-state="changed"' in html and VALID not in html
        assert 'data-valid="true"' not in html
    for api in (an_api, binh_api):
        sig = api.get(f"/dossiers/{dossier.code}").json()["results"][0]["signature"]
        assert sig["state"] == "changed" and sig["verdict"] == CHANGED
        assert not sig["valid"] and not sig["intact"] and not sig["sha256_matches"]
        assert not any(s["valid"] or s["intact"] for s in sig["signatures"])


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

    services.dossier_finish(actor=people.hoa, dossier=dossier, at=ISSUED)
    response = an.get(file_url)
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.sealed_at == ISSUED  # the file issued with the agency's signature
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


# --- issue: the agency's signature added by its records clerk ----------------------------------------
def test_the_records_clerk_adds_the_agencys_signature(procedure: Any, people: Any) -> None:
    """«Có kết quả» by records clerk Hoa adds the agency's signature (its seal) as an incremental update:
    the leader-signed file is kept as it was stored, with its SHA-256, and the issued file, which
    begins with its bytes, is the result; both signatures verify."""
    dossier = decided(procedure, people)
    [record] = result_files(dossier)
    leader_signed, leader_sha = stored(record), record.sha256
    leader_name = record.file.name

    services.dossier_finish(actor=people.hoa, dossier=dossier, at=ISSUED)
    record.refresh_from_db()
    issued = stored(record)
    assert issued.startswith(leader_signed) and len(issued) > len(leader_signed)
    assert record.sha256 == hashlib.sha256(issued).hexdigest() and record.size == len(issued)
    assert (record.signed_sha256, record.signed_file.name) == (leader_sha, leader_name)
    assert stored_field(record.signed_file) == leader_signed  # never modified
    assert record.file.name != leader_name and record.original_name == f"ket-qua-{dossier.code}.pdf"
    assert (record.sealed_by, record.sealed_at) == (people.hoa, ISSUED)
    assert (record.signed_by, record.signed_at) == (people.em, DECIDED)

    leader, agency = verify_signatures(issued)
    assert leader.valid and leader.field_name == FIELD_NAME and leader.signer_name == "Phạm Văn Em"
    assert leader.later_signatures_only and not leader.whole_file  # covers its revision; a signature follows
    assert agency.valid and agency.whole_file and agency.is_agency and agency.field_name == AGENCY_FIELD_NAME
    assert agency.signer_name == agency.signer_organization == dossier.agency.name
    assert agency.signed_at == ISSUED
    # the seal overlaps the left third of the leader's signature image (Decree 30)
    leader_box = signature_widget(issued)
    seal = signature_widget(issued, AGENCY_FIELD_NAME)
    assert leader_box is not None and seal is not None and seal.page == leader_box.page == 0
    assert seal.box[0] < leader_box.box[0] < seal.box[2] < leader_box.box[2]
    assert abs((seal.box[2] - seal.box[0]) - SEAL_DIAMETER) < 0.5

    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.FINISH)
    assert event.data["result_file"] == record.pk and event.data["agency_signature"] is True
    assert (event.data["result_sha256"], event.data["signed_sha256"]) == (record.sha256, leader_sha)
    audit = AuditEntry.objects.get(action="onestop.result.seal", object_id=str(record.pk))
    assert audit.actor_id == people.hoa.pk and audit.before["sha256"] == leader_sha
    assert audit.after["sha256"] == record.sha256 and audit.after["agency"] == dossier.agency.code
    finish = AuditEntry.objects.get(action="onestop.dossier.finish", object_id=str(dossier.pk))
    assert finish.after["agency_signature"] is True
    assert audit_verify().ok


def stored_field(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def test_a_changed_byte_breaks_both_signatures(procedure: Any, people: Any) -> None:
    dossier = finished(procedure, people)
    [record] = result_files(dossier)
    checks = results.result_check(record)
    assert checks.valid and len(checks.signatures) == 2 and checks.sealed
    pristine = stored(record)

    _tamper(record)  # inside the leader's revision, which both signatures cover
    check = results.result_check(record)
    assert check.state == "changed" and check.verdict == CHANGED and not check.sha256_matches
    assert not any(s.valid or s.unchanged for s in check.signatures)

    # a byte changed in the agency's revision only (not the leader's): the file no longer matches its
    # SHA-256, and the agency's signature is broken
    data = bytearray(pristine)
    at = len(data) - (len(data) - len(stored_field(record.signed_file))) // 3
    data[at] = (data[at] + 1) % 256
    with open(record.file.path, "wb") as handle:
        handle.write(bytes(data))
    check = results.result_check(record)
    assert check.state == "changed" and not check.valid and not check.sha256_matches

    # the issued file intact but the kept leader-signed file changed: the stored bytes no longer
    # match what was recorded at signing
    with open(record.file.path, "wb") as handle:
        handle.write(pristine)
    assert results.result_check(record).valid
    _tamper_field(record.signed_file)
    check = results.result_check(record)
    assert check.state == "changed" and not check.sha256_matches and check.verdict == CHANGED
    # and issuing it again is impossible: the dossier is finished; sealing a changed file is refused
    record.sealed_at = None
    record.sha256 = hashlib.sha256(stored(record)).hexdigest() + "0"
    with pytest.raises(Conflict) as refused:
        services._result_seal(dossier, record, actor=people.hoa, at=ISSUED)
    assert refused.value.code == "signed_file_changed"


def _tamper_field(field: Any) -> None:
    data = bytearray(stored_field(field))
    at = len(data) // 3
    data[at] = (data[at] + 1) % 256
    with open(field.path, "wb") as handle:
        handle.write(bytes(data))


def test_an_issue_rolled_back_leaves_no_issued_file(
    procedure: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issued file is written inside the transaction of «có kết quả»; when a later step of it fails
    the file goes, the row still names the leader-signed file, which is untouched."""
    dossier = decided(procedure, people)
    [record] = result_files(dossier)
    leader_signed = stored(record)
    written: list[Any] = []
    real_audit = services._audit

    def failing_audit(actor: Any, dossier: Dossier, action: str, *args: Any) -> None:
        if action == "finish":
            for f in DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT):
                written.append((f.file.storage, f.file.name))
            raise RuntimeError("audit down")
        real_audit(actor, dossier, action, *args)

    monkeypatch.setattr(services, "_audit", failing_audit)
    with pytest.raises(RuntimeError):
        services.dossier_finish(actor=people.hoa, dossier=dossier, at=ISSUED)
    [(storage, name)] = written
    assert name and name != record.file.name and not storage.exists(name)
    record.refresh_from_db()
    assert stored(record) == leader_signed and record.sha256 == hashlib.sha256(leader_signed).hexdigest()
    assert (record.signed_sha256, record.signed_file.name, record.sealed_at) == ("", "", None)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING
    assert not AuditEntry.objects.filter(action="onestop.result.seal").exists()
    assert len(verify_signatures(leader_signed)) == 1


def test_only_the_records_clerk_may_apply_the_agencys_signature(procedure: Any, people: Any) -> None:
    dossier = decided(procedure, people)
    [record] = result_files(dossier)
    leader_signed = stored(record)
    for user in (people.binh, people.em, people.chi):  # one-stop clerk, director, specialist
        assert not services.may_seal(user, dossier)
        with pytest.raises(NotAllowed) as refused:
            services._result_seal(dossier, record, actor=user, at=ISSUED)
        assert refused.value.code == "not_the_clerk" and "văn thư" in refused.value.message
    record.refresh_from_db()
    assert stored(record) == leader_signed and record.sealed_at is None and not record.signed_file
    assert services.may_seal(people.hoa, dossier)
    # and the records-clerk step itself is closed to the one-stop clerk
    with pytest.raises(NotAllowed):
        services.dossier_finish(actor=people.binh, dossier=dossier, at=ISSUED)
    assert not AuditEntry.objects.filter(action="onestop.result.seal").exists()


@pytest.fixture
def director_last(demo_agencies: dict[str, Any]) -> Any:
    """A procedure whose process ends with the director's decision: no records-clerk step, so the
    one-stop clerk records «có kết quả»."""
    return printing_procedure(
        demo_agencies,
        code="9.100003",
        name="Cấp lại giấy phép hoạt động in",
        days=3,
        steps=[
            ("Tiếp nhận hồ sơ", "clerk", VP, 4),
            ("Thẩm định", "specialist", TTBCXB, 8),
            ("Trưởng phòng", "division_head", TTBCXB, 4),
            ("Giám đốc ký", "director", SO, 8),
        ],
    )


def test_the_one_stop_clerk_issues_with_the_leaders_signature_only(
    procedure: Any, director_last: Any, people: Any
) -> None:
    """The one-stop clerk may not use the agency's certificate: the result is issued as the leader
    signed it, and the event, the audit entry and the pages say so (decision 0010)."""
    dossier = decided(director_last, people)
    assert dossier.current_step is None
    [record] = result_files(dossier)
    leader_signed, leader_sha = stored(record), record.sha256
    c = client_for(people.binh)
    r = c.post(
        reverse("onestop_office:act", args=[dossier.code, "co-ket-qua"]),
        {"co-ket-qua-expected_version": dossier.version, "co-ket-qua-note": "Trả qua bưu chính"},
    )
    assert r.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FINISHED
    record.refresh_from_db()
    assert stored(record) == leader_signed and record.sha256 == leader_sha
    assert record.sealed_at is None and not record.signed_file and len(result_files(dossier)) == 1
    [only] = verify_signatures(leader_signed)
    assert only.valid and not only.is_agency
    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.FINISH)
    assert event.data["agency_signature"] is False and event.data["result_sha256"] == leader_sha
    assert AuditEntry.objects.get(action="onestop.dossier.finish").after["agency_signature"] is False
    note = "Kết quả được phát hành với chữ ký số của người có thẩm quyền, không có chữ ký số của cơ quan."
    for html in (
        c.get(reverse("onestop_office:detail", args=[dossier.code])).content.decode(),
        client_for(people.an).get(reverse("onestop_public:detail", args=[dossier.code])).content.decode(),
    ):
        assert VALID in html and 'data-state="valid"' in html and note in html
        assert 'data-kind="agency"' not in html
    [result] = sign_in(people.an).get(f"/dossiers/{dossier.code}").json()["results"]
    assert [s["kind"] for s in result["signature"]["signatures"]] == ["person"]


def test_the_signed_result_as_printed(procedure: Any, people: Any) -> None:
    """The first page of the issued result, rendered by poppler's pdftoppm: the blue signature image
    and the red seal are on it (the positions are checked against the text in the tests above). Kept
    as test-artifacts/screenshots/onestop-result-pdf-page1.png to look at."""
    import shutil
    import subprocess
    from pathlib import Path

    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    dossier = finished(procedure, people, by=people.giang)
    [record] = result_files(dossier)
    target = Path("test-artifacts/screenshots/onestop-result-pdf-page1")
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-", str(target)],
        input=stored(record),
        check=True,
        timeout=60,
    )
    with Image.open(f"{target}.png") as image:
        rgb = image.convert("RGB")
        colours = {rgb.getpixel((x, y)) for x in range(0, rgb.width, 3) for y in range(0, rgb.height, 3)}
    assert any(r > 180 and g < 80 and b < 90 for r, g, b in colours), "no seal red on the page"
    assert any(b > 120 and r < 80 and g < 110 for r, g, b in colours), "no signature blue on the page"
