"""API tokens: sign in with the same identifier, password and throttle as the web form; only the
SHA-256 of the token is stored, the token itself is returned once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache
from typing import Any

from django.contrib.auth import authenticate
from django.db import connections, router, transaction
from django.http import HttpRequest
from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.accounts.services import LoginThrottled, login_attempt_record, login_throttle_wait, request_ip
from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
from tinhso.core.sqlrows import statement_cursor
from tinhso.onestop.models import ApiToken

TOKEN_LIFETIME = dt.timedelta(days=30)
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, request: HttpRequest, identifier: str, password: str, name: str = ""
) -> tuple[ApiToken, str]:
    """Check the throttle and the credentials; returns the token row and the token (shown once)."""
    ip = request_ip(request)
    wait = login_throttle_wait(identifier=identifier, ip=ip)
    if wait:
        raise LoginThrottled(wait)
    user = authenticate(request, username=identifier.strip(), password=password)
    if not isinstance(user, User) or not user.is_active:
        login_attempt_record(identifier=identifier, ip=ip, success=False)
        raise InvalidInput("Tên đăng nhập hoặc mật khẩu không đúng.", code="bad_credentials")
    login_attempt_record(identifier=identifier, ip=ip, success=True, user=user)
    token = "ts_" + secrets.token_urlsafe(32)
    now = timezone.now()
    row = ApiToken.objects.create(
        user=user,
        key_hash=_hash(token),
        prefix=token[:8],
        name=name[:100],
        created_at=now,
        expires_at=now + TOKEN_LIFETIME,
    )
    audit_record(actor=user, action="api.token.create", obj=row, after={"prefix": row.prefix})
    return row, token


@cache
def _token_user_query(alias: str) -> tuple[str, tuple[str, ...], tuple[tuple[Any, list[Any]], ...]]:
    """The statement (the user's columns, the token's id and last use), the user's field names and
    each column's converters (as the ORM applies them: SQLite gives datetimes as text)."""
    conn = connections[alias]
    qn = conn.ops.quote_name
    fields = User._meta.concrete_fields
    user, token = qn(User._meta.db_table), qn(ApiToken._meta.db_table)
    sql = (
        f"SELECT {', '.join(f'u.{qn(f.column)}' for f in fields)}, "  # noqa: S608 - names only
        f"t.{qn('id')}, t.{qn('last_used_at')} "
        f"FROM {user} u JOIN {token} t ON t.{qn('user_id')} = u.{qn('id')} "
        f"WHERE t.{qn('key_hash')} = %s AND t.{qn('revoked_at')} IS NULL AND t.{qn('expires_at')} > %s "
        f"AND u.{qn('is_active')}"
    )
    converters = []
    for f in [*fields, ApiToken._meta.get_field("last_used_at")]:
        col = f.get_col(f.model._meta.db_table)
        converters.append((col, conn.ops.get_db_converters(col) + f.get_db_converters(conn)))  # type: ignore[attr-defined]
    return sql, tuple(f.attname for f in fields), tuple(converters)


def api_token_user(token: str) -> Any:
    """The active user of a valid, unexpired, unrevoked token; None otherwise.

    Every API call runs this, so it is one statement written once (``core.sqlrows.statement_cursor``:
    the token's hash looked up through its unique index, no password hash, no ORM compilation, the
    user built with ``User.from_db``) and writes nothing, except ``last_used_at`` at most once per
    ``LAST_USED_GRANULARITY``."""
    if not token or len(token) > 200:
        return None
    now = timezone.now()
    alias = router.db_for_read(User)
    conn = connections[alias]
    sql, names, converters = _token_user_query(alias)
    with statement_cursor(alias) as cursor:
        cursor.execute(sql, [_hash(token), conn.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    values.pop(len(names))  # the token's id, kept apart
    for i, (col, convs) in enumerate(converters):
        for convert in convs:
            values[i] = convert(values[i], col, conn)
    user = User.from_db(alias, list(names), values[: len(names)])
    last_used = values[len(names)]
    if last_used is None or last_used < now - LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=row[len(names)]).update(last_used_at=now)
    return user


@transaction.atomic
def api_token_revoke(*, actor: Any, token: str) -> bool:
    updated = ApiToken.objects.filter(key_hash=_hash(token), user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        audit_record(
            actor=actor, action="api.token.revoke", object_type="onestop.apitoken", object_id=token[:8]
        )
    return bool(updated)
