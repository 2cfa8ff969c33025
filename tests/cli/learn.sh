#!/bin/sh
# verba learn and verba code --model on a tiny hand-made training set
# (twelve answers, two codes ticked in a spreadsheet), checked against
# scikit-learn computing the same thing from the spreadsheet itself
# (tests/learn/reference.py, tests/learn/cv-reference.py): the tf-idf
# matrix, the LIBLINEAR logistic regression's weights and bias, the
# scores, and cross-validated figures on the same folds.  Then
# determinism, the model file's round trip and the bad inputs.
. "$VB_TOP_SRCDIR/tests/tap.sh"
REF="$VB_TOP_SRCDIR/tests/learn"
cd "$TMP" || exit 1
cat > sheet.csv <<'CSV'
id,fold,answer,Staff,Wait
r1,1,The nurses were kind and caring,1,0
r2,2,Kind staff but a long wait,1,1
r3,3,We waited four hours to be seen,0,1
r4,1,The wait was far too long,0,1
r5,2,Lovely caring nurses and doctors,1,0
r6,3,The car park was full,0,0
r7,1,Staff were rude and the wait was long,1,1
r8,2,Food was cold,0,0
r9,3,Doctors explained everything kindly,1,0
r10,1,Long delays at reception,0,1
r11,2,Nothing to add,0,0
r12,3,Friendly staff and a short wait,1,1
CSV
"$VERBA" import -q -f csv --id id --attr-cols fold --text-cols answer --code-cols Staff-Wait \
  --coder ana sheet.csv -o t.tsv || exit 1

PY=$(python_with 'sklearn, numpy')
# Words only, every word kept, a tight tolerance: what scikit-learn's
# TfidfVectorizer + LogisticRegression(solver="liblinear") compute.
EXACT="--solver lr --features words --min-df 1 --min-examples 2 --eps 1e-8"
for cw in none balanced; do
  check_status "learn ($cw class weights)" 0 "$VERBA" learn -q $EXACT --class-weight $cw \
    --dump-features X.tsv -o t.model t.tsv
  "$VERBA" code -q --model t.model --long t.tsv > long.tsv
  if [ -n "$PY" ]; then
    "$PY" "$REF/reference.py" sheet.csv X.tsv t.model long.tsv $cw > ref.out 2>&1
    while IFS= read -r line; do
      case $line in
        "ok "*) ok "$cw: ${line#ok }" ;;
        *) not_ok "$cw: scikit-learn reference" "$line" ;;
      esac
    done < ref.out
    [ -s ref.out ] || not_ok "$cw: scikit-learn reference" "no output"
  else
    ok "# SKIP $cw: python3 with sklearn not found"
  fi
done

check_status "cross-validation on the sheet's folds" 0 "$VERBA" learn -q $EXACT --cv 3 \
  --folds-by fold -t tsv t.tsv
if [ -n "$PY" ]; then
  "$PY" "$REF/cv-reference.py" sheet.csv balanced > cv.want
  check_output "per-code, micro and macro figures equal scikit-learn's on the same folds" \
    "$(cat cv.want)" "$TMP/out"
else
  ok "# SKIP cross-validation reference: python3 with sklearn not found"
fi
check_status "--cv with -o: the table, then the model" 0 "$VERBA" learn -q $EXACT --cv 3 \
  --folds-by fold -t tsv -o cv.model t.tsv
if [ -n "$PY" ]; then
  check_eq "the model's summary holds the cross-validated figures" \
    "$(awk -F'\t' '$1 == "staff" { printf " cv precision=%s recall=%s f1=%s", $3, $4, $5 }' cv.want)" \
    "$(grep -A2 '^code	staff' cv.model | sed -n 3p | sed 's/ kappa=.*//' \
       | awk '{ for (i = 2; i <= 4; i++) { split($i, kv, "="); $i = kv[1] "=" sprintf("%.4f", kv[2]) } print " " $0 }')"
fi
for fmt in csv md txt latex json html; do
  "$VERBA" learn -q $EXACT --cv 3 --folds-by fold -t $fmt t.tsv > cv.$fmt 2>&1
  check_grep "--cv table as $fmt" "macro" cv.$fmt
