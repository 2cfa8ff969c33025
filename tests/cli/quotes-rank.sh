#!/bin/sh
# `verba quotes` ranking options: --rank codes, --min-words/--max-words,
# --one-per-participant, --spread ATTR, --top, on two small groups worked
# by hand, then on the bundled study.
. "$VB_TOP_SRCDIR/tests/tap.sh"

cat > "$TMP/g1.txt" <<'DOC'
Group: G1
Location: Leeds
Age: 18-35
Grade: C2DE
Moderator: Rachel

Moderator: What matters to you?

P1: Cost matters.
P1: The cost of care keeps going up and nobody tells us why it costs what it costs.
P2: Staff are kind but the cost is the worry for most families I know.
DOC
cat > "$TMP/g2.txt" <<'DOC'
Group: G2
Location: Nottingham
Age: 36-60
Grade: ABC1
Moderator: Sam

Moderator: What matters to you?

P1: Access and cost and staff, all three, in that order for me.
P3: We pay more here than anywhere else I have lived, the cost is simply too high.
DOC
cat > "$TMP/qr.codebook" <<'CB'
[codebook]
id = qr
title = Quotes ranking
version = 1

[theme:cost]
label = Cost
definition = What services cost.
rule = cost*

[theme:staff]
label = Staff
definition = The people who provide.
rule = staff

[theme:access]
label = Access
definition = Getting a service.
rule = access
CB
"$VERBA" import "$TMP/g1.txt" "$TMP/g2.txt" | "$VERBA" code -q -c "$TMP/qr.codebook" > "$TMP/c.tsv"

# The five cost verbatims (moderators are not quoted):
#   g1 2 P1 "Cost matters."             13 chars,  2 words, 1 coding, 1 code
#   g1 3 P1 "The cost of care…"          79 chars, 17 words, 3 codings (cost, costs, costs)
#   g1 4 P2 "Staff are kind…"            66 chars, 14 words, 1 coding, 2 codes
#   g2 2 P1 "Access and cost and staff…" 59 chars, 12 words, 1 coding, 3 codes
#   g2 3 P3 "We pay more here…"          78 chars, 16 words, 1 coding, 1 code
# By codings: g1 3 first; then by distance from 60-300 characters
# (0, 0, 1, 47): g1 4, g2 3, g2 2, g1 2.  Attribution: location, age, grade.
"$VERBA" quotes --code cost -t txt "$TMP/c.tsv" > "$TMP/t"
check_output "default: codings of the code, then length" 'Cost
  "The cost of care keeps going up and nobody tells us why it costs what it costs." Leeds, 18-35, C2DE.
  "Staff are kind but the cost is the worry for most families I know." Leeds, 18-35, C2DE.
  "We pay more here than anywhere else I have lived, the cost is simply too high." Nottingham, 36-60, ABC1.
' "$TMP/t"

# By codes raised: g2 2 (3 codes), g1 4 (2), then the rest by codings.
"$VERBA" quotes --code cost --rank codes -t txt "$TMP/c.tsv" > "$TMP/t"
check_output "--rank codes" 'Cost
  "Access and cost and staff, all three, in that order for me." Nottingham, 36-60, ABC1.
  "Staff are kind but the cost is the worry for most families I know." Leeds, 18-35, C2DE.
  "The cost of care keeps going up and nobody tells us why it costs what it costs." Leeds, 18-35, C2DE.
' "$TMP/t"

# Five asked for: everyone once, then g1's P1 again, unless forbidden.
# (P1 of g2 is not P1 of g1.)
"$VERBA" quotes --code cost --top 5 "$TMP/c.tsv" | cut -f5-7 > "$TMP/t"
check_output "--top 5: a participant twice once all are quoted" 'document	segment	speaker
g1	3	P1
g1	4	P2
g2	3	P3
g2	2	P1
g1	2	P1' "$TMP/t"
"$VERBA" quotes --code cost --top 5 --one-per-participant "$TMP/c.tsv" | cut -f5-7 > "$TMP/t"
check_output "--one-per-participant: never twice" 'document	segment	speaker
g1	3	P1
g1	4	P2
g2	3	P3
g2	2	P1' "$TMP/t"

# Leeds, Nottingham, Leeds, Nottingham: each location's best in turn.
"$VERBA" quotes --code cost -n 4 --spread location "$TMP/c.tsv" | cut -f5-7 > "$TMP/t"
check_output "--spread location" 'document	segment	speaker
g1	3	P1
g2	3	P3
g1	4	P2
g2	2	P1' "$TMP/t"

# 10 to 15 words: 14 (g1 4) and 12 (g2 2) only.
"$VERBA" quotes --code cost -n 5 --min-words 10 --max-words 15 "$TMP/c.tsv" | cut -f5-7 > "$TMP/t"
check_output "--min-words, --max-words" 'document	segment	speaker
g1	4	P2
g2	2	P1' "$TMP/t"

check_status "bad --rank" 2 "$VERBA" quotes --rank best "$TMP/c.tsv"
check_output "... named" "verba quotes: unknown --rank 'best' (known: hits, codes)" "$TMP/err"
check_status "min above max" 2 "$VERBA" quotes --min-words 9 --max-words 3 "$TMP/c.tsv"
check_status "unknown --spread attribute" 1 "$VERBA" quotes --spread region "$TMP/c.tsv"

# The bundled study: honesty verbatims of at most 20 words come from the
# London and Nottingham groups only (listing them all with -n 100 shows
# three: two from London, one from Nottingham); spread over locations
# they alternate, attributed as the report prints them.
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" | "$VERBA" code -q -c seven-principles > "$TMP/es.tsv"
"$VERBA" quotes --code honesty --spread location -n 4 --max-words 20 -t txt "$TMP/es.tsv" > "$TMP/t"
check_output "bundled study: spread over locations" "Honesty
  \"Honesty's on there too, and that's the one that gets lost when there's a contract to protect.\" London, 18-35, ABC1.
  \"Just tell us the truth. We've lived long enough, we can take it.\" Nottingham, 61+, C2DE.
  \"Accountability and honesty, them two. If you've got them, the rest follows.\" London, 36-60, C2DE.
" "$TMP/t"

# README's section "Significance, co-occurrence and framework matrices"
# shows these outputs: every line of them must be there as printed.
readme_has () {
  missing=0
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    grep -qxF -- "$line" "$VB_TOP_SRCDIR/README.md" || { missing=1; echo "# not in README: $line"; }
  done < "$2"
  if [ $missing = 0 ]; then ok "$1"; else not_ok "$1"; fi
}
"$VERBA" matrix --rows principle --cols stage --stats -t txt "$TMP/es.tsv" 2>/dev/null | sed -n '/^Tests/,$p' > "$TMP/t"
readme_has "README: the tests of independence" "$TMP/t"
"$VERBA" matrix -r principle --cols principle --within document --cell jaccard --order cluster -t txt "$TMP/es.tsv" > "$TMP/t"
readme_has "README: the clustered Jaccard matrix" "$TMP/t"
"$VERBA" matrix --rows participant --cols principle --where document=g6 --max-quotes 1 -t md "$TMP/es.tsv" \
  | grep -v '^| g6: P[0-9]* |  |  |  |  |  |  |  |$' > "$TMP/t"
readme_has "README: the framework matrix" "$TMP/t"
"$VERBA" quotes --code honesty --spread location -n 4 --max-words 20 -t txt "$TMP/es.tsv" > "$TMP/t"
readme_has "README: the spread quotes" "$TMP/t"

tap_done
