#!/bin/sh
# Issue #14, the smaller items: merge checks rows, a file name that is
# not UTF-8 still makes a document id verba reads, terminal control
# characters do not reach a terminal through txt and md, and numeric
# options out of range are usage errors, not a GLib abort.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/seven-principles"
head='document	segment	speaker	role	phase	start	end	codes	codings	text'
row () { printf 'd%s\t1\t\tparticipant\tspontaneous\t0\t5\thonesty\thonesty@0-5\thello\n' "$1"; }
mkdir "$TMP/d"

# ---- merge ----
{ echo "$head"; row 1; } > "$TMP/a.tsv"
{ echo "$head"; row 2; printf 'd3\t1\tonly four\tfields\n'; row 4; } > "$TMP/short.tsv"
{ echo "$head"; row 2; printf 'd3\tx\t\tparticipant\tspontaneous\t0\t5\thonesty\thonesty@0-5\thello\n'; } \
  > "$TMP/badnum.tsv"
{ echo "$head"; printf 'd5\t1\t\tparticipant\tspontaneous\t0\t5\thonesty\thonesty@0-9\thello\n'; } \
  > "$TMP/badcoding.tsv"
check_status "merge: a row with too few fields fails" 1 \
  "$VERBA" merge -o "$TMP/d/m.tsv" "$TMP/a.tsv" "$TMP/short.tsv"
check_eq "merge: the row's file and line" \
  "verba merge: $TMP/short.tsv:3: expected 10 tab-separated fields as in the header, found 4" \
  "$(cat "$TMP/err")"
check_eq "merge: no output after a bad row" "" "$(ls -A "$TMP/d")"
check_status "merge: a bad segment number fails" 1 "$VERBA" merge "$TMP/a.tsv" "$TMP/badnum.tsv"
check_eq "merge: the bad field named" \
  "verba merge: $TMP/badnum.tsv:3: column 2 (segment): expected a number, found 'x'" \
  "$(cat "$TMP/err")"
check_status "merge: a coding past the text fails" 1 "$VERBA" merge "$TMP/a.tsv" "$TMP/badcoding.tsv"
check_eq "merge: the coding's file, line and column" \
  "verba merge: $TMP/badcoding.tsv:2:43: coding 'honesty@0-9' ends past the segment's text (5 code points)" \
  "$(cat "$TMP/err")"
{ echo "$head"; row 2; echo; row 3; } > "$TMP/blank.tsv"
check_status "merge: good rows and a blank line pass" 0 "$VERBA" merge "$TMP/a.tsv" "$TMP/blank.tsv"
check_output "merge: rows copied as they are" "$(echo "$head"; row 1; row 2; echo; row 3)" "$TMP/out"
check_eq "merge: segments counted" "verba merge: 2 streams, 3 segments" "$(cat "$TMP/err")"

# ---- a file name that is not UTF-8 ----
mkdir "$TMP/names"
printf 'I trust the council to be honest.\n' > "$TMP/names/caf$(printf '\351').txt"
printf 'I trust the council to be honest.\n' > "$TMP/names/plain.txt"
check_status "import: a Latin-1 file name imports" 0 "$VERBA" import -q "$TMP/names"
check_eq "import: its id is UTF-8, the stray byte as %XX" "caf%E9 plain" \
  "$(tail -n +2 "$TMP/out" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
cp "$TMP/out" "$TMP/names.tsv"
check_status "code reads the stream import wrote" 0 "$VERBA" code -q -c "$CB" "$TMP/names.tsv"

