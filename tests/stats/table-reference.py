#!/usr/bin/python3
"""Test-only: recomputes from a coded segments stream, independently of
verba, the figures of `verba matrix --stats` and of the co-occurrence
tables, with Debian's python3-scipy and python3-sklearn, and compares them
with verba's tsv output to 1e-9.  Prints one line per mismatch and exits 1
if there is any; prints "ok N figures" otherwise.

  table-reference.py stats STREAM ATTR UNIT VERBA_TSV [--no-all]   (no "All" column: attribute
                                                         rows, or --no-total)
  table-reference.py jaccard STREAM WITHIN VERBA_TSV
  table-reference.py cluster STREAM WITHIN VERBA_TSV

The stream is read with Python's csv module (tab-separated, no quoting,
'#' lines skipped but '#verba-code' lines naming the codes in order).
Only participants' segments are counted, as verba counts by default."""
import csv
import math
import sys

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform
from scipy.stats import chi2_contingency, fisher_exact, norm
from scipy.stats.contingency import association
from sklearn.metrics import jaccard_score

TOL = 1e-9


def read_stream(path):
    codes, rows = [], []
    with open(path, encoding="utf-8") as f:
        lines = []
        for line in f:
            if line.startswith("#verba-code\t"):
                codes.append(line.rstrip("\n").split("\t")[1])
            elif not line.startswith("#"):
                lines.append(line)
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if r.get("role", "participant") not in ("", "participant"):
            continue
        r["codeset"] = [c for c in (r.get("codes") or "").split(";") if c]
        for c in r["codeset"]:
            if c not in codes:
                codes.append(c)
        rows.append(r)
    return codes, rows


def unit_of(r, unit):
    return r["document"] if unit == "document" else (r["document"], r["segment"])


def read_tables(path):
    """verba's tsv output: tables separated by empty lines."""
    tables, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "":
                tables.append(cur)
                cur = []
            else:
                cur.append(line.split("\t"))
    tables.append(cur)
    return [t for t in tables if t]


class Checker:
    def __init__(self):
        self.n, self.bad = 0, []

    def num(self, what, got, want):
        self.n += 1
        if isinstance(want, float) and math.isnan(want):
            if got != "":
                self.bad.append(f"{what}: verba {got!r}, reference undefined")
            return
        try:
            g = float(got)
        except ValueError:
            self.bad.append(f"{what}: verba {got!r}, reference {want!r}")
            return
        if abs(g - want) > TOL:
            self.bad.append(f"{what}: verba {g!r}, reference {want!r}")

    def done(self):
        for b in self.bad:
            print(b)
        if not self.bad:
            print(f"ok {self.n} figures")
        return 1 if self.bad else 0


def stats(stream, attr, unit, out, no_all):
    codes, rows = read_stream(stream)
    values = sorted({r[attr] for r in rows})
    base = {v: {unit_of(r, unit) for r in rows if r[attr] == v} for v in values}
    raised = {(c, v): {unit_of(r, unit) for r in rows if r[attr] == v and c in r["codeset"]}
              for c in codes for v in values}
    _, tests, shares = read_tables(out)
    head = tests[0]
    by_code = {t[0]: dict(zip(head, t)) for t in tests[1:]}
    sh_head = shares[0]
    sh_by_code = {t[0]: dict(zip(sh_head, t)) for t in shares[1:]}
    ck = Checker()
    z = norm.ppf(0.975)
    for c in codes:
        if c not in by_code:
            ck.bad.append(f"{c}: missing from verba's tests table")
            continue
        got = by_code[c]
        table = np.array([[len(raised[c, v]) for v in values],
                          [len(base[v]) - len(raised[c, v]) for v in values]])
        # scipy refuses zero rows and columns: leave them out, as verba does.
        red = table[:, table.sum(0) > 0]
        red = red[red.sum(1) > 0]
        ck.num(f"{c} n", got["n"], float(table.sum()))
        if red.shape[0] >= 2 and red.shape[1] >= 2:
            chi2, p, dof, _ = chi2_contingency(red, correction=False)
            v = association(red, method="cramer", correction=False)
        else:
            chi2, p, dof, v = float("nan"), float("nan"), 0, float("nan")
        ck.num(f"{c} chi2", got["chi2"], chi2)
        ck.num(f"{c} df", got["df"], float(dof))
        ck.num(f"{c} p", got["p"], p)
        ck.num(f"{c} cramer_v", got["cramer_v"], v)
        if len(values) == 2:
            ck.num(f"{c} fisher_p", got["fisher_p"], fisher_exact(table)[1])
        elif "fisher_p" in got:
            ck.bad.append(f"{c}: fisher_p given for {len(values)} values")
        # Wilson score interval from its formula (statsmodels is not in Debian's scipy).
        cols = values + ([] if no_all else ["all"])
        for v in cols:
            n = sum(len(base[x]) for x in values) if v == "all" else len(base[v])
            k = sum(len(raised[c, x]) for x in values) if v == "all" else len(raised[c, v])
            ph = k / n
            centre = (ph + z * z / (2 * n)) / (1 + z * z / n)
            half = z / (1 + z * z / n) * math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n))
            ck.num(f"{c} {v} share", sh_by_code[c][v], ph)
            ck.num(f"{c} {v} lo", sh_by_code[c][v + "_lo"], max(0.0, centre - half))
            ck.num(f"{c} {v} hi", sh_by_code[c][v + "_hi"], min(1.0, centre + half))
    return ck.done()


