#!/bin/sh
# verba export --to qdpx in bounded memory (issue #19): the stream is read
# twice, a document's rows at the offsets the first pass found them, so a
# pipe is first copied to an unlinked temporary file, and documents whose
# rows are not together still come out whole.  Whichever way the stream
# arrives, the project is the same, byte for byte, and no temporary file
# is left behind.  (That the bytes are those of the export before it
# streamed was checked when it changed: bench/RESULTS.md.)
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" 2> /dev/null \
  | "$VERBA" code -q -c public-standards > "$TMP/study.tsv"
mkdir "$TMP/file" "$TMP/pipe" "$TMP/mixed" "$TMP/blank" "$TMP/cases" "$TMP/cases-mixed" "$TMP/scratch"
check_status "a regular file" 0 "$VERBA" export --to qdpx -o "$TMP/file/p.qdpx" "$TMP/study.tsv"
check_output "a regular file: counts" "verba export: 21 documents, 942 segments, $(grep -o '@[0-9]*-[0-9]*/' "$TMP/study.tsv" | wc -l | tr -d ' ') codings" "$TMP/err"

cat "$TMP/study.tsv" | TMPDIR="$TMP/scratch" "$VERBA" export -q --to qdpx -o "$TMP/pipe/p.qdpx"
check_eq "standard input: exit status" 0 $?
if cmp -s "$TMP/file/p.qdpx" "$TMP/pipe/p.qdpx"; then ok "standard input: the same project"
else not_ok "standard input: the same project"; fi
check_eq "standard input: no temporary file left" "" "$(ls -A "$TMP/scratch")"

# Rows ordered by segment number: every document's rows are apart, and
# the first rows of the documents come in the order they did.  Users are
# listed in the order their first coding comes, which is then another:
# same_project compares the entries in order, the users as a set.
same_project () {
  python3 - "$2" "$3" > "$TMP/same" <<'PY'
import re, sys, zipfile
def entries(path):
    z = zipfile.ZipFile(path)
    out = []
    for n in z.namelist():
        b = z.read(n).decode()
        if n == "project.qde":
            b = re.sub(r"<Users>.*?</Users>",
                       lambda m: "\n".join(sorted(m.group(0).split("\n"))), b, flags=re.S)
        out.append((n, b))
    return out
a, b = entries(sys.argv[1]), entries(sys.argv[2])
print("same" if a == b else "differ: %d vs %d entries" % (len(a), len(b)))
PY
  check_output "$1" same "$TMP/same"
}
mixed () {
  grep '^#' "$1"; grep -v '^#' "$1" | head -n 1
  grep -v '^#' "$1" | tail -n +2 | sort -t "$(printf '\t')" -k 2,2n -s
}
mixed "$TMP/study.tsv" > "$TMP/mixed.tsv"
check_eq "the mixed stream has its documents apart" 21 \
  "$(grep -v '^#' "$TMP/mixed.tsv" | sed -n '2,22p' | cut -f 1 | sort -u | wc -l | tr -d ' ')"
TMPDIR="$TMP/scratch" "$VERBA" export -q --to qdpx -o "$TMP/mixed/p.qdpx" "$TMP/mixed.tsv"
same_project "documents apart: the same project" "$TMP/file/p.qdpx" "$TMP/mixed/p.qdpx"

# Blank lines and CR LF row ends, which the reader takes, between rows.
awk '/^#/ { print; next } { h++ } h == 1 { print; next } { printf "%s\r\n", $0 } NR % 7 == 0 { print "" }' \
  "$TMP/mixed.tsv" > "$TMP/blank.tsv"
"$VERBA" export -q --to qdpx -o "$TMP/blank/p.qdpx" "$TMP/blank.tsv"
if cmp -s "$TMP/mixed/p.qdpx" "$TMP/blank/p.qdpx"; then ok "blank lines and CR LF: the same project"
else not_ok "blank lines and CR LF: the same project"; fi

# Cases, which project.qde lists with their documents before the first
# source: one a group of documents, and one document whose case varies.
awk -F '\t' 'BEGIN { OFS = "\t" } /^#/ { print; next } { h++ } h == 1 { print $0, "case"; next }
  { c = substr($1, 1, 1); if ($1 == "s07" && h % 2) c = "x"; print $0, c }' "$TMP/study.tsv" > "$TMP/cases.tsv"
mixed "$TMP/cases.tsv" > "$TMP/cases-mixed.tsv"
"$VERBA" export -q --to qdpx -o "$TMP/cases/p.qdpx" "$TMP/cases.tsv"
"$VERBA" export -q --to qdpx -o "$TMP/cases-mixed/p.qdpx" "$TMP/cases-mixed.tsv"
same_project "cases, documents apart: the same project" "$TMP/cases/p.qdpx" "$TMP/cases-mixed/p.qdpx"
python3 - "$TMP/cases/p.qdpx" > "$TMP/cases.txt" <<'PY'
import re, sys, zipfile
qde = zipfile.ZipFile(sys.argv[1]).read("project.qde").decode()
for name, body in re.findall(r'<Case guid="[^"]*" name="([^"]*)">(.*?)</Case>', qde, re.S):
    print(name, body.count("<SourceRef"))
PY
check_output "cases: each with its documents, s07 in none" "g 6
s 14" "$TMP/cases.txt"

# A failure leaves nothing: no project, no temporary file.
check_status "a code the codebook lacks fails" 1 env TMPDIR="$TMP/scratch" "$VERBA" export --to qdpx \
  -c seven-principles -o "$TMP/bad.qdpx" "$TMP/study.tsv"
if [ -e "$TMP/bad.qdpx" ]; then not_ok "no project after a failure"; else ok "no project after a failure"; fi
check_eq "no temporary file after a failure" "" "$(ls -A "$TMP/scratch")"
tap_done
