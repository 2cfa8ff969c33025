#!/bin/sh
# `verba report` on a consultation (a CSV export with its mapping file, or
# the folder holding them) and on segments streams, coded or not: the
# same numbers as the pipeline import | code | freq, and the folder rule.
. "$VB_TOP_SRCDIR/tests/tap.sh"

C="$VB_TOP_SRCDIR/data/consultation"
R="$VB_TOP_SRCDIR/data/consultation/responses"

# table N FILE: the table's lines from its column heads to its base row.
table () {
  sed -n "/^Table $1\\./,/^Base/p" "$2" | sed '1,2d'
}
# body FILE: a freq or matrix table's lines from its column heads to its base row.
body () {
  sed -n '3,/^Base/p' "$1"
}

"$VERBA" import -q -f csv --map "$R.map" --study "$C/study.ini" "$R.csv" \
  | "$VERBA" code -q -c public-standards -c stakeholder-standards > "$TMP/coded.tsv"
"$VERBA" freq --by respondent_type --rows principle -t txt "$TMP/coded.tsv" > "$TMP/f1"
"$VERBA" freq --by respondent_type --rows theme -t txt "$TMP/coded.tsv" > "$TMP/f2"
"$VERBA" matrix --rows theme --cols principle --cell count -t txt "$TMP/coded.tsv" > "$TMP/m3"

check_status "report on the consultation folder" 0 "$VERBA" report "$C"
cp "$TMP/out" "$TMP/folder.txt"
check_output "the README and the script are not read, and say why; the export's warnings" \
"verba report: not read: $C/README.md: not a response: in a consultation folder (one holding NAME.csv beside NAME.map) only the exports are read
verba report: not read: $C/make-responses.py: not a response: in a consultation folder (one holding NAME.csv beside NAME.map) only the exports are read
verba report: warning: $R.csv:518: respondent_type 'Other (please specify)' is not in the recode map (4 rows; kept as it is)
verba report: warning: $R.csv:727: respondent_type 'Parish council' is not in the recode map (4 rows; kept as it is)
verba report: warning: $R.csv:149: respondent_type 'Magistrate' is not in the recode map (1 row; kept as it is)" "$TMP/err"
check_grep "the study.ini's title" "Consultation on applying the Seven Principles of Public Life to providers of public services (synthetic example export)" "$TMP/folder.txt"
check_grep "every response a document, every answer a segment (data/consultation/README.md)" \
  "365 documents, 1584 segments (1584 from participants, 0 from moderators and interviewers); 365 named speakers." "$TMP/folder.txt"
