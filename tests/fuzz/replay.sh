#!/bin/sh
# Every fuzz harness run over its corpus (the seeds and each input that once
# found a bug): built without libFuzzer, a harness is a plain program that
# must get through them all without a crash, a sanitizer report or a broken
# property (tests/fuzz/README).
. "$VB_TOP_SRCDIR/tests/tap.sh"
: "${VB_TOP_BUILDDIR:?}" "${VB_FUZZ_TARGETS:?}"

for t in $VB_FUZZ_TARGETS; do
  name=${t#tests/fuzz/fuzz-}
  corpus="$VB_TOP_SRCDIR/tests/fuzz/corpus/$name"
  if [ ! -d "$corpus" ]; then
    not_ok "$name: corpus" "no seeds in $corpus"
    continue
  fi
  n=$(ls "$corpus" | wc -l)
  check_status "fuzz-$name replays its $n inputs" 0 "$VB_TOP_BUILDDIR/$t" "$corpus"
  check_output "fuzz-$name: all $n run" "$VB_TOP_BUILDDIR/$t: $n inputs run" "$TMP/out"
done
tap_done
