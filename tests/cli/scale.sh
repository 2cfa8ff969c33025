#!/bin/sh
# Speed and scale: `verba code -j N` writes exactly what `-j 1` writes;
# shards coded apart (GNU parallel) and joined by `verba merge` give the
# stream and the tables of a single run; merge refuses shards that do not
# belong together; the plain-keyword counts equal those of the Python peer
# of the benchmarks (bench/peer-count.py).
. "$VB_TOP_SRCDIR/tests/tap.sh"
BENCH="$VB_TOP_SRCDIR/bench"

# The bundled study (942 segments, several batches of the thread pool) and
# a codebook with every scope, document scope included.
"$VERBA" import -q "$VB_TOP_SRCDIR/data/ethical-standards" > "$TMP/study.tsv"
cat > "$TMP/scopes.codebook" <<'CB'
[codebook]
id = scopes
title = Every scope

[theme:doc]
label = Document
scope = document
rule = (honest* AND account*) NOT bribe*

[theme:sentence]
label = Sentence
scope = sentence
rule = open* NEAR/3 (books information data)

[theme:segment]
label = Segment
rule = "public interest" /fair(?![a-z])/
CB
for cb in seven-principles public-standards "$TMP/scopes.codebook"; do
  name=$(basename "$cb" .codebook)
  "$VERBA" code -q -j 1 -c "$cb" "$TMP/study.tsv" > "$TMP/j1.tsv"
  "$VERBA" code -q -j 4 -c "$cb" "$TMP/study.tsv" > "$TMP/j4.tsv"
  if cmp -s "$TMP/j1.tsv" "$TMP/j4.tsv"; then ok "$name: -j 4 writes what -j 1 writes"
  else not_ok "$name: -j 4 writes what -j 1 writes" "$(diff "$TMP/j1.tsv" "$TMP/j4.tsv" | head -5)"; fi
done
check_grep "the document-scope code fired" "doc@" "$TMP/j1.tsv"
"$VERBA" code -q -j1 --long -c seven-principles "$TMP/study.tsv" > "$TMP/l1.tsv"
"$VERBA" code -q -j3 --long -c seven-principles "$TMP/study.tsv" > "$TMP/l3.tsv"
if cmp -s "$TMP/l1.tsv" "$TMP/l3.tsv"; then ok "--long: -j3 writes what -j1 writes"
else not_ok "--long: -j3 writes what -j1 writes"; fi
"$VERBA" code -j 1 -c seven-principles "$TMP/study.tsv" > /dev/null 2> "$TMP/err1"
"$VERBA" code -j 2 -c seven-principles "$TMP/study.tsv" > /dev/null 2> "$TMP/err"
check_output "accounting line under -j 2: that of -j 1" "$(cat "$TMP/err1")" "$TMP/err"
check_grep "accounting line: every segment read" "942 segments read" "$TMP/err"
check_status "-j 0: one thread per processor" 0 "$VERBA" code -q -j 0 -c seven-principles "$TMP/study.tsv"
"$VERBA" code -q -j 1 -c seven-principles "$TMP/study.tsv" > "$TMP/j1.tsv"
if cmp -s "$TMP/out" "$TMP/j1.tsv"; then ok "-j 0 writes what -j 1 writes"; else not_ok "-j 0 writes what -j 1 writes"; fi
check_status "-j -1 is a usage error" 2 "$VERBA" code -j -1 -c seven-principles "$TMP/study.tsv"
check_output "-j -1: message" \
  "verba code: -j needs a number of threads: 1 or more, or 0 for one per processor (see 'verba code --help')" "$TMP/err"
# Errors under threads: the row's line, no output file; a full disk.
head -n 300 "$TMP/study.tsv" > "$TMP/bad.tsv"
printf 'x\ty\n' >> "$TMP/bad.tsv"
tail -n 200 "$TMP/study.tsv" >> "$TMP/bad.tsv"
check_status "-j 2: a bad row fails the run" 1 "$VERBA" code -q -j 2 -c seven-principles -o "$TMP/bad-out.tsv" "$TMP/bad.tsv"
check_output "-j 2: the bad row's line" \
  "verba code: $TMP/bad.tsv:301: expected $(head -1 "$TMP/study.tsv" | awk -F'\t' '{ print NF }') tab-separated fields as in the header, found 2" "$TMP/err"
