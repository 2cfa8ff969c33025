#!/bin/sh
# Transcripts as meeting and transcription tools write them (Otter.ai,
# Zoom, Microsoft Teams, Rev, Trint: fixtures in tests/data/import/meeting
# written here after each tool's published layout), PDF with and without a
# text layer, two-column tables in Word, and a folder import that lists
# every file it does not read.
. "$VB_TOP_SRCDIR/tests/tap.sh"
M="$VB_TOP_SRCDIR/tests/data/import/meeting"

# rows FILE: document, segment, speaker, role, start, end and text.
rows () {
  "$VERBA" import "$1" > "$TMP/out" 2> "$TMP/err" && cut -f1-4,6-7,8- "$TMP/out" | sed 1d
}

# Otter.ai: "Speaker 1  0:03" alone, then the words.  "Speaker 1  0:03\n"
# is 16 code points, so the first words start at 16.
rows "$M/otter.txt" > "$TMP/t"
check_output "Otter.ai: a label line with its time, then the words" \
"otter	1	Speaker 1	participant	16	63	Thanks for joining. How do you find the clinic?
otter	2	Ana Lopez	participant	81	145	Honestly the waiting is the worst part. You sit there for hours.
otter	3	Speaker 1	participant	163	177	And the staff?" "$TMP/t"
check_eq "Otter.ai: no warning" "" "$(cat "$TMP/err")"
# Zoom: "[Name] 00:01:02" alone, and "00:01:02 Name: words".
rows "$M/zoom.txt" > "$TMP/t"
check_output "Zoom: [Name] and its time alone, then the words" \
"zoom	1	Ana Lopez	participant	21	49	The bus never comes on time.
zoom	2	Tom Reid	participant	70	95	Why do you think that is?" "$TMP/t"
rows "$M/zoom-chat.txt" > "$TMP/t"
check_output "Zoom: time, name, words on one line" \
"zoom-chat	1	Ana Lopez	participant	20	48	The bus never comes on time.
zoom-chat	2	Tom Reid	participant	68	93	Why do you think that is?" "$TMP/t"
# Teams: "Name   0:05" lines, and WebVTT with <v Name>.
rows "$M/teams.txt" > "$TMP/t"
check_output "Teams: a name and its time, then the words" \
"teams	1	Ana Lopez	participant	17	45	The bus never comes on time.
teams	2	Tom Reid	participant	63	88	Why do you think that is?" "$TMP/t"
"$VERBA" import "$M/teams-meeting.vtt" 2> /dev/null | cut -f1,3 | sed 1d > "$TMP/t"
check_output "Teams: WebVTT voices" "teams-meeting	Ana Lopez
teams-meeting	Tom Reid" "$TMP/t"
# Rev and Trint: "Name (00:01:02):" with the words after it or below.
rows "$M/rev.txt" > "$TMP/t"
check_output "Rev: Name (time): alone, then the words" \
"rev	1	Ana Lopez	participant	22	50	The bus never comes on time.
rev	2	Tom Reid	participant	73	98	Why do you think that is?" "$TMP/t"
rows "$M/trint.txt" > "$TMP/t"
check_output "Trint: Name (time): words" \
"trint	1	Ana Lopez	participant	22	50	The bus never comes on time.
trint	2	Tom Reid	participant	72	97	Why do you think that is?" "$TMP/t"
# A sentence that ends with a clock time is not a label.
printf 'We met at the station at 10:30\nand walked from there.\n' > "$TMP/time.txt"
"$VERBA" import "$TMP/time.txt" 2> /dev/null | cut -f3,8 | sed 1d > "$TMP/t"
check_output "a sentence ending with a time is words" "	We met at the station at 10:30 and walked from there." "$TMP/t"

