#!/usr/bin/python3
"""Request paths for wrk (bench/http/cycle.lua) from sovang-scale queries:
   paths.py QUERIES.jsonl OUT_DIR [QUERY_STRING_SUFFIX]
writes OUT_DIR/<kind>.paths and OUT_DIR/all.paths, one /api/search?q=… a line.
The suffix defaults to what the staff search page asks (&limit=20&offset=0)."""
import json
import os
import sys
import urllib.parse

queries, out = sys.argv[1], sys.argv[2]
suffix = sys.argv[3] if len(sys.argv) > 3 else "&limit=20&offset=0"
os.makedirs(out, exist_ok=True)
by_kind = {}
with open(queries) as f:
    for line in f:
        q = json.loads(line)
        path = "/api/search?q=" + urllib.parse.quote(q["query"], safe="") + suffix
        by_kind.setdefault(q["kind"], []).append(path)
        by_kind.setdefault("all", []).append(path)
for kind, paths in by_kind.items():
    with open(os.path.join(out, kind + ".paths"), "w") as f:
        f.write("\n".join(paths) + "\n")
print(" ".join(sorted(by_kind)))
