"""Browser test: inspector Long records an inspection with a fine (violation, sanction decision, payment)
and director Em sees it in the year's totals. Screenshots: inspection-*.png."""

from __future__ import annotations

import importlib
import re

import pytest
from playwright.sync_api import expect

from tinhso.demo.personas import DEMO_PASSWORD

from .conftest import sign_in


@pytest.fixture(autouse=True)
def _sanction_decrees(transactional_db):
    """The decrees come from a data migration; browser tests flush the database between tests,
    so put them back the way the migration does."""
    from django.apps import apps

    importlib.import_module("tinhso.inspections.migrations.0002_sanction_decrees").forwards(apps, None)


def test_an_inspection_with_a_fine(page, new_context, screenshot, persona):
    long_ = persona("long")
    director = persona("em")
    sign_in(page, long_.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Cuộc thanh tra, kiểm tra").click()
    page.get_by_role("link", name="Thêm cuộc thanh tra, kiểm tra").click()
    page.get_by_label("Hình thức").select_option(label="Kiểm tra")
    page.get_by_label("Lĩnh vực").select_option(label="Internet")
    page.get_by_label("Căn cứ").select_option(label="Đột xuất")
    page.get_by_label("Đối tượng thanh tra, kiểm tra").fill("Điểm trò chơi điện tử Hoàng Phát")
    page.get_by_label("Ngày bắt đầu").fill("13/06/2016")
    page.get_by_label("Ngày kết thúc").fill("14/06/2016")
    page.get_by_label("Trưởng đoàn").fill("Trương Văn Long")
    screenshot("inspection-1-create")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=re.compile("Điểm trò chơi điện tử Hoàng Phát"))).to_be_visible()

    page.get_by_role("link", name="Thêm vi phạm").click()
    page.get_by_label("Tổ chức, cá nhân vi phạm").fill("Điểm trò chơi điện tử Hoàng Phát")
    page.get_by_label("Loại đối tượng").select_option(label="Cá nhân")
    page.get_by_label("Hành vi vi phạm").fill(
        "Kinh doanh điểm cung cấp dịch vụ trò chơi điện tử công cộng không có giấy chứng nhận đủ điều kiện"
    )
    page.get_by_label("Điều khoản vi phạm").fill("điểm a khoản 3 Điều 34")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Nghị định 174/2013/NĐ-CP")).to_be_visible()

    page.get_by_role("link", name="Ra quyết định xử phạt").click()
    page.get_by_label("Số quyết định").fill("07/XPHC")
    page.get_by_label("Ngày quyết định").fill("20/06/2016")
    page.get_by_label("Số biên bản vi phạm hành chính").fill("07/BB-VPHC")
    page.get_by_label("Người ra quyết định").fill("Chánh Thanh tra Sở")
    page.get_by_label("Hình thức xử phạt chính").select_option(label="Phạt tiền")
    page.get_by_label("Số tiền phạt (đồng)").fill("4.000.000")
    page.get_by_label("Hạn nộp phạt").fill("30/06/2016")
    page.get_by_label("Tình trạng nộp phạt").select_option(label="Chưa nộp")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("không đúng dạng …/QĐ-XPHC")
    screenshot("inspection-2-decision-error")
    page.get_by_label("Số quyết định").fill("07/QĐ-XPHC")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#fine-total")).to_have_text("4.000.000 đồng")
    expect(page.get_by_text("Chưa nộp")).to_be_visible()

    page.get_by_role("link", name="Sửa quyết định").click()
    page.get_by_label("Tình trạng nộp phạt").select_option(label="Đã nộp")
    page.get_by_label("Ngày nộp").fill("25/06/2016")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã nộp ngày 25/06/2016")).to_be_visible()
    screenshot("inspection-3-with-fine")

    boss = new_context().new_page()
    sign_in(boss, director.email, DEMO_PASSWORD)
    boss.goto("/quan-tri/thanh-tra/?year=2016")
    expect(boss.locator("#totals")).to_contain_text("1 cuộc (0 theo kế hoạch, 1 đột xuất)")
    expect(boss.locator("#totals")).to_contain_text("đã nộp ngân sách Nhà nước 4.000.000 đồng")
    expect(boss.get_by_role("button", name="Lưu kế hoạch")).to_have_count(0)
    screenshot("inspection-4-director-summary", of=boss)
