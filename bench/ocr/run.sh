#!/usr/bin/env bash
# OCR throughput, side by side, on one set of generated 300-dpi A4 pages of
# every kind (ledger, annex, certificate; clean, light, heavy):
#   (a)  sovang ingest into a fresh archive (workers = cores)
#   (a1) sovang ingest --jobs 1 (accuracy must be no worse than (a))
#   (b)  plain `tesseract FILE OUT -l vie txt tsv`, file after file, default environment
#   (c)  the same command with OMP_THREAD_LIMIT=1, file after file
#   (d)  that tuned command two at a time (xargs -P2)
#   (e)  ocrmypdf -l vie --jobs 2 over a PDF of the same pages (img2pdf, lossless)
# each under /usr/bin/time -v (wall, user+sys, max RSS), then accuracy:
# (a)/(a1) by `sovang eval`; (b) by running its TSV through sovang's extractor
# (sovang-tsv-extract) and the same evaluation. Then CPU per stage of an ingest
# worker (sovang-ocr-stages, one thread) and, if perf works, where an ingest
# run's CPU goes by library and by pipeline stage (perf_stages.py).
#
#   bench/ocr/run.sh [OUT_DIR]          (default /tmp/sovang-bench-ocr)
#   env: PAGES=40 SEED=7 BUILD_DIR=<repo>/build-bench RUNS="a a1 b c d e" PERF=1
#        QUIET=25 QUIET_WAIT=600: before each run, wait (at most QUIET_WAIT s)
#        until the machine is at most QUIET % busy (others' builds and tests).
# Each run also records the CPU the rest of the machine used meanwhile
# (/proc/stat busy time minus the run's own user+sys), the noise in its figures.
#
# Multi-page TIFFs are read whole by every contender (tesseract and ocrmypdf
# read every page of a file), so each run reads the same PAGES pages.
# Prints a summary table and writes OUT_DIR/results.json. Takes 15-30 minutes
# on 2 cores; check `uptime` first: the figures are only as quiet as the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-/tmp/sovang-bench-ocr}
PAGES=${PAGES:-40}
SEED=${SEED:-7}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
RUNS=${RUNS:-"a a1 b c d e"}
PERF=${PERF:-1}
QUIET=${QUIET:-25}
QUIET_WAIT=${QUIET_WAIT:-600}
PY=/usr/bin/python3  # Debian's python3 has PIL (python3-pil)

# shellcheck source=../../scripts/packages.sh
source "$ROOT/scripts/packages.sh"
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
sovang_install "${SOVANG_BENCH_PACKAGES[@]}" tesseract-ocr tesseract-ocr-vie ghostscript python3-pil

if [ -z "${SKIP_BUILD:-}" ]; then
  [ -f "$BUILD_DIR/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$BUILD_DIR" -j 2 --target sovang sovang-tsv-extract sovang-ocr-stages >&2
fi
SOVANG=$BUILD_DIR/sovang

mkdir -p "$OUT"
PAGE_DIR=$OUT/pages
if [ ! -f "$PAGE_DIR/truth.jsonl" ]; then
  rm -rf "$PAGE_DIR"
  "$PY" "$ROOT/data-samples/generate.py" --seed "$SEED" --pages "$PAGES" --out "$PAGE_DIR" >&2
fi
mapfile -t FILES < <(find "$PAGE_DIR" -maxdepth 1 -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.tif' \) | sort)
PDF=$OUT/pages.pdf
[ -f "$PDF" ] || img2pdf -o "$PDF" "${FILES[@]}"

# The machine and the load, for RESULTS.md.
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD) (working tree as built in $BUILD_DIR)"
  echo "nproc: $(nproc)"
  lscpu | head -20
  free -m | head -2
  tesseract --version 2>&1 | head -1
  echo "ocrmypdf $(ocrmypdf --version 2>&1)"
  echo "files: ${#FILES[@]}, pages: $PAGES, seed: $SEED"
} > "$OUT/machine.txt"

load() { bench_load; }

# timed NAME CMD...: /usr/bin/time -v into OUT/NAME.time, load before/after,
# the wait for a quiet machine in OUT/NAME.quiet, and the machine's busy
# jiffies over the run in OUT/NAME.cpu ("busy0 total0 busy1 total1 hz").
timed() {
  local name=$1; shift
  bench_wait_quiet "$QUIET" "$QUIET_WAIT" > "$OUT/$name.quiet"
  echo "== $name ($(cat "$OUT/$name.quiet")): $*" >&2
  echo "$(load)" > "$OUT/$name.load"
  local before; before=$(bench_cpu_jiffies)
  /usr/bin/time -v -o "$OUT/$name.time" "$@"
  echo "$before $(bench_cpu_jiffies) $(getconf CLK_TCK)" > "$OUT/$name.cpu"
  echo "$(load)" >> "$OUT/$name.load"
  grep -E "Elapsed|Percent of CPU|Maximum resident" "$OUT/$name.time" >&2
}

