#!/bin/sh
# `verba codebook`: check, show as an appendix or a table, errors.
. "$VB_TOP_SRCDIR/tests/tap.sh"
CB="$VB_TOP_SRCDIR/codebooks"

check_status "bundled codebooks check" 0 "$VERBA" codebook check "$CB/seven-principles.codebook" "$CB/public-standards.codebook" "$CB/stakeholder-standards.codebook" "$CB/public-service-values.codebook"
check_grep "seven principles" "seven-principles.codebook: ok: 7 principles, 0 themes," "$TMP/out"
check_grep "public-standards imports the principles" "public-standards.codebook: ok: 7 principles," "$TMP/out"
check_grep "public service values" "public-service-values.codebook: ok: 5 principles," "$TMP/out"

# A bundled codebook is found by name from anywhere.
(cd "$TMP" && "$VERBA" codebook show -t tsv seven-principles) | cut -f1,2 > "$TMP/t"
check_output "seven principles in order" "code	kind
selflessness	principle
integrity	principle
objectivity	principle
accountability	principle
openness	principle
honesty	principle
leadership	principle" "$TMP/t"

"$VERBA" codebook show -t md "$GOLDEN/mini.codebook" > "$TMP/t"
check_output "markdown appendix" '## Codebook: Mini test codebook (`mini`, version 1)

### Principles

#### Openness (`openness`)

- **Description:** Acting and deciding in the open.
- **Rule** (segment scope): `openness OR transparen*`

#### Honesty (`honesty`)

- **Description:** Being truthful.
- **Rule** (segment scope): `honest* truth*`

### Themes

#### Scrutiny (`scrutiny`)

- **Definition:** Inspection and regulation of providers.
- **Principles:** Openness
- **Rule** (segment scope): `inspect* regulat*`

#### Respect (`respect`)

- **Definition:** How people are treated.
- **Rule** (segment scope): `respect* polite*`

##### Dignity (`dignity`)

- **Definition:** Dignity in care.
- **Sub-theme of:** Respect
- **Rule** (segment scope): `dignity`
' "$TMP/t"

"$VERBA" codebook convert --to md -o "$TMP/conv.md" "$GOLDEN/mini.codebook"
if cmp -s "$TMP/conv.md" "$TMP/t"; then ok "convert --to md = show -t md"; else not_ok "convert --to md = show -t md"; fi

# Every problem of a file is reported, each with its line.
cat > "$TMP/many.codebook" <<'CB'
[codebook]
id = many
title = Many problems

[principle:p1]
label = One
lable = typo

[theme:t1]
label = Theme
parent = nosuch
principles = p1;p9
scope = paragraph
colour = red

[theme:t 2]
label = Bad id

[frame:x]
label = Unknown group
CB
check_status "many problems" 1 "$VERBA" codebook check "$TMP/many.codebook"
check_output "every problem, with its line" "verba codebook: $TMP/many.codebook:7: [principle:p1]: unknown key 'lable'
verba codebook: $TMP/many.codebook:14: [theme:t1]: colour 'red' is not #rrggbb
verba codebook: $TMP/many.codebook:13: [theme:t1]: scope 'paragraph' is not clause, sentence, segment or document
verba codebook: $TMP/many.codebook:16: [theme:t 2]: code id 't 2' may hold only letters, digits, '-', '_' and '.'
verba codebook: $TMP/many.codebook:19: unknown group [frame:x] (expected [codebook], [principle:ID] or [theme:ID])
verba codebook: $TMP/many.codebook:11: [theme:t1]: parent 'nosuch' is not a theme
verba codebook: $TMP/many.codebook:12: [theme:t1]: linked principle 'p9' is not a principle (define it or import its codebook)" "$TMP/err"

cat > "$TMP/a.codebook" <<'CB'
[codebook]
id = a
title = A
import = b
CB
cat > "$TMP/b.codebook" <<'CB'
[codebook]
id = b
title = B
import = a
CB
check_status "import cycle" 1 "$VERBA" codebook check "$TMP/a.codebook"
check_grep "import cycle: message" "$TMP/b.codebook:4: import: 'a' imports itself (directly or through others)" "$TMP/err"

# A cycle that does not pass through the file named: a2 -> b2 -> c2 -> b2.
printf '[codebook]\nid = a2\ntitle = A2\nimport = b2\n' > "$TMP/a2.codebook"
printf '[codebook]\nid = b2\ntitle = B2\nimport = c2\n' > "$TMP/b2.codebook"
printf '[codebook]\nid = c2\ntitle = C2\nimport = b2\n' > "$TMP/c2.codebook"
check_status "deeper import cycle" 1 "$VERBA" codebook check "$TMP/a2.codebook"
check_grep "deeper import cycle: message" "$TMP/c2.codebook:4: import: 'b2' imports itself (directly or through others)" "$TMP/err"

check_status "unknown action" 2 "$VERBA" codebook list "$GOLDEN/mini.codebook"
check_status "convert to an unknown format" 2 "$VERBA" codebook convert --to xlsx "$GOLDEN/mini.codebook"

# A zip archive (a project, a Word file) is not a codebook, and says so.
printf 'PK\003\004rest' > "$TMP/project.qdpx"
check_status "a project given as a codebook" 1 "$VERBA" codebook show "$TMP/project.qdpx"
check_output "... says what it is and what to do" \
  "verba codebook: $TMP/project.qdpx: a zip archive (a REFI-QDA project, a Word file…), not a codebook: import a project with 'verba import', which brings its codes; a QDA program exports its codebook alone as a .qdc file" "$TMP/err"

tap_done
