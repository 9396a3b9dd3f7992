//! System tests: the real Wasm of the four contracts on the in-process `pallet-contracts`
//! runtime, deployed through the deployment plan (`deploy::plan`). Run `make build` first
//! (`make test` does).

mod access;
mod bad_inputs;
mod demo;
mod governance;
mod registry;
mod splitter;
mod token;
