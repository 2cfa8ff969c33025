#!/usr/bin/env python3
"""Writes the NHS framework sheet with a `fold` column (1..5) added, the
folds drawn once with a fixed seed over the rows that have an answer, so
verba (--folds-by fold) and scikit-learn see exactly the same folds.

Usage: nhs-folds.py IN.csv OUT.csv"""
import csv
import random
import sys

src, dst = sys.argv[1:3]
with open(src, newline="", encoding="utf-8-sig") as f:
    r = csv.reader(f)
    head = next(r)
    rows = list(r)
t = head.index("FFT answer")
answered = [i for i, row in enumerate(rows) if row[t].replace("\r\n", "\n").strip()]
order = answered[:]
random.Random(20231).shuffle(order)
fold = {i: 1 + k % 5 for k, i in enumerate(order)}
with open(dst, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(head + ["fold"])
    for i, row in enumerate(rows):
        w.writerow(row + [str(fold.get(i, 1))])
