#!/bin/sh
# Golden tests of `verba freq` on tests/data/golden, a study small enough to
# count by hand.  The counts below were worked out from the source files,
# not from verba's output:
#
# Counted (participant) segments and their codes (mini.codebook):
#   g1 (public):  1 bullet ""  transparency -> openness
#                 3 P1  polite -> respect, truth -> honesty
#                 4 P2  Inspections -> scrutiny
#                 5 quote ""  honest -> honesty
#                 6 bullet "" (prompted)  respect -> respect, dignity -> dignity
#                 7 P1 (prompted)  Openness -> openness
#   g2 (public):  1 bullet ""  (no code)
#                 3 P3 (prompted)  Honesty -> honesty
#   i1 (stakeholder): 2 Respondent  Transparency -> openness, inspect -> scrutiny
#                 4 Respondent  honest, honest -> honesty (2 mentions)
#                 6 Respondent (prompted)  Respect -> respect, dignity -> dignity
#   i2 (stakeholder): 2 A  Honesty -> honesty, regulators -> scrutiny
#                 4 A  "openly" is not openness or transparen*: no code
# Moderator/interviewer segments (not counted) also carry codes: i1 1 (openness,
# honesty), i1 5 (respect), i2 3 (openness), g2 2 (honesty).
#
# Documents (base public 2, stakeholder 2, all 4):
#   openness  g1 | i1          -> 1, 1, 2
#   honesty   g1 g2 | i1 i2    -> 2, 2, 4
#   scrutiny  g1 | i1 i2       -> 1, 2, 3
#   respect   g1 | i1          -> 1, 1, 2
#   dignity   g1 | i1          -> 1, 1, 2
# Participants (document + speaker; unnamed contributions of a document count
# as one): public g1:"", g1:P1, g1:P2, g2:"", g2:P3 = 5; stakeholder
# i1:Respondent, i2:A = 2; all 7.
#   openness  g1:"" g1:P1 | i1:R             -> 2, 1, 3
#   honesty   g1:P1 g1:"" g2:P3 | i1:R i2:A  -> 3, 2, 5
#   scrutiny  g1:P2 | i1:R i2:A              -> 1, 2, 3
#   respect   g1:P1 g1:"" | i1:R             -> 2, 1, 3
#   dignity   g1:"" | i1:R                   -> 1, 1, 2
# Segments: public 8, stakeholder 5, all 13; counts as the list above.
# Mentions (codings): openness 3, honesty 6 (i1 4 has two), scrutiny 3,
#   respect 3, dignity 2.
# Indicative words, default scale: 1 of 2 "one" (the count-1 band comes before
# the shares), 2 of 4 "half", 3 of 4 "most", 2 of 2 "all", 3 of 7 = 0.43 "many",
# 5 of 7 = 0.71 "most", 2 of 7 = 0.29 "some", 1 of 5 "one", 2 of 5 = 0.4 "many",
# 3 of 5 = 0.6 "most"; bases under 5 are marked with *.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$GOLDEN" > "$TMP/segments.tsv"
"$VERBA" code -q -c "$GOLDEN/mini.codebook" "$TMP/segments.tsv" > "$TMP/coded.tsv"

"$VERBA" freq --unit document --by stage --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "documents by stage, counts" "code	label	public	stakeholder	all
openness	Openness	1	1	2
honesty	Honesty	2	2	4
scrutiny	Scrutiny	1	2	3
respect	Respect	1	1	2
dignity	Dignity	1	1	2
base	Base (documents)	2	2	4" "$TMP/t"

"$VERBA" freq --unit document --by stage "$TMP/coded.tsv" > "$TMP/t"
check_output "documents by stage, indicative words" "code	label	public	stakeholder	all
openness	Openness	one* (1 of 2)	one* (1 of 2)	half* (2 of 4)
honesty	Honesty	all* (2 of 2)	all* (2 of 2)	all* (4 of 4)
scrutiny	Scrutiny	one* (1 of 2)	all* (2 of 2)	most* (3 of 4)
respect	Respect	one* (1 of 2)	one* (1 of 2)	half* (2 of 4)
dignity	Dignity	one* (1 of 2)	one* (1 of 2)	half* (2 of 4)
base	Base (documents)	2	2	4" "$TMP/t"

