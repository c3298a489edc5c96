"""The department portal's news: articles, their views per day, and readers' ratings.

An article goes draft → chờ duyệt → đã đăng, and an approver may take a published article down
(gỡ xuống); an editor reworks a draft or a taken-down article and submits it again. Every change of
state is written by ``news.services`` together with its entry in the audit log.

``Article.view_count`` is the running total; ``ArticleViewDay`` keeps the views of each day so that
the views of any period (the year of the annual report) can be summed. A rating belongs to one visitor
(a signed cookie id, or the account of a signed-in reader): one per visitor and article, in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Category(models.TextChoices):
    ACTIVITY = "tin_hoat_dong", "Tin hoạt động"
    NOTICE = "thong_bao", "Thông báo"
    LEGAL = "van_ban_moi", "Văn bản mới"
    TELECOM = "buu_chinh_vien_thong", "Bưu chính, viễn thông"
    DIGITAL = "chuyen_doi_so", "Chuyển đổi số"
    ADMIN_REFORM = "cai_cach_hanh_chinh", "Cải cách hành chính"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PENDING = "pending", "Chờ duyệt"
    PUBLISHED = "published", "Đã đăng"
    UNPUBLISHED = "unpublished", "Đã gỡ xuống"


class Article(models.Model):
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan đăng tin", on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField("tiêu đề", max_length=255)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    summary = models.TextField("tóm tắt", max_length=600)
    body = models.TextField(
        "nội dung", help_text="Văn bản thuần: mỗi đoạn cách nhau một dòng trống; không nhận mã HTML."
    )
    category = models.CharField("chuyên mục", max_length=30, choices=Category.choices)
    status = models.CharField(
        "trạng thái", max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người viết",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles_written",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles_approved",
    )
    created_at = models.DateTimeField("tạo lúc")
    updated_at = models.DateTimeField("sửa lúc")
    submitted_at = models.DateTimeField("trình duyệt lúc", null=True, blank=True)
    published_at = models.DateTimeField("đăng lúc", null=True, blank=True)
    unpublished_at = models.DateTimeField("gỡ xuống lúc", null=True, blank=True)
    view_count = models.PositiveBigIntegerField("lượt xem", default=0)
    search_text = models.TextField("chữ để tìm (không dấu)", blank=True, editable=False)

    class Meta:
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="news_article_status_pub"),
            models.Index(fields=["category", "status", "-published_at"], name="news_article_cat_pub"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="news_article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="news_article_category_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="news_article_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def paragraphs(self) -> list[str]:
        """The body's paragraphs (separated by blank lines), as plain text: templates escape them."""
        text = self.body.replace("\r\n", "\n").replace("\r", "\n")
        return [p.strip() for p in text.split("\n\n") if p.strip()]


class ArticleViewDay(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="tin bài", on_delete=models.CASCADE, related_name="view_days"
    )
    day = models.DateField("ngày")
    count = models.PositiveIntegerField("lượt xem", default=0)

    class Meta:
        verbose_name = "lượt xem trong ngày"
        verbose_name_plural = "lượt xem theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="news_viewday_article_day_uniq"),
        ]
        indexes = [models.Index(fields=["day"], name="news_viewday_day")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.count}"


class ArticleRating(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="tin bài", on_delete=models.CASCADE, related_name="ratings"
    )
    visitor = models.CharField(
        "người đọc", max_length=64, help_text="Mã người đọc (cookie ký) hoặc u<mã tài khoản>."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    value = models.PositiveSmallIntegerField("điểm")
    created_at = models.DateTimeField("đánh giá lúc")

    class Meta:
        verbose_name = "đánh giá tin bài"
        verbose_name_plural = "đánh giá tin bài"
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="news_rating_one_per_visitor"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="news_rating_value_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.value}/5"
