#!/bin/sh
# Malformed codebooks, dictionaries and projects (issue #14): each mistake
# is refused with the file, line (and column) and what is wrong, and a
# message never quotes a file that is not a codebook.
. "$VB_TOP_SRCDIR/tests/tap.sh"

# ---- key-file escapes GLib would read as they stand, or warn about ----
printf '[codebook]\nid = x\ntitle = a\\qb\n' > "$TMP/q.codebook"
check_status "invalid escape: refused" 1 "$VERBA" codebook check "$TMP/q.codebook"
check_output "invalid escape: where and what" \
  "verba codebook: $TMP/q.codebook:3:10: invalid escape '\\q' in the value of 'title' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
printf '[codebook]\nid = x\ntitle = T\n[theme:a]\nlabel = A\nexamples = one; two\\ \n' > "$TMP/end.codebook"
check_status "a backslash ending a value: refused" 1 "$VERBA" codebook check "$TMP/end.codebook"
check_output "a backslash ending a value: where and what" \
  "verba codebook: $TMP/end.codebook:6:20: a '\\' ends the value of 'examples' (write \\\\ for a backslash)" "$TMP/err"
printf '[codebook]\nid = x\ntitle = a\\\\b\\sc\n[theme:a]\nlabel = A\nrule = /\\bx\\d/\n' > "$TMP/ok.codebook"
check_status "valid escapes, and a rule's backslashes as written" 0 "$VERBA" codebook check "$TMP/ok.codebook"
# A bad escape then a trailing '\' made GKeyFile set its error twice
# (GLib's warning, a trap under fatal warnings: fuzz-codebook).  A lone
# carriage return hid such a value from the codebook's own line scan.
printf '[codebook]\nid = x\r# \\q\\\ntitle = t\n' > "$TMP/cr.codebook"
check_status "a lone carriage return: refused, no GLib warning" 1 env G_DEBUG=fatal-warnings "$VERBA" codebook check "$TMP/cr.codebook"
check_output "a lone carriage return: where and what" \
  "verba codebook: $TMP/cr.codebook:2:7: a carriage return without a line feed after it (end lines with a line feed)" "$TMP/err"
printf '[codebook]\r\nid = x\r\ntitle = a\\sb\r\n[theme:a]\r\nlabel = A\r\nrule = a\r\n' > "$TMP/crlf.codebook"
check_status "CRLF line ends: read" 0 "$VERBA" codebook check "$TMP/crlf.codebook"
# A rule key is read as written only in a code's group: in [codebook] it
# is metadata, unescaped (fuzz-codebook, run 12, after the fix above).
printf '[codebook]\nid = x\ntitle = t\nrule = \\q\\\n' > "$TMP/meta-rule.codebook"
check_status "a rule key in [codebook] with a bad escape: refused, no GLib warning" 1 env G_DEBUG=fatal-warnings "$VERBA" codebook check "$TMP/meta-rule.codebook"
check_output "a rule key in [codebook] with a bad escape: where and what" \
  "verba codebook: $TMP/meta-rule.codebook:4:8: invalid escape '\\q' in the value of 'rule' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
printf '[study]\ntitle = x\\q\\\n' > "$TMP/study.ini"
printf 'P1: hello\n' > "$TMP/d.txt"
check_status "study.ini, a bad escape: refused, no GLib warning" 1 env G_DEBUG=fatal-warnings "$VERBA" import --study "$TMP/study.ini" "$TMP/d.txt"
check_output "study.ini, a bad escape: where and what" \
  "verba import: $TMP/study.ini:2:10: invalid escape '\\q' in the value of 'title' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
printf 'id,text\n1,hello\n' > "$TMP/a.csv"
printf '[columns]\nid = id\ndelimiter = ,\ntext = text\\\n' > "$TMP/a.map"
check_status "mapping file, a trailing backslash: refused" 1 env G_DEBUG=fatal-warnings "$VERBA" import --map "$TMP/a.map" "$TMP/a.csv"
check_output "mapping file, a trailing backslash: where and what" \
  "verba import: $TMP/a.map:4:12: a '\\' ends the value of 'text' (write \\\\ for a backslash)" "$TMP/err"
printf '[columns]\nid = id\ntext = text\n[recode:x]\ndelimiter = \\q\\\n' > "$TMP/r.map"
check_status "mapping file, 'delimiter' in a recode group with a bad escape: refused" 1 env G_DEBUG=fatal-warnings "$VERBA" import --map "$TMP/r.map" "$TMP/a.csv"
check_output "mapping file, 'delimiter' in a recode group: where and what" \
  "verba import: $TMP/r.map:5:13: invalid escape '\\q' in the value of 'delimiter' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
