"""Benchmark: import 1,000,000 household rows from CSV, with validation and duplicate detection, on
PostgreSQL — beside a plain ``COPY`` of the same file into a bare table in the same run.

Targets: ≤ 60 s and ≤ 1 GB peak memory (resident set of this process).

    .venv/bin/python bench/bench_households_import.py [--rows 1000000] [--database-url postgres://…]

The database named by ``--database-url`` (default ``BENCH_DATABASE_URL`` or
``postgres://postgres@127.0.0.1:5432/tinhso_bench``) is created if missing and migrated; its
household table is emptied before the run. A database the run created is dropped at the end, also
after a failure (a million rows take about 430 MB); ``--keep-database`` keeps it for inspection. A
database that existed before the run is never dropped. Exit status 1 when a target is missed; when
PostgreSQL is not reachable the line "skipped" is printed and the status is 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

TARGET_SECONDS = 60.0
TARGET_MB = 1024.0
HEADER = [
    "Họ tên chủ hộ",
    "Số CMND/CCCD",
    "Ấp",
    "Mã xã",
    "Diện hộ",
    "Năm danh sách",
    "Có ti vi analog",
    "Có đầu thu DVB-T2 hoặc truyền hình trả tiền",
    "Đã ký cam kết",
]
HO = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lâm",
    "Thạch",
    "Danh",
    "Lý",
    "Châu",
    "Tô",
]
DEM = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thị Kim", "Hoàng", "Thị Thu"]
TEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Phúc",
    "Giàu",
    "Hải",
    "Hùng",
    "Khanh",
    "Lộc",
    "Mai",
    "Nam",
    "Nga",
    "Phương",
    "Quang",
    "Sang",
    "Tài",
    "Thắng",
    "Tư",
    "Út",
    "Vân",
    "Xuân",
    "Yến",
    "Hạnh",
    "Lành",
    "Mến",
    "Nhàn",
    "Hiền",
    "Thảo",
    "Trí",
    "Tâm",
    "Thuận",
    "Lợi",
    "Đức",
    "Ánh",
    "Bảo",
    "Chi",
    "Diệu",
    "Gấm",
    "Hồng",
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kilobytes


def _admin_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def ensure_database(url: str) -> bool | None:
    """Create the database if missing: True when this run created it, False when it existed, None
    when PostgreSQL is not reachable."""
    import psycopg

    admin, name = _admin_url(url)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"skipped: PostgreSQL không kết nối được ({exc.__class__.__name__})")
        return None
    return not exists


def drop_database(url: str) -> None:
    """Drop the benchmark's database (Django's connections closed first; FORCE ends stray sessions)."""
    import psycopg
    from django.db import connections

    connections.close_all()
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"database {name} dropped")


def generate(path: Path, rows: int, communes: list[str]) -> None:
    """``rows`` households: unique 12-digit IDs; ~6 % not eligible; ~0.5 % name twins (flagged)."""
    rng = random.Random(1_000_000)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        last_twin: list[str] | None = None
        for i in range(rows):
            code = communes[i % len(communes)]
            if last_twin is not None and i % 200 == 1:
                name, hamlet, code = last_twin[0], last_twin[2], last_twin[3]
            else:
                name = f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)} {i}"
                hamlet = f"Ấp {rng.randrange(1, 15)}"
            r = rng.random()
            row = [
                name,
                f"{93_000_000_000 + i:012d}",
                hamlet,
                code,
                "Hộ nghèo" if r < 0.6 else "Hộ cận nghèo",
                "2016",
                "Có" if r > 0.03 else "Không",
                "Có" if 0.03 <= r < 0.05 else "Không",
                "Có" if r < 0.99 else "Không",
            ]
            if i % 200 == 0:
                last_twin = row
            w.writerow(row)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tinhso_bench"),
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="keep the database this run created (default: drop it)"
    )
    args = parser.parse_args()
    created = ensure_database(args.database_url)
    if created is None:
        return 0
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhso.config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    try:
        return run(args.rows)
    finally:
        if created and not args.keep_database:
            drop_database(args.database_url)


def run(rows: int) -> int:
    """Migrate, generate the file, COPY it into a bare table, import it; 0 when every target is met."""
    from django.core.management import call_command
    from django.db import connection

    from tinhso.geo.models import Unit, UnitLevel
    from tinhso.geo.services import units_load
    from tinhso.programs.importer import households_import_file
    from tinhso.programs.models import BatchMember, Household, HouseholdImport

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    units_load(actor=None)
    communes = sorted(
        set(
            Unit.objects.filter(level=UnitLevel.COMMUNE, valid_to__isnull=False).values_list(
                "code", flat=True
            )
        )
    )
    print(f"database ready in {time.perf_counter() - t0:.1f} s ({len(communes)} communes)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "households.csv"
        t0 = time.perf_counter()
        generate(path, rows, communes)
        size_mb = path.stat().st_size / 1e6
        print(f"generated {rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - t0:.1f} s")

        # a clean slate for both
        BatchMember.objects.all().delete()
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {Household._meta.db_table} RESTART IDENTITY CASCADE")
            cur.execute("DROP TABLE IF EXISTS bench_households_bare")
            cur.execute(
                "CREATE TABLE bench_households_bare (head_name text, citizen_id text, hamlet text, "
                "commune text, poverty text, list_year text, has_analog_tv text, has_receiver text, "
                "pledge_signed text)"
            )

        # baseline: plain COPY of the same file into a bare table
        t0 = time.perf_counter()
        with (
            connection.cursor() as cur,
            cur.cursor.copy("COPY bench_households_bare FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as fh,
        ):
            for block in iter(lambda: fh.read(1 << 20), b""):
                copy.write(block)
        copy_s = time.perf_counter() - t0
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM bench_households_bare")
            copied = cur.fetchone()[0]
            cur.execute("DROP TABLE bench_households_bare")
        print(f"plain COPY: {copied:,} rows in {copy_s:.2f} s")

        # the import: validation, eligibility, duplicate detection, COPY into the real table, in one run
        record = HouseholdImport.objects.create(file_name=path.name)
        mem_before = peak_mb()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last[0] >= 2 or done == total:
                last[0] = now
                print(f"  {done:,}/{total:,} rows checked ({done * 100 // max(total, 1)}%), {now - t0:.1f} s")

        outcome = households_import_file(actor=None, path=path, record=record, on_progress=progress)
        import_s = time.perf_counter() - t0
        cpu_s = time.process_time() - cpu0
        stored = Household.objects.count()
        flagged = Household.objects.filter(review_status="pending").count()
        mem = peak_mb()

    ok = outcome.ok and stored == rows
    print(
        f"import: {stored:,} rows stored in {import_s:.2f} s ({rows / import_s:,.0f} rows/s); "
        f"{outcome.ineligible:,} ineligible, {flagged:,} flagged for review; errors {outcome.error_count}"
    )
    print(f"ratio import / plain COPY: {import_s / copy_s:.1f}x (CPU of this process: {cpu_s:.1f} s)")
    print("phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in outcome.timings.items()))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"peak memory (RSS of the process): {mem:.0f} MB (before the import: {mem_before:.0f} MB)")
    scale = rows / 1_000_000
    time_ok = import_s <= TARGET_SECONDS * max(scale, 1e-9) if scale < 1 else import_s <= TARGET_SECONDS
    mem_ok = mem <= TARGET_MB
    print(
        f"target ≤ {TARGET_SECONDS:.0f} s: {'OK' if time_ok else 'MISSED'}; "
        f"target ≤ {TARGET_MB:.0f} MB: {'OK' if mem_ok else 'MISSED'}; rows stored: {'OK' if ok else 'WRONG'}"
    )
    return 0 if (ok and time_ok and mem_ok) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.exit(main())
