#!/bin/sh
# verba terms and verba kwic: drafting a codebook from what people said.
# Counts are checked against tests/terms/reference.py, which counts the
# same stream with Python's collections.Counter; the listings below are
# exact outputs on a small study written for this test.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/study"
cat > "$TMP/study/i01.txt" <<'EOF'
Interviewer: What do you want from the council? Tell me about value for money.
Margaret: Value for money, above all. And transparency about the budget!
Interviewer: Anything else?
Margaret: They should be transparent. People's trust depends on it.
EOF
cat > "$TMP/study/i02.txt" <<'EOF'
Moderator: What matters most to you?
Ray: Value for money matters. I don't trust them with the budget.
Sue: Transparency, and honest answers. Transparent budgets build trust.
EOF
cat > "$TMP/study/i03.txt" <<'EOF'
Interviewer: And the services?
Omar: The services are good value for money. They're transparent enough.
EOF
cat > "$TMP/study/attributes.csv" <<'EOF'
document,location
i01,Leeds
i02,York
i03,Leeds
EOF
"$VERBA" import -q "$TMP/study" > "$TMP/seg.tsv"

PY=$(python_with sys)
# check_reference NAME NGRAM STOP BY -- VERBA-OPTIONS…
check_reference () {
  name=$1 n=$2 stop=$3 by=$4; shift 5
  if [ -z "$PY" ]; then ok "# SKIP $name: python3 not found"; return; fi
  "$PY" "$VB_TOP_SRCDIR/tests/terms/reference.py" "$TMP/seg.tsv" "$n" "$stop" $by > "$TMP/ref"
  "$VERBA" terms "$@" "$TMP/seg.tsv" > "$TMP/got"
  if [ "$(wc -l < "$TMP/ref")" -gt 5 ] && diff -u "$TMP/ref" "$TMP/got" > "$TMP/diff"; then
    ok "$name"
  else not_ok "$name" "$(head -c 1500 "$TMP/diff")"; fi
}
check_reference "words match Python's count" 1 0 "" --
check_reference "words without stop words match" 1 1 "" -- --stop-words
check_reference "two-word phrases match" 2 0 "" -- --ngram 2
check_reference "three-word phrases without stop words match" 3 1 "" -- --ngram 3 --stop-words
check_reference "words by location match" 1 0 location -- --by location
check_reference "phrases by location match" 2 1 location -- --by location --ngram 2 --stop-words
# Documents whose segments are not together (odd rows, then even rows):
# each comes back once, and is still counted once a term.
cp "$TMP/seg.tsv" "$TMP/seg-ordered.tsv"
{ head -n 1 "$TMP/seg-ordered.tsv"; tail -n +2 "$TMP/seg-ordered.tsv" | awk 'NR % 2 == 1'
  tail -n +2 "$TMP/seg-ordered.tsv" | awk 'NR % 2 == 0'; } > "$TMP/seg.tsv"
check_reference "documents that come back: words match" 1 0 "" --
check_reference "documents that come back: phrases by location match" 2 0 location -- --by location --ngram 2
# The lists of each document's terms in a scratch file after every run.
VERBA_TERMS_IDS_IN_MEMORY=1; export VERBA_TERMS_IDS_IN_MEMORY
check_reference "documents that come back, lists on disk: words match" 1 0 "" --
check_reference "documents that come back, lists on disk: phrases by location match" 2 0 location -- --by location --ngram 2
check_status "no temporary file to be had: an error, not a count" 1 env TMPDIR=/nonexistent "$VERBA" terms "$TMP/seg.tsv"
check_grep "no temporary file to be had: named" "cannot make a temporary file for the terms of documents" "$TMP/err"
unset VERBA_TERMS_IDS_IN_MEMORY
cp "$TMP/seg-ordered.tsv" "$TMP/seg.tsv"

"$VERBA" terms --stop-words -n 6 "$TMP/seg.tsv" > "$TMP/out"
check_output "terms --stop-words -n 6" \
"term	count	documents
money	3	3
transparent	3	3
value	3	3
trust	3	2
budget	2	2
transparency	2	2" "$TMP/out"
"$VERBA" terms --stop-words --stems -n 4 "$TMP/seg.tsv" > "$TMP/out"
check_output "--stems counts Snowball stems" \
"term	count	documents
transpar	5	3
money	3	3
valu	3	3
budget	3	2" "$TMP/out"
"$VERBA" terms --ngram 3 --stop-words -t md "$TMP/seg.tsv" > "$TMP/out"
check_output "phrases keep stop words inside, not at their ends (md)" \
"### Terms

