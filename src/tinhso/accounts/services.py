"""Every write to users goes through these services: registration, sign-in and sign-out, profile and
password changes. Each records an audit entry in the same transaction."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tinhso.accounts.identifiers import IdentifierError, normalize_phone, normalize_tax_code, parse_citizen_id
from tinhso.accounts.models import LoginAttempt, User, UserKind
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, DomainError, InvalidInput, NotAllowed

BACKEND = "tinhso.accounts.backends.IdentifierBackend"


class LoginThrottled(DomainError):
    """Too many failed sign-ins for this identifier or IP address: wait ``minutes`` minutes."""

    code = "login_throttled"
    status = 429

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        super().__init__(
            ngettext(
                "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)d phút.",
                "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)d phút.",
                minutes,
            )
            % {"n": minutes}
        )


# --- creation ---------------------------------------------------------------------------------------
@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str,
    kind: str = UserKind.CITIZEN,
    email: str | None = None,
    phone: str | None = None,
    citizen_id: str | None = None,
    **extra: Any,
) -> User:
    user = User.objects.create_user(
        username=username,
        password=password,
        full_name=full_name,
        kind=kind,
        email=(email or None),
        phone=(phone or None),
        citizen_id=(citizen_id or None),
        **extra,
    )
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        after={"username": user.username, "kind": user.kind, "full_name": user.full_name},
    )
    return user


def _clean_contact(
    *, email: str | None, phone: str | None, exclude_pk: int | None = None
) -> tuple[str | None, str | None]:
    """Normalise e-mail and phone; at least one is required and neither may belong to another account."""
    email_n = (email or "").strip().lower() or None
    phone_n: str | None = None
    if email_n:
        try:
            validate_email(email_n)
        except ValidationError as exc:
            raise InvalidInput(_("Địa chỉ thư điện tử không hợp lệ."), code="email_invalid") from exc
    if phone and phone.strip():
        phone_n = normalize_phone(phone)
        if phone_n is None:
            raise InvalidInput(
                _("Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)."),
                code="phone_invalid",
            )
    if not email_n and not phone_n:
        raise InvalidInput(
            _("Cần nhập thư điện tử hoặc số điện thoại để đăng nhập."), code="contact_required"
        )
    others = User.objects.exclude(pk=exclude_pk) if exclude_pk else User.objects.all()
    if email_n and (
        others.filter(email__iexact=email_n).exists() or others.filter(username__iexact=email_n).exists()
    ):
        raise Conflict(_("Thư điện tử này đã được dùng cho một tài khoản khác."), code="email_taken")
    if phone_n and (others.filter(phone=phone_n).exists() or others.filter(username=phone_n).exists()):
        raise Conflict(_("Số điện thoại này đã được dùng cho một tài khoản khác."), code="phone_taken")
    return email_n, phone_n


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), code="password_invalid") from exc


def _register(
    *,
    kind: str,
    full_name: str,
    password: str,
    email: str | None,
    phone: str | None,
    citizen_id: str | None = None,
    tax_code: str = "",
    organization_name: str = "",
    address: str = "",
) -> User:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Cần nhập họ và tên."), code="full_name_required")
    email_n, phone_n = _clean_contact(email=email, phone=phone)
    probe = User(username=email_n or phone_n or "", full_name=full_name, email=email_n, phone=phone_n)
    _check_password(password, probe)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=email_n or phone_n or "",
                password=password,
                full_name=full_name,
                kind=kind,
                email=email_n,
                phone=phone_n,
                citizen_id=citizen_id,
                tax_code=tax_code,
                organization_name=organization_name,
                address=address.strip(),
            )
            audit_record(
                actor=user,
                action="user.register",
                obj=user,
                after={
                    "username": user.username,
                    "kind": user.kind,
                    "full_name": user.full_name,
                    "email": user.email,
                    "phone": user.phone,
                    "citizen_id": user.citizen_id,
                    "tax_code": user.tax_code,
                    "organization_name": user.organization_name,
                },
            )
    except IntegrityError as exc:  # a concurrent registration took the same e-mail, phone or ID
        raise Conflict(_("Thông tin đăng ký trùng với một tài khoản đã có."), code="duplicate") from exc
    return user


def citizen_register(
    *,
    full_name: str,
    citizen_id: str,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    address: str = "",
    today: dt.date | None = None,
) -> User:
    """A citizen registers (self-service: the new user is the actor of the audit entry)."""
    try:
        info = parse_citizen_id(citizen_id, today=today)
    except IdentifierError as exc:
        raise InvalidInput(exc.message, code="citizen_id_invalid") from exc
    if User.objects.filter(citizen_id=info.number).exists():
        raise Conflict(_("Số định danh cá nhân này đã được đăng ký."), code="citizen_id_taken")
    return _register(
        kind=UserKind.CITIZEN,
        full_name=full_name,
        password=password,
        email=email,
        phone=phone,
        citizen_id=info.number,
        address=address,
    )


def business_register(
    *,
    organization_name: str,
    tax_code: str,
    full_name: str,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    address: str = "",
) -> User:
    """A business or organisation registers; ``full_name`` is its legal representative or contact person."""
    organization_name = " ".join((organization_name or "").split())
    if not organization_name:
        raise InvalidInput(_("Cần nhập tên tổ chức, doanh nghiệp."), code="organization_required")
    code = normalize_tax_code(tax_code)
    if code is None:
        raise InvalidInput(
            _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc."),
            code="tax_code_invalid",
        )
    return _register(
        kind=UserKind.BUSINESS,
        full_name=full_name,
        password=password,
        email=email,
        phone=phone,
        tax_code=code,
        organization_name=organization_name,
        address=address,
    )


# --- sign-in throttling --------------------------------------------------------------------------------
def login_identifier_key(identifier: str) -> str:
    """The form in which attempts are counted: a phone number normalised, anything else lower-cased."""
    ident = (identifier or "").strip()
    return normalize_phone(ident) or ident.lower()


def request_ip(request: HttpRequest) -> str | None:
    """The client address: behind a trusted proxy (BEHIND_PROXY) the last X-Forwarded-For hop."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None


