#!/bin/sh
# Cost in proportion to the input (issue #14, SECURITY.md): codebooks and
# tables whose cost used to grow with the square (or cube) of the number of
# codes.  Each input is made here; the time bounds are generous (each case
# takes about a second when linear, and took 24 s to many minutes before).
. "$VB_TOP_SRCDIR/tests/tap.sh"
within () {
  name=$1 limit=$2; shift 2
  t0=$(date +%s)
  timeout $((limit * 4)) "$@" > "$TMP/out" 2> "$TMP/err"
  got=$?
  t=$(( $(date +%s) - t0 ))
  if [ "$t" -le "$limit" ]; then ok "$name: done in ${t}s (limit ${limit}s)"
  else not_ok "$name: done in ${t}s (limit ${limit}s)" "exit $got"; fi
}
# Under valgrind (make check-valgrind) the big inputs would take too long.
if [ -n "${VB_VALGRIND:-}" ]; then echo "1..0 # SKIP big inputs under valgrind"; exit 0; fi
CB="$VB_TOP_SRCDIR/codebooks/seven-principles.codebook"

# ---- a codebook that imports one file 60,000 times (1 MB): read once ----
cp "$CB" "$TMP/sp.codebook"
python3 - "$TMP/imports.codebook" <<'EOF'
import sys
open(sys.argv[1], 'w').write("[codebook]\nid = imp\ntitle = T\nimport = "
                             + ";".join(["sp"] * 30000 + ["./sp.codebook"] * 30000) + "\n")
EOF
within "60,000 imports of one codebook" 20 "$VERBA" codebook check "$TMP/imports.codebook"
check_eq "60,000 imports: exit 0" 0 "$got"
# The same codes and rules as the one codebook imported (read once, merged once).
check_output "60,000 imports: read once" \
  "$TMP/imports.codebook: ok: $("$VERBA" codebook check "$CB" | sed 's/.*: ok: //')" "$TMP/out"

# ---- 40,000 categories or codes of one name: ids by a counter ----
python3 - "$TMP/same.lc3" "$TMP/same.qdc" <<'EOF'
import sys
n = 40000
open(sys.argv[1], 'w').write("".join("+Cat\nword%d\n" % i for i in range(n)))
open(sys.argv[2], 'w').write(
    '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
    + "".join('<Code guid="%08x-0000-4000-8000-000000000000" name="Same name" isCodable="true"/>\n' % i
              for i in range(n))
    + '</Codes></CodeBook>\n')
EOF
within ".lc3 of 40,000 same-named categories" 20 "$VERBA" codebook show -t tsv "$TMP/same.lc3"
check_eq ".lc3 same names: exit 0" 0 "$got"
check_eq ".lc3 same names: the last id" "cat-40000" "$(tail -n 1 "$TMP/out" | cut -f 1)"
within ".qdc of 40,000 same-named codes" 20 "$VERBA" codebook show -t tsv "$TMP/same.qdc"
check_eq ".qdc same names: exit 0" 0 "$got"
check_eq ".qdc same names: the last id" "same-name-40000" "$(tail -n 1 "$TMP/out" | cut -f 1)"
python3 - "$TMP/same.qdpx" <<'EOF'
import sys, zipfile
src = "".join('<TextSource guid="50c00000-0000-4000-8000-%012d" name="same.txt">'
              '<PlainTextContent>Word %d.</PlainTextContent></TextSource>\n' % (i, i) for i in range(20000))
qde = ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="P">\n'
       '<Sources>\n' + src + '</Sources></Project>\n')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('project.qde', qde)
EOF
within ".qdpx of 20,000 same-named sources" 20 "$VERBA" import -q "$TMP/same.qdpx"
check_eq ".qdpx same names: exit 0" 0 "$got"
check_eq ".qdpx same names: the last document" "same-20000" "$(tail -n 1 "$TMP/out" | cut -f 1)"
# A suffix a name already has is skipped, not reused.
printf '+Cat 2\nx\n+Cat\ny\n+Cat\nz\n+Cat\nw\n' > "$TMP/ids.lc3"
"$VERBA" codebook show -t tsv "$TMP/ids.lc3" > "$TMP/ids.tsv" 2>&1
check_eq "ids past a taken suffix" "cat-2 cat cat-3 cat-4" "$(sed 1d "$TMP/ids.tsv" | cut -f 1 | tr '\n' ' ' | sed 's/ $//')"

