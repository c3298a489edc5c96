"""Users: citizens, businesses and staff. Sign in with e-mail or phone number and a password."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Doanh nghiệp, tổ chức")
    STAFF = "staff", _("Cán bộ, công chức")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(username=username.strip().lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("kind", UserKind.STAFF)
        return self.create_user(username, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    username = models.CharField(
        _("tên đăng nhập"),
        max_length=150,
        unique=True,
        help_text=_("Thư điện tử hoặc số điện thoại dùng để đăng nhập."),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    kind = models.CharField(
        _("loại tài khoản"), max_length=10, choices=UserKind.choices, default=UserKind.CITIZEN
    )
    email = models.EmailField(_("thư điện tử"), null=True, blank=True, unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, null=True, blank=True, unique=True)
    citizen_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    organization_name = models.CharField(_("tên tổ chức, doanh nghiệp"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_staff = models.BooleanField(_("truy cập trang quản trị cấu hình"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    date_joined = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_id__isnull=True) | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="accounts_user_citizen_id_12_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.username


class LoginAttempt(models.Model):
    """One sign-in attempt; failures in a recent window throttle the identifier and the IP address."""

    identifier = models.CharField(_("tên đăng nhập đã nhập"), max_length=255)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    success = models.BooleanField(_("thành công"), default=False)
    user = models.ForeignKey(
        User,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="login_attempts",
    )

    class Meta:
        verbose_name = _("lần đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["identifier", "at"], name="accounts_login_ident_at_idx"),
            models.Index(fields=["ip", "at"], name="accounts_login_ip_at_idx"),
        ]

    def __str__(self) -> str:
        state = _("thành công") if self.success else _("thất bại")
        return f"{self.identifier} {state}"