printf '[scale]\nbands = a\\q\\\n' > "$TMP/s.scale"
"$VERBA" import -q -o "$TMP/d.tsv" "$TMP/d.txt"
check_status "scale file, a bad escape: refused, no GLib warning" 1 env G_DEBUG=fatal-warnings "$VERBA" freq --scale "$TMP/s.scale" "$TMP/d.tsv"
check_output "scale file, a bad escape: where and what" \
  "verba freq: $TMP/s.scale:2:10: invalid escape '\\q' in the value of 'bands' (escapes are \\s \\n \\t \\r \\\\ \\;)" "$TMP/err"
cat > "$TMP/esc.qdc" <<'QDC'
<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="e0c2585e-4779-5bd5-ab90-b55097f7a3bf" name="A" isCodable="true"><Description>About a.

[verba]
id=a
kind=theme
examples=x\qy\
</Description></Code></Codes></CodeBook>
QDC
check_status "a .qdc [verba] block with a bad escape: read as description, no GLib warning" 0 env G_DEBUG=fatal-warnings "$VERBA" codebook check "$TMP/esc.qdc"

# ---- a regex that fails for another reason than the backtracking limit ----
printf 'P1: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabc\n' > "$TMP/re.txt"
"$VERBA" import -q -o "$TMP/re.tsv" "$TMP/re.txt"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(*NO_JIT)a/\n' > "$TMP/nojit.codebook"
check_status "a regex GRegex cannot run: refused" 1 "$VERBA" code -q -c "$TMP/nojit.codebook" "$TMP/re.tsv"
check_output "a regex GRegex cannot run: GRegex's own message" \
  "verba code: line 2 (document 're', segment 1): rule of [theme:a]: regex /(*NO_JIT)a/ failed: Error while matching regular expression (*LIMIT_MATCH=1000000)(*NO_JIT)a: matching mode is requested that was not compiled for JIT" "$TMP/err"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(a+)+c/\n' > "$TMP/bt.codebook"
check_status "the backtracking limit: refused" 1 "$VERBA" code -q -c "$TMP/bt.codebook" "$TMP/re.tsv"
check_grep "the backtracking limit: named" "gave up after 1000000 backtracking steps (VB_REGEX_MATCH_LIMIT;" "$TMP/err"
printf '[codebook]\nid = r\ntitle = R\n[theme:a]\nlabel = A\nrule = /(*LIMIT_MATCH=x)a/\n' > "$TMP/verb.codebook"
check_status "a regex the limit cannot be put on: refused" 1 "$VERBA" codebook check "$TMP/verb.codebook"
check_grep "a regex the limit cannot be put on: PCRE's message" "(*VERB) not recognized" "$TMP/err"

# ---- dictionaries: a category number past 2^64, a stray parenthesis ----
printf '%%\n1\tA\n18446744073709551617\tB\n%%\nword\t1 18446744073709551616\nother 1 99999999999999999999999\n' > "$TMP/big.dic"
check_status ".dic category number past 2^64: refused" 1 "$VERBA" codebook check "$TMP/big.dic"
check_output ".dic category number past 2^64: line and column" \
"verba codebook: $TMP/big.dic:3:1: category number 18446744073709551617 is larger than 4294967295 (VB_DICT_MAX_CATEGORY; see SECURITY.md)
verba codebook: $TMP/big.dic:5:8: entry 'word': category number 18446744073709551616 is larger than 4294967295 (VB_DICT_MAX_CATEGORY; see SECURITY.md)
verba codebook: $TMP/big.dic:6:9: entry 'other': category number 99999999999999999999999 is larger than 4294967295 (VB_DICT_MAX_CATEGORY; see SECURITY.md)" "$TMP/err"
printf 'FEELINGS\n\tHAPPY* (1)\n\tSAD (1\n\tGLAD 1)\nOTHER (MISC)\n\tX (1)\n' > "$TMP/stray.cat"
check_status "WordStat stray parenthesis: refused" 1 "$VERBA" codebook check "$TMP/stray.cat"
check_output "WordStat stray parenthesis: line and column" \
"verba codebook: $TMP/stray.cat:3:6: 'SAD (1': an unmatched parenthesis (an entry ends with its weight in parentheses, 'WORD (1)')
verba codebook: $TMP/stray.cat:4:8: 'GLAD 1)': an unmatched parenthesis (an entry ends with its weight in parentheses, 'WORD (1)')" "$TMP/err"

