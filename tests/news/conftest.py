"""Personas of the news: editor Mai (Trung tâm CNTT-TT of the Sở), director Em, deputy director Giang,
specialist Chi (no news role), citizen An; an editor and a chairman of another department (UBND thành
phố Vị Thanh); and a helper that builds articles through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tinhso.accounts.services import user_create
from tinhso.news.models import Article, Category
from tinhso.news.services import article_create, article_publish, article_submit
from tinhso.org.models import Agency, Role
from tinhso.org.services import staff_role_grant

SO = "000.00.15.H30"


@pytest.fixture
def so(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies[SO]


@pytest.fixture
def mai(persona: Callable[[str], Any]) -> Any:
    return persona("mai")


@pytest.fixture
def em(persona: Callable[[str], Any]) -> Any:
    return persona("em")


@pytest.fixture
def giang(persona: Callable[[str], Any]) -> Any:
    return persona("giang")


@pytest.fixture
def chi(persona: Callable[[str], Any]) -> Any:
    return persona("chi")


@pytest.fixture
def an(persona: Callable[[str], Any]) -> Any:
    return persona("an")


def _staff(username: str, name: str, agency: Agency, role: str) -> Any:
    user = user_create(
        actor=None, username=username, password="Hau-Giang-2017!", full_name=name, kind="staff"
    )
    staff_role_grant(actor=None, user=user, agency=agency, role=role)
    return user


@pytest.fixture
def other_editor(demo_agencies: dict[str, Agency], fast_password_hasher: None) -> Any:
    """An editor of Phòng Văn hóa và Thông tin thành phố Vị Thanh (department: UBND thành phố)."""
    return _staff("bientap@vithanh.gov.vn", "Đỗ Văn Tâm", demo_agencies["000.07.31.H30"], Role.EDITOR)


@pytest.fixture
def other_director(demo_agencies: dict[str, Agency], fast_password_hasher: None) -> Any:
    """A director-role holder of UBND thành phố Vị Thanh."""
    return _staff("lanhdao@vithanh.gov.vn", "Lâm Văn Sáu", demo_agencies["000.00.31.H30"], Role.DIRECTOR)


@pytest.fixture
def other_department(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies["000.00.31.H30"]


@pytest.fixture
def make_article(so: Agency, mai: Any, em: Any) -> Callable[..., Article]:
    """``make_article("Tiêu đề", publish=True, category=…, body=…)`` through the services."""

    def make(title: str = "Tập huấn chữ ký số cho cán bộ", *, publish: bool = False, **kw: Any) -> Article:
        values = {
            "summary": f"Tóm tắt: {title}.",
            "body": "Đoạn thứ nhất của tin.\n\nĐoạn thứ hai của tin.",
            "category": Category.ACTIVITY,
        }
        values.update(kw)
        at = values.pop("at", None)
        article = article_create(actor=mai, agency=so, title=title, at=at, **values)
        if publish:
            article = article_submit(actor=mai, article=article, at=at)
            article = article_publish(actor=em, article=article, at=at)
        return article

    return make
