#!/bin/sh
# A group's stated size ("Participants: 10" in its notes' header) is its
# base when tables count participants: the named speakers count as
# themselves, the rest are those who did not speak on record.  A group that
# states no size keeps the rule of named speakers and one for the unnamed
# contributions; one that states fewer than speak by name is warned about
# and counts its named speakers.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/study"
cat > "$TMP/study/g1.txt" <<'T'
Group: G1
Participants: 10
Moderator: Rachel

# Spontaneous

Rachel: What should public services owe people?
P1: Honesty, above all.
P2: Openness about mistakes.

- Several agreed that honesty matters most.

# Prompted

- Trust came up among the quieter ones.
T
cat > "$TMP/study/g2.txt" <<'T'
Group: G2
Moderator: Rachel

# Spontaneous

Rachel: And here?
P1: They should be honest with us.
P2: Openness, mostly.
P3: Trust has to be earned.

- Openness again, from the back of the room.
T
cat > "$TMP/study/g3.txt" <<'T'
Group: G3
Participants: 2
Moderator: Rachel

# Spontaneous

Rachel: And you?
P1: Honesty.
P2: Being honest when it goes wrong.
P3: Honest answers and trust.

- Everyone said honesty.
T
cat > "$TMP/cb.codebook" <<'T'
[codebook]
id = p
title = P

[principle:honesty]
label = Honesty
rule = honest*

[principle:openness]
label = Openness
rule = openness

[theme:trust]
label = Trust
rule = trust
principles = honesty
T

check_status "a stated size below the named speakers: a warning, not an error" 0 \
  "$VERBA" import "$TMP/study"
check_output "... naming the file and the header's line" \
"verba import: warning: $TMP/study/g3.txt:2: 'participants: 2' is fewer than the 3 participants who speak by name: tables take 3 as the group's size
verba import: 3 documents, 15 segments, 0 files not read" "$TMP/err"
check_status "... and a failure with --strict" 1 "$VERBA" import --strict "$TMP/study"
"$VERBA" import -q "$TMP/study" 2> /dev/null | "$VERBA" code -q -c "$TMP/cb.codebook" > "$TMP/c.tsv"

"$VERBA" freq -u speaker --by group -t md "$TMP/c.tsv" > "$TMP/t"
check_output "freq: stated sizes are the bases, named speakers elsewhere; a cell at most the size" \
"### Codes by group (participants)

|  | G1 | G2 | G3 | All |
| --- | ---: | ---: | ---: | ---: |
| Honesty | some (2 of 10) | one* (1 of 4) | all* (3 of 3) | many (6 of 17) |
| Openness | one (1 of 10) | half* (2 of 4) | none* (0 of 3) | a few (3 of 17) |
| Trust | one (1 of 10) | one* (1 of 4) | one* (1 of 3) | a few (3 of 17) |
| *Base (participants)* | 10 | 4 | 3 | 17 |

Count: participants that raised the code. Base: participants with a counted segment in the column.
Participants: the stated size of 2 groups (13 participants, those who did not speak on record included); for the other document, each named speaker and one for the unnamed contributions.
More participants speak by name than stated in g3 (2 stated, 3 named): the named speakers are the size.
Moderators' and interviewers' words are not counted.
Words marked \\* rest on a base below 5." "$TMP/t"

"$VERBA" freq -u speaker --by group -t html "$TMP/c.tsv" > "$TMP/t"
check_grep "html: the notes say how the base was made" \
  "<br/>Participants: the stated size of 2 groups (13 participants, those who did not speak on record included)" "$TMP/t"
"$VERBA" freq -u speaker --by group -t json "$TMP/c.tsv" > "$TMP/t"
check_grep "json: so do its notes" \
  '"More participants speak by name than stated in g3 (2 stated, 3 named): the named speakers are the size."' "$TMP/t"

