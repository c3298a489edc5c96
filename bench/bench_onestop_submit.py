# ruff: noqa: E501  (SETUP below is a script run in a child process)
"""Online submission with one 100 KB attachment: ≥ 100 dossiers/s, zero duplicate codes.

    .venv/bin/python bench/bench_onestop_submit.py [--api-dossiers 1000] [--clients 8]
        [--web-workers CPUs+1] [--web-threads 1] [--server gunicorn|granian] [--receipt-wait 120]
        [--dossiers 400] [--processes 2] [--size 102400] [--keep-db] [--no-check]

One PostgreSQL database of its own (``bench_tinhso_<pid>``, dropped at the end; the script skips, exit
0, without PostgreSQL), one agency, one day — so every submission takes the same code counter row:

1. the target, end to end: ``POST /api/v1/dossiers/`` (multipart: procedure, e-form JSON, ``file_1``;
   Bearer token from ``POST /api/v1/auth/token``) on the production server exactly as ``tinhso serve``
   starts it — gunicorn (``--web-workers`` sync workers, or gthread with ``--web-threads`` > 1; access
   log on) with the task
   worker (``db_worker``, paused while the web server is busy) and the scheduler beside it under
   ``SCHED_IDLE``, ``DEBUG=0`` — from ``--clients`` client threads
   with keep-alive connections. Each applicant has an e-mail address, so each submission enqueues its
   receipt (form 01, WeasyPrint) after commit; the worker renders and mails it (locmem backend);
2. the receipts: after the burst, the script waits (at most ``--receipt-wait`` s) for the worker to
   mail every receipt and reports the receipts/s of the worker and how long it took to catch up;
3. the service layer alone, for comparison: ``--processes`` processes calling
   ``services.dossier_submit_online`` (what the API handler calls) in a loop (``--dossiers`` 0: skip).

Beside the rates it prints the CPU seconds per dossier of the web server, the PostgreSQL backends of
the bench database, the task worker and the client, and the machine's busy CPU (other work included).
Afterwards: as many codes as dossiers, no duplicate, the day's numbers contiguous from 0001, one
stored 100 KB file per dossier, one receipt task per API dossier, each run once and mailed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
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

import psycopg

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
from tinhso.accounts.models import User
from tinhso.catalog.models import Procedure, ProcedureDocument
from tinhso.onestop import services
procedure_code, username, count, start_at, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
user = User.objects.get(username=username)
procedure = Procedure.objects.select_related("agency").get(national_code=procedure_code)
content = open(sys.argv[6], "rb").read()
document = ProcedureDocument.objects.get(version__procedure=procedure, order=1)
def one():
    return services.dossier_submit_online(actor=user, procedure=procedure, files=[(document, "Đơn đề nghị.pdf", content)],
                                          form_data={"ten_co_so": "Cơ sở in Phúc Hậu"},
                                          applicant_address="Số 1 đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh").code
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
from tinhso.onestop.models import Dossier, DossierFile
from django_tasks_db.models import DBTaskResult
codes = list(Dossier.objects.exclude(code=None).values_list("code", flat=True))
dupes = [c for c, k in collections.Counter(codes).items() if k > 1]
by_day = collections.defaultdict(list)
for c in codes:
    prefix, _, number = c.rpartition("-")
    by_day[prefix].append(int(number))
gaps = sum(1 for nums in by_day.values() if sorted(nums) != list(range(1, len(nums) + 1)))
files = DossierFile.objects.count()
sizes = set(DossierFile.objects.values_list("size", flat=True).distinct())
with_mail = Dossier.objects.exclude(code=None).exclude(applicant_email="").count()
tasks = list(DBTaskResult.objects.filter(task_path="tinhso.onestop.tasks.receipt_mail_send_task").values_list("args_kwargs", "status", "return_value"))
receipt_dossiers = collections.Counter(a["args"][0] for a, _, _ in tasks)
mailed = sum(1 for _, status, value in tasks if status == "SUCCESSFUL" and value is True)
print(f"codes={len(codes)} distinct={len(set(codes))} duplicates={len(dupes)} days={len(by_day)} gaps={gaps} files={files} "
      f"sizes={sorted(sizes)} with_mail={with_mail} receipt_tasks={len(tasks)} receipt_dossiers={len(receipt_dossiers)} "
      f"receipt_twice={sum(1 for k in receipt_dossiers.values() if k > 1)} mailed={mailed}")
"""

