#!/bin/sh
# verba import -f csv --code-cols: one-hot code columns (a column a code,
# a cell saying whether the row has it) become the codings of a coder,
# with codes named by the headers and no codebook.
#
# sheet.csv, rows by line: r1 (2) has "Staff & manner" (1) and "Wait-time"
# (yes); r2 (3) has only "Wait-time" (X, any case); r3 (4) has none (0,
# no, empty); r4 (5) has an empty answer, so its code goes with it; r5 (6)
# has "Staff & manner" (true).  The range "Staff & manner-Other" holds
# three columns although "Wait-time" has a '-' of its own.
. "$VB_TOP_SRCDIR/tests/tap.sh"
cat > "$TMP/sheet.csv" <<'CSV'
id,answer,Staff & manner,Wait-time,Other
r1,Kind nurses but a long wait,1,yes,
r2,Waited hours,0,X,no
r3,Nothing to add,0,no,
r4,,1,,
r5,Lovely staff,true,false,0
CSV
cd "$TMP" || exit 1

check_status "one-hot columns by range, no codebook" 0 \
  "$VERBA" import -f csv --id id --text-cols answer --code-cols 'Staff & manner-Other' \
  --coder ana sheet.csv
check_output "codes named by their headers, codings of coder:ana" \
"#verba-codebook	code-columns	codes from the code columns
#verba-code	staff-manner	theme	Staff & manner		
#verba-code	wait-time	theme	Wait-time		
#verba-code	other	theme	Other		
document	segment	speaker	role	phase	start	end	question	codes	codings	text
r1	1	r1	participant	spontaneous	0	27	answer	staff-manner;wait-time	staff-manner@0-27/coder:ana;wait-time@0-27/coder:ana	Kind nurses but a long wait
r2	1	r2	participant	spontaneous	0	12	answer	wait-time	wait-time@0-12/coder:ana	Waited hours
r3	1	r3	participant	spontaneous	0	14	answer			Nothing to add
r5	1	r5	participant	spontaneous	0	12	answer	staff-manner	staff-manner@0-12/coder:ana	Lovely staff" "$TMP/out"
check_grep "the codes of an empty answer are counted, told once" \
  "sheet.csv:5: 1 empty answer with codes left out with its codes" "$TMP/err"

check_status "columns listed one by one (by header and by number)" 0 \
  "$VERBA" import -f csv -q --id id --text-cols answer --code-cols 'Staff & manner,4' sheet.csv
check_grep "the default coder is the file's name" "wait-time@0-12/coder:sheet" "$TMP/out"
check_eq "only the listed columns are codes" "2" "$(grep -c '^#verba-code	' "$TMP/out")"

printf 'id,answer,Staff & manner,Wait-time\nr1,fine,1,0\nr2,slow,0,maybe\n' > bad.csv
check_status "a cell that is not 1/0, yes/no, true/false or x/empty fails" 1 \
  "$VERBA" import -f csv --id id --text-cols answer --code-cols 'Staff & manner-Wait-time' \
  -o out.tsv bad.csv
check_output "the error names file, line and column" \
  "verba import: bad.csv:3:4: column 'Wait-time': 'maybe' is not 1/0, yes/no, true/false or x/empty" \
  "$TMP/err"
check_eq "no output file is left behind" "no" "$([ -e out.tsv ] && echo yes || echo no)"

check_status "a range given backwards fails" 1 \
  "$VERBA" import -f csv --id id --text-cols answer --code-cols 'Wait-time-Staff & manner' bad.csv
check_grep "and says which way round" "'Wait-time' comes after 'Staff & manner'" "$TMP/err"

printf 'id,answer,A b,a-b\nr1,x,1,0\n' > twice.csv
check_status "two headers giving one code id fail" 1 \
  "$VERBA" import -f csv --id id --text-cols answer --code-cols 'A b,a-b' twice.csv
check_grep "naming the column" "column 4 ('a-b') gives the code id 'a-b'" "$TMP/err"

check_status "--codes-col and --code-cols together are a usage error" 2 \
  "$VERBA" import -f csv --id id --text-cols answer --code-cols 3 --codes-col 4 sheet.csv

# The NHS patient-feedback framework sheet (pxtextmining): 7,908 rows,
# codes in one-hot columns from "Organisation & efficiency" to "Positive
# experience & gratitude".
NHS="${VB_SHARED:-}/corpora/nhs-fft-pxtextmining/v6framework_230831.csv"
if [ -r "$NHS" ]; then
  check_status "NHS framework sheet" 0 "$VERBA" import -f csv -q --id 'Comment ID' \
    --text-cols 'FFT answer' --code-cols 'Organisation & efficiency-Positive experience & gratitude' \
    --coder nhs "$NHS"
  # Counted independently from the CSV.
  want=$(python3 - "$NHS" <<'PY'
import csv, sys
r = csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))
h = next(r)
a, b = h.index("Organisation & efficiency"), h.index("Positive experience & gratitude")
t = h.index("FFT answer")
rows = [x for x in r if x[t].strip()]
print(b - a + 1, len(rows), sum(1 for x in rows for v in x[a:b + 1] if v.strip() == "1"))
PY
)
  got="$(grep -c '^#verba-code	' "$TMP/out") $(grep -vc '^#' "$TMP/out" | awk '{print $1 - 1}') $(grep -v '^#' "$TMP/out" | tail -n +2 | awk -F'\t' '$9 != "" {n += split($9, a, ";")} END {print n}')"
  check_eq "NHS: every code column, answer and coding (counted by Python)" "$want" "$got"
else
  echo "ok $((tap_n + 1)) # SKIP NHS corpus not present"; tap_n=$((tap_n + 1))
fi
tap_done
