#!/bin/sh
# Content-analysis dictionaries as codebooks: LIWC .dic/.dicx, WordStat
# .cat, Yoshikoder .ykd, Lexicoder .lc2/.lc3.  Categories and entries are
# counted here independently of verba (awk, grep, xmllint) and compared
# with what verba reads; a small text is coded with exact codes; every
# dictionary converted to a native codebook codes the text identically.
. "$VB_TOP_SRCDIR/tests/tap.sh"
DICT="$VB_TOP_SRCDIR/tests/data/dict"
SHARED="${VB_SHARED:-$VB_TOP_SRCDIR/../shared}/dictionaries"

# Categories and entries as verba reads them: codes in `show -t tsv`, and
# the terms of the rules of the converted codebook (a term is a "phrase",
# a /regex/ or a word).
n_codes () { "$VERBA" codebook show -t tsv "$1" | sed 1d | wc -l | tr -d ' '; }
n_terms () {
  "$VERBA" codebook convert --to native "$1" \
    | awk '/^rule *= */ { sub(/^rule *= */, ""); while (match($0, /"[^"]*"|\/[^ ]*\/|[^ ]+/)) { n++; $0 = substr($0, RSTART + RLENGTH) } } END { print n + 0 }'
}

# A text written for these tests; every dictionary codes it.
printf 'Interviewer: Tell me about the council and its openness.\n\nAnna: They are OPEN and transparent, they tell it like it is :) and the value-for-money case is frank.\n\nBen: Co-operatives and the Caf\303\251, the coffee shops, well done! Not good for nurses; the spending is cheap. Secrecy costs.\n\nCara: We flew from GABORONE to Cape Town with two South Africans and a Lesothonian; Mary had little to say.\n\nDai: \345\217\213\346\203\205\343\202\222\345\244\247\345\210\207\343\201\253\343\201\227\343\201\237\343\200\202\n' > "$TMP/text.txt"
"$VERBA" import "$TMP/text.txt" > "$TMP/segments.tsv"

# segment, code, start, end and matched text of every coding.
codings () {
  "$VERBA" code -q --long -c "$1" "$TMP/segments.tsv" \
    | awk -F'\t' 'NR > 1 && $6 != "" { print $2 "\t" $6 "\t" $8 "\t" $9 "\t" $11 }'
}

# The converted codebook codes exactly as the dictionary does.
roundtrip () {
  name=$(basename "$1")
  if "$VERBA" codebook convert --to native -o "$TMP/$name.codebook" "$1" 2> "$TMP/err" \
     && "$VERBA" codebook check "$TMP/$name.codebook" > /dev/null 2>> "$TMP/err"; then
    "$VERBA" code -q --long -c "$1" "$TMP/segments.tsv" | grep -v '^#verba-codebook' > "$TMP/a"
    "$VERBA" code -q --long -c "$TMP/$name.codebook" "$TMP/segments.tsv" | grep -v '^#verba-codebook' > "$TMP/b"
    if cmp -s "$TMP/a" "$TMP/b" && [ -s "$TMP/a" ]; then ok "$name: converted codebook codes identically"
    else not_ok "$name: converted codebook codes identically" "$(diff "$TMP/a" "$TMP/b" | head -20)"; fi
  else
    not_ok "$name: converts to a codebook that checks" "$(cat "$TMP/err")"
  fi
}

# ---- fixtures written for verba ----

check_status "LIWC .dic checks" 0 "$VERBA" codebook check "$DICT/small.dic"
check_output "LIWC .dic: nested categories, phrases, an emoticon, a keyword entry" "code	label	parent	rules
openness	Openness		open* transparen* \"value for money\" /(?<!\\\\S):\\\\)(?!\\\\S)/
openness.candour	Candour	openness	frank \"tell it like it is\" \"don't hide\"
money	Money		and \"value for money\" \"co-operat*\"" \
  "$("$VERBA" codebook show -t tsv "$DICT/small.dic" | cut -f1,3,4,7 > "$TMP/t"; echo "$TMP/t")"
