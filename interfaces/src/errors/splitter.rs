//! The payout splitter's error enum.

use crate::Balance;

/// Errors of the payout splitter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SplitterError {
    /// The hook was called by an account other than the bound token.
    NotToken,
    /// `distribute` or `distribute_over` was called without value and nothing is held.
    NothingToDistribute,
    /// The holder has nothing to claim.
    NothingToClaim,
    /// The token reported a balance before the change that differs from the splitter's
    /// record: the two contracts disagree, and the change is refused.
    BalanceMismatch,
    /// The hook tried to move more than the sender holds.
    InsufficientBalance,
    /// `distribute_over` was called while the maximum number of streams is running.
    TooManyStreams,
    /// A stream duration of zero, or longer than the maximum.
    InvalidDuration,
    /// A checked arithmetic operation overflowed.
    ArithmeticOverflow,
    /// Paying a holder failed (for example the amount is below the existential deposit of a
    /// new account).
    TransferFailed,
    /// A hook or recovery named the issuer as a holder or named one account twice.
    InvalidAccount,
    /// A stream paying less than one planck per millisecond of its duration (so it would not
    /// vest every block).
    StreamTooSmall {
        /// The smallest amount accepted for this duration.
        minimum: Balance,
    },
    /// The caller is not the token's issuer.
    NotIssuer,
    /// No running stream has this id (it never existed, finished vesting, or was ended).
    StreamNotFound,
}
