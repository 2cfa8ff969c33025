#!/usr/bin/env python3
"""Word accounting for every importer (issue 14): every word of a document's
text comes out in exactly one segment, or in a drop the documentation names.

Usage: word-accounting.py VERBA TMPDIR.  Prints one line a check, "PASS\tNAME"
or "FAIL\tNAME\tDETAIL", for tests/cli/word-accounting.sh to turn into TAP.

Every word the generators write is a token of two letters and five digits,
and its two letters say where verba must put it:
  bw  body text: in the text of exactly one segment;
  hd  a heading: in no segment's text (kept as the `section` attribute of
      the segments after it, if any);
  ha  a header or column value: in no segment's text, in an attribute;
  dx  not the document's text (a tracked deletion, the old place of a
      tracked move, a WebVTT NOTE, an annotation): in no segment;
  fn  a footnote or endnote: in no segment, and the run warns about it.
Labels, markers, timings and attribution lines hold no tokens, so a
label-only line or a marker is a drop by construction.  Documents are random
(fixed seeds) and hand-made; the hand-made ones hold the faults of issue 14.
"""
import random
import re
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

VERBA, TMP = sys.argv[1], sys.argv[2]
TOKEN = re.compile(r'(bw|hd|ha|dx|fn)\d{5}')
RESIDUE = re.compile(r'\[laughs\]|\\[nt]|[ ,.;?\-]')
counter = [0]


def tok(kind='bw'):
    counter[0] += 1
    return f'{kind}{counter[0]:05d}'


def words(rng, n=None, kind='bw'):
    """A run of body words with a little punctuation, never a colon."""
    n = n or rng.randint(1, 9)
    out = []
    for i in range(n):
        w = tok(kind)
        if i < n - 1 and rng.random() < 0.15:
            w += rng.choice([',', '.', ';', '?', ' -', ' [laughs]'])
        out.append(w)
    return ' '.join(out)


