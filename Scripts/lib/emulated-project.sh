# Sourced by the delivery and scheduling scripts: a project in a folder whose three destinations point at
# the emulators, with a generated export as its CRM.
#
# emulated_project ROOT WORK BASE_URL LINKEDIN_BATCH
#   writes WORK/revloop.yaml (store.sqlite; Data Manager and Meta in batches of 20, LinkedIn in batches of
#   LINKEDIN_BATCH), WORK/connectors/crm.yaml (a file export in WORK/connectors/export, rebased to the run
#   date), a dummy token, and copies the repository's mappings and FX rates.
# script_workspace ROOT: sets `bin` (REVLOOP_BIN, else the debug build, built if missing) and `work` (a
# fresh folder), and on exit stops the sandbox whose pid is in `sandbox_pid` and removes the folder.
script_workspace() {
  bin=${REVLOOP_BIN:-$1/.build/debug/revloop}
  [ -x "$bin" ] || swift build --product revloop --package-path "$1"
  work=$(mktemp -d)
  sandbox_pid=
  trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

emulated_project() {
  local root=$1 work=$2 base=$3 linkedin_batch=$4
  mkdir -p "$work/connectors"
  cp -R "$root/mappings" "$root/fx" "$work"/
  printf 'sandbox-token\n' > "$work/token.txt"
  printf 'name: crm\nkind: file\npath: export\ndefault_region: US\ndefault_currency: USD\nrebase_timestamps: run_date\n' \
    > "$work/connectors/crm.yaml"
  cat > "$work/revloop.yaml" <<YAML
version: 1
store: { path: store.sqlite }
connectors: [connectors/crm.yaml]
destinations:
  google: { platform: google_data_manager, access_token: "\${file:token.txt}", base_url: "$base", batch_size: 20 }
  meta: { platform: meta, access_token: "\${file:token.txt}", base_url: "$base", batch_size: 20 }
  linkedin: { platform: linkedin, access_token: "\${file:token.txt}", base_url: "$base", api_version: "202611", batch_size: $linkedin_batch }
mappings: [mappings]
fx_rates: fx/rates.csv
holdout: { share: 0.05, salt: emulated }
YAML
}
