"""Demo emulation movements and awards of Hậu Giang 2015–2017, written through the services.

From the 2016 review: on 27/12/2016 the department gave Giấy khen to 6 collectives — district radio
stations (Đài Truyền thanh) and culture and information offices (Phòng Văn hóa - Thông tin) — for
2016, and launched the emulation movement of 2017. Which six, the decision numbers and the individual
awards are invented. Recipients are linked to the demo agencies when those are loaded.
Idempotent: movements by (year, title), decisions by (year, number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tinhso.emulation.models import AwardDecision, Movement
from tinhso.emulation.services import RecipientInput, award_decision_create, movement_create
from tinhso.org.models import Agency

D = dt.date
SO = "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
DIRECTOR = "Giám đốc Sở Thông tin và Truyền thông"

MOVEMENTS: list[dict[str, Any]] = [
    dict(
        year=2015,
        title="Phong trào thi đua yêu nước ngành Thông tin và Truyền thông năm 2015",
        launched_on=D(2014, 12, 26),
        launched_by=SO,
        content="Thi đua hoàn thành nhiệm vụ quản lý nhà nước; đẩy mạnh ứng dụng công nghệ thông tin.",
    ),
    dict(
        year=2016,
        title="Phong trào thi đua yêu nước ngành Thông tin và Truyền thông năm 2016",
        launched_on=D(2015, 12, 29),
        launched_by=SO,
        content="Thi đua thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIII; "
        "tuyên truyền bầu cử "
        "Quốc hội và HĐND các cấp; số hóa truyền hình mặt đất.",
    ),
    dict(
        year=2016,
        title="Thi đua tuyên truyền bầu cử đại biểu Quốc hội khóa XIV và HĐND các cấp",
        launched_on=D(2016, 2, 15),
        launched_by=SO,
        content="Hệ thống truyền thanh cơ sở tuyên truyền bầu cử tại 8/8 huyện, thị xã, thành phố.",
    ),
    dict(
        year=2017,
        title="Phong trào thi đua yêu nước ngành Thông tin và Truyền thông năm 2017",
        launched_on=D(2016, 12, 27),
        launched_by=SO,
        content="Phấn đấu đạt 96 thuê bao điện thoại/100 dân và 06 thuê bao Internet băng thông rộng"
        "/100 dân.",
    ),
]

# 2016: Giấy khen for 6 collectives (agency code, name).
COLLECTIVES_2016 = [
    ("000.20.31.H30", "Đài Truyền thanh thành phố Vị Thanh"),
    ("000.07.32.H30", "Phòng Văn hóa và Thông tin thị xã Ngã Bảy"),
    ("000.20.35.H30", "Đài Truyền thanh huyện Phụng Hiệp"),
    ("000.07.36.H30", "Phòng Văn hóa và Thông tin huyện Vị Thủy"),
    ("000.20.37.H30", "Đài Truyền thanh huyện Long Mỹ"),
    ("000.07.33.H30", "Phòng Văn hóa và Thông tin huyện Châu Thành A"),
]
COLLECTIVES_2015 = [
    ("000.20.33.H30", "Đài Truyền thanh huyện Châu Thành A"),
    ("000.07.31.H30", "Phòng Văn hóa và Thông tin thành phố Vị Thanh"),
    ("000.20.38.H30", "Đài Truyền thanh thị xã Long Mỹ"),
]
INDIVIDUALS_2016 = [
    ("Nguyễn Thị Thu Hà", "Chuyên viên Thanh tra Sở"),
    ("Đặng Quốc Khánh", "Chuyên viên Phòng Bưu chính - Viễn thông"),
    ("Võ Thị Mai", "Biên tập viên Cổng thông tin điện tử, Trung tâm CNTT-TT"),
]


@dataclass
class EmulationDemoResult:
    movements_created: int = 0
    decisions_created: int = 0
    skipped: int = 0


def _collectives(rows: list[tuple[str, str]]) -> list[RecipientInput]:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[c for c, _ in rows])}
    return [RecipientInput(kind="tap_the", name=name, agency=agencies.get(code)) for code, name in rows]


def emulation_demo_load(*, actor: Any = None) -> EmulationDemoResult:
    r = EmulationDemoResult()
    with transaction.atomic():
        movements: dict[str, Movement] = {}
        for m in MOVEMENTS:
            existing = Movement.objects.filter(year=m["year"], title=m["title"]).first()
            if existing is None:
                existing = movement_create(actor=actor, **m)
                r.movements_created += 1
            else:
                r.skipped += 1
            movements[m["title"]] = existing
        decisions: list[dict[str, Any]] = [
            dict(
                number="198/QĐ-STTTT",
                decided_on=D(2015, 12, 24),
                form="giay_khen",
                emulation_year=2015,
                movement=movements[MOVEMENTS[0]["title"]],
                recipients=_collectives(COLLECTIVES_2015),
                reason="Có nhiều thành tích trong công tác thông tin, tuyên truyền năm 2015.",
            ),
            dict(
                number="215/QĐ-STTTT",
                decided_on=D(2016, 12, 26),
                form="giay_khen",
                emulation_year=2016,
                movement=movements[MOVEMENTS[1]["title"]],
                recipients=_collectives(COLLECTIVES_2016),
                reason="Đã có nhiều thành tích trong công tác thi đua năm 2016.",
            ),
            dict(
                number="216/QĐ-STTTT",
                decided_on=D(2016, 12, 26),
                form="giay_khen",
                emulation_year=2016,
                movement=movements[MOVEMENTS[1]["title"]],
                recipients=[RecipientInput(kind="ca_nhan", name=n, position=p) for n, p in INDIVIDUALS_2016],
                reason="Hoàn thành xuất sắc nhiệm vụ năm 2016.",
            ),
        ]
        for d in decisions:
            decided_on = d["decided_on"]
            if AwardDecision.objects.filter(year=decided_on.year, number=d["number"]).exists():
                r.skipped += 1
                continue
            award_decision_create(actor=actor, issuer=DIRECTOR, **d)
            r.decisions_created += 1
    return r
