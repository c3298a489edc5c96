"""`tinhso serve` starts the task worker and the scheduler so that they only take idle CPU."""

import os
import subprocess
import sys

import pytest

from tinhso.core.management.commands.serve import _background


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux only")
def test_background_child_runs_under_sched_idle() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE, preexec_fn=_background
    )
    try:
        assert os.sched_getscheduler(child.pid) == os.SCHED_IDLE
        assert os.sched_getscheduler(0) != os.SCHED_IDLE  # the parent (the web server's side) is untouched
    finally:
        child.communicate(b"")
    assert child.returncode == 0


def test_web_command_gunicorn_by_default_granian_on_request() -> None:
    from tinhso.core.management.commands.serve import _web_cmd

    options = {"host": "127.0.0.1", "port": 8000, "workers": 3, "threads": 1}
    gunicorn = _web_cmd({**options, "server": "gunicorn"})
    assert gunicorn[1:4] == ["-m", "gunicorn", "tinhso.config.wsgi:application"]
    assert "--access-logfile" in gunicorn and gunicorn[gunicorn.index("--workers") + 1] == "3"
    granian = _web_cmd({**options, "server": "granian"})
    assert granian[1:5] == ["-m", "granian", "--interface", "wsgi"] and "--access-log" in granian
    assert granian[granian.index("--blocking-threads") + 1] == "1"


class _Worker:
    def __init__(self) -> None:
        self.signals: list[int] = []

    def poll(self) -> None:
        return None

    def send_signal(self, sig: int) -> None:
        self.signals.append(sig)


def test_worker_paused_while_the_web_server_is_busy_and_never_starved() -> None:
    import signal

    from tinhso.core.management.commands.serve import WorkerPause

    now, cpu = [0.0], [0.0]
    worker = _Worker()
    pause = WorkerPause(
        1, worker, busy=0.25, calm=2.0, max_pause=10.0, cpu=lambda pid: cpu[0], clock=lambda: now[0]
    )

    def step(seconds: float, web_share: float) -> None:
        now[0] += seconds
        cpu[0] += seconds * web_share
        pause.tick()

    step(3.0, 0.05)  # quiet: the worker runs
    assert worker.signals == []
    step(0.5, 1.6)  # a burst: stopped
    assert worker.signals == [signal.SIGSTOP]
    for _ in range(3):
        step(0.5, 1.8)
    step(0.5, 0.1)  # calm for less than 2 s: still stopped
    assert worker.signals == [signal.SIGSTOP]
    for _ in range(4):
        step(0.5, 0.1)
    assert worker.signals == [signal.SIGSTOP, signal.SIGCONT]  # calm long enough: continued
    step(3.0, 1.8)
    for _ in range(30):  # a burst longer than max_pause: continued after 10 s
        step(0.5, 1.8)
    assert worker.signals[2:4] == [signal.SIGSTOP, signal.SIGCONT]
    pause.resume()  # on shutdown: a stopped worker is continued so that it sees SIGTERM
    assert worker.signals.count(signal.SIGSTOP) == worker.signals.count(signal.SIGCONT)
    pause.resume()  # running: nothing more sent
    assert worker.signals.count(signal.SIGSTOP) == worker.signals.count(signal.SIGCONT)