# ---- control characters ----
esc=$(printf '\033')
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t40\thonesty\thonesty@0-40\thonest \033]0;pwned\007 and \033[2J clear \302\233 c1 \177 del\n' \
  "$head" > "$TMP/ctl.tsv"
for t in txt md; do
  check_status "quotes -t $t with control characters" 0 "$VERBA" quotes -t $t "$TMP/ctl.tsv"
  check_eq "quotes -t $t: no escape, BEL, DEL or C1 reaches the terminal" "0" \
    "$(LC_ALL=C grep -c "[$esc$(printf '\007\177')]\|$(printf '\302\233')" "$TMP/out")"
  check_grep "quotes -t $t: each shown as U+FFFD" \
    "honest $(printf '\357\277\275')]0;pwned$(printf '\357\277\275') and" "$TMP/out"
  check_status "matrix --cell quotes -t $t" 0 \
    "$VERBA" matrix --rows code --cols document --cell quotes -t $t "$TMP/ctl.tsv"
  check_eq "matrix -t $t: no escape" "0" "$(LC_ALL=C grep -c "$esc" "$TMP/out")"
done
# Messages quote input, and go to a terminal too.
printf '%s\nd1\t1\t\tparticipant\tspontaneous\t0\t5\tx\tx\033[2J@0-9\thello\n' "$head" \
  > "$TMP/ctl-code.tsv"
check_status "a bad coding with an escape in it fails" 1 "$VERBA" freq "$TMP/ctl-code.tsv"
check_eq "its message carries no escape" \
  "verba freq: $TMP/ctl-code.tsv:2:37: coding 'x$(printf '\357\277\275')[2J@0-9' ends past the segment's text (5 code points)" \
  "$(cat "$TMP/err")"
check_status "quotes -t tsv keeps the text as it is" 0 "$VERBA" quotes -t tsv "$TMP/ctl.tsv"
check_eq "quotes -t tsv: the escape is still there" "1" "$(LC_ALL=C grep -c "$esc" "$TMP/out")"

# ---- numeric options ----
range () {
  name=$1 msg=$2; shift 2
  check_status "$name: usage error" 2 "$@"
  check_eq "$name: option and range named" "$msg" "$(cat "$TMP/err")"
}
range "code -j 100000" \
  "verba code: -j 100000: out of range (0 to 1024; see 'verba code --help')" \
  "$VERBA" code -j 100000 -c "$CB" "$TMP/a.tsv"
range "agree -B 1000000000" \
  "verba agree: --bootstrap 1000000000: out of range (0 to 100000; see 'verba agree --help')" \
  "$VERBA" agree -B 1000000000 "$TMP/a.tsv" "$TMP/a.tsv"
range "quotes -n 2000000" \
  "verba quotes: -n 2000000: out of range (1 to 1000000; see 'verba quotes --help')" \
  "$VERBA" quotes -n 2000000 "$TMP/a.tsv"
range "quotes --max-words" \
  "verba quotes: --max-words 2000000: out of range (0 to 1000000; see 'verba quotes --help')" \
  "$VERBA" quotes --max-words 2000000 "$TMP/a.tsv"
range "matrix --max-quotes" \
  "verba matrix: --max-quotes 2000000: out of range (0 to 1000000; see 'verba matrix --help')" \
  "$VERBA" matrix --rows code --cols document --cell quotes --max-quotes 2000000 "$TMP/a.tsv"
range "campaigns --shingle" \
  "verba campaigns: --shingle 500: out of range (1 to 100; see 'verba campaigns --help')" \
  "$VERBA" campaigns --shingle 500 "$TMP/a.tsv"
check_status "code -j 1024 is in range" 0 "$VERBA" code -q -j 1024 -c "$CB" "$TMP/a.tsv"
# More threads than the system gives: code on those there are, not abort.
# A process limit binds only a user other than root, hence setpriv.
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null && command -v prlimit > /dev/null \
   && setpriv --reuid=65534 --regid=65534 --clear-groups true 2> /dev/null; then
  "$VERBA" import -q "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/seg.tsv"
  "$VERBA" code -q -j 1 -c "$CB" "$TMP/seg.tsv" > "$TMP/j1.tsv"
  check_status "-j 1024 under a limit of 20 processes" 0 sh -c \
    'prlimit --nproc=20 setpriv --reuid=65534 --regid=65534 --clear-groups "$1" code -q -j 1024 -c "$2" - < "$3"' \
    sh "$VERBA" "$CB" "$TMP/seg.tsv"
  check_eq "-j 1024 under a limit: the output of -j 1" "" "$(cmp "$TMP/j1.tsv" "$TMP/out" 2>&1)"
else
  ok "# SKIP not root, or no setpriv or prlimit: no process limit to run into"
  ok "# SKIP"
fi
check_status "agree -B 100000 is in range" 0 "$VERBA" agree -B 100000 "$TMP/a.tsv" "$TMP/a.tsv"
tap_done
