#!/usr/bin/env bash
# HTTP load: `sovang serve` on 127.0.0.1 driven by wrk (keep-alive), on the
# 1-million-record archive of bench/scale/run.sh:
#   - search (GET /api/search?q=…&limit=20&offset=0 with Accept-Encoding
#     "gzip, deflate, br", as the staff page in a browser asks; the queries
#     of sovang-scale, every kind mixed) at 16 and 256 connections, after one
#     pass over every query: answers from the answer cache
#     (server/search_cache.h), as for a search asked before;
#   - verification (GET /api/verify/{code}, codes of the archive's
#     certificates) at 16 and 256 connections;
#   - search while `sovang ingest` of generated pages runs into the same
#     archive: first a clerk-like load (4 connections, each a request every
#     LIGHT_PACE_MS=50 ms, for LIGHT_DURATION=10 s: the ingest should hardly
#     notice it), then at 16 connections and at 1, as fast as answered (the
#     ingest steps aside: ingest/server_watch.h); the pages the ingest read
#     during each run are counted from the store;
#   - search with the answer cache off (--search-cache 0), at 16 connections
#     and at 1: what a search never asked before costs;
# each DURATION seconds, with requests/s, p50/p99, errors (wrk's socket errors
# and non-2xx answers), and the server's RSS.
#
#   bench/http/run.sh [OUT_DIR]          (default /tmp/sovang-bench-http)
#   env: ARCHIVE=/tmp/sovang-bench-scale/1000000/archive (built by
#        SIZES=1000000 bench/scale/run.sh when missing)  DURATION=20
#        WARM=20 (seconds of the pass that fills the answer cache)
#        THREADS=300 (server --threads: workers for the requests that may
#        block)  CERTS=20000  PORT=18432  PAGES_DIR=<pages to ingest,
#        default: INGEST_PAGES=60 generated with INGEST_SEED=<now>>
#        BUILD_DIR=<repo>/build-bench
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-/tmp/sovang-bench-http}
ARCHIVE=${ARCHIVE:-/tmp/sovang-bench-scale/1000000/archive}
DURATION=${DURATION:-20}
WARM=${WARM:-20}
THREADS=${THREADS:-300}
CERTS=${CERTS:-20000}
PORT=${PORT:-18432}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
# Pages the archive has never seen (an ingest skips a file it holds by hash,
# so every run generates its own unless PAGES_DIR is given).
INGEST_SEED=${INGEST_SEED:-$(date +%s)}
PAGES_DIR=${PAGES_DIR:-$OUT/pages-$INGEST_SEED}
PY=/usr/bin/python3
PASSWORD=bench-password-1
LUA=$ROOT/bench/http/cycle.lua
export ACCEPT_ENCODING="gzip, deflate, br"  # as a browser asks

# shellcheck source=../../scripts/packages.sh
source "$ROOT/scripts/packages.sh"
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
sovang_install "${SOVANG_BENCH_PACKAGES[@]}" curl sqlite3 python3-pil
if [ -z "${SKIP_BUILD:-}" ]; then
  [ -f "$BUILD_DIR/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$BUILD_DIR" -j 2 --target sovang sovang-scale >&2
fi
SOVANG=$BUILD_DIR/sovang
TOOL=$BUILD_DIR/sovang-scale
INGEST_PID=
cleanup() {
  [ -n "$INGEST_PID" ] && kill "$INGEST_PID" 2> /dev/null || true
  bench_stop_server
}
trap cleanup EXIT

if [ ! -f "$ARCHIVE/sovang.db" ]; then
  echo "== no archive at $ARCHIVE: building 1M records (bench/scale/run.sh)" >&2
  SIZES=1000000 HTTP=0 "$ROOT/bench/scale/run.sh" "$(dirname "$(dirname "$ARCHIVE")")" >&2
fi

mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD) (working tree as built in $BUILD_DIR)"
  echo "archive: $ARCHIVE ($(sqlite3 "$ARCHIVE/sovang.db" 'SELECT count(*) FROM records') records)"
  echo "nproc: $(nproc)"
  lscpu | head -20
  wrk --version 2>&1 | head -1 || true
} > "$OUT/machine.txt"

# Search paths: every kind mixed, as the page asks.
[ -s "$OUT/queries.jsonl" ] || "$TOOL" queries --data "$ARCHIVE" --count 8000 --seed 5 > "$OUT/queries.jsonl"
"$PY" "$ROOT/bench/http/paths.py" "$OUT/queries.jsonl" "$OUT/paths" > /dev/null

# Verification paths: codes of the archive's certificates (registered for
# CERTS random records when the archive has fewer).
have=$(sqlite3 "$ARCHIVE/sovang.db" "SELECT count(*) FROM certificates" 2> /dev/null || echo none)
if [ "$have" = none ]; then
  echo "no certificates table: verification skipped" > "$OUT/verify-skipped.txt"
