#!/bin/sh
# `verba code` with rule codebooks (issue #19, item 3): the matcher wakes a
# rule, and a term of a list, only where the words it needs occur, finds a
# regex's literal once a text, and the direct lane codes rows without
# making segments of them.  These shortcuts must never change a coding:
# an exact table of codings on rules where a code's words occur only in
# part, NOT and EXCEPT around words that are absent, NEAR among many
# occurrences, regexes with and without a literal, a list with a NOT term,
# and sentence and clause scope; then the lane (default) against the
# general path (VERBA_NO_DIRECT=1) on generated consultation answers and
# on the bundled study, with both bundled codebooks of principles.
. "$VB_TOP_SRCDIR/tests/tap.sh"

cat > "$TMP/rules.codebook" <<'CB'
[codebook]
id = lane
title = Lane

[theme:partial]
label = Partial
rule = "open data" AND publish*

[theme:absent]
label = Absent
rule = report* NOT lobby*

[theme:except]
label = Except
rule = honest* EXCEPT NEG

[theme:near]
label = Near
rule = figures NEAR/2 publish*

[theme:regex]
label = Regex
rule.word = /(?<![a-z])fair(?![a-z])/
rule.alt = /(?<![a-z])(?:lie|lies)(?![a-z])/
rule.case = /NHS/c

[theme:list]
label = List
rule = openness transparen* "the truth" (NOT secret*)

[theme:sentence]
label = Sentence
scope = sentence
rule = staff AND trained

[theme:clause]
label = Clause
scope = clause
rule = "value for money" UNDER/3 NEG
CB
printf 'document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext\n' > "$TMP/in.tsv"
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf 'd1\t%d\t\tparticipant\tspontaneous\t0\t0\t%s\n' $n "$line" >> "$TMP/in.tsv"
done <<'TEXT'
They should publish open figures, not open data, and keep it secret.
Publish the open data and open data again.
Every report was late, and the reports were secret.
Every report was written by a lobbyist.
They were honest. They were not honest. Never honest, but honest later.
Figures, figures and more figures, then figures; we publish figures at last.
It was unfair, fair enough, and the NHS lies; nhs lie fairly.
The truth, openness and transparency: the truth was not secret.
Staff were kind. They were trained. Staff trained well.
It is not value for money; it is value for money, but never value for money.
Fair play, fair pay and a fair deal.
TEXT
# 1: "open data" and publish both there; figures two tokens from publish;
#    secret, so the list's NOT term fails.  2: no secret, so the NOT term
#    holds over the whole text.  3: no lobby*.  4: lobbyist.  5: the first
#    honest and the one after "but" (a new clause) are not negated.  6: the
#    figures at most two tokens from publish, not the ones before.  7:
#    "unfair" and "fairly" are not the word fair, "nhs" not NHS.  9: staff
#    and trained in one sentence only in the third.  10: value for money
#    governed by not and never, not the one between.  11: every fair after
#    the first is found too.
expected='codes	codings
partial;near	partial@12-19/rule:rule;partial@38-47/rule:rule;near@12-19/rule:rule;near@25-32/rule:rule
partial;list	partial@0-7/rule:rule;partial@12-21/rule:rule;partial@26-35/rule:rule;list@0-42/rule:rule
absent	absent@6-12/rule:rule;absent@31-38/rule:rule
list	list@0-39/rule:rule
except;list	except@10-16/rule:rule;except@58-64/rule:rule;list@0-71/rule:rule
near;list	near@40-47/rule:rule;near@52-59/rule:rule;near@60-67/rule:rule;list@0-76/rule:rule
regex;list	regex@15-19/rule:rule.word;regex@36-39/rule:rule.case;regex@40-44/rule:rule.alt;regex@50-53/rule:rule.alt;list@0-61/rule:rule
list	list@0-9/rule:rule;list@11-19/rule:rule;list@24-36/rule:rule;list@38-47/rule:rule
list;sentence	list@0-55/rule:rule;sentence@36-41/rule:rule;sentence@42-49/rule:rule
list;clause	list@0-76/rule:rule;clause@6-9/rule:rule;clause@10-25/rule:rule;clause@54-59/rule:rule;clause@60-75/rule:rule
regex;list	regex@0-4/rule:rule.word;regex@11-15/rule:rule.word;regex@26-30/rule:rule.word;list@0-36/rule:rule'
for way in lane general; do
  if [ $way = lane ]; then
    "$VERBA" code -q -j 1 -c "$TMP/rules.codebook" "$TMP/in.tsv" > "$TMP/coded.tsv"
  else
    VERBA_NO_DIRECT=1 "$VERBA" code -q -j 1 -c "$TMP/rules.codebook" "$TMP/in.tsv" > "$TMP/coded.tsv"
  fi
  grep -v '^#' "$TMP/coded.tsv" | cut -f 8-9 > "$TMP/codings.txt"
  check_output "exact codings of rules in part, NOT, EXCEPT, NEAR, regexes, scopes ($way)" \
    "$expected" "$TMP/codings.txt"
done

# same NAME A B: the two files hold the same bytes.
same () {
  if cmp -s "$2" "$3"; then ok "$1"
  else not_ok "$1" "$(diff "$2" "$3" | head -6)"; fi
}

"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/study.tsv" 2> /dev/null
inputs=study
if command -v python3 > /dev/null 2>&1; then
  python3 "$VB_TOP_SRCDIR/bench/gen-consultation.py" 800 --seed 19 > "$TMP/c.csv"
  "$VERBA" import -q --map "$VB_TOP_SRCDIR/bench/consultation.map" -o "$TMP/consultation.tsv" \
    "$TMP/c.csv"
  inputs="$inputs consultation"
else
  for i in 1 2 3 4; do ok "# SKIP python3 not installed"; done
fi
for in in $inputs; do
  for cb in seven-principles public-standards; do
    VERBA_NO_DIRECT=1 "$VERBA" code -q -j 1 -c $cb -o "$TMP/general.tsv" "$TMP/$in.tsv"
    "$VERBA" code -q -j 1 -c $cb -o "$TMP/lane.tsv" "$TMP/$in.tsv"
    same "$cb on the $in stream: the lane writes the general path's bytes" \
      "$TMP/general.tsv" "$TMP/lane.tsv"
    "$VERBA" code -q -j 2 -c $cb -o "$TMP/lane2.tsv" "$TMP/$in.tsv"
    same "$cb on the $in stream, -j 2: the same bytes" "$TMP/general.tsv" "$TMP/lane2.tsv"
  done
done
n_coded=$(grep -v '^#' "$TMP/lane.tsv" |
  awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "codes") c = i; next } $c != ""' | wc -l)
if [ "$n_coded" -gt 100 ]; then ok "the comparison codes many segments ($n_coded)"
else not_ok "the comparison codes many segments" "only $n_coded"; fi

tap_done
