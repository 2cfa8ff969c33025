#!/bin/sh
# `verba report` on the bundled study (the README's main job) and on the
# golden study, where the figures can be checked by hand (see freq.sh).
. "$VB_TOP_SRCDIR/tests/tap.sh"

check_status "report on the bundled study" 0 "$VERBA" report
check_grep "title: the study.ini's" "Ethical standards for providers of public services (synthetic example study)" "$TMP/out"
check_grep "21 documents" "21 documents," "$TMP/out"
check_grep "frequency table of the principles" "Table 1. Principles raised, by stage (documents)" "$TMP/out"
for p in Selflessness Integrity Objectivity Accountability Openness Honesty Leadership; do
  check_eq "principle $p in table 1 with counts of 6 and 15" 1 \
    "$(sed -n '/^Table 1/,/^Base/p' "$TMP/out" | grep -c "^$p .*(.* of 6) .*(.* of 15) .*(.* of 21)")"
done
check_grep "base row of table 1" "Base (documents)              6                     15                     21" "$TMP/out"
check_grep "theme by principle matrix" "Table 3. Theme x principle" "$TMP/out"
check_grep "by links" "Table 4. Theme x principle by the codebook's links" "$TMP/out"
check_grep "spontaneous and prompted, public" "Table 5. Principles raised spontaneously and when prompted: public (documents)" "$TMP/out"
# The bundled study is written so that the public never raise leadership
# before the principles are read out, and most groups do after.
check_eq "leadership: none spontaneously, most when prompted" 1 \
  "$(sed -n '/^Table 5/,/^Base/p' "$TMP/out" | grep -c '^Leadership  *none (0 of 6)  *most (5 of 6)')"

# The golden study with its own codebook.
check_status "report on given inputs" 0 "$VERBA" report -c "$GOLDEN/mini.codebook" -t md "$GOLDEN"
sed -n '/^### Table 1/,/^Words/p' "$TMP/out" > "$TMP/t"
check_output "golden table 1 (markdown)" "### Table 1. Principles raised, by stage (documents)

|  | public | stakeholder | All |
| --- | ---: | ---: | ---: |
| Openness | one* (1 of 2) | one* (1 of 2) | half* (2 of 4) |
| Honesty | all* (2 of 2) | all* (2 of 2) | all* (4 of 4) |
| *Base (documents)* | 2 | 2 | 4 |

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
Words marked \\* rest on a base below 5." "$TMP/t"
check_grep "golden summary" "4 documents, 20 segments (13 from participants, 7 from moderators and interviewers)" "$TMP/out"
check_grep "golden coverage: 11 of 13 participant segments coded" "Coverage: 11 of 13 participant segments coded (85%)." "$TMP/out"

mkdir "$TMP/dest"
check_status "-o writes the file" 0 "$VERBA" report -o "$TMP/dest/report.txt"
check_eq "... and only it" "report.txt" "$(ls "$TMP/dest")"
check_status "unknown --by" 1 "$VERBA" report --by nosuch -o "$TMP/dest/r2.txt"
check_eq "... leaves no file" "report.txt" "$(ls "$TMP/dest")"
check_status "tsv is not a report format" 2 "$VERBA" report -t tsv
check_grep "... saying which are" "the report is txt, md, latex, json, html or xlsx" "$TMP/err"

tap_done
