#!/bin/sh
# `verba codebook test` (examples and counter-examples as unit tests) and
# the warnings of `verba codebook check` (lint).
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks"

# ---- codebook test ----
cat > "$TMP/t.codebook" <<'CB'
[codebook]
id = t
title = T

[theme:care]
label = Care
examples = they really care;nobody looks after you
counter-examples = I don't care for the colour;we take care of it ourselves
rule.word = care EXCEPT/2 NEG
rule.phrase = "take care"

[theme:money]
label = Money
examples = value for money
rule = money

[theme:cost]
label = Cost
parent = money
counter-examples = the cost was fine
examples = it cost too much
rule = cost
CB
check_status "test: failures exit 1" 1 "$VERBA" codebook test "$TMP/t.codebook"
check_output "test: every miss and every counter-example coded, with file:line and the rule" \
"$TMP/t.codebook:7: [theme:care] example 2 is not coded care (no code): \"nobody looks after you\"
$TMP/t.codebook:8: [theme:care] counter-example 2 is coded care by rule.phrase ('take care'), rule.word ('care'): \"we take care of it ourselves\"
$TMP/t.codebook:20: [theme:cost] counter-example 1 is coded cost by rule ('cost'): \"the cost was fine\"
$TMP/t.codebook: FAILED: 3 of 7 examples and counter-examples" "$TMP/out"

# A theme passes through its sub-themes (as --rollup counts them), both ways.
cat > "$TMP/u.codebook" <<'CB'
[codebook]
id = u
title = U

[theme:money]
label = Money
examples = it cost too much
counter-examples = the cost was fine
rule = money

[theme:cost]
label = Cost
parent = money
rule = cost
CB
check_status "test: a sub-theme counts for its parent" 1 "$VERBA" codebook test "$TMP/u.codebook"
check_output "test: the sub-theme is named" \
"$TMP/u.codebook:8: [theme:money] counter-example 1 is coded money by cost rule ('cost'): \"the cost was fine\"
$TMP/u.codebook: FAILED: 1 of 2 examples and counter-examples" "$TMP/out"

# Every bundled codebook passes its own examples.
for b in seven-principles public-standards stakeholder-standards public-service-values consultation-stance; do
  check_status "test: bundled $b passes" 0 "$VERBA" codebook test "$CB/$b.codebook"
  check_grep "test: bundled $b: one-line summary" "$b.codebook: ok: " "$TMP/out"
done

# counter-examples survive the other forms of a codebook.
"$VERBA" codebook convert --to qdc -o "$TMP/t.qdc" "$TMP/t.codebook"
"$VERBA" codebook convert --to native "$TMP/t.qdc" > "$TMP/back.codebook"
check_grep "qdc round trip keeps counter-examples" "counter-examples=I don't care for the colour;we take care of it ourselves;" "$TMP/back.codebook"
"$VERBA" codebook show -t md "$TMP/t.codebook" > "$TMP/md"
check_grep "appendix lists counter-examples" '- **Counter-examples:** "I don'"'"'t care for the colour"; "we take care of it ourselves"' "$TMP/md"

# The operators as verba-codebook(5) shows them, each with its examples.
cat > "$TMP/man.codebook" <<'CB'
[codebook]
id = m
title = M
[theme:a]
label = A
examples = we do not support
counter-examples = support, not least
rule = NEG BEFORE/3 support*
[theme:b]
label = B
examples = we support the plan;no, but we support it
counter-examples = we do not support;we cannot fully support;we are far from supportive
rule = support* EXCEPT/3 NEG
[theme:c]
label = C
examples = very fair and fair
counter-examples = very fair
rule = fair EXCEPT/1 (un very)
[theme:d]
label = D
examples = we are not opposed;we have no objection;we agree
counter-examples = we oppose it;we would not be able to support it
rule = ((oppos* object*) UNDER/3 NEG) ((support* agree*) EXCEPT/4 NEG)
[theme:e]
label = E
examples = others support the plan, but we do not
counter-examples = we support the plan
rule = (support* welcom*) BEFORE/12 (but NEAR/4 NEG)
[theme:f]
label = F
scope = clause
examples = we support the aims but not the timetable
counter-examples = we do not support the aims
rule = support* NOT NEG
CB
check_status "test: the negation operators as the man page describes them" 0 "$VERBA" codebook test "$TMP/man.codebook"
check_grep "test: all of them tried" "man.codebook: ok: 9 examples, 9 counter-examples" "$TMP/out"

# ---- lint ----
cat > "$TMP/l.codebook" <<'CB'
[codebook]
id = l
title = L

[theme:fares]
label = Fares
rule = fare and late
rule.near = ticket* near/3 price*
rule.never = refund NOT refund
rule.stem = care care* "care home"
rule.measure = (NOT late) NEAR/3 train
rule.or = buses Or trains

[theme:again]
label = Again
rule = care  care*  "care home"
rule.fine = "fare and late" /and or not/ ("not" AND fine)
CB
check_status "lint: warnings keep exit 0" 0 "$VERBA" codebook check "$TMP/l.codebook"
check_output "lint: each warning with file:line:column" \
"verba codebook: $TMP/l.codebook:7:13: warning: rule of [theme:fares]: 'and' is the word and, not the operator AND (write AND, or \"and\" for the word)
verba codebook: $TMP/l.codebook:8:21: warning: rule.near of [theme:fares]: 'near/3' is the phrase \"near 3\", not the operator NEAR/3
verba codebook: $TMP/l.codebook:9:14: warning: rule.never of [theme:fares]: never matches: refund AND NOT refund
verba codebook: $TMP/l.codebook:10:13: warning: rule.stem of [theme:fares]: the word 'care' is already matched by the stem 'care*'
verba codebook: $TMP/l.codebook:11:16: warning: rule.measure of [theme:fares]: never matches: (NOT late) has no hit for NEAR to measure from (put the NOT outside)
verba codebook: $TMP/l.codebook:12:17: warning: rule.or of [theme:fares]: 'Or' is the word or, not the operator OR (write OR, or \"or\" for the word)
verba codebook: $TMP/l.codebook:16:8: warning: rule of [theme:again]: the word 'care' is already matched by the stem 'care*'
verba codebook: $TMP/l.codebook:16:8: warning: rule of [theme:again]: the same rule as [theme:fares]" "$TMP/err"
check_grep "lint: still ok" "l.codebook: ok: 0 principles, 2 themes, 8 rules" "$TMP/out"

# No warning on the bundled codebooks.
check_status "lint: bundled codebooks" 0 "$VERBA" codebook check "$CB/seven-principles.codebook" "$CB/public-standards.codebook" "$CB/stakeholder-standards.codebook" "$CB/public-service-values.codebook" "$CB/consultation-stance.codebook"
check_eq "lint: no warning on the bundled codebooks" "" "$(cat "$TMP/err")"

# A dictionary's entries are words as written: its "and" is meant.
check_status "lint: a LIWC dictionary" 0 "$VERBA" codebook check "$VB_TOP_SRCDIR/tests/data/dict/small.dic"
check_eq "lint: no warning on a dictionary" "" "$(cat "$TMP/err")"

tap_done
