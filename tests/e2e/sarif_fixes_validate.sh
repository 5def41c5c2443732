#!/usr/bin/env bash
# SARIF `fixes` (sarif_fixes(), from a FixReport) are valid SARIF 2.1.0 for GitHub code scanning
# and do what `capmig fix --apply` does:
#  1. the unit tests' hand-built report with fixes ([sarif-fixes-out]) passes sarif_validate.sh;
#  2. `capmig fix --format sarif` over samples/legacy passes it too, and applying every fix's
#     replacements to a copy of the samples gives exactly the files `capmig fix --apply` writes.
set -euo pipefail
capmig=$(realpath "${1:?usage: sarif_fixes_validate.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tests=$(dirname "$capmig")/capmig_tests
[ -x "$tests" ] || { echo "sarif_fixes_validate: no capmig_tests beside $capmig"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef

CAPMIG_SARIF_FIXES_OUT=$work/unit.sarif "$tests" "[sarif-fixes-out]" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
bash "$here/tests/e2e/sarif_validate.sh" "$work/unit.sarif"

cp -r "$here/samples/legacy" "$work/by-sarif"
cp -r "$here/samples/legacy" "$work/by-apply"
rc=0
(cd "$work/by-sarif" && "$capmig" fix . --format sarif --now 1700000000) >"$work/fix.sarif" 2>/dev/null || rc=$?
[ "$rc" -le 1 ] || { echo "sarif_fixes_validate: capmig fix --format sarif exited $rc"; exit 1; }
bash "$here/tests/e2e/sarif_validate.sh" "$work/fix.sarif"
rc=0
(cd "$work/by-apply" && "$capmig" fix . --apply --now 1700000000) >/dev/null 2>&1 || rc=$?
[ "$rc" -le 1 ] || { echo "sarif_fixes_validate: capmig fix --apply exited $rc"; exit 1; }

/usr/bin/python3 - "$work/fix.sarif" "$work/by-sarif" "$work/by-apply" <<'PY'
import json, os, sys, urllib.parse
sarif, root, applied = sys.argv[1:]
changes = {}
fixed = 0
for r in json.load(open(sarif))["runs"][0]["results"]:
    for fix in r.get("fixes", []):
        fixed += 1
        assert fix["description"]["text"] == "Migrate to Access Token + VoiceGrant.", fix["description"]
        for change in fix["artifactChanges"]:
            uri = urllib.parse.unquote(change["artifactLocation"]["uri"])
            changes.setdefault(uri, []).extend(change["replacements"])
assert fixed, "no result carries fixes"

def offset(lines, line, column):  # SARIF columns count code points; Python str indexes them too
    return sum(len(l) for l in lines[:line - 1]) + column - 1

for uri, reps in changes.items():
    path = os.path.join(root, uri)
    text = open(path, encoding="utf-8", newline="").read()
    lines = text.splitlines(keepends=True)
    spans = []
    for rep in reps:
        d = rep["deletedRegion"]
        spans.append((offset(lines, d["startLine"], d["startColumn"]), offset(lines, d["endLine"], d["endColumn"]),
                      rep["insertedContent"]["text"]))
    for begin, end, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:begin] + new + text[end:]
    open(path, "w", encoding="utf-8", newline="").write(text)

differ = []
for dirpath, _, files in os.walk(applied):
    for name in files:
        a = os.path.join(dirpath, name)
        b = os.path.join(root, os.path.relpath(a, applied))
        if open(a, "rb").read() != open(b, "rb").read():
            differ.append(os.path.relpath(a, applied))
if differ:
    print("sarif_fixes_validate: applying the SARIF fixes differs from capmig fix --apply in: " + ", ".join(sorted(differ)))
    sys.exit(1)
print(f"sarif_fixes_validate: {fixed} fixes over {len(changes)} files apply to exactly what capmig fix --apply writes")
PY
