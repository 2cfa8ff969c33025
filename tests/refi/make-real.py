#!/usr/bin/env python3
"""Writes a REFI-QDA project laid out as other tools write them, for
tests/cli/refi.sh.

Usage: make-real.py OUT.qdpx OUTSIDE_DIR

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
import os
import sys
import zipfile

out, outside = sys.argv[1], os.path.abspath(sys.argv[2])

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
