"""SMS to applicants through an adapter. The backend is chosen by ``settings.SMS_BACKEND`` (env var
``SMS_BACKEND``, a dotted path); the default ``LogBackend`` only writes the message to the log, so the
embedded mode needs no SMS gateway. ``LocmemBackend`` keeps messages in ``outbox`` for tests. A real
gateway is one class with ``send(phone, text)``."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
MAX_LENGTH = 320  # two concatenated Unicode SMS parts would be 134; keep the text short anyway


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LogBackend:
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS tới %s: %s", phone, text)


outbox: list[Sms] = []


class LocmemBackend:
    def send(self, phone: str, text: str) -> None:
        outbox.append(Sms(phone=phone, text=text))


def normalize_phone(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits if re.fullmatch(r"0[0-9]{9,10}", digits) else ""


def get_backend() -> SmsBackend:
    path = getattr(settings, "SMS_BACKEND", "tinhso.onestop.sms.LogBackend")
    return import_string(path)()  # type: ignore[no-any-return]


def send_sms(phone: str, text: str) -> bool:
    """Send ``text`` to ``phone``; False when the number is unusable or the gateway fails (logged,
    never raised: an SMS outage must not break an officer's action)."""
    number = normalize_phone(phone)
    if not number:
        return False
    try:
        get_backend().send(number, text[:MAX_LENGTH])
    except Exception:
        logger.exception("Không gửi được SMS tới %s", number)
        return False
    return True
