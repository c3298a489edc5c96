"""API tokens: sign in with the same identifier, password and throttle as the web form; only the
SHA-256 of the token is stored, the token itself is returned once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth import authenticate
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from tinhso.accounts.models import User
from tinhso.accounts.services import LoginThrottled, login_attempt_record, login_throttle_wait, request_ip
from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
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


def _token_user_sql() -> str:
    qn = connection.ops.quote_name
    user, token = qn(User._meta.db_table), qn(ApiToken._meta.db_table)
    last_used = f"t.{qn('last_used_at')}"
    return (
        f"SELECT u.*, t.{qn('id')} AS api_token_id, "  # noqa: S608 - table and column names only
        f"CASE WHEN {last_used} IS NULL OR {last_used} < %s THEN 1 ELSE 0 END AS api_token_stale "
        f"FROM {user} u JOIN {token} t ON t.{qn('user_id')} = u.{qn('id')} "
        f"WHERE t.{qn('key_hash')} = %s AND t.{qn('revoked_at')} IS NULL AND t.{qn('expires_at')} > %s "
        f"AND u.{qn('is_active')}"
    )


def api_token_user(token: str) -> Any:
    """The active user of a valid, unexpired, unrevoked token; None otherwise.

    Every API call runs this, so it is one query written out (``User.objects.raw``: the token's hash
    is looked up through its unique index, no password hash, no ORM compilation) and writes nothing,
    except ``last_used_at`` at most once per ``LAST_USED_GRANULARITY``."""
    if not token or len(token) > 200:
        return None
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = [adapt(now - LAST_USED_GRANULARITY), _hash(token), adapt(now)]
    user = next(iter(User.objects.raw(_token_user_sql(), params)), None)
    if user is None:
        return None
    if getattr(user, "api_token_stale", 0):
        ApiToken.objects.filter(pk=int(getattr(user, "api_token_id", 0))).update(last_used_at=now)
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