RECEIPT_TASK = "tinhso.onestop.tasks.receipt_mail_send_task"


def _env(args: argparse.Namespace, var: Path) -> dict[str, str]:
    url = urlparse(args.pg_url)
    env = {k: v for k, v in os.environ.items() if k not in ("TINHSO_TESTING",)}
    env.update(
        DJANGO_SETTINGS_MODULE="tinhso.config.settings",
        DATABASE_URL=urlunparse(url._replace(path=f"/{DB}")),
        DB_CONN_MAX_AGE="600",
        DEBUG="0",
        TASK_BACKEND="database",
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- CPU accounting ---------------------------------------------------------------------------------
TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of one live process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid``."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICK, sum(values) / TICK


class CpuMeter:
    """CPU seconds spent by the web server, the task worker, the scheduler, the PostgreSQL backends of
    the bench database and this client between ``start()`` and ``stop()``."""

    def __init__(self, serve_pid: int, admin: Any) -> None:
        self.serve_pid, self.admin = serve_pid, admin

    def _groups(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {"web": [], "worker": [], "scheduler": []}
        for pid in [self.serve_pid, *_children(self.serve_pid)]:
            cmd = _cmdline(pid)
            key = "worker" if "db_worker" in cmd else "scheduler" if "scheduler" in cmd else "web"
            groups[key].append(pid)
        rows = self.admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DB]).fetchall()
        groups["postgres"] = [r[0] for r in rows]
        return groups

    def _sample(self) -> dict[int, float]:
        return {pid: _cpu_of(pid) for pids in self._groups().values() for pid in pids}

    def start(self) -> None:
        self.before = self._sample()
        self.client_before = resource.getrusage(resource.RUSAGE_SELF)
        self.machine_before = _machine_busy()

    def stop(self) -> dict[str, float]:
        after_groups = self._groups()
        client = resource.getrusage(resource.RUSAGE_SELF)
        busy, total = _machine_busy()
        out = {
            key: sum(_cpu_of(pid) - self.before.get(pid, 0.0) for pid in pids)
            for key, pids in after_groups.items()
        }
        out["client"] = (client.ru_utime + client.ru_stime) - (
            self.client_before.ru_utime + self.client_before.ru_stime
        )
        out["machine_busy"] = busy - self.machine_before[0]
        out["machine_total"] = total - self.machine_before[1]
        return out


