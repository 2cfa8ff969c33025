#!/bin/sh
# `verba report -o report.html`: one self-contained file, valid for
# libxml2, rendered by a real browser (headless Chromium: skipped with a
# message when it is not installed; CI installs Debian's chromium).
. "$VB_TOP_SRCDIR/tests/tap.sh"
PRINCIPLES="Selflessness Integrity Objectivity Accountability Openness Honesty Leadership"

check_status "report -o report.html on the bundled study" 0 "$VERBA" report -o "$TMP/report.html"
check_eq "... nothing on stdout" "" "$(cat "$TMP/out")"
R="$TMP/report.html"
check_grep "an HTML document" "<!DOCTYPE html>" "$R"
check_grep "study summary" '<th scope="row" style="text-align:left;">public</th><td style="text-align:right;">6</td>' "$R"
check_grep "theme x principle heat map" '<svg xmlns="http://www.w3.org/2000/svg" id="heatmap-theme-principle"' "$R"
check_grep "principle x group heat map" 'id="heatmap-principle-group"' "$R"
check_grep "bar chart of themes by group" 'id="bars-themes"' "$R"
# Cells hold the word and the count: Table 1 has leadership "most (5 of 6)" among the public.
check_grep "a heat map cell: word and count" '<title>Leadership × public: most (5 of 6)</title>' "$R"
check_grep "the frequency tables" '<caption>Table 1. Principles raised, by stage (documents)</caption>' "$R"
check_grep "verbatims with attribution" '<blockquote>&quot;' "$R"
check_grep "codebook appendix" 'Appendix A: the codebook' "$R"
check_grep "how the numbers were made: scale bands" '<tr><td>almost all</td><td>share &gt;= 90%</td></tr>' "$R"
check_grep "... the version" "$("$VERBA" --version)" "$R"
# Checksums computed here independently with coreutils.
sum=$(sha256sum "$VB_TOP_SRCDIR/data/ethical-standards/interviews/s01.txt" | cut -d' ' -f1)
check_grep "... an input's SHA-256" "$sum  ethical-standards/interviews/s01.txt" "$R"
sum=$(sha256sum "$VB_TOP_SRCDIR/codebooks/public-standards.codebook" | cut -d' ' -f1)
check_grep "... a codebook's SHA-256" "$sum  public-standards.codebook" "$R"
sum=$(sha256sum "$VB_TOP_SRCDIR/codebooks/seven-principles.codebook" | cut -d' ' -f1)
check_eq "... and the one it imports, once" 1 "$(grep -c "$sum  seven-principles.codebook" "$R")"

# Self-contained: nothing fetched, no script.
check_eq "no script, no external resource" "" \
  "$(grep -o '<script\|src=\|<link\|@import\|url(\|href="http' "$R" | sort -u)"
check_eq "the only URL is SVG's namespace" "http://www.w3.org/2000/svg" \
  "$(grep -o 'https\?://[^"]*' "$R" | sort -u)"
check_status "deterministic: a second run" 0 "$VERBA" report -t html
check_eq "... gives the same bytes" "" "$(cmp "$R" "$TMP/out" 2>&1)"

# Valid: well-formed XML (the report is written as polyglot XHTML), and
# libxml2's HTML parser finds nothing wrong but the inline SVG elements,
# which its HTML 4 element list does not know.
if command -v xmllint >/dev/null; then
  check_eq "xmllint: well-formed" "" "$(xmllint --noout "$R" 2>&1)"
  xmllint --html --noout "$R" > "$TMP/lint" 2>&1
  check_eq "xmllint --html: no errors but the SVG elements" "" \
    "$(grep 'error' "$TMP/lint" | grep -v 'HTML parser error : Tag \(svg\|g\|rect\|text\|tspan\|line\) invalid$')"
else
  ok "# SKIP xmllint not installed: HTML not validated"
fi

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  ok "# SKIP chromium not installed: report not rendered (apt-get install chromium)"
  ok "# SKIP chromium not installed: DOM not checked"
  tap_done
  exit $?
fi
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start;
# --disable-dev-shm-usage: containers often have a tiny /dev/shm.
chrome () {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$TMP/chrome" --hide-scrollbars "$@" 2>> "$TMP/chrome.log"
}
chrome --window-size=1200,1600 --screenshot="$TMP/report.png" "file://$R" > /dev/null
# Headless Chromium now and then hangs at start on a loaded machine (its
# zygote never answers) until the timeout: one more try before failing.
[ -s "$TMP/report.png" ] || chrome --window-size=1200,1600 --screenshot="$TMP/report.png" "file://$R" > /dev/null
if [ -s "$TMP/report.png" ]; then ok "chromium renders a screenshot"
else not_ok "chromium renders a screenshot" "$(tail -5 "$TMP/chrome.log")"; fi
# Non-blank: decode the PNG (zlib and the PNG filters, by hand: no PIL
# needed) and count what is not background.
if command -v python3 >/dev/null && [ -s "$TMP/report.png" ]; then
  got=$(python3 - "$TMP/report.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
dark = blue = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[i] = (line[i] + pr) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if r + g + bl < 600: dark += 1
        if bl > r + 80: blue += 1
    prev = line
print(w, h, dark * 1000 // (w * h) >= 10, blue * 1000 // (w * h) >= 10)
PY
)
  check_eq "the screenshot is not blank: text and blue heat-map cells" "1200 1600 True True" "$got"
else
  ok "# SKIP python3 absent: screenshot not decoded"
fi
chrome --dump-dom "file://$R" > "$TMP/dom.html"
sed -n '/<svg[^>]*id="heatmap-theme-principle"/,/<\/svg>/p' "$TMP/dom.html" > "$TMP/matrix.svg"
check_eq "the DOM holds the theme x principle heat map" 1 "$(grep -c '<svg' "$TMP/matrix.svg")"
missing=
for p in $PRINCIPLES; do
  grep -q ">$p</text>" "$TMP/matrix.svg" || missing="$missing $p"
done
check_eq "every principle heads a column of the heat map in the browser's DOM" "" "$missing"

tap_done
