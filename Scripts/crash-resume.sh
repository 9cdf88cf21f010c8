#!/usr/bin/env bash
# Kills `revloop pull` with SIGKILL part-way through a large export, pulls again, and checks that the
# store ends complete with no duplicates: every count equals what the export files hold.
#
# Usage: Scripts/crash-resume.sh [DEALS] [SECONDS_BEFORE_KILL] [KILLS]
#   DEALS               deals to generate (default 1000000)
#   SECONDS_BEFORE_KILL how long each pull runs before it is killed (default 20)
#   KILLS               how many times to kill before letting a pull finish (default 2)
set -euo pipefail
deals=${1:-1000000}
delay=${2:-20}
kills=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/release/revloop"
[ -x "$bin" ] || swift build -c release --product revloop --package-path "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/connectors"
printf 'version: 1\nstore:\n  path: store.sqlite\nconnectors: [connectors/crash.yaml]\n' > "$work/revloop.yaml"
printf 'name: crash\nkind: file\npath: %s/export\nrebase_timestamps: run_date\n' "$work" > "$work/connectors/crash.yaml"
"$bin" sample --seed 7 --deals "$deals" --out "$work/export" --as-of 2026-11-29 >/dev/null
cd "$work"
for attempt in $(seq 1 "$kills"); do
  "$bin" pull --as-of 2026-11-29 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then echo "kill -9 #$attempt after ${delay}s"; else echo "pull #$attempt finished before the kill"; fi
  wait "$pid" 2>/dev/null || true
  "$bin" status --as-of 2026-11-29 | sed -n '1,7p;/streams/,/recent/p' | grep -v recent
done
"$bin" pull --as-of 2026-11-29 --format json > final.json 2>/dev/null || true
echo "final pull: $(python3 -c 'import json;c=json.load(open("final.json"))["connectors"][0];print(sum(v["inserted"]+v["updated"] for v in c["outcome"].values()),"new or changed")')"
python3 - "$work" <<'PY'
import csv, json, sqlite3, sys
work = sys.argv[1]
export = work + "/export"
expected = {"deals": 0, "stage_transitions": 0, "amount_changes": 0, "deal_contacts": 0}
with open(export + "/deals.jsonl") as f:
    for line in f:
        d = json.loads(line)
        expected["deals"] += 1
        expected["stage_transitions"] += len(d["stage_history"])
        expected["amount_changes"] += len(d["amount_history"])
        expected["deal_contacts"] += len(d["contact_ids"])
with open(export + "/contacts.csv", newline="") as f:
    expected["contacts"] = sum(1 for _ in csv.DictReader(f))
with open(export + "/companies.csv", newline="") as f:
    expected["companies"] = sum(1 for _ in csv.DictReader(f))
with open(export + "/click_ids.csv", newline="") as f:
    expected["click_ids"] = len({(r["contact_id"], r["kind"], r["value"]) for r in csv.DictReader(f)})
db = sqlite3.connect(work + "/store.sqlite")
ok = True
for table, want in sorted(expected.items()):
    got = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    mark = "ok" if got == want else "MISMATCH"
    ok &= got == want
    print(f"{table:18} store {got:>10}  export {want:>10}  {mark}")
dupes = db.execute("SELECT COUNT(*) - COUNT(DISTINCT id) FROM deals").fetchone()[0]
print(f"duplicate deal ids: {dupes}")
contact_links = db.execute("SELECT COUNT(DISTINCT source) FROM identity_links WHERE source LIKE 'crm:%'").fetchone()[0]
dirty = db.execute("SELECT COUNT(*) FROM identity_dirty").fetchone()[0]
unresolved = db.execute(
    'SELECT COUNT(*) FROM (SELECT "left" AS i FROM identity_links UNION SELECT "right" FROM identity_links) '
    "WHERE i NOT IN (SELECT identifier FROM identity_persons)").fetchone()[0]
print(f"identity: {contact_links} contacts with links, {dirty} identifiers still dirty, {unresolved} without a person")
ok &= dirty == 0 and unresolved == 0
runs = db.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
print("runs:", ", ".join(f"#{i} {s}" for i, s in runs))
sys.exit(0 if ok and dupes == 0 else 1)
PY
