#!/bin/sh
# REFI-QDA: codebooks (.qdc) both ways, projects (.qdpx) in and out, every
# real sample in ../shared/refi-qda/samples/, a project written here with
# sources, cases and codings, schema validation of everything exported
# (xmllint --schema), and hostile archives and XML.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks"
REFI="${VB_SHARED:-$VB_TOP_SRCDIR/../shared}/refi-qda"
QDC_XSD="$REFI/schema/Codebook.xsd"
QDPX_XSD="$REFI/schema/Project-mrt2019.xsd"
have_schema=no
[ -f "$QDC_XSD" ] && [ -f "$QDPX_XSD" ] && command -v xmllint > /dev/null && have_schema=yes

# validate NAME XSD FILE: xmllint --schema must accept FILE.
validate () {
  if [ $have_schema = no ]; then ok "$1 # SKIP no ../shared/refi-qda schemas or no xmllint"; return; fi
  if xmllint --noout --schema "$2" "$3" > "$TMP/xmllint" 2>&1; then ok "$1"
  else not_ok "$1" "$(head -c 800 "$TMP/xmllint")"; fi
}

# qde_of QDPX DIR: project.qde of a project, unpacked into DIR.
qde_of () {
  rm -rf "$2" && mkdir -p "$2" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
}

# count XPATH FILE: xmllint's count of the nodes (any namespace: by local name).
count () {
  xmllint --xpath "count($1)" "$2" 2> /dev/null
}

# no_positions STREAM: the stream without the start and end columns, which
# depend on how the text is laid out in the source.
no_positions () {
  awk -F '\t' 'BEGIN { OFS = "\t" } /^#/ { print; next } { $6 = ""; $7 = ""; print }' "$1"
}