def run(args):
    p = subprocess.run([VERBA] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def account(name, written, args, warn_re=None, warn_count=None):
    """Imports with args and checks every token of `written` (a list of the
    tokens written into the documents, with repeats where the document
    itself repeats a word in two forms, as a text box's choice and
    fallback do)."""
    rc, out, err = run(args)
    if rc != 0:
        print(f'FAIL\t{name}: import exits 0\texit {rc}: {err[:400]!r}')
        return
    lines = [l for l in out.split('\n') if l and not l.startswith('#')]
    head = lines[0].split('\t')
    ti = head.index('text')
    in_text, in_attr, residue = {}, set(), []
    for l in lines[1:]:
        f = l.split('\t')
        # Nothing but the words written and their punctuation: a label, a
        # cue number or a timing in the text is structure read as speech.
        rest = RESIDUE.sub('', TOKEN.sub('', f[ti]))
        if rest and len(residue) < 3:
            residue.append(repr(rest[:60]))
        for m in TOKEN.finditer(f[ti]):
            in_text[m.group(0)] = in_text.get(m.group(0), 0) + 1
        for j, v in enumerate(f):
            if j != ti:
                in_attr.update(m.group(0) for m in TOKEN.finditer(v))
    bad = []
    for t in sorted(set(written)):
        n = in_text.get(t, 0)
        kind = t[:2]
        if kind == 'bw' and n != 1:
            bad.append(f'{t} in {n} segments')
        elif kind != 'bw' and n != 0:
            bad.append(f'{t} ({kind}) in {n} segments')
        elif kind == 'ha' and t not in in_attr:
            bad.append(f'{t} ({kind}) in no attribute')
    if residue:
        bad.append('structure in the text: ' + ', '.join(residue))
    stray = sorted(set(in_text) - set(written))
    if stray:
        bad.append(f'{len(stray)} words in segments that were never written, as {stray[0]}')
    n_body = sum(1 for t in set(written) if t.startswith('bw'))
    if bad:
        print(f'FAIL\t{name}: {n_body} words, each in one segment or a documented drop'
              f'\t{len(bad)} wrong: {"; ".join(bad[:6])}')
    else:
        print(f'PASS\t{name}: {n_body} words, each in one segment or a documented drop')
    if warn_re is not None:
        got = len(re.findall(warn_re, err))
        if got == warn_count:
            print(f'PASS\t{name}: {warn_count} drops reported')
        else:
            print(f'FAIL\t{name}: {warn_count} drops reported\t{got} warnings match '
                  f'{warn_re!r} in: {err[:400]!r}')


def tokens_of(s):
    return [m.group(0) for m in TOKEN.finditer(s)]


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def mkdir(name):
    import os
    d = f'{TMP}/{name}'
    os.makedirs(d, exist_ok=True)
    return d


# ---- transcripts ----
PARTICIPANT_LABELS = ['Respondent 3', 'Speaker 1', 'Speaker 2', 'Participant 2', 'P1', 'P2',
                      'R', 'Marion', 'Dr Jane Okafor', 'Respondent', 'Interviewee']
LEADER_LABELS = ['Interviewer', 'Q', 'Moderator', 'INTERVIEWER', 'Int']


def transcript(rng):
    out = []
    if rng.random() < 0.35:
        keys = rng.sample(['Location', 'Date', 'Group', 'Age band', 'Wave'], rng.randint(1, 3))
        fenced = rng.random() < 0.4
        if fenced:
            out.append('---')
        out += [f'{k}: {tok("ha")}' for k in keys]
        out.append('---' if fenced else '')
    labels = rng.sample(PARTICIPANT_LABELS, rng.randint(1, 3)) + [rng.choice(LEADER_LABELS)]
    for np in range(rng.randint(1, 7)):
        para = []
        if np == 0 and not out:
            # "Marion: words" alone at the top is a header block, as
            # documented: the random files open with a speaker code instead.
            para.append(f'{rng.choice(["P1", "Respondent 3", "Speaker 2", "Q"])}: {words(rng)}')
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            label = rng.choice(labels)
            stamp = rng.choice(['', '', '[00:03:12] ', '00:12:40 '])
            if r < 0.6:
                para.append(f'{stamp}{label}: {words(rng)}')
            elif r < 0.7:
                para.append(f'{label}:')
                para.append(words(rng))
            elif r < 0.8:
                para.append(f'[{label}] {words(rng)}')
            else:
                para.append(words(rng))
        out += para
        r = rng.random()
        if r < 0.1:
            out += ['', f'# {words(rng, 2, "hd")}']
        elif r < 0.15:
            out += ['', rng.choice(['[prompted]', '[spontaneous]', '---'])]
        out.append('')
    return '\n'.join(out) + '\n'


def transcripts(rng):
    d = mkdir('transcripts')
    written = []
    hand = [
        # Issue 14: a first paragraph of labelled turns is not a header.
        f'Respondent 3: {words(rng)}\nInterviewer: {words(rng)}\n\nRespondent 3: {words(rng)}\n',
        f'Speaker 1: {words(rng)}\nSpeaker 2: {words(rng)}\n\nSpeaker 3: {words(rng)}\n',
        f'Participant 2: {words(rng)}\n\nParticipant 4: {words(rng)}\n',
        f'P1: {words(rng)}\nP2: {words(rng)}\n\nP3: {words(rng)}\nP4: {words(rng)}\n',
        f'Q: {words(rng)}\nA: {words(rng)}\n\nInterviewer: {words(rng)}\n',
        f'Group: {tok("ha")}\nModerator: Rachel\n\nRachel: {words(rng)}\nP1: {words(rng)}\n',
    ]
    for i, text in enumerate(hand):
        write(f'{d}/hand{i}.txt', text)
        written += tokens_of(text)
    for i in range(150):
        text = transcript(rng)
        write(f'{d}/t{i:03d}.txt', text)
        written += tokens_of(text)
    account('transcripts', written, ['import', '-f', 'transcript', d])


# ---- notes ----
def notes(rng):
    d = mkdir('notes')
    written = []
    for i in range(60):
        out = []
        # Notes take "Rachel:" for a label only when the header names her
        # (or she speaks twice): otherwise it is prose, as documented.
        speakers = ['P1', 'P2', 'Moderator']
        if rng.random() < 0.5:
            out += [f'Group: {tok("ha")}', 'Moderator: Rachel', '']
            speakers.append('Rachel')
        else:
            out += [f'P1: {words(rng)}', '']
        for _ in range(rng.randint(2, 8)):
            r = rng.random()
            if r < 0.15:
                out.append(f'# {words(rng, 2, "hd")}')
            elif r < 0.45:
                out.append(f'- {words(rng)}')
                if rng.random() < 0.3:
                    out.append(f'  {words(rng)}')
            elif r < 0.6:
                out.append(f'{rng.choice(speakers)}: {words(rng)}')
            elif r < 0.75:
                out += [f'"{words(rng)}"', 'Leeds, 18-35, C2DE.']
            elif r < 0.8:
                out += ['Flipchart:', f'- {words(rng)}', f'- {words(rng)}']
            else:
                out.append(words(rng))
            out.append('')
        text = '\n'.join(out) + '\n'
        write(f'{d}/n{i:03d}.md', text)
        written += tokens_of(text)
    account('notes', written, ['import', '-f', 'notes', d])


# ---- CSV ----
def csv_export(rng):
    import csv
    path = f'{TMP}/consultation.csv'
    written = []
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['id', 'Region', 'Q1 What do you think?', 'Q2 Anything else?', 'REGION'])
        for i in range(200):
            region, region2 = tok('ha'), tok('ha')
            a1 = words(rng) if rng.random() < 0.8 else ''
            a2 = words(rng) + (f'\n{words(rng)}' if rng.random() < 0.2 else '') \
                if rng.random() < 0.6 else ''
            w.writerow([f'r{i}', region, a1, a2, region2])
            # A row without answers makes no segment to carry its region.
            written += ([region, region2] if a1 or a2 else []) + tokens_of(a1) + tokens_of(a2)
    # Region and REGION are one key: both values must be kept (issue 14).
    account('csv', written, ['import', '-f', 'csv', '--id', 'id', '--attr-cols', 'Region,REGION',
                             path])


