"""The VNPay 2.1.0 protocol: the signature computed independently with hmac, tampering detected, the
pay URL's parameters (amount × 100, GMT+7 times, Vietnamese order info)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import parse_qsl, quote_plus, urlsplit

from tinhso.payments import vnpay

SECRET = "SECRETKEYFORTESTS0123456789ABCDE"


def independent_hash(params: dict[str, str], secret: str) -> str:
    text = "&".join(
        f"{k}={quote_plus(v)}"
        for k, v in sorted(params.items())
        if k not in ("vnp_SecureHash", "vnp_SecureHashType")
    )
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha512).hexdigest()


def sample() -> dict[str, str]:
    return vnpay.pay_params(
        tmn_code="TINHSO01",
        amount_vnd=1_250_000,
        txn_ref="42-261126083000-007",
        order_info="Nộp phí, lệ phí hồ sơ 000.00.15.H30-261126-0001 (Giấy phép in & phát hành)",
        return_url="http://127.0.0.1:8000/thanh-toan/vnpay/ket-qua/",
        ip_addr="203.162.4.190",
        created=dt.datetime(2026, 11, 26, 1, 30, tzinfo=dt.UTC),
        expires=dt.datetime(2026, 11, 26, 1, 45, tzinfo=dt.UTC),
    )


def test_pay_params_follow_the_protocol() -> None:
    p = sample()
    assert p["vnp_Version"] == "2.1.0" and p["vnp_Command"] == "pay" and p["vnp_CurrCode"] == "VND"
    assert p["vnp_Amount"] == "125000000"  # VND × 100
    assert p["vnp_CreateDate"] == "20261126083000"  # 01:30 UTC = 08:30 GMT+7
    assert p["vnp_ExpireDate"] == "20261126084500"
    assert p["vnp_Locale"] == "vn"


def test_signature_matches_an_independent_hmac_sha512() -> None:
    p = sample()
    signature = vnpay.sign(p, SECRET)
    assert signature == independent_hash(p, SECRET)
    assert len(signature) == 128
    # the Vietnamese text is signed UTF-8 percent-encoded, spaces as '+'
    assert "vnp_OrderInfo=N%E1%BB%99p+ph%C3%AD%2C+l%E1%BB%87+ph%C3%AD" in vnpay.hash_data(p)
    assert "%26+ph%C3%A1t+h%C3%A0nh%29" in vnpay.hash_data(p)


def test_pay_url_round_trip_verifies() -> None:
    url = vnpay.pay_url("http://127.0.0.1:8800/paymentv2/vpcpay.html", sample(), SECRET)
    parts = urlsplit(url)
    assert parts.path == "/paymentv2/vpcpay.html"
    received = dict(parse_qsl(parts.query))
    assert received["vnp_OrderInfo"].startswith("Nộp phí, lệ phí hồ sơ")
    assert received["vnp_SecureHash"] == independent_hash(received, SECRET)
    assert vnpay.verify(received, SECRET)
    received["vnp_SecureHashType"] = "HmacSHA512"  # not part of the signed text
    assert vnpay.verify(received, SECRET)
    received["vnp_SecureHash"] = received["vnp_SecureHash"].upper()
    assert vnpay.verify(received, SECRET)


def test_any_change_breaks_the_signature() -> None:
    p = sample()
    p["vnp_SecureHash"] = vnpay.sign(p, SECRET)
    assert vnpay.verify(p, SECRET)
    for key, value in [
        ("vnp_Amount", "12500000"),
        ("vnp_TxnRef", "42-261126083000-008"),
        ("vnp_OrderInfo", "Nộp phí hồ sơ khác"),
        ("vnp_ReturnUrl", "http://evil.example/"),
    ]:
        assert not vnpay.verify({**p, key: value}, SECRET), key
    assert not vnpay.verify({**p, "vnp_ResponseCode": "00"}, SECRET)  # an added parameter
    assert not vnpay.verify(p, SECRET + "x")  # another secret
    assert not vnpay.verify({k: v for k, v in p.items() if k != "vnp_SecureHash"}, SECRET)


def test_times_are_gmt7() -> None:
    at = vnpay.parse_time("20170306170000")
    assert at == dt.datetime(2017, 3, 6, 10, 0, tzinfo=dt.UTC)
    assert vnpay.format_time(at) == "20170306170000"
