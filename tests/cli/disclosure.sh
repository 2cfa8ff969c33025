#!/bin/sh
# Disclosure control: cells hidden for a low base or a low count
# (primary suppression) are joined by enough others that none can be worked
# out from the All column (secondary suppression).
. "$VB_TOP_SRCDIR/tests/tap.sh"

"$VERBA" import "$VB_TOP_SRCDIR/data/ethical-standards" 2> /dev/null \
  | "$VERBA" code -q -c seven-principles > "$TMP/coded.tsv"

# The public column (base 6) is below a minimum base of 7; the stakeholder
# column alone beside All would give it away, so it is hidden too.
"$VERBA" freq --by stage --small-base suppress --min-base 7 -t tsv "$TMP/coded.tsv" > "$TMP/t"
check_output "a column hidden for its base takes its complement with it" \
"code	label	public	stakeholder	all
selflessness	Selflessness	[low base]	[low base]	most (18 of 21)
integrity	Integrity	[low base]	[low base]	almost all (20 of 21)
objectivity	Objectivity	[low base]	[low base]	almost all (19 of 21)
accountability	Accountability	[low base]	[low base]	all (21 of 21)
openness	Openness	[low base]	[low base]	most (18 of 21)
honesty	Honesty	[low base]	[low base]	most (17 of 21)
leadership	Leadership	[low base]	[low base]	most (15 of 21)
base	Base (documents)	6	15	21" "$TMP/t"

"$VERBA" freq --by stage --min-count 6 -t txt "$TMP/coded.tsv" > "$TMP/t"
check_output "a minimum cell count, and the row's other cell hidden with it" \
"Codes by stage (documents)

                        public            stakeholder                    All
----------------------------------------------------------------------------
Selflessness        [low base]             [low base]        most (18 of 21)
Integrity         all (6 of 6)  almost all (14 of 15)  almost all (20 of 21)
Objectivity       all (6 of 6)        most (13 of 15)  almost all (19 of 21)
Accountability    all (6 of 6)         all (15 of 15)         all (21 of 21)
Openness          all (6 of 6)        most (12 of 15)        most (18 of 21)
Honesty           all (6 of 6)        most (11 of 15)        most (17 of 21)
Leadership          [low base]             [low base]        most (15 of 21)
Base (documents)             6                     15                     21

Count: documents that raised the code. Base: documents with a counted segment in the column.
Moderators' and interviewers' words are not counted.
[low base]: fewer than 6 documents; not shown.
[low base] also in 2 other cells (secondary suppression), so that no hidden cell can be worked out from the totals." "$TMP/t"

# The property over many tables: no row has exactly one hidden cell beside
# a shown All cell.
bad=
for by in stage location type sector; do
  for opt in "--small-base suppress --min-base 5" "--small-base suppress --min-base 8" \
             "--small-base suppress --min-base 16" "--min-count 3" "--min-count 7" \
             "--small-base suppress --min-count 10"; do
    # shellcheck disable=SC2086
    "$VERBA" freq --by "$by" $opt --unit document -t tsv "$TMP/coded.tsv" > "$TMP/p" 2> /dev/null || continue
    r=$(awk -F'\t' 'NR > 1 && $1 != "base" {
          h = 0; for (i = 3; i < NF; i++) h += ($i == "[low base]");
          if (h == 1 && $NF != "[low base]") print $1 }' "$TMP/p")
    [ -z "$r" ] || bad="$bad
--by $by $opt: $r"
  done
done
if [ -z "$bad" ]; then ok "no hidden cell can be worked out from the All column"
else not_ok "no hidden cell can be worked out from the All column" "$bad"; fi

"$VERBA" freq --by stage -t tsv "$TMP/coded.tsv" > "$TMP/a"
"$VERBA" freq --by stage --min-count 0 -t tsv "$TMP/coded.tsv" > "$TMP/b"
check_eq "--min-count 0 changes nothing" "same" "$(cmp -s "$TMP/a" "$TMP/b" && echo same)"
check_status "--min-count takes a number" 2 "$VERBA" freq --min-count many "$TMP/coded.tsv"
check_output "... and says so" "verba freq: --min-count: 'many' is not a number of units (0 to 1000000)" "$TMP/err"

tap_done
