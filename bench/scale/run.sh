#!/usr/bin/env bash
# Scale: synthetic archives of SIZES records through the real store and index
# (sovang-scale build: store, then the index rebuilt from the store as
# `sovang reindex` does, then compacted), their disk size, and search latency
# p50/p99 per query kind (>= 1000 queries a kind):
#   - in-process (sovang-scale latency): cold = first pass after opening the
#     index (page cache dropped first when the kernel lets us), then warm;
#   - over HTTP (sovang serve on 127.0.0.1, wrk one connection, cycling through
#     the same queries): cold = one pass of every query after dropping the
#     cache and starting the server (curl, one keep-alive connection), then
#     warm: wrk, one connection, DURATION seconds a kind.
#
#   bench/scale/run.sh [OUT_DIR]        (default /tmp/sovang-bench-scale)
#   env: SIZES="100000 1000000" PER_KIND=1000 DURATION=10 HTTP=1 PORT=18431
#        BUILD_DIR=<repo>/build-bench REBUILD=1 (rebuild archives that exist)
#
# Writes OUT_DIR/<N>/{build.json,build.time,du.txt,latency.json,http/*.json}
# and prints a summary (bench/scale/summarize.py).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-/tmp/sovang-bench-scale}
SIZES=${SIZES:-"100000 1000000"}
PER_KIND=${PER_KIND:-1000}
DURATION=${DURATION:-10}
HTTP=${HTTP:-1}
PORT=${PORT:-18431}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
PY=/usr/bin/python3
PASSWORD=bench-password-1

# shellcheck source=../../scripts/packages.sh
source "$ROOT/scripts/packages.sh"
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
sovang_install "${SOVANG_BENCH_PACKAGES[@]}" curl
if [ -z "${SKIP_BUILD:-}" ]; then
  [ -f "$BUILD_DIR/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$BUILD_DIR" -j 2 --target sovang sovang-scale >&2
fi
SOVANG=$BUILD_DIR/sovang
TOOL=$BUILD_DIR/sovang-scale
trap bench_stop_server EXIT

mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD) (working tree as built in $BUILD_DIR)"
  echo "nproc: $(nproc)"
  lscpu | head -20
  free -m | head -2
  df -h "$OUT" | tail -1
  wrk --version 2>&1 | head -1 || true
} > "$OUT/machine.txt"

for N in $SIZES; do
  D=$OUT/$N
  A=$D/archive
  mkdir -p "$D"
  if [ -n "${REBUILD:-}" ] || [ ! -s "$D/build.json" ]; then
    rm -rf "$A"
    echo "== build $N ($(bench_load))" >&2
    bench_load > "$D/build.load"
    /usr/bin/time -v -o "$D/build.time" "$TOOL" build --data "$A" --records "$N" > "$D/build.json"
    bench_load >> "$D/build.load"
    cat "$D/build.json" >&2
  fi
  # One du a path: du counts each file once, so the store and the index
  # named after the archive holding them would be left out.
  for P in "$A" "$A/sovang.db" "$A/index"; do du -sb "$P"; done > "$D/du.txt"

  [ -s "$D/queries.jsonl" ] || "$TOOL" queries --data "$A" --count $((PER_KIND * 8)) > "$D/queries.jsonl"

  echo "== latency in-process $N" >&2
  bench_load > "$D/latency.load"
  bench_drop_caches > "$D/cold.txt"
  "$TOOL" latency --data "$A" --queries "$D/queries.jsonl" --passes cold,warm,warm2 > "$D/latency.json"
  "$TOOL" latency --data "$A" --queries "$D/queries.jsonl" --passes warm --limit 20 --facets 1 > "$D/latency-facets.json"
  bench_load >> "$D/latency.load"

  if [ "$HTTP" = 1 ]; then
    echo "== latency over HTTP $N" >&2
    H=$D/http
    mkdir -p "$H"
    # The same queries as in-process (limit 10, no facets), then as the page asks.
    "$PY" "$ROOT/bench/http/paths.py" "$D/queries.jsonl" "$H/paths" "&limit=10&facets=0" > "$H/kinds.txt"
    "$PY" "$ROOT/bench/http/paths.py" "$D/queries.jsonl" "$H/paths-page" > /dev/null
    bench_staff_user "$SOVANG" "$TOOL" "$A" bench "$PASSWORD" > "$H/user.txt"
    bench_drop_caches > "$H/cold.txt"
    # The answer cache off: these figures are the search's own (a warm pass
    # would otherwise only repeat the cold pass's answers from memory).
    bench_serve "$SOVANG" "$A" "$PORT" --search-cache 0
    COOKIE=$(bench_login "$PORT" bench "$PASSWORD")
    [ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
    bench_load > "$H/load.txt"
    # Cold: one pass of every query, one keep-alive connection (curl).
    "$ROOT/bench/http/pass.sh" "$H/paths/all.paths" "http://127.0.0.1:$PORT" "$COOKIE" > "$H/cold-all.txt"
    "$PY" "$ROOT/bench/http/pass_stats.py" < "$H/cold-all.txt" > "$H/cold-all.json"
    for kind in $(cat "$H/kinds.txt"); do
      PATHS=$H/paths/$kind.paths COOKIE=$COOKIE \
        wrk -t1 -c1 -d"${DURATION}s" -s "$ROOT/bench/http/cycle.lua" "http://127.0.0.1:$PORT" | tail -1 > "$H/warm-$kind.json"
    done
    # The page's queries once first, not measured: the passes above asked for
    # 10 hits without facets, so the page's 20 hits, the facet table (built
    # once an index revision from every document's value: 1.1 s at 10M with
    # the page cache warm) and the values would come from disk after the
    # drop. One wrk thread walks the paths in the same order both times.
    PATHS=$H/paths-page/all.paths COOKIE=$COOKIE \
      wrk -t1 -c1 -d"${DURATION}s" -s "$ROOT/bench/http/cycle.lua" "http://127.0.0.1:$PORT" > /dev/null
    PATHS=$H/paths-page/all.paths COOKIE=$COOKIE \
      wrk -t1 -c1 -d"${DURATION}s" -s "$ROOT/bench/http/cycle.lua" "http://127.0.0.1:$PORT" | tail -1 > "$H/warm-page-all.json"
    bench_rss "$SERVER_PID" > "$H/rss.txt"
    bench_load >> "$H/load.txt"
    bench_stop_server
  fi
done

"$PY" "$ROOT/bench/scale/summarize.py" "$OUT" $SIZES