# --- the production server ----------------------------------------------------------------------------
def _start_serve(args: argparse.Namespace, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """``tinhso serve``: gunicorn with the task worker and the scheduler, as in production."""
    port = _free_port()
    cmd = [
        str(Path(sys.executable).with_name("tinhso")),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(args.web_workers),
        "--threads",
        str(args.web_threads),
        "--server",
        args.server,
    ]
    server = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, port


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop ``tinhso serve`` as Ctrl+C would (it stops its children), then anything left of its group."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=30)


class Client:
    """One keep-alive HTTP connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def _run_api(args: argparse.Namespace, port: int, meter: CpuMeter) -> dict[str, Any]:
    """``--api-dossiers`` submissions through ``POST /api/v1/dossiers/`` from ``--clients`` threads."""
    statuses: list[int] = []
    latencies: list[float] = []
    codes: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    clients = [Client(port) for _ in range(args.clients)]
    tokens = []
    for i, client in enumerate(clients):
        status, answer = client.request(
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

    def submit(client: Client, token: str, count: int) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": ctype}
        for _ in range(count):
            t = time.perf_counter()
            status, answer = client.request("POST", "/api/v1/dossiers/", body, headers)
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
            threading.Thread(target=submit, args=(c, tok, k))
            for c, tok, k in zip(clients, tokens, counts, strict=True)
        ]
        t0 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return time.perf_counter() - t0

    run([3] * len(tokens))  # warm-up: imports, connections in every worker thread
    if failures:
        raise RuntimeError(f"warm-up submissions failed: {failures}")
    warm = len(codes)
    statuses.clear()
    latencies.clear()
    n, c = args.api_dossiers, args.clients
    meter.start()
    started = time.time()
    wall = run([n // c + (1 if i < n % c else 0) for i in range(c)])
    cpu = meter.stop()
    return {
        "ok": sum(1 for s in statuses if s == 201),
        "asked": n,
        "wall": wall,
        "latencies": latencies,
        "codes": codes,
        "warm": warm,
        "failures": failures,
        "cpu": cpu,
        "burst": (started, started + wall),
    }


def _wait_receipts(args: argparse.Namespace, expected: int, burst_end: float) -> dict[str, Any]:
    """Wait until the worker has run every receipt task (at most ``--receipt-wait`` s after the burst)."""
    query = (
        "SELECT count(*) FILTER (WHERE finished_at IS NOT NULL), extract(epoch FROM max(finished_at)), "
        "extract(epoch FROM sum(finished_at - started_at)) "
        "FROM django_tasks_database_dbtaskresult WHERE task_path = %s"
    )
    url = urlunparse(urlparse(args.pg_url)._replace(path=f"/{DB}"))
    with psycopg.connect(url, autocommit=True) as conn:
        during = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path = %s AND finished_at <= to_timestamp(%s)",
            [RECEIPT_TASK, burst_end],
        ).fetchone()[0]
        deadline = burst_end + args.receipt_wait
        while True:
            done, last, busy = conn.execute(query, [RECEIPT_TASK]).fetchone()
            if done >= expected or time.time() > deadline:
                break
            time.sleep(0.5)
        after = conn.execute(
            "SELECT count(*), extract(epoch FROM sum(finished_at - started_at)) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = %s AND started_at > to_timestamp(%s)",
            [RECEIPT_TASK, burst_end],
        ).fetchone()
    return {
        "done": done,
        "expected": expected,
        "during_burst": during,
        "catch_up": (float(last) - burst_end) if last else 0.0,
        "after_count": after[0],
        "after_busy": float(after[1] or 0.0),
        "mean_task": float(busy or 0.0) / done if done else 0.0,
    }


def _run_service(args: argparse.Namespace, env: dict[str, str], var: Path) -> dict[str, Any]:
    """``--dossiers`` submissions through ``services.dossier_submit_online`` from ``--processes`` processes."""
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
    parser.add_argument("--api-dossiers", type=int, default=1000, help="API submissions")
    parser.add_argument("--clients", type=int, default=8, help="API client threads (keep-alive)")
    parser.add_argument(
        "--web-workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="tinhso serve --workers (its default)",
    )
    parser.add_argument(
        "--web-threads", type=int, default=1, help="tinhso serve --threads (its default: 1, sync)"
    )
    parser.add_argument(
        "--server", choices=["gunicorn", "granian"], default="gunicorn", help="tinhso serve --server"
    )
    parser.add_argument("--receipt-wait", type=float, default=120, help="seconds to wait for the receipts")
    parser.add_argument("--dossiers", type=int, default=400, help="service-layer submissions (0: skip)")
    parser.add_argument("--processes", type=int, default=2, help="service-layer processes")
    parser.add_argument("--size", type=int, default=100 * 1024)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()

    try:
        admin = psycopg.connect(args.pg_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        print(f"  skipped: PostgreSQL is not reachable at {args.pg_url} ({exc})")
        return 0
    admin.execute(f"CREATE DATABASE {DB}")
    var = Path(tempfile.mkdtemp(prefix=f"{DB}_"))
    server = None
    runs: dict[str, dict[str, Any]] = {}
    receipts: dict[str, Any] = {}
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
        server, port = _start_serve(args, env)
        runs["api"] = _run_api(args, port, CpuMeter(server.pid, admin))
        load_after = os.getloadavg()[0]
        receipts = _wait_receipts(args, runs["api"]["ok"] + runs["api"]["warm"], runs["api"]["burst"][1])
        _stop(server)
        server = None
        if args.dossiers:
            runs["service"] = _run_service(args, env, var)
        check = subprocess.run(
            [sys.executable, "-c", CHECK], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
    finally:
        if server is not None:
            _stop(server)
        if not args.keep_db:
            admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        admin.close()
        shutil.rmtree(var, ignore_errors=True)
    print(
        f"  {args.size // 1024} KB PDF per dossier; load average (1 min): {load_before:.1f} before, "
        f"{load_after:.1f} after the API burst, on {os.cpu_count()} CPUs"
    )
    labels = {
        "api": f"POST /api/v1/dossiers/ on tinhso serve ({args.server} {args.web_workers} workers × {args.web_threads} "
        f"threads, db_worker and scheduler beside it under SCHED_IDLE, worker paused while the web server is busy), "
        f"{args.clients} keep-alive clients",
        "service": f"services.dossier_submit_online alone, {args.processes} processes (no receipt: no e-mail)",
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
        if "cpu" in r and r["ok"]:
            cpu, k = r["cpu"], 1000 / r["ok"]
            ours = sum(cpu[g] for g in ("web", "postgres", "worker", "scheduler", "client"))
            print(
                f"    CPU per dossier: web {cpu['web'] * k:.1f} ms, PostgreSQL {cpu['postgres'] * k:.1f} ms, "
                f"task worker {cpu['worker'] * k:.1f} ms, client {cpu['client'] * k:.1f} ms "
                f"(total {ours * k:.1f} ms); machine busy {cpu['machine_busy'] / r['wall'] * 100 / (os.cpu_count() or 1):.0f} % "
                f"of {os.cpu_count()} CPUs, of which this bench {ours / max(cpu['machine_busy'], 1e-9) * 100:.0f} %"
            )
    if receipts:
        rate_after = receipts["after_count"] / receipts["after_busy"] if receipts["after_busy"] else 0.0
        print(
            f"  receipts (form 01 PDF mailed by the task worker): {receipts['done']}/{receipts['expected']} "
            f"mailed, {receipts['during_burst']} of them during the burst; the last "
            f"{receipts['catch_up']:.1f} s after the burst ended; {receipts['mean_task'] * 1000:.0f} ms per "
            f"receipt in the worker = {rate_after:.1f} receipts/s once the web server is idle"
        )
    fields = dict(item.split("=", 1) for item in check.split() if "=" in item)
    total = sum(r["asked"] + r["warm"] for r in runs.values())
    print(
        f"  database: {check}; expected {total}; codes answered {len(all_codes)}, distinct {len(set(all_codes))}"
    )
    api_total = runs["api"]["asked"] + runs["api"]["warm"]
    ok_codes = (
        int(fields["duplicates"]) == 0
        and int(fields["codes"]) == int(fields["distinct"]) == int(fields["files"]) == total
        and int(fields["gaps"]) == 0
        and len(set(all_codes)) == len(all_codes)
    )
    ok_receipts = (
        int(fields["receipt_tasks"])
        == int(fields["receipt_dossiers"])
        == int(fields["with_mail"])
        == api_total
        and int(fields["receipt_twice"]) == 0
    )
    all_mailed = int(fields["mailed"]) == api_total
    ok_api = runs["api"]["rate"] >= 100 and runs["api"]["ok"] == args.api_dossiers
    print(
        f"  zero duplicate codes (contiguous, one file each): {'met' if ok_codes else 'MISSED'}; "
        f"≥ 100 dossiers/s through the API on the production server: {'met' if ok_api else 'MISSED'}; "
        f"one receipt task per dossier: {'yes' if ok_receipts else 'NO'}; "
        f"all receipts mailed within {args.receipt_wait:.0f} s: {'yes' if all_mailed else 'not yet'}"
    )
    return 0 if (ok_codes and ok_api and ok_receipts) or args.no_check else 1


if __name__ == "__main__":
    sys.exit(main())
