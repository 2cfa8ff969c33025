#!/bin/sh
# Golden tests of `verba campaigns` and of --campaigns in freq and matrix, on
# tests/data/campaigns/responses.tsv: six respondents answering two questions.
#
# L is a 35-word answer (33 word 3-shingles, none repeated).  In q1:
#   r01 1  L
#   r02 1  L in capitals with other punctuation: the same words
#   r03 1  L2 = L with older -> elderly: 3 shingles change, J(L, L2) = 30/36 = 0.83
#   r04 1  "Agree." (too short to be a member)
#   r05 1  L3 = L2 with cost -> charge: J(L2, L3) = 30/36 = 0.83, but
#          J(L, L3) = 27/39 = 0.69 (6 shingles changed)
#   r06 1  an answer of its own
# So C001 = r01:1 r02:1 r03:1 r05:1 (L3 through L2), similarity 0.69.
# In q2:
#   r01 2, r02 2  P, the same 23-word answer twice: C002, similarity 1.00
#   r03 2, r05 2  "Yes." (too short)
#   r04 2  L, but to the other question: no campaign in q2
#   r06 2  an answer of its own
#
# Codes (library.codebook: opening open* saturday*, cost cost* charg* pays,
# computers computer* machines):
#   L, L2 and L's copies: opening cost computers; L3: opening cost (charge)
#   computers; P: cost computers; r06 1: opening cost; r06 2: cost computers.
# Segments by question, counted in full (base 6 and 6):
#   opening   q1 r01 r02 r03 r05 r06 = 5   q2 r04 = 1          all 6
#   cost      q1 5                         q2 r01 r02 r04 r06 = 4   all 9
#   computers q1 r01 r02 r03 r05 = 4       q2 4                all 8
# Collapsed, the copies r02:1 r03:1 r05:1 and r02:2 are left out (4):
#   opening   q1 r01 r06 = 2   q2 1        all 3
#   cost      q1 2             q2 r01 r04 r06 = 3   all 5
#   computers q1 r01 = 1       q2 3        all 4
#   base      q1 r01 r04 r06 = 3   q2 r01 r03 r04 r05 r06 = 5   all 8
. "$VB_TOP_SRCDIR/tests/tap.sh"
DATA="$VB_TOP_SRCDIR/tests/data/campaigns"

check_status "report" 0 "$VERBA" campaigns --report "$DATA/responses.tsv"
check_output "report, tsv" "campaign	question	size	similarity	first	example
C001	q1	4	0.69	r01:1	Keep the Bramley library open on Saturdays. Families, students and older residents rely on it for…
C002	q2	2	1.00	r01:2	No. Charging for computers would shut out the people who most need them, like job seekers and older…" "$TMP/out"
check_output "summary line" "verba campaigns: 12 segments read, 6 in 2 campaigns (largest 4)" "$TMP/err"

"$VERBA" campaigns --report -t md "$DATA/responses.tsv" > "$TMP/t" 2> /dev/null
check_output "report, md" "### Campaigns

| campaign | question | size | similarity | first | example |
| --- | --- | ---: | ---: | --- | --- |
| C001 | q1 | 4 | 0.69 | r01:1 | Keep the Bramley library open on Saturdays. Families, students and older residents rely on it for… |
| C002 | q2 | 2 | 1.00 | r01:2 | No. Charging for computers would shut out the people who most need them, like job seekers and older… |

Size: segments in the campaign. Similarity: the lowest Jaccard similarity of a member's word 3-shingles to the first member's." "$TMP/t"

"$VERBA" campaigns --report -t csv "$DATA/responses.tsv" 2> /dev/null | head -2 > "$TMP/t"
check_output "report, csv" '"campaign","question","size","similarity","first","example"
"C001","q1","4","0.69","r01:1","Keep the Bramley library open on Saturdays. Families, students and older residents rely on it for…"' "$TMP/t"

