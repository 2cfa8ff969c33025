#!/bin/sh
# verba agree and human codings from CSV (verba import -f csv --codes-col).
#
# Every statistic is compared, to 1e-9, with tests/stats/reference.py, which
# reads the same streams and computes the figures independently: Cohen's
# kappa with sklearn.metrics.cohen_kappa_score (Light's kappa: its mean over
# coder pairs), Scott's pi / Fleiss' kappa, Brennan-Prediger and percent
# agreement from the textbook formulas, Krippendorff's alpha from an explicit
# coincidence matrix, precision/recall/F1 with
# sklearn.metrics.precision_recall_fscore_support.  The bootstrap intervals
# are compared to 1e-9 too: the script draws the same resamples (GSL's
# mt19937 seeding and gsl_rng_uniform_int, reproduced with Python's Mersenne
# Twister) and takes numpy.quantile of the replicates.
#
# Datasets (tests/data/agree/, written for these tests):
#   alice.tsv bob.tsv   two coders, `codes` columns, 13 segments of 3
#                       documents; d2:4 only in alice (missing), d3:1 a
#                       moderator's (left out by default)
#   carol.tsv           a third coder, `codings` with coder:carol; lacks
#                       d1:4 and d3:4
#   sheet.csv           a spreadsheet with Alice's and Bob's codes columns
#   gold.tsv rules.tsv  a gold standard and rule codings with 0/0 scores
#   onecat-* perfect-* missing-*  degenerate: one category only, perfect
#                       agreement, no unit in both streams
#
# Reference values printed by reference.py (--bootstrap 0; 6 decimals):
# alice bob
#   code n agree disagree missing | pa kappa pi bp alpha
#   openness 11 9 2 1 | 81.818182 0.633333 0.633333 0.636364 0.650000
#   honesty 11 9 2 1 | 81.818182 0.607143 0.607143 0.636364 0.625000
#   scrutiny 11 10 1 1 | 90.909091 0.744186 0.741176 0.818182 0.752941
#   all 33 28 5 3 | 84.848485 0.666667 0.666330 0.696970 0.671385
# and at the defaults (1000 resamples, seed 1), the pooled row's intervals:
#   pa [75.757576, 93.939394] kappa [0.484375, 0.869048]
#   pi [0.476190, 0.869048] bp [0.515152, 0.878788] alpha [0.484127, 0.871032]
# alice bob carol
#   openness 12 9 3 0 | 83.333333 0.574545 0.650962 0.666667 0.630769
#   honesty 12 9 3 0 | 80.555556 0.659524 0.592788 0.611111 0.630769
#   scrutiny 12 11 1 0 | 94.444444 0.823820 0.848750 0.888889 0.840000
#   all 36 29 7 0 | 86.111111 0.683147 0.692025 0.722222 0.689593
# alice bob carol, documents
#   openness 3 2 1 0 | 77.777778 nan -0.125000 0.555556 0.000000
#   honesty 3 2 1 0 | 77.777778 nan -0.125000 0.555556 0.000000
#   scrutiny 3 2 1 0 | 77.777778 nan -0.125000 0.555556 0.000000
#   all 9 6 3 0 | 77.777778 -0.057971 -0.125000 0.555556 -0.083333
# sheet.csv, Alice's against Bob's codes
#   openness 9 7 2 0 | 77.777778 0.500000 0.500000 0.555556 0.527778
#   honesty 9 8 1 0 | 88.888889 0.727273 0.723077 0.777778 0.738462
#   scrutiny 9 9 0 0 | 100.000000 1.000000 1.000000 1.000000 1.000000
#   respect 9 7 2 0 | 77.777778 0.357143 0.357143 0.555556 0.392857
#   dignity 9 9 0 0 | 100.000000 1.000000 1.000000 1.000000 1.000000
#   all 45 40 5 0 | 88.888889 0.689655 0.689441 0.777778 0.692892
# onecat: openness and all 4 4 0 0 | 100 nan nan 1 nan
# perfect: openness 4, honesty 4, all 8 | 100 1 1 1 1
# missing: openness and honesty 0 0 0 4, all 0 0 0 8 | nan nan nan nan nan
# gold.tsv against rules.tsv (code tp fp fn precision recall f1)
#   openness 1 0 1 1 0.5 0.666667   honesty 0 1 1 0 0 0
#   scrutiny 0 0 1 nan 0 0          respect 0 1 0 0 nan 0
#   micro 1 2 3 0.333333 0.25 0.285714   macro 0.333333 0.166667 0.166667
#
# Worked by hand, alice against bob on openness: of the 11 segments both
# hold, both applied it to 4 (d1:1 d2:2 d2:3 d3:4), alice only to d1:5, bob
# only to d1:3, neither to 5.  Po = 9/11; each coder 5 of 11, so
# Pe = (5/11)^2 + (6/11)^2 = 61/121 and kappa = pi = (99-61)/(121-61) = 19/30;
# BP = 2 Po - 1 = 7/11; alpha = 1 - (22-1) * 4 / (2 * 10 * 12) = 0.65.
. "$VB_TOP_SRCDIR/tests/tap.sh"
D="$VB_TOP_SRCDIR/tests/data/agree"
MINI="$GOLDEN/mini.codebook"
REF="$VB_TOP_SRCDIR/tests/stats/reference.py"
cd "$D" || exit 1

