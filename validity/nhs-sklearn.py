#!/usr/bin/env python3
"""scikit-learn on the same NHS folds as verba learn --cv: one-vs-rest
LogisticRegression(solver="liblinear") and LinearSVC over tf-idf of words
and word pairs (TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
each with and without class_weight="balanced".  Prints per-category F1 of
each configuration and their micro and macro F1, and the seconds each
took (vectorising, training and predicting, all five folds), wall-clock
and CPU.

Usage: nhs-sklearn.py FOLDED.csv CODES.txt OUT.tsv
CODES.txt: the headers of the categories, one a line (those verba
learned: 20 examples or more)."""
import csv
import sys
import warnings
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

src, codes_path, out = sys.argv[1:4]
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
codes = [l.rstrip("\n") for l in open(codes_path, encoding="utf-8") if l.strip()]
rows = [r for r in rows if r["FFT answer"].replace("\r\n", "\n").strip()]
texts = np.array([r["FFT answer"].replace("\r\n", "\n").strip() for r in rows], dtype=object)
fold = np.array([int(r["fold"]) for r in rows])
Y = np.array([[1 if r[c].strip() == "1" else 0 for c in codes] for r in rows])

configs = {
    "sklearn-lr": lambda: LogisticRegression(solver="liblinear"),
    "sklearn-lr-balanced": lambda: LogisticRegression(solver="liblinear",
                                                      class_weight="balanced"),
    "sklearn-svc": lambda: LinearSVC(),
    "sklearn-svc-balanced": lambda: LinearSVC(class_weight="balanced"),
}
# LinearSVC's "failed to converge" after its 1000 iterations on some
# codes: the defaults are what is compared, so the warning is noise here.
warnings.filterwarnings("ignore")
results = {}
for name, make in configs.items():
    P = np.zeros_like(Y)
    t0, c0 = time.perf_counter(), time.process_time()
    for f in range(1, 6):
        tr, te = fold != f, fold == f
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        Xtr = vec.fit_transform(texts[tr])
        clf = OneVsRestClassifier(make()).fit(Xtr, Y[tr])
        P[te] = clf.predict(vec.transform(texts[te]))
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    per = f1_score(Y, P, average=None, zero_division=0)
    results[name] = (per, f1_score(Y, P, average="micro", zero_division=0),
                     f1_score(Y, P, average="macro", zero_division=0), secs, cpu)

with open(out, "w", encoding="utf-8") as f:
    names = list(results)
    f.write("code\tsupport\t" + "\t".join(names) + "\n")
    for k, c in enumerate(codes):
        f.write("%s\t%d\t%s\n" % (c, Y[:, k].sum(),
                                  "\t".join("%.4f" % results[n][0][k] for n in names)))
    f.write("micro\t%d\t%s\n" % (Y.sum(), "\t".join("%.4f" % results[n][1] for n in names)))
    f.write("macro\t%d\t%s\n" % (Y.sum(), "\t".join("%.4f" % results[n][2] for n in names)))
    f.write("seconds\t\t%s\n" % "\t".join("%.1f" % results[n][3] for n in names))
    f.write("cpu-seconds\t\t%s\n" % "\t".join("%.1f" % results[n][4] for n in names))
