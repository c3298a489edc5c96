"""Validation of Vietnamese identifiers: the 12-digit personal ID number, phone numbers, tax codes.

The personal identification number (số định danh cá nhân, printed on the citizen identity card) has 12
digits (Decree 137/2015/NĐ-CP art. 7; Circular 07/2016/TT-BCA art. 7, amended by Circular 59/2021/TT-BCA):

- digits 1–3: the code of the province where the citizen's birth was registered (001 … 096, the 63
  provinces and centrally-run cities, listed in ``PROVINCE_CODES``);
- digit 4: century of birth and sex: 0/1 twentieth century (1900–1999) male/female, 2/3 twenty-first
  (2000–2099), 4/5 twenty-second, 6/7 twenty-third, 8/9 twenty-fourth;
- digits 5–6: the last two digits of the year of birth;
- digits 7–12: a random sequence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

_PHONE = re.compile(r"^0[35789][0-9]{8}$")
_CITIZEN_ID = re.compile(r"^[0-9]{12}$")
_TAX_CODE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")

# Province codes of the place of birth registration (Appendix to Circular 07/2016/TT-BCA, kept by
# Circular 59/2021/TT-BCA): 63 provinces and centrally-run cities.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Thành phố Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}


class IdentifierError(ValueError):
    """An identifier is malformed; ``message`` is Vietnamese (translated) text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CitizenIdInfo:
    number: str
    province_code: str
    province_name: str
    sex: str  # "nam" | "nu"
    birth_year: int


def parse_citizen_id(raw: str, *, today: dt.date | None = None) -> CitizenIdInfo:
    """Check a 12-digit personal ID number and decode it. Raises ``IdentifierError``.

    Spaces and dots are ignored ('093 089 001 234'). The birth year decoded from digits 4–6 must not
    lie in the future (``today``, local date, defaults to now in Asia/Ho_Chi_Minh).
    """
    number = re.sub(r"[\s.]", "", raw or "")
    if not _CITIZEN_ID.match(number):
        raise IdentifierError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."))
    province_code = number[:3]
    if province_code not in PROVINCE_CODES:
        raise IdentifierError(
            _("Ba chữ số đầu (%(code)s) không phải mã tỉnh, thành phố hợp lệ.") % {"code": province_code}
        )
    century_sex = int(number[3])
    birth_year = 1900 + (century_sex // 2) * 100 + int(number[4:6])
    today = today or timezone.localdate()
    if birth_year > today.year:
        raise IdentifierError(
            _("Mã thế kỷ (%(digit)s) và năm sinh (%(yy)s) không khớp: năm sinh %(year)s chưa đến.")
            % {"digit": number[3], "yy": number[4:6], "year": birth_year}
        )
    return CitizenIdInfo(
        number=number,
        province_code=province_code,
        province_name=PROVINCE_CODES[province_code],
        sex="nam" if century_sex % 2 == 0 else "nu",
        birth_year=birth_year,
    )


def normalize_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; None if not a mobile number."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _PHONE.match(digits) else None


def normalize_tax_code(raw: str) -> str | None:
    """A business tax code: 10 digits, or 10 digits + '-' + 3 digits for a dependent unit (Circular
    105/2020/TT-BTC art. 5). Returns the normalised code or None when malformed."""
    code = re.sub(r"\s", "", raw or "")
    return code if _TAX_CODE.match(code) else None
