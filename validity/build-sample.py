#!/usr/bin/env python3
"""Draws the validity sample from ../shared and writes validity/segments.tsv.

Run once, before anyone codes; the result is committed, and extract.py checks
it against ../shared from then on.  Every choice below is mechanical (no
segment was picked by reading it), so the sample can be rebuilt and audited:

  report  seeds/ethical-standards-report-2014.txt, chapters 1.2-1.4, 3, 4
          and 5 (the findings; not the introduction, methods or appendix).
          A verbatim is a line that opens with a quotation mark: the segment
          runs from that mark to the last closing mark on the line (the
          attribution after it is left out); kept when it has >= 4 words.
          A line with 8 or more words after its last closing mark is
          running text that happens to open with a quotation: a paragraph.
          A view paragraph is any other line of >= 15 words that is not a
          footnote, page footer or table row ('- ' bullets are kept without
          the dash).  Document: the x.y section (chapter 5: the chapter).
  qmsum   corpora/qmsum-committee/txt/*.txt, all 36 files.  An eligible turn
          is a 'Speaker: text' line whose text has 15-250 words.  Eligible
          turns are split into topical ones (TOPIC_RE below matches) and
          the rest; from each file PER_FILE_TOPIC topical and PER_FILE_OTHER
          other turns are taken at evenly spaced positions (index
          floor((i + 0.5) * n / m), i < m).  The segment is the whole line,
          speaker label included.  Document: the file.
  module  seeds/public-integrity-module.txt, lines of >= 15 words from
          'Key issues' to the references (the table of values is left out:
          it is a list, not text).  Document: the section under its heading.

Split: within each source, documents are taken in order of the SHA-256 of
their id and each goes to the half (dev, test) with fewer segments of that
source so far (dev on a tie).

Segment ids are 'v' and the first 7 hex digits of SHA-1(source:start:end),
so an id says nothing about source or half.
"""
import glob, hashlib, os, re, sys

SHARED = os.environ.get('VB_SHARED') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared')
REPORT = 'seeds/ethical-standards-report-2014.txt'
MODULE = 'seeds/public-integrity-module.txt'
QMSUM = 'corpora/qmsum-committee/txt'
PER_FILE_TOPIC = 5
PER_FILE_OTHER = 3
# Topics of issue #15 (scrutiny, accountability, openness, fairness, conduct,
# value for money ...), written before looking at any turn.
TOPIC_RE = re.compile(r'(?i)\b(scrutin\w*|accountab\w*|answerab\w*|transparen\w*|'
                      r'openness|openly|publish\w*|disclos\w*|fair\w*|unfair\w*|equit\w*|'
                      r'impartial\w*|bias\w*|conduct|ethic\w*|integrity|conflicts? of interest|'
                      r'value for money|taxpayer\w*|honest\w*|mislead\w*|truth\w*|'
                      r'responsib\w*|oversight|audit\w*|evidence|leadership|public interest)\b')
QUOTE_OPEN = ('"', '\u201c')
QUOTE_CLOSE = ('"', '\u201d')


def words(b):
    return len(b.decode('utf-8').split())


def lines_with_offsets(data):
    pos = 0
    for ln in data.split(b'\n'):
        yield pos, ln
        pos += len(ln) + 1


def trim(data, s, e):
    """s, e moved past white space (Unicode's, as str.strip sees it)."""
    t = data[s:e].decode('utf-8')
    s += len(t[:len(t) - len(t.lstrip())].encode('utf-8'))
    e -= len(t[len(t.rstrip()):].encode('utf-8'))
    return s, max(s, e)


def report_segments(data):
    out = []
    head = re.compile(rb'^(\d+)(?:\.(\d+))?(?:\.\d+)* [A-Z]')
    doc = None
    for n, (pos, ln) in enumerate(lines_with_offsets(data), 1):
        m = head.match(ln)
        if m and n > 36:   # past the table of contents
            ch, sec = int(m.group(1)), m.group(2)
            if ch in (1, 3, 4) and sec is not None:
                doc = None if (ch, int(sec)) == (1, 1) else 'report-%d.%d' % (ch, int(sec))
            elif ch == 5:
                doc = 'report-5'
            elif ch in (2, 6):
                doc = None
            elif ch in (1, 3, 4):
                doc = None   # chapter heading: wait for its first section
            continue
        if doc is None:
            continue
        s, e = trim(data, pos, pos + len(ln))
        text = data[s:e].decode('utf-8')
        if not text:
            continue
        if text[0] in QUOTE_OPEN:
            last = max(text.rfind(q) for q in QUOTE_CLOSE)
            if last > 0 and len(text[last + 1:].split()) < 8:
                e = s + len(text[:last + 1].encode('utf-8'))
                if words(data[s:e]) >= 4:
                    out.append((REPORT, s, e, doc, 'verbatim'))
                continue
            # a quotation that opens a line of running text is a paragraph
        if text.startswith('^{') or text[0] in '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079' \
                or '\t' in text:
            continue
        if text.startswith('- '):
            s += 2
        if words(data[s:e]) >= 15:
            out.append((REPORT, s, e, doc, 'paragraph'))
    return out


