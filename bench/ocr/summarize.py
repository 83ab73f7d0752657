#!/usr/bin/python3
"""Summarises a bench/ocr/run.sh output directory: a markdown table on stdout
and OUT_DIR/results.json.   usage: summarize.py OUT_DIR PAGES"""
import json
import os
import re
import sys

out, pages = sys.argv[1], int(sys.argv[2])

LABELS = {
    "a": "(a) sovang ingest (2 workers)",
    "a1": "(a1) sovang ingest --jobs 1",
    "b": "(b) tesseract, default env, file after file",
    "c": "(c) tesseract, OMP_THREAD_LIMIT=1, file after file",
    "d": "(d) tesseract, OMP_THREAD_LIMIT=1, xargs -P2",
    "e": "(e) ocrmypdf -l vie --jobs 2",
}
TARGETS = {"b": 10.0, "c": 2.2, "d": 1.15, "e": 2.8}


def read(path):
    try:
        with open(os.path.join(out, path)) as f:
            return f.read()
    except FileNotFoundError:
        return None


def parse_time(text):
    def num(label):
        m = re.search(re.escape(label) + r":\s*([0-9.:]+)", text)
        return m.group(1) if m else None

    wall = num("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    user, sys_ = float(num("User time (seconds)")), float(num("System time (seconds)"))
    return {"wall_s": secs, "user_s": user, "sys_s": sys_, "cpu_pct": 100 * (user + sys_) / secs,
            "max_rss_mb": int(num("Maximum resident set size (kbytes)")) / 1024.0}


def accuracy(name):
    text = read(f"{name}.eval.json")
    if not text:
        return None
    j = json.loads(text)
    o = j["overall"]
    res = {"field_accuracy": o["field_accuracy"], "exact_record_rate": o["exact_record_rate"],
           "matched": o["matched_records"], "truth": o["truth_records"],
           "extra_records": j.get("extra_records"),
           "by_kind": {k: v["field_accuracy"] for k, v in j.get("by_kind", {}).items()},
           "by_degradation": {k: v["field_accuracy"] for k, v in j.get("by_degradation", {}).items()}}
    return res


results = {"pages": pages, "runs": {}}
for name in LABELS:
    t = read(f"{name}.time")
    if not t:
        continue
    r = parse_time(t)
    r["pages_per_min"] = pages * 60.0 / r["wall_s"]
    load = (read(f"{name}.load") or "").split("\n")
    r["load_before"], r["load_after"] = load[0], (load[1] if len(load) > 1 else "")
    r["quiet"] = (read(f"{name}.quiet") or "").strip()
    cpu = (read(f"{name}.cpu") or "").split()
    if len(cpu) == 5:
        b0, t0, b1, t1, hz = map(float, cpu)
        busy_s = (b1 - b0) / hz  # core-seconds the whole machine was busy
        r["others_cores"] = max(0.0, busy_s - r["user_s"] - r["sys_s"]) / r["wall_s"]
    r["accuracy"] = accuracy(name)
    ingest = read(f"{name}.ingest.json")
    if ingest:
        r["ingest"] = json.loads(ingest)
    results["runs"][name] = r

runs = results["runs"]
if "a" in runs:
    for peer, target in TARGETS.items():
        if peer in runs:
            ratio = runs["a"]["pages_per_min"] / runs[peer]["pages_per_min"]
            results.setdefault("ratios", {})[f"a/{peer}"] = {"ratio": ratio, "target": target, "met": ratio >= target}

stages = read("stages.json")
if stages:
    s = json.loads(stages)
    results["stages"] = s
    if "a" in runs and "cpu_est" in s:
        rec_per_page = s["cpu_est"]["recognition"] / s["pages"]
        a_cpu = runs["a"]["user_s"] + runs["a"]["sys_s"]
        results["non_recognition_share_of_ingest_cpu"] = 1 - rec_per_page * pages / a_cpu
perf_stages = read("perf.stages.json")
if perf_stages:
    try:
        results["perf_stages"] = json.loads(perf_stages)
    except json.JSONDecodeError:
        pass
perf = read("perf.dso.txt")
if perf:
    shares = {}
    for line in perf.splitlines():
        m = re.match(r"\s*([0-9.]+)%\s+(\S+)", line)
        if m:
            shares[m.group(2)] = float(m.group(1))
    results["perf_dso_pct"] = shares

with open(os.path.join(out, "results.json"), "w") as f:
    json.dump(results, f, indent=1, ensure_ascii=False)


def pct(x):
    return "—" if x is None else f"{100 * x:.1f}%"


print(f"pages: {pages}\n")
print("| run | wall s | pages/min | CPU (user+sys)/wall | max RSS MB | field acc | exact rec | others' CPU (cores) | load before → after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name, r in runs.items():
    a = r["accuracy"] or {}
    print(f"| {LABELS[name]} | {r['wall_s']:.1f} | {r['pages_per_min']:.1f} | {r['cpu_pct']:.0f}% | "
          f"{r['max_rss_mb']:.0f} | {pct(a.get('field_accuracy'))} | {pct(a.get('exact_record_rate'))} | "
          f"{r.get('others_cores', float('nan')):.2f} | {r['load_before']} → {r['load_after']} |")
print()
for k, v in results.get("ratios", {}).items():
    print(f"- {k}: {v['ratio']:.2f}× (target ≥ {v['target']}×: {'met' if v['met'] else 'NOT met'})")
if "stages" in results:
    s = results["stages"]
    print(f"\nstages (one thread, {s['pages']} pages, {s['cpu_seconds']:.1f} CPU s):",
          ", ".join(f"{k} {v:.1f} s" for k, v in s.get("cpu_est", {}).items()),
          f"; recognition share {pct(s.get('recognition_share'))}")
if "non_recognition_share_of_ingest_cpu" in results:
    print(f"non-recognition share of the ingest run's CPU: {pct(results['non_recognition_share_of_ingest_cpu'])}")
if "perf_stages" in results:
    p = results["perf_stages"]
    print(f"ingest run's CPU by stage (perf, {p['samples']} samples): Tesseract at work {pct(p['recognition_share'])} "
          f"(second look {pct(p['second_look_share'])}), everything else {pct(p['other_share'])} "
          f"({pct(p['other_share_second_look_as_other'])} counting the second look as not recognition)")
    print("  " + ", ".join(f"{k} {100 * v:.1f}%" for k, v in list(p["shares"].items())[:14]))
if "perf_dso_pct" in results:
    print("perf by library:", ", ".join(f"{k} {v:.1f}%" for k, v in list(results["perf_dso_pct"].items())[:8]))
for name in ("a", "a1", "b"):
    if name in runs and runs[name]["accuracy"]:
        a = runs[name]["accuracy"]
        print(f"\n{name}: by kind", {k: round(100 * v, 1) for k, v in a["by_kind"].items()},
              "by degradation", {k: round(100 * v, 1) for k, v in a["by_degradation"].items()})
