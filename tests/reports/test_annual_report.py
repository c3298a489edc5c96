"""The 2016 review from the demo records: every figure of the seed document, in every output; records
added, changed or deleted change the right sentences; the page, downloads and API.

The demo data (province, agencies, catalogue, a few one-stop dossiers, sector, programmes,
inspections, activities, awards) is loaded once for the module inside a transaction that is rolled
back at the end; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from docx import Document
from pypdf import PdfReader

from tinhso.activities.models import Training
from tinhso.activities.services import training_create, training_update
from tinhso.core import worktime
from tinhso.reports.annual.compose import annual_report
from tinhso.reports.annual.figures import annual_figures
from tinhso.reports.annual.news import article_markdown, news_article
from tinhso.reports.annual.render import render

pytestmark = pytest.mark.django_db

# The figures of ../shared/seed/000_cb3c2c061f0e3771.txt as the report writes them (counts below ten
# with two digits: the seed's "6 tập thể" is "06 tập thể" here, as its own "06 lớp", "09 cuộc").
SEED_FIGURES = [
    "tăng 35 trạm",
    "tăng 41.684 thuê bao",
    "DVB-T2 đợt 1 cho 30.429 hộ nghèo, cận nghèo",
    "đợt 2 là 3.554 hộ",
    "tái công nhận 53 xã đạt Tiêu chí số 8 và 01 xã được công nhận mới",
    "54/54 xã, đạt tỉ lệ 100%",
    "09 cuộc thanh, kiểm tra (vượt 02 cuộc so kế hoạch)",
    "bưu chính, viễn thông, internet, xuất bản, in và phát hành, tần số vô tuyến điện",
    "25 trường hợp vi phạm",
    "nộp ngân sách Nhà nước 64.000.000 đồng",
    "06 lớp tập huấn chuyên ngành (tăng 03 lớp so với năm 2015)",
    "hơn 700 học viên",
    "Xuân Bính Thân 2016 với hơn 200 đại biểu",
    "gần 5.000 lượt bạn đọc",
    "UPU lần thứ 46",
    "15 cuộc triển lãm “Hoàng Sa, Trường Sa của Việt Nam - Những bằng chứng lịch sử và pháp lý”",
    "tại 8/8 huyện, thị xã, thành phố với hơn 19.000 lượt tham quan",
    "180.000 tờ rơi tuyên truyền số hóa",
    "500 quyển “Sổ tay công tác thông tin đối ngoại”",
    "tổng kinh phí 150 triệu đồng",
    "Báo Hậu Giang, Đài Phát thanh - Truyền hình",
    "Đoàn phóng viên Truyền hình Al Jazeera (Qatar)",
    "xã Vĩnh Viễn A, huyện Long Mỹ",
    "Giấy khen cho 06 tập thể",
    "96 thuê bao điện thoại/100 dân",
    "06 thuê bao Internet băng rộng cố định/100 dân",
    "phấn đấu hoàn thành 02 chỉ tiêu được giao, đó là đạt 96 thuê bao điện thoại/100 dân và 06",
    "100% dịch vụ công trực tuyến mức độ 3 và 4",
]
DEMO_DOSSIERS = 60  # plans spread over 2016–2017; about half received in 2016
HEADER = [
    "UBND TỈNH HẬU GIANG",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "Số: …/BC-STTTT",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hậu Giang, ngày 27 tháng 12 năm 2016",
]


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_2016(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    from tinhso.activities.demo import activities_demo_load
    from tinhso.catalog.demo import catalog_load_demo
    from tinhso.demo.load import demo_load
    from tinhso.emulation.demo import emulation_demo_load
    from tinhso.inspections.demo import inspections_demo_load
    from tinhso.onestop.demo import onestop_demo_load
    from tinhso.programs.demo import programs_demo_load
    from tinhso.sector.demo import sector_demo_load

    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        worktime.set_calendar(None)
        demo_load(with_data=False, say=lambda s: None)
        catalog_load_demo()
        onestop_demo_load(count=DEMO_DOSSIERS, say=lambda s: None)
        sector_demo_load()
        programs_demo_load()
        inspections_demo_load()
        activities_demo_load()
        emulation_demo_load()
        yield
        transaction.set_rollback(True)
    worktime.set_calendar(None)


@pytest.fixture
def report_text(demo_2016: None) -> str:
    return flat(annual_report(2016).text())


def test_every_seed_figure_is_in_the_report(report_text: str) -> None:
    missing = [f for f in SEED_FIGURES if f not in report_text]
    assert not missing, missing


def test_figures_have_sources_and_comparisons(demo_2016: None) -> None:
    af = annual_figures(2016)
    assert all(f.source for f in af.figures)
    trainings = af.figure("trainings")
    assert (trainings.value, trainings.previous) == (6, 3)
    inspections = af.figure("inspections")
    assert (inspections.value, inspections.plan, inspections.previous) == (9, 7, 6)
    assert af.figure("telecom_bts").value == 795 and af.figure("telecom_bts").previous == 760
    assert af.figure("fines_paid").value == 64_000_000
    assert af.figure("trainees").value == 735  # written "hơn 700"
    assert af.figure("documents").value is None  # no documents module: no data, not 0
    assert af.header.date == dt.date(2016, 12, 27)


def test_markdown_html_and_news(demo_2016: None) -> None:
    report = annual_report(2016)
    md = flat(render(report, "md").content.decode())
    html = flat(render(report, "html").content.decode())
    for figure in SEED_FIGURES + HEADER:
        assert figure in md, figure
        assert figure.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or figure in html, figure
    article = news_article(report.figures)
    text = flat(article_markdown(article))
    assert (
        article.title == "Sở Thông tin và Truyền thông tỉnh Hậu Giang triển khai nhiệm vụ công tác năm 2017"
    )
    assert (
        text.count("Ngày 27/12/2016, Sở Thông tin và Truyền thông Hậu Giang đã tổ chức tổng kết năm 2016")
        == 1
    )
    for figure in (
        "trạm BTS (tăng 35 trạm)",
        "thuê bao điện thoại (tăng 41.684 thuê bao)",
        "30.429 hộ",
        "54/54 xã",
        "vượt 02 cuộc so kế hoạch",
        "64.000.000 đồng",
        "hơn 700 học viên",
        "Al Jazeera",
        "96 thuê bao điện thoại/100 dân",
        "Dịp này, Sở Thông tin và Truyền thông đã trao Giấy khen cho 06 tập thể",
    ):
        assert figure in text, figure
    assert "chưa có số liệu" not in text.lower()


def test_word_document_layout_and_text(demo_2016: None) -> None:
    doc = Document(io.BytesIO(render(annual_report(2016), "docx").content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    top, bottom, left, right = (round(m.mm) for m in margins)
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    header_cells = [c.text for c in doc.tables[0].rows[0].cells]
    for line in HEADER:
        assert any(line in cell for cell in header_cells), line
    motto = next(r for p in doc.tables[0].rows[0].cells[1].paragraphs for r in p.runs if r.text == HEADER[4])
    assert motto.bold and motto.underline
    body = flat("\n".join(p.text for p in doc.paragraphs))
    assert "BÁO CÁO" in body and "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2016" in body
    missing = [f for f in SEED_FIGURES if f not in body]
    assert not missing, missing
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    sizes = {r.font.size.pt for r in runs if r.font.size is not None}
    assert sizes and all(13 <= s <= 14 for s in sizes)
    signer = flat(" ".join(c.text for c in doc.tables[1].rows[0].cells))
    assert "Nơi nhận:" in signer and "GIÁM ĐỐC" in signer and "Phạm Văn Em" in signer


def test_pdf_has_the_figures_with_diacritics_in_dejavu(demo_2016: None) -> None:
    pdf = render(annual_report(2016), "pdf").content
    reader = PdfReader(io.BytesIO(pdf))
    # compared without whitespace: a justified line may break anywhere, even after "DVB-"
    pages = [page.extract_text().splitlines() for page in reader.pages]
    # Decree 30: no number on page 1, then the page number alone (in the top margin)
    assert "1" not in [line.strip() for line in pages[0]]
    for number, lines in enumerate(pages[1:], start=2):
        stripped = [line.strip() for line in lines]
        assert str(number) in stripped
        del lines[stripped.index(str(number))]
    text = squeeze(" ".join(" ".join(lines) for lines in pages))
    missing = [f for f in SEED_FIGURES + HEADER if squeeze(f) not in text]
    assert not missing, (missing, text)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("DejaVu-Serif" in f for f in fonts), fonts  # never Liberation 1.07
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


# --- records added, changed, deleted --------------------------------------------------------------
def test_an_added_inspection_changes_the_inspection_sentence(demo_2016: None) -> None:
    from tinhso.inspections.services import inspection_create

    inspection_create(
        actor=None,
        kind="kiem_tra",
        field="bao_chi",
        basis="dot_xuat",
        subject="Bản tin Đoàn Thanh niên tỉnh",
        start_date=dt.date(2016, 12, 5),
        end_date=dt.date(2016, 12, 6),
        team_leader="Nguyễn Văn Thanh",
    )
    text = flat(annual_report(2016).text())
    assert "10 cuộc thanh, kiểm tra (vượt 03 cuộc so kế hoạch)" in text
    assert "báo chí" in re.search(r"ở các lĩnh vực: ([^.]*)", text).group(1)  # type: ignore[union-attr]
    assert "25 trường hợp vi phạm" in text  # the new inspection found nothing
    assert "06 lớp tập huấn" in text  # other sentences unchanged


def test_training_added_changed_deleted(demo_2016: None) -> None:
    t = training_create(
        actor=None,
        title="Tập huấn quản trị Cổng thông tin điện tử",
        topic="Cổng thông tin điện tử",
        starts_on=dt.date(2016, 12, 13),
        trainees=60,
    )
    text = flat(annual_report(2016).text())
    assert "07 lớp tập huấn chuyên ngành (tăng 04 lớp so với năm 2015)" in text
    assert "tập huấn quản trị Cổng thông tin điện tử" in text and "gần 800 học viên" in text  # 795
    training_update(actor=None, training=t, changes={"trainees": 300})
    text = flat(annual_report(2016).text())
    assert "gần 1.000 học viên" not in text and "hơn 1.000 học viên" in text  # 1.035
    other = Training.objects.filter(starts_on__year=2016).exclude(pk=t.pk).first()
    assert other is not None
    other.delete()
    Training.objects.filter(pk=t.pk).delete()
    text = flat(annual_report(2016).text())
    assert "05 lớp tập huấn chuyên ngành (tăng 02 lớp so với năm 2015)" in text
    assert "09 cuộc thanh, kiểm tra (vượt 02 cuộc so kế hoạch)" in text  # unchanged


def test_deliveries_deleted_and_added(demo_2016: None) -> None:
    from tinhso.programs.models import Batch, BatchMember, Delivery
    from tinhso.programs.services import batch_start_delivery, delivery_record, stock_receive

    first = Delivery.objects.filter(batch__number=1).order_by("pk").first()
    assert first is not None
    first.delete()
    text = flat(annual_report(2016).text())
    assert "đợt 1 cho 30.428 hộ nghèo, cận nghèo" in text

    b2 = batch_start_delivery(actor=None, batch=Batch.objects.get(number=2))
    member = (
        BatchMember.objects.filter(batch=b2).select_related("household", "commune").order_by("pk").first()
    )
    assert member is not None
    stock_receive(actor=None, batch=b2, commune=member.commune, quantity=1, received_on=dt.date(2016, 12, 26))
    delivery_record(
        actor=None,
        batch=b2,
        household=member.household,
        serial="HG16TEST0001",
        receiver_name=member.household.head_name,
        delivered_on=dt.date(2016, 12, 28),
    )
    text = flat(annual_report(2016).text())
    assert "đợt 2: trong năm đã trao 01 đầu thu, lũy kế 1/3.554 hộ trong danh sách" in text
    assert "đợt 2 là 3.554 hộ" not in text  # delivering now, no longer a list awaiting delivery
    assert "đợt 1 cho 30.428 hộ" in text


def test_no_previous_year_is_said_not_zero(demo_2016: None) -> None:
    Training.objects.filter(starts_on__year=2015).delete()
    text = flat(annual_report(2016).text())
    assert "06 lớp tập huấn chuyên ngành (năm 2015 chưa có số liệu để so sánh)" in text


# --- page, downloads, API ----------------------------------------------------------------------------
def test_preview_page_and_downloads(demo_2016: None, client: Any) -> None:
    from tinhso.demo.users import demo_persona_ensure

    client.force_login(demo_persona_ensure(persona="em"))
    r = client.get("/quan-tri/bao-cao/tong-ket/", {"nam": "2016"})
    assert r.status_code == 200
    page = flat(r.content.decode())
    assert "Báo cáo tổng kết năm 2016" in page and "54/54 xã, đạt tỉ lệ 100%" in page
    assert "Tải về Word (.docx)" in page and "Dự thảo tin bài cho Cổng thông tin" in page
    assert "/quan-tri/bao-cao/tong-ket/tai-ve/pdf/?nam=2016" in page
    for fmt, ctype in (("docx", "wordprocessingml"), ("pdf", "application/pdf"), ("md", "text/markdown")):
        r = client.get(f"/quan-tri/bao-cao/tong-ket/tai-ve/{fmt}/", {"nam": "2016"})
        assert r.status_code == 200 and ctype in r["Content-Type"]
        assert f'filename="bao-cao-tong-ket-2016.{fmt}"' in r["Content-Disposition"]
    assert client.get("/quan-tri/bao-cao/tong-ket/", {"nam": "abc"}).status_code == 400
    assert client.get("/quan-tri/bao-cao/tong-ket/tai-ve/exe/").status_code == 404


def test_preview_needs_staff(demo_2016: None, client: Any) -> None:
    from tinhso.demo.users import demo_persona_ensure

    assert client.get("/quan-tri/bao-cao/tong-ket/").status_code == 302
    client.force_login(demo_persona_ensure(persona="an"))
    assert client.get("/quan-tri/bao-cao/tong-ket/").status_code == 403


def test_api_returns_every_figure_with_its_source(demo_2016: None, client: Any) -> None:
    r = client.get("/api/v1/reports/annual", {"year": "2016"})
    assert r.status_code == 200
    data = r.json()
    assert data["date"] == "2016-12-27" and data["number"] == "Số: …/BC-STTTT"
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["inspections"]["value"] == 9 and figures["inspections"]["plan"] == 7
    assert figures["telecom_telephone"]["value"] - figures["telecom_telephone"]["previous"] == 41_684
    assert figures["stb_delivered"]["value"] == 30_429 and figures["c8_met"]["value"] == 54
    assert figures["documents"]["value"] is None
    assert all(f["source"] for f in data["figures"])
    assert any("vượt 02 cuộc so kế hoạch" in b["text"] for b in data["blocks"])


def test_dossier_sentence_from_ii06a_counts() -> None:
    """The one-stop sentence from Biểu II.06a totals (the demo dossiers are tested with II.06a)."""
    from tinhso.reports.annual.compose import dossiers_sentences
    from tinhso.reports.annual.figures import AnnualFigures, DossierFigures, Header
    from tinhso.reports.ii06a import Counts

    header = Header("Hậu Giang", "", "", "", "STTTT", "GIÁM ĐỐC", "", dt.date(2017, 12, 31), "")
    af = AnnualFigures(year=2017, header=header)
    assert "Chưa có số liệu hồ sơ" in dossiers_sentences(af)[0]
    counts = Counts(
        carried_over=7, new_online=60, new_offline=180, early=170, on_time=40, late=10, withdrawn_stopped=4
    )
    counts.pending_within, counts.pending_overdue = 2, 1
    af.dossiers = DossierFigures(counts=counts, previous_new=235, refused_at_reception=3)
    text = dossiers_sentences(af)[0]
    assert "tiếp nhận mới 240 hồ sơ (tăng 05 hồ sơ so với năm 2016)" in text
    assert "60 hồ sơ nộp trực tuyến (chiếm 25%)" in text and "07 hồ sơ của năm trước chuyển sang" in text
    assert "Đã giải quyết 220 hồ sơ (trước hạn 170, đúng hạn 40, quá hạn 10)" in text
    assert "tỉ lệ giải quyết đúng hạn và trước hạn đạt 95,5%" in text
    assert "còn 03 hồ sơ đang giải quyết (trong đó 01 hồ sơ quá hạn)" in text


# --- the one-stop sentence from the demo dossiers ----------------------------------------------------
def _dossier_phrases(year: int) -> tuple[list[str], Any]:
    """The one-stop phrases the report must write for ``year``, counted here from the dossiers
    themselves (received/finished instants and channel) and the event replay of II.06a for the
    early / on time / late split — not through the report's fast path."""
    from tinhso.onestop.models import Channel, Dossier
    from tinhso.reports.annual import numbers as n
    from tinhso.reports.ii06a import Counts, Period, ii06a_counts_from_events

    period = Period.year(year)
    received = Dossier.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    new, online = received.count(), received.filter(channel=Channel.ONLINE).count()
    resolved = Dossier.objects.filter(
        received_at__isnull=False, finished_at__gte=period.start, finished_at__lt=period.end
    ).count()
    c = Counts()
    for row in ii06a_counts_from_events(period).values():
        c.add(row)
    assert (c.new, c.new_online, c.resolved, c.carried_over) == (new, online, resolved, 0)
    phrases = [
        f"trong năm tiếp nhận mới {n.count(new)} hồ sơ (năm {year - 1} chưa có số liệu để so sánh), "
        f"trong đó {n.count(online)} hồ sơ nộp trực tuyến (chiếm {n.percent(n.share(online, new) or 0)})",
        f"Đã giải quyết {n.count(resolved)} hồ sơ (trước hạn {n.count(c.early)}, đúng hạn "
        f"{n.count(c.on_time)}, quá hạn {n.count(c.late)}), tỉ lệ giải quyết đúng hạn và trước hạn đạt "
        f"{n.percent(n.share(c.early + c.on_time, resolved) or 0)}",
        f"đến ngày 31/12/{year} còn {n.count(c.pending)} hồ sơ đang giải quyết",
    ]
    return phrases, c


