"""Every write of the portal's news: articles and their states, views and ratings.

State machine (``ArticleStatus``)::

    draft ──submit──▶ pending ──publish──▶ published ──unpublish──▶ unpublished
      ▲                  │                                              │
      └─────return───────┘                 unpublished ──submit──▶ pending

Editors create, update (draft, taken down) and submit; the director and deputy directors publish,
return and take down (``news.access``). A transition locks the row (``select_for_update``), checks
the state, saves the changed fields and appends its audit entry in the same transaction.

``article_view_record`` and ``article_rate`` are the readers' writes: no lock on the article, the
counters are increments done by the database and the uniqueness rules are its constraints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotFound
from tinhso.core.vntext import search_text, words
from tinhso.news import access
from tinhso.news.models import Article, ArticleRating, ArticleStatus, ArticleViewDay, Category
from tinhso.org.models import Agency

EDITABLE_FIELDS = ("title", "slug", "summary", "body", "category")
TITLE_MAX = 255
SUMMARY_MAX = 600
BODY_MAX = 50_000
SLUG_MAX = 120
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TAG = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>"
)  # "<b>", "</p>", '<a href="…">'; not "a < b > c"
_AUDITED = ("status", "title", "slug", "category", "approver", "published_at")


# --- validation ----------------------------------------------------------------------------------
def slug_from_title(title: str) -> str:
    """``"Hậu Giang: tập huấn chữ ký số"`` → ``"hau-giang-tap-huan-chu-ky-so"`` (at most 120 chars,
    cut at a word)."""
    slug = ""
    for word in words(title):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX - 4:  # room for "-999"
            break
        slug = candidate
    return slug


def _unique_slug(base: str) -> str:
    base = base or "tin-bai"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Trimmed, checked editable values; raises ``InvalidInput`` with every problem at once."""
    errors: list[str] = []
    out: dict[str, Any] = {}
    title = str(values.get("title") or "").strip()
    summary = str(values.get("summary") or "").strip()
    body = str(values.get("body") or "").replace("\r\n", "\n").strip()
    category = str(values.get("category") or "")
    slug = str(values.get("slug") or "").strip().lower()
    if not title:
        errors.append("Tiêu đề không được để trống.")
    elif len(title) > TITLE_MAX:
        errors.append(f"Tiêu đề dài quá {TITLE_MAX} ký tự.")
    if not summary:
        errors.append("Tóm tắt không được để trống.")
    elif len(summary) > SUMMARY_MAX:
        errors.append(f"Tóm tắt dài quá {SUMMARY_MAX} ký tự.")
    if not body:
        errors.append("Nội dung không được để trống.")
    elif len(body) > BODY_MAX:
        errors.append(f"Nội dung dài quá {BODY_MAX:,} ký tự.".replace(",", "."))
    for label, text in (("Tiêu đề", title), ("Tóm tắt", summary), ("Nội dung", body)):
        if _TAG.search(text):
            errors.append(f"{label} không được chứa mã HTML (chỉ nhập văn bản thuần).")
    if category not in Category.values:
        errors.append("Chuyên mục không hợp lệ.")
    if slug and (len(slug) > SLUG_MAX or not _SLUG.match(slug)):
        errors.append(
            "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: tap-huan-chu-ky-so)."
        )
    if errors:
        raise InvalidInput(" ".join(errors))
    out.update(title=title, summary=summary, body=body, category=category, slug=slug)
    return out


def _search(article: Article) -> str:
    return search_text(article.title, article.summary, article.body)


def _snapshot(article: Article) -> dict[str, Any]:
    return {
        "status": article.status,
        "title": article.title,
        "slug": article.slug,
        "category": article.category,
        "approver": article.approver_id,
        "published_at": article.published_at,
    }


def _locked(article: Article) -> Article:
    try:
        return Article.objects.select_for_update().select_related("agency").get(pk=article.pk)
    except Article.DoesNotExist as exc:
        raise NotFound("Không tìm thấy tin bài.") from exc


def _audit(*, actor: Any, action: str, article: Article, before: dict[str, Any], at: dt.datetime) -> None:
    after = _snapshot(article)
    audit_record(
        actor=actor,
        action=action,
        obj=article,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after={k: v for k, v in after.items() if before.get(k) != v},
        at=at,
    )


