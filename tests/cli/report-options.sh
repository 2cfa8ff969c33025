#!/bin/sh
# verba report's options (issue #18, item 7): title, filters, roll-up,
# scale, minimum base, phase; a codebook with no principles; only the
# files read listed as inputs.  On the golden study, whose counts
# freq.sh works out by hand.
. "$VB_TOP_SRCDIR/tests/tap.sh"

CB="$GOLDEN/mini.codebook"

# The study's own title, from its study.ini, unless --title says another.
check_status "report on the golden study" 0 "$VERBA" report -c "$CB" "$GOLDEN"
check_eq "title from study.ini" "Mini study for golden tests
===========================" "$(head -2 "$TMP/out")"
check_status "--title" 0 "$VERBA" report -c "$CB" -t md --title "Leeds & York, 2026" "$GOLDEN"
check_eq "... is the title" "# Leeds & York, 2026" "$(head -1 "$TMP/out")"

# --where, --min-base, --phase together: the public's spontaneous words.
check_status "--where --min-base --phase" 0 "$VERBA" report -c "$CB" -t md --where stage=public \
  --min-base 2 --phase spontaneous "$GOLDEN"
sed -n '3,5p' "$TMP/out" > "$TMP/t"
check_output "the phase tables are left out, and the summary says so" \
"4 documents, 20 segments (13 from participants, 7 from moderators and interviewers); 5 named speakers.
Coverage: 11 of 13 participant segments coded (85%).
Only the spontaneous phase is counted: the tables of principles raised spontaneously and when prompted are left out." "$TMP/t"
sed -n '/^### Table 1/,/^### Table 2/p' "$TMP/out" > "$TMP/t"
check_output "table 1: public only, spontaneous only, no flag on a base of 2" \
"### Table 1. Principles raised, by stage (documents)

|  | public | All |
| --- | ---: | ---: |
| Openness | one (1 of 2) | one (1 of 2) |
| Honesty | one (1 of 2) | one (1 of 2) |
| *Base (documents)* | 2 | 2 |

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
Only segments with stage=public.
Only the spontaneous phase is counted.

### Table 2. Themes raised, by stage (documents)" "$TMP/t"
check_eq "no table 5" 0 "$(grep -c '^### Table 5' "$TMP/out")"
check_status "two --where must both hold" 0 "$VERBA" report -c "$CB" -t md --where stage=public \
  --where stage=stakeholder "$GOLDEN"
check_grep "... so nothing is counted" "| *Base (documents)* | 0 |" "$TMP/out"

# --small-base suppress with --min-base: the low-base columns are hidden.
check_status "--small-base suppress --min-base 3" 0 "$VERBA" report -c "$CB" -t md \
  --small-base suppress --min-base 3 "$GOLDEN"
check_grep "a low-base cell hidden" "| Openness | [low base] | [low base] | half (2 of 4) |" "$TMP/out"
check_grep "... and the note says why" "[low base]: a base below 3; not shown." "$TMP/out"

# --scale: the words come from the file given.
"$VERBA" freq --print-scale | sed 's/^bands = .*/bands = none;all;one;almost all;most;about half;many;some;a few;a handful/; s/^\[band:half\]/[band:about half]/' > "$TMP/scale.ini"
check_status "--scale FILE" 0 "$VERBA" report -c "$CB" -t md --scale "$TMP/scale.ini" "$GOLDEN"
check_grep "... its words" "| Openness | one* (1 of 2) | one* (1 of 2) | about half* (2 of 4) |" "$TMP/out"

# Roll-up: on by default, off with --no-rollup, said under the table
# either way.  One document raises only the sub-theme.
mkdir "$TMP/sub"
printf 'Respondent: Dignity matters most.\n' > "$TMP/sub/i1.txt"
printf 'Respondent: Nothing to add.\n' > "$TMP/sub/i2.txt"
cat > "$TMP/sub.codebook" <<'CB'
[codebook]
id = sub
title = Sub-themes

[theme:respect]
label = Respect
rule = respect*

[theme:dignity]
label = Dignity
parent = respect
rule = dignit*
CB
check_status "default roll-up" 0 "$VERBA" report -c "$TMP/sub.codebook" -t md "$TMP/sub"
sed -n '/^### Table 1/,$p' "$TMP/out" > "$TMP/t"
check_output "... respect counts dignity's codings" "### Table 1. Themes raised, by all (documents)

|  | All |
| --- | ---: |
| Respect | one* (1 of 2) |
| &nbsp;&nbsp;Dignity | one* (1 of 2) |
| *Base (documents)* | 2 |

Count: documents that raised the code. Base: documents with a counted segment.
Parent themes count their sub-themes' codings.
Moderators' and interviewers' words are not counted.
Words marked \\* rest on a base below 5.
" "$TMP/t"
check_status "--rollup is the default" 0 "$VERBA" report -c "$TMP/sub.codebook" -t md --rollup "$TMP/sub"
sed -n '/^### Table 1/,$p' "$TMP/out" > "$TMP/t2"
check_eq "... the same report" "" "$(diff "$TMP/t" "$TMP/t2")"
check_status "--no-rollup" 0 "$VERBA" report -c "$TMP/sub.codebook" -t md --no-rollup "$TMP/sub"
check_grep "... respect counts only its own" "| Respect | none* (0 of 2) |" "$TMP/out"
check_grep "... and the note says so" "Parent themes do not count their sub-themes' codings." "$TMP/out"

