#!/usr/bin/env bash
# The HTML report, opened in headless Chromium (Debian's `chromium`) and used as a person would:
#  1. samples/legacy: renders with no console error, no network request; the table shows every
#     finding; filters (typed text, category, severity+language) give the counts the JSON
#     report gives; header clicks sort; a row opens into the decoded claims of its token.
#  2. a snippet carrying </script><script>…, <!-- and a crafted title: nothing runs, the text
#     shows as text.
#  3. a hand-built report with `fix` rewrites (written by the unit tests, [html-out]): the
#     side-by-side before/after with the changed parts marked, and the needs-input reasons.
#  4. 10,000 findings in a generated tree: generation time, file size, and the first page drawn
#     within a bound; a filter still answers.
# Screenshots go to <build dir>/html-report/. Skips (exit 0, saying so) only when chromium is
# not installed; scripts/install-deps.sh installs it.
set -uo pipefail
capmig=$(realpath "${1:?usage: html_report.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(dirname "$capmig")
out=$build/html-report
driver=$here/tests/e2e/html_report_browser.js
chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  echo "html_report: SKIPPED: chromium is not installed (scripts/install-deps.sh installs Debian's chromium)"
  exit 0
fi
command -v node >/dev/null || { echo "html_report: node is missing (scripts/install-deps.sh installs it)"; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
export TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef

# Static checks every report must pass: self-contained, strict CSP, one data block.
static_checks() {
  local html=$1
  # The data block (one line) is scanned text, not markup: left out of the markup checks.
  grep -v 'id="capmig-data"' "$html" >"$work/markup.html"
  grep -Eiq '(src|href|action)[[:space:]]*=[[:space:]]*["'\'']?[[:space:]]*(https?:)?//' "$work/markup.html" &&
    fail "$html loads something over the network"
  sed -n '/<style>/,/<\/style>/p' "$html" | grep -Eiq '@import|url\(' && fail "$html's CSS loads something"
  grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$html" || fail "$html has no strict CSP"
  [ "$(grep -c '<script type="application/json" id="capmig-data">' "$html")" = 1 ] || fail "$html: not exactly one data block"
}

# Counts the JSON report gives, the oracle for the page's filters. `words` is the page's text
# filter: every word somewhere in the finding's location, message, rule, id, kind or snippet.
count() {  # count JSON_REPORT PYTHON_PREDICATE_ON_f
  /usr/bin/python3 -c '
import json, sys
def words(f, text):
    hay = "\n".join([f["path"] + ":" + str(f["line"]), f["message"], f["rule_id"], f["id"], f["category"],
                     f["language"], f["severity"], f["snippet"]]).lower()
    return all(w in hay for w in text.lower().split())
findings = [f for f in json.load(open(sys.argv[1]))["findings"] if f["new"]]
print(sum(1 for f in findings if eval(sys.argv[2])))' "$1" "$2"
}

browse() {  # browse NAME REPORT.html CHECKS_JSON
  printf '%s' "$3" >"$work/$1.checks.json"
  if node "$driver" "$chromium" "$2" "$work/$1.checks.json" >"$work/$1.log" 2>&1; then
    echo "html_report: $1: $(tail -1 "$work/$1.log")"
  else
    sed "s/^/html_report: $1: /" "$work/$1.log"
    fail "$1: the browser checks failed"
  fi
}

# ---- 1. the legacy samples ----
(cd "$here/samples/legacy" && "$capmig" scan . --format html --now 1700000000 --fail-on never) >"$out/legacy.html" ||
  fail "scan --format html samples/legacy failed"
(cd "$here/samples/legacy" && "$capmig" scan . --format json --now 1700000000 --fail-on never) >"$work/legacy.json"
static_checks "$out/legacy.html"
total=$(count "$work/legacy.json" True)
[ "$total" -gt 50 ] || fail "samples/legacy gave only $total findings"
ruby=$(count "$work/legacy.json" 'words(f, "ruby/")')
tokens=$(count "$work/legacy.json" 'f["category"] == "embedded-token"')
high_java=$(count "$work/legacy.json" 'f["severity"] == "high" and f["language"] == "java"')
secret_mint=$(count "$work/legacy.json" 'words(f, "hardcoded-auth capability")')
token_id=$(/usr/bin/python3 -c '
import json, sys
print(next(f["id"] for f in json.load(open(sys.argv[1]))["findings"]
           if f["category"] == "embedded-token" and f["token"]["kind"] == "capability"))' "$work/legacy.json")
# A page holds 100 findings (the report's page size).
browse legacy "$out/legacy.html" "{
  \"screenshot\": \"$out/legacy.png\", \"detail_screenshot\": \"$out/legacy-detail.png\",
  \"total\": $total, \"first_page\": $(( total < 100 ? total : 100 )), \"max_render_ms\": 10000, \"sort\": true,
  \"filters\": [{\"text\": \"ruby/\", \"expect\": $ruby},
                {\"category\": \"embedded-token\", \"expect\": $tokens},
                {\"severity\": \"high\", \"language\": \"java\", \"expect\": $high_java},
                {\"text\": \"hardcoded-auth capability\", \"expect\": $secret_mint}],
  \"expand\": {\"text\": \"$token_id\", \"expect_selectors\": [\"pre.claims\", \"table.mapping\"],
               \"expect_text\": [\"\\\"payload\\\"\", \"\\\"scope\\\"\", \"signature verified\", \"outgoingApplicationSid\"]}
}"
for png in legacy.png legacy-detail.png; do
  [ -s "$out/$png" ] && [ "$(head -c 8 "$out/$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "$png is not a PNG"
done

# ---- 2. hostile text in a snippet ----
mkdir -p "$work/hostile"
cat >"$work/hostile/page.js" <<'EOF'
Twilio.Device.setup(token); // </script><script>document.title = "pwned"</script><!-- <img src=x onerror=alert(1)>
EOF
"$capmig" scan "$work/hostile" --format html --fail-on never >"$out/hostile.html" || fail "scan --format html (hostile) failed"
static_checks "$out/hostile.html"
grep -q '</script><script>document.title' "$out/hostile.html" && fail "hostile.html carries the snippet's </script> unescaped"
browse hostile "$out/hostile.html" '{
  "total": 1, "first_page": 1,
  "expand": {"text": "page.js", "expect_selectors": ["pre"],
             "expect_text": ["</script><script>document.title = \"pwned\"</script><!-- <img src=x onerror=alert(1)>"]}
}'

# ---- 3. patches: the unit tests write a report with fix rewrites ----
if [ -x "$build/capmig_tests" ]; then
  CAPMIG_HTML_OUT=$out/fixes.html "$build/capmig_tests" "[html-out]" >"$work/html-out.log" 2>&1 ||
    { cat "$work/html-out.log"; fail "capmig_tests [html-out] failed"; }
  static_checks "$out/fixes.html"
  browse fixes "$out/fixes.html" "{
    \"detail_screenshot\": \"$out/fixes-detail.png\", \"total\": 3,
    \"filters\": [{\"text\": \"needs\", \"expect\": 1}],
    \"expand\": {\"text\": \"cm1-rewritten\", \"expect_selectors\": [\"table.sbs\", \"table.sbs td.del mark\", \"table.sbs td.add mark\", \"table.mapping\"],
                 \"expect_text\": [\"Patch: capmig fix rewrites this construct\", \"ClientCapability\", \"AccessToken\", \"Before merging\", \"TWILIO_API_KEY_SECRET to the environment\"]}
  }"
  browse fixes-needs-input "$out/fixes.html" '{
    "expand": {"text": "cm1-needs-input", "expect_selectors": ["ul.reasons li"],
               "expect_text": ["Needs input", "identity is computed at run time"]}
  }'
else
  fail "no capmig_tests beside capmig: cannot build the report with patches"
fi

# ---- 4. 10,000 findings ----
big=$work/big
/usr/bin/python3 - "$big" "$here/samples/tokens/node6-incoming-outgoing.jwt" <<'EOF'
# 2,000 files of each of five kinds, each kind giving exactly one finding: three server
# dialects (capability-mint, high), a twilio.js 1.x client call (low) and a config file with an
# embedded capability token (medium).
import os, sys
root, token = sys.argv[1], open(sys.argv[2]).read().strip()
kinds = [
    ("js", "const twilio = require('twilio');\nconst capability = new twilio.jwt.ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, authToken: process.env.TWILIO_AUTH_TOKEN });\ncapability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope('agent_{i}'));\nmodule.exports = () => capability.toJwt();\n"),
    ("py", "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\ndef token():\n    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n    capability.allow_client_incoming('agent_{i}')\n    return capability.to_jwt()\n"),
    ("rb", "require 'twilio-ruby'\ncapability = Twilio::JWT::ClientCapability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'])\ncapability.add_scope(Twilio::JWT::ClientCapability::IncomingClientScope.new('agent_{i}'))\nputs capability.to_s\n"),
    ("client.js", "// softphone {i}\nTwilio.Device.setup(token, { debug: true });\n"),
    ("yaml", "# fixture {i}\nsoftphone:\n  token: " + token + "\n"),
]
for i in range(10000):
    ext, body = kinds[i % len(kinds)]
    d = os.path.join(root, "team%02d" % (i % 50), "svc%03d" % (i // 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.%s" % (i, ext)), "w") as f:
        f.write(body.replace("{i}", str(i)))
EOF
start=$(date +%s%N)
(cd "$big" && "$capmig" scan . --format json --now 1700000000 --fail-on never) >"$work/big.json"
json_ms=$((($(date +%s%N) - start) / 1000000))
start=$(date +%s%N)
(cd "$big" && "$capmig" scan . --format html --now 1700000000 --fail-on never) >"$out/big.html"
html_ms=$((($(date +%s%N) - start) / 1000000))
big_total=$(count "$work/big.json" True)
[ "$big_total" = 10000 ] || fail "the generated tree gave $big_total findings, expected 10000"
static_checks "$out/big.html"
size=$(stat -c %s "$out/big.html")
echo "html_report: 10,000 findings: scan+html ${html_ms} ms (scan+json ${json_ms} ms), $((size / 1024)) KiB"
[ "$size" -lt $((10 * 1024 * 1024)) ] || fail "big.html is $size bytes (limit 10 MiB)"
# fix's report carries every construct's before/after too (6,000 rewrites here).
(cd "$big" && "$capmig" fix . --format html --now 1700000000 --fail-on never 2>/dev/null) >"$out/big-fix.html"
static_checks "$out/big-fix.html"
fix_size=$(stat -c %s "$out/big-fix.html")
echo "html_report: 10,000 findings: fix's HTML $((fix_size / 1024)) KiB"
[ "$fix_size" -lt $((10 * 1024 * 1024)) ] || fail "big-fix.html is $fix_size bytes (limit 10 MiB)"
big_team=$(count "$work/big.json" 'words(f, "team07/")')
big_ruby=$(count "$work/big.json" 'f["language"] == "ruby"')
browse big "$out/big.html" "{
  \"screenshot\": \"$out/big.png\", \"total\": 10000, \"first_page\": 100, \"max_render_ms\": 15000,
  \"filters\": [{\"text\": \"team07/\", \"expect\": $big_team}, {\"language\": \"ruby\", \"expect\": $big_ruby}],
  \"sort\": true
}"

echo "html_report: screenshots and reports in $out"
if [ "$fails" = 0 ]; then echo "html_report: all checks passed"; else echo "html_report: $fails failure(s)"; fi
[ "$fails" = 0 ]
