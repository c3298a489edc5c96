"""The portal's news pages: the list (search, category, pages), one article (its view is counted) and
the rating form. Readers are identified for rating by a signed cookie (``VISITOR_COOKIE``) holding a
random id, or by their account when signed in; never by their IP address."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tinhso.core.errors import DomainError
from tinhso.news import selectors, services
from tinhso.news.models import Article, Category

PAGE_SIZE = 10
MAX_QUERY = 100
VISITOR_COOKIE = "tinhso_doc_gia"
VISITOR_SALT = "tinhso.news.visitor"
VISITOR_MAX_AGE = 2 * 365 * 24 * 3600
RATING_CHOICES = [
    (1, "Kém"),
    (2, "Trung bình"),
    (3, "Khá"),
    (4, "Tốt"),
    (5, "Rất tốt"),
]


def visitor_key(request: HttpRequest) -> str | None:
    """``u<id>`` for a signed-in reader, ``c<uuid>`` from a valid signed cookie, else None."""
    if request.user.is_authenticated:
        return services.visitor_key_for_user(request.user)
    value = request.get_signed_cookie(
        VISITOR_COOKIE, default=None, salt=VISITOR_SALT, max_age=VISITOR_MAX_AGE
    )
    if value and len(value) == 32 and value.isalnum():
        return f"c{value}"
    return None


def article_list(request: HttpRequest) -> HttpResponse:
    """``/tin-tuc/?q=chu ky so&chuyen-muc=tin_hoat_dong&trang=2``"""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    category = request.GET.get("chuyen-muc", "").strip()
    if category not in Category.values:
        category = ""
    articles = selectors.published_articles(q=query or None, category=category or None)
    paginator = Paginator(articles, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    filters = {k: v for k, v in {"q": query, "chuyen-muc": category}.items() if v}
    return render(
        request,
        "portal/news.html",
        {
            "articles": list(page.object_list),
            "page": page,
            "total": paginator.count,
            "query": query,
            "category": category,
            "categories": Category.choices,
            "filtered": bool(filters),
            "page_query": urlencode(filters),
        },
    )


def _article_page(
    request: HttpRequest, article: Article, *, status: int = 200, error: str = "", chosen: str = ""
) -> HttpResponse:
    visitor = visitor_key(request)
    related = [a for a in selectors.published_articles(category=article.category)[:6] if a.pk != article.pk][
        :5
    ]
    return render(
        request,
        "portal/news_article.html",
        {
            "article": article,
            "rating": selectors.article_rating(article_id=article.pk),
            "my_rating": selectors.visitor_rating(article_id=article.pk, visitor=visitor),
            "choices": RATING_CHOICES,
            "rating_error": error,
            "chosen": chosen,
            "related": related,
        },
        status=status,
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.published_article(slug=slug)
    if article is None:
        raise Http404(_("Không tìm thấy tin bài."))
    if request.method == "GET" and services.article_view_record(article_id=article.pk):
        article.view_count += 1
    return _article_page(request, article)


@require_POST
def article_rate(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.published_article(slug=slug)
    if article is None:
        raise Http404(_("Không tìm thấy tin bài."))
    value = request.POST.get("diem", "")
    new_cookie = None
    visitor = visitor_key(request)
    if visitor is None:
        new_cookie = uuid.uuid4().hex
        visitor = f"c{new_cookie}"
    try:
        rating = services.article_rate(article_id=article.pk, visitor=visitor, value=value, user=request.user)
    except DomainError as exc:
        return _article_page(request, article, status=exc.status, error=exc.message, chosen=value)
    messages.success(
        request,
        _("Cảm ơn bạn đã đánh giá tin bài: %(value)s/5 điểm. Ý kiến của bạn đã được ghi nhận.")
        % {"value": rating.value},
    )
    response = redirect("portal:news_article", slug=article.slug)
    if new_cookie is not None:
        response.set_signed_cookie(
            VISITOR_COOKIE,
            new_cookie,
            salt=VISITOR_SALT,
            max_age=VISITOR_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def signed_visitor_cookie(value: str) -> str:
    """The cookie value ``set_signed_cookie`` would store (for tests)."""
    return signing.get_cookie_signer(salt=VISITOR_COOKIE + VISITOR_SALT).sign(value)
