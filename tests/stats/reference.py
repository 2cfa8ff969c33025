#!/usr/bin/python3
"""Reference values for `verba agree`, computed independently of verba's C code.

Test-only (tests/cli/agree.sh runs it).  It reads the same coded streams,
builds the same units and writes the table `verba agree` should print:

  reference.py agree [--unit U] [--bootstrap B] [--seed S] [--level L]
                     [--codings all|human|rules] [--include-moderator] A B [C...]
  reference.py gold [--unit U] GOLD AUTO
  reference.py compare EXPECTED ACTUAL [--tol T]

How each figure is obtained:
  * Cohen's kappa: sklearn.metrics.cohen_kappa_score on the two coders'
    0/1 judgements of the units both hold; for more than two coders the
    mean over coder pairs (Light's kappa).
  * Percent agreement, Scott's pi (Fleiss' kappa for more than two coders)
    and Brennan-Prediger: the textbook formulas, from the list of units.
  * Krippendorff's alpha (nominal): an explicit coincidence matrix, every
    ordered pair of values within a unit adding 1/(m_u - 1), then
    alpha = 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c n_k.
  * Bootstrap: the resamples verba draws are documented (GSL mt19937
    seeded with --seed, gsl_rng_uniform_int over the units at least two
    coders hold, in order of first appearance); this script draws them again
    with Python's own Mersenne Twister put in the state GSL's seeding gives,
    recomputes every statistic from the resampled unit lists with the
    functions above and takes numpy.quantile (linear interpolation, as
    gsl_stats_quantile_from_sorted_data) of the defined replicates.
  * Rules against gold: sklearn.metrics.precision_recall_fscore_support and
    multilabel_confusion_matrix on unit x code indicator matrices (0/0 is
    reported as nan, so zero_division only silences sklearn).
"""

import argparse
import itertools
import math
import random
import sys
import warnings

import numpy as np
from sklearn.metrics import (cohen_kappa_score, multilabel_confusion_matrix,
                             precision_recall_fscore_support)

warnings.filterwarnings("ignore")
NAN = float("nan")
STATS = ["percent_agreement", "kappa", "scott_pi", "brennan_prediger", "alpha"]


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\":
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_stream(path, codings_wanted, include_moderator):
    """Rows of (document, segment, text, [codes]) and the code list it carries."""
    listed, rows, header = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if header is None:
                if line.startswith("#"):
                    parts = line.split("\t")
                    if parts[0] == "#verba-code":
                        listed.append((unescape(parts[1]), unescape(parts[3])))
                    continue
                header = line.split("\t")
                continue
            if line == "":
                continue
            rec = dict(zip(header, [unescape(x) for x in line.split("\t")]))
            if not include_moderator and rec.get("role", "") in ("moderator", "interviewer"):
                continue
            codes = []
            if "codings" in rec:
                for item in filter(None, rec["codings"].split(";")):
                    code, rest = item.split("@", 1)
                    source = rest.split("/", 1)[1] if "/" in rest else ""
                    is_rule = source.startswith("rule:")
                    if codings_wanted == "all" or (codings_wanted == "rules") == is_rule:
                        codes.append(code)
            else:
                codes = [c.strip() for c in rec["codes"].split(";") if c.strip()]
            rows.append((rec["document"], int(rec.get("segment", "0") or 0), rec["text"], codes))
    return rows, listed


def build(paths, wanted, unit, include_moderator):
    """units: ordered keys; judged[key][coder] = set of codes (missing: absent key)."""
    order, judged, labels, listed_order, used = [], {}, {}, [], []
    for j, (path, which) in enumerate(zip(paths, wanted)):
        rows, listed = read_stream(path, which, include_moderator)
        for code, label in listed:
            if code not in labels:
                labels[code] = label
                listed_order.append(code)
        for doc, seg, text, codes in rows:
            key = (doc, seg) if unit == "segment" else (doc, 0)
            if key not in judged:
                judged[key] = {}
                order.append(key)
            judged[key].setdefault(j, set()).update(codes)
            for c in codes:
                if c not in used:
                    used.append(c)
    codes = [c for c in listed_order if c in used] + [c for c in used if c not in listed_order]
    return order, judged, codes, labels


# ---- statistics from a list of items, each a list of m values (None: missing) ----

def pairable(items):
    return [it for it in items if sum(v is not None for v in it) >= 2]


