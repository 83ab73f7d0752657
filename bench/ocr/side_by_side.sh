#!/bin/bash
# Two one-worker `sovang ingest` runs at the same time, one per core, with
# different environments (the OCR's bench switches, ocr/README.md): CPU
# seconds, peak RSS, field accuracy and whether the hOCR is the same. Both
# see the same host load, which a before/after pair run apart does not.
#
#   bench/ocr/side_by_side.sh NAME_A "ENV_A" NAME_B "ENV_B" PAGES_DIR [BUILD_DIR]
#   e.g. ... old "SOVANG_TESS_PNG_LINES=1 SOVANG_TESS_AMBIGS=1" new "" /tmp/bench-ocr/pages
# Archives go to ./ar_NAME (replaced).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
P=$5
S=${6:-$ROOT/build-ocr}/sovang
rm -rf "ar_$1" "ar_$3"
# shellcheck disable=SC2086  # the environments are word lists on purpose
(env $2 /usr/bin/time -f "%e %U %S %M" "$S" ingest --data "ar_$1" --quiet --jobs 1 "$P" 2> "$1.err" > /dev/null &
 env $4 /usr/bin/time -f "%e %U %S %M" "$S" ingest --data "ar_$3" --quiet --jobs 1 "$P" 2> "$3.err" > /dev/null
 wait)
for n in "$1" "$3"; do
  acc=$("$S" eval --data "ar_$n" --truth "$P/truth.jsonl" --json |
    /usr/bin/python3 -c "import json,sys; a=json.load(sys.stdin)['overall']; print(round(100*a['field_accuracy'],2), round(100*a['exact_record_rate'],2))")
  echo "$n $(tail -n1 "$n.err" | awk '{printf "wall %s cpu %.2f rss %d MB", $1, $2+$3, $4/1024}') acc $acc"
done
if diff -rq "ar_$1/hocr" "ar_$3/hocr" > /dev/null; then echo "hocr identical"; else
  echo "hocr differs: $(diff -rq "ar_$1/hocr" "ar_$3/hocr" | wc -l) files"; fi
