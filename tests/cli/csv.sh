#!/bin/sh
# verba import -f csv on tests/data/csv/responses.csv, a consultation export
# small enough to check by hand.  The file has a UTF-8 BOM, CRLF line ends,
# a quoted answer with a comma and doubled quotes (R01 Q2), an answer over
# two lines (R02 Q2, lines 3-4) and empty answers.
#
# Rows (line): R01 (2) R02 (3-4) R03 (5) R04 (6) R05 (7) R06 (8).
# Answers: 6 rows x 2 questions = 12 cells; empty: R02 q1, R03 q2, R06 q1,
# R06 q2 = 4; written: 8.
# Respondent types through the recode map: Charity, voluntary org,
# " CHARITY " -> voluntary_sector (R01 R02 R06); Local Authority, local
# council -> local_authorities (R03 R04); Parish council is unmapped (R05).
# Region Narnia (R05) is not declared by study.ini.
#
# Codes with tests/data/golden/mini.codebook (openness = openness OR
# transparen*; honesty = honest* truth*; scrutiny = inspect* regulat*):
#   R01 q1 transparency -> openness    R01 q2 honest -> honesty
#   R02 q2 Inspection, regulators -> scrutiny
#   R03 q1 Openness -> openness        R04 q1 honest -> honesty
#   R04 q2 Inspectors -> scrutiny      R05 q1 (none)
#   R05 q2 Transparency x2 -> openness
# Respondents (documents) by type, base = those with an answer:
#   Parish council 1 (R05), local_authorities 2 (R03 R04),
#   voluntary_sector 2 (R01 R02; R06 answered nothing), all 5.
#   openness  R05 | R03 | R01  -> 1 of 1, 1 of 2, 1 of 2, 3 of 5
#   honesty   -   | R04 | R01  -> 0 of 1, 1 of 2, 1 of 2, 2 of 5
#   scrutiny  -   | R04 | R02  -> 0 of 1, 1 of 2, 1 of 2, 2 of 5
# By question, base q1 = R01 R03 R04 R05 = 4, q2 = R01 R02 R04 R05 = 4:
#   openness  q1 R01 R03 = 2; q2 R05 = 1     honesty q1 R04 = 1; q2 R01 = 1
#   scrutiny  q1 0; q2 R02 R04 = 2
. "$VB_TOP_SRCDIR/tests/tap.sh"
D="$VB_TOP_SRCDIR/tests/data/csv"
MINI="$GOLDEN/mini.codebook"
cd "$D" || exit 1

check_status "import with a map and a study" 0 \
  "$VERBA" import -f csv --map responses.map --study study.ini responses.csv
cp "$TMP/out" "$TMP/stream"
cp "$TMP/err" "$TMP/stream.err"
check_output "stream: recoded types, short question names, empty answers left out" \
"document	segment	speaker	role	phase	start	end	respondent_type	region	question	text
R01	1	R01	participant	spontaneous	0	24	voluntary_sector	North	q1	We support transparency.
R01	2	R01	participant	spontaneous	0	22	voluntary_sector	North	q2	Be honest, and \"open\".
R02	2	R02	participant	spontaneous	0	39	voluntary_sector	North	q2	Inspection matters.\\nAnd regulators too.
R03	1	R03	participant	spontaneous	0	16	local_authorities	South	q1	Openness is key.
R04	1	R04	participant	spontaneous	0	25	local_authorities	South	q1	We want honest providers.
R04	2	R04	participant	spontaneous	0	26	local_authorities	South	q2	Inspectors should publish.
R05	1	R05	participant	spontaneous	0	15	Parish council	Narnia	q1	Nothing to add.
R05	2	R05	participant	spontaneous	0	27	Parish council	Narnia	q2	Transparency, transparency." "$TMP/stream"
check_output "warnings name file and line; the summary accounts for every cell" \
"verba import: warning: responses.csv:7: region 'Narnia' is not one of the declared values (North, South); 1 row
verba import: warning: responses.csv:7: respondent_type 'Parish council' is not in the recode map (1 row; kept as it is)
verba import: 6 rows, 8 answers, 4 empty answers, 0 bad rows skipped" "$TMP/stream.err"

check_status "the same roles given as options" 0 \
  "$VERBA" import -f csv --id 'Response ID' --attr-cols 'Respondent type,Region' \
    --text-cols 'Q1 Contracts=q1' --text-cols 'Q2 Openness=q2' -q responses.csv
