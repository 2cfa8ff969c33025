#!/bin/sh
# Scores the bundled codebooks against the validity gold set, or the two
# coders against each other (issue #15).  Markdown on standard output, ready
# for validity/RESULTS.md; work files in a temporary directory (-k keeps it).
#
#   validity/run.sh [-k] [--half H] [gold [GOLD.csv]]
#                                               rules against gold, dev and test
#                                               (or only half H: dev or test)
#   validity/run.sh [-k] coders [A.csv B.csv]   coder A against coder B, kappa
#
# GOLD.csv defaults to validity/coding/gold.csv, A and B to
# validity/coding/coder-a.csv and coder-b.csv (columns id,principles,stance,
# note, as validity/coding/TEMPLATE.csv).  verba is $VERBA, else the one
# built beside this folder; ../shared is $VB_SHARED, else the worktree's
# sibling.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
VERBA=${VERBA:-$here/../verba}
PY=${PYTHON:-python3}
keep=no
halves="dev test"
while [ $# -gt 0 ]; do
	case $1 in
	-k) keep=yes; shift ;;
	--half)
		# rework rules on dev without printing test figures
		case ${2:-} in dev|test) halves=$2 ;; *) echo "run.sh: --half takes dev or test" >&2; exit 2 ;; esac
		shift 2 ;;
	*) break ;;
	esac
done
mode=${1:-gold}
[ $# -gt 0 ] && shift

[ -x "$VERBA" ] || { echo "run.sh: no verba at $VERBA (build first, or set VERBA)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/verba-validity.XXXXXX")
if [ $keep = yes ]; then
	echo "run.sh: work files in $work" >&2
else
	trap 'rm -rf "$work"' EXIT
fi
$PY "$here/extract.py" --check >&2

# import CSV CODEBOOK CODER OUT: a coded stream of one column of answers
import_codes() {
	"$VERBA" import -f csv -c "$2" --id id --text-cols text --codes-col codes \
		--coder "$3" -o "$4" "$1" 2>>"$work/log"
}

principles="selflessness integrity objectivity accountability openness honesty leadership"
stances="support oppose mixed neutral"

# score GOLD.tsv AUTO.tsv TITLE CODES...: P/R/F1 from agree --gold, kappa from
# agree on the same two streams (codings of every source: AUTO must hold
# only the rules' or only one other coder's).
score() {
	g=$1 a=$2 t=$3; shift 3
	codes=
	for c in "$@"; do codes="$codes --code $c"; done
	# shellcheck disable=SC2086
	"$VERBA" agree --gold "$g" --codings all $codes -t tsv "$a" > "$work/p.tsv"
	# shellcheck disable=SC2086
	"$VERBA" agree -B 0 $codes -t tsv "$g" "$a" > "$work/k.tsv"
	$PY "$here/harness.py" table "$t" "$work/p.tsv" "$work/k.tsv" "$@"
}

case $mode in
gold)
	gold=${1:-$here/coding/gold.csv}
	echo "## Rules against the gold set"
	echo
	echo "Gold: \`${gold#"$here/"}\`; $("$VERBA" --version 2>/dev/null | head -n 1 || true)."
	echo
	for half in $halves; do
		d=$work/$half
		$PY "$here/harness.py" prepare "$gold" "$d" --half $half
		import_codes "$d/principles.csv" seven-principles gold "$d/gold-p.tsv"
		import_codes "$d/stance.csv" consultation-stance gold "$d/gold-s.tsv"
		"$VERBA" import -f csv --id id --text-cols text -o "$d/plain.tsv" "$d/text.csv" 2>>"$work/log"

		echo "### $half"
		echo
		"$VERBA" code -c seven-principles -o "$d/auto-p.tsv" "$d/plain.tsv" 2>>"$work/log"
		score "$d/gold-p.tsv" "$d/auto-p.tsv" "seven-principles ($half)" $principles

		"$VERBA" code -c public-service-values -o "$d/auto-v.tsv" "$d/plain.tsv" 2>>"$work/log"
		$PY "$here/harness.py" map-psv "$d/auto-v.tsv" "$d/text.csv" "$d/psv.csv"
		import_codes "$d/psv.csv" seven-principles psv "$d/psv.tsv"
		score "$d/gold-p.tsv" "$d/psv.tsv" "public-service-values mapped to the seven ($half)" $principles

		"$VERBA" code -c consultation-stance -o "$d/auto-s.tsv" "$d/plain.tsv" 2>>"$work/log"
		$PY "$here/harness.py" collapse-stance "$d/auto-s.tsv" "$d/text.csv" "$d/stance-auto.csv"
		import_codes "$d/stance-auto.csv" consultation-stance rules "$d/stance-auto.tsv"
		score "$d/gold-s.tsv" "$d/stance-auto.tsv" "consultation-stance, one stance a segment ($half)" $stances
		$PY "$here/harness.py" multiclass "$d/stance.csv" "$d/stance-auto.csv"
	done
	;;
coders)
	a=${1:-$here/coding/coder-a.csv}
	b=${2:-$here/coding/coder-b.csv}
	echo "## Agreement between the two coders"
	echo
	for who in a b; do
		eval f=\$$who
		$PY "$here/harness.py" prepare "$f" "$work/$who"
		import_codes "$work/$who/principles.csv" seven-principles "coder-$who" "$work/$who-p.tsv"
		import_codes "$work/$who/stance.csv" consultation-stance "coder-$who" "$work/$who-s.tsv"
	done
	for kind in p s; do
		if [ $kind = p ]; then codes=$principles; what="Principles"; else codes=$stances; what="Stance"; fi
		echo "### $what"
		echo
		cs=
		for c in $codes; do cs="$cs --code $c"; done
		# shellcheck disable=SC2086
		"$VERBA" agree $cs -t md "$work/a-$kind.tsv" "$work/b-$kind.tsv"
		echo
		# shellcheck disable=SC2086
		"$VERBA" agree --disagreements $cs "$work/a-$kind.tsv" "$work/b-$kind.tsv" \
			> "$here/coding/disagreements-$kind.tsv"
		echo "Disagreements listed in \`validity/coding/disagreements-$kind.tsv\`."
		echo
	done
	$PY "$here/harness.py" multiclass "$work/a/stance.csv" "$work/b/stance.csv"
	;;
*)
	echo "usage: run.sh [-k] [--half dev|test] gold [GOLD.csv] | coders [A.csv B.csv]" >&2
	exit 2
	;;
esac