"$VERBA" freq --unit speaker --by stage "$TMP/coded.tsv" > "$TMP/t"
check_output "participants by stage" "code	label	public	stakeholder	all
openness	Openness	many (2 of 5)	one* (1 of 2)	many (3 of 7)
honesty	Honesty	most (3 of 5)	all* (2 of 2)	most (5 of 7)
scrutiny	Scrutiny	one (1 of 5)	all* (2 of 2)	many (3 of 7)
respect	Respect	many (2 of 5)	one* (1 of 2)	many (3 of 7)
dignity	Dignity	one (1 of 5)	one* (1 of 2)	some (2 of 7)
base	Base (participants)	5	2	7" "$TMP/t"

"$VERBA" freq --unit segment --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "segments, no --by" "code	label	all
openness	Openness	3
honesty	Honesty	5
scrutiny	Scrutiny	3
respect	Respect	3
dignity	Dignity	2
base	Base (segments)	13" "$TMP/t"

# Respect's 3 codings and, rolled up by default, dignity's 2.
"$VERBA" freq --unit mention "$TMP/coded.tsv" > "$TMP/t"
check_output "mentions have counts and no base" "code	label	all
openness	Openness	3
honesty	Honesty	6
scrutiny	Scrutiny	3
respect	Respect	5
dignity	Dignity	2" "$TMP/t"
"$VERBA" freq --unit mention --no-rollup "$TMP/coded.tsv" > "$TMP/t"
check_output "--no-rollup: respect's own codings only" "code	label	all
openness	Openness	3
honesty	Honesty	6
scrutiny	Scrutiny	3
respect	Respect	3
dignity	Dignity	2" "$TMP/t"

# With moderators: i1 1 adds openness and honesty to i1's interviewer, i1 5
# respect, i2 3 openness, g2 2 honesty.  Segments: 13 + 7 moderator = 20.
"$VERBA" freq --unit segment --cell count --include-moderator "$TMP/coded.tsv" > "$TMP/t"
check_output "moderators counted when asked" "code	label	all
openness	Openness	5
honesty	Honesty	7
scrutiny	Scrutiny	3
respect	Respect	4
dignity	Dignity	2
base	Base (segments)	20" "$TMP/t"

# Prompted phase only: counted prompted segments are g1 6, g1 7, g2 3, i1 6;
# documents with one: g1, g2, i1 = 3.
"$VERBA" freq --phase prompted --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "prompted phase" "code	label	all
openness	Openness	1
honesty	Honesty	1
scrutiny	Scrutiny	0
respect	Respect	2
dignity	Dignity	2
base	Base (documents)	3" "$TMP/t"

# The phase as columns (a field of every segment, usable like an attribute).
# Spontaneous documents: g1, g2, i1, i2 = 4; prompted: g1, g2, i1 = 3.
# Honesty spontaneously: g1, i1, i2 (g2's only honesty before the prompt is
# the moderator's).
"$VERBA" freq --by phase --no-total --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "by phase, spontaneous first" "code	label	spontaneous	prompted
openness	Openness	2	1
honesty	Honesty	3	1
scrutiny	Scrutiny	3	0
respect	Respect	1	2
dignity	Dignity	0	2
base	Base (documents)	4	3" "$TMP/t"

# Rollup: respect counts dignity's codings too; both respect segments already
# carry dignity, so the counts stay; sub-themes keep their own rows.
"$VERBA" freq --rollup --rows theme --cell count -u segment "$TMP/coded.tsv" > "$TMP/t"
check_output "rollup, themes only" "theme	label	all
scrutiny	Scrutiny	3
respect	Respect	3
dignity	Dignity	2
base	Base (segments)	13" "$TMP/t"
check_eq "--rollup is the default" "$(cat "$TMP/t")" \
  "$("$VERBA" freq --rows theme --cell count -u segment "$TMP/coded.tsv")"