run_a() {  # $1 name, then extra ingest options
  local name=$1; shift
  rm -rf "$OUT/archive-$name"
  timed "$name" env -u OMP_THREAD_LIMIT "$SOVANG" ingest --data "$OUT/archive-$name" --json --quiet "$@" "$PAGE_DIR" \
    > "$OUT/$name.ingest.json"
  "$SOVANG" eval --data "$OUT/archive-$name" --truth "$PAGE_DIR/truth.jsonl" --json > "$OUT/$name.eval.json"
}

HERE=$ROOT/bench/ocr
printf '%s\0' "${FILES[@]}" > "$OUT/files.list0"

for run in $RUNS; do
  case $run in
    a) run_a a ;;
    a1) run_a a1 --jobs 1 ;;
    b)
      rm -rf "$OUT/tess-b" && mkdir -p "$OUT/tess-b"
      timed b env -u OMP_THREAD_LIMIT "$HERE/tess_each.sh" "$OUT/tess-b" "${FILES[@]}"
      "$BUILD_DIR/sovang-tsv-extract" --pages "$PAGE_DIR" --tsv "$OUT/tess-b" --truth "$PAGE_DIR/truth.jsonl" \
        --scratch "$OUT/tess-b.store" --records "$OUT/b.records.jsonl" > "$OUT/b.eval.json"
      ;;
    c)
      rm -rf "$OUT/tess-c" && mkdir -p "$OUT/tess-c"
      timed c env OMP_THREAD_LIMIT=1 "$HERE/tess_each.sh" "$OUT/tess-c" "${FILES[@]}"
      ;;
    d)
      rm -rf "$OUT/tess-d" && mkdir -p "$OUT/tess-d"
      timed d env OMP_THREAD_LIMIT=1 xargs -0 -P2 -n1 -a "$OUT/files.list0" "$HERE/tess_one.sh" "$OUT/tess-d"
      ;;
    e)
      rm -f "$OUT/e.pdf"
      timed e env -u OMP_THREAD_LIMIT ocrmypdf -q -l vie --jobs 2 "$PDF" "$OUT/e.pdf"
      ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
done

# Where an ingest worker's CPU goes, one page at a time on one thread.
echo "== stages" >&2
echo "$(load)" > "$OUT/stages.load"
"$BUILD_DIR/sovang-ocr-stages" "$PAGE_DIR" > "$OUT/stages.json"
echo "$(load)" >> "$OUT/stages.load"

# Where the real ingest's CPU goes (sampled with call chains; not a timed
# run): by library, and by pipeline stage (perf_stages.py: Tesseract at work,
# for the page and the second look, against everything else).
if [ "$PERF" = 1 ] && command -v perf > /dev/null && perf stat -e task-clock true > /dev/null 2>&1; then
  echo "== perf" >&2
  rm -rf "$OUT/archive-perf"
  # 64 KB of stack a sample: with 16 KB, calls deep in Tesseract (memset of a
  # new image, page faults) lost their callers and went "unattributed" (~9%).
  perf record -q -F 250 --call-graph dwarf,65528 -o "$OUT/perf.data" -- env -u OMP_THREAD_LIMIT "$SOVANG" ingest --data "$OUT/archive-perf" --quiet --json "$PAGE_DIR" > /dev/null 2>&1 || true
  perf report -i "$OUT/perf.data" --no-children --stdio --sort dso -g none 2> /dev/null | grep -v '^#' | grep -v '^$' > "$OUT/perf.dso.txt" || true
  perf report -i "$OUT/perf.data" --no-children --stdio --sort dso,sym -g none 2> /dev/null | grep -v '^#' | grep -v '^$' | head -60 > "$OUT/perf.sym.txt" || true
  perf script -i "$OUT/perf.data" -F comm,tid,ip,sym,dso 2> /dev/null | "$PY" "$HERE/perf_stages.py" > "$OUT/perf.stages.json" || true
  rm -rf "$OUT/archive-perf" "$OUT/perf.data"
fi

"$PY" "$ROOT/bench/ocr/summarize.py" "$OUT" "$PAGES"
