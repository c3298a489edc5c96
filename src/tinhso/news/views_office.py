"""Back-office pages of the portal's news: the list, the form (create, edit) and the transitions.

Thin: check the role, validate the form, call a service, render. Bad input is answered 400 with the
Vietnamese messages and nothing is written; a refusal of a service carries its own status (403, 409)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from tinhso.core.audit import audit_history
from tinhso.core.errors import DomainError
from tinhso.news import access, selectors, services
from tinhso.news.forms import ArticleForm, OfficeFilter
from tinhso.news.models import Article, ArticleStatus
from tinhso.org.models import Agency

PAGE_SIZE = 20

ACTIONS = {
    "trinh-duyet": (services.article_submit, "Đã trình duyệt tin bài."),
    "dang": (services.article_publish, "Đã đăng tin bài lên Cổng thông tin."),
    "tra-lai": (services.article_return, "Đã trả lại tin bài cho biên tập viên."),
    "go-xuong": (services.article_unpublish, "Đã gỡ tin bài khỏi Cổng thông tin."),
}
ACTION_LABELS = {
    "trinh-duyet": "Trình duyệt",
    "dang": "Duyệt và đăng",
    "tra-lai": "Trả lại để sửa",
    "go-xuong": "Gỡ xuống",
}

ACTION_LOG_LABELS = {
    "article.create": "Tạo bản nháp",
    "article.update": "Sửa nội dung",
    "article.submit": "Trình duyệt",
    "article.return": "Trả lại để sửa",
    "article.publish": "Duyệt và đăng",
    "article.unpublish": "Gỡ xuống",
    "article.views_import": "Nhập số liệu lượt xem",
}


def _ensure_office(user: Any) -> None:
    if not access.can_read(user):
        raise PermissionDenied("Bạn không có quyền quản lý tin bài của Cổng thông tin.")


def _article(request: HttpRequest, pk: int) -> Article:
    article = Article.objects.select_related("agency", "author", "approver").filter(pk=pk).first()
    if article is None:
        raise Http404("Không tìm thấy tin bài.")
    if not access.can_read(request.user, article.agency):
        raise PermissionDenied("Tin bài này thuộc cơ quan khác: bạn không có quyền xem.")
    return article


def _actions(user: Any, article: Article) -> list[tuple[str, str]]:
    """(slug, label) of the transitions ``user`` may make now."""
    writer = access.can_write(user, article.agency)
    approver = access.can_approve(user, article.agency)
    out = []
    if writer and article.status in (ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED):
        out.append("trinh-duyet")
    if approver and article.status == ArticleStatus.PENDING:
        out += ["dang", "tra-lai"]
    if approver and article.status == ArticleStatus.PUBLISHED:
        out.append("go-xuong")
    return [(a, ACTION_LABELS[a]) for a in out]


def _editable(user: Any, article: Article) -> bool:
    if article.status in (ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED):
        return access.can_write(user, article.agency) or access.can_approve(user, article.agency)
    return article.status == ArticleStatus.PENDING and access.can_approve(user, article.agency)


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    _ensure_office(request.user)
    filters = OfficeFilter(request.GET or None)
    status = q = ""
    if filters.is_valid():
        status, q = filters.cleaned_data["status"], filters.cleaned_data["q"].strip()
    qs = selectors.office_articles(user=request.user, status=status or None, q=q or None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    counts = selectors.office_status_counts(user=request.user)
    query = {k: v for k, v in {"status": status, "q": q}.items() if v}
    return render(
        request,
        "news/office_list.html",
        {
            "filters": filters,
            "page": page,
            "status": status,
            "tabs": [
                ("", "Tất cả", sum(counts.values())),
                *[(v, label, counts.get(v, 0)) for v, label in ArticleStatus.choices],
            ],
            "q": q,
            "page_query": urlencode(query),
            "can_create": bool(access.writable_departments(request.user)),
        },
        status=200 if filters.is_valid() or not request.GET else 400,
    )


def _form_page(
    request: HttpRequest,
    *,
    form: ArticleForm,
    article: Article | None,
    departments: list[Agency],
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    if error and form.is_bound:
        form.add_error(None, error)
        error = ""
    history = []
    if article is not None:
        for entry in audit_history(obj=article):
            history.append((entry, ACTION_LOG_LABELS.get(entry.action, entry.action)))
    return render(
        request,
        "news/office_form.html",
        {
            "form": form,
            "article": article,
            "departments": departments,
            "editable": article is None or _editable(request.user, article),
            "actions": _actions(request.user, article) if article is not None else [],
            "history": history,
            "error": error,
            "public_url": (
                reverse("portal:news_article", args=[article.slug])
                if article is not None and article.status == ArticleStatus.PUBLISHED
                else ""
            ),
        },
        status=status,
    )


@login_required
def article_create(request: HttpRequest) -> HttpResponse:
    _ensure_office(request.user)
    departments = access.writable_departments(request.user)
    if not departments:
        raise PermissionDenied("Chỉ biên tập viên mới được viết tin bài.")
    form = ArticleForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _form_page(request, form=form, article=None, departments=departments)
    if not form.is_valid():
        return _form_page(request, form=form, article=None, departments=departments, status=400)
    try:
        article = services.article_create(actor=request.user, agency=departments[0], **form.cleaned_data)
    except DomainError as exc:
        return _form_page(
            request, form=form, article=None, departments=departments, status=exc.status, error=exc.message
        )
    messages.success(request, "Đã lưu bản nháp tin bài.")
    return redirect("news_office:edit", pk=article.pk)


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    initial = {name: getattr(article, name) for name in services.EDITABLE_FIELDS}
    if request.method != "POST":
        return _form_page(request, form=ArticleForm(initial=initial), article=article, departments=[])
    if not _editable(request.user, article):
        raise PermissionDenied("Bạn không được sửa tin bài ở trạng thái này.")
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, article=article, departments=[], status=400)
    try:
        services.article_update(actor=request.user, article=article, changes=form.cleaned_data)
    except DomainError as exc:
        return _form_page(
            request, form=form, article=article, departments=[], status=exc.status, error=exc.message
        )
    messages.success(request, "Đã lưu thay đổi.")
    return redirect("news_office:edit", pk=article.pk)


@login_required
@require_POST
def article_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    article = _article(request, pk)
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    service, done = ACTIONS[action]
    try:
        service(actor=request.user, article=article)
    except DomainError as exc:
        initial = {name: getattr(article, name) for name in services.EDITABLE_FIELDS}
        return _form_page(
            request,
            form=ArticleForm(initial=initial),
            article=article,
            departments=[],
            status=exc.status,
            error=exc.message,
        )
    messages.success(request, done)
    return redirect("news_office:edit", pk=article.pk)
