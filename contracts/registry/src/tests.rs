//! Unit tests of the registry: its rules (plain Rust on off-chain storage), a property test of
//! its money and counters against random sequences of messages, and the contract glue on the
//! off-chain engine (native transfers, events, refusals).
//!
//! Every logic call goes through [`Fixture::call`], which checks that a refused call changed
//! nothing (same scalars, no storage write) and, after every call, that the registry's
//! simulated balance equals `bonds_held + treasury`, that `bonds_held` equals the bonds on
//! record and that `active_count` equals the members counted as active.
//!
//! The open cases of misconduct disputes (`open_case`, `close_case`, what they hold, and the
//! restraint pushed to a member's token) are tested in [`case_tests`].

// Tests compute expectations with plain arithmetic on small numbers (an overflow panics the
// test, which is what it should do).
#![allow(clippy::arithmetic_side_effects)]

use crate::events::*;
use crate::state::{Ctx, RegistryState, TokenHolders};
use crate::types::*;
use interfaces::{AccountId, Balance, Hash, RegistryError, Timestamp};
use std::collections::BTreeMap;

mod case_tests;
mod sybil_tests;

type Env = ink::env::DefaultEnvironment;

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

// Genesis members.
const A: u8 = 1;
const B: u8 = 2;
const C: u8 = 3;
// Applicants.
const X: u8 = 10;
const Y: u8 = 11;
const Z: u8 = 12;
const W: u8 = 13;
const STRANGER: u8 = 99;
const GOV: u8 = 200;
/// The registry's own account: off-chain storage is per contract.
const CONTRACT: u8 = 250;
/// Accounts whose records the invariant checks visit (plus the genesis members).
const UNIVERSE: [u8; 11] = [A, B, C, X, Y, Z, W, 14, 15, 16, STRANGER];

const T0: Timestamp = 1_000_000;
const APPLICATION_BOND: Balance = 1_000;
const VOUCH_BOND: Balance = 100;
const WINDOW: Timestamp = 10_000;
const LOCK: Timestamp = 50_000;
const COOLDOWN: Timestamp = 30_000;
const RESIGNATION: Timestamp = 20_000;

fn params() -> RegistryParams {
    RegistryParams {
        application_bond: APPLICATION_BOND,
        vouches_required: 2,
        vouch_bond: VOUCH_BOND,
        vouching_window: WINDOW,
        vouch_lock_period: LOCK,
        voucher_cooldown: COOLDOWN,
        resignation_cooldown: RESIGNATION,
        tenure: 0,
        vouch_period: WINDOW,
        max_vouches_per_period: MAX_VOUCHES_PER_PERIOD,
    }
}

/// The floors the tests construct with: nothing below the shape rules.
pub(crate) fn floors() -> RegistryParams {
    RegistryParams::shape_floors()
}

fn hashes() -> CodeHashes {
    CodeHashes {
        token: Hash::from([0xAA; 32]),
        splitter: Hash::from([0xBB; 32]),
    }
}

fn profile(n: u8) -> Hash {
    Hash::from([n.wrapping_add(100); 32])
}

fn token(n: u8) -> AccountId {
    account(n.wrapping_add(100))
}

fn splitter(n: u8) -> AccountId {
    account(n.wrapping_add(130))
}

/// Outstanding supplies by token; a missing token cannot be asked (`CallFailed`).
#[derive(Debug, Clone, Default)]
struct Holders(BTreeMap<AccountId, Balance>);

impl TokenHolders for Holders {
    fn outstanding(&self, splitter: AccountId) -> Result<Balance, RegistryError> {
        self.0
            .get(&splitter)
            .copied()
            .ok_or(RegistryError::CallFailed)
    }
}

/// Fails the test if asked: proves that `expel` did not need the answer.
struct NeverAsked;

impl TokenHolders for NeverAsked {
    fn outstanding(&self, _: AccountId) -> Result<Balance, RegistryError> {
        panic!("the token's holders were asked")
    }
}

/// What a refused call must leave unchanged: the scalars, and every storage cell (no write).
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    governance: AccountId,
    params: RegistryParams,
    code_hashes: CodeHashes,
    member_count: u32,
    active_count: u32,
    bonds_held: Balance,
    treasury: Balance,
    storage_writes: usize,
}

struct Fixture {
    state: RegistryState,
    now: Timestamp,
    /// The registry's native balance as the chain would keep it.
    balance: Balance,
    holders: Holders,
    /// Accounts whose records the invariant checks visit.
    universe: Vec<u8>,
    /// The roster as the registry's writes leave it (the outcomes' `roster` applied in order).
    roster: RosterModel,
}

/// A roster kept from the writes alone, stated independently of the registry: a line per
/// account and the pairs that vouched.
#[derive(Default)]
struct RosterModel {
    entries: BTreeMap<AccountId, interfaces::RosterEntry>,
    vouched: std::collections::BTreeSet<(AccountId, AccountId)>,
}

impl RosterModel {
    fn apply(&mut self, changes: &[interfaces::RosterChange]) {
        for change in changes {
            match *change {
                interfaces::RosterChange::Set { account, entry } => {
                    self.entries.insert(account, entry);
                }
                interfaces::RosterChange::Remove { account } => {
                    assert!(
                        self.entries.remove(&account).is_some(),
                        "a removal of a line that is not there"
                    );
                }
                interfaces::RosterChange::Vouched { voucher, subject } => {
                    self.vouched.insert((voucher, subject));
                }
            }
        }
    }

    fn is_active(&self, who: AccountId, now: Timestamp) -> bool {
        self.entries
            .get(&who)
            .is_some_and(|entry| entry.suspended_until <= now)
    }

    fn rights_since(&self, who: AccountId, now: Timestamp) -> Option<Timestamp> {
        self.entries
            .get(&who)
            .filter(|entry| entry.suspended_until <= now)
            .map(|entry| entry.rights_from)
    }
}

impl Fixture {
    /// Genesis members A, B, C; two vouches admit.
    fn new() -> Fixture {
        Fixture::with(&[A, B, C], params())
    }

    fn with(genesis: &[u8], params: RegistryParams) -> Fixture {
        ink::env::test::set_callee::<Env>(account(CONTRACT));
        let accounts = genesis.iter().map(|n| account(*n)).collect();
        let (state, outcome) =
            RegistryState::new(accounts, account(GOV), params, floors(), hashes(), T0)
                .expect("valid construction");
        let mut roster = RosterModel::default();
        roster.apply(&outcome.roster);
        let mut universe: Vec<u8> = UNIVERSE.to_vec();
        universe.extend(genesis.iter().filter(|n| !UNIVERSE.contains(n)));
        Fixture {
            state,
            now: T0,
            balance: 0,
            holders: Holders::default(),
            universe,
            roster,
        }
    }

    fn ctx(&self, who: u8, value: Balance) -> Ctx {
        Ctx {
            caller: account(who),
            now: self.now,
            transferred: value,
        }
    }

    fn snapshot(&self) -> Snapshot {
        let (_, storage_writes) =
            ink::env::test::get_contract_storage_rw::<Env>(&account(CONTRACT));
        Snapshot {
            governance: self.state.governance(),
            params: self.state.params(),
            code_hashes: self.state.code_hashes(),
            member_count: self.state.member_count(),
            active_count: self.state.active_count(),
            bonds_held: self.state.bonds_held(),
            treasury: self.state.treasury(),
            storage_writes,
        }
    }

    /// Runs a logic call from `who` sending `value`; on success moves the simulated balance
    /// like the glue would (value in, payments and distributions out).
    fn call(
        &mut self,
        who: u8,
        value: Balance,
        f: impl FnOnce(&mut RegistryState, Ctx) -> Result<Outcome, RegistryError>,
    ) -> Result<Outcome, RegistryError> {
        let before = self.snapshot();
        let ctx = self.ctx(who, value);
        let result = f(&mut self.state, ctx);
        match &result {
            Err(_) => assert_eq!(self.snapshot(), before, "a refused call changed state"),
            Ok(outcome) => {
                self.roster.apply(&outcome.roster);
                self.balance = self.balance.checked_add(value).expect("balance");
                for interaction in &outcome.interactions {
                    match interaction {
                        Interaction::Pay { amount, .. }
                        | Interaction::Distribute { amount, .. } => {
                            self.balance = self
                                .balance
                                .checked_sub(*amount)
                                .expect("registry pays more than it holds");
                        }
                        Interaction::FreezeToken { .. } | Interaction::RestrainToken { .. } => {}
                    }
                }
            }
        }
        self.check_invariants();
        result
    }

    /// The roster the writes built answers every membership question as the registry does,
    /// now and on both sides of every suspension's end (a lapse needs no write).
    fn check_roster(&self) {
        let state = &self.state;
        for n in &self.universe {
            let who = account(*n);
            let mut probes = vec![self.now];
            if let Some(MemberStatus::Suspended { until }) = state.member(who).map(|m| m.status) {
                probes.extend([until.saturating_sub(1), until]);
            }
            for at in probes {
                assert_eq!(
                    self.roster.is_active(who, at),
                    state.is_active(who, at),
                    "roster and registry disagree on whether {n} is active at {at}"
                );
                assert_eq!(
                    self.roster.rights_since(who, at),
                    state.rights_since(who, at),
                    "roster and registry disagree on {n}'s rights at {at}"
                );
            }
            for m in &self.universe {
                let subject = account(*m);
                assert_eq!(
                    self.roster.vouched.contains(&(who, subject)),
                    state.has_vouched_for(who, subject),
                    "roster and registry disagree on whether {n} vouched for {m}"
                );
            }
        }
    }

