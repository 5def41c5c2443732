#!/usr/bin/env bash
# Proof that `capmig fix` patches are right, with the real Twilio helper libraries: every case
# in cases.json is run before the patch (capability token, npm twilio 2.11.1 / 6.2.0, Debian
# python3-twilio 7.7.1) and after it (access token, twilio-node 6.2.0 / twilio-python 7.7.1),
# and the access token must carry the capability token's mapping. Details: README.md here.
# usage: bash tests/fix_proof/test_fix_proof.sh /path/to/capmig [--only ID] [--keep]
set -euo pipefail
capmig=$(realpath "${1:?usage: test_fix_proof.sh /path/to/capmig [--only ID] [--keep]}")
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Debian's python3-twilio/flask/django are only visible to the system interpreter.
[ -x /usr/bin/python3 ] || { echo "fix_proof: error: /usr/bin/python3 not found (scripts/install-deps.sh)"; exit 2; }
exec /usr/bin/python3 "$here/prove.py" "$capmig" "$@"
