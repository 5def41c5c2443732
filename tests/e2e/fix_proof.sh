#!/usr/bin/env bash
# `capmig fix` proven with the real Twilio helper libraries: tests/fix_proof/README.md.
# usage (ctest, cwd repo root): bash tests/e2e/fix_proof.sh /path/to/capmig
set -euo pipefail
capmig=${1:?usage: fix_proof.sh /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec bash "$here/tests/fix_proof/test_fix_proof.sh" "$capmig"
