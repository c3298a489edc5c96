"""The public directory of procedures and the procedure page (Django test client, demo catalogue)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRINTING = "Cấp giấy phép hoạt động in"
POSTAL = "1.004030"  # Cấp giấy phép bưu chính (phạm vi nội tỉnh): 30 days, 10,750,000 VND


def _names(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/thu-tuc/[^"]+/">([^<]+)</a></h2>', html)


def test_accent_insensitive_search_finds_printing_licence(client: Any, catalog: None) -> None:
    response = client.get(reverse("catalog:directory"), {"q": "giay phep in"})
    assert response.status_code == 200
    names = _names(response.content.decode())
    assert PRINTING in names
    assert "Cho phép họp báo (trong nước)" not in names  # no "giấy phép" in it
    assert len(names) < 28


def test_search_with_diacritics_and_d_stroke(client: Any, catalog: None) -> None:
    names = _names(client.get(reverse("catalog:directory"), {"q": "ĐĂNG KÝ hoạt động"}).content.decode())
    assert "Đăng ký hoạt động cơ sở in" in names
    names = _names(client.get(reverse("catalog:directory"), {"q": "dang ky hoat dong"}).content.decode())
    assert "Đăng ký hoạt động cơ sở in" in names


def test_no_match_says_so(client: Any, catalog: None) -> None:
    html = client.get(reverse("catalog:directory"), {"q": "zzzz"}).content.decode()
    assert "Tìm thấy 0 thủ tục." in html and "Không tìm thấy thủ tục nào khớp với “zzzz”." in html


def test_filters_by_domain_agency_and_level(client: Any, catalog: None) -> None:
    from tinhso.catalog.models import Domain, Procedure

    postal = Domain.objects.get(procedures__national_code=POSTAL)
    html = client.get(reverse("catalog:directory"), {"linh-vuc": postal.code}).content.decode()
    names = _names(html)
    assert names and set(names) == set(Procedure.objects.filter(domain=postal).values_list("name", flat=True))
    level3 = _names(
        client.get(reverse("catalog:directory"), {"muc-do": "3", "linh-vuc": postal.code}).content.decode()
    )
    assert "Cấp giấy phép bưu chính (phạm vi nội tỉnh)" in level3
    assert "Cấp lại giấy phép bưu chính khi bị mất hoặc hư hỏng không sử dụng được" not in level3  # level 4
    agency = Procedure.objects.get(national_code=POSTAL).agency
    html = client.get(reverse("catalog:directory"), {"co-quan": agency.code, "muc-do": "9"}).content.decode()
    assert len(_names(html)) == min(10, Procedure.objects.filter(agency=agency).count())


def test_pagination_keeps_the_filters(client: Any, catalog: None) -> None:
    from tinhso.catalog.models import Procedure

    total = Procedure.objects.count()
    assert total == 28
    first = client.get(reverse("catalog:directory")).content.decode()
    assert f"Tìm thấy {total} thủ tục." in first
    assert len(_names(first)) == 10
    last = client.get(reverse("catalog:directory"), {"trang": "3"}).content.decode()
    assert len(_names(last)) == total - 20
    assert not set(_names(first)) & set(_names(last))
    html = client.get(reverse("catalog:directory"), {"q": "giay", "trang": "1"}).content.decode()
    if 'rel="next"' in html:
        assert "?q=giay&amp;trang=2" in html
    assert client.get(reverse("catalog:directory"), {"trang": "abc"}).status_code == 200


def test_procedure_page_shows_what_it_requires(client: Any, catalog: None) -> None:
    response = client.get(reverse("catalog:procedure", args=[POSTAL]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cấp giấy phép bưu chính (phạm vi nội tỉnh)</h1>" in html
    assert "10.750.000 đồng" in html
    assert "30 ngày làm việc" in html
    assert "Bưu chính" in html and "Căn cứ pháp lý" in html
    assert "Bản sao có chứng thực" in html or "Bản sao" in html
    assert "Mức độ 3" in html
    assert "240 giờ làm việc" in html  # the steps add up to 30 × 8 hours
    assert f'href="{reverse("onestop_public:start", args=[POSTAL])}"' in html
    assert "Nộp hồ sơ trực tuyến" in html


def test_free_procedure_and_unknown_code(client: Any, catalog: None) -> None:
    html = client.get(reverse("catalog:procedure", args=["1.004494"])).content.decode()
    assert "Không thu" in html and "15 ngày làm việc" in html and "Luật Xuất bản" in html
    assert client.get(reverse("catalog:procedure", args=["9.999999"])).status_code == 404
    assert client.get(reverse("catalog:document_template", args=["1.004494", 1])).status_code == 404


def test_nav_points_to_the_directory(client: Any, catalog: None) -> None:
    html = client.get(reverse("catalog:directory")).content.decode()
    assert f'href="{reverse("catalog:directory")}" aria-current="page"' in html


# --- domains without a procedure of the Department ---------------------------------------------------
EMPTY_DOMAINS = {  # no procedure of these fields is decided by a provincial Department (see the JSON note)
    "vien_thong": "Viễn thông và Internet",
    "tan_so": "Tần số vô tuyến điện",
    "cntt": "Công nghệ thông tin, Điện tử",
}
NONE_HERE = "không có thủ tục hành chính thuộc thẩm quyền giải quyết của Sở"


def _domain_lines(html: str) -> dict[str, str]:
    """The directory's «Thủ tục theo lĩnh vực» list: {domain name: what follows it}."""
    nav = re.search(r'<nav class="card domain-counts".*?</nav>', html, re.S)
    assert nav, html
    return dict(re.findall(r'<li><a href="\?linh-vuc=[^"]+">([^<]+)</a>: ([^<]+)</li>', nav.group(0)))


