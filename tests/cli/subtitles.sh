#!/bin/sh
# `verba import -f vtt|srt` (and -f auto by the file's ending): cues as
# speaker turns with their timings, tags and NOTE/STYLE/REGION blocks
# removed, offsets into the source, errors with file, line and column.
. "$VB_TOP_SRCDIR/tests/tap.sh"
SUB="$VB_TOP_SRCDIR/tests/data/subtitles"

"$VERBA" import "$SUB/interview.vtt" > "$TMP/vtt.tsv"
check_output "WebVTT: voices, labels, turns, tags, entities, phase" "document	segment	speaker	role	phase	start	end	cue_start	cue_end	text
interview	1	Interviewer	interviewer	spontaneous	287	367	00:00:01.000	00:00:04.500	Thanks for joining. What should a provider owe the public?
interview	2	Dr Jane Okafor	participant	spontaneous	399	594	00:00:05.000	00:00:09.000	Honesty first & foremost, when things go wrong. And to own their mistakes <properly>.
interview	3	Interviewer	interviewer	spontaneous	626	653	00:01:02.000	00:01:04.000	Anything else?
interview	4	Dr Jane Okafor	participant	spontaneous	679	767	00:01:04.500	00:01:09.500	Value for money. Contracts should be published.
interview	5	Interviewer	interviewer	prompted	829	874	00:01:12.000	00:01:15.000	Here are the seven principles." "$TMP/vtt.tsv"

"$VERBA" import "$SUB/group.srt" > "$TMP/srt.tsv"
check_output "SubRip: CRLF, numbers, coordinates, {\\an8}, <font>, numeric entities" "document	segment	speaker	role	phase	start	end	cue_start	cue_end	text
group	1	MODERATOR	moderator	spontaneous	34	63	00:00:01.000	00:00:03.000	Welcome, everyone.
group	2	Tom	participant	spontaneous	101	216	00:00:03.500	00:00:08.000	I think the council should publish every contract. They never do.
group	3	Priya	participant	spontaneous	279	328	00:00:09.000	00:00:10.000	Agreed.
group	4	Tom	participant	spontaneous	366	404	00:00:10.000	00:00:12.500	The “open book” idea." "$TMP/srt.tsv"

# start/end run from the first character of a turn's first cue text line
# to the end of its last one, in code points (CRs counted): found here
# by searching the source for those lines.
span () { # FILE FIRST-LINE-START LAST-LINE-END
  python3 - "$@" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8", newline="").read()
a = src.index(sys.argv[2]); b = src.index(sys.argv[3]) + len(sys.argv[3])
print("%d\t%d" % (a, b))
PY
}
if command -v python3 > /dev/null; then
  check_eq "vtt: offsets of a turn of two cues" "$(span "$SUB/interview.vtt" "<v.loud Dr" "&lt;properly&gt;.")" \
    "$(awk -F'\t' '$2 == 2 { print $6 "\t" $7 }' "$TMP/vtt.tsv")"
  check_eq "srt: offsets with CRLF" "$(span "$SUB/group.srt" "Tom: I think" "They never do.")" \
    "$(awk -F'\t' '$2 == 2 { print $6 "\t" $7 }' "$TMP/srt.tsv")"
else
  ok "# SKIP python3 not installed"; ok "# SKIP python3 not installed"
fi

# -f names the format whatever the file is called; a directory takes
# .vtt and .srt files with the .txt ones.
cp "$SUB/group.srt" "$TMP/call.txt"
"$VERBA" import -f srt "$TMP/call.txt" | cut -f2- > "$TMP/a"
cut -f2- "$TMP/srt.tsv" > "$TMP/b"
if cmp -s "$TMP/a" "$TMP/b"; then ok "-f srt on a .txt file"; else not_ok "-f srt on a .txt file" "$(diff "$TMP/b" "$TMP/a")"; fi
mkdir "$TMP/dir" && cp "$SUB/interview.vtt" "$SUB/group.srt" "$TMP/dir/"
check_eq "a directory imports .vtt and .srt" "group interview" \
  "$("$VERBA" import "$TMP/dir" | sed 1d | cut -f1 | uniq | tr '\n' ' ' | sed 's/ $//')"
check_eq "--moderator names a leader in a subtitle file" "interviewer" \
  "$("$VERBA" import --moderator Tom "$SUB/group.srt" | awk -F'\t' '$2 == 2 { print $4 }')"

