#!/bin/sh
# `verba matrix --stats`: chi-square tests of independence, Cramér's V,
# Fisher's exact test and Wilson intervals on code x attribute tables,
# checked against tests/stats/table-reference.py, which recomputes every
# figure from the stream with scipy (chi2_contingency(correction=False),
# contingency.association(method='cramer'), fisher_exact, norm.ppf for
# Wilson's formula) and compares to 1e-9.  The unit counted is the table's
# (documents by default): each code makes a 2 x k table, the units of each
# value that raised it against those that did not.
. "$VB_TOP_SRCDIR/tests/tap.sh"

# gen_stream ATTR SEGS CODES < SPEC: a coded stream from a compact spec.
# CODES lists the codebook's codes in order (so that a code nobody raised
# still has a row); each SPEC line VALUE DOCS CODE:K… makes DOCS documents
# with ATTR=VALUE, the first K of which raise CODE in their first segment;
# every document has SEGS segments, the others uncoded.
gen_stream () {
  awk -v attr="$1" -v segs="$2" -v codes="$3" 'BEGIN {
      OFS = "\t"
      n = split(codes, cs, " ")
      print "#verba-codebook", "gen", "Generated"
      for (i = 1; i <= n; i++) print "#verba-code", cs[i], "theme", "Code " cs[i], "", ""
      print "document", "segment", attr, "codes", "text"
    }
    NF > 0 {
      for (d = 1; d <= $2; d++) {
        doc = sprintf("%s%02d", $1, d)
        set = ""
        for (f = 3; f <= NF; f++) {
          split($f, kv, ":")
          if (d <= kv[2]) set = set (set == "" ? "" : ";") kv[1]
        }
        print doc, 1, $1, set, "Said in " doc "."
        for (s = 2; s <= segs; s++) print doc, s, $1, "", "More from " doc "."
      }
    }'
}

# Dataset 1: three regions, two segments a document.
#   a: 12 of 30, 5 of 25, 9 of 20 -> scipy: chi2 3.6940737833594977, df 2,
#      p 0.1577037680236916, V 0.22193313657824956
#   b: 2 of 30, 1 of 25, 6 of 20  -> chi2 8.45959595959596, p 0.014555330722271841,
#      V 0.3358490922938646; expected counts 2.4, 2, 2.4 < 5: a warning
#   c: raised by all (a zero row), d: by none (never coded): no test
gen_stream region 2 "a b c d" > "$TMP/ds1.tsv" <<'SPEC'
north 30 a:12 b:2 c:30
south 25 a:5 b:1 c:25
east 20 a:9 b:6 c:20
SPEC
# Dataset 2: two sectors, a 2 x 2 table per code, Fisher's exact test.
#   x: 9 of 12, 3 of 10 -> chi2 4.455, p 0.0347992162098643, V 0.45,
#      Fisher p 0.08355730956350152 (scipy's fisher_exact([[9,3],[3,7]]))
#   y: 1 of 12, 7 of 10 -> chi2 8.963690476190476, p 0.002753980234763, Fisher p 0.00619195046439624
#   z: raised by none; Fisher's p of [[0,0],[12,10]] is 1
gen_stream sector 1 "x y z" > "$TMP/ds2.tsv" <<'SPEC'
public 10 x:3 y:7
private 12 x:9 y:1
SPEC
# Dataset 3, degenerate: one region only (a 2 x 1 table): no test at all;
# Wilson intervals still: 3 of 5 -> 0.230724281276013 to 0.882379225767352.
gen_stream region 1 "a b" > "$TMP/ds3.tsv" <<'SPEC'
north 5 a:3 b:5
SPEC

PY=$(python_with 'scipy, sklearn')
# reference NAME STREAM ATTR UNIT OUTPUT [--no-all]
reference () {
  name=$1; shift
  if [ -z "$PY" ]; then
    not_ok "$name" "no python3 with scipy and sklearn (apt-get install python3-scipy python3-sklearn)"
  elif "$PY" "$VB_TOP_SRCDIR/tests/stats/table-reference.py" stats "$@" > "$TMP/ref" 2>&1; then
    ok "$name ($(cat "$TMP/ref"))"
  else
    not_ok "$name" "$(cat "$TMP/ref")"
  fi
}

