#!/usr/bin/env python3
"""Helpers of validity/run.sh: CSVs in, Markdown out.  verba does the
importing, coding and scoring; this file only checks and reshapes.

  harness.py prepare ANSWERS.csv OUTDIR [--half dev|test]
      Checks a coder's or the gold answer file against segments.tsv (every
      id once, known principle ids, one stance of four) and writes, with
      the text from extract.py, OUTDIR/principles.csv and OUTDIR/stance.csv
      (id,text,codes) and OUTDIR/text.csv (id,text) for the half (or all).
  harness.py collapse-stance AUTO.tsv TEXT.csv OUT.csv
      One stance a segment from consultation-stance's codings (see STANCE).
  harness.py map-psv AUTO.tsv TEXT.csv OUT.csv
      public-service-values' codes as seven-principles ids (see PSV).
  harness.py table TITLE GOLD.tsv AGREE.tsv CODE...
      Markdown: per code P/R/F1 (verba agree --gold) and kappa (verba agree),
      then macro and micro rows.
  harness.py multiclass GOLD.csv AUTO.csv
      Cohen's kappa of the one-of-four stance (one line of Markdown).
"""
import csv, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract  # noqa: E402

PRINCIPLES = ['selflessness', 'integrity', 'objectivity', 'accountability',
              'openness', 'honesty', 'leadership']
STANCES = ['support', 'oppose', 'mixed', 'neutral']
# consultation-stance has seven codes for the coders' four.  Strong variants
# are their parents; conditional support counts as support (the
# instructions tell coders the same, with a note); a segment with mixed, or
# with both support and oppose (in different sentences), is mixed; the
# codebook's neutral ("no view") and an uncoded segment are both neutral,
# since the coders' neutral is any segment that does not evaluate.
STANCE_OF = {'support': 'support', 'support-strong': 'support', 'conditional': 'support',
             'oppose': 'oppose', 'oppose-strong': 'oppose', 'mixed': 'mixed',
             'neutral': 'neutral'}
# public-service-values' codes that say what a seven-principles code says;
# the rest (avoiding harm, doing good and their themes, competence,
# efficiency, effectiveness as performance) have no counterpart and are left
# out, so they cost recall nowhere and precision nowhere.
PSV = {'accountability': 'accountability', 'take-responsibility': 'accountability',
       'listen-respond': 'accountability', 'seek-efficiency': 'accountability',
       'facilitate-transparency': 'openness',
       'avoid-conflict-of-interest': 'integrity', 'comply-with-law': 'integrity',
       'impartiality': 'objectivity', 'be-objective': 'objectivity',
       'seek-inclusion': 'objectivity', 'justice-fairness': 'objectivity',
       'seek-justice': 'objectivity', 'fair-distribution': 'objectivity',
       'pursue-public-interest': 'selflessness'}


def fail(msg):
    sys.stderr.write('harness.py: %s\n' % msg)
    sys.exit(1)


def write_csv(path, header, rows):
    with open(path + '.tmp', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    os.replace(path + '.tmp', path)


def read_answers(path, segs):
    want = {s['id'] for s in segs}
    got = {}
    try:
        f = open(path, encoding='utf-8-sig', newline='')
    except OSError as e:
        fail('%s: %s' % (path, e.strerror))
    with f:
        r = csv.reader(f)
        head = next(r, None)
        if head is None or [h.strip() for h in head[:3]] != ['id', 'principles', 'stance']:
            fail('%s:1: header must start id,principles,stance' % path)
        for n, row in enumerate(r, 2):
            if not row or not any(x.strip() for x in row):
                continue
            row = (row + ['', '', ''])[:3]
            sid, pr, st = (x.strip() for x in row)
            if sid not in want:
                fail('%s:%d: id %r is not a segment of the sample' % (path, n, sid))
            if sid in got:
                fail('%s:%d: id %s answered twice' % (path, n, sid))
            codes = [c.strip().lower() for c in pr.split(';') if c.strip()]
            for c in codes:
                if c not in PRINCIPLES:
                    fail('%s:%d: %r is not a principle id (%s)' % (path, n, c, ', '.join(PRINCIPLES)))
            st = st.lower()
            if st not in STANCES:
                fail('%s:%d: stance %r is not one of %s' % (path, n, st, ', '.join(STANCES)))
            got[sid] = (sorted(set(codes), key=PRINCIPLES.index), st)
    missing = want - set(got)
    if missing:
        fail('%s: %d segments have no answer (first: %s)' % (path, len(missing), sorted(missing)[0]))
    return got


def prepare(answers, outdir, half=None):
    all_segs = extract.load()
    got = read_answers(answers, all_segs)
    segs = [s for s in all_segs if not half or s['half'] == half]
    os.makedirs(outdir, exist_ok=True)
    write_csv(os.path.join(outdir, 'text.csv'), ['id', 'text'], [[s['id'], s['text']] for s in segs])
    write_csv(os.path.join(outdir, 'principles.csv'), ['id', 'text', 'codes'],
              [[s['id'], s['text'], ';'.join(got[s['id']][0])] for s in segs])
    write_csv(os.path.join(outdir, 'stance.csv'), ['id', 'text', 'codes'],
              [[s['id'], s['text'], got[s['id']][1]] for s in segs])


def stream_codes(path):
    """document -> set of codes, from a verba stream's codes column."""
    out = {}
    with open(path, encoding='utf-8') as f:
        lines = (ln for ln in f if not ln.startswith('#'))
        r = csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE)
        for row in r:
            out.setdefault(row['document'], set()).update(c for c in row['codes'].split(';') if c)
    return out


