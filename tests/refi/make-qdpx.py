#!/usr/bin/env python3
"""Writes a small REFI-QDA project for the tests (tests/cli/refi.sh).

Usage: make-qdpx.py OUT.qdpx EXPECTED.tsv

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
"""
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

out, expected_path = sys.argv[1], sys.argv[2]

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