check_eq "-j 2: no output file after a bad row" no "$([ -e "$TMP/bad-out.tsv" ] && echo yes || echo no)"
# Lines are parsed on the coding threads: with two bad rows in different
# batches, the message is still that of the first, as with one thread.
nf=$(head -1 "$TMP/study.tsv" | awk -F'\t' '{ print NF }')
{ head -n 599 "$TMP/study.tsv"; sed -n '600s/$/ \\q/p' "$TMP/study.tsv"
  sed -n '601,899p' "$TMP/study.tsv"; printf 'x\ty\n'; tail -n 40 "$TMP/study.tsv"; } > "$TMP/bad2.tsv"
for j in 1 4; do
  check_status "-j $j: two bad rows fail the run" 1 "$VERBA" code -q -j $j -c seven-principles -o "$TMP/bad-out.tsv" "$TMP/bad2.tsv"
  check_output "-j $j: the first bad row's line" \
    "verba code: $TMP/bad2.tsv:600: field $nf: bad backslash escape" "$TMP/err"
done
if [ -w /dev/full ]; then
  check_status "-j 2: a full disk fails the run" 1 sh -c '"$1" code -q -j 2 -c seven-principles "$2" > /dev/full' sh "$VERBA" "$TMP/study.tsv"
  check_output "-j 2: a full disk, message" "verba code: standard output: cannot write: No space left on device" "$TMP/err"
else
  ok "# SKIP no /dev/full"
  ok "# SKIP no /dev/full"
fi
check_status "-j x is a usage error" 2 "$VERBA" code -j x -c seven-principles "$TMP/study.tsv"

