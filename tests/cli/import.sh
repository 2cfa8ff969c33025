#!/bin/sh
# `verba import`: the segments stream of tests/data/golden, offsets that
# point into the source, attributes and their precedence, directories,
# standard input, and the bundled study.
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$GOLDEN/groups/g1.txt" > "$TMP/g1.tsv"
# Columns: no study here, so attributes come in the order met.
check_output "notes: segments, roles, phases, kinds, attribution" "document	segment	speaker	role	phase	start	end	group	location	age	grade	moderator	section	kind	attribution	text
g1	1		participant	spontaneous	91	143	G1	Leeds	18-35	C2DE	Rachel	Spontaneous views	note		People wanted more transparency about waiting lists.
g1	2	Moderator	moderator	spontaneous	156	191	G1	Leeds	18-35	C2DE	Rachel	Spontaneous views	turn		What does a good service look like?
g1	3	P1	participant	spontaneous	197	232	G1	Leeds	18-35	C2DE	Rachel	Spontaneous views	turn		Being polite and telling the truth.
g1	4	P2	participant	spontaneous	237	270	G1	Leeds	18-35	C2DE	Rachel	Spontaneous views	turn		Inspections that people can read.
g1	5		participant	spontaneous	273	310	G1	Leeds	18-35	C2DE	Rachel	Spontaneous views	quote	Leeds, 18-35, C2DE	They should be honest about mistakes.
g1	6		participant	prompted	364	403	G1	Leeds	18-35	C2DE	Rachel	The principles (prompted)	note		Most agreed respect and dignity matter.
g1	7	P1	participant	prompted	409	430	G1	Leeds	18-35	C2DE	Rachel	The principles (prompted)	turn		Openness, every time." "$TMP/g1.tsv"

# Offsets are code points into the source: the text of every one-line
# segment is exactly source[start:end].
check_offsets () {
  python3 - "$1" "$2" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
bad = 0
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
head = rows[0]
s, e, t = head.index("start"), head.index("end"), head.index("text")
for r in rows[1:]:
    if src[int(r[s]):int(r[e])] != r[t]:
        bad += 1
        print("# %s %s: %r != %r" % (r[0], r[1], src[int(r[s]):int(r[e])], r[t]))
print(bad)
PY
}
if command -v python3 >/dev/null; then
  check_eq "notes offsets point at the text" 0 "$(check_offsets "$GOLDEN/groups/g1.txt" "$TMP/g1.tsv" | tail -n 1)"
  "$VERBA" import "$GOLDEN/interviews/i1.txt" > "$TMP/i1.tsv"
  check_eq "transcript offsets point at the text" 0 "$(check_offsets "$GOLDEN/interviews/i1.txt" "$TMP/i1.tsv" | tail -n 1)"
else
  ok "# SKIP python3 not installed: offsets not checked"
  ok "# SKIP python3 not installed: offsets not checked"
fi

# CRLF and a BOM change offsets (a CR is a code point; the BOM is not) but
# nothing else.
printf '\357\273\277' > "$TMP/i1.txt"
sed 's/$/\r/' "$GOLDEN/interviews/i1.txt" >> "$TMP/i1.txt"
"$VERBA" import "$TMP/i1.txt" | cut -f1-5,8- > "$TMP/crlf"
"$VERBA" import "$GOLDEN/interviews/i1.txt" | cut -f1-5,8- > "$TMP/lf"
if cmp -s "$TMP/crlf" "$TMP/lf"; then ok "CRLF and BOM: same segments"; else not_ok "CRLF and BOM: same segments" "$(diff "$TMP/lf" "$TMP/crlf")"; fi
# i1's first turn starts after 3 header lines (+3 CRs) and "Interviewer: ".
check_eq "CRLF offsets count the CRs" "51	86" "$("$VERBA" import "$TMP/i1.txt" | sed -n 2p | cut -f6,7)"

# A directory: study.ini and attributes.csv apply, documents in name order,
# declared attributes first in the study's order.
"$VERBA" import "$GOLDEN" > "$TMP/all.tsv"
check_eq "directory: header" "document	segment	speaker	role	phase	start	end	stage	location	age	grade	group	moderator	section	kind	attribution	type	sector	text" "$(head -n 1 "$TMP/all.tsv")"
check_eq "directory: documents in name order" "g1 g2 i1 i2" "$(cut -f1 "$TMP/all.tsv" | sed 1d | uniq | tr '\n' ' ' | sed 's/ $//')"
check_eq "directory: 20 segments" 20 "$(sed 1d "$TMP/all.tsv" | wc -l)"
check_eq "sidecar attribution for interviews" "Commissioner, health" "$(awk -F'\t' '$1=="i1"{print $16; exit}' "$TMP/all.tsv")"

