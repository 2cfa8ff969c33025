#!/bin/sh
# verba sample: which segments to code next, and the sheet's round trip
# through verba import -f csv.  Every sample is compared with
# tests/stats/sample-reference.py, which recomputes the hash order and the
# largest-remainder allocation from verba-sample(1), not from verba's code.
. "$VB_TOP_SRCDIR/tests/tap.sh"
REF="$VB_TOP_SRCDIR/tests/stats/sample-reference.py"
DATA="$VB_TOP_SRCDIR/data"
MINI="$GOLDEN/mini.codebook"

"$VERBA" import -q "$DATA/ethical-standards" > "$TMP/es.tsv" 2>/dev/null
"$VERBA" import -q --map "$DATA/consultation/responses.map" \
  --study "$DATA/consultation/study.ini" "$DATA/consultation/responses.csv" \
  > "$TMP/cons.tsv" 2>/dev/null

check_status "--help" 0 "$VERBA" sample --help
check_grep "--help names the read-back command" "--segment-col segment" "$TMP/out"

# ids of a sheet, in its order (the first field, unquoted)
ids () { python3 -c 'import csv,sys
for r in list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]: print(r[0])' "$1"; }

# verba's sample and the reference's, ids and strata
compare () {
  name=$1 stream=$2 n=$3 seed=$4 attr=$5; shift 5
  set -- --random "$n" --seed "$seed" "$@"
  [ "$attr" = - ] || set -- "$@" --stratify "$attr"
  "$VERBA" sample "$@" -o "$TMP/s.csv" "$stream" 2> "$TMP/s.err"
  ids "$TMP/s.csv" > "$TMP/got"
  python3 "$REF" "$stream" "$n" "$seed" "$attr" $EXCL > "$TMP/ref"
  grep -v '^stratum ' "$TMP/ref" > "$TMP/want"
  if cmp -s "$TMP/want" "$TMP/got" && [ -s "$TMP/got" ]; then ok "$name: the reference's sample"
  else not_ok "$name: the reference's sample" "$(diff "$TMP/want" "$TMP/got" | head -5)"; fi
}
EXCL=
compare "8 of the study by stage" "$TMP/es.tsv" 8 3 stage
check_grep "the strata on stderr" "by stage: public 4 of 311, stakeholder 4 of 289" "$TMP/s.err"
compare "25 of the study by location, (none) among them" "$TMP/es.tsv" 25 7 location
strata=$(sed -n 's/^stratum //p' "$TMP/ref")
check_grep "the quotas are the reference's" "by location: $strata" "$TMP/s.err"
compare "40 of the consultation, unstratified" "$TMP/cons.tsv" 40 12345 -
compare "17 of the consultation by respondent type" "$TMP/cons.tsv" 17 1 respondent_type
compare "more than there are: all of them" "$TMP/es.tsv" 5000 1 stage
check_eq "all participants' segments" 600 "$(wc -l < "$TMP/got" | tr -d ' ')"

# The input's order does not matter: the rows reversed give the same ids.
"$VERBA" sample -q -n 30 --seed 9 --stratify stage "$TMP/es.tsv" > "$TMP/a.csv"
{ head -1 "$TMP/es.tsv"; tail -n +2 "$TMP/es.tsv" | tac; } > "$TMP/rev.tsv"
"$VERBA" sample -q -n 30 --seed 9 --stratify stage "$TMP/rev.tsv" > "$TMP/b.csv"
check_eq "the same sample from the rows reversed" "$(ids "$TMP/a.csv" | sort)" "$(ids "$TMP/b.csv" | sort)"
"$VERBA" sample -q -n 30 --seed 9 --stratify stage "$TMP/es.tsv" > "$TMP/c.csv"
check_eq "the same bytes twice" "$(cksum < "$TMP/a.csv")" "$(cksum < "$TMP/c.csv")"
"$VERBA" sample -q -n 30 --seed 10 "$TMP/es.tsv" > "$TMP/d.csv"
if cmp -s "$TMP/a.csv" "$TMP/d.csv"; then not_ok "another seed, another sample"; else ok "another seed, another sample"; fi

# The round trip: a coder fills in the codes, import reads them back with
# the segments' own ids and texts.
"$VERBA" sample -q -n 15 --seed 2 --stratify respondent_type -o "$TMP/sheet.csv" "$TMP/cons.tsv"
check_eq "the sheet's header" '"id","document","segment","respondent_type","region","question","text","codes"' \
  "$(head -1 "$TMP/sheet.csv")"
python3 - "$TMP/sheet.csv" "$TMP/filled.csv" "$TMP/expected" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
fill = ['Openness;honesty', 'scrutiny', '', 'RESPECT; dignity']
ids = {'openness': 'openness', 'honesty': 'honesty', 'scrutiny': 'scrutiny',
       'respect': 'respect', 'dignity': 'dignity'}
with open(sys.argv[3], 'w', encoding='utf-8') as exp:
    for i, r in enumerate(rows):
        assert r['codes'] == ''
        r['codes'] = fill[i % 4]
        codes = [ids[c.strip().lower()] for c in r['codes'].split(';') if c.strip()]
        exp.write(f"{r['document']}\t{r['segment']}\t{';'.join(codes)}\n")
