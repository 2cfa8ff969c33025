#!/bin/sh
# import -f docx / -f odt: paragraphs as transcript lines, speaker turns,
# document properties as attributes.  The files are built here with
# python3's zipfile from XML written for this test.  Offsets count code
# points of the extracted text, one line a paragraph: in clinic.docx the
# lines are "Interviewer: How do you find the clinic?" (0-40), "Marion:
# Mostly fine,<TAB>the staff are kind." (41-81), "" (the deleted
# paragraph, 82), "Interviewer: And the waiting?" (83-112), "[prompted]"
# (113-123), then "Marion: They publish" / "their waiting times now." (124-169).
. "$VB_TOP_SRCDIR/tests/tap.sh"

python3 - "$TMP" <<'PY'
import sys, zipfile
t = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
def p(*runs):
    return "<w:p>" + "".join(runs) + "</w:p>"
def r(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
doc = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{p(r("Interviewer: How do you find the clinic?"))}
{p(r("Marion: Mos"), r("tly fine,"), '<w:r><w:tab/></w:r>', r("the staff are kind."))}
{p('<w:del><w:r><w:delText>Struck out words.</w:delText></w:r></w:del>')}
<w:tbl><w:tr><w:tc>{p(r("Interviewer: And the waiting?"))}</w:tc></w:tr></w:tbl>
{p(r("[prompted]"))}
{p(r("Marion: They publish"), '<w:r><w:br/></w:r>', r("their waiting times now."),
   '<w:r><w:drawing><a:graphic><a:p><a:r><a:t>Shape text</a:t></a:r></a:p></a:graphic></w:drawing></w:r>')}
</w:body></w:document>'''
core = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Clinic interview</dc:title><dc:creator>R. Field</dc:creator><cp:keywords></cp:keywords>
<dcterms:created xsi:type="dcterms:W3CDTF">2014-03-02T10:00:00Z</dcterms:created>
</cp:coreProperties>'''
with zipfile.ZipFile(f"{t}/clinic.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", doc)
    z.writestr("docProps/core.xml", core)

T = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
     'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/"')
content = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {T}><office:body><office:text>
<text:h text:outline-level="1">Group 2, Leeds</text:h>
<text:p>Moderator: What should a provider<text:s text:c="3"/>tell you?</text:p>
<text:list><text:list-item><text:p>Pat: The <text:span>truth</text:span>, even when<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> it is bad.</text:p></text:list-item></text:list>
<text:p>Sam:<text:tab/>Who is in charge<text:line-break/>when it goes wrong.</text:p>
</office:text></office:body></office:document-content>'''
meta = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {T}><office:meta>
<dc:title>Leeds group</dc:title><meta:initial-creator>J. Moss</meta:initial-creator>
<meta:document-statistic meta:paragraph-count="4"/>
<meta:user-defined meta:name="Age band">18-35</meta:user-defined>
</office:meta></office:document-meta>'''
with zipfile.ZipFile(f"{t}/leeds.odt", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", content)
    z.writestr("meta.xml", meta)
with zipfile.ZipFile(f"{t}/empty.docx", "w") as z:
    z.writestr("docProps/core.xml", core)
PY

check_status "a .docx imports" 0 "$VERBA" import "$TMP/clinic.docx"
check_output "docx: paragraphs, turns, table cells, tabs, breaks; core properties" \
"document	segment	speaker	role	phase	start	end	title	creator	created	text
clinic	1	Interviewer	interviewer	spontaneous	13	40	Clinic interview	R. Field	2014-03-02T10:00:00Z	How do you find the clinic?
clinic	2	Marion	participant	spontaneous	49	81	Clinic interview	R. Field	2014-03-02T10:00:00Z	Mostly fine,\\tthe staff are kind.
clinic	3	Interviewer	interviewer	spontaneous	96	112	Clinic interview	R. Field	2014-03-02T10:00:00Z	And the waiting?
clinic	4	Marion	participant	prompted	132	169	Clinic interview	R. Field	2014-03-02T10:00:00Z	They publish their waiting times now." "$TMP/out"
check_status "-f docx names the format" 0 "$VERBA" import -f docx "$TMP/clinic.docx"

check_status "an .odt imports" 0 "$VERBA" import "$TMP/leeds.odt"
check_output "odt: headings, spaces, spans, lists, notes left out; meta properties" \
"document	segment	speaker	role	phase	start	end	title	initial-creator	age_band	section	text
leeds	1	Moderator	moderator	spontaneous	28	62	Leeds group	J. Moss	18-35	Group 2, Leeds	What should a provider   tell you?
leeds	2	Pat	participant	spontaneous	68	99	Leeds group	J. Moss	18-35	Group 2, Leeds	The truth, even when it is bad.
leeds	3	Sam	participant	spontaneous	105	141	Leeds group	J. Moss	18-35	Group 2, Leeds	Who is in charge when it goes wrong." "$TMP/out"

# A directory picks .docx and .odt up like .txt.
mkdir "$TMP/dir" && cp "$TMP/clinic.docx" "$TMP/leeds.odt" "$TMP/dir/"
printf 'lock' > "$TMP/dir/~\$clinic.docx"  # Word's lock file: not a document
"$VERBA" import "$TMP/dir" 2> /dev/null | cut -f1 | sort | uniq -c | tr -s ' ' > "$TMP/t"
check_output "a directory holds office documents too (not Word's lock files)" " 4 clinic
 1 document
 3 leeds" "$TMP/t"

check_status "a .docx without word/document.xml" 1 "$VERBA" import "$TMP/empty.docx"
check_output "docx without body: message" "verba import: $TMP/empty.docx: no word/document.xml in the archive (is it a .docx file?)" "$TMP/err"
check_status "a text file named .docx" 1 "$VERBA" import -f docx "$VB_TOP_SRCDIR/tests/data/import/turns-lf.txt"
check_output "not a zip: message" "verba import: $VB_TOP_SRCDIR/tests/data/import/turns-lf.txt: not a readable zip archive: Not a zip archive" "$TMP/err"

tap_done