# Bad options.
check_status "--rollup and --no-rollup" 2 "$VERBA" report -c "$CB" --rollup --no-rollup "$GOLDEN"
check_grep "... one or the other" "--rollup and --no-rollup: one or the other" "$TMP/err"
check_status "--where without =" 2 "$VERBA" report -c "$CB" --where stage "$GOLDEN"
check_grep "... says what it expects" "verba report: --where 'stage': expected KEY=VALUE" "$TMP/err"
check_status "--where on an unknown attribute" 1 "$VERBA" report -c "$CB" --where nosuch=1 "$GOLDEN"
check_grep "... names it" "--where 'nosuch=1': unknown attribute 'nosuch': no segment has it" "$TMP/err"
check_status "--phase nonsense" 2 "$VERBA" report -c "$CB" --phase later "$GOLDEN"
check_status "--min-base nonsense" 2 "$VERBA" report -c "$CB" --min-base many "$GOLDEN"
check_grep "... says so" "--min-base: 'many' is not a number of units" "$TMP/err"
check_status "--small-base nonsense" 2 "$VERBA" report -c "$CB" --small-base hide "$GOLDEN"

# A codebook of themes only: no empty tables of principles.
cat > "$TMP/themes.codebook" <<'CB'
[codebook]
id = themes-only
title = Themes only

[theme:scrutiny]
label = Scrutiny
rule = inspect* regulat*
CB
check_status "a codebook with no principles" 0 "$VERBA" report -c "$TMP/themes.codebook" -t md "$GOLDEN"
check_output "only the themes table, and the summary says why" \
"# Mini study for golden tests

4 documents, 20 segments (13 from participants, 7 from moderators and interviewers); 5 named speakers.
Coverage: 3 of 13 participant segments coded (23%).
The codebook has no principles: the tables of principles are left out.

### Table 1. Themes raised, by stage (documents)

|  | public | stakeholder | All |
| --- | ---: | ---: | ---: |
| Scrutiny | one* (1 of 2) | all* (2 of 2) | most* (3 of 4) |
| *Base (documents)* | 2 | 2 | 4 |

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
Words marked \\* rest on a base below 5.
" "$TMP/out"
check_status "... as JSON" 0 "$VERBA" report -c "$TMP/themes.codebook" -t json -o "$TMP/r.json" "$GOLDEN"
check_status "... valid JSON with left_out" 0 python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['left_out'] == ['The codebook has no principles: the tables of principles are left out.'] and len(d['tables']) == 1" "$TMP/r.json"
check_status "... as HTML" 0 "$VERBA" report -c "$TMP/themes.codebook" -o "$TMP/t.html" "$GOLDEN"
check_eq "... no principle heat map" 0 "$(grep -c 'heatmap-theme-principle\|heatmap-principle-group' "$TMP/t.html")"
check_grep "... the bar chart of themes" 'id="bars-themes"' "$TMP/t.html"
check_grep "... says why" "<p>The codebook has no principles: the tables of principles are left out.</p>" "$TMP/t.html"

# A long theme label: wrapped in the charts, whole in the tables.
sed 's/^label = Scrutiny$/label = Scrutiny of the providers of public services by inspectors and regulators, long enough to wrap/' \
  "$TMP/themes.codebook" > "$TMP/long.codebook"
check_status "a long theme label" 0 "$VERBA" report -c "$TMP/long.codebook" -o "$TMP/long.html" "$GOLDEN"
check_grep "... wrapped on lines of at most 32 characters in the bar chart" \
  '<text x="8.0" y="37.0" text-anchor="start" font-weight="bold"><tspan x="8.0" dy="0">Scrutiny of the providers of</tspan><tspan x="8.0" dy="14">public services by inspectors</tspan><tspan x="8.0" dy="14">and regulators, long enough to</tspan><tspan x="8.0" dy="14">wrap</tspan></text>' \
  "$TMP/long.html"
check_grep "... the chart no wider than its wrapped label needs" \
  '<svg xmlns="http://www.w3.org/2000/svg" id="bars-themes" role="img" width="646" height="116"' "$TMP/long.html"
check_grep "... whole in the table" \
  ">Scrutiny of the providers of public services by inspectors and regulators, long enough to wrap</th>" "$TMP/long.html"

# Inputs: the files read, not the stray files of the folder.
cp -R "$GOLDEN" "$TMP/study"
echo "a note to self" > "$TMP/study/todo.rtf"
check_status "report -o HTML on a folder with a stray file" 0 "$VERBA" report -c "$CB" \
  -o "$TMP/r.html" "$TMP/study"
check_grep "... the stray file is named as not read" "not read: $TMP/study/todo.rtf" "$TMP/err"
sed -n '/<dt>Inputs/,/<dt>Software/p' "$TMP/r.html" | sed 's/.*  //; s/<.dd>$//' > "$TMP/t"
check_output "... only the files read are listed under Inputs" "<dt>Inputs (SHA-256)</dt>
$TMP/study/attributes.csv
$TMP/study/groups/g1.txt
$TMP/study/groups/g2.txt
$TMP/study/interviews/i1.txt
$TMP/study/interviews/i2.txt
$TMP/study/study.ini
<dt>Software</dt>" "$TMP/t"

tap_done
