#!/usr/bin/python3
"""pass_stats.py < lines "status seconds": one JSON line in cycle.lua's shape."""
import json
import sys

codes, ms = {}, []
for line in sys.stdin:
    status, secs = line.split()
    codes[status] = codes.get(status, 0) + 1
    ms.append(float(secs) * 1000)
ms.sort()
n = len(ms)
pick = lambda p: ms[min(n - 1, n * p // 100)] if n else 0.0
print(json.dumps({"requests": n, "duration_s": sum(ms) / 1000, "rps": n / (sum(ms) / 1000) if n else 0,
                  "p50_ms": pick(50), "p90_ms": pick(90), "p99_ms": pick(99), "max_ms": ms[-1] if n else 0,
                  "mean_ms": sum(ms) / n if n else 0,
                  "errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0,
                             "status": sum(v for k, v in codes.items() if not k.startswith("2"))},
                  "statuses": codes}))
