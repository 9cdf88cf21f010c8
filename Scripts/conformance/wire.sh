#!/usr/bin/env bash
# Wire conformance: the requests `revloop plan --format wire` would send, checked against the platforms' official
# request types (google-ads-datamanager for Data Manager, google-ads v26 for the Google Ads API) and against JSON
# Schemas written from the spec for Meta and LinkedIn, plus each platform's documented limits, formats and windows.
# Runs on a copy of the sample project in a temporary folder and installs pinned PyPI packages into a throw-away
# virtual environment. Exits non-zero on any problem.
# REVLOOP_AS_OF (optional, YYYY-MM-DD or RFC 3339) pins the plan's clock and the checker's "now" together.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${REVLOOP_BIN:-"$root/.build/debug/revloop"}
[ -x "$bin" ] || swift build --package-path "$root" --product revloop
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root/revloop.yaml" "$work/"
cp -R "$root/connectors" "$root/mappings" "$root/fx" "$work/"
plan_args=(plan --format wire)
check_args=()
if [ -n "${REVLOOP_AS_OF:-}" ]; then
  plan_args+=(--as-of "$REVLOOP_AS_OF")
  check_args+=(--now "$REVLOOP_AS_OF")
fi
(cd "$work" && "$bin" "${plan_args[@]}" > wire.jsonl)
# The same plan made straight from the export files must send the same requests' worth of valid bodies.
(cd "$work" && "$bin" "${plan_args[@]}" --from-export > wire-from-export.jsonl)
# The Google Ads API path (allowlisted developer tokens): the same plan with the destination switched.
mkdir "$work/ads"
cp -R "$work/connectors" "$work/mappings" "$work/fx" "$work/ads/"
sed 's/platform: google_data_manager/platform: google_ads/' "$work/revloop.yaml" > "$work/ads/revloop.yaml"
(cd "$work/ads" && "$bin" "${plan_args[@]}" --from-export > "$work/wire-google-ads.jsonl")

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  "google-ads-datamanager==0.9.4" "google-ads==34.0.0" "jsonschema==4.26.0"
checker="$root/Scripts/conformance/wire_conformance.py"
"$work/venv/bin/python" "$checker" --self-test
"$work/venv/bin/python" "$checker" "$work/wire.jsonl" "${check_args[@]}"
"$work/venv/bin/python" "$checker" "$work/wire-from-export.jsonl" "${check_args[@]}"
"$work/venv/bin/python" "$checker" "$work/wire-google-ads.jsonl" "${check_args[@]}"
