#!/bin/sh
# bash completion: subcommands, each command's options as its --help lists
# them, codebook actions, option values and bundled codebooks.
. "$VB_TOP_SRCDIR/tests/tap.sh"

if ! command -v bash > /dev/null; then
  ok "completion # SKIP no bash"; tap_done; exit
fi
sed "s|@pkgdatadir@|$VB_TOP_SRCDIR|" "$VB_TOP_SRCDIR/completion/verba.bash.in" > "$TMP/verba.bash"

# complete WORD…: what bash would offer for the last word.
complete_words () {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _verba_complete;
           printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$TMP/verba.bash" "$@"
}

check_eq "subcommands" "freq " "$(complete_words "$VERBA" fr)"
check_eq "every subcommand of verba --help" \
  "$("$VERBA" --help | awk '/^Commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { c = 0 }' | sort | tr '\n' ' ')" \
  "$(complete_words "$VERBA" "" | sed 's/--help //; s/--version //')"
check_eq "a command's options" "--rollup --rows " "$(complete_words "$VERBA" freq --ro)"
check_eq "options of codebook's actions" "--min-count --misses " "$(complete_words "$VERBA" codebook suggest --mi)"
check_eq "codebook actions" "check convert " "$(complete_words "$VERBA" codebook c)"
check_eq "table formats" "xlsx " "$(complete_words "$VERBA" freq -t x)"
check_eq "cell modes" "presence " "$(complete_words "$VERBA" matrix --cell pr)"
check_eq "bundled codebooks by name" "seven-principles stakeholder-standards " \
  "$(cd "$TMP" && complete_words "$VERBA" code -c s)"

tap_done
