#!/bin/sh
# verba codebook suggest: terms key to what people coded, checked against
# tests/stats/keyness-reference.py (scipy's chi2_contingency for G2 and
# chi2, with Yates' correction where quanteda's default applies it), on
# tests/data/suggest/sheet.csv: 14 answers written for this test, 7 coded
# openness by one coder, 2 of them caught by mini.codebook's openness rule.
. "$VB_TOP_SRCDIR/tests/tap.sh"
MINI="$GOLDEN/mini.codebook"
SHEET="$VB_TOP_SRCDIR/tests/data/suggest/sheet.csv"
"$VERBA" import -f csv -q --id id --attr-cols group --text-cols answer --codes-col codes \
  --coder alice -c "$MINI" "$SHEET" > "$TMP/coded.tsv"

PY=$(python_with scipy)
# reference NAME MIN N: verba's table against the reference
reference () {
  "$VERBA" codebook suggest --code openness -c "$MINI" --min-count "$2" -n "$3" \
    "$TMP/coded.tsv" > "$TMP/k.tsv"
  if [ -z "$PY" ]; then
    not_ok "$1" "no python3 with scipy (apt-get install python3-scipy)"
  elif "$PY" "$VB_TOP_SRCDIR/tests/stats/keyness-reference.py" "$TMP/coded.tsv" openness \
      "$2" "$3" "$TMP/k.tsv" openness 'transparen*' > "$TMP/ref" 2>&1; then
    ok "$1 ($(cat "$TMP/ref"))"
  else
    not_ok "$1" "$(cat "$TMP/ref")"
  fi
}
reference "every term, against scipy" 1 1000
reference "the default cut, against scipy" 2 20
reference "the top 5" 2 5
check_eq "five rows" 6 "$(wc -l < "$TMP/k.tsv" | tr -d ' ')"
check_eq "the header" "term	kind	target	reference	G2	chi2	p	precision	recall	new	rule" \
  "$(head -1 "$TMP/k.tsv")"
check_eq "the rule's own words are left out" "" "$(cut -f1 "$TMP/k.tsv" | grep -E 'openness|transparen')"

# A term's precision and recall are those of the term alone as a rule:
# verba code and agree --gold say the same.
"$VERBA" codebook suggest --code openness -c "$MINI" -n 100 "$TMP/coded.tsv" > "$TMP/all.tsv"
row=$(grep '^the public	' "$TMP/all.tsv" | cut -f8,9)
sed 's/^rule = openness OR transparen\*$/rule = "the public"/' "$MINI" > "$TMP/one.codebook"
"$VERBA" code -q -c "$TMP/one.codebook" "$TMP/coded.tsv" > "$TMP/auto.tsv"
"$VERBA" agree --gold "$TMP/coded.tsv" --code openness "$TMP/auto.tsv" > "$TMP/gold.tsv"
check_eq "\"the public\" as a rule: precision and recall" "$row" \
  "$(awk -F'\t' '$1 == "openness" { print $7 "\t" $8 }' "$TMP/gold.tsv")"

"$VERBA" codebook suggest --code openness -c "$MINI" -n 4 -t txt "$TMP/coded.tsv" > "$TMP/txt"
check_grep "the candidate rule line, the phrase left to its words" 'rule.suggest = public OR see OR publish' "$TMP/txt"
check_grep "the title counts" "Terms key to openness (7 of 14 segments coded by people; 5 no rule caught)" "$TMP/txt"

check_status "--misses" 0 "$VERBA" codebook suggest --code openness -c "$MINI" --misses "$TMP/coded.tsv"
check_output "the five coded answers no rule caught" "document	segment	text
R01	1	Publish the contracts and publish the accounts, so the public can see them.
R02	1	Providers should publish what they spend and let the public see the books.
R05	1	The public should see inspection reports, all of them, published in full.
R08	1	Open the books: let the public see where the money goes.
R10	1	Publish complaints and what was done about them." "$TMP/out"
# Without -c the stream's own rule codings say what was caught.
"$VERBA" code -q -c "$MINI" "$TMP/coded.tsv" > "$TMP/both.tsv"
"$VERBA" codebook suggest --code openness --misses "$TMP/both.tsv" > "$TMP/m2"
check_eq "the same misses from the stream's rule codings" "$(cat "$TMP/out")" "$(cat "$TMP/m2")"
"$VERBA" codebook suggest --code openness -c "$MINI" --misses < "$TMP/coded.tsv" > "$TMP/m3"
check_eq "the stream on standard input" "$(cat "$TMP/out")" "$(cat "$TMP/m3")"

# Bad input and usage.
"$VERBA" import -f csv -q --id id --attr-cols group --text-cols answer "$SHEET" \
  | "$VERBA" code -q -c "$MINI" > "$TMP/rules-only.tsv"
check_status "no coding by people" 1 "$VERBA" codebook suggest --code openness "$TMP/rules-only.tsv"
check_grep "says so" "no coding by people (source coder:NAME)" "$TMP/err"
check_status "a code nobody applied" 1 "$VERBA" codebook suggest --code dignity "$TMP/coded.tsv"
check_grep "says how many" "people coded 'dignity' in 0 of 14 segments" "$TMP/err"
check_status "a code the codebook lacks" 1 "$VERBA" codebook suggest --code nosuch -c "$MINI" "$TMP/coded.tsv"
check_status "no --code" 2 "$VERBA" codebook suggest "$TMP/coded.tsv"
check_grep "says so" "suggest needs --code CODE" "$TMP/err"
check_status "two streams" 2 "$VERBA" codebook suggest --code openness "$TMP/coded.tsv" "$TMP/coded.tsv"
check_status "-t latex" 2 "$VERBA" codebook suggest --code openness -t latex "$TMP/coded.tsv"

tap_done
