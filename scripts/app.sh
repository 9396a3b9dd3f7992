#!/usr/bin/env bash
# `make app`: the browser dApp on a local chain with the demo cast, in one command.
#   1. a local substrate-contracts-node on ws://127.0.0.1:9944, started (scripts/node.sh start,
#      the same binary as `make node`) unless one already answers there;
#   2. the deployment plan on it (manifest deploy/deployments/local.json; resumed if present);
#   3. `deploy seed`: Bob's $BOB, an offering sold to Dave and settled, a payout Dave can claim,
#      a second offering left open (skipped if already seeded);
#   4. the app's dev server at http://127.0.0.1:5173 with the dev wallet (//Alice .. //Ferdie),
#      VITE_NETWORK=local.
# Ctrl-C stops the app, and the node if this script started it.
# PT_DEPLOY_BIN uses a deploy binary built with `--features node` instead of building one;
# PT_APP_PORT serves the app on another port.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO="${CARGO:-cargo}"
CARGO_FLAGS="${CARGO_FLAGS:---locked}"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
NODE_PORT=9944
URL="ws://127.0.0.1:${NODE_PORT}"
APP_PORT="${PT_APP_PORT:-5173}"
MANIFEST="deploy/deployments/local.json"
say() { printf '[app] %s\n' "$*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started_node=""
cleanup() {
    if [ -n "${started_node}" ]; then
        PT_NODE_PORT="${NODE_PORT}" scripts/node.sh stop >/dev/null 2>&1 || true
        say "stopped the node this script started"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if answers "${NODE_PORT}"; then
    say "a node already answers on ${URL}: using it"
else
    say "no node on ${URL}: starting one (scripts/node.sh start)"
    PT_NODE_PORT="${NODE_PORT}" scripts/node.sh start >/dev/null
    started_node=1
fi

if answers "${APP_PORT}"; then
    say "port ${APP_PORT} is taken: stop what serves it (or set PT_APP_PORT) and run again"
    exit 1
fi

if [ -n "${PT_DEPLOY_BIN:-}" ]; then
    DEPLOY="${PT_DEPLOY_BIN}"
else
    say "building the deploy binary with the node backend (several minutes the first time)"
    "${CARGO}" build ${CARGO_FLAGS} --quiet -p deploy --features node
    # A copy: another `cargo build -p deploy` without the feature overwrites target/debug/deploy.
    mkdir -p "${TARGET}/app"
    cp "${TARGET}/debug/deploy" "${TARGET}/app/deploy"
    DEPLOY="${TARGET}/app/deploy"
fi

# The app's typed bindings are generated from the committed artifacts/: deploy those.
say "deployment plan on ${URL} (manifest ${MANIFEST})"
"${DEPLOY}" --artifacts artifacts plan --backend node --dev --url "${URL}" --manifest "${MANIFEST}"
say "seeding the demo cast"
"${DEPLOY}" --artifacts artifacts seed --backend node --dev --url "${URL}" --manifest "${MANIFEST}"

cd app
if [ ! -d node_modules ]; then
    say "installing the app's packages (npm ci)"
    npm ci --no-audit --no-fund
fi
say "the app: http://127.0.0.1:${APP_PORT}  (dev wallet: //Alice .. //Ferdie; Alice can buy 1% of \$BOB,"
say "         Dave can claim his payout). Ctrl-C stops the app$([ -n "${started_node}" ] && echo ' and the node')."
VITE_DEV_WALLET=true VITE_NETWORK=local node node_modules/vite/bin/vite.js --host 127.0.0.1 --port "${APP_PORT}" --strictPort