def percent(items):
    items = pairable(items)
    if not items:
        return NAN
    shares = []
    for it in items:
        vals = [v for v in it if v is not None]
        pairs = list(itertools.combinations(vals, 2))
        shares.append(sum(a == b for a, b in pairs) / len(pairs))
    return 100 * sum(shares) / len(shares)


def light_kappa(items, m):
    ks = []
    for a, b in itertools.combinations(range(m), 2):
        ya = [it[a] for it in items if it[a] is not None and it[b] is not None]
        yb = [it[b] for it in items if it[a] is not None and it[b] is not None]
        if not ya:
            return NAN
        k = cohen_kappa_score(ya, yb, labels=[0, 1])
        ks.append(float(k))
    return NAN if any(math.isnan(k) for k in ks) else sum(ks) / len(ks)


def scott_fleiss(items, m):
    items = pairable(items)
    if not items:
        return NAN
    if m == 2:
        n = len(items)
        po = sum(it[0] == it[1] for it in items) / n
        pe = sum(((sum(it[0] == c for it in items) + sum(it[1] == c for it in items)) / (2 * n)) ** 2
                 for c in (0, 1))
    else:
        po = percent(items) / 100
        vals = [v for it in items for v in it if v is not None]
        pe = sum((vals.count(c) / len(vals)) ** 2 for c in (0, 1))
    return NAN if pe == 1 else (po - pe) / (1 - pe)


def brennan_prediger(items):
    p = percent(items)
    return NAN if math.isnan(p) else (p / 100 - 1 / 2) / (1 - 1 / 2)


def kripp_alpha(items):
    o = np.zeros((2, 2))
    for it in pairable(items):
        vals = [v for v in it if v is not None]
        mu = len(vals)
        for i, j in itertools.permutations(range(mu), 2):
            o[vals[i], vals[j]] += 1 / (mu - 1)
    nc = o.sum(axis=1)
    n = nc.sum()
    de = sum(nc[c] * nc[k] for c in (0, 1) for k in (0, 1) if c != k)
    if n == 0 or de == 0:
        return NAN
    do = sum(o[c, k] for c in (0, 1) for k in (0, 1) if c != k)
    return 1 - (n - 1) * do / de


def all_stats(items, m):
    return [percent(items), light_kappa(items, m), scott_fleiss(items, m),
            brennan_prediger(items), kripp_alpha(items)]


# ---- GSL's mt19937 and gsl_rng_uniform_int, reproduced ----

def gsl_mt19937(seed):
    s = seed or 4357
    mt = [s & 0xFFFFFFFF]
    for i in range(1, 624):
        mt.append((1812433253 * (mt[-1] ^ (mt[-1] >> 30)) + i) & 0xFFFFFFFF)
    r = random.Random()
    r.setstate((3, tuple(mt + [624]), None))
    return r


def uniform_int(r, n):
    scale = 0xFFFFFFFF // n
    while True:
        k = r.getrandbits(32) // scale
        if k < n:
            return k


def fmt(x):
    return "nan" if isinstance(x, float) and math.isnan(x) else repr(x)


def cmd_agree(a):
    m = len(a.files)
    order, judged, codes, labels = build(a.files, [a.codings] * m, a.unit, a.include_moderator)

    def value(key, j, code):
        return None if j not in judged[key] else int(code in judged[key][j])

    def items_of(keys, rows):
        return [[value(k, j, c) for j in range(m)] for c in rows for k in keys]

    rows = [(c, labels.get(c, c), [c]) for c in codes] + [("all", "All codes (pooled)", codes)]
    units = [k for k in order if len(judged[k]) >= 2]
    reps = {}
    if a.bootstrap > 0 and units:
        r = gsl_mt19937(a.seed)
        draws = []
        for _ in range(a.bootstrap):
            w = [0] * len(units)
            for _ in range(len(units)):
                w[uniform_int(r, len(units))] += 1
            draws.append([k for k, c in zip(units, w) for _ in range(c)])
        for code, _, rc in rows:
            reps[code] = np.array([all_stats(items_of(d, rc), m) for d in draws])
    f = (1 - a.level) / 2
    print("\t".join(["code", "label", "n", "agree", "disagree", "missing"]
                    + [x for s in STATS for x in (s, s + "_low", s + "_high")]))
    for code, label, rc in rows:
        items = items_of(order, rc)
        pa = pairable(items)
        agree = sum(len({v for v in it if v is not None}) == 1 for it in pa)
        stats = all_stats(items, m)
        out = [code, label, str(len(pa)), str(agree), str(len(pa) - agree), str(len(items) - len(pa))]
        for k, s in enumerate(stats):
            lo = hi = NAN
            if code in reps and not math.isnan(s):
                col = reps[code][:, k]
                col = col[~np.isnan(col)]
                if len(col):
                    lo, hi = (float(x) for x in np.quantile(col, [f, 1 - f]))
            out += [fmt(s), fmt(lo), fmt(hi)]
        print("\t".join(out))


