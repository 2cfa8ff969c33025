#!/bin/sh
# Issue #14: -o onto a character device or a fifo writes it in place and
# never renames a file over it (as root, -o /dev/null replaced the
# system's device); a regular file is still replaced atomically; SIGINT,
# SIGTERM and SIGHUP remove the temporary file beside -o.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks/seven-principles"
DATA="$VB_TOP_SRCDIR/data/ethical-standards"
"$VERBA" import "$DATA" > "$TMP/seg.tsv" 2> /dev/null
"$VERBA" code -q -c "$CB" "$TMP/seg.tsv" > "$TMP/coded.tsv"
"$VERBA" freq "$TMP/coded.tsv" > "$TMP/freq.tsv"
mkdir "$TMP/d"

# ---- special files ----
# Where /dev/null is not a device to begin with (something else, run as
# root, replaced it), there is nothing to keep.
if [ -c /dev/null ]; then
  check_status "-o /dev/null succeeds" 0 "$VERBA" freq -o /dev/null "$TMP/coded.tsv"
  check_eq "-o /dev/null: still a character device" yes "$([ -c /dev/null ] && echo yes)"
  check_status "code -o /dev/null succeeds" 0 "$VERBA" code -q -c "$CB" -o /dev/null "$TMP/seg.tsv"
  check_eq "code -o /dev/null: still a character device" yes "$([ -c /dev/null ] && echo yes)"
  check_eq "no temporary file beside /dev/null" "" "$(ls -d /dev/null.tmp-* 2> /dev/null)"
else
  for i in 1 2 3 4 5; do ok "# SKIP /dev/null is not a character device here"; done
fi
# A device node of the test's own, where one can be made (root).
if mknod "$TMP/d/null" c 1 3 2> /dev/null; then
  check_status "-o a device node succeeds" 0 "$VERBA" quotes -o "$TMP/d/null" "$TMP/coded.tsv"
  check_eq "-o a device node: still a character device, nothing beside it" "device null" \
    "$([ -c "$TMP/d/null" ] && echo device) $(ls "$TMP/d")"
  rm "$TMP/d/null"
else
  ok "# SKIP cannot make a device node"; ok "# SKIP"
fi

mkfifo "$TMP/d/fifo"
cat "$TMP/d/fifo" > "$TMP/from-fifo" &
reader=$!
check_status "-o FIFO with a reader succeeds" 0 "$VERBA" freq -o "$TMP/d/fifo" "$TMP/coded.tsv"
wait $reader
check_eq "-o FIFO: the reader got the table" "" "$(cmp "$TMP/freq.tsv" "$TMP/from-fifo" 2>&1)"
check_eq "-o FIFO: still a fifo, nothing beside it" "fifo " \
  "$([ -p "$TMP/d/fifo" ] && echo fifo) $(ls "$TMP/d" | grep -v '^fifo$')"
cat "$TMP/d/fifo" > "$TMP/from-fifo" &
reader=$!
check_status "export -o FIFO succeeds" 0 "$VERBA" export --to qdpx -o "$TMP/d/fifo" "$TMP/coded.tsv"
wait $reader
check_eq "export -o FIFO: a zip came through" "PK" "$(head -c 2 "$TMP/from-fifo")"
rm "$TMP/d/fifo"

# A regular file is still written beside and renamed: a reader holding
# the old file keeps the old content.
echo old > "$TMP/d/out.tsv"
exec 3< "$TMP/d/out.tsv"
check_status "-o a regular file succeeds" 0 "$VERBA" freq -o "$TMP/d/out.tsv" "$TMP/coded.tsv"
check_eq "-o a regular file: replaced, not rewritten in place" "old" "$(cat <&3)"
exec 3<&-
check_eq "-o a regular file: the new table" "" "$(cmp "$TMP/freq.tsv" "$TMP/d/out.tsv" 2>&1)"
# A symbolic link is followed: the file it names is replaced, the link
# stays (-o /dev/stdout with standard output on a file must not put a file
# in /dev).
echo old > "$TMP/d/target.tsv"
ln -s target.tsv "$TMP/d/link.tsv"
check_status "-o a symbolic link succeeds" 0 "$VERBA" freq -o "$TMP/d/link.tsv" "$TMP/coded.tsv"
check_eq "-o a symbolic link: still a link" "link" "$([ -L "$TMP/d/link.tsv" ] && echo link)"
check_eq "-o a symbolic link: the file it names has the table" "" \
  "$(cmp "$TMP/freq.tsv" "$TMP/d/target.tsv" 2>&1)"
