#!/bin/sh
# Every command at consultation scale (issue #19): time, peak RSS and the
# ratio of time to `wc -w` on the same segments stream, at each size.
# Usage: bench/scale.sh [ROWS...]   (default 10000 100000 1000000)
# Prints a Markdown table for bench/RESULTS.md: elapsed seconds (the
# fastest of three runs for a command under five seconds) and peak RSS.
# A command whose peak RSS grows with the rows says so in its man page.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
VERBA=${VERBA:-$here/../verba}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/verba-scale.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- 10000 100000 1000000

# timed COMMAND...: its seconds and peak RSS (KB) into s and k, the fastest
# of three runs when a run takes under five seconds (one run of a short
# command is at the mercy of whatever else the machine does); status 1 if
# it failed.
timed () {
  s=; k=
  for try in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err" || return 1
    read -r ts tk < "$TMP/t"
    if [ -z "$s" ] || awk -v a="$ts" -v b="$s" 'BEGIN { exit !(a < b) }'; then s=$ts; fi
    if [ -z "$k" ] || [ "$tk" -gt "$k" ]; then k=$tk; fi
    awk -v a="$ts" 'BEGIN { exit !(a >= 5) }' && break
  done
  return 0
}

# run NAME COMMAND...: one row of the table (output thrown away).
run () {
  name=$1; shift
  timed "$@" || {
    echo "| $rows | $name | failed: $(head -c 200 "$TMP/err" | tr '\n' ' ') | | |"; return; }
  awk -v r="$rows" -v n="$name" -v s="$s" -v k="$k" -v w="$wc_s" 'BEGIN {
    printf "| %d | %s | %.2f | %.1f | %.1f |\n", r, n, s, k / 1024, (w > 0 ? s / w : 0) }'
}

echo "| rows | command | seconds | peak RSS MB | × wc -w |"
echo "| ---: | --- | ---: | ---: | ---: |"
for rows in "$@"; do
  python3 "$here/gen-consultation.py" "$rows" > "$TMP/c.csv"
  python3 "$here/gen-keywords.py" 300 > "$TMP/kw.codebook"
  timed wc -w "$TMP/c.csv"
  wc_s=$s
  run "import -f csv" "$VERBA" import -q --map "$here/consultation.map" -o "$TMP/s.tsv" "$TMP/c.csv"
  timed wc -w "$TMP/s.tsv"
  wc_s=$s
  run "wc -w (the floor)" wc -w "$TMP/s.tsv"
  # The codebooks' rows throw their output away, as wc -w writes none;
  # the coded streams the commands after them read are written apart.
  run "code, 300 keywords, -j 1" "$VERBA" code -q -j 1 -c "$TMP/kw.codebook" "$TMP/s.tsv"
  run "code, seven-principles, -j 1" "$VERBA" code -q -j 1 -c seven-principles "$TMP/s.tsv"
  run "code, public-standards, -j 1" "$VERBA" code -q -j 1 -c public-standards "$TMP/s.tsv"
  "$VERBA" code -q -c seven-principles -o "$TMP/coded.tsv" "$TMP/s.tsv"
  "$VERBA" code -q -c public-standards -o "$TMP/coded2.tsv" "$TMP/s.tsv"
  run "campaigns" "$VERBA" campaigns -q "$TMP/s.tsv"
  run "freq --by respondent_type" "$VERBA" freq --by respondent_type "$TMP/coded.tsv"
  run "matrix --rows principle --cols question" "$VERBA" matrix --rows principle --cols question "$TMP/coded.tsv"
  run "quotes -n 3" "$VERBA" quotes -n 3 "$TMP/coded.tsv"
  run "terms" "$VERBA" terms "$TMP/coded.tsv"
  run "kwic public" "$VERBA" kwic public "$TMP/coded.tsv"
  run "report --by respondent_type (coded stream)" "$VERBA" report --by respondent_type "$TMP/coded.tsv"
  run "report -c seven-principles (the CSV)" "$VERBA" report -c seven-principles --map "$here/consultation.map" "$TMP/c.csv"
  run "agree -B 200, two codebooks" "$VERBA" agree -B 200 --seed 1 "$TMP/coded.tsv" "$TMP/coded2.tsv"
  run "export --to qdpx" "$VERBA" export --to qdpx -o "$TMP/x.qdpx" "$TMP/coded.tsv"
  # A model learns from what people coded, a sample of a few thousand
  # answers whatever the consultation's size: here the seven-principles
  # codings of the first 5,000 answers, relabelled as a coder's.
  head -n 5009 "$TMP/coded.tsv" | sed -E 's#/rule:[^;	]*#/coder:bench#g' > "$TMP/human.tsv"
  run "learn, 5,000 coded answers, -j 1" "$VERBA" learn -q -j 1 -o "$TMP/m.model" "$TMP/human.tsv"
  run "code --model, -j 1" "$VERBA" code -q -j 1 --model "$TMP/m.model" "$TMP/s.tsv"
  rm -f "$TMP/c.csv" "$TMP/s.tsv" "$TMP/coded.tsv" "$TMP/coded2.tsv" "$TMP/x.qdpx" "$TMP/human.tsv" "$TMP/m.model"
done