def cmd_gold(a):
    order, judged, codes, labels = build([a.gold, a.auto], ["human", "rules"], a.unit,
                                         a.include_moderator)
    keys = [k for k in order if len(judged[k]) == 2]
    y_true = np.array([[int(c in judged[k][0]) for c in codes] for k in keys]).reshape(len(keys), len(codes))
    y_pred = np.array([[int(c in judged[k][1]) for c in codes] for k in keys]).reshape(len(keys), len(codes))
    mcm = multilabel_confusion_matrix(y_true, y_pred) if keys else np.zeros((len(codes), 2, 2), int)
    p, r, f1, _ = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0)
    print("\t".join(["code", "label", "n", "tp", "fp", "fn", "precision", "recall", "f1"]))
    per = []
    for i, c in enumerate(codes):
        tp, fp, fn = int(mcm[i][1][1]), int(mcm[i][0][1]), int(mcm[i][1][0])
        pi = float(p[i]) if tp + fp else NAN
        ri = float(r[i]) if tp + fn else NAN
        fi = float(f1[i]) if 2 * tp + fp + fn else NAN
        per.append((pi, ri, fi))
        print("\t".join([c, labels.get(c, c), str(len(keys)), str(tp), str(fp), str(fn),
                         fmt(pi), fmt(ri), fmt(fi)]))
    tp, fp, fn = (int(mcm[:, 1, 1].sum()), int(mcm[:, 0, 1].sum()), int(mcm[:, 1, 0].sum()))
    mp, mr, mf, _ = precision_recall_fscore_support(y_true, y_pred, average="micro", zero_division=0)
    micro = (float(mp) if tp + fp else NAN, float(mr) if tp + fn else NAN,
             float(mf) if 2 * tp + fp + fn else NAN)
    macro = tuple(float(np.nanmean([x[k] for x in per])) if any(not math.isnan(x[k]) for x in per)
                  else NAN for k in range(3))
    for name, label, sc in (("micro", "All codes (micro-average)", micro),
                            ("macro", "All codes (macro-average)", macro)):
        print("\t".join([name, label, str(len(keys)), str(tp), str(fp), str(fn)] + [fmt(x) for x in sc]))


def cmd_compare(a):
    exp = [l.rstrip("\n").split("\t") for l in open(a.expected, encoding="utf-8")]
    act = [l.rstrip("\n").split("\t") for l in open(a.actual, encoding="utf-8")]
    bad = []
    if len(exp) != len(act):
        bad.append(f"{len(act)} rows, expected {len(exp)}")
    for i, (e, x) in enumerate(zip(exp, act)):
        if len(e) != len(x):
            bad.append(f"row {i + 1}: {len(x)} fields, expected {len(e)}")
            continue
        for j, (ev, xv) in enumerate(zip(e, x)):
            try:
                ef, xf = float(ev), float(xv)
            except ValueError:
                if ev != xv:
                    bad.append(f"row {i + 1} {exp[0][j]}: '{xv}', expected '{ev}'")
                continue
            if math.isnan(ef) != math.isnan(xf) or (not math.isnan(ef) and abs(ef - xf) > a.tol):
                bad.append(f"row {i + 1} ({e[0]}) {exp[0][j]}: {xv}, expected {ev}")
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("agree")
    g.add_argument("files", nargs="+")
    for p in (g, sub.add_parser("gold")):
        p.add_argument("--unit", default="segment")
        p.add_argument("--include-moderator", action="store_true")
    g.add_argument("--bootstrap", type=int, default=1000)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--level", type=float, default=0.95)
    g.add_argument("--codings", default="all")
    sub.choices["gold"].add_argument("gold")
    sub.choices["gold"].add_argument("auto")
    c = sub.add_parser("compare")
    c.add_argument("expected")
    c.add_argument("actual")
    c.add_argument("--tol", type=float, default=1e-9)
    a = ap.parse_args()
    {"agree": cmd_agree, "gold": cmd_gold, "compare": cmd_compare}[a.cmd](a)


if __name__ == "__main__":
    main()
