#!/usr/bin/env bash
# Drives a deployed suite through the `cargo contract` CLI exactly as the README tells users to:
# queries (dry runs), calls (-x), and an instantiation, with the artifacts and the manifest.
#   scripts/cli-e2e.sh [MANIFEST] [URL]     (defaults: deploy/deployments/local.json, its url)
# Dev keys only: this is for a local dev node.
set -euo pipefail
cd "$(dirname "$0")/.."

MANIFEST="${1:-deploy/deployments/local.json}"
TARGET="${CARGO_TARGET_DIR:-target}"
# shellcheck source=scripts/json.sh
source scripts/json.sh
URL="${2:-$(json_field "${MANIFEST}" url)}"
REGISTRY="$(json_field "${MANIFEST}" registry)"
GOVERNANCE="$(json_field "${MANIFEST}" governance)"
REGISTRY_ABI="${TARGET}/ink/registry/registry.contract"
TOKEN_ABI="${TARGET}/ink/personal_token/personal_token.contract"
SPLITTER_ABI="${TARGET}/ink/payout_splitter/payout_splitter.contract"
ALICE=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
BOB=5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
CHARLIE=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y
TERMS=0x7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e
# Amounts in planck (12 decimals). Written out: 10,000,000 UNIT passes bash's 64-bit arithmetic.
HUNDRED_THOUSAND_UNIT=100000000000000000
TEN_MILLION_UNIT=10000000000000000000
steps=0

say() { printf '[cli] %s\n' "$*"; }
fail() { printf '[cli] FAILED: %s\n' "$*" >&2; exit 1; }

# query ABI CONTRACT MESSAGE [ARGS...]: a dry run; prints the decoded result.
query() {
    local abi="$1" contract="$2" message="$3"; shift 3
    cargo contract call --url "${URL}" --suri //Alice --contract "${contract}" --message "${message}" \
        ${1:+--args "$@"} --output-json "${abi}" 2>/dev/null \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(d["data"]))'
}

# execute SURI VALUE ABI CONTRACT MESSAGE [ARGS...]: a signed call (-x).
execute() {
    local suri="$1" value="$2" abi="$3" contract="$4" message="$5"; shift 5
    local log
    log="$(mktemp)"
    if ! cargo contract call --url "${URL}" --suri "${suri}" --contract "${contract}" --message "${message}" \
        ${1:+--args "$@"} --value "${value}" -x --skip-confirm "${abi}" >"${log}" 2>&1; then
        cat "${log}" >&2
        fail "${message}"
    fi
    if grep -q "Reverted true\|ExtrinsicFailed" "${log}"; then
        cat "${log}" >&2
        fail "${message} reverted"
    fi
    rm -f "${log}"
    steps=$((steps + 1))
}

expect() {
    local what="$1" got="$2" want="$3"
    if [[ "${got}" != *"${want}"* ]]; then
        fail "${what}: expected ${want}, got ${got}"
    fi
    say "ok: ${what} (${want})"
}

[ -n "${REGISTRY}" ] || fail "no registry in ${MANIFEST}: run the deployment plan first"
say "suite from ${MANIFEST}: registry ${REGISTRY}, governance ${GOVERNANCE}, node ${URL}"

expect "Alice is an active member" "$(query "${REGISTRY_ABI}" "${REGISTRY}" MemberRegistry::is_active "${ALICE}")" 'true'

execute //Bob 0 "${REGISTRY_ABI}" "${REGISTRY}" launch_token '"Bob Token"' '"BOB"' 6 1000000000000 "${TERMS}" 172800000 false
TOKEN="$(query "${REGISTRY_ABI}" "${REGISTRY}" MemberRegistry::token_of "${BOB}" | grep -o '5[1-9A-HJ-NP-Za-km-z]\{47\}')"
SPLITTER="$(query "${REGISTRY_ABI}" "${REGISTRY}" splitter_of "${BOB}" | grep -o '5[1-9A-HJ-NP-Za-km-z]\{47\}')"
say "Bob launched \$BOB at ${TOKEN} (splitter ${SPLITTER})"
expect "\$BOB's supply" "$(query "${TOKEN_ABI}" "${TOKEN}" PSP22::total_supply)" '1000000000000'
expect "nobody can rewire \$BOB" "$(query "${TOKEN_ABI}" "${TOKEN}" wiring_authority)" '"None"'

