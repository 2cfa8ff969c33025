#!/bin/sh
# Malformed codebooks, dictionaries and projects (issue #14): each mistake
# is refused with the file, line (and column) and what is wrong, and a
# message never quotes a file that is not a codebook.
. "$VB_TOP_SRCDIR/tests/tap.sh"

# ---- key-file escapes GLib would read as they stand, or warn about ----
printf '[codebook]\nid = x\ntitle = a\\qb\n' > "$TMP/q.codebook"
check_status "invalid escape: refused" 1 "$VERBA" codebook check "$TMP/q.codebook"
check_output "invalid escape: where and what" \
  "verba codebook: $TMP/q.codebook:3:10: invalid escape '\\q' in the value of 'title' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
printf '[codebook]\nid = x\ntitle = T\n[theme:a]\nlabel = A\nexamples = one; two\\ \n' > "$TMP/end.codebook"
check_status "a backslash ending a value: refused" 1 "$VERBA" codebook check "$TMP/end.codebook"
check_output "a backslash ending a value: where and what" \
  "verba codebook: $TMP/end.codebook:6:20: a '\\' ends the value of 'examples' (write \\\\ for a backslash)" "$TMP/err"
printf '[codebook]\nid = x\ntitle = a\\\\b\\sc\n[theme:a]\nlabel = A\nrule = /\\bx\\d/\n' > "$TMP/ok.codebook"
check_status "valid escapes, and a rule's backslashes as written" 0 "$VERBA" codebook check "$TMP/ok.codebook"

tap_done
