#!/usr/bin/env bash
# Regenerates (update) or verifies (check) the typed contract bindings in src/contracts/types
# from the committed contract metadata in ../artifacts/<name>/<name>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-update}"
contracts=(registry personal_token payout_splitter governance)
out=src/contracts/types

generate() {
  local dir="$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  for name in "${contracts[@]}"; do
    local log
    if ! log="$(npx --no-install dedot typink -m "../artifacts/$name/$name.json" -o "$dir" 2>&1)"; then
      echo "$log" >&2
      return 1
    fi
  done
}

case "$mode" in
  update)
    generate "$out"
    echo "bindings written to $out"
    ;;
  check)
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    generate "$tmp/types"
    if ! diff -r "$out" "$tmp/types"; then
      echo "the typed bindings differ from the contract metadata: run npm run bindings and commit" >&2
      exit 1
    fi
    echo "bindings are up to date"
    ;;
  *)
    echo "usage: $0 update|check" >&2
    exit 2
    ;;
esac
