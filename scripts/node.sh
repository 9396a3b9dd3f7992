#!/usr/bin/env bash
# The local contracts node (substrate-contracts-node 0.42.0, pallet-contracts for ink! 5).
#   scripts/node.sh                      start a dev node in the foreground (`make node`)
#   scripts/node.sh start                start it in the background; print its URL
#   scripts/node.sh stop                 stop the background node started here
#   scripts/node.sh path [--no-build]    print the binary's path (finding or building it;
#                                        with --no-build, fail instead of building)
#   scripts/node.sh --install-from DIR   unpack DIR/substrate-contracts-node-0.42.0-x86_64-linux.gz
#                                        into the cache (checksums verified); print the path
# The binary comes from $CONTRACTS_NODE, else the cache (~/.cache/personal-tokens), else it is
# built from crates.io as the README describes (61 minutes measured on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="0.42.0"
CACHE_DIR="${PT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/personal-tokens}"
CACHED_BINARY="${CACHE_DIR}/substrate-contracts-node-${VERSION}"
PORT="${PT_NODE_PORT:-9944}"
STATE_DIR="${CACHE_DIR}/node-${PORT}"
say() { printf '[node] %s\n' "$*" >&2; }

install_from() {
    local dir="$1" archive="$1/substrate-contracts-node-${VERSION}-x86_64-linux.gz"
    [ -f "${archive}" ] || { say "no ${archive}"; exit 1; }
    mkdir -p "${CACHE_DIR}"
    if [ ! -x "${CACHED_BINARY}" ]; then
        (cd "${dir}" && grep "substrate-contracts-node-${VERSION}-x86_64-linux.gz" SHA256SUMS | sha256sum -c --quiet -) \
            || { say "archive checksum mismatch"; exit 1; }
        gunzip -c "${archive}" > "${CACHED_BINARY}.tmp"
        chmod +x "${CACHED_BINARY}.tmp"
        mv "${CACHED_BINARY}.tmp" "${CACHED_BINARY}"
    fi
    expected="$(awk '/\(unpacked\)/ {print $1}' "${dir}/SHA256SUMS")"
    actual="$(sha256sum "${CACHED_BINARY}" | awk '{print $1}')"
    if [ -n "${expected}" ] && [ "${expected}" != "${actual}" ]; then
        say "unpacked binary checksum mismatch"; rm -f "${CACHED_BINARY}"; exit 1
    fi
    echo "${CACHED_BINARY}"
}

build_from_crates_io() {
    say "no contracts node binary found (set CONTRACTS_NODE to use one you have)."
    say "building substrate-contracts-node ${VERSION} from crates.io: about an hour on 2 cores (cargo shows its progress)."
    local missing=""
    command -v clang >/dev/null 2>&1 || missing="${missing} clang libclang-dev"
    command -v protoc >/dev/null 2>&1 || missing="${missing} protobuf-compiler"
    if [ -n "${missing}" ]; then
        say "installing Debian packages:${missing}"
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        # shellcheck disable=SC2086
        # (to stderr: this function's standard output is the binary's path)
        { ${SUDO} apt-get update -qq && ${SUDO} apt-get install -y -qq ${missing}; } >&2
    fi
    # The runtimes' old sp-io does not compile to Wasm with Rust 1.91; the recipe uses 1.81.0
    # for the nested Wasm builds.
    rustup toolchain install 1.81.0 --profile minimal --target wasm32-unknown-unknown --component rust-src >&2
    local work="${CACHE_DIR}/build"
    mkdir -p "${work}"
    if [ ! -d "${work}/contracts-node-${VERSION}" ]; then
        # The crate file comes from where cargo itself downloads crates (the sparse index's `dl`
        # host); the crates.io web API is not reachable from every build machine.
        say "downloading contracts-node-${VERSION}.crate"
        curl -fsSL "https://static.crates.io/crates/contracts-node/contracts-node-${VERSION}.crate" \
            -o "${work}/contracts-node.crate"
        tar -xzf "${work}/contracts-node.crate" -C "${work}"
    fi
    # Build inside the crate, beside its Cargo.lock (`cargo install --locked` resolves newer
    # polkadot-sdk crates in the runtimes' nested builds, which do not compile together).
    # Its own target directory, whatever CARGO_TARGET_DIR says (the binary is copied from there).
    (cd "${work}/contracts-node-${VERSION}" \
        && CARGO_TARGET_DIR="${work}/contracts-node-${VERSION}/target" WASM_BUILD_TOOLCHAIN=1.81.0 \
            cargo +1.91.0 build --release --locked >&2)
    cp "${work}/contracts-node-${VERSION}/target/release/substrate-contracts-node" "${CACHED_BINARY}"
    echo "${CACHED_BINARY}"
}

binary_path() {
    if [ -n "${CONTRACTS_NODE:-}" ]; then
        [ -x "${CONTRACTS_NODE}" ] || { say "CONTRACTS_NODE=${CONTRACTS_NODE} is not executable"; exit 1; }
        echo "${CONTRACTS_NODE}"
    elif [ -x "${CACHED_BINARY}" ]; then
        echo "${CACHED_BINARY}"
    else
        build_from_crates_io
    fi
}

wait_ready() {
    for _ in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    say "the node did not open port ${PORT}; log: ${STATE_DIR}/node.log"
    tail -20 "${STATE_DIR}/node.log" >&2 || true
    return 1
}

case "${1:-foreground}" in
    --install-from) install_from "$2" ;;
    path)
        if [ "${2:-}" = "--no-build" ] && [ -z "${CONTRACTS_NODE:-}" ] && [ ! -x "${CACHED_BINARY}" ]; then
            exit 1
        fi
        binary_path
        ;;
    foreground)
        node="$(binary_path)"
        say "contracts node at ws://127.0.0.1:${PORT} (dev chain, instant seal, //Alice funded); Ctrl-C stops it"
        exec "${node}" --dev --tmp --rpc-port "${PORT}"
        ;;
    start)
        node="$(binary_path)"
        mkdir -p "${STATE_DIR}"
        if [ -f "${STATE_DIR}/pid" ] && kill -0 "$(cat "${STATE_DIR}/pid")" 2>/dev/null; then
            say "already running (pid $(cat "${STATE_DIR}/pid"))"
        else
            "${node}" --dev --tmp --rpc-port "${PORT}" >"${STATE_DIR}/node.log" 2>&1 &
            echo $! > "${STATE_DIR}/pid"
            wait_ready
        fi
        echo "ws://127.0.0.1:${PORT}"
        ;;
    stop)
        if [ -f "${STATE_DIR}/pid" ]; then
            kill "$(cat "${STATE_DIR}/pid")" 2>/dev/null || true
            rm -f "${STATE_DIR}/pid"
            say "stopped"
        fi
        ;;
    *) echo "usage: scripts/node.sh [start|stop|path|--install-from DIR]" >&2; exit 2 ;;
esac