    fn check_invariants(&self) {
        self.check_roster();
        let state = &self.state;
        let mut bonds: Balance = 0;
        let mut active = 0u32;
        for n in &self.universe {
            let who = account(*n);
            if let Some(application) = state.application(who) {
                assert!(state.member(who).is_none(), "candidate and member at once");
                bonds += application.bond;
            }
            if let Some(info) = state.member(who) {
                bonds += info.bond;
                if matches!(info.status, MemberStatus::Resigned | MemberStatus::Expelled) {
                    assert_eq!(info.bond, 0, "a bond kept after resignation or expulsion");
                }
                if info.status == MemberStatus::Resigned {
                    assert_eq!(
                        info.open_cases, 0,
                        "a resignation completed with a case open"
                    );
                }
                if info.status.counts_as_active() {
                    active += 1;
                }
            }
            // Slots are used contiguously from 0: up to the open application's or the
            // admission's last vouch, or else up to the withdrawn applications' last one.
            let end = state
                .application(who)
                .map(|a| a.first_vouch_slot + a.vouch_count)
                .or_else(|| {
                    state
                        .member(who)
                        .map(|m| m.first_vouch_slot + m.voucher_count)
                })
                .unwrap_or_default()
                .max(state.vouch_slots_used.get(who).unwrap_or_default());
            for slot in 0..end {
                let vouch = state
                    .vouches
                    .get((who, slot))
                    .expect("a gap in the vouch slots");
                assert!(!(vouch.released && vouch.slashed));
                assert!(state.vouch_slot_of.get((vouch.voucher, who)).is_some());
                if vouch.is_held() {
                    bonds += vouch.bond;
                }
            }
            assert!(
                state.vouches.get((who, end)).is_none(),
                "a vouch beyond the used slots"
            );
        }
        assert_eq!(
            state.bonds_held(),
            bonds,
            "bonds_held differs from the bonds on record"
        );
        assert_eq!(
            state.active_count(),
            active,
            "active_count differs from the members"
        );
        assert_eq!(
            self.balance,
            state.bonds_held() + state.treasury(),
            "the balance does not cover bonds_held + treasury exactly"
        );
    }

    // ----- shortcuts -----------------------------------------------------------------------

    fn apply(&mut self, who: u8) -> Result<Outcome, RegistryError> {
        let bond = self.state.params().application_bond;
        self.call(who, bond, |s, c| s.apply(c, profile(who)))
    }

    fn vouch(&mut self, voucher: u8, candidate: u8) -> Result<Outcome, RegistryError> {
        let bond = self.state.params().vouch_bond;
        self.call(voucher, bond, |s, c| s.vouch(c, account(candidate)))
    }

    fn withdraw(&mut self, who: u8) -> Result<Outcome, RegistryError> {
        self.call(who, 0, |s, c| s.withdraw_application(c))
    }

    fn release(&mut self, voucher: u8, subject: u8) -> Result<Outcome, RegistryError> {
        self.call(voucher, 0, |s, c| s.release_vouch(c, account(subject)))
    }

    fn resign(&mut self, who: u8) -> Result<Outcome, RegistryError> {
        self.call(who, 0, |s, c| s.resign(c))
    }

    fn complete(&mut self, who: u8) -> Result<Outcome, RegistryError> {
        self.call(who, 0, |s, c| s.complete_resignation(c))
    }

    fn suspend(&mut self, by: u8, who: u8, until: Timestamp) -> Result<Outcome, RegistryError> {
        self.call(by, 0, |s, c| s.suspend(c, account(who), until))
    }

    fn reinstate(&mut self, by: u8, who: u8) -> Result<Outcome, RegistryError> {
        self.call(by, 0, |s, c| s.reinstate(c, account(who)))
    }

    fn expel(&mut self, by: u8, who: u8) -> Result<Outcome, RegistryError> {
        let holders = self.holders.clone();
        self.call(by, 0, |s, c| s.expel(c, account(who), &holders))
    }

    fn launch(&mut self, who: u8) -> Result<Outcome, RegistryError> {
        self.call(who, 0, |s, c| {
            s.check_launch(c)?;
            s.record_token(c, token(who), splitter(who))
        })
    }

    /// `who` applies and is admitted by A and B.
    fn admit(&mut self, who: u8) {
        self.apply(who).expect("apply");
        self.vouch(A, who).expect("vouch A");
        self.vouch(B, who).expect("vouch B");
        assert!(self.state.is_active(account(who), self.now));
    }

    fn advance(&mut self, ms: Timestamp) {
        self.now += ms;
    }

    fn status(&self, who: u8) -> MemberStatus {
        self.state.member(account(who)).expect("member").status
    }
}

fn events(outcome: &Outcome) -> Vec<RegistryEvent> {
    outcome.events.clone()
}

// ----- construction ----------------------------------------------------------------------

#[test]
fn genesis_members_are_active_with_no_bond_and_duplicates_are_ignored() {
    ink::env::test::set_callee::<Env>(account(CONTRACT));
    let genesis = vec![account(A), account(B), account(A), account(C)];
    let (state, outcome) =
        RegistryState::new(genesis, account(GOV), params(), floors(), hashes(), T0).unwrap();
    assert_eq!(state.member_count(), 3);
    assert_eq!(state.active_count(), 3);
    assert_eq!(state.bonds_held(), 0);
    assert_eq!(state.treasury(), 0);
    assert_eq!(state.governance(), account(GOV));
    assert_eq!(state.params(), params());
    assert_eq!(state.code_hashes(), hashes());
    for n in [A, B, C] {
        assert!(state.is_active(account(n), T0));
        assert_eq!(
            state.member(account(n)),
            Some(MemberInfo {
                status: MemberStatus::Active,
                joined_at: T0,
                rights_from: 0,
                bond: 0,
                profile_hash: Hash::default(),
                voucher_count: 0,
                first_vouch_slot: 0,
                token: None,
                splitter: None,
                open_cases: 0,
            })
        );
    }
    assert_eq!(
        outcome.events,
        [A, B, C]
            .iter()
            .map(|n| RegistryEvent::MemberAdmitted(MemberAdmitted {
                member: account(*n),
                bond: 0,
                voucher_count: 0,
            }))
            .collect::<Vec<_>>()
    );
    assert!(outcome.interactions.is_empty());
    let listed: Vec<AccountId> = state
        .members(0, 50)
        .unwrap()
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(listed, vec![account(A), account(B), account(C)]);
}

#[test]
fn construction_refuses_more_than_32_genesis_entries_duplicates_included() {
    ink::env::test::set_callee::<Env>(account(CONTRACT));
    let thirty_two: Vec<AccountId> = (1..=32).map(account).collect();
    let (state, _) =
        RegistryState::new(thirty_two, account(GOV), params(), floors(), hashes(), T0).unwrap();
    assert_eq!(state.member_count(), 32);
    let thirty_three: Vec<AccountId> = (1..=33).map(account).collect();
    assert_eq!(
        RegistryState::new(thirty_three, account(GOV), params(), floors(), hashes(), T0).err(),
        Some(RegistryError::TooManyGenesisMembers)
    );
    let with_duplicate: Vec<AccountId> = (1..=33).map(|n| account(n.min(32))).collect();
    assert_eq!(
        RegistryState::new(
            with_duplicate,
            account(GOV),
            params(),
            floors(),
            hashes(),
            T0
        )
        .err(),
        Some(RegistryError::TooManyGenesisMembers)
    );
}

#[test]
fn construction_refuses_no_genesis_member() {
    ink::env::test::set_callee::<Env>(account(CONTRACT));
    assert_eq!(
        RegistryState::new(Vec::new(), account(GOV), params(), floors(), hashes(), T0).err(),
        Some(RegistryError::NoGenesisMembers)
    );
}

#[test]
fn construction_refuses_invalid_params() {
    ink::env::test::set_callee::<Env>(account(CONTRACT));
    let invalid = [
        RegistryParams {
            vouches_required: 0,
            ..params()
        },
        RegistryParams {
            vouches_required: MAX_VOUCHERS + 1,
            ..params()
        },
        RegistryParams {
            vouching_window: 0,
            ..params()
        },
    ];
    for p in invalid {
        assert_eq!(p.validate(&floors()), Err(RegistryError::InvalidParams));
        assert_eq!(
            RegistryState::new(vec![account(A)], account(GOV), p, floors(), hashes(), T0).err(),
            Some(RegistryError::InvalidParams)
        );
    }
}

#[test]
fn params_bounds_are_inclusive_and_zero_bonds_and_periods_are_allowed() {
    let edge = [
        RegistryParams {
            vouches_required: 1,
            ..params()
        },
        RegistryParams {
            vouches_required: MAX_VOUCHERS,
            ..params()
        },
        RegistryParams {
            application_bond: 0,
            vouch_bond: 0,
            vouching_window: 1,
            vouch_lock_period: 0,
            voucher_cooldown: 0,
            resignation_cooldown: 0,
            vouches_required: 1,
            tenure: 0,
            vouch_period: 1,
            max_vouches_per_period: 1,
        },
    ];
    for p in edge {
        assert_eq!(p.validate(&floors()), Ok(()));
    }
}

