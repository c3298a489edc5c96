from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierCodeCounter

from .conftest import draft, local, submitted, walk_in

CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


@pytest.mark.django_db
def test_code_format_and_sequence_per_agency_and_local_day(procedure: Any, people: Any) -> None:
    a = submitted(procedure, people.an, local(2017, 3, 6, 8))
    b = walk_in(procedure, people.binh, local(2017, 3, 6, 16))
    # 23:30 local on the same day, then 00:10 local the next day (17:10 UTC of the 6th)
    c = walk_in(procedure, people.binh, local(2017, 3, 6, 23, 30))
    d = walk_in(procedure, people.binh, dt.datetime(2017, 3, 6, 17, 10, tzinfo=dt.UTC))
    assert [x.code for x in (a, b, c, d)] == [
        "000.00.15.H30-170306-0001",
        "000.00.15.H30-170306-0002",
        "000.00.15.H30-170306-0003",
        "000.00.15.H30-170307-0001",
    ]
    assert all(CODE.match(x.code or "") for x in (a, b, c, d))


@pytest.mark.django_db
def test_rolled_back_submission_gives_its_number_back(procedure: Any, people: Any) -> None:
    at = local(2017, 3, 6)
    first = submitted(procedure, people.an, at)
    broken = draft(procedure, people.an, at)
    # Break the draft so that submission fails after the counter was incremented.
    Dossier.objects.filter(pk=broken.pk).update(form_data={})
    with pytest.raises(Exception, match="Tên cơ sở in"):
        services.dossier_submit(actor=people.an, dossier=broken, at=at)
    second = submitted(procedure, people.an, at)
    assert (first.code, second.code) == ("000.00.15.H30-170306-0001", "000.00.15.H30-170306-0002")
    assert DossierCodeCounter.objects.get().last == 2


@pytest.mark.django_db
def test_code_unique_in_the_database(procedure: Any, people: Any) -> None:
    a = submitted(procedure, people.an, local(2017, 3, 6))
    b = draft(procedure, people.an, local(2017, 3, 6))
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=b.pk).update(code=a.code, status=1)


@pytest.mark.django_db(transaction=True)
def test_code_needs_a_transaction(demo_agencies: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError):
        services.dossier_code_next(agency=demo_agencies["000.00.15.H30"], at=local(2017, 3, 6))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cần PostgreSQL để nộp hồ sơ song song từ nhiều luồng"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_contiguous_codes(procedure: Any, people: Any) -> None:
    at = local(2017, 3, 6, 10)
    drafts = [draft(procedure, people.an, at) for _ in range(40)]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(chunk: list[Dossier]) -> None:
        try:
            barrier.wait()
            for d in chunk:
                services.dossier_submit(actor=people.an, dossier=d, at=at)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(drafts[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    codes = sorted(Dossier.objects.values_list("code", flat=True))
    assert codes == [f"000.00.15.H30-170306-{n:04d}" for n in range(1, 41)]
    assert DossierCodeCounter.objects.get().last == 40
