#!/bin/sh
# Privacy by default: tables, quotes and reports never show a speaker's
# name unless asked (--names); labels that name no one stay as written;
# a pseudonyms file says how to show each speaker.
. "$VB_TOP_SRCDIR/tests/tap.sh"

mkdir "$TMP/study"
cat > "$TMP/study/i01.txt" <<'EOF'
Interviewer: What should a provider owe the public?
Margaret: Honesty, above all, when something goes wrong.
Interviewer: And who holds them to it?
Margaret: The council should, and it should publish what it finds.
Tom: Honesty matters to me as well, and so does openness.
EOF
cat > "$TMP/study/i02.txt" <<'EOF'
Moderator: Who should answer for a service?
P4: The manager should answer for it, honestly.
Derek: Honesty is what I want from them.
EOF
cat > "$TMP/cb.codebook" <<'EOF'
[codebook]
id = privacy
title = Privacy test

[principle:honesty]
label = Honesty
rule = honest*

[principle:openness]
label = Openness
rule = openness OR publish*
EOF
"$VERBA" import -q "$TMP/study" | "$VERBA" code -q -c "$TMP/cb.codebook" > "$TMP/coded.tsv"

# Every output that shows speakers, by default: no name anywhere.
"$VERBA" quotes -t tsv "$TMP/coded.tsv" > "$TMP/q.tsv"
"$VERBA" quotes -t md "$TMP/coded.tsv" > "$TMP/q.md"
"$VERBA" matrix --rows participant --cols principle -t tsv "$TMP/coded.tsv" > "$TMP/m.tsv"
"$VERBA" matrix --rows participant --cols principle --cell quotes -t md "$TMP/coded.tsv" > "$TMP/mq.md"
"$VERBA" freq --by speaker --unit segment -t tsv "$TMP/coded.tsv" > "$TMP/f.tsv"
"$VERBA" report -c "$TMP/cb.codebook" -t txt "$TMP/study" > "$TMP/r.txt"
"$VERBA" report -c "$TMP/cb.codebook" -o "$TMP/r.html" "$TMP/study"
named=$(grep -l -E 'Margaret|Tom|Derek' "$TMP/q.tsv" "$TMP/q.md" "$TMP/m.tsv" "$TMP/mq.md" \
          "$TMP/f.tsv" "$TMP/r.txt" "$TMP/r.html" | sed "s|$TMP/||" | tr '\n' ' ')
check_eq "no output names a speaker by default" "" "$named"

cut -f1 "$TMP/m.tsv" | sed '/^$/,$d' > "$TMP/m.tsv.rows"
check_output "participants numbered by first turn in their document; codes kept as written" \
"participant
i01: participant 1
i01: participant 2
i02: P4
i02: participant 1" "$TMP/m.tsv.rows"

# The fallback attribution (no attribution, location, age or grade): the
# document and the speaker as shown.
check_grep "fallback attribution with the pseudonym" \
  '"Honesty, above all, when something goes wrong." i01, participant 1.' "$TMP/q.md"
check_grep "quotes' speaker column with the pseudonym" \
  "	i01	2	participant 1" "$TMP/q.tsv"
check_grep "the HTML report says how speakers are shown" \
  "Never named: a speaker label that names no one" "$TMP/r.html"

# Filters do not renumber: a speaker keeps its number in every table.
"$VERBA" quotes --code openness -t md "$TMP/coded.tsv" > "$TMP/q2.md"
check_grep "a speaker quoted alone keeps its number" \
  '"Honesty matters to me as well, and so does openness." i01, participant 2.' "$TMP/q2.md"

# {speaker} in a template is the speaker as shown.
"$VERBA" quotes --code openness --attribution '{document} / {speaker}' -t md "$TMP/coded.tsv" > "$TMP/q3.md"
check_grep "{speaker} is the pseudonym" '" i01 / participant 1.' "$TMP/q3.md"

# --names: as written.
"$VERBA" quotes --names -t md "$TMP/coded.tsv" > "$TMP/qn.md"
check_grep "--names shows names in quotes" '"Honesty, above all, when something goes wrong." i01, Margaret.' "$TMP/qn.md"
"$VERBA" matrix --names --rows participant --cols principle -t tsv "$TMP/coded.tsv" | cut -f1 > "$TMP/mn"
check_grep "--names shows names in matrices" "i02: Derek" "$TMP/mn"
"$VERBA" report --names -c "$TMP/cb.codebook" -o "$TMP/rn.html" "$TMP/study"
check_grep "the report says names were asked for" "asked for with --names" "$TMP/rn.html"

# A pseudonyms file.
printf 'document,speaker,pseudonym\ni01,Margaret,Resident A\ni02,Derek,Resident B\n' > "$TMP/p.csv"
"$VERBA" quotes --pseudonyms "$TMP/p.csv" -t md "$TMP/coded.tsv" > "$TMP/qp.md"
check_grep "pseudonyms file in quotes" '"Honesty, above all, when something goes wrong." i01, Resident A.' "$TMP/qp.md"
check_grep "speakers the file does not name are numbered" \
  '"Honesty matters to me as well, and so does openness." i01, participant 1.' "$TMP/qp.md"
"$VERBA" matrix --pseudonyms "$TMP/p.csv" --rows participant --cols principle -t tsv "$TMP/coded.tsv" | cut -f1 > "$TMP/mp"
check_grep "pseudonyms file in matrices" "i02: Resident B" "$TMP/mp"

printf 'document,who,pseudonym\ni01,Margaret,A\n' > "$TMP/bad.csv"
check_status "a pseudonyms file without a speaker column fails" 1 "$VERBA" quotes --pseudonyms "$TMP/bad.csv" "$TMP/coded.tsv"
check_output "... naming the file and line" \
  "verba quotes: $TMP/bad.csv:1: no column 'speaker' (a pseudonyms file has document, speaker and pseudonym)" "$TMP/err"
printf 'document,speaker,pseudonym\ni01,Margaret,A\ni01,Margaret,B\n' > "$TMP/twice.csv"
check_status "a speaker given two pseudonyms fails" 1 "$VERBA" freq --by speaker --pseudonyms "$TMP/twice.csv" "$TMP/coded.tsv"
check_output "... naming the line" \
  "verba freq: $TMP/twice.csv:3: speaker 'Margaret' of i01 is given a pseudonym twice" "$TMP/err"
check_status "a missing pseudonyms file fails" 1 "$VERBA" report --pseudonyms "$TMP/none.csv" "$TMP/study"

tap_done
