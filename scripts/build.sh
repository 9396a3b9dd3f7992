#!/usr/bin/env bash
# Builds every contract under contracts/ with `cargo contract build --release` and prints a table
# of optimized Wasm sizes. Artifacts (.contract, .wasm, .json) land in
# ${CARGO_TARGET_DIR:-target}/ink/<name>/.
#   scripts/build.sh [name ...]           build only the named contracts
#   scripts/build.sh --dir DIR [name ...]  build the contracts under DIR (default: contracts)
#
# Reproducible: the build runs in a copy of the checkout at a fixed path (PT_BUILD_ROOT, default
# /tmp/personal-tokens-build) with its own target directory beside it. cargo-contract builds
# each contract in a temporary workspace whose path dependencies are absolute, and rustc hashes
# the paths of crates outside that workspace into symbol names; from a fixed path, the same
# sources give the same bytes whichever directory the checkout is in (`make test` checks the
# committed artifacts/ against a rebuild).
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE_DIR="contracts"
if [ "${1:-}" = "--dir" ]; then
    SOURCE_DIR="$2"
    shift 2
fi

TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
STAGE="${PT_BUILD_ROOT:-/tmp/personal-tokens-build}"
# pallet-contracts' MaxCodeLen on substrate-contracts-node 0.42 and in the sandbox runtime.
MAX_CODE_LEN=$((123 * 1024))
LOG_DIR="${TARGET_DIR}/build-logs"
mkdir -p "${LOG_DIR}" "${STAGE}"

if [ "$#" -gt 0 ]; then
    contracts=("$@")
else
    contracts=()
    for manifest in "${SOURCE_DIR}"/*/Cargo.toml; do
        contracts+=("$(basename "$(dirname "${manifest}")")")
    done
fi

# One build at a time uses the stage.
exec 9>"${STAGE}.lock"
flock 9

# The stage: the checkout's files (tracked, and untracked ones git does not ignore), nothing
# else; its target directory is kept between builds, and tar keeps modification times, so an
# unchanged contract is not rebuilt.
find "${STAGE}" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' file; do if [ -e "${file}" ]; then printf '%s\0' "${file}"; fi; done \
        | tar --null -T - -cf - | tar -xf - -C "${STAGE}"
else
    tar --exclude=./target -cf - . | tar -xf - -C "${STAGE}"
fi

for name in "${contracts[@]}"; do
    printf '[build] %-16s ' "${name}"
    start=$(date +%s)
    if ! (cd "${STAGE}/${SOURCE_DIR}/${name}" \
        && CARGO_TARGET_DIR="${STAGE}/target" cargo contract build --release --quiet) \
        >"${LOG_DIR}/${name}.log" 2>&1; then
        echo "FAILED"
        cat "${LOG_DIR}/${name}.log"
        exit 1
    fi
    mkdir -p "${TARGET_DIR}/ink/${name}"
    for ext in contract wasm json; do
        cp "${STAGE}/target/ink/${name}/${name}.${ext}" "${TARGET_DIR}/ink/${name}/${name}.${ext}"
    done
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