// ----- applying --------------------------------------------------------------------------

#[test]
fn apply_records_the_application_and_holds_the_bond() {
    let mut f = Fixture::new();
    let outcome = f.apply(X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::Applied(Applied {
            candidate: account(X),
            bond: APPLICATION_BOND,
            profile_hash: profile(X),
            vouching_deadline: T0 + WINDOW,
        })]
    );
    assert!(outcome.interactions.is_empty());
    assert_eq!(
        f.state.application(account(X)),
        Some(Application {
            applied_at: T0,
            bond: APPLICATION_BOND,
            profile_hash: profile(X),
            vouch_count: 0,
            first_vouch_slot: 0,
        })
    );
    assert_eq!(f.state.bonds_held(), APPLICATION_BOND);
    assert!(!f.state.is_active(account(X), f.now));
    assert_eq!(f.state.member_count(), 3);
}

#[test]
fn apply_refuses_a_bond_that_is_not_exact() {
    let mut f = Fixture::new();
    for value in [0, APPLICATION_BOND - 1, APPLICATION_BOND + 1] {
        assert_eq!(
            f.call(X, value, |s, c| s.apply(c, profile(X))).err(),
            Some(RegistryError::WrongBond {
                expected: APPLICATION_BOND,
                received: value,
            })
        );
    }
}

#[test]
fn apply_refuses_candidates_members_and_expelled_accounts() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    assert_eq!(f.apply(X).err(), Some(RegistryError::AlreadyCandidate));
    assert_eq!(f.apply(A).err(), Some(RegistryError::AlreadyMember));
    f.admit(Y);
    assert_eq!(f.apply(Y).err(), Some(RegistryError::AlreadyMember));
    f.expel(GOV, Y).unwrap();
    assert_eq!(f.apply(Y).err(), Some(RegistryError::Expelled));
    f.resign(C).unwrap();
    assert_eq!(f.apply(C).err(), Some(RegistryError::AlreadyMember));
    f.advance(RESIGNATION);
    f.complete(C).unwrap();
    assert_eq!(f.apply(C).err(), Some(RegistryError::AlreadyMember));
}

#[test]
fn apply_with_a_zero_bond_holds_nothing() {
    let mut f = Fixture::with(
        &[A],
        RegistryParams {
            application_bond: 0,
            vouch_bond: 0,
            vouches_required: 1,
            ..params()
        },
    );
    f.apply(X).unwrap();
    assert_eq!(f.state.bonds_held(), 0);
    f.vouch(A, X).unwrap();
    assert_eq!(f.state.member(account(X)).unwrap().bond, 0);
    let outcome = f.withdraw(X).err();
    assert_eq!(outcome, Some(RegistryError::NotCandidate));
}

#[test]
fn a_bonds_total_that_would_overflow_is_refused_and_changes_nothing() {
    let mut f = Fixture::new();
    // Unreachable with real money; forged to pin the checked addition.
    f.state.bonds_held = Balance::MAX - APPLICATION_BOND + 1;
    let before = f.snapshot();
    let ctx = f.ctx(X, APPLICATION_BOND);
    assert_eq!(
        f.state.apply(ctx, profile(X)).err(),
        Some(RegistryError::ArithmeticOverflow)
    );
    assert_eq!(f.snapshot(), before);
    assert_eq!(f.state.application(account(X)), None);
}

// ----- vouching and admission ------------------------------------------------------------

#[test]
fn a_vouch_stakes_the_bond_and_is_recorded() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    let outcome = f.vouch(A, X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::Vouched(Vouched {
            voucher: account(A),
            candidate: account(X),
            bond: VOUCH_BOND,
            vouch_count: 1,
        })]
    );
    assert!(outcome.interactions.is_empty());
    assert_eq!(f.state.application(account(X)).unwrap().vouch_count, 1);
    assert_eq!(
        f.state.voucher_of(account(X), 0),
        Some(Vouch {
            voucher: account(A),
            bond: VOUCH_BOND,
            released: false,
            slashed: false,
        })
    );
    assert_eq!(f.state.voucher_of(account(X), 1), None);
    assert!(f.state.has_vouched_for(account(A), account(X)));
    assert!(!f.state.has_vouched_for(account(B), account(X)));
    assert_eq!(f.state.bonds_held(), APPLICATION_BOND + VOUCH_BOND);
}

#[test]
fn the_vouch_reaching_the_requirement_admits_in_the_same_call() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.advance(5);
    let outcome = f.vouch(B, X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![
            RegistryEvent::Vouched(Vouched {
                voucher: account(B),
                candidate: account(X),
                bond: VOUCH_BOND,
                vouch_count: 2,
            }),
            RegistryEvent::MemberAdmitted(MemberAdmitted {
                member: account(X),
                bond: APPLICATION_BOND,
                voucher_count: 2,
            }),
        ]
    );
    assert_eq!(f.state.application(account(X)), None);
    assert_eq!(
        f.state.member(account(X)),
        Some(MemberInfo {
            status: MemberStatus::Active,
            joined_at: T0 + 5,
            rights_from: T0 + 5,
            bond: APPLICATION_BOND,
            profile_hash: profile(X),
            voucher_count: 2,
            first_vouch_slot: 0,
            token: None,
            splitter: None,
            open_cases: 0,
        })
    );
    assert!(f.state.is_active(account(X), f.now));
    assert_eq!(f.state.member_count(), 4);
    assert_eq!(f.state.active_count(), 4);
    assert_eq!(f.state.members(3, 1).unwrap()[0].0, account(X));
    assert_eq!(
        f.state.voucher_of(account(X), 1).unwrap().voucher,
        account(B)
    );
    assert_eq!(f.state.bonds_held(), APPLICATION_BOND + 2 * VOUCH_BOND);
    // An admitted member vouches in turn.
    f.apply(Y).unwrap();
    f.vouch(X, Y).unwrap();
}

#[test]
fn vouch_refuses_callers_who_are_not_active_members() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.apply(Y).unwrap();
    // A stranger and a candidate.
    assert_eq!(
        f.vouch(STRANGER, X).err(),
        Some(RegistryError::NotActiveMember)
    );
    assert_eq!(f.vouch(Y, X).err(), Some(RegistryError::NotActiveMember));
    // A suspended member, until his suspension lapses.
    f.suspend(GOV, A, T0 + 100).unwrap();
    assert_eq!(f.vouch(A, X).err(), Some(RegistryError::NotActiveMember));
    f.advance(100);
    f.vouch(A, X).unwrap();
    // A resigning member.
    f.resign(C).unwrap();
    assert_eq!(f.vouch(C, Y).err(), Some(RegistryError::NotActiveMember));
    // An expelled member.
    f.expel(GOV, B).unwrap();
    assert_eq!(f.vouch(B, Y).err(), Some(RegistryError::NotActiveMember));
}

#[test]
fn vouch_refuses_self_non_candidates_duplicates_and_wrong_bonds() {
    let mut f = Fixture::new();
    assert_eq!(f.vouch(A, A).err(), Some(RegistryError::CannotVouchForSelf));
    assert_eq!(f.vouch(A, X).err(), Some(RegistryError::NotCandidate));
    assert_eq!(f.vouch(A, B).err(), Some(RegistryError::NotCandidate));
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    assert_eq!(f.vouch(A, X).err(), Some(RegistryError::AlreadyVouched));
    for value in [0, VOUCH_BOND - 1, VOUCH_BOND + 1] {
        assert_eq!(
            f.call(B, value, |s, c| s.vouch(c, account(X))).err(),
            Some(RegistryError::WrongBond {
                expected: VOUCH_BOND,
                received: value,
            })
        );
    }
}

#[test]
fn vouching_is_open_until_the_deadline_inclusive() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouches_required: 3,
            ..params()
        },
    );
    f.apply(X).unwrap();
    f.advance(WINDOW);
    f.vouch(A, X).unwrap();
    f.advance(1);
    assert_eq!(f.vouch(B, X).err(), Some(RegistryError::VouchingClosed));
}

#[test]
fn vouch_refuses_a_seventeenth_voucher() {
    let genesis: Vec<u8> = (1..=17).collect();
    let mut f = Fixture::with(
        &genesis,
        RegistryParams {
            vouches_required: MAX_VOUCHERS,
            ..params()
        },
    );
    f.apply(STRANGER).unwrap();
    for n in 1..=15 {
        f.vouch(n, STRANGER).unwrap();
    }
    // No sequence of messages keeps a candidate with MAX_VOUCHERS vouches (the vouch that
    // reaches the requirement, at most MAX_VOUCHERS, admits him), but the bound holds on its
    // own: forge a sixteenth (released) vouch and try once more.
    let mut application = f.state.application(account(STRANGER)).unwrap();
    application.vouch_count = MAX_VOUCHERS;
    f.state.applications.insert(account(STRANGER), &application);
    let forged = Vouch {
        voucher: account(16),
        bond: 0,
        released: true,
        slashed: false,
    };
    f.state.vouches.insert((account(STRANGER), 15), &forged);
    f.state
        .vouch_slot_of
        .insert((account(16), account(STRANGER)), &15);
    // The forged vouch stands for a vouch message, which would have told the roster.
    f.roster.vouched.insert((account(16), account(STRANGER)));
    assert_eq!(
        f.vouch(17, STRANGER).err(),
        Some(RegistryError::TooManyVouchers)
    );
}

