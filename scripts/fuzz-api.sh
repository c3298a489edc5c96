#!/usr/bin/env bash
# Fuzz the whole REST API with schemathesis (docs/testing.md): a throwaway SQLite database with the smaller
# demo, a server on 127.0.0.1:$PORT, then one run per persona (anonymous, citizen, clerk, specialist,
# director, administrator, inspector, sector officer) with a fixed seed. Reports in $OUT/report-<persona>/.
# Usage: scripts/fuzz-api.sh [persona ...]   (env: PORT=8765 N=25 SEED=20171 OUT=/tmp/tinhso-fuzz)
set -eu -o pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.venv/bin
PORT=${PORT:-8765} N=${N:-25} SEED=${SEED:-20171} OUT=${OUT:-/tmp/tinhso-fuzz}
export TINHSO_VAR_DIR=$OUT/var LOGIN_MAX_FAILURES=1000000
mkdir -p "$OUT"
if [ ! -f "$TINHSO_VAR_DIR/tinhso.sqlite3" ]; then
  $BIN/tinhso migrate --no-input -v 0 && $BIN/tinhso demo --dossiers 300 >/dev/null
fi
$BIN/tinhso migrate --no-input -v 0
$BIN/tinhso collectstatic --no-input -v 0
$BIN/tinhso runserver "127.0.0.1:$PORT" --noreload >"$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server' EXIT
# wait for the server (its checks take longer than a few seconds on a busy machine)
for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" && break
  kill -0 $server 2>/dev/null || { echo "server did not start, see $OUT/server.log" >&2; exit 1; }
  sleep 1
done
$BIN/python - "$PORT" >"$OUT/creds.json" <<'PY'
import json, re, sys, urllib.parse, requests
base = f"http://127.0.0.1:{sys.argv[1]}"
people = {"citizen": "an@example.vn", "clerk": "binh", "specialist": "chi", "director": "em", "admin": "nam",
          "inspector": "long", "sector": "khanh"}
out = {}
for role, who in people.items():
    ident = who if "@" in who else f"{who}@stttt.haugiang.gov.vn"
    token = requests.post(base + "/api/v1/auth/token", json={"identifier": ident, "password": "TinhSo@2017"}).json()["token"]
    s = requests.Session()
    s.get(base + "/tai-khoan/dang-nhap/")
    csrf = s.cookies["csrftoken"]
    s.post(base + "/tai-khoan/dang-nhap/", data={"csrfmiddlewaretoken": csrf, "identifier": ident, "password": "TinhSo@2017"},
           headers={"Referer": base + "/tai-khoan/dang-nhap/"}, allow_redirects=False)
    out[role] = {"token": token, "sessionid": s.cookies["sessionid"], "csrftoken": s.cookies["csrftoken"]}
print(json.dumps(out))
PY
personas=("$@")
[ ${#personas[@]} -eq 0 ] && personas=(anon citizen clerk specialist director admin inspector sector)
status=0
for who in "${personas[@]}"; do
  args=()
  if [ "$who" != anon ]; then
    read -r token sid csrf < <($BIN/python -c "import json,sys; c=json.load(open('$OUT/creds.json'))['$who']; print(c['token'], c['sessionid'], c['csrftoken'])")
    # the persona's own token must survive the run: DELETE /auth/token would revoke it
    args=(-H "Authorization: Bearer $token" -H "Cookie: sessionid=$sid; csrftoken=$csrf" -H "X-CSRFToken: $csrf"
          --exclude-path /api/v1/auth/token)
  fi
  echo "=== $who ==="
  SCHEMATHESIS_HOOKS=fuzz_api_hooks PYTHONPATH=scripts $BIN/schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    "${args[@]}" --seed "$SEED" -n "$N" -w 2 --no-shrink \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance,vietnamese_json_error \
    --report ndjson,junit --report-dir "$OUT/report-$who" || status=1
done
exit $status
