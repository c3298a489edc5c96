"""`tinhso serve`: the production web server (gunicorn) together with the background task worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

BACKGROUND_NICENESS = 19


def _background() -> None:
    """Background tasks (receipts, reports) yield the CPU to web requests: a burst of submissions is
    answered first and its receipts follow when the requests slow down.

    Linux: ``SCHED_IDLE`` — the worker and the scheduler run only on a CPU that nothing else wants
    (a niceness of 10 still gave them ~10 % of a CPU against busy web workers, and the receipt PDF is
    ~140 ms of CPU each); elsewhere the lowest niceness."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return
        except OSError:  # pragma: no cover - refused by a container's seccomp policy
            pass
    os.nice(BACKGROUND_NICENESS)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its descendants (Linux ``/proc``; 0 elsewhere)."""
    total, todo = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            todo += [int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


class WorkerPause:
    """Keeps the task worker out of a burst of web requests: every ``interval`` the web server's CPU
    over that interval is read; above ``busy`` (a share of one CPU) the worker is stopped (SIGSTOP),
    and it is continued (SIGCONT) once the web server has been below it for ``calm`` seconds, or after
    ``max_pause`` seconds in any case (then it runs at least ``calm`` seconds: tasks are delayed, never
    starved). ``SCHED_IDLE`` alone is not enough: the worker still fills every moment the request
    threads wait on the database, and on this VM's two vCPUs a WeasyPrint render beside the requests
    slowed them by a third (docs/benchmarks.md, submission). The worker claims a task in a short
    transaction and runs it outside one, so a pause holds no lock the requests need."""

    def __init__(
        self,
        web_pid: int,
        worker: subprocess.Popen[bytes],
        *,
        busy: float = 0.25,
        calm: float = 2.0,
        max_pause: float = 60.0,
        cpu: Any = _cpu_seconds,
        clock: Any = time.monotonic,
    ) -> None:
        self.web_pid, self.worker, self.busy, self.calm, self.max_pause = (
            web_pid,
            worker,
            busy,
            calm,
            max_pause,
        )
        self.cpu, self.clock = cpu, clock
        self.paused_at: float | None = None
        self.calm_since: float | None = None
        self.running_since = clock()
        self.last = (clock(), cpu(web_pid))

    def tick(self) -> None:
        now, used = self.clock(), self.cpu(self.web_pid)
        (then, before), self.last = self.last, (now, used)
        load = (used - before) / max(now - then, 1e-6)
        if self.paused_at is None:
            if load >= self.busy and now - self.running_since >= self.calm:
                self._signal(signal.SIGSTOP)
                self.paused_at, self.calm_since = now, None
            return
        if load < self.busy:
            self.calm_since = self.calm_since if self.calm_since is not None else now
        else:
            self.calm_since = None
        calm_enough = self.calm_since is not None and now - self.calm_since >= self.calm
        if calm_enough or now - self.paused_at >= self.max_pause:
            self.resume()

    def resume(self) -> None:
        if self.paused_at is not None:
            self._signal(signal.SIGCONT)
            self.paused_at, self.running_since = None, self.clock()

    def _signal(self, sig: int) -> None:
        if self.worker.poll() is None:
            self.worker.send_signal(sig)


def _web_cmd(options: dict[str, Any]) -> list[str]:
    """The web server's command line: gunicorn (sync workers, or gthread with ``--threads`` > 1) or
    granian's WSGI interface (``--threads`` blocking threads per worker); access log on with both."""
    workers, threads = str(options["workers"]), str(options["threads"])
    if options.get("server") == "granian":
        return [
            *(sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws"),
            *("--host", options["host"], "--port", str(options["port"])),
            *("--workers", workers, "--blocking-threads", threads, "--access-log"),
            "tinhso.config.wsgi:application",
        ]
    return [
        *(sys.executable, "-m", "gunicorn", "tinhso.config.wsgi:application"),
        *("--bind", f"{options['host']}:{options['port']}", "--workers", workers, "--threads", threads),
        *("--access-logfile", "-", "--graceful-timeout", "5"),
    ]


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn) cùng tiến trình xử lý tác vụ nền (db_worker) và lịch tác vụ định kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        # Sync workers, one per CPU plus one (docs/decisions/0008-sync-web-workers.md): measured
        # 126–128 API submissions/s against 70–89 with 2 gthread workers × 4 threads on two CPUs.
        workers = os.environ.get("WEB_WORKERS") or str((os.cpu_count() or 1) + 1)
        parser.add_argument("--workers", type=int, default=int(workers))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "1")))
        parser.add_argument(
            "--server",
            choices=["gunicorn", "granian"],
            default=os.environ.get("WEB_SERVER", "gunicorn"),
            help="gunicorn (gthread khi --threads > 1) hoặc granian (WSGI; HTTP viết bằng Rust).",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Không chạy tiến trình tác vụ nền và lịch định kỳ."
        )
        parser.add_argument(
            "--no-worker-pause",
            action="store_true",
            help="Không tạm dừng tiến trình tác vụ nền khi máy chủ web đang bận.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        env = os.environ.copy()
        procs: list[subprocess.Popen[bytes]] = [subprocess.Popen(_web_cmd(options), env=env)]  # noqa: S603
        pause: WorkerPause | None = None
        if not options["no_worker"]:
            if settings.TASK_BACKEND == "database":
                worker_cmd = [sys.executable, "-m", "tinhso", "db_worker", "--interval", "2"]
                procs.append(subprocess.Popen(worker_cmd, env=env, preexec_fn=_background))  # noqa: S603
                if not options["no_worker_pause"] and Path("/proc/self/stat").exists():
                    pause = WorkerPause(procs[0].pid, procs[-1])
            scheduler_cmd = [sys.executable, "-m", "tinhso", "scheduler"]
            procs.append(subprocess.Popen(scheduler_cmd, env=env, preexec_fn=_background))  # noqa: S603
        pay = urlsplit(settings.VNPAY_PAY_URL)
        if pay.hostname in ("127.0.0.1", "localhost") and pay.path == "/paymentv2/vpcpay.html":
            # The sandbox payment gateway (payments/sandbox.py) when the pay URL points at this machine.
            port = str(pay.port or 80)
            ipn = f"http://{options['host']}:{options['port']}/thanh-toan/vnpay/ipn/"
            sandbox_cmd = [sys.executable, "-m", "tinhso", "payments", "sandbox", "--port", port]
            sandbox_cmd += ["--ipn-url", ipn]
            procs.append(subprocess.Popen(sandbox_cmd, env=env))  # noqa: S603
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"Tỉnh số đang chạy tại {url} — nhấn Ctrl+C để dừng."))

        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in procs):
                time.sleep(0.5)
                if pause is not None:
                    pause.tick()
        finally:
            if pause is not None:
                pause.resume()  # a stopped process would not see SIGTERM
            for p in procs:
                if p.poll() is None:
                    p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        codes = [p.returncode for p in procs]
        if not stopping and any(codes):
            self.stderr.write(f"Một tiến trình đã dừng bất thường (mã thoát {codes}).")
            sys.exit(1)
