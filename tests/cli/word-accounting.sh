#!/bin/sh
# No verbatim lost or doubled by any importer (issue 14).  First the word
# accounting of tests/word-accounting.py over random and hand-made
# transcripts, notes, CSV, WebVTT, SubRip, .docx, .odt and .qdpx (fixed
# seeds): every word in exactly one segment or in a documented drop.  Then
# one regression test a fault it found, with exact outputs.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/wa"
if python3 "$VB_TOP_SRCDIR/tests/word-accounting.py" "$VERBA" "$TMP/wa" > "$TMP/wa.out" 2>&1; then :
else not_ok "word-accounting.py runs" "$(head -c 800 "$TMP/wa.out")"; fi
checks=0
while IFS='	' read -r verdict name detail; do
  checks=$((checks + 1))
  if [ "$verdict" = PASS ]; then ok "$name"; else not_ok "$name" "$detail"; fi
done < "$TMP/wa.out"
check_eq "word accounting: every importer checked" 10 "$checks"

# texts STREAM: speaker and text of each segment.
texts () {
  awk -F '\t' '/^#/ { next } NR > 1 || !/^document/ { print $3 " | " $NF }' "$1"
}

# ---- transcripts: a first paragraph of labelled turns is not a header ----
printf 'Respondent 3: I think the council is fine\nRespondent 5: It listens\n\nRespondent 7: Because they listen.\n' > "$TMP/r3.txt"
printf 'Speaker 1: Yes.\nSpeaker 2: No.\n\nSpeaker 3: Maybe.\n' > "$TMP/s1.txt"
printf 'Participant 2: Buses.\n\nParticipant 4: Trains.\n' > "$TMP/p2.txt"
printf 'P1: I agree.\nP2: Me too.\n\nP3: Not me.\n' > "$TMP/p1.txt"
for f in r3 s1 p2 p1; do
  "$VERBA" import -f transcript "$TMP/$f.txt" > "$TMP/$f.out" 2> "$TMP/$f.err"
  texts "$TMP/$f.out" > "$TMP/$f.texts"
done
check_output "Respondent 3: first paragraph is turns" \
"Respondent 3 | I think the council is fine
Respondent 5 | It listens
Respondent 7 | Because they listen." "$TMP/r3.texts"
check_output "Speaker 1: first paragraph is turns" \
"Speaker 1 | Yes.
Speaker 2 | No.
Speaker 3 | Maybe." "$TMP/s1.texts"
check_output "Participant 2: first paragraph is turns" \
"Participant 2 | Buses.
Participant 4 | Trains." "$TMP/p2.texts"
check_output "P1:/P2: first paragraph is turns" \
"P1 | I agree.
P2 | Me too.
P3 | Not me." "$TMP/p1.texts"
check_eq "labelled first paragraph: no warning" "" "$(cat "$TMP/r3.err" "$TMP/s1.err" "$TMP/p2.err" "$TMP/p1.err")"

printf 'Location: Leeds\nSummary: We talked about the council and they were all happy.\n\nP1: Hello there.\n' > "$TMP/speech.txt"
check_status "speech-like header value: imported" 0 "$VERBA" import "$TMP/speech.txt"
check_output "speech-like header value: warned with file and line" \
"verba import: warning: $TMP/speech.txt:2: 'Summary: ...' reads as speech, yet its words are kept as a header attribute, not as a segment (fence a header with '---' lines to say it is one)" "$TMP/err"
check_grep "speech-like header value: kept as the attribute" "	Leeds	We talked about the council and they were all happy.	Hello there." "$TMP/out"

# ---- office documents ----
python3 - "$TMP" <<'PY'
import sys, zipfile
t = sys.argv[1]
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
     'xmlns:v="urn:schemas-microsoft-com:vml" '
     'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"')
def r(s):
    return f'<w:r><w:t xml:space="preserve">{s}</w:t></w:r>'
