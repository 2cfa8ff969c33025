#!/bin/sh
# Peak memory and time of `verba import -f csv` and `verba code` on
# generated consultation exports of growing size: streaming means the peak
# RSS stays flat as rows grow (issue #3: under 200 MB at 1,000,000 rows).
# Usage: bench/consultation-memory.sh [ROWS...]   (default 10000 100000 1000000)
# Prints a Markdown table for bench/RESULTS.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
VERBA=${VERBA:-$here/../verba}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/verba-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- 10000 100000 1000000

measure () { # OUT COMMAND...: "seconds peak-KiB" of the command into OUT
  out=$1; shift
  /usr/bin/time -f '%e %M' -o "$out" "$@"
}

echo "| rows | CSV MB | segments | import s | import MB/s | import peak RSS MB | code s | code MB/s | code peak RSS MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for rows in "$@"; do
  python3 "$here/gen-consultation.py" "$rows" > "$TMP/c.csv"
  measure "$TMP/imp" "$VERBA" import -q --map "$here/consultation.map" -o "$TMP/s.tsv" "$TMP/c.csv"
  measure "$TMP/cod" "$VERBA" code -q -c seven-principles -o "$TMP/coded.tsv" "$TMP/s.tsv"
  csv_bytes=$(wc -c < "$TMP/c.csv")
  tsv_bytes=$(wc -c < "$TMP/s.tsv")
  segs=$(($(wc -l < "$TMP/s.tsv") - 1))
  read -r is ik < "$TMP/imp"
  read -r cs ck < "$TMP/cod"
  awk -v r="$rows" -v cb="$csv_bytes" -v tb="$tsv_bytes" -v n="$segs" -v is="$is" -v ik="$ik" \
      -v cs="$cs" -v ck="$ck" 'BEGIN {
    mb = 1048576
    printf "| %d | %.0f | %d | %.2f | %.1f | %.1f | %.2f | %.1f | %.1f |\n",
      r, cb / mb, n, is, (is > 0 ? cb / mb / is : 0), ik / 1024, cs, (cs > 0 ? tb / mb / cs : 0), ck / 1024
  }'
  rm -f "$TMP/c.csv" "$TMP/s.tsv" "$TMP/coded.tsv"
done
