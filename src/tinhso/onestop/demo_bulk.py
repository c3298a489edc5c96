"""The bulk path of the demo dossiers: the same plans as ``onestop.demo.plan_play``, the same rows.

``plan_play(plan, …, ops=BulkOps())`` runs the plan's script unchanged, but each ``dossier_*`` call
goes to ``BulkOps``, which applies the transition the way ``onestop.services`` does — the same
statuses, timestamps and due times (``core.worktime``, the supplement policy in force), step rows,
event rows with the same data, codes from the same per-agency-per-day counter (``dossier_code_next``,
inside the loader's transaction, in plan order) — to unsaved model instances kept in memory.
``BulkOps.flush()`` then writes them with a few ``bulk_create`` calls per table instead of ~60
queries, a row lock and an audit entry per transition.

What differs from the service path, on purpose: no per-transition audit entry (the loader writes one
entry for the whole batch), no permission or state checks (the plans are valid by construction; the
test ``tests/onestop/test_demo_bulk.py`` plays the same plans both ways and compares every field of
the dossier, its steps, events and files), no e-mail (the service path sends none for the demo either).
Tracking secrets and stored file names are random on both paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from tinhso.catalog.models import Procedure, ProcedureVersion, ProcessStep
from tinhso.core import worktime
from tinhso.onestop import services, uploads
from tinhso.onestop.models import (
    Channel,
    Dossier,
    DossierCodeCounter,
    DossierEvent,
    DossierFile,
    DossierStatus,
    DossierStep,
    EventAction,
    FileKind,
    Outcome,
    StepResult,
    SupplementMode,
    SupplementPolicy,
)
from tinhso.org.models import Role

S = DossierStatus
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_DOSSIER_INSTANTS = [
    f.name for f in Dossier._meta.concrete_fields if f.get_internal_type() == "DateTimeField"
]


@dataclass
class _FileRef:
    """Stands for a file's primary key in an event's data until the file row is written."""

    record: DossierFile


@dataclass
class _Pending:
    dossier: Dossier
    steps: list[DossierStep] = field(default_factory=list)
    events: list[DossierEvent] = field(default_factory=list)
    files: list[tuple[DossierFile, bytes]] = field(default_factory=list)


class BulkOps:
    """The ``onestop.services`` transitions used by the demo plans, applied in memory (see the module
    docstring). Method names and keyword arguments are the services'."""

    ONE_WORKING_DAY = services.ONE_WORKING_DAY

    def __init__(self, cache: Any = None) -> None:
        from tinhso.onestop.demo import CatalogCache

        self.cache = cache or CatalogCache()
        self.pending: list[_Pending] = []
        self._by_dossier: dict[int, _Pending] = {}
        self._counters: dict[tuple[int, dt.date], int] = {}
        self._counter_rows: dict[tuple[int, dt.date], DossierCodeCounter] = {}
        self._dirty: set[tuple[int, dt.date]] = set()
        self._policies: list[SupplementPolicy] | None = None

    # ---------------------------------------------------------------------------------------------
    # bookkeeping

    def _record(self, dossier: Dossier) -> _Pending:
        return self._by_dossier[id(dossier)]

    def _process_steps(self, version: ProcedureVersion) -> list[ProcessStep]:
        return self.cache.steps(version)  # type: ignore[no-any-return]

    def _version_on(self, procedure: Procedure, at: dt.datetime) -> ProcedureVersion:
        version = self.cache.version_on(procedure, at)
        assert version is not None
        return version  # type: ignore[no-any-return]

    def _policy_on(self, at: dt.datetime) -> str:
        """``onestop.selectors.supplement_policy_on`` over the policies read once."""
        if self._policies is None:
            self._policies = list(SupplementPolicy.objects.order_by("-valid_from"))
        day = at.astimezone(TZ).date()
        policy = next((p for p in self._policies if p.valid_from <= day), None)
        return policy.mode if policy else SupplementMode.RESTART

    def _code_next(self, agency: Any, at: dt.datetime) -> str:
        """``services.dossier_code_next`` with the counter rows read once per day and written back at
        the flush (the caller's transaction holds them: nobody else submits demo dossiers meanwhile)."""
        day = at.astimezone(TZ).date()
        key = (agency.pk, day)
        if key not in self._counters:
            for row in DossierCodeCounter.objects.filter(day=day):
                self._counter_rows.setdefault((row.agency_id, day), row)
                self._counters.setdefault((row.agency_id, day), row.last)
            self._counters.setdefault(key, 0)
        self._counters[key] += 1
        self._dirty.add(key)
        return f"{agency.code}-{day:%y%m%d}-{self._counters[key]:04d}"

    def _event(
        self,
        dossier: Dossier,
        *,
        actor: Any,
        action: str,
        at: dt.datetime,
        from_status: int | None = None,
        to_status: int | None = None,
        step: DossierStep | None = None,
        reason: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self._record(dossier).events.append(
            DossierEvent(
                dossier=dossier,
                at=at,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_label=(str(actor) if actor is not None else "Hệ thống")[:255],
                action=action,
                from_status=from_status,
                to_status=to_status,
                step=step,
                reason=reason,
                data=data or {},
            )
        )

    def _reread(self, dossier: Dossier) -> None:
        """The services re-read the dossier (``_lock``) and its current step at the start of each
        transition, so the instants they carry over come back from the database in UTC; do the same,
        since that is how they then appear in event data."""
        for name in _DOSSIER_INSTANTS:
            value = getattr(dossier, name)
            if value is not None:
                setattr(dossier, name, value.astimezone(dt.UTC))
        for step in self._record(dossier).steps:
            for name in ("started_at", "due_at", "finished_at"):
                value = getattr(step, name)
                if value is not None:
                    setattr(step, name, value.astimezone(dt.UTC))

    @staticmethod
    def _write(dossier: Dossier) -> None:
        dossier.version += 1

    def _start_step(
        self, dossier: Dossier, process_step: ProcessStep, *, at: dt.datetime, assignee: Any = None
    ) -> DossierStep:
        agency = process_step.agency if process_step.agency is not None else dossier.agency
        start = max(at, dossier.clock_started_at) if dossier.clock_started_at else at
        step = DossierStep(
            dossier=dossier,
            process_step=process_step,
            order=process_step.order,
            name=process_step.name,
            role=process_step.role,
            agency=agency,
            assignee=assignee,
            started_at=at,
            due_at=services._step_due(dossier, start, process_step.hours),
        )
        self._record(dossier).steps.append(step)
        return step

    @staticmethod
    def _finish_step(step: DossierStep, *, actor: Any, at: dt.datetime, result: str, note: str = "") -> None:
        step.finished_at = at
        step.finished_by = actor if getattr(actor, "pk", None) else None
        step.result = result
        step.note = note

    def _next_process_step(self, dossier: Dossier, step: DossierStep | None) -> ProcessStep | None:
        after = step.order if step is not None else 0
        return next((p for p in self._process_steps(dossier.procedure_version) if p.order > after), None)

    def _advance(
        self, dossier: Dossier, step: DossierStep, *, actor: Any, at: dt.datetime, result: str, note: str
    ) -> DossierStep | None:
        nxt = self._next_process_step(dossier, step)
        self._finish_step(step, actor=actor, at=at, result=result, note=note)
        return self._start_step(dossier, nxt, at=at) if nxt is not None else None

    def _close_open_steps(
        self, dossier: Dossier, *, actor: Any, at: dt.datetime, result: str, note: str
    ) -> None:
        for step in self._record(dossier).steps:
            if step.finished_at is None:
                self._finish_step(step, actor=actor, at=at, result=result, note=note)

    # ---------------------------------------------------------------------------------------------
    # drafts and submission

    def dossier_create_draft(
        self,
        *,
        actor: Any,
        procedure: Procedure,
        channel: str = Channel.ONLINE,
        applicant_name: str = "",
        applicant_address: str = "",
        form_data: dict[str, Any] | None = None,
        at: dt.datetime,
    ) -> Dossier:
        version = self._version_on(procedure, at)
        applicant = None
        applicant_id_number = applicant_phone = applicant_email = ""
        if channel == Channel.ONLINE:
            applicant = actor
            applicant_name = applicant_name or actor.organization_name or actor.full_name
            applicant_id_number = actor.citizen_id or actor.tax_code or ""
            applicant_address = applicant_address or actor.address
            applicant_phone = actor.phone or ""
            applicant_email = actor.email or ""
        dossier = Dossier(
            procedure=procedure,
            procedure_version=version,
            agency=procedure.agency,
            applicant=applicant,
            applicant_name=applicant_name.strip(),
            applicant_id_number=applicant_id_number.strip(),
            applicant_address=applicant_address.strip(),
            applicant_phone=applicant_phone.strip(),
            applicant_email=applicant_email.strip(),
            channel=channel,
            status=S.DRAFT,
            form_data=services._clean_form_data(version, form_data),
            created_by=actor,
            created_at=at,
        )
        dossier.search_text = services._dossier_search_text(dossier)
        record = _Pending(dossier)
        self.pending.append(record)
        self._by_dossier[id(dossier)] = record
        self._event(dossier, actor=actor, action=EventAction.CREATE, at=at, to_status=S.DRAFT)
        return dossier

    def dossier_file_add(
        self,
        *,
        actor: Any,
        dossier: Dossier,
        name: str,
        content: bytes,
        document: Any = None,
        kind: str = FileKind.APPLICATION,
        at: dt.datetime,
    ) -> DossierFile:
        self._reread(dossier)
        ctype = uploads.content_type_of(content)
        assert ctype is not None
        clean = uploads.name_for(name, ctype)
        record = DossierFile(
            dossier=dossier,
            document=document,
            kind=kind,
            original_name=clean,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content_type=ctype,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            uploaded_at=at,
        )
        self._record(dossier).files.append((record, content))
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.FILE_ADD,
            at=at,
            data={
                "file": _FileRef(record),
                "document": getattr(document, "pk", None),
                "kind": kind,
                "sha256": record.sha256,
            },
        )
        return record

    def dossier_submit(self, *, actor: Any, dossier: Dossier, at: dt.datetime) -> Dossier:
        self._reread(dossier)
        version = self._version_on(dossier.procedure, at)
        if version.pk != dossier.procedure_version_id:
            dossier.procedure_version = version
            names = {f["name"] for f in version.form_fields}
            dossier.form_data = {k: v for k, v in dossier.form_data.items() if k in names}
        dossier.code = self._code_next(dossier.agency, at)
        dossier.tracking_secret = services._tracking_secret()
        dossier.submitted_at = at
        dossier.status = S.NEW
        dossier.search_text = services._dossier_search_text(dossier)
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.SUBMIT,
            at=at,
            from_status=S.DRAFT,
            to_status=S.NEW,
            data={"code": dossier.code, "channel": dossier.channel},
        )
        return dossier

    # ---------------------------------------------------------------------------------------------
    # reception

    def dossier_receive(
        self, *, actor: Any, dossier: Dossier, assignee: Any = None, note: str = "", at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        version = self._version_on(dossier.procedure, at)
        repinned = version.pk != dossier.procedure_version_id
        dossier.procedure_version = version
        dossier.received_at = at
        dossier.received_by = actor
        dossier.clock_started_at = worktime.clock_start(at)
        dossier.due_at = worktime.due_at(at, version.duration_days)
        dossier.promised_at = dossier.due_at
        dossier.supplement_items = []
        steps = self._process_steps(version)
        first = steps[0]
        reception_step: DossierStep | None = None
        if first.role == Role.CLERK and len(steps) > 1:
            reception_step = self._start_step(dossier, first, at=at)
            self._finish_step(reception_step, actor=actor, at=at, result=StepResult.DONE, note=note)
            current = self._start_step(dossier, steps[1], at=at, assignee=assignee)
        else:
            current = self._start_step(dossier, first, at=at, assignee=assignee)
        dossier.current_step = current
        dossier.status = S.PROCESSING
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.RECEIVE,
            at=at,
            from_status=S.NEW,
            to_status=S.RECEIVED,
            step=reception_step,
            reason=note,
            data={
                "due_at": dossier.due_at,
                "clock_started_at": dossier.clock_started_at,
                "version_id": version.pk,
                "repinned": repinned,
            },
        )
        self._event(
            dossier,
            actor=actor,
            action=EventAction.START,
            at=at,
            from_status=S.RECEIVED,
            to_status=S.PROCESSING,
            step=current,
            data={
                "step": current.order,
                "assignee": getattr(assignee, "pk", None),
                "step_due_at": current.due_at,
            },
        )
        return dossier

    def dossier_request_supplement(
        self, *, actor: Any, dossier: Dossier, items: Sequence[str], reason: str = "", at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        cleaned = services._clean_items(items)
        step = None
        if dossier.status == S.NEW:
            stage = "reception"
        else:
            step = dossier.current_step
            stage = "processing"
            dossier.paused_at = at
        from_status = dossier.status
        dossier.status = S.SUPPLEMENT
        dossier.supplement_items = cleaned
        dossier.supplement_count += 1
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.REQUEST_SUPPLEMENT,
            at=at,
            from_status=from_status,
            to_status=S.SUPPLEMENT,
            step=step,
            reason=reason,
            data={"items": cleaned, "stage": stage},
        )
        return dossier

    def dossier_supplement_submit(
        self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        items = dossier.supplement_items
        dossier.supplement_items = []
        data: dict[str, Any] = {"items": items}
        if dossier.received_at is None:
            dossier.status = S.NEW
        else:
            assert dossier.paused_at is not None and dossier.due_at is not None
            policy = self._policy_on(dossier.received_at)
            old_due = dossier.due_at
            step = dossier.current_step
            if policy == SupplementMode.RESTART:
                dossier.clock_started_at = worktime.clock_start(at)
                dossier.due_at = worktime.due_at(at, dossier.procedure_version.duration_days)
                if step is not None:
                    step.due_at = services._step_due(
                        dossier, dossier.clock_started_at, step.process_step.hours
                    )
            else:
                dossier.due_at = services._resume_due(old_due, dossier.paused_at, at)
                if step is not None:
                    step.due_at = min(
                        services._resume_due(step.due_at, dossier.paused_at, at), dossier.due_at
                    )
            if (
                dossier.promised_at is None
                or dossier.apologized_at is None
                or dossier.promised_at < dossier.due_at
            ):
                dossier.promised_at = dossier.due_at
            data.update(
                {
                    "policy": policy,
                    "paused_at": dossier.paused_at,
                    "old_due_at": old_due,
                    "new_due_at": dossier.due_at,
                }
            )
            dossier.paused_at = None
            dossier.status = S.PROCESSING
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.SUPPLEMENT,
            at=at,
            from_status=S.SUPPLEMENT,
            to_status=dossier.status,
            reason=note,
            data=data,
            step=dossier.current_step,
        )
        return dossier

    def dossier_refuse_reception(
        self, *, actor: Any, dossier: Dossier, reason: str, at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        from_status = dossier.status
        dossier.status = S.NOT_RECEIVED
        dossier.closed_at = at
        dossier.outcome_note = reason.strip()
        dossier.supplement_items = []
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.REFUSE_RECEPTION,
            at=at,
            from_status=from_status,
            to_status=S.NOT_RECEIVED,
            reason=reason.strip(),
        )
        return dossier

    # ---------------------------------------------------------------------------------------------
    # processing

    def dossier_forward(self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime) -> Dossier:
        self._reread(dossier)
        step = dossier.current_step
        assert step is not None
        new_step = self._advance(dossier, step, actor=actor, at=at, result=StepResult.DONE, note=note)
        dossier.current_step = new_step
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.FORWARD,
            at=at,
            from_status=S.PROCESSING,
            to_status=S.PROCESSING,
            step=step,
            reason=note,
            data={
                "from_step": step.order,
                "to_step": new_step.order if new_step else None,
                "assignee": None,
                "step_due_at": new_step.due_at if new_step else None,
            },
        )
        return dossier

    def _decide(
        self, *, actor: Any, dossier: Dossier, outcome: str, note: str, at: dt.datetime, paper_result: bool
    ) -> Dossier:
        step = dossier.current_step
        assert step is not None
        result = StepResult.APPROVED if outcome == Outcome.APPROVED else StepResult.REFUSED
        new_step = self._advance(dossier, step, actor=actor, at=at, result=result, note=note)
        dossier.outcome = outcome
        dossier.outcome_note = note.strip()
        dossier.current_step = new_step
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.APPROVE if outcome == Outcome.APPROVED else EventAction.REFUSE,
            at=at,
            from_status=S.PROCESSING,
            to_status=S.PROCESSING,
            step=step,
            reason=note.strip(),
            data={
                "step": step.order,
                "role": step.role,
                "to_step": new_step.order if new_step else None,
                **({"paper_result": True} if paper_result else {}),
            },
        )
        return dossier

    # ``paper_result`` is recorded as the services record it; the bulk path never signs nor stores a
    # result (docs/decisions/0010)
    def dossier_approve(
        self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime, paper_result: bool = False
    ) -> Dossier:
        self._reread(dossier)
        return self._decide(
            actor=actor,
            dossier=dossier,
            outcome=Outcome.APPROVED,
            note=note,
            at=at,
            paper_result=paper_result,
        )

    def dossier_refuse(
        self, *, actor: Any, dossier: Dossier, reason: str, at: dt.datetime, paper_result: bool = False
    ) -> Dossier:
        self._reread(dossier)
        return self._decide(
            actor=actor,
            dossier=dossier,
            outcome=Outcome.REFUSED,
            note=reason,
            at=at,
            paper_result=paper_result,
        )

    def dossier_finish(self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime) -> Dossier:
        self._reread(dossier)
        step = dossier.current_step
        new_step = None
        if step is not None:
            new_step = self._advance(dossier, step, actor=actor, at=at, result=StepResult.FINISHED, note=note)
        dossier.finished_at = at
        dossier.status = S.FINISHED
        dossier.current_step = new_step
        self._write(dossier)
        assert dossier.due_at is not None
        timeliness = worktime.classify_finish(at, dossier.due_at)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.FINISH,
            at=at,
            from_status=S.PROCESSING,
            to_status=S.FINISHED,
            step=step,
            reason=note,
            data={"outcome": dossier.outcome, "timeliness": str(timeliness), "due_at": dossier.due_at},
        )
        return dossier

    def dossier_return(self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime) -> Dossier:
        self._reread(dossier)
        step = dossier.current_step
        self._close_open_steps(dossier, actor=actor, at=at, result=StepResult.FINISHED, note=note)
        dossier.returned_at = at
        dossier.status = S.RETURNED
        dossier.current_step = None
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.RETURN,
            at=at,
            from_status=S.FINISHED,
            to_status=S.RETURNED,
            step=step,
            reason=note,
        )
        return dossier

    def dossier_apologize(
        self, *, actor: Any, dossier: Dossier, new_promised_at: dt.datetime, reason: str, at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        old = dossier.promised_at
        dossier.promised_at = new_promised_at
        dossier.apologized_at = at
        self._write(dossier)
        self._event(
            dossier,
            actor=actor,
            action=EventAction.APOLOGIZE,
            at=at,
            reason=reason.strip(),
            data={"old_promised_at": old, "new_promised_at": new_promised_at, "due_at": dossier.due_at},
        )
        return dossier

    def dossier_withdraw_request(
        self, *, actor: Any, dossier: Dossier, reason: str, at: dt.datetime
    ) -> Dossier:
        self._reread(dossier)
        dossier.withdraw_requested_at = at
        self._write(dossier)
        self._event(dossier, actor=actor, action=EventAction.WITHDRAW_REQUEST, at=at, reason=reason.strip())
        return dossier

    def dossier_withdraw(self, *, actor: Any, dossier: Dossier, note: str = "", at: dt.datetime) -> Dossier:
        self._reread(dossier)
        return self._close(
            dossier, actor=actor, at=at, to=S.WITHDRAWN, action=EventAction.WITHDRAW, reason=note
        )

    def dossier_stop(self, *, actor: Any, dossier: Dossier, reason: str, at: dt.datetime) -> Dossier:
        self._reread(dossier)
        return self._close(
            dossier, actor=actor, at=at, to=S.STOPPED, action=EventAction.STOP, reason=reason.strip()
        )

    def _close(
        self, dossier: Dossier, *, actor: Any, at: dt.datetime, to: int, action: str, reason: str
    ) -> Dossier:
        from_status = dossier.status
        self._close_open_steps(dossier, actor=actor, at=at, result=StepResult.CANCELLED, note=reason)
        dossier.status = to
        dossier.closed_at = at
        dossier.paused_at = None
        dossier.current_step = None
        dossier.outcome_note = reason
        self._write(dossier)
        self._event(
            dossier, actor=actor, action=action, at=at, from_status=from_status, to_status=to, reason=reason
        )
        return dossier

    # ---------------------------------------------------------------------------------------------
    # writing

    def _write_counters(self) -> None:
        new, changed = [], []
        for key in sorted(self._dirty):
            row = self._counter_rows.get(key)
            if row is None:
                row = DossierCodeCounter(agency_id=key[0], day=key[1], last=self._counters[key])
                new.append(row)
                self._counter_rows[key] = row
            else:
                row.last = self._counters[key]
                changed.append(row)
        DossierCodeCounter.objects.bulk_create(new)
        DossierCodeCounter.objects.bulk_update(changed, ["last"], batch_size=500)
        self._dirty.clear()
        # counters may move outside (the service path) before the next flush: read them again then
        self._counters.clear()
        self._counter_rows.clear()

    def flush(self, *, batch_size: int = 1000) -> int:
        """Write every pending dossier with its steps, files and events (inside the caller's
        transaction); returns the number of dossiers written."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("BulkOps.flush phải được gọi trong một giao dịch.")
        records, self.pending, self._by_dossier = self.pending, [], {}
        self._write_counters()
        if not records:
            return 0
        current = {id(r.dossier): r.dossier.current_step for r in records}
        for r in records:
            r.dossier.current_step = None  # written once the steps have primary keys
        Dossier.objects.bulk_create([r.dossier for r in records], batch_size=batch_size)
        steps: list[DossierStep] = []
        files: list[DossierFile] = []
        for r in records:
            for step in r.steps:
                step.dossier = r.dossier
                steps.append(step)
            for record, content in r.files:
                record.dossier = r.dossier
                uploads.store_in_transaction(record, record.original_name, content)
                files.append(record)
        DossierStep.objects.bulk_create(steps, batch_size=batch_size)
        DossierFile.objects.bulk_create(files, batch_size=batch_size)
        with_step = []
        for r in records:
            current_step = current[id(r.dossier)]
            if current_step is not None:
                r.dossier.current_step = current_step
                with_step.append(r.dossier)
        Dossier.objects.bulk_update(with_step, ["current_step"], batch_size=batch_size)
        events: list[DossierEvent] = []
        for r in records:
            for event in r.events:
                event.dossier = r.dossier
                ref = event.data.get("file") if event.action == EventAction.FILE_ADD else None
                if isinstance(ref, _FileRef):
                    event.data["file"] = ref.record.pk
                events.append(event)
        DossierEvent.objects.bulk_create(events, batch_size=batch_size)
        return len(records)
