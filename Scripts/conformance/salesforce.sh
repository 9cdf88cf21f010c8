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

# The connected app's certificate key for the JWT bearer flow: the sandbox verifies with its public half.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt.key" 2>/dev/null
openssl pkey -in "$work/jwt.key" -pubout -out "$work/jwt.pub"
port=$(free_port)
base="http://127.0.0.1:$port"
deals=2500
"$bin" sandbox --port "$port" --salesforce-deals "$deals" --salesforce-seed 7 --hubspot-deals 10 \
  --salesforce-jwt-key "$work/jwt.pub" --salesforce-jwt-user integration@example.com 2> "$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 100); do curl -sf "$base/_sandbox/salesforce" >/dev/null && break; sleep 0.1; done
curl -sf "$base/_sandbox/salesforce" >/dev/null || { cat "$work/sandbox.log"; exit 1; }

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "simple-salesforce==1.12.10"
"$work/venv/bin/python" "$root/Scripts/conformance/salesforce_conformance.py" "$base" "$deals" "$work/jwt.key"
