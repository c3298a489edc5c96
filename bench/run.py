"""Run every ``bench/bench_*.py`` (``make bench``), print their output and a summary.

    .venv/bin/python bench/run.py [name-filter]

Exit status 1 when a benchmark fails or misses its target.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    scripts = sorted(p for p in HERE.glob("bench_*.py") if wanted in p.stem)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tinhso.config.settings"),
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent / "src"), env.get("PYTHONPATH", "")]))
    results: list[tuple[str, int, float]] = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], env=env)
        results.append((script.stem, code, time.perf_counter() - t0))
    print("== summary")
    for name, code, seconds in results:
        print(f"  {name:30s} {'ok' if code == 0 else f'FAILED ({code})':12s} {seconds:6.1f} s")
    if not scripts:
        print("  no benchmarks found")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
