"""The place and date line of Decree 30/2020 (Appendix I, II.5.b)."""

import datetime as dt

import pytest

from tinhso.core.decree30 import date_words, place_date


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2017, 2, 5), "ngày 05 tháng 02 năm 2017"),  # zero before a day below 10 and months 1, 2
        (dt.date(2017, 1, 31), "ngày 31 tháng 01 năm 2017"),
        (dt.date(2017, 3, 6), "ngày 06 tháng 3 năm 2017"),  # no zero before March … December
        (dt.date(2016, 9, 12), "ngày 12 tháng 9 năm 2016"),
        (dt.date(2016, 12, 27), "ngày 27 tháng 12 năm 2016"),
    ],
)
def test_date_words(day: dt.date, words: str) -> None:
    assert date_words(day) == words


def test_place_date() -> None:
    assert place_date("Hậu Giang", dt.date(2016, 12, 27)) == "Hậu Giang, ngày 27 tháng 12 năm 2016"
