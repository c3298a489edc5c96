"""Browser tests of the telecom indicators: officer Khánh reads the dashboard with the district map
(desktop and phone), and an Excel import with a bad cell is refused with the row/column list in
Vietnamese, nothing saved. Screenshots: sector-*.png."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from playwright.sync_api import expect

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.sector.demo import sector_demo_load
from tinhso.sector.excel import COLUMNS
from tinhso.sector.models import IndicatorReport

from .conftest import PHONE, sign_in


def test_dashboard_with_the_map(page, new_context, screenshot, persona):
    khanh = persona("khanh")
    sector_demo_load()
    sign_in(page, khanh.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Chỉ tiêu viễn thông").first.click()
    expect(page.get_by_role("heading", name="Chỉ tiêu viễn thông năm 2017", level=1)).to_be_visible()
    page.locator("select[name=year]").select_option("2016")
    page.locator("select[name=indicator]").select_option(label="Thuê bao điện thoại (cố định + di động)")
    page.locator("select[name=measure]").select_option(label="Trên 100 dân")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", name="Chỉ tiêu viễn thông năm 2016", level=1)).to_be_visible()
    expect(page.locator("select[name=year]")).to_have_value("2016")
    expect(page.locator("body")).not_to_contain_text("2.016")
    overview = page.locator("#overview-title + table")
    expect(overview).to_contain_text("+41.684")
    expect(overview).to_contain_text("+35")
    districts = page.locator("svg.map path")
    expect(districts).to_have_count(8)
    fills = {districts.nth(i).get_attribute("fill") for i in range(8)}
    assert len(fills) >= 4, fills
    legend = page.locator("svg.map text.legend").all_text_contents()
    assert len(legend) == len(set(legend)) == 5, legend
    expect(page.locator("svg.map path[data-code='930'] title")).to_have_text(
        re.compile(r"^Thành phố Vị Thanh: 1\d\d,\d\d$")
    )
    screenshot("sector-1-dashboard")
    page.locator("svg.map").scroll_into_view_if_needed()
    screenshot("sector-2-map", full_page=False)

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, khanh.email, DEMO_PASSWORD)
    phone.goto("/quan-tri/nganh/?year=2017&indicator=fixed_bb&measure=density")
    expect(phone.get_by_role("heading", name="Chỉ tiêu viễn thông năm 2017", level=1)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = phone.locator("svg.map").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["width"] > PHONE["width"] * 0.6
    screenshot("sector-3-dashboard-phone", of=phone)


def _workbook(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([h for _, h in COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_import_with_errors_saves_nothing(page, screenshot, persona, tmp_path):
    khanh = persona("khanh")
    sector_demo_load()
    before = IndicatorReport.objects.count()
    bad = tmp_path / "bao-cao-quy-1-2017.xlsx"
    bad.write_bytes(
        _workbook(
            [
                [2017, 1, "vnpt", "930", "Thành phố Vị Thanh", 61, 2100, 42000, 5200, 19000],
                [2017, 1, "viettel", "930", "Thành phố Vị Thanh", "tám mươi", 300, 51000, 3500, 24000],
                [2017, 1, "abc", "931", "Thị xã Ngã Bảy", 20, 500, 20000, -4, 9000],
            ]
        )
    )
    sign_in(page, khanh.email, DEMO_PASSWORD)
    page.goto("/quan-tri/nganh/bao-cao/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp báo cáo (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    errors = page.locator("#import-errors")
    expect(errors).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Danh sách lỗi \(\d+\)"))).to_be_visible()
    expect(errors).to_contain_text("Trạm BTS")
    rows = errors.locator("tbody tr")
    texts = rows.all_inner_texts()
    assert any(re.search(r"^3\s+F\s", t) for t in texts), texts  # row 3, column F: the BTS count
    assert any(re.search(r"^4\s+C\s", t) for t in texts), texts  # row 4, column C: unknown operator
    assert any(re.search(r"^4\s+I\s", t) for t in texts), texts  # row 4, column I: a negative number
    expect(page.locator("body")).to_contain_text("không dòng nào được lưu")
    screenshot("sector-4-import-errors")
    assert IndicatorReport.objects.count() == before
    assert not IndicatorReport.objects.filter(year=2017, period=1).exists()

    phone_width = PHONE["width"]
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= phone_width
    screenshot("sector-5-import-errors-phone")