PY=$(python_with 'sklearn, scipy, numpy')

# against NAME VERBA_ARGS -- REFERENCE_ARGS: same table to 1e-9.
against () {
  name=$1; shift
  va=; while [ "$1" != "--" ]; do va="$va '$1'"; shift; done; shift
  if [ -z "$PY" ]; then ok "# SKIP $name: python3 with sklearn, scipy and numpy not found"; return; fi
  eval "\"\$VERBA\" agree $va" > "$TMP/actual" 2> "$TMP/err"
  "$PY" "$REF" "$@" > "$TMP/expected"
  if "$PY" "$REF" compare "$TMP/expected" "$TMP/actual" > "$TMP/diff"; then ok "$name"
  else not_ok "$name" "$(head -20 "$TMP/diff")" "$(cat "$TMP/err")"; fi
}

# ---- agreement, every statistic and interval against the reference ----
against "alice/bob: every statistic and interval (defaults: 1000 resamples, seed 1)" \
  alice.tsv bob.tsv -- agree alice.tsv bob.tsv
against "alice/bob: another seed and level" \
  --seed 7 --level 0.9 -B 300 alice.tsv bob.tsv -- agree --seed 7 --level 0.9 --bootstrap 300 alice.tsv bob.tsv
against "alice/bob: moderators' segments too" \
  --include-moderator -B 200 alice.tsv bob.tsv -- agree --include-moderator --bootstrap 200 alice.tsv bob.tsv
against "three coders: Light's kappa, Fleiss' kappa, alpha with missing data" \
  -B 300 alice.tsv bob.tsv carol.tsv -- agree --bootstrap 300 alice.tsv bob.tsv carol.tsv
against "three coders by document" \
  -u document -B 300 alice.tsv bob.tsv carol.tsv -- agree --unit document --bootstrap 300 alice.tsv bob.tsv carol.tsv
for d in onecat perfect missing; do
  against "degenerate $d" -B 200 $d-a.tsv $d-b.tsv -- agree --bootstrap 200 $d-a.tsv $d-b.tsv
done

"$VERBA" agree alice.tsv bob.tsv > "$TMP/t"
# Hand-worked values (above) against the table, to 1e-12.
check_eq "alice/bob openness: hand-worked n, counts, pa, kappa, pi, bp, alpha" \
  "openness 11 9 2 1 ok ok ok ok ok" \
  "$(awk -F'\t' 'function near(x, y) { return (x - y < 1e-12 && y - x < 1e-12) ? "ok" : x }
     $1=="openness"{print $1,$3,$4,$5,$6,near($7,100*9/11),near($10,19/30),near($13,19/30),near($16,7/11),near($19,0.65)}' "$TMP/t")"
