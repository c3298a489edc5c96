"""Access control, as a matrix: every role against every action on a dossier at every stage, plus staff
of another agency, another citizen, and guessed codes. Each cell states who may act; the rest must be
refused (403 NotAllowed from the service, 404 from the pages and the API when the dossier is not theirs).

Stages: a dossier at reception (1), at the specialist (4), at the division head (4), at the director (4),
at issuance after the decision (4), finished (9). Actions are the services of ``onestop.services``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tinhso.accounts.services import user_create
from tinhso.core.errors import DomainError, NotAllowed
from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop import access, services
from tinhso.onestop.models import Dossier
from tinhso.org.services import staff_role_grant

from .conftest import SO, TTBCXB, VP, submitted, to_director

pytestmark = pytest.mark.django_db
OTHER_AGENCY = "000.07.31.H30"  # Phòng Văn hóa và Thông tin thành phố Vị Thanh


@pytest.fixture
def cast(people: Any, demo_agencies: dict[str, Any]) -> dict[str, Any]:
    """Everyone who might try: the personas, staff of a district agency in every role, a second citizen."""

    def staff(key: str, role: str) -> Any:
        user = user_create(
            actor=None,
            username=f"{key}@vithanh.gov.vn",
            password=DEMO_PASSWORD,
            full_name=f"Cán bộ {key}",
            kind="staff",
            email=f"{key}@vithanh.gov.vn",
        )
        staff_role_grant(actor=None, user=user, agency=demo_agencies[OTHER_AGENCY], role=role)
        return user

    return {
        "an": people.an,
        "phuc": people.phuc,  # another applicant (business)
        "binh": people.binh,
        "chi": people.chi,
        "dung": people.dung,
        "em": people.em,
        "giang": people.giang,
        "hoa": people.hoa,
        "khanh": people.khanh,  # sector officer: staff of the department, no one-stop role
        "x_clerk": staff("xclerk", "clerk"),
        "x_specialist": staff("xspec", "specialist"),
        "x_head": staff("xhead", "division_head"),
        "x_director": staff("xdir", "director"),
    }


def stage(name: str, procedure: Any, people: Any) -> Dossier:
    now = timezone.now()
    d = submitted(procedure, people.an, now)
    if name == "new":
        return d
    d = services.dossier_receive(actor=people.binh, dossier=d, at=now)
    if name == "specialist":
        return d
    if name == "head":
        return services.dossier_forward(actor=people.chi, dossier=d, at=now)
    d = to_director(d, people, now)
    if name == "director":
        return d
    d = services.dossier_approve(actor=people.em, dossier=d, at=now)
    if name == "issuance":
        return d
    return services.dossier_finish(actor=people.hoa, dossier=d, at=now)  # finished


def _fit_for_step(dossier: Dossier, p: Any) -> Any:
    """Someone who may hold the dossier's current step (so that only the actor decides the outcome)."""
    step = dossier.current_step
    by_role = {"specialist": p.chi, "division_head": p.dung, "director": p.giang, "document_clerk": p.hoa}
    return by_role.get(step.role, p.binh) if step is not None else p.chi


ACTIONS: dict[str, Callable[[Any, Dossier, Any], Any]] = {
    "receive": lambda u, d, p: services.dossier_receive(actor=u, dossier=d),
    "request_supplement": lambda u, d, p: services.dossier_request_supplement(
        actor=u, dossier=d, items=["Sơ đồ"]
    ),
    "refuse_reception": lambda u, d, p: services.dossier_refuse_reception(
        actor=u, dossier=d, reason="Không đủ điều kiện"
    ),
    "forward": lambda u, d, p: services.dossier_forward(actor=u, dossier=d),
    "approve": lambda u, d, p: services.dossier_approve(actor=u, dossier=d),
    "refuse": lambda u, d, p: services.dossier_refuse(actor=u, dossier=d, reason="Không đạt"),
    "finish": lambda u, d, p: services.dossier_finish(actor=u, dossier=d),
    "return": lambda u, d, p: services.dossier_return(actor=u, dossier=d),
    "assign": lambda u, d, p: services.dossier_assign(actor=u, dossier=d, assignee=_fit_for_step(d, p)),
    "stop": lambda u, d, p: services.dossier_stop(actor=u, dossier=d, reason="Dừng theo yêu cầu cơ quan"),
}