def module_segments(data):
    out = []
    heads = {'Key issues': 'module-key-issues',
             'Public service goals, values and obligations': 'module-goals-values',
             'Public integrity management': 'module-integrity-management',
             'Ethical codes and other integrity instruments': 'module-codes-instruments',
             'References': None}
    doc = None
    for pos, ln in lines_with_offsets(data):
        s, e = trim(data, pos, pos + len(ln))
        text = data[s:e].decode('utf-8')
        if text in heads:
            doc = heads[text]
            continue
        if doc and words(data[s:e]) >= 15:
            out.append((MODULE, s, e, doc, 'paragraph'))
    return out


def spaced(items, m):
    n = len(items)
    if n <= m:
        return list(items)
    return [items[int((i + 0.5) * n / m)] for i in range(m)]


def qmsum_segments():
    out = []
    turn = re.compile(rb'^([^:\n]{1,120}): (.+)$')
    files = sorted(glob.glob(os.path.join(SHARED, QMSUM, '*.txt')))
    if len(files) != 36:
        sys.exit('build-sample: expected 36 qmsum files, found %d' % len(files))
    for path in files:
        rel = os.path.relpath(path, SHARED)
        data = open(path, 'rb').read()
        topical, other = [], []
        for pos, ln in lines_with_offsets(data):
            m = turn.match(ln)
            if not m or ln.startswith((b'Source:', b'Meeting:', b'Body:')):
                continue
            if not 15 <= words(m.group(2)) <= 250:
                continue
            s, e = trim(data, pos, pos + len(ln))
            (topical if TOPIC_RE.search(m.group(2).decode('utf-8')) else other).append((s, e))
        doc = 'qmsum-' + os.path.basename(path)[:-4]
        for kind, picks in (('turn-topic', spaced(topical, PER_FILE_TOPIC)),
                            ('turn-other', spaced(other, PER_FILE_OTHER))):
            for s, e in picks:
                out.append((rel, s, e, doc, kind))
    return out


def split(segs):
    half = {}
    for source in ('report', 'qmsum', 'module'):
        docs = {}
        for seg in segs:
            if seg[3].startswith(source + '-'):
                docs[seg[3]] = docs.get(seg[3], 0) + 1
        count = {'dev': 0, 'test': 0}
        for d in sorted(docs, key=lambda d: hashlib.sha256(d.encode()).hexdigest()):
            h = 'dev' if count['dev'] <= count['test'] else 'test'
            half[d] = h
            count[h] += docs[d]
    return half


def main():
    segs = report_segments(open(os.path.join(SHARED, REPORT), 'rb').read())
    segs += qmsum_segments()
    segs += module_segments(open(os.path.join(SHARED, MODULE), 'rb').read())
    half = split(segs)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'segments.tsv')
    seen = set()
    with open(out + '.tmp', 'w', encoding='utf-8') as f:
        f.write('id\tsource\tstart\tend\tdocument\thalf\tkind\n')
        for src, s, e, doc, kind in segs:
            sid = 'v' + hashlib.sha1(('%s:%d:%d' % (src, s, e)).encode()).hexdigest()[:7]
            if sid in seen:
                sys.exit('build-sample: id collision ' + sid)
            seen.add(sid)
            f.write('%s\t%s\t%d\t%d\t%s\t%s\t%s\n' % (sid, src, s, e, doc, half[doc], kind))
    os.replace(out + '.tmp', out)
    # extract.py refuses to run when any of these files changed
    sums = os.path.join(os.path.dirname(out), 'sources.sha256')
    with open(sums + '.tmp', 'w') as f:
        for src in sorted({seg[0] for seg in segs}):
            digest = hashlib.sha256(open(os.path.join(SHARED, src), 'rb').read()).hexdigest()
            f.write('%s  %s\n' % (digest, src))
    os.replace(sums + '.tmp', sums)


if __name__ == '__main__':
    main()
