"""Biểu II.06a for one year over 1,000,000 dossiers: ≤ 1 s on PostgreSQL, ≤ 3 s on SQLite.

    .venv/bin/python bench/bench_onestop_ii06a.py [--rows 1000000] [--backend sqlite|postgres|both]
        [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--repeat 3] [--no-check]

Each backend runs in a child process with its own database (SQLite in a temporary directory; on
PostgreSQL a database ``bench_tinhso_ii06a`` created next to ``--pg-url``), migrated, then filled once
with ``--rows`` dossiers of 2016–2017 over the 28 demo procedures by bulk insert (``COPY`` on
PostgreSQL, ``executemany`` in one transaction on SQLite). The databases are kept between runs (the
fill is skipped when the row count matches), then the II.06a count table is filled
(``reports_counts_fill``, what ``tinhso reports fill`` runs; timed and printed). Timed, the fastest
of ``--repeat`` runs each:

* ``ii06a_counts(Period.year(2017))`` with the table filled up to today — the normal case: the fill
  state, the stale-event check and one aggregate over the count table;
* the whole ``ii06a_report`` (labels, subtotals, refused at reception, online levels) — the target;
* ``ii06a_counts`` with the table taken as filled only up to 01/07/2017: half the year read live from
  the dossier table (indexed ranges) and the pending dossiers at the year end through the status index;
* ``ii06a_counts_live`` — no table at all, the one grouped aggregate over the dossier table (once).

All four must give the same counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
TARGETS = {"sqlite": 3.0, "postgres": 1.0}
UTC = dt.UTC


def _rows(n: int, procedures: list[tuple[int, int, int, int]]) -> list[tuple[object, ...]]:
    """Dossier rows: 2016–2017, 30 % online; 92 % finished (70 % early, 20 % on time, 10 % late),
    3 % withdrawn/stopped, 3 % refused at reception, the rest open."""
    rng = random.Random(2017)
    start = dt.datetime(2016, 1, 1, tzinfo=UTC).timestamp()
    span = 2 * 365 * 86400
    out = []
    for i in range(n):
        pid, vid, aid, days = procedures[i % len(procedures)]
        created = dt.datetime.fromtimestamp(start + span * i / n, UTC)
        received = created + dt.timedelta(hours=2)
        due = received + dt.timedelta(days=days * 1.4)
        r = rng.random()
        finished = closed = None
        status, outcome = 4, ""
        if r < 0.03:
            status, received, due, closed = 3, None, None, created + dt.timedelta(hours=3)
        elif r < 0.06:
            status, closed = rng.choice([7, 8]), received + dt.timedelta(days=3)
        elif r < 0.98:
            q = rng.random()
            if q < 0.7:
                finished = received + (due - received) * 0.5
            elif q < 0.9:
                finished = due - dt.timedelta(hours=1)
            else:
                finished = due + dt.timedelta(days=2)
            status, outcome = 10, "approved"
        channel = "online" if rng.random() < 0.3 else "direct"
        out.append(
            (
                f"B.{aid}-{i:08d}",
                pid,
                vid,
                aid,
                f"Người nộp {i}",
                channel,
                status,
                outcome,
                created,
                created,
                received,
                received,
                due,
                due,
                finished,
                closed,
                f"S{i:07d}"[:12],
            )
        )
    return out


COLUMNS = (
    "code, procedure_id, procedure_version_id, agency_id, applicant_name, channel, status, outcome, "
    "created_at, submitted_at, received_at, clock_started_at, due_at, promised_at, finished_at, closed_at, "
    "tracking_secret"
)
CONSTANT = {
    "applicant_id_number": "",
    "applicant_address": "",
    "applicant_phone": "",
    "applicant_email": "",
    "outcome_note": "",
    "form_data": "{}",
    "supplement_items": "[]",
    "supplement_count": 0,
    "search_text": "",
    "version": 1,
}


def child(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from tinhso.catalog.demo import catalog_load_demo
    from tinhso.catalog.models import ProcedureVersion
    from tinhso.demo.agencies import demo_agencies_load
    from tinhso.geo.services import units_load
    from tinhso.onestop.models import Dossier
    from tinhso.reports.ii06a import Period, filled_until, ii06a_counts, ii06a_counts_live
    from tinhso.reports.models import DossierDayCount
    from tinhso.reports.selectors import ii06a_report
    from tinhso.reports.services import reports_counts_fill

    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    have = Dossier.objects.count()
    if have != args.rows:
        t0 = time.perf_counter()
        with transaction.atomic():
            with connection.cursor() as cursor:  # the ORM's cascade would read every row first
                for table in ("reports_dossierdaycount", "reports_countfillstate", "onestop_dossier"):
                    cursor.execute(f"DELETE FROM {table}")
            units_load(actor=None)
            demo_agencies_load(actor=None)
            catalog_load_demo()
            procedures = [
                (v.procedure_id, v.pk, v.procedure.agency_id, v.duration_days)
                for v in ProcedureVersion.objects.select_related("procedure").order_by("procedure_id")
            ]
            rows = _rows(args.rows, procedures)
            extra_cols = ", ".join(CONSTANT)
            extra_vals = list(CONSTANT.values())
            with connection.cursor() as cursor:
                if vendor == "postgresql":
                    raw = cursor.cursor
                    with raw.copy(f"COPY onestop_dossier ({COLUMNS}, {extra_cols}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row((*row, *extra_vals))
                else:
                    marks = ", ".join(["%s"] * (COLUMNS.count(",") + 1 + len(CONSTANT)))
                    cursor.executemany(
                        f"INSERT INTO onestop_dossier ({COLUMNS}, {extra_cols}) VALUES ({marks})",
                        [(*row, *extra_vals) for row in rows],
                    )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  filled {args.rows:,} dossiers in {time.perf_counter() - t0:.1f} s", flush=True)
    fill_s = None
    if have != args.rows or filled_until() is None:
        t0 = time.perf_counter()
        reports_counts_fill(actor=None, rebuild=True)
        fill_s = round(time.perf_counter() - t0, 1)
        print(f"  count table: {DossierDayCount.objects.count():,} rows in {fill_s} s", flush=True)
    period = Period.year(2017)
    half = dt.date(2017, 7, 1)
    times, report_times, tail_times = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        counts = ii06a_counts(period)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = ii06a_report(period)
        report_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tail = ii06a_counts(period, until=half)
        tail_times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    live = ii06a_counts_live(period)
    live_s = time.perf_counter() - t0
    total = report.total
    assert all(c.balanced for c in counts.values()) and total.balanced
    assert counts == tail == live, "the table, table + live tail and live paths disagree"
    result = {
        "backend": vendor,
        "rows": args.rows,
        "table_rows": DossierDayCount.objects.count(),
        "fill_s": fill_s,
        "aggregate_s": round(min(times), 4),
        "report_s": round(min(report_times), 4),
        "half_live_s": round(min(tail_times), 4),
        "live_s": round(live_s, 3),
        "received": total.received,
        "resolved": total.resolved,
        "pending": total.pending,
        "groups": len(counts),
    }
    print("RESULT " + json.dumps(result), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tinhso.config.settings", "TINHSO_TESTING": ""}
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
        )
        if backend == "sqlite":
            var = Path(tempfile.gettempdir()) / "bench_tinhso_ii06a"
            var.mkdir(exist_ok=True)
            env["TINHSO_VAR_DIR"] = str(var)
            env.pop("DATABASE_URL", None)
        else:
            url = urlparse(args.pg_url)
            import psycopg

            with psycopg.connect(args.pg_url, autocommit=True) as conn:
                if not conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = 'bench_tinhso_ii06a'"
                ).fetchone():
                    conn.execute("CREATE DATABASE bench_tinhso_ii06a")
            env["DATABASE_URL"] = urlunparse(url._replace(path="/bench_tinhso_ii06a"))
            env["TINHSO_VAR_DIR"] = str(Path(tempfile.gettempdir()) / "bench_tinhso_ii06a_pg")
            Path(env["TINHSO_VAR_DIR"]).mkdir(exist_ok=True)
        cmd = [sys.executable, __file__, "--child", "--rows", str(args.rows), "--repeat", str(args.repeat)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        sys.stdout.write(out.stdout)
        if out.returncode != 0:
            sys.stdout.write(out.stderr[-3000:])
            failed = True
            continue
        line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
        result = json.loads(line[7:])
        target = TARGETS[backend]
        ok = result["report_s"] <= target
        print(
            f"  {backend}: counts {result['aggregate_s']:.4f} s, whole report {result['report_s']:.4f} s "
            f"(target ≤ {target:.0f} s, ratio {result['report_s'] / target:.3f}) — "
            f"{'met' if ok else 'MISSED'}; half the year live {result['half_live_s']:.3f} s; "
            f"no table {result['live_s']:.2f} s"
        )
        failed |= not ok and not args.no_check
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