# ---- codebooks: every bundled one to .qdc and back loses nothing ----
for c in "$CB"/*.codebook "$GOLDEN/mini.codebook"; do
  b=$(basename "$c" .codebook)
  check_status "$b: convert --to qdc" 0 "$VERBA" codebook convert --to qdc -o "$TMP/$b.qdc" "$c"
  validate "$b.qdc validates against Codebook.xsd" "$QDC_XSD" "$TMP/$b.qdc"
  "$VERBA" codebook convert --to native "$c" > "$TMP/$b.direct" 2>&1
  "$VERBA" codebook convert --to native "$TMP/$b.qdc" > "$TMP/$b.back" 2>&1
  if cmp -s "$TMP/$b.direct" "$TMP/$b.back" && [ -s "$TMP/$b.direct" ]; then ok "$b: codebook -> qdc -> codebook is identical"
  else not_ok "$b: codebook -> qdc -> codebook is identical" "$(diff "$TMP/$b.direct" "$TMP/$b.back" | head -20)"; fi
  for t in tsv md; do
    "$VERBA" codebook show -t $t "$c" > "$TMP/$b.show1"
    "$VERBA" codebook show -t $t "$TMP/$b.qdc" > "$TMP/$b.show2"
    if cmp -s "$TMP/$b.show1" "$TMP/$b.show2"; then ok "$b: show -t $t of the .qdc = of the codebook"
    else not_ok "$b: show -t $t of the .qdc = of the codebook" "$(diff "$TMP/$b.show1" "$TMP/$b.show2" | head -20)"; fi
  done
  # The key file written back is a codebook verba accepts as it is.
  cp "$TMP/$b.back" "$TMP/$b.codebook"
  check_status "$b: the converted-back codebook checks" 0 "$VERBA" codebook check "$TMP/$b.codebook"
done

# A definition holding a line "[verba]" (found by tests/fuzz/fuzz-qdc): the
# block is the one after the last such line, so the text goes round whole.
printf '[codebook]\nid=marks\ntitle=Marks\n\n[theme:open]\nlabel=Open\ndefinition=Notes.\\n[verba]\\nid=not-a-block\nrule=open*\n' > "$TMP/marks.codebook"
"$VERBA" codebook convert --to qdc -o "$TMP/marks.qdc" "$TMP/marks.codebook"
"$VERBA" codebook convert --to native "$TMP/marks.qdc" > "$TMP/marks.back" 2>&1
check_eq "a definition with a [verba] line: qdc and back" "definition=Notes.\\n[verba]\\nid=not-a-block" \
  "$(grep '^definition=' "$TMP/marks.back")"

# A control character XML cannot hold (found by tests/fuzz/fuzz-dict) is
# written as U+FFFD, so the .qdc stays well-formed.
printf '[codebook]\nid=ctl\ntitle=Ctl\n\n[theme:a]\nlabel=look\027ing\nrule=open*\n' > "$TMP/ctl.codebook"
check_status "a control character: convert --to qdc" 0 "$VERBA" codebook convert --to qdc -o "$TMP/ctl.qdc" "$TMP/ctl.codebook"
check_status "a control character: the .qdc is well-formed" 0 xmllint --noout "$TMP/ctl.qdc"
check_eq "a control character: written as U+FFFD" "1" "$(grep -cF 'name="look�ing"' "$TMP/ctl.qdc")"

# A colour that is not #rgb or #rrggbb (found by tests/fuzz/fuzz-qdc) is
# dropped, so the codebook converted back to verba's format loads.
printf '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name="A" color="#01+8cc"/><Code guid="b" name="B" color="#0a0"/></Codes></CodeBook>\n' > "$TMP/colour.qdc"
"$VERBA" codebook convert --to native "$TMP/colour.qdc" > "$TMP/colour.codebook"
check_eq "a .qdc colour that is not hex: dropped" "colour=#00aa00" "$(grep '^colour' "$TMP/colour.codebook")"
check_status "a .qdc colour that is not hex: the native codebook checks" 0 "$VERBA" codebook check "$TMP/colour.codebook"

# Rules survive: coding with the .qdc gives the very same coded stream.
"$VERBA" import "$GOLDEN/groups" 2> /dev/null > "$TMP/groups.tsv"
"$VERBA" code -q -c "$CB/public-standards.codebook" "$TMP/groups.tsv" > "$TMP/coded1.tsv"
"$VERBA" code -q -c "$TMP/public-standards.qdc" "$TMP/groups.tsv" > "$TMP/coded2.tsv"
if cmp -s "$TMP/coded1.tsv" "$TMP/coded2.tsv" && [ "$(grep -c @ "$TMP/coded1.tsv")" -gt 0 ]; then ok "code -c X.qdc = code -c X.codebook"
else not_ok "code -c X.qdc = code -c X.codebook" "$(diff "$TMP/coded1.tsv" "$TMP/coded2.tsv" | head -10)"; fi
check_status "codebook check reads .qdc" 0 "$VERBA" codebook check "$TMP/seven-principles.qdc"
check_output "check of a .qdc" "$TMP/seven-principles.qdc: ok: 7 principles, 0 themes, 47 rules" "$TMP/out"

# A .qdc as another program writes it: no verba fields, nesting, #rgb colours.
cat > "$TMP/other.qdc" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="some QDA program">
  <Codes>
    <Code guid="11111111-2222-4333-8444-555555555501" name="Service access" isCodable="false" color="#1F7">
      <Description>Getting to the service.</Description>
      <Code guid="11111111-2222-4333-8444-555555555502" name="Waiting times" isCodable="true"/>
      <Code guid="11111111-2222-4333-8444-555555555503" name="Language &amp; interpreting" isCodable="true" color="#aa3300">
        <Code guid="11111111-2222-4333-8444-555555555504" name="Waiting times" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="11111111-2222-4333-8444-555555555505" name="Staff" isCodable="true"/>
  </Codes>
</CodeBook>
XML
validate "the hand-written .qdc validates" "$QDC_XSD" "$TMP/other.qdc"
"$VERBA" codebook convert --to native "$TMP/other.qdc" > "$TMP/other.codebook" 2> "$TMP/err"
check_output "a .qdc from another program: codes become themes, ids from names" "[codebook]
id=other
title=other

[theme:service-access]
label=Service access
definition=Getting to the service.
colour=#11FF77

[theme:waiting-times]
label=Waiting times
parent=service-access

[theme:language-interpreting]
label=Language & interpreting
parent=service-access
colour=#aa3300

[theme:waiting-times-2]
label=Waiting times
parent=language-interpreting

[theme:staff]
label=Staff" "$TMP/other.codebook"

# A code added under a principle in another program stays at the top.
python3 -c 'import sys; t = open(sys.argv[1]).read(); print(t.replace("</Description>", "</Description><Code guid=\"11111111-2222-4333-8444-555555555599\" name=\"Added later\" isCodable=\"true\"/>", 1), end="")' \
  "$TMP/seven-principles.qdc" > "$TMP/added.qdc"
"$VERBA" codebook show -t tsv "$TMP/added.qdc" | cut -f1-4 | sed -n 2,3p > "$TMP/t"
check_output "a code added under a principle" "selflessness	principle	Selflessness	
added-later	theme	Added later	" "$TMP/t"

printf '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="x" name="a" isCodable="true"></Codes></CodeBook>\n' > "$TMP/broken.qdc"
check_status "a malformed .qdc fails" 1 "$VERBA" codebook show "$TMP/broken.qdc"
check_output "malformed .qdc: file, line and column" \
  "verba codebook: $TMP/broken.qdc:2:50: Opening and ending tag mismatch: Code line 2 and Codes" "$TMP/err"
printf '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>\n' > "$TMP/notqdc.qdc"
check_status "a project is not a codebook" 1 "$VERBA" codebook show "$TMP/notqdc.qdc"
check_output "not a codebook: message" \
  "verba codebook: $TMP/notqdc.qdc:1: not a REFI-QDA codebook (expected <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">)" "$TMP/err"

# ---- every real sample: counts against xmllint's, and a round trip ----
n_samples=0
for s in "$REFI"/samples/*.qdpx; do
  [ -f "$s" ] || continue
  n_samples=$((n_samples + 1))
  b=$(basename "$s" .qdpx)
  qde_of "$s" "$TMP/s-$b"
  q="$TMP/s-$b/project.qde"
  validate "$b: the sample validates (as SOURCES.md says)" "$QDPX_XSD" "$q"
  codes=$(count "//*[local-name()='CodeBook']//*[local-name()='Code']" "$q")
  texts=$(count "/*/*[local-name()='Sources']/*[local-name()='TextSource']" "$q")
  sources=$(count "/*/*[local-name()='Sources']/*" "$q")
  codings=$(count "//*[local-name()='Coding']" "$q")
  check_status "$b: imports" 0 "$VERBA" import -f qdpx "$s"
  cp "$TMP/out" "$TMP/$b.tsv"
  summary=$(tail -n 1 "$TMP/err" | sed 's/, [0-9]* left out.*//')
  check_eq "$b: codes, sources and codings as xmllint counts them" \
    "verba import: $codes codes, $texts text sources, $((sources - texts)) sources not text (not imported), $codings codings read" \
    "$summary"
  check_eq "$b: the stream lists every code" "$codes" "$(grep -c '^#verba-code	' "$TMP/$b.tsv")"
  # The text: every segment is the source's text at its positions, read
  # here independently (plain text, or a blank one's .docx rich text), and
  # a source without text is said to hold none (NVivo's sample: a one-byte
  # plain text and an empty .docx).
  if python3 "$VB_TOP_SRCDIR/tests/refi/check-texts.py" "$s" "$TMP/$b.tsv" > "$TMP/texts" 2>&1; then
    ok "$b: every segment is the source's text at its positions ($(cat "$TMP/texts"))"
  else not_ok "$b: every segment is the source's text at its positions" "$(cat "$TMP/texts")"; fi
  with_text=$(sed -n 's/.* sources, \([0-9]*\) with text.*/\1/p' "$TMP/texts")
  check_eq "$b: sources without text are reported" "$((texts - with_text))" "$(grep -c 'holds no text' "$TMP/err")"
  check_status "$b: exports" 0 "$VERBA" export --to qdpx -o "$TMP/$b-rt.qdpx" "$TMP/$b.tsv"
  qde_of "$TMP/$b-rt.qdpx" "$TMP/r-$b"
  validate "$b: the export validates" "$QDPX_XSD" "$TMP/r-$b/project.qde"
  check_eq "$b: the export has every code" "$codes" \
    "$(count "//*[local-name()='CodeBook']//*[local-name()='Code']" "$TMP/r-$b/project.qde")"
  "$VERBA" import -q "$TMP/$b-rt.qdpx" > "$TMP/$b-rt.tsv" 2> "$TMP/err"
  no_positions "$TMP/$b.tsv" > "$TMP/a" && no_positions "$TMP/$b-rt.tsv" > "$TMP/b"
  if cmp -s "$TMP/a" "$TMP/b"; then ok "$b: import -> export -> import keeps codes, segments and codings"
  else not_ok "$b: import -> export -> import keeps codes, segments and codings" "$(diff "$TMP/a" "$TMP/b" | head -20)"; fi
