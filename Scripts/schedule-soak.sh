#!/usr/bin/env bash
# Two `revloop schedule` processes on one store, cycling against the emulators with faults on (10% 5xx,
# 5% 429, 1% drops), for MINUTES minutes of EVERY-second cycles. Halfway, the lease holder is killed with
# SIGKILL. Every minute the survivors' RSS is sampled. At the end: the run history must show no two
# cycles at once, the survivor must have taken over within one lease, and the ledger must equal what the
# emulators hold (LinkedIn double counts: 0).
#
# Usage: Scripts/schedule-soak.sh [MINUTES] [EVERY_SECONDS] [LEASE_SECONDS]   (defaults 30, 60, 60)
set -euo pipefail
minutes=${1:-30}
every=${2:-60}
lease=${3:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${REVLOOP_BIN:-$root/.build/debug/revloop}
[ -x "$bin" ] || swift build --product revloop --package-path "$root"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp -R "$root/revloop.sandbox.yaml" "$root/sandbox" "$root/connectors" "$root/mappings" "$root/fx" "$work"/
sed -i "s/127.0.0.1:8450/127.0.0.1:$port/g" "$work/revloop.sandbox.yaml"
cd "$work"
"$bin" sandbox --port "$port" --server-errors 0.1 --throttled 0.05 --drops 0.01 --seed 3 2>sandbox.log &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null && break; sleep 0.1; done
"$bin" schedule -c revloop.sandbox.yaml --every "${every}s" --lease "$lease" 2>a.log &
a=$!
pids+=($a)
sleep 3
"$bin" schedule -c revloop.sandbox.yaml --every "${every}s" --lease "$lease" 2>b.log &
b=$!
pids+=($b)
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo -; }
killed=
echo "minute  rss_a_kb  rss_b_kb"
for minute in $(seq 1 "$minutes"); do
  sleep 60
  echo "$minute  $(rss $a)  $(rss $b)"
  if [ -z "$killed" ] && [ "$minute" -ge $((minutes / 2)) ]; then
    holder=$(python3 -c "import sqlite3; print(sqlite3.connect('.revloop/sandbox.sqlite').execute('select holder from leases').fetchone()[0])")
    victim=$a; [ "${holder##*:}" = "$b" ] && victim=$b
    kill -9 "$victim"
    killed=$(date +%s.%N)
    echo "kill -9 of the holder (process $victim) at minute $minute"
    for _ in $(seq 1 $((lease * 4))); do
      now=$(python3 -c "import sqlite3; print(sqlite3.connect('.revloop/sandbox.sqlite').execute('select holder from leases').fetchone()[0])")
      [ "$now" != "$holder" ] && break
      sleep 0.5
    done
    echo "lease taken over by $now $(python3 -c "import time; print(round(time.time() - $killed, 1))") s after the kill (lease $lease s)"
  fi
done
kill -TERM "$a" "$b" 2>/dev/null || true
sleep 2
curl -sf "http://127.0.0.1:$port/_sandbox/stats" > stats.json
python3 - "$killed" "$lease" <<'PY'
import json, sqlite3, sys
killed, lease = float(sys.argv[1] or 0), int(sys.argv[2])
db = sqlite3.connect(".revloop/sandbox.sqlite")
runs = db.execute("SELECT id, started_at, finished_at, process_id, status FROM runs WHERE command = 'schedule' ORDER BY started_at").fetchall()
overlaps = sum(1 for x, y in zip(runs, runs[1:]) if x[2] is None or y[1] < x[2])
by_process = {}
for run in runs: by_process.setdefault(run[3], []).append(run)
after = [r for r in runs if r[1] / 1000 > killed]
first_after = (after[0][1] / 1000 - killed) if after else None
print(f"cycles: {len(runs)} ({', '.join(f'process {p}: {len(r)}' for p, r in by_process.items())}); overlapping: {overlaps}")
print(f"first cycle after the kill: {first_after:.1f} s later (lease {lease} s)" if first_after is not None else "no cycle after the kill")
stats = json.load(open("stats.json"))
states = dict(((p, s), n) for p, s, n in db.execute("SELECT platform, state, COUNT(*) FROM ledger GROUP BY platform, state"))
ok = overlaps == 0 and first_after is not None
for platform, counts in sorted(stats.items()):
    accepted = states.get((platform, "accepted"), 0)
    print(f"{platform}: ledger accepted {accepted}, emulator holds {counts['held']}, duplicates {counts['duplicates']}, faults 5xx {counts['serverErrors']} 429 {counts['throttled']} drops {counts['dropped']}")
    ok &= accepted == counts["held"] and (platform != "linkedin" or counts["duplicates"] == 0)
print("schedule soak:", "OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