done
printf 'id,fold,answer,Staff\nr1,1,a,1\nr2,2,b,0\nr3,7,c,1\nr4,1,d,0\n' > badfold.csv
"$VERBA" import -q -f csv --id id --attr-cols fold --text-cols answer --code-cols Staff \
  badfold.csv -o badfold.tsv
check_status "--folds-by an attribute the stream lacks is a usage error" 2 "$VERBA" learn \
  --cv 2 --folds-by nope --min-examples 2 t.tsv
check_grep "naming the attributes it has" "--folds-by nope: not document, segment or an attribute of t.tsv (attributes: fold, question)" "$TMP/err"
check_status "a fold number out of 1..K is an error" 1 "$VERBA" learn --cv 2 --folds-by fold \
  --min-examples 1 badfold.tsv
check_grep "naming the file, line and value" "badfold.tsv:6: document 'r3': --folds-by fold: '7' is not a fold number 1 to 2" "$TMP/err"

# Determinism: the same seed gives the same bytes, whatever the threads.
"$VERBA" learn -q --solver lr --min-examples 2 --min-df 1 --seed 7 --thresholds cv -o a.model t.tsv
"$VERBA" learn -q --solver lr --min-examples 2 --min-df 1 --seed 7 --thresholds cv -j 3 --name a \
  -o b.model t.tsv
"$VERBA" learn -q --min-examples 2 --min-df 1 --seed 7 --thresholds cv --solver svm-dual \
  -o c.model t.tsv
"$VERBA" learn -q --min-examples 2 --min-df 1 --seed 7 --thresholds cv --solver svm-dual -j 2 \
  --name c -o d.model t.tsv
check_eq "same seed, same model bytes (-j 1 and -j 3)" "" "$(cmp a.model b.model 2>&1)"
check_eq "same seed, same model bytes (dual solver, -j 1 and -j 2)" "" "$(cmp c.model d.model 2>&1)"
"$VERBA" code -q --model a.model -j 1 t.tsv > j1.tsv
"$VERBA" code -q --model a.model -j 4 t.tsv > j4.tsv
check_eq "code --model writes the same with -j 1 and -j 4" "" "$(cmp j1.tsv j4.tsv 2>&1)"
check_status "code --model: the accounting line" 0 "$VERBA" code --model a.model t.tsv
check_grep "as rule coding's" "verba code: 12 segments read, " "$TMP/err"
check_grep "codings carry the model's name" "/model:a" "$TMP/out"
"$VERBA" code -q --model a.model --min-score 0.001 t.tsv > low.tsv
check_eq "--min-score 0.001 codes every segment with both codes" "24" \
  "$(grep -o '@[0-9-]*/model:a' low.tsv | wc -l | tr -d ' ')"

check_status "--target-precision" 0 "$VERBA" learn -q --min-examples 2 --min-df 1 \
  --target-precision 0.9 -o p.model t.tsv
check_eq "each code's threshold says how it was chosen" "2" \
  "$(grep -c '^ support=6 threshold=[0-9.e-]* threshold-by=precision=0.9 ' p.model)"

# The file: header fields, and a damaged, truncated or newer file.
check_eq "model file starts with its format version" "verba-model	1" "$(head -1 a.model)"
check_grep "it records the input's SHA-256" \
  "input	$(sha256sum t.tsv | cut -d' ' -f1) t.tsv" a.model
sed 's/^verba-model	1$/verba-model	2/' a.model > newer.model
check_status "a newer format version fails" 1 "$VERBA" code --model newer.model t.tsv
check_output "naming file and line" \
  "verba code: newer.model:1: format version 2 is newer than this verba reads (1): use a newer verba" \
  "$TMP/err"
awk 'NR == 12 { sub(/[0-9]$/, "7") } { print }' a.model > damaged.model
check_status "a damaged file fails" 1 "$VERBA" code --model damaged.model t.tsv
check_grep "at its checksum line" "the checksum does not match what comes before it" "$TMP/err"
head -n 20 a.model > short.model
check_status "a truncated file fails" 1 "$VERBA" code --model short.model t.tsv
check_grep "with the line" "short.model:21: the file ends early (truncated?)" "$TMP/err"
sed '4s/.*/features	words wordz/' a.model > feat.model
check_status "bad feature settings fail" 1 "$VERBA" code --model feat.model t.tsv
check_grep "with the line" "feat.model:4: feature setting 'wordz'" "$TMP/err"

