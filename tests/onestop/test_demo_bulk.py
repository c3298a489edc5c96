"""The bulk path of the demo dossiers writes what the services write: each plan is played through the
services (then rolled back) and through ``BulkOps`` (then flushed), and the two dossiers are compared
field by field, step by step, event by event, file by file — but for the result the director signs
at the decision on the services path, which the bulk path does not write (checked apart)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import override_settings

from tinhso.catalog.demo import catalog_load_demo
from tinhso.catalog.models import Procedure
from tinhso.core import worktime
from tinhso.onestop import demo
from tinhso.onestop.demo import Fate, Plan, demo_applicants, demo_plans, demo_staff, plan_play
from tinhso.onestop.demo_bulk import BulkOps
from tinhso.onestop.models import Channel, Dossier, DossierEvent, DossierFile, DossierStep, EventAction
from tinhso.onestop.services import SECRET_ALPHABET
from tinhso.signing.pdf import verify_signatures

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.usefixtures("fast_password_hasher")


class _Rollback(Exception):
    pass


def snapshot(pk: int) -> dict[str, Any]:
    """Everything the dossier is, without primary keys (steps and files by position) and without the
    random parts (tracking secret: only its shape; stored file names: only their folder)."""
    dossier = Dossier.objects.get(pk=pk)
    steps = list(DossierStep.objects.filter(dossier=dossier).order_by("id"))
    files = list(DossierFile.objects.filter(dossier=dossier).order_by("id"))
    step_no = {s.pk: i for i, s in enumerate(steps)}
    file_no = {f.pk: i for i, f in enumerate(files)}

    def row(obj: Any, skip: set[str]) -> dict[str, Any]:
        return {
            f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in skip
        }

    result = row(dossier, {"id", "tracking_secret", "current_step_id"})
    result["current_step"] = step_no.get(dossier.current_step_id)
    secret = dossier.tracking_secret
    result["secret_shape"] = len(secret) if secret and set(secret) <= set(SECRET_ALPHABET) else secret
    result["steps"] = [row(s, {"id", "dossier_id"}) for s in steps]
    result["files"] = []
    for f in files:
        data = row(f, {"id", "dossier_id", "file"})
        assert f.file.name.startswith(f"dossiers/{pk}/"), f.file.name
        with f.file.open("rb") as fh:
            data["content"] = fh.read()
        result["files"].append(data)
    result["events"] = []
    for e in DossierEvent.objects.filter(dossier=dossier).order_by("id"):
        data = row(e, {"id", "dossier_id", "step_id"})
        data["step"] = step_no.get(e.step_id) if e.step_id else None
        if e.action == EventAction.FILE_ADD:
            data["data"] = {**e.data, "file": file_no[e.data["file"]]}
        result["events"].append(data)
    return result


@pytest.fixture
def world(demo_agencies: Any, tmp_path: Any) -> Any:
    worktime.set_calendar(None)
    catalog_load_demo()
    procedures = {p.national_code: p for p in Procedure.objects.filter(is_active=True).order_by("order")}
    applicants = {u.username: u for u in demo_applicants()}
    with override_settings(
        MEDIA_ROOT=tmp_path / "media", EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
    ):
        yield dataclasses.make_dataclass("World", ["staff", "applicants", "procedures"])(
            demo_staff(), applicants, procedures
        )
    worktime.set_calendar(None)


# what the decision and «có kết quả» events record of the signed result (the bulk path signs nothing)
SIGNED_RESULT_KEYS = ("result_file", "result_sha256", "signed_sha256", "agency_signature")


def without_signed_results(snap: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """The services' snapshot without the results the director signed at the decision, and the bytes
    of those: the bulk path writes no result file (docs/decisions/0010)."""
    signed = {i for i, f in enumerate(snap["files"]) if f["signed_at"] is not None}
    kept = [i for i in range(len(snap["files"])) if i not in signed]
    renumber = {old: new for new, old in enumerate(kept)}
    events = []
    for e in snap["events"]:
        data = {k: v for k, v in e["data"].items() if k not in SIGNED_RESULT_KEYS}
        if e["action"] == EventAction.FILE_ADD:
            if data["file"] in signed:
                continue
            data["file"] = renumber[data["file"]]
        events.append({**e, "data": data})
    files = [snap["files"][i] for i in kept]
    return {**snap, "files": files, "events": events}, [snap["files"][i]["content"] for i in sorted(signed)]


def both_ways(world: Any, plan: Plan) -> tuple[dict[str, Any], dict[str, Any]]:
    kw = {"staff": world.staff, "applicants": world.applicants, "procedures": world.procedures}
    through_services: dict[str, Any] = {}
    try:
        with transaction.atomic():
            dossier = plan_play(plan, **kw)
            through_services = snapshot(dossier.pk)
            raise _Rollback
    except _Rollback:
        pass
    assert not Dossier.objects.filter(code=through_services["code"]).exists()
    ops = BulkOps()
    with transaction.atomic():
        dossier = plan_play(plan, **kw, ops=ops)
        assert dossier.pk is None and ops.flush() == 1
    return through_services, snapshot(dossier.pk)


_numbers = itertools.count(50_000)


def _variants(world: Any) -> list[Plan]:
    """Every fate, with and without supplements (answered or still awaited), apologies, three speeds
    and the three channels, over procedures with different processes."""
    codes = list(world.procedures)
    plans = []
    fates = [Fate.RETURNED, Fate.FINISHED, Fate.REFUSED, Fate.NOT_RECEIVED, Fate.WITHDRAWN, Fate.STOPPED]
    fates += [Fate.OPEN, Fate.NEW]
    for i, fate in enumerate(fates):
        for j, (speed, channel, sup_r, sup_p, back, apo) in enumerate(
            [
                ("early", Channel.ONLINE, False, False, True, False),
                ("late", Channel.DIRECT, True, True, True, True),
                ("on_time", Channel.POST, False, True, fate == Fate.OPEN, False),
            ]
        ):
            online = channel == Channel.ONLINE
            plans.append(
                Plan(
                    number=next(_numbers),
                    procedure_code=codes[(3 * i + j) % len(codes)],
                    channel=channel,
                    applicant="hs.dn01@example.vn" if online else "Cơ sở in Hưng Thịnh",
                    submitted_at=dt.datetime(2017, 12, 4 + j, 9 + i % 7, 10 * j, tzinfo=TZ)
                    if fate in (Fate.OPEN, Fate.NEW)
                    else dt.datetime(2017, 3 + i, 6 + j, 8 + i % 8, 5 * j, tzinfo=TZ),
                    fate=fate,
                    speed=speed,
                    supplement_at_reception=sup_r and fate != Fate.NEW,
                    supplement_in_processing=sup_p and fate not in (Fate.NEW, Fate.NOT_RECEIVED),
                    supplement_back=back,
                    apologize=apo,
                )
            )
    return plans


def test_bulk_path_writes_what_the_services_write(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # decisions from May 2017 signed digitally on the services path, earlier ones on paper: both kinds
    monkeypatch.setattr(demo, "SIGNED_RESULTS_FROM", dt.datetime(2017, 5, 1, tzinfo=TZ))
    plans = _variants(world)
    # and the first demo plans as drawn (a different seed, so no code collides with the loader's)
    plans += demo_plans(
        count=600, seed=77, procedure_codes=list(world.procedures), applicants=sorted(world.applicants)
    )[::40]
    signed_results = paper_results = 0
    for plan in plans:
        via_services, via_bulk = both_ways(world, plan)
        via_services, results = without_signed_results(via_services)
        # the services sign the result when the director decides; the bulk path writes none
        decisions = [
            e["data"]
            for e in via_services["events"]
            if e["action"] in (EventAction.APPROVE, EventAction.REFUSE) and e["data"]["role"] == "director"
        ]
        paper = any(d.get("paper_result") for d in decisions)
        paper_results += paper
        assert len(results) == (1 if decisions and not paper else 0), plan
        for content in results:
            # the director's signature, then the agency's added by records clerk Hoa at issue
            leader, agency = verify_signatures(content)
            assert leader.valid and leader.signer_name == world.staff.director.full_name, plan
            assert agency.valid and agency.is_agency, plan
            signed_results += 1
        for name in ("steps", "events", "files"):
            assert len(via_bulk[name]) == len(via_services[name]), (plan, name)
            for a, b in zip(via_services[name], via_bulk[name], strict=True):
                assert a == b, (plan, name)
        assert via_bulk == via_services, plan
        assert via_bulk["secret_shape"] == 8
    assert signed_results >= 3 and paper_results >= 3, (signed_results, paper_results)


def test_loader_mixes_both_paths_and_is_idempotent(world: Any) -> None:
    from tinhso.core.models import AuditEntry
    from tinhso.onestop.demo import onestop_demo_load

    first = onestop_demo_load(count=40, service_every=10, chunk=15, say=lambda s: None)
    assert (first.created, first.through_services) == (40, 4)
    assert AuditEntry.objects.filter(action="onestop.demo.bulk_load").count() == 3
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 40
    # per agency and day, the sequence numbers are 1..n with no gap (services and bulk share the counter)
    by_day: dict[str, list[int]] = {}
    for code in codes:
        prefix, number = code.rsplit("-", 1)
        by_day.setdefault(prefix, []).append(int(number))
    assert all(sorted(n) == list(range(1, len(n) + 1)) for n in by_day.values())
    events = DossierEvent.objects.count()
    again = onestop_demo_load(count=40, service_every=10, chunk=15, say=lambda s: None)
    assert (again.created, again.existing) == (0, 40) and DossierEvent.objects.count() == events