# ---- --rollup and code x code over 2,000 codes, all in one segment ----
python3 - "$TMP" <<'EOF'
import sys
d = sys.argv[1]
n = 2000
with open(d + '/chains.codebook', 'w') as f:
    f.write("[codebook]\nid = chains\ntitle = Chains\n")
    for i in range(n):
        # 20 chains, each 100 themes deep (the deepest VB_CODE_MAX_DEPTH allows)
        f.write("[theme:t%d]\nlabel = T%d\nrule = w%d\n" % (i, i, i))
        if i % 100:
            f.write("parent = t%d\n" % (i - 1))
with open(d + '/flat.codebook', 'w') as f:
    f.write("[codebook]\nid = flat\ntitle = Flat\n")
    for i in range(1000):
        f.write("[theme:t%d]\nlabel = T%d\nrule = w%d\n" % (i, i, i))
with open(d + '/words.txt', 'w') as f:
    f.write("Interviewer: Go on.\n\nP1: " + " ".join("w%d" % i for i in range(n)) + "\n\nP2: w99 w99 w5\n")
EOF
"$VERBA" import -q -o "$TMP/words.tsv" "$TMP/words.txt"
"$VERBA" code -q -c "$TMP/chains.codebook" -o "$TMP/chains.tsv" "$TMP/words.tsv"
"$VERBA" code -q -c "$TMP/flat.codebook" -o "$TMP/flat.tsv" "$TMP/words.tsv"
within "freq --rollup, 2,000 codes in chains 100 deep" 20 \
  "$VERBA" freq --rollup -u mention --cell count "$TMP/chains.tsv"
check_eq "freq --rollup: exit 0" 0 "$got"
# The top of a chain counts every coding below it: 100 in the first segment,
# and w99 w99 w5 (all under t0) in the second.
check_eq "freq --rollup: a chain's top counts all below it" "103" \
  "$(awk -F '\t' '$1 == "t0" { print $3 }' "$TMP/out")"
check_eq "freq --rollup: the foot of a chain" "3" \
  "$(awk -F '\t' '$1 == "t99" { print $3 }' "$TMP/out")"
within "matrix code x code, 1,000 codes" 30 \
  "$VERBA" matrix --rows code --cols code -u mention --cell count "$TMP/flat.tsv"
check_eq "matrix code x code: exit 0" 0 "$got"
check_eq "matrix code x code: 1,000 rows and a header" 1001 "$(wc -l < "$TMP/out")"

# ---- depth: a chain past VB_CODE_MAX_DEPTH is refused, once ----
python3 - "$TMP/deep.codebook" "$TMP/deep.tsv" <<'EOF'
import sys
n = 10000
with open(sys.argv[1], 'w') as f:
    f.write("[codebook]\nid = deep\ntitle = Deep\n")
    for i in range(n):
        f.write("[theme:t%d]\nlabel = T%d\nrule = w%d\n" % (i, i, i))
        if i:
            f.write("parent = t%d\n" % (i - 1))
with open(sys.argv[2], 'w') as f:
    f.write("#verba-codebook\tdeep\tDeep\n")
    for i in range(200):
        f.write("#verba-code\tt%d\ttheme\tT%d\t%s\t\n" % (i, i, "t%d" % (i - 1) if i else ""))
EOF
within "10,000-level chain" 20 "$VERBA" codebook show "$TMP/deep.codebook"
check_eq "10,000-level chain: exit 1" 1 "$got"
check_output "10,000-level chain: one message naming the limit" \
  "verba codebook: $TMP/deep.codebook:410: [theme:t101]: themes nest more than 100 levels deep (VB_CODE_MAX_DEPTH; see SECURITY.md)" "$TMP/err"
check_status "a stream's code list past the depth limit" 1 "$VERBA" freq "$TMP/deep.tsv"
check_grep "a stream's code list: the line and the limit" \
  "deep.tsv:103: code 't101': themes nest more than 100 levels deep (VB_CODE_MAX_DEPTH; see SECURITY.md)" "$TMP/err"

tap_done
