//! # Roster
//!
//! The active members of the Personal Tokens protocol, as a contract small enough to be asked
//! on every restricted transfer and jury vote: a token asks it whether seller and buyer are
//! active, governance asks it a juror's rights. Entering it costs a tenth of entering the
//! registry, which keeps the authoritative records (bonds, vouches, cases) and writes the
//! roster in the same message as every status change.
//!
//! ## Invariants
//! - Only the writer (the registry that instantiated it, fixed at construction) changes it;
//!   the roster has no admin and no `set_code`.
//! - After every registry message, at every block: `is_active(a)` equals
//!   `MemberRegistry::is_active(a)`, `rights_since(a)` equals `MemberRegistry::rights_since(a)`
//!   and `juror_standing(j, m).vouched_for_accused` equals `has_vouched_for(j, m)`: an entry
//!   exists exactly for a member whose status is `Active` or `Suspended`, and a suspension
//!   lapses at `suspended_until` in both contracts without a write ([`RosterEntry`]). A failed
//!   write reverts the registry message that made it.
//! - Every question is one storage read per account; nothing iterates.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod state;

/// The contract: thin glue between the chain and [`state::RosterState`].
#[ink::contract]
pub mod roster {
    use crate::state::RosterState;
    use ink::prelude::vec::Vec;
    use interfaces::{
        JurorStanding, MemberRoster, RosterChange, RosterEntry, RosterError, RosterWriter,
    };

    /// The active members.
    #[ink(storage)]
    pub struct Roster {
        state: RosterState,
    }

    impl Roster {
        /// Creates the roster with its caller as the writer for ever, and applies `changes`
        /// (the registry's genesis members).
        #[ink(constructor)]
        pub fn new(changes: Vec<RosterChange>) -> Self {
            let mut state = RosterState::new(Self::env().caller());
            state.apply_all(changes);
            Self { state }
        }

        /// The only account that may write (the registry).
        #[ink(message)]
        pub fn writer(&self) -> AccountId {
            self.state.writer()
        }

        /// `account`'s line: present while he is `Active` or `Suspended` in the registry.
        #[ink(message)]
        pub fn entry(&self, account: AccountId) -> Option<RosterEntry> {
            self.state.entry(account)
        }
    }

    impl MemberRoster for Roster {
        /// As `MemberRegistry::is_active`.
        #[ink(message)]
        fn is_active(&self, account: AccountId) -> bool {
            self.state.is_active(account, self.env().block_timestamp())
        }

        /// `(is_active(first), is_active(second))`.
        #[ink(message)]
        fn both_active(&self, first: AccountId, second: AccountId) -> (bool, bool) {
            let now = self.env().block_timestamp();
            (
                self.state.is_active(first, now),
                self.state.is_active(second, now),
            )
        }

        /// As `MemberRegistry::rights_since`.
        #[ink(message)]
        fn rights_since(&self, account: AccountId) -> Option<Timestamp> {
            self.state
                .rights_since(account, self.env().block_timestamp())
        }

        /// `juror`'s rights and whether he ever vouched for `accused`.
        #[ink(message)]
        fn juror_standing(&self, juror: AccountId, accused: AccountId) -> JurorStanding {
            self.state
                .juror_standing(juror, accused, self.env().block_timestamp())
        }
    }

    impl RosterWriter for Roster {
        /// Applies `changes` in order. Caller: the writer.
        ///
        /// # Errors
        /// `NotWriter` for any other caller (nothing changes).
        #[ink(message)]
        fn apply(&mut self, changes: Vec<RosterChange>) -> Result<(), RosterError> {
            self.state.apply(self.env().caller(), changes)
        }
    }
}
