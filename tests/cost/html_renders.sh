#!/usr/bin/env bash
# Renders `dharma cost --format html` in headless Chromium (see tests.cmake).
# usage: html_renders.sh DHARMA BLUEPRINT VALUES SCRATCH
set -u
dharma=$1 blueprint=$2 values=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
    echo "FAIL: chromium is not installed (scripts/bootstrap --test installs it)"
    exit 1
  fi
  echo "SKIPPED: chromium is not installed; run scripts/bootstrap --test to run this test"
  exit 77
fi

fail() { echo "FAIL: $*"; exit 1; }
args=(cost "$blueprint" --values "$values" --env prod --recommend)
"$dharma" "${args[@]}" --format html --out report.html || fail "dharma cost --format html exited $?"
monthly=$("$dharma" "${args[@]}" | sed -n 's/^Total: .*, \(\$[0-9,.]*\)\/month, .*/\1/p')
[[ -n $monthly ]] || fail "no monthly total in the table output"

# No network: every host name resolves to nothing, so an external asset would be missing.
chrome=("$browser" --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions
        --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$scratch/profile")
timeout 120 "${chrome[@]}" --dump-dom "file://$scratch/report.html" >dom.html 2>chromium.log ||
  fail "chromium --dump-dom failed (see $scratch/chromium.log)"
grep -q "$monthly/month" dom.html || fail "rendered page lacks the monthly total $monthly"
grep -q "<svg" dom.html || fail "rendered page has no chart"
[[ $(grep -o "<rect" dom.html | wc -l) -ge 6 ]] || fail "charts have fewer bars than categories"
grep -q "Breakdown" dom.html || fail "rendered page has no breakdown table"

# No sideways scrolling at 1280 and 800 px: a copy of the page with a small
# script writes its layout widths into the DOM that --dump-dom prints.
for width in 1280 800; do
  sed 's|</body>|<script>var e = document.documentElement; document.body.insertAdjacentHTML("beforeend", "<pre id=layout>scrollWidth=" + e.scrollWidth + " clientWidth=" + e.clientWidth + "</pre>");</script></body>|' \
    report.html >"measure-$width.html"
  timeout 120 "${chrome[@]}" --window-size="$width,900" --dump-dom "file://$scratch/measure-$width.html" \
    >"measure-$width.dom" 2>>chromium.log || fail "chromium --dump-dom at $width px failed (see $scratch/chromium.log)"
  layout=$(grep -o 'scrollWidth=[0-9]* clientWidth=[0-9]*' "measure-$width.dom")
  [[ $layout =~ scrollWidth=([0-9]+)\ clientWidth=([0-9]+) ]] || fail "no layout measured at $width px"
  (( BASH_REMATCH[2] > width / 2 )) || fail "window at $width px is only ${BASH_REMATCH[2]} px wide"
  (( BASH_REMATCH[1] <= BASH_REMATCH[2] )) ||
    fail "the page scrolls sideways at $width px: $layout"

  timeout 120 "${chrome[@]}" --window-size="$width,1600" --screenshot="$scratch/report-$width.png" \
    "file://$scratch/report.html" >>chromium.log 2>&1 || fail "chromium --screenshot failed (see $scratch/chromium.log)"
  [[ -s report-$width.png ]] || fail "no screenshot at $width px"
  [[ $(head -c 8 "report-$width.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "screenshot is not a PNG"
  (( $(stat -c %s "report-$width.png") > 20000 )) || fail "screenshot at $width px is suspiciously small (blank page?)"
done
echo "ok: rendered $monthly/month, charts and table, no sideways scrolling at 1280 and 800 px; screenshots $scratch/report-*.png"
