#!/bin/sh
# `verba quotes` on tests/data/golden (codes of each segment: see freq.sh).
# Ranking: more codings of the code first, then nearest a readable length
# (60-300 characters), one per speaker before anyone is quoted twice, then
# stream order.  The note-taker's bullets (kind=note) are not verbatims.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$GOLDEN" | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > "$TMP/coded.tsv"

# Honesty: i1 4 has two codings and comes first; the others have one each
# and are ranked by length: the g1 quote (38 characters) is nearer 60 than
# P1's 35; g2's P3 (18) and i2's A are next.  -n 3 keeps three.
"$VERBA" quotes --code honesty "$TMP/coded.tsv" > "$TMP/t"
check_output "honesty, ranked" 'code	label	rank	quote	document	segment	speaker
honesty	Honesty	1	"Staff should be honest with people, honest about money." Commissioner, health.	i1	4	Respondent
honesty	Honesty	2	"They should be honest about mistakes." Leeds, 18-35, C2DE.	g1	5	
honesty	Honesty	3	"Being polite and telling the truth." Leeds, 18-35, C2DE.	g1	3	P1' "$TMP/t"

"$VERBA" quotes --code honesty --by stage -n 1 -t md "$TMP/coded.tsv" > "$TMP/t"
check_output "one per stage, markdown" '### Honesty

**public**

> "They should be honest about mistakes." Leeds, 18-35, C2DE.

**stakeholder**

> "Staff should be honest with people, honest about money." Commissioner, health.
' "$TMP/t"

# Respect: the g1 bullet "Most agreed respect and dignity matter." is a note,
# left out unless --notes.
"$VERBA" quotes --code respect -t txt "$TMP/coded.tsv" > "$TMP/t"
check_output "notes are not verbatims" 'Respect
  "Being polite and telling the truth." Leeds, 18-35, C2DE.
  "Respect for dignity is the basis." Commissioner, health.
' "$TMP/t"
"$VERBA" quotes --code respect --notes -n 1 -t txt "$TMP/coded.tsv" > "$TMP/t"
check_grep "--notes includes them" '"Most agreed respect and dignity matter." Leeds, 18-35, C2DE.' "$TMP/t"

"$VERBA" quotes --code respect --attribution '{document} ({speaker}, {stage})' -t csv "$TMP/coded.tsv" > "$TMP/t"
check_output "attribution template, csv" '"code","label","rank","quote","document","segment","speaker"
"respect","Respect","1","""Being polite and telling the truth."" g1 (P1, public).","g1","3","P1"
"respect","Respect","2","""Respect for dignity is the basis."" i1 (Respondent, stakeholder).","i1","6","Respondent"' "$TMP/t"

"$VERBA" quotes --code openness --max-chars 20 -t txt "$TMP/coded.tsv" > "$TMP/t"
check_grep "long verbatims cut at a word" '"Transparency matters…" Commissioner, health.' "$TMP/t"

# Moderators are never quoted unless asked: i2 3 "And openness?" is the
# interviewer's.
"$VERBA" quotes --code openness -n 9 "$TMP/coded.tsv" > "$TMP/t"
check_eq "no interviewer quoted" 0 "$(grep -c 'And openness' "$TMP/t")"
"$VERBA" quotes --code openness -n 9 --include-moderator "$TMP/coded.tsv" > "$TMP/t"
check_eq "interviewer quoted with --include-moderator" 1 "$(grep -c 'And openness' "$TMP/t")"

# Segment fields work as --by too: openness was said spontaneously by i1's
# respondent and when prompted by g1's P1.
"$VERBA" quotes --code openness --by phase -n 1 "$TMP/coded.tsv" | cut -f3,5 > "$TMP/t"
check_output "--by phase, in natural order" 'phase	quote
prompted	"Openness, every time." Leeds, 18-35, C2DE.
spontaneous	"Transparency matters most to us. We inspect every provider." Commissioner, health.' "$TMP/t"

check_status "unknown code" 1 "$VERBA" quotes --code nosuch "$TMP/coded.tsv"
check_output "unknown code: message with the codes" \
  "verba quotes: unknown code 'nosuch' (the codes: openness, honesty, scrutiny, respect, dignity)" "$TMP/err"
"$VERBA" quotes --code honesty -t tsv "$TMP/coded.tsv" > "$TMP/by-id"
"$VERBA" quotes --code HONESTY -t tsv "$TMP/coded.tsv" > "$TMP/by-label"
check_eq "a code by its label, in any case, as by its id" "same" \
  "$(test -s "$TMP/by-id" && cmp -s "$TMP/by-id" "$TMP/by-label" && echo same)"

# Attribution templates: a key without a value takes its separator and
# brackets with it.
printf 'Moderator: What matters?\nP1: Honesty matters most.\n' > "$TMP/h1.txt"
"$VERBA" import --attr location=Leeds --attr age=36-60 "$TMP/h1.txt" 2> /dev/null \
  | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > "$TMP/h1.tsv"
for t in '{nosuch}, {location}, {age}|Leeds, 36-60.' '{location}, {nosuch}, {age}|Leeds, 36-60.' \
         '{location}, {age} ({nosuch})|Leeds, 36-60.' '{location} ({age})|Leeds (36-60).' \
         '{location} - {nosuch}|Leeds.' '{nosuch}|'; do
  tmpl=${t%|*} want=${t#*|}
  got=$("$VERBA" quotes --code honesty --attribution "$tmpl" -t txt "$TMP/h1.tsv" | grep '"' | sed 's/^ *"[^"]*" *//')
  check_eq "attribution '$tmpl'" "$want" "$got"
done

tap_done
