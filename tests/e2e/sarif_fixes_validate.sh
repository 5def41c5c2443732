#!/usr/bin/env bash
# SARIF with `fixes` (built by sarif_fixes() from a FixReport) is still valid SARIF 2.1.0 for
# GitHub code scanning: the unit tests write a report whose results carry fixes ([sarif-fixes-out]),
# and sarif_validate.sh checks it with the JSON schema and Microsoft's Multitool.
set -euo pipefail
capmig=$(realpath "${1:?usage: sarif_fixes_validate.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tests=$(dirname "$capmig")/capmig_tests
[ -x "$tests" ] || { echo "sarif_fixes_validate: no capmig_tests beside $capmig"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CAPMIG_SARIF_FIXES_OUT=$work/fixes.sarif "$tests" "[sarif-fixes-out]" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
/usr/bin/python3 - "$work/fixes.sarif" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
fixes = [r for r in results if r.get("fixes")]
assert fixes, "no result carries fixes"
for r in fixes:
    for change in r["fixes"][0]["artifactChanges"]:
        for rep in change["replacements"]:
            assert set(rep["deletedRegion"]) >= {"startLine", "startColumn", "endLine", "endColumn"}, rep
print(f"sarif_fixes_validate: {len(fixes)} of {len(results)} results carry fixes")
PY
bash "$here/tests/e2e/sarif_validate.sh" "$work/fixes.sarif"
