#!/usr/bin/env bash
# Browser tests of the web pages: ingests two sample pages and a two-row CSV
# into a fresh archive, serves it with `sovang serve` on a free loopback port,
# logs in as staff members of each role and drives Debian's chromium through
# the pages with playwright-core (never downloads a browser): search, record,
# review and correction, the reissue workflow, public verification.
#
#   tests/browser/run.sh build/sovang
#
# Needs chromium (installed here with apt-get if missing, as the README's test
# command does) and node/npm (playwright-core goes into tests/browser/node_modules
# from package-lock.json). Prints "N passed, N failed"; exits non-zero on failure.
# SOVANG_SHOTS=DIR also saves a screenshot of each page visited into DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sovang=${1:?usage: run.sh <path-to-sovang-binary>}
sovang=$(cd "$(dirname "$sovang")" && pwd)/$(basename "$sovang")
[ -x "$sovang" ] || { echo "browser: $sovang is not an executable" >&2; exit 1; }

chromium=${SOVANG_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "browser: installing chromium (Debian package)" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >&2
fi
command -v node >/dev/null || { echo "browser: node is missing (apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  echo "browser: installing playwright-core into tests/browser/node_modules" >&2
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sovang-browser.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. A small archive: a ledger page and a certificate from the sample set.
archive="$work/archive"
samples="$root/data-samples/set-default"
pages=("$samples/p001_ledger_clean.png" "$samples/p015_certificate_clean.png")
echo "browser: ingesting ${#pages[@]} sample pages" >&2
OMP_THREAD_LIMIT=1 "$sovang" ingest --data "$archive" --json "${pages[@]}" >"$work/ingest.json"
# Two born-digital rows: an award with no reissue path (Bảng gia đình vẻ vang)
# and one more award for the four-eyes check.
cat >"$work/danh-sach.csv" <<'CSV'
full_name,birth_year,commune,district,province,award,decision_number,decision_date,authority,book_number
Lương Thị Vinh,1931,Hoàng Đồng,Văn Lãng,Lạng Sơn,Bảng gia đình vẻ vang,163/QĐ-UBND,1985-03-12,Chủ tịch UBND tỉnh,
Nông Văn Slằng,1927,Tân Thanh,Văn Lãng,Lạng Sơn,Huy chương Kháng chiến hạng Nhì,345/QĐ-TTg,1962-09-02,Thủ tướng Chính phủ,7741
CSV
"$sovang" import-csv --data "$archive" --json "$work/danh-sach.csv" >"$work/import.json"
"$sovang" export --data "$archive" --format jsonl >"$work/records.jsonl"

# 2. Staff accounts: a verifier (files and verifies reissue requests,
# corrects records), an approver, an archivist (later promoted to approver by
# the admin, for the four-eyes check) and an admin.
password="thu-nghiem-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for account in kiemtra:verifier pheduyet:approver luutru:archivist quantri:admin; do
  printf '%s\n' "$password" | "$sovang" user add "${account%%:*}" --role "${account#*:}" --data "$archive" >/dev/null
done

# 3. The server on a free port.
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$sovang" serve --data "$archive" --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$port/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "browser: sovang serve exited:" >&2; cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done

# 4. The pages, in chromium.
echo "browser: archive and server ready after ${SECONDS}s" >&2
status=0
SOVANG_URL="http://127.0.0.1:$port" SOVANG_USER=kiemtra SOVANG_APPROVER=pheduyet SOVANG_ARCHIVIST=luutru \
  SOVANG_ADMIN=quantri SOVANG_PASSWORD="$password" \
  SOVANG_RECORDS="$work/records.jsonl" SOVANG_CHROMIUM="$chromium" \
  SOVANG_SHOTS="${SOVANG_SHOTS:-}" node "$here/pages.mjs" || status=$?
if [ "$status" != 0 ]; then
  echo "browser: server log:" >&2
  tail -n 20 "$work/serve.err" >&2 || true
fi
exit "$status"