codings "$DICT/small.dic" > "$TMP/t"
check_output "LIWC .dic codes the text" "1	openness	34	42	openness
1	money	26	29	and
2	openness	9	13	OPEN
2	openness	18	29	transparent
2	openness	55	57	:)
2	openness	66	81	value-for-money
2	openness.candour	36	54	tell it like it is
2	openness.candour	90	95	frank
2	money	14	17	and
2	money	58	61	and
2	money	66	81	value-for-money
3	money	0	13	Co-operatives
3	money	14	17	and
4	money	59	62	and" "$TMP/t"

codings "$DICT/small.dicx" > "$TMP/t"
check_output "LIWC-22 .dicx: X marks, quoted terms, lower-case x" "1	openness	34	42	openness
2	openness	9	13	OPEN
2	money	66	81	value-for-money
3	openness	82	90	spending
3	money	82	90	spending
3	money	94	99	cheap" "$TMP/t"
check_eq ".dicx: 2 categories, 6 entries" "2 6" "$(n_codes "$DICT/small.dicx") $(n_terms "$DICT/small.dicx")"

codings "$DICT/small.cat" > "$TMP/t"
check_output "WordStat .cat (CRLF, spaces before tabs, underscores): codes" "2	public.open	18	29	transparent
2	money	66	81	value-for-money
3	public.shut	101	108	Secrecy
3	money	109	114	costs" "$TMP/t"
"$VERBA" codebook show -t tsv "$DICT/small.cat" | cut -f1,4,7 > "$TMP/t"
check_output "WordStat .cat: nesting by tabs, entries of a parent" "code	parent	rules
public		scrutiny
public.open	public	\"open book\" transparen*
public.shut	public	secre*
money		\"value for money\" cost*" "$TMP/t"

codings "$DICT/small.lc2" > "$TMP/t"
check_output "Lexicoder .lc2: phrases next to their words" "3	positive	46	55	well done
3	positive	61	65	good
3	negative	57	65	Not good" "$TMP/t"

codings "$DICT/small.ykd" > "$TMP/t"
check_output "Yoshikoder .ykd in ISO-8859-1: decoded as declared" "3	services.cafes	22	26	Café
3	services.cafes	32	44	coffee shops
3	staff	70	76	nurses" "$TMP/t"
check_eq ".ykd: categories and patterns as xmllint counts them" \
  "$(xmllint --xpath 'count(//cnode)' "$DICT/small.ykd") $(xmllint --xpath 'count(//pnode)' "$DICT/small.ykd")" \
  "$(n_codes "$DICT/small.ykd") $(n_terms "$DICT/small.ykd")"

for f in small.dic small.dicx small.cat small.lc2 small.ykd; do roundtrip "$DICT/$f"; done

# A dictionary is a codebook wherever one is accepted: several -c, report.
check_status "code -c with a dictionary and a codebook" 0 "$VERBA" code -q -c "$DICT/small.lc2" -c seven-principles "$TMP/segments.tsv"
check_grep "both codebooks' codes are declared" "#verba-code	negative" "$TMP/out"