check_eq "named columns, tsv by default" \
  "code label n agree disagree missing percent_agreement percent_agreement_low percent_agreement_high kappa kappa_low kappa_high scott_pi scott_pi_low scott_pi_high brennan_prediger brennan_prediger_low brennan_prediger_high alpha alpha_low alpha_high" \
  "$(head -1 "$TMP/t" | tr '\t' ' ')"
check_eq "one row per code, then the pooled row" "openness honesty scrutiny all" \
  "$(cut -f1 "$TMP/t" | sed 1d | paste -sd' ')"
check_eq "every interval holds its estimate" "" \
  "$(awk -F'\t' 'NR>1{for(i=7;i<=NF;i+=3) if($i!="nan" && ($i<$(i+1)-1e-12 || $i>$(i+2)+1e-12)) print $1, i}' "$TMP/t")"
"$VERBA" agree alice.tsv bob.tsv > "$TMP/t2"
check_eq "the same seed gives the same intervals" "$(cat "$TMP/t")" "$(cat "$TMP/t2")"
"$VERBA" agree --seed 2 alice.tsv bob.tsv > "$TMP/t2"
check_eq "another seed: same estimates" "$(cut -f1-7,10,13,16,19 "$TMP/t")" "$(cut -f1-7,10,13,16,19 "$TMP/t2")"
if [ "$(cut -f8,9,11,12,14,15,17,18,20,21 "$TMP/t")" != "$(cut -f8,9,11,12,14,15,17,18,20,21 "$TMP/t2")" ]; then ok "another seed: other intervals"
else not_ok "another seed: other intervals"; fi
"$VERBA" agree -B 0 alice.tsv bob.tsv > "$TMP/t2"
check_eq "--bootstrap 0: no intervals" "nan nan nan nan nan nan nan nan nan nan" \
  "$(awk -F'\t' '$1=="all"{print $8,$9,$11,$12,$14,$15,$17,$18,$20,$21}' "$TMP/t2")"

"$VERBA" agree onecat-a.tsv onecat-b.tsv > "$TMP/t"
check_eq "one category: pa 100, kappa/pi/alpha undefined, BP 1, exact intervals" \
  "openness 4 4 0 0 100 100 100 nan nan nan nan nan nan 1 1 1 nan nan nan" \
  "$(awk -F'\t' '$1=="openness"{$2="";print}' "$TMP/t" | tr -s ' ')"
"$VERBA" agree perfect-a.tsv perfect-b.tsv > "$TMP/t"
check_eq "perfect agreement: every statistic 1, intervals [1, 1]" \
  "all 8 8 0 0 100 100 100 1 1 1 1 1 1 1 1 1 1 1 1" \
  "$(awk -F'\t' '$1=="all"{$2="";print}' "$TMP/t" | tr -s ' ')"
"$VERBA" agree missing-a.tsv missing-b.tsv > "$TMP/t"
check_eq "all missing: n 0, every statistic undefined" \
  "all 0 0 0 8 nan nan nan nan nan nan nan nan nan nan nan nan nan nan nan" \
  "$(awk -F'\t' '$1=="all"{$2="";print}' "$TMP/t" | tr -s ' ')"

check_status "--code keeps one code" 0 "$VERBA" agree -B 0 --code honesty alice.tsv bob.tsv
check_eq "--code: its row and the pooled row, which is then that code's" \
  "honesty 11 9 2 1 81.8181818181818 0.607142857142857|all 11 9 2 1 81.8181818181818 0.607142857142857" \
  "$(awk -F'\t' 'NR>1{print $1,$3,$4,$5,$6,$7,$10}' "$TMP/out" | paste -sd'|')"

