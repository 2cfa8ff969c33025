#!/bin/sh
# A participants sidecar: document, speaker and each person's attributes,
# so that tables count and split by the people in a group, not only by
# the group.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/study"
cat > "$TMP/study/g1.txt" <<'T'
Moderator: What should services owe people?
P1: Honesty, above all.
P2: Honesty and openness.
P3: Openness about what goes wrong.
T
cat > "$TMP/study/g2.txt" <<'T'
Moderator: And here?
P1: They should be honest with us.
P2: Nothing more to say.
T
cat > "$TMP/study/participants.csv" <<'T'
document,speaker,gender,age,pseudonym
g1,P1,woman,61+,Resident A
g1,P2,man,18-35,Resident B
g1,P3,woman,36-60,Resident C
g2,P1,man,61+,Resident D
g2,P2,woman,18-35,Resident E
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
T
"$VERBA" import "$TMP/study" 2> "$TMP/err" > "$TMP/s.tsv"
check_eq "imports without a warning" "" "$(grep -v 'verba import: [0-9]* documents' "$TMP/err")"
cut -f1,3,8,9 "$TMP/s.tsv" > "$TMP/t"
check_output "each speaker's segments carry their own attributes; the moderator none" \
"document	speaker	gender	age
g1	Moderator		
g1	P1	woman	61+
g1	P2	man	18-35
g1	P3	woman	36-60
g2	Moderator		
g2	P1	man	61+
g2	P2	woman	18-35" "$TMP/t"

"$VERBA" code -q -c "$TMP/cb.codebook" "$TMP/s.tsv" > "$TMP/c.tsv"
"$VERBA" freq --by gender --unit speaker --cell count "$TMP/c.tsv" > "$TMP/t"
check_output "tables split by each person's attribute" \
"code	label	man	woman	all
honesty	Honesty	2	1	3
openness	Openness	1	1	2
base	Base (participants)	2	3	5" "$TMP/t"
"$VERBA" quotes --code openness -t txt "$TMP/c.tsv" > "$TMP/t"
check_grep "the pseudonym column names the speaker in quotes" '"Honesty and openness." g1, Resident B.' "$TMP/t"

# A row for someone who never speaks is reported; two rows for one person fail.
printf 'document,speaker,gender\ng1,P9,man\n' > "$TMP/study/participants.csv"
"$VERBA" import "$TMP/study" 2> "$TMP/err" > /dev/null
check_grep "a participant who never speaks is warned about" \
  "participants.csv: no segment of speaker 'P9' in document 'g1' was imported" "$TMP/err"
printf 'document,speaker,gender\ng1,P1,man\ng1,P1,woman\n' > "$TMP/study/participants.csv"
check_status "one person twice" 1 "$VERBA" import "$TMP/study"
check_grep "... names the line" "participants.csv:3: speaker 'P1' of document 'g1' has a second row" "$TMP/err"

tap_done
