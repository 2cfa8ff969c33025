#!/usr/bin/env python3
"""Writes a codebook of N plain-keyword themes to stdout (one keyword a
theme, `rule = KEYWORD`), and with --list FILE the keywords one a line, for
the peers of bench/speed.sh (grep -f) and bench/peer-count.py.  The first
keywords are words the consultation generator uses, so codes fire; the rest
are made-up words, so a bigger codebook costs what its size costs without
changing what is found.  Deterministic."""
import argparse
import random

# Words of bench/gen-consultation.py's answers, most frequent first.
REAL = """providers contractors department commissioners members frontline staff boards
inspectors regulator charities publish explain open report trusted accountable honest
declare integrity lead performance data conflicts interest complaints contract terms
spending decisions mistakes selection suppliers minutes public every asked year service
users transparency default case today bodies lose people judge support oppose proposal
principle provided costs balance agree figures adverts openness honesty leadership
paragraph matter""".split()


def made_up(rng):
    return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou")
                   for _ in range(rng.randint(2, 4)))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", type=int)
    ap.add_argument("--list", help="also write the keywords, one a line, to this file")
    ap.add_argument("--real", type=int, default=len(REAL),
                    help="use at most this many real words (the rest made up), so that "
                         "codebooks of different sizes find the same words")
    args = ap.parse_args()
    rng = random.Random(6)
    words, seen = [], set()
    for w in REAL[:args.real]:
        if len(words) < args.n and w not in seen:
            words.append(w)
            seen.add(w)
    while len(words) < args.n:
        w = made_up(rng)
        if w not in seen:
            words.append(w)
            seen.add(w)
    print(f"[codebook]\nid = keywords-{args.n}\ntitle = {args.n} plain keywords\n")
    for i, w in enumerate(words):
        print(f"[theme:k{i + 1:04d}]\nlabel = {w}\nrule = {w}\n")
    if args.list:
        with open(args.list, "w") as f:
            f.write("".join(w + "\n" for w in words))


if __name__ == "__main__":
    main()
