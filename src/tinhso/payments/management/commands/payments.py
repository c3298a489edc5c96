"""`tinhso payments sandbox`: the sandbox payment gateway (VNPay API 2.1.0 protocol) as its own process."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinhso.payments.sandbox import PAY_PATH, Sandbox, serve


class Command(BaseCommand):
    help = "Thanh toán trực tuyến: `sandbox` chạy cổng thanh toán thử nghiệm (giao thức VNPay 2.1.0)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sandbox = sub.add_parser("sandbox", help="Chạy cổng thanh toán thử nghiệm.")
        default_port = urlsplit(settings.VNPAY_PAY_URL).port or 8800
        sandbox.add_argument("--host", default="127.0.0.1")
        sandbox.add_argument("--port", type=int, default=default_port)
        sandbox.add_argument("--ipn-url", default=settings.VNPAY_IPN_URL, help="Địa chỉ IPN của đơn vị.")
        sandbox.add_argument("--tmn-code", default=settings.VNPAY_TMN_CODE)
        sandbox.add_argument("--hash-secret", default=settings.VNPAY_HASH_SECRET)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] != "sandbox":
            raise CommandError("Lệnh con không hợp lệ.")
        gateway = Sandbox(
            tmn_code=options["tmn_code"], secret=options["hash_secret"], ipn_url=options["ipn_url"]
        )
        self.stdout.write(
            f"Cổng thanh toán thử nghiệm tại http://{options['host']}:{options['port']}{PAY_PATH}, "
            f"IPN gửi tới {options['ipn_url']}",
        )
        self.stdout.flush()
        try:
            serve(gateway, options["host"], options["port"])
        except KeyboardInterrupt:
            pass
