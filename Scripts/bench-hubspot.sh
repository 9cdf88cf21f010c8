#!/usr/bin/env bash
# HubSpot pull speed, release build: `revloop pull` of DEALS deals with their contacts from the HubSpot emulator
# (`revloop sandbox` in its own process, on loopback) into a SQLite store, with rate limits off on both sides, so
# what is measured is the connector, the transport, the emulator and the store. Prints the pull's summary, wall
# time, the pull process's CPU time and peak memory (/usr/bin/time -v), the emulator's request count, records/s of
# wall time and of the pull's own CPU; then a second pull, which must find nothing new.
#
# Usage: Scripts/bench-hubspot.sh [DEALS]   (default 100000)
set -euo pipefail
deals=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release --product revloop >/dev/null
bin="$root/.build/release/revloop"
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

port=$(free_port)
base="http://127.0.0.1:$port"
"$bin" sandbox --port "$port" --hubspot-deals "$deals" --hubspot-seed 42 2> "$work/sandbox.log" &
sandbox_pid=$!
# Generating a large dataset takes a while before the port opens.
for _ in $(seq 1 1200); do curl -sf "$base/_sandbox/hubspot" >/dev/null && break; sleep 0.1; done
grep HubSpot "$work/sandbox.log"

mkdir -p "$work/connectors"
printf 'bench-token\n' > "$work/token.txt"
cat > "$work/connectors/hubspot.yaml" <<YAML
name: hubspot
kind: hubspot
base_url: $base
access_token: \${file:token.txt}
page_size: 200
requests_per_10_seconds: 0
search_requests_per_second: 0
YAML
cat > "$work/revloop.yaml" <<YAML
version: 1
store: { path: store.sqlite }
connectors: [connectors/hubspot.yaml]
destinations: {}
mappings: []
YAML

echo "== pull of $deals deals with their contacts, limits off ($(nproc) cores)"
(cd "$work" && /usr/bin/time -v "$bin" pull --format json > pull.json 2> time.txt) || { cat "$work/time.txt"; exit 1; }
grep -E "User time|System time|Elapsed \(wall clock\)|Maximum resident" "$work/time.txt"
requests=$(curl -sf "$base/_sandbox/hubspot" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
python3 - "$work/pull.json" "$work/time.txt" "$requests" <<'PY'
import json, re, sys
summary = json.load(open(sys.argv[1]))["connectors"][0]
text = open(sys.argv[2]).read()
clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
seconds = int(clock.group(1) or 0) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))
cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", text).group(1)) for kind in ("User", "System"))
outcome = summary["outcome"]
inserted = {kind: tally["inserted"] for kind, tally in outcome.items()}
records = summary["records_read"]
print(f"records read: {records} ({inserted}), rejected {summary['rejected']}, warnings {summary['warnings']}")
print(f"emulator requests: {sys.argv[3]}; {seconds:.1f} s: {records / seconds:,.0f} records/s, "
      f"{inserted.get('deals', 0) / seconds:,.0f} deals/s")
# The pull's own CPU (connector, transport, JSON, hashing, SQLite, identity graph), without the emulator's:
# the rate the connector could keep up with a CRM that answered at once.
print(f"pull process CPU: {cpu:.1f} s: {records / cpu:,.0f} records/s of CPU")
PY
echo "== second pull (nothing new expected)"
(cd "$work" && "$bin" pull --format json) | python3 -c 'import json,sys; c=json.load(sys.stdin)["connectors"][0]; n=sum(v["inserted"]+v["updated"] for v in c["outcome"].values()); print("second pull:", n, "new or changed,", c["records_read"], "records read"); sys.exit(1 if n else 0)'
