//! The roster's rules, in plain Rust on ink! storage (tested without a chain).

use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use interfaces::{AccountId, JurorStanding, RosterChange, RosterEntry, RosterError, Timestamp};

/// The roster's storage: the writer, a line per `Active` or `Suspended` member, and every
/// (voucher, subject) pair that ever vouched.
#[ink::storage_item]
#[derive(Debug)]
pub struct RosterState {
    writer: AccountId,
    entries: Mapping<AccountId, RosterEntry>,
    vouched: Mapping<(AccountId, AccountId), ()>,
}

impl RosterState {
    /// An empty roster that only `writer` may write.
    pub fn new(writer: AccountId) -> Self {
        Self {
            writer,
            entries: Mapping::default(),
            vouched: Mapping::default(),
        }
    }

    /// The only account that may write.
    pub fn writer(&self) -> AccountId {
        self.writer
    }

    /// `account`'s line, if he is `Active` or `Suspended`.
    pub fn entry(&self, account: AccountId) -> Option<RosterEntry> {
        self.entries.get(account)
    }

    /// Whether `account` is an active member at `now`.
    pub fn is_active(&self, account: AccountId, now: Timestamp) -> bool {
        self.entries
            .get(account)
            .is_some_and(|entry| entry.is_active_at(now))
    }

    /// When `account`'s rights begin, if he is active at `now`.
    pub fn rights_since(&self, account: AccountId, now: Timestamp) -> Option<Timestamp> {
        self.entries
            .get(account)
            .filter(|entry| entry.is_active_at(now))
            .map(|entry| entry.rights_from)
    }

    /// `juror`'s rights at `now` and whether he ever vouched for `accused`.
    pub fn juror_standing(
        &self,
        juror: AccountId,
        accused: AccountId,
        now: Timestamp,
    ) -> JurorStanding {
        JurorStanding {
            rights_since: self.rights_since(juror, now),
            vouched_for_accused: self.vouched.contains((juror, accused)),
        }
    }

    /// Applies `changes` in order, for `caller`.
    ///
    /// # Errors
    /// `NotWriter` unless `caller` is the writer; nothing changes.
    pub fn apply(
        &mut self,
        caller: AccountId,
        changes: Vec<RosterChange>,
    ) -> Result<(), RosterError> {
        if caller != self.writer {
            return Err(RosterError::NotWriter);
        }
        self.apply_all(changes);
        Ok(())
    }

    /// Applies `changes` in order (the constructor's, and the writer's after the check).
    pub(crate) fn apply_all(&mut self, changes: Vec<RosterChange>) {
        for change in changes {
            match change {
                RosterChange::Set { account, entry } => {
                    self.entries.insert(account, &entry);
                }
                RosterChange::Remove { account } => self.entries.remove(account),
                RosterChange::Vouched { voucher, subject } => {
                    self.vouched.insert((voucher, subject), &());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    const REGISTRY: u8 = 1;
    const ALICE: u8 = 2;
    const BOB: u8 = 3;

    /// A roster on the off-chain engine's storage (the contract's own account must be set).
    fn roster() -> RosterState {
        ink::env::test::set_callee::<ink::env::DefaultEnvironment>(account(99));
        RosterState::new(account(REGISTRY))
    }

    fn set(who: u8, suspended_until: Timestamp, rights_from: Timestamp) -> RosterChange {
        RosterChange::Set {
            account: account(who),
            entry: RosterEntry {
                suspended_until,
                rights_from,
            },
        }
    }

    #[test]
    fn only_the_writer_writes_and_a_refusal_changes_nothing() {
        let mut roster = roster();
        for caller in [ALICE, BOB] {
            assert_eq!(
                roster.apply(account(caller), vec![set(caller, 0, 0)]),
                Err(RosterError::NotWriter)
            );
        }
        assert_eq!(roster.entry(account(ALICE)), None);
        assert_eq!(roster.entry(account(BOB)), None);
        assert!(roster
            .apply(account(REGISTRY), vec![set(ALICE, 0, 7)])
            .is_ok());
        assert_eq!(roster.rights_since(account(ALICE), 0), Some(7));
    }

    #[test]
    fn a_suspension_lapses_at_exactly_its_end() {
        let mut roster = roster();
        roster.apply_all(vec![set(ALICE, 100, 5)]);
        assert!(!roster.is_active(account(ALICE), 99));
        assert_eq!(roster.rights_since(account(ALICE), 99), None);
        assert!(roster.is_active(account(ALICE), 100));
        assert_eq!(roster.rights_since(account(ALICE), 100), Some(5));
    }

    #[test]
    fn a_removed_member_is_inactive_and_vouches_are_kept_for_ever() {
        let mut roster = roster();
        roster.apply_all(vec![
            set(ALICE, 0, 0),
            RosterChange::Vouched {
                voucher: account(ALICE),
                subject: account(BOB),
            },
            set(BOB, 0, 10),
        ]);
        roster.apply_all(vec![RosterChange::Remove {
            account: account(BOB),
        }]);
        assert!(!roster.is_active(account(BOB), 50));
        let standing = roster.juror_standing(account(ALICE), account(BOB), 50);
        assert_eq!(
            standing,
            JurorStanding {
                rights_since: Some(0),
                vouched_for_accused: true
            }
        );
        let reverse = roster.juror_standing(account(BOB), account(ALICE), 50);
        assert_eq!(
            reverse,
            JurorStanding {
                rights_since: None,
                vouched_for_accused: false
            }
        );
    }
}