def test_directory_lists_every_domain_with_its_count(client: Any, catalog: None) -> None:
    from tinhso.catalog.models import Domain, Procedure

    html = client.get(reverse("catalog:directory")).content.decode()
    lines = _domain_lines(html)
    assert list(lines) == list(Domain.objects.order_by("order").values_list("name", flat=True))
    for domain in Domain.objects.all():
        count = Procedure.objects.filter(domain=domain, is_active=True).count()
        expected = f"{count} thủ tục" if count else NONE_HERE
        assert lines[domain.name] == expected, domain.name
    assert {name for name, text in lines.items() if text == NONE_HERE} == set(EMPTY_DOMAINS.values())
    assert sum(int(t.split()[0]) for t in lines.values() if t != NONE_HERE) == Procedure.objects.count()
    for code, name in EMPTY_DOMAINS.items():  # the filter's options say it too
        assert f'<option value="{code}">{name} (không có thủ tục)</option>' in html
    assert '<option value="bao_chi">Báo chí</option>' in html


@pytest.mark.parametrize("code", sorted(EMPTY_DOMAINS))
def test_empty_domain_says_the_department_has_no_procedure_in_it(
    client: Any, catalog: None, code: str
) -> None:
    response = client.get(reverse("catalog:directory"), {"linh-vuc": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy 0 thủ tục." in html and not _names(html)
    assert f"Lĩnh vực “{EMPTY_DOMAINS[code]}” hiện {NONE_HERE}." in html
    assert "Không có thủ tục nào khớp với bộ lọc." not in html
    assert f'<option value="{code}" selected>' in html
    assert 'class="card domain-counts"' not in html  # the per-domain list is on the unfiltered page


def test_filters_matching_nothing_in_a_domain_with_procedures_say_so(client: Any, catalog: None) -> None:
    html = client.get(reverse("catalog:directory"), {"linh-vuc": "buu_chinh", "muc-do": "1"}).content.decode()
    assert "Tìm thấy 0 thủ tục." in html and "Không có thủ tục nào khớp với bộ lọc." in html
    assert NONE_HERE not in html.split("</form>", 1)[1]


def test_a_domain_whose_procedures_are_all_withdrawn_shows_as_empty(client: Any, catalog: None) -> None:
    from tinhso.catalog.models import Procedure

    Procedure.objects.filter(domain__code="bao_chi").update(is_active=False)
    html = client.get(reverse("catalog:directory")).content.decode()
    assert _domain_lines(html)["Báo chí"] == NONE_HERE
    html = client.get(reverse("catalog:directory"), {"linh-vuc": "bao_chi"}).content.decode()
    assert f"Lĩnh vực “Báo chí” hiện {NONE_HERE}." in html


def test_empty_domain_message_in_english(client: Any, catalog: None) -> None:
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Thủ tục theo lĩnh vực") == "Procedures by field"
        assert translation.gettext("không có thủ tục") == "no procedures"
        assert translation.ngettext("%(n)s thủ tục", "%(n)s thủ tục", 2) % {"n": 2} == "2 procedures"
        message = "Lĩnh vực “%(name)s” hiện không có thủ tục hành chính thuộc thẩm quyền giải quyết của Sở."
        assert translation.gettext(message) % {"name": "X"} == (
            "The field “X” has no administrative procedure decided by the Department."
        )


def test_an_unverified_code_is_called_so_and_a_verified_one_links_its_source(
    client: Any, catalog: None
) -> None:
    html = client.get(reverse("catalog:procedure", args=["1.004494"])).content.decode()
    assert "Mã minh họa, chưa đối chiếu với Cơ sở dữ liệu quốc gia về thủ tục hành chính." in html
    html = client.get(reverse("catalog:procedure", args=["2.001740"])).content.decode()
    assert "Mã minh họa" not in html
    source = r'2\.001740 <span class="muted">\(<a href="https://dichvucong\.ninhbinh\.gov\.vn/[^"]+"'
    assert re.search(source, html)
    listing = client.get(reverse("catalog:directory"), {"q": "hoat dong in"}).content.decode()
    assert '1.004494 <span class="muted">(chưa đối chiếu)</span>' in listing
    assert "2.001740</dd>" in listing


def test_the_code_marker_is_translated(client: Any, catalog: None) -> None:
    client.get("/ngon-ngu/en/", {"next": "/"})
    html = client.get(reverse("catalog:procedure", args=["1.004494"])).content.decode()
    assert "Illustrative code, not yet checked against the National Database" in html
    html = client.get(reverse("catalog:directory"), {"q": "hoat dong in"}).content.decode()
    assert "(not checked)" in html