def reshape(auto, text, out, fn):
    codes = stream_codes(auto)
    with open(text, encoding='utf-8', newline='') as f:
        rows = [(r['id'], r['text']) for r in csv.DictReader(f)]
    write_csv(out, ['id', 'text', 'codes'],
              [[sid, t, ';'.join(fn(codes.get(sid, set())))] for sid, t in rows])


def collapse(codes):
    got = {STANCE_OF[c] for c in codes if c in STANCE_OF}
    if 'mixed' in got or {'support', 'oppose'} <= got:
        return ['mixed']
    for s in ('support', 'oppose'):
        if s in got:
            return [s]
    return ['neutral']


def map_psv(codes):
    return sorted({PSV[c] for c in codes if c in PSV}, key=PRINCIPLES.index)


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        return {r['code']: r for r in csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)}


def fmt(x):
    try:
        v = float(x)
    except (TypeError, ValueError):
        return '—'
    return 'nan' if v != v else '%.3f' % v


def table(title, gold_tsv, agree_tsv, codes):
    g, k = read_tsv(gold_tsv), read_tsv(agree_tsv)
    print('#### %s\n' % title)
    print('| code | gold | tp | fp | fn | precision | recall | F1 | κ |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    kappas = []
    for c in codes:
        r = g.get(c)
        if r is None:
            continue
        kap = k.get(c, {}).get('kappa')
        try:
            if float(kap) == float(kap):
                kappas.append(float(kap))
        except (TypeError, ValueError):
            pass
        print('| %s | %d | %s | %s | %s | %s | %s | %s | %s |' % (
            c, int(r['tp']) + int(r['fn']), r['tp'], r['fp'], r['fn'],
            fmt(r['precision']), fmt(r['recall']), fmt(r['f1']), fmt(kap)))
    for row, label in (('macro', 'macro'), ('micro', 'micro / pooled')):
        r = g[row]
        kap = (sum(kappas) / len(kappas) if kappas else float('nan')) if row == 'macro' \
            else k.get('all', {}).get('kappa')
        counts = ('', '', '') if row == 'macro' else (r['tp'], r['fp'], r['fn'])
        cells = (label,) + counts + (fmt(r['precision']), fmt(r['recall']), fmt(r['f1']), fmt(kap))
        print('| **%s** | | %s | %s | %s | %s | %s | %s | %s |' % cells)
    n = next(iter(g.values()))['n']
    print('\nn = %s segments. macro: mean of the codes\' defined scores (κ: mean of the '
          'codes\' κ); micro: summed counts, κ pooled over code × segment decisions.\n' % n)


def multiclass(gold_csv, auto_csv):
    def load(p):
        with open(p, encoding='utf-8', newline='') as f:
            return {r['id']: r['codes'] for r in csv.DictReader(f)}
    g, a = load(gold_csv), load(auto_csv)
    ids = sorted(g)
    n = len(ids)
    po = sum(g[i] == a[i] for i in ids) / n
    pe = sum((sum(g[i] == s for i in ids) / n) * (sum(a[i] == s for i in ids) / n) for s in STANCES)
    kap = (po - pe) / (1 - pe) if pe < 1 else float('nan')
    print('Stance as one of four (support, oppose, mixed, neutral): agreement %.3f, '
          'Cohen\'s κ %s (n = %d).\n' % (po, fmt(kap), n))


def main(a):
    if len(a) >= 3 and a[0] == 'prepare':
        half = None
        if len(a) == 5 and a[3] == '--half':
            half = a[4]
        prepare(a[1], a[2], half)
    elif len(a) == 4 and a[0] == 'collapse-stance':
        reshape(a[1], a[2], a[3], collapse)
    elif len(a) == 4 and a[0] == 'map-psv':
        reshape(a[1], a[2], a[3], map_psv)
    elif len(a) >= 5 and a[0] == 'table':
        table(a[1], a[2], a[3], a[4:])
    elif len(a) == 3 and a[0] == 'multiclass':
        multiclass(a[1], a[2])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == '__main__':
    main(sys.argv[1:])
