"""Demo inspections of Hậu Giang 2015–2017, written through the services.

The 2016 figures are those of the department's year-end review: 9 inspections (2 more than the plan of
7) in post and telecom, Internet, publishing and radio frequencies; 25 violations; 64.000.000 đồng of
fines, all paid into the state budget. Names, dates and the split per inspection are invented.
Idempotent: an inspection whose decision number already exists in its year is skipped whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tinhso.geo.selectors import unit_valid_on
from tinhso.inspections.models import Inspection, InspectionPlan
from tinhso.inspections.services import decision_create, inspection_create, plan_set, violation_create

D = dt.date

PLANS: dict[int, dict[str, int]] = {
    2015: {"vien_thong": 2, "internet": 2, "xuat_ban": 1, "buu_chinh": 1},
    2016: {"vien_thong": 2, "buu_chinh": 1, "internet": 2, "xuat_ban": 1, "tan_so": 1},
    2017: {"vien_thong": 2, "buu_chinh": 1, "internet": 2, "xuat_ban": 2, "tan_so": 1},
}
PLAN_DECISIONS = {
    2015: ("05/QĐ-STTTT", D(2015, 1, 12)),
    2016: ("08/QĐ-STTTT", D(2016, 1, 11)),
    2017: ("06/QĐ-STTTT", D(2017, 1, 9)),
}

# (act, provision, fine in đồng — 0 = warning)
ACTS = {
    "sim": (
        "Bán SIM thuê bao di động đã được kích hoạt sẵn mà không có thông tin thuê bao",
        "điểm a khoản 4 Điều 15",
    ),
    "sim_info": (
        "Không lưu giữ bản sao giấy tờ tùy thân của người giao kết hợp đồng",
        "điểm c khoản 2 Điều 15",
    ),
    "bts": ("Đưa trạm gốc (BTS) vào khai thác khi chưa được kiểm định", "điểm a khoản 3 Điều 31"),
    "post": (
        "Không niêm yết công khai giá cước, thời gian toàn trình dịch vụ bưu chính",
        "điểm b khoản 1 Điều 8",
    ),
    "net_rules": (
        "Không niêm yết nội quy sử dụng dịch vụ Internet tại điểm truy nhập công cộng",
        "điểm a khoản 1 Điều 34",
    ),
    "net_hours": ("Hoạt động điểm truy nhập Internet công cộng ngoài giờ quy định", "điểm b khoản 2 Điều 34"),
    "net_licence": (
        "Kinh doanh điểm cung cấp dịch vụ trò chơi điện tử công cộng không có giấy chứng nhận đủ điều kiện",
        "điểm a khoản 3 Điều 34",
    ),
    "print": ("In xuất bản phẩm không có hợp đồng in theo quy định", "điểm b khoản 3 Điều 25"),
    "books": (
        "Phát hành xuất bản phẩm không rõ nguồn gốc, không có hóa đơn chứng từ hợp pháp",
        "điểm a khoản 3 Điều 26",
    ),
    "freq_licence": ("Sử dụng tần số vô tuyến điện không có giấy phép", "điểm a khoản 4 Điều 45"),
    "freq_terms": (
        "Sử dụng tần số không đúng quy định trong giấy phép (công suất phát vượt mức cho phép)",
        "điểm b khoản 2 Điều 45",
    ),
}


@dataclass(frozen=True)
class V:
    violator: str
    kind: str  # "to_chuc" | "ca_nhan"
    act: str  # key of ACTS
    fine: int  # 0 = warning


@dataclass(frozen=True)
class I:  # noqa: E742 - one inspection of the data set
    number: str
    kind: str
    field: str
    basis: str
    subject: str
    district: str  # GSO code
    start: dt.date
    days: int
    leader: str
    members: str
    conclusion: str
    violations: tuple[V, ...] = ()


TEAM = "Trương Văn Long — Thanh tra viên\nNguyễn Thị Thu Hà — Chuyên viên Thanh tra Sở"
TEAM_BCVT = TEAM + "\nĐặng Quốc Khánh — Phòng Bưu chính - Viễn thông"
TEAM_XB = TEAM + "\nLê Thị Chi — Phòng Thông tin - Báo chí - Xuất bản"

INSPECTIONS: list[I] = [
    # --- 2015 ------------------------------------------------------------------------------------
    I(
        "11/QĐ-STTTT",
        "kiem_tra",
        "vien_thong",
        "theo_ke_hoach",
        "Các đại lý kinh doanh SIM thẻ tại thành phố Vị Thanh",
        "930",
        D(2015, 3, 16),
        3,
        "Trương Văn Long",
        TEAM_BCVT,
        "Phần lớn đại lý chấp hành quy định; xử phạt 2 đại lý.",
        (
            V("Cửa hàng điện thoại Thành Công", "ca_nhan", "sim", 3_000_000),
            V("Đại lý SIM thẻ Hồng Nhung", "ca_nhan", "sim_info", 0),
        ),
    ),
    I(
        "19/QĐ-STTTT",
        "kiem_tra",
        "internet",
        "theo_ke_hoach",
        "Điểm truy nhập Internet công cộng tại thị xã Ngã Bảy",
        "931",
        D(2015, 4, 20),
        3,
        "Trương Văn Long",
        TEAM,
        "Nhắc nhở các chủ điểm; xử phạt 3 trường hợp.",
        (
            V("Điểm Internet Minh Khang", "ca_nhan", "net_hours", 2_000_000),
            V("Điểm Internet Hải Đăng", "ca_nhan", "net_rules", 0),
            V("Điểm trò chơi điện tử Tuấn Kiệt", "ca_nhan", "net_licence", 5_000_000),
        ),
    ),
    I(
        "27/QĐ-STTTT",
        "kiem_tra",
        "buu_chinh",
        "theo_ke_hoach",
        "Bưu điện tỉnh Hậu Giang và các doanh nghiệp chuyển phát",
        "930",
        D(2015, 6, 8),
        4,
        "Trương Văn Long",
        TEAM_BCVT,
        "Các doanh nghiệp cơ bản chấp hành quy định.",
        (),
    ),
    I(
        "35/QĐ-STTTT",
        "thanh_tra",
        "vien_thong",
        "theo_ke_hoach",
        "Viettel Hậu Giang — hạ tầng trạm BTS",
        "934",
        D(2015, 8, 10),
        5,
        "Trương Văn Long",
        TEAM_BCVT,
        "Yêu cầu kiểm định các trạm còn thiếu.",
        (V("Chi nhánh Viettel Hậu Giang", "to_chuc", "bts", 5_000_000),),
    ),
    I(
        "41/QĐ-STTTT",
        "kiem_tra",
        "xuat_ban",
        "theo_ke_hoach",
        "Cơ sở in và phát hành xuất bản phẩm tại Vị Thanh",
        "930",
        D(2015, 9, 14),
        3,
        "Trương Văn Long",
        TEAM_XB,
        "Xử phạt 1 cơ sở in.",
        (V("Cơ sở in Phương Nam", "to_chuc", "print", 6_000_000),),
    ),
    I(
        "50/QĐ-STTTT",
        "kiem_tra",
        "internet",
        "theo_ke_hoach",
        "Điểm truy nhập Internet công cộng tại huyện Phụng Hiệp",
        "934",
        D(2015, 10, 19),
        3,
        "Trương Văn Long",
        TEAM,
        "Nhắc nhở, xử phạt 1 trường hợp.",
        (V("Điểm Internet Kim Ngân", "ca_nhan", "net_hours", 2_000_000),),
    ),
    # --- 2016: 7 planned + 2 ad hoc, 25 violations, 64.000.000 đồng ---------------------------------
    I(
        "09/QĐ-STTTT",
        "kiem_tra",
        "vien_thong",
        "theo_ke_hoach",
        "Các đại lý, điểm bán SIM thẻ di động tại thành phố Vị Thanh",
        "930",
        D(2016, 3, 14),
        4,
        "Trương Văn Long",
        TEAM_BCVT,
        "Phát hiện 4 điểm bán vi phạm quy định quản lý thông tin thuê bao; đã xử phạt.",
        (
            V("Cửa hàng điện thoại Kim Long", "ca_nhan", "sim", 3_000_000),
            V("Đại lý SIM thẻ Thanh Tâm", "ca_nhan", "sim", 3_000_000),
            V("Cửa hàng điện thoại di động Bảo Anh", "ca_nhan", "sim_info", 2_000_000),
            V("Đại lý SIM thẻ Ngọc Hân", "ca_nhan", "sim_info", 0),
        ),
    ),
    I(
        "16/QĐ-STTTT",
        "thanh_tra",
        "vien_thong",
        "theo_ke_hoach",
        "Trung tâm MobiFone Hậu Giang — hạ tầng trạm BTS",
        "933",
        D(2016, 4, 11),
        5,
        "Trương Văn Long",
        TEAM_BCVT,
        "Yêu cầu kiểm định và hoàn thiện hồ sơ các trạm BTS.",
        (
            V("Trung tâm MobiFone Hậu Giang", "to_chuc", "bts", 5_000_000),
            V("Trung tâm MobiFone Hậu Giang — tổ kỹ thuật Châu Thành", "to_chuc", "bts", 0),
        ),
    ),
    I(
        "22/QĐ-STTTT",
        "kiem_tra",
        "buu_chinh",
        "theo_ke_hoach",
        "Doanh nghiệp cung ứng dịch vụ chuyển phát tại Ngã Bảy",
        "931",
        D(2016, 5, 9),
        3,
        "Trương Văn Long",
        TEAM_BCVT,
        "Nhắc nhở niêm yết giá cước; xử phạt 1 doanh nghiệp.",
        (
            V("Công ty TNHH Chuyển phát nhanh Đồng Tiến", "to_chuc", "post", 2_000_000),
            V("Đại lý chuyển phát Hưng Thịnh", "ca_nhan", "post", 0),
        ),
    ),
    I(
        "30/QĐ-STTTT",
        "kiem_tra",
        "internet",
        "theo_ke_hoach",
        "Điểm truy nhập Internet, trò chơi điện tử công cộng tại thị xã Ngã Bảy và huyện Phụng Hiệp",
        "934",
        D(2016, 6, 13),
        4,
        "Trương Văn Long",
        TEAM,
        "Phát hiện 5 điểm vi phạm; đã xử phạt và nhắc nhở.",
        (
            V("Điểm trò chơi điện tử Hoàng Phát", "ca_nhan", "net_licence", 4_000_000),
            V("Điểm Internet Gia Huy", "ca_nhan", "net_licence", 4_000_000),
            V("Điểm Internet Phúc Lộc", "ca_nhan", "net_hours", 2_000_000),
            V("Điểm Internet Mỹ Tiên", "ca_nhan", "net_rules", 0),
            V("Điểm Internet Thiên Ân", "ca_nhan", "net_rules", 0),
        ),
    ),
    I(
        "38/QĐ-STTTT",
        "kiem_tra",
        "internet",
        "theo_ke_hoach",
        "Điểm truy nhập Internet công cộng tại huyện Long Mỹ và thị xã Long Mỹ",
        "936",
        D(2016, 7, 18),
        4,
        "Trương Văn Long",
        TEAM,
        "Phát hiện 4 điểm vi phạm; đã xử phạt và nhắc nhở.",
        (
            V("Điểm trò chơi điện tử Tấn Phát", "ca_nhan", "net_licence", 4_000_000),
            V("Điểm Internet Bích Trâm", "ca_nhan", "net_hours", 3_000_000),
            V("Điểm Internet Quốc Bảo", "ca_nhan", "net_rules", 0),
            V("Điểm Internet Hữu Nghĩa", "ca_nhan", "net_rules", 0),
        ),
    ),
    I(
        "45/QĐ-STTTT",
        "kiem_tra",
        "xuat_ban",
        "theo_ke_hoach",
        "Cơ sở in, cơ sở phát hành xuất bản phẩm tại Vị Thanh và Vị Thủy",
        "935",
        D(2016, 8, 15),
        4,
        "Trương Văn Long",
        TEAM_XB,
        "Xử phạt 2 cơ sở, nhắc nhở 1 cơ sở.",
        (
            V("Công ty TNHH In ấn Tân Tiến", "to_chuc", "print", 6_000_000),
            V("Nhà sách Vĩnh Phát", "to_chuc", "books", 4_000_000),
            V("Cơ sở photocopy Minh Thư", "ca_nhan", "print", 0),
        ),
    ),
    I(
        "52/QĐ-STTTT",
        "kiem_tra",
        "tan_so",
        "theo_ke_hoach",
        "Đài truyền thanh cấp xã sử dụng tần số vô tuyến điện tại huyện Châu Thành A",
        "932",
        D(2016, 9, 12),
        3,
        "Trương Văn Long",
        TEAM_BCVT,
        "Cảnh cáo 2 đài; yêu cầu làm thủ tục cấp lại giấy phép tần số.",
        (
            V("Đài Truyền thanh xã Tân Hòa", "to_chuc", "freq_terms", 0),
            V("Đài Truyền thanh xã Trường Long Tây", "to_chuc", "freq_terms", 0),
        ),
    ),
    I(
        "60/QĐ-STTTT",
        "kiem_tra",
        "tan_so",
        "dot_xuat",
        "Cơ sở phát sóng vô tuyến không phép gây nhiễu tại huyện Châu Thành (theo phản ánh của doanh nghiệp)",
        "933",
        D(2016, 10, 24),
        2,
        "Trương Văn Long",
        TEAM_BCVT,
        "Tịch thu thiết bị phát, xử phạt theo quy định.",
        (V("Ông Lâm Văn Được", "ca_nhan", "freq_licence", 12_000_000),),
    ),
    I(
        "66/QĐ-STTTT",
        "kiem_tra",
        "xuat_ban",
        "dot_xuat",
        "Hoạt động phát hành sách tại Hội sách tỉnh Hậu Giang (theo phản ánh của bạn đọc)",
        "930",
        D(2016, 11, 21),
        2,
        "Trương Văn Long",
        TEAM_XB,
        "Thu giữ sách không rõ nguồn gốc, xử phạt 2 trường hợp.",
        (
            V("Cửa hàng sách Tri Thức", "to_chuc", "books", 6_000_000),
            V("Quầy sách Thành Đạt", "ca_nhan", "books", 4_000_000),
        ),
    ),
    # --- 2017, first months ------------------------------------------------------------------------
    I(
        "07/QĐ-STTTT",
        "kiem_tra",
        "vien_thong",
        "theo_ke_hoach",
        "Các đại lý SIM thẻ tại huyện Vị Thủy",
        "935",
        D(2017, 3, 13),
        3,
        "Trương Văn Long",
        TEAM_BCVT,
        "Xử phạt 1 đại lý.",
        (V("Đại lý SIM thẻ Như Ý", "ca_nhan", "sim", 3_000_000),),
    ),
    I(
        "12/QĐ-STTTT",
        "kiem_tra",
        "internet",
        "theo_ke_hoach",
        "Điểm Internet công cộng tại thị xã Long Mỹ",
        "937",
        D(2017, 4, 17),
        3,
        "Trương Văn Long",
        TEAM,
        "Xử phạt 1 điểm, nhắc nhở 1 điểm.",
        (
            V("Điểm trò chơi điện tử Phát Đạt", "ca_nhan", "net_licence", 4_000_000),
            V("Điểm Internet Lan Anh", "ca_nhan", "net_rules", 0),
        ),
    ),
]

DECIDER = "Nguyễn Văn Tâm — Chánh Thanh tra Sở Thông tin và Truyền thông"
PAYMENT_PLACE = "Kho bạc Nhà nước tỉnh Hậu Giang (nộp ngân sách Nhà nước)"


@dataclass
class InspectionsDemoResult:
    plans_created: int = 0
    inspections_created: int = 0
    violations_created: int = 0
    decisions_created: int = 0
    skipped: int = 0


def inspections_demo_load(*, actor: Any = None) -> InspectionsDemoResult:
    """Load the demo plans and inspections. Needs the administrative units (``geo``)."""
    result = InspectionsDemoResult()
    with transaction.atomic():
        for year, counts in PLANS.items():
            if not InspectionPlan.objects.filter(year=year).exists():
                number, date = PLAN_DECISIONS[year]
                plan_set(
                    actor=actor,
                    year=year,
                    counts=counts,
                    decision_number=number,
                    decision_date=date,
                    note=f"Kế hoạch thanh tra, kiểm tra năm {year} của Sở Thông tin và Truyền thông.",
                )
                result.plans_created += 1
        seq: dict[int, int] = {}
        for item in INSPECTIONS:
            year = item.start.year
            if Inspection.objects.filter(year=year, decision_number=item.number).exists():
                result.skipped += 1
                seq[year] = seq.get(year, 0) + len(item.violations)
                continue
            _load_one(actor=actor, item=item, seq=seq, result=result)
    return result


def _load_one(*, actor: Any, item: I, seq: dict[int, int], result: InspectionsDemoResult) -> None:
    end = item.start + dt.timedelta(days=item.days - 1)
    district = unit_valid_on(item.district, item.start)
    if district is None:
        raise LookupError(f"Chưa có đơn vị hành chính {item.district}: hãy nạp dữ liệu địa giới trước.")
    concluded_on = end + dt.timedelta(days=14)
    inspection = inspection_create(
        actor=actor,
        kind=item.kind,
        field=item.field,
        basis=item.basis,
        subject=item.subject,
        district=district,
        start_date=item.start,
        end_date=end,
        team_leader=item.leader,
        team_members=item.members,
        decision_number=item.number,
        status="da_ket_luan",
        conclusion=item.conclusion,
        conclusion_date=concluded_on,
    )
    result.inspections_created += 1
    for v in item.violations:
        act, provision = ACTS[v.act]
        violation = violation_create(
            actor=actor,
            inspection=inspection,
            violator=v.violator,
            violator_kind=v.kind,
            act=act,
            occurred_on=item.start,
            provision=provision,
        )
        result.violations_created += 1
        year = end.year
        seq[year] = seq.get(year, 0) + 1
        decided_on = end + dt.timedelta(days=7)
        fined = v.fine > 0
        paid = fined and not (item.start.year == 2017 and item.number == "12/QĐ-STTTT")
        decision_create(
            actor=actor,
            violation=violation,
            number=f"{seq[year]:02d}/QĐ-XPHC",
            decided_on=decided_on,
            record_number=f"{seq[year]:02d}/BB-VPHC",
            decider=DECIDER,
            penalty="phat_tien" if fined else "canh_cao",
            fine_amount=v.fine,
            remedies="Buộc chấm dứt hành vi vi phạm và khắc phục trong 10 ngày." if fined else "",
            payment_deadline=decided_on + dt.timedelta(days=10) if fined else None,
            payment_place=PAYMENT_PLACE if fined else "",
            payment_status=("da_nop" if paid else "chua_nop") if fined else "khong_ap_dung",
            paid_on=decided_on + dt.timedelta(days=6) if paid else None,
            circumstances="Vi phạm lần đầu, thành khẩn khai báo." if not fined else "",
        )
        result.decisions_created += 1