# Alice buys 1% in an offering (price 10,000,000 planck per unit: 100,000 UNIT in all).
execute //Bob 0 "${TOKEN_ABI}" "${TOKEN}" open_offering 10000000000 10000000 0 4102444800000 '[]'
execute //Alice ${HUNDRED_THOUSAND_UNIT} "${TOKEN_ABI}" "${TOKEN}" subscribe 0 10000000000 "${TERMS}"
execute //Alice 0 "${TOKEN_ABI}" "${TOKEN}" settle 0
expect "Alice holds 1% of \$BOB" "$(query "${TOKEN_ABI}" "${TOKEN}" PSP22::balance_of "${ALICE}")" '10000000000'
expect "a holder's plain transfer is restricted (code 5)" \
    "$(query "${TOKEN_ABI}" "${TOKEN}" TransferRestriction::detect_transfer_restriction "${ALICE}" "${CHARLIE}" 1)" '"UInt": 5}'
expect "a holder may give tokens back to the issuer (code 0)" \
    "$(query "${TOKEN_ABI}" "${TOKEN}" TransferRestriction::detect_transfer_restriction "${ALICE}" "${BOB}" 1)" '"UInt": 0}'

# Bob discloses ACME, sells it for 10,000,000 UNIT and pays the holders' share.
execute //Bob 0 "${TOKEN_ABI}" "${TOKEN}" disclose_asset CompanyStake 0xacacacacacacacacacacacacacacacacacacacacacacacacacacacacacacacac 0
SHARE="$(query "${TOKEN_ABI}" "${TOKEN}" holders_share "${TEN_MILLION_UNIT}" | grep -o '[0-9]\{6,\}' | head -1)"
expect "the holders' share of 10m" "${SHARE}" "${HUNDRED_THOUSAND_UNIT}"
execute //Bob "${SHARE}" "${TOKEN_ABI}" "${TOKEN}" report_liquidation 0 ${TEN_MILLION_UNIT}
expect "Alice can claim 100,000 UNIT" "$(query "${SPLITTER_ABI}" "${SPLITTER}" claimable "${ALICE}")" "${HUNDRED_THOUSAND_UNIT}"
execute //Alice 0 "${SPLITTER_ABI}" "${SPLITTER}" claim
expect "Alice claimed everything" "$(query "${SPLITTER_ABI}" "${SPLITTER}" claimable "${ALICE}")" '"Ok",'

# Instantiating from the CLI: a standalone token (not launched through the registry, so it is
# inert until its instantiator wires it).
log="$(mktemp)"
cargo contract instantiate --url "${URL}" --suri //Charlie --constructor new \
    --args "${CHARLIE}" '"Standalone"' '"STA"' 0 1000 "${TERMS}" 86400000 false \
    -x --skip-confirm --output-json "${TOKEN_ABI}" >"${log}" 2>&1 || { cat "${log}" >&2; fail "instantiate"; }
STANDALONE="$(json_field "${log}" contract)"
rm -f "${log}"
steps=$((steps + 1))
expect "the standalone token's instantiator may still wire it" \
    "$(query "${TOKEN_ABI}" "${STANDALONE}" wiring_authority)" "${CHARLIE}"
expect "it is not wired: transfers are refused (code 1)" \
    "$(query "${TOKEN_ABI}" "${STANDALONE}" TransferRestriction::detect_transfer_restriction "${CHARLIE}" "${ALICE}" 1)" '1'

say "passed: ${steps} signed extrinsics and their queries through cargo contract"
