"""Validation of Vietnamese identifiers: the 12-digit personal ID number and phone numbers."""

from __future__ import annotations

import re

_PHONE = re.compile(r"^0[35789][0-9]{8}$")


def normalize_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; None if not a mobile number."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _PHONE.match(digits) else None