"$VERBA" agree -B 100 alice.tsv bob.tsv > "$TMP/t2"
"$VERBA" agree -t md -B 100 alice.tsv bob.tsv > "$TMP/t"
check_eq "md rows agree with tsv (3 decimals)" \
  "$(awk -F'\t' 'NR>1{printf "| %s | %s | %s | %s | %s | %s | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21}' "$TMP/t2")" \
  "$(sed -n '5,8p' "$TMP/t")"
check_output "md: title, header and notes" \
"### Agreement between alice and bob (segments)

| code | label | n | agree | disagree | missing | percent_agreement | kappa | scott_pi | brennan_prediger | alpha |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
--
n: segments that at least two coders' streams hold (for \"all\": code x segment decisions, pooled); missing: segments fewer than two hold.
[low, high]: 95% percentile bootstrap interval, 100 resamples of segments (seed 1).
nan: undefined (no units, or one category only)." "$(sed '5,9c--' "$TMP/t" > "$TMP/t3"; echo "$TMP/t3")"
"$VERBA" agree -t csv -B 0 alice.tsv bob.tsv > "$TMP/t"
check_eq "csv: the same table, comma-separated" \
  "$(cut -f1-6 "$TMP/t2" | sed 's/^/"/; s/\t/","/g; s/$/"/')" "$(cut -d, -f1-6 "$TMP/t")"

# ---- disagreements, for the coders' meeting ----
check_status "--disagreements" 0 "$VERBA" agree --disagreements alice.tsv bob.tsv
check_output "every (segment, code) the coders differ on, with the text" \
"document	segment	code	alice	bob	text
d1	3	openness	0	1	Nobody checks the contractors.
d1	5	openness	1	0	Tell us the truth and show the accounts.
d2	3	honesty	1	0	They hide behind commercial confidentiality.
d3	3	scrutiny	1	0	Someone independent should look at complaints.
d3	4	honesty	0	1	Say what you did with the money." "$TMP/out"
check_status "--disagreements, three coders" 0 "$VERBA" agree -D alice.tsv bob.tsv carol.tsv
check_eq "a coder whose stream lacks the unit shows an empty value; carol named by her codings" \
  "document	segment	code	alice	bob	carol	text|d1	3	openness	0	1	0	Nobody checks the contractors.|d3	4	honesty	0	1		Say what you did with the money." \
  "$(sed -n '1p;2p;$p' "$TMP/out" | paste -sd'|')"
check_status "--disagreements by document" 0 "$VERBA" agree -D -u document alice.tsv bob.tsv
check_output "documents: no segment, no text" \
"document	segment	code	alice	bob	text
d2		honesty	1	0	
d3		scrutiny	1	0	" "$TMP/out"

# ---- rules against a gold standard ----
against_gold () {
  name=$1; shift
  if [ -z "$PY" ]; then ok "# SKIP $name: python3 with sklearn not found"; return; fi
  "$VERBA" agree "$@" > "$TMP/actual"
  shift # --gold
  "$PY" "$REF" gold "$@" > "$TMP/expected"
  if "$PY" "$REF" compare "$TMP/expected" "$TMP/actual" > "$TMP/diff"; then ok "$name"
  else not_ok "$name" "$(head -20 "$TMP/diff")"; fi
}
against_gold "gold: precision, recall, F1, micro and macro, 0/0 as nan (sklearn)" --gold gold.tsv rules.tsv
"$VERBA" agree --gold gold.tsv rules.tsv > "$TMP/t"
check_output "gold: the table, hand-checked (macro: mean of the defined scores)" \
"code	label	n	tp	fp	fn	precision	recall	f1
openness	openness	4	1	0	1	1	0.5	0.666666666666667
honesty	honesty	4	0	1	1	0	0	0
scrutiny	scrutiny	4	0	0	1	nan	0	0
respect	respect	4	0	1	0	0	nan	0
micro	All codes (micro-average)	4	1	2	3	0.333333333333333	0.25	0.285714285714286
macro	All codes (macro-average)	4	1	2	3	0.333333333333333	0.166666666666667	0.166666666666667" "$TMP/t"
check_status "gold: --disagreements lists the rules' misses and false alarms" 0 \
  "$VERBA" agree --gold gold.tsv -D rules.tsv
