"""Agencies (with their QCVN 102:2016 electronic codes) and staff roles scoped to an agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AgencyKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "ubnd_tinh", "Ủy ban nhân dân tỉnh"
    DEPARTMENT = "so", "Sở"
    OFFICE = "van_phong", "Văn phòng"
    INSPECTORATE = "thanh_tra", "Thanh tra"
    DIVISION = "phong", "Phòng chuyên môn"
    CENTER = "trung_tam", "Đơn vị sự nghiệp"
    DISTRICT_COMMITTEE = "ubnd_huyen", "Ủy ban nhân dân cấp huyện"
    DISTRICT_CULTURE_OFFICE = "phong_vhtt", "Phòng Văn hóa và Thông tin"
    RADIO_STATION = "dai_truyen_thanh", "Đài Truyền thanh"
    OTHER = "khac", "Khác"


class Agency(models.Model):
    code = models.CharField(
        "mã định danh điện tử",
        max_length=20,
        unique=True,
        help_text="Theo QCVN 102:2016/BTTTT, dạng V1V2V3.Z1Z2.Y1Y2.MX1X2, ví dụ 000.00.15.H30.",
    )
    name = models.CharField("tên cơ quan, đơn vị", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=50, blank=True)
    symbol = models.CharField(
        "ký hiệu trên văn bản", max_length=30, blank=True, help_text="Ví dụ STTTT, STTTT-VP."
    )
    kind = models.CharField("loại", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên"
    DIVISION_HEAD = "division_head", "Trưởng phòng"
    DIRECTOR = "director", "Giám đốc"
    DEPUTY_DIRECTOR = "deputy_director", "Phó Giám đốc"
    DOCUMENT_CLERK = "document_clerk", "Văn thư"
    SECTOR_OFFICER = "sector_officer", "Cán bộ quản lý ngành"
    INSPECTOR = "inspector", "Thanh tra viên"
    EDITOR = "editor", "Biên tập viên"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class StaffRole(models.Model):
    """A role that a staff member holds in one agency (a department or one of its divisions)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="staff_roles"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="staff_roles"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    title = models.CharField("chức danh", max_length=120, blank=True)
    is_active = models.BooleanField("đang hiệu lực", default=True)

    class Meta:
        verbose_name = "vai trò cán bộ"
        verbose_name_plural = "vai trò cán bộ"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="org_staffrole_user_agency_role_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"
