#!/bin/sh
# The library's folders are stages, and a stage builds only on the ones
# below it (src/libverba/README.md).  Two views of the same rule:
#
#  - the sources: every #include "…" in src/libverba/FOLDER/ names FOLDER
#    or a folder it may build on, as FOLDER/file.h (no bare names that
#    would hide where a header lives);
#  - the objects: every library symbol a file uses is defined in its own
#    folder or one it may build on (an extern declaration cannot slip past),
#    and no two files call each other, directly or round a longer circle
#    (the codebook model once called its own file readers).
#
# A failure names the file and the include or symbol.
. "$VB_TOP_SRCDIR/tests/tap.sh"
LIB="$VB_TOP_SRCDIR/src/libverba"
OBJ="${VB_TOP_BUILDDIR:-$VB_TOP_SRCDIR}/src/libverba"

# FOLDER: the folders it may build on, itself first.  refi/ sits beside
# code/ and analysis/ (none of the three uses another); report/ runs a
# whole study, so it builds on every stage but refi/.
cat > "$TMP/allowed" <<'EOF'
base: base
codebook: codebook base
stream: stream codebook base
import: import stream codebook base
code: code stream codebook base
refi: refi import stream codebook base
analysis: analysis stream codebook base
learn: learn code stream codebook base
report: report analysis code import stream codebook base
EOF

# Every folder is in the table, and every table row a folder.
folders=$(cd "$LIB" && for d in */; do printf '%s ' "${d%/}"; done)
listed=$(cut -d: -f1 "$TMP/allowed" | sort | tr '\n' ' ')
check_eq "every library folder has a place in the stage order" \
  "$listed" "$(printf '%s\n' $folders | sort | tr '\n' ' ')"

bad=
for dir in $folders; do
  allowed=$(sed -n "s/^$dir: //p" "$TMP/allowed")
  for f in "$LIB/$dir"/*.[ch]; do
    # One line a quoted include: "FILE:LINE:TARGET".
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" \
      | sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1 \2/' > "$TMP/inc"
    while read -r line target; do
      where="src/libverba/$dir/$(basename "$f"):$line"
      case $target in
        */*) ;;
        *) bad="$bad
$where: #include \"$target\" names no folder (write FOLDER/$target)"; continue ;;
      esac
      tdir=${target%%/*}
      ok_dir=no
      for a in $allowed; do [ "$a" = "$tdir" ] && ok_dir=yes; done
      if [ $ok_dir = no ]; then
        bad="$bad
$where: #include \"$target\": $dir/ may build on $allowed only"
      elif [ ! -f "$LIB/$target" ]; then
        bad="$bad
$where: #include \"$target\": no such header"
      fi
    done < "$TMP/inc"
  done
done
if [ -z "$bad" ]; then ok "includes point down the stage order"
else not_ok "includes point down the stage order" "$bad"; fi

# The objects: libtool keeps them beside the .lo files (or in .libs/).
objs=$(cd "$OBJ" 2>/dev/null && ls */*.o 2>/dev/null; cd "$OBJ" 2>/dev/null && ls */.libs/*.o 2>/dev/null)
if [ -z "$objs" ]; then
  not_ok "library objects to check" "no objects under $OBJ (build the library first)"
  tap_done; exit
fi
for o in $objs; do
  nm "$OBJ/$o" | awk -v f="$o" '
    NF == 3 && $2 ~ /^[TDRB]$/ { print "D", f, $3 }
    NF == 2 && $1 == "U" { print "U", f, $2 }'
done > "$TMP/syms"
python3 - "$TMP/syms" "$TMP/allowed" > "$TMP/sym-report" <<'EOF'
import collections, sys
defs, uses = {}, collections.defaultdict(set)
for line in open(sys.argv[1]):
    kind, obj, sym = line.split()
    name = obj.replace('/.libs/', '/')
    if kind == 'D':
        defs[sym] = name
    else:
        uses[name].add(sym)
allowed = {}
for line in open(sys.argv[2]):
    d, rest = line.split(':')
    allowed[d] = rest.split()
edges = collections.defaultdict(set)
for f in sorted(uses):
    for s in sorted(uses[f]):
        g = defs.get(s)
        if g is None or g == f:
            continue
        edges[f].add(g)
        if g.split('/')[0] not in allowed[f.split('/')[0]]:
            print('layer %s: uses %s of %s' % (f, s, g))
# Circles between files: Tarjan's strongly connected components.
index, low, stack, on, n = {}, {}, [], set(), [0]
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            print('circle: ' + ' <-> '.join(sorted(comp)))
sys.setrecursionlimit(10000)
for v in sorted(set(uses) | set(defs.values())):
    if v not in index:
        visit(v)
EOF
grep '^layer ' "$TMP/sym-report" | sed 's/^layer //' > "$TMP/layer"
grep '^circle: ' "$TMP/sym-report" > "$TMP/circle"
if [ -s "$TMP/layer" ]; then not_ok "symbols used point down the stage order" "$(cat "$TMP/layer")"
else ok "symbols used point down the stage order"; fi
if [ -s "$TMP/circle" ]; then not_ok "no file of the library calls back into a file that calls it" "$(cat "$TMP/circle")"
else ok "no file of the library calls back into a file that calls it"; fi
check_eq "symbols were read from every object" "$(echo "$objs" | wc -l)" \
  "$(cut -d' ' -f2 "$TMP/syms" | sort -u | wc -l)"

tap_done
