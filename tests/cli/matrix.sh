#!/bin/sh
# Golden tests of `verba matrix` on tests/data/golden (see freq.sh for the
# hand-worked list of counted segments and their codes).
#
# Theme x principle by co-occurrence, unit segment (base: 13 counted segments):
#   scrutiny & openness: i1 2 (Transparency + inspect)           -> 1
#   scrutiny & honesty:  i2 2 (Honesty + regulators)            -> 1
#   respect & honesty:   g1 3 (polite + truth)                   -> 1
#   respect & openness, dignity & anything: none                 -> 0
# By the codebook's links, unit document: only scrutiny links a principle
# (openness); scrutiny was raised in g1, i1, i2 -> 3; every other cell is
# not applicable (empty).
# Location x code, unit document: g1 is Leeds, g2 Nottingham, the
# interviews have no location ("(none)", base 2).
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$GOLDEN" | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > "$TMP/coded.tsv"

"$VERBA" matrix --rows theme --cols principle --unit segment "$TMP/coded.tsv" > "$TMP/t"
check_output "co-occurrence in segments" "theme	label	openness	honesty
scrutiny	Scrutiny	1	1
respect	Respect	0	1
dignity	Dignity	0	0
base	Base (segments)	13	13" "$TMP/t"

"$VERBA" matrix --rows theme --cols principle --links "$TMP/coded.tsv" > "$TMP/t"
check_output "by the codebook's links" "theme	label	openness	honesty
scrutiny	Scrutiny	3	
respect	Respect		
dignity	Dignity		
base	Base (documents)	4	4" "$TMP/t"

"$VERBA" matrix --rows location --cols code --cell count "$TMP/coded.tsv" > "$TMP/t"
check_output "attribute rows get a base column" "location	label	openness	honesty	scrutiny	respect	dignity	base
Leeds	Leeds	1	1	1	1	1	1
Nottingham	Nottingham	0	1	0	0	0	1
(none)	(none)	1	2	2	1	1	2" "$TMP/t"

"$VERBA" matrix --rows principle --cols stage --cell full -t txt "$TMP/coded.tsv" > "$TMP/t"
check_output "terminal text" "Principles by stage (documents)

                         public    stakeholder             All
--------------------------------------------------------------
Openness          one* (1 of 2)  one* (1 of 2)  half* (2 of 4)
Honesty           all* (2 of 2)  all* (2 of 2)   all* (4 of 4)
Base (documents)              2              2               4

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
Words marked * rest on a base below 5." "$TMP/t"

# Quotes in cells: stakeholders' honesty verbatims, the one with two
# mentions first; interviews are attributed by their sidecar attribution.
# The note-taker's bullet about transparency in g1 is counted but is not a
# verbatim, so the public openness cell quotes P1 only.
"$VERBA" matrix --rows principle --cols stage --cell quotes -n 2 --no-total "$TMP/coded.tsv" > "$TMP/t"
check_output "quotes in cells" 'principle	label	public	stakeholder
openness	Openness	"Openness, every time." Leeds, 18-35, C2DE.	"Transparency matters most to us. We inspect every provider." Commissioner, health.
honesty	Honesty	"They should be honest about mistakes." Leeds, 18-35, C2DE.\n"Being polite and telling the truth." Leeds, 18-35, C2DE.	"Staff should be honest with people, honest about money." Commissioner, health.\n"Honesty, and regulators who check." Provider, justice.' "$TMP/t"

"$VERBA" matrix --rows theme --cols code --unit document --cell count -t csv "$TMP/coded.tsv" > "$TMP/t"
check_output "code x code, csv" '"theme","label","openness","honesty","scrutiny","respect","dignity"
"scrutiny","Scrutiny","1","1","3","0","0"
"respect","Respect","0","1","0","2","2"
"dignity","Dignity","0","0","0","2","2"
"base","Base (documents)","4","4","4","4","4"' "$TMP/t"

check_status "rows and cols required" 2 "$VERBA" matrix --rows theme "$TMP/coded.tsv"
check_grep "... says so" "--rows and --cols are required" "$TMP/err"
check_status "two attributes refused" 2 "$VERBA" matrix --rows stage --cols location "$TMP/coded.tsv"
check_status "links need codes on both sides" 2 "$VERBA" matrix --rows theme --cols stage --links "$TMP/coded.tsv"
check_status "links need themes as rows, principles as columns" 2 "$VERBA" matrix --rows principle --cols theme --links "$TMP/coded.tsv"

tap_done
