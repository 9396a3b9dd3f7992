//! Values that cross contracts as one named struct.

use crate::{AccountId, Balance, Timestamp};

/// What restrains an issuer's own powers on his token (his transfers, new offerings and their
/// settlement, first refusal). The registry pushes it to the token whenever it changes; the
/// token applies it without asking anyone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct IssuerRestraint {
    /// Misconduct disputes against the issuer opened and not yet executed.
    pub open_cases: u32,
    /// End of his suspension (ms; 0 or past: not suspended).
    pub suspended_until: Timestamp,
}

impl IssuerRestraint {
    /// Whether the issuer is restrained at `now`.
    pub fn applies_at(&self, now: Timestamp) -> bool {
        self.open_cases > 0 || now < self.suspended_until
    }
}

/// What the registry tells governance about a member who can be accused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Accusable {
    /// Vouchers of his admission (excluded from judging him).
    pub vouchers: u32,
    /// Whether he counts in `active_count` (active or suspended, not resigning).
    pub counted_active: bool,
}

/// Two balances before `amount` moves from `from` to `to`: what a token tells its splitter's
/// `PayoutHook::on_balance_change`. Its SCALE encoding is the five fields in order, the same
/// bytes as five positional arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct BalanceChange {
    /// Sender.
    pub from: AccountId,
    /// Sender's balance before.
    pub from_before: Balance,
    /// Recipient.
    pub to: AccountId,
    /// Recipient's balance before.
    pub to_before: Balance,
    /// Amount moved.
    pub amount: Balance,
}

/// A member's line in the roster: present exactly while his registry status is `Active`
/// (`suspended_until = 0`) or `Suspended { until }` (`suspended_until = until`). He is active
/// at `now` when `suspended_until <= now`, the registry's own formula: a suspension lapses
/// without a write, at the same timestamp in both contracts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RosterEntry {
    /// End of his suspension (0: not suspended).
    pub suspended_until: Timestamp,
    /// When his member rights begin (`joined_at + tenure` at admission, 0 for founders).
    pub rights_from: Timestamp,
}

impl RosterEntry {
    /// Whether the member is active at `now`.
    pub fn is_active_at(&self, now: Timestamp) -> bool {
        self.suspended_until <= now
    }
}

/// One write the registry makes to the roster in the message that changes a member's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RosterChange {
    /// `account` is admitted, suspended, or reinstated: his line becomes `entry`.
    Set {
        /// The member.
        account: AccountId,
        /// His line.
        entry: RosterEntry,
    },
    /// `account` resigned or was expelled: his line goes.
    Remove {
        /// The former member.
        account: AccountId,
    },
    /// `voucher` vouched for `subject` (kept for ever, as the registry's `has_vouched_for`).
    Vouched {
        /// Who vouched.
        voucher: AccountId,
        /// For whom.
        subject: AccountId,
    },
}

/// Whether `juror` may judge `accused`, as far as membership says: when his rights began (if
/// he is active) and whether he ever vouched for the accused. One roster question at
/// `commit_vote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct JurorStanding {
    /// As `MemberRegistry::rights_since(juror)`.
    pub rights_since: Option<Timestamp>,
    /// As `MemberRegistry::has_vouched_for(juror, accused)`.
    pub vouched_for_accused: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restraint_applies_while_a_case_is_open_or_until_the_suspension_ends() {
        assert!(!IssuerRestraint::default().applies_at(0));
        let cases = IssuerRestraint {
            open_cases: 1,
            suspended_until: 0,
        };
        assert!(cases.applies_at(u64::MAX));
        let suspended = IssuerRestraint {
            open_cases: 0,
            suspended_until: 10,
        };
        assert!(suspended.applies_at(9));
        assert!(!suspended.applies_at(10));
    }
}
