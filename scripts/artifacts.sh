#!/usr/bin/env bash
# The committed release artifacts (artifacts/<name>/<name>.{contract,json,wasm}): what
# `make demo` runs and what the app's typed bindings are generated from.
#   scripts/artifacts.sh update   copy the contracts `make build` built into artifacts/
#   scripts/artifacts.sh check    fail unless a rebuild reproduced artifacts/ byte for byte
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
CONTRACTS=(governance registry personal_token payout_splitter roster)
say() { printf '[artifacts] %s\n' "$*"; }

case "${1:-}" in
    update)
        for name in "${CONTRACTS[@]}"; do
            mkdir -p "artifacts/${name}"
            for ext in contract json wasm; do
                cp "${TARGET_DIR}/ink/${name}/${name}.${ext}" "artifacts/${name}/${name}.${ext}"
            done
        done
        say "copied the built contracts into artifacts/: commit them"
        ;;
    check)
        differ=0
        for name in "${CONTRACTS[@]}"; do
            for ext in contract json wasm; do
                built="${TARGET_DIR}/ink/${name}/${name}.${ext}"
                committed="artifacts/${name}/${name}.${ext}"
                if ! cmp -s "${built}" "${committed}"; then
                    say "${committed} differs from the rebuild ${built}"
                    differ=1
                fi
            done
            say "${name}: code hash $(sed -n 's/.*"hash": *"\(0x[0-9a-f]*\)".*/\1/p' "artifacts/${name}/${name}.json" | head -n 1)"
        done
        if [ "${differ}" -ne 0 ]; then
            say "the committed artifacts are not what the sources build: run \`make artifacts\` and commit artifacts/"
            exit 1
        fi
        say "a rebuild from source reproduced artifacts/ byte for byte"
        ;;
    *)
        echo "usage: scripts/artifacts.sh update|check" >&2
        exit 2
        ;;
esac
