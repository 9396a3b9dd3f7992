#!/usr/bin/env bash
# The project's test command (`make test`), in phases:
#   lint     cargo fmt --check, clippy -D warnings (whole workspace, all targets)
#   unit     unit and property tests of the contracts' logic, no chain
#   build    the release Wasm of the four contracts (scripts/build.sh)
#   sandbox  system tests: the real Wasm on the in-process pallet-contracts runtime
#   e2e      ink_e2e typed tests (sandbox backend) and, when a node binary is available, the
#            live-node suite (scripts/e2e.sh)
#   scripts/test.sh            all phases
#   scripts/test.sh PHASE...   only those phases
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO="${CARGO:-cargo}"
CARGO_FLAGS="${CARGO_FLAGS:---locked}"
CONTRACT_CRATES=(-p interfaces -p personal_token -p payout_splitter -p registry -p governance)

if [ "$#" -gt 0 ]; then phases=("$@"); else phases=(lint unit build reproduce sandbox e2e); fi

timings=()
run_phase() {
    local phase="$1"
    local start
    start=$(date +%s)
    echo "==> ${phase}"
    case "${phase}" in
        lint)
            "${CARGO}" fmt --all --check
            "${CARGO}" clippy ${CARGO_FLAGS} --workspace --all-targets -- -D warnings
            ;;
        unit)
            "${CARGO}" test ${CARGO_FLAGS} "${CONTRACT_CRATES[@]}"
            ;;
        build)
            scripts/build.sh
            ;;
        reproduce)
            scripts/artifacts.sh check
            ;;
        sandbox)
            "${CARGO}" test ${CARGO_FLAGS} -p deploy -p system-tests
            ;;
        e2e)
            scripts/e2e.sh
            ;;
        *)
            echo "unknown phase ${phase}: lint unit build reproduce sandbox e2e" >&2
            exit 2
            ;;
    esac
    timings+=("${phase}: $(( $(date +%s) - start )) s")
}

for phase in "${phases[@]}"; do
    run_phase "${phase}"
done
echo "==> passed (${timings[*]})"
