"""The registers read a fixed number of queries whatever the number of rows (no query per row):
the back-office pages and the API lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tinhso.documents import services
from tinhso.documents.models import DocType, IncomingDocument

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add(
    so: Any, hoa: Any, em: Any, ttbcxb: Any, chi: Any, make_incoming: Callable[..., IncomingDocument], n: int
) -> None:
    for i in range(n):
        services.outgoing_record_paper(
            actor=hoa, agency=so, doc_type=DocType.NOTICE, summary=f"Thông báo {i}", recipients="Các phòng",
            signer=em, issued_on=dt.date(2016, 5, 2),
        )  # fmt: skip
        doc = make_incoming(f"Về việc {i}")
        services.incoming_assign(actor=em, document=doc, handling_unit=ttbcxb, handler=chi)


def test_register_pages_and_api_lists_do_not_grow_with_rows(
    so: Any, hoa: Any, em: Any, ttbcxb: Any, chi: Any, make_incoming: Callable[..., IncomingDocument]
) -> None:
    client = Client()
    client.force_login(em)
    urls = [
        "/quan-tri/van-ban/di/",
        "/quan-tri/van-ban/den/",
        "/api/v1/documents/outgoing",
        "/api/v1/documents/incoming",
    ]
    _add(so, hoa, em, ttbcxb, chi, make_incoming, 2)
    few = [_queries(client, url) for url in urls]
    _add(so, hoa, em, ttbcxb, chi, make_incoming, 12)
    many = [_queries(client, url) for url in urls]
    assert many == few
    # measured: pages 13 and 11 (session, user, menu roles, departments, years, counts, page), API 6 and 6
    for url, n, pinned in zip(urls, few, (13, 11, 6, 6), strict=True):
        assert n <= pinned, (url, n)
