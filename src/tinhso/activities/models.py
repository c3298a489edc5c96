"""The department's information and propaganda activities: events, exhibitions, publications,
campaigns, trainings, foreign press visits, and the provincial video-conference network.

Money is in whole đồng. Video-conference endpoints cannot be in two overlapping sessions: the
service checks it under a lock on the endpoints, and on PostgreSQL an exclusion constraint on
``SessionEndpoint`` (endpoint, [starts_at, ends_at)) backs it (migration 0002).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class EventKind(models.TextChoices):
    CONFERENCE = "hoi_nghi", "Hội nghị"
    GATHERING = "hop_mat", "Họp mặt"
    BOOK_DAY = "ngay_sach", "Ngày sách"
    CONTEST = "cuoc_thi", "Cuộc thi"
    SPORTS = "hoi_thao", "Hội thao"
    ANNIVERSARY = "ky_niem", "Kỷ niệm"
    SEMINAR = "toa_dam", "Tọa đàm, hội thảo"
    OTHER = "khac", "Khác"


class PublicationKind(models.TextChoices):
    LEAFLET = "to_roi", "Tờ rơi"
    HANDBOOK = "so_tay", "Sổ tay"
    BOOKLET = "tai_lieu", "Tài liệu tuyên truyền"
    POSTER = "pano_ap_phich", "Pa-nô, áp phích"
    BANNER = "bang_ron", "Băng rôn"
    SPECIAL_ISSUE = "an_pham", "Ấn phẩm"
    VIDEO = "phim_video", "Phim, video"


class SessionStatus(models.TextChoices):
    SCHEDULED = "da_len_lich", "Đã lên lịch"
    HELD = "da_dien_ra", "Đã diễn ra"
    CANCELLED = "da_huy", "Đã hủy"


def _dates_ok(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
        name=f"activities_{prefix}_dates_order",
    )


class Event(models.Model):
    kind = models.CharField("loại sự kiện", max_length=20, choices=EventKind.choices)
    title = models.CharField("tên sự kiện", max_length=300)
    starts_on = models.DateField("ngày bắt đầu", db_index=True)
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    district = models.ForeignKey(
        "geo.Unit",
        verbose_name="huyện, thị xã, thành phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organizer = models.CharField("đơn vị tổ chức, phối hợp", max_length=255, blank=True)
    participants = models.PositiveIntegerField("số đại biểu, người tham dự", null=True, blank=True)
    visitors = models.PositiveIntegerField("số lượt khách, bạn đọc", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["-starts_on", "-id"]
        constraints = [_dates_ok("event")]

    def __str__(self) -> str:
        return self.title


class Exhibition(models.Model):
    title = models.CharField("tên triển lãm", max_length=300)
    district = models.ForeignKey(
        "geo.Unit", verbose_name="huyện, thị xã, thành phố", on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField("địa điểm", max_length=255)
    starts_on = models.DateField("ngày khai mạc", db_index=True)
    ends_on = models.DateField("ngày bế mạc", null=True, blank=True)
    partner = models.CharField("đơn vị phối hợp", max_length=255, blank=True)
    visitors = models.PositiveIntegerField("số lượt tham quan", default=0)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "triển lãm"
        verbose_name_plural = "triển lãm"
        ordering = ["-starts_on", "-id"]
        constraints = [_dates_ok("exhibition")]

    def __str__(self) -> str:
        return f"{self.title} — {self.district}"


class Publication(models.Model):
    kind = models.CharField("loại ấn phẩm", max_length=20, choices=PublicationKind.choices)
    title = models.CharField("tên ấn phẩm, tài liệu", max_length=300)
    topic = models.CharField("chủ đề tuyên truyền", max_length=300, blank=True)
    issued_on = models.DateField("ngày phát hành", db_index=True)
    copies = models.PositiveIntegerField("số lượng (bản)")
    sponsor = models.CharField("đơn vị tài trợ, phối hợp", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "ấn phẩm, tài liệu tuyên truyền"
        verbose_name_plural = "ấn phẩm, tài liệu tuyên truyền"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(copies__gt=0), name="activities_publication_copies_pos")
        ]

    def __str__(self) -> str:
        return self.title


class Campaign(models.Model):
    title = models.CharField("tên đợt tuyên truyền, chương trình", max_length=300)
    topic = models.CharField("chủ đề", max_length=300, blank=True)
    starts_on = models.DateField("ngày bắt đầu", db_index=True)
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    partners = models.TextField("cơ quan phối hợp", blank=True, help_text="Mỗi cơ quan một dòng.")
    budget = models.BigIntegerField("kinh phí (đồng)", default=0)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "đợt tuyên truyền"
        verbose_name_plural = "đợt tuyên truyền"
        ordering = ["-starts_on", "-id"]
        constraints = [
            _dates_ok("campaign"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="activities_campaign_budget_nonneg"),
        ]

    def __str__(self) -> str:
        return self.title


class Training(models.Model):
    title = models.CharField("tên lớp tập huấn", max_length=300)
    topic = models.CharField("nội dung", max_length=300)
    starts_on = models.DateField("ngày bắt đầu", db_index=True)
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    organizer = models.CharField("đơn vị tổ chức", max_length=255, blank=True)
    trainees = models.PositiveIntegerField("số học viên")
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "lớp tập huấn"
        verbose_name_plural = "lớp tập huấn"
        ordering = ["-starts_on", "-id"]
        constraints = [_dates_ok("training")]

    def __str__(self) -> str:
        return self.title


class PressVisit(models.Model):
    """A foreign press delegation working in the province (thông tin đối ngoại)."""

    outlet = models.CharField("cơ quan báo chí", max_length=200)
    country = models.CharField("quốc gia", max_length=100)
    reporters = models.PositiveSmallIntegerField("số phóng viên", default=1)
    starts_on = models.DateField("ngày bắt đầu", db_index=True)
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name="xã, phường, thị trấn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "geo.Unit",
        verbose_name="huyện, thị xã, thành phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.TextField("nội dung hoạt động")
    coordination = models.TextField("cơ quan phối hợp hỗ trợ", blank=True)

    class Meta:
        verbose_name = "đoàn phóng viên nước ngoài"
        verbose_name_plural = "đoàn phóng viên nước ngoài"
        ordering = ["-starts_on", "-id"]
        constraints = [_dates_ok("pressvisit")]

    def __str__(self) -> str:
        return f"{self.outlet} ({self.country})"


class Endpoint(models.Model):
    """A video-conference room of the provincial network (UBND tỉnh or a district)."""

    name = models.CharField("tên điểm cầu", max_length=200, unique=True)
    unit = models.ForeignKey("geo.Unit", verbose_name="địa bàn", on_delete=models.PROTECT, related_name="+")
    location = models.CharField("phòng họp, địa chỉ", max_length=255, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "điểm cầu truyền hình hội nghị"
        verbose_name_plural = "điểm cầu truyền hình hội nghị"
        ordering = ["unit__level", "unit__code", "name"]

    def __str__(self) -> str:
        return self.name


class ConferenceSession(models.Model):
    title = models.CharField("tên cuộc họp trực tuyến", max_length=300)
    chaired_by = models.CharField("chủ trì", max_length=200, blank=True)
    host = models.ForeignKey(
        Endpoint, verbose_name="điểm cầu chính", on_delete=models.PROTECT, related_name="hosted_sessions"
    )
    starts_at = models.DateTimeField("bắt đầu", db_index=True)
    ends_at = models.DateTimeField("kết thúc")
    status = models.CharField(
        "trạng thái", max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "cuộc họp trực tuyến"
        verbose_name_plural = "cuộc họp trực tuyến"
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="activities_session_times_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SessionEndpoint(models.Model):
    """One endpoint taking part in a session, with its attendance. ``starts_at``/``ends_at`` and
    ``active`` repeat the session's, so that the database can refuse overlaps per endpoint."""

    session = models.ForeignKey(
        ConferenceSession, verbose_name="cuộc họp", on_delete=models.CASCADE, related_name="participations"
    )
    endpoint = models.ForeignKey(
        Endpoint, verbose_name="điểm cầu", on_delete=models.PROTECT, related_name="participations"
    )
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc")
    active = models.BooleanField("còn hiệu lực", default=True)
    attendees = models.PositiveIntegerField("số người dự", null=True, blank=True)
    connected = models.BooleanField("kết nối thành công", null=True, blank=True)

    class Meta:
        verbose_name = "điểm cầu tham gia"
        verbose_name_plural = "điểm cầu tham gia"
        ordering = ["session", "endpoint"]
        constraints = [
            models.UniqueConstraint(fields=["session", "endpoint"], name="activities_sessionendpoint_uniq"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activities_se_times_order"),
        ]

    def __str__(self) -> str:
        return f"{self.session} — {self.endpoint}"
