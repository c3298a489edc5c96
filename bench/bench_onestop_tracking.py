# ruff: noqa: E501  (SETUP below is a script run in a child process)
"""Public tracking lookup under load: ≥ 1,000 requests/s, p99 ≤ 50 ms, and ≥ 0.7 of a bare Django
view doing the same single query (``onestop.selectors.dossier_for_tracking``), measured in the same run.

    .venv/bin/python bench/bench_onestop_tracking.py [--dossiers 10000] [--workers 3] [--connections 16]
        [--seconds 10] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--no-check]

Production server: gunicorn from the venv (sync workers, persistent database connections,
``DEBUG=0``, static files collected) on PostgreSQL (database ``bench_tinhso_http``, filled once with
``--dossiers`` received dossiers with real codes, secrets and four events each). Load: ``wrk``
(Debian package) in its own process on loopback, each request a random valid (code, secret) pair from
the database; first the bare view, then the real page ``/ho-so/tra-cuu/?ma=…&mk=…``, the same time
each, after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
DB = "bench_tinhso_http"


def _env(args: argparse.Namespace) -> dict[str, str]:
    url = urlparse(args.pg_url)
    env = {k: v for k, v in os.environ.items() if k not in ("TINHSO_TESTING",)}
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        DATABASE_URL=urlunparse(url._replace(path=f"/{DB}")),
        DB_CONN_MAX_AGE="600",
        DEBUG="0",
        TINHSO_VAR_DIR=str(Path(tempfile.gettempdir()) / "bench_tinhso_http"),
        EMAIL_URL="locmem://",
    )
    env["PYTHONPATH"] = os.pathsep.join([str(HERE / "tracking"), str(HERE.parent / "src")])
    Path(env["TINHSO_VAR_DIR"]).mkdir(exist_ok=True)
    return env


SETUP = r"""
import random, datetime as dt, sys
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from tinhso.onestop.models import Dossier, DossierEvent
n = int(sys.argv[1])
if Dossier.objects.count() != n:
    from tinhso.geo.services import units_load
    from tinhso.demo.agencies import demo_agencies_load
    from tinhso.catalog.demo import catalog_load_demo
    from tinhso.catalog.models import ProcedureVersion
    from tinhso.onestop.services import SECRET_ALPHABET
    rng = random.Random(1)
    with transaction.atomic():
        Dossier.objects.all().delete()
        units_load(actor=None); demo_agencies_load(actor=None); catalog_load_demo()
        versions = list(ProcedureVersion.objects.select_related("procedure", "procedure__agency"))
        tz = dt.timezone(dt.timedelta(hours=7))
        rows, seq = [], {}
        for i in range(n):
            v = versions[i % len(versions)]
            at = dt.datetime(2017, 1, 2, 8, tzinfo=tz) + dt.timedelta(minutes=37 * i)
            day = at.date(); seq[day] = seq.get(day, 0) + 1
            rows.append(Dossier(
                code=f"{v.procedure.agency.code}-{day:%y%m%d}-{seq[day]:04d}", procedure=v.procedure,
                procedure_version=v, agency=v.procedure.agency, applicant_name=f"Người nộp {i}", channel="online",
                status=4, created_at=at, submitted_at=at, received_at=at, clock_started_at=at,
                due_at=at + dt.timedelta(days=10), promised_at=at + dt.timedelta(days=10),
                tracking_secret="".join(rng.choice(SECRET_ALPHABET) for _ in range(8))))
        Dossier.objects.bulk_create(rows, batch_size=2000)
        events = []
        for d in Dossier.objects.all():
            for k, (action, a, b) in enumerate([("create", None, 0), ("submit", 0, 1), ("receive", 1, 2), ("start", 2, 4)]):
                events.append(DossierEvent(dossier=d, at=d.created_at + dt.timedelta(minutes=k), action=action,
                                           from_status=a, to_status=b, actor_label="Hệ thống"))
        DossierEvent.objects.bulk_create(events, batch_size=5000)
pairs = list(Dossier.objects.values_list("code", "tracking_secret"))
random.Random(2).shuffle(pairs)
with open(sys.argv[2], "w") as f:
    f.write("codes = {\n" + ",\n".join('{"%s","%s"}' % p for p in pairs[:5000]) + "\n}\n")
print(f"dossiers: {n}")
"""

LUA = """
dofile("{pairs}")
local path = "{path}"
request = function()
  local p = codes[math.random(#codes)]
  return wrk.format("GET", path .. "?ma=" .. p[1] .. "&mk=" .. p[2])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wrk(port: int, path: str, pairs: Path, args: argparse.Namespace, seconds: int) -> dict[str, float]:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LUA.replace("{pairs}", str(pairs)).replace("{path}", path))
    cmd = [
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def ms(label: str) -> float:
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        assert m, out
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rate,
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": float(non2xx.group(1)) if non2xx else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("  wrk is missing: apt-get install -y wrk")
        return 1
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
            conn.execute(f"CREATE DATABASE {DB}")
    env = _env(args)
    pairs = Path(env["TINHSO_VAR_DIR"]) / "pairs.lua"
    subprocess.run([sys.executable, "-c", SETUP, str(args.dossiers), str(pairs)], env=env, check=True)
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "tinhso.config.wsgi:application",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        load = os.getloadavg()[0]
        _wrk(port, "/bench/bare-track/", pairs, args, 3)  # warm-up: imports, connections, templates
        _wrk(port, "/ho-so/tra-cuu/", pairs, args, 3)
        bare = _wrk(port, "/bench/bare-track/", pairs, args, args.seconds)
        page = _wrk(port, "/ho-so/tra-cuu/", pairs, args, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    ratio = page["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(
        f"  load average before: {load:.1f} on {os.cpu_count()} CPUs; gunicorn {args.workers} sync workers; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds} s each"
    )
    for name, r in (("bare view", bare), ("tracking page", page)):
        print(
            f"  {name:14s} {r['rps']:8.0f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
            f"non-2xx {int(r['errors'])}"
        )
    print(f"  page / bare = {ratio:.2f}")
    ok = page["rps"] >= 1000 and page["p99"] <= 50 and ratio >= 0.7 and page["errors"] == 0
    print(f"  target (≥ 1,000 req/s, p99 ≤ 50 ms, ≥ 0.7 of bare, no errors): {'met' if ok else 'MISSED'}")
    return 0 if ok or args.no_check else 1


if __name__ == "__main__":
    sys.exit(main())
