"""A level-4 procedure with a fee, the personas, a dossier waiting for payment, and a signed IPN."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from onestop.conftest import PDF, SO, STEP_HOURS, make_steps
from tinhso.catalog.models import Procedure, ProcedureDocument
from tinhso.catalog.services import domain_create, procedure_create, procedure_version_create
from tinhso.core import worktime
from tinhso.onestop import services
from tinhso.onestop.models import Dossier
from tinhso.payments import vnpay
from tinhso.payments.models import Payment

FEE = 500_000


@pytest.fixture(autouse=True)
def _fresh_calendar_and_media(tmp_path: Any) -> Iterator[None]:
    worktime.set_calendar(None)
    with override_settings(
        MEDIA_ROOT=tmp_path / "media", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        yield
    worktime.set_calendar(None)


@pytest.fixture
def procedure(demo_agencies: dict[str, Any]) -> Procedure:
    domain = domain_create(actor=None, code="xuat_ban", name="Xuất bản, In và Phát hành")
    procedure = procedure_create(
        actor=None,
        national_code="9.100001",
        name="Cấp giấy phép hoạt động in",
        domain=domain,
        agency=demo_agencies[SO],
    )
    procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2016, 1, 1),
        legal_basis="NĐ 60/2014/NĐ-CP",
        duration_days=3,
        result_type="Giấy phép hoạt động in",
        online_level=4,
        online_class="toan_trinh",
        fee=FEE,
        fee_description="Lệ phí cấp giấy phép hoạt động in",
        documents=[{"name": "Đơn đề nghị", "form": "original"}],
        steps=make_steps(demo_agencies, STEP_HOURS),
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    return procedure


@pytest.fixture
def people(
    citizen_an: Any, clerk_binh: Any, specialist_chi: Any, head_dung: Any, director_em: Any, persona: Any
) -> Any:
    return SimpleNamespace(
        an=citizen_an,
        binh=clerk_binh,
        chi=specialist_chi,
        dung=head_dung,
        em=director_em,
        phuc=persona("phuc"),
    )


def received(procedure: Procedure, people: Any, at: dt.datetime | None = None) -> Dossier:
    at = at or timezone.now()
    dossier = services.dossier_create_draft(
        actor=people.an, procedure=procedure, form_data={"ten_co_so": "Cơ sở in Phúc Hậu"}, at=at
    )
    document = ProcedureDocument.objects.get(version=dossier.procedure_version, order=1)
    services.dossier_file_add(
        actor=people.an, dossier=dossier, name="don.pdf", content=PDF, document=document, at=at
    )
    dossier = services.dossier_submit(actor=people.an, dossier=Dossier.objects.get(pk=dossier.pk), at=at)
    return services.dossier_receive(actor=people.binh, dossier=dossier, at=at)


@pytest.fixture
def waiting(procedure: Procedure, people: Any) -> Dossier:
    """A dossier of An in status 6: specialist Chi asked for the procedure's fee."""
    dossier = received(procedure, people)
    return services.dossier_request_payment(actor=people.chi, dossier=dossier, note="Lệ phí cấp phép")


def gateway_reply(
    payment: Payment, *, code: str = "00", status: str = "00", amount: int | None = None
) -> dict[str, str]:
    """The IPN parameters a VNPay gateway sends for ``payment``, signed with the merchant's secret."""
    params = {
        "vnp_TmnCode": settings.VNPAY_TMN_CODE,
        "vnp_Amount": str((payment.amount if amount is None else amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14000001",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": payment.order_info,
        "vnp_PayDate": vnpay.format_time(timezone.now()),
        "vnp_ResponseCode": code,
        "vnp_TransactionNo": "14000001" if code == "00" else "0",
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": payment.txn_ref,
    }
    params["vnp_SecureHash"] = vnpay.sign(params, settings.VNPAY_HASH_SECRET)
    return params


@pytest.fixture
def ipn() -> Callable[..., dict[str, str]]:
    return gateway_reply


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def gateway(live_server: Any, settings: Any, tmp_path: Any) -> Iterator[str]:
    """The sandbox gateway (`tinhso payments sandbox` on a free port) in its own process, its IPN
    pointed at the live server, and the merchant's pay URL pointed at it."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "tinhso",
        "payments",
        "sandbox",
        "--port",
        str(port),
        "--ipn-url",
        f"{live_server.url}/thanh-toan/vnpay/ipn/",
        "--tmn-code",
        settings.VNPAY_TMN_CODE,
        "--hash-secret",
        settings.VNPAY_HASH_SECRET,
    ]
    log_path = tmp_path / "sandbox.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.1)
        settings.SITE_URL = live_server.url
        settings.VNPAY_PAY_URL = f"http://127.0.0.1:{port}/paymentv2/vpcpay.html"
        yield settings.VNPAY_PAY_URL
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
