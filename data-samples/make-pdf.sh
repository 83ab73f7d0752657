#!/bin/sh
# Makes a multi-page PDF of synthetic scans for benchmarks (PIL writes the PDF).
#   data-samples/make-pdf.sh OUT.pdf [PAGES] [SEED]
# The page images, truth.jsonl and queries.jsonl go to OUT.pdf.d/ next to it
# (truth refers to the image files there, not to PDF pages).
set -eu
out=${1:?usage: make-pdf.sh OUT.pdf [PAGES] [SEED]}
pages=${2:-50}
seed=${3:-20250701}
here=$(dirname "$0")
exec /usr/bin/python3 "$here/generate.py" --seed "$seed" --pages "$pages" --out "$out.d" --pdf "$out"
