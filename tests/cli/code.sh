#!/bin/sh
# `verba code`: every segment out, with its codes, spans and rules; scopes;
# human codings kept; the accounting line.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$GOLDEN/interviews/i2.txt" > "$TMP/i2.tsv"
"$VERBA" code -c "$GOLDEN/mini.codebook" "$TMP/i2.tsv" > "$TMP/coded.tsv" 2> "$TMP/err"
# i2: "Honesty, and regulators who check." -> honesty 0-7, scrutiny 13-23;
# "And openness?" (the interviewer) -> openness 4-12; segment 4 uncoded.
check_output "coded stream" "#verba-codebook	mini	Mini test codebook
#verba-code	openness	principle	Openness		
#verba-code	honesty	principle	Honesty		
#verba-code	scrutiny	theme	Scrutiny		openness
#verba-code	respect	theme	Respect		
#verba-code	dignity	theme	Dignity	respect	
document	segment	speaker	role	phase	start	end	type	sector	codes	codings	text
i2	1	Q	interviewer	spontaneous	35	67	provider	justice			What do you expect of providers?
i2	2	A	participant	spontaneous	71	105	provider	justice	honesty;scrutiny	honesty@0-7/rule:rule;scrutiny@13-23/rule:rule	Honesty, and regulators who check.
i2	3	Q	interviewer	spontaneous	109	122	provider	justice	openness	openness@4-12/rule:rule	And openness?
i2	4	A	participant	spontaneous	126	157	provider	justice			We publish our accounts openly." "$TMP/coded.tsv"
check_output "accounting line" "verba code: 4 segments read, 2 coded, 2 uncoded, 0 rejected" "$TMP/err"

"$VERBA" code -q --long -c "$GOLDEN/mini.codebook" "$TMP/i2.tsv" > "$TMP/long.tsv"
check_output "--long: a row per coding, and uncoded segments kept" "document	segment	speaker	role	phase	type	sector	code	kind	start	end	source	match
i2	1	Q	interviewer	spontaneous	provider	justice						
i2	2	A	participant	spontaneous	provider	justice	honesty	principle	0	7	rule:rule	Honesty
i2	2	A	participant	spontaneous	provider	justice	scrutiny	theme	13	23	rule:rule	regulators
i2	3	Q	interviewer	spontaneous	provider	justice	openness	principle	4	12	rule:rule	openness
i2	4	A	participant	spontaneous	provider	justice						" "$TMP/long.tsv"

# Scopes and named rules.  Segment 1 has "open" and "books" in different
# sentences; segment 2 in one sentence.  The document rule holds because
# "budget" and "audit" both occur somewhere in d1's participants' words.
cat > "$TMP/scope.codebook" <<'CB'
[codebook]
id = scope
title = Scopes

[theme:open-books]
label = Open books (sentence)
scope = sentence
rule = open NEAR/3 books

[theme:open-books-seg]
label = Open books (segment)
rule = open AND books

[theme:finance]
label = Finance (document)
scope = document
rule = budget AND audit

[theme:named]
label = Named rules
rule.words = ledger
rule.regex = /\bac+ounts?\b/
CB
printf 'document\tsegment\trole\ttext\nd1\t1\tparticipant\tWe are open. The books are closed.\nd1\t2\tparticipant\tOpen the books and the ledger, please.\nd1\t3\tparticipant\tThe budget was tight.\nd1\t4\tmoderator\tWhat about the audit?\nd1\t5\tparticipant\tThe audit of accounts came late.\n' > "$TMP/scope.tsv"
"$VERBA" code -q -c "$TMP/scope.codebook" "$TMP/scope.tsv" | grep -v '^#' | cut -f1,2,8,9 > "$TMP/t"
check_output "sentence, segment and document scope" "document	segment	codes	codings
d1	1	open-books-seg	open-books-seg@7-11/rule:rule;open-books-seg@17-22/rule:rule
d1	2	open-books;open-books-seg;named	open-books@0-4/rule:rule;open-books@9-14/rule:rule;open-books-seg@0-4/rule:rule;open-books-seg@9-14/rule:rule;named@23-29/rule:rule.words
d1	3	finance	finance@4-10/rule:rule
d1	4		
d1	5	finance;named	finance@4-9/rule:rule;named@13-21/rule:rule.regex" "$TMP/t"

