//! # deploy
//!
//! The Personal Tokens deployment plan, written once and run on any chain through a
//! [`backend::Backend`]: the embedded sandbox ([`sandbox::SandboxBackend`], the default: an
//! in-process `pallet-contracts` runtime, nothing to run) or a live node. The tests in `tests/`
//! and `make demo` deploy through this same plan, so what they exercise is what gets deployed.
//!
//! - [`artifacts`]: the built contracts (`target/ink/<name>/<name>.contract`);
//! - [`client`]: typed calls through ink!'s own call builders;
//! - [`plan`]: upload, instantiate, wire, hand over, and assert no personal key keeps power;
//! - [`manifest`]: the typed record of a deployment (JSON);
//! - [`demo`]: the seed story end to end, with real numbers.

pub mod artifacts;
pub mod backend;
pub mod bench;
pub mod client;
pub mod config;
pub mod demo;
pub mod docs;
pub mod manifest;
#[cfg(feature = "node")]
pub mod node;
pub mod plan;
pub mod sandbox;
pub mod seed;