done
if [ $n_samples -eq 0 ]; then ok "samples # SKIP no $REFI/samples"; fi

# ---- a project with sources, cases and codings, written here ----
python3 "$VB_TOP_SRCDIR/tests/refi/make-qdpx.py" "$TMP/fixture.qdpx" "$TMP/fixture.expected" "$TMP/real.qdpx" "$TMP/outside"
qde_of "$TMP/fixture.qdpx" "$TMP/fx"
validate "the test project validates" "$QDPX_XSD" "$TMP/fx/project.qde"
codes=$(count "//*[local-name()='CodeBook']//*[local-name()='Code']" "$TMP/fx/project.qde")
texts=$(count "//*[local-name()='TextSource']" "$TMP/fx/project.qde")
sources=$(count "/*/*[local-name()='Sources']/*" "$TMP/fx/project.qde")
codings=$(count "//*[local-name()='Coding']" "$TMP/fx/project.qde")
check_eq "xmllint's counts of the test project" "5 3 4 8" "$codes $texts $sources $codings"
check_status "the test project imports" 0 "$VERBA" import -f qdpx "$TMP/fixture.qdpx"
cp "$TMP/out" "$TMP/fx.tsv"
check_output "what could not be placed or read is reported and counted" \
"verba import: warning: $TMP/fixture.qdpx:project.qde:15: coding of 'cost-value' at 161-174 in source 'interview-01' covers no segment text (blank lines, labels or markers); left out
verba import: warning: $TMP/fixture.qdpx:project.qde:23: PDFSource 'scan.pdf' is not a text source; not imported
verba import: $codes codes, $texts text sources, $((sources - texts)) sources not text (not imported), $codings codings read, 1 left out, 8 segment codings written" "$TMP/err"
# Each coding's words, cut from the segment text at its code-point offsets
# (Python string indices), must be the words the generator coded.
python3 - "$TMP/fx.tsv" > "$TMP/fx.got" <<'PY'
import sys
labels, rows = {}, []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.startswith("#verba-code\t"):
            p = line.split("\t"); labels[p[1]] = p[3]; continue
        if line.startswith("#") or line.startswith("document\t"):
            if line.startswith("document\t"):
                head = line.split("\t")
            continue
        p = dict(zip(head, line.split("\t")))
        for c in filter(None, p["codings"].split(";")):
            code, rest = c.split("@", 1)
            span = rest.split("/", 1)[0]
            s, e = (int(x) for x in span.split("-"))
            rows.append((p["document"], labels[code], p["text"][s:e]))
