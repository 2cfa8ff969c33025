#!/usr/bin/env python3
"""Independent reference for tests/cli/learn.sh: the tf-idf matrix and the
LIBLINEAR logistic regression of a tiny training set, computed by
scikit-learn from the CSV itself (not from verba's features), then compared
with what verba dumped, wrote into its model and scored.

Usage: reference.py SHEET.csv DUMP.tsv MODEL LONG.tsv CLASS_WEIGHT
Prints one line per check: "ok NAME" or "FAIL NAME: detail"."""
import csv
import math
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sheet, dump, model_path, long_path, class_weight = sys.argv[1:6]
rows = list(csv.DictReader(open(sheet, newline="", encoding="utf-8")))
texts = [r["answer"] for r in rows]
codes = [c for c in rows[0].keys() if c not in ("id", "answer", "fold")]

# Words as verba's tokenizer cuts plain ASCII text: runs of letters and
# digits, lower-cased; sublinear tf, smooth idf, L2 norm; every word kept.
vec = TfidfVectorizer(token_pattern=r"[A-Za-z0-9]+", lowercase=True, sublinear_tf=True,
                      smooth_idf=True, norm="l2", min_df=1)
X = vec.fit_transform(texts).toarray()
words = list(vec.get_feature_names_out())
results = []

def check(name, good, detail=""):
    results.append(("ok " + name) if good else ("FAIL %s: %s" % (name, detail)))

# 1. The features verba dumped.
got = np.zeros_like(X)
with open(dump, encoding="utf-8") as f:
    next(f)
    for line in f:
        row, feat, val = line.rstrip("\n").split("\t")
        assert feat.startswith("w:"), feat
        got[int(row) - 1, words.index(feat[2:])] = float(val)
check("tf-idf matrix equals scikit-learn's TfidfVectorizer", np.allclose(got, X, atol=1e-12),
      "max diff %g" % np.abs(got - X).max())

# 2. The model's weights, bias and idf.
idf = {}
weights = {}
with open(model_path, encoding="utf-8") as f:
    lines = f.read().split("\n")
i = lines.index(next(l for l in lines if l.startswith("vocabulary\t")))
n = int(lines[i].split("\t")[1])
vocab = []
for l in lines[i + 1:i + 1 + n]:
    feat, v = l.rsplit("\t", 1)
    vocab.append(feat[2:])
    idf[feat[2:]] = float(v)
j = i + 1 + n
while lines[j].startswith("code\t"):
    cid = lines[j].split("\t")[1]
    bias = float(lines[j + 1].split("bias=")[1].split()[0])
    nw = int(lines[j + 3].split("\t")[1])
    w = np.zeros(len(words))
    for l in lines[j + 4:j + 4 + nw]:
        k, v = l.split("\t")
        w[words.index(vocab[int(k) - 1])] = float(v)
    weights[cid] = (w, bias)
    j += 4 + nw
check("idf equals scikit-learn's idf_",
      all(abs(idf[wd] - vec.idf_[k]) < 1e-12 for k, wd in enumerate(words)))

probs = {}
for code in codes:
    cid = code.lower()
    y = np.array([1 if r[code].strip() == "1" else 0 for r in rows])
    lr = LogisticRegression(solver="liblinear", C=1.0, intercept_scaling=1.0, tol=1e-8,
                            max_iter=10000,
                            class_weight=None if class_weight == "none" else "balanced")
    lr.fit(X, y)
    w, b = weights[cid]
    check("%s: weights equal LogisticRegression(solver='liblinear').coef_" % cid,
          np.allclose(w, lr.coef_[0], atol=1e-5), "max diff %g" % np.abs(w - lr.coef_[0]).max())
    check("%s: bias equals intercept_" % cid, abs(b - lr.intercept_[0]) < 1e-5,
          "%r vs %r" % (b, lr.intercept_[0]))
    probs[cid] = lr.predict_proba(X)[:, 1]

# 3. The scores verba code --model --long printed (4 decimals) for the
# model's codings, and which segments got the code (score >= 0.5).
seen = {cid: {} for cid in probs}
with open(long_path, encoding="utf-8") as f:
    head = next(f).rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(head, line.rstrip("\n").split("\t")))
        if r["source"].startswith("model:"):
            seen[r["code"]][r["document"]] = float(r["score"])
for cid, p in probs.items():
    want = {rows[k]["id"]: p[k] for k in range(len(rows)) if p[k] >= 0.5}
    good = set(want) == set(seen[cid]) and all(abs(want[d] - seen[cid][d]) <= 5e-5 + 1e-6
                                               for d in want)
    check("%s: scores equal predict_proba, coded where >= 0.5" % cid, good,
          "verba %r, sklearn %r" % (seen[cid], want))
print("\n".join(results))
