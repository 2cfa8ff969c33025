#!/usr/bin/env python3
"""Writes the coders' sheet and their empty answer template.

  make-sheet.py        writes validity/coding/sheet.csv (id,text) and
                       validity/coding/TEMPLATE.csv (id,principles,stance,note)

The segments (from extract.py, which checks them against ../shared) are put
in one fixed shuffled order, random.Random(SEED).shuffle over the ids
sorted, so that sources and halves are mixed and a coder cannot tell one from
the other by position; the same order in both files.
"""
import csv, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract  # noqa: E402

SEED = 15


def write(path, header, rows):
    with open(path + '.tmp', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    os.replace(path + '.tmp', path)


def main():
    segs = sorted(extract.load(), key=lambda s: s['id'])
    random.Random(SEED).shuffle(segs)
    out = os.path.join(extract.HERE, 'coding')
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'sheet.csv'), ['id', 'text'], [[s['id'], s['text']] for s in segs])
    write(os.path.join(out, 'TEMPLATE.csv'), ['id', 'principles', 'stance', 'note'],
          [[s['id'], '', '', ''] for s in segs])
    print('make-sheet.py: %d segments in %s' % (len(segs), out))


if __name__ == '__main__':
    main()