# ---- PDF and Word files, written by tests/import/make-files.py ----
python3 "$VB_TOP_SRCDIR/tests/import/make-files.py" "$TMP/files"
rows "$TMP/files/interview.pdf" > "$TMP/t"
check_output "PDF with a text layer: read as a transcript, pages in order" \
"interview	1	Interviewer	interviewer	13	45	What do you think of the clinic?
interview	2	Ana	participant	51	91	The staff are kind but the wait is long.
interview	3	Interviewer	interviewer	105	119	Anything else?
interview	4	Ana	participant	125	148	Parking is a nightmare." "$TMP/t"
check_status "a PDF without a text layer fails" 1 "$VERBA" import "$TMP/files/scan.pdf"
check_output "no text layer: message names the file" "verba import: $TMP/files/scan.pdf: no text layer (scanned?)" "$TMP/err"
if [ -s "$TMP/out" ]; then not_ok "no text layer: nothing written"; else ok "no text layer: nothing written"; fi
printf 'not a pdf' > "$TMP/bad.pdf"
check_status "a broken PDF fails" 1 "$VERBA" import "$TMP/bad.pdf"
check_grep "a broken PDF: message names the file" "verba import: $TMP/bad.pdf: not a readable PDF: " "$TMP/err"
# poppler-glib is opened when the first PDF is read (vb-import-pdf.c): a
# library of its name that lacks its functions, or is no library, found
# first through LD_LIBRARY_PATH, fails the file with why, and no output.
if [ -n "${VB_POPPLER_SONAME:-}" ] && command -v cc > /dev/null 2>&1; then
  mkdir -p "$TMP/stub" "$TMP/junk"
  printf 'int vb_not_poppler;\n' > "$TMP/stub/stub.c"
  cc -shared -fPIC -o "$TMP/stub/$VB_POPPLER_SONAME" "$TMP/stub/stub.c"
  check_status "poppler-glib without its functions: the PDF fails" 1 \
    env LD_LIBRARY_PATH="$TMP/stub" "$VERBA" import "$TMP/files/interview.pdf"
  check_output "poppler-glib without its functions: message" "verba import: $TMP/files/interview.pdf: cannot read PDF files: poppler-glib could not be loaded ($VB_POPPLER_SONAME has no poppler_document_new_from_gfile; install the Debian package libpoppler-glib8)" "$TMP/err"
  if [ -s "$TMP/out" ]; then not_ok "poppler-glib without its functions: nothing written"
  else ok "poppler-glib without its functions: nothing written"; fi
  printf 'not a library' > "$TMP/junk/$VB_POPPLER_SONAME"
  check_status "poppler-glib not a library: the PDF fails" 1 \
    env LD_LIBRARY_PATH="$TMP/junk" "$VERBA" import "$TMP/files/interview.pdf"
  check_grep "poppler-glib not a library: message" "verba import: $TMP/files/interview.pdf: cannot read PDF files: poppler-glib could not be loaded ($TMP/junk/$VB_POPPLER_SONAME: " "$TMP/err"
  # A run that also reads a transcript fails whole, as for any bad file.
  check_status "poppler-glib missing: a run with a transcript too fails" 1 \
    env LD_LIBRARY_PATH="$TMP/stub" "$VERBA" import "$M/rev.txt" "$TMP/files/interview.pdf"
  if [ -s "$TMP/out" ]; then not_ok "poppler-glib missing: nothing written for the transcript"
  else ok "poppler-glib missing: nothing written for the transcript"; fi
else
  skip "poppler-glib could not be loaded: no C compiler or no SONAME from configure"
fi
rows "$TMP/files/table.docx" > "$TMP/t"
check_output "Word: a two-column table is speaker and words, a header row skipped" \
"table	1		participant	0	25	Transcript of interview 7
table	2	Interviewer	interviewer	39	62	How do you get to work?
table	3	Ana Lopez	participant	74	144	By bus, mostly. It is never on time. Last week I waited forty minutes.
table	4	Interviewer	interviewer	158	174	What would help?" "$TMP/t"
rows "$TMP/files/panel.odt" > "$TMP/t"
check_output "OpenDocument: a two-column table is speaker and words" \
"panel	1	Moderator	moderator	11	36	What did the panel think?
panel	2	Ben	participant	42	65	The fares are too high." "$TMP/t"

# ---- a folder: every file not read is listed with its reason and counted ----
check_status "a folder with files verba does not read imports" 0 "$VERBA" import "$TMP/files"
check_output "every file not read is listed and counted" \
"verba import: warning: $TMP/files/table.docx:1: text before the first speaker label
verba import: not read: $TMP/files/.DS_Store: a hidden file
verba import: not read: $TMP/files/letter.rtf: an RTF document: save it as .docx or .txt
verba import: not read: $TMP/files/notes.doc: a Word 97-2003 document: save it as .docx
verba import: not read: $TMP/files/photo.jpg: a picture, not text
verba import: not read: $TMP/files/scan.pdf: no text layer (scanned?)
verba import: 3 documents, 10 segments, 5 files not read" "$TMP/err"
check_status "the meeting fixtures as one folder" 0 "$VERBA" import "$M"
check_output "the meeting fixtures: the summary line" "verba import: 7 documents, 15 segments, 0 files not read" "$TMP/err"
check_eq "the meeting fixtures: every turn has its speaker" "0" "$(sed 1d "$TMP/out" | awk -F '\t' '$3 == ""' | wc -l | tr -d ' ')"

# verba report reads folders as verba import does, and says what it passed over.
mkdir "$TMP/rep" && cp "$M/otter.txt" "$TMP/rep/" && cp "$TMP/files/notes.doc" "$TMP/rep/"
check_status "report on a folder with a .doc" 0 "$VERBA" report -t txt "$TMP/rep"
check_grep "report lists the file it did not read" "verba report: not read: $TMP/rep/notes.doc: a Word 97-2003 document: save it as .docx" "$TMP/err"

tap_done
