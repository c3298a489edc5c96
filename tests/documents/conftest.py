"""Personas of the documents: director Em and deputy Giang (signers), clerk Hoa (văn thư), specialist
Chi and division head Dũng (Phòng TTBCXB), the one-stop clerk Bình; staff of another department (UBND
thành phố Vị Thanh); and helpers that build documents through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.accounts.services import user_create
from tinhso.documents import services
from tinhso.documents.models import DocType, IncomingDocument, OutgoingDocument
from tinhso.org.models import Agency, Role
from tinhso.org.services import staff_role_grant

SO = "000.00.15.H30"
PHONG_TTBCXB = "000.05.15.H30"
VAN_PHONG = "000.01.15.H30"
VI_THANH = "000.00.31.H30"


@pytest.fixture
def so(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies[SO]


@pytest.fixture
def ttbcxb(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies[PHONG_TTBCXB]


@pytest.fixture
def vi_thanh(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies[VI_THANH]


@pytest.fixture
def em(persona: Callable[[str], Any]) -> Any:
    return persona("em")


@pytest.fixture
def giang(persona: Callable[[str], Any]) -> Any:
    return persona("giang")


@pytest.fixture
def hoa(persona: Callable[[str], Any]) -> Any:
    return persona("hoa")


@pytest.fixture
def chi(persona: Callable[[str], Any]) -> Any:
    return persona("chi")


@pytest.fixture
def dung(persona: Callable[[str], Any]) -> Any:
    return persona("dung")


@pytest.fixture
def binh(persona: Callable[[str], Any]) -> Any:
    return persona("binh")


def _staff(username: str, name: str, agency: Agency, role: str, title: str = "") -> Any:
    user = user_create(
        actor=None, username=username, password="Hau-Giang-2017!", full_name=name, kind="staff"
    )
    staff_role_grant(actor=None, user=user, agency=agency, role=role, title=title)
    return user


@pytest.fixture
def other_director(vi_thanh: Agency, fast_password_hasher: None) -> Any:
    """The chairman (director role) of UBND thành phố Vị Thanh: a signer, but of another department."""
    return _staff("lanhdao@vithanh.gov.vn", "Lâm Văn Sáu", vi_thanh, Role.DIRECTOR, "Chủ tịch")


@pytest.fixture
def other_clerk(vi_thanh: Agency, fast_password_hasher: None) -> Any:
    return _staff("vanthu@vithanh.gov.vn", "Tạ Thị Bảy", vi_thanh, Role.DOCUMENT_CLERK, "Văn thư")


@pytest.fixture
def make_outgoing(so: Agency, ttbcxb: Agency, chi: Any) -> Callable[..., OutgoingDocument]:
    """``make_outgoing(summary=…, doc_type=…, submit=True, sign_by=em, at=…)`` through the services."""

    def make(
        summary: str = "Về việc ban hành Quy chế quản lý và sử dụng chữ ký số",
        *,
        doc_type: str = DocType.DECISION,
        submit: bool = False,
        sign_by: Any = None,
        at: dt.datetime | None = None,
        actor: Any = None,
        **kw: Any,
    ) -> OutgoingDocument:
        values: dict[str, Any] = {
            "body": (
                "Điều 1. Ban hành kèm theo Quyết định này Quy chế.\n\n"
                "Điều 2. Quyết định có hiệu lực kể từ ngày ký."
            ),
            "recipients": "Như Điều 3\nUBND tỉnh (b/c)",
            "drafting_unit": ttbcxb,
        }
        values.update(kw)
        drafter = actor or chi
        doc = services.outgoing_create(
            actor=drafter, agency=so, doc_type=doc_type, summary=summary, at=at, **values
        )
        if submit or sign_by is not None:
            doc = services.outgoing_submit(actor=drafter, document=doc, at=at)
        if sign_by is not None:
            doc = services.outgoing_sign(actor=sign_by, document=doc, at=at)
        return doc

    return make


@pytest.fixture
def make_incoming(so: Agency, hoa: Any) -> Callable[..., IncomingDocument]:
    def make(summary: str = "Về việc triển khai chữ ký số chuyên dùng", **kw: Any) -> IncomingDocument:
        values: dict[str, Any] = {
            "sender_name": "Bộ Thông tin và Truyền thông",
            "original_number": "1234/BTTTT-CATTT",
            "original_date": dt.date(2016, 12, 20),
            "doc_type": DocType.OFFICIAL_LETTER,
            "received_on": dt.date(2016, 12, 23),
        }
        values.update(kw)
        return services.incoming_register(
            actor=values.pop("actor", hoa), agency=so, summary=summary, **values
        )

    return make
