#!/bin/sh
# Hostile input (issue #8, SECURITY.md): files from strangers never crash
# verba, hang it or lose a verbatim.  Each input is made here, at test time:
# invalid UTF-8 (and --encoding for a declared legacy encoding), NUL bytes,
# a 100 MB line, a million columns, 10,000 nested parentheses, a regex that
# backtracks without end.  Each must give a result or a one-line error that
# names the limit, a non-zero exit, no output file, within a time bound.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/seven-principles"
mkdir "$TMP/dest"
no_leftovers () {
  if [ -z "$(ls -A "$TMP/dest")" ]; then ok "$1: no output file left"
  else not_ok "$1: no output file left" "found: $(ls -A "$TMP/dest")"; fi
}
# within NAME SECONDS COMMAND…: like check_status's run, timed; the exit
# status is left in $got.
within () {
  name=$1 limit=$2; shift 2
  t0=$(date +%s)
  timeout $((limit * 4)) "$@" > "$TMP/out" 2> "$TMP/err"
  got=$?
  t=$(( $(date +%s) - t0 ))
  if [ "$t" -le "$limit" ]; then ok "$name: done in ${t}s (limit ${limit}s)"
  else not_ok "$name: done in ${t}s (limit ${limit}s)" "exit $got"; fi
}
# Under valgrind (make check-valgrind) the 100 MB inputs would take an
# hour: those checks are for the ordinary and sanitizer builds.
big () { [ -z "${VB_VALGRIND:-}" ]; }

# ---- encodings ----
printf 'Interviewer: Was it fair?\nRespondent: Caf\351 staff said so.\n' > "$TMP/latin1.txt"
check_status "invalid UTF-8: refused" 1 "$VERBA" import -o "$TMP/dest/s.tsv" "$TMP/latin1.txt"
check_output "invalid UTF-8: line, column and byte offset" \
  "verba import: $TMP/latin1.txt:2:16: invalid UTF-8 (byte offset 41); a file in another encoding is read with --encoding (windows-1252, ISO-8859-1, UTF-16…)" "$TMP/err"
no_leftovers "invalid UTF-8"
check_status "--encoding windows-1252" 0 "$VERBA" import --encoding windows-1252 "$TMP/latin1.txt"
check_eq "--encoding windows-1252: the text converted" "Café staff said so." "$(cut -f8 "$TMP/out" | sed -n 3p)"
printf 'id,answer\r\n1,Tr\350s bien\r\n' > "$TMP/latin1.csv"
check_status "CSV --encoding ISO-8859-1" 0 "$VERBA" import -f csv --id id --encoding ISO-8859-1 "$TMP/latin1.csv"
check_eq "CSV --encoding: the answer converted" "Très bien" "$(cut -f9 "$TMP/out" | sed -n 2p)"
printf 'Q: one\n' | iconv -f UTF-8 -t UTF-16 > "$TMP/utf16.txt"
check_status "--encoding UTF-16" 0 "$VERBA" import --encoding UTF-16 "$TMP/utf16.txt"
check_eq "--encoding UTF-16: the turn" "one" "$(cut -f8 "$TMP/out" | sed -n 2p)"
printf 'Q: \201\215\n' > "$TMP/bad1252.txt"
check_status "bytes windows-1252 lacks" 1 "$VERBA" import --encoding windows-1252 "$TMP/bad1252.txt"
check_grep "bytes windows-1252 lacks: byte offset" "bad1252.txt: byte offset 3: not valid windows-1252" "$TMP/err"
check_status "unknown encoding: bad usage" 2 "$VERBA" import --encoding no-such-code "$TMP/latin1.txt"
check_grep "unknown encoding: message" "--encoding no-such-code: not an encoding" "$TMP/err"

# ---- NUL bytes ----
printf 'Q: before\000after\n' > "$TMP/nul.txt"
check_status "NUL in a transcript" 1 "$VERBA" import -o "$TMP/dest/s.tsv" "$TMP/nul.txt"
check_output "NUL in a transcript: where" "verba import: $TMP/nul.txt:1:10: NUL byte in text (byte offset 9)" "$TMP/err"
printf 'id,q\n1,a\000b\n' > "$TMP/nul.csv"
check_status "NUL in a CSV" 1 "$VERBA" import -f csv -o "$TMP/dest/s.tsv" "$TMP/nul.csv"
check_output "NUL in a CSV: where" "verba import: $TMP/nul.csv:2:4: NUL byte in text (byte offset 8)" "$TMP/err"
printf 'document\ttext\nd\tok\nd\tbad\000\n' > "$TMP/nul.tsv"
check_status "NUL in a stream" 1 "$VERBA" code -c "$CB" -o "$TMP/dest/c.tsv" "$TMP/nul.tsv"
check_output "NUL in a stream: where" "verba code: $TMP/nul.tsv:3:6: NUL byte in text (byte offset 24)" "$TMP/err"
no_leftovers "NUL bytes"

