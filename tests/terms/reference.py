#!/usr/bin/env python3
"""Term counts for tests/cli/terms.sh, computed apart from verba.

Usage: reference.py STREAM NGRAM STOPWORDS(0|1) [BY]

Reads a segments stream (TSV with `role` and `text` columns, as verba import
writes it), keeps the participants' segments, cuts each text into sentences
(after '.', '!' or '?' and whitespace) and words (runs of letters and digits,
an apostrophe between two letters kept), lower-cases them and counts the
n-grams of each sentence with collections.Counter: occurrences and distinct
documents, per value of the BY column when given.  With STOPWORDS, n-grams
that start or end with a stop word are left out; the list is the one written
for verba (read from src/libverba/analysis/vb-terms.c: the list is the
specification, the counting is what is checked).  Prints the rows verba
terms prints (tsv), in its order.
"""
import collections
import os
import re
import sys

stream, n, drop = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
by = sys.argv[4] if len(sys.argv) > 4 else None
src = os.path.join(os.environ["VB_TOP_SRCDIR"], "src/libverba/analysis/vb-terms.c")
code = open(src, encoding="utf-8").read()
block = code[code.index("stop_words[] = {"):]
block = block[:block.index("};")]
stop = set(re.findall(r'"([^"]*)"', block))

WORD = re.compile(r"[^\W_]+(?:['\u2019](?=[^\W\d_])[^\W_]+)*")
count = collections.Counter()
docs = collections.defaultdict(set)
header = None
for line in open(stream, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    fields = line.split("\t")
    if header is None:
        header = fields
        continue
    row = dict(zip(header, fields))
    if row["role"] != "participant":
        continue
    group = row[by] if by else ""
    for sentence in re.split(r"(?<=[.!?])\s+", row["text"]):
        words = [w.lower().replace("\u2019", "'") for w in WORD.findall(sentence)]
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if drop and (gram[0] in stop or gram[-1] in stop):
                continue
            key = (group, " ".join(gram))
            count[key] += 1
            docs[key].add(row["document"])

rows = sorted(count, key=lambda k: (k[0].lower(), -count[k], -len(docs[k]), k[1].encode()))
print("\t".join(([by] if by else []) + ["term", "count", "documents"]))
for k in rows:
    print("\t".join(([k[0]] if by else []) + [k[1], str(count[k]), str(len(docs[k]))]))
