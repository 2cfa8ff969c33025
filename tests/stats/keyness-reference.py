#!/usr/bin/env python3
"""An independent check of `verba codebook suggest` (verba-codebook(1)).

Reads a coded stream, tokenises its (ASCII) texts with a regular expression,
builds each term's 2 x 2 table as quanteda's textstat_keyness does (the
term's occurrences in the target segments and the others, against the other
terms of its kind) and computes G2 and chi2 with scipy.stats.chi2_contingency
(lambda_="log-likelihood" for G2, Pearson for chi2), with Yates' correction
exactly when quanteda's default applies it: an expected count below 5 and
|ad - bc| >= N/2.  Compares verba's tsv table to 1e-9 and its terms and
order exactly; prints what differs and exits 1, or prints "same".

usage: keyness-reference.py STREAM CODE MIN_COUNT N VERBA_TSV USED_WORD...
(USED_WORD: a word of the code's rules; a trailing * makes it a stem)
"""
import math
import re
import sys

from scipy.stats import chi2_contingency, chi2 as chi2_dist

TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[m.group(1)], s)


def read_stream(path):
    rows, header = [], None
    for line in open(path, encoding='utf-8', newline='\n'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        f = [unescape(x) for x in line.split('\t')]
        if header is None:
            header = f
        else:
            rows.append(dict(zip(header, f)))
    return rows


def stat(a, b, c, d):
    table = [[a, b], [c, d]]
    n = a + b + c + d
    exp = [[(a + b) * (a + c) / n, (a + b) * (b + d) / n],
           [(c + d) * (a + c) / n, (c + d) * (b + d) / n]]
    small = min(min(r) for r in exp) < 5
    corr = small and abs(a * d - b * c) >= n / 2
    g2 = chi2_contingency(table, correction=corr, lambda_="log-likelihood")[0]
    x2 = chi2_contingency(table, correction=corr)[0]
    sign = 1 if a > exp[0][0] else -1
    return sign * g2, sign * x2, chi2_dist.sf(g2, 1)


def main():
    path, code, min_count, n, verba = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4]), sys.argv[5]
    used = sys.argv[6:]

    def uses(w):
        return any(w.startswith(u[:-1]) if u.endswith('*') else w == u for u in used)

    segs = []
    for r in read_stream(path):
        if r['role'] != 'participant':
            continue
        codings = [c for c in r.get('codings', '').split(';') if c]
        target = any(c.split('@')[0] == code and '/coder:' in c for c in codings)
        toks = [t.lower() for t in TOKEN.findall(r['text'])]
        caught = any(uses(t) for t in toks)
        segs.append((target, toks, caught))
    counts, present = {}, {}
    totals = {(k, s): 0 for k in ('word', 'phrase') for s in (True, False)}
    for i, (target, toks, caught) in enumerate(segs):
        terms = [(t, 'word') for t in toks] + \
                [(toks[j] + ' ' + toks[j + 1], 'phrase') for j in range(len(toks) - 1)]
        for t, kind in terms:
            counts.setdefault((t, kind), [0, 0])[0 if target else 1] += 1
            totals[(kind, target)] += 1
            present.setdefault((t, kind), set()).add(i)
    n_target = sum(1 for s in segs if s[0])
    expect = []
    for (t, kind), (a, b) in counts.items():
        if a < min_count or any(uses(w) for w in t.split(' ')):
            continue
        g2, x2, p = stat(a, b, totals[(kind, True)] - a, totals[(kind, False)] - b)
        if g2 <= 0:
            continue
        segs_with = present[(t, kind)]
        st = sum(1 for i in segs_with if segs[i][0])
        new = sum(1 for i in segs_with if segs[i][0] and not segs[i][2])
        expect.append((t, kind, a, b, g2, x2, p, st / len(segs_with), st / n_target, new))
    expect.sort(key=lambda e: (-e[4], -e[5], e[0].encode()))
    expect = expect[:n]

    got = [l.rstrip('\n').split('\t') for l in open(verba, encoding='utf-8')][1:]
    bad = []
    if [g[0] for g in got] != [e[0] for e in expect]:
        bad.append(f"terms: verba {[g[0] for g in got]} reference {[e[0] for e in expect]}")
    for g, e in zip(got, expect):
        if g[1] != e[1] or int(g[2]) != e[2] or int(g[3]) != e[3] or int(g[9]) != e[9]:
            bad.append(f"{e[0]}: counts {g[1:4] + g[9:10]} reference {e[1:4] + e[9:10]}")
        for col, want in zip((4, 5, 6, 7, 8), e[4:9]):
            if not math.isclose(float(g[col]), want, rel_tol=1e-9, abs_tol=1e-12):
                bad.append(f"{e[0]}: column {col + 1}: verba {g[col]} reference {want!r}")
    print('\n'.join(bad) if bad else f"same ({len(expect)} terms)")
    sys.exit(1 if bad else 0)


main()
