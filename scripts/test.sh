#!/usr/bin/env bash
# The project's test command (`make test`), in phases:
#   lint     cargo fmt --check, clippy -D warnings (whole workspace, all targets)
#   unit     unit and property tests of the contracts' logic, no chain
#   build    the release Wasm of the five contracts (scripts/build.sh)
#   sandbox  system tests: the real Wasm on the in-process pallet-contracts runtime
#   e2e      ink_e2e typed tests (sandbox backend) and, when a node binary is available, the
#            live-node suite (scripts/e2e.sh)
#   app      the dApp: typed bindings regenerated from artifacts/ equal the committed ones,
#            tsc, unit tests, the production build (no dev key in it), Playwright in Chromium
#            (wallet states), then the journeys on a live node when a node binary is available
#   scripts/test.sh            all phases
#   scripts/test.sh PHASE...   only those phases
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO="${CARGO:-cargo}"
CARGO_FLAGS="${CARGO_FLAGS:---locked}"
CONTRACT_CRATES=(-p interfaces -p personal_token -p payout_splitter -p registry -p governance -p roster)

if [ "$#" -gt 0 ]; then phases=("$@"); else phases=(lint unit build reproduce sandbox e2e app); fi

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
        app)
            (cd app \
                && npm run --silent bindings:check \
                && npm run --silent typecheck \
                && npm test --silent \
                && npm run --silent build \
                && npm run --silent check:prod \
                && npx playwright test)
            # The journeys against a live node (the suite deployed and seeded by their setup).
            if [ -n "${CONTRACTS_NODE:-}" ] || scripts/node.sh path --no-build >/dev/null 2>&1; then
                (cd app && npm run --silent e2e:node)
            else
                echo "[app] SKIPPED the live-node journeys: no contracts node binary (see make node)"
            fi
            ;;
        *)
            echo "unknown phase ${phase}: lint unit build reproduce sandbox e2e app" >&2
            exit 2
            ;;
    esac
    timings+=("${phase}: $(( $(date +%s) - start )) s")
}

for phase in "${phases[@]}"; do
    run_phase "${phase}"
done
echo "==> passed (${timings[*]})"