#[test]
fn sixteen_vouchers_admit_when_sixteen_are_required() {
    let genesis: Vec<u8> = (1..=16).collect();
    let mut f = Fixture::with(
        &genesis,
        RegistryParams {
            vouches_required: MAX_VOUCHERS,
            ..params()
        },
    );
    f.apply(STRANGER).unwrap();
    for n in 1..=16 {
        f.vouch(n, STRANGER).unwrap();
    }
    let info = f.state.member(account(STRANGER)).unwrap();
    assert_eq!(info.voucher_count, 16);
    assert_eq!(
        f.state.voucher_of(account(STRANGER), 15).unwrap().voucher,
        account(16)
    );
}

#[test]
fn lowering_the_requirement_admits_on_the_next_vouch() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouches_required: 3,
            ..params()
        },
    );
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.vouch(B, X).unwrap();
    f.call(GOV, 0, |s, c| {
        s.set_params(
            c,
            RegistryParams {
                vouches_required: 1,
                ..params()
            },
        )
    })
    .unwrap();
    assert!(f.state.application(account(X)).is_some());
    f.vouch(C, X).unwrap();
    assert_eq!(f.state.member(account(X)).unwrap().voucher_count, 3);
}

#[test]
fn a_banned_voucher_may_vouch_again_when_the_ban_ends() {
    let mut f = Fixture::new();
    f.admit(X);
    f.expel(GOV, X).unwrap();
    let until = f.state.vouch_banned_until(account(A));
    assert_eq!(until, f.now + COOLDOWN);
    f.apply(Y).unwrap();
    assert_eq!(f.vouch(A, Y).err(), Some(RegistryError::VoucherInCooldown));
    f.advance(COOLDOWN - 1);
    // The window is shorter than the ban: apply again to keep it open.
    f.withdraw(Y).unwrap();
    f.apply(Y).unwrap();
    assert_eq!(f.vouch(A, Y).err(), Some(RegistryError::VoucherInCooldown));
    f.advance(1);
    f.vouch(A, Y).unwrap();
}

// ----- withdrawing -----------------------------------------------------------------------

#[test]
fn withdraw_application_refunds_the_bond_and_removes_it() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    let outcome = f.withdraw(X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::ApplicationWithdrawn(ApplicationWithdrawn {
            candidate: account(X),
            bond: APPLICATION_BOND,
        })]
    );
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(X),
            amount: APPLICATION_BOND,
        }]
    );
    assert_eq!(f.state.application(account(X)), None);
    assert_eq!(f.state.bonds_held(), VOUCH_BOND);
    assert_eq!(f.withdraw(X).err(), Some(RegistryError::NotCandidate));
    assert_eq!(f.withdraw(A).err(), Some(RegistryError::NotCandidate));
    // A's vouch is free now, and stays on record.
    let outcome = f.release(A, X).unwrap();
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(A),
            amount: VOUCH_BOND,
        }]
    );
    assert!(f.state.has_vouched_for(account(A), account(X)));
}

#[test]
fn a_candidate_may_withdraw_after_his_window_expired() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.advance(WINDOW + 1);
    f.withdraw(X).unwrap();
}

#[test]
fn reapplying_after_withdrawal_never_overwrites_a_held_vouch() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.vouch_slots_check(X, 0);
    f.withdraw(X).unwrap();
    f.apply(X).unwrap();
    let application = f.state.application(account(X)).unwrap();
    assert_eq!(application.first_vouch_slot, 1);
    assert_eq!(application.vouch_count, 0);
    // B vouches for the new application: slot 1, A's slot 0 untouched and still held.
    f.vouch(B, X).unwrap();
    assert_eq!(
        f.state.vouches.get((account(X), 0)).unwrap().voucher,
        account(A)
    );
    assert!(f.state.vouches.get((account(X), 0)).unwrap().is_held());
    assert_eq!(
        f.state.voucher_of(account(X), 0).unwrap().voucher,
        account(B)
    );
    // A's earlier vouch backs a withdrawn application: free, even while the new one is open.
    f.release(A, X).unwrap();
}

#[test]
fn revouching_after_withdrawal_refunds_the_earlier_bond_instead_of_losing_it() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.withdraw(X).unwrap();
    f.apply(X).unwrap();
    let outcome = f.vouch(A, X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![
            RegistryEvent::VouchReleased(VouchReleased {
                voucher: account(A),
                subject: account(X),
                bond: VOUCH_BOND,
            }),
            RegistryEvent::Vouched(Vouched {
                voucher: account(A),
                candidate: account(X),
                bond: VOUCH_BOND,
                vouch_count: 1,
            }),
        ]
    );
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(A),
            amount: VOUCH_BOND,
        }]
    );
    let earlier = f.state.vouches.get((account(X), 0)).unwrap();
    assert!(earlier.released);
    assert_eq!(f.state.vouch_slot_of.get((account(A), account(X))), Some(1));
    assert_eq!(f.vouch(A, X).err(), Some(RegistryError::AlreadyVouched));
    // A released earlier vouch is not refunded twice.
    f.withdraw(X).unwrap();
    f.release(A, X).unwrap();
    f.apply(X).unwrap();
    let outcome = f.vouch(A, X).unwrap();
    assert!(outcome.interactions.is_empty());
    assert_eq!(f.state.application(account(X)).unwrap().first_vouch_slot, 2);
}

impl Fixture {
    fn vouch_slots_check(&self, subject: u8, slot: u32) {
        assert!(self.state.vouches.get((account(subject), slot)).is_some());
    }
}

// ----- releasing vouch bonds -------------------------------------------------------------

#[test]
fn a_vouch_on_an_open_application_is_locked_until_the_window_expires() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouches_required: 3,
            ..params()
        },
    );
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    assert_eq!(f.release(A, X).err(), Some(RegistryError::VouchStillLocked));
    f.advance(WINDOW);
    assert_eq!(f.release(A, X).err(), Some(RegistryError::VouchStillLocked));
    f.advance(1);
    let outcome = f.release(A, X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::VouchReleased(VouchReleased {
            voucher: account(A),
            subject: account(X),
            bond: VOUCH_BOND,
        })]
    );
    assert!(f.state.voucher_of(account(X), 0).unwrap().released);
    assert_eq!(f.release(A, X).err(), Some(RegistryError::NothingToRelease));
    // The expired candidate can still take his own bond back.
    f.withdraw(X).unwrap();
}

#[test]
fn a_vouch_on_a_member_is_locked_for_the_lock_period_after_admission() {
    let mut f = Fixture::new();
    f.admit(X);
    assert_eq!(f.release(A, X).err(), Some(RegistryError::VouchStillLocked));
    f.advance(LOCK - 1);
    assert_eq!(f.release(B, X).err(), Some(RegistryError::VouchStillLocked));
    f.advance(1);
    f.release(A, X).unwrap();
    f.release(B, X).unwrap();
    assert_eq!(f.state.bonds_held(), APPLICATION_BOND);
    assert!(f.state.has_vouched_for(account(A), account(X)));
    assert!(f.state.has_vouched_for(account(B), account(X)));
}

#[test]
fn release_refuses_accounts_that_never_vouched() {
    let mut f = Fixture::new();
    f.admit(X);
    f.advance(LOCK);
    assert_eq!(f.release(C, X).err(), Some(RegistryError::NothingToRelease));
    assert_eq!(
        f.release(STRANGER, X).err(),
        Some(RegistryError::NothingToRelease)
    );
    assert_eq!(f.release(A, B).err(), Some(RegistryError::NothingToRelease));
    assert_eq!(
        f.release(A, STRANGER).err(),
        Some(RegistryError::NothingToRelease)
    );
}

#[test]
fn a_vouch_on_a_suspended_or_resigning_member_follows_the_lock_period() {
    let mut f = Fixture::new();
    f.admit(X);
    f.admit(Y);
    f.suspend(GOV, X, f.now + 10 * LOCK).unwrap();
    f.resign(Y).unwrap();
    assert_eq!(f.release(A, X).err(), Some(RegistryError::VouchStillLocked));
    assert_eq!(f.release(A, Y).err(), Some(RegistryError::VouchStillLocked));
    f.advance(LOCK);
    f.release(A, X).unwrap();
    f.release(A, Y).unwrap();
}

#[test]
fn a_vouch_on_a_member_who_completed_his_resignation_is_free_at_once() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouch_lock_period: 10 * RESIGNATION,
            ..params()
        },
    );
    f.admit(X);
    f.resign(X).unwrap();
    f.advance(RESIGNATION);
    f.complete(X).unwrap();
    f.release(A, X).unwrap();
    f.release(B, X).unwrap();
    assert_eq!(f.state.bonds_held(), 0);
}

#[test]
fn a_slashed_vouch_cannot_be_released() {
    let mut f = Fixture::new();
    f.admit(X);
    f.expel(GOV, X).unwrap();
    f.advance(LOCK);
    assert_eq!(f.release(A, X).err(), Some(RegistryError::NothingToRelease));
    assert!(f.state.voucher_of(account(X), 0).unwrap().slashed);
    assert!(f.state.has_vouched_for(account(A), account(X)));
}