for r in sorted(rows):
    print("\t".join(r))
PY
if cmp -s "$TMP/fixture.expected" "$TMP/fx.got"; then ok "codings land on the coded words (positions in code points)"
else not_ok "codings land on the coded words (positions in code points)" "$(diff "$TMP/fixture.expected" "$TMP/fx.got")"; fi
grep -v '^#' "$TMP/fx.tsv" | cut -f1-5,8-12 > "$TMP/t"
check_output "segments, speakers, phases, cases and variables" \
"document	segment	speaker	role	phase	case	age_band	region	wave	codes
interview-01	1	Interviewer	interviewer	spontaneous	P01	35-54	North	1	
interview-01	2	Ana	participant	spontaneous	P01	35-54	North	1	distrust-of-providers
interview-01	3	Ana	participant	spontaneous	P01	35-54	North	1	distrust-of-providers;hiding-problems
interview-01	4	Interviewer	interviewer	prompted	P01	35-54	North	1	
interview-01	5	Ana	participant	prompted	P01	35-54	North	1	cost-value
notes-02	1		participant	spontaneous	P02	18-34			place
notes-02	2		participant	spontaneous	P02	18-34			trust
notes-02	3		participant	spontaneous	P02	18-34			cost-value
town-hall	1		participant	spontaneous					place" "$TMP/t"
"$VERBA" import -q --attr study=pilot --attr wave=0 "$TMP/fixture.qdpx" 2> /dev/null | grep -v '^#' | cut -f1,2,8-12 | sed -n '1,2p;7p' > "$TMP/t"
check_output "--attr: for every document, below the project's own values" "document	segment	study	wave	case	age_band	region
interview-01	1	pilot	1	P01	35-54	North
notes-02	1	pilot	0	P02	18-34	" "$TMP/t"
check_grep "provenance names the coder" "hiding-problems@5-21/coder:Tom Wells" "$TMP/fx.tsv"
check_grep "the hierarchy comes along" "#verba-code	hiding-problems	theme	Hiding problems	distrust-of-providers	" "$TMP/fx.tsv"

# The imported stream counts like any other.
"$VERBA" freq --unit mention --rows code -t tsv "$TMP/fx.tsv" > "$TMP/freq" 2>&1
check_grep "freq reads the imported stream" "Cost & value" "$TMP/freq"

# Export, validate, import again: the same codes, segments and codings.
check_status "export --to qdpx" 0 "$VERBA" export --to qdpx -o "$TMP/rt.qdpx" "$TMP/fx.tsv"
check_output "export summary" "verba export: 3 documents, 9 segments, 8 codings" "$TMP/err"
qde_of "$TMP/rt.qdpx" "$TMP/rt"
validate "the exported project validates" "$QDPX_XSD" "$TMP/rt/project.qde"
check_eq "the export holds one coding per segment coding" "8" \
  "$(count "//*[local-name()='PlainTextSelection']/*[local-name()='Coding']" "$TMP/rt/project.qde")"
"$VERBA" import "$TMP/rt.qdpx" > "$TMP/rt.tsv" 2> "$TMP/err"
check_output "re-import summary" "verba import: 5 codes, 3 text sources, 0 sources not text (not imported), 8 codings read, 0 left out, 8 segment codings written" "$TMP/err"
no_positions "$TMP/fx.tsv" > "$TMP/a" && no_positions "$TMP/rt.tsv" > "$TMP/b"
if cmp -s "$TMP/a" "$TMP/b"; then ok "import -> export -> import keeps segments, attributes and codings"
else not_ok "import -> export -> import keeps segments, attributes and codings" "$(diff "$TMP/a" "$TMP/b")"; fi
# A segment list that no longer fits the text (edited elsewhere) is not
# trusted: the text is split into lines again, and the codings still land.
python3 - "$TMP/rt.qdpx" "$TMP/stale.qdpx" <<'PY'
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename == "project.qde":
        data = re.sub(rb"(\[verba-segments\]\nstart[^\n]*\n)[0-9]+\t[0-9]+", rb"\g<1>0\t999999", data)
    dst.writestr(info.filename, data)
