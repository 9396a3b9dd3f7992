//! # e2e-tests
//!
//! Typed [ink_e2e] 5.1.1 end-to-end tests of the Personal Tokens suite. Each flow is written
//! once, generic over the backend (`async fn flow<C: Backend>(client: &mut C)`, where
//! `support::Backend` is `ink_e2e::E2EBackend` with the suite's account and balance types),
//! and run by two tests:
//!
//! - `<flow>_on_the_sandbox`: ink_e2e's sandbox backend, the contracts in an in-process
//!   `pallet-contracts` runtime (`ink_e2e::DefaultSandbox`); always run, no node needed;
//! - `node::<flow>_on_the_node` (feature `node`): ink_e2e's node backend, signed extrinsics
//!   over WebSocket to a running `substrate-contracts-node` 0.42 (`--dev`, instant seal).
//!
//! The flows (`src/flows.rs`) each deploy a suite of their own through ink_e2e as the
//! deployment plan deploys it (the code of `personal_token` and `payout_splitter` uploaded
//! for the factory, governance instantiated with its parameters, the registry with the six
//! dev accounts `//Alice` ... `//Ferdie` as founders, governance wired, the hand-over
//! checked), then act with the dev keys through the contracts' typed call builders
//! (`ink_e2e::create_call_builder`):
//! 1. **sale with approval**: Bob launches his token through the registry and sells 1% to
//!    Alice in an offering; Alice asks to sell half to Charlie, Charlie pays into escrow, Bob
//!    approves; token balances, native deltas and the splitter's record are checked;
//! 2. **invite-only offering**: a member who was not invited is refused (`NotInvited`), an
//!    early settlement too (`OfferingStillOpen`); the sold-out offering settles;
//! 3. **liquidation and claims**: Bob reports a 10 000 000 UNIT liquidation paying the
//!    holders' share (`holders_share`); Alice claims exactly 1% (100 000 UNIT);
//! 4. **dispute to expulsion**: a newcomer is vouched in, launches a token, a founder buys
//!    some; another founder's `UndisclosedLiquidation` dispute asking for expulsion is judged
//!    by three conflict-free founders (commit, reveal) and executed: member expelled, token
//!    frozen, the holder claims the slashed bonds.
//!
//! Refusals are checked by dry run (the contract's typed error decoded from the reverted
//! output). Native amounts come from the backend's balance API: exact on the receiving side
//! (the receiver signs nothing meanwhile), and on the paying side the value sent plus at most
//! `support::FEES` (1 UNIT) of transaction fees and storage deposits, which the node charges
//! and the sandbox does not.
//!
//! ## Running
//!
//! ```text
//! cargo test -p e2e-tests                           # the sandbox variants
//! scripts/node.sh start                             # a node on ws://127.0.0.1:9944
//! CONTRACTS_NODE_URL=ws://127.0.0.1:9944 cargo test -p e2e-tests --features node
//! scripts/node.sh stop
//! ```
//!
//! `CONTRACTS_NODE_URL` is read when the tests run. Without it, each node test has ink_e2e
//! spawn a node of its own (`$CONTRACTS_NODE`, else `substrate-contracts-node` on the `PATH`).
//! The node variants take turns (a mutex), since they sign with the same dev keys and two
//! transactions of one signer in flight would race for a nonce; the sandbox variants run in
//! parallel. Each run leaves its suites on the node and deploys new ones the next time.
//!
//! ## Contracts and build facts
//!
//! The tests do what `#[ink_e2e::test(backend(...))]` expands to, without the macro (see
//! `tests.rs`): in this workspace the macro's own contract build always fails (it builds
//! every package with an `ink-as-dependency` feature, including `psp22` from crates.io, which
//! fails cargo-contract's mandatory clippy pass, and the `interfaces` library), and it reads
//! `CONTRACTS_NODE_URL` when the crate is compiled. The flows use the release Wasm that
//! `make build` wrote to `target/ink/<name>/` (`contracts.rs`): what the tests exercise is
//! exactly what gets deployed, and nothing is built twice.
//!
//! The first compile of this crate takes about ten minutes on two cores (subxt, the sandbox
//! runtime). The test binary can also be run directly (`cargo test -p e2e-tests --no-run`
//! prints its path).
//!
//! ## Time and funds
//!
//! The dispute flow needs its phases to pass. On the node time is real (blocks are stamped
//! with the wall clock): the flow uses governance parameters with phases of two to four
//! seconds (`flows::short_dispute_params`) and waits, then seals a block so that the next
//! dry runs see the new time. ink_e2e 5.1.1's sandbox client cannot move time (its sandbox is
//! private, it never builds a block, and `DefaultSandbox` stamps its only block once), so the
//! sandbox variant of that flow runs on `clock::ClockSandbox`: `DefaultSandbox`'s runtime and
//! code with a clock the flow moves to each deadline. The other flows run on `DefaultSandbox`.
//!
//! ink_e2e's sandbox gives the dev accounts 1 000 UNIT; every flow first tops the dev
//! accounts up to 500 000 UNIT through the backend (`create_and_fund_account`, then a
//! balance transfer), which a fresh node does not need (its dev accounts hold about
//! 1.15 million UNIT).
//!
//! Everything is test code (`#[cfg(test)]`), so the dependencies are dev-dependencies.
//!
//! [ink_e2e]: https://docs.rs/ink_e2e/5.1.1

#[cfg(test)]
mod clock;
#[cfg(test)]
mod contracts;
#[cfg(test)]
mod flows;
#[cfg(test)]
mod support;
#[cfg(test)]
mod tests;
