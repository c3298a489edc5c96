"""A small procedure with a known internal process, the personas, and helpers to move a dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from tinhso.catalog.models import Procedure, ProcedureDocument
from tinhso.catalog.services import domain_create, procedure_create, procedure_version_create
from tinhso.core import worktime
from tinhso.onestop import services
from tinhso.onestop.models import Channel, Dossier

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SO, VP, TTBCXB = "000.00.15.H30", "000.01.15.H30", "000.05.15.H30"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# 3 working days = 24 hours: reception 4, appraisal 8, division head 4, director 4, issuance 2, return 2.
STEP_HOURS = [4, 8, 4, 4, 2, 2]


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fresh_calendar_and_media(tmp_path: Any) -> Iterator[None]:
    worktime.set_calendar(None)
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield
    worktime.set_calendar(None)


def make_steps(agencies: dict[str, Any], hours: list[int]) -> list[dict[str, Any]]:
    names = [
        ("Tiếp nhận hồ sơ", "clerk", VP),
        ("Thẩm định hồ sơ", "specialist", TTBCXB),
        ("Trưởng phòng xem xét", "division_head", TTBCXB),
        ("Giám đốc ký duyệt", "director", SO),
        ("Văn thư phát hành", "document_clerk", VP),
        ("Trả kết quả", "clerk", VP),
    ]
    return [
        {"name": n, "role": r, "agency": agencies[a], "hours": h}
        for (n, r, a), h in zip(names, hours, strict=True)
    ]


@pytest.fixture
def procedure(demo_agencies: dict[str, Any]) -> Procedure:
    domain = domain_create(actor=None, code="xuat_ban", name="Xuất bản, In và Phát hành")
    procedure = procedure_create(
        actor=None,
        national_code="9.100001",
        name="Cấp giấy phép hoạt động in",
        domain=domain,
        agency=demo_agencies[SO],
    )
    procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2016, 1, 1),
        legal_basis="NĐ 60/2014/NĐ-CP",
        duration_days=3,
        result_type="Giấy phép hoạt động in",
        online_level=4,
        online_class="toan_trinh",
        documents=[{"name": "Đơn đề nghị", "form": "original"}, {"name": "Tài liệu khác", "required": False}],
        steps=make_steps(demo_agencies, STEP_HOURS),
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    return procedure


@pytest.fixture
def people(
    citizen_an: Any, clerk_binh: Any, specialist_chi: Any, head_dung: Any, director_em: Any, persona: Any
) -> Any:
    return SimpleNamespace(
        an=citizen_an,
        binh=clerk_binh,
        chi=specialist_chi,
        dung=head_dung,
        em=director_em,
        hoa=persona("hoa"),
        giang=persona("giang"),
        khanh=persona("khanh"),
        phuc=persona("phuc"),
    )


def draft(procedure: Procedure, citizen: Any, at: dt.datetime, *, with_file: bool = True) -> Dossier:
    dossier = services.dossier_create_draft(
        actor=citizen, procedure=procedure, form_data={"ten_co_so": "Cơ sở in Phúc Hậu"}, at=at
    )
    if with_file:
        document = ProcedureDocument.objects.get(version=dossier.procedure_version, order=1)
        services.dossier_file_add(
            actor=citizen, dossier=dossier, name="don.pdf", content=PDF, document=document, at=at
        )
    return Dossier.objects.get(pk=dossier.pk)


def submitted(procedure: Procedure, citizen: Any, at: dt.datetime) -> Dossier:
    return services.dossier_submit(actor=citizen, dossier=draft(procedure, citizen, at), at=at)


def received(procedure: Procedure, people: Any, at: dt.datetime, *, assignee: Any = None) -> Dossier:
    dossier = submitted(procedure, people.an, at)
    return services.dossier_receive(actor=people.binh, dossier=dossier, at=at, assignee=assignee)


def run_queued_tasks() -> int:
    """Run the queued background tasks one by one as ``tinhso db_worker`` does — claim the next ready
    one, run it, record its result — inside the test's transaction (the tests enqueue to the database
    backend, as production does), e.g. the receipt mail of an online submission. Returns how many."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().filter(backend_name="default").get_locked()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def walk_in(procedure: Procedure, clerk: Any, at: dt.datetime) -> Dossier:
    dossier = services.dossier_create_draft(
        actor=clerk,
        procedure=procedure,
        channel=Channel.DIRECT,
        applicant_name="Hộ kinh doanh Tâm Phát",
        form_data={"ten_co_so": "Tâm Phát"},
        at=at,
    )
    return services.dossier_submit(actor=clerk, dossier=dossier, at=at)


def to_director(dossier: Dossier, people: Any, at: dt.datetime) -> Dossier:
    """Specialist → division head (approves) → at the director's step."""
    dossier = services.dossier_forward(actor=people.chi, dossier=dossier, at=at)
    return services.dossier_approve(actor=people.dung, dossier=dossier, at=at)


ITEMS_ONE = ["Bản sao giấy chứng nhận đăng ký doanh nghiệp"]
