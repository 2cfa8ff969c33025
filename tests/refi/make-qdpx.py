#!/usr/bin/env python3
"""Writes a small REFI-QDA project for the tests (tests/cli/refi.sh).

Usage: make-qdpx.py OUT.qdpx EXPECTED.tsv [REAL.qdpx OUTSIDE_DIR]

The project is written from scratch here (text and XML are original): two
users, a code hierarchy three levels deep, variables, two cases, three text
sources (one in sources/, one as PlainTextContent, one with a coding of the
whole text), a PDF source that verba cannot read, and selections placed by
searching for the coded words, so positions are Python string indices:
Unicode code points, which is how the REFI-QDA standard counts.  Text
before some selections holds characters outside the Basic Multilingual
Plane, where a UTF-16 count would differ.

EXPECTED.tsv gets one line per coding verba should produce from it:
document, code name, coded text.  A selection across two paragraphs gives
two lines; a selection over a speaker label only gives none.

With REAL.qdpx and OUTSIDE_DIR it also writes a project laid out as other
tools write them (see write_real).
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

out, expected_path = sys.argv[1], sys.argv[2]


def write_real(out, outside):
    """Writes a REFI-QDA project laid out as other tools write them, for
    tests/cli/refi.sh.

    - the project file is "Study 26.qde", not project.qde (ATLAS.ti 26);
    - "bom-crlf.txt": UTF-8 with a byte order mark and CRLF line ends
      (Windows tools), plainTextPath as a bare name under sources/ (qc),
      no name attribute;
    - "rich": a blank plain text (one line end, as NVivo writes it) and the
      words in the .docx its richTextPath names;
    - "outside": plainTextPath file:// to OUTSIDE_DIR/outside.txt;
    - "escape": file:// to OUTSIDE_DIR/../secret.txt, which must never be read.

    Positions are hand-counted (see the comments) and checked here against
    Python's string indices (code points; the BOM is not text).
    """
    outside = os.path.abspath(outside)
    BOM_CRLF = "\ufeffAna: Tea is cheap.\r\nBen: Trains are late.\r\n"
    # "Ana: Tea is cheap.\r\n": A=0 … T=5, "cheap" = 12-17, "." = 17, CR = 18, LF = 19;
    # "Ben: " = 20-24, "Trains" = 25-31, "late." ends at 41.
    HAND = {"cheap": (12, 17), "Trains": (25, 31)}
    text = BOM_CRLF[1:]
    for w, (s, e) in HAND.items():
        assert text[s:e] == w, (w, text[s:e])

    PARAS = ["Moderator: Why did you leave?", "Cy: The rent doubled."]
    # derived plain text: "Moderator: Why did you leave?\n" is 30 code points,
    # "Cy: The " 8 more: "rent" = 38-42.
    RICH = {"rent": (38, 42)}
    derived = "".join(p + "\n" for p in PARAS)
    assert derived[38:42] == "rent"

    OUTSIDE = "Dee: The bus never comes.\n"
    # "Dee: The " = 0-8, "bus" = 9-12
    OUT_HAND = {"bus": (9, 12)}
    assert OUTSIDE[9:12] == "bus"

    os.makedirs(outside, exist_ok=True)
    with open(os.path.join(outside, "outside.txt"), "w", encoding="utf-8") as f:
        f.write(OUTSIDE)
    with open(os.path.join(os.path.dirname(outside), "secret.txt"), "w", encoding="utf-8") as f:
        f.write("Eve: TOP-SECRET-17\n")

    CODE = "c0de0000-0000-4000-8000-0000000000a1"
    n = [0]


    def sel(s, e):
        n[0] += 1
        return (f'<PlainTextSelection guid="5e1ec700-0000-4000-8000-{n[0]:012d}" startPosition="{s}" '
                f'endPosition="{e}"><Coding guid="c0d17600-0000-4000-8000-{n[0]:012d}">'
                f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection>')


    def guid(i):
        return f"50c00000-0000-4000-8000-0000000000b{i}"


    docx_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>' + "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>'
                                     for p in PARAS) + '</w:body></w:document>')
    qde = f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Study 26" origin="verba tests">
  <CodeBook><Codes><Code guid="{CODE}" name="Cost" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{guid(1)}" plainTextPath="bom-crlf.txt">{sel(*HAND["cheap"])}{sel(*HAND["Trains"])}</TextSource>
    <TextSource guid="{guid(2)}" name="rich" plainTextPath="internal://{guid(2)}.txt" richTextPath="internal://{guid(2)}.docx">{sel(*RICH["rent"])}</TextSource>
    <TextSource guid="{guid(3)}" name="outside" plainTextPath="file://{outside}/outside.txt">{sel(*OUT_HAND["bus"])}</TextSource>
    <TextSource guid="{guid(4)}" name="escape" plainTextPath="file://{outside}/../secret.txt"/>
  </Sources>
</Project>
'''
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Study 26.qde", qde)
        z.writestr("sources/bom-crlf.txt", BOM_CRLF.encode("utf-8"))
        z.writestr(f"sources/{guid(2)}.txt", "\n")
        with zipfile.ZipFile(os.path.join(outside, "rich.docx"), "w") as d:
            d.writestr("word/document.xml", docx_xml)
        with open(os.path.join(outside, "rich.docx"), "rb") as f:
            z.writestr(f"sources/{guid(2)}.docx", f.read())
        os.remove(os.path.join(outside, "rich.docx"))


USERS = {"ana": ("0a1b2c3d-0000-4000-8000-000000000001", "Ana Ruiz"),
         "tom": ("0a1b2c3d-0000-4000-8000-000000000002", "Tom Wells")}
CODES = [  # key, guid, name, parent key, colour
    ("trust", "c0de0000-0000-4000-8000-000000000001", "Trust", None, "#33aa77"),
    ("distrust", "c0de0000-0000-4000-8000-000000000002", "Distrust of providers", "trust", "#a37"),
    ("hiding", "c0de0000-0000-4000-8000-000000000003", "Hiding problems", "distrust", None),
    ("cost", "c0de0000-0000-4000-8000-000000000004", "Cost & value", None, None),
    ("place", "c0de0000-0000-4000-8000-000000000005", "Place", None, None),
]
NAME = {k: n for k, g, n, p, c in CODES}
GUID = {k: g for k, g, n, p, c in CODES}

S1 = ("Interviewer: What do you expect from a provider?\n"
      "Ana: I expect them to tell me straight what is going on.\n"
      "When they hide things I stop trusting them.\n"
      "[prompted]\n"
      "Interviewer: And the cost?\n"
      "Ana: Value for money matters, but honesty matters more.\n")
S2 = ("We met at the café 😀 on the high street.\n"
      "\n"
      "The 🏥 clinic closed; nobody told us why, and that hurt our trust.\n"
      "\n"
      "Prices went up twice in a year.\n")
S3 = "A short note about the town hall.\n"

expected = []


def sel(doc, text, start_words, end_words, code, user, n, parts):
    """A selection from the start of start_words to the end of end_words."""
    s = text.index(start_words)
    e = text.index(end_words, s) + len(end_words)
    for p in parts:
        expected.append((doc, NAME[code], p))
    return (f'<PlainTextSelection guid="5e1ec700-0000-4000-8000-{n:012d}" '
            f'startPosition="{s}" endPosition="{e}" creatingUser="{USERS[user][0]}">'
            f'<Coding guid="c0d17600-0000-4000-8000-{n:012d}" creatingUser="{USERS[user][0]}">'
            f'<CodeRef targetGUID="{GUID[code]}"/></Coding></PlainTextSelection>')


sels1 = [
    sel("interview-01", S1, "tell me straight", "trusting them", "distrust", "ana", 1,
        ["tell me straight what is going on.", "When they hide things I stop trusting them"]),
    sel("interview-01", S1, "they hide things", "hide things", "hiding", "tom", 2,
        ["they hide things"]),
    sel("interview-01", S1, "Value for money", "Value for money", "cost", "ana", 3,
        ["Value for money"]),
    # only the label "Interviewer: ": no segment text, reported
    sel("interview-01", S1, "Interviewer: And", "Interviewer: ", "cost", "tom", 4, []),
]
sels2 = [
    sel("notes-02", S2, "high street", "high street", "place", "ana", 5, ["high street"]),
    sel("notes-02", S2, "nobody told us", "our trust", "trust", "tom", 6,
        ["nobody told us why, and that hurt our trust"]),
    sel("notes-02", S2, "Prices", "twice", "cost", "ana", 7, ["Prices went up twice"]),
]
expected.append(("town-hall", NAME["place"], S3.rstrip("\n")))


def code_xml(key):
    k, g, n, p, c = next(x for x in CODES if x[0] == key)
    kids = "".join(code_xml(x[0]) for x in CODES if x[3] == key)
    colour = f' color="{c}"' if c else ""
    return (f'<Code guid="{g}" name={quoteattr(n)} isCodable="true"{colour}>'
            f'<Description>Written for the verba tests.</Description>{kids}</Code>')


V = {"age": "7a000000-0000-4000-8000-000000000001",
     "region": "7a000000-0000-4000-8000-000000000002",
     "wave": "7a000000-0000-4000-8000-000000000003"}
SRC = {"s1": "50c00000-0000-4000-8000-000000000001",
       "s2": "50c00000-0000-4000-8000-000000000002",
       "s3": "50c00000-0000-4000-8000-000000000003",
       "pdf": "50c00000-0000-4000-8000-000000000004"}


def value(var, v):
    return (f'<VariableValue><VariableRef targetGUID="{V[var]}"/>'
            f'<TextValue>{escape(v)}</TextValue></VariableValue>')


qde = f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Fixture study" origin="verba tests">
  <Users>{"".join(f'<User guid="{g}" name="{n}"/>' for g, n in USERS.values())}</Users>
  <CodeBook><Codes>{"".join(code_xml(k) for k, g, n, p, c in CODES if p is None)}</Codes></CodeBook>
  <Variables>
    <Variable guid="{V["age"]}" name="Age band" typeOfVariable="Text"/>
    <Variable guid="{V["region"]}" name="Region" typeOfVariable="Text"/>
    <Variable guid="{V["wave"]}" name="Wave" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="ca5e0000-0000-4000-8000-000000000001" name="P01">{value("age", "35-54")}{value("region", "North")}<SourceRef targetGUID="{SRC["s1"]}"/></Case>
    <Case guid="ca5e0000-0000-4000-8000-000000000002" name="P02">{value("age", "18-34")}<SourceRef targetGUID="{SRC["s2"]}"/></Case>
  </Cases>
  <Sources>
    <TextSource guid="{SRC["s1"]}" name="interview-01.txt" plainTextPath="internal://{SRC["s1"]}.txt">{"".join(sels1)}{value("wave", "1")}</TextSource>
    <TextSource guid="{SRC["s2"]}" name="notes-02.txt"><PlainTextContent>{escape(S2)}</PlainTextContent>{"".join(sels2)}</TextSource>
    <TextSource guid="{SRC["s3"]}" name="town-hall.txt" plainTextPath="internal://{SRC["s3"]}.txt"><Coding guid="c0d17600-0000-4000-8000-000000000099" creatingUser="{USERS["ana"][0]}"><CodeRef targetGUID="{GUID["place"]}"/></Coding></TextSource>
    <PDFSource guid="{SRC["pdf"]}" name="scan.pdf" path="relative:///scan.pdf"/>
  </Sources>
</Project>
'''

with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("project.qde", qde)
    z.writestr(f"sources/{SRC['s1']}.txt", S1)
    z.writestr(f"sources/{SRC['s3']}.txt", S3)

with open(expected_path, "w", encoding="utf-8") as f:
    for doc, code, text in sorted(expected):
        f.write(f"{doc}\t{code}\t{text}\n")

if len(sys.argv) > 3:
    write_real(sys.argv[3], sys.argv[4])