else
  if [ "$have" -lt "$CERTS" ]; then
    "$TOOL" certificates --data "$ARCHIVE" --count $((CERTS - have)) > /dev/null 2> "$OUT/certificates.log"
  fi
  sqlite3 "$ARCHIVE/sovang.db" "SELECT code FROM certificates ORDER BY random() LIMIT $CERTS" > "$OUT/codes.txt"
  sed 's|^|/api/verify/|' "$OUT/codes.txt" > "$OUT/paths/verify.paths"
  # Store-side bound without HTTP: lookups/s on 2 threads, log rows/s.
  "$TOOL" verify --data "$ARCHIVE" --codes "$OUT/codes.txt" --threads 2 --seconds 10 > "$OUT/verify-inprocess.json"
fi

bench_staff_user "$SOVANG" "$TOOL" "$ARCHIVE" bench "$PASSWORD" > "$OUT/user.txt"
# Every request comes from 127.0.0.1 here: the per-client verification limit
# (30 a minute by default) would answer nearly all of them 429, so it is off.
bench_serve "$SOVANG" "$ARCHIVE" "$PORT" --threads "$THREADS" --verify-limit 0
COOKIE=$(bench_login "$PORT" bench "$PASSWORD")
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
bench_rss "$SERVER_PID" > "$OUT/rss-start.txt"

pages_stored() { sqlite3 "$ARCHIVE/sovang.db" "SELECT count(*) FROM pages"; }

# run NAME CONNECTIONS PATHS [THREADS [SECONDS [PACE_MS]]]: one wrk run, then
# the server's RSS (peak since the server started); beside an ingest, the
# pages it stored meanwhile.
run() {
  local name=$1 conns=$2 paths=$3 threads=${4:-2} seconds=${5:-$DURATION} pace=${6:-0} before
  echo "== $name ($(bench_load))" >&2
  bench_load > "$OUT/$name.load"
  [ -z "$INGEST_PID" ] || before=$(pages_stored)
  PACE_MS=$pace PATHS=$paths COOKIE=$COOKIE wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s -s "$LUA" \
    "http://127.0.0.1:$PORT" | tail -1 > "$OUT/$name.json"
  [ -z "$INGEST_PID" ] || echo $(($(pages_stored) - before)) > "$OUT/$name.pages"
  bench_load >> "$OUT/$name.load"
  bench_rss "$SERVER_PID" > "$OUT/$name.rss"
  cat "$OUT/$name.json" >&2
}

# Warm the searchers, the page cache and the answer cache (not measured):
# one wrk thread walks the paths in order, so WARM seconds at the uncached
# rate (~800/s here) ask each of the 8,000 at least once.
PATHS=$OUT/paths/all.paths COOKIE=$COOKIE wrk -t1 -c16 -d"${WARM}s" -s "$LUA" "http://127.0.0.1:$PORT" > /dev/null

run search-c16 16 "$OUT/paths/all.paths"
run search-c256 256 "$OUT/paths/all.paths"
if [ -f "$OUT/paths/verify.paths" ]; then
  run verify-c16 16 "$OUT/paths/verify.paths"
  run verify-c256 256 "$OUT/paths/verify.paths"
fi

# Search while an ingest runs into the same archive.
if [ ! -f "$PAGES_DIR/truth.jsonl" ]; then
  "$PY" "$ROOT/data-samples/generate.py" --seed "$INGEST_SEED" --pages "${INGEST_PAGES:-60}" --out "$PAGES_DIR" >&2
fi
rm -rf "$OUT/ingest-copy" && mkdir -p "$OUT/ingest-copy"
cp "$PAGES_DIR"/*.{png,jpg,tif} "$OUT/ingest-copy/" 2> /dev/null || true
echo "== ingest while serving" >&2
/usr/bin/time -v -o "$OUT/ingest.time" "$SOVANG" ingest --data "$ARCHIVE" --quiet --json "$OUT/ingest-copy" \
  > "$OUT/ingest.json" 2> "$OUT/ingest.err" &
INGEST_PID=$!
sleep 3  # past the recognisers' start-up
run search-c4-light-ingest 4 "$OUT/paths/all.paths" 2 "${LIGHT_DURATION:-10}" "${LIGHT_PACE_MS:-50}"
run search-c16-ingest 16 "$OUT/paths/all.paths"
run search-c1-ingest 1 "$OUT/paths/all.paths" 1
kill -0 "$INGEST_PID" 2> /dev/null && echo running > "$OUT/ingest-still-running.txt" || true
wait "$INGEST_PID" || true
INGEST_PID=
# The same without the ingest, for comparison.
run search-c1 1 "$OUT/paths/all.paths" 1
bench_rss "$SERVER_PID" > "$OUT/rss-end.txt"
bench_stop_server
grep 'answers from the cache' "$ARCHIVE.serve.log" > "$OUT/search-cache.txt" || true

# Searches never asked before: the answer cache off.
bench_serve "$SOVANG" "$ARCHIVE" "$PORT" --threads "$THREADS" --verify-limit 0 --search-cache 0
COOKIE=$(bench_login "$PORT" bench "$PASSWORD")
PATHS=$OUT/paths/all.paths COOKIE=$COOKIE wrk -t2 -c16 -d5s -s "$LUA" "http://127.0.0.1:$PORT" > /dev/null
run search-c16-nocache 16 "$OUT/paths/all.paths"
run search-c1-nocache 1 "$OUT/paths/all.paths" 1
bench_stop_server
"$PY" "$ROOT/bench/http/summarize.py" "$OUT"