w = csv.DictWriter(open(sys.argv[2], 'w', newline='', encoding='utf-8'), fieldnames=list(rows[0]))
w.writeheader()
w.writerows(rows)
PY
check_status "the filled sheet reads back" 0 "$VERBA" import -f csv -q --id document \
  --segment-col segment --text-cols text --attr-cols respondent_type,region --codes-col codes \
  --coder alice -c "$MINI" -o "$TMP/alice.tsv" "$TMP/filled.csv"
python3 - "$TMP/alice.tsv" "$TMP/cons.tsv" > "$TMP/rt" <<'PY'
import sys
def rows(path):
    out, header = [], None
    for line in open(path, encoding='utf-8', newline='\n'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        f = line.split('\t')
        if header is None:
            header = f
            continue
        out.append(dict(zip(header, f)))
    return out
orig = {(r['document'], r['segment']): r for r in rows(sys.argv[2])}
for r in rows(sys.argv[1]):
    o = orig[(r['document'], r['segment'])]
    same = all(r[k] == o[k] for k in ('text', 'respondent_type', 'region'))
    sources = {c.split('/', 1)[1] for c in r['codings'].split(';') if c}
    print(f"{r['document']}\t{r['segment']}\t{r['codes']}\t{'same' if same else 'DIFFERENT'}\t{','.join(sorted(sources))}")
PY
check_eq "each segment back with its id, the codes typed" "$(cat "$TMP/expected")" "$(cut -f1-3 "$TMP/rt")"
check_eq "texts and attributes as in the stream" 15 "$(cut -f4 "$TMP/rt" | grep -c '^same$')"
check_eq "codings by alice" "coder:alice" "$(cut -f5 "$TMP/rt" | grep . | sort -u)"
"$VERBA" code -q -c "$MINI" "$TMP/cons.tsv" > "$TMP/auto.tsv"
check_status "agree compares the sheet with the rules" 0 "$VERBA" agree --gold "$TMP/alice.tsv" "$TMP/auto.tsv"
check_grep "over the 15 segments" "openness	Openness	15	" "$TMP/out"

# --exclude: the next sample leaves out what alice coded.
EXCL="$TMP/alice.tsv"
compare "the next 20, alice's left out" "$TMP/cons.tsv" 20 2 respondent_type --exclude "$TMP/alice.tsv"
check_grep "the count left out" "1584 segments read, 15 left out as coded, 20 sampled" "$TMP/s.err"
check_eq "none of alice's segments again" "" "$(ids "$TMP/s.csv" | grep -xF -f "$(ids "$TMP/sheet.csv" > "$TMP/first"; echo "$TMP/first")")"
EXCL=
check_status "--exclude with a stream of rules only" 1 "$VERBA" sample -n 5 --exclude "$TMP/auto.tsv" "$TMP/cons.tsv"
check_grep "says no coding by people" "auto.tsv: --exclude: no coding by people in this stream" "$TMP/err"
# Another text of the same length, so that people's codings still fit it
# (the stream reader checks their bounds).
awk -F'\t' 'BEGIN { OFS = "\t" } /^R0[0-9]*\t/ { gsub(/[aeiou]/, "x", $NF) } { print }' "$TMP/alice.tsv" > "$TMP/alice2.tsv"
check_status "--exclude whose texts differ" 1 "$VERBA" sample -n 5 --exclude "$TMP/alice2.tsv" "$TMP/cons.tsv"
check_grep "names the segment" "has another text than the segment of that id in the --exclude stream" "$TMP/err"

# Bad usage, and no file left behind.
check_status "no way to choose" 2 "$VERBA" sample "$TMP/es.tsv"
check_status "--random 0" 2 "$VERBA" sample -n 0 "$TMP/es.tsv"
check_status "--uncertain without a model" 2 "$VERBA" sample --uncertain 5 "$TMP/es.tsv"
check_status "--uncertain with a model that is not there" 1 "$VERBA" sample --uncertain 5 --model m.model "$TMP/es.tsv"
check_grep "... names it" "m.model: cannot read" "$TMP/err"
check_status "an unknown attribute" 1 "$VERBA" sample -n 5 --stratify nosuch -o "$TMP/none.csv" "$TMP/es.tsv"
check_eq "no file after a failure" no "$([ -e "$TMP/none.csv" ] && echo yes || echo no)"

# --segment-col's own errors.
printf 'document,segment,text\nR1,x,Hello\n' > "$TMP/bad.csv"
check_status "a segment that is no number" 1 "$VERBA" import -f csv --id document --segment-col segment --text-cols text "$TMP/bad.csv"
check_grep "with its line" "bad.csv:2: column 'segment' (the segment): 'x' is not a segment number" "$TMP/err"
printf 'document,segment,a,b\nR1,1,Hello,World\n' > "$TMP/two.csv"
check_status "a segment column and two answers" 1 "$VERBA" import -f csv --id document --segment-col segment "$TMP/two.csv"
check_grep "says why" "a segment column needs exactly one answer column (found 2)" "$TMP/err"

tap_done
