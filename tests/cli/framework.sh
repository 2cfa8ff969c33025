#!/bin/sh
# The framework matrix (the Framework method's chart): cases as rows
# (documents, participants), themes as columns, each cell the verbatims
# of the row coded with the column's theme, in the order said, with their
# attribution; --max-quotes N keeps the first N and counts the rest.
. "$VB_TOP_SRCDIR/tests/tap.sh"

# Five segments: the moderator's question is not quoted; P1 of g1 speaks
# twice on cost; P2's verbatim has a pipe (escaped in md) and is coded
# with both themes; P1 of g2 is another participant than P1 of g1.
printf '#verba-codebook\tfw\tFramework\n#verba-code\tcost\ttheme\tCost\t\t\n#verba-code\tstaff\ttheme\tStaff\t\t\n' > "$TMP/fw.tsv"
printf 'document\tsegment\tspeaker\trole\tattribution\tcodes\ttext\n' >> "$TMP/fw.tsv"
printf 'g1\t1\tModerator\tmoderator\t\tcost\tWhat about cost?\n' >> "$TMP/fw.tsv"
printf 'g1\t2\tP1\tparticipant\tLeeds, 18-35\tcost\tIt costs too much, "frankly".\n' >> "$TMP/fw.tsv"
printf 'g1\t3\tP2\tparticipant\tLeeds, 36-60\tcost;staff\tStaff | money: both short.\n' >> "$TMP/fw.tsv"
printf 'g1\t4\tP1\tparticipant\tLeeds, 18-35\tcost\tCheaper is not better.\n' >> "$TMP/fw.tsv"
printf 'g2\t1\tP1\tparticipant\tYork, 61+\tstaff\tThe staff were kind.\n' >> "$TMP/fw.tsv"

"$VERBA" matrix --rows participant --cols theme --cell quotes -t md "$TMP/fw.tsv" > "$TMP/t"
check_output "participants x themes, markdown" '### Framework matrix: participant by theme

|  | Cost | Staff |
| --- | ---: | ---: |
| g1: P1 | "It costs too much, "frankly"." Leeds, 18-35.<br>"Cheaper is not better." Leeds, 18-35. |  |
| g1: P2 | "Staff \| money: both short." Leeds, 36-60. | "Staff \| money: both short." Leeds, 36-60. |
| g2: P1 |  | "The staff were kind." York, 61+. |

Each cell: the row'"'"'s verbatims coded with the column'"'"'s code, in the order said.
Moderators'"'"' and interviewers'"'"' words are not quoted; nor are the note-taker'"'"'s.' "$TMP/t"

# RFC 4180 through libcsv: every field quoted, quotes doubled, the line
# break between a cell's verbatims kept inside its field.
"$VERBA" matrix --rows participant --cols theme --max-quotes 1 -t csv "$TMP/fw.tsv" > "$TMP/t"
check_output "first verbatim only, csv" '"participant","label","cost","staff"
"g1: P1","g1: P1","""It costs too much, ""frankly""."" Leeds, 18-35.
(+1 more)",""
"g1: P2","g1: P2","""Staff | money: both short."" Leeds, 36-60.","""Staff | money: both short."" Leeds, 36-60."
"g2: P1","g2: P1","","""The staff were kind."" York, 61+."' "$TMP/t"

# Documents as rows on the golden study: the note-taker's bullets of g1
# (kind=note) are not verbatims; i1's respondent is attributed by the
# sidecar's attribution.
"$VERBA" import "$GOLDEN" | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > "$TMP/coded.tsv"
"$VERBA" matrix --rows document --cols principle --cell quotes "$TMP/coded.tsv" > "$TMP/t"
check_output "documents x principles, tsv" 'document	label	openness	honesty
g1	g1	"Openness, every time." Leeds, 18-35, C2DE.	"Being polite and telling the truth." Leeds, 18-35, C2DE.\n"They should be honest about mistakes." Leeds, 18-35, C2DE.
g2	g2		"Honesty above all." Nottingham, 61+, ABC1.
i1	i1	"Transparency matters most to us. We inspect every provider." Commissioner, health.	"Staff should be honest with people, honest about money." Commissioner, health.
i2	i2		"Honesty, and regulators who check." Provider, justice.' "$TMP/t"

# -n still ranks instead (the best verbatim first, one per speaker).
"$VERBA" matrix --rows document --cols principle --cell quotes -n 1 "$TMP/coded.tsv" | sed -n 2p > "$TMP/t"
check_output "-n ranks" 'g1	g1	"Openness, every time." Leeds, 18-35, C2DE.	"They should be honest about mistakes." Leeds, 18-35, C2DE.' "$TMP/t"

check_status "--max-quotes with another cell refused" 2 "$VERBA" matrix --rows document --cols code --max-quotes 2 --cell count "$TMP/coded.tsv"
check_status "--max-quotes and -n refused together" 2 "$VERBA" matrix --rows document --cols code --max-quotes 2 -n 2 "$TMP/coded.tsv"
check_output "... saying why" "verba matrix: -n chooses the best verbatims, --max-quotes takes them in order: not both" "$TMP/err"

tap_done
