#!/bin/sh
# Progress lines: only when standard error is a terminal, never with
# --quiet, and cleared before the summary line.  The terminal case runs
# under script(1) (util-linux), with input that pauses half-way through a
# pipe so that the line shows whatever the machine's speed.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/seg.tsv" 2>/dev/null
CR=$(printf '\r')
ESC=$(printf '\033')

check_status "code, standard error a file" 0 "$VERBA" code -c seven-principles -o "$TMP/c.tsv" "$TMP/seg.tsv"
check_eq "... the summary line only, no progress" "1 0" \
  "$(wc -l < "$TMP/err") $(grep -c "$CR" "$TMP/err")"
check_grep "... which is the summary" "verba code: 942 segments read, " "$TMP/err"
check_status "code --quiet" 0 "$VERBA" code -q -c seven-principles -o "$TMP/c.tsv" "$TMP/seg.tsv"
check_eq "... says nothing" "" "$(cat "$TMP/err")"
check_status "csv import, standard error a file" 0 "$VERBA" import -q \
  --map "$VB_TOP_SRCDIR/data/consultation/responses.map" \
  --study "$VB_TOP_SRCDIR/data/consultation/study.ini" "$VB_TOP_SRCDIR/data/consultation/responses.csv"
check_eq "... --quiet: warnings only, no progress" 0 "$(grep -c "$CR" "$TMP/err")"

if ! command -v script >/dev/null || ! script -qec true /dev/null >/dev/null 2>&1; then
  ok "# SKIP script(1) not usable here: terminal progress not checked"
  tap_done
  exit $?
fi
cat > "$TMP/slow.sh" <<EOS
(head -n 600 "$TMP/seg.tsv"; sleep 1; tail -n +601 "$TMP/seg.tsv") \
  | "$VERBA" code \$1 -c seven-principles -o "$TMP/c.tsv"
EOS
script -qec "sh $TMP/slow.sh" /dev/null > "$TMP/tty" 2>&1
check_grep "on a terminal: a progress line, rewritten in place" "${CR}verba code: " "$TMP/tty"
check_grep "... with the rate" "/s${ESC}[K" "$TMP/tty"
check_eq "... no percentage from a pipe" 0 "$(grep -c '%' "$TMP/tty")"
check_grep "... cleared before the summary" "${CR}${ESC}[Kverba code: 942 segments read" "$TMP/tty"
script -qec "sh $TMP/slow.sh -q" /dev/null > "$TMP/tty" 2>&1
check_eq "--quiet on a terminal: nothing" "" "$(cat "$TMP/tty")"

tap_done