# --- articles ------------------------------------------------------------------------------------
def article_create(
    *,
    actor: Any,
    agency: Agency,
    title: str,
    summary: str,
    body: str,
    category: str,
    slug: str = "",
    author: Any = None,
    at: dt.datetime | None = None,
) -> Article:
    """A new draft of ``agency`` (a department). ``author`` defaults to ``actor``; ``slug`` is made
    from the title when empty (and numbered when taken)."""
    access.ensure_write(actor, agency)
    values = _clean(dict(title=title, summary=summary, body=body, category=category, slug=slug))
    now = at or timezone.now()
    with transaction.atomic():
        if values["slug"]:
            if Article.objects.filter(slug=values["slug"]).exists():
                raise Conflict(f"Đường dẫn “{values['slug']}” đã được dùng cho tin bài khác.")
        else:
            values["slug"] = _unique_slug(slug_from_title(values["title"]))
        article = Article(
            agency=agency,
            author=author if author is not None else actor,
            status=ArticleStatus.DRAFT,
            created_at=now,
            updated_at=now,
            **values,
        )
        article.search_text = _search(article)
        try:
            with transaction.atomic():
                article.save(force_insert=True)
        except IntegrityError as exc:
            raise Conflict(f"Đường dẫn “{values['slug']}” đã được dùng cho tin bài khác.") from exc
        audit_record(
            actor=actor,
            action="article.create",
            obj=article,
            after={**_snapshot(article), "agency": agency.pk, "author": article.author_id},
            at=now,
        )
    return article


