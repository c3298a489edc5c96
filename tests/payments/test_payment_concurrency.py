"""Two identical IPNs at once (the gateway retries while the first is still being handled): one
confirms (00), the other sees it confirmed (02); one payment paid, one event, the dossier moved once."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, EventAction
from tinhso.payments import services as payments
from tinhso.payments.models import Payment, PaymentStatus


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cần PostgreSQL để hai IPN chạy song song")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_identical_ipns_at_once(waiting: Dossier, people: Any, ipn: Any, attempt: int) -> None:
    payment = payments.payment_start(dossier=waiting, actor=people.an).payment
    params = ipn(payment)
    barrier = threading.Barrier(2)
    replies: list[str] = []

    def deliver() -> None:
        try:
            barrier.wait()
            replies.append(payments.payment_confirm_ipn(params).code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(replies) == ["00", "02"]
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID
    assert Dossier.objects.get(pk=waiting.pk).status == DossierStatus.PROCESSING
    assert DossierEvent.objects.filter(dossier=waiting, action=EventAction.PAY).count() == 1
