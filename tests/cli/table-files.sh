#!/bin/sh
# Tables for spreadsheets and statistics packages: -t xlsx read back with
# openpyxl (an independent reader) and compared cell by cell with the tsv
# table; -t sav and -t dta read back with ReadStat's readstat tool.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" 2>/dev/null \
  | "$VERBA" code -q -c public-standards > "$TMP/coded.tsv"

py=$(python_with openpyxl)

# The same table as tsv: counts, the cells as printed, and the base row.
"$VERBA" freq --by stage -t xlsx -o "$TMP/f.xlsx" "$TMP/coded.tsv"
check_eq "freq -t xlsx writes a workbook" "0" "$?"
"$VERBA" freq --by stage --cell count "$TMP/coded.tsv" | cut -f2- | sed '$d' > "$TMP/count.tsv"
"$VERBA" freq --by stage "$TMP/coded.tsv" | cut -f2- > "$TMP/full.tsv"
if [ -n "$py" ]; then
  "$py" - "$TMP/f.xlsx" > "$TMP/from-xlsx" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = list(ws.iter_rows(values_only=True))
print(rows[0][0])
header = rows[1]
# Counts: the label, then every other column from the first (numbers).
for r in rows[2:]:
    if r[0] is None:
        break
    if r[0].startswith("Base ("):
        print("BASE\t" + "\t".join(str(v) for v in r[1::2] if v is not None))
        continue
    print("\t".join([r[0].strip()] + [str(v) for v in r[1::2]]))
    print("WORDS\t" + "\t".join(str(v) for v in r[2::2]))
print("HEADER\t" + "\t".join(str(v) for v in header[1::2]))
EOF
  grep -v '^WORDS\|^BASE\|^HEADER' "$TMP/from-xlsx" | sed 1d > "$TMP/x-count"
  sed 1d "$TMP/count.tsv" > "$TMP/t-count"
  if cmp -s "$TMP/x-count" "$TMP/t-count"; then ok "xlsx counts are the tsv counts, as numbers"
  else not_ok "xlsx counts are the tsv counts, as numbers" "$(diff "$TMP/t-count" "$TMP/x-count" | head)"; fi
  grep '^WORDS' "$TMP/from-xlsx" | cut -f2- > "$TMP/x-words"
  sed '1d;$d' "$TMP/full.tsv" | cut -f2- > "$TMP/t-words"
  if cmp -s "$TMP/x-words" "$TMP/t-words"; then ok "xlsx word cells are the tsv cells"
  else not_ok "xlsx word cells are the tsv cells" "$(diff "$TMP/t-words" "$TMP/x-words" | head)"; fi
  check_eq "xlsx base row" "$(tail -n 1 "$TMP/full.tsv" | cut -f2- )" \
    "$(grep '^BASE' "$TMP/from-xlsx" | cut -f2-)"
  check_eq "xlsx title and header" "Codes by stage (documents)
HEADER	public	stakeholder	All" "$(sed -n '1p;$p' "$TMP/from-xlsx")"
  "$py" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
print(sum(1 for c in cells if isinstance(c.value, (int, float))))' "$TMP/f.xlsx" > "$TMP/n"
  check_eq "every count and base is a number" \
    "$(( $(wc -l < "$TMP/t-count") * 3 + 3 ))" "$(cat "$TMP/n")"

  # Shares are numbers with a percent format.
  "$VERBA" matrix --rows principle --cols stage --cell share -t xlsx -o "$TMP/s.xlsx" "$TMP/coded.tsv"
  "$VERBA" matrix --rows principle --cols stage --cell share -t tsv "$TMP/coded.tsv" | sed -n 2p | cut -f3 > "$TMP/s.tsv"
  check_eq "a share is a fraction shown as a percentage" "$(cat "$TMP/s.tsv") 0%" "$("$py" -c '
import sys, openpyxl
c = openpyxl.load_workbook(sys.argv[1]).worksheets[0].cell(row=3, column=2)
print("%.0f%% %s" % (c.value * 100, c.number_format))' "$TMP/s.xlsx")"

  "$VERBA" report -o "$TMP/r.xlsx" > /dev/null
  check_eq "the report: a sheet per table" \
    "Table 1. Principles raised, by|Table 2. Themes raised, by stag|Table 3. Theme x principle  doc|Table 4. Theme x principle by t|Table 5. Principles raised spon|Table 6. Principles raised spon" \
    "$("$py" -c '
import sys, openpyxl
print("|".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$TMP/r.xlsx")"
else
  for n in 1 2 3 4 5 6 7; do ok "xlsx read back # SKIP no python3 with openpyxl (apt-get install python3-openpyxl)"; done
fi

"$VERBA" freq --by stage -t xlsx -o "$TMP/f2.xlsx" "$TMP/coded.tsv"
check_eq "the same table gives the same workbook" "same" "$(cmp -s "$TMP/f.xlsx" "$TMP/f2.xlsx" && echo same)"

# Case x code data sets.
"$VERBA" matrix --rows document --cols principle --cell presence -t csv "$TMP/coded.tsv" \
  | cut -d, -f1,3-9 | sed '1s/"document"/"case"/' > "$TMP/p.csv"
for f in sav dta; do
  check_status "matrix --cell presence -t $f" 0 "$VERBA" matrix --rows document --cols principle \
    --cell presence -t $f -o "$TMP/p.$f" "$TMP/coded.tsv"
  if command -v readstat > /dev/null; then
    readstat "$TMP/p.$f" - 2> /dev/null > "$TMP/r.csv"
    # readstat quotes strings and leaves numbers bare (SPSS's as doubles,
    # 1.000000), as verba's csv does not.
    tr -d '"' < "$TMP/p.csv" > "$TMP/a" && tr -d '"' < "$TMP/r.csv" | sed 's/\.000000//g' > "$TMP/b"
    if cmp -s "$TMP/a" "$TMP/b"; then ok "$f read back by readstat: the presence table"
    else not_ok "$f read back by readstat: the presence table" "$(diff "$TMP/a" "$TMP/b" | head)"; fi
  else
    ok "$f read back # SKIP no readstat (apt-get install readstat)"
  fi
done

check_status "sav holds only case x code tables" 2 "$VERBA" freq -t sav -o "$TMP/x.sav" "$TMP/coded.tsv"
check_output "... and says which" \
  "verba freq: -t sav holds a case x code table: verba matrix --rows document|participant --cols code|theme|principle --cell presence|count" "$TMP/err"
check_status "quotes are not a table of counts" 2 "$VERBA" quotes -t xlsx "$TMP/coded.tsv"
check_output "... and it says so" \
  "verba quotes: -t xlsx is for tables of counts (verba freq, matrix, report); known here: tsv, csv, md, txt, latex, json, html" "$TMP/err"
check_status "no file left behind when the table cannot be made" 1 "$VERBA" freq --by nosuch \
  -t xlsx -o "$TMP/none.xlsx" "$TMP/coded.tsv"
check_eq "... none" "" "$(ls "$TMP"/none.xlsx* 2> /dev/null)"

tap_done