def _unlock_at(failures: list[dt.datetime], *, limit: int, window: dt.timedelta) -> dt.datetime | None:
    """Given the failure times in the window (ascending), when the count drops below ``limit``."""
    if len(failures) < limit:
        return None
    return failures[len(failures) - limit] + window


def login_throttle_wait(*, identifier: str, ip: str | None, now: dt.datetime | None = None) -> int:
    """Minutes to wait before this identifier or IP may try again; 0 when not throttled.

    At most ``LOGIN_MAX_FAILURES`` failures within ``LOGIN_LOCK_MINUTES``, counted separately for the
    identifier (since its last successful sign-in) and for the IP address."""
    now = now or timezone.now()
    limit = settings.LOGIN_MAX_FAILURES
    window = dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    since = now - window
    key = login_identifier_key(identifier)
    unlocks: list[dt.datetime] = []
    if key:
        last_ok = (
            LoginAttempt.objects.filter(identifier=key, success=True, at__gte=since)
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
        times = list(
            LoginAttempt.objects.filter(identifier=key, success=False, at__gt=last_ok or since)
            .order_by("at")
            .values_list("at", flat=True)
        )
        if last_ok is not None:
            times = [t for t in times if t > last_ok]
        unlock = _unlock_at(times, limit=limit, window=window)
        if unlock:
            unlocks.append(unlock)
    if ip:
        times = list(
            LoginAttempt.objects.filter(ip=ip, success=False, at__gt=since)
            .order_by("at")
            .values_list("at", flat=True)
        )
        unlock = _unlock_at(times, limit=limit, window=window)
        if unlock:
            unlocks.append(unlock)
    unlocks = [u for u in unlocks if u > now]
    if not unlocks:
        return 0
    seconds = (max(unlocks) - now).total_seconds()
    return max(1, math.ceil(seconds / 60))


@transaction.atomic
def login_attempt_record(
    *, identifier: str, ip: str | None, success: bool, user: User | None = None, at: dt.datetime | None = None
) -> LoginAttempt:
    attempt = LoginAttempt.objects.create(
        identifier=login_identifier_key(identifier)[:255],
        ip=ip,
        success=success,
        user=user,
        at=at or timezone.now(),
    )
    audit_record(
        actor=user,
        action="user.login" if success else "user.login_failed",
        obj=attempt,
        after={"identifier": attempt.identifier, "ip": ip, "success": success},
    )
    return attempt


def user_sign_in(*, request: HttpRequest, identifier: str, password: str) -> User:
    """Check the throttle, the credentials, record the attempt and open the session.

    Raises ``LoginThrottled`` (HTTP 429) or ``InvalidInput`` with a Vietnamese message."""
    ip = request_ip(request)
    wait = login_throttle_wait(identifier=identifier, ip=ip)
    if wait:
        raise LoginThrottled(wait)
    user = authenticate(request, username=identifier.strip(), password=password)
    if not isinstance(user, User):
        login_attempt_record(identifier=identifier, ip=ip, success=False)
        raise InvalidInput(_("Tên đăng nhập hoặc mật khẩu không đúng."), code="bad_credentials")
    login_attempt_record(identifier=identifier, ip=ip, success=True, user=user)
    login(request, user, backend=BACKEND)
    return user


def user_sign_out(*, request: HttpRequest) -> None:
    user = request.user
    if isinstance(user, User):
        with transaction.atomic():
            audit_record(actor=user, action="user.logout", obj=user)
    logout(request)


# --- profile and password --------------------------------------------------------------------------------
@transaction.atomic
def user_update_profile(
    *,
    actor: User,
    user: User,
    full_name: str,
    email: str | None,
    phone: str | None,
    address: str = "",
    organization_name: str | None = None,
) -> User:
    """Change a user's name and contact details (not the personal ID number or tax code)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise NotAllowed(_("Bạn không có quyền sửa thông tin của người dùng này."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Cần nhập họ và tên."), code="full_name_required")
    email_n, phone_n = _clean_contact(email=email, phone=phone, exclude_pk=locked.pk)
    fields = ["full_name", "email", "phone", "address"]
    if locked.kind == UserKind.BUSINESS and organization_name is not None:
        fields.append("organization_name")
    before = {f: getattr(locked, f) for f in fields}
    locked.full_name, locked.email, locked.phone, locked.address = (
        full_name,
        email_n,
        phone_n,
        address.strip(),
    )
    if "organization_name" in fields:
        locked.organization_name = " ".join((organization_name or "").split())
    after = {f: getattr(locked, f) for f in fields}
    changed = [f for f in fields if before[f] != after[f]]
    if changed:
        locked.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="user.update_profile",
            obj=locked,
            before={f: before[f] for f in changed},
            after={f: after[f] for f in changed},
        )
    return locked


@transaction.atomic
def user_change_password(*, actor: User, user: User, old_password: str, new_password: str) -> User:
    """A user changes their own password; the old one must be given. Passwords are never logged."""
    if actor.pk != user.pk:
        raise NotAllowed(_("Chỉ chính người dùng mới đổi được mật khẩu của mình."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.check_password(old_password):
        raise InvalidInput(_("Mật khẩu hiện tại không đúng."), code="old_password_wrong")
    if old_password == new_password:
        raise InvalidInput(_("Mật khẩu mới phải khác mật khẩu hiện tại."), code="password_same")
    _check_password(new_password, locked)
    locked.set_password(new_password)
    locked.save(update_fields=["password"])
    audit_record(actor=actor, action="user.change_password", obj=locked)
    return locked
