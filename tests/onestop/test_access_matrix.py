"""Access control, as a matrix: every role against every action on a dossier at every stage, plus staff
of another agency, another citizen, and guessed codes. Each cell states who may act; the rest must be
refused (403 NotAllowed from the service, 404 from the pages and the API when the dossier is not theirs).

Stages: a dossier at reception (1), at the specialist (4), at the division head (4), at the director (4),
at issuance after the decision (4), finished (9). Actions are the services of ``onestop.services``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tinhso.accounts.services import user_create
from tinhso.core.errors import DomainError, NotAllowed
from tinhso.demo.personas import DEMO_PASSWORD
from tinhso.onestop import services
from tinhso.onestop.models import Dossier
from tinhso.org.services import staff_role_grant

from .conftest import submitted, to_director

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
    "assign": lambda u, d, p: services.dossier_assign(actor=u, dossier=d, assignee=p.chi),
    "stop": lambda u, d, p: services.dossier_stop(actor=u, dossier=d, reason="Dừng theo yêu cầu cơ quan"),
}

# Who may, per (stage, action). Everyone else must get NotAllowed (or a state Conflict for actions
# that do not apply at this stage — checked separately: nobody succeeds there).
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("new", "receive"): {"binh"},
    ("new", "request_supplement"): {"binh"},
    ("new", "refuse_reception"): {"binh"},
    ("specialist", "forward"): {"chi"},
    ("specialist", "assign"): {"chi", "dung"},  # the step holder, a leader of its unit
    ("head", "approve"): {"dung"},
    ("head", "refuse"): {"dung"},
    ("director", "approve"): {"em", "giang"},  # a deputy director may sign in the director's place
    ("director", "refuse"): {"em", "giang"},
    ("issuance", "finish"): {"hoa"},
    ("issuance", "forward"): {"hoa"},  # hand the issued result on to the return step
    ("finished", "return"): {"binh"},
}
# During processing: the one-stop clerk or the holder of the current step may ask for a supplement;
# a leader of the agency may stop the dossier.
STEP_HOLDER = {"specialist": "chi", "head": "dung", "director": "em", "issuance": "hoa"}
for _stage, _holder in STEP_HOLDER.items():
    ALLOWED[(_stage, "request_supplement")] = {"binh", _holder} | (
        {"giang"} if _stage == "director" else set()
    )
    ALLOWED[(_stage, "stop")] = {"dung", "em", "giang"}
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
    import datetime as dt

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
