"""core.sqlrows: rows written by hand-built statements read back exactly as the ORM wrote them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.core.sqlrows import row_update, rows_insert

pytestmark = pytest.mark.django_db


def _user(name: str, **extra: object) -> User:
    return User(username=name, full_name=f"Nguyễn Thị {name}", kind="citizen", **extra)


def test_rows_insert_one_statement_sets_keys_and_stores_every_field() -> None:
    joined = timezone.now() - dt.timedelta(days=3)
    users = [_user("anh", email="anh@example.vn", date_joined=joined), _user("binh", phone="0912345678")]
    with CaptureQueriesContext(connection) as queries:
        rows_insert(users)
    assert len(queries) == 1 and queries[0]["sql"].startswith("INSERT")
    assert all(u.pk is not None and not u._state.adding for u in users)
    anh, binh = User.objects.get(pk=users[0].pk), User.objects.get(pk=users[1].pk)
    assert (anh.full_name, anh.email, anh.phone, anh.date_joined) == (
        "Nguyễn Thị anh",
        "anh@example.vn",
        None,
        joined,
    )
    assert (binh.email, binh.phone, binh.is_active, binh.is_staff) == (None, "0912345678", True, False)
    rows_insert([])  # nothing to do


def test_rows_insert_refuses_mixed_models() -> None:
    from tinhso.core.models import AuditEntry

    with pytest.raises(ValueError, match="cùng một model"):
        rows_insert([_user("chi"), AuditEntry()])


def test_row_update_is_a_compare_and_set() -> None:
    user = _user("dung")
    rows_insert([user])
    assert row_update(user, {"full_name": "Lê Văn Dũng"}, where={"id": user.pk, "is_active": False}) == 0
    assert row_update(user, {"full_name": "Lê Văn Dũng"}, where={"id": user.pk, "is_active": True}) == 1
    assert User.objects.get(pk=user.pk).full_name == "Lê Văn Dũng"
    with pytest.raises(ValueError, match="không phải cột"):
        row_update(user, {"groups": []}, where={"id": user.pk})
