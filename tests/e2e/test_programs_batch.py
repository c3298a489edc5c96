"""Browser test: officer Khánh prepares a set-top-box batch (eligible households into the draft list),
director Em approves it (the list is frozen), and the officer then starts the deliveries.
Screenshots: programs-*.png."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.programs.models import Batch, Poverty
from tinhso.programs.selectors import communes_of_year
from tinhso.programs.services import household_create

from .conftest import PHONE, sign_in


@pytest.fixture
def registry(persona):
    khanh = persona("khanh")
    xa = communes_of_year(2016)[:2]
    people = [
        ("Nguyễn Thị Lan", Poverty.POOR, True),
        ("Trần Văn Hùng", Poverty.NEAR_POOR, True),
        ("Lê Văn Tám", Poverty.POOR, True),
        ("Phạm Thị Hoa", Poverty.NONE, True),  # not on a poor or near-poor list
        ("Võ Văn Sáu", Poverty.POOR, False),  # no pledge
    ]
    for i, (name, poverty, pledge) in enumerate(people):
        household_create(
            actor=khanh,
            head_name=name,
            citizen_id=f"36320000{i}",
            hamlet=f"Ấp {i + 1}",
            commune=xa[i % 2],
            poverty=poverty,
            list_year=2016 if poverty != Poverty.NONE else None,
            has_analog_tv=True,
            has_receiver=False,
            pledge_signed=pledge,
        )
    return khanh


def test_batch_prepared_by_the_officer_approved_by_the_director(
    new_context, page, screenshot, persona, registry
):
    khanh, em = registry, persona("em")
    sign_in(page, khanh.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Đợt hỗ trợ").first.click()
    page.get_by_role("link", name="Tạo đợt").click()
    page.get_by_label("Đợt số").fill("3")
    page.get_by_label("Tên đợt").fill("Đợt 3 năm 2017")
    page.get_by_label("Năm thực hiện").fill("2017")
    page.get_by_label("Năm danh sách hộ nghèo, cận nghèo").fill("2016")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Đợt 3 năm 2017")).to_be_visible()
    expect(page.locator("#batch-status")).to_have_text("Dự thảo")
    page.get_by_role("button", name="Thêm mọi hộ đủ điều kiện năm 2016").click()
    expect(page.get_by_text("Đã thêm 3 hộ đủ điều kiện vào danh sách.")).to_be_visible()
    # the officer cannot approve: no such button
    expect(page.get_by_role("button", name="Phê duyệt danh sách")).to_have_count(0)
    screenshot("programs-1-draft")
    batch_url = page.url

    director = new_context().new_page()
    sign_in(director, em.email, DEMO_PASSWORD)
    director.goto(batch_url)
    expect(director.locator("#batch-status")).to_have_text("Dự thảo")
    expect(director.get_by_role("button", name=re.compile("Thêm mọi hộ"))).to_have_count(0)
    members = director.locator("#batch-members tbody tr")
    expect(members).to_have_count(3)  # the director sees the list before approving it
    expect(director.locator("#batch-members")).to_contain_text("Nguyễn Thị Lan")
    expect(director.locator("#batch-members")).not_to_contain_text("Phạm Thị Hoa")  # not poor or near-poor
    expect(director.locator("#batch-members")).not_to_contain_text("Võ Văn Sáu")  # no pledge
    director.get_by_label("Quyết định phê duyệt").fill("215/QĐ-STTTT")
    screenshot("programs-2-approve", of=director)
    director.get_by_role("button", name="Phê duyệt danh sách").click()
    expect(director.get_by_text("Đã phê duyệt đợt; danh sách hộ đã được khóa.")).to_be_visible()
    expect(director.locator("#batch-status")).to_have_text("Đã phê duyệt")
    today = timezone.localdate().strftime("%d/%m/%Y")
    expect(director.locator(".facts")).to_contain_text(f"{today} — 215/QĐ-STTTT")
    expect(director.locator(".facts")).to_contain_text("3 / 0")
    screenshot("programs-3-approved", of=director)
    batch = Batch.objects.get(number=3)
    assert batch.status == Batch.Status.APPROVED and batch.approved_by == em and batch.members.count() == 3

    page.reload()
    expect(page.locator("#batch-status")).to_have_text("Đã phê duyệt")
    expect(page.get_by_role("button", name=re.compile("Thêm mọi hộ"))).to_have_count(0)  # frozen
    page.get_by_role("button", name="Bắt đầu cấp phát").click()
    expect(page.locator("#batch-status")).to_have_text("Đang cấp phát")
    screenshot("programs-4-delivering")

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, em.email, DEMO_PASSWORD)
    phone.goto(batch_url)
    expect(phone.locator("#batch-status")).to_have_text("Đang cấp phát")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("programs-5-batch-phone", of=phone)