dst.close()
PY
qde_of "$TMP/stale.qdpx" "$TMP/stale"
check_grep "the segment list was made stale" "0	999999	participant" "$TMP/stale/project.qde"
"$VERBA" import "$TMP/stale.qdpx" > "$TMP/stale.tsv" 2> "$TMP/err"
check_output "stale segment list: lines instead, nothing lost" "verba import: 5 codes, 3 text sources, 0 sources not text (not imported), 8 codings read, 0 left out, 8 segment codings written" "$TMP/err"
# An export of an earlier verba (five columns, no header row) is still
# read as its segment list.
python3 - "$TMP/rt.qdpx" "$TMP/old.qdpx" <<'PY'
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
def old(m):
    rows = m.group(2).split(b"\n")
    return m.group(1) + b"\n".join(b"\t".join(r.split(b"\t")[:5]) for r in rows)
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename == "project.qde":
        data = re.sub(rb"(\[verba-segments\]\n)start[^\n]*\n([^<]*)", old, data)
    dst.writestr(info.filename, data)
dst.close()
PY
qde_of "$TMP/old.qdpx" "$TMP/oldq"
check_eq "an earlier export: five columns, no header row" "1 0" \
  "$(grep -cx '13	48	interviewer	spontaneous	Interviewer' "$TMP/oldq/project.qde") $(grep -c 'start	end	role' "$TMP/oldq/project.qde")"
"$VERBA" import "$TMP/old.qdpx" > "$TMP/old.tsv" 2> "$TMP/err"
check_output "an earlier export: its segment list read, nothing lost" "verba import: 5 codes, 3 text sources, 0 sources not text (not imported), 8 codings read, 0 left out, 8 segment codings written" "$TMP/err"
check_eq "an earlier export: the same segments and codings" "$(cut -f1-5,8- "$TMP/rt.tsv" | grep -v '^#' | cut -f1-5 | md5sum)" "$(cut -f1-5,8- "$TMP/old.tsv" | grep -v '^#' | cut -f1-5 | md5sum)"
mkdir "$TMP/again"
"$VERBA" export -q --to qdpx -o "$TMP/again/rt.qdpx" "$TMP/fx.tsv"
if cmp -s "$TMP/rt.qdpx" "$TMP/again/rt.qdpx"; then ok "export is byte for byte reproducible"
else not_ok "export is byte for byte reproducible"; fi

# A coded stream from verba's own rules, with the codebook: rules and
# criteria travel, and the codings come back with their provenance.
"$VERBA" code -q -c "$GOLDEN/mini.codebook" "$TMP/groups.tsv" > "$TMP/mini-coded.tsv"
check_status "export with -c" 0 "$VERBA" export -q --to qdpx -c "$GOLDEN/mini.codebook" -o "$TMP/mini.qdpx" "$TMP/mini-coded.tsv"
qde_of "$TMP/mini.qdpx" "$TMP/mq"
validate "the rule-coded export validates" "$QDPX_XSD" "$TMP/mq/project.qde"
check_eq "every coding is exported" "$(tr '\t' '\n' < "$TMP/mini-coded.tsv" | grep -o '@[0-9]*-[0-9]*/' | wc -l | tr -d ' ')" \
  "$(count "//*[local-name()='Coding']" "$TMP/mq/project.qde")"
"$VERBA" import -q "$TMP/mini.qdpx" > "$TMP/mini-rt.tsv" 2> /dev/null
check_eq "re-imported rule codings keep their provenance and count" \
  "$(grep -o '@[0-9]*-[0-9]*/rule:[a-z.]*' "$TMP/mini-coded.tsv" | sed 's/@[0-9]*-[0-9]*//' | sort | uniq -c)" \
  "$(grep -o '@[0-9]*-[0-9]*/rule:[a-z.]*' "$TMP/mini-rt.tsv" | sed 's/@[0-9]*-[0-9]*//' | sort | uniq -c)"
check_grep "the rules travel in the project" "rule=respect* polite*" "$TMP/mq/project.qde"

# The bundled study, coded by rules, through a project and back: every
# segment with its speaker, role, phase, text and codings, exactly.
"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" 2> /dev/null \
  | "$VERBA" code -q -c public-standards > "$TMP/study.tsv"
