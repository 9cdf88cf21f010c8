#!/usr/bin/env bash
# Salesforce conformance: the Salesforce emulator of `revloop sandbox` checked with the Python client
# simple-salesforce (pinned) in a throw-away virtual environment: a refresh-token grant at the emulator's token
# endpoint and simple-salesforce's own JWT bearer login (PyJWT signs, the emulator verifies RS256), then the SDK's own query_all (with and without deleted rows), query with query_more following
# nextRecordsUrl, and query_all_iter, against the instance_url the grant names; and the SDK's exceptions for the
# emulator's 401 and 400 error arrays (crms.md 5.1, 5.3). Starts the built sandbox on a free port.
# Exits non-zero on any problem.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/emulated-project.sh
. "$root/Scripts/lib/emulated-project.sh"
script_workspace "$root"
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "simple-salesforce==1.12.10"

# The connected app's certificate key for the JWT bearer flow (made with cryptography, which simple-salesforce
# installs): the sandbox verifies assertions with its public half.
"$work/venv/bin/python" - "$work/jwt.key" "$work/jwt.pub" <<'PY'
import sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
open(sys.argv[1], "wb").write(key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
open(sys.argv[2], "wb").write(key.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
PY

port=$(free_port)
base="http://127.0.0.1:$port"
deals=2500
"$bin" sandbox --port "$port" --salesforce-deals "$deals" --salesforce-seed 7 --hubspot-deals 10 \
  --salesforce-jwt-key "$work/jwt.pub" --salesforce-jwt-user integration@example.com 2> "$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 100); do curl -sf "$base/_sandbox/salesforce" >/dev/null && break; sleep 0.1; done
curl -sf "$base/_sandbox/salesforce" >/dev/null || { cat "$work/sandbox.log"; exit 1; }

"$work/venv/bin/python" "$root/Scripts/conformance/salesforce_conformance.py" "$base" "$deals" "$work/jwt.key"