# ---- subtitles ----
def ms(t):
    return t // 3600000, t // 60000 % 60, t // 1000 % 60, t % 1000


def subtitles(rng, srt):
    d = mkdir('srt' if srt else 'vtt')
    written = []
    names = ['Ann', 'Bob Smith', 'Interviewer', 'P1']
    for i in range(40):
        out = [] if srt else ['WEBVTT', '']
        t = 0
        for n in range(1, rng.randint(2, 12)):
            if not srt and rng.random() < 0.08:
                # A NOTE block (after a blank line: without one it is cue text).
                if out[-1] != '':
                    out.append('')
                out += [f'NOTE {words(rng, 3, "dx")}', '']
            if srt or rng.random() < 0.5:
                out.append(str(n))
            a, b = t, t + rng.randint(500, 4000)
            t = b
            if srt:
                out.append('%02d:%02d:%02d,%03d --> ' % ms(a) + '%02d:%02d:%02d,%03d' % ms(b))
            else:
                out.append('%02d:%02d:%02d.%03d --> ' % ms(a) + '%02d:%02d:%02d.%03d' % ms(b))
            for _ in range(rng.randint(1, 2)):
                r = rng.random()
                if not srt and r < 0.3:
                    out.append(f'<v {rng.choice(names)}>{words(rng)}</v>')
                elif not srt and r < 0.45:
                    # Two voices on one line (issue 14).
                    out.append(f'<v {names[0]}>{words(rng)}</v> <v {names[1]}>{words(rng)}</v>')
                elif r < 0.7:
                    out.append(f'{rng.choice(names)}: {words(rng)}')
                elif srt and r < 0.8:
                    out.append(f'<i>{words(rng)}</i> <font color="red">{words(rng)}</font>')
                else:
                    out.append(words(rng))
            # A cue without the blank line before the next (issue 14).
            if rng.random() < 0.8:
                out.append('')
        text = '\n'.join(out) + '\n'
        write(f'{d}/s{i:03d}.{"srt" if srt else "vtt"}', text)
        written += tokens_of(text)
    account('srt' if srt else 'vtt', written, ['import', d])