def contexts(rows, within):
    """Each context (segment or document) with the set of its codes."""
    ctx = {}
    for r in rows:
        key = r["document"] if within == "document" else (r["document"], r["segment"])
        ctx.setdefault(key, set()).update(r["codeset"])
    return list(ctx.values())


def jaccard_matrix(codes, rows, within):
    ctx = contexts(rows, within)
    ind = {c: np.array([c in s for s in ctx], dtype=int) for c in codes}
    m = np.zeros((len(codes), len(codes)))
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            # sklearn gives 0 (with a warning) when neither code occurs.
            m[i, j] = jaccard_score(ind[a], ind[b], zero_division=0)
    return m


def jaccard(stream, within, out):
    codes, rows = read_stream(stream)
    m = jaccard_matrix(codes, rows, within)
    table = read_tables(out)[0]
    head = table[0]
    ck = Checker()
    for t in table[1:]:
        if t[0] == "base":
            continue
        for j, b in enumerate(head[2:]):
            ck.num(f"{t[0]} x {b}", t[2 + j], m[codes.index(t[0]), codes.index(b)])
    return ck.done()


def cluster(stream, within, out):
    """verba orders codes by average linkage on 1 - Jaccard: each merge
    lists the cluster holding the earlier code (in codebook order) first.
    The merges come from scipy; the order follows from them by that rule,
    so scipy's own leaf order (leaves_list) is not what is compared."""
    codes, rows = read_stream(stream)
    d = 1 - jaccard_matrix(codes, rows, within)
    np.fill_diagonal(d, 0)
    z = linkage(squareform(d, checks=False), "average")
    members = {i: [i] for i in range(len(codes))}
    for k, (a, b, _, _) in enumerate(z):
        a, b = int(a), int(b)
        if min(members[b]) < min(members[a]):
            a, b = b, a
        members[len(codes) + k] = members.pop(a) + members.pop(b)
    order = [codes[i] for i in members[len(codes) + len(z) - 1]] if len(z) else codes
    table = read_tables(out)[0]
    got = [t[0] for t in table[1:] if t[0] != "base"]
    heights = ", ".join(f"{h:.6f}" for h in z[:, 2])
    if got != order:
        print(f"order: verba {got}, reference {order} (merge heights {heights})")
        return 1
    if table[0][2:] != order:
        print(f"columns: verba {table[0][2:]}, reference {order}")
        return 1
    print(f"ok order {' '.join(order)} (merge heights {heights})")
    return 0


def main(argv):
    if argv[1] == "stats":
        return stats(argv[2], argv[3], argv[4], argv[5], "--no-all" in argv)
    if argv[1] == "jaccard":
        return jaccard(argv[2], argv[3], argv[4])
    if argv[1] == "cluster":
        return cluster(argv[2], argv[3], argv[4])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
