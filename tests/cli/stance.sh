#!/bin/sh
# codebooks/consultation-stance: each consultation answer gets the stance it
# takes (support, oppose, conditional, mixed, neutral), negation included:
# "not opposed" and "no objection" are support, "do not support", "cannot
# support", "did not support", "not in favour" are oppose and never support.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/consultation-stance.codebook"
ANSWERS="$VB_TOP_SRCDIR/tests/data/stance/answers.tsv"

check_status "codebook check" 0 "$VERBA" codebook check "$CB"
check_grep "seven themes, no principles" "consultation-stance.codebook: ok: 0 principles, 7 themes, 17 rules" "$TMP/out"

# The codes of every answer, one row per code, in codebook order; an
# uncoded answer keeps one row with an empty code.  r01-r36 are one
# sentence each; r37 and r38 support in one sentence and oppose in the next,
# which mixed (judged over the whole answer) flags.
"$VERBA" code -q --long -c "$CB" "$ANSWERS" > "$TMP/long.tsv"
cut -f1,7 "$TMP/long.tsv" | uniq > "$TMP/t"
check_output "the codes of every answer" "document	code
r01	support
r02	support
r03	support
r04	support
r05	support
r05	support-strong
r06	support
r06	support-strong
r07	support
r07	support-strong
r08	support
r09	support
r10	support
r11	oppose
r12	oppose
r12	oppose-strong
r13	oppose
r14	oppose
r15	oppose
r16	oppose
r17	oppose
r18	oppose
r19	oppose
r20	oppose
r21	oppose
r22	conditional
r23	conditional
r24	conditional
r25	conditional
r26	conditional
r27	conditional
r28	mixed
r29	mixed
r30	mixed
r31	mixed
r32	neutral
r33	neutral
r34	
r35	
r36	
r37	support
r37	oppose
r37	mixed
r38	support
r38	oppose
r38	mixed
r39	oppose
r40	
r41	support" "$TMP/t"

# What the negations matched: the negator (NEG, typographic apostrophe
# included, r21) and the word it governs are coded, each as its own span.
awk -F'\t' '$1 ~ /^r(08|09|10|15|16|17|18|19|20|21|39|41)$/ { print $1 "\t" $7 "\t" $12 }' "$TMP/long.tsv" > "$TMP/t"
check_output "negations are coded as what they negate" "r08	support	not
r08	support	opposed
r09	support	no
r09	support	objection
r10	support	not
r10	support	object
r15	oppose	not
r15	oppose	support
r16	oppose	cannot
r16	oppose	support
r17	oppose	not
r17	oppose	support
r18	oppose	not
r18	oppose	favour
r19	oppose	not
r19	oppose	agree
r20	oppose	not
r20	oppose	convinced
r21	oppose	can’t
r21	oppose	support
r39	oppose	don't
r39	oppose	agree
r41	support	no
r41	support	oppose" "$TMP/t"

# The negation table: 66 sentences written for this test, each with the
# codes it must get (codebook order, ';' between, empty for none).  Every
# sentence whose codes differ is listed.
NEG="$VB_TOP_SRCDIR/tests/data/stance/negation.tsv"
"$VERBA" code -q -c "$CB" "$NEG" | grep -v '^#' | awk -F'\t' '
  NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "codes") c = i; if ($i == "expected") e = i; if ($i == "text") t = i }; next }
  { n++ }
  $c != $e { print $1 ": expected \"" $e "\", got \"" $c "\": " $t }
  END { print n " sentences" }' > "$TMP/t"
check_output "negation table: every sentence gets its expected codes" "66 sentences" "$TMP/t"

# Tabulated: with --rollup the strong sub-codes count in their parents, and
# the stances of the one-sentence answers r01-r36 add up to the 33 coded
# ones (10 + 11 + 6 + 4 + 2; r34-r36 take no stance).
grep -v '^r3[7-9]\|^r4' "$ANSWERS" > "$TMP/single.tsv"
"$VERBA" code -q -c "$CB" "$TMP/single.tsv" | "$VERBA" freq --unit segment --rollup --cell count > "$TMP/t"
check_output "one stance per one-sentence answer" "code	label	all
support	Support	10
support-strong	Strong support	3
oppose	Oppose	11
oppose-strong	Strong opposition	1
conditional	Conditional support	6
mixed	Mixed	4
neutral	Neutral or unsure	2
base	Base (segments)	36" "$TMP/t"

# The appendix lists the seven codes, sub-codes under their parents.
check_status "show -t md" 0 "$VERBA" codebook show -t md "$CB"
grep '^#' "$TMP/out" > "$TMP/t"
check_output "show -t md: headings" '## Codebook: Stance of consultation responses (`consultation-stance`, version 1)
### Themes
#### Support (`support`)
##### Strong support (`support-strong`)
#### Oppose (`oppose`)
##### Strong opposition (`oppose-strong`)
#### Conditional support (`conditional`)
#### Mixed (`mixed`)
#### Neutral or unsure (`neutral`)' "$TMP/t"
check_grep "show -t md: the rules and their scope" '- **Rule** (segment scope): `("on balance"' "$TMP/out"

tap_done