# ---- .qdpx: positions that are not whole numbers; two codes, one GUID ----
python3 - "$TMP" <<'EOF'
import sys, zipfile
d = sys.argv[1]
def project(name, start, codes):
    qde = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="P">\n'
           '<CodeBook><Codes>\n' + codes + '</Codes></CodeBook>\n'
           '<Sources>\n'
           '<TextSource guid="50c00000-0000-4000-8000-000000000001" name="notes.txt">'
           '<PlainTextContent>We met at the cafe on the high street.</PlainTextContent>\n'
           '<PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000001" startPosition="%s" endPosition="9">'
           '<Coding guid="c0d17600-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>'
           '</PlainTextSelection></TextSource>\n</Sources></Project>\n') % start
    with zipfile.ZipFile(d + '/' + name, 'w') as z:
        z.writestr('project.qde', qde)
one = '<Code guid="c0de0000-0000-4000-8000-000000000001" name="Trust" isCodable="true"/>\n'
two = one + '<Code guid="C0DE0000-0000-4000-8000-000000000001" name="Place" isCodable="true"/>\n'
for n, v in (('dot', '4.5'), ('abc', 'abc'), ('exp', '1e3'), ('neg', '-1'), ('ok', '3')):
    project(n + '.qdpx', v, one)
project('guid.qdpx', '3', two)
EOF
check_status ".qdpx whole-number position: imports" 0 "$VERBA" import -q "$TMP/ok.qdpx"
for c in "dot 4.5" "abc abc" "exp 1e3" "neg -1"; do
  set -- $c
  check_status ".qdpx startPosition '$2': refused" 1 "$VERBA" import -q -o "$TMP/p.tsv" "$TMP/$1.qdpx"
  check_output ".qdpx startPosition '$2': file and line" \
    "verba import: $TMP/$1.qdpx:project.qde:8: startPosition '$2' is not a whole number of characters" "$TMP/err"
done
test ! -e "$TMP/p.tsv" && ok ".qdpx bad positions: no output file" || not_ok ".qdpx bad positions: no output file"
check_status ".qdpx two codes with one GUID: refused" 1 "$VERBA" import -q "$TMP/guid.qdpx"
check_output ".qdpx two codes with one GUID: both named" \
  "verba import: $TMP/guid.qdpx:project.qde:5: codes 'trust' and 'place' have the same guid 'C0DE0000-0000-4000-8000-000000000001'" "$TMP/err"

# ---- an import pointed at a file that is not a codebook: never quoted ----
printf 'hunter2-secret\n[default]\nsecret-key hunter2-too\n[default]\n' > "$TMP/credentials"
printf '[codebook]\nid = x\ntitle = T\nimport = %s\n' "$TMP/credentials" > "$TMP/leak.codebook"
check_status "import of a credentials file: refused" 1 "$VERBA" codebook check "$TMP/leak.codebook"
check_output "import of a credentials file: its content is not quoted" \
"verba codebook: $TMP/credentials:1: expected 'key = value', a [group] or a # comment (is this a codebook?)
verba codebook: $TMP/credentials:3: expected 'key = value', a [group] or a # comment (is this a codebook?)
verba codebook: $TMP/credentials:4: […] appears twice (first at line 2)" "$TMP/err"

# ---- a .qdc principle with a theme's key (fuzz-qdc, run 10) ----
printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="c0de0000-0000-4000-8000-000000000001" name="Candour" isCodable="true"><Description>[verba]\nid=candour\nkind=principle\ninclude=Telling people plainly.</Description></Code>\n</Codes></CodeBook>\n' > "$TMP/pinc.qdc"
check_status ".qdc principle with include: refused" 1 "$VERBA" codebook check "$TMP/pinc.qdc"
check_output ".qdc principle with include: where and what" \
  "verba codebook: $TMP/pinc.qdc:3: principle 'candour': 'include' is only for themes" "$TMP/err"

# ---- fuzz-qdc, run 10: a key twice in a .qdc's [verba] block ----
printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="c0de0000-0000-4000-8000-000000000001" name="Openness" isCodable="true"><Description>[verba]\nid=openness\nrule=principle\nrule=open*</Description></Code>\n</Codes></CodeBook>\n' > "$TMP/twice.qdc"
check_status ".qdc rule key twice: refused" 1 "$VERBA" codebook check "$TMP/twice.qdc"
check_output ".qdc rule key twice: where and what" \
  "verba codebook: $TMP/twice.qdc:3: code 'openness': key 'rule' given twice in its [verba] block" "$TMP/err"

printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="c0de0000-0000-4000-8000-000000000001" name="Openness" isCodable="true"><Description>[verba]\nid=openness\nrule.=open*</Description></Code>\n</Codes></CodeBook>\n' > "$TMP/dot.qdc"
check_status ".qdc key 'rule.': refused" 1 "$VERBA" codebook check "$TMP/dot.qdc"
check_output ".qdc key 'rule.': where and what" \
  "verba codebook: $TMP/dot.qdc:3: code 'openness': 'rule.' needs a name after the dot" "$TMP/err"