#[test]
fn a_vouch_on_an_earlier_withdrawn_application_of_a_member_is_free() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(C, X).unwrap();
    f.withdraw(X).unwrap();
    f.admit(X);
    assert_eq!(f.state.member(account(X)).unwrap().first_vouch_slot, 1);
    f.release(C, X).unwrap();
    // And an expulsion does not touch it: C is not one of X's admitting vouchers.
    f.expel(GOV, X).unwrap();
    assert_eq!(f.state.vouch_banned_until(account(C)), 0);
}

// ----- resignation -----------------------------------------------------------------------

#[test]
fn resignation_stops_activity_at_once_and_refunds_after_the_cooldown() {
    let mut f = Fixture::new();
    f.admit(X);
    let outcome = f.resign(X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::Resigned(Resigned {
            member: account(X),
            completable_at: f.now + RESIGNATION,
        })]
    );
    assert!(outcome.interactions.is_empty());
    assert_eq!(f.status(X), MemberStatus::Resigning { since: f.now });
    assert!(!f.state.is_active(account(X), f.now));
    assert_eq!(f.state.active_count(), 3);
    assert_eq!(f.resign(X).err(), Some(RegistryError::NotActiveMember));
    f.advance(RESIGNATION - 1);
    assert_eq!(f.complete(X).err(), Some(RegistryError::CooldownNotOver));
    f.advance(1);
    let outcome = f.complete(X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::ResignationCompleted(ResignationCompleted {
            member: account(X),
            bond: APPLICATION_BOND,
        })]
    );
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(X),
            amount: APPLICATION_BOND,
        }]
    );
    let info = f.state.member(account(X)).unwrap();
    assert_eq!(info.status, MemberStatus::Resigned);
    assert_eq!(info.bond, 0);
    assert_eq!(f.state.member_count(), 4);
    assert_eq!(f.complete(X).err(), Some(RegistryError::NotResigning));
    assert_eq!(f.resign(X).err(), Some(RegistryError::NotActiveMember));
}

#[test]
fn a_genesis_member_resigns_without_any_payment() {
    let mut f = Fixture::new();
    f.resign(A).unwrap();
    f.advance(RESIGNATION);
    let outcome = f.complete(A).unwrap();
    assert!(outcome.interactions.is_empty());
}

#[test]
fn resignation_refusals() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    assert_eq!(
        f.resign(STRANGER).err(),
        Some(RegistryError::NotActiveMember)
    );
    assert_eq!(f.resign(X).err(), Some(RegistryError::NotActiveMember));
    f.suspend(GOV, B, f.now + 10).unwrap();
    assert_eq!(f.resign(B).err(), Some(RegistryError::NotActiveMember));
    f.launch(A).unwrap();
    assert_eq!(f.resign(A).err(), Some(RegistryError::HasToken));
    assert_eq!(f.complete(STRANGER).err(), Some(RegistryError::NotMember));
    assert_eq!(f.complete(X).err(), Some(RegistryError::NotMember));
    assert_eq!(f.complete(C).err(), Some(RegistryError::NotResigning));
    // A lapsed suspension does not prevent resigning.
    f.advance(10);
    f.resign(B).unwrap();
}

// ----- suspension and reinstatement ------------------------------------------------------

#[test]
fn a_suspension_makes_inactive_until_it_lapses_and_keeps_the_count() {
    let mut f = Fixture::new();
    let until = f.now + 500;
    let outcome = f.suspend(GOV, A, until).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::MemberSuspended(MemberSuspended {
            member: account(A),
            until,
        })]
    );
    assert_eq!(f.status(A), MemberStatus::Suspended { until });
    assert!(!f.state.is_active(account(A), f.now));
    assert!(!f.state.is_active(account(A), until - 1));
    assert!(f.state.is_active(account(A), until));
    assert_eq!(f.state.active_count(), 3);
    // Governance may move the end.
    f.suspend(GOV, A, until + 1_000).unwrap();
    assert!(!f.state.is_active(account(A), until));
}

#[test]
fn reinstatement_lifts_a_suspension() {
    let mut f = Fixture::new();
    f.suspend(GOV, A, f.now + 500).unwrap();
    let outcome = f.reinstate(GOV, A).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::MemberReinstated(MemberReinstated {
            member: account(A),
        })]
    );
    assert_eq!(f.status(A), MemberStatus::Active);
    assert!(f.state.is_active(account(A), f.now));
    assert_eq!(f.reinstate(GOV, A).err(), Some(RegistryError::NotSuspended));
    // A lapsed suspension can be cleaned up.
    f.suspend(GOV, A, f.now + 1).unwrap();
    f.advance(1);
    f.reinstate(GOV, A).unwrap();
}

#[test]
fn suspension_and_reinstatement_refusals() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    let now = f.now;
    assert_eq!(
        f.suspend(GOV, A, now).err(),
        Some(RegistryError::InvalidSuspension)
    );
    assert_eq!(
        f.suspend(GOV, A, now - 1).err(),
        Some(RegistryError::InvalidSuspension)
    );
    assert_eq!(
        f.suspend(GOV, STRANGER, now + 1).err(),
        Some(RegistryError::NotMember)
    );
    assert_eq!(
        f.suspend(GOV, X, now + 1).err(),
        Some(RegistryError::NotMember)
    );
    f.resign(B).unwrap();
    assert_eq!(
        f.suspend(GOV, B, now + 1).err(),
        Some(RegistryError::NotActiveMember)
    );
    f.advance(RESIGNATION);
    f.complete(B).unwrap();
    let now = f.now;
    assert_eq!(
        f.suspend(GOV, B, now + 1).err(),
        Some(RegistryError::NotActiveMember)
    );
    f.expel(GOV, C).unwrap();
    assert_eq!(
        f.suspend(GOV, C, now + 1).err(),
        Some(RegistryError::AlreadyExpelled)
    );
    assert_eq!(
        f.reinstate(GOV, STRANGER).err(),
        Some(RegistryError::NotMember)
    );
    assert_eq!(f.reinstate(GOV, A).err(), Some(RegistryError::NotSuspended));
    assert_eq!(f.reinstate(GOV, B).err(), Some(RegistryError::NotSuspended));
    assert_eq!(f.reinstate(GOV, C).err(), Some(RegistryError::NotSuspended));
}

// ----- expulsion -------------------------------------------------------------------------

#[test]
fn expelling_a_member_without_a_token_slashes_to_the_treasury() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouches_required: 3,
            ..params()
        },
    );
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.vouch(B, X).unwrap();
    f.vouch(C, X).unwrap();
    f.advance(LOCK);
    f.release(C, X).unwrap();
    // B was already banned for longer: his ban is kept.
    f.state
        .vouch_banned_until
        .insert(account(B), &(f.now + 10 * COOLDOWN));
    let outcome = f.expel(GOV, X).unwrap();
    let slashed = APPLICATION_BOND + 2 * VOUCH_BOND;
    assert_eq!(
        events(&outcome),
        vec![
            RegistryEvent::MemberExpelled(MemberExpelled {
                member: account(X),
                slashed,
                to_holders: false,
            }),
            RegistryEvent::VoucherPenalised(VoucherPenalised {
                voucher: account(A),
                member: account(X),
                bond: VOUCH_BOND,
                banned_until: f.now + COOLDOWN,
            }),
            RegistryEvent::VoucherPenalised(VoucherPenalised {
                voucher: account(B),
                member: account(X),
                bond: VOUCH_BOND,
                banned_until: f.now + 10 * COOLDOWN,
            }),
            RegistryEvent::VoucherPenalised(VoucherPenalised {
                voucher: account(C),
                member: account(X),
                bond: 0,
                banned_until: f.now + COOLDOWN,
            }),
        ]
    );
    assert!(outcome.interactions.is_empty());
    assert_eq!(f.state.treasury(), slashed);
    assert_eq!(f.state.bonds_held(), 0);
    let info = f.state.member(account(X)).unwrap();
    assert_eq!(info.status, MemberStatus::Expelled);
    assert_eq!(info.bond, 0);
    assert_eq!(f.state.active_count(), 3);
    assert_eq!(f.state.member_count(), 4);
    assert!(!f.state.is_active(account(X), f.now));
    assert!(f.state.voucher_of(account(X), 0).unwrap().slashed);
    assert!(f.state.voucher_of(account(X), 1).unwrap().slashed);
    let released = f.state.voucher_of(account(X), 2).unwrap();
    assert!(released.released && !released.slashed);
    assert_eq!(f.state.vouch_banned_until(account(C)), f.now + COOLDOWN);
    assert_eq!(f.expel(GOV, X).err(), Some(RegistryError::AlreadyExpelled));
}

#[test]
fn expelling_a_member_with_a_held_token_freezes_it_and_pays_its_holders() {
    let mut f = Fixture::new();
    f.admit(X);
    f.launch(X).unwrap();
    f.holders.0.insert(splitter(X), 5_000);
    let outcome = f.expel(GOV, X).unwrap();
    let slashed = APPLICATION_BOND + 2 * VOUCH_BOND;
    assert_eq!(
        outcome.events[0],
        RegistryEvent::MemberExpelled(MemberExpelled {
            member: account(X),
            slashed,
            to_holders: true,
        })
    );
    assert_eq!(
        outcome.interactions,
        vec![
            Interaction::FreezeToken { token: token(X) },
            Interaction::Distribute {
                splitter: splitter(X),
                amount: slashed,
                memo: expel_memo(account(X)),
            },
        ]
    );
    assert_eq!(f.state.treasury(), 0);
    assert_eq!(f.state.bonds_held(), 0);
    // The record keeps the token for history.
    assert_eq!(f.state.token_of(account(X)), Some(token(X)));
    assert_eq!(f.state.issuer_of(token(X)), Some(account(X)));
}

