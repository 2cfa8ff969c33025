#!/bin/sh
# Speed of `verba code` (issue #6) on a generated consultation, against
# peers run in the same session on the same segments stream:
#   (a) wc -w                                  the tokenising floor
#   (b) python3 bench/peer-count.py            re.findall(r'\w+') + set lookup
#   (c) LC_ALL=C grep -o -F -w -f KEYWORDS     (output counted by wc -l: grep
#                                              stops at the first match when
#                                              its output is /dev/null)
# and the growth of time with codebook size (30, 300, 3000 plain keywords).
# Usage: bench/speed.sh [ROWS]   (default $BENCH_ROWS, else 540000 rows:
# about 260 MB of CSV).  Prints a Markdown section for bench/RESULTS.md.
# Every command runs $BENCH_ROUNDS times (default 3), the commands taking
# turns; the table gives each command's fastest run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
VERBA=${VERBA:-$here/../verba}
rows=${1:-${BENCH_ROWS:-540000}}
rounds=${BENCH_ROUNDS:-3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/verba-speed.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

measure () { # NAME COMMAND...: appends "NAME seconds peak-KiB" to $TMP/times
  name=$1; shift
  /usr/bin/time -f "$name %e %M %U %S" -a -o "$TMP/times" "$@"
}

load () { cut -d' ' -f1-3 /proc/loadavg; }

python3 "$here/gen-consultation.py" "$rows" > "$TMP/c.csv"
"$VERBA" import -q --map "$here/consultation.map" -o "$TMP/s.tsv" "$TMP/c.csv"
python3 "$here/gen-keywords.py" 300 --list "$TMP/kw300.txt" > "$TMP/kw300.codebook"
# The size series: the same 30 real words in each, the rest made up, so
# only the number of rules changes, not what is found.
for n in 30 300 3000; do
  python3 "$here/gen-keywords.py" "$n" --real 30 > "$TMP/size$n.codebook"
done
csv_mb=$(awk -v b="$(wc -c < "$TMP/c.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')
tsv_bytes=$(wc -c < "$TMP/s.tsv")
segs=$(($(wc -l < "$TMP/s.tsv") - 1))
load_before=$(load)

: > "$TMP/times"
# Warm the page cache so that the first measured command does not pay for it.
cat "$TMP/s.tsv" > /dev/null
for round in $(seq "$rounds"); do
  measure wc wc -w "$TMP/s.tsv" > /dev/null
  measure code-j1 "$VERBA" code -q -j 1 -c "$TMP/kw300.codebook" -o "$TMP/out.tsv" "$TMP/s.tsv"
  measure code-j2 "$VERBA" code -q -j 2 -c "$TMP/kw300.codebook" -o "$TMP/out.tsv" "$TMP/s.tsv"
  # The same with the output thrown away: what writing 2.5 times the input
  # to a file costs (the peers write next to nothing).
  measure code-j1-null "$VERBA" code -q -j 1 -c "$TMP/kw300.codebook" "$TMP/s.tsv" > /dev/null
  measure code-j2-null "$VERBA" code -q -j 2 -c "$TMP/kw300.codebook" "$TMP/s.tsv" > /dev/null
  measure python python3 "$here/peer-count.py" "$TMP/kw300.txt" "$TMP/s.tsv" > /dev/null
  measure grep sh -c 'LC_ALL=C grep -o -F -w -f "$1" "$2" | wc -l' sh "$TMP/kw300.txt" "$TMP/s.tsv" > /dev/null
  for n in 30 300 3000; do
    measure "size-$n" "$VERBA" code -q -j 1 -c "$TMP/size$n.codebook" -o "$TMP/out.tsv" "$TMP/s.tsv"
  done
done
out_mb=$(awk -v b="$(wc -c < "$TMP/out.tsv")" 'BEGIN { printf "%.0f", b / 1048576 }')
load_after=$(load)

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "## Speed of verba code (issue #6)"
echo
echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
echo "load average before $load_before, after $load_after (1, 5, 15 min)."
echo "Command: \`make bench\` (\`bench/speed.sh $rows\`). Input: \`bench/gen-consultation.py $rows\`,"
echo "$csv_mb MB of CSV, imported to a segments stream of $(awk -v b="$tsv_bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB"
echo "($segs segments), which every command below reads. Codebooks: \`bench/gen-keywords.py N\`,"
echo "N plain keywords, one theme each (the size series: the same 30 real words, the rest made up)."
echo "Elapsed and CPU (user + system) seconds and peak RSS from GNU time, of each command's fastest"
echo "of $rounds runs (the commands taking turns); MB/s and ratios from elapsed time, and in brackets"
echo "from CPU time (steadier when the machine is shared). \`verba code\` writes $out_mb MB of coded"
echo "stream to a file with \`-o\` (\"> /dev/null\": to standard output, thrown away)."
echo
echo "| command | elapsed s | CPU s | MB/s | peak RSS MB | time / wc -w | \`-j 1\` faster by |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
awk -v tb="$tsv_bytes" '
  !($1 in t) { order[++n] = $1 }
  !($1 in t) || $2 < t[$1] { t[$1] = $2; m[$1] = $3; c[$1] = $4 + $5 }
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  function both(a, b) { return sprintf("%.2f× (%.2f×)", ratio(t[a], t[b]), ratio(c[a], c[b])) }
  END {
    label["wc"] = "(a) `wc -w`"
    label["code-j1"] = "`verba code -j 1`, 300 keywords"
    label["code-j2"] = "`verba code -j 2`, 300 keywords"
    label["code-j1-null"] = "`verba code -j 1 > /dev/null`, 300 keywords"
    label["code-j2-null"] = "`verba code -j 2 > /dev/null`, 300 keywords"
    label["python"] = "(b) Python `re.findall` + set, 300 keywords"
    label["grep"] = "(c) `LC_ALL=C grep -o -F -w -f`, 300 keywords"
    label["size-30"] = "`verba code -j 1`, 30 keywords (size series)"
    label["size-300"] = "`verba code -j 1`, 300 keywords (size series)"
    label["size-3000"] = "`verba code -j 1`, 3000 keywords (size series)"
    for (i = 1; i <= n; i++) {
      k = order[i]
      printf "| %s | %.2f | %.2f | %.1f (%.1f) | %.1f | %s | %s |\n", label[k], t[k], c[k],
        ratio(tb / 1048576, t[k]), ratio(tb / 1048576, c[k]), m[k] / 1024, both(k, "wc"),
        (k == "python" || k == "grep" ? both(k, "code-j1") : "")
    }
    print ""
    print "| target | elapsed (CPU) | met |"
    print "| --- | ---: | --- |"
    r = ratio(t["code-j1"], t["wc"]);  printf "| `-j 1` at most 2× `wc -w` | %s | %s |\n", both("code-j1", "wc"), (r <= 2 ? "yes" : "no")
    r = ratio(t["python"], t["code-j1"]); printf "| `-j 1` at least 4× faster than (b) | %s | %s |\n", both("python", "code-j1"), (r >= 4 ? "yes" : "no")
    r = ratio(t["grep"], t["code-j1"]); printf "| `-j 1` at least 4× faster than (c) | %s | %s |\n", both("grep", "code-j1"), (r >= 4 ? "yes" : "no")
    r = ratio(t["code-j1"], t["code-j2"]); printf "| `-j 2` at least 1.6× faster than `-j 1` | %.2f× | %s |\n", r, (r >= 1.6 ? "yes" : "no")
    printf "| the same, output thrown away: `-j 1` / `wc -w`; `-j 2` speed-up | %s; %.2f× | |\n", both("code-j1-null", "wc"), ratio(t["code-j1-null"], t["code-j2-null"])
    r = ratio(t["size-3000"], t["size-30"]); printf "| 3000 vs 30 keywords within 1.5× | %s | %s |\n", both("size-3000", "size-30"), (r <= 1.5 ? "yes" : "no")
    printf "| 300 vs 30 keywords | %s | |\n", both("size-300", "size-30")
  }' "$TMP/times"
