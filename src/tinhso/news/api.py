"""Portal news API: the published articles (search without tone marks, category, paging) and one
article. Drafts, articles awaiting approval and those taken down are not found (404)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from tinhso.api.pagination import Paging
from tinhso.core.errors import InvalidInput, NotFound
from tinhso.news import selectors
from tinhso.news.models import Article, Category

router = Router(tags=["Tin tức"])


class ArticleListItem(Schema):
    slug: str
    title: str
    summary: str
    category: str
    category_label: str
    published_at: dt.datetime
    view_count: int


class ArticleRatingOut(Schema):
    count: int
    average: float | None


class ArticleOut(ArticleListItem):
    paragraphs: list[str]
    agency_code: str
    agency_name: str
    rating: ArticleRatingOut


class NewsFilter(Schema):
    q: str | None = None
    category: str | None = None


def _item(a: Article) -> ArticleListItem:
    return ArticleListItem(
        slug=a.slug,
        title=a.title,
        summary=a.summary,
        category=a.category,
        category_label=str(a.get_category_display()),
        published_at=a.published_at,  # type: ignore[arg-type]
        view_count=a.view_count,
    )


class _Rows:
    """A lazy list for the paginator: counts and slices the queryset, converts only the page."""

    def __init__(self, qs: object) -> None:
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()  # type: ignore[attr-defined,no-any-return]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[ArticleListItem]:
        return [_item(a) for a in self.qs[item]]  # type: ignore[index]


@router.get("/", response=list[ArticleListItem], summary="Tin bài đã đăng")
@paginate(Paging)
def article_list(request: HttpRequest, filters: Query[NewsFilter]) -> list[ArticleListItem]:
    """Mới nhất trước; ``q`` tìm không phân biệt dấu (``chu ky so`` tìm thấy «chữ ký số»);
    ``category`` là mã chuyên mục (tin_hoat_dong, thong_bao, …)."""
    if filters.category and filters.category not in Category.values:
        raise InvalidInput(
            f"Chuyên mục “{filters.category}” không có. Các chuyên mục: {', '.join(Category.values)}.",
            code="invalid_category",
        )
    q = (filters.q or "").strip()[:100] or None
    return _Rows(selectors.published_articles(q=q, category=filters.category))  # type: ignore[return-value]


@router.get("/{slug}", response=ArticleOut, summary="Một tin bài đã đăng")
def article_detail(request: HttpRequest, slug: str) -> ArticleOut:
    article = selectors.published_article(slug=slug)
    if article is None:
        raise NotFound(f"Không tìm thấy tin bài “{slug}”.", code="article_not_found")
    rating = selectors.article_rating(article_id=article.pk)
    return ArticleOut(
        **_item(article).dict(),
        paragraphs=article.paragraphs(),
        agency_code=article.agency.code,
        agency_name=article.agency.name,
        rating=ArticleRatingOut(
            count=rating.count, average=round(rating.average, 2) if rating.average else None
        ),
    )