check_output "gold: misses and false alarms" \
"document	segment	code	dana	rules	text
g1	2	honesty	1	0	Own up to mistakes.
g2	1	openness	1	0	Let us see the figures.
g2	1	scrutiny	1	0	Let us see the figures.
g2	1	respect	0	1	Let us see the figures.
g2	2	honesty	0	1	The buses are late again." "$TMP/out"

# ---- human codings from a spreadsheet ----
imp () { "$VERBA" import -f csv -c "$MINI" --id 'Response ID' --attr-cols 'Respondent type' \
           --text-cols Answer "$@"; }
check_status "import --codes-col --coder" 0 imp --codes-col 'Alice codes' --coder alice sheet.csv
cp "$TMP/out" "$TMP/alice.tsv"
check_output "a coded stream: codes by label or id in any case, whole answers, coder:alice" \
"#verba-codebook	mini	Mini test codebook
#verba-code	openness	principle	Openness		
#verba-code	honesty	principle	Honesty		
#verba-code	scrutiny	theme	Scrutiny		openness
#verba-code	respect	theme	Respect		
#verba-code	dignity	theme	Dignity	respect	
document	segment	speaker	role	phase	start	end	respondent_type	question	codes	codings	text
R01	1	R01	participant	spontaneous	0	68	charity	Answer	openness	openness@0-68/coder:alice	Providers should publish their contracts; transparency builds trust.
R02	1	R02	participant	spontaneous	0	50	council	Answer	honesty	honesty@0-50/coder:alice	Be honest about failures and tell the truth early.
R03	1	R03	participant	spontaneous	0	47	charity	Answer	scrutiny	scrutiny@0-47/coder:alice	Inspectors must be able to walk in unannounced.
R04	1	R04	participant	spontaneous	0	53	individual	Answer	respect;dignity	respect@0-53/coder:alice;dignity@0-53/coder:alice	Staff were polite and treated my mother with dignity.
R05	1	R05	participant	spontaneous	0	25	individual	Answer			Honestly, nothing to add.
R06	1	R06	participant	spontaneous	0	69	council	Answer	scrutiny;openness	scrutiny@0-69/coder:alice;openness@0-69/coder:alice	Regulators should check the accounts, and the public should see them.
R07	1	R07	participant	spontaneous	0	52	charity	Answer	honesty	honesty@0-52/coder:alice	They were not honest with us about the waiting list.
R08	1	R08	participant	spontaneous	0	29	individual	Answer	openness	openness@0-29/coder:alice	Openness about money, please.
R10	1	R10	participant	spontaneous	0	50	individual	Answer	respect;honesty	respect@0-50/coder:alice;honesty@0-50/coder:alice	Treat people with respect and tell them the truth." "$TMP/alice.tsv"
"$VERBA" freq --cell count "$TMP/alice.tsv" > "$TMP/t"
check_output "the tables count a coder's codings like the rules' (sheet.csv, by hand)" \
"code	label	all
openness	Openness	3
honesty	Honesty	3
scrutiny	Scrutiny	2
respect	Respect	2
dignity	Dignity	1
base	Base (documents)	9" "$TMP/t"
check_status "import Bob's column; default coder: the file's name" 0 imp -q --codes-col 'Bob codes' sheet.csv
check_grep "default coder name" "openness@0-68/coder:sheet" "$TMP/out"
sed 's|/coder:sheet|/coder:bob|g' "$TMP/out" > "$TMP/bob.tsv"
against "sheet: Alice's codes against Bob's" -B 300 "$TMP/alice.tsv" "$TMP/bob.tsv" -- \
  agree --bootstrap 300 "$TMP/alice.tsv" "$TMP/bob.tsv"