check_status "annotated stream" 0 "$VERBA" campaigns "$DATA/responses.tsv"
cp "$TMP/out" "$TMP/marked.tsv"
cut -f1,2,9-12 "$TMP/marked.tsv" > "$TMP/t"
check_output "annotated stream: the new columns" "document	segment	question	campaign	campaign_size	duplicate_of
r01	1	q1	C001	4	
r01	2	q2	C002	2	
r02	1	q1	C001	4	r01:1
r02	2	q2	C002	2	r01:2
r03	1	q1	C001	4	r01:1
r03	2	q2			
r04	1	q1			
r04	2	q2			
r05	1	q1	C001	4	r01:1
r05	2	q2			
r06	1	q1			
r06	2	q2			" "$TMP/t"
cut -f1-9,13 "$TMP/marked.tsv" > "$TMP/rest"
if cmp -s "$TMP/rest" "$DATA/responses.tsv"; then ok "annotated stream: every other field as it was"
else not_ok "annotated stream: every other field as it was" "$(diff "$DATA/responses.tsv" "$TMP/rest" | head -5)"; fi

"$VERBA" campaigns -q "$TMP/marked.tsv" > "$TMP/again.tsv"
if cmp -s "$TMP/again.tsv" "$TMP/marked.tsv"; then ok "campaigns | campaigns: the same stream"
else not_ok "campaigns | campaigns: the same stream" "$(diff "$TMP/marked.tsv" "$TMP/again.tsv" | head -5)"; fi

# A coded stream keeps its code list and codings; stale values are replaced.
"$VERBA" code -q -c "$DATA/library.codebook" "$TMP/marked.tsv" > "$TMP/coded.tsv"
sed 's/	C002	2	/	C009	7	/' "$TMP/coded.tsv" > "$TMP/stale.tsv"
"$VERBA" campaigns -q "$TMP/stale.tsv" > "$TMP/t"
if cmp -s "$TMP/t" "$TMP/coded.tsv"; then ok "coded stream: code list kept, stale values replaced"
else not_ok "coded stream: code list kept, stale values replaced" "$(diff "$TMP/coded.tsv" "$TMP/t" | head -5)"; fi

"$VERBA" campaigns --report --within '' "$DATA/responses.tsv" 2> "$TMP/err" | cut -f1-4 > "$TMP/t"
check_output "--within '': all questions together" "campaign	size	similarity	first
C001	5	0.69	r01:1
C002	2	1.00	r01:2" "$TMP/t"
"$VERBA" campaigns --report --min-size 3 "$DATA/responses.tsv" 2> "$TMP/err" | cut -f1-3 > "$TMP/t"
check_output "--min-size 3: the pair is no campaign" "campaign	question	size
C001	q1	4" "$TMP/t"
check_output "--min-size 3: summary" "verba campaigns: 12 segments read, 4 in 1 campaign (largest 4)" "$TMP/err"
# 0.83 falls short of 0.9: only the copy that has the very same words is left.
"$VERBA" campaigns --report --threshold 0.9 "$DATA/responses.tsv" 2> /dev/null | cut -f1-5 > "$TMP/t"
check_output "--threshold 0.9" "campaign	question	size	similarity	first
C001	q1	2	1.00	r01:1
C002	q2	2	1.00	r01:2" "$TMP/t"
"$VERBA" campaigns --report --min-words 24 "$DATA/responses.tsv" 2> "$TMP/err"  > /dev/null
check_output "--min-words 24 leaves P (23 words) out" \
  "verba campaigns: 12 segments read, 4 in 1 campaign (largest 4)" "$TMP/err"

mkdir "$TMP/dest"
check_status "-o FILE" 0 "$VERBA" campaigns -q -o "$TMP/dest/m.tsv" "$DATA/responses.tsv"
if cmp -s "$TMP/dest/m.tsv" "$TMP/marked.tsv"; then ok "-o FILE: the stream"
else not_ok "-o FILE: the stream"; fi
check_eq "-o FILE: nothing on stdout or stderr" "" "$(cat "$TMP/out" "$TMP/err")"

