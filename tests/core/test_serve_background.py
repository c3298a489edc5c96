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
