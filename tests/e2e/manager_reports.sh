#!/usr/bin/env bash
# Reports a manager can act on (issue 14): scan's own text, Markdown and HTML say the remaining
# work (what fix migrates, what needs a person and why, client-SDK uses, secrets to rotate); a
# dry run never claims it migrated anything; severities use colours colour-blind readers can
# tell apart; the Markdown fits a GitHub body (65,536 characters) and the HTML of 10,000
# findings stays under 10 MB.
set -uo pipefail
capmig=$(realpath "${1:?usage: manager_reports.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
export TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef
cd "$work"
cp -r "$here/samples/legacy" legacy

# --- scan's own reports carry the remaining work ------------------------------------------
"$capmig" scan legacy --fail-on never --now 1700000000 >scan.txt 2>/dev/null
"$capmig" scan legacy --fail-on never --now 1700000000 --format markdown >scan.md 2>/dev/null
"$capmig" scan legacy --fail-on never --now 1700000000 --format html >scan.html 2>/dev/null
"$capmig" fix legacy --format json >fix.json 2>/dev/null
read -r auto by_hand < <(/usr/bin/python3 -c '
import json; s = json.load(open("fix.json"))["summary"]; print(s["rewritten"], s["needs_input"])')
check "fix's own split is known ($auto automatic, $by_hand by hand)" '[ "$auto" -gt 0 ] && [ "$by_hand" -gt 0 ]'
check "text: remaining work with fix's split and the reasons tallied" \
  'grep -q "^remaining work:" scan.txt && grep -Eq "^ +$auto  capability constructs capmig fix migrates automatically" scan.txt &&
   grep -Eq "^ +$by_hand  capability constructs need a person \([0-9]+ [a-z-]+(, [0-9]+ [a-z-]+)*, [0-9]+ identity-missing, " scan.txt'
"$capmig" scan legacy --fail-on never --now 1700000000 --format json >scan.json 2>/dev/null
read -r clients secrets < <(/usr/bin/python3 -c '
import json; f = json.load(open("scan.json"))["findings"]
print(sum(x["category"] == "capability-client" for x in f), sum(x["category"] == "hardcoded-secret" for x in f))')
check "text: client-SDK uses ($clients) and secrets to rotate ($secrets)" \
  '[ "$clients" -gt 0 ] && [ "$secrets" -gt 0 ] &&
   grep -Eq "^ +$clients  client-SDK uses" scan.txt && grep -Eq "^ +$secrets  hard-coded secrets: rotate" scan.txt'
check "markdown: the remaining-work table" \
  'grep -q "^| \*\*$auto\*\* | capability constructs \`capmig fix\` migrates automatically |" scan.md &&
   grep -q "^| \*\*$by_hand\*\* | capability constructs need a person (" scan.md'
check "html: the remaining-work table" \
  'grep -q "<table id=\"remaining-work\">" scan.html && grep -q "<td class=\"count\">$auto</td><td>capability constructs <code>capmig fix</code> migrates automatically" scan.html'
check "scan's reports show no patch (fix writes those)" '! grep -q "^## Patch" scan.md && ! grep -q "id=\"patch\"" scan.html'

# Nothing to migrate: no advice to run fix.
mkdir clean && echo 'console.log("hello")' >clean/app.js
"$capmig" scan clean --format markdown >clean.md 2>/dev/null
"$capmig" scan clean >clean.txt 2>/dev/null
check "no mints: no 'capmig fix' advice, no remaining work" \
  '! grep -q "capmig fix" clean.md && ! grep -q "remaining work" clean.txt'
mkdir secrets-only
printf '# settings\nexport default { token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWJvYiIsImlzcyI6IkFDMSIsImV4cCI6MTcwMDAwMDYwMH0.c2ln" };\n' >secrets-only/config.js
"$capmig" scan secrets-only --fail-on never >secrets.txt 2>/dev/null
check "an embedded token alone: remaining work without fix advice" \
  'grep -Eq "^ +1  token written into a file" secrets.txt && ! grep -q "capmig fix" secrets.txt'

# --- a dry run never says "migrated" ------------------------------------------------------
"$capmig" fix legacy --format markdown >dry.md 2>dry.err
check "dry run: the summary says nothing was written" 'grep -q "rewritable in .* (nothing written: " dry.err'
check "dry run: the report says 'not applied yet', never 'migrated'" \
  'grep -q "capability constructs the patch migrates (not applied yet)" dry.md && ! grep -qi "migrated" dry.md'
cp -r legacy applied
"$capmig" fix applied --apply --format markdown -o applied.md 2>applied.err
check "--apply: the summary and the report say what was written" \
  'grep -q " rewritten in " applied.err && ! grep -q "nothing written" applied.err &&
   grep -q "| \*\*$auto\*\* | capability constructs migrated by \`capmig fix --apply\` |" applied.md'

# After --apply, every auth token still written in the files is still a finding (rotate it).
"$capmig" scan applied --format json --fail-on never >applied.json 2>/dev/null
cat >left_secrets.py <<'EOF'
import json, os, re, sys
root, report = sys.argv[1], json.load(open(sys.argv[2]))
reported = {(f["path"], f["line"]) for f in report["findings"] if f["category"] == "hardcoded-secret"}
name = re.compile(r"""(auth_?token|authToken|AuthToken|AUTH_TOKEN)\w*['"]?\s*(=>|=|:)\s*['"]?([0-9a-f]{32})\b""")
missed = []
for d, _, files in os.walk(root):
    for n in files:
        p = os.path.join(d, n)
        for i, line in enumerate(open(p, errors="replace"), 1):
            m = name.search(line)
            v = m.group(3) if m else ""
            if not m or any(v == (v[:k] * 32)[:32] for k in range(1, 17)):
                continue  # periodic placeholders (0123…0123…, aaaa…) are not secrets
            if line.lstrip().startswith(("#", "//")):
                continue
            if (os.path.relpath(p, root), i) not in reported:
                missed.append("%s:%d" % (p, i))
if missed:
    sys.exit("not reported: " + ", ".join(missed))
print("left_secrets: %d literals checked" % len(reported))
EOF
check "after --apply every auth-token literal left is reported" '/usr/bin/python3 left_secrets.py applied applied.json'

# --- colours colour-blind readers can separate ---------------------------------------------
check "severity colours: dark red, orange, blue, grey (not two browns)" \
  'grep -q -- "--high:#b2182b; --medium:#e69f00; --low:#0072b2; --info:#6e7781;" scan.html && ! grep -qi "#bc4c00\|#9a6700" scan.html'

# --- sizes ---------------------------------------------------------------------------------
/usr/bin/python3 - big <<'EOF'
# 10,000 findings: 5,000 rewritable mints (two dialects) and 5,000 client-SDK calls.
import os, sys
root = sys.argv[1]
kinds = [
    ("js", "const twilio = require('twilio');\nconst capability = new twilio.jwt.ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, authToken: process.env.TWILIO_AUTH_TOKEN });\ncapability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope('agent_{i}'));\nmodule.exports = () => capability.toJwt();\n"),
    ("py", "import os\nfrom twilio.jwt.client import ClientCapabilityToken\n\ndef token():\n    capability = ClientCapabilityToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n    capability.allow_client_incoming('agent_{i}')\n    return capability.to_jwt()\n"),
    ("client.js", "// softphone {i}\nTwilio.Device.setup(token, { debug: true });\n"),
    ("client2.js", "// desk phone {i}\nTwilio.Device.setup(token);\n"),
]
for i in range(10000):
    ext, body = kinds[i % len(kinds)]
    d = os.path.join(root, "team%02d" % (i % 50), "svc%03d" % (i // 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.%s" % (i, ext)), "w") as f:
        f.write(body.replace("{i}", str(i)))
EOF
"$capmig" scan big --format markdown --fail-on never >big.md 2>/dev/null
"$capmig" fix big --format markdown >big-fix.md 2>/dev/null
"$capmig" fix big --format html >big-fix.html 2>/dev/null
md=$(wc -m <big.md) fixmd=$(wc -m <big-fix.md) html=$(stat -c %s big-fix.html)
echo "sizes: scan markdown $md chars, fix markdown $fixmd chars, fix html $html bytes (10,000 findings)"
check "markdown of 10,000 findings fits a GitHub body" '[ "$md" -le 65536 ] && [ "$fixmd" -le 65536 ]'
check "markdown says what it left out, and where everything is" \
  'grep -q "^\*To fit in 65,536 characters, findings .* are not listed" big.md && grep -q "has every finding" big.md'
check "markdown still gives the whole remaining work" 'grep -q "^| \*\*5,000\*\* | capability constructs" big.md'
check "HTML of 10,000 findings with their patches is under 10 MB" '[ "$html" -lt 10000000 ]'
check "HTML data block resolves to every finding" "/usr/bin/python3 - big-fix.html <<'EOF'
import json, re, sys
page = open(sys.argv[1]).read()
block = json.loads(re.search(r'id=\"capmig-data\">(.*?)</script>', page, re.S).group(1))
table = block['table']
def walk(v):
    if isinstance(v, str):
        if v.startswith('\x01'):
            e = table[int(v[1:])]
            return e if isinstance(e, str) else walk(e)
        return v
    if isinstance(v, list): return [walk(x) for x in v]
    if isinstance(v, dict): return {k: walk(x) for k, x in v.items()}
    return v
data = walk(block['data'])
assert len(data['findings']) == 10000, len(data['findings'])
assert sum(1 for f in data['findings'] if f.get('fix', {}).get('status') == 'rewritten') == 5000
assert all(f['path'].startswith('team') for f in data['findings'])
EOF"

if [ "$fails" = 0 ]; then echo "manager_reports: all checks passed"; else echo "manager_reports: $fails failure(s)"; fi
[ "$fails" = 0 ]
