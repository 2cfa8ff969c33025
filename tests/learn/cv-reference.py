#!/usr/bin/env python3
"""Independent reference for verba learn --cv --folds-by fold on the tiny
set of tests/cli/learn.sh: the same folds, a TfidfVectorizer +
LogisticRegression(solver="liblinear") fitted on each training part,
scored on the held-out part; per-code precision, recall, F1 and Cohen's
kappa by scikit-learn's metrics, then micro and macro rows.  Prints the
table verba prints with -t tsv.

Usage: cv-reference.py SHEET.csv CLASS_WEIGHT"""
import csv
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

sheet, class_weight = sys.argv[1:3]
rows = list(csv.DictReader(open(sheet, newline="", encoding="utf-8")))
codes = [c for c in rows[0].keys() if c not in ("id", "answer", "fold")]
texts = np.array([r["answer"] for r in rows])
fold = np.array([int(r["fold"]) for r in rows])
Y = np.array([[1 if r[c].strip() == "1" else 0 for c in codes] for r in rows])
P = np.zeros_like(Y)
for f in sorted(set(fold)):
    tr, te = fold != f, fold == f
    vec = TfidfVectorizer(token_pattern=r"[A-Za-z0-9]+", sublinear_tf=True, min_df=1)
    Xtr = vec.fit_transform(texts[tr])
    Xte = vec.transform(texts[te])
    for k in range(len(codes)):
        lr = LogisticRegression(solver="liblinear", C=1.0, tol=1e-8, max_iter=10000,
                                class_weight=None if class_weight == "none" else "balanced")
        lr.fit(Xtr, Y[tr, k])
        P[te, k] = (lr.predict_proba(Xte)[:, 1] >= 0.5).astype(int)

def figures(y, p):
    return (precision_score(y, p, zero_division=0), recall_score(y, p, zero_division=0),
            f1_score(y, p, zero_division=0), cohen_kappa_score(y, p))

print("code\tsupport\tprecision\trecall\tf1\tkappa")
per = []
for k, c in enumerate(codes):
    f = figures(Y[:, k], P[:, k])
    per.append(f)
    print("%s\t%d\t%s" % (c.lower(), Y[:, k].sum(), "\t".join("%.4f" % v for v in f)))
mi = figures(Y.ravel(), P.ravel())
print("micro\t%d\t%s" % (Y.sum(), "\t".join("%.4f" % v for v in mi)))
ma = np.mean(per, axis=0)
print("macro\t%d\t%s" % (Y.sum(), "\t".join("%.4f" % v for v in ma)))
