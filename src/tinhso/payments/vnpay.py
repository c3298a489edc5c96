"""The VNPay API 2.1.0 protocol (domain.md §3): the pay URL, the signature and its check.

``vnp_SecureHash`` is the hex HMAC-SHA512, keyed with the merchant's hash secret, of the ``vnp_*``
parameters (without ``vnp_SecureHash`` and ``vnp_SecureHashType``) sorted by key, each value
URL-encoded (``quote_plus``: a space becomes ``+``, UTF-8 percent-encoded), joined as
``key=value`` with ``&``. The query string sent is the same text plus ``&vnp_SecureHash=…``.
Times are ``yyyyMMddHHmmss`` in GMT+7."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

VERSION = "2.1.0"
GMT7 = ZoneInfo("Asia/Ho_Chi_Minh")
HASH_FIELDS_EXCLUDED = frozenset({"vnp_SecureHash", "vnp_SecureHashType"})
TIME_FORMAT = "%Y%m%d%H%M%S"

# vnp_ResponseCode values (VNPay's table) with the Vietnamese text shown to the applicant.
RESPONSE_MESSAGES = {
    "00": "Giao dịch thành công.",
    "07": "Trừ tiền thành công, giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường).",
    "09": "Thẻ/Tài khoản chưa đăng ký dịch vụ Internet Banking tại ngân hàng.",
    "10": "Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần.",
    "11": "Đã hết hạn chờ thanh toán.",
    "12": "Thẻ/Tài khoản bị khóa.",
    "13": "Nhập sai mật khẩu xác thực giao dịch (OTP).",
    "24": "Khách hàng hủy giao dịch.",
    "51": "Tài khoản không đủ số dư để thực hiện giao dịch.",
    "65": "Tài khoản đã vượt quá hạn mức giao dịch trong ngày.",
    "75": "Ngân hàng thanh toán đang bảo trì.",
    "79": "Nhập sai mật khẩu thanh toán quá số lần quy định.",
    "99": "Lỗi khác.",
}


def format_time(value: dt.datetime) -> str:
    """An aware datetime as VNPay writes it: yyyyMMddHHmmss in GMT+7."""
    if value.tzinfo is None:
        raise ValueError("Thời điểm phải có múi giờ (aware datetime).")
    return value.astimezone(GMT7).strftime(TIME_FORMAT)


def parse_time(value: str) -> dt.datetime:
    """``yyyyMMddHHmmss`` (GMT+7) as an aware datetime; ValueError when malformed."""
    return dt.datetime.strptime(value, TIME_FORMAT).replace(tzinfo=GMT7)


def hash_data(params: Mapping[str, str]) -> str:
    """The signed text: the ``vnp_*`` parameters but the hash, sorted, URL-encoded, joined by ``&``."""
    items = sorted(
        (k, str(v))
        for k, v in params.items()
        if k.startswith("vnp_") and k not in HASH_FIELDS_EXCLUDED and str(v) != ""
    )
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in items)


def sign(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), hash_data(params).encode(), hashlib.sha512).hexdigest()


def verify(params: Mapping[str, str], secret: str) -> bool:
    """True when ``vnp_SecureHash`` is the signature of the other ``vnp_*`` parameters."""
    given = str(params.get("vnp_SecureHash", ""))
    if not given:
        return False
    return hmac.compare_digest(given.lower(), sign(params, secret))


def signed_query(params: Mapping[str, str], secret: str) -> str:
    """The query string of ``params`` with its ``vnp_SecureHash`` appended."""
    return f"{hash_data(params)}&vnp_SecureHash={sign(params, secret)}"


def pay_params(
    *,
    tmn_code: str,
    amount_vnd: int,
    txn_ref: str,
    order_info: str,
    return_url: str,
    ip_addr: str,
    created: dt.datetime,
    expires: dt.datetime,
    order_type: str = "other",
    locale: str = "vn",
    bank_code: str = "",
) -> dict[str, str]:
    """The parameters of a payment request (``vnp_Command=pay``), unsigned."""
    if amount_vnd <= 0:
        raise ValueError("Số tiền thanh toán phải lớn hơn 0.")
    params = {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": tmn_code,
        "vnp_Amount": str(amount_vnd * 100),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": order_info,
        "vnp_OrderType": order_type,
        "vnp_Locale": locale,
        "vnp_ReturnUrl": return_url,
        "vnp_IpAddr": ip_addr,
        "vnp_CreateDate": format_time(created),
        "vnp_ExpireDate": format_time(expires),
    }
    if bank_code:
        params["vnp_BankCode"] = bank_code
    return params


def pay_url(base_url: str, params: Mapping[str, str], secret: str) -> str:
    """The address the applicant's browser is sent to."""
    return f"{base_url}?{signed_query(params, secret)}"


def response_message(code: str) -> str:
    return RESPONSE_MESSAGES.get(code, f"Giao dịch không thành công (mã lỗi {code}).")
