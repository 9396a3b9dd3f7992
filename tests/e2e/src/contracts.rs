//! The suite's five contracts for the tests: the release Wasm that `make build` wrote to
//! `target/ink/<name>/<name>.wasm` (or `$CARGO_TARGET_DIR/ink/...`), so that the end-to-end
//! tests exercise exactly the code that gets deployed, built once per test run.
//!
//! ink_e2e 5.1.1's `#[ink_e2e::test]` would build the contracts itself (debug mode) and builds
//! every package of the workspace graph that has an `ink-as-dependency` feature. In this
//! workspace that includes `psp22` 2.0.0 from crates.io, which fails cargo-contract 5.0.3's
//! mandatory clippy pass (`cast_possible_truncation` in its error enum's derive), and the
//! `interfaces` library, which is no contract ("lib section not found"): every test panicked
//! before it started. The tests therefore drive ink_e2e's clients directly (see `tests.rs`)
//! with these artifacts.

use crate::support::E2EResult;
use std::path::PathBuf;

/// The contracts the flows upload or instantiate, by crate name (ink_e2e's contract names).
pub const SUITE: [&str; 5] = [
    "governance",
    "registry",
    "personal_token",
    "payout_splitter",
    "roster",
];

/// The Wasm files of the [`SUITE`] as `make build` wrote them, for `ink_e2e::SandboxClient::new`
/// and `ink_e2e::Client::new`.
///
/// # Errors
/// An artifact is missing: run `make build`.
pub fn contracts() -> E2EResult<Vec<PathBuf>> {
    let dir = deploy::artifacts::default_dir();
    SUITE
        .iter()
        .map(|name| {
            let wasm = dir.join(name).join(format!("{name}.wasm"));
            if wasm.is_file() {
                Ok(wasm)
            } else {
                Err(format!(
                    "missing {}: build the contracts first with `make build`",
                    wasm.display()
                )
                .into())
            }
        })
        .collect()
}