# Who may, per (stage, action). Everyone else must get NotAllowed (or a state Conflict for actions
# that do not apply at this stage — checked separately: nobody succeeds there).
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("new", "receive"): {"binh"},
    ("new", "request_supplement"): {"binh"},
    ("new", "refuse_reception"): {"binh"},
    ("specialist", "forward"): {"chi"},
    # reassigning a step: whoever may take it, or a leader of its unit — the division head leads his
    # division, the director and the deputy lead the whole Sở; a division head does not lead the Sở
    ("specialist", "assign"): {"chi", "dung", "em", "giang"},
    ("head", "assign"): {"dung", "em", "giang"},
    ("director", "assign"): {"em", "giang"},
    ("issuance", "assign"): {"hoa", "em", "giang"},
    ("finished", "assign"): {"binh", "em", "giang"},
    ("head", "approve"): {"dung"},
    ("head", "refuse"): {"dung"},
    ("director", "approve"): {"em", "giang"},  # a deputy director may sign in the director's place
    ("director", "refuse"): {"em", "giang"},
    ("issuance", "finish"): {"hoa"},
    ("issuance", "forward"): {"hoa"},  # hand the issued result on to the return step
    ("finished", "return"): {"binh"},
}
# During processing: the one-stop clerk or the holder of the current step may ask for a supplement;
# a leader of the agency (the Sở: director, deputy — not a division head) may stop the dossier.
STEP_HOLDER = {"specialist": "chi", "head": "dung", "director": "em", "issuance": "hoa"}
for _stage, _holder in STEP_HOLDER.items():
    ALLOWED[(_stage, "request_supplement")] = {"binh", _holder} | (
        {"giang"} if _stage == "director" else set()
    )
    ALLOWED[(_stage, "stop")] = {"em", "giang"}
STAGES = ["new", "specialist", "head", "director", "issuance", "finished"]
EVERYONE = [
    "an",
    "phuc",
    "binh",
    "chi",
    "dung",
    "em",
    "giang",
    "hoa",
    "khanh",
    "x_clerk",
    "x_specialist",
    "x_head",
    "x_director",
]


@pytest.mark.parametrize("stage_name", STAGES)
def test_matrix(stage_name: str, procedure: Any, people: Any, cast: dict[str, Any]) -> None:
    """Every (person, action) pair is tried on a fresh dossier at this stage; exactly the allowed succeed."""
    failures = []
    for action, call in ACTIONS.items():
        allowed = ALLOWED.get((stage_name, action), set())
        for who in EVERYONE:
            dossier = stage(stage_name, procedure, people)
            try:
                call(cast[who], dossier, people)
                ok = True
            except NotAllowed:
                ok = False
            except DomainError as exc:
                ok = False
                if who in allowed:
                    failures.append(f"{stage_name}/{action}/{who}: refused with {exc.code}: {exc.message}")
                    continue
            if ok != (who in allowed):
                failures.append(f"{stage_name}/{action}/{who}: {'succeeded' if ok else 'refused'}")
    assert not failures, "\n".join(failures)