rm "$TMP/d/link.tsv" "$TMP/d/target.tsv"
check_status "-o /dev/stdout onto a file" 0 \
  sh -c '"$1" freq -o /dev/stdout "$2" > "$3"' sh "$VERBA" "$TMP/coded.tsv" "$TMP/d/via.tsv"
check_eq "-o /dev/stdout: the table in the file" "" "$(cmp "$TMP/freq.tsv" "$TMP/d/via.tsv" 2>&1)"
check_eq "-o /dev/stdout: still a link" "link" "$([ -L /dev/stdout ] && echo link)"
rm "$TMP/d/via.tsv"
if command -v python3 > /dev/null; then
  python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/d/sock"
  check_status "-o a socket is refused" 1 "$VERBA" freq -o "$TMP/d/sock" "$TMP/coded.tsv"
  check_eq "-o a socket: message" \
    "verba freq: $TMP/d/sock: cannot write: not a regular file, character device or fifo" \
    "$(cat "$TMP/err")"
  check_eq "-o a socket: left as it is" "socket" "$([ -S "$TMP/d/sock" ] && echo socket)"
  rm -f "$TMP/d/sock"
else
  ok "# SKIP no python3 to make a socket"; ok "# SKIP"; ok "# SKIP"
fi

# ---- signals ----
# verba code reads its input from a fifo kept open, so the run is still
# going (its temporary file made, half the input coded) when the signal
# comes.  A shell starts background jobs with SIGINT ignored; env gives
# it back its default, as a terminal's ^C would find it.
for sig in INT TERM HUP; do
  rm -f "$TMP/d/"*
  mkfifo "$TMP/d/in"
  env --default-signal="$sig" "$VERBA" code -q -j 2 -c "$CB" -o "$TMP/d/out.tsv" "$TMP/d/in" \
    2> "$TMP/err" &
  pid=$!
  exec 3> "$TMP/d/in"
  cat "$TMP/seg.tsv" >&3
  n=0
  while [ -z "$(ls "$TMP/d" | grep 'out.tsv.tmp-')" ] && [ $n -lt 100 ]; do
    sleep 0.1; n=$((n + 1))
  done
  check_eq "SIG$sig: the run made its temporary file" "out.tsv.tmp-XXXXXX" \
    "$(ls "$TMP/d" | grep 'out.tsv.tmp-' | sed 's/tmp-.*/tmp-XXXXXX/')"
  kill -s "$sig" $pid
  wait $pid
  status=$?
  exec 3>&-
  check_eq "SIG$sig: the run dies of the signal" "$(( 128 + $(kill -l "$sig") ))" "$status"
  check_eq "SIG$sig: no file left beside -o" "in" "$(ls "$TMP/d")"
done
# nohup: a signal the caller ignores stays ignored.
rm -f "$TMP/d/"*
mkfifo "$TMP/d/in"
nohup "$VERBA" code -q -c "$CB" -o "$TMP/d/out.tsv" "$TMP/d/in" > /dev/null 2>&1 &
pid=$!
exec 3> "$TMP/d/in"
sleep 0.3
kill -s HUP $pid
cat "$TMP/seg.tsv" >&3
exec 3>&-
wait $pid
check_eq "nohup: SIGHUP ignored, the run completes" "0" "$?"
check_eq "nohup: the output is there" "in out.tsv" "$(ls "$TMP/d" | tr '\n' ' ' | sed 's/ $//')"
tap_done
