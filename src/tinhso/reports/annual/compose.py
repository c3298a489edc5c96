"""Sentences and sections of the year-end review, written from ``AnnualFigures``.

Each ``*_sentences`` function turns one group of figures into the department's wording, with the
comparisons computed (previous year, plan, targets) and "chưa có số liệu" where there is no record.
``annual_report`` assembles them into a document model (``AnnualReport``: headings and paragraphs)
that the Word, PDF, HTML and Markdown writers all render; ``news`` reuses the same sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from tinhso.activities.models import EventKind, PublicationKind
from tinhso.core import decree30
from tinhso.emulation.models import AwardForm, RecipientKind
from tinhso.news.models import Category
from tinhso.reports.annual import numbers as n
from tinhso.reports.annual.figures import (
    AnnualFigures,
    PublicationItem,
    annual_figures,
    inspection_field_labels,
)
from tinhso.sector.models import Indicator, TargetMode

DISTRICTS = "huyện, thị xã, thành phố"
LOWER_TITLE_KINDS = {
    EventKind.GATHERING,
    EventKind.SPORTS,
    EventKind.ANNIVERSARY,
    EventKind.CONFERENCE,
    EventKind.SEMINAR,
    EventKind.OTHER,
}
# publications of section 2 (press, publishing, external information); the others are propaganda
PRESS_KINDS = {PublicationKind.HANDBOOK, PublicationKind.SPECIAL_ISSUE}
COPY_UNITS: dict[str, str] = {
    PublicationKind.LEAFLET: "tờ rơi",
    PublicationKind.HANDBOOK: "quyển",
    PublicationKind.SPECIAL_ISSUE: "cuốn",
    PublicationKind.POSTER: "pa-nô, áp phích",
    PublicationKind.BANNER: "băng rôn",
    PublicationKind.VIDEO: "đĩa",
}


def no_data(what: str, year: int) -> str:
    return f"Chưa có số liệu {what} năm {year} trên hệ thống."


def _unit_name(name: str) -> str:
    """``Xã Vĩnh Viễn A`` → ``xã Vĩnh Viễn A``; ``Huyện Long Mỹ`` → ``huyện Long Mỹ``."""
    for prefix in ("Xã ", "Huyện ", "Thị xã ", "Thị trấn ", "Thành phố ", "Phường ", "Tỉnh "):
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def _previous(delta: int | None, unit: str, year: int) -> str:
    """`` (tăng 03 lớp so với năm 2015)`` or the honest note when the previous year has no record."""
    if delta is None:
        return f" (năm {year - 1} chưa có số liệu để so sánh)"
    return f" ({n.change(delta, unit, against=f'năm {year - 1}')})"


# --- I.1 advice, propaganda and events -------------------------------------------------------------
def event_phrase(kind: str, title: str, participants: int | None, visitors: int | None) -> str:
    text = "tổ chức " + (n.lower_first(title) if kind in LOWER_TITLE_KINDS else title)
    if kind == EventKind.BOOK_DAY and visitors:
        return f"{text} với {n.approx(visitors)} lượt bạn đọc tham gia"
    if participants:
        who = (
            "đại biểu"
            if kind in (EventKind.GATHERING, EventKind.CONFERENCE, EventKind.ANNIVERSARY)
            else "người"
        )
        return f"{text} với {n.approx(participants)} {who} tham dự"
    if visitors:
        return f"{text} với {n.approx(visitors)} lượt khách tham quan"
    return text


def events_sentences(af: AnnualFigures) -> list[str]:
    if not af.events:
        return [no_data("sự kiện do Sở tổ chức, tham mưu tổ chức", af.year)]
    items = [event_phrase(e.kind, e.title, e.participants, e.visitors) for e in af.events]
    return [f"Trong năm, Sở đã tham mưu, tổ chức {n.count(len(items))} sự kiện: " + "; ".join(items) + "."]


def exhibitions_sentence(af: AnnualFigures) -> str:
    ex = af.exhibitions
    if ex is None:
        return no_data("triển lãm", af.year)
    partner = f"Phối hợp với {ex.partners[0]} tổ chức" if ex.partners else "Tổ chức"
    titles = " ".join(f"“{t}”" for t in ex.titles)
    where = f"tại {n.ratio(ex.districts_covered, ex.districts_total)} {DISTRICTS}"
    return (
        f"{partner} {n.count(ex.count)} cuộc triển lãm {titles} {where} "
        f"với {n.approx(ex.visitors)} lượt tham quan."
    ).replace("  ", " ")


def publication_sentence(p: PublicationItem) -> str:
    unit = COPY_UNITS.get(p.kind, "bản")
    if p.kind == PublicationKind.LEAFLET and p.title.lower().startswith("tờ rơi"):
        obj = f"{n.count(p.copies)} {n.lower_first(p.title)}"
    else:
        obj = f"{n.count(p.copies)} {unit} “{p.title}”"
        if p.topic and p.kind in PRESS_KINDS:
            obj += f" giới thiệu {n.lower_first(p.topic)}"
    sponsor = p.sponsor.lower()
    if sponsor.startswith("vận động tài trợ"):
        verb = "Vận động tài trợ và phát hành"
    elif "biên soạn" in sponsor:
        verb = "Biên soạn và phát hành"
    else:
        verb = "Phát hành"
    return f"{verb} {obj}."


def campaign_sentence(af: AnnualFigures) -> list[str]:
    out = []
    for c in af.campaigns:
        partners = (
            f"Phối hợp với {n.join_list(c.partners, last=', ')} thực hiện " if c.partners else "Thực hiện "
        )
        money = f" với tổng kinh phí {n.money(c.budget, short=True)}" if c.budget else ""
        out.append(f"{partners}{n.lower_first(c.title)}{money}.")
    return out


def section_propaganda(af: AnnualFigures) -> list[str]:
    paras = events_sentences(af)
    second = [exhibitions_sentence(af)]
    leaflets = [p for p in af.publications if p.kind not in PRESS_KINDS]
    second += [publication_sentence(p) for p in leaflets]
    second += campaign_sentence(af) or [no_data("đợt tuyên truyền", af.year)]
    paras.append(" ".join(second))
    return paras


# --- I.2 press, publications, external information --------------------------------------------------
def press_visit_sentence(af: AnnualFigures) -> list[str]:
    out = []
    for v in af.press_visits:
        partners = f"phối hợp với {n.join_list(v.coordination)} " if v.coordination else ""
        place = ", ".join(x for x in (_unit_name(v.commune), _unit_name(v.district)) if x)
        where = f" tại {place}, tỉnh {af.header.province}" if place else ""
        out.append(
            n.upper_first(
                f"{partners}hỗ trợ Đoàn phóng viên {v.outlet} ({v.country}) đến hoạt động báo chí{where}."
            )
        )
    return out


def section_press(af: AnnualFigures) -> list[str]:
    items = [publication_sentence(p) for p in af.publications if p.kind in PRESS_KINDS]
    items += press_visit_sentence(af)
    if not items:
        return [no_data("xuất bản phẩm, thông tin đối ngoại", af.year)]
    return [" ".join(items)]


# --- I.3 training ------------------------------------------------------------------------------------
def trainings_sentence(af: AnnualFigures) -> str:
    t = af.trainings
    if t is None:
        return no_data("lớp tập huấn", af.year)
    delta = None if t.previous is None else t.count - t.previous
    titles = "; ".join([t.titles[0], *(n.lower_first(x) for x in t.titles[1:])])
    return (
        f"Tổ chức {n.count(t.count)} lớp tập huấn chuyên ngành{_previous(delta, 'lớp', af.year)}: "
        f"{titles}, với tổng số {n.approx(t.trainees)} học viên tham dự."
    )


# --- I.4 IT and e-government -------------------------------------------------------------------------
def video_sentence(af: AnnualFigures) -> str:
    v = af.video
    if v is None:
        return no_data("truyền hình hội nghị", af.year)
    where = f"tại UBND tỉnh và các {DISTRICTS}" if v.has_province else "tại các điểm cầu"
    if not v.held:
        return (
            f"Hệ thống truyền hình hội nghị {where} ({n.count(v.endpoints)} điểm cầu): chưa có số liệu "
            f"cuộc họp trực tuyến năm {af.year} trên hệ thống."
        )
    return (
        f"Hệ thống truyền hình hội nghị {where} ({n.count(v.endpoints)} điểm cầu) đảm bảo phục vụ "
        f"hiệu quả {n.count(v.held)} cuộc hội nghị trực tuyến."
    )


def procedures_sentence(af: AnnualFigures) -> str:
    p = af.procedures
    if p is None:
        return no_data("thủ tục hành chính trực tuyến", af.year)
    share = n.share(p.level_3_4, p.total)
    detail = ", ".join(
        f"mức độ {level}: {n.count(p.by_level[level])} thủ tục" for level in (4, 3) if p.by_level.get(level)
    )
    pct = n.percent(share or 0, 1)
    if p.level_3_4 == p.total:
        return (
            f"Công bố {pct} dịch vụ công trực tuyến mức độ 3 và 4 "
            f"({n.ratio(p.level_3_4, p.total)} thủ tục hành chính thuộc thẩm quyền giải quyết của Sở; "
            f"{detail})."
        )
    return (
        f"Cung cấp {n.ratio(p.level_3_4, p.total)} thủ tục hành chính dưới dạng dịch vụ công trực tuyến "
        f"mức độ 3 và 4, đạt tỉ lệ {pct}" + (f" ({detail})." if detail else ".")
    )


def dossiers_sentences(af: AnnualFigures) -> list[str]:
    d = af.dossiers
    if d is None:
        return [no_data("hồ sơ thủ tục hành chính trên phần mềm một cửa điện tử", af.year)]
    c = d.counts
    prev = None if d.previous_new is None else c.new - d.previous_new
    online = n.share(c.new_online, c.new) if c.new else None
    first = (
        f"Phần mềm một cửa điện tử: trong năm tiếp nhận mới {n.count(c.new)} hồ sơ"
        f"{_previous(prev, 'hồ sơ', af.year)}"
    )
    if c.new:
        first += f", trong đó {n.count(c.new_online)} hồ sơ nộp trực tuyến (chiếm {n.percent(online or 0)})"
    if c.carried_over:
        first += f"; {n.count(c.carried_over)} hồ sơ của năm trước chuyển sang"
    first += "."
    if c.resolved:
        rate = c.on_time_rate or 0
        second = (
            f"Đã giải quyết {n.count(c.resolved)} hồ sơ (trước hạn {n.count(c.early)}, đúng hạn "
            f"{n.count(c.on_time)}, quá hạn {n.count(c.late)}), tỉ lệ giải quyết đúng hạn và trước hạn đạt "
            f"{n.percent(Decimal(str(rate * 100)))}"
        )
    else:
        second = "Chưa có hồ sơ nào được giải quyết trong năm"
    if c.withdrawn_stopped:
        second += f"; {n.count(c.withdrawn_stopped)} hồ sơ rút hoặc dừng xử lý"
    second += f"; đến ngày 31/12/{af.year} còn {n.count(c.pending)} hồ sơ đang giải quyết"
    if c.pending_overdue:
        second += f" (trong đó {n.count(c.pending_overdue)} hồ sơ quá hạn)"
    second += "."
    return [first + " " + second]


def documents_sentence(af: AnnualFigures) -> str:
    """Outgoing and incoming documents of the year on the document software, and digital signatures
    (``documents``); "chưa có số liệu" only when the year has no document recorded."""
    d = af.documents
    if d is None:
        return (
            f"Văn bản đi, đến trên phần mềm quản lý văn bản và văn bản ký số: chưa có số liệu năm {af.year} "
            "trên nền tảng."
        )
    text = f"Phần mềm quản lý văn bản: Sở đã ban hành {n.count(d.outgoing)} văn bản đi"
    if d.outgoing_signed:
        text += f" (trong đó {n.count(d.outgoing_signed)} văn bản được ký số)"
    elif d.outgoing:
        text += " (chưa có văn bản ký số)"
    text += f", tiếp nhận {n.count(d.incoming)} văn bản đến"
    if d.incoming_electronic:
        text += f" ({n.count(d.incoming_electronic)} văn bản điện tử)"
    if d.incoming_handled:
        text += f"; đã xử lý xong {n.count(d.incoming_handled)} văn bản đến"
    elif d.incoming:
        text += "; chưa có văn bản đến nào được xử lý xong"
    return text + "."


def portal_sentence(af: AnnualFigures) -> str:
    """The portal's news of the year: articles published, by category, and views (``news``)."""
    p = af.portal
    if p is None:
        return f"Cổng thông tin điện tử: chưa có số liệu tin bài, lượt xem năm {af.year} trên nền tảng."
    labels = dict(Category.choices)
    if p.published:
        parts = [
            f"{labels.get(k, k)} {n.count(v)}"
            for k, v in sorted(p.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        text = f"Cổng thông tin điện tử đã đăng {n.count(p.published)} tin bài ({', '.join(parts)})"
    else:
        text = f"Cổng thông tin điện tử không đăng tin bài mới trong năm {af.year}"
    if p.views:
        text += f", thu hút {n.count(p.views)} lượt xem tin bài"
    if p.ratings and p.rating_average is not None:
        text += (
            f"; {n.count(p.ratings)} lượt bạn đọc đánh giá, điểm bình quân "
            f"{n.decimal(Decimal(str(p.rating_average)), 1)}/5"
        )
    return text + "."


def section_egov(af: AnnualFigures) -> list[str]:
    return [
        video_sentence(af),
        portal_sentence(af),
        procedures_sentence(af),
        *dossiers_sentences(af),
        documents_sentence(af),
    ]


# --- I.5 post, telecom and Internet ------------------------------------------------------------------
def _indicator_name(indicator: str) -> str:
    return n.lower_first(re.sub(r"\s*\(.*\)$", "", str(Indicator(indicator).label)))


def _target_phrase(density: Decimal | None, target_value: Decimal) -> str:
    if density is None:
        return f"chỉ tiêu {n.number(target_value)}/100 dân (chưa có số liệu dân số để tính mật độ)"
    pct = n.share(int(density * 100), int(target_value * 100)) or Decimal(0)
    verb = "vượt" if density > target_value else ("đạt" if density == target_value else "chưa đạt")
    return f"{verb} chỉ tiêu {n.number(target_value)}/100 dân (đạt {n.percent(pct)} chỉ tiêu)"


def telecom_sentences(af: AnnualFigures) -> list[str]:
    if not af.telecom:
        return [no_data("chỉ tiêu bưu chính, viễn thông", af.year)]
    t = af.telecom
    y = af.year

    def grow(ind: str, unit: str) -> str:
        return _previous(t[ind].growth, unit, y)

    bts, tel = t[Indicator.BTS], t[Indicator.TELEPHONE]
    parts = [
        f"Toàn tỉnh có {n.count(bts.value)} trạm BTS{grow(Indicator.BTS, 'trạm')}",
        f"{n.count(tel.value)} thuê bao điện thoại{grow(Indicator.TELEPHONE, 'thuê bao')}, trong đó "
        f"{n.count(t[Indicator.FIXED].value)} thuê bao cố định và {n.count(t[Indicator.MOBILE].value)} "
        "thuê bao di động",
    ]
    fbb, mbb = t[Indicator.FIXED_BROADBAND], t[Indicator.MOBILE_BROADBAND]
    parts.append(
        f"{n.count(fbb.value)} thuê bao Internet băng rộng cố định"
        f"{grow(Indicator.FIXED_BROADBAND, 'thuê bao')} và {n.count(mbb.value)} thuê bao băng rộng di động"
        f"{grow(Indicator.MOBILE_BROADBAND, 'thuê bao')}"
    )
    first = "; ".join(parts) + "."
    dens = []
    for ind in (Indicator.TELEPHONE, Indicator.FIXED_BROADBAND, Indicator.BROADBAND):
        f = t[ind]
        if f.density is None:
            continue
        text = f"{n.decimal(f.density)} {_indicator_name(ind)}/100 dân"
        if f.target is not None and f.target.mode == TargetMode.PER_100:
            text += f", {_target_phrase(f.density, f.target.value)}"
        dens.append(text)
    second = (
        "Mật độ: " + "; ".join(dens) + "."
        if dens
        else f"Chưa có số liệu dân số năm {y} để tính mật độ thuê bao trên 100 dân."
    )
    out = [first, second]
    for ind in (Indicator.BTS,):
        f = t[ind]
        if f.target is not None and f.target.mode == TargetMode.ABSOLUTE:
            tv = int(f.target.value)
            verb = "vượt" if f.value > tv else ("đạt" if f.value == tv else "chưa đạt")
            out.append(f"Trạm BTS {verb} kế hoạch năm {y} ({n.count(f.value)}/{n.count(tv)} trạm).")
    return [" ".join(out)]


# --- I.6 set-top boxes and criterion 8 ----------------------------------------------------------------
def programs_sentences(af: AnnualFigures) -> list[str]:
    out = []
    stb = "hỗ trợ đầu thu truyền hình số mặt đất DVB-T2"
    for b in af.batches:
        if b.closed_in_year:
            out.append(
                f"Hoàn thành triển khai {stb} đợt {b.number} cho {n.count(b.delivered_to_date)} hộ nghèo, "
                "cận nghèo."
            )
        elif b.delivered_in_year:
            pct = n.share(b.delivered_to_date, b.members) or Decimal(0)
            out.append(
                f"Triển khai {stb} đợt {b.number}: trong năm đã trao {n.count(b.delivered_in_year)} đầu thu, "
                f"lũy kế {n.ratio(b.delivered_to_date, b.members)} hộ trong danh sách, đạt {n.percent(pct)}."
            )
        if b.approved_in_year and not b.delivered_in_year:
            out.append(
                "Bổ sung danh sách hộ nghèo, cận nghèo đủ điều kiện nhận hỗ trợ đầu thu truyền hình số "
                f"mặt đất đợt {b.number} là {n.count(b.members)} hộ."
            )
    if not out:
        out.append(no_data("hỗ trợ đầu thu truyền hình số mặt đất", af.year))
    c8 = af.c8
    if c8 is None:
        out.append(no_data("đánh giá Tiêu chí số 8", af.year))
    else:
        c8_pct = n.percent(c8.percent)
        parts = []
        if c8.rerecognised:
            parts.append(f"tái công nhận {n.count(c8.rerecognised)} xã đạt Tiêu chí số 8")
        if c8.new:
            parts.append(f"{n.count(c8.new)} xã được công nhận mới")
        head = (
            "Sở đã khảo sát và " + " và ".join(parts) if parts else "Sở đã khảo sát, đánh giá Tiêu chí số 8"
        )
        text = (
            f"{head}, nâng tổng số xã được công nhận đạt Tiêu chí số 8 trên toàn tỉnh là "
            f"{n.ratio(c8.met, c8.communes)} xã, đạt tỉ lệ {c8_pct}"
        )
        if c8.not_met:
            text += f"; {n.count(c8.not_met)} xã chưa đạt"
        if c8.not_assessed:
            text += f"; {n.count(c8.not_assessed)} xã chưa được đánh giá"
        out.append(text + ".")
    return [" ".join(out)]


# --- I.7 inspections -----------------------------------------------------------------------------------
def inspections_sentence(af: AnnualFigures) -> str:
    s = af.inspections
    if s is None or (not s.conducted and not af.inspection_plan):
        return no_data("thanh tra, kiểm tra", af.year)
    if not s.conducted:
        return (
            f"Kế hoạch thanh tra, kiểm tra năm {af.year} có {n.count(s.planned)} cuộc; chưa có cuộc "
            "thanh tra, kiểm tra nào được ghi nhận trên hệ thống."
        )
    plan = (
        f" ({n.against_plan(s.conducted, s.planned, 'cuộc')})"
        if af.inspection_plan
        else f" (chưa có kế hoạch thanh tra, kiểm tra năm {af.year} trên hệ thống)"
    )
    fields = ", ".join(n.lower_first(x) for x in inspection_field_labels(s))
    text = (
        "Sở Thông tin và Truyền thông đã phối hợp với các cơ quan chức năng liên quan tiến hành "
        f"{n.count(s.conducted)} cuộc thanh, kiểm tra{plan} ở các lĩnh vực: {fields}"
    )
    if not s.violations:
        return text + ", qua đó chưa phát hiện trường hợp vi phạm."
    text += f", qua đó đã phát hiện và xử lý {n.count(s.violations)} trường hợp vi phạm"
    if s.fines_decided:
        if s.fines_unpaid:
            text += (
                f", tổng số tiền phạt {n.money(s.fines_decided)}, đã nộp ngân sách Nhà nước "
                f"{n.money(s.fines_paid)}, còn {n.money(s.fines_unpaid)} chưa nộp"
            )
        else:
            text += f", đã nộp ngân sách Nhà nước {n.money(s.fines_paid)}"
    return text + "."


# --- I.8 emulation -------------------------------------------------------------------------------------
def awards_sentence(af: AnnualFigures) -> str:
    a = af.awards
    if a is None:
        return no_data("thi đua, khen thưởng", af.year)
    forms = []
    labels = dict(AwardForm.choices)
    for form, kinds in a.by_form.items():
        who = []
        if kinds.get(RecipientKind.COLLECTIVE):
            who.append(f"{n.count(kinds[RecipientKind.COLLECTIVE])} tập thể")
        if kinds.get(RecipientKind.INDIVIDUAL):
            who.append(f"{n.count(kinds[RecipientKind.INDIVIDUAL])} cá nhân")
        forms.append(f"{labels.get(form, form)} cho {' và '.join(who)}")
    text = ""
    if forms:
        text = (
            f"Sở Thông tin và Truyền thông đã trao {'; '.join(forms)} đã có nhiều thành tích trong công tác "
            f"thi đua năm {af.year}"
        )
        if a.collective_names:
            text += f" (các tập thể: {', '.join(a.collective_names)})"
    if a.movements_next_year:
        launch = f"phát động {n.lower_first(a.movements_next_year[0])}"
        text = f"{text} và {launch}" if text else n.upper_first(launch)
    return text + "."


# --- II. next year ---------------------------------------------------------------------------------------
def targets_sentence(af: AnnualFigures) -> list[str]:
    nxt = af.year + 1
    out = []
    if af.targets_next:
        items = []
        for t in af.targets_next:
            if t.mode == TargetMode.PER_100:
                items.append(f"{n.number(t.value)} {_indicator_name(t.indicator)}/100 dân")
            else:
                items.append(f"{n.number(t.value)} {_indicator_name(t.indicator)}")
        out.append(
            f"Năm {nxt}, ngành Thông tin và Truyền thông tỉnh {af.header.province} phấn đấu hoàn thành "
            f"{n.count(len(items))} chỉ tiêu được giao, đó là đạt {n.join_list(items)}."
        )
    else:
        out.append(f"Chưa có chỉ tiêu năm {nxt} được ghi nhận trên hệ thống.")
    if af.inspections_planned_next:
        out.append(
            f"Thực hiện {n.count(af.inspections_planned_next)} cuộc thanh tra, kiểm tra theo kế hoạch "
            f"năm {nxt}."
        )
    return out


# --- the document --------------------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # "h1" (part), "h2" (section), "p" (paragraph)
    text: str


@dataclass
class AnnualReport:
    figures: AnnualFigures
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.figures.year

    @property
    def number_line(self) -> str:
        return f"Số: …/BC-{self.figures.header.symbol}"

    @property
    def place_date(self) -> str:
        d = self.figures.header.date
        return decree30.place_date(self.figures.header.province, d)

    def text(self) -> str:
        """Every heading and paragraph, one a line (for search and tests)."""
        return "\n".join(b.text for b in self.blocks)

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]


SECTIONS = [
    ("Công tác tham mưu, tuyên truyền và tổ chức sự kiện", section_propaganda),
    ("Công tác báo chí, xuất bản và thông tin đối ngoại", section_press),
    ("Công tác đào tạo, tập huấn", lambda af: [trainings_sentence(af)]),
    ("Công nghệ thông tin và xây dựng chính quyền điện tử", section_egov),
    ("Bưu chính, viễn thông và Internet", telecom_sentences),
    ("Hỗ trợ đầu thu truyền hình số mặt đất và Tiêu chí số 8", programs_sentences),
    ("Công tác thanh tra, kiểm tra", lambda af: [inspections_sentence(af)]),
    ("Công tác thi đua, khen thưởng", lambda af: [awards_sentence(af)]),
]


def compose(af: AnnualFigures) -> AnnualReport:
    y = af.year
    report = AnnualReport(
        figures=af,
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện nhiệm vụ năm {y} và phương hướng, nhiệm vụ năm {y + 1}",
        recipients=[
            "Bộ Thông tin và Truyền thông;",
            f"UBND tỉnh {af.header.province};",
            "Ban Giám đốc Sở;",
            "Các phòng, đơn vị thuộc Sở;",
            "Lưu: VT.",
        ],
    )
    add = report.blocks.append
    add(
        Block(
            "p",
            f"{af.header.agency_full} báo cáo kết quả thực hiện nhiệm vụ năm {y} và phương hướng, nhiệm vụ "
            f"năm {y + 1} như sau (số liệu tổng hợp từ cơ sở dữ liệu của nền tảng Tỉnh số):",
        )
    )
    add(Block("h1", f"I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {y}"))
    if not af.has_any_data:
        add(
            Block(
                "p",
                f"Hệ thống chưa ghi nhận số liệu nào của năm {y}: không có sự kiện, triển lãm, ấn phẩm, "
                "lớp tập huấn, hồ sơ thủ tục hành chính, số liệu viễn thông, đợt hỗ trợ đầu thu, đánh giá "
                "Tiêu chí số 8, cuộc thanh tra, kiểm tra hay quyết định khen thưởng nào. "
                "Báo cáo này vì vậy không có số liệu kết quả; đề nghị các phòng, đơn vị cập nhật dữ liệu "
                "trước khi lập lại báo cáo.",
            )
        )
    else:
        for i, (heading, make) in enumerate(SECTIONS, start=1):
            add(Block("h2", f"{i}. {heading}"))
            for text in make(af):
                add(Block("p", text))
    add(Block("h1", f"II. NHIỆM VỤ VÀ CHỈ TIÊU NĂM {y + 1}"))
    for text in targets_sentence(af):
        add(Block("p", text))
    return report


def annual_report(year: int, *, on: dt.date | None = None) -> AnnualReport:
    """The composed year-end review of ``year`` from the records."""
    return compose(annual_figures(year, on=on))