check_eq "options: unrecoded types, otherwise the same stream" \
  "R01:Charity R02:voluntary org R03:Local Authority R04:local council R05:Parish council" \
  "$(cut -f1,8 "$TMP/out" | sed 1d | sort -u | tr '\t' : | paste -sd' ' | sed 's/  */ /g')"
check_eq "options: same text columns as the map" "$(cut -f1-7,10- "$TMP/stream")" "$(cut -f1-7,10- "$TMP/out")"
check_eq "-q: nothing on stderr" "" "$(cat "$TMP/err")"

check_status "-f auto picks csv for .csv files" 0 "$VERBA" import --map responses.map -q responses.csv
check_eq "auto: same stream" "$(cat "$TMP/stream")" "$(cat "$TMP/out")"
check_status "standard input with -f csv" 0 sh -c "\"$VERBA\" import -f csv --map responses.map -q - < responses.csv"
check_eq "stdin: same stream" "$(cat "$TMP/stream")" "$(cat "$TMP/out")"

"$VERBA" code -q -c "$MINI" "$TMP/stream" > "$TMP/coded" 2>/dev/null
"$VERBA" freq --by respondent_type "$TMP/coded" > "$TMP/t"
check_output "freq by respondent type (hand-worked above)" \
"code	label	local_authorities	Parish council	voluntary_sector	all
openness	Openness	one* (1 of 2)	all* (1 of 1)	one* (1 of 2)	most (3 of 5)
honesty	Honesty	one* (1 of 2)	none* (0 of 1)	one* (1 of 2)	many (2 of 5)
scrutiny	Scrutiny	one* (1 of 2)	none* (0 of 1)	one* (1 of 2)	many (2 of 5)
respect	Respect	none* (0 of 2)	none* (0 of 1)	none* (0 of 2)	none (0 of 5)
dignity	Dignity	none* (0 of 2)	none* (0 of 1)	none* (0 of 2)	none (0 of 5)
base	Base (documents)	2	1	2	5" "$TMP/t"
"$VERBA" freq --by question --cell count "$TMP/coded" > "$TMP/t"
check_output "freq by question (hand-worked above)" \
"code	label	q1	q2	all
openness	Openness	2	1	3
honesty	Honesty	1	1	2
scrutiny	Scrutiny	0	2	2
respect	Respect	0	0	0
dignity	Dignity	0	0	0
base	Base (documents)	4	4	5" "$TMP/t"

# The small-cell rule: bases below 2 (Parish council, 1) suppressed.
"$VERBA" freq --by respondent_type --min-base 2 --small-base suppress -t md "$TMP/coded" > "$TMP/t"
check_output "--small-base suppress hides cells on a base below --min-base" \
"### Codes by respondent_type (documents)

|  | local_authorities | Parish council | voluntary_sector | All |
| --- | ---: | ---: | ---: | ---: |
| Openness | [low base] | [low base] | one (1 of 2) | most (3 of 5) |
| Honesty | [low base] | [low base] | one (1 of 2) | many (2 of 5) |
| Scrutiny | [low base] | [low base] | one (1 of 2) | many (2 of 5) |
| Respect | [low base] | [low base] | none (0 of 2) | none (0 of 5) |
| &nbsp;&nbsp;Dignity | [low base] | [low base] | none (0 of 2) | none (0 of 5) |
| *Base (documents)* | 2 | 1 | 2 | 5 |

Count: documents that raised the code. Base: documents with a counted segment in the column.
Parent themes count their sub-themes' codings.
Moderators' and interviewers' words are not counted.
[low base]: a base below 2; not shown.
[low base] also in 5 other cells (secondary suppression), so that no hidden cell can be worked out from the totals." "$TMP/t"
"$VERBA" freq --by respondent_type --min-base 3 --small-base suppress --cell count "$TMP/coded" > "$TMP/t"
check_eq "suppressed counts too; only All (5) is shown" "openness	Openness	[low base]	[low base]	[low base]	3" \
  "$(sed -n 2p "$TMP/t")"