# The same files named one by one, the glob way.
"$VERBA" import "$GOLDEN"/[!m]* > "$TMP/glob.tsv"
if cmp -s "$TMP/all.tsv" "$TMP/glob.tsv"; then ok "dir/* imports like dir"; else not_ok "dir/* imports like dir"; fi

# Precedence, lowest first: --attr, header, sidecar, attribution line.
printf 'document,stage,grade\ng1,public,ABC1\n' > "$TMP/side.csv"
"$VERBA" import --attr stage=x --attr site=leeds-1 --attr grade=Z --attrs "$TMP/side.csv" "$GOLDEN/groups/g1.txt" > "$TMP/p.tsv"
col () { awk -F'\t' -v row="$1" -v name="$2" 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} NR==row{print $c[name]}' "$3"; }
check_eq "--attr fills in what nothing else sets" "leeds-1" "$(col 2 site "$TMP/p.tsv")"
check_eq "the sidecar beats --attr" "public" "$(col 2 stage "$TMP/p.tsv")"
check_eq "the sidecar beats the header" "ABC1" "$(col 2 grade "$TMP/p.tsv")"
check_eq "the attribution line beats the sidecar" "C2DE" "$(col 6 grade "$TMP/p.tsv")"

# A sidecar row for a document that was not imported is reported.
printf 'document,stage\ng1,public\ng7,public\n' > "$TMP/extra.csv"
check_status "unused sidecar row" 0 "$VERBA" import --attrs "$TMP/extra.csv" "$GOLDEN/groups/g1.txt"
check_output "unused sidecar row: warning" "verba import: warning: $TMP/extra.csv: no document 'g7' was imported" "$TMP/err"

# Standard input, with a forced format.
"$VERBA" import -f transcript - < "$GOLDEN/interviews/i2.txt" > "$TMP/stdin.tsv"
check_eq "stdin: document id" "stdin" "$(sed -n 2p "$TMP/stdin.tsv" | cut -f1)"
check_eq "stdin: four turns" 4 "$(sed 1d "$TMP/stdin.tsv" | wc -l)"

# Moderator names from the command line.
printf 'Anna: What matters?\nBen: Honesty.\nAnna: Why?\nBen: Trust.\n' > "$TMP/named.txt"
"$VERBA" import --moderator Anna "$TMP/named.txt" | cut -f3,4 | sed 1d > "$TMP/t"
check_output "--moderator" "Anna	interviewer
Ben	participant
Anna	interviewer
Ben	participant" "$TMP/t"

# A header key that names a column of the stream is kept under another name.
printf 'Role: commissioner\nText: none\n\nInterviewer: Hello?\nRespondent: Hello.\n' > "$TMP/clash.txt"
check_status "reserved header keys" 0 "$VERBA" import "$TMP/clash.txt"
check_eq "reserved header keys: renamed" "document	segment	speaker	role	phase	start	end	role_	text_	text" "$(head -n 1 "$TMP/out")"
check_grep "reserved header keys: warned" "clash.txt:1: 'role' is a column of the segments stream; kept as 'role_'" "$TMP/err"
"$VERBA" import "$TMP/clash.txt" 2>/dev/null | "$VERBA" code -q -c "$GOLDEN/mini.codebook" > /dev/null
check_eq "... and the stream reads back" 0 "$?"

check_status "a file that is not a document" 1 "$VERBA" import "$GOLDEN/mini.codebook"
check_output "not a document: message" "verba import: $GOLDEN/mini.codebook: cannot tell the format from the file name (documents are .txt, .md, .vtt, .srt, .docx, .odt or .pdf; name it with -f)" "$TMP/err"

check_status "duplicate document ids" 1 "$VERBA" import "$GOLDEN/interviews/i1.txt" "$TMP/i1.txt"
check_grep "duplicate ids: message" "document id 'i1' is already used by" "$TMP/err"

# The bundled study: every file imports without a warning.
check_status "bundled study imports" 0 "$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards"
check_eq "bundled study: no warnings, the summary line" "verba import: 21 documents, 942 segments, 0 files not read" "$(cat "$TMP/err")"
check_eq "bundled study: 21 documents" 21 "$(cut -f1 "$TMP/out" | sed 1d | uniq | wc -l)"
check_eq "bundled study: every group quote attributed" 0 \
  "$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)c[$i]=i;next} $c["kind"]=="quote" && $c["attribution"]==""' "$TMP/out" | wc -l)"

tap_done
