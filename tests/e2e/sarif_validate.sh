#!/usr/bin/env bash
# SARIF output checked the way GitHub code scanning would: against the SARIF 2.1.0 JSON schema
# and by Microsoft's SARIF Multitool validator (SARIF rules plus its GitHub Advanced Security
# rules). Both come from @microsoft/sarif-multitool, pinned in tests/interop/package.json and
# installed by scripts/install-deps.sh.
#
# Usage: sarif_validate.sh FILE.sarif       validate that file
#        sarif_validate.sh /path/to/capmig  (ctest) validate `capmig scan --format sarif samples/legacy`
# Exit: 0 valid (notes allowed, warnings shown), 1 invalid, 2 the checkers could not run.
#
# The schema check is not redundant: Multitool 5.7 on Linux reports nothing at all for a file
# that breaks the schema (missing "tool", a bad "level"), and still exits 0.
set -euo pipefail
arg=${1:?usage: sarif_validate.sh FILE.sarif | /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
interop=$here/tests/interop
die() { echo "sarif_validate: error: $*" >&2; exit 2; }

# The platform's self-contained binary (no .NET runtime needed). Called directly rather than
# through node_modules/.bin, whose wrapper runs it through a shell and splits "Sarif;Ghas".
tool=$(cd "$interop" && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null) ||
  die "@microsoft/sarif-multitool is not installed in tests/interop (run scripts/install-deps.sh)"
[ -x "$tool" ] || die "$tool is not executable"
schema=$(dirname "$tool")/sarif-2.1.0.json
[ -f "$schema" ] || die "no SARIF schema at $schema"
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || die "python3 has no jsonschema module (apt-get install python3-jsonschema)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$arg" in
  *.sarif | *.json)
    sarif=$arg
    [ -f "$sarif" ] || die "$sarif: no such file"
    ;;
  *)
    # The real thing: capmig scan over every legacy sample, with an embedded-token key given.
    sarif=$work/report.sarif
    rc=0
    (cd "$here" && TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef "$arg" scan --format sarif \
      --now 1700000000 samples/legacy >"$sarif") || rc=$?
    [ "$rc" = 1 ] || die "capmig scan --format sarif exited $rc (expected 1: the samples have findings)"
    [ -s "$sarif" ] || die "capmig scan wrote no SARIF"
    ;;
esac

status=0

# 1. The JSON schema (draft 2020-12, as shipped with the Multitool).
if /usr/bin/python3 - "$schema" "$sarif" <<'EOF'; then echo "sarif_validate: schema: ok"; else status=1; fi
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    log = json.load(open(sys.argv[2], encoding="utf-8"))
except ValueError as e:
    print(f"sarif_validate: schema: not JSON: {e}")
    sys.exit(1)
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
for e in errors:
    print(f"sarif_validate: schema: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
sys.exit(1 if errors else 0)
EOF

# 2. The Multitool: SARIF rules and GitHub Advanced Security rules, every level recorded.
if ! "$tool" validate "$sarif" --output "$work/validation.sarif" --log ForceOverwrite \
    --level "Error;Warning;Note" --rule-kind "Sarif;Ghas" >"$work/multitool.log" 2>&1; then
  cat "$work/multitool.log"
  die "sarif-multitool validate failed to run"
fi
# Its console lines carry the rendered messages: show errors and warnings, count from the log.
grep -E ': (error|warning) ' "$work/multitool.log" | sed 's/^/sarif_validate: multitool: /' || true
/usr/bin/python3 - "$work/validation.sarif" <<'EOF' || status=1
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
counts = {"error": 0, "warning": 0, "note": 0}
for r in run.get("results", []):
    level = r.get("level", "warning")
    counts[level] = counts.get(level, 0) + 1
# The tool's own failures (a rule crashed, no rules loaded) are notifications, not results.
broken = [n for inv in run.get("invocations", []) for n in inv.get("toolExecutionNotifications", [])
          if n.get("level") == "error"]
for n in broken:
    print(f"sarif_validate: multitool: tool error: {n['message'].get('text', n['message'])}")
print(f"sarif_validate: multitool: {counts['error']} errors, {counts['warning']} warnings, {counts['note']} notes")
sys.exit(1 if counts["error"] or broken else 0)
EOF

if [ "$status" = 0 ]; then
  echo "sarif_validate: $sarif is valid SARIF 2.1.0"
else
  echo "sarif_validate: $sarif is NOT valid"
fi
exit "$status"
