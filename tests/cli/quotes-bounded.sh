#!/bin/sh
# `verba quotes` and quotes in matrix cells keep, per cell, only the
# candidates the choice can still take (vb-quotes.h: the n best, and the
# best of n speakers): the same quotes as ranking every candidate.  The
# stream: 502 verbatims of document d, each 76 characters (a readable
# length, so only codings and stream order rank them):
#   1       S1, code c three times          (best, first)
#   2-201   S1, c twice and e once          (200 ties, one speaker)
#   202-401 P001-P200, c once                (200 ties, one each)
#   402-501 anonymous, c once                (100 ties, each its own speaker)
#   502     S3, c three times               (as good as 1, last)
# region: South for S1, North for 502, else North when even.
. "$VB_TOP_SRCDIR/tests/tap.sh"

awk 'BEGIN {
  OFS = "\t"; print "#verba-codebook", "ties", "Ties"
  print "#verba-code", "c", "theme", "Cost", "", ""; print "#verba-code", "e", "theme", "Ease", "", ""
  print "document", "segment", "speaker", "role", "region", "codes", "text"
  for (i = 1; i <= 502; i++) {
    sp = i <= 201 ? "S1" : i <= 401 ? sprintf ("P%03d", i - 201) : i <= 501 ? "" : "S3"
    codes = i == 1 || i == 502 ? "c;c;c" : i <= 201 ? "c;c;e" : "c"
    region = sp == "S1" ? "South" : i % 2 ? "South" : "North"
    print "d", i, sp, "participant", region, codes,
      sprintf ("Verbatim %04d is a readable verbatim, long enough to be quoted in a report.", i)
  } }' > "$TMP/ties.tsv"
q () { printf '"Verbatim %04d is a readable verbatim, long enough to be quoted in a report." d, %s.' "$1" "$2"; }

# c: the two with three codings, first and last, then one per speaker
# before S1 again: the earliest of the tied P's, not S1's better ones.
"$VERBA" quotes -n 4 --code c "$TMP/ties.tsv" > "$TMP/t"
check_output "best first and last, then the earliest of the ties, one per speaker" "code	label	rank	quote	document	segment	speaker
c	Cost	1	$(q 1 S1)	d	1	S1
c	Cost	2	$(q 502 S3)	d	502	S3
c	Cost	3	$(q 202 P001)	d	202	P001
c	Cost	4	$(q 203 P002)	d	203	P002" "$TMP/t"

# e: one speaker, all tied: S1 once, then again in stream order.
"$VERBA" quotes -n 3 --code e -t txt "$TMP/ties.tsv" > "$TMP/t"
check_output "one speaker's ties in stream order" "Ease
  $(q 2 S1)
  $(q 3 S1)
  $(q 4 S1)
" "$TMP/t"

"$VERBA" quotes -n 5 --code c --spread region -t md "$TMP/ties.tsv" > "$TMP/t"
check_output "--spread: North's best (the last), South's (the first), then in turns" "### Cost

> $(q 502 S3)

> $(q 1 S1)

> $(q 202 P001)

> $(q 203 P002)

> $(q 204 P003)
" "$TMP/t"

# One per participant, 250: S1, S3, the 200 P's, then 48 anonymous
# verbatims (each its own speaker), never S1's 200 better ones again.
"$VERBA" quotes -n 250 --code c --one-per-participant "$TMP/ties.tsv" > "$TMP/t"
check_eq "--one-per-participant -n 250: segments by rank" \
  "1 502 $(seq -s ' ' 202 401) $(seq -s ' ' 402 449)" \
  "$(awk -F '\t' 'NR > 1 { printf "%s%s", sep, $6; sep = " " }' "$TMP/t")"

"$VERBA" matrix --rows code --cols region --cell quotes -n 2 "$TMP/ties.tsv" > "$TMP/t"
check_output "matrix cells: each cell's own best" "code	label	North	South	all
c	Cost	$(q 502 S3)\\n$(q 202 P001)	$(q 1 S1)\\n$(q 203 P002)	$(q 1 S1)\\n$(q 502 S3)
e	Ease		$(q 2 S1)\\n$(q 3 S1)	$(q 2 S1)\\n$(q 3 S1)" "$TMP/t"

"$VERBA" matrix --rows region --cols code --max-quotes 2 -t md "$TMP/ties.tsv" > "$TMP/t"
# South has 201 of S1's verbatims with c, 100 of the P's and 50 anonymous.
check_grep "framework matrix: the first two said, the rest counted" \
  "| South | $(q 1 S1)<br>$(q 2 S1)<br>(+349 more) | $(q 2 S1)<br>$(q 3 S1)<br>(+198 more) |" "$TMP/t"

# The choice takes quotes one at a time whatever n is: -n k must be the
# first k of -n 600, with every option and with the bundled study too.
if [ -d "$VB_TOP_SRCDIR/data/ethical-standards" ]; then
  "$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" 2> /dev/null \
    | "$VERBA" code -q -c public-standards -c stakeholder-standards > "$TMP/study.tsv"
fi
prefix_ok=0 prefix_bad=
for input in "$TMP/ties.tsv" "$TMP/study.tsv"; do
  [ -s "$input" ] || continue
  for opts in "" "--one-per-participant" "--spread region" "--spread location" "--rank codes" \
              "--by region" "--by stage --spread age --rank codes" "--min-words 13 --include-moderator --notes"; do
    # shellcheck disable=SC2086
    "$VERBA" quotes -n 600 $opts "$input" > "$TMP/all" 2> /dev/null || continue
    rank=3; case $opts in --by*) rank=4 ;; esac
    for k in 1 2 3 7 50 250; do
      # shellcheck disable=SC2086
      "$VERBA" quotes -n $k $opts "$input" > "$TMP/k"
      awk -F '\t' -v k=$k -v r=$rank 'NR == 1 || $r <= k' "$TMP/all" > "$TMP/first"
      if cmp -s "$TMP/k" "$TMP/first"; then prefix_ok=$((prefix_ok + 1))
      else prefix_bad="$prefix_bad [$(basename "$input") -n $k $opts]"; fi
    done
  done
done
check_eq "-n k is the first k of -n 600" "" "$prefix_bad"
# 6 sizes by 6 option sets that each input has (72 with the study).
if [ "$prefix_ok" -ge 36 ]; then ok "... compared $prefix_ok times"
else not_ok "... compared $prefix_ok times" "expected at least 36"; fi

tap_done