#[test]
fn expelling_a_member_whose_token_nobody_else_holds_freezes_it_and_slashes_to_the_treasury() {
    let mut f = Fixture::new();
    f.admit(X);
    f.launch(X).unwrap();
    f.holders.0.insert(splitter(X), 0);
    let outcome = f.expel(GOV, X).unwrap();
    assert_eq!(
        outcome.interactions,
        vec![Interaction::FreezeToken { token: token(X) }]
    );
    assert_eq!(f.state.treasury(), APPLICATION_BOND + 2 * VOUCH_BOND);
}

#[test]
fn expelling_a_genesis_member_with_a_token_freezes_it_without_asking_its_holders() {
    let mut f = Fixture::new();
    f.launch(A).unwrap();
    let holders = NeverAsked;
    let outcome = f
        .call(GOV, 0, |s, c| s.expel(c, account(A), &holders))
        .unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::MemberExpelled(MemberExpelled {
            member: account(A),
            slashed: 0,
            to_holders: false,
        })]
    );
    assert_eq!(
        outcome.interactions,
        vec![Interaction::FreezeToken { token: token(A) }]
    );
    assert_eq!(f.state.active_count(), 2);
}

#[test]
fn expel_fails_cleanly_when_the_token_cannot_be_asked() {
    let mut f = Fixture::new();
    f.admit(X);
    f.launch(X).unwrap();
    // `f.holders` knows no token: the query fails and nothing changes.
    assert_eq!(f.expel(GOV, X).err(), Some(RegistryError::CallFailed));
    assert_eq!(f.status(X), MemberStatus::Active);
}

#[test]
fn a_resigning_member_can_still_be_expelled_and_loses_his_bond() {
    let mut f = Fixture::new();
    f.admit(X);
    f.resign(X).unwrap();
    assert_eq!(f.state.active_count(), 3);
    let outcome = f.expel(GOV, X).unwrap();
    assert_eq!(
        outcome.events[0],
        RegistryEvent::MemberExpelled(MemberExpelled {
            member: account(X),
            slashed: APPLICATION_BOND + 2 * VOUCH_BOND,
            to_holders: false,
        })
    );
    assert_eq!(f.state.active_count(), 3);
    assert_eq!(f.complete(X).err(), Some(RegistryError::NotResigning));
}

#[test]
fn expelling_a_resigned_member_slashes_only_unreleased_vouches() {
    let mut f = Fixture::new();
    f.admit(X);
    f.resign(X).unwrap();
    f.advance(RESIGNATION);
    f.complete(X).unwrap();
    f.release(A, X).unwrap();
    let outcome = f.expel(GOV, X).unwrap();
    assert_eq!(
        outcome.events[0],
        RegistryEvent::MemberExpelled(MemberExpelled {
            member: account(X),
            slashed: VOUCH_BOND,
            to_holders: false,
        })
    );
    assert_eq!(f.state.active_count(), 3);
}

#[test]
fn expelling_a_suspended_member_lowers_the_active_count() {
    let mut f = Fixture::new();
    f.suspend(GOV, A, f.now + 10).unwrap();
    f.expel(GOV, A).unwrap();
    assert_eq!(f.state.active_count(), 2);
    assert_eq!(f.reinstate(GOV, A).err(), Some(RegistryError::NotSuspended));
}

#[test]
fn expel_refuses_non_members() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    assert_eq!(f.expel(GOV, STRANGER).err(), Some(RegistryError::NotMember));
    assert_eq!(f.expel(GOV, X).err(), Some(RegistryError::NotMember));
}

#[test]
fn the_expel_memo_is_the_prefix_and_the_members_first_bytes() {
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::try_from(i).unwrap();
    }
    let memo = expel_memo(AccountId::from(bytes));
    let memo: &[u8] = memo.as_ref();
    assert_eq!(&memo[..5], b"EXPEL");
    assert_eq!(&memo[5..], &bytes[..27]);
}

// ----- governance-only messages ----------------------------------------------------------

#[test]
fn every_governance_message_refuses_strangers_members_candidates_and_expelled_members() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.admit(Y);
    f.expel(GOV, Y).unwrap();
    f.suspend(GOV, C, f.now + 100).unwrap();
    assert!(f.state.treasury() > 0);
    let new_params = RegistryParams {
        vouches_required: 1,
        ..params()
    };
    for caller in [STRANGER, A, X, Y] {
        let refusals = [
            f.suspend(caller, B, f.now + 1),
            f.reinstate(caller, C),
            f.expel(caller, B),
            f.call(caller, 0, |s, c| s.set_params(c, new_params)),
            f.call(caller, 0, |s, c| {
                s.set_code_hashes(c, Hash::from([1; 32]), Hash::from([2; 32]))
            }),
            f.call(caller, 0, |s, c| s.withdraw_treasury(c, account(caller), 1)),
            f.call(caller, 0, |s, c| s.open_case(c, account(B))),
            f.call(caller, 0, |s, c| s.close_case(c, account(B))),
        ];
        for refusal in refusals {
            assert_eq!(refusal.err(), Some(RegistryError::NotGovernance));
        }
        assert_eq!(
            f.state.ensure_governance(account(caller)),
            Err(RegistryError::NotGovernance)
        );
    }
    assert_eq!(f.state.ensure_governance(account(GOV)), Ok(()));
}

#[test]
fn governance_sets_params_and_refuses_invalid_ones() {
    let mut f = Fixture::new();
    let new_params = RegistryParams {
        application_bond: 7,
        vouches_required: 5,
        ..params()
    };
    let outcome = f.call(GOV, 0, |s, c| s.set_params(c, new_params)).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::ParamsChanged(ParamsChanged {
            params: new_params
        })]
    );
    assert_eq!(f.state.params(), new_params);
    let invalid = RegistryParams {
        vouches_required: 0,
        ..params()
    };
    assert_eq!(
        f.call(GOV, 0, |s, c| s.set_params(c, invalid)).err(),
        Some(RegistryError::InvalidParams)
    );
}

#[test]
fn a_bond_change_never_touches_bonds_already_paid() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.call(GOV, 0, |s, c| {
        s.set_params(
            c,
            RegistryParams {
                application_bond: 5,
                vouch_bond: 3,
                ..params()
            },
        )
    })
    .unwrap();
    f.vouch(B, X).unwrap();
    assert_eq!(f.state.member(account(X)).unwrap().bond, APPLICATION_BOND);
    assert_eq!(f.state.voucher_of(account(X), 0).unwrap().bond, VOUCH_BOND);
    assert_eq!(f.state.voucher_of(account(X), 1).unwrap().bond, 3);
    f.expel(GOV, X).unwrap();
    assert_eq!(f.state.treasury(), APPLICATION_BOND + VOUCH_BOND + 3);
}

#[test]
fn governance_sets_code_hashes() {
    let mut f = Fixture::new();
    let (t, s) = (Hash::from([1; 32]), Hash::from([2; 32]));
    let outcome = f.call(GOV, 0, |st, c| st.set_code_hashes(c, t, s)).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CodeHashesChanged(CodeHashesChanged {
            token_code_hash: t,
            splitter_code_hash: s,
        })]
    );
    assert_eq!(
        f.state.code_hashes(),
        CodeHashes {
            token: t,
            splitter: s
        }
    );
}

#[test]
fn governance_spends_the_treasury_and_no_more() {
    let mut f = Fixture::new();
    f.admit(X);
    f.expel(GOV, X).unwrap();
    let treasury = f.state.treasury();
    assert_eq!(
        f.call(GOV, 0, |s, c| s.withdraw_treasury(
            c,
            account(STRANGER),
            treasury + 1
        ))
        .err(),
        Some(RegistryError::InsufficientTreasury)
    );
    let outcome = f
        .call(GOV, 0, |s, c| {
            s.withdraw_treasury(c, account(STRANGER), 300)
        })
        .unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::TreasuryWithdrawn(TreasuryWithdrawn {
            to: account(STRANGER),
            amount: 300,
        })]
    );
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(STRANGER),
            amount: 300,
        }]
    );
    assert_eq!(f.state.treasury(), treasury - 300);
    // Withdrawing zero is a no-op payment.
    let outcome = f
        .call(GOV, 0, |s, c| s.withdraw_treasury(c, account(STRANGER), 0))
        .unwrap();
    assert!(outcome.interactions.is_empty());
}

// ----- token factory records -------------------------------------------------------------

#[test]
fn a_launched_token_is_recorded_once_per_member() {
    let mut f = Fixture::new();
    let outcome = f.launch(A).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::TokenLaunched(TokenLaunched {
            member: account(A),
            token: token(A),
            splitter: splitter(A),
        })]
    );
    assert_eq!(f.state.token_of(account(A)), Some(token(A)));
    assert_eq!(f.state.splitter_of(account(A)), Some(splitter(A)));
    assert_eq!(f.state.issuer_of(token(A)), Some(account(A)));
    assert_eq!(f.state.issuer_of(token(B)), None);
    assert_eq!(f.launch(A).err(), Some(RegistryError::AlreadyHasToken));
    assert_eq!(
        f.state.check_launch(f.ctx(A, 0)).err(),
        Some(RegistryError::AlreadyHasToken)
    );
}

