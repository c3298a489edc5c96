"""The worklists' query counts do not grow with the number of dossiers: the counts are one query and a
page of rows one query, once the user's roles and agency tree are known (cached on the user)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.onestop import services, worklists

from .conftest import submitted

pytestmark = pytest.mark.django_db


def _receive(procedure: Any, people: Any, n: int, *, assignee: Any = None) -> None:
    now = timezone.now()
    for _ in range(n):
        services.dossier_receive(
            actor=people.binh, dossier=submitted(procedure, people.an, now), at=now, assignee=assignee
        )


def _pinned(
    user_pk: int, django_assert_num_queries: Any, django_assert_max_num_queries: Any
) -> tuple[int, int]:
    chi = User.objects.get(pk=user_pk)  # a fresh object: nothing cached yet
    with django_assert_max_num_queries(5):  # grants: roles, the agency tree (3–4, cached); counts (1)
        counts = worklists.worklist_counts(chi)
    with django_assert_num_queries(1):
        assert worklists.worklist_counts(chi) == counts
    rows = {}
    for scope in worklists.SCOPES:
        with django_assert_num_queries(1):
            page = list(worklists.worklist(chi, scope)[:20])
        with django_assert_num_queries(0):  # dossier, procedure, assignee and agency came with the rows
            for step in page:
                assert step.dossier.procedure.name and step.agency.name
                _ = step.assignee.full_name if step.assignee else ""
        rows[scope] = len(page)
    return counts.mine, rows["unit"]


def test_worklist_queries_do_not_grow_with_dossiers(
    procedure: Any, people: Any, django_assert_num_queries: Any, django_assert_max_num_queries: Any
) -> None:
    _receive(procedure, people, 2, assignee=people.chi)
    assert _pinned(people.chi.pk, django_assert_num_queries, django_assert_max_num_queries) == (2, 2)
    _receive(procedure, people, 8)  # unassigned: takeable by Chi's role
    _receive(procedure, people, 14, assignee=people.chi)
    assert _pinned(people.chi.pk, django_assert_num_queries, django_assert_max_num_queries) == (24, 20)
