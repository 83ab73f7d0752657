#!/usr/bin/python3
"""Where an ingest's CPU went, by pipeline stage, from `perf script` output of
a run recorded with call graphs (perf record --call-graph dwarf): each sample
goes to the first stage below whose marker is anywhere in its call chain.
"Recognition" is Tesseract at work: TessBaseAPI::Recognize (its own
thresholding and layout included) and OSD, for the page and for the second
look; everything else is the rest of the pipeline.

  perf script -F comm,tid,ip,sym,dso -i perf.data | perf_stages.py > perf.stages.json
"""
import collections
import json
import sys

STAGES = [  # (stage, kind, markers[, also one of]); first match wins
    ("Tesseract engine start", "other", ["TessBaseAPI::Init"]),
    # The second look's own Tesseract calls. Not every frame under a
    # "SecondLook" is Tesseract: the extraction around it runs under
    # ExtractWithSecondLook, and the look cuts out, turns and scales each
    # word before Tesseract reads it; those go to the stages below.
    ("second look (Tesseract)", "recognition", ["SecondLook"],
     ["TessBaseAPI::Recognize", "TessBaseAPI::SetImage"]),
    ("second look: cut-outs", "other", ["TesseractSecondLook::", "SecondLook::ViewImpl"]),
    ("orientation (OSD)", "recognition", ["DetectOrientationScript"]),
    ("Tesseract: thresholding", "recognition", ["TessBaseAPI::Threshold"]),
    ("Tesseract: rule finding", "recognition", ["FindAndRemoveLines"]),
    ("Tesseract: layout", "recognition", ["TessBaseAPI::FindLines"]),
    ("Tesseract: recognition", "recognition", ["TessBaseAPI::Recognize", "TessBaseAPI::SetImage"]),
    ("clean-up: deskew rotation", "other", ["RotateGrey", "pixRotate"]),
    ("clean-up: background map", "other", ["pixBackgroundNormGrayArrayMorph"]),
    ("clean-up: skew search", "other", ["pixFindSkew"]),
    ("clean-up: other", "other", ["CleanPage"]),
    ("table finding", "other", ["FindTable"]),
    ("layout: other", "other", ["ReadPage"]),
    ("hOCR", "other", ["ToHocr"]),
    ("recogniser: other", "other", ["TesseractRecognizer::Recognize"]),
    ("page PNG", "other", ["EncodePng"]),
    ("decode", "other", ["LoadPage", "LoadPages", "DecodeRaster", "CountPages", "GreyForArchive"]),
    ("SHA-256", "other", ["Sha256"]),
    ("extraction", "other", ["ExtractWithSecondLook", "ExtractRecords"]),
    ("file writes", "other", ["WriteFileAtomically", "ReadFile"]),
    ("store", "other", ["StoreRecords", "PutPage", "Transaction", "sqlite3"]),
    ("index", "other", ["SyncIndex", "Xapian"]),
]

counts = collections.Counter()
total = 0
stack = []


def flush():
    global total
    if not stack:
        return
    total += 1
    for name, _, markers, *also in STAGES:
        if any(m in f for f in stack for m in markers) and (
                not also or any(m in f for f in stack for m in also[0])):
            counts[name] += 1
            return
    counts["unattributed (start-up, kernel, allocator)"] += 1


for line in sys.stdin:
    if not line.strip():
        flush()
        stack = []
        continue
    if line[0] not in " \t":
        continue
    parts = line.strip().split(None, 1)
    if len(parts) == 2:
        stack.append(parts[1])
flush()

kind = {name: k for name, k, *_ in STAGES}
shares = {name: n / total for name, n in counts.most_common()} if total else {}
recognition = sum(v for k, v in shares.items() if kind.get(k) == "recognition")
second_look = shares.get("second look (Tesseract)", 0.0)
json.dump({"samples": total, "shares": shares, "recognition_share": recognition,
           "second_look_share": second_look, "other_share": 1 - recognition,
           "other_share_second_look_as_other": 1 - recognition + second_look}, sys.stdout, indent=1,
          ensure_ascii=False)
print()
