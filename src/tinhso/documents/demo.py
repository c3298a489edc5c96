"""Demo documents of the Sở for 2016–2017: the outgoing register (mostly paper documents signed by
hand, and from December 2016 a few signed digitally with the demo CA), and the incoming register
(from the UBND tỉnh, the Ministry, the districts, other Sở), assigned to the divisions and mostly
handled. Every record is written through ``documents.services`` in date order, so that numbers run
from 01 each year in the order of the dates. Summaries are drawn with a fixed seed from the kinds of
documents a provincial Sở TT&TT issues and receives.

Idempotent: nothing is written when the Sở already has documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.core import worktime
from tinhso.demo.personas import PERSONAS
from tinhso.documents import services
from tinhso.documents.models import (
    IncomingChannel,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
)
from tinhso.org.models import Agency

SO = "000.00.15.H30"
DIVISIONS = {
    "VP": "000.01.15.H30",
    "TTr": "000.02.15.H30",
    "BCVT": "000.03.15.H30",
    "CNTT": "000.04.15.H30",
    "TTBCXB": "000.05.15.H30",
}
# outgoing documents per year (paper + digital), incoming per year
OUTGOING_PER_YEAR = {2016: 96, 2017: 104}
INCOMING_PER_YEAR = {2016: 128, 2017: 136}
# signed digitally (the Sở began using the specialised digital signature in December 2016)
DIGITAL = {2016: 2, 2017: 5}

MONTHS = range(1, 13)
OUT_TEMPLATES: list[tuple[str, str, str]] = [
    # (type, division, summary with {m} month, {y} year, {q} quarter, {d} district)
    ("BC", "VP", "Báo cáo tình hình hoạt động tháng {m}/{y} và phương hướng nhiệm vụ tháng tới"),
    ("BC", "VP", "Báo cáo kết quả công tác cải cách hành chính quý {q} năm {y}"),
    ("BC", "BCVT", "Báo cáo số liệu phát triển thuê bao viễn thông, Internet tháng {m}/{y}"),
    ("BC", "CNTT", "Báo cáo tình hình ứng dụng công nghệ thông tin trong cơ quan nhà nước quý {q}/{y}"),
    ("BC", "TTr", "Báo cáo kết quả công tác thanh tra, kiểm tra quý {q} năm {y}"),
    ("KH", "TTBCXB", "Kế hoạch tuyên truyền kỷ niệm ngày Báo chí cách mạng Việt Nam năm {y}"),
    ("KH", "CNTT", "Kế hoạch ứng dụng chữ ký số chuyên dùng trong cơ quan nhà nước năm {y}"),
    ("KH", "BCVT", "Kế hoạch kiểm tra hoạt động bưu chính, viễn thông trên địa bàn {d}"),
    ("KH", "TTr", "Kế hoạch thanh tra chuyên ngành thông tin và truyền thông năm {y}"),
    ("QĐ", "VP", "Về việc cử cán bộ tham dự lớp bồi dưỡng kiến thức quản lý nhà nước"),
    ("QĐ", "TTr", "Về việc thành lập Đoàn kiểm tra hoạt động in, phát hành xuất bản phẩm tại {d}"),
    ("QĐ", "TTBCXB", "Về việc cấp giấy phép hoạt động in cho cơ sở in trên địa bàn {d}"),
    ("QĐ", "CNTT", "Về việc ban hành Quy chế bảo đảm an toàn thông tin trong hoạt động của Sở"),
    ("QĐ", "TTr", "Về việc xử phạt vi phạm hành chính trong lĩnh vực viễn thông"),
    ("TB", "VP", "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng {m}/{y}"),
    ("TB", "VP", "Lịch trực cơ quan dịp nghỉ lễ"),
    ("TB", "BCVT", "Về việc tạm dừng phát sóng truyền hình tương tự mặt đất tại {d}"),
    ("GM", "VP", "Mời dự họp sơ kết công tác quý {q} năm {y}"),
    ("GM", "CNTT", "Mời dự tập huấn sử dụng phần mềm quản lý văn bản và chữ ký số"),
    ("TTr", "VP", "Về việc đề nghị phê duyệt Kế hoạch ứng dụng công nghệ thông tin năm {y1}"),
    ("TTr", "BCVT", "Về việc đề nghị phê duyệt quy hoạch hạ tầng viễn thông thụ động tại {d}"),
    ("CV", "BCVT", "đôn đốc doanh nghiệp viễn thông báo cáo số liệu tháng {m}/{y}"),
    ("CV", "CNTT", "hướng dẫn cài đặt chứng thư số cho lãnh đạo các cơ quan tại {d}"),
    ("CV", "TTBCXB", "tuyên truyền Chương trình số hóa truyền hình mặt đất tại {d}"),
    ("CV", "VP", "góp ý dự thảo Quy chế phối hợp quản lý nhà nước về thông tin và truyền thông"),
    ("CV", "TTBCXB", "định hướng thông tin tuyên truyền tháng {m}/{y}"),
    ("CV", "BCVT", "phối hợp kiểm tra chất lượng dịch vụ điện thoại di động tại {d}"),
]
IN_TEMPLATES: list[tuple[str, str, str, str, str]] = [
    # (sender, sender symbol, type, summary, handling division)
    (
        "Ủy ban nhân dân tỉnh Hậu Giang",
        "UBND-VP",
        "CV",
        "Về việc triển khai Chỉ thị của Thủ tướng Chính phủ",
        "VP",
    ),
    (
        "Ủy ban nhân dân tỉnh Hậu Giang",
        "QĐ-UBND",
        "QĐ",
        "Về việc ban hành Kế hoạch cải cách hành chính năm {y}",
        "VP",
    ),
    (
        "Ủy ban nhân dân tỉnh Hậu Giang",
        "KH-UBND",
        "KH",
        "Kế hoạch ứng dụng công nghệ thông tin năm {y}",
        "CNTT",
    ),
    ("Bộ Thông tin và Truyền thông", "BTTTT-CATTT", "CV", "Về việc triển khai chữ ký số chuyên dùng", "CNTT"),
    (
        "Bộ Thông tin và Truyền thông",
        "BTTTT-VP",
        "CV",
        "Về việc báo cáo tình hình thực hiện nhiệm vụ tháng {m}",
        "VP",
    ),
    ("Bộ Thông tin và Truyền thông", "BTTTT-CTS", "CV", "Về việc thực hiện Đề án số hóa truyền hình", "BCVT"),
    (
        "Cục Báo chí",
        "CBC-TTBC",
        "CV",
        "Về việc chấn chỉnh hoạt động thông tin trên trang thông tin điện tử",
        "TTBCXB",
    ),
    ("Cục Xuất bản, In và Phát hành", "CXBIPH-QLXB", "CV", "Về việc kiểm tra hoạt động phát hành", "TTBCXB"),
    ("Cục Viễn thông", "CVT-QLCL", "CV", "Về việc quản lý thuê bao di động trả trước", "BCVT"),
    ("Sở Nội vụ tỉnh Hậu Giang", "SNV-CCVC", "CV", "Về việc thi đua, khen thưởng năm {y}", "VP"),
    ("Sở Tài chính tỉnh Hậu Giang", "STC-HCSN", "CV", "Về việc lập dự toán ngân sách năm {y1}", "VP"),
    (
        "Sở Kế hoạch và Đầu tư tỉnh Hậu Giang",
        "SKHĐT-TH",
        "CV",
        "Về việc góp ý dự án đầu tư hạ tầng viễn thông",
        "BCVT",
    ),
    ("Ủy ban nhân dân {d}", "UBND", "BC", "Báo cáo tình hình hoạt động truyền thanh cơ sở quý {q}", "TTBCXB"),
    (
        "Ủy ban nhân dân {d}",
        "UBND",
        "CV",
        "Về việc đề nghị hỗ trợ đầu thu truyền hình số cho hộ nghèo",
        "BCVT",
    ),
    ("Viễn thông Hậu Giang", "VNPT-HG", "BC", "Báo cáo số liệu thuê bao tháng {m}/{y}", "BCVT"),
    ("Bưu điện tỉnh Hậu Giang", "BĐHG-KD", "BC", "Báo cáo hoạt động bưu chính công ích năm {y}", "BCVT"),
    ("Ủy ban nhân dân tỉnh Hậu Giang", "GM-UBND", "GM", "Mời dự họp về Chính quyền điện tử tỉnh", "CNTT"),
]
DISTRICTS = [
    "thành phố Vị Thanh",
    "thị xã Ngã Bảy",
    "huyện Châu Thành A",
    "huyện Châu Thành",
    "huyện Phụng Hiệp",
    "huyện Vị Thủy",
    "huyện Long Mỹ",
    "thị xã Long Mỹ",
]
RECIPIENTS = {
    "VP": ["UBND tỉnh (b/c)", "Ban Giám đốc Sở", "Các phòng, đơn vị thuộc Sở"],
    "BCVT": ["Các doanh nghiệp viễn thông trên địa bàn tỉnh", "UBND các huyện, thị xã, thành phố"],
    "CNTT": ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"],
    "TTBCXB": ["Báo Hậu Giang", "Đài Phát thanh và Truyền hình Hậu Giang", "Đài Truyền thanh các huyện"],
    "TTr": ["Thanh tra tỉnh", "Các tổ chức, cá nhân có liên quan"],
}


def _working_days(year: int) -> list[dt.date]:
    day, out = dt.date(year, 1, 4), []
    while day.year == year:
        if worktime.is_working_day(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _fill(text: str, day: dt.date, rng: random.Random) -> str:
    return text.format(
        m=day.month, y=day.year, y1=day.year + 1, q=(day.month - 1) // 3 + 1, d=rng.choice(DISTRICTS)
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _user(key: str) -> Any:
    persona = next(p for p in PERSONAS if p.key == key)
    return User.objects.get(username=persona.username)


def documents_demo_load(*, actor: Any = None, say: Callable[[str], None] | None = None) -> dict[str, int]:
    so = Agency.objects.filter(code=SO).first()
    if so is None:
        return {}
    if (
        OutgoingDocument.objects.filter(agency=so).exists()
        or IncomingDocument.objects.filter(agency=so).exists()
    ):
        return {}
    rng = random.Random(2017)
    units = {k: Agency.objects.get(code=code) for k, code in DIVISIONS.items()}
    em, giang, hoa = _user("em"), _user("giang"), _user("hoa")
    handlers = {"TTBCXB": [_user("chi"), _user("dung")], "BCVT": [_user("khanh")], "TTr": [_user("long")]}
    counts = {"văn bản đi": 0, "văn bản ký số": 0, "văn bản đến": 0}
    for year in sorted(OUTGOING_PER_YEAR):
        days = _working_days(year)
        events: list[tuple[dt.date, int, str]] = []
        for _ in range(OUTGOING_PER_YEAR[year] - DIGITAL[year]):
            events.append((rng.choice(days), rng.randint(8, 16), "paper"))
        december = [d for d in days if d.month == 12] if year == 2016 else days
        for _ in range(DIGITAL[year]):
            events.append((rng.choice(december), rng.randint(8, 16), "digital"))
        for _ in range(INCOMING_PER_YEAR[year]):
            events.append((rng.choice(days), rng.randint(7, 16), "incoming"))
        events.sort()
        for day, hour, kind in events:
            at = _at(day, hour, rng.randint(0, 59))
            if kind == "incoming":
                _incoming(so, units, handlers, em, hoa, day, at, rng)
                counts["văn bản đến"] += 1
                continue
            doc_type, division, text = rng.choice(OUT_TEMPLATES)
            summary = _fill(text, day, rng)
            signer = em if rng.random() < 0.55 else giang
            recipients = "\n".join(RECIPIENTS[division])
            if kind == "paper":
                services.outgoing_record_paper(
                    actor=actor,
                    agency=so,
                    doc_type=doc_type,
                    summary=summary,
                    recipients=recipients,
                    signer=signer,
                    issued_on=day,
                    copies=rng.randint(2, 12),
                    drafting_unit=units[division],
                    keeping_unit=f"VT, {division}",
                    at=at,
                )
            else:
                body = (
                    f"Căn cứ chức năng, nhiệm vụ của Sở Thông tin và Truyền thông tỉnh Hậu Giang;\n\n"
                    f"{summary}.\n\nĐề nghị các cơ quan, đơn vị có liên quan triển khai thực hiện."
                )
                doc = services.outgoing_create(
                    actor=actor,
                    agency=so,
                    doc_type=doc_type,
                    summary=summary,
                    body=body,
                    recipients=recipients,
                    drafting_unit=units[division],
                    at=at - dt.timedelta(hours=2),
                )
                services.outgoing_submit(actor=actor, document=doc, at=at - dt.timedelta(hours=1))
                doc = services.outgoing_sign(actor=signer, document=doc, at=at)
                services.outgoing_issue(actor=hoa, document=doc, keeping_unit=f"VT, {division}", at=at)
                counts["văn bản ký số"] += 1
            counts["văn bản đi"] += 1
    return counts


def _incoming(
    so: Agency,
    units: dict[str, Agency],
    handlers: dict[str, list[Any]],
    em: Any,
    hoa: Any,
    day: dt.date,
    at: dt.datetime,
    rng: random.Random,
) -> None:
    sender, symbol, doc_type, text, division = rng.choice(IN_TEMPLATES)
    sender = _fill(sender, day, rng)
    original_date = day - dt.timedelta(days=rng.randint(1, 6))
    if original_date.year != day.year:
        original_date = day
    number = rng.randint(12, 3200 if "Bộ" in sender or "UBND" in symbol else 900)
    share_electronic = 0.35 if day.year == 2016 else 0.6
    doc = services.incoming_register(
        actor=hoa,
        agency=so,
        sender_name=sender,
        original_number=f"{number}/{symbol}",
        original_date=original_date,
        doc_type=doc_type,
        summary=_fill(text, day, rng),
        received_on=day,
        channel=IncomingChannel.ELECTRONIC if rng.random() < share_electronic else IncomingChannel.PAPER,
        at=at,
    )
    due = timezone.localtime(worktime.due_at(at, rng.randint(5, 15))).date()
    handler = rng.choice(handlers[division]) if division in handlers else None
    doc = services.incoming_assign(
        actor=em,
        document=doc,
        handling_unit=units[division],
        handler=handler,
        due_on=due,
        at=at + dt.timedelta(hours=1),
    )
    # recent ones are still being handled at the end of the demo period
    if day < dt.date(2017, 12, 15) or rng.random() < 0.3:
        handled_at = at + dt.timedelta(days=rng.randint(1, 8))
        services.incoming_complete(
            actor=handler or em,
            document=doc,
            note="Đã tham mưu, xử lý theo chỉ đạo của lãnh đạo Sở.",
            at=handled_at,
        )
    assert doc.status in (IncomingStatus.ASSIGNED, IncomingStatus.HANDLED)
