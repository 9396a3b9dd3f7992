//! System tests: the real Wasm of the four contracts on the in-process `pallet-contracts`
//! runtime, deployed through the deployment plan (`deploy::plan`). Run `make build` first
//! (`make test` does).

mod access;
mod attacks;
mod attacks_governance;
mod attacks_value;
mod bad_inputs;
mod demo;
mod docs;
mod governance;
mod model;
mod registry;
mod splitter;
mod token;
