//! Unit tests of the governance logic, run off-chain against a fake [`Chain`].
//!
//! Every test runs inside `ink::env::test::run_test` (fresh off-chain storage). Every refusal
//! is checked with [`refuse`], which also asserts that the whole visible state is unchanged.
//!
//! Test code may use plain arithmetic on small known values (the contract code may not).
#![allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use crate::params::{
    GovernanceParams, DEFAULT_THRESHOLD_BPS, MAX_QUORUM_BPS, MAX_THRESHOLD_BPS, MAX_VETO_BPS,
    MIN_SUPERMAJORITY_BPS,
};
use crate::state::GovernanceState;
use crate::types::{
    Chain, Ctx, Dispute, DisputeId, DisputeKind, JurorVote, Outcome, Proposal, Remedy, Round,
    APPEAL_ROUND, FIRST_ROUND, RERUN_ROUND,
};
use interfaces::{AccountId, Accusable, Balance, GovernanceError, Hash, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

mod capture_tests;
mod dispute_tests;
mod hardening_tests;
mod outcome_props;
mod proposal_tests;
mod setup_tests;

// ----- accounts ------------------------------------------------------------------------------

pub(crate) fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

/// The claimant in most disputes (an active member).
pub(crate) fn alice() -> AccountId {
    account(1)
}
/// The accused in most disputes: an active member and the issuer of [`bob_token`].
pub(crate) fn bob() -> AccountId {
    account(2)
}
/// The new account of a key recovery (not a member).
pub(crate) fn new_key() -> AccountId {
    account(3)
}
/// Bob's personal token.
/// The roster the glue tests' registry names.
pub(crate) fn roster() -> AccountId {
    account(223)
}

pub(crate) fn bob_token() -> AccountId {
    account(100)
}
/// Governance's own account.
pub(crate) fn this() -> AccountId {
    account(200)
}
/// The instantiator.
pub(crate) fn deployer() -> AccountId {
    account(201)
}
/// The registry.
pub(crate) fn registry() -> AccountId {
    account(202)
}
/// Not a member of anything.
pub(crate) fn stranger() -> AccountId {
    account(250)
}
/// Juror `n` (1 to 10): active members. Juror 9 vouched for Bob and juror 10 holds Bob's
/// token, so both are excluded from Bob's disputes.
pub(crate) fn juror(n: u8) -> AccountId {
    account(10u8.saturating_add(n))
}

/// Every account a test may touch (for state snapshots).
fn known_accounts() -> Vec<AccountId> {
    let mut accounts = vec![
        alice(),
        bob(),
        new_key(),
        bob_token(),
        this(),
        deployer(),
        registry(),
        stranger(),
    ];
    accounts.extend((1..=20).map(juror));
    accounts
}

/// The salt juror `who` uses.
pub(crate) fn salt_of(who: AccountId) -> [u8; 32] {
    let mut salt = [7u8; 32];
    let bytes: &[u8; 32] = who.as_ref();
    salt[..16].copy_from_slice(&bytes[..16]);
    salt
}

// ----- parameters ----------------------------------------------------------------------------

pub(crate) const T0: Timestamp = 10_000;
pub(crate) const PERIOD: Timestamp = 1_000;
pub(crate) const DISPUTE_BOND: Balance = 100;
pub(crate) const APPEAL_BOND: Balance = 250;
pub(crate) const JUROR_DEPOSIT: Balance = 10;
pub(crate) const VOTING_PERIOD: Timestamp = 5_000;
pub(crate) const TIMELOCK: Timestamp = 2_000;
pub(crate) const UPGRADE_TIMELOCK: Timestamp = 4_000;
pub(crate) const GRACE: Timestamp = 3_000;

/// Test parameters: bonds 100 / 250, juror deposit 10, every dispute period 1 000 ms, at least 3 jurors, 20 % /
/// 30 % quorums, the default threshold; proposals: 5 000 ms vote, 20 % quorum, strict
/// majority, 2 000 ms timelock.
pub(crate) fn test_params() -> GovernanceParams {
    GovernanceParams {
        dispute_bond: DISPUTE_BOND,
        appeal_bond: APPEAL_BOND,
        juror_deposit: JUROR_DEPOSIT,
        evidence_period: PERIOD,
        commit_period: PERIOD,
        reveal_period: PERIOD,
        appeal_period: PERIOD,
        min_jurors: 3,
        quorum_bps: 2_000,
        appeal_quorum_bps: 3_000,
        threshold_bps: DEFAULT_THRESHOLD_BPS,
        proposal_voting_period: VOTING_PERIOD,
        proposal_quorum_bps: 2_000,
        proposal_threshold_bps: 5_001,
        timelock: TIMELOCK,
        upgrade_threshold_bps: MIN_SUPERMAJORITY_BPS,
        upgrade_timelock: UPGRADE_TIMELOCK,
        grace_period: GRACE,
        veto_bps: 3_000,
    }
}

/// The floors the tests construct with: the smallest values the shape rules allow (and the
/// largest veto share).
pub(crate) fn test_floors() -> GovernanceParams {
    GovernanceParams::shape_floors()
}

// ----- the fake chain ------------------------------------------------------------------------

/// The registry and tokens as sets and maps.
#[derive(Debug, Clone, Default)]
pub(crate) struct FakeChain {
    /// Active members.
    pub active: BTreeSet<AccountId>,
    /// Members counted by `active_count` but not active (suspended).
    pub suspended: u32,
    /// (voucher, member) pairs.
    pub vouches: BTreeSet<(AccountId, AccountId)>,
    /// member -> token launched.
    pub tokens: BTreeMap<AccountId, AccountId>,
    /// (token, holder) -> balance.
    pub balances: BTreeMap<(AccountId, AccountId), Balance>,
    /// Members who are not active but can be accused (suspended, resigning), with what
    /// `accusable` says of them. Active members are accusable, with their vouches counted.
    pub accusable: BTreeMap<AccountId, Accusable>,
    /// When each member's rights began (absent: 0, from genesis).
    pub rights: BTreeMap<AccountId, Timestamp>,
    /// Every query fails with `CallFailed`.
    pub broken: bool,
}

impl FakeChain {
    fn check(&self) -> Result<(), GovernanceError> {
        if self.broken {
            Err(GovernanceError::CallFailed)
        } else {
            Ok(())
        }
    }
}

impl Chain for FakeChain {
    fn rights_since(&self, account: AccountId) -> Result<Option<Timestamp>, GovernanceError> {
        self.check()?;
        Ok(self
            .active
            .contains(&account)
            .then(|| self.rights.get(&account).copied().unwrap_or(0)))
    }

    fn active_count(&self) -> Result<u32, GovernanceError> {
        self.check()?;
        let active = u32::try_from(self.active.len()).map_err(|_| GovernanceError::CallFailed)?;
        Ok(active.saturating_add(self.suspended))
    }

    fn has_vouched_for(
        &self,
        voucher: AccountId,
        member: AccountId,
    ) -> Result<bool, GovernanceError> {
        self.check()?;
        Ok(self.vouches.contains(&(voucher, member)))
    }

    fn token_of(&self, member: AccountId) -> Result<Option<AccountId>, GovernanceError> {
        self.check()?;
        Ok(self.tokens.get(&member).copied())
    }

    fn issuer_of(&self, token: AccountId) -> Result<Option<AccountId>, GovernanceError> {
        self.check()?;
        Ok(self
            .tokens
            .iter()
            .find(|(_, launched)| **launched == token)
            .map(|(issuer, _)| *issuer))
    }

    fn accusable(&self, account: AccountId) -> Result<Option<Accusable>, GovernanceError> {
        self.check()?;
        if let Some(accusable) = self.accusable.get(&account) {
            return Ok(Some(*accusable));
        }
        if !self.active.contains(&account) {
            return Ok(None);
        }
        let vouchers = self
            .vouches
            .iter()
            .filter(|(_, member)| *member == account)
            .count();
        Ok(Some(Accusable {
            vouchers: u32::try_from(vouchers).map_err(|_| GovernanceError::CallFailed)?,
            counted_active: true,
        }))
    }

    fn balance_of(&self, token: AccountId, who: AccountId) -> Result<Balance, GovernanceError> {
        self.check()?;
        Ok(self
            .balances
            .get(&(token, who))
            .copied()
            .unwrap_or_default())
    }

    fn holder_count(&self, token: AccountId) -> Result<u32, GovernanceError> {
        self.check()?;
        let issuer = self.issuer_of(token)?;
        let holders = self
            .balances
            .iter()
            .filter(|((held, holder), amount)| {
                *held == token && Some(*holder) != issuer && **amount > 0
            })
            .count();
        u32::try_from(holders).map_err(|_| GovernanceError::CallFailed)
    }
}

// ----- the world -----------------------------------------------------------------------------

/// Governance state, the fake chain and the clock.
pub(crate) struct World {
    pub gov: GovernanceState,
    pub chain: FakeChain,
    pub now: Timestamp,
}

/// Everything a test can observe of the state, for "unchanged after Err" checks.
#[derive(Debug, PartialEq)]
pub(crate) struct Snapshot {
    params: GovernanceParams,
    registry: Option<AccountId>,
    wiring_authority: Option<AccountId>,
    bonds_held: Balance,
    dispute_count: DisputeId,
    proposal_count: u64,
    disputes: Vec<Option<Dispute>>,
    proposals: Vec<Option<Proposal>>,
    votes: Vec<Option<JurorVote>>,
    reward_claims: Vec<bool>,
    ballots: Vec<Option<bool>>,
    vetoes: Vec<bool>,
    upgrades: Vec<Option<crate::types::ProposalId>>,
}

impl World {
    /// Unwired governance with [`test_params`] and the standard community: Alice, Bob (issuer
    /// of his token, held by juror 10, vouched for by juror 9) and jurors 1 to 10, all active.
    pub fn unwired() -> World {
        let (gov, _) =
            GovernanceState::new(test_params(), test_floors(), deployer(), this()).expect("params");
        let mut chain = FakeChain::default();
        chain.active.insert(alice());
        chain.active.insert(bob());
        for n in 1..=10 {
            chain.active.insert(juror(n));
        }
        chain.tokens.insert(bob(), bob_token());
        chain.vouches.insert((juror(9), bob()));
        chain.balances.insert((bob_token(), juror(10)), 5);
        World {
            gov,
            chain,
            now: T0,
        }
    }

    /// [`World::unwired`], wired to the registry.
    pub fn new() -> World {
        let mut world = World::unwired();
        world.gov.wire(deployer(), registry()).expect("wire");
        world
    }

    pub fn ctx(&self, caller: AccountId) -> Ctx {
        self.paid(caller, 0)
    }

    pub fn paid(&self, caller: AccountId, transferred: Balance) -> Ctx {
        Ctx {
            caller,
            now: self.now,
            transferred,
        }
    }

    pub fn at(&mut self, now: Timestamp) -> &mut World {
        self.now = now;
        self
    }

    /// Alice accuses Bob of `kind` asking for `remedy`, paying the bond.
    pub fn accuse(
        &mut self,
        kind: DisputeKind,
        remedy: Remedy,
    ) -> Result<(DisputeId, Outcome), GovernanceError> {
        let ctx = self.paid(alice(), DISPUTE_BOND);
        self.gov
            .open_dispute(ctx, bob(), kind, Hash::from([9; 32]), remedy, &self.chain)
    }

    /// Alice accuses Bob of an undisclosed liquidation asking for his expulsion, at `T0`.
    pub fn open_expel(&mut self) -> DisputeId {
        self.now = T0;
        self.accuse(DisputeKind::UndisclosedLiquidation, Remedy::Expel)
            .expect("open")
            .0
    }

    pub fn commit(
        &mut self,
        id: DisputeId,
        round: Round,
        who: AccountId,
        vote: bool,
    ) -> Result<Outcome, GovernanceError> {
        let commitment = crate::disputes::vote_commitment(id, round, who, vote, salt_of(who));
        let deposit = self
            .gov
            .dispute(id)
            .map_or(JUROR_DEPOSIT, |dispute| dispute.juror_deposit);
        let ctx = self.paid(who, deposit);
        self.gov.commit_vote(ctx, id, commitment, &self.chain)
    }

    pub fn reveal(
        &mut self,
        id: DisputeId,
        who: AccountId,
        vote: bool,
    ) -> Result<Outcome, GovernanceError> {
        let ctx = self.ctx(who);
        self.gov.reveal_vote(ctx, id, vote, salt_of(who))
    }

    /// Jurors 1.. vote `votes` in round 1 of dispute `id` (opened at `T0`); the clock ends at
    /// the start of the appeal window.
    pub fn first_round(&mut self, id: DisputeId, votes: &[bool]) {
        self.vote_round(id, FIRST_ROUND, T0 + PERIOD, votes);
        self.now = T0 + 3 * PERIOD;
    }

    /// Jurors 1.. vote `votes` in `round`, committing at `commit_at` and revealing one period
    /// later.
    pub fn vote_round(
        &mut self,
        id: DisputeId,
        round: Round,
        commit_at: Timestamp,
        votes: &[bool],
    ) {
        self.now = commit_at;
        for (n, vote) in (1u8..).zip(votes) {
            self.commit(id, round, juror(n), *vote).expect("commit");
        }
        self.now = commit_at + PERIOD;
        for (n, vote) in (1u8..).zip(votes) {
            self.reveal(id, juror(n), *vote).expect("reveal");
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        let accounts = known_accounts();
        let disputes_seen = self.gov.dispute_count().saturating_add(1);
        let proposals_seen = self.gov.proposal_count().saturating_add(1);
        let mut votes = Vec::new();
        let mut reward_claims = Vec::new();
        for id in 0..disputes_seen {
            for round in [FIRST_ROUND, APPEAL_ROUND, RERUN_ROUND] {
                for who in &accounts {
                    votes.push(self.gov.vote_of(id, round, *who));
                }
            }
            for who in &accounts {
                reward_claims.push(self.gov.reward_claimed(id, *who));
            }
        }
        let mut ballots = Vec::new();
        let mut vetoes = Vec::new();
        for id in 0..proposals_seen {
            for who in &accounts {
                ballots.push(self.gov.ballot_of(id, *who));
                vetoes.push(self.gov.vetoes.contains((id, *who)));
            }
        }
        let upgrades = accounts
            .iter()
            .chain([this(), registry(), bob_token()].iter())
            .map(|contract| self.gov.upgrades.get(*contract))
            .collect();
        Snapshot {
            params: self.gov.params(),
            registry: self.gov.registry(),
            wiring_authority: self.gov.wiring_authority(),
            bonds_held: self.gov.bonds_held(),
            dispute_count: self.gov.dispute_count(),
            proposal_count: self.gov.proposal_count(),
            disputes: (0..disputes_seen).map(|id| self.gov.dispute(id)).collect(),
            proposals: (0..proposals_seen)
                .map(|id| self.gov.proposal(id))
                .collect(),
            votes,
            reward_claims,
            ballots,
            vetoes,
            upgrades,
        }
    }
}

/// Runs `test` on fresh off-chain storage.
pub(crate) fn env(test: impl FnOnce()) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        test();
        Ok(())
    })
    .expect("off-chain environment");
}

/// Asserts that `op` fails with `expected` and leaves the state unchanged.
pub(crate) fn refuse<T: std::fmt::Debug>(
    world: &mut World,
    expected: GovernanceError,
    op: impl FnOnce(&mut World) -> Result<T, GovernanceError>,
) {
    let before = world.snapshot();
    let result = op(world);
    assert_eq!(result.err(), Some(expected));
    assert_eq!(world.snapshot(), before, "state changed by a refused call");
}