check_status "--within an unknown attribute" 1 "$VERBA" campaigns --within topic "$DATA/responses.tsv"
check_grep "--within an unknown attribute: message" "unknown attribute 'topic' (this stream has: respondent, question" "$TMP/err"
check_status "--threshold 0" 2 "$VERBA" campaigns --threshold 0 "$DATA/responses.tsv"
check_status "--min-size 1" 2 "$VERBA" campaigns --min-size 1 "$DATA/responses.tsv"
check_status "two inputs" 2 "$VERBA" campaigns "$DATA/responses.tsv" "$DATA/responses.tsv"

# ---- freq and matrix ----
"$VERBA" freq --unit segment --by question --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "freq --campaigns count (the default)" "code	label	q1	q2	all
opening	Opening hours	5	1	6
cost	Cost	5	4	9
computers	Computers	4	4	8
base	Base (segments)	6	6	12" "$TMP/t"
"$VERBA" freq --unit segment --by question --cell count --campaigns count "$TMP/coded.tsv" > "$TMP/t2"
if cmp -s "$TMP/t" "$TMP/t2"; then ok "freq --campaigns count: the same"; else not_ok "freq --campaigns count: the same"; fi

"$VERBA" freq --unit segment --by question --cell count --campaigns collapse "$TMP/coded.tsv" > "$TMP/t"
check_output "freq --campaigns collapse" "code	label	q1	q2	all
opening	Opening hours	2	1	3
cost	Cost	2	3	5
computers	Computers	1	3	4
base	Base (segments)	3	5	8" "$TMP/t"

"$VERBA" freq --unit segment --campaigns collapse -t md "$TMP/coded.tsv" | tail -1 > "$TMP/t"
check_output "freq --campaigns collapse: the note" \
  "Campaigns collapsed: each counts once, through its first member; 4 copies were left out." "$TMP/t"
"$VERBA" freq --unit segment -t md "$TMP/coded.tsv" | tail -1 > "$TMP/t"
check_output "freq counting campaigns in full: the note" \
  "Campaign responses are counted in full: 4 counted segments copy a campaign's first member." "$TMP/t"

# Respondents (documents) by type: r01 r02 r04 individuals, r03 r05 r06
# organisations.  Collapsed, r02 has no counted segment left (base 2), r03
# and r05 only "Yes.".  Cost: r01 r02 r04 | r03 r05 r06 in full; r01 r04 |
# r06 collapsed.
"$VERBA" matrix --rows respondent --cols code --campaigns collapse "$TMP/coded.tsv" > "$TMP/t"
check_output "matrix --campaigns collapse" "respondent	label	opening	cost	computers	base
individual	individual	2	2	2	2
organisation	organisation	1	1	1	3" "$TMP/t"
"$VERBA" matrix --rows respondent --cols code "$TMP/coded.tsv" > "$TMP/t"
check_output "matrix, campaigns in full" "respondent	label	opening	cost	computers	base
individual	individual	3	3	3	3
organisation	organisation	3	3	3	3" "$TMP/t"

"$VERBA" code -q -c "$DATA/library.codebook" "$DATA/responses.tsv" > "$TMP/plain.tsv"
check_status "collapse without the columns" 1 "$VERBA" freq --campaigns collapse "$TMP/plain.tsv"
check_output "collapse without the columns: message" \
  "verba freq: $TMP/plain.tsv: --campaigns collapse needs a duplicate_of column: run the stream through 'verba campaigns' first" "$TMP/err"
check_status "matrix collapse without the columns" 1 "$VERBA" matrix --rows code --cols question --campaigns collapse "$TMP/plain.tsv"
check_status "--campaigns unknown" 2 "$VERBA" freq --campaigns once "$TMP/coded.tsv"
check_grep "--campaigns unknown: message" "unknown --campaigns 'once' (known: count, collapse)" "$TMP/err"

tap_done