def article_update(
    *, actor: Any, article: Article, changes: Mapping[str, Any], at: dt.datetime | None = None
) -> Article:
    """Change the text of a draft or a taken-down article (editors), or of one awaiting approval
    (approvers). The address of an article that has been published does not change."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidInput(f"Không được sửa trường: {', '.join(unknown)}.")
    now = at or timezone.now()
    with transaction.atomic():
        locked = _locked(article)
        agency = locked.agency
        if actor is not None and not (access.can_write(actor, agency) or access.can_approve(actor, agency)):
            access.ensure_write(actor, agency)
        editable = {ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED}
        if actor is None or access.can_approve(actor, agency):
            editable.add(ArticleStatus.PENDING)
        if locked.status not in editable:
            raise Conflict(
                f"Tin bài đang ở trạng thái “{locked.get_status_display()}”, không sửa được. "
                "Tin đã đăng phải được gỡ xuống trước khi sửa."
            )
        current = {name: getattr(locked, name) for name in EDITABLE_FIELDS}
        values = _clean({**current, **changes})
        if not values["slug"]:
            values["slug"] = locked.slug
        if values["slug"] != locked.slug:
            if locked.published_at is not None:
                raise Conflict(
                    "Tin bài đã từng được đăng: không đổi đường dẫn để các liên kết cũ vẫn dùng được."
                )
            if Article.objects.filter(slug=values["slug"]).exclude(pk=locked.pk).exists():
                raise Conflict(f"Đường dẫn “{values['slug']}” đã được dùng cho tin bài khác.")
        changed = [name for name in EDITABLE_FIELDS if values[name] != current[name]]
        if not changed:
            return locked
        before = {name: current[name] for name in changed}
        for name in changed:
            setattr(locked, name, values[name])
        locked.search_text = _search(locked)
        locked.updated_at = now
        try:
            with transaction.atomic():
                locked.save(update_fields=[*changed, "search_text", "updated_at"])
        except IntegrityError as exc:
            raise Conflict(f"Đường dẫn “{values['slug']}” đã được dùng cho tin bài khác.") from exc
        audit_record(
            actor=actor,
            action="article.update",
            obj=locked,
            before=before,
            after={name: values[name] for name in changed},
            at=now,
        )
    return locked


def _transition(
    *,
    actor: Any,
    article: Article,
    action: str,
    allowed_from: set[str],
    to: str,
    approver_only: bool,
    at: dt.datetime | None,
) -> Article:
    now = at or timezone.now()
    with transaction.atomic():
        locked = _locked(article)
        if approver_only:
            access.ensure_approve(actor, locked.agency)
        else:
            access.ensure_write(actor, locked.agency)
        if locked.status not in allowed_from:
            raise Conflict(
                f"Tin bài đang ở trạng thái “{locked.get_status_display()}”, không thể "
                f"chuyển sang “{ArticleStatus(to).label}”."
            )
        before = _snapshot(locked)
        fields = ["status", "updated_at"]
        locked.status = to
        locked.updated_at = now
        if to == ArticleStatus.PENDING:
            locked.submitted_at = now
            fields.append("submitted_at")
        elif to == ArticleStatus.PUBLISHED:
            locked.published_at = now
            locked.approver = actor
            locked.unpublished_at = None
            fields += ["published_at", "approver", "unpublished_at"]
        elif to == ArticleStatus.UNPUBLISHED:
            locked.unpublished_at = now
            fields.append("unpublished_at")
        locked.save(update_fields=fields)
        _audit(actor=actor, action=action, article=locked, before=before, at=now)
    return locked


def article_submit(*, actor: Any, article: Article, at: dt.datetime | None = None) -> Article:
    """An editor sends a draft (or a taken-down article) for approval."""
    return _transition(
        actor=actor,
        article=article,
        action="article.submit",
        allowed_from={ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED},
        to=ArticleStatus.PENDING,
        approver_only=False,
        at=at,
    )


def article_return(*, actor: Any, article: Article, at: dt.datetime | None = None) -> Article:
    """An approver sends an article awaiting approval back to the editors as a draft."""
    return _transition(
        actor=actor,
        article=article,
        action="article.return",
        allowed_from={ArticleStatus.PENDING},
        to=ArticleStatus.DRAFT,
        approver_only=True,
        at=at,
    )


def article_publish(*, actor: Any, article: Article, at: dt.datetime | None = None) -> Article:
    """An approver publishes an article awaiting approval: it appears on the portal from ``at``."""
    return _transition(
        actor=actor,
        article=article,
        action="article.publish",
        allowed_from={ArticleStatus.PENDING},
        to=ArticleStatus.PUBLISHED,
        approver_only=True,
        at=at,
    )


def article_unpublish(*, actor: Any, article: Article, at: dt.datetime | None = None) -> Article:
    """An approver takes a published article down: the portal answers 404 for it from then on."""
    return _transition(
        actor=actor,
        article=article,
        action="article.unpublish",
        allowed_from={ArticleStatus.PUBLISHED},
        to=ArticleStatus.UNPUBLISHED,
        approver_only=True,
        at=at,
    )


# --- readers -------------------------------------------------------------------------------------
def article_view_record(*, article_id: int, at: dt.datetime | None = None) -> bool:
    """Count one view of a published article: the total and the row of the day (local date), both
    incremented by the database (``F() + 1``), so simultaneous views are never lost. The day row is
    created when missing; when two first views of a day race, the loser's insert hits the unique
    (article, day) constraint inside a savepoint and it increments the winner's row instead.
    Returns False (and writes nothing) when the article is not published."""
    day = timezone.localdate(at or timezone.now())
    with transaction.atomic():
        counted = Article.objects.filter(pk=article_id, status=ArticleStatus.PUBLISHED).update(
            view_count=F("view_count") + 1
        )
        if not counted:
            return False
        rows = ArticleViewDay.objects.filter(article_id=article_id, day=day)
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    ArticleViewDay.objects.create(article_id=article_id, day=day, count=1)
            except IntegrityError:
                rows.update(count=F("count") + 1)
    return True


def article_views_import(*, actor: Any, article: Article, days: Mapping[dt.date, int]) -> int:
    """Load the daily views of an article kept elsewhere (the demo, a migration from the old portal):
    only into an article with no views yet; the total becomes the sum. Returns the views loaded."""
    access.ensure_approve(actor, article.agency)
    if any(n < 0 for n in days.values()):
        raise InvalidInput("Số lượt xem không được âm.")
    with transaction.atomic():
        locked = _locked(article)
        if locked.view_count or ArticleViewDay.objects.filter(article=locked).exists():
            raise Conflict("Tin bài đã có số liệu lượt xem.")
        ArticleViewDay.objects.bulk_create(
            [ArticleViewDay(article=locked, day=d, count=n) for d, n in sorted(days.items()) if n]
        )
        total = sum(days.values())
        Article.objects.filter(pk=locked.pk).update(view_count=total)
        audit_record(
            actor=actor,
            action="article.views_import",
            obj=locked,
            after={"view_count": total, "days": len([n for n in days.values() if n])},
        )
    return total


def visitor_key_for_user(user: Any) -> str:
    return f"u{user.pk}"


def article_rate(
    *, article_id: int, visitor: str, value: Any, user: Any = None, at: dt.datetime | None = None
) -> ArticleRating:
    """One reader's rating (1–5) of a published article. A reader rates an article once: a second
    rating is refused (``Conflict``), by the unique (article, visitor) constraint."""
    score = 0
    if isinstance(value, int) and not isinstance(value, bool):
        score = value
    elif isinstance(value, str) and value.strip().isdigit():
        score = int(value.strip())
    if not 1 <= score <= 5:
        raise InvalidInput("Điểm đánh giá phải là số nguyên từ 1 đến 5.")
    visitor = (visitor or "").strip()
    if not visitor or len(visitor) > 64:
        raise InvalidInput("Không xác định được người đánh giá.")
    if not Article.objects.filter(pk=article_id, status=ArticleStatus.PUBLISHED).exists():
        raise NotFound("Không tìm thấy tin bài.")
    user_id = getattr(user, "pk", None) if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            return ArticleRating.objects.create(
                article_id=article_id,
                visitor=visitor,
                user_id=user_id,
                value=score,
                created_at=at or timezone.now(),
            )
    except IntegrityError as exc:
        raise Conflict("Bạn đã đánh giá tin bài này rồi. Mỗi người đọc chỉ đánh giá một lần.") from exc
