"""The back office in a real browser: one online dossier walked the whole way — clerk Bình asks for a
supplement, then receives it; specialist Chi appraises; head Dũng reviews; director Em approves and
signs the result; Hoa issues it, adding the agency's signature; Bình returns it; citizen An sees both
signatures checked on her dossier page and rates — plus a walk-in reception, an apology (form 04) and
the overdue worklist.
Screenshots in test-artifacts/screenshots/office-*.png."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tinhso.catalog.models import Procedure
from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierStatus, FileKind

from .conftest import sign_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PRINTING = "1.004494"


@pytest.fixture
def demo_catalog(demo_agencies: Any, settings: Any, tmp_path: Path) -> None:
    from tinhso.catalog.demo import catalog_load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_load_demo()


def online_dossier(citizen: Any, at: dt.datetime | None = None) -> Dossier:
    procedure = Procedure.objects.get(national_code=PRINTING)
    d = services.dossier_create_draft(
        actor=citizen,
        procedure=procedure,
        at=at,
    )
    version = d.procedure_version
    d = services.dossier_update_draft(
        actor=citizen,
        dossier=d,
        form_data={f["name"]: "Cơ sở in Phúc Hậu" for f in version.form_fields},
        at=at,
    )
    for doc in version.documents.filter(required=True):
        services.dossier_file_add(
            actor=citizen, dossier=d, name=f"{doc.order}.pdf", content=PDF, document=doc, at=at
        )
    return services.dossier_submit(actor=citizen, dossier=d, at=at)


def open_as(new_context: Any, user: Any) -> Any:
    page = new_context().new_page()
    sign_in(page, user.email, DEMO_PASSWORD)
    return page


def open_action(page: Any, label: str) -> Any:
    """Open the action's <details> (works without JavaScript) and return its form."""
    summary = page.locator("summary", has_text=re.compile("^" + re.escape(label)))
    details = page.locator("details.action", has=summary)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_one_dossier_the_whole_way(
    new_context: Any,
    screenshot: Any,
    demo_catalog: None,
    citizen_an: Any,
    clerk_binh: Any,
    specialist_chi: Any,
    head_dung: Any,
    director_em: Any,
    persona: Any,
) -> None:
    hoa = persona("hoa")
    dossier = online_dossier(citizen_an)
    code = dossier.code

    # clerk Bình: the desk queue, a supplement round, then reception with the specialist named
    binh = open_as(new_context, clerk_binh)
    binh.goto("/quan-tri/mot-cua/tiep-nhan/")
    expect(binh.get_by_role("heading", name="Quầy tiếp nhận hồ sơ")).to_be_visible()
    expect(
        binh.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Quầy tiếp nhận")
    ).to_be_visible()
    screenshot("office-desk-queue", of=binh)
    binh.get_by_role("link", name=code).click()
    form = open_action(binh, "Yêu cầu bổ sung hồ sơ")
    form.get_by_label("Các nội dung phải bổ sung").fill(
        "Bản sao có chứng thực quyết định thành lập\nSơ đồ mặt bằng cơ sở in"
    )
    form.get_by_role("button", name="Yêu cầu bổ sung hồ sơ").click()
    expect(binh.get_by_text("Đã gửi yêu cầu bổ sung hồ sơ")).to_be_visible()
    expect(binh.get_by_text("Sơ đồ mặt bằng cơ sở in").first).to_be_visible()
    screenshot("office-supplement-requested", of=binh)
    services.dossier_supplement_submit(actor=citizen_an, dossier=Dossier.objects.get(code=code))

    binh.reload()
    form = open_action(binh, "Tiếp nhận hồ sơ")
    form.get_by_label("Giao cho").select_option(label=specialist_chi.full_name)
    form.get_by_label("Ý kiến").fill("Hồ sơ đầy đủ sau bổ sung")
    form.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(binh.get_by_text("Đã tiếp nhận hồ sơ.")).to_be_visible()
    expect(binh.locator(".status").first).to_have_text("Đang xử lý")
    screenshot("office-received", of=binh)

    # specialist Chi: her worklist, the appraisal, the hand-off
    chi = open_as(new_context, specialist_chi)
    chi.goto("/quan-tri/mot-cua/")
    expect(chi.get_by_role("link", name="Hồ sơ của tôi 1")).to_be_visible()
    screenshot("office-worklist-chi", of=chi)
    chi.get_by_role("link", name=code).click()
    form = open_action(chi, "Chuyển bước tiếp theo")
    form.get_by_label("Ý kiến").fill("Cơ sở in đủ điều kiện; đề nghị cấp phép")
    form.get_by_role("button", name="Chuyển bước tiếp theo").click()
    expect(chi.get_by_text("Đã chuyển hồ sơ sang bước tiếp theo.")).to_be_visible()

    # division head Dũng, director Em
    for user, note in ((head_dung, "Trình Giám đốc ký"), (director_em, "Đồng ý cấp giấy phép")):
        p = open_as(new_context, user)
        p.goto(f"/quan-tri/mot-cua/ho-so/{code}/")
        form = open_action(p, "Đồng ý")
        form.get_by_label("Ý kiến").fill(note)
        if user is director_em:
            screenshot("office-director-approval", of=p)
        form.get_by_role("button", name="Đồng ý").click()
        expect(p.get_by_text("Đã ghi ý kiến đồng ý")).to_be_visible()

    # document clerk Hoa: the result Em signed at his approval is there, verified; she issues it → 9
    p = open_as(new_context, hoa)
    p.goto(f"/quan-tri/mot-cua/ho-so/{code}/")
    expect(p.locator('.result-sig[data-state="valid"]')).to_contain_text("Chữ ký hợp lệ.")
    open_action(p, "Ghi nhận kết quả").get_by_role("button", name="Ghi nhận kết quả").click()
    expect(p.get_by_text("Đã ghi nhận kết quả giải quyết")).to_be_visible()
    [result] = Dossier.objects.get(code=code).files.filter(kind=FileKind.RESULT)
    assert result.signed_by == director_em and result.sealed_by == hoa  # her «có kết quả» added the seal

    # Bình returns the result → 10; the control sheet lists every hand-off
    binh.goto(f"/quan-tri/mot-cua/ho-so/{code}/")
    open_action(binh, "Trả kết quả").get_by_role("button", name="Trả kết quả").click()
    expect(binh.locator(".status").first).to_have_text("Đã trả kết quả")
    expect(
        binh.get_by_role("link", name="Mẫu 05 — Phiếu kiểm soát quá trình giải quyết (PDF)")
    ).to_be_visible()
    screenshot("office-returned", of=binh)
    assert Dossier.objects.get(code=code).status == DossierStatus.RETURNED

    # citizen An: her dossier page shows the result with its signature, checked from the stored bytes
    an = open_as(new_context, citizen_an)
    an.goto(f"/ho-so/{code}/")
    signature = an.locator(".result-sig")
    expect(signature).to_have_attribute("data-state", "valid")
    expect(signature.locator(".result-sig__verdict")).to_have_text("Các chữ ký hợp lệ.")
    leader = signature.locator('.result-sig__one[data-kind="person"]')
    expect(leader).to_have_attribute("data-valid", "true")
    expect(leader).to_contain_text("Phạm Văn Em, Giám đốc Sở")
    expect(leader).to_contain_text("Nội dung giữ nguyên từ khi ký")
    signed_at = timezone.localtime(result.signed_at).strftime("%H:%M:%S %d/%m/%Y")
    expect(leader).to_contain_text(signed_at)
    agency = signature.locator('.result-sig__one[data-kind="agency"]')
    expect(agency).to_have_attribute("data-valid", "true")
    expect(agency).to_contain_text("Chữ ký số của cơ quan (văn thư phát hành)")
    expect(agency).to_contain_text(dossier.agency.name)
    assert result.sealed_at is not None
    expect(agency).to_contain_text(timezone.localtime(result.sealed_at).strftime("%H:%M:%S %d/%m/%Y"))
    expect(an.get_by_role("link", name=result.original_name)).to_be_visible()
    signature.scroll_into_view_if_needed()
    screenshot("office-citizen-signed-result", of=an)

    # citizen An rates
    an.goto(f"/ho-so/{code}/danh-gia/")
    an.get_by_label("Rất hài lòng").check()
    an.get_by_label("Ý kiến góp ý").fill("Cán bộ hướng dẫn tận tình")
    screenshot("office-rating", of=an)
    an.get_by_role("button", name="Gửi đánh giá").click()
    expect(an.get_by_text("Cảm ơn Ông/Bà đã đánh giá.")).to_be_visible()
    assert Dossier.objects.get(code=code).rating.satisfaction == "very_satisfied"


