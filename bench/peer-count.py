#!/usr/bin/env python3
"""Peer (b) of bench/speed.sh: counts keyword mentions in the text column
of a segments stream the plain way, tokenising with re.findall(r'\\w+') and
looking each lower-cased token up in a set.  Prints "KEYWORD<TAB>COUNT" for
every keyword found, sorted by keyword.  tests/cli/scale.sh checks that
`verba code` with the same keywords finds exactly these counts."""
import re
import sys
from collections import Counter

ESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}


def main():
    keywords = set(open(sys.argv[1], encoding="utf-8").read().split())
    counts = Counter()
    word = re.compile(r"\w+")
    escape = re.compile(r"\\[\\tnr]")
    with open(sys.argv[2], encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if header is None:
                header = fields.index("text")
                continue
            text = escape.sub(lambda m: ESCAPES[m.group(0)], fields[header])
            for tok in word.findall(text):
                tok = tok.lower()
                if tok in keywords:
                    counts[tok] += 1
    for k in sorted(counts):
        print(f"{k}\t{counts[k]}")


if __name__ == "__main__":
    main()
