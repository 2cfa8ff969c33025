#!/bin/sh
# Issue #14: every output path checks its writes, standard output
# included: a full disk (/dev/full, a tiny full tmpfs) fails the run with
# exit 1 and one line naming the file, and -o leaves no file behind.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/seven-principles"
DATA="$VB_TOP_SRCDIR/data/ethical-standards"
"$VERBA" import "$DATA" > "$TMP/seg.tsv" 2> /dev/null
"$VERBA" code -q -c "$CB" "$TMP/seg.tsv" > "$TMP/coded.tsv"
# A table well past the stdio buffer: 400 documents as columns.
{ printf 'document\tsegment\tspeaker\trole\tphase\tstart\tend\tcodes\tcodings\ttext\n'
  i=0; while [ $i -lt 400 ]; do
    printf 'document-number-%03d\t1\t\tparticipant\tspontaneous\t0\t5\thonesty\thonesty@0-5\thello\n' $i
    i=$((i + 1)); done; } > "$TMP/wide.tsv"
wide=$("$VERBA" freq --by document "$TMP/wide.tsv" | wc -c)
if [ "$wide" -gt 8192 ]; then ok "the wide table passes the stdio buffer ($wide bytes)"
else not_ok "the wide table passes the stdio buffer" "only $wide bytes"; fi

# Each command, with what it writes.
commands () {
  cat <<EOC
report
codebook show $CB
codebook convert --to qdc $CB
codebook convert --to native $CB
codebook check $CB
quotes $TMP/coded.tsv
freq $TMP/coded.tsv
freq --by document $TMP/wide.tsv
freq --print-scale
matrix --rows theme --cols principle $TMP/coded.tsv
agree $TMP/coded.tsv $TMP/coded.tsv
campaigns $TMP/seg.tsv
campaigns --report $TMP/seg.tsv
merge $TMP/coded.tsv $TMP/coded.tsv
import $DATA
code -q -j 1 -c $CB $TMP/seg.tsv
code -q -j 2 --long -c $CB $TMP/seg.tsv
EOC
}
if [ -w /dev/full ]; then
  commands | while read -r cmd args; do
    # shellcheck disable=SC2086
    "$VERBA" $cmd $args > /dev/full 2> "$TMP/err"
    echo "$cmd $args|$?|$(cat "$TMP/err")"
  done > "$TMP/full.txt"
  while IFS='|' read -r what status err; do
    check_eq "$what > /dev/full: exit 1" 1 "$status"
    cmd=${what%% *}
    check_eq "$what > /dev/full: message" \
      "verba $cmd: standard output: cannot write: No space left on device" "$err"
  done < "$TMP/full.txt"
  check_status "--help > /dev/full fails" 1 sh -c '"$1" freq --help > /dev/full' sh "$VERBA"
  check_grep "--help > /dev/full: message" "standard output: cannot write" "$TMP/err"
  check_status "--version > /dev/full fails" 1 sh -c '"$1" --version > /dev/full' sh "$VERBA"
  # -o onto /dev/full: written in place, the failure named.
  for cmd in "freq" "quotes" "merge" "code -q -c $CB" "campaigns"; do
    # shellcheck disable=SC2086
    check_status "$cmd -o /dev/full fails" 1 "$VERBA" $cmd -o /dev/full "$TMP/coded.tsv"
    check_eq "$cmd -o /dev/full: message" \
      "verba ${cmd%% *}: /dev/full: cannot write: No space left on device" "$(cat "$TMP/err")"
  done
  check_status "export -o /dev/full fails" 1 \
    "$VERBA" export --to qdpx -o /dev/full "$TMP/coded.tsv"
  check_grep "export -o /dev/full: message" "verba export: /dev/full: cannot write" "$TMP/err"
else
  ok "# SKIP no writable /dev/full"
fi

# A tiny tmpfs, filled: -o must fail with the file named and leave
# nothing behind; standard output redirected there must fail too.
# Mounting needs a user namespace (unshare -rm); skipped where there is none.
mnt="$TMP/mnt"
mkdir "$mnt"
cat > "$TMP/full-fs.sh" <<'EOS'
mnt=$1 verba=$2 cb=$3 tmp=$4
mount -t tmpfs -o size=64k tmpfs "$mnt" || exit 77
dd if=/dev/zero of="$mnt/fill" bs=4k 2> /dev/null
"$verba" freq --by document -o "$mnt/out.tsv" "$tmp/wide.tsv"; echo "freq -o: $?"
"$verba" code -q -c "$cb" -o "$mnt/out.tsv" "$tmp/seg.tsv"; echo "code -o: $?"
"$verba" export --to qdpx -o "$mnt/out.qdpx" "$tmp/coded.tsv" 2>&1 | sed 's/:[^:]*$//'; echo "export -o"
"$verba" freq --by document "$tmp/wide.tsv" > "$mnt/stdout.tsv"; echo "freq >: $?"
rm -f "$mnt/stdout.tsv" "$mnt/fill"
ls -A "$mnt"
EOS
if unshare -rm true 2> /dev/null; then
  unshare -rm sh "$TMP/full-fs.sh" "$mnt" "$VERBA" "$CB" "$TMP" > "$TMP/fs.out" 2> "$TMP/fs.err"
  status=$?
fi
if [ "${status:-77}" = 77 ]; then
  ok "# SKIP cannot mount a tmpfs here"
else
  check_output "full tmpfs: every run fails, nothing left behind" \
"freq -o: 1
code -o: 1
verba export: $mnt/out.qdpx
export -o
freq >: 1" "$TMP/fs.out"
  check_output "full tmpfs: the messages name the file" \
"verba freq: $mnt/out.tsv: cannot write: No space left on device
verba code: $mnt/out.tsv: cannot write: No space left on device
verba freq: standard output: cannot write: No space left on device" "$TMP/fs.err"
fi
tap_done
