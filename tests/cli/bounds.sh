#!/bin/sh
# Issue #14: a coding outside its segment's text is refused where a stream
# is read, with the file, line and column of the coding, so no later stage
# slices a text by offsets it does not have (code --long read out of
# bounds, export wrote an invalid project).
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/seven-principles"
head='document	segment	speaker	role	phase	start	end	codes	codings	text'
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t5\tx\tx@0-2;x@2-999999\thello\n' "$head" \
  > "$TMP/past.tsv"
# One code point past the end of a text with a two-byte letter: bytes
# would let it through.
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t5\tx\tx@0-3\th\303\251\n' "$head" \
  > "$TMP/past-cp.tsv"
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t5\tx\tx@3-2\thello\n' "$head" \
  > "$TMP/reversed.tsv"
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t5\thonesty\thonesty@0-5;honesty@5-5\thello\n' "$head" \
  > "$TMP/edge.tsv"
past="past.tsv:2:43: coding 'x@2-999999' ends past the segment's text (5 code points)"

check_status "code --long: a coding past the text fails" 1 \
  "$VERBA" code -q --long -c "$CB" "$TMP/past.tsv"
check_eq "code --long: file, line, column and coding named" "verba code: $TMP/$past" \
  "$(cat "$TMP/err")"
check_status "freq: a coding past the text fails" 1 "$VERBA" freq "$TMP/past.tsv"
check_eq "freq: file, line, column and coding named" "verba freq: $TMP/$past" "$(cat "$TMP/err")"
mkdir "$TMP/dest"
check_status "export: a coding past the text fails" 1 \
  "$VERBA" export --to qdpx -o "$TMP/dest/p.qdpx" "$TMP/past.tsv"
check_eq "export: file, line, column and coding named" "verba export: $TMP/$past" \
  "$(cat "$TMP/err")"
check_eq "export: no project written" "" "$(ls -A "$TMP/dest")"
check_status "code points, not bytes" 1 "$VERBA" freq "$TMP/past-cp.tsv"
check_eq "code points, not bytes: message" \
  "verba freq: $TMP/past-cp.tsv:2:37: coding 'x@0-3' ends past the segment's text (2 code points)" \
  "$(cat "$TMP/err")"
check_status "start after end fails" 1 "$VERBA" quotes "$TMP/reversed.tsv"
check_eq "start after end: message" \
  "verba quotes: $TMP/reversed.tsv:2:37: coding 'x@3-2' ends before it starts (expected START <= END)" \
  "$(cat "$TMP/err")"
check_status "codings up to the text's end are fine" 0 \
  "$VERBA" export --to qdpx -c "$CB" -o "$TMP/dest/edge.qdpx" "$TMP/edge.tsv"
check_status "code --long on codings up to the end" 0 \
  "$VERBA" code -q --long -c "$CB" "$TMP/edge.tsv"
tap_done
