#!/bin/sh
# Co-occurrence: code x code counts and Jaccard indices within segments or
# documents, and the order of average-linkage clustering.  Worked by hand
# below, and checked by tests/stats/table-reference.py against sklearn's
# jaccard_score and scipy's linkage(method='average') to 1e-9.
. "$VB_TOP_SRCDIR/tests/tap.sh"

# Twelve segments in four documents; code e is in the codebook but never
# raised (a row and column of zeros).
#   segments with a: 1 2 4 8 11 (5); b: 1 4 6 10 11 (5); c: 3 4 7 8 (4);
#   d: 5 7 8 9 (4).  Pairs in one segment: a b 3 (1 4 11), a c 2 (4 8),
#   a d 1 (8), b c 1 (4), b d 0, c d 2 (7 8).
#   Jaccard within segments: a b 3/7, a c 2/7, a d 1/8, b c 1/8, b d 0,
#   c d 2/6, e 0 with all (sklearn's zero_division=0 for e with itself).
#   Documents: d1 {a b c}, d2 {a b c d}, d3 {a c d}, d4 {a b}.
#   Within documents: a b 3 (d1 d2 d4), a c 3, a d 2, b c 2, b d 1, c d 2;
#   Jaccard a b 3/4, a c 3/4, a d 2/4, b c 2/4, b d 1/4, c d 2/3.
stream () {
  printf '#verba-codebook\tco\tCo-occurrence\n'
  for c in $1; do printf '#verba-code\t%s\ttheme\tCode %s\t\t\n' "$c" "$c"; done
  printf 'document\tsegment\tcodes\ttext\n'
  printf 'd1\t1\ta;b\tOne.\nd1\t2\ta\tTwo.\nd1\t3\tc\tThree.\n'
  printf 'd2\t1\ta;b;c\tFour.\nd2\t2\td\tFive.\nd2\t3\tb\tSix.\n'
  printf 'd3\t1\tc;d\tSeven.\nd3\t2\ta;c;d\tEight.\nd3\t3\td\tNine.\n'
  printf 'd4\t1\tb\tTen.\nd4\t2\ta;b\tEleven.\nd4\t3\t\tTwelve.\n'
}
stream "a b c d e" > "$TMP/co.tsv"
# The same segments with the codebook in another order, so that the
# clustered order differs from it.
stream "d a e c b" > "$TMP/co2.tsv"

PY=$(python_with 'scipy, sklearn')
reference () {
  name=$1; shift
  if [ -z "$PY" ]; then
    not_ok "$name" "no python3 with scipy and sklearn (apt-get install python3-scipy python3-sklearn)"
  elif "$PY" "$VB_TOP_SRCDIR/tests/stats/table-reference.py" "$@" > "$TMP/ref" 2>&1; then
    ok "$name ($(cat "$TMP/ref"))"
  else
    not_ok "$name" "$(cat "$TMP/ref")"
  fi
}

"$VERBA" matrix -r code --cols code -u segment "$TMP/co.tsv" > "$TMP/t"
check_output "counts within segments (segments)" "code	label	a	b	c	d	e
a	Code a	5	3	2	1	0
b	Code b	3	5	1	0	0
c	Code c	2	1	4	2	0
d	Code d	1	0	2	4	0
e	Code e	0	0	0	0	0
base	Base (segments)	12	12	12	12	12" "$TMP/t"

"$VERBA" matrix -r code --cols code --within document "$TMP/co.tsv" > "$TMP/t"
check_output "counts within documents" "code	label	a	b	c	d	e
a	Code a	4	3	3	2	0
b	Code b	3	3	2	1	0
c	Code c	3	2	3	2	0
d	Code d	2	1	2	2	0
e	Code e	0	0	0	0	0
base	Base (documents)	4	4	4	4	4" "$TMP/t"

"$VERBA" matrix -r code --cols code --cell jaccard -t md "$TMP/co.tsv" > "$TMP/t"
check_output "Jaccard within segments, markdown" "### Codes by code (documents)