"$VERBA" freq --by respondent_type --min-base 2 --cell label "$TMP/coded" > "$TMP/t"
check_eq "--min-base 2 flags only the base of 1" "openness	Openness	one	all*	one	most" "$(sed -n 2p "$TMP/t")"
check_status "--min-base must be a number" 2 "$VERBA" freq --min-base x "$TMP/coded"
check_eq "--min-base: message" "verba freq: --min-base: 'x' is not a number of units" "$(cat "$TMP/err")"
check_status "--small-base must be flag or suppress" 2 "$VERBA" freq --small-base hide "$TMP/coded"

# Delimiters and no id column: ids are FILE-ROW (data rows from 1).
printf 'type;answer\nLA;Openness matters\n;\nLA;Be honest\n' > "$TMP/semi.csv"
check_status "semicolon delimiter" 0 "$VERBA" import -q -d ';' --attr-cols type "$TMP/semi.csv"
check_output "semicolons: ids from row numbers, the empty row counted" \
"document	segment	speaker	role	phase	start	end	type	question	text
semi-1	1	semi-1	participant	spontaneous	0	16	LA	answer	Openness matters
semi-3	1	semi-3	participant	spontaneous	0	9	LA	answer	Be honest" "$TMP/out"
printf 'id\tanswer\n7\t  spaced out\t\n' > "$TMP/tab.csv"
check_status "tab delimiter: a wrong column count is an error" 1 "$VERBA" import -q -d tab --id id "$TMP/tab.csv"
check_eq "tab: message" "verba import: $TMP/tab.csv:2: expected 2 columns as in the header, found 3" "$(cat "$TMP/err")"
printf 'id\tanswer\n7\t  spaced out \n' > "$TMP/tab.csv"
check_status "tab delimiter" 0 "$VERBA" import -q --delimiter tab --id id "$TMP/tab.csv"
check_eq "tab: answer trimmed" "7	1	7	participant	spontaneous	0	10	answer	spaced out" "$(sed 1d "$TMP/out")"

# Malformed rows.  Line 3 opens a quote that line 5 breaks; line 6 has three
# fields; line 7 has a quote inside an unquoted field.
printf 'id,q\n1,ok\n2,"never closed\n3,fine\n4,"good"\n5,x,y\n6,ab"c\n7,last\n' > "$TMP/bad.csv"
check_status "a malformed row fails the run" 1 "$VERBA" import -q --id id -o "$TMP/bad.tsv" "$TMP/bad.csv"
check_eq "malformed: message with the line the row starts on and where it breaks" \
  "verba import: $TMP/bad.csv:3: the row starting here breaks at line 5, column 4: a quote inside an unquoted field, or text after a closing quote" \
  "$(cat "$TMP/err")"
check_eq "malformed: no output file" "no" "$(test -e "$TMP/bad.tsv" && echo yes || echo no)"
check_status "--skip-bad-rows goes on" 0 "$VERBA" import --skip-bad-rows --id id "$TMP/bad.csv"
check_output "skipped rows are reported and counted" \
"verba import: warning: $TMP/bad.csv:3: skipped row: the row starting here breaks at line 5, column 4: a quote inside an unquoted field, or text after a closing quote
verba import: warning: $TMP/bad.csv:6: skipped row: expected 2 columns as in the header, found 3
verba import: warning: $TMP/bad.csv:7: skipped row: column 5: a quote inside an unquoted field, or text after a closing quote
verba import: 7 rows, 4 answers, 0 empty answers, 3 bad rows skipped" "$TMP/err"
check_eq "skipped: the rows the bad quote swallowed are read again" "1 3 4 7" \
  "$(cut -f1 "$TMP/out" | sed 1d | paste -sd' ')"
printf 'id,q\n1,ok\n2,"never closed\n3,fine\n' > "$TMP/open.csv"
check_status "a quote still open at the end" 1 "$VERBA" import -q --id id "$TMP/open.csv"
check_eq "open quote: message" "verba import: $TMP/open.csv:3: a quoted field opened here is never closed" "$(cat "$TMP/err")"
check_status "open quote skipped" 0 "$VERBA" import -q --skip-bad-rows --id id "$TMP/open.csv"
check_eq "open quote: the following row read again" "1 3" "$(cut -f1 "$TMP/out" | sed 1d | paste -sd' ')"
printf 'id,q\n1,"empty id next"\n,text\n' > "$TMP/noid.csv"
check_status "an empty id is a bad row" 1 "$VERBA" import -q --id id "$TMP/noid.csv"
check_eq "empty id: message" "verba import: $TMP/noid.csv:3: column 'id' (the id) is empty" "$(cat "$TMP/err")"

