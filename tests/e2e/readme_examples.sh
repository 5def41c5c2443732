#!/usr/bin/env bash
# Every example in README.md is real: each ```console block holds `$ COMMAND` lines, each followed
# by the output that command prints. They run from the repository root with the built capmig first
# on PATH, and their standard output must equal the README's text exactly (exit codes are not
# compared: scan and check exit 1 on what they find). The examples pin the clock with --now and
# read the samples' fake keys from files, so the output is the same on every machine.
#
#   tests/e2e/readme_examples.sh BUILD/capmig            # check
#   tests/e2e/readme_examples.sh BUILD/capmig --update   # rewrite the outputs in README.md
set -uo pipefail
capmig=$(realpath "${1:?usage: readme_examples.sh /path/to/capmig [--update]}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here"
PATH="$(dirname "$capmig"):$PATH" NO_COLOR=1 /usr/bin/python3 - "$here/README.md" "${2:-}" <<'EOF'
import os, re, subprocess, sys

readme, update = sys.argv[1], sys.argv[2] == "--update"
text = open(readme, encoding="utf-8").read()
blocks = list(re.finditer(r"^```console\n(.*?)^```\n", text, re.S | re.M))
if not blocks:
    sys.exit("FAIL README.md has no ```console example")
env = {k: v for k, v in os.environ.items() if not k.startswith("TWILIO_")}
fails = runs = 0
out_text, last = [], 0
for b in blocks:
    lines = b.group(1).splitlines(keepends=True)
    # (command, expected output) pairs: a command is a line starting with "$ ".
    pairs = []
    for line in lines:
        if line.startswith("$ "):
            pairs.append([line[2:].rstrip("\n"), ""])
        elif pairs:
            pairs[-1][1] += line
        else:
            sys.exit("FAIL a ```console block must start with a `$ ` command line: " + line)
    new_body = ""
    for cmd, want in pairs:
        runs += 1
        got = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, env=env,
                             timeout=120).stdout.decode("utf-8", "replace")
        if got and not got.endswith("\n"):
            got += "\n"
        new_body += "$ " + cmd + "\n" + got
        if got != want:
            fails += 1
            print("FAIL README example differs: $ " + cmd)
            import difflib
            sys.stdout.writelines(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                            "README.md", "actual"))[:40])
    out_text.append(text[last:b.start(1)] + new_body)
    last = b.end(1)
out_text.append(text[last:])
if update:
    open(readme, "w", encoding="utf-8").write("".join(out_text))
    print("readme_examples: rewrote the outputs of %d commands" % runs)
    sys.exit(0)
if fails:
    print("readme_examples: %d of %d examples differ (tests/e2e/readme_examples.sh BIN --update, then review)" % (fails, runs))
    sys.exit(1)
print("readme_examples: all %d examples print what README.md shows" % runs)
EOF
