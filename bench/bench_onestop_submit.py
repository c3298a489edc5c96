# ruff: noqa: E501  (SETUP below is a script run in a child process)
"""Online submission with one 100 KB attachment: ≥ 100 dossiers/s, zero duplicate codes.

    .venv/bin/python bench/bench_onestop_submit.py [--dossiers 400] [--processes 4]
        [--api-dossiers 30] [--clients 6] [--workers 3] [--keep-db] [--no-check]

Two runs against one PostgreSQL database of its own (``bench_tinhso_<pid>``, dropped at the end; the
script skips, exit 0, without PostgreSQL), one agency, one day — so every submission takes the same
code counter row:

1. the service layer: ``--processes`` processes started at the same instant, each submitting its share
   of ``--dossiers`` as ``dossier_create_draft`` + ``dossier_file_add`` (100 KB PDF, checked by
   content, stored) + ``dossier_submit`` (the counter row locked until commit) in one transaction —
   what the page and the API call. The applicants have no e-mail address, so no receipt PDF is made;
2. the API, the real end-to-end path: ``POST /api/v1/dossiers/`` (multipart: procedure, e-form JSON,
   ``file_1``; Bearer token from ``POST /api/v1/auth/token``) on gunicorn (``DEBUG=0``) from
   ``--clients`` threads; the e-form requires the applicant's e-mail, so every submission also renders
   the receipt (form 01, WeasyPrint) and mails it (locmem backend) after commit, inside the request.

Afterwards: as many codes as dossiers, no duplicate, the day's numbers contiguous from 0001, one
stored 100 KB file per dossier.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
DB = f"bench_tinhso_{os.getpid()}"
PROCEDURE = "9.999901"

SETUP = r"""
import sys, datetime as dt
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tinhso.geo.services import units_load
from tinhso.demo.agencies import demo_agencies_load
from tinhso.org.models import Agency
from tinhso.catalog.services import domain_create, procedure_create, procedure_version_create
from tinhso.accounts.services import user_create
units_load(actor=None); demo_agencies_load(actor=None)
a = {x.code: x for x in Agency.objects.all()}
SO, VP, TT = "000.00.15.H30", "000.01.15.H30", "000.05.15.H30"
domain = domain_create(actor=None, code="xuat_ban", name="Xuất bản, In và Phát hành")
p = procedure_create(actor=None, national_code=sys.argv[1], name="Cấp giấy phép hoạt động in", domain=domain, agency=a[SO])
steps = [("Tiếp nhận hồ sơ", "clerk", VP, 4), ("Thẩm định hồ sơ", "specialist", TT, 8), ("Trưởng phòng xem xét", "division_head", TT, 4),
         ("Giám đốc ký duyệt", "director", SO, 4), ("Văn thư phát hành", "document_clerk", VP, 2), ("Trả kết quả", "clerk", VP, 2)]
procedure_version_create(
    actor=None, procedure=p, effective_from=dt.date(2016, 1, 1), legal_basis="NĐ 60/2014/NĐ-CP", duration_days=3,
    result_type="Giấy phép hoạt động in", online_level=4, online_class="toan_trinh",
    documents=[{"name": "Đơn đề nghị cấp giấy phép hoạt động in", "form": "original"}],
    steps=[{"name": n, "role": r, "agency": a[c], "hours": h} for n, r, c, h in steps],
    form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}])
for i in range(int(sys.argv[2])):  # API clients: with e-mail (the e-form asks for it) → receipt PDF mailed
    user_create(actor=None, username=f"nguoinop{i}@bench.vn", password="Bench-mat-khau-2017", full_name=f"Nguyễn Văn Nộp {i}",
                kind="citizen", email=f"nguoinop{i}@bench.vn", phone=f"09{i:08d}")
for i in range(int(sys.argv[3])):  # service-layer workers: no e-mail → no receipt PDF, SMS to the log only
    user_create(actor=None, username=f"dichvu{i}", password=None, full_name=f"Trần Thị Dịch Vụ {i}", kind="citizen", phone=f"08{i:08d}")
print("  procedure, agencies and citizens ready")
"""

WORKER = r"""
import sys, json, time
import django
django.setup()
from django.db import transaction
from tinhso.accounts.models import User
from tinhso.catalog.models import Procedure, ProcedureDocument
from tinhso.catalog.selectors import procedure_version_on
from tinhso.onestop import services
procedure_code, username, count, start_at, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
user = User.objects.get(username=username)
procedure = Procedure.objects.select_related("agency").get(national_code=procedure_code)
content = open(sys.argv[6], "rb").read()
def one():
    with transaction.atomic():
        draft = services.dossier_create_draft(actor=user, procedure=procedure, form_data={"ten_co_so": "Cơ sở in Phúc Hậu"},
                                              applicant_address="Số 1 đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh")
        document = ProcedureDocument.objects.get(version_id=draft.procedure_version_id, order=1)
        services.dossier_file_add(actor=user, dossier=draft, name="Đơn đề nghị.pdf", content=content, document=document)
        return services.dossier_submit(actor=user, dossier=draft).code