# Rule hits as features: the model remembers the codebook.
MINI="$GOLDEN/mini.codebook"
check_status "learn with a codebook's rule hits" 0 "$VERBA" learn -q -c "$MINI" \
  --min-examples 2 -o r.model t.tsv
check_grep "the model names the codebook" "codebook	mini	" r.model
check_status "code with that model and no codebook fails" 2 "$VERBA" code --model r.model t.tsv
check_grep "naming the model's codebook" "the model learned from the rules of codebook 'mini'" \
  "$TMP/err"
check_status "code with another codebook fails" 2 "$VERBA" code --model r.model \
  -c seven-principles t.tsv
check_grep "naming both" "not those of codebook 'seven-principles'" "$TMP/err"
check_status "code with the same codebook works" 0 "$VERBA" code --model r.model -c "$MINI" t.tsv

# Bad input.
"$VERBA" import -q -f csv --id id --text-cols answer sheet.csv -o plain.tsv
check_status "no human codings: one clear error" 1 "$VERBA" learn -o x.model plain.tsv
check_grep "saying so" "no human codings (coder:NAME) to learn from" "$TMP/err"
check_eq "and no model file" "no" "$([ -e x.model ] && echo yes || echo no)"
check_status "a code with too few examples is skipped" 0 "$VERBA" learn --min-examples 2 \
  --codes staff,nope -o x.model t.tsv
check_grep "with a warning naming it" "1 code skipped, with fewer than 2 examples (or nothing but): nope (0)" "$TMP/err"
check_eq "the others are learned" "code	staff	Staff" "$(grep '^code	' x.model)"
check_status "all codes too rare: an error, no file" 2 "$VERBA" learn --min-examples 8 \
  -o y.model t.tsv
check_grep "the skipped codes are named" "2 codes skipped, with fewer than 8 examples (or nothing but): staff (6), wait (6)" "$TMP/err"
check_eq "and no model file is left" "no" "$([ -e y.model ] && echo yes || echo no)"
# Active learning: verba sample --uncertain takes the segments whose score
# is nearest a code's threshold, worked out here from the scores that
# code --model --min-score 0 prints for every code and the thresholds in
# the model file.
"$VERBA" learn -q --min-examples 2 -o u.model t.tsv
"$VERBA" code -q --model u.model --min-score 0 --long t.tsv \
  | awk -F'\t' '$12 ~ /^model:/ { print $1 "\t" $8 "\t" $14 }' > scores.tsv
awk '/^code\t/ { code = $2 } / threshold=/ { for (i = 1; i <= NF; i++) if ($i ~ /^threshold=/) { sub(/threshold=/, "", $i); print code "\t" $i } }' u.model > thresholds.tsv
awk -F'\t' 'NR == FNR { t[$1] = $2; next }
  { m = $3 - t[$2]; if (m < 0) m = -m; if (!($1 in best) || m < best[$1]) best[$1] = m }
  END { for (d in best) printf "%.6f\t%s\n", best[d], d }' thresholds.tsv scores.tsv \
  | sort -k1,1n | head -4 | cut -f2 | sort > expected-uncertain
"$VERBA" sample -q --uncertain 4 --model u.model t.tsv | sed 1d | cut -d, -f2 | tr -d '"' | sort > got-uncertain
check_eq "sample --uncertain: the segments nearest a threshold" "$(cat expected-uncertain)" "$(cat got-uncertain)"
"$VERBA" sample -q --uncertain 4 --model u.model t.tsv > u1.csv
"$VERBA" sample -q --uncertain 4 --model u.model t.tsv > u2.csv
check_eq "sample --uncertain is deterministic" "same" "$(cmp -s u1.csv u2.csv && echo same)"
check_status "sample --uncertain with a damaged model" 1 "$VERBA" sample --uncertain 2 --model sheet.csv t.tsv

tap_done