check_status "verba code keeps the coder's codings beside the rules'" 0 "$VERBA" code -q -c "$MINI" "$TMP/alice.tsv"
cp "$TMP/out" "$TMP/auto.tsv"
check_grep "both kinds of coding" "honesty@0-50/coder:alice;honesty@3-9/rule:rule" "$TMP/auto.tsv"
against_gold "gold: the rules of mini.codebook against Alice's codes (human vs rule codings)" \
  --gold "$TMP/alice.tsv" "$TMP/auto.tsv"
check_eq "gold from a sheet: honesty fp on 'Honestly, nothing to add.', openness missed on R06" \
  "openness 2 0 1|honesty 3 1 0" \
  "$(awk -F'\t' '$1=="openness"||$1=="honesty"{print $1,$4,$5,$6}' "$TMP/actual" | paste -sd'|')"

cat > "$TMP/codes.map" <<'EOF'
[columns]
id = Response ID
attributes = Respondent type
text = Answer
codes = Alice codes
coder = alice
EOF
check_status "the mapping file names the codes column and the coder" 0 \
  "$VERBA" import -q -c "$MINI" --map "$TMP/codes.map" sheet.csv
check_eq "map: the same stream" "$(cat "$TMP/alice.tsv")" "$(cat "$TMP/out")"

printf 'id,q1,q2,c1,c2\nA,Be open.,,Opennes;honesty,respect\nB,Tell the truth.,Fine.,honesty;Opennes,nonsense\n' > "$TMP/typo.csv"
check_status "unknown codes: fail" 1 "$VERBA" import -c "$MINI" --id id --codes-col c1,c2 \
  -o "$TMP/typo.tsv" "$TMP/typo.csv"
check_output "each unknown code listed with file and line, codes beside an empty answer too" \
"verba import: warning: $TMP/typo.csv:2: codes 'respect' beside an empty answer (column 'q2') left out with the answer
verba import: warning: $TMP/typo.csv:2: column 'c1': 'Opennes' is not a code of the codebook (2 rows)
verba import: warning: $TMP/typo.csv:3: column 'c2': 'nonsense' is not a code of the codebook (1 row)
verba import: $TMP/typo.csv:2: column 'c1': 'Opennes' is not a code of the codebook (and other unknown codes, listed above)" "$TMP/err"
if [ -e "$TMP/typo.tsv" ]; then not_ok "unknown codes: no output file"; else ok "unknown codes: no output file"; fi
check_status "codes columns must pair with answer columns" 1 "$VERBA" import -c "$MINI" --id id \
  --text-cols q1,q2 --codes-col c1 --ignore-cols c2 "$TMP/typo.csv"
check_eq "pairing error" \
  "verba import: $TMP/typo.csv:1: 1 codes column for 2 answer columns: give one codes column per answer column, in the answer columns' order" \
  "$(cat "$TMP/err")"
check_status "--codes-col needs -c" 2 "$VERBA" import -f csv --id id --codes-col c1,c2 "$TMP/typo.csv"
check_grep "says so" "--codes-col needs the codebook (-c)" "$TMP/err"
check_status "-c is for csv" 2 "$VERBA" import -c "$MINI" "$VB_TOP_SRCDIR/tests/data/import/turns-lf.txt"

cut -f1-3,5 alice.tsv | "$VERBA" code -q -c "$MINI" > "$TMP/rules-only.tsv"
check_status "gold without human codings: a warning" 0 "$VERBA" agree --gold "$TMP/rules-only.tsv" "$TMP/auto.tsv"
check_eq "names the stream and the option" "verba agree: warning: $TMP/rules-only.tsv: no human codings (see --codings)" \
  "$(cat "$TMP/err")"