"$VERBA" matrix --rows code --cols region --stats "$TMP/ds1.tsv" > "$TMP/o" 2> "$TMP/err"
reference "three regions, documents, against scipy" "$TMP/ds1.tsv" region document "$TMP/o"
check_output "small expected counts: a warning on stderr" "verba matrix: warning: Code b: 3 of 6 expected counts below 5 (smallest 2.40); its chi-square p may be unreliable" "$TMP/err"
"$VERBA" matrix --rows code --cols region --stats --unit segment "$TMP/ds1.tsv" > "$TMP/o" 2>/dev/null
reference "three regions, segments, against scipy" "$TMP/ds1.tsv" region segment "$TMP/o"
"$VERBA" matrix --rows region --cols code --stats "$TMP/ds1.tsv" > "$TMP/o" 2>/dev/null
reference "regions as rows, against scipy" "$TMP/ds1.tsv" region document "$TMP/o" --no-all
"$VERBA" matrix --rows code --cols sector --stats "$TMP/ds2.tsv" > "$TMP/o" 2>/dev/null
reference "2 x 2 with Fisher's exact test, against scipy" "$TMP/ds2.tsv" sector document "$TMP/o"
"$VERBA" matrix --rows code --cols sector --stats --no-total "$TMP/ds2.tsv" > "$TMP/o" 2>/dev/null
reference "... without the All column" "$TMP/ds2.tsv" sector document "$TMP/o" --no-all
"$VERBA" matrix --rows code --cols region --stats "$TMP/ds3.tsv" > "$TMP/o" 2>/dev/null
reference "one value (degenerate), against scipy" "$TMP/ds3.tsv" region document "$TMP/o"

# Dataset 4: the bundled study, principles by stage (6 public groups, 15
# interviews): e.g. honesty 6 of 6 against 11 of 15 -> scipy: chi2
# 1.976470588235294, p 0.1597627172378816, Fisher p 0.28070175438596495.
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" | "$VERBA" code -q -c seven-principles > "$TMP/es.tsv"
"$VERBA" matrix --rows principle --cols stage --stats "$TMP/es.tsv" > "$TMP/o" 2>/dev/null
reference "bundled study by stage, against scipy" "$TMP/es.tsv" stage document "$TMP/o"
check_grep "... honesty" "honesty	Honesty	21	1.97647058823529	1	0.1597" "$TMP/o"

# The figures as printed, rounded for reading (values above).
"$VERBA" matrix --rows code --cols sector --stats -t md "$TMP/ds2.tsv" 2>/dev/null \
  | sed -n '/^### Tests/,$p' > "$TMP/o"
check_output "markdown: tests, notes and Wilson intervals" "### Tests of independence: code by sector (documents)

|  | n | Chi-square | df | p | Cramér's V | Fisher's p | Note |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
| Code x | 22 | 4.45 | 1 | 0.035 | 0.45 | 0.084 | 1 of 4 expected counts below 5 |
| Code y | 22 | 8.96 | 1 | 0.003 | 0.64 | 0.006 | 2 of 4 expected counts below 5 |
| Code z | 22 |  | 0 |  |  | 1.000 | no test: raised by none |

Chi-square test of independence (Pearson, no continuity correction) of the documents that raised each code against those that did not, across the 2 values of sector; n: documents counted. Cramér's V: sqrt(chi-square / n), the table having two rows. Fisher's p: Fisher's exact test, two-sided.
Small expected counts (any below 1, or more than a fifth below 5) make the chi-square p unreliable.

### Shares with 95% Wilson intervals: code by sector (documents)

|  | private | public | All |
| --- | ---: | ---: | ---: |
| Code x | 75% (47%–91%) | 30% (11%–60%) | 55% (35%–73%) |
| Code y | 8% (1%–35%) | 70% (40%–89%) | 36% (20%–57%) |
| Code z | 0% (0%–24%) | 0% (0%–28%) | 0% (0%–15%) |

Shares: the documents that raised the code out of the column's base, with the 95% Wilson score interval." "$TMP/o"

"$VERBA" matrix --rows code --cols region --stats "$TMP/ds3.tsv" 2>/dev/null \
  | awk 'BEGIN { RS = "" } NR == 2' > "$TMP/o"
check_output "one value: no test, said so" "code	label	n	chi2	df	p	cramer_v	note
a	Code a	5		0			no test: one value
b	Code b	5		0			no test: one value" "$TMP/o"

# Errors: the tests need codes against an attribute, units with a base,
# and units that fall under one value each (a document has segments in
# both phases, so documents by phase are not independent samples).
"$VERBA" import "$GOLDEN" | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > "$TMP/coded.tsv"
check_status "code x code refused" 2 "$VERBA" matrix --rows theme --cols principle --stats "$TMP/coded.tsv"
check_output "... with a reason" "verba matrix: --stats needs codes against an attribute (e.g. --rows code --cols region)" "$TMP/err"
check_status "mentions refused" 2 "$VERBA" matrix --rows code --cols stage --stats -u mention "$TMP/coded.tsv"
check_status "a unit under two values refused" 2 "$VERBA" matrix --rows code --cols phase --stats "$TMP/coded.tsv"
check_output "... with a reason" "verba matrix: --stats: the values of phase hold 7 documents in all but 4 were counted: some are under more than one value, so the values are not independent samples (count a unit that has one value of phase, e.g. --unit segment)" "$TMP/err"
check_status "... but segments by phase are fine" 0 "$VERBA" matrix --rows code --cols phase --stats -u segment "$TMP/coded.tsv"

tap_done
