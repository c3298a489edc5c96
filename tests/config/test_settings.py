"""Configuration comes from the environment, read in one place; production passes `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tinhso.config import settings as cfg


def _run_check(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TINHSO_TESTING", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "tinhso", "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_environment(tmp_path: Path) -> None:
    key_file = tmp_path / "secret"
    key_file.write_text("k" * 20 + "Zq9-xY_" * 10, encoding="utf-8")
    result = _run_check(
        {
            "SECRET_KEY_FILE": str(key_file),
            "ALLOWED_HOSTS": "stttt.haugiang.gov.vn",
            "SECURE_HTTPS": "1",
            "TINHSO_EMBEDDED": "0",
            "TINHSO_VAR_DIR": str(tmp_path / "var"),
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_defaults_fail_deploy_check(tmp_path: Path) -> None:
    result = _run_check({"TINHSO_VAR_DIR": str(tmp_path / "var")}, "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = _run_check({"TINHSO_EMBEDDED": "0", "TINHSO_VAR_DIR": str(tmp_path / "var")})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp+tls://user%40so:p%40ss@mail.haugiang.gov.vn:587",
            {
                "EMAIL_HOST": "mail.haugiang.gov.vn",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "user@so",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtps://mail.example.vn", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("file:///tmp/thu", {"EMAIL_FILE_PATH": "/tmp/thu"}),
    ],
)
def test_email_url(url: str, expected: dict[str, object]) -> None:
    parsed = cfg._email_settings(url)
    for key, value in expected.items():
        assert parsed[key] == value


def test_bad_email_url_is_refused() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        cfg._email_settings("carrier-pigeon://x")


def test_secret_from_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "k"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert cfg.env_str("SECRET_KEY") == "from-a-file"
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert cfg.env_list("X_LIST") == ["a", "b", "c"]
