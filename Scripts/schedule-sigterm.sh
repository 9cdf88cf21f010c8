#!/usr/bin/env bash
# SIGTERM during a delivery: `revloop schedule --once` is sent SIGTERM while its batches are in flight
# (the emulators throttle 30% of requests with Retry-After, so a delivery takes a while). It must exit 0
# within 30 seconds with nothing left `sending`; the next run then delivers the rest, and the ledger must
# equal what the emulators hold, with no LinkedIn operation in doubt.
#
# Usage: Scripts/schedule-sigterm.sh [DEALS]   (default 20000)
set -euo pipefail
deals=${1:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/Scripts/lib/emulated-project.sh"
script_workspace "$root"
port=$(free_port)
base="http://127.0.0.1:$port"
emulated_project "$root" "$work" "$base" 20
"$bin" sample --deals "$deals" --out "$work/connectors/export" >/dev/null
"$bin" sandbox --port "$port" --throttled 0.3 --retry-after 2 --seed 5 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 1 50); do curl -sf "$base/_sandbox/stats" >/dev/null && break; sleep 0.1; done
cd "$work"
"$bin" pull >/dev/null 2>&1
"$bin" schedule --once 2>schedule.log &
pid=$!
# Wait until the ledger shows operations in flight, then ask the scheduler to stop.
for _ in $(seq 1 600); do
  sending=$(python3 -c "
import sqlite3
try: print(sqlite3.connect('store.sqlite').execute(\"select count(*) from ledger where state='sending'\").fetchone()[0])
except Exception: print(0)")
  [ "$sending" -gt 0 ] && break
  sleep 0.05
done
accepted_before=$(python3 -c "import sqlite3; print(sqlite3.connect('store.sqlite').execute(\"select count(*) from ledger where state='accepted'\").fetchone()[0])")
start=$(date +%s.%N)
kill -TERM "$pid"
set +e
wait "$pid"
code=$?
set -e
elapsed=$(python3 -c "import time; print(round(time.time() - $start, 2))")
left=$(python3 -c "import sqlite3; print(sqlite3.connect('store.sqlite').execute(\"select count(*) from ledger where state='sending'\").fetchone()[0])")
echo "SIGTERM with $sending operations sending ($accepted_before accepted so far): exit $code after $elapsed s; left sending: $left"
tail -2 schedule.log
"$bin" upload >/dev/null 2>&1 || true
"$bin" upload >/dev/null 2>&1 || true
curl -sf "$base/_sandbox/stats" > stats.json
python3 - "$code" "$elapsed" "$left" <<'PY'
import json, sqlite3, sys
code, elapsed, left = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
stats = json.load(open("stats.json"))
db = sqlite3.connect("store.sqlite")
states = dict(((p, s), n) for p, s, n in db.execute("SELECT platform, state, COUNT(*) FROM ledger GROUP BY platform, state"))
ok = code == 0 and elapsed <= 30 and left == 0
for platform, counts in sorted(stats.items()):
    accepted = states.get((platform, "accepted"), 0)
    doubt = states.get((platform, "dead_letter"), 0)
    print(f"{platform}: ledger accepted {accepted}, emulator holds {counts['held']}, duplicates {counts['duplicates']}, dead letters {doubt}")
    ok &= accepted == counts["held"] and doubt == 0 and (platform != "linkedin" or counts["duplicates"] == 0)
print("sigterm:", "OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