box = f'<w:p>{r("Read me once.")}</w:p>'
doc = f'''<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>
<w:p>{r("P1: A text box follows.")}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p>{r("P2: Before the move. ")}<w:moveFrom w:id="1">{r("Moved words.")}</w:moveFrom></w:p>
<w:p>{r("P3: ")}<w:moveTo w:id="2">{r("Moved words.")}</w:moveTo></w:p>
<w:p>{r("P4: A well")}<w:r><w:noBreakHyphen/></w:r>{r("known fact")}<w:r><w:footnoteReference w:id="1"/></w:r>{r(", and ")}<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>{r(" more.")}</w:p>
<w:p>{r("P5: Another note")}<w:r><w:endnoteReference w:id="1"/></w:r></w:p>
<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p>{r("Contents entry one")}</w:p></w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{r("Contents entry two")}</w:p>
</w:body></w:document>'''
with zipfile.ZipFile(f"{t}/box.docx", "w") as z:
    z.writestr("word/document.xml", doc)
O = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/"')
content = f'''<?xml version="1.0" encoding="UTF-8"?><office:document-content {O}><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>x</dc:creator></office:change-info><text:p>P9: Deleted words.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:table-of-content text:name="Contents"><text:index-body><text:index-title><text:p>Contents</text:p></text:index-title><text:p>Opening	1</text:p></text:index-body></text:table-of-content>
<text:h text:outline-level="1">Opening</text:h>
<text:p>P1: Kept<text:change text:change-id="c1"/> words.</text:p>
<text:alphabetical-index text:name="Index"><text:index-body><text:p>words, 1</text:p></text:index-body></text:alphabetical-index>
</office:text></office:body></office:document-content>'''
with zipfile.ZipFile(f"{t}/tracked.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", content)
PY
check_status "docx: imports" 0 "$VERBA" import "$TMP/box.docx"
texts "$TMP/out" > "$TMP/box.texts"
check_output "docx: a text box once, a move once, a no-break hyphen, math text, no contents" \
"P1 | A text box follows. Read me once.
P2 | Before the move.
P3 | Moved words.
P4 | A well-known fact, and x+1 more.
P5 | Another note" "$TMP/box.texts"
check_output "docx: footnotes and endnotes reported, with the line of the first" \
"verba import: warning: $TMP/box.docx:5: 2 footnotes or endnotes not read (notes are not speech)" "$TMP/err"
check_status "odt: imports" 0 "$VERBA" import "$TMP/tracked.odt"
check_output "odt: no tracked deletion, no table of contents, no index" \
"document	segment	speaker	role	phase	start	end	section	text
tracked	1	P1	participant	spontaneous	14	25	Opening	Kept words." "$TMP/out"

# ---- attribute names that normalise to one key ----
printf 'id,Region,answer,region\n1,North,I like it,South\n' > "$TMP/rr.csv"
check_status "csv: Region and region: imported" 0 "$VERBA" import -q -f csv --id id --attr-cols Region,region "$TMP/rr.csv"
check_output "csv: Region and region: both values kept" \
"document	segment	speaker	role	phase	start	end	region	region_2	question	text
1	1	1	participant	spontaneous	0	9	North	South	answer	I like it" "$TMP/out"
check_output "csv: Region and region: warned" \
"verba import: warning: $TMP/rr.csv:1: column 4 ('region') has the attribute key 'region' of an earlier column; kept as 'region_2'" "$TMP/err"
mkdir "$TMP/side" && printf 'P1: Hello there.\n' > "$TMP/side/d.txt"
printf 'document,Region,region\nd,North,South\n' > "$TMP/side/attributes.csv"
check_status "sidecar: Region and region: fails" 1 "$VERBA" import "$TMP/side"
check_output "sidecar: Region and region: message" \
"verba import: $TMP/side/attributes.csv:1: columns 2 ('Region') and 3 ('region') are one attribute, 'region'; rename one" "$TMP/err"
printf 'document\tsegment\tregion\tregion\ttext\nd\t1\tNorth\tSouth\thello\n' > "$TMP/rr.tsv"
check_status "stream: an attribute column twice: fails" 1 "$VERBA" code -q -c "$GOLDEN/mini.codebook" "$TMP/rr.tsv"
check_output "stream: an attribute column twice: message" \
"verba code: $TMP/rr.tsv:1: attribute column 'region' appears twice" "$TMP/err"
python3 - "$TMP" <<'PY'
import sys, zipfile
qde = '''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
<Variables>
<Variable guid="7a000000-0000-4000-8000-000000000001" name="Region" typeOfVariable="Text"/>
<Variable guid="7a000000-0000-4000-8000-000000000002" name="region" typeOfVariable="Text"/>
</Variables>
<Sources><TextSource guid="5a000000-0000-4000-8000-000000000001" name="s.txt"><PlainTextContent>P1: Hello.</PlainTextContent><VariableValue><VariableRef targetGUID="7a000000-0000-4000-8000-000000000001"/><TextValue>North</TextValue></VariableValue><VariableValue><VariableRef targetGUID="7a000000-0000-4000-8000-000000000002"/><TextValue>South</TextValue></VariableValue></TextSource></Sources>
</Project>'''
with zipfile.ZipFile(f"{sys.argv[1]}/rr.qdpx", "w") as z:
    z.writestr("project.qde", qde)