def test_walk_in_apology_and_overdue(
    new_context: Any,
    screenshot: Any,
    demo_catalog: None,
    citizen_an: Any,
    clerk_binh: Any,
    specialist_chi: Any,
    tmp_path: Path,
) -> None:
    # a dossier received two months ago and still at the specialist: late
    long_ago = timezone.now() - dt.timedelta(days=60)
    late = services.dossier_receive(
        actor=clerk_binh,
        dossier=online_dossier(citizen_an, at=long_ago),
        at=long_ago,
        assignee=specialist_chi,
    )
    # walk-in reception with a scan
    binh = open_as(new_context, clerk_binh)
    binh.goto("/quan-tri/mot-cua/tiep-nhan/truc-tiep/")
    binh.get_by_label("Thủ tục hành chính").select_option(PRINTING)
    binh.get_by_role("button", name="Tiếp tục").click()
    binh.get_by_label("Tên tổ chức, cá nhân").fill("Hộ kinh doanh Tâm Phát")
    binh.get_by_label("Số điện thoại").fill("0939000111")
    for field in binh.locator(
        'fieldset:has(legend:text("Tờ khai")) input, fieldset:has(legend:text("Tờ khai")) textarea'
    ).all():
        field.fill("Tâm Phát")
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(PDF)
    binh.locator('input[type="file"]').first.set_input_files(str(scan))
    screenshot("office-walk-in", of=binh)
    binh.get_by_role("button", name="Tiếp nhận hồ sơ và lập giấy hẹn").click()
    expect(binh.get_by_text("In Giấy tiếp nhận (mẫu 01)")).to_be_visible()
    walk_in = Dossier.objects.get(applicant_name="Hộ kinh doanh Tâm Phát")
    assert walk_in.channel == "direct" and walk_in.status == DossierStatus.PROCESSING

    # Chi: the overdue tab, then an apology with a new date on the walk-in dossier (form 04)
    chi = open_as(new_context, specialist_chi)
    chi.goto("/quan-tri/mot-cua/?ds=qua-han")
    expect(chi.get_by_role("link", name=late.code)).to_be_visible()
    expect(chi.get_by_text("Quá hạn").first).to_be_visible()
    screenshot("office-overdue", of=chi)
    chi.goto(f"/quan-tri/mot-cua/ho-so/{walk_in.code}/")
    form = open_action(chi, "Xin lỗi và hẹn lại")
    new_day = timezone.localtime(walk_in.promised_at) + dt.timedelta(days=7)
    form.get_by_label("Ngày hẹn trả kết quả mới").fill(new_day.strftime("%d/%m/%Y"))
    form.get_by_label("Lý do chậm trả kết quả").fill("Cần kiểm tra thực tế máy móc, thiết bị in")
    form.get_by_role("button", name="Xin lỗi và hẹn lại").click()
    expect(chi.get_by_text("Đã lập Phiếu xin lỗi")).to_be_visible()
    expect(chi.get_by_role("link", name="Mẫu 04 — Phiếu xin lỗi và hẹn lại (PDF)")).to_be_visible()
    screenshot("office-apology", of=chi)
    assert Dossier.objects.get(pk=walk_in.pk).apologized_at is not None

    # the register (form 06)
    binh.goto("/quan-tri/mot-cua/so-theo-doi/")
    expect(binh.get_by_role("heading", name="Sổ theo dõi hồ sơ (mẫu 06)")).to_be_visible()
    expect(binh.get_by_role("link", name=walk_in.code)).to_be_visible()
    screenshot("office-register", of=binh)
