"""The shared write path of the registers (``RegisterWrites``): role, allowed fields, validation, unique
conflicts, derived fields and the audit entries, on a real model (the video-conference endpoint)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.activities.models import Endpoint
from tinhso.backoffice.access import Policy, RegisterWrites, require_text
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.geo.models import Unit
from tinhso.geo.selectors import unit_valid_on

pytestmark = pytest.mark.django_db

POLICY = Policy(label="điểm cầu thử", edit_roles=frozenset({"sector_officer"}), read_roles=frozenset())


def _validate(obj: Endpoint) -> None:
    require_text(obj.name, "Tên điểm cầu")


def _writes(**kwargs: Any) -> RegisterWrites[Endpoint]:
    return RegisterWrites(
        policy=POLICY,
        model=Endpoint,
        fields=("name", "unit", "location", "is_active"),
        action="test.endpoint",
        validate=_validate,
        **kwargs,
    )


@pytest.fixture
def province(demo_agencies: Any) -> Unit:
    unit = unit_valid_on("93", dt.date(2016, 12, 31))
    assert unit is not None
    return unit


@pytest.fixture
def khanh(persona: Callable[[str], Any]) -> Any:
    return persona("khanh")


def _entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith="test.endpoint").order_by("id"))


def test_create_saves_and_audits_the_new_record(khanh: Any, province: Unit) -> None:
    obj = _writes().create(actor=khanh, name="Điểm cầu A", unit=province, location="Phòng 1")
    assert Endpoint.objects.get(pk=obj.pk).location == "Phòng 1"
    [entry] = _entries()
    assert (entry.action, entry.before) == ("test.endpoint_create", None)
    assert entry.after is not None and entry.after["name"] == "Điểm cầu A"
    assert entry.after["unit_id"] == province.pk


def test_create_refuses_names_outside_the_fields_and_writes_nothing(khanh: Any, province: Unit) -> None:
    with pytest.raises(InvalidInput, match=r"^Trường không hợp lệ: id, note\.$"):
        _writes().create(actor=khanh, name="B", unit=province, note="x", id=5)
    assert not Endpoint.objects.exists() and not _entries()


def test_create_checks_the_role_before_anything(
    khanh: Any, province: Unit, persona: Callable[[str], Any]
) -> None:
    with pytest.raises(NotAllowed, match=r"^Bạn không có quyền cập nhật điểm cầu thử\.$"):
        _writes().create(actor=persona("an"), name="C", unit=province)
    _writes().create(actor=None, name="C", unit=province)  # the system itself (demo loader)
    assert Endpoint.objects.filter(name="C").count() == 1


def test_invalid_record_is_refused_with_the_validators_message(khanh: Any, province: Unit) -> None:
    with pytest.raises(InvalidInput, match=r"^Tên điểm cầu không được để trống\.$"):
        _writes().create(actor=khanh, name="  ", unit=province)
    assert not Endpoint.objects.exists() and not _entries()


def test_unique_violation_is_a_conflict_with_the_registers_message(khanh: Any, province: Unit) -> None:
    writes = _writes(unique_message="Đã có điểm cầu cùng tên.")
    writes.create(actor=khanh, name="D", unit=province)
    with pytest.raises(Conflict, match=r"^Đã có điểm cầu cùng tên\.$"):
        writes.create(actor=khanh, name="D", unit=province)
    with pytest.raises(Conflict, match=r"^Tên trùng ở lần tạo này\.$"):
        writes.save_new(
            actor=khanh, obj=Endpoint(name="D", unit=province), unique_message="Tên trùng ở lần tạo này."
        )
    assert Endpoint.objects.filter(name="D").count() == 1 and len(_entries()) == 1


def test_after_save_runs_in_the_transaction_and_its_failure_undoes_the_record(
    khanh: Any, province: Unit
) -> None:
    seen: list[int] = []

    def fail(obj: Endpoint) -> None:
        seen.append(obj.pk)
        raise InvalidInput("Dữ liệu kèm theo không hợp lệ.")

    with pytest.raises(InvalidInput):
        _writes().save_new(actor=khanh, obj=Endpoint(name="E", unit=province), after_save=fail)
    assert seen and seen[0] is not None
    assert not Endpoint.objects.exists() and not _entries()


def test_update_saves_and_audits_only_what_changed(khanh: Any, province: Unit) -> None:
    writes = _writes()
    obj = writes.create(actor=khanh, name="F", unit=province, location="Phòng 1")
    stale = Endpoint.objects.get(pk=obj.pk)
    Endpoint.objects.filter(pk=obj.pk).update(is_active=False)  # a change made meanwhile
    updated = writes.update(actor=khanh, obj=stale, changes={"location": "Phòng 2", "name": "F"})
    assert (updated.location, updated.is_active) == ("Phòng 2", False)  # applied to a fresh copy
    entry = _entries()[-1]
    assert (entry.action, entry.before, entry.after) == (
        "test.endpoint_update",
        {"location": "Phòng 1"},
        {"location": "Phòng 2"},
    )
    writes.update(actor=khanh, obj=updated, changes={"location": "Phòng 2"})
    assert len(_entries()) == 2  # nothing changed, nothing audited


def test_update_refuses_other_fields_and_invalid_values_and_keeps_the_row(
    khanh: Any, province: Unit, persona: Callable[[str], Any]
) -> None:
    writes = _writes(unique_message="Đã có điểm cầu cùng tên.")
    writes.create(actor=khanh, name="G2", unit=province)
    obj = writes.create(actor=khanh, name="G", unit=province)
    with pytest.raises(InvalidInput, match=r"^Không được sửa trường: id\.$"):
        writes.update(actor=khanh, obj=obj, changes={"id": 99})
    with pytest.raises(InvalidInput, match=r"^Tên điểm cầu không được để trống\.$"):
        writes.update(actor=khanh, obj=obj, changes={"name": ""})
    with pytest.raises(Conflict, match=r"^Đã có điểm cầu cùng tên\.$"):
        writes.update(actor=khanh, obj=obj, changes={"name": "G2"})
    with pytest.raises(NotAllowed):
        writes.update(actor=persona("an"), obj=obj, changes={"name": "H"})
    assert Endpoint.objects.get(pk=obj.pk).name == "G" and len(_entries()) == 2


def test_update_saves_the_derived_fields(khanh: Any, province: Unit) -> None:
    def derive(obj: Endpoint) -> list[str]:
        obj.location = f"Phòng họp {obj.name}"
        return ["location"]

    writes = _writes(derive=derive)
    obj = writes.create(actor=khanh, name="K", unit=province)
    writes.update(actor=khanh, obj=obj, changes={"name": "L"})
    assert Endpoint.objects.get(pk=obj.pk).location == "Phòng họp L"
    assert _entries()[-1].after == {"name": "L", "location": "Phòng họp L"}
