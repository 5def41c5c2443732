#!/usr/bin/env bash
# Interop: every CoffeeScript sample compiles with the real compiler (npm coffeescript), and
# capmig finds the same capability code in the .coffee file as in the JavaScript it compiles
# to: the same rules, categories, capability parameters and mapping (the JavaScript scanner is
# the oracle, with `@x` read as `this.x`). Usage (ctest, cwd tests/interop):
#   bash tests/interop/test_coffee_samples.sh /path/to/capmig
set -euo pipefail
capmig=$(realpath "${1:?usage: test_coffee_samples.sh /path/to/capmig}")
cd "$(dirname "${BASH_SOURCE[0]}")"
coffee=node_modules/coffeescript/bin/coffee
[ -x "$coffee" ] || { echo "coffee-samples: error: $coffee missing (npm install in tests/interop)"; exit 2; }
samples=../../samples/legacy/coffeescript
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/coffee" "$work/js"
for f in "$samples"/*.coffee; do
  name=$(basename "$f" .coffee)
  cp "$f" "$work/coffee/"
  node "$coffee" --print --bare "$f" >"$work/js/$name.js" || { echo "coffee-samples: $f does not compile"; exit 1; }
done
"$capmig" scan "$work/coffee" --format json >"$work/coffee.json" || [ $? -eq 1 ]
"$capmig" scan "$work/js" --format json >"$work/js.json" || [ $? -eq 1 ]
exec python3 - "$work/coffee.json" "$work/js.json" <<'PY'
import json, re, sys

def view(path, ext):
    out = []
    for f in json.load(open(path))["findings"]:
        def norm(x):
            # `@sid` is `this.sid`; the compiler spells objects with braces and its own spacing.
            if isinstance(x, dict):
                return {k: norm(v) for k, v in x.items()}
            if isinstance(x, list):
                return [norm(v) for v in x]
            if isinstance(x, str):
                x = re.sub(r"\s+", "", re.sub(r"@(?=[A-Za-z_$])", "this.", x))
                return x[1:-1] if x.startswith("{") and x.endswith("}") else x
            return x
        out.append(json.dumps({"file": re.sub(r"\.(coffee|js)$", "", f["path"].split("/")[-1]),
                               "rule": f["rule_id"], "category": f["category"], "language": f["language"],
                               "capability": norm(f.get("capability")), "mapping": norm(f.get("mapping"))},
                              sort_keys=True))
    return sorted(out)

coffee, js = view(sys.argv[1], "coffee"), view(sys.argv[2], "js")
if coffee != js:
    print("coffee-samples: the CoffeeScript scan differs from the scan of its compiled JavaScript")
    for line in sorted(set(coffee) - set(js)):
        print("  only in .coffee:", line)
    for line in sorted(set(js) - set(coffee)):
        print("  only in .js:    ", line)
    sys.exit(1)
print(f"coffee-samples: {len(coffee)} findings, the same in every .coffee file and its compiled JavaScript")
PY