# The stream codes like any other; the cue timings stay with the segment.
"$VERBA" code -q --long -c seven-principles "$TMP/vtt.tsv" | grep -v '^#' \
  | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
                $h["code"] != "" { print $h["segment"] "\t" $h["code"] "\t" $h["match"] "\t" $h["cue_start"] }' > "$TMP/t"
check_output "subtitle segments code" "2	honesty	Honesty	00:00:05.000
4	accountability	Value for money	00:01:04.500" "$TMP/t"

# A cue without a speaker after no turn is a segment of its own.
printf 'WEBVTT\n\n00:01.000 --> 00:02.000\nFirst line.\n\n00:02.000 --> 00:03.000\nSecond line.\n' > "$TMP/plain.vtt"
check_eq "cues without speakers: one segment each" "First line.|Second line." \
  "$("$VERBA" import "$TMP/plain.vtt" | sed 1d | cut -f10 | paste -sd'|')"

# One cue may hold several speakers, a voice span or a label a line.
printf 'WEBVTT\n\n00:01.000 --> 00:03.000\n<v Anna>Is it open?\n<v Ben>Not to us.\n\n00:03.000 --> 00:04.000\nTom: Fair.\nAnna: Quite.\n' > "$TMP/multi.vtt"
"$VERBA" import "$TMP/multi.vtt" | cut -f3,8- > "$TMP/t"
check_output "several speakers in one cue" "speaker	cue_start	cue_end	text
Anna	00:00:01.000	00:00:03.000	Is it open?
Ben	00:00:01.000	00:00:03.000	Not to us.
Tom	00:00:03.000	00:00:04.000	Fair.
Anna	00:00:03.000	00:00:04.000	Quite." "$TMP/t"

# A cue straight after the WEBVTT line (no blank line) is still a cue.
printf 'WEBVTT\n00:01.000 --> 00:02.000\nAnna: Straight in.\n' > "$TMP/nohdr.vtt"
check_eq "a cue right after WEBVTT" "Anna	Straight in." "$("$VERBA" import "$TMP/nohdr.vtt" | sed 1d | cut -f3,10)"

# Cues out of time order (found by tests/fuzz/fuzz-subtitles): a turn
# spans all of its cues, so its cue_end is never before its cue_start.
printf '1\n00:00:01,000 --> 00:00:02,000\nA: one\n\n2\n00:00:00,500 --> 00:00:00,900\nA: two\n\n3\n00:00:03,000 --> 00:00:04,000\nB: three\n' > "$TMP/order.srt"
"$VERBA" import "$TMP/order.srt" | cut -f3,8- > "$TMP/t"
check_output "cues out of order: a turn spans all its cues" "speaker	cue_start	cue_end	text
A	00:00:00.500	00:00:02.000	one two
B	00:00:03.000	00:00:04.000	three" "$TMP/t"

# ---- bad files ----
bad () { # NAME FILE CONTENT(printf format) EXPECTED-MESSAGE
  printf "$3" > "$TMP/$2"
  check_status "$1: exit 1" 1 "$VERBA" import "$TMP/$2"
  check_output "$1: message" "verba import: $TMP/$2$4" "$TMP/err"
  check_eq "$1: nothing on stdout" "" "$(cat "$TMP/out")"
}
bad "not WebVTT" nohead.vtt '1\n00:00:01.000 --> 00:00:02.000\nhi\n' ":1: not a WebVTT file (the first line must be WEBVTT)"
bad "bad milliseconds" ms.srt '1\n00:00:01,000 --> 00:00:02,0x0\nhi\n' ":2:18: bad cue timing '00:00:01,000 --> 00:00:02,0x0' (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"
bad "srt without hours" noh.srt '1\n00:01,000 --> 00:02,000\nhi\n' ":2:1: bad cue timing '00:01,000 --> 00:02,000' (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"
bad "minutes over 59" min.vtt 'WEBVTT\n\n00:61:00.000 --> 01:02:00.000\nhi\n' ":3:1: bad cue timing '00:61:00.000 --> 01:02:00.000' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)"
bad "arrow missing" arrow.srt '1\n00:00:01,000 -> 00:00:02,000\nhi\n' ":2: expected a cue timing (HH:MM:SS,mmm --> HH:MM:SS,mmm), found '00:00:01,000 -> 00:00:02,000'"
bad "cue ends before it starts" back.vtt 'WEBVTT\n\n00:05.000 --> 00:04.000\nhi\n' ":3: the cue ends before it starts"

tap_done