def test_pages_and_api_hide_dossiers_of_other_agencies_and_other_applicants(
    procedure: Any, people: Any, cast: dict[str, Any]
) -> None:
    dossier = stage("specialist", procedure, people)
    guessed = dossier.code[:-4] + f"{int(dossier.code[-4:]) + 1:04d}"  # the next code of the day
    for who in ("x_clerk", "x_specialist", "x_head", "x_director"):
        c = Client()
        c.force_login(cast[who])
        for code in (dossier.code, guessed, "KHONG-TON-TAI"):
            assert c.get(reverse("onestop_office:detail", args=[code])).status_code == 404
            r = c.post(
                reverse("onestop_office:act", args=[code, "chuyen-xu-ly"]),
                {"chuyen-xu-ly-expected_version": 1},
            )
            assert r.status_code == 404
            assert c.get(reverse("onestop_office:form_pdf", args=[code, "01"])).status_code == 404
        assert (
            dossier.code not in c.get(reverse("onestop_office:worklist"), {"ds": "don-vi"}).content.decode()
        )
    # citizens never reach the back office
    for who in ("an", "phuc"):
        c = Client()
        c.force_login(cast[who])
        assert c.get(reverse("onestop_office:detail", args=[dossier.code])).status_code == 403
        assert c.get(reverse("onestop_office:worklist")).status_code == 403
    # another applicant cannot see or rate it through the API or the rating page
    c = Client()
    c.force_login(cast["phuc"])
    assert c.get(reverse("onestop_rating:rate", args=[dossier.code])).status_code == 404
    token = (
        Client()
        .post(
            "/api/v1/auth/token",
            {"identifier": cast["phuc"].username, "password": DEMO_PASSWORD},
            content_type="application/json",
        )
        .json()["token"]
    )
    for code in (dossier.code, guessed):
        r = Client().get(f"/api/v1/dossiers/{code}", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 404 and r.json()["code"] == "dossier_not_found"
        r = Client().post(
            f"/api/v1/dossiers/{code}/forward",
            {},
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 404


def test_file_downloads_only_for_staff_of_the_agency(
    procedure: Any, people: Any, cast: dict[str, Any]
) -> None:
    dossier = stage("new", procedure, people)
    f = dossier.files.first()
    url = reverse("onestop_office:file", args=[f.pk])
    for who, status in (("binh", 200), ("chi", 200), ("x_clerk", 404), ("an", 403)):
        c = Client()
        c.force_login(cast[who])
        assert c.get(url).status_code == status, who


def test_apology_only_by_staff_of_the_agency(procedure: Any, people: Any, cast: dict[str, Any]) -> None:
    for who, ok in (("x_director", False), ("an", False), ("chi", True)):
        dossier = stage("specialist", procedure, people)
        new = dossier.promised_at + dt.timedelta(days=10)
        try:
            services.dossier_apologize(actor=cast[who], dossier=dossier, new_promised_at=new, reason="Chậm")
            succeeded = True
        except NotAllowed:
            succeeded = False
        except DomainError as exc:  # too late for an apology at this hour of the day
            assert exc.code == "too_late_to_apologize"
            continue
        assert succeeded is ok, who


# --------------------------------------------------------------------------------------------------
# the department rule: a role counts in its own department, never above it, never in another one

UBND_TINH = "000.00.00.H30"  # above the Sở
CNTT = "000.04.15.H30"  # another division of the Sở


def _staff(key: str, agency: Any, role: str) -> Any:
    user = user_create(
        actor=None,
        username=f"{key}@haugiang.gov.vn",
        password=DEMO_PASSWORD,
        full_name=f"Cán bộ {key}",
        kind="staff",
        email=f"{key}@haugiang.gov.vn",
    )
    staff_role_grant(actor=None, user=user, agency=agency, role=role)
    return user


@pytest.fixture
def province_procedure(demo_agencies: dict[str, Any]) -> Any:
    """A procedure handled by UBND tỉnh itself, every step at UBND tỉnh."""
    from tinhso.catalog.models import Domain
    from tinhso.catalog.services import procedure_create, procedure_version_create

    ubnd = demo_agencies[UBND_TINH]
    procedure = procedure_create(
        actor=None,
        national_code="9.200001",
        name="Thủ tục do UBND tỉnh giải quyết",
        domain=Domain.objects.get_or_create(code="bao_chi", defaults={"name": "Báo chí"})[0],
        agency=ubnd,
    )
    procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2016, 1, 1),
        legal_basis="Thử nghiệm",
        duration_days=2,
        result_type="Văn bản",
        online_level=3,
        online_class="mot_phan",
        documents=[{"name": "Đơn đề nghị", "form": "original"}],
        steps=[
            {"name": "Tiếp nhận", "role": "clerk", "agency": ubnd, "hours": 4},
            {"name": "Thẩm định", "role": "specialist", "agency": ubnd, "hours": 6},
            {"name": "Lãnh đạo duyệt", "role": "director", "agency": ubnd, "hours": 4},
            {"name": "Trả kết quả", "role": "clerk", "agency": ubnd, "hours": 2},
        ],
        form_fields=[],
    )
    return procedure


def _submit(procedure: Any, citizen: Any) -> Dossier:
    from tinhso.catalog.models import ProcedureDocument

    from .conftest import PDF

    d = services.dossier_create_draft(actor=citizen, procedure=procedure)
    doc = ProcedureDocument.objects.get(version=d.procedure_version, order=1)
    services.dossier_file_add(actor=citizen, dossier=d, name="don.pdf", content=PDF, document=doc)
    return services.dossier_submit(actor=citizen, dossier=d)


