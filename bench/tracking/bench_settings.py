"""The project's settings, plus a URL for the bare baseline view (benchmarks only)."""

from tinhso.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
