"""Sign in with a username, an e-mail address or a phone number."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from tinhso.accounts.identifiers import normalize_phone
from tinhso.accounts.models import User


class IdentifierBackend(ModelBackend):
    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        ident = username.strip()
        query = Q(username__iexact=ident) | Q(email__iexact=ident)
        phone = normalize_phone(ident)
        if phone:
            query |= Q(phone=phone)
        user = User.objects.filter(query).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