def _dossier_sentence(text: str) -> str:
    match = re.search(r"Phần mềm một cửa điện tử: [^.]*\.[^.]*\.", text)
    assert match, text
    return match.group(0)


def test_dossier_sentence_from_the_demo_dossiers(report_text: str) -> None:
    phrases, counts = _dossier_phrases(2016)
    # the demo year has dossiers of every kind: online and at the desk, resolved early and late
    assert 0 < counts.new_online < counts.new < DEMO_DOSSIERS and counts.early and counts.late
    sentence = _dossier_sentence(report_text)
    missing = [p for p in phrases if p not in sentence]
    assert not missing, (missing, sentence)


def test_added_and_finished_dossiers_change_the_dossier_sentence(demo_2016: None) -> None:
    from zoneinfo import ZoneInfo

    from tinhso.catalog.models import Procedure
    from tinhso.onestop import services
    from tinhso.onestop.demo import Fate, Plan, demo_applicants, demo_staff, plan_play
    from tinhso.onestop.models import Channel, DossierStatus
    from tinhso.org.models import Role

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    kw: dict[str, Any] = {
        "staff": demo_staff(),
        "applicants": {u.username: u for u in demo_applicants()},
        "procedures": {p.national_code: p for p in Procedure.objects.all()},
    }
    before_phrases, before = _dossier_phrases(2016)
    before_sentence = _dossier_sentence(flat(annual_report(2016).text()))

    # an online dossier received in November and resolved late
    late = Plan(
        number=90_001,
        procedure_code="2.001171",
        channel=Channel.ONLINE,
        applicant="hs.dn01@example.vn",
        submitted_at=dt.datetime(2016, 11, 7, 9, 0, tzinfo=tz),
        fate=Fate.RETURNED,
        speed="late",
    )
    dossier = plan_play(late, **kw)
    assert dossier.finished_at is not None and dossier.finished_at.year == 2016
    phrases, after = _dossier_phrases(2016)
    assert (after.new, after.new_online, after.late) == (
        before.new + 1,
        before.new_online + 1,
        before.late + 1,
    )
    sentence = _dossier_sentence(flat(annual_report(2016).text()))
    assert sentence != before_sentence
    assert all(p in sentence for p in phrases), (phrases, sentence)
    assert not any(p in sentence for p in before_phrases[:2])  # received, online, resolved, rate moved

    # a dossier at the desk still open at the end of the year, then finished before it ends
    open_plan = Plan(
        number=90_002,
        procedure_code="2.001171",
        channel=Channel.DIRECT,
        applicant="Cơ sở in Hưng Thịnh",
        submitted_at=dt.datetime(2016, 12, 12, 8, 30, tzinfo=tz),
        fate=Fate.OPEN,
    )
    dossier = plan_play(open_plan, **kw)
    pending_phrases, pending = _dossier_phrases(2016)
    assert (pending.pending, pending.resolved) == (after.pending + 1, after.resolved)
    sentence = _dossier_sentence(flat(annual_report(2016).text()))
    assert all(p in sentence for p in pending_phrases), (pending_phrases, sentence)

    staff, at = kw["staff"], dt.datetime(2016, 12, 20, 9, 0, tzinfo=tz)
    while dossier.status == DossierStatus.PROCESSING and dossier.current_step is not None:
        step = dossier.current_step
        agency = step.agency_id or dossier.agency_id
        if step.role == Role.SPECIALIST:
            dossier = services.dossier_forward(actor=staff.specialists[agency], dossier=dossier, at=at)
        elif step.role == Role.DIVISION_HEAD:
            dossier = services.dossier_approve(actor=staff.heads[agency], dossier=dossier, at=at)
        elif step.role == Role.DIRECTOR:
            dossier = services.dossier_approve(actor=staff.director, dossier=dossier, at=at)
        else:
            break
        at += dt.timedelta(hours=2)
    dossier = services.dossier_finish(actor=staff.document_clerk, dossier=dossier, at=at)
    finished_phrases, finished = _dossier_phrases(2016)
    assert (finished.pending, finished.resolved) == (after.pending, after.resolved + 1)
    sentence = _dossier_sentence(flat(annual_report(2016).text()))
    assert all(p in sentence for p in finished_phrases), (finished_phrases, sentence)
    assert pending_phrases[2] not in sentence  # one dossier less pending at the end of the year
