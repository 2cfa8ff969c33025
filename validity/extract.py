#!/usr/bin/env python3
"""Rebuilds the validity segments' text from ../shared and checks it.

  extract.py [--check] [--half dev|test] [-o FILE]

Reads validity/segments.tsv (id, source, start, end, document, half, kind)
and validity/sources.sha256.  Fails (exit 1, one line naming the file) when
a source file is missing or its SHA-256 differs from the one recorded when
the sample was drawn, when a range lies outside its file or does not fall on
UTF-8 character boundaries, or when an id repeats.  Otherwise writes CSV
(id,half,document,text) with each segment's text, whitespace runs (line
breaks included) folded to one space; --check writes nothing and prints a
count.  ../shared is $VB_SHARED when set, else the worktree's sibling.
"""
import csv, hashlib, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def shared_dir():
    return os.environ.get('VB_SHARED') or os.path.join(HERE, '..', '..', 'shared')


def fail(msg):
    sys.stderr.write('extract.py: %s\n' % msg)
    sys.exit(1)


def load(half=None):
    """The segments as dicts (id, source, start, end, document, half, kind,
    text), in segments.tsv order; exits on any mismatch."""
    shared = shared_dir()
    sums = os.path.join(HERE, 'sources.sha256')
    files = {}
    with open(sums, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            digest, _, src = line.rstrip('\n').partition('  ')
            path = os.path.join(shared, src)
            try:
                data = open(path, 'rb').read()
            except OSError as e:
                fail('%s:%d: cannot read %s: %s' % (sums, n, path, e.strerror))
            if hashlib.sha256(data).hexdigest() != digest:
                fail('%s:%d: %s changed since the sample was drawn (SHA-256 differs)' % (sums, n, src))
            files[src] = data
    segs, seen = [], set()
    tsv = os.path.join(HERE, 'segments.tsv')
    with open(tsv, encoding='utf-8') as f:
        rows = csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
        for n, row in enumerate(rows, 2):
            sid, src = row['id'], row['source']
            if sid in seen:
                fail('%s:%d: id %s repeated' % (tsv, n, sid))
            seen.add(sid)
            if src not in files:
                fail('%s:%d: source %s has no checksum in sources.sha256' % (tsv, n, src))
            data, s, e = files[src], int(row['start']), int(row['end'])
            if not 0 <= s < e <= len(data):
                fail('%s:%d: bytes %d-%d outside %s (%d bytes)' % (tsv, n, s, e, src, len(data)))
            try:
                text = data[s:e].decode('utf-8')
            except UnicodeDecodeError:
                fail('%s:%d: bytes %d-%d of %s are not whole UTF-8 characters' % (tsv, n, s, e, src))
            if text != text.strip() or not text:
                fail('%s:%d: bytes %d-%d of %s start or end in white space' % (tsv, n, s, e, src))
            if row['half'] not in ('dev', 'test'):
                fail('%s:%d: half %r is neither dev nor test' % (tsv, n, row['half']))
            if half and row['half'] != half:
                continue
            row = dict(row, start=s, end=e, text=re.sub(r'\s+', ' ', text))
            segs.append(row)
    return segs


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description='Rebuilds and checks the validity segments.')
    ap.add_argument('--check', action='store_true', help='check only, write nothing')
    ap.add_argument('--half', choices=('dev', 'test'))
    ap.add_argument('-o', '--output')
    a = ap.parse_args(argv)
    segs = load(a.half)
    if a.check:
        print('extract.py: %d segments ok' % len(segs))
        return
    out = open(a.output, 'w', encoding='utf-8', newline='') if a.output else sys.stdout
    w = csv.writer(out, lineterminator='\n')
    w.writerow(['id', 'half', 'document', 'text'])
    for s in segs:
        w.writerow([s['id'], s['half'], s['document'], s['text']])
    if a.output:
        out.close()


if __name__ == '__main__':
    main(sys.argv[1:])
