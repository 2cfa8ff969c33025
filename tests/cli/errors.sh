#!/bin/sh
# Bad input: a clear one-line message naming file, line and column where
# known, exit status 1 (2 for bad usage), and no output file left behind.
. "$VB_TOP_SRCDIR/tests/tap.sh"
DATA="$VB_TOP_SRCDIR/tests/data/cli"

# An output path whose directory we watch for leftovers (temp files too).
mkdir "$TMP/dest"
no_leftovers () {
  if [ -z "$(ls -A "$TMP/dest")" ]; then ok "$1: no output file left"
  else not_ok "$1: no output file left" "found: $(ls -A "$TMP/dest")"; fi
}

check_status "unreadable file" 1 "$VERBA" import -o "$TMP/dest/s.tsv" "$TMP/missing.txt"
check_output "unreadable file: message" "verba import: $TMP/missing.txt: cannot read: No such file or directory" "$TMP/err"
no_leftovers "unreadable file"

check_status "bad codebook line" 1 "$VERBA" codebook check "$DATA/bad.codebook"
check_output "bad codebook line: file and line" \
  "verba codebook: $DATA/bad.codebook:4: expected 'key = value', a [group] or a # comment, found 'this line is not a key'" "$TMP/err"

# The same codebook without the stray line: the rule error names the column
# of the file (the value starts at column 8, the missing operand at 31).
grep -v 'this line is not a key' "$DATA/bad.codebook" > "$TMP/rule.codebook"
check_status "bad rule" 1 "$VERBA" codebook check "$TMP/rule.codebook"
check_grep "bad rule: file, line and column" "$TMP/rule.codebook:7:" "$TMP/err"
check_grep "bad rule: which rule" "rule of [principle:openness]" "$TMP/err"

"$VERBA" import "$VB_TOP_SRCDIR/tests/data/golden" > "$TMP/segments.tsv"
check_status "code with a bad codebook" 1 "$VERBA" code -c "$DATA/bad.codebook" -o "$TMP/dest/c.tsv" "$TMP/segments.tsv"
no_leftovers "code with a bad codebook"

"$VERBA" code -q -c "$VB_TOP_SRCDIR/tests/data/golden/mini.codebook" "$TMP/segments.tsv" > "$TMP/coded.tsv"
check_status "unknown attribute" 1 "$VERBA" freq --by nosuch -o "$TMP/dest/f.tsv" "$TMP/coded.tsv"
check_grep "unknown attribute: message" "unknown attribute 'nosuch' (this stream has: stage, location, age, grade" "$TMP/err"
no_leftovers "unknown attribute"

check_status "unknown attribute in --where" 1 "$VERBA" freq --where nosuch=1 "$TMP/coded.tsv"
check_status "freq on an uncoded stream" 1 "$VERBA" freq "$TMP/segments.tsv"
check_grep "uncoded stream: message" "not a coded stream: run it through 'verba code -c CODEBOOK' first" "$TMP/err"

# A stream that breaks part-way: the good rows before it must not reach -o.
check_status "bad escape in a stream" 1 "$VERBA" code -c "$VB_TOP_SRCDIR/tests/data/golden/mini.codebook" -o "$TMP/dest/c.tsv" "$DATA/bad-escape.tsv"
check_output "bad escape: file, line and field" "verba code: $DATA/bad-escape.tsv:3: field 3: bad backslash escape" "$TMP/err"
no_leftovers "bad escape"

printf 'document\tsegment\ttext\nd1\t1\ttwo\textra\n' > "$TMP/fields.tsv"
check_status "wrong field count" 1 "$VERBA" code -c "$VB_TOP_SRCDIR/tests/data/golden/mini.codebook" "$TMP/fields.tsv"
check_output "wrong field count: message" "verba code: $TMP/fields.tsv:2: expected 3 tab-separated fields as in the header, found 4" "$TMP/err"

printf 'not a stream\n' > "$TMP/plain.txt"
check_status "not a stream" 1 "$VERBA" freq "$TMP/plain.txt"
check_grep "not a stream: message" "$TMP/plain.txt:1: not a segments stream" "$TMP/err"

printf 'Interviewer: caf\351\n' > "$TMP/latin1.txt"
check_status "invalid UTF-8" 1 "$VERBA" import "$TMP/latin1.txt"
check_output "invalid UTF-8: line, column, byte offset" "verba import: $TMP/latin1.txt:1:17: invalid UTF-8 (byte offset 16); a file in another encoding is read with --encoding (windows-1252, ISO-8859-1, UTF-16…)" "$TMP/err"

# Values outside the study's declared sets are warnings with file and line;
# --strict turns them into a failure that writes nothing.
check_status "undeclared values warn" 0 "$VERBA" import --study "$DATA/typo.study.ini" "$DATA/typo-notes.txt"
check_output "undeclared values: messages" "verba import: warning: $DATA/typo-notes.txt:3: age '35-60' is not one of the declared values (18-35, 36-60, 61+)
verba import: warning: $DATA/typo-notes.txt:7: age '35-60' is not one of the declared values (18-35, 36-60, 61+)
verba import: warning: $DATA/typo-notes.txt:10: grade 'AB' is not one of the declared values (ABC1, C2DE)" "$TMP/err"
check_status "--strict fails" 1 "$VERBA" import --strict --study "$DATA/typo.study.ini" -o "$TMP/dest/s.tsv" "$DATA/typo-notes.txt"
check_grep "--strict: message" "3 warnings with --strict: nothing written" "$TMP/err"
no_leftovers "--strict"

# Usage errors exit 2.
check_status "no codebook" 2 "$VERBA" code "$TMP/segments.tsv"
check_status "unknown option" 2 "$VERBA" freq --nosuch "$TMP/coded.tsv"
check_status "unknown unit" 2 "$VERBA" freq --unit people "$TMP/coded.tsv"
check_output "unknown unit: message" "verba freq: unknown unit 'people' (known: mention, segment, speaker, document, group)" "$TMP/err"
check_status "unknown format" 2 "$VERBA" freq -t xls "$TMP/coded.tsv"
check_status "unknown command" 2 "$VERBA" tabulate
check_status "no input for import" 2 "$VERBA" import
check_status "bad --attr" 2 "$VERBA" import --attr novalue "$VB_TOP_SRCDIR/tests/data/golden"
check_status "reserved --attr" 2 "$VERBA" import --attr text=x "$VB_TOP_SRCDIR/tests/data/golden"
check_status "unknown import format" 2 "$VERBA" import -f pdf "$VB_TOP_SRCDIR/tests/data/golden"
check_status "missing codebook" 1 "$VERBA" code -c no-such-codebook "$TMP/segments.tsv"
check_grep "missing codebook: where it looked" "codebook 'no-such-codebook' not found (looked for no-such-codebook, no-such-codebook.codebook" "$TMP/err"

tap_done
