"""staff_role_grant / staff_role_revoke and the selectors that scope roles to agencies."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput
from tinhso.core.models import AuditEntry
from tinhso.org.models import AgencyKind, Role, StaffRole
from tinhso.org.selectors import (
    agencies_of,
    agency_department,
    agency_subtree_ids,
    agency_tree,
    staff_in_agency,
    user_has_role,
    user_roles,
)
from tinhso.org.services import staff_role_grant, staff_role_revoke

pytestmark = pytest.mark.django_db

SO, VP, CNTT, TTBCXB = "000.00.15.H30", "000.01.15.H30", "000.04.15.H30", "000.05.15.H30"


def test_demo_tree_shape(demo_agencies: dict[str, Any]) -> None:
    assert len(demo_agencies) == 32
    so = demo_agencies[SO]
    assert so.parent.code == "000.00.00.H30"
    assert sorted(a.code for a in so.children.all()) == [f"000.0{i}.15.H30" for i in range(1, 7)]
    district_committees = [a for a in demo_agencies.values() if a.kind == AgencyKind.DISTRICT_COMMITTEE]
    assert len(district_committees) == 8
    for committee in district_committees:
        assert sorted(c.kind for c in committee.children.all()) == ["dai_truyen_thanh", "phong_vhtt"]
        assert committee.unit.level == 2
    tree = agency_tree()
    assert tree[0] == (0, demo_agencies["000.00.00.H30"]) and len(tree) == 32


def test_department_of_a_division_is_the_so(demo_agencies: dict[str, Any]) -> None:
    assert agency_department(demo_agencies[CNTT]) == demo_agencies[SO]
    assert agency_department(demo_agencies[SO]) == demo_agencies[SO]
    vhtt = demo_agencies["000.07.32.H30"]
    assert agency_department(vhtt) == demo_agencies["000.00.32.H30"]
    assert agency_subtree_ids(demo_agencies[SO]) == {
        demo_agencies[c].pk for c in [SO] + [f"000.0{i}.15.H30" for i in range(1, 7)]
    }


def test_personas_have_their_roles(
    citizen_an: Any,
    clerk_binh: Any,
    specialist_chi: Any,
    head_dung: Any,
    director_em: Any,
    demo_agencies: dict[str, Any],
) -> None:
    assert not user_roles(citizen_an).exists() and not agencies_of(citizen_an).exists()
    assert [(r.role, r.agency.code) for r in user_roles(clerk_binh)] == [(Role.CLERK, VP)]
    assert list(agencies_of(specialist_chi)) == [demo_agencies[TTBCXB]]
    assert user_has_role(head_dung, Role.DIVISION_HEAD)
    assert user_has_role(head_dung, Role.DIVISION_HEAD, demo_agencies[TTBCXB])
    assert not user_has_role(head_dung, Role.DIVISION_HEAD, demo_agencies[CNTT])
    assert not user_has_role(head_dung, Role.DIVISION_HEAD, demo_agencies[SO])
    # A role held in the Sở covers its divisions.
    assert user_has_role(director_em, Role.DIRECTOR, demo_agencies[CNTT])
    assert not user_has_role(director_em, Role.CLERK)
    assert not user_has_role(None, Role.CLERK)
    assert [r.user for r in staff_in_agency(demo_agencies[SO], role=Role.SPECIALIST, include_below=True)] == [
        specialist_chi
    ]
    assert not staff_in_agency(demo_agencies[SO], role=Role.SPECIALIST).exists()


def test_grant_twice_conflicts_revoke_then_regrant(
    specialist_chi: Any, demo_agencies: dict[str, Any]
) -> None:
    cntt = demo_agencies[CNTT]
    role = staff_role_grant(
        actor=None, user=specialist_chi, agency=cntt, role=Role.SPECIALIST, title="Chuyên viên"
    )
    assert user_has_role(specialist_chi, Role.SPECIALIST, cntt)
    with pytest.raises(Conflict):
        staff_role_grant(actor=None, user=specialist_chi, agency=cntt, role=Role.SPECIALIST)
    staff_role_revoke(actor=None, staff_role=role, reason="Điều động")
    assert not user_has_role(specialist_chi, Role.SPECIALIST, cntt)
    with pytest.raises(Conflict):
        staff_role_revoke(actor=None, staff_role=role)
    again = staff_role_grant(actor=None, user=specialist_chi, agency=cntt, role=Role.SPECIALIST)
    assert again.pk == role.pk and again.is_active
    assert StaffRole.objects.filter(user=specialist_chi, agency=cntt).count() == 1
    actions = list(
        AuditEntry.objects.filter(object_type="org.staffrole", object_id=str(role.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["org.staff_role_grant", "org.staff_role_revoke", "org.staff_role_grant"]


def test_grant_refuses_citizens_and_unknown_roles(citizen_an: Any, demo_agencies: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput, match="cán bộ"):
        staff_role_grant(actor=None, user=citizen_an, agency=demo_agencies[VP], role=Role.CLERK)
    with pytest.raises(InvalidInput):
        staff_role_grant(actor=None, user=citizen_an, agency=demo_agencies[VP], role="king")


def test_user_has_role_query_count(
    head_dung: Any, demo_agencies: dict[str, Any], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        user_has_role(head_dung, Role.DIVISION_HEAD, demo_agencies[CNTT])
