#!/usr/bin/env bash
# Installs what this project needs and a fresh machine lacks; idempotent.
#   - the Rust toolchain pinned in rust-toolchain.toml, with its components and Wasm target;
#   - cargo-contract 5.0.3 (built from crates.io with --locked, only when missing or different);
#   - Debian packages a build needs (only when missing);
#   - the app's npm packages (npm ci) and Debian's Chromium for its browser tests.
# A second run checks everything in a few seconds and says that nothing was needed.
#   scripts/setup.sh --rust-only   the toolchain and packages only, not cargo-contract: enough
#                                  for `make demo`, which runs the committed artifacts/
set -euo pipefail
cd "$(dirname "$0")/.."
RUST_ONLY=0
[ "${1:-}" = "--rust-only" ] && RUST_ONLY=1

CARGO_CONTRACT_VERSION="5.0.3"
TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
COMPONENTS="rust-src clippy rustfmt"
TARGET="wasm32-unknown-unknown"
installed_something=0

say() { printf '[setup] %s\n' "$*"; }

if ! command -v rustup >/dev/null 2>&1; then
    say "rustup is missing: install it from https://rustup.rs and run this again."
    exit 1
fi

# 1. The pinned toolchain (cargo-contract 5.0.3 fails on Rust 1.95; see README).
if ! rustup toolchain list | grep -q "^${TOOLCHAIN}-"; then
    say "installing Rust ${TOOLCHAIN} (pinned in rust-toolchain.toml)"
    rustup toolchain install "${TOOLCHAIN}" --profile minimal
    installed_something=1
fi
missing_components=""
installed_components="$(rustup component list --toolchain "${TOOLCHAIN}" --installed)"
for component in ${COMPONENTS}; do
    if ! grep -q "^${component}" <<<"${installed_components}"; then
        missing_components="${missing_components} ${component}"
    fi
done
if [ -n "${missing_components}" ]; then
    say "adding components:${missing_components}"
    # shellcheck disable=SC2086
    rustup component add --toolchain "${TOOLCHAIN}" ${missing_components}
    installed_something=1
fi
if ! rustup target list --toolchain "${TOOLCHAIN}" --installed | grep -q "^${TARGET}$"; then
    say "adding target ${TARGET}"
    rustup target add --toolchain "${TOOLCHAIN}" "${TARGET}"
    installed_something=1
fi

# 2. Debian packages: a C/C++ compiler (cargo-contract's wasm-opt, ink_e2e's contract builds)
#    and pkg-config. Only installed when missing and apt is available.
missing_packages=""
command -v cc >/dev/null 2>&1 || missing_packages="${missing_packages} gcc"
command -v c++ >/dev/null 2>&1 || missing_packages="${missing_packages} g++"
command -v pkg-config >/dev/null 2>&1 || missing_packages="${missing_packages} pkg-config"
if [ -n "${missing_packages}" ]; then
    if command -v apt-get >/dev/null 2>&1; then
        say "installing Debian packages:${missing_packages}"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        ${SUDO} apt-get update -qq
        # shellcheck disable=SC2086
        ${SUDO} apt-get install -y -qq ${missing_packages}
        installed_something=1
    else
        say "please install:${missing_packages} (no apt-get here)"
        exit 1
    fi
fi

# 3. cargo-contract, exactly the pinned version (about 15 minutes to build on 2 cores).
if [ "${RUST_ONLY}" -eq 1 ]; then
    if [ "${installed_something}" -eq 0 ]; then
        say "nothing needed: Rust ${TOOLCHAIN} (${COMPONENTS}, ${TARGET}) is installed (cargo-contract not needed for this)"
    else
        say "done (cargo-contract not needed for this)"
    fi
    exit 0
fi
current_cargo_contract="$(cargo contract --version 2>/dev/null | sed -n 's/^cargo-contract-contract \([0-9.]*\).*/\1/p' || true)"
if [ "${current_cargo_contract}" != "${CARGO_CONTRACT_VERSION}" ]; then
    if [ -n "${current_cargo_contract}" ]; then
        say "cargo-contract ${current_cargo_contract} found; installing ${CARGO_CONTRACT_VERSION}"
    else
        say "installing cargo-contract ${CARGO_CONTRACT_VERSION} (about 15 minutes on 2 cores, once)"
    fi
    # Without CARGO_TARGET_DIR, cargo install builds in a temporary directory and deletes it
    # afterwards; with it, 1.4 GB of cargo-contract's build would stay in the project's cache.
    (cd / && env -u CARGO_TARGET_DIR cargo "+${TOOLCHAIN}" install cargo-contract \
        --version "${CARGO_CONTRACT_VERSION}" --locked --force)
    installed_something=1
fi

# 4. The dApp (app/): Node 20 with npm (on the machine), its packages exactly as
#    app/package-lock.json pins them (`npm ci`, only when they differ from the lock), and
#    Debian's Chromium for its browser tests (Playwright cannot download a browser here).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "Node.js 20 with npm is needed for the app (app/): install it and run this again."
    exit 1
fi
# The stamp is the lock the last `npm ci` installed.
if ! cmp -s app/package-lock.json app/node_modules/.installed-package-lock.json 2>/dev/null; then
    say "installing the app's npm packages (npm ci)"
    (cd app && npm ci --no-audit --no-fund --loglevel=error \
        && cp package-lock.json node_modules/.installed-package-lock.json)
    installed_something=1
fi
if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's chromium (the app's browser tests)"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        ${SUDO} apt-get update -qq
        ${SUDO} apt-get install -y -qq chromium
        installed_something=1
    else
        say "please install Chromium at /usr/bin/chromium (no apt-get here)"
        exit 1
    fi
fi

if [ "${installed_something}" -eq 0 ]; then
    say "nothing needed: Rust ${TOOLCHAIN} (${COMPONENTS}, ${TARGET}), cargo-contract ${CARGO_CONTRACT_VERSION}, the app's packages and Chromium are installed"
else
    say "done"
fi
