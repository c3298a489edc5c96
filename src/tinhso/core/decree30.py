"""Decree 30/2020/NĐ-CP on official documents: the place and date line.

Appendix I, II.5.b: the date is written ``ngày … tháng … năm …`` with a zero before a day below 10 and
before the months 1 and 2 (``ngày 05 tháng 02 năm 2017``, ``ngày 06 tháng 3 năm 2017``,
``ngày 27 tháng 12 năm 2016``).
"""

from __future__ import annotations

import datetime as dt


def date_words(day: dt.date) -> str:
    """``ngày 06 tháng 3 năm 2017``."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: dt.date) -> str:
    """``Hậu Giang, ngày 27 tháng 12 năm 2016``."""
    return f"{place}, {date_words(day)}"