PY
check_status "qdpx: variables Region and region: imported" 0 "$VERBA" import -f qdpx "$TMP/rr.qdpx"
check_output "qdpx: variables Region and region: both values kept" \
"#verba-codebook	p	p
document	segment	speaker	role	phase	start	end	region	region_2	codes	codings	text
s	1	P1	participant	spontaneous	4	10	North	South			Hello." "$TMP/out"
check_grep "qdpx: variables Region and region: warned" \
"rr.qdpx:project.qde:5: variable 'region' has the attribute key 'region' of an earlier variable; kept as 'region_2'" "$TMP/err"

# ---- campaigns: a stream's own campaign attribute is not overwritten ----
printf 'id,campaign,answer\n1,Save the park,Keep the park green and open for every family in town\n2,Save the park,Keep the park green and open for every family in town\n' > "$TMP/camp.csv"
"$VERBA" import -q -f csv --id id --attr-cols campaign "$TMP/camp.csv" > "$TMP/camp.tsv"
check_status "campaigns: own campaign column: runs" 0 "$VERBA" campaigns -q "$TMP/camp.tsv"
check_output "campaigns: own campaign column kept as campaign_" \
"document	segment	speaker	role	phase	start	end	campaign_	question	campaign	campaign_size	duplicate_of	text
1	1	1	participant	spontaneous	0	53	Save the park	answer	C001	2		Keep the park green and open for every family in town
2	1	2	participant	spontaneous	0	53	Save the park	answer	C001	2	1:1	Keep the park green and open for every family in town" "$TMP/out"
check_output "campaigns: own campaign column: warned" \
"verba campaigns: warning: $TMP/camp.tsv: the stream's own attribute 'campaign' is kept as 'campaign_' (verba campaigns writes 'campaign')" "$TMP/err"
cp "$TMP/out" "$TMP/camp2.tsv"
check_status "campaigns: a second run" 0 "$VERBA" campaigns -q "$TMP/camp2.tsv"
check_eq "campaigns: a second run changes nothing, warns nothing" "$(cat "$TMP/camp2.tsv")" "$(cat "$TMP/out"; cat "$TMP/err")"

# ---- subtitles ----
printf '1\n00:00:01,000 --> 00:00:02,000\nAnn: Hello there.\n2\n00:00:02,000 --> 00:00:03,000\nBob: Hi Ann.\n\n3\n00:00:03,000 --> 00:00:04,000\nAnn: Bye.\n' > "$TMP/tight.srt"
check_status "srt: a cue without the blank line: imported" 0 "$VERBA" import "$TMP/tight.srt"
texts "$TMP/out" > "$TMP/tight.texts"
check_output "srt: a cue without the blank line: warned" \
"verba import: warning: $TMP/tight.srt:5: a cue timing without the blank line before it: read as a new cue" "$TMP/err"
check_output "srt: a timing line starts a cue, its number is not text" \
"Ann | Hello there.
Bob | Hi Ann.
Ann | Bye." "$TMP/tight.texts"
printf 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Yes, I think so.</v> <v Bob>No, not at all.</v>\n2\n00:02.000 --> 00:03.000\n<v Ann>Really?\n' > "$TMP/voices.vtt"
check_status "vtt: two voices in a line, a cue without the blank line: imported" 0 "$VERBA" import "$TMP/voices.vtt"
texts "$TMP/out" > "$TMP/voices.texts"
check_output "vtt: a second <v> is its own speaker's; a timing line starts a cue" \
"Ann | Yes, I think so.
Bob | No, not at all.
Ann | Really?" "$TMP/voices.texts"

tap_done
