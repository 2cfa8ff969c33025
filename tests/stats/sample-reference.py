#!/usr/bin/env python3
"""An independent computation of `verba sample --random N --seed S
[--stratify ATTR] [--exclude CODED]` (verba-sample(1)): the hash order and
the largest-remainder allocation written from the man page, not from verba's
source.  Prints the sampled ids (DOCUMENT:SEGMENT) in the stream's order,
then "stratum " and the strata as "VALUE QUOTA of SIZE, …".

usage: sample-reference.py STREAM N SEED [ATTR|-] [EXCLUDE...]
"""
import sys

MASK = (1 << 64) - 1


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\':
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def read_stream(path):
    rows = []
    with open(path, encoding='utf-8', newline='\n') as f:
        header = None
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            fields = [unescape(x) for x in line.split('\t')]
            if header is None:
                header = fields
                continue
            rows.append(dict(zip(header, fields)))
    return rows


def key(seed, document, segment):
    data = f"{seed}\x1f{document}\x1f{segment}".encode('utf-8')
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & MASK
    h = ((h ^ (h >> 30)) * 0xbf58476d1ce4e5b9) & MASK
    h = ((h ^ (h >> 27)) * 0x94d049bb133111eb) & MASK
    return h ^ (h >> 31)


def main():
    path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    attr = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != '-' else None
    excluded = set()
    for ex in sys.argv[5:]:
        excluded |= {(r['document'], r['segment']) for r in read_stream(ex)}
    rows = [r for r in read_stream(path)
            if r['role'] == 'participant' and (r['document'], r['segment']) not in excluded]
    strata = {}
    for pos, r in enumerate(rows):
        v = (r.get(attr) or '(none)') if attr else ''
        strata.setdefault(v, []).append(pos)
    total = len(rows)
    n = min(n, total)
    values = sorted(strata, key=lambda v: (v == '(none)', v.casefold()))
    quota = {v: n * len(strata[v]) // total for v in values}
    left = n - sum(quota.values())
    order = sorted(values, key=lambda v: (-(n * len(strata[v]) % total), -len(strata[v]),
                                          values.index(v)))
    for v in order[:left]:
        quota[v] += 1
    picked = []
    for v in values:
        ranked = sorted(strata[v], key=lambda p: (key(seed, rows[p]['document'],
                                                      int(rows[p]['segment'])),
                                                  rows[p]['document'], int(rows[p]['segment'])))
        picked += ranked[:quota[v]]
    for p in sorted(picked):
        print(f"{rows[p]['document']}:{rows[p]['segment']}")
    print("stratum " + ", ".join(f"{v} {quota[v]} of {len(strata[v])}" for v in values))


main()
