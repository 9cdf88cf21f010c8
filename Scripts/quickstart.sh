#!/usr/bin/env bash
# Quick start on a fresh Debian/Ubuntu machine with Swift 6.2+: installs the system libraries Revloop links
# (libcurl, OpenSSL's libcrypto, SQLite), builds the release binary, and runs the main job on the bundled
# sample: validate the configuration, pull the sample CRM export into the store, show what the store holds.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libcurl4-openssl-dev libssl-dev libsqlite3-dev)
missing=()
for package in "${packages[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
swift build -c release --product revloop
bin=.build/release/revloop
"$bin" validate
"$bin" pull "$@"
"$bin" status
"$bin" plan --no-pull
echo
echo "Next: $bin plan --deal d-1 (one deal's story), $bin --help (the store is .revloop/revloop.sqlite; delete it to start over)"
