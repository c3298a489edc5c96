"""Demo activities of Hậu Giang 2015–2017, written through the services.

From the 2016 review: the gathering of journalists and artists (Xuân Bính Thân 2016, more than 200
delegates); Ngày sách Việt Nam lần thứ 2 (about 5.000 readers); the UPU letter-writing contest (46th);
the sports day and anniversary of 28/8; 15 exhibitions “Hoàng Sa, Trường Sa của Việt Nam - Những bằng
chứng lịch sử và pháp lý” in 8/8 districts with more than 19.000 visitors; 180.000 leaflets on digital
terrestrial TV; 500 handbooks on external information; the 150.000.000 đồng campaign against
information poverty with Báo Hậu Giang and Đài Phát thanh - Truyền hình; 6 training classes (3 in 2015)
with more than 700 trainees; the Al Jazeera (Qatar) visit to xã Vĩnh Viễn A, huyện Long Mỹ; the
video-conference network of UBND tỉnh and the 8 districts. Dates, places and splits are invented.
Idempotent: each record is looked up by its natural key (title and date, or name) first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from tinhso.activities.models import (
    Campaign,
    ConferenceSession,
    Endpoint,
    Event,
    Exhibition,
    PressVisit,
    Publication,
    Training,
)
from tinhso.activities.services import (
    campaign_create,
    endpoint_create,
    event_create,
    exhibition_create,
    press_visit_create,
    publication_create,
    session_record_attendance,
    session_schedule,
    training_create,
)
from tinhso.geo.models import Unit
from tinhso.geo.selectors import unit_valid_on

D = dt.date
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DISTRICTS = ["930", "931", "932", "933", "934", "935", "936", "937"]
DISTRICT_SEATS = {
    "930": ("Thành phố Vị Thanh", "Hội trường UBND thành phố Vị Thanh"),
    "931": ("Thị xã Ngã Bảy", "Hội trường UBND thị xã Ngã Bảy"),
    "932": ("Huyện Châu Thành A", "Hội trường UBND huyện Châu Thành A, thị trấn Một Ngàn"),
    "933": ("Huyện Châu Thành", "Hội trường UBND huyện Châu Thành, thị trấn Ngã Sáu"),
    "934": ("Huyện Phụng Hiệp", "Hội trường UBND huyện Phụng Hiệp, thị trấn Cây Dương"),
    "935": ("Huyện Vị Thủy", "Hội trường UBND huyện Vị Thủy, thị trấn Nàng Mau"),
    "936": ("Huyện Long Mỹ", "Hội trường UBND huyện Long Mỹ, xã Vĩnh Viễn"),
    "937": ("Thị xã Long Mỹ", "Hội trường UBND thị xã Long Mỹ"),
}

EVENTS: list[dict[str, Any]] = [
    dict(
        kind="hop_mat",
        title="Họp mặt Nhà báo và Văn nghệ sĩ Xuân Ất Mùi 2015",
        starts_on=D(2015, 2, 5),
        place="Hội trường UBND tỉnh Hậu Giang",
        district="930",
        participants=190,
        organizer="UBND tỉnh; Sở Thông tin và Truyền thông",
    ),
    dict(
        kind="cuoc_thi",
        title="Lễ phát động cuộc thi viết thư Quốc tế UPU lần thứ 45 năm 2015",
        starts_on=D(2015, 3, 20),
        place="Trường THPT Vị Thanh",
        district="930",
        participants=350,
        organizer="Sở Thông tin và Truyền thông; Sở Giáo dục và Đào tạo; Bưu điện tỉnh",
    ),
    dict(
        kind="ky_niem",
        title="Họp mặt kỷ niệm 70 năm Ngày Truyền thống ngành Thông tin và Truyền thông "
        "(28/8/1945 - 28/8/2015)",
        starts_on=D(2015, 8, 27),
        place="Hội trường Sở Thông tin và Truyền thông",
        district="930",
        participants=160,
        organizer="Sở Thông tin và Truyền thông",
    ),
    dict(
        kind="hop_mat",
        title="Họp mặt Nhà báo và Văn nghệ sĩ Xuân Bính Thân 2016",
        starts_on=D(2016, 1, 29),
        place="Hội trường UBND tỉnh Hậu Giang",
        district="930",
        participants=215,
        organizer="UBND tỉnh; Sở Thông tin và Truyền thông (tham mưu)",
    ),
    dict(
        kind="cuoc_thi",
        title="Lễ phát động cuộc thi viết thư Quốc tế UPU lần thứ 46 năm 2016",
        starts_on=D(2016, 3, 18),
        place="Trường THCS Võ Thị Sáu, thành phố Vị Thanh",
        district="930",
        participants=400,
        organizer="Sở Thông tin và Truyền thông; Sở Giáo dục và Đào tạo; Bưu điện tỉnh",
    ),
    dict(
        kind="ngay_sach",
        title="Ngày sách Việt Nam lần thứ 2 năm 2016 tại tỉnh Hậu Giang",
        starts_on=D(2016, 4, 19),
        ends_on=D(2016, 4, 21),
        place="Công viên Xà No, thành phố Vị Thanh",
        district="930",
        visitors=4_900,
        organizer="Sở Thông tin và Truyền thông; Thư viện tỉnh; các nhà sách",
    ),
    dict(
        kind="hoi_thao",
        title="Hội thao chào mừng Ngày Truyền thống ngành Thông tin và Truyền thông 28/8",
        starts_on=D(2016, 8, 20),
        ends_on=D(2016, 8, 21),
        place="Nhà thi đấu tỉnh Hậu Giang",
        district="930",
        participants=240,
        organizer="Sở Thông tin và Truyền thông; Công đoàn ngành",
    ),
    dict(
        kind="ky_niem",
        title="Họp mặt kỷ niệm 71 năm Ngày Truyền thống ngành Thông tin và Truyền thông "
        "(28/8/1945 - 28/8/2016)",
        starts_on=D(2016, 8, 26),
        place="Hội trường Sở Thông tin và Truyền thông",
        district="930",
        participants=170,
        organizer="Sở Thông tin và Truyền thông",
    ),
    dict(
        kind="hoi_nghi",
        title="Hội nghị tổng kết năm 2016, triển khai nhiệm vụ và phát động thi đua năm 2017",
        starts_on=D(2016, 12, 27),
        place="Hội trường Sở Thông tin và Truyền thông",
        district="930",
        participants=120,
        organizer="Sở Thông tin và Truyền thông",
    ),
    dict(
        kind="hop_mat",
        title="Họp mặt Nhà báo và Văn nghệ sĩ Xuân Đinh Dậu 2017",
        starts_on=D(2017, 1, 18),
        place="Hội trường UBND tỉnh Hậu Giang",
        district="930",
        participants=225,
        organizer="UBND tỉnh; Sở Thông tin và Truyền thông",
    ),
]

EXHIBITION_TITLE = "Hoàng Sa, Trường Sa của Việt Nam - Những bằng chứng lịch sử và pháp lý"
# (district, opening date, days, place, visitors): 15 exhibitions, 8/8 districts, 19.240 visitors.
EXHIBITIONS: list[tuple[str, dt.date, int, str, int]] = [
    ("930", D(2016, 3, 2), 5, "Bảo tàng tỉnh Hậu Giang", 2_350),
    ("930", D(2016, 6, 1), 5, "Trường Chính trị tỉnh", 1_120),
    ("930", D(2016, 9, 1), 4, "Trường THPT Chuyên Vị Thanh", 1_480),
    ("931", D(2016, 3, 21), 4, "Nhà văn hóa thị xã Ngã Bảy", 1_450),
    ("931", D(2016, 10, 10), 3, "Chợ nổi Ngã Bảy (nhà văn hóa phường Ngã Bảy)", 1_260),
    ("932", D(2016, 4, 4), 4, "Nhà văn hóa huyện Châu Thành A", 1_300),
    ("932", D(2016, 11, 7), 3, "Trường THPT Châu Thành A", 980),
    ("933", D(2016, 4, 18), 4, "Nhà văn hóa huyện Châu Thành", 1_150),
    ("933", D(2016, 11, 21), 3, "Trường THPT Ngã Sáu", 870),
    ("934", D(2016, 5, 9), 4, "Nhà văn hóa huyện Phụng Hiệp", 1_420),
    ("934", D(2016, 12, 5), 3, "Trường THPT Cây Dương", 1_050),
    ("935", D(2016, 5, 23), 4, "Nhà văn hóa huyện Vị Thủy", 1_310),
    ("936", D(2016, 6, 20), 4, "Nhà văn hóa huyện Long Mỹ", 1_140),
    ("936", D(2016, 12, 12), 3, "Trường THPT Tân Phú", 780),
    ("937", D(2016, 7, 11), 4, "Nhà văn hóa thị xã Long Mỹ", 1_580),
]

PUBLICATIONS: list[dict[str, Any]] = [
    dict(
        kind="to_roi",
        title="Tờ rơi tuyên truyền số hóa truyền dẫn, phát sóng truyền hình số mặt đất",
        topic="Đề án số hóa truyền dẫn, phát sóng truyền hình mặt đất",
        issued_on=D(2016, 9, 15),
        copies=180_000,
        sponsor="Vận động tài trợ từ các doanh nghiệp viễn thông trên địa bàn",
    ),
    dict(
        kind="so_tay",
        title="Sổ tay công tác thông tin đối ngoại",
        topic="Tổng quan về công tác thông tin đối ngoại và quản lý nhà nước về thông tin đối ngoại "
        "tại địa phương",
        issued_on=D(2016, 11, 10),
        copies=500,
        sponsor="Sở Thông tin và Truyền thông biên soạn",
    ),
    dict(
        kind="tai_lieu",
        title="Tài liệu hỏi - đáp về bầu cử đại biểu Quốc hội và HĐND các cấp",
        topic="Bầu cử Quốc hội khóa XIV và HĐND các cấp nhiệm kỳ 2016-2021",
        issued_on=D(2016, 3, 25),
        copies=3_000,
        sponsor="",
    ),
    dict(
        kind="tai_lieu",
        title="Tài liệu tuyên truyền biển, đảo Việt Nam",
        topic="Chủ quyền biển, đảo",
        issued_on=D(2015, 6, 5),
        copies=2_000,
        sponsor="",
    ),
]

CAMPAIGNS: list[dict[str, Any]] = [
    dict(
        title="Tuyên truyền giảm nghèo về thông tin năm 2016",
        topic="Chương trình mục tiêu quốc gia giảm nghèo bền vững — dự án truyền thông và giảm nghèo "
        "về thông tin",
        starts_on=D(2016, 4, 1),
        ends_on=D(2016, 11, 30),
        partners="Báo Hậu Giang\nĐài Phát thanh - Truyền hình Hậu Giang",
        budget=150_000_000,
    ),
    dict(
        title="Tuyên truyền giảm nghèo về thông tin năm 2015",
        topic="Giảm nghèo về thông tin",
        starts_on=D(2015, 5, 1),
        ends_on=D(2015, 11, 30),
        partners="Báo Hậu Giang",
        budget=90_000_000,
    ),
]

TRAININGS: list[dict[str, Any]] = [
    dict(
        title="Tập huấn nghiệp vụ cho Đài Truyền thanh cấp xã",
        topic="Nghiệp vụ truyền thanh cơ sở",
        starts_on=D(2015, 5, 12),
        ends_on=D(2015, 5, 13),
        place="Hội trường Sở Thông tin và Truyền thông",
        trainees=95,
    ),
    dict(
        title="Tập huấn ứng dụng công nghệ thông tin trong cơ quan nhà nước",
        topic="Ứng dụng CNTT",
        starts_on=D(2015, 8, 18),
        ends_on=D(2015, 8, 19),
        place="Trung tâm CNTT-TT",
        trainees=110,
    ),
    dict(
        title="Tập huấn công tác thông tin đối ngoại năm 2015",
        topic="Thông tin đối ngoại",
        starts_on=D(2015, 10, 6),
        place="Hội trường Sở Thông tin và Truyền thông",
        trainees=80,
    ),
    dict(
        title="Tập huấn công tác thông tin đối ngoại và cung cấp thông tin cho báo chí",
        topic="Thông tin đối ngoại; phát ngôn và cung cấp thông tin cho báo chí",
        starts_on=D(2016, 4, 12),
        ends_on=D(2016, 4, 13),
        place="Hội trường Sở Thông tin và Truyền thông",
        trainees=120,
    ),
    dict(
        title="Tập huấn kỹ năng viết bài Ấn phẩm Xuân Đinh Dậu 2017",
        topic="Kỹ năng viết bài cho ấn phẩm Xuân",
        starts_on=D(2016, 10, 18),
        place="Hội trường Sở Thông tin và Truyền thông",
        trainees=85,
    ),
    dict(
        title="Tập huấn tuyên truyền công tác đảm bảo trật tự an toàn giao thông",
        topic="Tuyên truyền trật tự an toàn giao thông",
        starts_on=D(2016, 6, 7),
        ends_on=D(2016, 6, 8),
        place="Hội trường Ban An toàn giao thông tỉnh",
        trainees=140,
    ),
    dict(
        title="Tập huấn sử dụng phần mềm quản lý cán bộ, công chức, viên chức",
        topic="Phần mềm quản lý cán bộ, công chức, viên chức",
        starts_on=D(2016, 7, 19),
        ends_on=D(2016, 7, 21),
        place="Phòng máy Trung tâm CNTT-TT",
        trainees=130,
    ),
    dict(
        title="Tập huấn chữ ký số và an toàn, an ninh thông tin",
        topic="Chữ ký số; an toàn, an ninh thông tin",
        starts_on=D(2016, 9, 13),
        ends_on=D(2016, 9, 14),
        place="Phòng máy Trung tâm CNTT-TT",
        trainees=150,
    ),
    dict(
        title="Tập huấn nghiệp vụ quản lý nhà nước về báo chí, xuất bản cho Phòng Văn hóa và Thông tin",
        topic="Quản lý nhà nước về báo chí, xuất bản",
        starts_on=D(2016, 11, 8),
        place="Hội trường Sở Thông tin và Truyền thông",
        trainees=110,
    ),
]

SESSIONS: list[tuple[str, str, dt.datetime, int, tuple[int, ...]]] = [
    # (title, chaired by, starts at (local), hours, attendees at province then each district)
    (
        "Hội nghị trực tuyến triển khai công tác bầu cử đại biểu Quốc hội và HĐND các cấp",
        "Chủ tịch UBND tỉnh",
        dt.datetime(2016, 2, 24, 8, 0, tzinfo=TZ),
        3,
        (60, 25, 22, 24, 20, 28, 21, 26, 23),
    ),
    (
        "Hội nghị trực tuyến sơ kết 6 tháng đầu năm 2016",
        "Chủ tịch UBND tỉnh",
        dt.datetime(2016, 7, 8, 8, 0, tzinfo=TZ),
        4,
        (70, 30, 25, 26, 24, 30, 22, 28, 25),
    ),
    (
        "Hội nghị trực tuyến phòng chống hạn hán, xâm nhập mặn",
        "Phó Chủ tịch UBND tỉnh",
        dt.datetime(2016, 3, 15, 14, 0, tzinfo=TZ),
        2,
        (40, 18, 15, 20, 16, 22, 17, 21, 18),
    ),
    (
        "Hội nghị trực tuyến tổng kết năm 2016 của UBND tỉnh",
        "Chủ tịch UBND tỉnh",
        dt.datetime(2016, 12, 22, 8, 0, tzinfo=TZ),
        4,
        (80, 32, 28, 30, 27, 33, 26, 31, 29),
    ),
]


@dataclass
class ActivitiesDemoResult:
    created: int = 0
    skipped: int = 0


def _district(code: str, on: dt.date) -> Unit:
    unit = unit_valid_on(code, on)
    if unit is None:
        raise LookupError(f"Chưa có đơn vị hành chính {code}: hãy nạp dữ liệu địa giới trước.")
    return unit


def activities_demo_load(*, actor: Any = None) -> ActivitiesDemoResult:
    """Load the demo activities. Needs the administrative units (``geo``)."""
    r = ActivitiesDemoResult()

    def done(exists: bool) -> bool:
        if exists:
            r.skipped += 1
        else:
            r.created += 1
        return exists

    with transaction.atomic():
        for e in EVENTS:
            if not done(Event.objects.filter(title=e["title"], starts_on=e["starts_on"]).exists()):
                event_create(actor=actor, **{**e, "district": _district(e["district"], e["starts_on"])})
        for code, opens, days, place, visitors in EXHIBITIONS:
            district = _district(code, opens)
            if not done(
                Exhibition.objects.filter(title=EXHIBITION_TITLE, district=district, starts_on=opens).exists()
            ):
                exhibition_create(
                    actor=actor,
                    title=EXHIBITION_TITLE,
                    district=district,
                    place=place,
                    starts_on=opens,
                    ends_on=opens + dt.timedelta(days=days - 1),
                    visitors=visitors,
                    partner="Sở Văn hóa, Thể thao và Du lịch; Phòng Văn hóa và Thông tin",
                    note="Triển lãm bản đồ và trưng bày tư liệu",
                )
        for p in PUBLICATIONS:
            if not done(Publication.objects.filter(title=p["title"], issued_on=p["issued_on"]).exists()):
                publication_create(actor=actor, **p)
        for c in CAMPAIGNS:
            if not done(Campaign.objects.filter(title=c["title"]).exists()):
                campaign_create(actor=actor, **c)
        for t in TRAININGS:
            if not done(Training.objects.filter(title=t["title"], starts_on=t["starts_on"]).exists()):
                training_create(actor=actor, organizer="Sở Thông tin và Truyền thông", **t)
        if not done(PressVisit.objects.filter(outlet="Truyền hình Al Jazeera").exists()):
            press_visit_create(
                actor=actor,
                outlet="Truyền hình Al Jazeera",
                country="Qatar",
                reporters=3,
                starts_on=D(2016, 10, 12),
                ends_on=D(2016, 10, 13),
                commune=_district("31490", D(2016, 10, 12)),
                purpose="Hoạt động báo chí: phóng sự về sản xuất nông nghiệp và đời sống người dân "
                "vùng trũng Long Mỹ",
                coordination="Văn phòng UBND tỉnh; Công an tỉnh; UBND huyện Long Mỹ; UBND xã Vĩnh Viễn A",
            )
        endpoints = _endpoints(actor=actor, r=r)
        for title, chair, start, hours, attendees in SESSIONS:
            starts_at = start
            if done(ConferenceSession.objects.filter(title=title, starts_at=starts_at).exists()):
                continue
            session = session_schedule(
                actor=actor,
                title=title,
                chaired_by=chair,
                host=endpoints[0],
                endpoints=endpoints[1:],
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=hours),
            )
            session_record_attendance(
                actor=actor,
                session=session,
                attendance={ep.pk: (n, True) for ep, n in zip(endpoints, attendees, strict=True)},
            )
    return r


def _endpoints(*, actor: Any, r: ActivitiesDemoResult) -> list[Endpoint]:
    on = D(2016, 1, 1)
    rows: list[Endpoint] = []
    wanted = [("Điểm cầu UBND tỉnh Hậu Giang", "93", "Phòng họp trực tuyến, UBND tỉnh Hậu Giang")] + [
        (f"Điểm cầu UBND {name[0].lower()}{name[1:]}", code, place)
        for code, (name, place) in DISTRICT_SEATS.items()
    ]
    for name, code, place in wanted:
        existing = Endpoint.objects.filter(name=name).first()
        if existing is not None:
            r.skipped += 1
            rows.append(existing)
            continue
        rows.append(endpoint_create(actor=actor, name=name, unit=_district(code, on), location=place))
        r.created += 1
    return rows
