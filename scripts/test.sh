#!/usr/bin/env bash
# The test pipeline behind `make test`: lint, SQLite, PostgreSQL, browser tests.
# Usage: scripts/test.sh [lint|sqlite|postgres|e2e ...]  (default: all four, in that order)
set -u -o pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export TINHSO_TESTING=1
export TINHSO_HOME="$PWD"
export TINHSO_VAR_DIR="$PWD/var/test"
mkdir -p "$TINHSO_VAR_DIR" test-artifacts
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(lint sqlite postgres e2e)
failed=()
PYTEST_ARGS=${PYTEST_ARGS:-}

run_pytest() {  # $1 = label; rest = pytest arguments
  local label=$1; shift
  echo "=== $label ==="
  # pytest exit code 5 means "no tests collected": that is a failure of the pipeline too.
  if ! $BIN/pytest "$@" $PYTEST_ARGS; then failed+=("$label"); fi
}

pg_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

for stage in "${stages[@]}"; do
  case $stage in
    lint)
      echo "=== lint: ruff ==="
      $BIN/ruff check src tests bench || failed+=("ruff")
      $BIN/ruff format --check src tests bench || failed+=("ruff format")
      echo "=== lint: mypy ==="
      $BIN/mypy src/tinhso || failed+=("mypy")
      echo "=== migrations up to date ==="
      $BIN/tinhso makemigrations --check --dry-run -v 1 || failed+=("makemigrations --check")
      ;;
    sqlite)
      run_pytest "tests on SQLite" -m "not e2e" -q
      ;;
    postgres)
      if $BIN/python - "$pg_url" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
      then
        DATABASE_URL=$pg_url run_pytest "tests on PostgreSQL ($pg_url)" -m "not e2e" -q
      else
        echo "=== tests on PostgreSQL: SKIPPED — no PostgreSQL reachable at $pg_url (set TEST_DATABASE_URL) ==="
      fi
      ;;
    e2e)
      if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        echo "=== installing Debian chromium for the browser tests ==="
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
          || echo "apt-get could not install chromium"
      fi
      if [ -x /usr/bin/chromium ]; then
        run_pytest "browser tests (headless chromium)" -m e2e -q tests/e2e
      else
        echo "=== browser tests: SKIPPED — /usr/bin/chromium is missing and it cannot be installed here (not root) ==="
      fi
      ;;
    *) echo "unknown stage: $stage"; exit 2 ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "make test: all stages passed (${stages[*]})"