check_status "the study exports" 0 "$VERBA" export --to qdpx -c public-standards -o "$TMP/study.qdpx" "$TMP/study.tsv"
qde_of "$TMP/study.qdpx" "$TMP/st"
validate "the study's project validates" "$QDPX_XSD" "$TMP/st/project.qde"
check_status "the study's project imports" 0 "$VERBA" import -o "$TMP/study-rt.tsv" "$TMP/study.qdpx"
check_eq "nothing is left out" "0 left out" "$(tail -n 1 "$TMP/err" | grep -o '[0-9]* left out')"
cat > "$TMP/fields.py" <<'PY'
import sys
head = None
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0].startswith("#"):
        continue
    if head is None:
        head = f
        continue
    d = dict(zip(head, f))
    print("\t".join(d[k] for k in ("document", "segment", "speaker", "role", "phase", "codings", "text")))
PY
python3 "$TMP/fields.py" "$TMP/study.tsv" > "$TMP/a"
python3 "$TMP/fields.py" "$TMP/study-rt.tsv" > "$TMP/b"
if cmp -s "$TMP/a" "$TMP/b" && [ "$(grep -c 'rule:' "$TMP/a")" -gt 100 ]; then ok "study -> qdpx -> study: same segments, roles, phases and codings"
else not_ok "study -> qdpx -> study: same segments, roles, phases and codings" "$(diff "$TMP/a" "$TMP/b" | head -10)"; fi

# Byte for byte: the same stream back, every column (numbers, stream
# positions, section, kind and attribution that vary within a document,
# empty columns, coding sources).
check_status "the study without -c exports" 0 "$VERBA" export --to qdpx -o "$TMP/study2.qdpx" "$TMP/study.tsv"
for p in study study2; do
  "$VERBA" import -q -o "$TMP/$p-back.tsv" "$TMP/$p.qdpx"
  if cmp -s "$TMP/study.tsv" "$TMP/$p-back.tsv"; then ok "$p.qdpx: import of the export is the stream, byte for byte"
  else not_ok "$p.qdpx: import of the export is the stream, byte for byte" "$(diff "$TMP/study.tsv" "$TMP/$p-back.tsv" | head -6)"; fi
done
check_grep "a varying attribute travels in the segment block" "source_start	source_end	section	kind	attribution" "$TMP/st/project.qde"
# Sources the user's name cannot carry (a model's score, none, "codes")
# travel in the selection's Description; other tools see a plain user.
awk -F '\t' 'BEGIN { OFS = "\t" } /^#/ || /^document\t/ { print; next }
  $24 != "" { n++; if (index(";" $23 ";", ";selflessness;") == 0) $23 = $23 ";selflessness"
    $24 = $24 ";selflessness@0-1/" (n % 3 == 0 ? "codes" : n % 3 == 1 ? "model:m1:0.875" : "coder:rule:x") } { print }' \
  "$TMP/study.tsv" > "$TMP/sources.tsv"
check_grep "sources the user's name cannot carry are in the stream" "/model:m1:0.875" "$TMP/sources.tsv"
"$VERBA" export -q --to qdpx -o "$TMP/sources.qdpx" "$TMP/sources.tsv"
"$VERBA" import -q -o "$TMP/sources-back.tsv" "$TMP/sources.qdpx"
if cmp -s "$TMP/sources.tsv" "$TMP/sources-back.tsv"; then ok "coding sources and scores come back exactly"
else not_ok "coding sources and scores come back exactly" "$(diff "$TMP/sources.tsv" "$TMP/sources-back.tsv" | head -6)"; fi
qde_of "$TMP/sources.qdpx" "$TMP/so"
validate "the export with such sources validates" "$QDPX_XSD" "$TMP/so/project.qde"

