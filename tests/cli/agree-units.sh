#!/bin/sh
# verba agree's units, worked out by hand: streams that list the segments in
# different orders, a segment one stream alone holds, documents whose names
# are prefixes of others (d1, d10), segments first read from the second or
# third stream, many codes a segment on which coders differ, and more coders
# than fit in a byte.  agree keeps a compact record a segment (issue #19);
# these pin what it must still see.
. "$VB_TOP_SRCDIR/tests/tap.sh"

cd "$TMP"
h='document	segment	role	codes	text'
printf '%s\n' "$h" \
  'd1	1	participant	x;y;z	One.' \
  'd1	2	participant	x	Two.' \
  'd10	1	participant		Ten one.' \
  'd2	1	participant	y	Two one.' \
  'd5	1	moderator	x	Anything else?' > a.tsv
printf '%s\n' "$h" \
  'd2	1	participant	x;y	Two one.' \
  'd1	2	participant	x	Two.' \
  'd1	1	participant	z;w	One.' \
  'd3	1	participant	w	Three one.' \
  'd10	1	participant	y	Ten one.' \
  'd5	1	moderator		Anything else?' > b.tsv
printf '%s\n' "$h" \
  'd3	1	participant	w	Three one.' \
  'd1	1	participant	x;y;z;w	One.' \
  'd4	1	participant	x	Four.' > c.tsv

# By hand: units d1:1 (a b c), d1:2 (a b), d10:1 (a b), d2:1 (a b),
# d3:1 (b c), d4:1 (c alone: missing); d5:1 is a moderator's.  Codes in
# order of first use: x y z w.
"$VERBA" agree -D a.tsv b.tsv c.tsv > out 2>&1
check_output "segments: every differing (unit, code), a stream lacking it empty" \
"document	segment	code	a	b	c	text
d1	1	x	1	0	1	One.
d1	1	y	1	0	1	One.
d1	1	w	0	1	1	One.
d10	1	y	0	1		Ten one.
d2	1	x	0	1		Two one." out

# A document's judgement is any of its segments': d1's x is 1 for a (d1:1),
# b (d1:2) and c, so it agrees.
"$VERBA" agree -D -u document a.tsv b.tsv c.tsv > out 2>&1
check_output "documents: the codes a coder applied anywhere in them" \
"document	segment	code	a	b	c	text
d1		y	1	0	1	
d1		w	0	1	1	
d10		y	0	1		
d2		x	0	1		" out

"$VERBA" agree -B 0 a.tsv b.tsv c.tsv | cut -f 1,3-6 > out
check_output "counts: five pairable units, d4:1 missing" \
"code	n	agree	disagree	missing
x	5	3	2	1
y	5	3	2	1
z	5	5	0	1
w	5	4	1	1
all	20	15	5	4" out

# Nine coders (a and b again and again, a last): every unit but d4:1 now
# has a and b, d3:1 the four b's; the ninth coder's judgements must count
# (were they lost, x on d1:2 would disagree).
"$VERBA" agree -B 0 a.tsv b.tsv a.tsv b.tsv a.tsv b.tsv a.tsv b.tsv a.tsv | cut -f 1,3-6 > out
check_output "nine coders: the same disagreements as a against b" \
"code	n	agree	disagree	missing
x	5	3	2	0
y	5	3	2	0
z	5	5	0	0
w	5	4	1	0
all	20	15	5	0" out

# d3:1 was first read from b.tsv (line 5): the message names it, not a.tsv.
sed 's/Three one\./Three, one./' c.tsv > c2.tsv
check_status "a text that differs from the stream that first held it: fail" 1 \
  "$VERBA" agree a.tsv b.tsv c2.tsv
check_eq "names that stream's file and line" \
  "verba agree: b.tsv:5 and c2.tsv:2: segment d3:1 has different texts in the two streams" \
  "$(cat "$TMP/err")"

tap_done
