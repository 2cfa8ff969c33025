# tap.sh: a few helpers for the shell tests, which speak TAP like the
# gtest programs so that automake's tap driver reads them all alike.
# Each script sources this, calls the checks, and ends with tap_done.

set -u
: "${VERBA:?VERBA must point at the verba binary (make check sets it)}"
: "${VB_TOP_SRCDIR:?VB_TOP_SRCDIR must point at the source tree}"
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/verba-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
GOLDEN="$VB_TOP_SRCDIR/tests/data/golden"

ok () { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
not_ok () {
  tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
  echo "not ok $tap_n - $1"
  shift
  for line in "$@"; do printf '# %s\n' "$line"; done
}

# check_eq NAME EXPECTED ACTUAL
check_eq () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# check_output NAME EXPECTED_TEXT FILE: the file's content must be exactly the text.
check_output () {
  printf '%s\n' "$2" > "$TMP/expected"
  if diff -u "$TMP/expected" "$3" > "$TMP/diff"; then ok "$1"
  else not_ok "$1" "$(cat "$TMP/diff")"; fi
}

# check_status NAME EXPECTED_STATUS COMMAND…: runs COMMAND with stdout to
# $TMP/out and stderr to $TMP/err.
check_status () {
  name=$1 want=$2; shift 2
  "$@" > "$TMP/out" 2> "$TMP/err"
  got=$?
  if [ "$got" = "$want" ]; then ok "$name"
  else not_ok "$name" "exit status $got, expected $want" "stderr: $(head -c 600 "$TMP/err")"; fi
}

# check_grep NAME PATTERN FILE: a fixed string must appear in the file.
check_grep () {
  if grep -qF -- "$2" "$3"; then ok "$1"
  else not_ok "$1" "'$2' not found in:" "$(head -c 800 "$3")"; fi
}

# python_with MODULES: a python3 that imports them ("scipy, sklearn"),
# printed, or nothing.  python3 on PATH may be another interpreter than
# the one Debian's python3-* packages serve, so /usr/bin/python3 is tried too.
python_with () {
  for p in python3 /usr/bin/python3; do
    if command -v "$p" > /dev/null 2>&1 && "$p" -c "import $1" 2> /dev/null; then
      echo "$p"; return
    fi
  done
}

tap_done () {
  echo "1..$tap_n"
  [ "$tap_failed" -eq 0 ]
}
