//! Events of the payout splitter.

use interfaces::{AccountId, Balance, Hash, Timestamp};

/// Money was paid in for the holders (or held, when `outstanding` is 0).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distributed {
    /// Who paid (the token for a liquidation, the registry for slashed bonds, anyone).
    #[ink(topic)]
    pub payer: AccountId,
    /// Amount paid with this call.
    pub amount: Balance,
    /// Previously held money distributed along with it.
    pub from_held: Balance,
    /// Outstanding supply it was spread over; 0 means the amount is held until there are
    /// holders.
    pub outstanding: Balance,
    /// The payer's reference (liquidation memo, expulsion memo, ...).
    pub memo: Hash,
}

/// A stream started: `amount` vests linearly to the holders over `duration`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamStarted {
    /// The stream.
    pub id: u32,
    /// Who paid it.
    #[ink(topic)]
    pub payer: AccountId,
    /// Total amount.
    pub amount: Balance,
    /// Vesting start (ms).
    pub start: Timestamp,
    /// Vesting length (ms).
    pub duration: Timestamp,
    /// The payer's reference.
    pub memo: Hash,
}

/// The issuer ended a stream early: what it had not released was distributed at once.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamEnded {
    /// The stream.
    pub id: u32,
    /// Who had paid it.
    #[ink(topic)]
    pub payer: AccountId,
    /// What it had not released yet, distributed now.
    pub remainder: Balance,
    /// Outstanding supply the remainder was spread over; 0 means it is held until there are
    /// holders.
    pub outstanding: Balance,
}

/// A holder was paid what he was owed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The holder paid.
    #[ink(topic)]
    pub holder: AccountId,
    /// Amount paid.
    pub amount: Balance,
    /// Who triggered the payment (the holder, or anyone with `claim_for`).
    pub by: AccountId,
}

/// Every event the splitter's logic produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitterEvent {
    /// See [`Distributed`].
    Distributed(Distributed),
    /// See [`StreamStarted`].
    StreamStarted(StreamStarted),
    /// See [`StreamEnded`].
    StreamEnded(StreamEnded),
    /// See [`Claimed`].
    Claimed(Claimed),
}
