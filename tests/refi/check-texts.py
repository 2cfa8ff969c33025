#!/usr/bin/env python3
"""Checks a stream verba imported from a REFI-QDA project against the
project's own text, derived here independently (tests/cli/refi.sh).

Usage: check-texts.py PROJECT.qdpx STREAM.tsv

For each TextSource: the plain text (PlainTextContent, or the entry its
plainTextPath names, bare names under sources/, BOM dropped), or, when that
is blank, the paragraphs of the .docx its richTextPath names, one a line.
Every segment's text must be that text at the segment's start and end
(code points).  Prints one line: sources, sources with text, characters,
segments; or the first mismatch.
"""
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = "{urn:QDA-XML:project:1.0}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
qde = [n for n in z.namelist() if n.endswith(".qde") and "/" not in n]
root = ET.fromstring(z.read("project.qde" if "project.qde" in qde else qde[0]))


def entry(path):
    if path is None:
        return None
    if path.startswith("internal://"):
        return "sources/" + path[len("internal://"):]
    if "://" in path or path.startswith("/"):
        return None
    return "sources/" + path


texts = {}
n_sources = 0
for src in root.iter(NS + "TextSource"):
    n_sources += 1
    content = src.find(NS + "PlainTextContent")
    e = entry(src.get("plainTextPath"))
    text = None
    if content is not None:
        text = content.text or ""
    elif e in z.namelist():
        text = z.read(e).decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
    r = entry(src.get("richTextPath"))
    if (text is None or not text.strip()) and r and r.endswith(".docx") and r in z.namelist():
        doc = ET.fromstring(zipfile.ZipFile(z.open(r)).read("word/document.xml"))
        text = "".join("".join(t.text or "" for t in p.iter(W + "t")) + "\n"
                       for p in doc.iter(W + "p"))
    if text is None:
        continue
    name = src.get("name") or src.get("plainTextPath").rsplit("/", 1)[-1]
    texts[name.rsplit(".", 1)[0] if "." in name[1:] else name] = text

head, n_segs, docs = None, 0, set()
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0].startswith("#"):
        continue
    if head is None:
        head = f
        continue
    d = dict(zip(head, f))
    t = texts.get(d["document"])
    s, e = int(d["start"]), int(d["end"])
    seg = d["text"].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
    if t is None or t[s:e] != seg:
        print(f"{d['document']}:{d['segment']}: {s}-{e} is {t[s:e] if t else None!r}, not {seg!r}")
        sys.exit(1)
    n_segs += 1
    docs.add(d["document"])
with_text = sum(1 for t in texts.values() if t.strip())
if len(docs) != with_text:
    print(f"{with_text} sources hold text but {len(docs)} have segments")
    sys.exit(1)
print(f"{n_sources} sources, {with_text} with text, {sum(len(t) for t in texts.values())} "
      f"characters, {n_segs} segments at their positions")
