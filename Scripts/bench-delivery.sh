#!/usr/bin/env bash
# Delivery speed, two parts, release build:
#  1. Throughput with the emulators' limits off: `DeliveryBenchmark` sends DEALS deals' operations per
#     platform through render, the SQLite ledger and HTTP to `revloop sandbox` in its own process (3 runs,
#     median), beside the same path with an instant in-process answer (the ledger's cost alone).
#  2. The quota with limits on: the emulator enforces Data Manager's 300 requests a minute over any
#     60-second window; `revloop upload` sends a generated export in small batches (batch_size 4) and must
#     fill the quota without one request over it.
#
# Usage: Scripts/bench-delivery.sh [DEALS] [QUOTA_DEALS]   (defaults 100000 and 30000; QUOTA_DEALS=0 skips part 2)
set -euo pipefail
deals=${1:-100000}
quota_deals=${2:-30000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
REVLOOP_BENCHMARKS=1 swift build -c release --product DeliveryBenchmark >/dev/null
REVLOOP_BENCHMARKS=1 swift build -c release --product revloop >/dev/null
bin="$root/.build/release/revloop"
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 50); do curl -sf "$1/_sandbox/stats" >/dev/null && return; sleep 0.1; done; }

echo "== 1. throughput, limits off ($(nproc) cores)"
port=$(free_port)
# The benchmark's operations are dated relative to 2026-11-29T12:00Z: the emulator checks windows against it.
"$bin" sandbox --port "$port" --as-of 2026-11-29T12:00:00Z 2>/dev/null &
sandbox_pid=$!
wait_for "http://127.0.0.1:$port"
/usr/bin/time -v "$root/.build/release/DeliveryBenchmark" "$deals" "http://127.0.0.1:$port" 2> "$work/time.txt"
grep -E "Maximum resident" "$work/time.txt"
kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=

[ "$quota_deals" -gt 0 ] || exit 0
echo
echo "== 2. Data Manager's quota, limits on (300 requests/minute, enforced by the emulator)"
port=$(free_port)
base="http://127.0.0.1:$port"
mkdir -p "$work/project/connectors" "$work/project/mappings"
cd "$work/project"
cp "$root/mappings/google-closed-won.yaml" mappings/
cp -R "$root/fx" .
printf 'token\n' > token.txt
printf 'name: quota\nkind: file\npath: export\ndefault_region: US\ndefault_currency: USD\nrebase_timestamps: run_date\n' > connectors/quota.yaml
cat > revloop.yaml <<YAML
version: 1
store: { path: store.sqlite }
connectors: [connectors/quota.yaml]
destinations:
  google: { platform: google_data_manager, access_token: "\${file:token.txt}", base_url: "$base", batch_size: 4 }
mappings: [mappings]
fx_rates: fx/rates.csv
YAML
"$bin" sample --deals "$quota_deals" --out connectors/export >/dev/null
"$bin" pull >/dev/null 2>&1
"$bin" sandbox --port "$port" --requests-per-minute 300 2>/dev/null &
sandbox_pid=$!
wait_for "$base"
start=$(date +%s.%N)
"$bin" upload --format json > upload.json 2>/dev/null || true
end=$(date +%s.%N)
curl -sf "$base/_sandbox/stats" > stats.json
python3 - "$start" "$end" <<'PY'
import json, sys
elapsed = float(sys.argv[2]) - float(sys.argv[1])
summary = json.load(open("upload.json"))[0]["summary"]
stats = json.load(open("stats.json"))["google_data_manager"]
print(f"upload: {summary['sent']} events in {summary['requests']} requests, {elapsed:.1f} s; accepted {summary['accepted']}")
print(f"emulator: {stats['requests']} requests answered (status polls included), peak {stats['peakPerMinute']} in a 60 s window, {stats['overQuota']} over the quota")
ok = stats["overQuota"] == 0 and stats["peakPerMinute"] == 300 and summary["accepted"] == summary["sent"]
print("quota:", "OK: filled to 300 a minute, never over" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
