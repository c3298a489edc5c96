from __future__ import annotations

import datetime as dt

import pytest

from tinhso.accounts.identifiers import (
    PROVINCE_CODES,
    IdentifierError,
    normalize_phone,
    normalize_tax_code,
    parse_citizen_id,
)

TODAY = dt.date(2025, 6, 1)


def test_sixty_three_provinces_with_three_digit_codes():
    assert len(PROVINCE_CODES) == 63
    assert all(len(c) == 3 and c.isdigit() for c in PROVINCE_CODES)
    assert PROVINCE_CODES["093"] == "Hậu Giang"
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    # codes that are not used by any province
    for unused in ("000", "003", "005", "028", "050", "097", "099"):
        assert unused not in PROVINCE_CODES


def test_decodes_province_sex_and_birth_year():
    info = parse_citizen_id("093089001234", today=TODAY)
    assert (info.province_code, info.province_name, info.sex, info.birth_year) == (
        "093",
        "Hậu Giang",
        "nam",
        1989,
    )
    info = parse_citizen_id("079305000001", today=TODAY)
    assert (info.sex, info.birth_year) == ("nu", 2005)
    info = parse_citizen_id("001199000001", today=TODAY)
    assert (info.sex, info.birth_year) == ("nu", 1999)


def test_spaces_and_dots_are_ignored():
    assert parse_citizen_id(" 093 089.001 234 ", today=TODAY).number == "093089001234"


@pytest.mark.parametrize(
    "raw",
    ["09308900123", "0930890012345", "09308900123a", "", "０９３０８９００１２３４"],
)
def test_must_be_twelve_ascii_digits(raw):
    with pytest.raises(IdentifierError, match="12 chữ số"):
        parse_citizen_id(raw, today=TODAY)


@pytest.mark.parametrize("code", ["000", "003", "097", "099", "100", "999"])
def test_unknown_province_code_is_rejected(code):
    with pytest.raises(IdentifierError, match=code):
        parse_citizen_id(f"{code}089001234", today=TODAY)


def test_birth_year_must_not_be_in_the_future():
    # 2 = male born 2000–2099: 25 → 2025 is fine in 2025, 26 → 2026 is not yet
    assert parse_citizen_id("093225000001", today=TODAY).birth_year == 2025
    with pytest.raises(IdentifierError, match="2026"):
        parse_citizen_id("093226000001", today=TODAY)
    # 4–9 are the 22nd–24th centuries: nobody is born yet
    for digit in "456789":
        with pytest.raises(IdentifierError, match="năm sinh"):
            parse_citizen_id(f"0930{digit}0000001"[:3] + f"{digit}00000001", today=TODAY)


def test_phone_numbers():
    assert normalize_phone("+84 912 345 678") == "0912345678"
    assert normalize_phone("84912345678") == "0912345678"
    assert normalize_phone("0912.345.678") == "0912345678"
    assert normalize_phone("0212345678") is None  # landline prefix
    assert normalize_phone("091234567") is None


def test_tax_codes():
    assert normalize_tax_code("6300123456") == "6300123456"
    assert normalize_tax_code("6300123456-001") == "6300123456-001"
    assert normalize_tax_code("630012345") is None
    assert normalize_tax_code("6300123456-01") is None
