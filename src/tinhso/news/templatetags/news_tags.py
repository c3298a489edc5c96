"""``{% latest_news 4 as articles %}``: the newest published articles, for the portal's home page."""

from __future__ import annotations

from django import template

from tinhso.news.models import Article
from tinhso.news.selectors import latest_articles

register = template.Library()


@register.simple_tag
def latest_news(limit: int = 4) -> list[Article]:
    return latest_articles(limit=limit)
