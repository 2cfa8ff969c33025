#!/bin/sh
# verba campaigns in bounded memory (issue #19): the rows of candidate
# pairs are read again at their offsets and the stream is written in a
# second pass, so a pipe is first copied to an unlinked temporary file.
# The golden files were written by verba campaigns as it was before (the
# whole stream in memory), on consultation.tsv: the first 1,600 segments
# of `bench/gen-consultation.py 3000` imported with bench/consultation.map.
# consultation.campaigns*.tsv hold the columns document, segment and the
# three written; every other field must come out as it went in.
. "$VB_TOP_SRCDIR/tests/tap.sh"
DATA="$VB_TOP_SRCDIR/tests/data/campaigns"
IN="$DATA/consultation.tsv"

# check_stream NAME GOLDEN FILE: FILE is IN with the golden columns added.
check_stream () {
  cut -f 1,2,11-13 "$3" > "$TMP/cols"
  if cmp -s "$TMP/cols" "$2"; then ok "$1: campaign columns as before"
  else not_ok "$1: campaign columns as before" "$(diff "$2" "$TMP/cols" | head -5)"; fi
  cut -f 1-10,14 "$3" > "$TMP/rest"
  if cmp -s "$TMP/rest" "$IN"; then ok "$1: every other field as it was"
  else not_ok "$1: every other field as it was" "$(diff "$IN" "$TMP/rest" | head -5)"; fi
}

check_status "a regular file" 0 "$VERBA" campaigns -q "$IN"
check_stream "a regular file" "$DATA/consultation.campaigns.tsv" "$TMP/out"
cp "$TMP/out" "$TMP/by-file.tsv"

mkdir "$TMP/scratch"
cat "$IN" | TMPDIR="$TMP/scratch" "$VERBA" campaigns -q --threshold 0.5 > "$TMP/piped.tsv"
check_eq "a pipe: exit status" 0 $?
check_stream "a pipe, --threshold 0.5" "$DATA/consultation.campaigns-0.5.tsv" "$TMP/piped.tsv"
check_eq "a pipe: no temporary file left" "" "$(ls -A "$TMP/scratch")"

TMPDIR="$TMP/scratch" "$VERBA" campaigns -q --within '' --min-size 3 --threshold 0.6 \
  < "$IN" > "$TMP/stdin.tsv"
check_stream "standard input, --within '' --min-size 3" "$DATA/consultation.campaigns-all.tsv" \
  "$TMP/stdin.tsv"

"$VERBA" campaigns -q --report --threshold 0.5 "$IN" > "$TMP/t"
if cmp -s "$TMP/t" "$DATA/consultation.report-0.5.tsv"; then ok "report as before"
else not_ok "report as before" "$(diff "$DATA/consultation.report-0.5.tsv" "$TMP/t" | head -5)"; fi
cat "$IN" | "$VERBA" campaigns -q --report -t md --within region --threshold 0.6 --shingle 2 > "$TMP/t"
if cmp -s "$TMP/t" "$DATA/consultation.report-region.md"; then ok "report from a pipe, --within region"
else not_ok "report from a pipe, --within region" \
  "$(diff "$DATA/consultation.report-region.md" "$TMP/t" | head -5)"; fi

# --memory: past half of it the band keys go to an unlinked temporary file
# in blocks, read back a band at a time; the campaigns are the same.
TMPDIR="$TMP/scratch" "$VERBA" campaigns --memory 64K "$IN" > "$TMP/spilled.tsv" 2> "$TMP/err"
check_eq "--memory 64K: exit status" 0 $?
check_stream "--memory 64K" "$DATA/consultation.campaigns.tsv" "$TMP/spilled.tsv"
check_output "--memory 64K: the summary says the band keys went to a file" \
  "verba campaigns: 1600 segments read, 8 in 4 campaigns (largest 2); band keys past --memory went to a temporary file" \
  "$TMP/err"
TMPDIR="$TMP/scratch" "$VERBA" campaigns -q --memory 64k --threshold 0.5 "$IN" > "$TMP/spilled.tsv"
check_stream "--memory 64k --threshold 0.5" "$DATA/consultation.campaigns-0.5.tsv" "$TMP/spilled.tsv"
check_eq "--memory: no temporary file left" "" "$(ls -A "$TMP/scratch")"
"$VERBA" campaigns --memory 1G "$IN" 2> "$TMP/err" > /dev/null
check_output "--memory 1G: nothing spilled" \
  "verba campaigns: 1600 segments read, 8 in 4 campaigns (largest 2)" "$TMP/err"
for bad in 63K 0 12Q -1M 1025G M ''; do
  "$VERBA" campaigns --memory "$bad" "$IN" > "$TMP/out" 2> "$TMP/err"
  check_eq "--memory '$bad': usage error" 2 $?
  check_output "--memory '$bad': message" \
    "verba campaigns: --memory: '$bad' is not a size from 64K to 1024G (say 512M)" "$TMP/err"
done

# Properties of any output: a campaign's size is its number of rows, its
# first row has no duplicate_of and every later one names the first.
awk -F'\t' 'NR > 1 && $12 != "" {
    n[$11]++; size[$11] = $12
    if (!($11 in first)) { first[$11] = $1 ":" $2; if ($13 != "") bad++ }
    else if ($13 != first[$11]) bad++
  }
  END { for (c in n) if (n[c] != size[c]) bad++; print bad + 0, length (n) }' \
  "$TMP/piped.tsv" > "$TMP/t"
check_output "sizes and duplicate_of agree with the rows" "0 43" "$TMP/t"

# The copy of a pipe is unlinked as soon as it is made: nothing is left in
# TMPDIR while the run lasts, nor if it is killed.
{ cat "$IN"; sleep 2; } | TMPDIR="$TMP/scratch" "$VERBA" campaigns -q > /dev/null 2>&1 &
pid=$!
sleep 1
check_eq "a pipe: the temporary copy is never in TMPDIR" "" "$(ls -A "$TMP/scratch")"
kill "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
check_eq "killed: no temporary file left" "" "$(ls -A "$TMP/scratch")"

# Bad input fails in the first pass, with its line, before any output.
{ cat "$IN"; printf 'R9\t1\tR9\tparticipant\tspontaneous\t0\t3\tx\tEast\tQ1\tbad \\q escape\n'; } \
  | "$VERBA" campaigns -q -o "$TMP/never.tsv" 2> "$TMP/err"
check_eq "bad row from a pipe: exit status" 1 $?
check_output "bad row from a pipe: message" \
  "verba campaigns: <stdin>:1602: field 11: bad backslash escape" "$TMP/err"
check_eq "bad row: no output written" "no" "$(test -e "$TMP/never.tsv" && echo yes || echo no)"

tap_done
