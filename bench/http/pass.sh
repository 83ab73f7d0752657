#!/usr/bin/env bash
# pass.sh PATHS_FILE BASE_URL COOKIE: one pass through every path on one
# keep-alive connection (curl reuses it across the URLs of one config), one
# line "status seconds" a request on stdout. For cold passes, where wrk (which
# runs for a fixed duration) does not fit.
set -euo pipefail
paths=$1 base=$2 cookie=$3
awk -v base="$base" '{printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", base, $0}' "$paths" |
  curl -s -K - -H "Cookie: $cookie" -w '%{http_code} %{time_total}\n'
