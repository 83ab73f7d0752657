#!/usr/bin/env bash
# tess_one.sh OUT_DIR FILE: the plain command of bench/ocr/run.sh on one file,
# text and TSV into OUT_DIR/<file>.{txt,tsv}.
exec tesseract "$2" "$1/$(basename "$2")" -l vie txt tsv 2>/dev/null