# A human coding survives a re-run; earlier rule codings are replaced.
printf 'document\tsegment\tcodes\tcodings\ttext\nd\t1\trespect;honesty\trespect@0-4/coder:anna;honesty@0-4/rule:old\tSome honest words\n' > "$TMP/human.tsv"
"$VERBA" code -q -c "$GOLDEN/mini.codebook" "$TMP/human.tsv" | tail -n 1 > "$TMP/t"
check_output "human codings kept, rule codings redone" "d	1		participant	spontaneous	0	0	respect;honesty	respect@0-4/coder:anna;honesty@5-11/rule:rule	Some honest words" "$TMP/t"

# Several codebooks merge; the same framework imported twice is fine.
"$VERBA" code -q -c "$VB_TOP_SRCDIR/codebooks/public-standards" -c "$VB_TOP_SRCDIR/codebooks/stakeholder-standards" "$TMP/i2.tsv" > "$TMP/t"
check_eq "two codebooks sharing seven-principles" 7 "$(grep -c '^#verba-code	[a-z]*	principle' "$TMP/t")"

# Every input segment comes out, in order, whatever it holds.
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/study.tsv"
"$VERBA" code -c seven-principles "$TMP/study.tsv" > "$TMP/t" 2> "$TMP/err"
check_eq "no segment lost" "$(grep -vc '^#' "$TMP/study.tsv")" "$(grep -vc '^#' "$TMP/t")"
check_eq "same segments in the same order" "$(grep -v '^#' "$TMP/study.tsv" | cut -f1,2)" "$(grep -v '^#' "$TMP/t" | cut -f1,2)"
n=$(($(grep -vc '^#' "$TMP/study.tsv") - 1))
check_grep "accounting adds up" "verba code: $n segments read" "$TMP/err"

# Codings come out by code, start and end whatever order the rules found
# them in; of two rules finding the same span the first in the codebook is
# kept.  Rule rNN finds word wNN, and the text has the words in reverse
# order three times over, so the rules find them far out of order (many
# codings, as in a long answer); rule.again finds w20 once more.
{
  printf '[codebook]\nid = order\ntitle = Order\n\n[theme:t]\nlabel = Order\n'
  for k in $(seq -w 1 40); do printf 'rule.r%s = w%s\n' "$k" "$k"; done
  printf 'rule.again = w20\n'
} > "$TMP/order.codebook"
words=$(for j in 1 2 3; do for k in $(seq -w 40 -1 1); do printf 'w%s ' "$k"; done; done)
printf 'document\tsegment\ttext\nd\t1\t%s\n' "${words% }" > "$TMP/order.tsv"
want=$(i=0; for j in 1 2 3; do for k in $(seq -w 40 -1 1); do
  printf 't@%d-%d/rule:rule.r%s;' $((4 * i)) $((4 * i + 3)) "$k"; i=$((i + 1)); done; done)
"$VERBA" code -q -c "$TMP/order.codebook" "$TMP/order.tsv" | tail -n 1 | cut -f8,9 > "$TMP/t"
check_output "codings ordered by position, the first rule kept for a span" "t	${want%;}" "$TMP/t"

# The codes column lists each code once, in order of first appearance,
# however a human coder's codings are interleaved.
printf 'document\tsegment\tcodes\tcodings\ttext\nd\t1\tx\tdignity@0-4/coder:a;respect@0-4/coder:b;dignity@5-9/coder:b;openness@0-4/coder:a;respect@5-9/coder:a\tSome honest words\n' > "$TMP/human2.tsv"
"$VERBA" code -q -c "$GOLDEN/mini.codebook" "$TMP/human2.tsv" | tail -n 1 | cut -f8 > "$TMP/t"
check_output "codes column: first appearance order" "dignity;respect;openness;honesty" "$TMP/t"

tap_done
