"""`tinhso worktime …`: first line machine-readable, Vietnamese errors, non-zero exit on bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tinhso.core import worktime

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    worktime.calendar_invalidate()
    yield
    worktime.calendar_invalidate()


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("worktime", *args, stdout=out)
    return out.getvalue().splitlines()


def test_due_issue_example() -> None:
    lines = run("due", "--start", "2017-01-20 09:30", "--days", "5")
    assert lines[0] == "2017-02-03T09:30:00+07:00"
    assert "03/02/2017" in lines[1]


def test_due_cutoff_and_no_cutoff() -> None:
    assert run("due", "--start", "2017-01-20 15:30", "--days", "1")[0] == "2017-01-23T17:00:00+07:00"
    assert (
        run("due", "--start", "2017-01-20 15:30", "--days", "1", "--no-cutoff")[0]
        == "2017-01-23T15:30:00+07:00"
    )


def test_is_working_day_and_elapsed() -> None:
    assert run("is-working-day", "2017-01-30") == ["false", "30/01/2017: ngày nghỉ."]
    assert run("is-working-day", "03/02/2017")[0] == "true"
    assert run("elapsed", "--start", "2017-01-20 09:30", "--end", "2017-02-03 09:30")[0] == "40:00:00"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("due", "--start", "20-01-2017", "--days", "5"), "không hợp lệ"),
        (("due", "--start", "2017-01-20 09:30", "--days", "0"), "lớn hơn 0"),
        (("due", "--start", "2017-01-20 09:30", "--days", "x"), "không phải là một số"),
        (("is-working-day", "hôm nay"), "không hợp lệ"),
    ],
)
def test_bad_input_raises_a_vietnamese_command_error(args: tuple[str, ...], words: str) -> None:
    with pytest.raises(CommandError, match=words):
        run(*args)


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The real console script: first line on stdout, exit 0; bad input → message on stderr, exit ≠ 0."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    tinhso = [sys.executable, "-m", "tinhso"]
    subprocess.run([*tinhso, "migrate", "-v0"], env=env, check=True, capture_output=True)
    ok = subprocess.run(
        [*tinhso, "worktime", "due", "--start", "2017-01-20 09:30", "--days", "5"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0] == "2017-02-03T09:30:00+07:00"
    bad = subprocess.run(
        [*tinhso, "worktime", "due", "--start", "2017-13-40", "--days", "5"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0
    assert "không hợp lệ" in bad.stderr
