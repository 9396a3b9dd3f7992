//! Values that cross contracts as one named struct.

use crate::Timestamp;

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