# ---- .docx ----
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def r(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    return '<w:p>' + ppr + ''.join(runs) + '</w:p>'


def split_runs(rng, text):
    """Runs cut anywhere, even inside a word, as Word cuts them."""
    cuts = sorted(rng.sample(range(1, len(text)), min(3, len(text) - 1))) if len(text) > 1 else []
    parts, prev = [], 0
    for c in cuts + [len(text)]:
        parts.append(r(text[prev:c]))
        prev = c
    return ''.join(parts)


def docx_body(rng, notes, headings):
    body = []
    label = lambda: rng.choice(['P1', 'Interviewer', 'Respondent 3', 'Marion'])
    for _ in range(rng.randint(3, 12)):
        k = rng.random()
        if k < 0.3:
            body.append(p(split_runs(rng, f'{label()}: {words(rng)}')))
        elif k < 0.38:
            headings.append(words(rng, 2, 'hd'))
            body.append(p(r(headings[-1]), style='Heading1'))
        elif k < 0.46:
            # A text box: the same words as a DrawingML shape and as VML.
            box = p(r(words(rng)))
            body.append(p(r(f'{label()}: {words(rng)} '),
                          '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
                          f'<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx>'
                          '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
                          f'<w:txbxContent>{box}</w:txbxContent></v:textbox></w:pict>'
                          '</mc:Fallback></mc:AlternateContent></w:r>'))
        elif k < 0.54:
            # A tracked move: the old place and the new hold the same words.
            moved = words(rng)
            body.append(p(r(f'{label()}: {words(rng)} '),
                          f'<w:moveFrom w:id="1" w:author="x">{r(moved)}</w:moveFrom>'))
            body.append(p(r(f'{label()}: '),
                          f'<w:moveTo w:id="2" w:author="x">{r(moved)}</w:moveTo>'))
        elif k < 0.62:
            body.append(p(r(f'{label()}: {words(rng)} '),
                          f'<w:del w:id="3" w:author="x"><w:r><w:delText>{words(rng, 3, "dx")}'
                          '</w:delText></w:r></w:del>',
                          f'<w:ins w:id="4" w:author="x">{r(" " + words(rng))}</w:ins>'))
        elif k < 0.7:
            a, b = tok(), tok()
            body.append(p(r(f'{label()}: {words(rng)} {a}'), '<w:r><w:noBreakHyphen/></w:r>',
                          r(f'{b} {words(rng)}')))
        elif k < 0.78:
            n = len(notes) + 1
            notes.append(words(rng, 4, 'fn'))
            body.append(p(r(f'{label()}: {words(rng)}'),
                          f'<w:r><w:footnoteReference w:id="{n}"/></w:r>', r(' ' + words(rng))))
        elif k < 0.84:
            body.append(p(r(f'{label()}: {words(rng)} '),
                          f'<m:oMath><m:r><m:t>{tok()}</m:t></m:r></m:oMath>',
                          r(' ' + words(rng))))
        elif k < 0.9:
            body.append(f'<w:tbl><w:tr><w:tc>{p(r(words(rng)))}</w:tc>'
                        f'<w:tc>{p(r(words(rng)))}</w:tc></w:tr></w:tbl>')
        else:
            body.append(p(r(words(rng)), '<w:r><w:br/></w:r>', r(words(rng)),
                          '<w:r><w:tab/></w:r>', r(words(rng))))
    return ''.join(body)


def docx(rng):
    d = mkdir('docx')
    written, n_notes = [], 0
    for i in range(30):
        notes, headings = [], []
        body = docx_body(rng, notes, headings)
        # A table of contents repeats the headings: as Word's content
        # control, or as paragraphs styled TOC1.
        entries = ''.join(p(r(f'{h}\t1'), style='TOC1') for h in headings)
        toc = (entries if i % 2 else
               '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
               f'</w:docPartObj></w:sdtPr><w:sdtContent>{entries}</w:sdtContent></w:sdt>')
        doc = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
               f'{toc}{body}</w:body></w:document>')
        fns = ''.join(f'<w:footnote w:id="{k + 1}">{p(r(t))}</w:footnote>'
                      for k, t in enumerate(notes))
        with zipfile.ZipFile(f'{d}/d{i:03d}.docx', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('word/document.xml', doc)
            z.writestr('word/footnotes.xml',
                       f'<w:footnotes {W_NS}>{fns}</w:footnotes>')
        written += tokens_of(re.sub(r'<[^>]*>', '', doc)) + tokens_of(fns)
        n_notes += len(notes) > 0
    account('docx', written, ['import', d], r'footnotes? or endnotes? not read', n_notes)


# ---- .odt ----
O_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odt(rng):
    d = mkdir('odt')
    written, n_notes = [], 0
    for i in range(30):
        body, headings, has_note = [], [], False
        label = lambda: rng.choice(['P1', 'Moderator', 'Speaker 2', 'Marion'])
        for _ in range(rng.randint(3, 12)):
            k = rng.random()
            if k < 0.35:
                body.append(f'<text:p>{label()}: {words(rng)}<text:s text:c="2"/>{words(rng)}'
                            '</text:p>')
            elif k < 0.45:
                h = words(rng, 2, 'hd')
                headings.append(h)
                body.append(f'<text:h text:outline-level="1">{h}</text:h>')
            elif k < 0.55:
                body.append(f'<text:p>{label()}: {words(rng)}<text:change '
                            'text:change-id="c1"/> ' + words(rng) + '</text:p>')
            elif k < 0.65:
                has_note = True
                body.append(f'<text:p>{label()}: {words(rng)}<text:note text:note-class='
                            f'"footnote"><text:note-citation>1</text:note-citation>'
                            f'<text:note-body><text:p>{words(rng, 3, "fn")}</text:p>'
                            f'</text:note-body></text:note> {words(rng)}</text:p>')
            elif k < 0.72:
                body.append(f'<text:list><text:list-item><text:p>{words(rng)}</text:p>'
                            '</text:list-item></text:list>')
            elif k < 0.8:
                body.append(f'<text:p>{label()}: {words(rng)}<office:annotation><text:p>'
                            f'{words(rng, 2, "dx")}</text:p></office:annotation></text:p>')
            elif k < 0.88:
                body.append(f'<text:p>{label()}: {words(rng)}<draw:frame><draw:text-box>'
                            f'<text:p>{words(rng)}</text:p></draw:text-box></draw:frame></text:p>')
            else:
                body.append(f'<text:p>{words(rng)}<text:line-break/>{words(rng)}'
                            '<text:tab/></text:p>')
        # A tracked deletion and a table of contents (issue 14).
        tracked = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
                   '<office:change-info><dc:creator>x</dc:creator></office:change-info>'
                   f'<text:p>{words(rng, 4, "dx")}</text:p></text:deletion>'
                   '</text:changed-region></text:tracked-changes>')
        toc = ('<text:table-of-content text:name="Contents"><text:index-body>'
               '<text:index-title><text:p>Contents</text:p></text:index-title>'
               + ''.join(f'<text:p>{h}\t1</text:p>' for h in headings)
               + '</text:index-body></text:table-of-content>')
        content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {O_NS}>'
                   f'<office:body><office:text>{tracked}{toc}{"".join(body)}</office:text>'
                   '</office:body></office:document-content>')
        with zipfile.ZipFile(f'{d}/o{i:03d}.odt', 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
            z.writestr('content.xml', content)
        written += tokens_of(content)
        n_notes += has_note
    account('odt', written, ['import', d], r'footnotes? or endnotes? not read', n_notes)


# ---- .qdpx ----
VARS = ['7a000000-0000-4000-8000-000000000001', '7a000000-0000-4000-8000-000000000002']


def qdpx(rng):
    sources, written = [], []
    for i in range(30):
        lines = []
        for _ in range(rng.randint(2, 10)):
            k = rng.random()
            if k < 0.5:
                lines.append(f'{rng.choice(["P1", "Interviewer", "Respondent 3"])}: {words(rng)}')
            elif k < 0.6:
                lines.append(rng.choice(['[prompted]', '[spontaneous]', '']))
            else:
                lines.append(words(rng))
        text = '\n'.join(lines) + '\n'
        values = [tok('ha'), tok('ha')]
        written += tokens_of(text) + (values if tokens_of(text) else [])
        # Variables "Region" and "region" are one key: both values are kept.
        vv = ''.join(f'<VariableValue><VariableRef targetGUID="{VARS[k]}"/><TextValue>{v}'
                     '</TextValue></VariableValue>' for k, v in enumerate(values))
        sources.append(f'<TextSource guid="00000000-0000-4000-8000-{i:012d}" name="q{i:03d}.txt">'
                       f'<PlainTextContent>{escape(text)}</PlainTextContent>{vv}</TextSource>')
    variables = ''.join(f'<Variable guid="{g}" name="{n}" typeOfVariable="Text"/>'
                        for g, n in zip(VARS, ['Region', 'region']))
    qde = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="words"><Variables>{variables}</Variables><Sources>{"".join(sources)}'
           '</Sources></Project>')
    with zipfile.ZipFile(f'{TMP}/words.qdpx', 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('project.qde', qde)
    account('qdpx', written, ['import', '-f', 'qdpx', f'{TMP}/words.qdpx'])


for seed, fn in enumerate([transcripts, notes, csv_export, lambda g: subtitles(g, False),
                           lambda g: subtitles(g, True), docx, odt, qdpx]):
    fn(random.Random(1400 + seed))
