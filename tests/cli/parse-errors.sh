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

# ---- a regex that fails for another reason than the backtracking limit ----
printf 'P1: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabc\n' > "$TMP/re.txt"
"$VERBA" import -q -o "$TMP/re.tsv" "$TMP/re.txt"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(*NO_JIT)a/\n' > "$TMP/nojit.codebook"
check_status "a regex GRegex cannot run: refused" 1 "$VERBA" code -q -c "$TMP/nojit.codebook" "$TMP/re.tsv"
check_output "a regex GRegex cannot run: GRegex's own message" \
  "verba code: line 2 (document 're', segment 1): rule of [theme:a]: regex /(*NO_JIT)a/ failed: Error while matching regular expression (*LIMIT_MATCH=1000000)(*NO_JIT)a: matching mode is requested that was not compiled for JIT" "$TMP/err"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(a+)+c/\n' > "$TMP/bt.codebook"
check_status "the backtracking limit: refused" 1 "$VERBA" code -q -c "$TMP/bt.codebook" "$TMP/re.tsv"
check_grep "the backtracking limit: named" "gave up after 1000000 backtracking steps (VB_REGEX_MATCH_LIMIT;" "$TMP/err"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(*LIMIT_MATCH=x)a/\n' > "$TMP/verb.codebook"
check_status "a regex the limit cannot be put on: refused" 1 "$VERBA" codebook check "$TMP/verb.codebook"
check_grep "a regex the limit cannot be put on: PCRE's message" "(*VERB) not recognized" "$TMP/err"

tap_done
