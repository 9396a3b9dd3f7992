//! The registry's error enum.

use super::{RosterError, SplitterError, TokenError};
use crate::Balance;

/// Errors of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RegistryError {
    /// The caller is not the governance contract.
    NotGovernance,
    /// The account is already a member.
    AlreadyMember,
    /// The account already has an open application.
    AlreadyCandidate,
    /// The account was expelled and may not return.
    Expelled,
    /// The value sent is not the exact bond due.
    WrongBond {
        /// The bond due.
        expected: Balance,
        /// The value sent.
        received: Balance,
    },
    /// The account has no open application.
    NotCandidate,
    /// The caller (or the named account) is not an active member.
    NotActiveMember,
    /// The account is not a member.
    NotMember,
    /// A member cannot vouch for himself.
    CannotVouchForSelf,
    /// The caller already vouched for this candidate.
    AlreadyVouched,
    /// The candidate's vouching window has closed.
    VouchingClosed,
    /// The caller may not vouch until his cooldown ends.
    VoucherInCooldown,
    /// The candidate already has the maximum number of vouchers.
    TooManyVouchers,
    /// The member is not suspended.
    NotSuspended,
    /// The member is already expelled.
    AlreadyExpelled,
    /// A member with a token cannot resign: he may not walk away from his holders.
    HasToken,
    /// The member already launched his token.
    AlreadyHasToken,
    /// The member is not resigning.
    NotResigning,
    /// The cooldown has not ended.
    CooldownNotOver,
    /// There is no vouch bond of the caller's to release.
    NothingToRelease,
    /// The vouch bond is still at stake.
    VouchStillLocked,
    /// Invalid parameters (for example zero vouches required, or more than the maximum).
    InvalidParams,
    /// More genesis members than the maximum.
    TooManyGenesisMembers,
    /// No genesis member: nobody could ever vouch, so nobody could ever join.
    NoGenesisMembers,
    /// A suspension end that is not in the future.
    InvalidSuspension,
    /// A page size above the maximum.
    PageTooLarge,
    /// Instantiating the token or the splitter failed.
    InstantiationFailed,
    /// A native value transfer out of the registry failed.
    TransferFailed,
    /// The amount exceeds the treasury.
    InsufficientTreasury,
    /// A dispute against the member is open: his resignation cannot complete, the bonds of
    /// the vouches that admitted him cannot be released, and he cannot launch a token until
    /// it is executed.
    DisputePending,
    /// `close_case` for a member with no open dispute recorded.
    NoOpenCase,
    /// A checked arithmetic operation overflowed.
    ArithmeticOverflow,
    /// `set_code_hash` failed: no code is stored under the hash.
    UpgradeFailed,
    /// The member's token refused a call.
    Token(TokenError),
    /// The member's splitter refused a call.
    Splitter(SplitterError),
    /// A cross-contract call failed below the callee's error type.
    CallFailed,
    /// The voucher's tenure is not served: a new member vouches only from `joined_at +
    /// tenure`.
    TenureNotServed,
    /// The voucher already vouched `max_vouches_per_period` times in the current period.
    VouchLimitReached,
    /// The roster refused the registry's write (it cannot: the registry is its writer).
    Roster(RosterError),
}