| term | count | documents |
| --- | ---: | ---: |
| value for money | 3 | 3 |
| budgets build trust | 1 | 1 |
| people's trust depends | 1 | 1 |
| services are good | 1 | 1 |
| transparency and honest | 1 | 1 |
| transparent budgets build | 1 | 1 |" "$TMP/out"
"$VERBA" terms --by location --stop-words -n 2 "$TMP/seg.tsv" > "$TMP/out"
check_output "--by location, top 2 of each" \
"location	term	count	documents
Leeds	money	2	2
Leeds	transparent	2	2
York	trust	2	1
York	answers	1	1" "$TMP/out"
"$VERBA" terms --by speaker --stop-words -n 1 "$TMP/seg.tsv" > "$TMP/out"
check_output "--by speaker names no one" \
"speaker	term	count	documents
i01, participant 1	budget	1	1
i02, participant 1	budget	1	1
i02, participant 2	answers	1	1
i03, participant 1	enough	1	1" "$TMP/out"
"$VERBA" terms --stop-words --include-moderator -n 2 "$TMP/seg.tsv" > "$TMP/out"
check_output "--include-moderator counts the questions too" \
"term	count	documents
money	4	3
value	4	3" "$TMP/out"
check_status "--ngram 4 is refused" 2 "$VERBA" terms --ngram 4 "$TMP/seg.tsv"
check_output "--ngram 4: message" "verba terms: --ngram 4: out of range (1 to 3; see 'verba terms --help')" "$TMP/err"
check_status "--by an unknown column" 2 "$VERBA" terms --by region "$TMP/seg.tsv"

# kwic: a word, a stem, a phrase.
"$VERBA" kwic -w 3 --attribution '{location}' 'transparen*' "$TMP/seg.tsv" > "$TMP/out"
check_output "kwic transparen*" \
"document	segment	attribution	from	to	pre	keyword	post
i01	2	Leeds	7	7	above all. And	transparency	about the budget
i01	4	Leeds	4	4	They should be	transparent	. People's trust depends
i02	3	York	1	1		Transparency	, and honest answers
i02	3	York	5	5	and honest answers.	Transparent	budgets build trust
i03	2	Leeds	9	9	for money. They're	transparent	enough" "$TMP/out"
"$VERBA" kwic -w 2 '"value for money"' -t md "$TMP/seg.tsv" > "$TMP/out"
check_output "kwic \"value for money\" (md)" \
"### Keywords in context

| document | segment | attribution | from | to | pre | keyword | post |
| --- | ---: | --- | ---: | ---: | ---: | --- | --- |
| i01 | 2 | i01, participant 1 | 1 | 3 |  | Value for money | , above all |
| i02 | 2 | i02, participant 1 | 1 | 3 |  | Value for money | matters. I |
| i03 | 2 | i03, participant 1 | 5 | 7 | are good | value for money | . They're transparent |" "$TMP/out"
"$VERBA" kwic -w 1 --attribution '{document}, {speaker}' 'trust' "$TMP/seg.tsv" > "$TMP/out"
check_output "kwic attributes speakers without their names" \
"document	segment	attribution	from	to	pre	keyword	post
i01	4	i01, participant 1	6	6	People's	trust	depends
i02	2	i02, participant 1	7	7	don't	trust	them
i02	3	i02, participant 2	8	8	build	trust	" "$TMP/out"
"$VERBA" kwic -w 1 --names --attribution '{speaker}' 'trust' "$TMP/seg.tsv" | cut -f 3 > "$TMP/out"
check_output "--names shows them" "attribution
Margaret
Ray
Sue" "$TMP/out"
check_status "kwic: a bad pattern is a usage error" 2 "$VERBA" kwic 'value AND' "$TMP/seg.tsv"
check_output "kwic: bad pattern message" \
  "verba kwic: pattern 'value AND': column 10: expected a word, phrase, regex or '(' after AND" \
  "$TMP/err"
check_status "kwic: no pattern" 2 "$VERBA" kwic
tap_done
