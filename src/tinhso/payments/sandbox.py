"""A sandbox payment gateway speaking the VNPay API 2.1.0 protocol, as a separate WSGI process
(``tinhso payments sandbox``, started by ``tinhso serve`` when ``VNPAY_PAY_URL`` points at it).

``GET /paymentv2/vpcpay.html?…`` checks the merchant code, the signature, the version, the amount and
the expiry, and shows a Vietnamese payment page (no JavaScript). Its form posts to
``/paymentv2/xac-nhan``: "Thanh toán" answers ``vnp_ResponseCode=00``, "Hủy giao dịch" ``24``. The
gateway then calls the merchant's IPN URL server to server with the signed result (and logs the
merchant's reply), and redirects the browser to ``vnp_ReturnUrl`` with the same parameters. A
transaction reference is processed once."""

from __future__ import annotations

import html
import itertools
import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.utils import timezone

from tinhso.payments import vnpay

logger = logging.getLogger(__name__)
PAY_PATH = "/paymentv2/vpcpay.html"
CONFIRM_PATH = "/paymentv2/xac-nhan"
REQUIRED = (
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_Amount",
    "vnp_CurrCode",
    "vnp_TxnRef",
    "vnp_OrderInfo",
    "vnp_OrderType",
    "vnp_Locale",
    "vnp_ReturnUrl",
    "vnp_IpAddr",
    "vnp_CreateDate",
    "vnp_ExpireDate",
)
StartResponse = Callable[..., Any]


def _money(amount_vnd: int) -> str:
    return f"{amount_vnd:,}".replace(",", ".") + " đồng"


PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — Cổng thanh toán thử nghiệm</title>
<style>
body{{font-family:system-ui,"DejaVu Sans",sans-serif;background:#f3f5f9;margin:0;color:#1c2733}}
header{{background:#005baa;color:#fff;padding:1rem 1.5rem;font-weight:600}}
main{{max-width:34rem;margin:2rem auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;
box-shadow:0 1px 4px rgba(0,0,0,.12)}}
dl{{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem}} dt{{color:#5a6b7b}}
dd{{margin:0;font-weight:600}}
.amount{{font-size:1.5rem;color:#c8102e}} .buttons{{display:flex;gap:1rem;margin-top:1.5rem}}
button{{font-size:1rem;padding:.7rem 1.4rem;border-radius:6px;border:1px solid #005baa;cursor:pointer}}
.pay{{background:#005baa;color:#fff}} .cancel{{background:#fff;color:#005baa}}
.error{{color:#b00020}} .note{{color:#5a6b7b;font-size:.9rem}}
</style></head>
<body><header>Cổng thanh toán thử nghiệm (giao thức VNPay 2.1.0)</header><main>{body}</main></body></html>"""


@dataclass
class Sandbox:
    """The gateway's state: the merchant it knows and the transactions it has processed."""

    tmn_code: str
    secret: str
    ipn_url: str
    bank_code: str = "NCB"
    processed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(14_000_001))

    # --- WSGI ----------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == PAY_PATH and method == "GET":
            params = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
            return self._pay_page(params, start_response)
        if path == CONFIRM_PATH and method == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = dict(parse_qsl(environ["wsgi.input"].read(size).decode("utf-8"), keep_blank_values=True))
            return self._confirm(form, start_response)
        return self._page(start_response, "404 Not Found", "Không tìm thấy", "<p>Không tìm thấy trang.</p>")

    def _page(self, start_response: StartResponse, status: str, title: str, body: str) -> list[bytes]:
        content = PAGE.format(title=html.escape(title), body=body).encode("utf-8")
        start_response(
            status,
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))],
        )
        return [content]

    def _error(self, start_response: StartResponse, message: str) -> list[bytes]:
        body = f'<h1>Giao dịch không hợp lệ</h1><p class="error">{html.escape(message)}</p>'
        return self._page(start_response, "400 Bad Request", "Giao dịch không hợp lệ", body)

    # --- checks --------------------------------------------------------------------------------
    def check(self, params: dict[str, str]) -> str:
        """The reason a payment request is refused, or '' when it is valid."""
        missing = [k for k in REQUIRED if not params.get(k)]
        if missing:
            return f"Thiếu tham số: {', '.join(missing)}."
        if params["vnp_TmnCode"] != self.tmn_code:
            return "Website (mã vnp_TmnCode) chưa được đăng ký với cổng thanh toán."
        if not vnpay.verify(params, self.secret):
            return "Sai chữ ký (vnp_SecureHash)."
        if params["vnp_Version"] != vnpay.VERSION or params["vnp_Command"] != "pay":
            return "Phiên bản hoặc lệnh không được hỗ trợ."
        if params["vnp_CurrCode"] != "VND":
            return "Chỉ hỗ trợ thanh toán bằng VND."
        amount = params["vnp_Amount"]
        if not amount.isdigit() or int(amount) <= 0 or int(amount) % 100:
            return "Số tiền không hợp lệ."
        try:
            expires = vnpay.parse_time(params["vnp_ExpireDate"])
            vnpay.parse_time(params["vnp_CreateDate"])
        except ValueError:
            return "Thời gian tạo hoặc hết hạn giao dịch không hợp lệ."
        if expires < timezone.now():
            return "Giao dịch đã quá thời gian chờ thanh toán. Vui lòng thực hiện lại giao dịch."
        if params["vnp_TxnRef"] in self.processed:
            return "Giao dịch này đã được xử lý."
        return ""

    # --- pages ---------------------------------------------------------------------------------
    def _pay_page(self, params: dict[str, str], start_response: StartResponse) -> list[bytes]:
        problem = self.check(params)
        if problem:
            return self._error(start_response, problem)
        signed = html.escape(vnpay.signed_query(params, self.secret), quote=True)
        e = html.escape
        body = f"""<h1>Thanh toán trực tuyến</h1>
<dl><dt>Đơn vị</dt><dd>{e(params["vnp_TmnCode"])}</dd>
<dt>Mã giao dịch</dt><dd>{e(params["vnp_TxnRef"])}</dd>
<dt>Nội dung</dt><dd>{e(params["vnp_OrderInfo"])}</dd>
<dt>Số tiền</dt><dd class="amount">{_money(int(params["vnp_Amount"]) // 100)}</dd>
<dt>Ngân hàng</dt><dd>{e(self.bank_code)} (thẻ ATM nội địa thử nghiệm)</dd></dl>
<form method="post" action="{CONFIRM_PATH}">
<input type="hidden" name="q" value="{signed}">
<div class="buttons"><button class="pay" type="submit" name="action" value="pay">Thanh toán</button>
<button class="cancel" type="submit" name="action" value="cancel">Hủy giao dịch</button></div></form>
<p class="note">Đây là cổng thanh toán thử nghiệm: không có tiền thật được chuyển.</p>"""
        return self._page(start_response, "200 OK", "Thanh toán trực tuyến", body)

    def result_params(self, params: dict[str, str], *, paid: bool) -> dict[str, str]:
        now = timezone.now()
        with self.lock:
            number = next(self.counter)
        result = {
            "vnp_TmnCode": params["vnp_TmnCode"],
            "vnp_Amount": params["vnp_Amount"],
            "vnp_BankCode": self.bank_code,
            "vnp_OrderInfo": params["vnp_OrderInfo"],
            "vnp_ResponseCode": "00" if paid else "24",
            "vnp_TransactionStatus": "00" if paid else "02",
            "vnp_TxnRef": params["vnp_TxnRef"],
            "vnp_TransactionNo": str(number) if paid else "0",
            "vnp_PayDate": vnpay.format_time(now),
        }
        if paid:
            result["vnp_BankTranNo"] = f"VNP{number}"
            result["vnp_CardType"] = "ATM"
        result["vnp_SecureHash"] = vnpay.sign(result, self.secret)
        return result

    def notify(self, result: dict[str, str]) -> dict[str, str]:
        """Call the merchant's IPN URL (GET) and return its JSON reply ({} when unreachable)."""
        url = f"{self.ipn_url}?{vnpay.signed_query(result, self.secret)}"
        try:
            with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (configured URL)
                reply: dict[str, str] = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, ValueError, OSError) as exc:
            logger.warning("IPN %s không gửi được: %s", result["vnp_TxnRef"], exc)
            return {}
        logger.info("IPN %s → %s", result["vnp_TxnRef"], reply)
        return reply

    def _confirm(self, form: dict[str, str], start_response: StartResponse) -> list[bytes]:
        params = dict(parse_qsl(form.get("q", ""), keep_blank_values=True))
        action = form.get("action")
        if action not in ("pay", "cancel"):
            return self._error(start_response, "Thao tác không hợp lệ.")
        with self.lock:
            problem = self.check(params)
            if not problem:
                self.processed.add(params["vnp_TxnRef"])
        if problem:
            return self._error(start_response, problem)
        result = self.result_params(params, paid=action == "pay")
        self.notify(result)
        location = f"{params['vnp_ReturnUrl']}?{vnpay.signed_query(result, self.secret)}"
        start_response("302 Found", [("Location", location), ("Content-Length", "0")])
        return [b""]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def serve(sandbox: Sandbox, host: str, port: int) -> None:
    """Serve ``sandbox`` until interrupted."""
    with make_server(
        host, port, sandbox, server_class=_ThreadingServer, handler_class=_QuietHandler
    ) as httpd:
        httpd.serve_forever()
