#!/usr/bin/python3
"""Summarises bench/scale/run.sh output: markdown on stdout, OUT/results.json.
   usage: summarize.py OUT_DIR N..."""
import json
import os
import re
import sys

out, sizes = sys.argv[1], sys.argv[2:]
# Targets (issue #6, 2 cores), p99 ms: at 10M records exact lookups 0.5, name
# queries 5, typo-tolerant 20; at 1M half those. None is set below 1M: smaller
# archives are held to the 1M figures.
GROUPS = {"exact": ["id", "book_number", "decision_number"],
          "name": ["exact_name", "folded_name", "name_year", "field_filter"],
          # Surname + given name + commune, as a clerk types it: a name query
          # with a place, held to the name target but shown on its own line.
          "name + place": ["name_commune"],
          "typo": ["typo"]}
TARGET_P99_10M = {"exact": 0.5, "name": 5.0, "name + place": 5.0, "typo": 20.0}


def targets_for(n):
    """(p99 targets, the size they are set for) for an archive of n records."""
    if n >= 10_000_000:
        return TARGET_P99_10M, "10M"
    return {g: t / 2 for g, t in TARGET_P99_10M.items()}, "1M"


def load(path, default=None):
    try:
        with open(path) as f:
            text = f.read().strip()
        return json.loads(text.splitlines()[-1]) if text else default
    except (FileNotFoundError, json.JSONDecodeError, IndexError):
        return default


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


def mb(b):
    return b / 1e6


results = {}
for n in sizes:
    d = os.path.join(out, n)
    r = {"build": load(os.path.join(d, "build.json"), {}), "build_load": read(os.path.join(d, "build.load"))}
    t = read(os.path.join(d, "build.time"))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
    if m:
        r["build_max_rss_mb"] = int(m.group(1)) / 1024
    du = {}
    for line in read(os.path.join(d, "du.txt")).splitlines():
        size, path = line.split("\t")
        du[os.path.basename(path)] = int(size)
    r["du"] = du
    r["latency"] = load(os.path.join(d, "latency.json"), {})
    r["latency_facets"] = load(os.path.join(d, "latency-facets.json"), {})
    r["cold_cache"] = read(os.path.join(d, "cold.txt"))
    r["latency_load"] = read(os.path.join(d, "latency.load"))
    h = os.path.join(d, "http")
    if os.path.isdir(h):
        http = {"cold_all": load(os.path.join(h, "cold-all.json")), "page_all": load(os.path.join(h, "warm-page-all.json")),
                "rss": read(os.path.join(h, "rss.txt")), "user": read(os.path.join(h, "user.txt")),
                "load": read(os.path.join(h, "load.txt")), "cold_cache": read(os.path.join(h, "cold.txt")), "warm": {}}
        for f in sorted(os.listdir(h)):
            if f.startswith("warm-") and f.endswith(".json") and not f.startswith("warm-page"):
                http["warm"][f[5:-5]] = load(os.path.join(h, f))
        r["http"] = http
    results[n] = r

with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)

print("| records | store rec/s | index rebuild rec/s | compact s | store MB | index MB (built → compacted) | archive MB | build max RSS MB | load during build |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for n, r in results.items():
    b = r["build"]
    if not b:
        continue
    print(f"| {int(n):,} | {b['store_records_per_s']:,.0f} | {b['index_records_per_s']:,.0f} | {b.get('compact_seconds', 0):.1f} | "
          f"{mb(r['du'].get('sovang.db', 0)):,.0f} | {mb(b.get('index_bytes_built', 0)):,.0f} → {mb(r['du'].get('index', b['index_bytes'])):,.0f} | "
          f"{mb(r['du'].get('archive', 0)):,.0f} | {r.get('build_max_rss_mb', 0):,.0f} | {r['build_load'].replace(chr(10), ' → ')} |")

for n, r in results.items():
    lat = r["latency"]
    if not lat:
        continue
    print(f"\n**{int(n):,} records**, in-process (limit 10, no facets; open {lat.get('open_ms', 0):.1f} ms; cache: {r['cold_cache']}; load {r['latency_load'].replace(chr(10), ' → ')})\n")
    kinds = sorted(lat["warm"]["latency"].keys())
    http = r.get("http", {})
    print("| kind | n | cold p50 | cold p99 | warm p50 | warm p99 | warm max | HTTP warm p50 | HTTP warm p99 | HTTP req/s (1 conn) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in kinds:
        c, w = lat["cold"]["latency"][k], lat["warm"]["latency"][k]
        hw = (http.get("warm") or {}).get(k) or {}
        hs = f"{hw['p50_ms']:.2f} | {hw['p99_ms']:.2f} | {hw['rps']:,.0f}" if hw else "— | — | —"
        print(f"| {k} | {w['n']} | {c['p50_ms']:.3f} | {c['p99_ms']:.3f} | {w['p50_ms']:.3f} | {w['p99_ms']:.3f} | {w['max_ms']:.2f} | {hs} |")
    # Targets per group: the worst p99 of the group's kinds, warm.
    print()
    targets, at = targets_for(int(n))
    for g, ks in GROUPS.items():
        worst = max((lat["warm"]["latency"][k]["p99_ms"] for k in ks if k in lat["warm"]["latency"]), default=None)
        if worst is None:
            continue
        met = worst <= targets[g]
        print(f"- {g} queries ({', '.join(ks)}): worst warm p99 {worst:.3f} ms, target ≤ {targets[g]:g} ms (set for {at}): {'met' if met else 'NOT met'}")
    lf = r.get("latency_facets") or {}
    if lf.get("warm"):
        a = lf["warm"]["latency"]["all"]
        print(f"- with facets and limit 20 (what the search page asks), all kinds warm: p50 {a['p50_ms']:.3f} ms, p99 {a['p99_ms']:.3f} ms")
    if http.get("cold_all"):
        c = http["cold_all"]
        print(f"- HTTP cold pass (all kinds, {c['requests']} requests; cache: {http['cold_cache']}): p50 {c['p50_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms")
    if http.get("page_all"):
        c = http["page_all"]
        print(f"- HTTP warm, as the page asks (limit 20 + facets), all kinds: p50 {c['p50_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms, {c['rps']:,.0f} req/s on 1 connection")
    if http.get("rss"):
        print(f"- server RSS after the runs (rss, peak MB): {http['rss']}; staff user by: {http['user']}; load {http['load'].replace(chr(10), ' → ')}")