# ---- fuzz-qdc, run 13: empty items of a .qdc's [verba] lists were kept
# (as examples ""), where a native codebook drops them, so converting the
# one to the other changed the code ----
printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="c0de0000-0000-4000-8000-000000000001" name="Openness" isCodable="true"><Description>[verba]\nid=openness\nexamples=;they publish it; ;\ncounter-examples=;;the door was open\nrule=open*</Description></Code>\n</Codes></CodeBook>\n' > "$TMP/empty.qdc"
"$VERBA" codebook show "$TMP/empty.qdc" | grep -E 'xamples' > "$TMP/t"
check_output ".qdc list with empty items: the items only" "- **Examples:** \"they publish it\"
- **Counter-examples:** \"the door was open\"" "$TMP/t"
"$VERBA" codebook convert --to native "$TMP/empty.qdc" > "$TMP/empty.codebook"
"$VERBA" codebook convert --to native "$TMP/empty.codebook" > "$TMP/empty2.codebook"
if cmp -s "$TMP/empty.codebook" "$TMP/empty2.codebook"; then ok ".qdc list with empty items: converts as it reads"
else not_ok ".qdc list with empty items: converts as it reads" "$(diff "$TMP/empty.codebook" "$TMP/empty2.codebook")"; fi
grep -E '^(counter-)?examples' "$TMP/empty.codebook" > "$TMP/t"
check_output ".qdc list with empty items: native lists" "examples=they publish it;
counter-examples=the door was open;" "$TMP/t"

# ---- fuzz-qdc, run 13: "include=" given empty read as an empty text,
# which no codebook form writes back: converted, the code changed ----
printf '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="c0de0000-0000-4000-8000-000000000001" name="Openness" isCodable="true"><Description>[verba]\nid=openness\ninclude=\nexclude=  \nrule=open*</Description></Code>\n</Codes></CodeBook>\n' > "$TMP/blank.qdc"
"$VERBA" codebook convert --to qdc "$TMP/blank.qdc" > "$TMP/blank2.qdc"
"$VERBA" codebook show "$TMP/blank.qdc" > "$TMP/blank.md"
"$VERBA" codebook show "$TMP/blank2.qdc" > "$TMP/blank2.md"
if cmp -s "$TMP/blank.md" "$TMP/blank2.md" && ! grep -q 'Include\|Exclude' "$TMP/blank.md"; then
  ok ".qdc empty include and exclude: not given, and so after converting"
else not_ok ".qdc empty include and exclude: not given, and so after converting" "$(diff "$TMP/blank.md" "$TMP/blank2.md"; grep 'Include\|Exclude' "$TMP/blank.md")"; fi
printf '[codebook]\nid = blank\ntitle = Blank\n\n[theme:openness]\nlabel = Openness\ndefinition =\ndescription = Said plainly.\ninclude =  \nrule = open*\n' > "$TMP/blank.codebook"
"$VERBA" codebook convert --to native "$TMP/blank.codebook" | grep -E '^(definition|description|include)' > "$TMP/t"
check_output "native empty definition and include: not given (description read instead)" "definition=Said plainly." "$TMP/t"

# ---- bytes that are not the declared encoding (fuzz-office, run 11):
# one line, the cause, nothing of libxml2's own on stderr ----
python3 - "$TMP" <<'EOF2'
import sys, zipfile
d = sys.argv[1]
xml = (b'<?xml version="1.0" encoding="ISO-2022-JP"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b'<w:body><w:p><w:r><w:t>Hello \xc4\x20\x10\xc5 there</w:t></w:r></w:p></w:body></w:document>')
with zipfile.ZipFile(d + '/enc.docx', 'w') as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('word/document.xml', xml)
open(d + '/enc.qdc', 'wb').write(b'<?xml version="1.0" encoding="ISO-2022-JP"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
    b'<Code guid="c0de0000-0000-4000-8000-000000000001" name="Op\xc4\x20\x10\xc5en" isCodable="true"/></Codes></CodeBook>\n')
EOF2
check_status "docx in a wrong declared encoding: refused" 1 "$VERBA" import -q -o "$TMP/enc.tsv" "$TMP/enc.docx"
check_output "docx in a wrong declared encoding: one line with the cause" \
  "verba import: $TMP/enc.docx:word/document.xml:2:113: input conversion failed due to input error, bytes 0xC4 0x20 0x10 0xC5" "$TMP/err"
check_status ".qdc in a wrong declared encoding: refused" 1 "$VERBA" codebook check "$TMP/enc.qdc"
check_output ".qdc in a wrong declared encoding: one line with the cause" \
  "verba codebook: $TMP/enc.qdc:3:59: input conversion failed due to input error, bytes 0xC4 0x20 0x10 0xC5" "$TMP/err"

tap_done
