"""The database itself keeps the audit log append-only and the chain unforked."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from tinhso.core.audit import GENESIS_HASH, audit_record, audit_verify
from tinhso.core.models import AuditEntry

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def _entries(n: int) -> list[AuditEntry]:
    return [audit_record(actor=None, action=f"a{i}", object_type="a.b", object_id=i) for i in range(n)]


def _raw(sql: str, params: list | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: the error leaves the test usable
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_sql_update_is_refused() -> None:
    entries = _entries(3)
    for entry in entries:
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
            _raw("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
        _raw("UPDATE core_auditentry SET after = NULL")
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["a0", "a1", "a2"]


@pytest.mark.django_db
def test_sql_delete_of_an_entry_is_refused() -> None:
    entries = _entries(3)
    for entry in entries[1:]:
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
            _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.count() == 3
    if connection.vendor == "postgresql":
        for sql in (
            "DELETE FROM core_auditentry WHERE id = %s",
            "DELETE FROM core_auditentry WHERE id >= %s",
        ):
            with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
                _raw(sql, [entries[0].pk])
        assert AuditEntry.objects.count() == 3
    else:
        # SQLite lets the oldest entry go (that is how Django's flush empties the table, see the
        # migration); verify then reports the cut head.
        _raw("DELETE FROM core_auditentry WHERE id = %s", [entries[0].pk])
        result = audit_verify()
        assert not result.ok and result.breaks[0].kind == "head_removed"
        assert result.breaks[0].entry_id == entries[1].pk


@pytest.mark.django_db
def test_a_second_entry_cannot_extend_the_same_predecessor() -> None:
    first = _entries(1)[0]
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditentry (at, actor_label, action, object_type, object_id, object_repr, "
            "prev_hash, hash) VALUES (%s, '', 'fork', 'a.b', '1', '', %s, %s)",
            [first.at, GENESIS_HASH, "f" * 64],
        )


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_log() -> None:
    """transactional_db tests flush between tests (TRUNCATE on PostgreSQL, DELETE FROM on SQLite)."""
    _entries(5)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert _entries(1)[0].prev_hash == GENESIS_HASH


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain() -> None:
    writers, per_writer = 8, 15
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_writer):
                with transaction.atomic():
                    audit_record(actor=None, action=f"w{n}", object_type="a.b", object_id=i)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == writers * per_writer
    result = audit_verify(batch_size=17)
    assert result.ok and result.checked == writers * per_writer
    # Every entry extends exactly the one before it.
    hashes = list(AuditEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert all(prev == hashes[i - 1][1] for i, (prev, _) in enumerate(hashes) if i)


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_long_transaction_holds_the_chain_until_it_commits() -> None:
    """A writer whose transaction is still open blocks the next writer, which then sees its entry."""
    started, release = threading.Event(), threading.Event()
    result: dict[str, str] = {}

    def slow() -> None:
        try:
            with transaction.atomic():
                result["slow"] = audit_record(actor=None, action="slow", object_type="a.b", object_id=1).hash
                started.set()
                release.wait(10)
        finally:
            connections.close_all()

    def fast() -> None:
        try:
            started.wait(10)
            result["fast_prev"] = audit_record(
                actor=None, action="fast", object_type="a.b", object_id=2
            ).prev_hash
        finally:
            connections.close_all()

    t1, t2 = threading.Thread(target=slow), threading.Thread(target=fast)
    t1.start()
    t2.start()
    t2.join(0.5)
    assert t2.is_alive()  # waiting for the lock
    release.set()
    t1.join()
    t2.join()
    assert result["fast_prev"] == result["slow"]
    assert audit_verify().ok
