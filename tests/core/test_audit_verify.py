"""`tinhso audit verify` finds the first altered or removed entry; tampering goes around the triggers."""

from __future__ import annotations

import contextlib
import importlib
import io
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tinhso.accounts.services import user_create
from tinhso.core.audit import audit_record, audit_verify, entry_hash
from tinhso.core.models import AuditEntry

guards = importlib.import_module("tinhso.core.migrations.0002_audit_append_only")


@contextlib.contextmanager
def guards_off() -> Iterator[None]:
    """Tamper as someone with direct database access would: with the append-only triggers gone.
    Inside the test's transaction, so the triggers come back even if the test fails."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        else:
            for sql in guards.SQLITE_REMOVE:
                cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")
            else:
                for sql in guards.SQLITE_INSTALL:
                    cursor.execute(sql)


def tamper(sql: str, params: list) -> None:
    with guards_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def run_verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", "--quiet", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def chain(db) -> list[AuditEntry]:
    user = user_create(actor=None, username="chi", password=None, full_name="Lê Văn Chi", kind="staff")
    entries = list(AuditEntry.objects.order_by("id"))
    for i in range(9):
        entries.append(
            audit_record(
                actor=user,
                action="dossier.step",
                object_type="onestop.dossier",
                object_id=12 + i % 3,
                object_repr=f"Hồ sơ H30.{i}",
                before={"status": "received"},
                after={"status": "processing", "i": i},
            )
        )
    return entries


def test_intact_chain(chain) -> None:
    code, out = run_verify()
    assert code == 0
    assert "Chuỗi nguyên vẹn: đã kiểm tra 10 bản ghi" in out
    assert f"Bản ghi cuối: {chain[-1].pk}:{chain[-1].hash}" in out
    for batch in ("1", "3", "10", "11"):
        assert run_verify("--batch-size", batch)[0] == 0


@pytest.mark.django_db
def test_empty_log_is_intact() -> None:
    code, out = run_verify()
    assert code == 0 and "chưa có bản ghi nào" in out


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("action", "dossier.delete"),
        ("actor_label", "Người khác"),
        ("actor_id", None),
        ("object_id", "99"),
        ("object_repr", "Hồ sơ khác"),
        ("after", '{"status": "done", "i": 4}'),
        ("before", None),
        ("at", "2016-01-01 00:00:00"),
        ("prev_hash", "1" * 64),
        ("hash", "2" * 64),
    ],
)
def test_altered_entry_is_found(chain, column: str, value) -> None:
    victim = chain[5]
    tamper(f"UPDATE core_auditentry SET {column} = %s WHERE id = %s", [value, victim.pk])
    code, out = run_verify("--batch-size", "4")
    assert code == 1
    assert f"Bản ghi #{victim.pk} đã bị sửa" in out
    assert f"Bản ghi đầu tiên cần kiểm tra: #{victim.pk}" in out
    result = audit_verify()
    assert [(b.kind, b.entry_id) for b in result.breaks] == [("altered", victim.pk)]


def test_removed_entry_is_found(chain) -> None:
    removed, after_it = chain[4], chain[5]
    tamper("DELETE FROM core_auditentry WHERE id = %s", [removed.pk])
    code, out = run_verify()
    assert code == 1
    assert f"Bản ghi đã bị xoá giữa #{chain[3].pk} và #{after_it.pk}" in out
    result = audit_verify()
    assert [(b.kind, b.entry_id, b.previous_id) for b in result.breaks] == [
        ("removed", after_it.pk, chain[3].pk)
    ]


def test_removed_head_is_found(chain) -> None:
    tamper("DELETE FROM core_auditentry WHERE id <= %s", [chain[1].pk])
    code, out = run_verify()
    assert code == 1 and f"Các bản ghi trước #{chain[2].pk} đã bị xoá" in out


def test_altered_and_rehashed_entry_is_found(chain) -> None:
    """Whoever changes an entry and recomputes its hash still breaks the link of the next one."""
    victim = chain[3]
    values = AuditEntry.objects.filter(pk=victim.pk).values().get()
    values["action"] = "dossier.cancel"
    new_hash = entry_hash(
        **{
            k: values[k]
            for k in (
                "prev_hash",
                "at",
                "actor_id",
                "actor_label",
                "action",
                "object_type",
                "object_id",
                "object_repr",
                "before",
                "after",
            )
        }
    )
    tamper(
        "UPDATE core_auditentry SET action = %s, hash = %s WHERE id = %s",
        ["dossier.cancel", new_hash, victim.pk],
    )
    code, out = run_verify()
    assert code == 1
    assert f"Chuỗi bị đứt giữa #{victim.pk} và #{chain[4].pk}" in out
    assert audit_verify().breaks[0].entry_id == victim.pk


def test_removed_tail_is_found_with_an_anchor(chain) -> None:
    anchor = f"{chain[-1].pk}:{chain[-1].hash}"
    assert run_verify("--anchor", anchor)[0] == 0
    tamper("DELETE FROM core_auditentry WHERE id >= %s", [chain[-2].pk])
    assert run_verify()[0] == 0  # without an anchor the chain alone cannot show a cut tail
    code, out = run_verify("--anchor", anchor)
    assert code == 1 and f"Bản ghi #{chain[-1].pk} đã ghi nhận trước đây không còn" in out


def test_all_reports_every_break(chain) -> None:
    tamper("UPDATE core_auditentry SET action = 'x' WHERE id IN (%s, %s)", [chain[2].pk, chain[7].pk])
    assert [b.entry_id for b in audit_verify().breaks] == [chain[2].pk]
    code, out = run_verify("--all")
    assert code == 1
    assert [b.entry_id for b in audit_verify(stop_at_first=False).breaks] == [chain[2].pk, chain[7].pk]
    assert f"#{chain[7].pk} đã bị sửa" in out


def test_bad_arguments(chain) -> None:
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--batch-size", "0", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--anchor", "12:abc", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command("audit", "show", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("audit", "show", "--object", "dossier12", stdout=io.StringIO())


def test_show_an_object(chain) -> None:
    out = io.StringIO()
    call_command("audit", "show", "--object", "onestop.dossier:13", stdout=out)
    lines = out.getvalue().splitlines()
    assert sum(1 for line in lines if line.startswith("#")) == 3
    assert "Lê Văn Chi" in lines[0] and "dossier.step" in lines[0] and "(Hồ sơ H30.1)" in lines[0]
    assert lines[1] == '    trước: {"status": "received"}'
    assert lines[2] == '    sau:   {"i": 1, "status": "processing"}'
    out = io.StringIO()
    call_command("audit", "show", "--object", "onestop.dossier:13", "--limit", "1", stdout=out)
    assert "(Hồ sơ H30.7)" in out.getvalue() and "H30.1" not in out.getvalue()
    out = io.StringIO()
    call_command("audit", "show", "--actor", str(chain[-1].actor_id), stdout=out)
    assert out.getvalue().count("dossier.step") == 9
    out = io.StringIO()
    call_command("audit", "show", "--object", "onestop.dossier:999", stdout=out)
    assert out.getvalue().strip() == "Không có bản ghi nào."


def test_since_checks_only_the_newer_entries(chain) -> None:
    mark = chain[6]
    since = f"{mark.pk}:{mark.hash}"
    assert audit_verify(since=(mark.pk, mark.hash)).checked == len(chain) - 6
    tamper(
        "UPDATE core_auditentry SET action = 'x' WHERE id = %s", [chain[2].pk]
    )  # before the mark: not read
    assert run_verify("--since", since)[0] == 0
    assert run_verify()[0] == 1
    tamper("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [chain[8].pk])
    code, out = run_verify("--since", since)
    assert code == 1 and f"Bản ghi #{chain[8].pk} đã bị sửa" in out


def test_since_needs_the_mark_to_be_there(chain) -> None:
    mark = chain[6]
    assert [b.kind for b in audit_verify(since=(mark.pk, "0" * 64)).breaks] == ["anchor"]
    tamper("DELETE FROM core_auditentry WHERE id = %s", [mark.pk])
    code, out = run_verify("--since", f"{mark.pk}:{mark.hash}")
    assert code == 1 and f"Bản ghi mốc #{mark.pk} đã bị xoá hoặc sửa" in out
