#!/usr/bin/python3
"""Summarises bench/http/run.sh output: markdown on stdout, OUT/results.json.
   usage: summarize.py OUT_DIR"""
import json
import os
import sys

out = sys.argv[1]
RUNS = [("search-c16", "search, 16 conns", 15000), ("search-c256", "search, 256 conns", 15000),
        ("verify-c16", "verify, 16 conns", 25000), ("verify-c256", "verify, 256 conns", 25000),
        ("search-c4-light-ingest", "search, 4 conns, a request every 50 ms each, ingest running", None),
        ("search-c16-ingest", "search, 16 conns, ingest running", None),
        ("search-c1-ingest", "search, 1 conn, ingest running", None), ("search-c1", "search, 1 conn", None),
        ("search-c16-nocache", "search, 16 conns, answer cache off", None),
        ("search-c1-nocache", "search, 1 conn, answer cache off", None)]


def read(name):
    try:
        with open(os.path.join(out, name)) as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


results = {}
print("| run | req/s | p50 ms | p99 ms | max ms | socket errors | non-2xx | statuses | server RSS MB (now, peak) | load before → after | target |")
print("|---|---:|---:|---:|---:|---:|---:|---|---|---|---|")
for name, label, target in RUNS:
    text = read(name + ".json")
    if not text:
        continue
    j = json.loads(text)
    j["rss"] = read(name + ".rss")
    j["load"] = read(name + ".load").replace("\n", " → ")
    results[name] = j
    e = j["errors"]
    sock = e["connect"] + e["read"] + e["write"] + e["timeout"]
    verdict = ""
    if target:
        ok = j["rps"] >= target and sock == 0 and e["status"] == 0
        verdict = f"≥ {target:,}/s, 0 errors: {'met' if ok else 'NOT met'}"
    elif "ingest" in name:
        j["ingest_pages"] = int(read(name + ".pages") or 0)
        verdict = f"p99 ≤ 5 ms: {'met' if j['p99_ms'] <= 5 else 'NOT met'}; the ingest stored {j['ingest_pages']} pages meanwhile"
    print(f"| {label} | {j['rps']:,.0f} | {j['p50_ms']:.2f} | {j['p99_ms']:.2f} | {j['max_ms']:.1f} | {sock} | {e['status']} | "
          f"{json.dumps(j['statuses'])} | {j['rss']} | {j['load']} | {verdict} |")
results["rss_start"], results["rss_end"] = read("rss-start.txt"), read("rss-end.txt")
results["verify_inprocess"] = json.loads(read("verify-inprocess.json") or "null")
results["ingest"] = json.loads(read("ingest.json") or "null")
results["user"] = read("user.txt")
results["search_cache"] = read("search-cache.txt")
with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
print(f"\nserver RSS (now, peak MB): at start {results['rss_start']}, at the end {results['rss_end']}; staff user by: {results['user']}")
if results["verify_inprocess"]:
    v = results["verify_inprocess"]
    print(f"verification in-process (no HTTP, {v['threads']} threads): {v['lookups_per_s']:,.0f} lookups/s; "
          f"log rows written in rounds of 256 into the log file, as the server writes them: {v['log_rows_per_s']:,.0f} rows/s")
if results["search_cache"]:
    print("answer cache (server with the cache, start to stop):", results["search_cache"])
if results["ingest"]:
    print("ingest while serving:", json.dumps(results["ingest"]), read("ingest-still-running.txt"))
