//! Shared interfaces of the Personal Tokens protocol.
//!
//! A plain library crate (no contract): the `#[ink::trait_definition]`s through which the four
//! contracts call each other, the error enum of each contract, the ERC-1404 restriction codes,
//! and checked 256-bit arithmetic. A contract crate depends on this crate, never on another
//! contract crate (except the registry, which instantiates tokens and splitters).
//!
//! Cross-contract calls go through `ink::contract_ref!(Trait)` handles and their
//! `call_mut()`/`call()` builders with `try_invoke()`, and [`call_outcome`]/[`query_outcome`]
//! turn every way such a call can fail into the caller's typed error.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod errors;
pub mod events;
pub mod math;
pub mod restriction;
pub mod traits;
pub mod types;

pub use errors::{
    CallFailure, GovernanceError, RegistryError, RosterError, SplitterError, TokenError,
};
pub use math::{mul_div, mul_div_ceil, U256};
pub use psp22::{PSP22Error, PSP22Metadata, PSP22};
pub use traits::{
    MemberEnforcement, MemberRegistry, MemberRoster, PayoutDistribution, PayoutHook, RosterWriter,
    TokenRemedies, TransferRestriction, UpgradeNotice,
};
pub use types::{
    Accusable, BalanceChange, IssuerRestraint, JurorStanding, RosterChange, RosterEntry,
};

/// Account identifier of the chain (32 bytes).
pub type AccountId = ink::primitives::AccountId;
/// Native balance and token amounts.
pub type Balance = u128;
/// Milliseconds since the Unix epoch (the block timestamp).
pub type Timestamp = u64;
/// A 32-byte hash: code hashes, document hashes, memos.
pub type Hash = ink::primitives::Hash;

/// The raw result of `try_invoke()` on a message returning `Result<T, E>`.
pub type CallResult<T, E> =
    core::result::Result<ink::MessageResult<core::result::Result<T, E>>, ink::env::Error>;

/// Flattens the result of a cross-contract call to a message returning `Result<T, E>` into the
/// caller's error type: the callee's own error is wrapped (`From<E>`), and a missing or
/// trapped callee, or an unknown selector, becomes `CallFailed`.
pub fn call_outcome<T, E, Outer>(result: CallResult<T, E>) -> core::result::Result<T, Outer>
where
    Outer: From<E> + From<CallFailure>,
{
    match result {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(error))) => Err(Outer::from(error)),
        Ok(Err(lang_error)) => Err(Outer::from(CallFailure::from(lang_error))),
        Err(env_error) => Err(Outer::from(CallFailure::from(env_error))),
    }
}

/// Flattens the result of a cross-contract query (a message returning a plain value).
pub fn query_outcome<T, Outer>(
    result: core::result::Result<ink::MessageResult<T>, ink::env::Error>,
) -> core::result::Result<T, Outer>
where
    Outer: From<CallFailure>,
{
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(lang_error)) => Err(Outer::from(CallFailure::from(lang_error))),
        Err(env_error) => Err(Outer::from(CallFailure::from(env_error))),
    }
}
