"""audit_record, the canonical form and hash, snapshots, and the Python-level append-only guards."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinhso.accounts.services import user_create
from tinhso.core import audit
from tinhso.core.audit import (
    GENESIS_HASH,
    audit_history,
    audit_record,
    audit_verify,
    canonical,
    entry_hash,
    model_snapshot,
    parse_object_ref,
    snapshot_diff,
)
from tinhso.core.errors import NotAllowed
from tinhso.core.models import AuditEntry, CalendarOverride, OverrideKind

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def binh(db):
    return user_create(actor=None, username="binh", password=None, full_name="Trần Thị Bình", kind="staff")


def _override(day: int = 1) -> CalendarOverride:
    return CalendarOverride.objects.create(date=dt.date(2030, 1, day), kind=OverrideKind.DAY_OFF, name="Nghỉ")


def _recompute(entry: AuditEntry) -> str:
    return entry_hash(
        prev_hash=entry.prev_hash,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        before=entry.before,
        after=entry.after,
    )


@pytest.mark.django_db
def test_record_fills_every_field_and_chains(binh) -> None:
    # user_create itself wrote the first entry.
    first = AuditEntry.objects.order_by("id").first()
    assert first is not None and first.prev_hash == GENESIS_HASH and first.action == "user.create"
    override = _override()
    at = dt.datetime(2017, 1, 20, 9, 30, tzinfo=HCM)
    entry = audit_record(
        actor=binh,
        action="calendar_override.update",
        obj=override,
        before={"name": "Nghỉ"},
        after={"name": "Nghỉ bù Tết"},
        at=at,
    )
    entry.refresh_from_db()
    assert entry.actor_id == binh.pk
    assert entry.actor_label == str(binh)
    assert entry.object_type == "core.calendaroverride"
    assert entry.object_id == str(override.pk)
    assert entry.object_repr == str(override)
    assert entry.at == at
    assert entry.before == {"name": "Nghỉ"} and entry.after == {"name": "Nghỉ bù Tết"}
    assert entry.prev_hash == first.hash
    assert entry.hash == _recompute(entry) and len(entry.hash) == 64


@pytest.mark.django_db
def test_system_actor_and_explicit_object() -> None:
    entry = audit_record(actor=None, action="demo.load", object_type="geo.unit", object_id=93)
    assert entry.actor_id is None and entry.actor_label == "Hệ thống"
    assert (entry.object_type, entry.object_id, entry.object_repr) == ("geo.unit", "93", "")
    assert entry.at.tzinfo is not None
    assert entry.prev_hash == GENESIS_HASH


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs",
    [
        {"action": "x"},  # no object
        {"action": "", "object_type": "a.b", "object_id": 1},
        {"action": "x" * 101, "object_type": "a.b", "object_id": 1},
        {"action": "x", "object_type": "a.b", "object_id": "9" * 65},
        {"action": "x", "object_type": "a.b", "object_id": 1, "at": dt.datetime(2017, 1, 1, 8)},  # naive
        {"action": "x", "object_type": "a.b", "object_id": 1, "after": {"at": dt.datetime(2017, 1, 1)}},
        {"action": "x", "obj": CalendarOverride(date=dt.date(2030, 1, 1))},  # not saved
    ],
)
def test_record_refuses_bad_input(kwargs) -> None:
    with pytest.raises(ValueError):
        audit_record(actor=None, **kwargs)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_entry_rolls_back_with_the_change() -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="x", object_type="a.b", object_id=1)
        raise RuntimeError
    assert not AuditEntry.objects.exists()
    entry = audit_record(actor=None, action="y", object_type="a.b", object_id=1)
    assert entry.prev_hash == GENESIS_HASH


def test_canonical_form() -> None:
    at = dt.datetime(2017, 1, 20, 9, 30, tzinfo=HCM)
    value = {
        2: "hai",
        "b": (1, 2.0, 2.5),
        "a": {3, 1, 2},
        "t": at,
        "d": dt.date(2017, 2, 3),
        "h": dt.time(7, 0),
        "m": decimal.Decimal("64000000.00"),
        "n": float("nan"),
        "z": "a\x00b",
        "big": 1e16,
    }
    assert canonical(value) == {
        "2": "hai",
        "a": [1, 2, 3],
        "b": [1, 2, 2.5],
        "big": 10**16,
        "d": "2017-02-03",
        "h": "07:00:00",
        "m": "64000000.00",
        "n": "nan",
        "t": "2017-01-20T02:30:00+00:00",
        "z": "a\ufffdb",
    }
    assert list(canonical(value)) == sorted(canonical(value))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**62), 2**62) | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_canonical_is_idempotent_and_json(value) -> None:
    once = canonical(value)
    assert canonical(once) == once
    assert json.loads(json.dumps(once, allow_nan=False)) == once


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.text(max_size=10), json_values, max_size=5), json_values)
def test_any_json_round_trips_through_the_database_and_verifies(before, after) -> None:
    """The hash must be recomputable from what the database gives back (jsonb reorders keys and
    rewrites numbers; SQLite keeps text)."""
    entry = audit_record(
        actor=None, action="x", object_type="a.b", object_id=1, before=before, after={"v": after}
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert _recompute(stored) == stored.hash
    assert audit_verify().ok


@pytest.mark.django_db
def test_model_snapshot_and_diff(binh) -> None:
    snap = model_snapshot(binh)
    assert "password" not in snap
    assert snap["username"] == "binh" and snap["full_name"] == "Trần Thị Bình"
    assert model_snapshot(binh, ["username", "password"]).keys() == {"username", "password"}  # asked by name
    override = _override()
    before = model_snapshot(override, ["date", "kind", "name"])
    assert before == {"date": "2030-01-01", "kind": "day_off", "name": "Nghỉ"}
    override.name = "Nghỉ bù"
    after = model_snapshot(override, ["date", "kind", "name"])
    assert snapshot_diff(before, after) == ({"name": "Nghỉ"}, {"name": "Nghỉ bù"})
    assert snapshot_diff({"a": 1}, {"b": 2}) == ({"a": 1}, {"b": 2})
    assert snapshot_diff(after, after) == ({}, {})
    entry = audit_record(
        actor=binh, action="calendar_override.update", obj=override, before=before, after=after
    )
    assert entry.after["name"] == "Nghỉ bù"


@pytest.mark.django_db
def test_model_snapshot_foreign_keys_and_many_to_many(binh) -> None:
    from django.contrib.auth.models import Group

    from tinhso.org.models import Agency, AgencyKind, Role, StaffRole

    groups = [Group.objects.create(name=name) for name in ("Một cửa", "Chuyên viên")]
    binh.groups.add(*reversed(groups))
    assert model_snapshot(binh, ["groups"]) == {"groups": sorted(g.pk for g in groups)}
    agency = Agency.objects.create(
        code="000.00.15.H30", name="Sở Thông tin và Truyền thông", kind=AgencyKind.DEPARTMENT
    )
    role = StaffRole.objects.create(user=binh, agency=agency, role=Role.CLERK)
    assert model_snapshot(role, ["user", "agency", "role"]) == {
        "user": binh.pk,
        "agency": agency.pk,
        "role": "clerk",
    }
    assert model_snapshot(role)["agency"] == agency.pk
    with pytest.raises(ValueError):
        model_snapshot(binh, ["staff_roles"])  # a reverse relation is not stored in the row


@pytest.mark.django_db
def test_history_and_object_reference(binh) -> None:
    override = _override()
    audit_record(actor=binh, action="a1", obj=override)
    audit_record(actor=binh, action="a2", obj=_override(2))
    audit_record(actor=binh, action="a3", obj=override)
    assert [e.action for e in audit_history(obj=override)] == ["a1", "a3"]
    assert [e.action for e in audit_history(object_type="core.calendaroverride", object_id=override.pk)] == [
        "a1",
        "a3",
    ]
    assert parse_object_ref("onestop.dossier:12") == ("onestop.dossier", "12")
    assert parse_object_ref("Core.CalendarOverride:HS-01:2") == ("core.calendaroverride:hs-01", "2")
    for bad in ["onestop.dossier", "dossier:12", ":12", "onestop.dossier:"]:
        with pytest.raises(ValueError):
            parse_object_ref(bad)


@pytest.mark.django_db
def test_python_refuses_changes_and_deletes(binh) -> None:
    entry = audit_record(actor=binh, action="x", object_type="a.b", object_id=1)
    entry.action = "y"
    with pytest.raises(NotAllowed):
        entry.save()
    with pytest.raises(NotAllowed):
        entry.delete()
    with pytest.raises(NotAllowed):
        AuditEntry.objects.filter(pk=entry.pk).update(action="y")
    with pytest.raises(NotAllowed):
        AuditEntry.objects.all().delete()
    with pytest.raises(NotAllowed):
        AuditEntry.objects.bulk_create([AuditEntry(action="z")])
    with pytest.raises(NotAllowed):
        AuditEntry.objects.create(
            action="z", object_type="a.b", object_id="1"
        )  # no hash: not via audit_record
    entry.refresh_from_db()
    assert entry.action == "x"
    assert audit_verify().ok


def test_lock_key_is_a_signed_64_bit_integer() -> None:
    assert -(2**63) <= audit.AUDIT_LOCK_KEY < 2**63