one()  # warm-up
while time.time() < start_at:
    time.sleep(0.005)
out = []
for _ in range(count):
    t = time.perf_counter()
    code = one()
    out.append((code, time.perf_counter() - t))
print(json.dumps(out))
"""

CHECK = r"""
import sys, collections
import django
django.setup()
from django.db.models import Count
from tinhso.onestop.models import Dossier, DossierFile, DossierCodeCounter
from django.core import mail
n = int(sys.argv[1])
codes = list(Dossier.objects.exclude(code=None).values_list("code", flat=True))
dupes = [c for c, k in collections.Counter(codes).items() if k > 1]
by_day = collections.defaultdict(list)
for c in codes:
    prefix, _, number = c.rpartition("-")
    by_day[prefix].append(int(number))
gaps = sum(1 for nums in by_day.values() if sorted(nums) != list(range(1, len(nums) + 1)))
files = DossierFile.objects.count()
sizes = set(DossierFile.objects.values_list("size", flat=True).distinct())
print(f"codes={len(codes)} distinct={len(set(codes))} duplicates={len(dupes)} days={len(by_day)} gaps={gaps} files={files} sizes={sorted(sizes)}")
"""


def _env(args: argparse.Namespace, var: Path) -> dict[str, str]:
    url = urlparse(args.pg_url)
    env = {k: v for k, v in os.environ.items() if k not in ("TINHSO_TESTING",)}
    env.update(
        DJANGO_SETTINGS_MODULE="tinhso.config.settings",
        DATABASE_URL=urlunparse(url._replace(path=f"/{DB}")),
        DB_CONN_MAX_AGE="600",
        DEBUG="0",
        TINHSO_VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "media"),
        EMAIL_URL="locmem://",
        LOG_LEVEL="WARNING",
    )
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    return env


def _pdf(size: int) -> bytes:
    """A PDF of exactly ``size`` bytes (the upload check reads the content, not the name)."""
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    tail = b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    filler = b"% " + b"x" * (size - len(head) - len(tail) - 3) + b"\n"
    content = head + filler + tail
    assert len(content) == size
    return content


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _request(port: int, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(args: argparse.Namespace, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    cmd = [
        str(Path(sys.executable).with_name("gunicorn")),
        "tinhso.config.wsgi:application",
        "-w",
        str(args.workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    server = subprocess.Popen(cmd, env=env, start_new_session=True)
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, port


def _run_api(args: argparse.Namespace, port: int) -> dict[str, Any]:
    """``--api-dossiers`` submissions through ``POST /api/v1/dossiers/`` from ``--clients`` threads."""
    statuses: list[int] = []
    latencies: list[float] = []
    codes: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    tokens = []
    for i in range(args.clients):
        status, answer = _request(
            port,
            "POST",
            "/api/v1/auth/token",
            json.dumps({"identifier": f"nguoinop{i}@bench.vn", "password": "Bench-mat-khau-2017"}).encode(),
            {"Content-Type": "application/json"},
        )
        if status != 201:
            raise RuntimeError(f"sign-in answered {status}: {answer[:500]!r}")
        tokens.append(json.loads(answer)["token"])
    body, ctype = _multipart(
        {
            "procedure": PROCEDURE,
            "form": json.dumps({"ten_co_so": "Cơ sở in Phúc Hậu"}),
            "applicant_address": "Số 1 đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh",
        },
        {"file_1": ("Đơn đề nghị.pdf", _pdf(args.size))},
    )

    def submit(token: str, count: int) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": ctype}
        for _ in range(count):
            t = time.perf_counter()
            status, answer = _request(port, "POST", "/api/v1/dossiers/", body, headers)
            elapsed = time.perf_counter() - t
            with lock:
                statuses.append(status)
                latencies.append(elapsed)
                if status == 201:
                    codes.append(json.loads(answer)["code"])
                elif len(failures) < 3:
                    failures.append(f"{status}: {answer[:300]!r}")

    def run(counts: list[int]) -> float:
        threads = [
            threading.Thread(target=submit, args=(tok, k)) for tok, k in zip(tokens, counts, strict=True)
        ]
        t0 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return time.perf_counter() - t0

    run([1] * len(tokens))  # warm-up: imports, connections, fonts in every worker
    if failures:
        raise RuntimeError(f"warm-up submissions failed: {failures}")
    warm = len(codes)
    statuses.clear()
    latencies.clear()
    n, c = args.api_dossiers, args.clients
    wall = run([n // c + (1 if i < n % c else 0) for i in range(c)])
    return {
        "ok": sum(1 for s in statuses if s == 201),
        "asked": n,
        "wall": wall,
        "latencies": latencies,
        "codes": codes,
        "warm": warm,
        "failures": failures,
    }


def _run_service(args: argparse.Namespace, env: dict[str, str], var: Path) -> dict[str, Any]:
    """``--dossiers`` submissions through the services from ``--processes`` processes at once."""
    pdf = var / "upload.pdf"
    pdf.write_bytes(_pdf(args.size))
    n, p = args.dossiers, args.processes
    start_at = time.time() + 15 + 2 * p  # after every process has set Django up and warmed up
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                PROCEDURE,
                f"dichvu{i}",
                str(n // p + (1 if i < n % p else 0)),
                str(start_at),
                str(args.size),
                str(pdf),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(p)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise RuntimeError("a service-layer worker failed")
        results.extend(json.loads(out.strip().splitlines()[-1]))
    wall = time.time() - start_at
    return {
        "ok": len(results),
        "asked": n,
        "wall": wall,
        "latencies": [r[1] for r in results],
        "codes": [r[0] for r in results],
        "warm": p,
        "failures": [],
    }


def _p(latencies: list[float], q: float) -> float:
    ordered = sorted(latencies)
    return ordered[max(0, int(len(ordered) * q) - 1)] * 1000 if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=400, help="service-layer submissions")
    parser.add_argument("--processes", type=int, default=4, help="service-layer processes")
    parser.add_argument("--api-dossiers", type=int, default=30, help="API submissions (0: skip the API run)")
    parser.add_argument("--clients", type=int, default=6, help="API client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers for the API run")
    parser.add_argument("--size", type=int, default=100 * 1024)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    import psycopg

    try:
        admin = psycopg.connect(args.pg_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        print(f"  skipped: PostgreSQL is not reachable at {args.pg_url} ({exc})")
        return 0
    admin.execute(f"CREATE DATABASE {DB}")
    var = Path(tempfile.mkdtemp(prefix=f"{DB}_"))
    server = None
    runs: dict[str, dict[str, Any]] = {}
    try:
        env = _env(args, var)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", SETUP, PROCEDURE, str(args.clients), str(args.processes)],
            env=env,
            check=True,
        )
        print(f"  database {DB} ready in {time.perf_counter() - t0:.0f} s")
        load_before = os.getloadavg()[0]
        runs["service"] = _run_service(args, env, var)
        if args.api_dossiers:
            server, port = _start_server(args, env)
            runs["api"] = _run_api(args, port)
        load_after = os.getloadavg()[0]
        check = subprocess.run(
            [sys.executable, "-c", CHECK, "0"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        if not args.keep_db:
            admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        admin.close()
        shutil.rmtree(var, ignore_errors=True)
    print(
        f"  {args.size // 1024} KB PDF per dossier; load average (1 min): {load_before:.1f} before, "
        f"{load_after:.1f} after, on {os.cpu_count()} CPUs"
    )
    labels = {
        "service": f"services (dossier_create_draft + dossier_file_add + dossier_submit, one transaction), "
        f"{args.processes} processes, applicants without e-mail",
        "api": f"POST /api/v1/dossiers/ on gunicorn {args.workers} sync workers, {args.clients} client threads, "
        "receipt (form 01 PDF) mailed after commit",
    }
    all_codes: list[str] = []
    for key, r in runs.items():
        rate = r["ok"] / r["wall"] if r["wall"] else 0.0
        r["rate"] = rate
        all_codes += r["codes"]
        print(f"  {labels[key]}:")
        print(
            f"    {r['ok']}/{r['asked']} dossiers in {r['wall']:.1f} s = {rate:.1f} dossiers/s; "
            f"latency p50 {_p(r['latencies'], 0.5):.0f} ms, p99 {_p(r['latencies'], 0.99):.0f} ms"
        )
        for f in r["failures"]:
            print(f"    failure: {f}")
    fields = dict(item.split("=", 1) for item in check.split())
    total = sum(r["asked"] + r["warm"] for r in runs.values())
    print(
        f"  database: {check}; expected {total}; codes answered {len(all_codes)}, distinct {len(set(all_codes))}"
    )
    ok_codes = (
        int(fields["duplicates"]) == 0
        and int(fields["codes"]) == int(fields["distinct"]) == int(fields["files"]) == total
        and int(fields["gaps"]) == 0
        and len(set(all_codes)) == len(all_codes)
    )
    ok_service = runs["service"]["rate"] >= 100 and runs["service"]["ok"] == args.dossiers
    ok_api = "api" not in runs or (runs["api"]["rate"] >= 100 and runs["api"]["ok"] == args.api_dossiers)
    print(
        f"  zero duplicate codes (contiguous, one file each): {'met' if ok_codes else 'MISSED'}; "
        f"≥ 100 dossiers/s through the services: {'met' if ok_service else 'MISSED'}; "
        f"through the API with the receipt: {'met' if ok_api else 'MISSED'}"
    )
    return 0 if (ok_codes and ok_service and ok_api) or args.no_check else 1


if __name__ == "__main__":
    sys.exit(main())
