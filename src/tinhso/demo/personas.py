"""The demo personas: one per role. Tests, the demo loader and the README use this one list."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "TinhSo@2017"


@dataclass(frozen=True)
class Persona:
    key: str
    full_name: str
    username: str
    kind: str  # accounts.UserKind value
    role: str | None  # org.Role value, for staff
    agency_code: str | None  # org.Agency.code, for staff
    title: str = ""
    email: str | None = None
    phone: str | None = None
    citizen_id: str | None = None


SO = "000.00.15.H30"  # Sở Thông tin và Truyền thông tỉnh Hậu Giang
VAN_PHONG = "000.01.15.H30"
THANH_TRA = "000.02.15.H30"
PHONG_BCVT = "000.03.15.H30"
PHONG_CNTT = "000.04.15.H30"
PHONG_TTBCXB = "000.05.15.H30"
TRUNG_TAM = "000.06.15.H30"

PERSONAS: list[Persona] = [
    Persona(
        "an",
        "Nguyễn Văn An",
        "an@example.vn",
        "citizen",
        None,
        None,
        email="an@example.vn",
        phone="0912345678",
        citizen_id="093089001234",
    ),
    Persona(
        "phuc",
        "Công ty TNHH In ấn Phúc Hậu",
        "phuc@example.vn",
        "business",
        None,
        None,
        email="phuc@example.vn",
        phone="0939111222",
    ),
    Persona(
        "binh",
        "Trần Thị Bình",
        "binh@stttt.haugiang.gov.vn",
        "staff",
        "clerk",
        VAN_PHONG,
        "Cán bộ tiếp nhận một cửa",
        email="binh@stttt.haugiang.gov.vn",
    ),
    Persona(
        "chi",
        "Lê Thị Chi",
        "chi@stttt.haugiang.gov.vn",
        "staff",
        "specialist",
        PHONG_TTBCXB,
        "Chuyên viên",
        email="chi@stttt.haugiang.gov.vn",
    ),
    Persona(
        "dung",
        "Phạm Văn Dũng",
        "dung@stttt.haugiang.gov.vn",
        "staff",
        "division_head",
        PHONG_TTBCXB,
        "Trưởng phòng Thông tin - Báo chí - Xuất bản",
        email="dung@stttt.haugiang.gov.vn",
    ),
    Persona(
        "em",
        "Phạm Văn Em",
        "em@stttt.haugiang.gov.vn",
        "staff",
        "director",
        SO,
        "Giám đốc Sở",
        email="em@stttt.haugiang.gov.vn",
    ),
    Persona(
        "giang",
        "Huỳnh Thị Giang",
        "giang@stttt.haugiang.gov.vn",
        "staff",
        "deputy_director",
        SO,
        "Phó Giám đốc Sở",
        email="giang@stttt.haugiang.gov.vn",
    ),
    Persona(
        "hoa",
        "Ngô Thị Hoa",
        "hoa@stttt.haugiang.gov.vn",
        "staff",
        "document_clerk",
        VAN_PHONG,
        "Văn thư",
        email="hoa@stttt.haugiang.gov.vn",
    ),
    Persona(
        "khanh",
        "Đặng Quốc Khánh",
        "khanh@stttt.haugiang.gov.vn",
        "staff",
        "sector_officer",
        PHONG_BCVT,
        "Chuyên viên Phòng Bưu chính - Viễn thông",
        email="khanh@stttt.haugiang.gov.vn",
    ),
    Persona(
        "long",
        "Trương Văn Long",
        "long@stttt.haugiang.gov.vn",
        "staff",
        "inspector",
        THANH_TRA,
        "Thanh tra viên",
        email="long@stttt.haugiang.gov.vn",
    ),
    Persona(
        "mai",
        "Võ Thị Mai",
        "mai@stttt.haugiang.gov.vn",
        "staff",
        "editor",
        TRUNG_TAM,
        "Biên tập viên Cổng thông tin điện tử",
        email="mai@stttt.haugiang.gov.vn",
    ),
    Persona(
        "nam",
        "Lý Hoàng Nam",
        "nam@stttt.haugiang.gov.vn",
        "staff",
        "administrator",
        TRUNG_TAM,
        "Quản trị hệ thống",
        email="nam@stttt.haugiang.gov.vn",
    ),
]

PERSONAS_BY_KEY = {p.key: p for p in PERSONAS}
