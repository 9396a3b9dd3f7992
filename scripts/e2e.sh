#!/usr/bin/env bash
# End-to-end tests (`make e2e`, and the last phase of `make test`):
#   1. the ink_e2e typed tests on ink_e2e's sandbox backend (no node needed);
#   2. when a contracts node binary is available ($CONTRACTS_NODE or the cache; see
#      scripts/node.sh), on a live node started for the run:
#      - the deployment plan's node backend deploys the suite, interrupted after its second step
#        (as a kill would) and run again: it must resume, not start over;
#      - the same ink_e2e tests with the node backend;
#      - scripts/cli-e2e.sh drives the deployed suite through the `cargo contract` CLI;
#      the node is stopped at the end. Without a node binary this part is skipped, and said so.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO="${CARGO:-cargo}"
CARGO_FLAGS="${CARGO_FLAGS:---locked}"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
export PT_NODE_PORT="${PT_NODE_PORT:-9966}"
URL="ws://127.0.0.1:${PT_NODE_PORT}"
say() { printf '[e2e] %s\n' "$*"; }
started=$(date +%s)

# The ink_e2e tests use the release Wasm of `make build` (target/ink/<name>/<name>.wasm).
say "ink_e2e tests (sandbox backend)"
"${CARGO}" test ${CARGO_FLAGS} -p e2e-tests

# ----- live node ---------------------------------------------------------------------------
if [ -z "${CONTRACTS_NODE:-}" ] && ! scripts/node.sh path --no-build >/dev/null 2>&1; then
    say "SKIPPED the live-node tests: no contracts node binary (set CONTRACTS_NODE, or run"
    say "        \`make node\` once to build one: about an hour on 2 cores)"
    exit 0
fi

trap 'scripts/node.sh stop >/dev/null 2>&1 || true' EXIT
scripts/node.sh stop >/dev/null 2>&1 || true
scripts/node.sh start >/dev/null
say "node started at ${URL}"

"${CARGO}" build ${CARGO_FLAGS} -p deploy --features node --quiet
DEPLOY="${TARGET}/debug/deploy"
MANIFEST="${TARGET}/e2e/deployments/local.json"
mkdir -p "${TARGET}/e2e"
rm -f "${MANIFEST}"
# shellcheck source=scripts/json.sh
source scripts/json.sh

# The plan's clear errors: each must fail, say what went wrong and deploy nothing.
expect_refusal() {
    local what="$1" pattern="$2"; shift 2
    local log="${TARGET}/e2e/refusal.log"
    if "$@" >"${log}" 2>&1; then
        cat "${log}"; say "${what}: the plan did not fail"; exit 1
    fi
    grep -q "${pattern}" "${log}" || { cat "${log}"; say "${what}: no \"${pattern}\" in its error"; exit 1; }
    say "ok: ${what} is refused: $(grep -m1 "${pattern}" "${log}" | sed 's/^error: //')"
}
expect_refusal "an unreachable node" "cannot reach a node" \
    "${DEPLOY}" plan --backend node --dev --url ws://127.0.0.1:1 --manifest "${TARGET}/e2e/unused.json"
expect_refusal "missing artifacts" "make build" \
    "${DEPLOY}" --artifacts "${TARGET}/e2e/no-artifacts" plan --backend node --dev --url "${URL}" \
    --manifest "${TARGET}/e2e/unused.json"
expect_refusal "an unfunded deployer" "has no funds" \
    env PT_SURI="//PersonalTokensUnfundedDeployer" "${DEPLOY}" plan --backend node --url "${URL}" \
    --manifest "${TARGET}/e2e/unused.json"
[ ! -e "${TARGET}/e2e/unused.json" ] || { say "a refused plan wrote a manifest"; exit 1; }

say "deployment plan on the node, interrupted after its second step"
if PT_DEPLOY_ABORT_AFTER_STEP=2 "${DEPLOY}" plan --backend node --dev --url "${URL}" --manifest "${MANIFEST}" >"${TARGET}/e2e/plan-1.log" 2>&1; then
    cat "${TARGET}/e2e/plan-1.log"; say "the interrupted deployment did not stop"; exit 1
fi
governance_before="$(json_field "${MANIFEST}" governance)"
[ -n "${governance_before}" ] || { say "the interrupted plan recorded no governance"; exit 1; }
[ -z "$(json_field "${MANIFEST}" registry)" ] || { say "the plan went past the interruption"; exit 1; }
say "interrupted with governance ${governance_before} deployed and no registry; running again"
"${DEPLOY}" plan --backend node --dev --url "${URL}" --manifest "${MANIFEST}" | tee "${TARGET}/e2e/plan-2.log"
grep -q "instantiate governance (already done, skipped)" "${TARGET}/e2e/plan-2.log" \
    || { say "the second run did not resume"; exit 1; }
governance_after="$(json_field "${MANIFEST}" governance)"
[ "${governance_before}" = "${governance_after}" ] || { say "governance was deployed twice"; exit 1; }
say "resumed: the plan completed from the first missing step"

say "ink_e2e tests (node backend)"
CONTRACTS_NODE_URL="${URL}" "${CARGO}" test ${CARGO_FLAGS} -p e2e-tests --features node

scripts/cli-e2e.sh "${MANIFEST}" "${URL}"
say "live-node tests passed in $(( $(date +%s) - started )) s"