# ---- a project as other tools lay it out (tests/refi/make-qdpx.py, write_real) ----
check_status "a project whose .qde has another name imports" 0 "$VERBA" import "$TMP/real.qdpx"
check_output "file:// is reported, not read; a blank plain text is read from its .docx" \
"verba import: warning: $TMP/real.qdpx:Study 26.qde:6: text source 'rich': plain text blank; read from its rich text 'internal://50c00000-0000-4000-8000-0000000000b2.docx' (positions count in that text, one line a paragraph)
verba import: warning: $TMP/real.qdpx:Study 26.qde:7: text source 'outside': 'file://$TMP/outside/outside.txt' is a file outside the archive, not read (--allow-outside DIR reads files under DIR); not imported
verba import: warning: $TMP/real.qdpx:Study 26.qde:8: text source 'escape': 'file://$TMP/outside/../secret.txt' is a file outside the archive, not read (--allow-outside DIR reads files under DIR); not imported
verba import: 1 codes, 2 text sources, 2 sources not text (not imported), 4 codings read, 1 left out, 3 segment codings written" "$TMP/err"
# Hand-counted offsets (make-qdpx.py): the BOM is not text, CR and LF are
# one code point each: "cheap" 12-17 and "Trains" 25-31 of the CRLF file,
# "rent" 38-42 of the text derived from the .docx.
grep -v '^#' "$TMP/out" | cut -f1-3,6-7,9,10 > "$TMP/t"
check_output "BOM, CRLF and derived text: segments and codings at hand-counted offsets" \
"document	segment	speaker	start	end	codings	text
bom-crlf	1	Ana	5	18	cost@7-12/coder:unknown	Tea is cheap.
bom-crlf	2	Ben	25	41	cost@0-6/coder:unknown	Trains are late.
rich	1	Moderator	11	29		Why did you leave?
rich	2	Cy	34	51	cost@4-8/coder:unknown	The rent doubled." "$TMP/t"
check_status "--allow-outside DIR reads file:// text under DIR" 0 "$VERBA" import --allow-outside "$TMP/outside" "$TMP/real.qdpx"
check_grep "the outside source is read, its coding placed" "outside	1	Dee	participant	spontaneous	5	25	cost	cost@4-7/coder:unknown	The bus never comes." "$TMP/out"
check_grep "a '..' way out of DIR is refused" "text source 'escape': 'file://$TMP/outside/../secret.txt' is not a file under '$TMP/outside' (--allow-outside); not imported" "$TMP/err"
if grep -q TOP-SECRET "$TMP/out"; then not_ok "the file beyond DIR is not read"; else ok "the file beyond DIR is not read"; fi
ln -s "$TMP/secret.txt" "$TMP/outside/link.txt"
python3 - "$TMP/real.qdpx" "$TMP/link.qdpx" "$TMP/outside" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename.endswith(".qde"):
        data = data.replace(b"/../secret.txt", b"/link.txt")
    dst.writestr(info.filename, data)
dst.close()
PY
"$VERBA" import --allow-outside "$TMP/outside" "$TMP/link.qdpx" > "$TMP/out" 2> "$TMP/err"
check_grep "a symbolic link out of DIR is refused" "text source 'escape': 'file://$TMP/outside/link.txt' is not a file under" "$TMP/err"
check_status "--allow-outside must be a directory" 2 "$VERBA" import --allow-outside "$TMP/nowhere" "$TMP/real.qdpx"
check_status "--allow-outside is for qdpx" 2 "$VERBA" import --allow-outside "$TMP/outside" "$GOLDEN/groups"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("a.qde", "<x/>"); z.writestr("b.qde", "<x/>")' "$TMP/two.qdpx"
check_status "two .qde files and no project.qde" 1 "$VERBA" import -f qdpx "$TMP/two.qdpx"
check_output "two .qde: message" "verba import: $TMP/two.qdpx: no project.qde and 2 other .qde files in the archive: which is the project?" "$TMP/err"

# An uncoded stream exports too: sources and no codebook.
"$VERBA" import "$VB_TOP_SRCDIR/tests/data/import/turns-lf.txt" 2> /dev/null > "$TMP/plain.tsv"
check_status "an uncoded stream exports" 0 "$VERBA" export --to qdpx -o "$TMP/plain.qdpx" "$TMP/plain.tsv"
qde_of "$TMP/plain.qdpx" "$TMP/pl"
validate "the uncoded export validates" "$QDPX_XSD" "$TMP/pl/project.qde"
"$VERBA" import -q "$TMP/plain.qdpx" > "$TMP/plain-rt.tsv"
check_eq "the uncoded export comes back with its segments" "$(grep -vc '^#' "$TMP/plain.tsv")" "$(grep -vc '^#' "$TMP/plain-rt.tsv")"

# ---- usage and bad input ----
check_status "-f qdpx reads one project" 2 "$VERBA" import -f qdpx "$TMP/rt.qdpx" "$TMP/fixture.qdpx"
check_output "one project: message" "verba import: -f qdpx reads one project (.qdpx) at a time" "$TMP/err"
check_status "export needs -o" 2 "$VERBA" export --to qdpx "$TMP/fx.tsv"
check_output "export needs -o: message" "verba export: -o FILE is required: a .qdpx is a zip archive, not text for a pipe" "$TMP/err"
check_status "export needs --to" 2 "$VERBA" export -o "$TMP/x.qdpx" "$TMP/fx.tsv"
check_status "a code the codebook lacks" 1 "$VERBA" export --to qdpx -c "$CB/seven-principles.codebook" -o "$TMP/x.qdpx" "$TMP/fx.tsv"
check_output "a code the codebook lacks: message" \
  "verba export: $TMP/fx.tsv: segment interview-01:2 is coded 'distrust-of-providers', which the codebook does not have" "$TMP/err"
