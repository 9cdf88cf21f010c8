#!/usr/bin/env bash
# HubSpot conformance: the HubSpot emulator of `revloop sandbox` checked against the official Python client
# (hubspot-api-client, pinned) in a throw-away virtual environment: the SDK calls the emulator and parses its
# deals-search, list, batch-read, association, contacts and pipeline pages into its models, and the 2026-03
# paths' answers go through the SDK's deserializer (crms.md 5.2). Starts the built sandbox on a free port.
# Exits non-zero on any problem.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/emulated-project.sh
. "$root/Scripts/lib/emulated-project.sh"
script_workspace "$root"
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac

port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" sandbox --port "$port" --hubspot-deals 1500 --hubspot-seed 7 2> "$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 100); do curl -sf "$base/_sandbox/hubspot" >/dev/null && break; sleep 0.1; done
curl -sf "$base/_sandbox/hubspot" >/dev/null || { cat "$work/sandbox.log"; exit 1; }

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "hubspot-api-client==12.0.0"
"$work/venv/bin/python" "$root/Scripts/conformance/hubspot_conformance.py" "$base"
