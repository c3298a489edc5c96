"""Numbers taken at the same time on PostgreSQL (threads, each with its own connection): unique and
contiguous from 1, for the incoming register and for signatures of outgoing documents."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from tinhso.documents import services
from tinhso.documents.models import DocType, IncomingDocument, NumberSequence, OutgoingDocument

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="cần PostgreSQL để chạy song song"),
    pytest.mark.django_db(transaction=True),
]


def _run(n: int, work: Callable[[int], None]) -> list[BaseException]:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_incoming_numbers_taken_together_are_unique_and_contiguous(so: Any, hoa: Any) -> None:
    threads_n, per_thread = 8, 10

    def register(i: int) -> None:
        for k in range(per_thread):
            services.incoming_register(
                actor=hoa,
                agency=so,
                sender_name="UBND tỉnh Hậu Giang",
                original_number=f"{i * 100 + k}/UBND-VP",
                original_date=dt.date(2017, 3, 1),
                received_on=dt.date(2017, 3, 2),
                doc_type=DocType.OFFICIAL_LETTER,
                summary=f"Về việc số {i}-{k}",
            )

    assert _run(threads_n, register) == []
    numbers = sorted(IncomingDocument.objects.filter(year=2017).values_list("number", flat=True))
    assert numbers == list(range(1, threads_n * per_thread + 1))
    assert NumberSequence.objects.get(agency=so, year=2017, kind="in").last == threads_n * per_thread


def test_outgoing_signed_together_get_unique_contiguous_numbers(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, giang: Any
) -> None:
    n = 4
    docs = [make_outgoing(f"Về việc số {i}", doc_type=DocType.NOTICE, submit=True) for i in range(n)]

    def sign(i: int) -> None:
        services.outgoing_sign(actor=em if i % 2 else giang, document=docs[i])

    assert _run(n, sign) == []
    signed = list(OutgoingDocument.objects.order_by("number"))
    assert [d.number for d in signed] == list(range(1, n + 1))
    assert len({d.signed_sha256 for d in signed}) == n
