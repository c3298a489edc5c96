"""Import of household lists (CSV or Excel) with a row-level error report; all or nothing.

Two phases, so that a long import shows its progress and still saves nothing when one row is wrong:

1. **Check** (outside any transaction): stream the rows, validate every cell, detect duplicates
   (same citizen ID in the file or in the registry → error; same folded name, commune and hamlet →
   flagged for review), compute eligibility, and write each accepted row to a temporary file in
   PostgreSQL ``COPY`` text format. Progress is saved on the ``HouseholdImport`` row every
   ``PROGRESS_EVERY`` rows (visible to the page at once, as no transaction is open).
2. **Write** (one transaction), only when the check found no error: ``COPY`` the temporary file into
   the table on PostgreSQL (``executemany`` on other databases), flag the existing households that
   the new ones duplicate, record the audit entry. A unique-constraint violation (another import
   added the same ID meanwhile) rolls everything back.

Memory stays bounded: the rows are not kept, only two sets of integers (citizen IDs and hashes of
the duplicate keys) and the set of duplicated keys.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
from tinhso.core.vntext import fold
from tinhso.geo.models import Unit, UnitLevel
from tinhso.geo.selectors import units_valid_on
from tinhso.programs.eligibility import ineligibility_reasons
from tinhso.programs.models import Household, HouseholdImport, Poverty, ReviewStatus

PROGRESS_EVERY = 20_000
MAX_STORED_ERRORS = 1_000

# field → header (the CSV/Excel header row; matched without tone marks and case)
COLUMNS: list[tuple[str, str]] = [
    ("head_name", "Họ tên chủ hộ"),
    ("citizen_id", "Số CMND/CCCD"),
    ("hamlet", "Ấp"),
    ("commune", "Mã xã"),
    ("poverty", "Diện hộ"),
    ("list_year", "Năm danh sách"),
    ("has_analog_tv", "Có ti vi analog"),
    ("has_receiver", "Có đầu thu DVB-T2 hoặc truyền hình trả tiền"),
    ("pledge_signed", "Đã ký cam kết"),
]
HEADERS = dict(COLUMNS)
_FOLDED_HEADERS = {fold(h): key for key, h in COLUMNS}
_POVERTY = {
    "ho ngheo": Poverty.POOR,
    "ngheo": Poverty.POOR,
    "poor": Poverty.POOR,
    "ho can ngheo": Poverty.NEAR_POOR,
    "can ngheo": Poverty.NEAR_POOR,
    "near_poor": Poverty.NEAR_POOR,
    "khong": Poverty.NONE,
    "": Poverty.NONE,
    "none": Poverty.NONE,
}
_TRUE = frozenset({"co", "x", "1", "true", "dung", "yes"})
_FALSE = frozenset({"khong", "", "0", "false", "sai", "no"})
COPY_COLUMNS = (
    "head_name",
    "citizen_id",
    "hamlet",
    "commune_id",
    "poverty",
    "list_year",
    "has_analog_tv",
    "has_receiver",
    "pledge_signed",
    "eligible",
    "ineligible_reason",
    "match_key",
    "review_status",
    "search_text",
    "source_id",
    "created_at",
)
_MISSING: Any = object()
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": " ", "\n": " ", "\r": " "})


@dataclass
class ImportOutcome:
    total_rows: int = 0
    created: int = 0
    flagged: int = 0
    ineligible: int = 0
    error_count: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: check, copy, flag, commit

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class HouseholdFileRejected(InvalidInput):
    code = "file_rejected"


def _progress_save(obj: HouseholdImport | None, **values: Any) -> None:
    if obj is not None and obj.pk:
        HouseholdImport.objects.filter(pk=obj.pk).update(**values)
        for key, value in values.items():
            setattr(obj, key, value)


@contextmanager
def open_rows(path: Path) -> Iterator[tuple[Iterator[list[str]], int]]:
    """The rows of a CSV (UTF-8, comma or semicolon) or Excel file, and an estimate of their number."""
    name = path.name.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise HouseholdFileRejected("Không đọc được tệp Excel (.xlsx).") from exc
        try:
            ws = wb.worksheets[0]
            rows = (
                [
                    "" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
                    for v in r
                ]
                for r in ws.iter_rows(values_only=True)
            )
            yield rows, max(0, (ws.max_row or 1) - 1)
        finally:
            wb.close()
        return
    if not name.endswith((".csv", ".txt")):
        raise HouseholdFileRejected("Tệp phải là CSV (.csv) hoặc Excel (.xlsx).")
    lines = 0
    with path.open("rb") as raw:
        head = raw.read(4096)
        raw.seek(0)
        for chunk in iter(lambda: raw.read(1 << 20), b""):
            lines += chunk.count(b"\n")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        raise HouseholdFileRejected("Tệp CSV phải mã hóa UTF-8.") from exc
    sample = head.decode("utf-8", errors="ignore")
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        yield csv.reader(fh, delimiter=delimiter), max(0, lines - 1)


def _header_map(header: list[str]) -> list[str | None]:
    mapped = [_FOLDED_HEADERS.get(fold(h)) for h in header]
    missing = [HEADERS[key] for key, _ in COLUMNS if key not in mapped]
    if missing:
        raise HouseholdFileRejected(f"Dòng tiêu đề thiếu cột: {', '.join(missing)}.")
    return mapped


def households_import_file(
    *,
    actor: Any,
    path: Path,
    record: HouseholdImport | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
    check_only: bool = False,
) -> ImportOutcome:
    """Check and import the household list in ``path``; see the module docstring. ``record`` (optional)
    receives progress and the result. Raises ``HouseholdFileRejected`` for a file that cannot be read
    at all (wrong type, wrong header); row errors are returned in the outcome with nothing saved.
    With ``check_only`` the file is checked and nothing is written (``--dry-run``)."""
    from tinhso.programs.permissions import require_programs_editor

    require_programs_editor(actor)
    with open_rows(path) as (rows, estimate):
        return _run(
            actor=actor,
            rows=rows,
            estimate=estimate,
            record=record,
            on_progress=on_progress,
            today=today or timezone.localdate(),
            check_only=check_only,
        )


def _run(
    *,
    actor: Any,
    rows: Iterator[list[str]],
    estimate: int,
    record: HouseholdImport | None,
    on_progress: Callable[[int, int], None] | None,
    today: dt.date,
    check_only: bool = False,
) -> ImportOutcome:
    header = next(rows, None)
    if header is None:
        raise HouseholdFileRejected("Tệp rỗng.")
    mapping = _header_map(header)
    _progress_save(record, status=HouseholdImport.Status.RUNNING, total_rows=estimate, processed_rows=0)
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="\n") as spool:
        outcome, dup_keys = _check(
            rows=rows,
            mapping=mapping,
            spool=spool,
            record=record,
            on_progress=on_progress,
            today=today,
            estimate=estimate,
        )
        outcome.timings["check"] = time.perf_counter() - started
        if not outcome.ok:
            _progress_save(
                record,
                status=HouseholdImport.Status.FAILED,
                total_rows=outcome.total_rows,
                processed_rows=outcome.total_rows,
                error_count=outcome.error_count,
                errors=outcome.errors,
                message=f"Tệp có {outcome.error_count} lỗi; không hộ nào được thêm.",
                finished_at=timezone.now(),
            )
            return outcome
        if check_only:
            return outcome
        _progress_save(
            record,
            status=HouseholdImport.Status.WRITING,
            processed_rows=outcome.total_rows,
            total_rows=outcome.total_rows,
        )
        spool.seek(0)
        try:
            _write(actor=actor, spool=spool, outcome=outcome, dup_keys=dup_keys, record=record)
        except IntegrityError:
            outcome.error_count = 1
            outcome.errors = [
                {
                    "row": 0,
                    "column": "",
                    "message": "Số CMND/CCCD vừa được thêm bởi một lần nhập khác; hãy nhập lại tệp.",
                }
            ]
            _progress_save(
                record,
                status=HouseholdImport.Status.FAILED,
                error_count=1,
                errors=outcome.errors,
                message="Xung đột khi ghi; không hộ nào được thêm.",
                finished_at=timezone.now(),
            )
            return outcome
    return outcome


def _bool(value: str) -> bool | None:
    folded = fold(value)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


def _check(
    *,
    rows: Iterator[list[str]],
    mapping: list[str | None],
    spool: IO[str],
    record: HouseholdImport | None,
    on_progress: Callable[[int, int], None] | None,
    today: dt.date,
    estimate: int,
) -> tuple[ImportOutcome, set[str]]:
    outcome = ImportOutcome()
    idx = {key: mapping.index(key) for key, _ in COLUMNS}
    communes: dict[int, dict[str, tuple[int, str]]] = {}

    def communes_in(year: int | None) -> dict[str, tuple[int, str]]:
        """Commune rows valid at the end of ``year``; without a year, the latest row of each code."""
        key = year or 0
        if key not in communes:
            if year:
                on = dt.date(year, 12, 31) if year <= today.year else today
                qs = units_valid_on(on, level=UnitLevel.COMMUNE)
            else:
                qs = Unit.objects.filter(level=UnitLevel.COMMUNE).order_by("code", "valid_from")
            communes[key] = {u.code: (u.pk, u.name) for u in qs}
        return communes[key]

    # what the registry already holds (one pass over two columns)
    seen_ids: dict[int, int] = {}
    seen_keys: set[int] = set()
    existing_keys: set[int] = set()
    for cid, key in Household.objects.values_list("citizen_id", "match_key").iterator(chunk_size=20_000):
        seen_ids[int("1" + cid) if cid.isdigit() else hash(cid)] = 0
        existing_keys.add(hash(key))
    seen_keys |= existing_keys
    dup_keys: set[str] = set()
    now = (
        timezone.now().isoformat()
        if connection.vendor == "postgresql"
        else timezone.now().astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    )
    source = str(record.pk) if record is not None and record.pk else "\\N"
    errors = outcome.errors
    write = spool.write
    row_no = 1
    n_cols = len(mapping)

    def err(column: str, message: str) -> None:
        outcome.error_count += 1
        if len(errors) < MAX_STORED_ERRORS:
            errors.append({"row": row_no, "column": HEADERS.get(column, column), "message": message})

    i_name, i_id, i_hamlet, i_commune, i_poverty, i_year, i_tv, i_receiver, i_pledge = (
        idx[key] for key, _ in COLUMNS
    )
    hamlet_cache: dict[str, tuple[str, str, str]] = {}
    poverty_cache: dict[str, Any] = {}
    bool_cache: dict[str, Any] = {}
    reason_cache: dict[tuple[Any, ...], str] = {}
    max_year = today.year + 1
    null = "\\N"
    for row_no, raw in enumerate(rows, start=2):
        if len(raw) < n_cols:
            if not any(cell.strip() for cell in raw):
                continue
            raw = raw + [""] * (n_cols - len(raw))
        outcome.total_rows += 1
        if outcome.total_rows % PROGRESS_EVERY == 0:
            _progress_save(
                record,
                processed_rows=outcome.total_rows,
                error_count=outcome.error_count,
                total_rows=max(estimate, outcome.total_rows),
            )
            if on_progress is not None:
                on_progress(outcome.total_rows, max(estimate, outcome.total_rows))
        before = outcome.error_count
        head_name = " ".join(raw[i_name].split())
        citizen_id = raw[i_id].strip().replace(" ", "").replace(".", "")
        hamlet_raw = raw[i_hamlet]
        hamlet_info = hamlet_cache.get(hamlet_raw)
        if hamlet_info is None:
            clean = " ".join(hamlet_raw.split())
            hamlet_info = (clean, fold(clean), clean.translate(_ESCAPE))
            if len(hamlet_cache) < 200_000:
                hamlet_cache[hamlet_raw] = hamlet_info
        hamlet, hamlet_folded, hamlet_escaped = hamlet_info
        commune_code = raw[i_commune].strip()
        poverty_raw = raw[i_poverty]
        poverty = poverty_cache.get(poverty_raw, _MISSING)
        if poverty is _MISSING:
            poverty = poverty_cache[poverty_raw] = _POVERTY.get(fold(poverty_raw))
        year_raw = raw[i_year].strip()
        has_tv = bool_cache.get(raw[i_tv], _MISSING)
        if has_tv is _MISSING:
            has_tv = bool_cache[raw[i_tv]] = _bool(raw[i_tv])
        has_receiver = bool_cache.get(raw[i_receiver], _MISSING)
        if has_receiver is _MISSING:
            has_receiver = bool_cache[raw[i_receiver]] = _bool(raw[i_receiver])
        pledge = bool_cache.get(raw[i_pledge], _MISSING)
        if pledge is _MISSING:
            pledge = bool_cache[raw[i_pledge]] = _bool(raw[i_pledge])
        if not head_name:
            err("head_name", "không được để trống.")
        elif len(head_name) > 120:
            err("head_name", "dài quá 120 ký tự.")
        if not (len(citizen_id) in (9, 12) and citizen_id.isdigit()):
            err("citizen_id", f"“{citizen_id}” không phải số CMND (9 chữ số) hoặc CCCD (12 chữ số).")
        if not hamlet:
            err("hamlet", "không được để trống.")
        elif len(hamlet) > 120:
            err("hamlet", "dài quá 120 ký tự.")
        if poverty is None:
            err("poverty", f"“{poverty_raw}” phải là Hộ nghèo, Hộ cận nghèo hoặc Không.")
        list_year: int | None = None
        if year_raw:
            if year_raw.isdigit() and 2000 <= int(year_raw) <= max_year:
                list_year = int(year_raw)
            else:
                err("list_year", f"“{year_raw}” không phải năm hợp lệ.")
        elif poverty == Poverty.POOR or poverty == Poverty.NEAR_POOR:
            err("list_year", "bắt buộc với hộ nghèo, cận nghèo.")
        commune = communes_in(list_year).get(commune_code)
        if not commune_code:
            err("commune", "không được để trống.")
        elif commune is None:
            err(
                "commune",
                f"không có xã, phường, thị trấn mã “{commune_code}”"
                + (f" trong năm {list_year}." if list_year else "."),
            )
        if has_tv is None:
            err("has_analog_tv", f"“{raw[i_tv]}” phải là Có hoặc Không.")
        if has_receiver is None:
            err("has_receiver", f"“{raw[i_receiver]}” phải là Có hoặc Không.")
        if pledge is None:
            err("pledge_signed", f"“{raw[i_pledge]}” phải là Có hoặc Không.")
        if outcome.error_count != before or commune is None or poverty is None:
            continue
        id_key = int("1" + citizen_id)
        first = seen_ids.get(id_key)
        if first is not None:
            err("citizen_id", "đã có trong sổ hộ." if first == 0 else f"trùng với dòng {first}.")
            continue
        seen_ids[id_key] = row_no
        folded_name = fold(head_name)
        match = f"{folded_name}|{commune_code}|{hamlet_folded}"[:300]
        mhash = hash(match)
        review = ""
        if mhash in seen_keys:
            review = ReviewStatus.PENDING
            dup_keys.add(match)
            outcome.flagged += 1
        else:
            seen_keys.add(mhash)
        facts = (poverty, list_year is not None, has_tv, has_receiver, pledge)
        reason = reason_cache.get(facts)
        if reason is None:
            reason = reason_cache[facts] = "; ".join(
                ineligibility_reasons(
                    poverty=poverty,
                    list_year=list_year,
                    has_analog_tv=bool(has_tv),
                    has_receiver=bool(has_receiver),
                    pledge_signed=bool(pledge),
                )
            )
        if reason:
            outcome.ineligible += 1
        search = f"{folded_name} {citizen_id} {hamlet_folded}"
        if "\\" in head_name or "\\" in hamlet:  # the only character COPY text needs escaped here
            head_name, match, search = (v.translate(_ESCAPE) for v in (head_name, match, search))
        write(
            f"{head_name}\t{citizen_id}\t{hamlet_escaped}\t{commune[0]}\t{poverty}\t"
            f"{list_year if list_year else null}\t{'t' if has_tv else 'f'}\t{'t' if has_receiver else 'f'}\t"
            f"{'t' if pledge else 'f'}\t{'f' if reason else 't'}\t{reason}\t{match}\t{review}\t"
            f"{search}\t{source}\t{now}\n"
        )
        outcome.created += 1
    if on_progress is not None:
        on_progress(outcome.total_rows, outcome.total_rows)
    return outcome, dup_keys


def _write(
    *, actor: Any, spool: IO[str], outcome: ImportOutcome, dup_keys: set[str], record: HouseholdImport | None
) -> None:
    table = Household._meta.db_table
    mark = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for block in iter(lambda: spool.read(1 << 20), ""):
                        copy.write(block)
            else:
                sql = (
                    f"INSERT INTO {table} ({', '.join(COPY_COLUMNS)}) "  # noqa: S608 - fixed names
                    f"VALUES ({', '.join(['%s'] * len(COPY_COLUMNS))})"
                )
                batch: list[tuple[Any, ...]] = []
                for line in spool:
                    batch.append(_parse_copy_line(line))
                    if len(batch) >= 5_000:
                        cursor.executemany(sql, batch)
                        batch.clear()
                if batch:
                    cursor.executemany(sql, batch)
        outcome.timings["copy"] = time.perf_counter() - mark
        mark = time.perf_counter()
        if dup_keys:
            if connection.vendor == "postgresql" and outcome.created > 10_000:
                with connection.cursor() as cursor:  # fresh statistics, so the updates below use the index
                    cursor.execute(f"ANALYZE {table}")
            # the households these rows duplicate (earlier rows of the file, or already registered)
            keys = sorted(dup_keys)
            for start in range(0, len(keys), 500):
                outcome.flagged += Household.objects.filter(
                    match_key__in=keys[start : start + 500], review_status=""
                ).update(review_status=ReviewStatus.PENDING)
        outcome.timings["flag"] = time.perf_counter() - mark
        mark = time.perf_counter()
        audit_record(
            actor=actor,
            action="programs.households_import",
            object_type="programs.householdimport",
            object_id=record.pk if record is not None and record.pk else "cli",
            after={
                "rows": outcome.total_rows,
                "created": outcome.created,
                "flagged": outcome.flagged,
                "ineligible": outcome.ineligible,
            },
        )
        _progress_save(
            record,
            status=HouseholdImport.Status.DONE,
            created_count=outcome.created,
            flagged_count=outcome.flagged,
            ineligible_count=outcome.ineligible,
            error_count=0,
            errors=[],
            message=f"Đã thêm {outcome.created} hộ.",
            finished_at=timezone.now(),
        )
    outcome.timings["commit"] = time.perf_counter() - mark


def _unescape(value: str) -> str:
    return value.replace("\\\\", "\\")


def _parse_copy_line(line: str) -> tuple[Any, ...]:
    cells = line.rstrip("\n").split("\t")
    out: list[Any] = []
    for name, cell in zip(COPY_COLUMNS, cells, strict=True):
        if cell == "\\N":
            out.append(None)
        elif name in ("has_analog_tv", "has_receiver", "pledge_signed", "eligible"):
            out.append(cell == "t")
        elif name in ("commune_id", "list_year", "source_id"):
            out.append(int(cell))
        else:
            out.append(_unescape(cell))
    return tuple(out)


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    """A CSV text in the import layout (used by the demo loader, tests and the benchmark)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([h for _, h in COLUMNS])
    for row in rows:
        writer.writerow([row.get(key, "") for key, _ in COLUMNS])
    return out.getvalue()