# Bad files and bad usage.
printf 'id,q\n1,caf\351\n' > "$TMP/latin1.csv"
check_status "invalid UTF-8" 1 "$VERBA" import -q "$TMP/latin1.csv"
check_eq "invalid UTF-8: line, column and byte offset" \
  "verba import: $TMP/latin1.csv:2:6: invalid UTF-8 (byte offset 10); a file in another encoding is read with --encoding (windows-1252, ISO-8859-1, UTF-16…)" "$(cat "$TMP/err")"
: > "$TMP/empty.csv"
check_status "empty file" 1 "$VERBA" import -q "$TMP/empty.csv"
check_eq "empty file: message" "verba import: $TMP/empty.csv: empty file: expected a header row" "$(cat "$TMP/err")"
check_status "unknown column" 1 "$VERBA" import -q --id Respondent responses.csv
check_eq "unknown column: names the option and lists the columns" \
  "verba import: responses.csv:1: --id: no column 'Respondent' (columns: 'Response ID', 'Submitted', 'Respondent type', 'Region', 'Q1 Contracts', 'Q2 Openness')" \
  "$(cat "$TMP/err")"
check_status "a column with two roles" 1 "$VERBA" import -q --id 1 --attr-cols 'response_id' responses.csv
check_eq "two roles: message" "verba import: responses.csv:1: --attr-cols: column 'Response ID' is already the id column" "$(cat "$TMP/err")"
printf '[colums]\nid = x\n' > "$TMP/typo.map"
check_status "map with an unknown group" 1 "$VERBA" import -q --map "$TMP/typo.map" responses.csv
check_eq "map typo: message" "verba import: $TMP/typo.map: unknown group [colums] (expected [columns] or [recode:KEY])" "$(cat "$TMP/err")"
printf '[recode:type]\na = x\nb = X\n' > "$TMP/clash.map"
check_status "a variant that means two values" 1 "$VERBA" import -q --map "$TMP/clash.map" responses.csv
check_eq "recode clash: message" "verba import: $TMP/clash.map: [recode:type] b: recode type: 'X' already means 'a', not 'b'" "$(cat "$TMP/err")"
check_status "bad delimiter is bad usage" 2 "$VERBA" import -q -d : responses.csv
check_eq "bad delimiter: message" "verba import: delimiter ':' is not one of ',', ';', '|' or 'tab'" "$(cat "$TMP/err")"
check_status "csv options with transcripts" 2 "$VERBA" import --id x "$GOLDEN"
check_status "--strict fails on warnings and writes nothing" 1 \
  "$VERBA" import --strict --map responses.map --study study.ini -o "$TMP/strict.tsv" responses.csv
check_eq "strict: no file" "no" "$(test -e "$TMP/strict.tsv" && echo yes || echo no)"
check_grep "strict: says why" "2 warnings and --strict: nothing written" "$TMP/err"

# The bundled consultation: its README's counts were made with Python's csv
# module (365 rows; empty cells q1 13, q2 24, q3 28, q4 23, q5 153 = 241).
C="$VB_TOP_SRCDIR/data/consultation"
check_status "bundled consultation imports" 0 \
  "$VERBA" import --map "$C/responses.map" --study "$C/study.ini" "$C/responses.csv"
check_eq "bundled: every cell accounted for" \
  "verba import: 365 rows, 1584 answers, 241 empty answers, 0 bad rows skipped" "$(tail -n 1 "$TMP/err")"
check_eq "bundled: answers per question (365 minus the empty cells)" "352 q1 341 q2 337 q3 342 q4 212 q5" \
  "$(awk -F'\t' 'NR > 1 { n[$10]++ } END { for (q in n) print n[q], q }' "$TMP/out" | sort -k2 | paste -sd' ')"
check_eq "bundled: the three planted unmapped types, one warning each" \
  "Magistrate:1 Other (please specify):4 Parish council:4" \
  "$(sed -n "s/.*respondent_type '\(.*\)' is not in the recode map (\([0-9]*\) rows*;.*/\1:\2/p" "$TMP/err" | sort | paste -sd' ')"

tap_done
