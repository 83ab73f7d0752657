#!/usr/bin/python3
"""Checks a generated set: truth lines against the schemas and the images.

  /usr/bin/python3 data-samples/tools/check_set.py data-samples/set-default
Exit 0 when every check passes.
"""
import collections
import hashlib
import json
import os
import sys
import unicodedata

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "..", "schemas")
FIELDS = ["full_name", "gender", "birth_year", "commune", "district", "province", "award",
          "award_code", "decision_number", "decision_date", "authority", "book_number"]


def main(d):
    awards = {a["code"]: a for a in json.load(open(os.path.join(SCHEMAS, "awards.json"), encoding="utf-8"))["awards"]}
    units = json.load(open(os.path.join(SCHEMAS, "gazetteer.json"), encoding="utf-8"))["units"]
    names = {u["name"] for u in units}
    truth = [json.loads(l) for l in open(os.path.join(d, "truth.jsonl"), encoding="utf-8")]
    queries = [json.loads(l) for l in open(os.path.join(d, "queries.jsonl"), encoding="utf-8")]
    errors = []
    keys = set()
    images = {}
    for t in truth:
        k = t["truth_key"]
        if k in keys:
            errors.append(f"duplicate key {k}")
        keys.add(k)
        for f in FIELDS:
            if f not in t:
                errors.append(f"{k}: missing {f}")
            v = t.get(f)
            if isinstance(v, str) and unicodedata.normalize("NFC", v) != v:
                errors.append(f"{k}: {f} not NFC")
        if t["award_code"] not in awards:
            errors.append(f"{k}: unknown award code {t['award_code']}")
        for f in ("commune", "district", "province"):
            if t[f] is not None and t[f] not in names:
                errors.append(f"{k}: {f} {t[f]!r} not in the gazetteer")
        if t["birth_year"] is not None and not isinstance(t["birth_year"], int):
            errors.append(f"{k}: birth_year not int")
        if t["gender"] not in (None, "nam", "nữ"):
            errors.append(f"{k}: gender {t['gender']!r}")
        src = t["source"]
        path = os.path.join(d, src["file"])
        if src["file"] not in images:
            im = Image.open(path)
            with open(path, "rb") as fh:
                sha = hashlib.sha256(fh.read()).hexdigest()
            sizes = []
            for i in range(getattr(im, "n_frames", 1)):
                im.seek(i)
                sizes.append(im.size)
            images[src["file"]] = (len(sizes), sizes, sha)
        n, sizes, sha = images[src["file"]]
        size = sizes[min(src["page"], n) - 1]
        if sha != src["sha256"]:
            errors.append(f"{k}: sha256 differs")
        if not 1 <= src["page"] <= n:
            errors.append(f"{k}: page {src['page']} of {n}")
        x, y, w, h = src["bbox"]
        if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > size[0] or y + h > size[1]:
            errors.append(f"{k}: bbox {src['bbox']} outside {size}")
        if k != f"{src['file']}#{src['page']}#{k.split('#')[2]}":
            errors.append(f"{k}: key does not match source")
    for q in queries:
        if not q["expected"] or any(e not in keys for e in q["expected"]):
            errors.append(f"query {q}: bad expected")
    by = collections.Counter((t["kind"], t["degradation"]) for t in truth)
    print(f"{len(truth)} records, {len(images)} files, {len(queries)} queries")
    for (kd, lv), c in sorted(by.items()):
        print(f"  {kd:12s} {lv:6s} {c}")
    for e in errors[:50]:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "set-default")))
