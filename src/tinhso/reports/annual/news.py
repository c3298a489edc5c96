"""A news article on the year-end review, in the style of the portal's articles, for an editor.

The same figures and sentences as the report (``compose``), framed as the department's news item:
a title, a lead ("Ngày 27/12/2016, Sở … đã tổ chức tổng kết năm 2016 …") and short paragraphs.
Sections without records are left out of the article (the report says "chưa có số liệu").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from tinhso.reports.annual import compose as c
from tinhso.reports.annual import numbers as n
from tinhso.reports.annual.figures import AnnualFigures
from tinhso.sector.models import Indicator


@dataclass
class Article:
    title: str
    lead: str
    body: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n\n".join([self.title, self.lead, *self.body])


def _has(text: str) -> bool:
    return "Chưa có số liệu" not in text and "chưa có số liệu" not in text


def news_article(af: AnnualFigures) -> Article:
    y, h = af.year, af.header
    agency_short = h.agency_full.replace(" tỉnh ", " ")
    conference = c_date(af)
    if conference is not None:
        lead = (
            f"Ngày {conference:%d/%m/%Y}, {agency_short} đã tổ chức tổng kết năm {y}, triển khai nhiệm vụ "
            f"công tác trọng tâm và phát động phong trào thi đua năm {y + 1}."
        )
    else:
        lead = (
            f"{agency_short} tổng kết kết quả thực hiện nhiệm vụ năm {y} và triển khai nhiệm vụ năm {y + 1}."
        )
    if h.signer_name:
        lead += f" Tham dự và chỉ đạo có đồng chí {h.signer_name}, Giám đốc Sở."
    article = Article(title=f"{h.agency_full} triển khai nhiệm vụ công tác năm {y + 1}", lead=lead)
    body = article.body
    if not af.has_any_data:
        body.append(f"Hệ thống chưa ghi nhận số liệu kết quả công tác năm {y}.")
        return article

    first = []
    if af.events:
        phrases = [c.event_phrase(e.kind, e.title, e.participants, e.visitors) for e in af.events]
        first.append(f"Trong năm, Sở đã {'; '.join(phrases)}.")
    for text in [c.exhibitions_sentence(af)] + [
        c.publication_sentence(p) for p in af.publications if p.kind not in c.PRESS_KINDS
    ]:
        if _has(text):
            first.append(("Bên cạnh đó, " + n.lower_first(text)) if text.startswith("Phối hợp") else text)
    first += c.campaign_sentence(af)
    if first:
        body.append(" ".join(first))
    press = c.section_press(af)[0]
    if _has(press):
        body.append(press)
    second = []
    training = c.trainings_sentence(af)
    if _has(training):
        second.append("Bên cạnh đó, " + n.lower_first(training))
    for text in (c.video_sentence(af), c.procedures_sentence(af)):
        if _has(text):
            second.append(text)
    if second:
        body.append(" ".join(second))
    third = []
    if af.telecom and af.telecom_previous_year:
        bts, tel = af.telecom[Indicator.BTS], af.telecom[Indicator.TELEPHONE]
        if bts.growth is not None and tel.growth is not None:
            third.append(
                "Trong các lĩnh vực bưu chính - viễn thông, công nghệ thông tin và Internet, so với cùng "
                f"kỳ năm {y - 1}: hạ tầng trạm BTS ({_delta(bts.growth, 'trạm')}) và thuê bao điện thoại "
                f"({_delta(tel.growth, 'thuê bao')})."
            )
    programs = c.programs_sentences(af)[0]
    third += [s for s in [programs] if _has(programs)]
    if third:
        body.append(" ".join(third))
    inspections = c.inspections_sentence(af)
    if _has(inspections):
        body.append(inspections)
    targets = c.targets_sentence(af)[0]
    if _has(targets) and af.targets_next:
        body.append(targets)
    awards = c.awards_sentence(af)
    if _has(awards):
        body.append("Dịp này, " + (awards if awards.startswith("Sở ") else n.lower_first(awards)))
    return article


def _delta(value: int, unit: str) -> str:
    if value > 0:
        return f"tăng {n.count(value)} {unit}"
    if value < 0:
        return f"giảm {n.count(-value)} {unit}"
    return "không đổi"


def c_date(af: AnnualFigures) -> dt.date | None:
    """The date of the year-end review conference, when one is recorded."""
    return af.header.date if af.header.date_source.startswith("Ngày của sự kiện") else None


def article_markdown(article: Article) -> str:
    return "\n\n".join([f"# {article.title}", f"**{article.lead}**", *article.body]) + "\n"


def article_html(article: Article) -> str:
    return render_to_string("reports/annual/news.html", {"article": article})
