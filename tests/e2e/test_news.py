"""The portal's news in a real browser: a reader on a phone opens the list, an article and rates it;
editor Mai writes and submits an article, director Em publishes it, and it is on the portal.
Screenshots in test-artifacts/screenshots/news-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.news.demo import news_demo_load
from tinhso.news.models import Article, ArticleRating, ArticleStatus

from .conftest import PHONE, sign_in

SEED_TITLE = "Sở Thông tin và Truyền thông tỉnh Hậu Giang triển khai nhiệm vụ công tác năm 2017"


@pytest.fixture
def news(persona: Any) -> dict[str, Any]:
    mai, em = persona("mai"), persona("em")
    news_demo_load()
    return {"mai": mai, "em": em}


def test_reader_on_a_phone_reads_and_rates(news: dict[str, Any], new_context: Any, screenshot: Any) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Tin tức mới")).to_be_visible()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Tin tức").click()
    expect(page.get_by_role("heading", name="Tin tức", exact=True)).to_be_visible()
    expect(page.get_by_text("40 tin bài.")).to_be_visible()
    screenshot("news-list-phone", of=page)
    page.get_by_label("Tìm tin bài").fill("trien khai nhiem vu nam 2017")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name=SEED_TITLE).click()
    expect(page.get_by_role("heading", level=1, name=SEED_TITLE)).to_be_visible()
    expect(page.get_by_text("29/12/2016").first).to_be_visible()
    article = Article.objects.get(title=SEED_TITLE)
    before = ArticleRating.objects.filter(article=article).count()
    screenshot("news-article-phone", of=page)
    page.get_by_role("radio", name="4 – Tốt").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá tin bài: 4/5 điểm.")).to_be_visible()
    expect(page.get_by_text("Bạn đã đánh giá bài viết này 4/5 điểm.")).to_be_visible()
    expect(page.get_by_text(f"{before + 1} lượt đánh giá")).to_be_visible()
    screenshot("news-rated-phone", of=page)
    assert ArticleRating.objects.filter(article=article).count() == before + 1
    # reloading the page does not offer the form again
    page.reload()
    expect(page.get_by_role("button", name="Gửi đánh giá")).to_have_count(0)


def test_editor_writes_director_publishes(news: dict[str, Any], new_context: Any, screenshot: Any) -> None:
    editor = new_context().new_page()
    sign_in(editor, news["mai"].email, DEMO_PASSWORD)
    editor.goto("/quan-tri/")
    editor.get_by_role("link", name="Tin bài cổng thông tin").click()
    editor.get_by_role("link", name="Viết tin bài mới").click()
    editor.get_by_label("Tiêu đề").fill("Hậu Giang tập huấn an toàn thông tin cho cán bộ cấp huyện")
    editor.get_by_label("Chuyên mục").select_option(label="Chuyển đổi số")
    editor.get_by_label("Tóm tắt").fill(
        "Sở Thông tin và Truyền thông tập huấn an toàn thông tin cho 8 huyện."
    )
    editor.get_by_label("Nội dung").fill(
        "Lớp tập huấn diễn ra trong hai ngày tại Vị Thanh.\n\nHọc viên thực hành phòng chống mã độc."
    )
    editor.get_by_role("button", name="Lưu bản nháp").click()
    expect(editor.get_by_text("Đã lưu bản nháp tin bài.")).to_be_visible()
    editor.get_by_role("button", name="Trình duyệt").click()
    expect(editor.get_by_text("Đã trình duyệt tin bài.")).to_be_visible()
    expect(editor.get_by_role("button", name="Duyệt và đăng")).to_have_count(0)
    screenshot("news-office-submitted", of=editor)

    director = new_context().new_page()
    sign_in(director, news["em"].email, DEMO_PASSWORD)
    director.goto("/quan-tri/tin-tuc/")
    director.get_by_role("link", name=re.compile("^Chờ duyệt")).click()
    screenshot("news-office-pending", of=director)
    director.get_by_role("link", name="Hậu Giang tập huấn an toàn thông tin cho cán bộ cấp huyện").click()
    director.get_by_role("button", name="Duyệt và đăng").click()
    expect(director.get_by_text("Đã đăng tin bài lên Cổng thông tin.")).to_be_visible()
    screenshot("news-office-published", of=director)
    article = Article.objects.get(slug="hau-giang-tap-huan-an-toan-thong-tin-cho-can-bo-cap-huyen")
    assert article.status == ArticleStatus.PUBLISHED and article.approver == news["em"]
    director.get_by_role("link", name="Xem trên Cổng thông tin").click()
    expect(director.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(director.get_by_text("Học viên thực hành phòng chống mã độc.")).to_be_visible()
    screenshot("news-article-desktop", of=director)
