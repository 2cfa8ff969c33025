#!/usr/bin/env python3
"""Puts verba's and scikit-learn's cross-validated F1 side by side (as
Markdown), per category and micro/macro, with the times.

Usage: nhs-report.py VERBA.tsv SKLEARN.tsv VERBA_TIME"""
import re
import sys

verba_path, sk_path, vtime = sys.argv[1:4]

def code_id(header):
    # verba's id for a header (vb_code_id_from_header), for ASCII headers.
    return "-".join(re.findall(r"[a-z0-9]+", header.lower()))

verba = {}
for line in open(verba_path, encoding="utf-8").read().splitlines()[1:]:
    f = line.split("\t")
    verba[f[0]] = f
sk_lines = [l.split("\t") for l in open(sk_path, encoding="utf-8").read().splitlines()]
names = sk_lines[0][2:]
rows = [l for l in sk_lines[1:] if l[0] not in ("seconds", "cpu-seconds")]
secs = next(l for l in sk_lines if l[0] == "seconds")[2:]
cpu = next(l for l in sk_lines if l[0] == "cpu-seconds")[2:]
wall, user, sys_, rss = vtime.split()

print("| category | support | verba | " + " | ".join(names) + " |")
print("| --- | ---: | ---: | " + " | ".join("---:" for _ in names) + " |")
for r in rows:
    key = r[0] if r[0] in ("micro", "macro") else code_id(r[0])
    v = verba[key]
    label = "**%s**" % r[0] if r[0] in ("micro", "macro") else r[0]
    print("| %s | %s | %s | %s |" % (label, r[1], v[4], " | ".join(r[2:])))
print()
best_micro = max(float(x) for x in next(r for r in rows if r[0] == "micro")[2:])
best_macro = max(float(x) for x in next(r for r in rows if r[0] == "macro")[2:])
print("verba: micro F1 %s, macro F1 %s; scikit-learn's best: micro %.4f, macro %.4f"
      % (verba["micro"][4], verba["macro"][4], best_micro, best_macro))
print("verba (import excluded; features, 5 trainings and predictions): %s s wall, %.1f s CPU, "
      "peak RSS %d MiB" % (wall, float(user) + float(sys_), int(rss) // 1024))
print("scikit-learn (vectorising, 5 trainings and predictions), wall / CPU seconds: " +
      ", ".join("%s %s / %s" % (n, s, c) for n, s, c in zip(names, secs, cpu)))