# ---- shards: GNU parallel cuts the stream at document boundaries
# (--group-by the document column), each shard is coded apart, verba merge
# joins them in order.
"$VERBA" code -q -j 1 -c "$TMP/scopes.codebook" "$TMP/study.tsv" > "$TMP/single-scopes.tsv"
"$VERBA" code -q -j 1 -c seven-principles "$TMP/study.tsv" > "$TMP/single.tsv"
if command -v parallel >/dev/null 2>&1; then
  mkdir "$TMP/shards"
  parallel --will-cite --pipepart -a "$TMP/study.tsv" --header 1 --colsep '\t' --group-by 1 \
    --block -1 -j 4 "\"$VERBA\" code -q -j 1 -c seven-principles > \"$TMP/shards/part.{#}.tsv\""
  # With --group-by, GNU parallel may start a fifth job on an empty block
  # (seen on a loaded machine); such a job's output holds no segment.
  for f in "$TMP"/shards/*; do [ "$(wc -l < "$f")" -gt 2 ] || rm -f "$f"; done
  check_eq "4 shards" 4 "$(ls "$TMP/shards" | wc -l)"
  check_eq "every shard has rows" 4 "$(for f in "$TMP"/shards/*; do [ "$(wc -l < "$f")" -gt 20 ] && echo; done | wc -l)"
  # shellcheck disable=SC2046
  "$VERBA" merge -o "$TMP/merged.tsv" $(cd "$TMP/shards" && ls part.*.tsv | sort -t. -k2,2n | sed "s|^|$TMP/shards/|") 2> "$TMP/err"
  check_output "merge: accounting line" "verba merge: 4 streams, 942 segments" "$TMP/err"
  if cmp -s "$TMP/single.tsv" "$TMP/merged.tsv"; then ok "merged shards: the stream of a single run"
  else not_ok "merged shards: the stream of a single run"; fi
  for t in "freq --by stage -t md" "freq --unit speaker --by group" "freq --unit mention --rows principle" \
           "matrix --rows code --cols stage --cell full"; do
    # shellcheck disable=SC2086
    "$VERBA" $t "$TMP/single.tsv" > "$TMP/t1" 2>&1
    # shellcheck disable=SC2086
    "$VERBA" $t "$TMP/merged.tsv" > "$TMP/t2" 2>&1
    if [ -s "$TMP/t1" ] && cmp -s "$TMP/t1" "$TMP/t2"; then ok "4 shards, $t: the single run's table"
    else not_ok "4 shards, $t: the single run's table" "$(diff "$TMP/t1" "$TMP/t2" | head -5)"; fi
  done
  # parallel --keep-order: the shards' outputs in one stream, heads repeated.
  parallel --will-cite --keep-order --pipepart -a "$TMP/study.tsv" --header 1 --colsep '\t' \
    --group-by 1 --block -1 -j 4 "\"$VERBA\" code -q -j 1 -c seven-principles" > "$TMP/kept.tsv"
  check_eq "--keep-order: four heads in one stream" 4 "$(grep -c '^#verba-codebook' "$TMP/kept.tsv")"
  "$VERBA" merge -q - < "$TMP/kept.tsv" > "$TMP/merged-k.tsv"
  if cmp -s "$TMP/single.tsv" "$TMP/merged-k.tsv"; then ok "--keep-order stream merged: the single run's stream"
  else not_ok "--keep-order stream merged: the single run's stream"; fi
  # Document-scope rules see whole documents in every shard.
  rm -f "$TMP"/shards/*
  parallel --will-cite --pipepart -a "$TMP/study.tsv" --header 1 --colsep '\t' --group-by 1 \
    --block -1 -j 4 "\"$VERBA\" code -q -j 1 -c \"$TMP/scopes.codebook\" > \"$TMP/shards/part.{#}.tsv\""
  "$VERBA" merge -q "$TMP"/shards/part.1.tsv "$TMP"/shards/part.2.tsv \
    "$TMP"/shards/part.3.tsv "$TMP"/shards/part.4.tsv > "$TMP/merged-scopes.tsv"
  if cmp -s "$TMP/single-scopes.tsv" "$TMP/merged-scopes.tsv"; then ok "document scope: shards merge to the single run"
  else not_ok "document scope: shards merge to the single run"; fi
else
  for i in 1 2 3 4 5 6 7 8 9 10 11; do ok "# SKIP GNU parallel not installed: shards not tested"; done
fi

# ---- merge refuses what does not belong together
head -n 400 "$TMP/single.tsv" > "$TMP/a.tsv"
{ grep '^#\|^document' "$TMP/single.tsv"; tail -n 300 "$TMP/single.tsv"; } > "$TMP/b.tsv"
check_status "merge: two parts" 0 "$VERBA" merge -q "$TMP/a.tsv" "$TMP/b.tsv"
check_eq "merge: rows of both, head once" 700 "$(wc -l < "$TMP/out")"
check_status "merge: another codebook" 1 "$VERBA" merge "$TMP/a.tsv" "$TMP/single-scopes.tsv"
check_output "merge: another codebook, message" \
  "verba merge: $TMP/single-scopes.tsv:1: its list of codes differs from that of $TMP/a.tsv (shards must come from one run: same codebook, same columns)" "$TMP/err"
check_status "merge: an uncoded stream" 1 "$VERBA" merge "$TMP/a.tsv" "$TMP/study.tsv"
cut -f1-7,9- "$TMP/study.tsv" > "$TMP/fewer.tsv"
check_status "merge: other columns" 1 "$VERBA" merge "$TMP/study.tsv" "$TMP/fewer.tsv"
check_output "merge: other columns, message" \
  "verba merge: $TMP/fewer.tsv:1: its columns differ from those of $TMP/study.tsv (shards must come from one run: same codebook, same columns)" "$TMP/err"
head -c 3000 "$TMP/b.tsv" > "$TMP/cut.tsv"
check_status "merge: a truncated shard" 1 "$VERBA" merge -o "$TMP/m.tsv" "$TMP/a.tsv" "$TMP/cut.tsv"
check_output "merge: a truncated shard, message" \
  "verba merge: $TMP/cut.tsv:16: the last row has no line end: the shard looks truncated" "$TMP/err"
check_eq "merge: no output file left behind" no "$([ -e "$TMP/m.tsv" ] && echo yes || echo no)"
{ cat "$TMP/a.tsv"; cat "$TMP/single-scopes.tsv"; } > "$TMP/two-heads.tsv"
check_status "merge: a repeated head that differs" 1 "$VERBA" merge "$TMP/two-heads.tsv"
check_grep "merge: a repeated head that differs, message" \
  "two-heads.tsv:401: a repeated head differs from the head of $TMP/two-heads.tsv" "$TMP/err"
printf 'not a stream\n' > "$TMP/junk.tsv"
check_status "merge: not a stream" 1 "$VERBA" merge "$TMP/a.tsv" "$TMP/junk.tsv"
check_output "merge: not a stream, message" \
  "verba merge: $TMP/junk.tsv:1: the header does not start with 'document': not a segments stream" "$TMP/err"
check_status "merge: no inputs" 2 "$VERBA" merge

# ---- plain keywords: the counts of the Python peer (re.findall(r'\w+'),
# lower-cased, looked up in a set), on a small generated consultation.
if command -v python3 >/dev/null 2>&1; then
  python3 "$BENCH/gen-consultation.py" 1500 --seed 11 > "$TMP/c.csv"
  "$VERBA" import -q --map "$BENCH/consultation.map" "$TMP/c.csv" > "$TMP/c.tsv"
  python3 "$BENCH/gen-keywords.py" 300 --list "$TMP/kw.txt" > "$TMP/kw.codebook"
  python3 "$BENCH/peer-count.py" "$TMP/kw.txt" "$TMP/c.tsv" > "$TMP/py.txt"
  "$VERBA" code -q --long -c "$TMP/kw.codebook" "$TMP/c.tsv" \
    | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "code") c = i; next }
                  $c != "" { n[$c]++ } END { for (k in n) print k "\t" n[k] }' \
    | sort > "$TMP/by-code.txt"
  # Codes are k0001… in keyword order: name them by their keyword.
  awk 'NR == FNR { kw[sprintf("k%04d", NR)] = $0; next } { print kw[$1] "\t" $2 }' \
    "$TMP/kw.txt" "$TMP/by-code.txt" | sort > "$TMP/vb.txt"
  check_eq "keywords found" 1 "$([ "$(wc -l < "$TMP/py.txt")" -gt 40 ] && echo 1)"
  if cmp -s "$TMP/py.txt" "$TMP/vb.txt"; then ok "300 keywords: the counts of the Python peer"
  else not_ok "300 keywords: the counts of the Python peer" "$(diff "$TMP/py.txt" "$TMP/vb.txt" | head -5)"; fi
  # The direct lane (one-word rules, rows in the writer's form) writes what
  # the general path writes, also when rows it must leave to the general
  # path (empty role, segment 07) come between the others.
  awk -F'\t' -v OFS='\t' 'NR > 1 && NR % 7 == 0 { $4 = "" } NR > 1 && NR % 11 == 0 { $2 = "0" $2 } 1' \
    "$TMP/c.tsv" > "$TMP/mixed.tsv"
  VERBA_NO_DIRECT=1 "$VERBA" code -q -j 1 -c "$TMP/kw.codebook" -o "$TMP/general.tsv" "$TMP/mixed.tsv"
  for j in 1 2; do
    "$VERBA" code -q -j $j -c "$TMP/kw.codebook" -o "$TMP/direct.tsv" "$TMP/mixed.tsv"
    if cmp -s "$TMP/general.tsv" "$TMP/direct.tsv"; then ok "direct lane, -j $j: the general path's stream"
    else not_ok "direct lane, -j $j: the general path's stream" "$(diff "$TMP/general.tsv" "$TMP/direct.tsv" | head -5)"; fi
  done
  awk -F'\t' '/^#/ { next } !h { for (i = 1; i <= NF; i++) if ($i == "codings") c = i; h = 1; next }
               { n = split($c, a, ";"); for (i = 1; i <= n; i++) { sub(/@.*/, "", a[i]); k[a[i]]++ } }
               END { for (x in k) print x "\t" k[x] }' "$TMP/direct.tsv" | sort > "$TMP/by-code2.txt"
  awk 'NR == FNR { kw[sprintf("k%04d", NR)] = $0; next } { print kw[$1] "\t" $2 }' \
    "$TMP/kw.txt" "$TMP/by-code2.txt" | sort > "$TMP/vb2.txt"
  if cmp -s "$TMP/py.txt" "$TMP/vb2.txt"; then ok "direct lane: the counts of the Python peer"
  else not_ok "direct lane: the counts of the Python peer" "$(diff "$TMP/py.txt" "$TMP/vb2.txt" | head -5)"; fi
else
  for i in 1 2 3 4 5; do ok "# SKIP python3 not installed"; done
fi

# The same shard twice would count its segments twice.
printf 'document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext\nd1\t1\t\tparticipant\tspontaneous\t0\t2\thi\n' > "$TMP/shard-a.tsv"
printf 'document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext\nd2\t1\t\tparticipant\tspontaneous\t0\t2\tho\n' > "$TMP/shard-b.tsv"
cp "$TMP/shard-a.tsv" "$TMP/shard-a2.tsv"
check_status "merge: two different shards" 0 "$VERBA" merge -q "$TMP/shard-a.tsv" "$TMP/shard-b.tsv"
check_status "merge: a shard given twice fails" 1 "$VERBA" merge -o "$TMP/twice.tsv" \
  "$TMP/shard-a.tsv" "$TMP/shard-b.tsv" "$TMP/shard-a2.tsv"
check_output "... naming both inputs" \
  "verba merge: $TMP/shard-a2.tsv:2: document 'd1' is also in $TMP/shard-a.tsv: the same shard given twice? (shards hold different documents; merged, its segments would count twice)" "$TMP/err"
check_eq "... and writing nothing" "" "$(ls "$TMP"/twice.tsv* 2> /dev/null)"

tap_done
