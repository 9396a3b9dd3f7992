#!/usr/bin/env bash
# Builds every contract under contracts/ with `cargo contract build --release` and prints a table
# of optimized Wasm sizes. Artifacts (.contract, .wasm, .json) land in
# ${CARGO_TARGET_DIR:-target}/ink/<name>/.
#   scripts/build.sh [name ...]           build only the named contracts
#   scripts/build.sh --dir DIR [name ...]  build the contracts under DIR (default: contracts)
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE_DIR="contracts"
if [ "${1:-}" = "--dir" ]; then
    SOURCE_DIR="$2"
    shift 2
fi

TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# pallet-contracts' MaxCodeLen on substrate-contracts-node 0.42 and in the sandbox runtime.
MAX_CODE_LEN=$((123 * 1024))
LOG_DIR="${TARGET_DIR}/build-logs"
mkdir -p "${LOG_DIR}"

if [ "$#" -gt 0 ]; then
    contracts=("$@")
else
    contracts=()
    for manifest in "${SOURCE_DIR}"/*/Cargo.toml; do
        contracts+=("$(basename "$(dirname "${manifest}")")")
    done
fi

for name in "${contracts[@]}"; do
    printf '[build] %-16s ' "${name}"
    start=$(date +%s)
    if ! (cd "${SOURCE_DIR}/${name}" && cargo contract build --release --quiet) >"${LOG_DIR}/${name}.log" 2>&1; then
        echo "FAILED"
        cat "${LOG_DIR}/${name}.log"
        exit 1
    fi
    echo "ok ($(( $(date +%s) - start )) s)"
done

printf '\n| contract | optimized Wasm (bytes) | KiB | of the 123 KiB limit |\n|---|---:|---:|---:|\n'
for name in "${contracts[@]}"; do
    wasm="${TARGET_DIR}/ink/${name}/${name}.wasm"
    if [ ! -f "${wasm}" ]; then
        echo "missing artifact ${wasm}" >&2
        exit 1
    fi
    bytes=$(stat -c %s "${wasm}")
    printf '| %s | %d | %d.%d | %d%% |\n' "${name}" "${bytes}" $((bytes / 1024)) $(((bytes % 1024) * 10 / 1024)) $((bytes * 100 / MAX_CODE_LEN))
    if [ "${bytes}" -gt "${MAX_CODE_LEN}" ]; then
        echo "${name} exceeds the chain's maximum code size" >&2
        exit 1
    fi
done
echo
echo "artifacts: ${TARGET_DIR}/ink/<name>/<name>.{contract,wasm,json}"