if [ -e "$TMP/x.qdpx" ]; then not_ok "a failed export leaves no file"; else ok "a failed export leaves no file"; fi
check_status "not a zip" 1 "$VERBA" import -f qdpx "$GOLDEN/mini.codebook"
check_output "not a zip: message" "verba import: $GOLDEN/mini.codebook: not a readable zip archive: Not a zip archive" "$TMP/err"

# ---- hostile archives and XML (built here with python3's zipfile) ----
python3 - "$TMP" <<'PY'
import sys, zipfile
t = sys.argv[1]
qde = '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
with zipfile.ZipFile(f"{t}/traversal.qdpx", "w") as z:
    z.writestr("project.qde", qde)
    z.writestr("../evil", "x")
with zipfile.ZipFile(f"{t}/absolute.qdpx", "w") as z:
    z.writestr("project.qde", qde)
    z.writestr("/tmp/evil", "x")
with zipfile.ZipFile(f"{t}/backslash.qdpx", "w") as z:
    z.writestr("project.qde", qde)
    z.writestr("sources\\..\\evil", "x")
with zipfile.ZipFile(f"{t}/many.qdpx", "w") as z:
    z.writestr("project.qde", qde)
    for i in range(10001):
        z.writestr(f"sources/{i}.txt", "")
with zipfile.ZipFile(f"{t}/bomb.qdpx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("project.qde", " " * (64 * 1024 * 1024 + 1))
with open(f"{t}/secret.txt", "w") as f:
    f.write("TOP-SECRET-42\n")
xxe = ('<?xml version="1.0"?>\n<!DOCTYPE Project [\n<!ENTITY x SYSTEM "file://%s/secret.txt">\n]>\n'
       '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Description>&x;</Description></Project>\n' % t)
with zipfile.ZipFile(f"{t}/xxe.qdpx", "w") as z:
    z.writestr("project.qde", xxe)
lol = '<?xml version="1.0"?>\n<!DOCTYPE Project [\n<!ENTITY l0 "lol">\n'
for i in range(1, 11):
    lol += '<!ENTITY l%d "%s">\n' % (i, ("&l%d;" % (i - 1)) * 10)
lol += ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Description>&l10;</Description></Project>\n'
with zipfile.ZipFile(f"{t}/lol.qdpx", "w") as z:
    z.writestr("project.qde", lol)
with zipfile.ZipFile(f"{t}/xxe.docx", "w") as z:
    z.writestr("word/document.xml", xxe.replace("Project", "w:document").replace(
        'xmlns="urn:QDA-XML:project:1.0"', 'xmlns:w="urn:x"'))
PY
check_status "an entry named ../evil is refused" 1 "$VERBA" import -f qdpx "$TMP/traversal.qdpx"
check_output "../evil: message" "verba import: $TMP/traversal.qdpx: entry '../evil' has an unsafe name (absolute, '..' or backslash)" "$TMP/err"
check_status "an absolute entry name is refused" 1 "$VERBA" import -f qdpx "$TMP/absolute.qdpx"
check_output "absolute: message" "verba import: $TMP/absolute.qdpx: entry '/tmp/evil' has an unsafe name (absolute, '..' or backslash)" "$TMP/err"
check_status "a backslash in an entry name is refused" 1 "$VERBA" import -f qdpx "$TMP/backslash.qdpx"
check_status "too many entries are refused" 1 "$VERBA" import -f qdpx "$TMP/many.qdpx"
check_output "too many entries: message" "verba import: $TMP/many.qdpx: 10002 entries, more than the 10000 allowed" "$TMP/err"
check_status "an oversized, highly compressed entry is refused" 1 "$VERBA" import -f qdpx "$TMP/bomb.qdpx"
check_grep "bomb: message names archive and entry" "verba import: $TMP/bomb.qdpx: entry 'project.qde' inflates to more than" "$TMP/err"
check_status "an external entity is refused" 1 "$VERBA" import -f qdpx "$TMP/xxe.qdpx"
check_output "XXE: message" "verba import: $TMP/xxe.qdpx:project.qde:2:1: document type declarations (DTDs, entities) are not accepted" "$TMP/err"
if grep -q TOP-SECRET "$TMP/out" "$TMP/err"; then not_ok "XXE: the local file is not read"; else ok "XXE: the local file is not read"; fi
check_status "an entity bomb is refused" 1 "$VERBA" import -f qdpx "$TMP/lol.qdpx"
check_grep "entity bomb: message" "verba import: $TMP/lol.qdpx:project.qde:" "$TMP/err"
check_status "an external entity in a .docx is refused" 1 "$VERBA" import "$TMP/xxe.docx"
check_output "docx XXE: message" "verba import: $TMP/xxe.docx:word/document.xml:2:1: document type declarations (DTDs, entities) are not accepted" "$TMP/err"

tap_done
