"""The demo documents: a few hundred records for 2016–2017 written through the services in date
order — numbers contiguous from 1 each year and rising with the dates, some signed digitally and
verifying; loading twice writes nothing more; and it is quick."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.documents.demo import DIGITAL, INCOMING_PER_YEAR, OUTGOING_PER_YEAR, documents_demo_load
from tinhso.documents.models import IncomingDocument, OutgoingDocument
from tinhso.signing.pdf import verify_pdf

pytestmark = pytest.mark.django_db

PERSONA_KEYS = ("em", "giang", "hoa", "chi", "dung", "khanh", "long")


def test_demo_documents(persona: Callable[[str], Any]) -> None:
    for key in PERSONA_KEYS:
        persona(key)
    started, cpu = time.perf_counter(), time.process_time()
    counts = documents_demo_load()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"documents_demo_load: {elapsed:.1f} s wall, {cpu:.1f} s CPU, {counts}")
    assert counts["văn bản đi"] == sum(OUTGOING_PER_YEAR.values())
    assert counts["văn bản đến"] == sum(INCOMING_PER_YEAR.values())
    assert counts["văn bản ký số"] == sum(DIGITAL.values())
    for year in OUTGOING_PER_YEAR:
        out = list(OutgoingDocument.objects.filter(year=year).order_by("number"))
        assert [d.number for d in out] == list(range(1, OUTGOING_PER_YEAR[year] + 1))
        assert [d.issued_on for d in out] == sorted(d.issued_on for d in out)  # type: ignore[type-var]
        inc = list(IncomingDocument.objects.filter(year=year).order_by("number"))
        assert [d.number for d in inc] == list(range(1, INCOMING_PER_YEAR[year] + 1))
        assert [d.received_on for d in inc] == sorted(d.received_on for d in inc)
    signed = list(OutgoingDocument.objects.exclude(signed_sha256=""))
    assert len(signed) == sum(DIGITAL.values())
    assert all(d.issued_on is not None and d.issued_on.month == 12 for d in signed if d.year == 2016)
    with signed[0].signed_pdf.open("rb") as handle:
        check = verify_pdf(handle.read())
    assert check.valid and check.signer_name in ("Phạm Văn Em", "Huỳnh Thị Giang")
    assert check.signed_at is not None and check.signed_at.year == signed[0].year
    assert documents_demo_load() == {}
    assert OutgoingDocument.objects.count() == sum(OUTGOING_PER_YEAR.values())
    assert cpu < 30
