#!/bin/sh
# Table formats: the same small table in every format, with labels full
# of characters each format must escape (tests/data/formats).  The
# expected files were checked by hand: documents a and b are at
# "Café & Bar", c at "Town <Hall>"; a raises fair, costs and égalité,
# b fair, c costs; so fair is 2 of 2, 0 of 1, 2 of 3, and so on.
. "$VB_TOP_SRCDIR/tests/tap.sh"
F="$VB_TOP_SRCDIR/tests/data/formats"

"$VERBA" import "$F/a.txt" "$F/b.txt" "$F/c.txt" 2>/dev/null \
  | "$VERBA" code -q -c "$F/specials.codebook" > "$TMP/coded.tsv"

for fmt in tsv csv md latex json html; do
  ext=$fmt; [ "$fmt" = latex ] && ext=tex
  check_status "freq -t $fmt" 0 "$VERBA" freq --by site -t "$fmt" "$TMP/coded.tsv"
  check_output "freq -t $fmt: exact table" "$(cat "$F/expected.$ext")" "$TMP/out"
done

# LaTeX: every special escaped (none left bare outside the markup we write).
"$VERBA" freq --by site -t latex "$TMP/coded.tsv" > "$TMP/t.tex"
check_grep "latex escapes & % _ # { } \$ \\" '100\% fair\_play \#1 \& \{all\} \$x\textbackslash{}y' "$TMP/t.tex"
check_grep "latex escapes < >" 'Town \textless{}Hall\textgreater{}' "$TMP/t.tex"
check_grep "latex booktabs rules" '\toprule' "$TMP/t.tex"

# JSON: parses, and the strings come back exactly as the labels are written.
if command -v python3 >/dev/null; then
  "$VERBA" freq --by site -t json "$TMP/coded.tsv" > "$TMP/t.json"
  got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(d["rows"][0]["label"]); print(d["rows"][1]["label"]); print(d["rows"][2]["label"])
print(d["columns"][1]["id"], d["columns"][1]["base"], d["rows"][1]["cells"][1]["text"])' "$TMP/t.json")
  check_eq "json round trip of labels, ids, bases and cells" "100% fair_play #1 & {all} \$x\\y
Costs <\"value\"> & 'price'
Égalité — accès
Town <Hall> 1 all* (1 of 1)" "$got"
  "$VERBA" quotes -t json "$TMP/coded.tsv" > "$TMP/q.json"
  check_eq "quotes -t json: one row per verbatim" "6 ['code', 'label', 'rank', 'quote', 'document', 'segment', 'speaker']" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["rows"]), d["columns"])' "$TMP/q.json")"
else
  ok "# SKIP python3 absent: json not parsed"
fi

# HTML: a fragment that libxml2 parses without a complaint, as HTML and as XML.
if command -v xmllint >/dev/null; then
  "$VERBA" freq --by site -t html "$TMP/coded.tsv" > "$TMP/t.html"
  check_eq "html table: no parser errors (HTML)" "" "$(xmllint --html --noout "$TMP/t.html" 2>&1)"
  check_eq "html table: well-formed (XML)" "" "$(xmllint --noout "$TMP/t.html" 2>&1)"
  "$VERBA" matrix --rows code --cols site --cell quotes -t html "$TMP/coded.tsv" > "$TMP/m.html"
  check_eq "matrix of verbatims as html: well-formed" "" "$(xmllint --noout "$TMP/m.html" 2>&1)"
  check_grep "... a cell's verbatims on lines of their own" \
    '&quot;Fair costs, and égalité for all.&quot; a, Respondent.<br/>&quot;The cost is what worries me.&quot; a, Respondent.' "$TMP/m.html"
else
  ok "# SKIP xmllint absent"
fi

"$VERBA" matrix --rows code --cols site --cell quotes -t latex "$TMP/coded.tsv" > "$TMP/m.tex"
check_grep "latex verbatims wrap in paragraph columns" '\begin{tabular}{lp{0.27\linewidth}p{0.27\linewidth}p{0.27\linewidth}}' "$TMP/m.tex"
check_grep "... one line each" '"Costs, only costs." c, Respondent.\newline{}"Fair costs, and égalité for all." a, Respondent.' "$TMP/m.tex"

check_status "unknown format" 2 "$VERBA" freq -t rtf "$TMP/coded.tsv"
check_grep "... lists the known ones" "unknown table format 'rtf' (known: tsv, csv, md, txt, latex, json, html, xlsx, sav, dta)" "$TMP/err"

# The report's other formats.
check_status "report -t latex" 0 "$VERBA" report -t latex
check_grep "... a section and the tables" '\section*{Ethical standards for providers of public services (synthetic example study)}' "$TMP/out"
check_eq "... six tables" 6 "$(grep -c '^\\begin{table}' "$TMP/out")"
check_status "report -t json" 0 "$VERBA" report -t json
if command -v python3 >/dev/null; then
  check_eq "... parses: summary and six tables" "21 942 6 Table 1. Principles raised, by stage (documents)" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; print(s["documents"], s["segments"], len(d["tables"]), d["tables"][0]["title"])' "$TMP/out")"
else
  ok "# SKIP python3 absent"
fi

tap_done
