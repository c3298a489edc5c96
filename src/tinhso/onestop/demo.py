"""Demo dossiers of 2016–2017: a realistic mix of early, on-time and late results, supplements,
refusals at reception, leaders' refusals, withdrawals, stops, apologies and dossiers still open at the
end of 2017 — so the worklists, charts and reports are alive.

Every dossier is a ``Plan`` (what happens to it and when), drawn from a seeded random generator, and is
played by ``plan_play`` as a script of ``dossier_*`` calls with ``at=`` instants in the past: one plan
in ten through the real services (``dossier_create_draft`` … ``dossier_return``), the others through
``demo_bulk.BulkOps``, which applies the same transitions in memory and writes the rows in bulk — the
same timestamps, due times, step rows, events and codes, about 30 times faster (a test plays plans
both ways and compares them field by field). ``onestop_demo_load()`` is idempotent: it plays only the
plans whose dossier does not exist yet (a plan is identified by its procedure and its submission
instant). ``tinhso demo --dossiers N`` loads N plans (default 3,000).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test.utils import override_settings

from tinhso.accounts.models import User, UserKind
from tinhso.accounts.services import user_create
from tinhso.catalog.models import Procedure, ProcedureDocument, ProcedureVersion, ProcessStep
from tinhso.core import worktime
from tinhso.onestop import services
from tinhso.onestop.models import Channel, Dossier, DossierStatus
from tinhso.org.models import Agency, Role, StaffRole
from tinhso.org.services import staff_role_grant

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DEFAULT_COUNT = 3000
SERVICE_EVERY = 10  # one plan in ten through the services, the rest through the bulk path
SEED = 2016
# Results signed digitally by the director at the decision (services path) from this day: the last
# quarter of the demo (about 40 signatures, ~0.2 s each); before it the director signed on paper.
# The bulk path stores no result (docs/decisions/0010).
SIGNED_RESULTS_FROM = dt.datetime(2017, 10, 1, tzinfo=TZ)


class Fate:
    """What becomes of a dossier (the mix is in ``FATES``)."""

    RETURNED = "returned"  # result ready and handed over
    FINISHED = "finished"  # result ready, not collected yet
    REFUSED = "refused"  # the leader refuses after appraisal (status 9, outcome refused)
    NOT_RECEIVED = "not_received"  # refused at the one-stop desk (3)
    WITHDRAWN = "withdrawn"  # the applicant withdraws during processing (7)
    STOPPED = "stopped"  # a leader stops processing (8)
    OPEN = "open"  # still being processed (only near the end of 2017)
    NEW = "new"  # submitted, not yet received (only in the last days)


# (fate, weight) for dossiers old enough to be closed
FATES = [
    (Fate.RETURNED, 80),
    (Fate.FINISHED, 4),
    (Fate.REFUSED, 3),
    (Fate.NOT_RECEIVED, 5),
    (Fate.WITHDRAWN, 3),
    (Fate.STOPPED, 1),
]
# how fast, as a share of the legal duration in working time: early, on time (same day), late
SPEED = [("early", 70), ("on_time", 20), ("late", 10)]


@dataclass(frozen=True)
class Plan:
    number: int
    procedure_code: str
    channel: str
    applicant: str  # username of a citizen/business (online) or a walk-in applicant name (direct/post)
    submitted_at: dt.datetime
    fate: str
    speed: str = "early"
    supplement_at_reception: bool = False
    supplement_in_processing: bool = False
    supplement_back: bool = True  # False: still waiting for the applicant at the end
    apologize: bool = False


@dataclass
class Staff:
    clerk: User
    document_clerk: User
    director: User
    specialists: dict[int, User]  # agency id → specialist
    heads: dict[int, User]  # agency id → division head


# --------------------------------------------------------------------------------------------------
# people

DEMO_STAFF = [
    # username, full name, role, agency code, title
    ("lam@stttt.haugiang.gov.vn", "Võ Thanh Lâm", Role.SPECIALIST, "000.03.15.H30", "Chuyên viên"),
    ("mai@stttt.haugiang.gov.vn", "Trương Thị Mai", Role.DIVISION_HEAD, "000.03.15.H30", "Trưởng phòng"),
]
DEMO_APPLICANTS = [
    ("hs.dn01@example.vn", "Công ty TNHH In Thanh Tâm", UserKind.BUSINESS),
    ("hs.dn02@example.vn", "Công ty Cổ phần Quảng cáo Vị Thanh", UserKind.BUSINESS),
    ("hs.dn03@example.vn", "Doanh nghiệp tư nhân Phát hành sách Ngã Bảy", UserKind.BUSINESS),
    ("hs.dn04@example.vn", "Công ty TNHH Viễn thông Sông Hậu", UserKind.BUSINESS),
    ("hs.dn05@example.vn", "Công ty TNHH Truyền thông Long Mỹ", UserKind.BUSINESS),
    ("hs.dn06@example.vn", "Công ty TNHH Chuyển phát nhanh Hậu Giang", UserKind.BUSINESS),
    ("hs.cd01@example.vn", "Nguyễn Thị Thu Hà", UserKind.CITIZEN),
    ("hs.cd02@example.vn", "Lê Hoàng Phúc", UserKind.CITIZEN),
    ("hs.cd03@example.vn", "Trần Minh Tuấn", UserKind.CITIZEN),
    ("hs.cd04@example.vn", "Phạm Ngọc Lan", UserKind.CITIZEN),
]
WALK_IN = [
    "Hộ kinh doanh Tâm Phát",
    "Cơ sở in Hưng Thịnh",
    "Nhà sách Vị Thủy",
    "Đài Truyền thanh huyện Châu Thành A",
    "Công ty TNHH Quảng cáo Mỹ Thuận",
    "Trường THPT Vị Thanh",
    "Hội Nông dân tỉnh Hậu Giang",
    "Bệnh viện Đa khoa tỉnh Hậu Giang",
]


def _ensure_user(username: str, full_name: str, kind: str, **extra: Any) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=username,
            password=None,
            full_name=full_name,
            kind=kind,
            email=username,
            **extra,
        )
    return user


def demo_staff() -> Staff:
    """The personas of the one-stop flow plus a specialist and a division head for the postal and
    telecom division (their procedures' appraisal happens there)."""
    from tinhso.demo.users import demo_persona_ensure

    binh, hoa, em = (demo_persona_ensure(persona=k) for k in ("binh", "hoa", "em"))
    chi, dung = demo_persona_ensure(persona="chi"), demo_persona_ensure(persona="dung")
    for username, full_name, role, code, title in DEMO_STAFF:
        user = _ensure_user(username, full_name, UserKind.STAFF)
        agency = Agency.objects.get(code=code)
        if not StaffRole.objects.filter(user=user, agency=agency, role=role, is_active=True).exists():
            staff_role_grant(actor=None, user=user, agency=agency, role=role, title=title)
    specialists: dict[int, User] = {}
    heads: dict[int, User] = {}
    for sr in StaffRole.objects.filter(
        is_active=True, role__in=[Role.SPECIALIST, Role.DIVISION_HEAD], user__in=[chi, dung]
    ) | StaffRole.objects.filter(is_active=True, user__username__in=[u for u, *_ in DEMO_STAFF]):
        target = specialists if sr.role == Role.SPECIALIST else heads
        target.setdefault(sr.agency_id, sr.user)
    return Staff(clerk=binh, document_clerk=hoa, director=em, specialists=specialists, heads=heads)


def demo_applicants() -> list[User]:
    from tinhso.demo.users import demo_persona_ensure

    people = [demo_persona_ensure(persona="an"), demo_persona_ensure(persona="phuc")]
    for username, name, kind in DEMO_APPLICANTS:
        extra = {"organization_name": name} if kind == UserKind.BUSINESS else {}
        people.append(_ensure_user(username, name, kind, **extra))
    return people


# --------------------------------------------------------------------------------------------------
# plans


def _working_instant(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment of a working day when people submit: mostly office hours, some after the cut-off."""
    hour = rng.choice([7, 8, 8, 9, 9, 10, 10, 13, 14, 14, 15, 16])
    return dt.datetime(day.year, day.month, day.day, hour, rng.randrange(0, 60), rng.randrange(60), tzinfo=TZ)


def demo_plans(
    *,
    count: int = DEFAULT_COUNT,
    seed: int = SEED,
    procedure_codes: list[str],
    applicants: list[str],
    first: dt.date = dt.date(2016, 1, 4),
    last: dt.date = dt.date(2017, 12, 29),
) -> list[Plan]:
    """``count`` plans spread over the working days from ``first`` to ``last``; online submissions
    grow from about a fifth to a half; dossiers submitted in the last weeks may still be open."""
    rng = random.Random(seed)
    cal = worktime.get_calendar()
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    days = [d for d in days if cal.is_working_day(d)]
    # busier procedures: a Zipf-like weight by position
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(procedure_codes))]
    plans: list[Plan] = []
    for number in range(1, count + 1):
        day = days[min(len(days) - 1, int(len(days) * (number - 1 + rng.random()) / count))]
        at = _working_instant(rng, day)
        progress = (day - first).days / max(1, (last - first).days)
        online = rng.random() < 0.2 + 0.3 * progress
        code = rng.choices(procedure_codes, weights)[0]
        days_left = (last - day).days
        if days_left < 3 and rng.random() < 0.6:
            fate = Fate.NEW
        elif days_left < 40 and rng.random() < 0.5:
            fate = Fate.OPEN
        else:
            fate = rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
        plans.append(
            Plan(
                number=number,
                procedure_code=code,
                channel=Channel.ONLINE if online else rng.choice([Channel.DIRECT] * 4 + [Channel.POST]),
                applicant=rng.choice(applicants) if online else rng.choice(WALK_IN),
                submitted_at=at,
                fate=fate,
                speed=rng.choices([s for s, _ in SPEED], [w for _, w in SPEED])[0],
                supplement_at_reception=fate != Fate.NEW and rng.random() < 0.06,
                supplement_in_processing=fate not in (Fate.NEW, Fate.NOT_RECEIVED) and rng.random() < 0.08,
                supplement_back=fate != Fate.OPEN or rng.random() < 0.5,
                apologize=rng.random() < 0.5,
            )
        )
    return plans


# --------------------------------------------------------------------------------------------------
# playing a plan through the services


class CatalogCache:
    """The catalogue reads a plan needs, once per loader run: the procedure versions (in force on a
    day, as ``catalog.selectors.procedure_version_on`` chooses), their required documents and steps."""

    def __init__(self) -> None:
        self._versions: dict[int, list[ProcedureVersion]] = {}
        self._documents: dict[int, list[ProcedureDocument]] = {}
        self._steps: dict[int, list[ProcessStep]] = {}

    def version_on(self, procedure: Procedure, at: dt.datetime) -> ProcedureVersion | None:
        if procedure.pk not in self._versions:
            self._versions[procedure.pk] = list(
                ProcedureVersion.objects.filter(procedure=procedure)
                .select_related("procedure")
                .order_by("-effective_from")
            )
        day = at.astimezone(TZ).date()
        return next((v for v in self._versions[procedure.pk] if v.effective_from <= day), None)

    def required_documents(self, version: ProcedureVersion) -> list[ProcedureDocument]:
        if version.pk not in self._documents:
            self._documents[version.pk] = list(
                ProcedureDocument.objects.filter(version=version, required=True)
            )
        return self._documents[version.pk]

    def steps(self, version: ProcedureVersion) -> list[ProcessStep]:
        if version.pk not in self._steps:
            self._steps[version.pk] = list(version.steps.select_related("agency").order_by("order"))
        return self._steps[version.pk]


def _later(at: dt.datetime, minutes: int) -> dt.datetime:
    return at + dt.timedelta(minutes=minutes)


def _finish_time(rng: random.Random, received: dt.datetime, due: dt.datetime, speed: str) -> dt.datetime:
    """A finish instant after ``received`` that is early, on time (the due date, not after the due time)
    or late against ``due``."""
    local_due = due.astimezone(TZ)
    if speed == "on_time":
        day_start = dt.datetime.combine(local_due.date(), dt.time(7, 0), tzinfo=TZ)
        lo = max(day_start, received + dt.timedelta(minutes=90))
        if lo < due:
            return lo + (due - lo) * rng.random()
        speed = "late"
    if speed == "early":
        day_before = dt.datetime.combine(local_due.date(), dt.time(0, 0), tzinfo=TZ) - dt.timedelta(minutes=1)
        span = day_before - received
        if span > dt.timedelta(hours=3):
            return (
                received + dt.timedelta(hours=2) + (span - dt.timedelta(hours=2)) * (0.3 + 0.7 * rng.random())
            )
        speed = "on_time" if due - received > dt.timedelta(hours=2) else "late"
        if speed == "on_time":
            return (
                received
                + dt.timedelta(minutes=90)
                + (due - received - dt.timedelta(minutes=90)) * rng.random()
            )
    return due + dt.timedelta(hours=rng.choice([2, 20, 26, 50, 74, 170]))


def plan_play(
    plan: Plan,
    *,
    staff: Staff,
    applicants: dict[str, User],
    procedures: dict[str, Procedure],
    ops: Any = services,
    cache: CatalogCache | None = None,
) -> Dossier:
    """Play one plan through the services (``ops``: the ``onestop.services`` module, or a
    ``demo_bulk.BulkOps`` that applies the same transitions in memory); returns the dossier in its
    final state."""
    cache = cache or CatalogCache()
    rng = random.Random(plan.number * 7919 + SEED)
    procedure = procedures[plan.procedure_code]
    at = plan.submitted_at
    form = {
        f["name"]: f"{f['label']} (hồ sơ mẫu {plan.number})"
        for f in getattr(cache.version_on(procedure, at), "form_fields", [])
    }
    if plan.channel == Channel.ONLINE:
        citizen = applicants[plan.applicant]
        dossier = ops.dossier_create_draft(actor=citizen, procedure=procedure, form_data=form, at=at)
        for document in cache.required_documents(dossier.procedure_version):
            ops.dossier_file_add(
                actor=citizen,
                dossier=dossier,
                name=f"thanh-phan-{document.order}.pdf",
                content=PDF,
                document=document,
                at=at,
            )
        submitter: User = citizen
    else:
        dossier = ops.dossier_create_draft(
            actor=staff.clerk,
            procedure=procedure,
            channel=plan.channel,
            applicant_name=plan.applicant,
            applicant_address="Tỉnh Hậu Giang",
            form_data=form,
            at=at,
        )
        submitter = staff.clerk
    dossier = ops.dossier_submit(actor=submitter, dossier=dossier, at=at)
    if plan.fate == Fate.NEW:
        return dossier
    clerk = staff.clerk
    at = _later(at, rng.randrange(20, 240))
    if plan.supplement_at_reception:
        dossier = ops.dossier_request_supplement(
            actor=clerk,
            dossier=dossier,
            items=["Bản sao giấy chứng nhận đăng ký doanh nghiệp có chứng thực"],
            at=at,
        )
        at = at + dt.timedelta(days=rng.randrange(1, 6))
        supplier = submitter if plan.channel == Channel.ONLINE else clerk
        dossier = ops.dossier_supplement_submit(actor=supplier, dossier=dossier, note="Đã bổ sung.", at=at)
        at = _later(at, rng.randrange(10, 120))
    if plan.fate == Fate.NOT_RECEIVED:
        return ops.dossier_refuse_reception(
            actor=clerk, dossier=dossier, reason="Hồ sơ không thuộc thẩm quyền giải quyết của Sở.", at=at
        )
    version = dossier.procedure_version
    steps = cache.steps(version)
    first_agency = steps[1].agency_id if len(steps) > 1 and steps[1].agency_id else dossier.agency_id
    specialist = staff.specialists[first_agency]
    dossier = ops.dossier_receive(actor=clerk, dossier=dossier, assignee=specialist, at=at)
    received = at
    assert dossier.due_at is not None
    end = _finish_time(rng, received, dossier.due_at, plan.speed)
    if plan.fate in (Fate.OPEN,):
        end = dt.datetime(2018, 1, 15, tzinfo=TZ)  # beyond the demo: stays open
    if plan.supplement_in_processing:
        ask = received + (end - received) * 0.3
        dossier = ops.dossier_request_supplement(
            actor=specialist, dossier=dossier, items=["Bản thuyết minh kỹ thuật đã ký, đóng dấu"], at=ask
        )
        if not plan.supplement_back:
            return dossier
        back = ask + dt.timedelta(days=rng.randrange(2, 8))
        supplier = submitter if plan.channel == Channel.ONLINE else clerk
        dossier = ops.dossier_supplement_submit(actor=supplier, dossier=dossier, note="Đã bổ sung.", at=back)
        assert dossier.due_at is not None
        if plan.fate != Fate.OPEN:
            end = _finish_time(rng, back, dossier.due_at, plan.speed)
        received = back
    head = staff.heads[first_agency]
    if plan.fate == Fate.WITHDRAWN:
        when = received + (end - received) * 0.5
        actor = submitter if plan.channel == Channel.ONLINE else clerk
        dossier = ops.dossier_withdraw_request(
            actor=actor, dossier=dossier, reason="Tổ chức đề nghị rút hồ sơ để hoàn thiện lại.", at=when
        )
        return ops.dossier_withdraw(actor=clerk, dossier=dossier, at=_later(when, 60))
    if plan.fate == Fate.STOPPED:
        when = received + (end - received) * 0.5
        return ops.dossier_stop(
            actor=staff.director,
            dossier=dossier,
            reason="Tổ chức không còn đủ điều kiện theo quy định.",
            at=when,
        )
    if plan.fate == Fate.OPEN:
        cut = dt.datetime(2017, 12, 29, 16, 0, tzinfo=TZ)
        steps_done = rng.randrange(0, 3)
        t = received
        for _ in range(steps_done):
            t = t + dt.timedelta(hours=rng.randrange(4, 30))
            if t >= cut:
                break
            if dossier.status != DossierStatus.PROCESSING:
                break
            current = dossier.current_step
            if current is None:
                break
            if current.role == Role.SPECIALIST:
                dossier = ops.dossier_forward(actor=specialist, dossier=dossier, at=t)
            elif current.role == Role.DIVISION_HEAD:
                dossier = ops.dossier_approve(actor=head, dossier=dossier, at=t)
        return dossier
    # to the result: appraisal, division head, director, issuance (then return)
    span = end - received
    t1, t2, t3 = received + span * 0.6, received + span * 0.75, received + span * 0.9
    if plan.apologize and plan.speed == "late":
        apology_at = received + span * 0.2
        assert dossier.due_at is not None
        if worktime.working_time_between(apology_at, dossier.due_at) >= services.ONE_WORKING_DAY:
            dossier = ops.dossier_apologize(
                actor=specialist,
                dossier=dossier,
                new_promised_at=end + dt.timedelta(days=1),
                reason="Cần thêm thời gian thẩm định thực tế tại cơ sở.",
                at=apology_at,
            )
    dossier = ops.dossier_forward(actor=specialist, dossier=dossier, at=t1)
    dossier = ops.dossier_approve(actor=head, dossier=dossier, at=t2)
    paper = t3 < SIGNED_RESULTS_FROM  # before that the director signed the result by hand
    if plan.fate == Fate.REFUSED:
        dossier = ops.dossier_refuse(
            actor=staff.director,
            dossier=dossier,
            reason="Không đáp ứng điều kiện theo quy định.",
            at=t3,
            paper_result=paper,
        )
    else:
        dossier = ops.dossier_approve(actor=staff.director, dossier=dossier, at=t3, paper_result=paper)
    dossier = ops.dossier_finish(actor=staff.document_clerk, dossier=dossier, at=end)
    if plan.fate == Fate.FINISHED:
        return dossier
    return ops.dossier_return(actor=clerk, dossier=dossier, at=end + dt.timedelta(hours=rng.randrange(1, 72)))


# --------------------------------------------------------------------------------------------------
# the loader


@dataclass
class DemoResult:
    planned: int = 0
    created: int = 0
    existing: int = 0
    through_services: int = 0

    def __str__(self) -> str:
        return (
            f"tạo {self.created} ({self.through_services} qua các dịch vụ, "
            f"{self.created - self.through_services} ghi hàng loạt), đã có {self.existing}"
        )


def existing_plan_keys() -> set[tuple[int, dt.datetime]]:
    """(procedure id, submission instant) of the dossiers already there: a plan's identity."""
    rows = Dossier.objects.filter(submitted_at__isnull=False).values_list("procedure_id", "submitted_at")
    return {(procedure_id, at) for procedure_id, at in rows if at is not None}


def _is_notification(callback: Any) -> bool:
    from tinhso.onestop.notifications import notify_applicant

    return isinstance(callback, partial) and callback.func is notify_applicant


def through_services(plan: Plan, every: int) -> bool:
    """Whether a plan is played through the services (one in ``every``) or written in bulk."""
    return every > 0 and plan.number % every == 0


def onestop_demo_load(
    *,
    actor: Any = None,
    count: int = DEFAULT_COUNT,
    seed: int = SEED,
    say: Callable[[str], None] = print,
    only: Iterable[int] | None = None,
    service_every: int = SERVICE_EVERY,
    chunk: int = 300,
) -> DemoResult:
    """Create the demo dossiers that do not exist yet (idempotent), as the demo staff and applicants
    (``actor`` is accepted for the demo loader and unused). One plan in ``service_every`` is played
    through the services (about 0.1 s each: row locks, ~60 queries, an audit entry per transition);
    the others through ``demo_bulk.BulkOps``, which applies the same transitions in memory and writes
    them with ``bulk_create`` (see its docstring and ``tests/onestop/test_demo_bulk.py``). Plans go in
    order, ``chunk`` per transaction, so the codes come from the counter in the same order either way.
    No e-mail or SMS leaves for these past dossiers: the backends are the dummy / in-memory ones
    while they are played."""
    from tinhso.core.audit import audit_record
    from tinhso.onestop.demo_bulk import BulkOps

    procedures = {p.national_code: p for p in Procedure.objects.filter(is_active=True).order_by("order")}
    if not procedures:
        say("Hồ sơ mẫu: bỏ qua (chưa có thủ tục; hãy nạp danh mục thủ tục trước).")
        return DemoResult()
    staff = demo_staff()
    people = demo_applicants()
    applicants = {u.username: u for u in people}
    plans = demo_plans(
        count=count, seed=seed, procedure_codes=list(procedures), applicants=sorted(applicants)
    )
    if only is not None:
        wanted = set(only)
        plans = [p for p in plans if p.number in wanted]
    done = existing_plan_keys()
    result = DemoResult(planned=len(plans))
    todo = [p for p in plans if (procedures[p.procedure_code].pk, p.submitted_at) not in done]
    result.existing = len(plans) - len(todo)
    cache = CatalogCache()
    bulk = BulkOps(cache=cache)
    kw: dict[str, Any] = {"staff": staff, "applicants": applicants, "procedures": procedures, "cache": cache}
    quiet = {
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "SMS_BACKEND": "tinhso.onestop.sms.LocmemBackend",  # no SMS log lines for past dossiers either
    }
    with override_settings(**quiet):
        for offset in range(0, len(todo), chunk):
            part = todo[offset : offset + chunk]
            connection = transaction.get_connection()
            mark = len(connection.run_on_commit)
            with transaction.atomic():
                # the service plans of the chunk first: they take their codes from the counter rows,
                # then the bulk plans continue those counters in memory and write them at the flush
                for plan in part:
                    if through_services(plan, service_every):
                        with transaction.atomic():
                            plan_play(plan, **kw)
                        result.through_services += 1
                for plan in part:
                    if not through_services(plan, service_every):
                        plan_play(plan, **kw, ops=bulk)
                written = bulk.flush()
                if written:
                    audit_record(
                        actor=None,
                        action="onestop.demo.bulk_load",
                        object_type="onestop.Dossier",
                        object_id=f"demo-{seed}-{part[0].number}-{part[-1].number}",
                        after={"dossiers": written, "plans": [part[0].number, part[-1].number], "seed": seed},
                    )
            # Inside an outer transaction (``tinhso demo``) the notifications of these past dossiers
            # would run at its commit, after the quiet backends are gone: drop them (and only them).
            connection.run_on_commit[mark:] = [
                entry for entry in connection.run_on_commit[mark:] if not _is_notification(entry[1])
            ]
            result.created += len(part)
            say(f"Hồ sơ mẫu: {result.created}/{len(todo)}…")
    say(f"Hồ sơ mẫu: {result}.")
    return result