check_status "--rollup and --no-rollup" 2 "$VERBA" freq --rollup --no-rollup "$TMP/coded.tsv"
check_grep "... one or the other" "verba freq: --rollup and --no-rollup: one or the other" "$TMP/err"

# The notes say which rule counted, either way, as TSV has no notes:
"$VERBA" freq --rows theme -t txt "$TMP/coded.tsv" > "$TMP/t"
check_grep "roll-up said under the table" "Parent themes count their sub-themes' codings." "$TMP/t"
"$VERBA" freq --rows theme -t txt --no-rollup "$TMP/coded.tsv" > "$TMP/t"
check_grep "... and no roll-up" "Parent themes do not count their sub-themes' codings." "$TMP/t"
"$VERBA" freq --rows principle -t txt "$TMP/coded.tsv" > "$TMP/t"
check_eq "... not under a table of principles, where there is nothing to roll up" 0 \
  "$(grep -c 'Parent themes' "$TMP/t")"
"$VERBA" matrix --rows theme --cols principle -t txt --no-rollup "$TMP/coded.tsv" > "$TMP/t"
check_grep "matrix --no-rollup says so too" "Parent themes do not count their sub-themes' codings." "$TMP/t"
"$VERBA" freq --rows theme -t json "$TMP/coded.tsv" > "$TMP/t.json"
check_status "JSON stays valid, with the note" 0 python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert \"Parent themes count their sub-themes' codings.\" in d['notes']" "$TMP/t.json"
"$VERBA" freq --print-scale > "$TMP/scale.ini"
check_status "--print-scale still a scale --scale reads" 0 "$VERBA" freq --scale "$TMP/scale.ini" "$TMP/coded.tsv"

# --where keeps the public groups only.
"$VERBA" freq --where stage=public --rows principle --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "where stage=public" "principle	label	all
openness	Openness	1
honesty	Honesty	2
base	Base (documents)	2" "$TMP/t"

"$VERBA" freq --by stage -t md --rows principle "$TMP/coded.tsv" > "$TMP/t"
check_output "markdown" "### Principles by stage (documents)

|  | public | stakeholder | All |
| --- | ---: | ---: | ---: |
| Openness | one* (1 of 2) | one* (1 of 2) | half* (2 of 4) |
| Honesty | all* (2 of 2) | all* (2 of 2) | all* (4 of 4) |
| *Base (documents)* | 2 | 2 | 4 |

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
Words marked \\* rest on a base below 5." "$TMP/t"

"$VERBA" freq --by stage -t csv --cell label --rows principle "$TMP/coded.tsv" > "$TMP/t"
check_output "csv" '"principle","label","public","stakeholder","all"
"openness","Openness","one*","one*","half*"
"honesty","Honesty","all*","all*","all*"
"base","Base (documents)","2","2","4"' "$TMP/t"

"$VERBA" freq --cell share -u speaker --rows principle "$TMP/coded.tsv" > "$TMP/t"
check_output "shares" "principle	label	all
openness	Openness	43%
honesty	Honesty	71%
base	Base (participants)	7" "$TMP/t"

# A scale of one's own: two words and a gap-free catch-all.
cat > "$TMP/two.scale" <<'SCALE'
[scale]
min-base = 1
bands = majority;minority
[band:majority]
share-above = 0.5
[band:minority]
count-min = 0
SCALE
"$VERBA" freq --scale "$TMP/two.scale" --cell label --rows principle "$TMP/coded.tsv" > "$TMP/t"
check_output "custom scale" "principle	label	all
openness	Openness	minority
honesty	Honesty	majority
base	Base (documents)	4" "$TMP/t"

"$VERBA" freq --print-scale > "$TMP/t"
if cmp -s "$TMP/t" "$VB_TOP_SRCDIR/data/scales/indicative.scale"; then
  ok "--print-scale prints data/scales/indicative.scale"
else
  not_ok "--print-scale prints data/scales/indicative.scale"
fi

tap_done