# ---- README shows real output ----
R="$VB_TOP_SRCDIR/README.md"
"$VERBA" agree -t md "$TMP/alice.tsv" "$TMP/bob.tsv" > "$TMP/t"
check_eq "README: the agreement table" "$(cat "$TMP/t")" \
  "$(sed -n '/^### Agreement between alice and bob/,/^nan: undefined/p' "$R")"
"$VERBA" agree --gold "$TMP/alice.tsv" -t md "$TMP/auto.tsv" > "$TMP/t"
check_eq "README: the rules' table" "$(cat "$TMP/t")" \
  "$(sed -n '/^### Rules (auto) against alice/,/^micro: from the summed/p' "$R")"
"$VERBA" agree -D "$TMP/alice.tsv" "$TMP/bob.tsv" > "$TMP/t"
check_eq "README: the disagreements" "$(cat "$TMP/t")" \
  "$(sed -n '/^\$ verba agree --disagreements alice.tsv bob.tsv/,/^```/p' "$R" | sed '1d;$d')"

# ---- bad input and usage ----
sed 's/Open meetings would help./Open meetings help./' bob.tsv > "$TMP/bob2.tsv"
check_status "the same segment with another text: fail" 1 "$VERBA" agree alice.tsv "$TMP/bob2.tsv"
check_eq "names both files and lines" \
  "verba agree: alice.tsv:8 and $TMP/bob2.tsv:8: segment d2:2 has different texts in the two streams" \
  "$(cat "$TMP/err")"
sed -n '1,3p;3p' bob.tsv > "$TMP/dup.tsv"
check_status "a segment twice in one stream: fail" 1 "$VERBA" agree alice.tsv "$TMP/dup.tsv"
check_eq "names the line" "verba agree: $TMP/dup.tsv:4: segment d1:2 appears twice in this stream" \
  "$(cat "$TMP/err")"
cut -f1-3,5 alice.tsv > "$TMP/plain.tsv"
check_status "an uncoded stream: fail" 1 "$VERBA" agree alice.tsv "$TMP/plain.tsv"
check_grep "says so" "not a coded stream" "$TMP/err"
check_status "one stream: usage" 2 "$VERBA" agree alice.tsv
check_status "--gold with two more: usage" 2 "$VERBA" agree --gold gold.tsv rules.tsv alice.tsv
check_status "unknown code: usage" 2 "$VERBA" agree --code nosuch alice.tsv bob.tsv
check_status "bad seed: usage" 2 "$VERBA" agree --seed -3 alice.tsv bob.tsv
check_status "bad level: usage" 2 "$VERBA" agree --level 1.5 alice.tsv bob.tsv
check_status "bad unit: usage" 2 "$VERBA" agree --unit speaker alice.tsv bob.tsv
check_status "-o writes the table" 0 "$VERBA" agree -B 0 -o "$TMP/o.tsv" alice.tsv bob.tsv
check_eq "-o: same table" "$("$VERBA" agree -B 0 alice.tsv bob.tsv)" "$(cat "$TMP/o.tsv")"

# The bootstrap on several threads draws as on one: the same intervals.
for j in 1 2 5; do
  (cd "$D" && "$VERBA" agree -j $j --seed 11 -B 250 alice.tsv bob.tsv carol.tsv) > "$TMP/boot-$j.tsv"
done
check_eq "-j 2 and -j 5 give -j 1's intervals" "same same" \
  "$(cmp -s "$TMP/boot-1.tsv" "$TMP/boot-2.tsv" && echo same) $(cmp -s "$TMP/boot-1.tsv" "$TMP/boot-5.tsv" && echo same)"
check_status "-j out of range" 2 "$VERBA" agree -j 5000 "$D/alice.tsv" "$D/bob.tsv"

tap_done