check_grep "by the study.ini's first attribute" "Table 1. Principles raised, by respondent_type (documents)" "$TMP/folder.txt"
check_grep "no phase tables: nothing was prompted" "No participant's segment is in the prompted phase: the tables of principles raised spontaneously and when prompted are left out." "$TMP/folder.txt"
check_eq "no Table 5" 0 "$(grep -c '^Table 5' "$TMP/folder.txt")"
table 1 "$TMP/folder.txt" > "$TMP/t1"; body "$TMP/f1" > "$TMP/b1"
check_eq "Table 1 is verba freq --rows principle --by respondent_type" "" "$(diff "$TMP/t1" "$TMP/b1")"
table 2 "$TMP/folder.txt" > "$TMP/t2"; body "$TMP/f2" > "$TMP/b2"
check_eq "Table 2 is verba freq --rows theme --by respondent_type" "" "$(diff "$TMP/t2" "$TMP/b2")"
table 3 "$TMP/folder.txt" > "$TMP/t3"; body "$TMP/m3" > "$TMP/b3"
check_eq "Table 3 is verba matrix --rows theme --cols principle --cell count" "" "$(diff "$TMP/t3" "$TMP/b3")"
# A few cells, counted by hand from the pipeline's stream.
n=$(awk -F'\t' '$1 == "document" { for (i = 1; i <= NF; i++) h[$i] = i; next }
  /^#/ { next }
  $h["respondent_type"] == "trade_unions" && $h["codes"] ~ /(^|;)accountability(;|$)/ { d[$1] = 1 }
  END { print length(d) }' "$TMP/coded.tsv")
check_eq "accountability among trade unions: 25 of 25, as the stream says" 25 "$n"
check_eq "... and as Table 1 prints it" 1 "$(grep -c '^Accountability .* all (25 of 25) ' "$TMP/t1")"
check_eq "accountability in all: 327 of 365" 1 "$(grep -c '^Accountability .* most (327 of 365)$' "$TMP/t1")"
check_eq "leadership among professional bodies: 17 of 20" 1 "$(grep -c '^Leadership .* most (17 of 20) ' "$TMP/t1")"

check_status "the CSV by name: its .map and study.ini found beside it" 0 "$VERBA" report "$R.csv"
check_eq "... the same report as the folder's" "" "$(diff "$TMP/out" "$TMP/folder.txt")"
cp "$R.csv" "$TMP/export.csv"
check_status "a CSV with --map" 0 "$VERBA" report --map "$R.map" "$TMP/export.csv"
check_eq "... the same Table 1 (no study.ini: the first attribute column)" "" "$(table 1 "$TMP/out" | diff - "$TMP/t1")"
check_grep "... titled verba report" "verba report
============" "$TMP/out"
check_status "a study.ini given by name is the export's" 0 "$VERBA" report --map "$R.map" "$C/study.ini" "$TMP/export.csv"
check_eq "... the same report as the folder's" "" "$(diff "$TMP/out" "$TMP/folder.txt")"
check_status "a study.ini with a stream" 2 "$VERBA" report "$C/study.ini" "$TMP/coded.tsv"
check_output "... is bad usage" "verba report: $C/study.ini: a study.ini is for documents and consultation exports; a stream carries its values" "$TMP/err"

# A coded stream: its codings are tabulated as they are.
check_status "report on a coded stream" 0 "$VERBA" report "$TMP/coded.tsv"
check_eq "... the same tables as on the export" "" "$(sed 1,2d "$TMP/out" | diff - "$(sed 1,2d "$TMP/folder.txt" > "$TMP/f"; echo "$TMP/f")")"
check_status "report on standard input" 0 sh -c "\"\$0\" report - < \"\$1\"" "$VERBA" "$TMP/coded.tsv"
check_eq "... the same report" "" "$(sed 1,2d "$TMP/out" | diff - "$TMP/f")"
"$VERBA" import -q -f csv --map "$R.map" --study "$C/study.ini" "$R.csv" > "$TMP/segs.tsv"
check_status "an uncoded stream is coded (default codebooks)" 0 "$VERBA" report "$TMP/segs.tsv"
check_eq "... the same tables" "" "$(sed 1,2d "$TMP/out" | diff - "$TMP/f")"

printf '#verba-codebook\tseven-principles\tThe Seven Principles of Public Life\n#verba-code\thonesty\tprinciple\tHonesty\t\t\ndocument\tsegment\tspeaker\trole\tphase\tstart\tend\ttype\tcodes\tcodings\ttext\nd1\t1\t\tparticipant\tspontaneous\t0\t16\ta\thonesty\thonesty@0-7/rule:rule.honest\tnothing relevant\nd2\t1\t\tparticipant\tspontaneous\t0\t16\tb\thonesty\thonesty@0-7/coder:ann\tnothing relevant\n' > "$TMP/hand.tsv"
check_status "a coded stream is not coded again" 0 "$VERBA" report "$TMP/hand.tsv"
check_output "... its codings counted, codes from its head" "                              a              b            All
-------------------------------------------------------------
Honesty           all* (1 of 1)  all* (1 of 1)  all* (2 of 2)
Base (documents)              1              1              2" "$(table 1 "$TMP/out" > "$TMP/h1"; echo "$TMP/h1")"
check_status "with -c it is: rule codings replaced, a coder's kept" 0 "$VERBA" report -c seven-principles "$TMP/hand.tsv"
check_eq "... honesty only where ann coded it" 1 "$(table 1 "$TMP/out" | grep -c '^Honesty  *none\* (0 of 1)   all\* (1 of 1)   one\* (1 of 2)$')"

# Errors.
printf 'a,b\n1,2\n' > "$TMP/table.tsv"
check_status "a file report cannot read" 1 "$VERBA" report "$TMP/table.tsv"
check_output "... says what it reads, naming no option it lacks" "verba report: $TMP/table.tsv: not an input verba report reads: documents are .txt, .md, .vtt, .srt, .docx, .odt or .pdf, consultation exports .csv, and a segments stream starts with verba's header row" "$TMP/err"
check_status "documents and an export in one report" 2 "$VERBA" report "$VB_TOP_SRCDIR/data/ethical-standards" "$C"
check_output "... is bad usage" "verba report: $C: a consultation export, after documents: a report reads one kind of input (documents, consultation exports or segments streams)" "$TMP/err"
check_status "--map without an export" 2 "$VERBA" report --map "$R.map" "$TMP/coded.tsv"
check_output "... is bad usage" "verba report: --map is for consultation exports (.csv)" "$TMP/err"
{ head -n 3 "$TMP/hand.tsv"; sed -n 4p "$TMP/hand.tsv"; sed -n 5p "$TMP/hand.tsv"; sed -n 4p "$TMP/hand.tsv"; } > "$TMP/apart.tsv"
check_status "a document whose segments are apart" 1 "$VERBA" report -o "$TMP/apart.txt" "$TMP/apart.tsv"
check_output "... is named with its line" "verba report: $TMP/apart.tsv:6: document 'd1' again, after other documents: a report takes each document's segments together, as verba import and verba code write them" "$TMP/err"
check_eq "... and no file is written" "no" "$(test -e "$TMP/apart.txt" && echo yes || echo no)"
check_status "unknown --by on a stream" 1 "$VERBA" report --by nosuch "$TMP/coded.tsv"
check_output "... says so" "verba report: unknown attribute 'nosuch': no segment has it" "$TMP/err"
mkdir "$TMP/docs"
cp "$VB_TOP_SRCDIR/data/ethical-standards/study.ini" "$TMP/export.csv" "$TMP/docs/"
cp -r "$GOLDEN/groups" "$TMP/docs/"
check_status "a folder of documents with a CSV and no .map" 0 "$VERBA" report "$TMP/docs"
check_grep "... lists the CSV as not read, without -f" "verba report: not read: $TMP/docs/export.csv: a CSV file with no mapping file of the same name beside it: give it by name to report on it as a consultation export" "$TMP/err"
printf 'A,B\n1,honest\n' > "$TMP/bad.csv"
printf '[columns]\nid = Nope\n' > "$TMP/bad.map"
check_status "an export its map does not fit" 1 "$VERBA" report -o "$TMP/bad.txt" "$TMP/bad.csv"
check_output "... the importer's message, file and line" "verba report: $TMP/bad.csv:1: $TMP/bad.map [columns] id: no column 'Nope' (columns: 'A', 'B')" "$TMP/err"
printf 'A,B\n1,honest\n2,"open\n' > "$TMP/open.csv"
check_status "an export that breaks off" 1 "$VERBA" report -o "$TMP/bad.txt" "$TMP/open.csv"
check_output "... says where" "verba report: $TMP/open.csv:3: a quoted field opened here is never closed" "$TMP/err"
check_eq "... and no file is written" "no" "$(test -e "$TMP/bad.txt" && echo yes || echo no)"
printf 'id,text\na,honest\nb,open\na,again\n' > "$TMP/dup.csv"
printf '[columns]\nid = id\n' > "$TMP/dup.map"
check_status "a respondent on two rows apart" 1 "$VERBA" report "$TMP/dup.csv"
check_output "... is named" "verba report: $TMP/dup.csv: respondent 'a' again, after other rows: a report takes each respondent's rows together, once" "$TMP/err"

tap_done
