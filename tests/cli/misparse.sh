#!/bin/sh
# Silent mis-parses of issue #18 (item 8) that now work or warn:
# attributions in parentheses and on the quotation's own line, and
# misspelt header keys.
. "$VB_TOP_SRCDIR/tests/tap.sh"

cat > "$TMP/notes.txt" <<'TXT'
Group: g1
Location: Leeds

Some prose from the note-taker.

"I want to know who decides."
(Leeds, 36-60, C2DE)

"They never tell you anything." Leeds, 36-60, C2DE.

- "A bullet quote." (York, 18-35, ABC1).

"Nobody asked us." — Hull, 61+, DE

"A plain quotation, with no attribution."
TXT
check_status "notes with attributions in every form" 0 "$VERBA" import -f notes "$TMP/notes.txt"
check_eq "no warning" "" "$(cat "$TMP/err")"
cut -f2,9-14 "$TMP/out" > "$TMP/t"
check_output "parenthesised and same-line attributions read, the parentheses left out" \
"segment	location	kind	age	grade	attribution	text
1	Leeds	note				Some prose from the note-taker.
2	Leeds	quote	36-60	C2DE	Leeds, 36-60, C2DE	I want to know who decides.
3	Leeds	quote	36-60	C2DE	Leeds, 36-60, C2DE	They never tell you anything.
4	York	quote	18-35	ABC1	York, 18-35, ABC1	A bullet quote.
5	Hull	quote	61+	DE	Hull, 61+, DE	Nobody asked us.
6	Leeds	note				\"A plain quotation, with no attribution.\"" "$TMP/t"
# Header keys: a misspelt one is kept (it may be meant) but named with the
# key it is nearest to; keys far from every known key pass quietly.
cat > "$TMP/t1.txt" <<'TXT'
Loction: Leeds
Group: g1
Moderater: Rachel
Site: York
Venue: Town hall

Rachel: Hello.
Ann: I think so.
TXT
check_status "a transcript with misspelt header keys" 0 "$VERBA" import "$TMP/t1.txt"
check_output "each named with file:line and the nearest known key" \
"verba import: warning: $TMP/t1.txt:1: unknown header key 'loction': did you mean 'location'? (kept as 'loction')
verba import: warning: $TMP/t1.txt:3: unknown header key 'moderater': did you mean 'moderator'? (kept as 'moderater')" "$TMP/err"
check_status "--strict makes it an error" 1 "$VERBA" import --strict "$TMP/t1.txt"

# The study's declared keys are known too.
mkdir "$TMP/study"
printf '[attribute:council_area]\nvalues = north;south\n' > "$TMP/study/study.ini"
printf 'Council aera: north\n\nRachel: Hello.\nAnn: I think so.\n' > "$TMP/study/t2.txt"
check_status "a study's own key misspelt" 0 "$VERBA" import "$TMP/study"
check_grep "... the nearest declared key" "t2.txt:1: unknown header key 'council_aera': did you mean 'council_area'?" "$TMP/err"
printf 'Council area: north\nLocation: Leeds\n\nRachel: Hello.\nAnn: I think so.\n' > "$TMP/study/t2.txt"
check_status "spelt right" 0 "$VERBA" import "$TMP/study"
check_eq "... no warning" 0 "$(grep -c warning "$TMP/err")"

cp "$TMP/notes.txt" "$TMP/n2.txt"
sed -i 's/^Location: Leeds$/Locaton: Leeds/' "$TMP/n2.txt"
check_status "group notes' header too" 0 "$VERBA" import -f notes "$TMP/n2.txt"
check_grep "... warned" "n2.txt:2: unknown header key 'locaton': did you mean 'location'?" "$TMP/err"

# A coder's sheet with an unknown code: the run fails and nothing reaches
# standard output (a pipe cannot take rows back), as nothing reaches a file.
printf 'id,answer,codes\nr1,We want openness,openness\nr2,Be honest,honsety\n' > "$TMP/codes.csv"
check_status "an unknown code in a codes column" 1 "$VERBA" import -f csv --id id --text-cols answer \
  --codes-col codes -c "$GOLDEN/mini.codebook" "$TMP/codes.csv"
check_eq "... nothing on standard output" 0 "$(wc -c < "$TMP/out")"
check_grep "... the code named with its line" "codes.csv:3: column 'codes': 'honsety' is not a code of the codebook" "$TMP/err"
printf 'id,answer,codes\nr1,We want openness,openness\nr2,Be honest,honesty\n' > "$TMP/codes.csv"
check_status "known codes" 0 "$VERBA" import -f csv --id id --text-cols answer \
  --codes-col codes -c "$GOLDEN/mini.codebook" "$TMP/codes.csv"
check_eq "... the stream, held until the sheet is read, then written" "r1 r2" "$(grep -v '^#' "$TMP/out" | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
printf 'id,answer,codes\nr1,We want openness,openness\nr2,,honesty\n' > "$TMP/codes.csv"
check_status "--strict and a warning" 1 "$VERBA" import --strict -f csv --id id --text-cols answer \
  --codes-col codes -c "$GOLDEN/mini.codebook" "$TMP/codes.csv"
check_eq "... nothing on standard output" 0 "$(wc -c < "$TMP/out")"

# Campaigns: one template letter edited two ways (tests/data/campaigns/
# template-two-ways.csv, 27 words, 25 word 3-shingles): r01 r02 the letter,
# r03 r04 with saturday -> weekend (3 shingles change: J = 22/28 = 0.786,
# below the threshold of 0.8), r05 the letter with another word changed
# (J = 0.786 to r01, 19/31 = 0.61 to r03), r06 an answer of its own.  The
# weak link (within 0.05 of the threshold) joins the two campaigns the
# threshold made; r05, an answer of its own, still has to reach 0.8.
"$VERBA" import -f csv --id id --text-cols answer "$VB_TOP_SRCDIR/tests/data/campaigns/template-two-ways.csv" \
  2>/dev/null > "$TMP/camp.tsv"
check_status "campaigns of a template edited two ways" 0 "$VERBA" campaigns --report "$TMP/camp.tsv"
check_output "... one campaign of four, the lone edit left out" "campaign	question	size	similarity	first	example
C001	answer	4	0.79	r01:1	Please keep the old riverside library open on saturday mornings because working parents and their…" "$TMP/out"
check_status "--threshold 0.84: no weak link reaches 0.79" 0 "$VERBA" campaigns --report --threshold 0.84 "$TMP/camp.tsv"
check_output "... two campaigns" "campaign	question	size	similarity	first	example
C001	answer	2	1.00	r01:1	Please keep the old riverside library open on saturday mornings because working parents and their…
C002	answer	2	1.00	r03:1	Please keep the old riverside library open on weekend mornings because working parents and their…" "$TMP/out"

tap_done
