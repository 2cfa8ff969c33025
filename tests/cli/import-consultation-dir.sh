#!/bin/sh
# `verba import DIR` on a consultation folder (NAME.csv beside NAME.map):
# the export with its map and the folder's study.ini, as -f csv reads it,
# and the README and the script listed as not read, never imported as a
# respondent (they once were: the folder gave one document, README.md).
. "$VB_TOP_SRCDIR/tests/tap.sh"

C="$VB_TOP_SRCDIR/data/consultation"
R="$C/responses"

"$VERBA" import -q -f csv --map "$R.map" --study "$C/study.ini" "$R.csv" > "$TMP/pipeline.tsv"
check_status "import of the consultation folder" 0 "$VERBA" import "$C"
if cmp -s "$TMP/out" "$TMP/pipeline.tsv"; then ok "the same stream as import -f csv --map --study"
else not_ok "the same stream as import -f csv --map --study"; fi
check_output "the README and the script are not read, and say why; the summary is the export's" \
"verba import: warning: $R.csv:518: respondent_type 'Other (please specify)' is not in the recode map (4 rows; kept as it is)
verba import: warning: $R.csv:727: respondent_type 'Parish council' is not in the recode map (4 rows; kept as it is)
verba import: warning: $R.csv:149: respondent_type 'Magistrate' is not in the recode map (1 row; kept as it is)
verba import: not read: $C/README.md: not a response: in a consultation folder (one holding NAME.csv beside NAME.map) only the exports are read
verba import: not read: $C/make-responses.py: not a response: in a consultation folder (one holding NAME.csv beside NAME.map) only the exports are read
verba import: 365 rows, 1584 answers, 241 empty answers, 0 bad rows skipped" "$TMP/err"

# A folder of one's own: two exports, each with its map; a stray CSV and notes.
mkdir "$TMP/c"
printf 'id,kind,Q1\nr1,a,Open books please.\nr2,b,Keep it private.\n' > "$TMP/c/first.csv"
printf '[columns]\nid = id\nattributes = kind\ntext = Q1=q1\n' > "$TMP/c/first.map"
printf 'id,kind,Q1\nr3,a,Publish the minutes.\n' > "$TMP/c/second.csv"
printf '[columns]\nid = id\nattributes = kind\ntext = Q1=q1\n' > "$TMP/c/second.map"
printf 'x,y\n1,2\n' > "$TMP/c/stray.csv"
printf 'P1: I am a note.\n' > "$TMP/c/notes.txt"
check_status "a folder with two exports" 0 "$VERBA" import -q "$TMP/c"
check_eq "both exports, in name order, each a respondent" "r1 r2 r3" \
  "$(grep -v '^#' "$TMP/out" | sed 1d | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
check_output "the stray CSV and the notes are named" \
"verba import: not read: $TMP/c/notes.txt: not a response: in a consultation folder (one holding NAME.csv beside NAME.map) only the exports are read
verba import: not read: $TMP/c/stray.csv: a CSV file with no mapping file of the same name beside it" "$TMP/err"

# A folder of documents with a CSV but no map is still a folder of documents.
mkdir "$TMP/d"
printf 'P1: I said this.\n' > "$TMP/d/one.txt"
cp "$TMP/c/stray.csv" "$TMP/d/"
check_status "a folder of documents with a CSV" 0 "$VERBA" import -q "$TMP/d"
check_output "its CSV is named as before" \
  "verba import: not read: $TMP/d/stray.csv: a CSV file: import it on its own with -f csv" "$TMP/err"

# Two arguments: no folder rule (a consultation folder is read alone).
check_status "a consultation folder beside another input" 0 "$VERBA" import -q "$TMP/d" "$TMP/c"
check_grep "... is read as documents, its exports named" "$TMP/c/first.csv: a CSV file: import it on its own with -f csv" "$TMP/err"
tap_done
