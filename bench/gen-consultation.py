#!/usr/bin/env python3
"""Writes a synthetic consultation export (CSV) of ROWS rows to stdout, for
verba's benchmarks: an id, a respondent type typed as people type it, a
region, a date and QUESTIONS answer columns of plain sentences, some empty,
some quoted with commas, quotes and line breaks inside.  Deterministic for
a given --seed, so runs compare."""
import argparse
import csv
import random
import sys

TYPES = ["Probation Trust", "probation trust staff", "Local Authority", "local council",
         "Charity", "voluntary org", "Private provider", "Ltd company", "member of the public",
         "Individual", "Professional body", "Trade Union", "union", "Parish council"]
REGIONS = ["North East", "North West", "Yorkshire", "East Midlands", "West Midlands",
           "East", "London", "South East", "South West"]
SUBJECTS = ["providers", "contractors", "the department", "commissioners", "our members",
            "frontline staff", "boards", "inspectors", "the regulator", "charities"]
VERBS = ["should publish", "must explain", "need to be open about", "ought to report",
         "can be trusted with", "are accountable for", "have to be honest about",
         "should declare", "must act with integrity on", "will lead on"]
OBJECTS = ["their performance data", "conflicts of interest", "complaints", "contract terms",
           "spending decisions", "mistakes", "the selection of suppliers", "board minutes",
           "how decisions are made", "the public interest"]
TAILS = ["", " in every contract", " without being asked", " each year", " to service users",
         ", and transparency should be the default", ", which is not the case today",
         " as public bodies already do", ", or lose the contract", " so people can judge"]
OPENERS = ["We support this.", "We oppose this proposal.", "We are not opposed, in principle.",
           "We would support this provided that costs are met.", "On balance we agree.",
           "We do not support the proposal.", "", "", "", ""]


def sentence(rng):
    return (f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)}{rng.choice(TAILS)}.")


def answer(rng):
    if rng.random() < 0.08:
        return ""
    parts = [rng.choice(OPENERS)] + [sentence(rng) for _ in range(rng.randint(1, 3))]
    text = " ".join(p for p in parts if p)
    r = rng.random()
    if r < 0.05:
        text += '\n\nAs one member put it: "show us the figures, not the adverts".'
    elif r < 0.10:
        text += "\r\nSecond paragraph: openness, honesty, and leadership matter."
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("rows", type=int)
    ap.add_argument("--questions", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2014)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(["Response ID", "Submitted", "Respondent type", "Region"]
                 + [f"Q{q + 1}" for q in range(args.questions)])
    for i in range(1, args.rows + 1):
        out.writerow([f"R{i:07d}", f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      rng.choice(TYPES), rng.choice(REGIONS)]
                     + [answer(rng) for _ in range(args.questions)])


if __name__ == "__main__":
    main()
