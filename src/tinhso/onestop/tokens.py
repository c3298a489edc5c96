"""API tokens: sign in with the same identifier, password and throttle as the web form; only the
SHA-256 of the token is stored, the token itself is returned once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth import authenticate
from django.db import transaction
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


def api_token_user(token: str) -> Any:
    """The active user of a valid, unexpired, unrevoked token; None otherwise."""
    if not token or len(token) > 200:
        return None
    now = timezone.now()
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


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
