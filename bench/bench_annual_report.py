"""The year-end review ("Báo cáo tổng kết năm") of a year with 1,000,000 dossiers: ≤ 5 s on PostgreSQL.

    .venv/bin/python bench/bench_annual_report.py [--rows 1000000] [--year 2017] [--repeat 3]
        [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--no-check] [--keep-database]

A child process works in its own database ``bench_tinhso_annual`` created next to ``--pg-url``:
migrated, the province, agencies and catalogue loaded, then ``--rows`` dossiers of 2016–2017 written
with ``COPY`` by the generator of ``bench_onestop_ii06a`` (imported, not copied), and the demo
sector, programme (30,429 deliveries), inspection, activity and award data loaded through their
demo loaders. Timed, the fastest of ``--repeat`` runs: ``annual_figures(year)`` (every selector,
II.06a of the year included), ``compose`` (the sentences), and the whole report as Word and as PDF.
The target is on the whole report: figures + compose + the slower of Word and PDF. The database is
dropped at the end unless ``--keep-database``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
TARGET_S = 5.0
DB = "bench_tinhso_annual"


def child(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    sys.path.insert(0, str(HERE))
    from bench_onestop_ii06a import COLUMNS, CONSTANT, _rows  # the 1M-dossier generator

    from tinhso.activities.demo import activities_demo_load
    from tinhso.catalog.demo import catalog_load_demo
    from tinhso.catalog.models import ProcedureVersion
    from tinhso.demo.agencies import demo_agencies_load
    from tinhso.emulation.demo import emulation_demo_load
    from tinhso.geo.services import units_load
    from tinhso.inspections.demo import inspections_demo_load
    from tinhso.onestop.models import Dossier
    from tinhso.programs.demo import programs_demo_load
    from tinhso.reports.annual.compose import compose
    from tinhso.reports.annual.figures import annual_figures
    from tinhso.reports.annual.render import render
    from tinhso.sector.demo import sector_demo_load

    call_command("migrate", verbosity=0)
    if Dossier.objects.count() != args.rows:
        t0 = time.perf_counter()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM onestop_dossier")
            units_load(actor=None)
            demo_agencies_load(actor=None)
            catalog_load_demo()
            procedures = [
                (v.procedure_id, v.pk, v.procedure.agency_id, v.duration_days)
                for v in ProcedureVersion.objects.select_related("procedure").order_by("procedure_id")
            ]
            extra_cols = ", ".join(CONSTANT)
            extra_vals = list(CONSTANT.values())
            with connection.cursor() as cursor:
                raw = cursor.cursor
                with raw.copy(f"COPY onestop_dossier ({COLUMNS}, {extra_cols}) FROM STDIN") as copy:
                    for row in _rows(args.rows, procedures):
                        copy.write_row((*row, *extra_vals))
        print(f"  {args.rows:,} dossiers written in {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        for load in (
            sector_demo_load,
            programs_demo_load,
            inspections_demo_load,
            activities_demo_load,
            emulation_demo_load,
        ):
            load(actor=None)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  demo sector data loaded in {time.perf_counter() - t0:.1f} s", flush=True)

    times: dict[str, list[float]] = {"figures": [], "compose": [], "docx": [], "pdf": []}
    sizes = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        figures = annual_figures(args.year)
        times["figures"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = compose(figures)
        times["compose"].append(time.perf_counter() - t0)
        for fmt in ("docx", "pdf"):
            t0 = time.perf_counter()
            sizes[fmt] = len(render(report, fmt).content)
            times[fmt].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in times.items()}
    dossiers = figures.figure("dossiers_received").value
    result = {
        "backend": connection.vendor,
        "rows": args.rows,
        "year": args.year,
        "dossiers_in_report": dossiers,
        "figures_s": round(best["figures"], 3),
        "compose_s": round(best["compose"], 4),
        "docx_s": round(best["docx"], 3),
        "pdf_s": round(best["pdf"], 3),
        "whole_s": round(best["figures"] + best["compose"] + max(best["docx"], best["pdf"]), 3),
        "docx_bytes": sizes["docx"],
        "pdf_bytes": sizes["pdf"],
    }
    print("RESULT " + json.dumps(result), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2017)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args)
    import psycopg

    try:
        admin = psycopg.connect(args.pg_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        print(f"  SKIPPED: no PostgreSQL at {args.pg_url}")
        return 0
    with admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone():
            admin.execute(f"CREATE DATABASE {DB}")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tinhso.config.settings", "TINHSO_TESTING": ""}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent / "src"), env.get("PYTHONPATH", "")]))
    env["DATABASE_URL"] = urlunparse(urlparse(args.pg_url)._replace(path=f"/{DB}"))
    env["TINHSO_VAR_DIR"] = str(Path(tempfile.gettempdir()) / "bench_tinhso_annual")
    Path(env["TINHSO_VAR_DIR"]).mkdir(exist_ok=True)
    cmd = [sys.executable, __file__, "--child", "--rows", str(args.rows), "--year", str(args.year)]
    cmd += ["--repeat", str(args.repeat)]
    try:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    finally:
        if not args.keep_database:
            with psycopg.connect(args.pg_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    sys.stdout.write(out.stdout)
    if out.returncode != 0:
        sys.stdout.write(out.stderr[-3000:])
        return 1
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    r = json.loads(line[7:])
    ok = r["whole_s"] <= TARGET_S
    print(
        f"  postgresql, {r['rows']:,} dossiers, year {r['year']} "
        f"({r['dossiers_in_report']:,} in the report): "
        f"figures {r['figures_s']:.3f} s, compose {r['compose_s']:.4f} s, Word {r['docx_s']:.3f} s, "
        f"PDF {r['pdf_s']:.3f} s — whole report {r['whole_s']:.3f} s (target ≤ {TARGET_S:.0f} s) — "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok or args.no_check else 1


if __name__ == "__main__":
    sys.exit(main())
