#!/usr/bin/env bash
# Delivery under faults, end to end over real sockets: the emulators (`revloop sandbox`) answer 10% of
# requests with 5xx, 5% with 429 + Retry-After, drop 1% of connections after ingesting, and refuse a share
# of events as invalid; `revloop upload` is killed with SIGKILL at a random point in each of RUNS runs,
# then runs to completion. The ledger is then compared with what the emulators hold, key by key:
# nothing lost, nothing held twice, LinkedIn's in-doubt operations (no dedup) counted and reported.
#
# Usage: Scripts/delivery-faults.sh [RUNS] [DEALS] [SEED]
#   RUNS   killed runs (default 20)      DEALS  deals in the generated export (default 20000)
#   SEED   seed for the export, the faults and the kill points (default 11)
# REVLOOP_BIN overrides the binary (default .build/debug/revloop, built if missing).
set -euo pipefail
runs=${1:-20}
deals=${2:-20000}
seed=${3:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/Scripts/lib/emulated-project.sh"
script_workspace "$root"
# One instant for every command and the emulators, so no event drifts out of a window during the runs.
asof=$(date -u +%Y-%m-%dT%H:%M:%SZ)
port=$(free_port)
base="http://127.0.0.1:$port"
emulated_project "$root" "$work" "$base" 50
# The dead-letter alert: LinkedIn's in-doubt operations are dead letters, so the last run must raise it.
printf 'alerts:\n  dead_letters: 1\n' >> "$work/revloop.yaml"
"$bin" sample --seed "$seed" --deals "$deals" --out "$work/connectors/export" >/dev/null
"$bin" sandbox --port "$port" --server-errors 0.1 --throttled 0.05 --drops 0.01 --poisoned 0.005 --seed "$seed" \
  --retry-after 1 --as-of "$asof" 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 50); do curl -sf "$base/_sandbox/stats" >/dev/null && break; sleep 0.1; done
cd "$work"
"$bin" pull --as-of "$asof" >/dev/null 2>&1
planned=$("$bin" plan --no-pull --as-of "$asof" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["sending"])')
echo "planned: $planned operations; emulators at $base with 10% 5xx, 5% 429, 1% drops, 0.5% poisoned events"

RANDOM=$seed
killed=0
for run in $(seq 1 "$runs"); do
  "$bin" upload --as-of "$asof" >/dev/null 2>&1 &
  pid=$!
  delay_ms=$((100 + RANDOM % 2400))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
done
echo "kill -9: $killed of $runs runs killed part-way (random points between 0.1 and 2.5 s)"
finish=0
while [ $finish -lt 10 ]; do
  finish=$((finish + 1))
  "$bin" upload --as-of "$asof" --format json > last.json 2> last.err || true
  left=$("$bin" ledger stats --format json | python3 -c '
import json,sys
s=json.load(sys.stdin)["states"]
print(sum(n for p in s.values() for k,n in p.items() if k in ("planned","sending","retrying")))')
  [ "$left" -eq 0 ] && break
done
echo "runs to completion: $finish"
grep "^alert: .*dead letters in the ledger" last.err
curl -sf "$base/_sandbox/held" > held.json
curl -sf "$base/_sandbox/stats" > stats.json
python3 - "$planned" <<'PY'
import json, sqlite3, sys
planned = int(sys.argv[1])
held = json.load(open("held.json"))
stats = json.load(open("stats.json"))
db = sqlite3.connect("store.sqlite")
rows = db.execute("SELECT key, platform, state, last_code FROM ledger").fetchall()
ok = True
total = 0
print(f"{'platform':20} {'ledger':>7} {'accepted':>8} {'rejected':>8} {'in-doubt':>8} {'other':>6} {'held':>6} {'lost':>5} {'held-not-accepted':>17} {'resends-deduplicated':>20} {'double-counted':>14}")
for platform in sorted({r[1] for r in rows}):
    mine = [r for r in rows if r[1] == platform]
    total += len(mine)
    accepted = {r[0] for r in mine if r[2] in ("accepted", "restated", "retracted")}
    rejected = {r[0] for r in mine if r[2] == "rejected"}
    in_doubt = {r[0] for r in mine if r[2] == "dead_letter" and r[3] == "IN_DOUBT"}
    other = len(mine) - len(accepted) - len(rejected) - len(in_doubt)
    ids = {i.split("|", 1)[1] if platform == "meta" else i for i in held.get(platform, [])}
    lost = accepted - ids
    extra = ids - accepted - in_doubt
    counts = stats.get(platform, {})
    dedup = counts.get("duplicates", 0) if platform != "linkedin" else 0
    double = counts.get("duplicates", 0) if platform == "linkedin" else 0
    ok &= not lost and not extra and other == 0 and double == 0 and not (rejected & ids)
    print(f"{platform:20} {len(mine):>7} {len(accepted):>8} {len(rejected):>8} {len(in_doubt):>8} {other:>6} {len(ids):>6} {len(lost):>5} {len(extra):>17} {dedup:>20} {double:>14}")
ok &= total == planned
print(f"ledger operations {total}, planned {planned}: {'ok' if total == planned else 'MISMATCH'}")
faults = {p: {k: stats[p][k] for k in ("requests", "serverErrors", "throttled", "dropped", "refusedEvents")} for p in sorted(stats)}
print("faults injected:", json.dumps(faults))
print("delivery under faults:", "OK: nothing lost, nothing counted twice" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