def test_a_division_clerk_handles_the_departments_dossiers_but_not_those_above_it(
    procedure: Any, province_procedure: Any, people: Any, demo_agencies: dict[str, Any]
) -> None:
    province_clerk = _staff("vpubnd", demo_agencies[UBND_TINH], "clerk")
    upper = _submit(province_procedure, people.an)
    own = submitted(procedure, people.an, timezone.now())
    # Bình (Văn phòng Sở) works on the Sở's dossiers, not on those of UBND tỉnh above the Sở
    assert access.works_in(people.binh, own.agency_id) and not access.works_in(people.binh, upper.agency_id)
    with pytest.raises(NotAllowed):
        services.dossier_receive(actor=people.binh, dossier=upper)
    with pytest.raises(NotAllowed):
        services.dossier_refuse_reception(actor=people.binh, dossier=upper, reason="Không thuộc thẩm quyền")
    c = Client()
    c.force_login(people.binh)
    assert c.get(reverse("onestop_office:detail", args=[upper.code])).status_code == 404
    assert upper.code not in c.get(reverse("onestop_office:desk")).content.decode()
    assert own.code in c.get(reverse("onestop_office:desk")).content.decode()
    # the Sở is a department of its own: the clerk of UBND tỉnh does not handle its dossiers …
    with pytest.raises(NotAllowed):
        services.dossier_receive(actor=province_clerk, dossier=own)
    # … but handles UBND tỉnh's
    assert services.dossier_receive(actor=province_clerk, dossier=upper).status == 4
    for who in (people.em, people.dung, people.chi):  # leaders and staff of the Sở: not above it
        assert not access.works_in(who, upper.agency_id)
        assert not access.leads(who, upper.agency_id)


def test_roles_act_only_in_their_own_units_steps_and_leaders_lead_only_their_unit(
    people: Any, demo_agencies: dict[str, Any]
) -> None:
    so, vp, ttbcxb = demo_agencies[SO].pk, demo_agencies[VP].pk, demo_agencies[TTBCXB].pk
    cntt, ubnd = demo_agencies[CNTT].pk, demo_agencies[UBND_TINH].pk
    # steps: the role's unit and the Sở as a whole, not a sibling division, not UBND tỉnh
    assert access.has_role(people.chi, {"specialist"}, ttbcxb)
    assert access.has_role(people.chi, {"specialist"}, so)
    assert not access.has_role(people.chi, {"specialist"}, cntt)
    assert not access.has_role(people.chi, {"specialist"}, ubnd)
    assert not access.has_role(people.chi, {"division_head"}, ttbcxb)  # not his role
    assert access.has_role(people.em, {"director"}, so) and not access.has_role(people.em, {"director"}, ubnd)
    # dossiers: the whole department
    assert access.has_dossier_role(people.binh, {"clerk"}, so)
    assert access.has_dossier_role(people.binh, {"clerk"}, cntt)
    assert not access.has_dossier_role(people.binh, {"clerk"}, ubnd)
    # leadership: a division head leads his division only; the director leads the whole Sở
    assert access.leads(people.dung, ttbcxb)
    assert not access.leads(people.dung, so) and not access.leads(people.dung, cntt)
    assert access.leads(people.em, so) and access.leads(people.em, cntt) and access.leads(people.em, vp)
    assert not access.leads(people.em, ubnd)
    assert not access.leads(people.chi, ttbcxb)  # a specialist leads nothing
    assert access.agencies_of(people.dung) == access.agencies_of(people.binh)  # one department
    assert ubnd not in access.agencies_of(people.em)


def test_department_is_the_one_of_org_selectors(people: Any, demo_agencies: dict[str, Any]) -> None:
    from tinhso.org.selectors import agency_department

    for key in ("binh", "chi", "dung", "em", "hoa", "khanh"):
        for grant in access.grants(getattr(people, key)):
            agency = next(a for a in demo_agencies.values() if a.pk == grant.agency_id)
            assert grant.department_id == agency_department(agency).pk == demo_agencies[SO].pk


def test_division_head_cannot_reassign_the_directors_step(procedure: Any, people: Any) -> None:
    dossier = stage("director", procedure, people)
    with pytest.raises(NotAllowed):
        services.dossier_assign(actor=people.dung, dossier=dossier, assignee=people.giang)
    with pytest.raises(NotAllowed):
        services.dossier_stop(actor=people.dung, dossier=dossier, reason="Dừng")
    c = Client()
    c.force_login(people.dung)
    page = c.get(reverse("onestop_office:detail", args=[dossier.code])).content.decode()
    assert "Phân công xử lý" not in page and "Dừng xử lý" not in page
    done = services.dossier_assign(actor=people.em, dossier=dossier, assignee=people.giang)
    assert done.current_step.assignee == people.giang
