#!/usr/bin/env bash
# tess_each.sh OUT_DIR FILE...: the plain command, file after file.
set -e
out=$1; shift
for f in "$@"; do "$(dirname "$0")/tess_one.sh" "$out" "$f"; done