#[test]
fn only_active_members_launch_tokens() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.suspend(GOV, B, f.now + 10).unwrap();
    f.resign(C).unwrap();
    for who in [STRANGER, X, B, C] {
        assert_eq!(f.launch(who).err(), Some(RegistryError::NotActiveMember));
        assert_eq!(
            f.call(who, 0, |s, c| s.record_token(c, token(who), splitter(who)))
                .err(),
            Some(RegistryError::NotActiveMember)
        );
    }
    f.expel(GOV, A).unwrap();
    assert_eq!(f.launch(A).err(), Some(RegistryError::NotActiveMember));
}

// ----- queries ---------------------------------------------------------------------------

#[test]
fn members_are_listed_in_pages_of_at_most_fifty() {
    let genesis: Vec<u8> = (1..=32).collect();
    let f = Fixture::with(&genesis, params());
    assert_eq!(
        f.state.members(0, 51).err(),
        Some(RegistryError::PageTooLarge)
    );
    assert_eq!(f.state.members(0, 50).unwrap().len(), 32);
    let page = f.state.members(30, 5).unwrap();
    assert_eq!(
        page.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
        vec![account(31), account(32)]
    );
    assert!(f.state.members(32, 5).unwrap().is_empty());
    assert!(f.state.members(u32::MAX, 50).unwrap().is_empty());
    assert!(f.state.members(0, 0).unwrap().is_empty());
}

#[test]
fn queries_about_unknown_accounts_answer_none() {
    let f = Fixture::new();
    let nobody = account(STRANGER);
    assert!(!f.state.is_active(nobody, f.now));
    assert_eq!(f.state.member(nobody), None);
    assert_eq!(f.state.application(nobody), None);
    assert_eq!(f.state.token_of(nobody), None);
    assert_eq!(f.state.splitter_of(nobody), None);
    assert_eq!(f.state.voucher_of(nobody, 0), None);
    assert_eq!(f.state.voucher_of(account(A), 0), None);
    assert_eq!(f.state.vouch_banned_until(nobody), 0);
    assert!(!f.state.has_vouched_for(nobody, account(A)));
}

// ----- property: money and counters ------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Apply(u8),
        /// Apply, then vouches by each genesis member until admitted (refusals ignored).
        Admit(u8),
        Vouch(u8, u8),
        Withdraw(u8),
        Release(u8, u8),
        Resign(u8),
        Complete(u8),
        Suspend(u8, Timestamp),
        Reinstate(u8),
        Expel(u8),
        Launch(u8),
        OpenCase(u8),
        CloseCase(u8),
        SetBonds(Balance, Balance),
        SpendTreasury(Balance),
        Advance(Timestamp),
    }

    fn anyone() -> impl Strategy<Value = u8> {
        prop::sample::select(vec![A, B, C, X, Y, Z, W, 14, 15, 16])
    }

    fn applicant() -> impl Strategy<Value = u8> {
        prop::sample::select(vec![X, Y, Z, W, 14, 15, 16])
    }

    /// Mostly the genesis members, who can vouch from the start.
    fn voucher() -> impl Strategy<Value = u8> {
        prop_oneof![3 => prop::sample::select(vec![A, B, C]), 1 => anyone()]
    }

    /// Mostly admitted applicants, sometimes a genesis member.
    fn target() -> impl Strategy<Value = u8> {
        prop_oneof![4 => applicant(), 1 => anyone()]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => applicant().prop_map(Op::Apply),
            8 => (voucher(), applicant()).prop_map(|(v, c)| Op::Vouch(v, c)),
            1 => applicant().prop_map(Op::Withdraw),
            3 => (voucher(), applicant()).prop_map(|(v, s)| Op::Release(v, s)),
            3 => applicant().prop_map(Op::Admit),
            1 => target().prop_map(Op::Resign),
            1 => target().prop_map(Op::Complete),
            1 => (target(), 1..100_000u64).prop_map(|(m, d)| Op::Suspend(m, d)),
            1 => target().prop_map(Op::Reinstate),
            2 => applicant().prop_map(Op::Expel),
            2 => applicant().prop_map(Op::Launch),
            1 => target().prop_map(Op::OpenCase),
            1 => target().prop_map(Op::CloseCase),
            1 => (0..2_000u128, 0..300u128).prop_map(|(a, v)| Op::SetBonds(a, v)),
            1 => (0..1_500u128).prop_map(Op::SpendTreasury),
            4 => prop_oneof![2 => 0..6_000u64, 1 => 0..60_000u64].prop_map(Op::Advance),
        ]
    }

    fn run(f: &mut Fixture, op: Op) {
        // Each call checks "refusal changes nothing" and the money invariants itself.
        let _ = match op {
            Op::Apply(a) => f.apply(a),
            Op::Admit(a) => {
                let _ = f.apply(a);
                let mut result = Err(RegistryError::NotCandidate);
                for voucher in [A, B, C] {
                    if f.state.application(account(a)).is_some() {
                        result = f.vouch(voucher, a);
                    }
                }
                result
            }
            Op::Vouch(v, c) => f.vouch(v, c),
            Op::Withdraw(a) => f.withdraw(a),
            Op::Release(v, s) => f.release(v, s),
            Op::Resign(a) => f.resign(a),
            Op::Complete(a) => f.complete(a),
            Op::Suspend(m, d) => f.suspend(GOV, m, f.now + d),
            Op::Reinstate(m) => f.reinstate(GOV, m),
            Op::Expel(m) => f.expel(GOV, m),
            Op::Launch(m) => {
                // Half the tokens have holders.
                let outstanding = if m % 2 == 0 { 0 } else { 1_000 };
                f.holders.0.insert(splitter(m), outstanding);
                f.launch(m)
            }
            Op::OpenCase(m) => f.call(GOV, 0, |s, c| s.open_case(c, account(m))),
            Op::CloseCase(m) => f.call(GOV, 0, |s, c| s.close_case(c, account(m))),
            Op::SetBonds(application_bond, vouch_bond) => f.call(GOV, 0, |s, c| {
                s.set_params(
                    c,
                    RegistryParams {
                        application_bond,
                        vouch_bond,
                        ..params()
                    },
                )
            }),
            Op::SpendTreasury(amount) => f.call(GOV, 0, |s, c| {
                s.withdraw_treasury(c, account(STRANGER), amount)
            }),
            Op::Advance(ms) => {
                f.advance(ms);
                Ok(Outcome::default())
            }
        };
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

        #[test]
        fn bonds_treasury_and_counts_stay_exact(ops in prop::collection::vec(op(), 1..60)) {
            ink::env::test::run_test::<Env, _>(|_| {
                let mut f = Fixture::new();
                for op in ops {
                    run(&mut f, op);
                }
                // Draining: once every case is closed, every bond can come back out, so the
                // balance ends at the treasury.
                f.advance(10 * (WINDOW + LOCK + RESIGNATION));
                for subject in UNIVERSE {
                    while f.call(GOV, 0, |s, c| s.close_case(c, account(subject))).is_ok() {}
                    let left = f.state.member(account(subject)).map_or(0, |m| m.open_cases);
                    assert_eq!(left, 0);
                }
                for subject in UNIVERSE {
                    let _ = f.withdraw(subject);
                    for voucher in UNIVERSE {
                        let _ = f.release(voucher, subject);
                    }
                }
                let expected_held: Balance = UNIVERSE
                    .iter()
                    .filter_map(|n| f.state.member(account(*n)))
                    .map(|info| info.bond)
                    .sum();
                assert_eq!(f.state.bonds_held(), expected_held);
                Ok(())
            })
            .unwrap();
        }
    }
}

// ----- the contract glue on the off-chain engine ------------------------------------------

/// The roster of the off-chain glue tests (the engine has no other contracts): the writes the
/// glue makes, applied to an in-memory roster that the tests compare with the registry.
pub(crate) mod roster_double {
    use super::RosterModel;
    use interfaces::{AccountId, Hash, RegistryError, RosterChange};
    use std::cell::RefCell;

    /// The address the double answers to.
    fn roster() -> AccountId {
        AccountId::from([0xAA; 32])
    }

    thread_local! {
        /// The writes the glue made, kept by the unit tests' independent roster model.
        static DOUBLE: RefCell<RosterModel> = RefCell::new(RosterModel::default());
    }

    pub fn instantiate(
        _code_hash: Hash,
        changes: Vec<RosterChange>,
    ) -> Result<AccountId, RegistryError> {
        DOUBLE.with(|double| {
            let mut model = RosterModel::default();
            model.apply(&changes);
            *double.borrow_mut() = model;
        });
        Ok(roster())
    }

    pub fn apply(roster: AccountId, changes: Vec<RosterChange>) -> Result<(), RegistryError> {
        assert_eq!(roster, self::roster(), "the glue writes its own roster");
        DOUBLE.with(|double| double.borrow_mut().apply(&changes));
        Ok(())
    }