# A byte order mark and CRLF line ends change nothing.
for f in small.dic small.dicx small.lc2; do
  ext=${f#small.}
  printf '\357\273\277' > "$TMP/bom.$ext"
  sed 's/$/\r/' "$DICT/$f" >> "$TMP/bom.$ext"
  codings "$TMP/bom.$ext" > "$TMP/a"
  codings "$DICT/$f" > "$TMP/b"
  if cmp -s "$TMP/a" "$TMP/b" && [ -s "$TMP/a" ]; then ok "$f with a BOM and CRLF"
  else not_ok "$f with a BOM and CRLF" "$(diff "$TMP/b" "$TMP/a")"; fi
done

# FORMAT:FILE reads a dictionary whose name does not say its format.
cp "$DICT/small.cat" "$TMP/wordstat-export.txt"
codings "wordstat:$TMP/wordstat-export.txt" > "$TMP/a"
codings "$DICT/small.cat" > "$TMP/b"
if cmp -s "$TMP/a" "$TMP/b" && [ -s "$TMP/a" ]; then ok "wordstat:FILE.txt reads it as WordStat"
else not_ok "wordstat:FILE.txt reads it as WordStat" "$(diff "$TMP/b" "$TMP/a")"; fi
check_status "without the prefix, a .txt is a native codebook" 1 "$VERBA" codebook check "$TMP/wordstat-export.txt"

# convert --to native also round-trips native codebooks (descriptions,
# examples, links, scopes, regexes, NEAR, imports written out): the same
# coding of the example study and the same appendix.
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/study.tsv" 2> /dev/null
for cb in seven-principles public-standards stakeholder-standards public-service-values consultation-stance; do
  "$VERBA" codebook convert --to native -o "$TMP/$cb.codebook" "$cb"
  "$VERBA" code -q -c "$cb" "$TMP/study.tsv" > "$TMP/a"
  "$VERBA" code -q -c "$TMP/$cb.codebook" "$TMP/study.tsv" > "$TMP/b"
  "$VERBA" codebook show "$cb" > "$TMP/ma"
  "$VERBA" codebook show "$TMP/$cb.codebook" > "$TMP/mb"
  if cmp -s "$TMP/a" "$TMP/b" && cmp -s "$TMP/ma" "$TMP/mb" && [ -s "$TMP/a" ]; then ok "$cb: native round trip"
  else not_ok "$cb: native round trip" "$(diff "$TMP/a" "$TMP/b" | head -5)" "$(diff "$TMP/ma" "$TMP/mb" | head -5)"; fi
done
printf '[codebook]\nid = esc\ntitle = Escapes\n\n[theme:t]\nlabel = tab\\there; a\\\\b\nexamples = one\\; two;three\\nlines\nrule = "a b" /x\\/y/\n' > "$TMP/esc.codebook"
"$VERBA" codebook convert --to native "$TMP/esc.codebook" > "$TMP/esc2.codebook"
# GLib's key-file writer does the escaping: what matters is that every
# value reads back as it was, and that a second conversion changes nothing.
"$VERBA" codebook show -t md "$TMP/esc.codebook" > "$TMP/esc.md"
"$VERBA" codebook show -t md "$TMP/esc2.codebook" > "$TMP/esc2.md"
check_eq "native: escaped values read back the same" "" "$(diff "$TMP/esc.md" "$TMP/esc2.md")"
check_grep "... the label with its tab and backslash" "tab	here; a\\\\b" "$TMP/esc2.md"
"$VERBA" codebook convert --to native "$TMP/esc2.codebook" > "$TMP/esc3.codebook"
check_eq "native: converting again changes nothing" "" "$(diff "$TMP/esc2.codebook" "$TMP/esc3.codebook")"

# ---- bad dictionaries: file, line and what is wrong; exit 1 ----

bad () { # NAME EXPECTED-MESSAGE FILE-NAME CONTENT(printf format)
  printf "$4" > "$TMP/$3"
  check_status "$1: exit 1" 1 "$VERBA" codebook check "$TMP/$3"
  check_output "$1: message" "verba codebook: $TMP/$3$2" "$TMP/err"
}
bad "LIWC undefined category" ":5: entry 'fair' has no category number
verba codebook: $TMP/u.dic:6: entry 'just': category 7 is not in the category list" u.dic '%%\n1\tA\n%%\nopen\t1\nfair\n just \t1 7\n'
bad "LIWC list not closed" ":3: expected a category as NUMBER<TAB>NAME (or '%' to end the list), found 'open	1'
verba codebook: $TMP/n.dic: the category list is not closed by a '%' line" n.dic '%%\n1\tA\nopen\t1\n'
bad "LIWC conditional category" ":4: entry 'like': conditional categories ('(…)N/M', '<of>') are not supported" c.dic '%%\n1\tA\n%%\nlike\t(02 134)125/464\n'
bad "YAML syntax error: line and column" ":2:2: did not find expected ',' or ']' while parsing a flow sequence" s.yml 'A: [x, y\nB: z\n'
bad "YAML list at the top" ":2: expected a mapping of categories (CATEGORY: [entries]), not a list" t.yml '# words\n- a\n- b\n'
bad "YAML entry that is a list" ":2: an entry must be a word, stem or phrase, not a list" n.yml 'A:\n  - [x, y]\n'
bad "leading wildcard" ":4: entry '*deceit*': only a '*' at the end of a word is supported (stem*)" w.dic '%%\n1\tA\n%%\n*deceit*\t1\n'
bad "Latin-1 bytes in a .dic" ":4:4: invalid UTF-8 (byte offset 11)" l.dic '%%\n1\tA\n%%\ncaf\351\t1\n'
bad "WordStat entry outside a category" ":1: entry 'OPEN' is not indented under a category" e.cat 'OPEN (1)\nA\n\tB (1)\n'
bad "WordStat deeper than its parent" ":2: category 'B' is indented deeper than the one before" d.cat 'A\n\t\tB\n'
bad "Lexicoder entry before a category" ":1: entry 'good' before the first +CATEGORY line" e.lc3 'good\n+pos\nfine\n'
bad ".dicx not an X" ":3: entry 'fair': '0.5' under A (expected X or nothing; weighted dictionaries are not supported)" w.dicx 'DicTerm,A\nopen,X\nfair,0.5\n'
# White space around a category name is no part of its label (found by
# tests/fuzz/fuzz-dict: a form feed made a label a native codebook loses).
printf '\fPUBLIC \n\tOPEN (1)\n' > "$TMP/ff.cat"
check_eq "a form feed before a WordStat category: not in the label" "public	theme	PUBLIC" \
  "$("$VERBA" codebook show -t tsv "$TMP/ff.cat" | sed -n 2p | cut -f1-3)"
bad ".dicx entry with a line break" ":3: entry 'two\\x0Alines': a control character (U+000A) in an entry" nl.dicx 'DicTerm,A\n"two\nlines",X\n'
bad "Yoshikoder not well-formed" ":3: Opening and ending tag mismatch: cnode line 2 and dictionary" m.ykd '<dictionary>\n<cnode name="A">\n</dictionary>\n'
bad "Yoshikoder unknown element" ":2: unexpected element <word> (expected <cnode> or <pnode>)" x.ykd '<dictionary>\n<word name="A"/>\n</dictionary>\n'
# No external entity is fetched or substituted.
bad "Yoshikoder external entity" ":3: Attribute references external entity 'x'" xxe.ykd '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<dictionary><cnode name="A"><pnode name="&x;"/></cnode></dictionary>\n'

# Nor an internal one: a DTD is refused, as in every other XML verba reads.
bad "Yoshikoder internal entity" ":2: document type declarations (DTDs, entities) are not accepted" dtd.ykd '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "sneaky">]>\n<dictionary><cnode name="A"><pnode name="&x;"/></cnode></dictionary>\n'

# ---- the dictionaries in ../shared (skipped when absent) ----

if [ ! -d "$SHARED" ]; then
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do ok "# SKIP $SHARED not available"; done
  tap_done
  exit $?
fi

# LIWC: categories between the two '%' lines; entries as distinct
# (entry, category) pairs after them.
liwc_cats () { awk '/^%/ { s++; next } s == 1 && NF { n++ } END { print n + 0 }' "$1"; }
liwc_entries () {
  awk -F'\t' '/^%/ { s++; next } s == 2 && NF > 1 { for (i = 2; i <= NF; i++) if ($i != "") print $1 "\t" $i }' "$1" \
    | sort -u | wc -l | tr -d ' '
}
# WordStat: category lines are those without a "(N)" weight; entries
# those with one (as distinct category path + entry).
cat_cats () { tr -d '\r' < "$1" | grep -v '^[[:space:]]*$' | grep -vc '([0-9][0-9]*)[[:space:]]*$'; }
cat_entries () {
  tr -d '\r' < "$1" | awk '{ line = $0; t = gsub(/\t/, "", line); sub(/^ */, "", line) }
    line ~ /\([0-9]+\)[ ]*$/ { sub(/ *\([0-9]+\)[ ]*$/, "", line); print path[t - 1] "\t" line; next }
    line != "" { path[t] = (t ? path[t - 1] "/" : "") line }' | sort -u | wc -l | tr -d ' '
}

for f in j-mfd/J-MFD_2018r1.dic quanteda-testdicts/mary.dic; do
  check_eq "$f: categories and entries" "$(liwc_cats "$SHARED/$f") $(liwc_entries "$SHARED/$f")" \
    "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"
done
for f in laver-garry/Laver_and_Garry_2000.cat quanteda-testdicts/issue-459.cat; do
  check_eq "$f: categories and entries" "$(cat_cats "$SHARED/$f") $(cat_entries "$SHARED/$f")" \
    "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"
done
f=quanteda-testdicts/mary.ykd
check_eq "$f: categories and entries" \
  "$(xmllint --xpath 'count(//cnode)' "$SHARED/$f") $(xmllint --xpath 'count(//pnode)' "$SHARED/$f")" \
  "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"
f=quanteda-testdicts/mary.lc3
check_eq "$f: categories and entries" "$(grep -c '^+' "$SHARED/$f") $(grep -v '^+' "$SHARED/$f" | grep -c .)" \
  "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"

f=quanteda-testdicts/mary.yml
check_eq "$f: categories and entries" "2 6" "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"
f=newsmap/english.yml
# Every key is a category; every list item an entry (as a line "- x" or
# inside [a, b]): counted here by python3's reading of the mapping.
check_eq "$f: categories and entries as a YAML reader counts them" \
  "$(python3 -c '
import re,sys
cats = ents = 0
for line in open(sys.argv[1], encoding="utf-8"):
    s = line.split("#")[0].rstrip()
    m = re.match(r"\s*(\x27[^\x27]*\x27|[^:\[]+):\s*(\[(.*)\])?\s*$", s)
    if m:
        cats += 1
        if m.group(3) is not None:
            ents += len([e for e in m.group(3).split(",") if e.strip()])
print(cats, ents)' "$SHARED/$f")" "$(n_codes "$SHARED/$f") $(n_terms "$SHARED/$f")"

# The five mary dictionaries say the same in five formats.
for f in mary.dic mary.lc3 mary.ykd mary.yml; do
  codings "$SHARED/quanteda-testdicts/$f" | cut -f1,3- > "$TMP/$f.codings"
done
check_output "mary.dic codes the text" "4	87	93	little
4	78	82	Mary
4	83	86	had" "$TMP/mary.dic.codings"
check_eq "mary.lc3, mary.ykd and mary.yml code as mary.dic" "same same same" \
  "$(cmp -s "$TMP/mary.dic.codings" "$TMP/mary.lc3.codings" && echo same) $(cmp -s "$TMP/mary.dic.codings" "$TMP/mary.ykd.codings" && echo same) $(cmp -s "$TMP/mary.dic.codings" "$TMP/mary.yml.codings" && echo same)"

codings "$SHARED/quanteda-testdicts/issue-459.cat" > "$TMP/t"
check_output "issue-459.cat: spaces before tabs, phrases, stems, case" "4	south.bw	13	21	GABORONE
4	south.ls	65	76	Lesothonian
4	south.za	25	34	Cape Town
4	south.za	44	58	South Africans" "$TMP/t"
check_eq "issue-459.cat: categories nest under SOUTH" "south.bw	south" \
  "$("$VERBA" codebook show -t tsv "$SHARED/quanteda-testdicts/issue-459.cat" | cut -f1,4 | sed -n 3p)"

# J-MFD is UTF-8 Japanese; a run of kanji and kana is one token, which
# 友情* matches from its start (HarmVirtue and IngroupVirtue).
codings "$SHARED/j-mfd/J-MFD_2018r1.dic" | grep '^5' > "$TMP/t"
check_output "J-MFD codes Japanese text" "5	harmvirtue	0	8	友情を大切にした
5	ingroupvirtue	0	8	友情を大切にした" "$TMP/t"

for f in j-mfd/J-MFD_2018r1.dic laver-garry/Laver_and_Garry_2000.cat quanteda-testdicts/issue-459.cat \
         quanteda-testdicts/mary.dic quanteda-testdicts/mary.ykd quanteda-testdicts/mary.lc3 \
         quanteda-testdicts/mary.yml newsmap/english.yml; do
  roundtrip "$SHARED/$f"
done

tap_done