"$VERBA" matrix --rows theme --cols principle -u speaker -t txt "$TMP/c.tsv" > "$TMP/t"
check_output "matrix: theme x principle on the same base" \
"Themes by principle (participants)

                     Honesty  Openness
--------------------------------------
Trust                      1         0
Base (participants)       17        17

Count: participants with a segment coded with both. Base: participants with a counted segment.
Participants: the stated size of 2 groups (13 participants, those who did not speak on record included); for the other document, each named speaker and one for the unnamed contributions.
More participants speak by name than stated in g3 (2 stated, 3 named): the named speakers are the size.
Moderators' and interviewers' words are not counted." "$TMP/t"

"$VERBA" matrix --rows group --cols code -u speaker --cell count "$TMP/c.tsv" > "$TMP/t"
check_output "matrix: attribute rows have the stated sizes as their bases" \
"group	label	honesty	openness	trust	base
G1	G1	2	1	1	10
G2	G2	1	2	1	4
G3	G3	3	0	1	3" "$TMP/t"

# The whole group was there in both phases: a phase column keeps the size.
"$VERBA" freq -u speaker --by phase --cell count "$TMP/c.tsv" > "$TMP/t"
check_output "phases: every group's size in each phase it spoke in" \
"code	label	spontaneous	prompted	all
honesty	Honesty	6	0	6
openness	Openness	3	0	3
trust	Trust	2	1	3
base	Base (participants)	17	10	17" "$TMP/t"

# A size says nothing of a part of the group a filter picks out.
"$VERBA" freq -u speaker --where speaker=P1 -t txt "$TMP/c.tsv" > "$TMP/t"
check_output "a filter on the speaker: named speakers, and the notes say why" \
"Codes (participants)

                                All
-----------------------------------
Honesty               all* (3 of 3)
Openness             none* (0 of 3)
Trust                none* (0 of 3)
Base (participants)               3

Count: participants that raised the code. Base: participants with a counted segment.
Participants: each named speaker of a document, and one for its unnamed contributions.
The stated sizes of 2 groups are not used: the table splits or filters them by speaker, in which their participants differ.
Moderators' and interviewers' words are not counted.
Only segments with speaker=P1.
Words marked * rest on a base below 5." "$TMP/t"

"$VERBA" freq -u document --by group --cell count "$TMP/c.tsv" > "$TMP/t"
check_output "other units are as they were" \
"code	label	G1	G2	G3	all
honesty	Honesty	1	1	1	3
openness	Openness	1	1	0	2
trust	Trust	1	1	1	3
base	Base (documents)	1	1	1	3" "$TMP/t"

# The report's study table counts participants the same way.
"$VERBA" report -c "$TMP/cb.codebook" -t html -o "$TMP/r.html" "$TMP/study" 2> /dev/null
check_grep "report: the study's participants from the stated sizes" \
  '<th scope="row" style="text-align:left;">All</th><td style="text-align:right;">3</td><td style="text-align:right;">17</td>' "$TMP/r.html"

# A size that is not a number is said, and states nothing.
sed 's/^Participants: 10$/Participants: about ten/' "$TMP/study/g1.txt" > "$TMP/g1.txt"
mv "$TMP/g1.txt" "$TMP/study/g1.txt"
"$VERBA" import "$TMP/study" 2> "$TMP/err" | "$VERBA" code -q -c "$TMP/cb.codebook" \
  | "$VERBA" freq -u speaker --by group --cell count > "$TMP/t"
check_grep "a size that is not a number is warned about" \
  "$TMP/study/g1.txt:2: 'participants: about ten' is not a whole number from 1 to 100000: tables do not take it as the group's size" "$TMP/err"
check_output "... and the group counts its named speakers" \
"code	label	G1	G2	G3	all
honesty	Honesty	2	1	3	6
openness	Openness	1	2	0	3
trust	Trust	1	1	1	3
base	Base (participants)	3	4	3	10" "$TMP/t"

tap_done