    /// Whether the double says `account` is active at `now`.
    pub fn is_active(account: AccountId, now: u64) -> bool {
        DOUBLE.with(|double| double.borrow().is_active(account, now))
    }
}

mod contract {
    use super::roster_double;
    use super::*;
    use crate::registry::Registry;
    use ink::env::test;
    use interfaces::{MemberEnforcement, MemberRegistry};

    const FUNDS: Balance = 1_000_000;

    pub(super) fn set_caller(who: u8) {
        test::set_caller::<Env>(account(who));
        test::set_value_transferred::<Env>(0);
    }

    fn balance_of(who: AccountId) -> Balance {
        test::get_account_balance::<Env>(who).unwrap_or_default()
    }

    fn contract_balance() -> Balance {
        balance_of(account(CONTRACT))
    }

    pub(super) fn event_count() -> usize {
        test::recorded_events().count()
    }

    pub(super) fn deploy() -> Registry {
        test::set_callee::<Env>(account(CONTRACT));
        test::set_account_balance::<Env>(account(CONTRACT), 0);
        for n in UNIVERSE {
            test::set_account_balance::<Env>(account(n), FUNDS);
        }
        test::set_block_timestamp::<Env>(T0);
        set_caller(STRANGER);
        Registry::new(
            vec![account(A), account(B), account(C)],
            account(GOV),
            params(),
            floors(),
            hashes().token,
            hashes().splitter,
            Hash::from([9; 32]),
        )
        .expect("deploy")
    }

    /// Calls a payable message from `who`, moving `value` from him to the contract first.
    fn paying<T>(who: u8, value: Balance, call: impl FnOnce() -> T) -> T {
        set_caller(who);
        test::transfer_in::<Env>(value);
        let result = call();
        test::set_value_transferred::<Env>(0);
        result
    }

    fn assert_covered(registry: &Registry) {
        assert_eq!(
            contract_balance(),
            registry.bonds_held() + registry.treasury(),
            "the balance does not equal bonds_held + treasury"
        );
    }

    #[test]
    fn constructor_emits_one_admission_per_genesis_member_and_refuses_bad_input() {
        test::run_test::<Env, _>(|_| {
            let registry = deploy();
            assert_eq!(event_count(), 3);
            assert_eq!(registry.member_count(), 3);
            assert_eq!(registry.active_count(), 3);
            assert_eq!(registry.governance(), account(GOV));
            assert_eq!(registry.params(), params());
            assert_eq!(registry.code_hashes(), hashes());
            let refused = Registry::new(
                Vec::new(),
                account(GOV),
                params(),
                floors(),
                hashes().token,
                hashes().splitter,
                Hash::from([9; 32]),
            );
            assert_eq!(refused.err(), Some(RegistryError::NoGenesisMembers));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn bonds_flow_in_and_out_through_native_transfers() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            // X applies and is admitted by A and B.
            paying(X, APPLICATION_BOND, || registry.apply(profile(X))).unwrap();
            assert_eq!(balance_of(account(X)), FUNDS - APPLICATION_BOND);
            assert_eq!(
                registry.candidate(account(X)).unwrap().bond,
                APPLICATION_BOND
            );
            assert_eq!(registry.vouching_deadline(account(X)), Some(T0 + WINDOW));
            assert_covered(&registry);
            paying(A, VOUCH_BOND, || registry.vouch(account(X))).unwrap();
            let before = event_count();
            paying(B, VOUCH_BOND, || registry.vouch(account(X))).unwrap();
            assert_eq!(event_count(), before + 2, "Vouched and MemberAdmitted");
            assert!(registry.is_active(account(X)));
            assert!(
                roster_double::is_active(account(X), T0),
                "the roster admitted him"
            );
            assert!(registry.has_vouched_for(account(A), account(X)));
            assert_eq!(
                registry.voucher_of(account(X), 1).unwrap().voucher,
                account(B)
            );
            assert_eq!(registry.members(3, 1).unwrap()[0].0, account(X));
            assert_covered(&registry);
            // Y applies and withdraws: refunded.
            paying(Y, APPLICATION_BOND, || registry.apply(profile(Y))).unwrap();
            set_caller(Y);
            registry.withdraw_application().unwrap();
            assert_eq!(balance_of(account(Y)), FUNDS);
            assert_covered(&registry);
            // After the lock period A releases his vouch.
            test::set_block_timestamp::<Env>(T0 + LOCK);
            set_caller(A);
            registry.release_vouch(account(X)).unwrap();
            assert_eq!(balance_of(account(A)), FUNDS);
            assert_covered(&registry);
            // X resigns and completes: his bond comes back.
            set_caller(X);
            registry.resign().unwrap();
            assert!(!registry.is_active(account(X)));
            assert!(
                !roster_double::is_active(account(X), T0 + LOCK),
                "the roster removed him"
            );
            assert_eq!(registry.active_count(), 3);
            test::set_block_timestamp::<Env>(T0 + LOCK + RESIGNATION);
            registry.complete_resignation().unwrap();
            assert_eq!(balance_of(account(X)), FUNDS);
            set_caller(B);
            registry.release_vouch(account(X)).unwrap();
            assert_eq!(balance_of(account(B)), FUNDS);
            assert_eq!(registry.bonds_held(), 0);
            assert_covered(&registry);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_wrong_bond_is_refused_by_the_message() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            let result = paying(X, APPLICATION_BOND - 1, || registry.apply(profile(X)));
            assert_eq!(
                result,
                Err(RegistryError::WrongBond {
                    expected: APPLICATION_BOND,
                    received: APPLICATION_BOND - 1,
                })
            );
            assert_eq!(registry.candidate(account(X)), None);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn expelling_a_tokenless_member_fills_the_treasury_that_governance_spends() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            paying(X, APPLICATION_BOND, || registry.apply(profile(X))).unwrap();
            paying(A, VOUCH_BOND, || registry.vouch(account(X))).unwrap();
            paying(B, VOUCH_BOND, || registry.vouch(account(X))).unwrap();
            set_caller(GOV);
            let before = event_count();
            registry.expel(account(X)).unwrap();
            assert!(!roster_double::is_active(account(X), T0));
            assert_eq!(
                event_count(),
                before + 3,
                "MemberExpelled and two VoucherPenalised"
            );
            let slashed = APPLICATION_BOND + 2 * VOUCH_BOND;
            assert_eq!(registry.treasury(), slashed);
            assert_eq!(registry.bonds_held(), 0);
            assert_eq!(
                registry.member(account(X)).unwrap().status,
                MemberStatus::Expelled
            );
            assert_eq!(registry.vouch_banned_until(account(A)), T0 + COOLDOWN);
            assert_covered(&registry);
            registry.withdraw_treasury(account(Z), slashed).unwrap();
            assert_eq!(balance_of(account(Z)), FUNDS + slashed);
            assert_eq!(registry.treasury(), 0);
            assert_covered(&registry);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn governance_messages_refuse_everyone_else() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            paying(X, APPLICATION_BOND, || registry.apply(profile(X))).unwrap();
            set_caller(GOV);
            registry.expel(account(C)).unwrap();
            let before = event_count();
            for who in [STRANGER, A, X, C] {
                set_caller(who);
                let refusals = [
                    registry.suspend(account(B), T0 + 1),
                    registry.reinstate(account(B)),
                    registry.expel(account(B)),
                    registry.set_params(params()),
                    registry.set_code_hashes(Hash::from([1; 32]), Hash::from([2; 32])),
                    registry.set_code(Hash::from([3; 32])),
                    registry.withdraw_treasury(account(who), 0),
                ];
                for refusal in refusals {
                    assert_eq!(refusal, Err(RegistryError::NotGovernance));
                }
            }
            assert_eq!(event_count(), before);
            assert_eq!(registry.code_hashes(), hashes());
            assert!(registry.is_active(account(B)));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn governance_configures_suspends_and_reinstates_through_the_messages() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            set_caller(GOV);
            let new_params = RegistryParams {
                vouches_required: 1,
                ..params()
            };
            registry.set_params(new_params).unwrap();
            assert_eq!(registry.params(), new_params);
            registry
                .set_code_hashes(Hash::from([1; 32]), Hash::from([2; 32]))
                .unwrap();
            assert_eq!(registry.code_hashes().token, Hash::from([1; 32]));
            registry.suspend(account(B), T0 + 10).unwrap();
            assert!(!registry.is_active(account(B)));
            assert!(!roster_double::is_active(account(B), T0));
            assert!(
                roster_double::is_active(account(B), T0 + 10),
                "it lapses at its end"
            );
            assert_eq!(registry.active_count(), 3);
            registry.reinstate(account(B)).unwrap();
            assert!(registry.is_active(account(B)));
            assert!(roster_double::is_active(account(B), T0));
            assert_eq!(event_count(), 3 + 4);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn launching_a_token_is_refused_before_any_instantiation() {
        test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            set_caller(STRANGER);
            let refused = registry.launch_token(
                "Bob".into(),
                "BOB".into(),
                12,
                1_000,
                Hash::default(),
                60_000,
                false,
            );
            assert_eq!(refused, Err(RegistryError::NotActiveMember));
            assert_eq!(registry.token_of(account(STRANGER)), None);
            assert_eq!(registry.issuer_of(account(STRANGER)), None);
            assert_eq!(registry.splitter_of(account(STRANGER)), None);
            Ok(())
        })
        .unwrap();
    }
}
