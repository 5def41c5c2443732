#!/usr/bin/env bash
# capmig as a git pre-commit hook: refuses a commit whose staged files still depend on Twilio
# Capability Tokens (minting, legacy client SDK calls, embedded tokens, auth tokens in code).
#
# Install:  cp docs/pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# Findings recorded in .capmig-baseline.json (capmig scan . --write-baseline .capmig-baseline.json)
# do not block; CAPMIG=/path/to/capmig picks the binary; `git commit --no-verify` skips the hook.
set -euo pipefail
capmig=${CAPMIG:-capmig}
command -v "$capmig" >/dev/null || { echo "pre-commit: $capmig not found (set CAPMIG=/path/to/capmig)" >&2; exit 1; }
top=$(git rev-parse --show-toplevel)
cd "$top"

# What the commit will contain is the index, not the working tree: copy the staged version of
# every added, copied, modified or renamed file into a scratch tree and scan that.
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
git diff --cached --name-only --diff-filter=ACMR -z | git checkout-index --prefix="$staged/" -z --stdin
[ -n "$(ls -A "$staged")" ] || exit 0

baseline=()
[ -f .capmig-baseline.json ] && baseline=(--baseline "$top/.capmig-baseline.json")
# Paths in the report are relative to the scratch tree, i.e. to the repository root, so they
# and the baseline's ids match a scan of the checkout.
rc=0
(cd "$staged" && "$capmig" scan "${baseline[@]}" --color never .) >&2 || rc=$?
if [ "$rc" = 1 ]; then
  echo "pre-commit: capmig found new dependencies on Capability Tokens in the staged files (above)." >&2
  echo "pre-commit: migrate them (capmig fix), or record them: capmig scan . --write-baseline .capmig-baseline.json" >&2
fi
exit "$rc"
