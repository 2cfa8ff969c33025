#!/bin/sh
# verba code --corrections: a researcher's fixes to the coding, kept in a
# CSV file, applied after the rules the same way at any -j, refused (with
# file:line, nothing written) when they no longer match the stream, and
# seen by verba agree as exactly the segments they changed.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/study"
cat > "$TMP/study/i01.txt" <<'EOF'
Interviewer: What should a provider owe the public?
Margaret: Honesty, above all, when something goes wrong.
Interviewer: And who holds them to it?
Margaret: The council should, and it should publish what it finds.
Tom: Honesty matters to me as well, and so does openness.
EOF
cat > "$TMP/study/i02.txt" <<'EOF'
Moderator: Who should answer for a service?
P4: The manager should answer for it, honestly.
Derek: I want them to be open about mistakes.
EOF
# Words joined by OR: the codebook the direct lane takes.
cat > "$TMP/cb.codebook" <<'EOF'
[codebook]
id = fix
title = Corrections test

[principle:honesty]
label = Honesty
rule = honest*

[principle:openness]
label = Openness
rule = openness OR publish*
EOF
cat > "$TMP/fix.csv" <<'EOF'
document,segment,text,code,action,who,why
i01,5,,openness,remove,ana,"""so does openness"" agrees, it does not ask for openness"
i02,,open about mistakes,openness,add,ana,candour about mistakes is openness
i02,2,,honesty,remove,ben,answering for it is accountability
EOF
"$VERBA" import -q "$TMP/study" > "$TMP/seg.tsv"
"$VERBA" code -q -c "$TMP/cb.codebook" "$TMP/seg.tsv" > "$TMP/before.tsv"
check_status "code --corrections -j 1" 0 \
  "$VERBA" code -c "$TMP/cb.codebook" --corrections "$TMP/fix.csv" -j 1 "$TMP/seg.tsv"
mv "$TMP/out" "$TMP/after.tsv"
check_output "the accounting line says corrections were applied" \
  "verba code: 8 segments read, 4 coded, 4 uncoded, 0 rejected; corrections applied" "$TMP/err"
cut -f 1,2,8,9 "$TMP/after.tsv" | sed 1,3d > "$TMP/cols"
check_output "remove drops the rule coding, add codes the whole segment as edit:WHO" \
"document	segment	codes	codings
i01	1		
i01	2	honesty	honesty@0-7/rule:rule
i01	3		
i01	4	openness	openness@34-41/rule:rule
i01	5	honesty	honesty@0-7/rule:rule
i02	1		
i02	2		
i02	3	openness	openness@0-38/edit:ana" "$TMP/cols"
"$VERBA" code -q -c "$TMP/cb.codebook" --corrections "$TMP/fix.csv" -j 2 "$TMP/seg.tsv" > "$TMP/j2.tsv"
check_eq "-j 2 writes the same bytes as -j 1" "" "$(cmp "$TMP/after.tsv" "$TMP/j2.tsv" 2>&1)"
VERBA_NO_DIRECT=1 "$VERBA" code -q -c "$TMP/cb.codebook" --corrections "$TMP/fix.csv" -j 2 \
  "$TMP/seg.tsv" > "$TMP/general.tsv"
check_eq "the direct lane does not bypass the corrections" "" \
  "$(cmp "$TMP/after.tsv" "$TMP/general.tsv" 2>&1)"
"$VERBA" code -q -c "$TMP/cb.codebook" --corrections "$TMP/fix.csv" "$TMP/after.tsv" > "$TMP/again.tsv"
check_eq "re-coding a corrected stream with its corrections changes nothing" "" \
  "$(cmp "$TMP/after.tsv" "$TMP/again.tsv" 2>&1)"

"$VERBA" code -q --long -c "$TMP/cb.codebook" --corrections "$TMP/fix.csv" "$TMP/seg.tsv" \
  | tail -n 1 | cut -f 1,2,6- > "$TMP/cols"
check_output "--long shows the edit and who made it" \
  "i02	3	openness	principle	0	38	edit:ana	I want them to be open about mistakes." "$TMP/cols"

"$VERBA" agree -D "$TMP/before.tsv" "$TMP/after.tsv" > "$TMP/d.tsv"
check_output "agree lists exactly the corrected segments" \
"document	segment	code	before	after	text
i01	5	openness	1	0	Honesty matters to me as well, and so does openness.
i02	2	honesty	1	0	The manager should answer for it, honestly.
i02	3	openness	0	1	I want them to be open about mistakes." "$TMP/d.tsv"

# Rows applied in file order: the last word on a segment and code wins.
cat > "$TMP/order.csv" <<'EOF'
document,segment,code,action,who,why
i01,1,honesty,add,ana,
i01,1,honesty,remove,ben,not honesty
i01,2,openness,remove,ana,
i01,2,openness,add,ben,owning up is openness
EOF
"$VERBA" code -q -c "$TMP/cb.codebook" --corrections "$TMP/order.csv" -j 2 "$TMP/seg.tsv" \
  | cut -f 1,2,9 | sed -n '5,6p' > "$TMP/cols"
check_output "corrections apply in file order" \
"i01	1	
i01	2	honesty@0-7/rule:rule;openness@0-46/edit:ben" "$TMP/cols"

# After a model too: its coding goes, a human coder's stays.
cat > "$TMP/sheet.csv" <<'EOF'
id,answer,Staff,Wait
r1,The nurses were kind and caring,1,0
r2,Kind staff but a long wait,1,1
r3,We waited four hours to be seen,0,1
r4,The wait was far too long,0,1
r5,Lovely caring nurses and doctors,1,0
r6,The car park was full,0,0
r7,Staff were rude and the wait was long,1,1
EOF
printf 'document,segment,code,action,who,why\nr1,1,staff,remove,ben,\nr6,1,wait,add,ben,\n' \
  > "$TMP/model-fix.csv"
"$VERBA" import -q -f csv --id id --text-cols answer --code-cols Staff-Wait --coder ana \
  "$TMP/sheet.csv" -o "$TMP/t.tsv" \
  && "$VERBA" learn -q --min-examples 3 -o "$TMP/m.model" "$TMP/t.tsv"
"$VERBA" code -q --model "$TMP/m.model" --corrections "$TMP/model-fix.csv" -j 2 "$TMP/t.tsv" \
  | grep -v '^#' | cut -f 1,10 | sed -n '2p;7p' > "$TMP/cols"
check_output "corrections apply after the model" \
"r1	staff@0-31/coder:ana
r6	wait@0-21/edit:ben" "$TMP/cols"

# Errors: file:line, exit 1, nothing on standard output.
bad () {
  printf '%s\n' "$2" > "$TMP/bad.csv"
  check_status "$1: exit 1" 1 "$VERBA" code -c "$TMP/cb.codebook" --corrections "$TMP/bad.csv" \
    -j 2 "$TMP/seg.tsv"
  check_output "$1: message" "verba code: $TMP/bad.csv:$3" "$TMP/err"
  check_eq "$1: nothing written" 0 "$(wc -c < "$TMP/out")"
}
bad "no such segment" "document,segment,code,action,who
i01,9,honesty,add,ana" "2: document 'i01' has no segment 9 in the stream"
bad "no such document" "document,segment,code,action,who
i01,1,honesty,add,ana
i03,1,honesty,add,ana" "3: document 'i03' has no segment 1 in the stream"
bad "anchor found nowhere" "document,text,code,action,who
i02,transparency,honesty,add,ana" "2: no segment of document 'i02' contains 'transparency'"
bad "anchor in two segments" "document,text,code,action,who
i01,Honesty,honesty,add,ana" \
  "2: 'Honesty' occurs in 2 segments of document 'i01' (2, 5): give the segment number too, or a longer anchor"
bad "anchor not in the numbered segment" "document,segment,text,code,action,who
i01,4,Honesty,honesty,add,ana" \
  "2: segment 4 of document 'i01' does not contain 'Honesty' (or is not in the stream)"
bad "unknown code" "document,segment,code,action,who
i01,1,trust,add,ana" "2: code 'trust' is not in the codebook"
bad "unknown action" "document,segment,code,action,who
i01,1,honesty,keep,ana" "2: the action must be 'add' or 'remove'"
bad "no who" "document,segment,code,action,who
i01,1,honesty,add," "2: no 'who': say who made the correction"
bad "bad segment number" "document,segment,code,action,who
i01,0,honesty,add,ana" "2: the segment must be a number from 1"
bad "no segment column" "document,code,action,who" \
  "1: no 'segment' or 'text' column: say which segment each row corrects"
bad "unknown column" "document,segment,code,action,who,when" \
  "1: column 6: unknown column 'when' (known: document, segment, text, code, action, who, why)"
bad "short row" "document,segment,code,action,who
i01,1,honesty" "2: expected 5 columns as in the header, found 3"

check_status "a failed run leaves no -o file" 1 "$VERBA" code -c "$TMP/cb.codebook" \
  --corrections "$TMP/bad.csv" -o "$TMP/never.tsv" "$TMP/seg.tsv"
check_eq "no -o file" "no" "$(test -e "$TMP/never.tsv" && echo yes || echo no)"
tap_done