# ---- empty files (found by fuzzing: they crashed the loaders) ----
: > "$TMP/empty.txt"
check_status "empty transcript" 0 "$VERBA" import -q "$TMP/empty.txt"
check_output "empty transcript: a header and no segment" \
  "$(printf 'document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext')" "$TMP/out"
: > "$TMP/empty.codebook"
check_status "empty codebook" 1 "$VERBA" codebook check "$TMP/empty.codebook"
check_grep "empty codebook: message" "empty.codebook:1: a [codebook] group with 'id' and 'title' is required" "$TMP/err"

# ---- a line of 100 MB ----
if big; then
  { printf 'Respondent: '; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '\n'; } > "$TMP/long.txt"
  within "100 MB transcript line" 30 "$VERBA" import -o "$TMP/dest/s.tsv" "$TMP/long.txt"
  check_eq "100 MB transcript line: exit 1" 1 "$got"
  check_output "100 MB transcript line: names the limit" \
    "verba import: $TMP/long.txt:1: line is longer than 1 MiB, the limit for a line of text (VB_LINE_MAX_BYTES; see SECURITY.md)" "$TMP/err"
  { printf 'id,q\n1,'; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '\n2,short\n'; } > "$TMP/long.csv"
  within "100 MB CSV row" 30 "$VERBA" import -f csv -o "$TMP/dest/s.tsv" "$TMP/long.csv"
  check_eq "100 MB CSV row: exit 1" 1 "$got"
  check_grep "100 MB CSV row: names the limit" "long.csv:2: row is longer than 16 MiB" "$TMP/err"
  within "100 MB CSV row, --skip-bad-rows" 30 "$VERBA" import -f csv --skip-bad-rows -o "$TMP/s.tsv" "$TMP/long.csv"
  check_eq "100 MB CSV row, --skip-bad-rows: exit 0" 0 "$got"
  check_grep "100 MB CSV row, --skip-bad-rows: counted" "2 rows, 2 answers, 0 empty answers, 1 bad rows skipped" "$TMP/err"
  { printf 'document\ttext\nd\t'; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '\n'; } > "$TMP/long.tsv"
  within "100 MB stream row" 30 "$VERBA" code -c "$CB" -o "$TMP/dest/c.tsv" "$TMP/long.tsv"
  check_eq "100 MB stream row: exit 1" 1 "$got"
  check_output "100 MB stream row: names the limit" \
    "verba code: $TMP/long.tsv:2: row is longer than 64 MiB, the limit for a stream row (VB_STREAM_ROW_MAX_BYTES; see SECURITY.md)" "$TMP/err"
  no_leftovers "100 MB lines"
  rm -f "$TMP/long.txt" "$TMP/long.csv" "$TMP/long.tsv"
fi

# ---- a million columns ----
if big; then
  awk 'BEGIN { n = 1000000
    for (i = 1; i <= n; i++) printf "%sq%d", (i > 1 ? "," : ""), i; printf "\n"
    for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "," : ""), (i % 2 ? "open" : ""); printf "\n" }' \
    > "$TMP/wide.csv"
  within "1,000,000 CSV columns" 60 "$VERBA" import -f csv -o "$TMP/wide.tsv" "$TMP/wide.csv"
  check_eq "1,000,000 CSV columns: exit 0" 0 "$got"
  check_grep "1,000,000 CSV columns: every answer" "1 rows, 500000 answers, 500000 empty answers" "$TMP/err"
  check_eq "1,000,000 CSV columns: one segment an answer" 500001 "$(wc -l < "$TMP/wide.tsv")"
  awk 'BEGIN { n = 1000000; printf "document\ttext"
    for (i = 1; i <= n; i++) printf "\ta%d", i; printf "\n"
    for (r = 1; r <= 2; r++) { printf "d\tOpenness matters."; for (i = 1; i <= n; i++) printf "\tv"; printf "\n" } }' \
    > "$TMP/wide-attrs.tsv"
  within "1,000,000 stream columns" 60 "$VERBA" code -c "$CB" -o "$TMP/wide-coded.tsv" "$TMP/wide-attrs.tsv"
  check_eq "1,000,000 stream columns: exit 0" 0 "$got"
  check_output "1,000,000 stream columns: accounted" \
    "verba code: 2 segments read, 2 coded, 0 uncoded, 0 rejected" "$TMP/err"
  rm -f "$TMP/wide.csv" "$TMP/wide.tsv" "$TMP/wide-attrs.tsv" "$TMP/wide-coded.tsv"
