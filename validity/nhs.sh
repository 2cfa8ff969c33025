#!/bin/sh
# validity/nhs.sh: verba learn against scikit-learn on people's coding of
# NHS patient feedback (the pxtextmining framework sheet, 7,908 comments,
# one-hot categories), 5-fold cross-validation on the same fixed folds.
# Run by `make validity-nhs`, not by `make check` (minutes, not seconds).
# Figures and commands: validity/RESULTS.md.
#
# Environment: VERBA (the binary), VB_SHARED (the shared data),
# VERBA_LEARN_OPTS (options for verba learn; default the ones RESULTS.md
# reports), KEEP (a directory to keep the intermediate files in).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
HERE="$TOP/validity"
VERBA=${VERBA:-$TOP/verba}
SHARED=${VB_SHARED:-$TOP/../shared}
NHS="$SHARED/corpora/nhs-fft-pxtextmining/v6framework_230831.csv"
OPTS=${VERBA_LEARN_OPTS:---thresholds cv}
[ -r "$NHS" ] || { echo "validity/nhs.sh: $NHS not found (set VB_SHARED)" >&2; exit 1; }
PY=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import sklearn, numpy' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "validity/nhs.sh: needs python3 with scikit-learn (python3-sklearn)" >&2; exit 1; }
W=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/verba-nhs.XXXXXX")}
mkdir -p "$W"

# 1. Folds 1..5 drawn once (fixed seed) and written into the sheet.
"$PY" "$HERE/nhs-folds.py" "$NHS" "$W/folded.csv"
# 2. The sheet as a coded stream: the categories are its one-hot columns.
"$VERBA" import -q -f csv --id 'Comment ID' --text-cols 'FFT answer' --attr-cols fold \
  --code-cols 'Organisation & efficiency-Positive experience & gratitude' --coder nhs \
  "$W/folded.csv" -o "$W/nhs.tsv"
# 3. verba: categories with 20 examples or more, the sheet's folds.
set -- $OPTS
/usr/bin/time -f '%e %U %S %M' -o "$W/verba.time" \
  "$VERBA" learn -q --cv 5 --folds-by fold --min-examples 20 -t tsv "$@" "$W/nhs.tsv" \
  > "$W/verba.tsv" 2> "$W/verba.err" || { cat "$W/verba.err" >&2; exit 1; }
# The categories verba learned, by header, for scikit-learn.
"$PY" - "$W/folded.csv" "$W/verba.tsv" > "$W/codes.txt" <<'PY'
import csv, re, sys
head = next(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
ids = {l.split("\t")[0] for l in open(sys.argv[2], encoding="utf-8")}
for h in head:
    if "-".join(re.findall(r"[a-z0-9]+", h.lower())) in ids:
        print(h)
PY
# 4. scikit-learn on the same rows, categories and folds.
"$PY" "$HERE/nhs-sklearn.py" "$W/folded.csv" "$W/codes.txt" "$W/sklearn.tsv"
echo "verba learn $OPTS --cv 5 --folds-by fold --min-examples 20"
"$PY" "$HERE/nhs-report.py" "$W/verba.tsv" "$W/sklearn.tsv" "$(cat "$W/verba.time")"
[ -n "${KEEP:-}" ] || rm -rf "$W"
