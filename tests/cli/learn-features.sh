#!/bin/sh
# verba code --model with every default feature group (words, pairs,
# character 2-5-grams) on answers with multibyte letters, punctuation and
# repeats: the scores it prints equal those worked out here, with awk,
# from the tf-idf matrix learn dumped (--dump-features) and the weights in
# the model file.  The two reach the features by different paths
# (learning numbers the features it meets, scoring finds them in the
# model's vocabulary), so a featurizer or lookup that differs between
# them shows here; tests/test-features.c checks the features themselves.
. "$VB_TOP_SRCDIR/tests/tap.sh"
cd "$TMP" || exit 1
cat > sheet.csv <<'CSV'
id,answer,Staff,Wait
r1,The nurses were kind and caring,1,0
r2,"Kind staff, but a long wait!!!",1,1
r3,Μυ μυ μυ: we waited four hours to be seen,0,1
r4,The wait was far too long... far too long,0,1
r5,Lovely caring nurses — and doctors,1,0
r6,Car park full; café closed,0,0
r7,Staff were rude and the wait was long,1,1
r8,"Food was cold, cold, cold",0,0
r9,Doctors explained everything kindly 😀,1,0
r10,Long delays at reception (2 hours),0,1
r11,!!!,0,0
r12,Friendly staff and a short wait — спасибо,1,1
CSV
"$VERBA" import -q -f csv --id id --text-cols answer --code-cols Staff-Wait --coder ana \
  sheet.csv -o t.tsv || exit 1
check_status "learn with words, pairs and character grams" 0 "$VERBA" learn -q --min-examples 2 \
  --min-df 1 --dump-features X.tsv -o m.model t.tsv
check_grep "the grams of multibyte letters are features" "	c: μυ 	" X.tsv
"$VERBA" code -q --model m.model --min-score 0 --long t.tsv \
  | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      $col["source"] ~ /^model:/ { print $1 "\t" $col["code"] "\t" $col["score"] }' \
  | sort > got.tsv
# The rows of the dump are the stream's segments in order, one a document.
grep -v '^#' t.tsv | awk -F'\t' 'NR > 1 { print $1 }' > docs.txt
awk -F'\t' '
  FILENAME == ARGV[1] { doc[FNR] = $1; next }
  FILENAME == ARGV[2] {
    if (vocab_left > 0) { vocab[$1] = ++nv; vocab_left--; next }
    if ($1 == "vocabulary") { vocab_left = $2; next }
    if ($1 == "code") { code = $2; codes[++nc] = code; next }
    if ($0 ~ /^ support=/) {
      n = split($0, kv, " ")
      for (i = 1; i <= n; i++) if (kv[i] ~ /^bias=/) bias[code] = substr(kv[i], 6)
      next
    }
    if ($1 ~ /^[0-9]+$/ && NF == 2) w[code, $1] = $2
    next
  }
  FNR > 1 { for (k = 1; k <= nc; k++) z[$1, codes[k]] += w[codes[k], vocab[$2]] * $3; rows = $1 > rows ? $1 : rows }
  END {
    for (r = 1; r in doc; r++)
      for (k = 1; k <= nc; k++)
        printf "%s\t%s\t%.4f\n", doc[r], codes[k], 1 / (1 + exp(-(bias[codes[k]] + z[r, codes[k]])))
  }' docs.txt m.model X.tsv | sort > want.tsv
check_eq "24 scores, one a code an answer" "24" "$(wc -l < want.tsv | tr -d ' ')"
check_eq "code --model's scores equal those from the dumped matrix and the weights" \
  "$(cat want.tsv)" "$(cat got.tsv)"
tap_done
