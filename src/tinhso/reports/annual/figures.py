"""Every figure of the year-end review ("Báo cáo tổng kết năm"), read from the platform's records.

``annual_figures(year)`` asks each app's selectors and returns ``AnnualFigures``: typed groups that
``compose`` turns into sentences, and a flat list of ``Figure`` (key, value, unit, comparisons and a
short description of where the number comes from) that the API returns. Nothing is written and
nothing is assumed: a figure without records is ``None`` ("chưa có số liệu"), never 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from tinhso.activities.models import (
    Campaign,
    Endpoint,
    Event,
    EventKind,
    Exhibition,
    PressVisit,
    Publication,
    Training,
)
from tinhso.activities.selectors import activity_year, districts_valid_on
from tinhso.documents.selectors import DocumentsYear, documents_year
from tinhso.emulation.models import Movement
from tinhso.emulation.selectors import awards_of_year
from tinhso.geo.models import Unit
from tinhso.inspections.models import Field as InspectionField
from tinhso.inspections.models import Inspection
from tinhso.inspections.selectors import YearSummary, plan_for_year, year_summary
from tinhso.news.selectors import PortalYear, portal_year
from tinhso.onestop.models import Dossier
from tinhso.org.models import Agency, AgencyKind, Role, StaffRole
from tinhso.programs.models import Batch, BatchMember, Criterion8Assessment, Delivery
from tinhso.programs.selectors import C8Summary, c8_summary
from tinhso.reports.ii06a import Counts, Period
from tinhso.reports.selectors import OnlineLevels, ii06a_report, online_levels
from tinhso.sector import selectors as sector
from tinhso.sector.models import Indicator, Target, TargetMode

Number = int | Decimal


@dataclass
class Figure:
    """One number of the report, with what it is compared with and where it comes from."""

    key: str
    label: str
    value: Number | None
    unit: str
    source: str
    previous: Number | None = None  # the same figure a year earlier
    plan: Number | None = None  # the plan of the year
    target: Number | None = None  # the target of the year

    @property
    def has_data(self) -> bool:
        return self.value is not None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for k, v in out.items():
            if isinstance(v, Decimal):
                out[k] = float(v)
        return out


# --- the typed groups ------------------------------------------------------------------------------
@dataclass
class Header:
    province: str  # "Hậu Giang"
    parent_agency: str  # "UBND TỈNH HẬU GIANG"
    agency: str  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    agency_full: str  # "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    symbol: str  # "STTTT"
    signer_title: str  # "GIÁM ĐỐC"
    signer_name: str  # "" when no director is recorded
    date: dt.date
    date_source: str


@dataclass
class EventItem:
    kind: str
    title: str
    starts_on: dt.date
    participants: int | None
    visitors: int | None


@dataclass
class Exhibitions:
    count: int
    visitors: int
    districts_covered: int
    districts_total: int
    titles: list[str]
    partners: list[str]


@dataclass
class PublicationItem:
    kind: str
    kind_label: str
    title: str
    topic: str
    copies: int
    sponsor: str


@dataclass
class CampaignItem:
    title: str
    partners: list[str]
    budget: int


@dataclass
class PressItem:
    outlet: str
    country: str
    commune: str
    district: str
    coordination: list[str]


@dataclass
class Trainings:
    count: int
    previous: int | None  # None when the previous year has no trainings recorded
    trainees: int
    titles: list[str]


@dataclass
class VideoConferences:
    held: int
    endpoints: int
    has_province: bool


@dataclass
class DossierFigures:
    counts: Counts
    previous_new: int | None
    refused_at_reception: int


@dataclass
class BatchItem:
    number: int
    name: str
    status: str
    members: int
    delivered_in_year: int
    delivered_to_date: int
    approved_in_year: bool
    closed_in_year: bool


@dataclass
class TargetItem:
    indicator: str
    label: str
    mode: str
    value: Decimal
    note: str


@dataclass
class Awards:
    collectives: int
    individuals: int
    by_form: dict[str, dict[str, int]]
    collective_names: list[str]
    movements_next_year: list[str]


@dataclass
class AnnualFigures:
    year: int
    header: Header
    events: list[EventItem] = field(default_factory=list)
    exhibitions: Exhibitions | None = None
    publications: list[PublicationItem] = field(default_factory=list)
    campaigns: list[CampaignItem] = field(default_factory=list)
    press_visits: list[PressItem] = field(default_factory=list)
    trainings: Trainings | None = None
    video: VideoConferences | None = None
    procedures: OnlineLevels | None = None
    dossiers: DossierFigures | None = None
    portal: PortalYear | None = None  # None: no article published and no view counted in the year
    documents: DocumentsYear | None = None  # None: no outgoing or incoming document in the year
    documents_available: bool = False
    signatures_available: bool = False
    telecom: dict[str, sector.Figure] = field(default_factory=dict)
    telecom_previous_year: bool = False
    batches: list[BatchItem] = field(default_factory=list)
    c8: C8Summary | None = None
    inspections: YearSummary | None = None
    inspection_plan: bool = False
    inspections_previous: int | None = None
    awards: Awards | None = None
    targets_next: list[TargetItem] = field(default_factory=list)
    inspections_planned_next: int | None = None
    figures: list[Figure] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    @property
    def has_any_data(self) -> bool:
        return any(f.has_data for f in self.figures)


# --- collectors ------------------------------------------------------------------------------------
def _period_q(prefix: str, year: int) -> Q:
    return Q(**{f"{prefix}__gte": dt.date(year, 1, 1), f"{prefix}__lte": dt.date(year, 12, 31)})


def review_conference(year: int) -> Event | None:
    """The year-end review conference of ``year`` (an event "… tổng kết năm <year> …")."""
    return (
        Event.objects.filter(_period_q("starts_on", year), kind=EventKind.CONFERENCE)
        .filter(title__icontains=f"tổng kết năm {year}")
        .order_by("starts_on", "id")
        .first()
    )


def department() -> Agency | None:
    """The department the platform serves (the first Sở of the agency tree)."""
    return (
        Agency.objects.filter(kind=AgencyKind.DEPARTMENT, is_active=True)
        .select_related("parent")
        .order_by("order", "code")
        .first()
    )


def _header(year: int, *, on: dt.date | None) -> Header:
    today = timezone.localdate()
    province_unit = (
        Unit.objects.filter(code=settings.TINHSO_PROVINCE, level=1).order_by("-valid_from").first()
    )
    province = province_unit.name.removeprefix("Tỉnh ").removeprefix("Thành phố ") if province_unit else ""
    so = department()
    parent_name = ""
    if so is not None and so.parent is not None:
        parent_name = so.parent.name.replace("Ủy ban nhân dân", "UBND")
    agency_full = so.name if so else "Sở Thông tin và Truyền thông"
    agency = agency_full.split(" tỉnh ")[0].split(" thành phố ")[0]
    director = None
    if so is not None:
        director = (
            StaffRole.objects.filter(agency=so, role=Role.DIRECTOR, is_active=True)
            .select_related("user")
            .order_by("id")
            .first()
        )
    if on is not None:
        date, source = on, "Ngày do người lập báo cáo chọn."
    else:
        conference = review_conference(year)
        if conference is not None:
            date, source = conference.starts_on, f"Ngày của sự kiện “{conference.title}”."
        else:
            date = min(dt.date(year, 12, 31), today)
            source = "Không có sự kiện tổng kết năm: ngày cuối năm (hoặc hôm nay nếu năm chưa hết)."
    return Header(
        province=province,
        parent_agency=parent_name.upper(),
        agency=agency.upper(),
        agency_full=agency_full,
        symbol=so.symbol if so and so.symbol else "STTTT",
        signer_title="GIÁM ĐỐC",
        signer_name=director.user.full_name if director else "",
        date=date,
        date_source=source,
    )


def _activities(af: AnnualFigures, year: int, *, skip_event_id: int | None) -> None:
    ay = activity_year(year=year)
    prev = activity_year(year=year - 1)
    events = Event.objects.filter(_period_q("starts_on", year)).order_by("starts_on", "id")
    af.events = [
        EventItem(e.kind, e.title, e.starts_on, e.participants, e.visitors)
        for e in events
        if e.pk != skip_event_id
    ]
    af.add(
        Figure(
            "events",
            "Sự kiện do Sở tổ chức, tham mưu tổ chức",
            len(af.events) if af.events else None,
            "sự kiện",
            "activities.Event có ngày bắt đầu trong năm (trừ hội nghị tổng kết năm).",
        )
    )
    if ay.exhibitions:
        exhibitions = list(Exhibition.objects.filter(_period_q("starts_on", year)).order_by("starts_on"))
        titles = list(dict.fromkeys(e.title for e in exhibitions))
        partner_sets = [[p.strip() for p in e.partner.split(";") if p.strip()] for e in exhibitions]
        partners = [p for p in partner_sets[0] if all(p in s for s in partner_sets)] if partner_sets else []
        af.exhibitions = Exhibitions(
            count=ay.exhibitions,
            visitors=ay.exhibition_visitors,
            districts_covered=ay.exhibition_districts,
            districts_total=ay.districts,
            titles=titles,
            partners=partners[:1],
        )
    af.add(
        Figure(
            "exhibitions",
            "Cuộc triển lãm",
            ay.exhibitions or None,
            "cuộc",
            "activities.Exhibition khai mạc trong năm.",
            previous=prev.exhibitions or None,
        )
    )
    af.add(
        Figure(
            "exhibition_visitors",
            "Lượt tham quan triển lãm",
            ay.exhibition_visitors if ay.exhibitions else None,
            "lượt",
            "Tổng activities.Exhibition.visitors của các cuộc triển lãm trong năm.",
        )
    )
    af.add(
        Figure(
            "exhibition_districts",
            "Huyện, thị xã, thành phố có triển lãm",
            ay.exhibition_districts if ay.exhibitions else None,
            f"/{ay.districts} đơn vị cấp huyện",
            "Số đơn vị cấp huyện khác nhau có triển lãm / số đơn vị cấp huyện còn hiệu lực ngày 31/12 "
            "(geo.Unit).",
        )
    )
    af.publications = [
        PublicationItem(p.kind, str(p.get_kind_display()), p.title, p.topic, p.copies, p.sponsor)
        for p in Publication.objects.filter(_period_q("issued_on", year)).order_by("issued_on", "id")
    ]
    for kind, copies in sorted(ay.publications_by_kind.items()):
        af.add(
            Figure(
                f"publications_{kind}",
                f"Số bản phát hành: {kind}",
                copies,
                "bản",
                f"Tổng activities.Publication.copies loại “{kind}” phát hành trong năm.",
                previous=prev.publications_by_kind.get(kind),
            )
        )
    af.campaigns = [
        CampaignItem(c.title, [p.strip() for p in c.partners.splitlines() if p.strip()], c.budget)
        for c in Campaign.objects.filter(_period_q("starts_on", year)).order_by("starts_on", "id")
    ]
    af.add(
        Figure(
            "campaign_budget",
            "Kinh phí các đợt tuyên truyền",
            ay.campaign_budget if ay.campaigns else None,
            "đồng",
            "Tổng activities.Campaign.budget của các đợt tuyên truyền bắt đầu trong năm.",
            previous=prev.campaign_budget if prev.campaigns else None,
        )
    )
    af.press_visits = []
    for v in PressVisit.objects.filter(_period_q("starts_on", year)).select_related(
        "commune", "commune__parent", "district"
    ):
        district = v.district or (v.commune.parent if v.commune else None)
        af.press_visits.append(
            PressItem(
                outlet=v.outlet,
                country=v.country,
                commune=v.commune.name if v.commune else "",
                district=district.name if district else "",
                coordination=[p.strip() for p in v.coordination.replace("\n", ";").split(";") if p.strip()],
            )
        )
    af.add(
        Figure(
            "press_visits",
            "Đoàn phóng viên nước ngoài được hỗ trợ",
            ay.press_visits or None,
            "đoàn",
            "activities.PressVisit bắt đầu trong năm.",
        )
    )
    if ay.trainings:
        titles = list(
            Training.objects.filter(_period_q("starts_on", year))
            .order_by("starts_on", "id")
            .values_list("title", flat=True)
        )
        af.trainings = Trainings(ay.trainings, prev.trainings or None, ay.trainees, titles)
    af.add(
        Figure(
            "trainings",
            "Lớp tập huấn",
            ay.trainings or None,
            "lớp",
            "activities.Training bắt đầu trong năm; so sánh với năm trước.",
            previous=prev.trainings or None,
        )
    )
    af.add(
        Figure(
            "trainees",
            "Học viên tập huấn",
            ay.trainees if ay.trainings else None,
            "học viên",
            "Tổng activities.Training.trainees của các lớp trong năm.",
            previous=prev.trainees if prev.trainings else None,
        )
    )
    endpoints = Endpoint.objects.filter(is_active=True)
    if ay.sessions_held or endpoints.exists():
        af.video = VideoConferences(
            held=ay.sessions_held,
            endpoints=endpoints.count(),
            has_province=endpoints.filter(unit__level=1).exists(),
        )
    af.add(
        Figure(
            "video_sessions",
            "Cuộc họp trực tuyến đã diễn ra",
            ay.sessions_held if af.video else None,
            "cuộc",
            "activities.ConferenceSession trạng thái “Đã diễn ra” bắt đầu trong năm.",
            previous=prev.sessions_held or None,
        )
    )
    for e in af.events:
        if e.participants:
            af.add(
                Figure(
                    f"event_{e.starts_on:%m%d}_participants",
                    f"Đại biểu, người tham dự: {e.title}",
                    e.participants,
                    "người",
                    "activities.Event.participants.",
                )
            )
        if e.visitors:
            af.add(
                Figure(
                    f"event_{e.starts_on:%m%d}_visitors",
                    f"Lượt khách, bạn đọc: {e.title}",
                    e.visitors,
                    "lượt",
                    "activities.Event.visitors.",
                )
            )


def _portal(af: AnnualFigures, year: int) -> None:
    py = portal_year(year=year)
    af.portal = py if py.published or py.views else None
    af.add(
        Figure(
            "portal_articles",
            "Tin bài đăng trên Cổng thông tin điện tử",
            py.published if af.portal else None,
            "tin bài",
            "news.Article đang đăng trên Cổng, có ngày đăng (published_at) trong năm.",
        )
    )
    af.add(
        Figure(
            "portal_views",
            "Lượt xem tin bài trên Cổng thông tin điện tử",
            py.views if af.portal else None,
            "lượt",
            "Tổng news.ArticleViewDay.count các ngày trong năm (mọi tin bài).",
        )
    )


def _documents(af: AnnualFigures, year: int) -> None:
    """Outgoing documents numbered in the year (and those signed digitally), incoming documents
    registered in it, from ``documents``; None (not 0) when the year has no document recorded."""
    so = department()
    dy = documents_year(year=year, agency=so) if so is not None else None
    af.documents = dy if dy is not None and (dy.outgoing or dy.incoming) else None
    d = af.documents
    af.add(
        Figure(
            "documents",
            "Văn bản đi, đến trên phần mềm quản lý văn bản",
            d.outgoing + d.incoming if d else None,
            "văn bản",
            "documents.OutgoingDocument đã cấp số trong năm (year) và IncomingDocument vào sổ "
            "trong năm, của Sở.",
        )
    )
    af.add(
        Figure(
            "signatures",
            "Văn bản ký số",
            d.outgoing_signed if d else None,
            "văn bản",
            "documents.OutgoingDocument đã cấp số trong năm có tệp PDF ký số (signed_sha256).",
        )
    )


def _egov(af: AnnualFigures, year: int) -> None:
    _portal(af, year)
    period = Period.year(year)
    levels = online_levels(period.date_to)
    af.procedures = levels if levels.total else None
    af.add(
        Figure(
            "procedures",
            "Thủ tục hành chính thuộc thẩm quyền",
            levels.total or None,
            "thủ tục",
            "catalog.Procedure đang áp dụng, phiên bản có hiệu lực ngày 31/12.",
        )
    )
    af.add(
        Figure(
            "procedures_level_3_4",
            "Thủ tục cung cấp dịch vụ công trực tuyến mức độ 3 và 4",
            levels.level_3_4 if levels.total else None,
            "thủ tục",
            "catalog.ProcedureVersion.online_level ∈ {3, 4} của phiên bản có hiệu lực ngày 31/12.",
        )
    )
    af.add(
        Figure(
            "procedures_level_3_4_share",
            "Tỉ lệ dịch vụ công trực tuyến mức độ 3 và 4",
            Decimal(levels.level_3_4 * 100) / levels.total if levels.total else None,
            "%",
            "Thủ tục mức độ 3, 4 / tổng số thủ tục.",
        )
    )
    has_dossiers = Dossier.objects.filter(received_at__lt=period.end).exists()
    if has_dossiers:
        report = ii06a_report(period)
        prev = Period.year(year - 1)
        prev_new = Dossier.objects.filter(received_at__gte=prev.start, received_at__lt=prev.end).count()
        af.dossiers = DossierFigures(report.total, prev_new or None, report.refused_at_reception)
    total = af.dossiers.counts if af.dossiers else None
    src = "Biểu II.06a của năm (reports.ii06a): "
    af.add(
        Figure(
            "dossiers_received",
            "Hồ sơ tiếp nhận",
            total.received if total else None,
            "hồ sơ",
            src + "kỳ trước chuyển qua + mới tiếp nhận.",
        )
    )
    af.add(
        Figure(
            "dossiers_new",
            "Hồ sơ mới tiếp nhận trong năm",
            total.new if total else None,
            "hồ sơ",
            src + "mới tiếp nhận; năm trước: onestop.Dossier.received_at trong năm trước.",
            previous=af.dossiers.previous_new if af.dossiers else None,
        )
    )
    af.add(
        Figure(
            "dossiers_online",
            "Hồ sơ nộp trực tuyến",
            total.new_online if total else None,
            "hồ sơ",
            src + "mới tiếp nhận qua Cổng dịch vụ công.",
        )
    )
    af.add(
        Figure(
            "dossiers_resolved",
            "Hồ sơ đã giải quyết",
            total.resolved if total else None,
            "hồ sơ",
            src + "trước hạn + đúng hạn + quá hạn.",
        )
    )
    rate = total.on_time_rate if total else None
    af.add(
        Figure(
            "dossiers_on_time_rate",
            "Tỉ lệ giải quyết đúng hạn và trước hạn",
            Decimal(str(rate * 100)) if rate is not None else None,
            "%",
            src + "(trước hạn + đúng hạn) / đã giải quyết.",
        )
    )
    af.add(
        Figure(
            "dossiers_late",
            "Hồ sơ giải quyết quá hạn",
            total.late if total else None,
            "hồ sơ",
            src + "đã giải quyết sau thời hạn.",
        )
    )
    af.add(
        Figure(
            "dossiers_pending",
            "Hồ sơ đang giải quyết cuối năm",
            total.pending if total else None,
            "hồ sơ",
            src + "chưa giải quyết tại ngày 31/12.",
        )
    )
    af.documents_available = apps.is_installed("tinhso.documents")
    af.signatures_available = apps.is_installed("tinhso.signing")
    _documents(af, year)


TELECOM_UNITS: dict[str, str] = {
    Indicator.BTS: "trạm",
    Indicator.FIXED: "thuê bao",
    Indicator.MOBILE: "thuê bao",
    Indicator.TELEPHONE: "thuê bao",
    Indicator.FIXED_BROADBAND: "thuê bao",
    Indicator.MOBILE_BROADBAND: "thuê bao",
    Indicator.BROADBAND: "thuê bao",
}


def _telecom(af: AnnualFigures, year: int) -> None:
    if sector.has_reports(year):
        af.telecom = {f.indicator: f for f in sector.province_figures(year)}
        af.telecom_previous_year = sector.has_reports(year - 1)
    for indicator, unit in TELECOM_UNITS.items():
        f = af.telecom.get(indicator)
        target = f.target if f else None
        af.add(
            Figure(
                f"telecom_{indicator}",
                str(Indicator(indicator).label),
                f.value if f else None,
                unit,
                "Tổng sector.IndicatorReport cả năm của các doanh nghiệp × huyện; năm trước cùng cách tính.",
                previous=f.previous if f else None,
                target=target.value if target else None,
            )
        )
        if f is not None and indicator != Indicator.BTS:
            af.add(
                Figure(
                    f"telecom_{indicator}_per_100",
                    f"{Indicator(indicator).label} trên 100 dân",
                    f.density,
                    f"{unit}/100 dân",
                    "Giá trị / dân số năm (geo.Population) × 100.",
                    target=target.value if target and target.mode == TargetMode.PER_100 else None,
                )
            )


def _programs(af: AnnualFigures, year: int) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tz = timezone.get_current_timezone()
    start_at = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    end_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    batches = Batch.objects.filter(
        Q(approved_at__gte=start_at, approved_at__lt=end_at)
        | Q(closed_at__gte=start_at, closed_at__lt=end_at)
    ).values_list("pk", flat=True)
    delivered = dict(
        Delivery.objects.filter(delivered_on__gte=start, delivered_on__lte=end)
        .values_list("batch_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    to_date = dict(
        Delivery.objects.filter(delivered_on__lte=end)
        .values_list("batch_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    ids = set(batches) | set(delivered)
    members = dict(
        BatchMember.objects.filter(batch_id__in=ids)
        .values_list("batch_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for b in Batch.objects.filter(pk__in=ids).order_by("number"):
        af.batches.append(
            BatchItem(
                number=b.number,
                name=b.name,
                status=b.status,
                members=members.get(b.pk, 0),
                delivered_in_year=delivered.get(b.pk, 0),
                delivered_to_date=to_date.get(b.pk, 0),
                approved_in_year=b.approved_at is not None and start_at <= b.approved_at < end_at,
                closed_in_year=b.closed_at is not None and start_at <= b.closed_at < end_at,
            )
        )
    af.add(
        Figure(
            "stb_delivered",
            "Hộ nghèo, cận nghèo nhận đầu thu DVB-T2 trong năm",
            sum(delivered.values()) if af.batches else None,
            "hộ",
            "programs.Delivery có ngày giao trong năm (mọi đợt).",
        )
    )
    listed = [b for b in af.batches if b.approved_in_year and not b.delivered_in_year]
    af.add(
        Figure(
            "stb_new_list",
            "Hộ trong danh sách các đợt được phê duyệt trong năm, chưa cấp phát",
            sum(b.members for b in listed) if listed else None,
            "hộ",
            "programs.BatchMember của các đợt có ngày phê duyệt trong năm.",
        )
    )
    if Criterion8Assessment.objects.filter(year=year).exists():
        af.c8 = c8_summary(year)
    c8 = af.c8
    src = "programs.Criterion8Assessment năm; xã = geo.Unit loại xã còn hiệu lực ngày 31/12."
    af.add(
        Figure(
            "c8_rerecognised",
            "Xã tái công nhận đạt Tiêu chí số 8",
            c8.rerecognised if c8 else None,
            "xã",
            src,
        )
    )
    af.add(Figure("c8_new", "Xã công nhận mới đạt Tiêu chí số 8", c8.new if c8 else None, "xã", src))
    af.add(Figure("c8_met", "Xã đạt Tiêu chí số 8", c8.met if c8 else None, "xã", src))
    af.add(Figure("c8_communes", "Tổng số xã", c8.communes if c8 else None, "xã", src))


def _inspections(af: AnnualFigures, year: int) -> None:
    plan = plan_for_year(year=year)
    af.inspection_plan = plan is not None
    has = Inspection.objects.filter(year=year).exists()
    summary = year_summary(year=year) if has or plan is not None else None
    af.inspections = summary
    prev = Inspection.objects.filter(year=year - 1).count()
    af.inspections_previous = prev or None
    src = "inspections.year_summary: cuộc thanh tra, kiểm tra có ngày bắt đầu trong năm; "
    af.add(
        Figure(
            "inspections",
            "Cuộc thanh tra, kiểm tra",
            summary.conducted if summary and has else None,
            "cuộc",
            src + "kế hoạch = tổng PlanLine của kế hoạch năm.",
            previous=af.inspections_previous,
            plan=summary.planned if summary and plan is not None else None,
        )
    )
    af.add(
        Figure(
            "violations",
            "Trường hợp vi phạm phát hiện, xử lý",
            summary.violations if summary and has else None,
            "trường hợp",
            src + "Violation của các cuộc đó.",
        )
    )
    af.add(
        Figure(
            "fines_decided",
            "Tiền phạt theo quyết định xử phạt",
            summary.fines_decided if summary and summary.decisions else None,
            "đồng",
            src + "tổng SanctionDecision.fine_amount.",
        )
    )
    af.add(
        Figure(
            "fines_paid",
            "Tiền phạt đã nộp ngân sách Nhà nước",
            summary.fines_paid if summary and summary.decisions else None,
            "đồng",
            src + "SanctionDecision đã nộp (payment_status = đã nộp).",
        )
    )


def _awards(af: AnnualFigures, year: int) -> None:
    from tinhso.emulation.models import Recipient, RecipientKind

    data = awards_of_year(emulation_year=year)
    names = list(
        Recipient.objects.filter(decision__emulation_year=year, kind=RecipientKind.COLLECTIVE)
        .order_by("decision__decided_on", "id")
        .values_list("name", flat=True)
    )
    movements = list(
        Movement.objects.filter(year=year + 1, launched_on__lte=dt.date(year, 12, 31))
        .order_by("launched_on")
        .values_list("title", flat=True)
    )
    if data["collectives"] or data["individuals"] or movements:
        af.awards = Awards(
            collectives=data["collectives"],
            individuals=data["individuals"],
            by_form=data["by_form"],
            collective_names=names,
            movements_next_year=movements,
        )
    src = "emulation.Recipient của các quyết định khen thưởng thành tích năm."
    has = bool(data["collectives"] or data["individuals"])
    af.add(
        Figure(
            "awards_collectives",
            "Tập thể được khen thưởng",
            data["collectives"] if has else None,
            "tập thể",
            src,
        )
    )
    af.add(
        Figure(
            "awards_individuals",
            "Cá nhân được khen thưởng",
            data["individuals"] if has else None,
            "cá nhân",
            src,
        )
    )


def _targets(af: AnnualFigures, year: int, report_date: dt.date) -> None:
    nxt = year + 1
    targets = Target.objects.filter(year=nxt, unit__code=settings.TINHSO_PROVINCE, unit__level=1)
    order = {v: i for i, v in enumerate(Indicator.values)}
    for t in sorted(targets, key=lambda t: (t.mode != TargetMode.PER_100, order.get(t.indicator, 99))):
        af.targets_next.append(
            TargetItem(t.indicator, str(t.get_indicator_display()), t.mode, t.value, t.note)
        )
        af.add(
            Figure(
                f"target_{nxt}_{t.indicator}",
                f"Chỉ tiêu năm {nxt}: {t.get_indicator_display()}",
                t.value,
                "/100 dân" if t.mode == TargetMode.PER_100 else TELECOM_UNITS.get(t.indicator, ""),
                "sector.Target của tỉnh cho năm sau.",
            )
        )
    plan = plan_for_year(year=nxt)
    if plan is not None and (plan.decision_date is None or plan.decision_date <= report_date):
        af.inspections_planned_next = sum(line.planned_count for line in plan.lines.all())


def annual_figures(year: int, *, on: dt.date | None = None) -> AnnualFigures:
    """Every figure of the year-end review of ``year``. ``on`` fixes the date of the report (default:
    the date of the year-end review conference if one is recorded, else 31/12 or today)."""
    header = _header(year, on=on)
    af = AnnualFigures(year=year, header=header)
    conference = review_conference(year)
    _activities(af, year, skip_event_id=conference.pk if conference else None)
    _egov(af, year)
    _telecom(af, year)
    _programs(af, year)
    _inspections(af, year)
    _awards(af, year)
    _targets(af, year, header.date)
    return af


def inspection_field_labels(summary: YearSummary) -> list[str]:
    """Labels of the fields inspected, in the order of ``inspections.Field``."""
    labels = dict(InspectionField.choices)
    return [str(labels[r.field]) for r in summary.by_field if r.conducted]


def districts_total(year: int) -> int:
    return districts_valid_on(dt.date(year, 12, 31)).count()