fi

# ---- deep nesting ----
nested () { awk -v n="$1" -v o="$2" -v c="$3" 'BEGIN {
  printf "[codebook]\nid = deep\ntitle = Deep\n\n[theme:x]\nlabel = X\nrule = "
  for (i = 0; i < n; i++) printf "%s", o; printf "a"
  for (i = 0; i < n; i++) printf "%s", c; printf "\n" }'; }
nested 10000 '(' ')' > "$TMP/parens.codebook"
within "10,000 nested parentheses" 5 "$VERBA" codebook check "$TMP/parens.codebook"
check_eq "10,000 nested parentheses: exit 1" 1 "$got"
check_output "10,000 nested parentheses: names the limit" \
  "verba codebook: $TMP/parens.codebook:7:72: rule of [theme:x]: rule nested more than 64 levels deep" "$TMP/err"
nested 10000 'NOT ' '' > "$TMP/nots.codebook"
within "10,000 nested NOTs" 5 "$VERBA" codebook check "$TMP/nots.codebook"
check_grep "10,000 nested NOTs: names the limit" "rule nested more than 64 levels deep" "$TMP/err"
nested 64 '(' ')' > "$TMP/ok.codebook"
check_status "64 levels: within the limit" 0 "$VERBA" codebook check "$TMP/ok.codebook"

# ---- a regex that backtracks without end ----
printf '[codebook]\nid = rx\ntitle = Regex\n\n[theme:x]\nlabel = X\nrule = /(a+)+b/\n' > "$TMP/rx.codebook"
{ printf 'document\ttext\nshort\tno match here\nlong\t'; head -c 30000 /dev/zero | tr '\0' 'a'; printf '!b\n'; } > "$TMP/aaa.tsv"
within "(a+)+b on 30,000 a's" 10 "$VERBA" code -c "$TMP/rx.codebook" -o "$TMP/dest/c.tsv" "$TMP/aaa.tsv"
check_eq "(a+)+b: exit 1" 1 "$got"
check_output "(a+)+b: names the segment, the rule and the limit" \
  "verba code: line 3 (document 'long', segment 0): rule of [theme:x]: regex /(a+)+b/ gave up after 1000000 backtracking steps (VB_REGEX_MATCH_LIMIT; nested quantifiers such as (a+)+ backtrack without end)" "$TMP/err"
no_leftovers "(a+)+b"
printf 'document\ttext\nd\taaab\n' > "$TMP/aaab.tsv"
check_status "(a+)+b on a short line: coded" 0 "$VERBA" code -c "$TMP/rx.codebook" "$TMP/aaab.tsv"
check_grep "(a+)+b on a short line: the span" "x@0-4/rule:rule" "$TMP/out"

# ---- no lost verbatims: the accounting line adds up ----
"$VERBA" import -q "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/es.tsv"
check_status "code the bundled study" 0 "$VERBA" code -c "$CB" -o "$TMP/es-coded.tsv" "$TMP/es.tsv"
rows=$(($(wc -l < "$TMP/es.tsv") - 1))
set -- $(sed -n 's/^verba code: \([0-9]*\) segments read, \([0-9]*\) coded, \([0-9]*\) uncoded, \([0-9]*\) rejected$/\1 \2 \3 \4/p' "$TMP/err")
check_eq "accounting: every input row read" "$rows" "${1:-}"
check_eq "accounting: coded + uncoded + rejected = read" "$rows" "$((${2:-0} + ${3:-0} + ${4:-0}))"
check_eq "accounting: every segment written" "$rows" "$(grep -vc '^#' "$TMP/es-coded.tsv" | awk '{ print $1 - 1 }')"
uncoded=$(awk -F '\t' '/^#/ { next } !c { for (i = 1; i <= NF; i++) if ($i == "codes") c = i; next }
  $c == "" { n++ } END { print n + 0 }' "$TMP/es-coded.tsv")
check_eq "accounting: uncoded as written" "${3:-}" "$uncoded"
# A bad row stops the run: nothing is written, so nothing is half-counted.
{ head -n 20 "$TMP/es.tsv"; printf 'broken row with no tabs\n'; tail -n +21 "$TMP/es.tsv"; } > "$TMP/bad.tsv"
check_status "a bad row: the run fails" 1 "$VERBA" code -c "$CB" -o "$TMP/dest/c.tsv" "$TMP/bad.tsv"
check_grep "a bad row: its line" "bad.tsv:21: expected" "$TMP/err"
no_leftovers "a bad row"

tap_done
