#!/bin/sh
# Every subcommand has --help, a man page that renders cleanly and an entry
# in README; .ci/run runs README's test command.
. "$VB_TOP_SRCDIR/tests/tap.sh"

for cmd in import code campaigns freq matrix quotes codebook report agree export merge learn sample terms kwic; do
  check_status "$cmd --help" 0 "$VERBA" "$cmd" --help
  check_grep "$cmd --help: usage line" "verba $cmd [OPTION" "$TMP/out"
  page="$VB_TOP_SRCDIR/man/verba-$cmd.1"
  if [ -f "$page" ]; then ok "man page for $cmd"; else not_ok "man page for $cmd" "missing $page"; fi
  check_grep "README entry for $cmd" "| \`verba $cmd" "$VB_TOP_SRCDIR/README.md"
done
check_status "verba --help" 0 "$VERBA" --help
check_status "verba help freq" 0 "$VERBA" help freq
check_grep "verba help freq: the freq help" "verba freq [OPTION" "$TMP/out"
check_status "verba --version" 0 "$VERBA" --version

if command -v groff >/dev/null; then
  for page in "$VB_TOP_SRCDIR"/man/*.[15]; do
    groff -man -Tutf8 -ww -z "$page" 2> "$TMP/groff"
    if [ ! -s "$TMP/groff" ]; then ok "$(basename "$page") renders without warnings"
    else not_ok "$(basename "$page") renders without warnings" "$(head -5 "$TMP/groff")"; fi
  done
else
  ok "# SKIP groff not installed: man pages not rendered"
fi

# README's Quick start: exactly two commands; .ci/run runs the second.
awk '/^## Quick start/{q=1;next} /^## /{q=0} q&&/^```sh$/{c=1;next} q&&/^```$/{c=0} q&&c' \
  "$VB_TOP_SRCDIR/README.md" > "$TMP/quick"
check_eq "Quick start has two commands" 2 "$(wc -l < "$TMP/quick")"
test_cmd=$(sed -n 2p "$TMP/quick")
check_grep ".ci/run runs README's test command" "$test_cmd" "$VB_TOP_SRCDIR/.ci/run"
# The first command installs what building and running need, and CI the
# same before the test command; the test command installs the rest.
packages () { sed -n 's/.*apt-get install -y[ -q]* --no-install-recommends \([^&>]*\).*/\1/p' | sed 's/ *$//'; }
check_eq ".ci/run installs what the first command installs" \
  "$(sed -n 1p "$TMP/quick" | packages)" "$(grep -- '-qq --no-install' "$VB_TOP_SRCDIR/.ci/run" | packages)"
case $(sed -n 1p "$TMP/quick" | packages) in
  *valgrind*|*chromium*|*sklearn*|*clang*) not_ok "the first command installs no test-only package" ;;
  *) ok "the first command installs no test-only package" ;;
esac

tap_done