|  | Code a | Code b | Code c | Code d | Code e |
| --- | ---: | ---: | ---: | ---: | ---: |
| Code a | 1.00 | 0.43 | 0.29 | 0.12 | 0.00 |
| Code b | 0.43 | 1.00 | 0.12 | 0.00 | 0.00 |
| Code c | 0.29 | 0.12 | 1.00 | 0.33 | 0.00 |
| Code d | 0.12 | 0.00 | 0.33 | 1.00 | 0.00 |
| Code e | 0.00 | 0.00 | 0.00 | 0.00 | 0.00 |

Jaccard index: segments where both codes were raised, out of segments where either was.
Count: documents with a segment coded with both. Base: documents with a counted segment.
Moderators' and interviewers' words are not counted." "$TMP/t"

"$VERBA" matrix -r code --cols code --cell jaccard "$TMP/co.tsv" > "$TMP/t"
reference "Jaccard within segments, against sklearn" jaccard "$TMP/co.tsv" segment "$TMP/t"
"$VERBA" matrix -r code --cols code --cell jaccard --within document "$TMP/co.tsv" > "$TMP/t"
reference "Jaccard within documents, against sklearn" jaccard "$TMP/co.tsv" document "$TMP/t"
check_grep "... in full in tsv" "a	Code a	1	0.75	0.75	0.5	0" "$TMP/t"

# Average linkage on 1 - Jaccard within segments, by hand (codebook order
# d a e c b): distances a b 4/7, c d 2/3, a c 5/7, a d 7/8, b c 7/8, b d 1,
# e 1 with all.  Merges: {a b} at 0.571429, {d c} at 0.666667, then
# {d c}+{a b} at (5/7 + 7/8 + 7/8 + 1)/4 = 0.866071, then e at 1.  Each
# merge puts first the cluster holding the code earlier in the codebook:
# d c a b e.  scipy's linkage gives the same merges and heights.
"$VERBA" matrix -r code --cols code --cell jaccard --order cluster "$TMP/co2.tsv" > "$TMP/t"
check_output "clustered order" "code	label	d	c	a	b	e
d	Code d	1	0.333333333333333	0.125	0	0
c	Code c	0.333333333333333	1	0.285714285714286	0.125	0
a	Code a	0.125	0.285714285714286	1	0.428571428571429	0
b	Code b	0	0.125	0.428571428571429	1	0
e	Code e	0	0	0	0	0" "$TMP/t"
reference "clustered order, against scipy's merges" cluster "$TMP/co2.tsv" segment "$TMP/t"
"$VERBA" matrix -r code --cols code --order cluster -t txt "$TMP/co2.tsv" > "$TMP/t"
check_grep "counts can be clustered too, with a note" "Codes in the order of average-linkage clustering on 1 - Jaccard (over segments)." "$TMP/t"

# The bundled study: principles, within segments and within documents,
# against sklearn and scipy (merge heights within documents, from scipy:
# 0.15, 0.261905, 0.317460, 0.35, 0.415731, 0.439035).
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" | "$VERBA" code -q -c seven-principles > "$TMP/es.tsv"
for w in segment document; do
  "$VERBA" matrix -r principle --cols principle --within $w --cell jaccard "$TMP/es.tsv" > "$TMP/t"
  reference "bundled study, Jaccard within ${w}s" jaccard "$TMP/es.tsv" $w "$TMP/t"
  "$VERBA" matrix -r principle --cols principle --within $w --cell jaccard --order cluster "$TMP/es.tsv" > "$TMP/t"
  reference "bundled study, clustered within ${w}s" cluster "$TMP/es.tsv" $w "$TMP/t"
done

check_status "--within needs codes on both sides" 2 "$VERBA" matrix -r code --cols document --within document "$TMP/co.tsv"
check_status "--order cluster needs one kind of code" 2 "$VERBA" matrix -r theme --cols code --order cluster "$TMP/co.tsv"
check_status "--within document counts documents" 2 "$VERBA" matrix -r code --cols code --within document -u segment "$TMP/co.tsv"
check_output "... and says so" "verba matrix: --within document counts documents or groups, not segments" "$TMP/err"
check_status "unknown --within" 2 "$VERBA" matrix -r code --cols code --within sentence "$TMP/co.tsv"

tap_done
