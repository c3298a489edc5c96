"""Vietnamese text folding: fold, words, matches, and the queryset helper."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.db.models import Q
from hypothesis import given
from hypothesis import strategies as st

from tinhso.core import vntext
from tinhso.core.models import CalendarOverride, OverrideKind
from tinhso.core.vntext import filter_folded, fold, folded_q, matches, search_text, words

# The 134 letters of the Vietnamese alphabet with tone marks, both cases, and their base letters.
VOWELS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
    "d": "dđ",
}
VIETNAMESE_LETTERS = "".join(VOWELS.values()) + "bcghklmnpqrstvx"
VIETNAMESE_ALPHABET = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()

vietnamese_text = st.text(alphabet=st.sampled_from([*VIETNAMESE_ALPHABET, " ", "\t", "\n", "-", ",", "."]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cấp giấy phép hoạt động in", "cap giay phep hoat dong in"),
        ("Hoả", "hoa"),
        ("Hòa", "hoa"),
        ("Hoà", "hoa"),
        ("HÒA BÌNH", "hoa binh"),
        ("Ngã Bảy", "nga bay"),
        ("Đắk Lắk", "dak lak"),
        ("ĐẮK NÔNG", "dak nong"),
        ("Sở Thông tin và Truyền thông", "so thong tin va truyen thong"),
        ("Phường Ngã Bảy, thị xã Ngã Bảy", "phuong nga bay, thi xa nga bay"),
        ("  nhiều   khoảng\ttrắng\n ", "nhieu khoang trang"),
        ("Vị Thủy", "vi thuy"),
        ("Ðồng Tháp", "dong thap"),  # U+00D0 eth typed in place of Đ
        ("Long\u00a0Mỹ", "long my"),  # no-break space
        ("", ""),
        (None, ""),
    ],
)
def test_fold_concrete(text: str | None, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_fold_same_for_every_normal_form(form: str) -> None:
    text = "Cấp giấy phép hoạt động in — Đắk Lắk, Hoả, Ngã Bảy, Phụng Hiệp, Vị Thủy, Ước"
    assert fold(unicodedata.normalize(form, text)) == (
        "cap giay phep hoat dong in — dak lak, hoa, nga bay, phung hiep, vi thuy, uoc"
    )


def test_decomposed_input_with_marks_in_unusual_order() -> None:
    # "ệ" written as e + dot below + circumflex, and as e + circumflex + dot below.
    assert fold("Hi\u0065\u0323\u0302p") == fold("Hi\u0065\u0302\u0323p") == "hiep"


@pytest.mark.parametrize("letter", list(VIETNAMESE_ALPHABET))
def test_every_vietnamese_letter_folds_to_one_ascii_letter(letter: str) -> None:
    folded = fold(letter)
    assert len(folded) == 1 and folded.isascii() and folded.islower()
    base = next((b for b, group in VOWELS.items() if letter.lower() in group), letter.lower())
    assert folded == base


@given(vietnamese_text)
def test_fold_of_vietnamese_is_ascii(text: str) -> None:
    assert fold(text).isascii()


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_fast_path_agrees_with_general_path(text: str) -> None:
    assert fold(text) == vntext._fold_general(text)


@given(st.text())
def test_fold_has_no_marks_no_upper_and_collapsed_space(text: str) -> None:
    folded = fold(text)
    assert not any(unicodedata.category(ch).startswith("M") for ch in folded)
    assert folded == " ".join(folded.split())
    assert "đ" not in folded and "Đ" not in folded


@given(vietnamese_text)
def test_nfc_and_nfd_fold_alike(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(vietnamese_text, vietnamese_text)
def test_text_matches_its_own_words(before: str, text: str) -> None:
    assert matches(text, before + " " + text)
    assert matches(unicodedata.normalize("NFD", text).upper(), text)


@given(vietnamese_text)
def test_search_text_is_folded_words(text: str) -> None:
    value = search_text(text)
    assert value == fold(value) and value.split() == words(text)
    assert matches(text, value)


def test_words() -> None:
    assert words("Bưu chính - Viễn thông") == ["buu", "chinh", "vien", "thong"]
    assert words("  ") == []
    assert words("Sở TT&TT Hậu Giang") == ["so", "tt", "tt", "hau", "giang"]


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("giay phep in", "Cấp giấy phép hoạt động in", True),
        ("GIẤY PHÉP IN", "Cấp giấy phép hoạt động in", True),
        ("in giay phep", "Cấp giấy phép hoạt động in", True),  # order does not matter
        ("giay phep bao chi", "Cấp giấy phép hoạt động in", False),
        ("giay phep in", "Cấp giấy phép xuất bản bản tin", False),  # "in" begins no word there
        ("giay ph", "Cấp giấy phép xuất bản bản tin", True),  # a word being typed
        ("phep", "Cấp giấy phép (in)", True),
        ("in", "Cấp giấy phép (in)", True),
        ("dak lak", "Tỉnh Đắk Lắk", True),
        ("hoa", "Xã Hoả Lựu", True),
        ("hòa", "Xã Hoả Lựu", True),
        ("nga bay", "Thành phố Ngã Bảy", True),
        ("vinh vien", "Xã Vĩnh Viễn", True),
        ("vinh tuong", "Xã Vĩnh Viễn", False),
        ("", "bất kỳ", True),
        ("  - ", "bất kỳ", True),  # no words: no condition
    ],
)
def test_matches(query: str, text: str, found: bool) -> None:
    assert matches(query, text) is found


def test_search_text_joins_and_folds() -> None:
    assert search_text("Cấp giấy phép hoạt động in", None, "", 1.007, "ĐĂNG KÝ (mới)") == (
        "cap giay phep hoat dong in 1 007 dang ky moi"
    )


def test_folded_q_requires_a_field() -> None:
    with pytest.raises(ValueError):
        folded_q([], "x")


def test_folded_q_caps_the_number_of_words() -> None:
    condition = folded_q("name", " ".join(f"w{i}" for i in range(50)))
    assert len(condition.children) == vntext.MAX_QUERY_WORDS
    assert folded_q("name", " - ") == Q()


@pytest.mark.django_db
def test_filter_folded_in_the_database() -> None:
    # Any model with a column holding folded text will do; the calendar override table is at hand.
    names = [
        "Cấp giấy phép hoạt động in",
        "Cấp giấy phép xuất bản bản tin",
        "Đăng ký hoạt động cơ sở in",
        "Ngã Bảy 100% hoạt_động",
    ]
    for day, name in enumerate(names, start=1):
        CalendarOverride.objects.create(
            date=dt.date(2030, 1, day), kind=OverrideKind.DAY_OFF, name=search_text(name), legal_basis=name
        )
    qs = CalendarOverride.objects.all()

    def found(query: str) -> list[str]:
        return [o.legal_basis for o in filter_folded(qs, "name", query).order_by("date")]

    assert found("giay phep in") == ["Cấp giấy phép hoạt động in"]  # not "… bản tin"
    assert found("GIẤY PHÉP") == names[:2]
    assert found("giay ph") == names[:2]
    assert found("hoat dong in") == [names[0], names[2]]
    assert found("cap") == names[:2]  # the first word of the column
    assert found("") == names
    assert found("khong co") == []
    assert found("ban tin") == [names[1]]
    assert found("in tin") == []  # "in" begins no word of "… bản tin"
    assert found("100%") == [names[3]]  # LIKE wildcards are escaped
    assert found("hoat_dong") == [names[3]]
    assert found("hoat_") == [names[3]]
    assert found("hoatxdong") == []
    assert found("ap") == []  # inside a word: no match
    # Several columns: each word in one of them.
    assert [o.legal_basis for o in filter_folded(qs, ["name", "kind"], "day_off xuat ban")] == [names[1]]
