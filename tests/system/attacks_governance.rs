//! Issue 13's attacks on governance, performed step by step through the real contracts: sybil
//! admission, proposals that bypass disputes or hold every purse, parameters that remove every
//! delay, and proposals that never expire. Each test's head says which step succeeded before
//! the fix; the test shows that it now fails.

use governance::params::GovernanceParams;
use governance::types::{DisputeKind, ProposalState, Remedy};
use ink::scale::Encode;
use interfaces::{GovernanceError, MemberRegistry, RegistryError};
use registry::types::RegistryParams;
use system_tests::*;

/// Alice proposes `(target, selector, input)`.
fn propose(
    world: &mut World,
    target: AccountId,
    selector: [u8; 4],
    input: Vec<u8>,
) -> Result<u64, GovernanceError> {
    let alice = world.cast.alice;
    world.send(
        alice,
        world.governance().propose(target, selector, input, 0),
        0,
    )
}

/// The world with the recommended floors of a live network (the plan's `testnet` defaults).
fn live_world() -> World {
    let cast = deploy::demo::Cast::new();
    World::with_config(deploy::config::builtin("testnet", cast.founders()))
}

/// Before: with `vouches_required = 2`, Alice and Bob admitted all eight sybils in one block
/// (no per-voucher bound), and each was active and counted at once. Now each of them gives at
/// most `max_vouches_per_period` (3) vouches per period: the fourth admission is refused.
#[test]
fn attack_sybils_admitted_in_one_block_by_two_vouchers() {
    let mut world = World::new();
    let c = world.cast;
    let params = world.config.registry;
    let before = world.ask(world.registry().active_count());
    let mut admitted = 0;
    for i in 0..8u8 {
        let sybil = world.account(40 + i);
        world.ok(
            sybil,
            world.registry().apply(Hash::from([0x51; 32])),
            params.application_bond,
        );
        let first = world.send(c.alice, world.registry().vouch(sybil), params.vouch_bond);
        let second = world.send(c.bob, world.registry().vouch(sybil), params.vouch_bond);
        if first.is_ok() && second.is_ok() {
            admitted += 1;
            assert!(world.ask(world.registry().is_active(sybil)));
        } else {
            assert_eq!(
                first.err(),
                Some(RegistryError::VouchLimitReached),
                "sybil {i}"
            );
            assert!(!world.ask(world.registry().is_active(sybil)));
        }
    }
    assert_eq!(admitted, params.max_vouches_per_period);
    assert_eq!(
        world.ask(world.registry().active_count()),
        before + params.max_vouches_per_period
    );
    // An admitted sybil cannot vouch for the next one before his tenure is served.
    let first_sybil = world.account(40);
    let next = world.account(48);
    world.ok(
        next,
        world.registry().apply(Hash::from([0x52; 32])),
        params.application_bond,
    );
    assert_eq!(
        world.refused(first_sybil, world.registry().vouch(next), params.vouch_bond),
        RegistryError::TenureNotServed
    );
}

/// Before: members admitted after a proposal was made voted on it (only the member count was
/// snapshotted), so sybils admitted during the vote out-voted the founders. Now only members
/// whose rights began before the proposal vote on it, even once their tenure is served.
#[test]
fn attack_members_admitted_after_a_proposal_vote_on_it() {
    // A tenure shorter than the voting period, so that the newcomers' tenure ends while the
    // vote is still open: what refuses them is the proposal's creation, not their tenure.
    let mut world =
        World::with_tenure(deploy::config::governance_params().proposal_voting_period / 4);
    let c = world.cast;
    let mut lower = world.config.registry;
    lower.vouches_required = 1;
    let registry = world.suite.registry;
    let id = propose(
        &mut world,
        registry,
        ink::selector_bytes!("set_params"),
        lower.encode(),
    )
    .expect("propose");
    for voter in [c.charlie, c.dave, c.eve, c.ferdie] {
        world.ok(voter, world.governance().vote(id, false), 0);
    }
    world.admit(c.carol, &[c.alice, c.bob]);
    world.admit(c.mallory, &[c.alice, c.bob]);
    for sybil in [c.carol, c.mallory] {
        assert_eq!(
            world.refused(sybil, world.governance().vote(id, true), 0),
            GovernanceError::NoRightsYet
        );
    }
    // Their tenure is served while the vote is open; their rights still began after the
    // proposal was made.
    world.advance(world.config.registry.tenure);
    for sybil in [c.carol, c.mallory] {
        assert!(world
            .ask(world.registry().rights_since(sybil))
            .is_some_and(|t| t <= world.now()));
        assert_eq!(
            world.refused(sybil, world.governance().vote(id, true), 0),
            GovernanceError::NoRightsYet
        );
    }
}

/// Before: a member admitted after a dispute opened could judge it. Now a juror's rights must
/// have begun before the dispute opened.
#[test]
fn attack_members_admitted_after_a_dispute_judge_it() {
    // A tenure shorter than the evidence period: Carol's tenure is served when the commit
    // phase opens, and what refuses her is the dispute's opening, not her tenure.
    let mut world = World::with_tenure(deploy::config::governance_params().evidence_period / 2);
    let c = world.cast;
    world.admit(c.mallory, &[c.charlie, c.eve]);
    let bond = world.config.governance.dispute_bond;
    let id = world.ok(
        c.dave,
        world.governance().open_dispute(
            c.mallory,
            DisputeKind::Other,
            Hash::from([6; 32]),
            Remedy::Expel,
        ),
        bond,
    );
    world.admit(c.carol, &[c.alice, c.bob]);
    world.advance(world.config.governance.evidence_period);
    assert!(world
        .ask(world.registry().rights_since(c.carol))
        .is_some_and(|t| t <= world.now()));
    let commitment = governance::disputes::vote_commitment(id, 1, c.carol, false, [7; 32]);
    assert_eq!(
        world.refused(
            c.carol,
            world.governance().commit_vote(id, commitment),
            world.config.governance.juror_deposit
        ),
        GovernanceError::NoRightsYet
    );
}

/// Before: a proposal called `MemberEnforcement::expel`, `suspend` or `reinstate` on anyone
/// (no evidence, no commit-reveal, no conflict rules), `TokenRemedies::recover(victim,
/// attacker)` to take a holder's tokens and unclaimed payouts, or `freeze` / `unfreeze`. Now
/// `propose` refuses every one of them: they are reachable through dispute rulings only.
#[test]
fn attack_proposals_bypass_disputes() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.mallory, &[c.charlie, c.eve]);
    let mal = world.launch(c.mallory);
    world.buy_in_offering(mal, c.mallory, c.dave, SUPPLY / 10, 1);
    let attacker = world.account(99);
    let registry = world.suite.registry;
    let forbidden: Vec<(AccountId, [u8; 4], Vec<u8>)> = vec![
        (
            registry,
            ink::selector_bytes!("MemberEnforcement::expel"),
            c.mallory.encode(),
        ),
        (
            registry,
            ink::selector_bytes!("MemberEnforcement::suspend"),
            (c.mallory, u64::MAX).encode(),
        ),
        (
            registry,
            ink::selector_bytes!("MemberEnforcement::reinstate"),
            c.mallory.encode(),
        ),
        (
            mal.token,
            ink::selector_bytes!("TokenRemedies::recover"),
            (c.dave, attacker).encode(),
        ),
        (
            mal.token,
            ink::selector_bytes!("TokenRemedies::freeze"),
            Vec::new(),
        ),
        (
            mal.token,
            ink::selector_bytes!("TokenRemedies::unfreeze"),
            Vec::new(),
        ),
        // Splitters are not upgradeable, and no contract outside the protocol is callable.
        (
            mal.splitter,
            ink::selector_bytes!("set_code"),
            Hash::from([1; 32]).encode(),
        ),
        (
            attacker,
            ink::selector_bytes!("set_code"),
            Hash::from([1; 32]).encode(),
        ),
    ];
    for (target, selector, input) in forbidden {
        let before = world.state_root();
        assert_eq!(
            propose(&mut world, target, selector, input),
            Err(GovernanceError::NotAllowlisted)
        );
        assert_eq!(world.state_root(), before);
    }
    assert_eq!(world.ask(world.governance().proposal_count()), 0);
    assert_eq!(world.token_balance(mal.token, c.dave), SUPPLY / 10);
}

/// Before: a simple majority upgraded a token after two days, with nobody able to stop it or
/// leave. Now an upgrade is constitutional: a majority short of the supermajority is
/// defeated, and a blocking minority's vetoes stop a passed one during its timelock.
#[test]
fn attack_a_majority_upgrades_a_token_nobody_can_stop() {
    let mut world = World::new();
    let c = world.cast;
    let bob = world.launch(c.bob);
    let upgrade = |world: &mut World| {
        propose(
            world,
            bob.token,
            ink::selector_bytes!("set_code"),
            Hash::from([0xee; 32]).encode(),
        )
        .expect("propose")
    };
    let gov = world.config.governance;
    // 3 of 5 (60 %) is a majority, not the 75 % supermajority.
    let id = upgrade(&mut world);
    assert_eq!(
        world
            .ask(world.governance().proposal(id))
            .unwrap()
            .threshold_bps,
        gov.upgrade_threshold_bps
    );
    for voter in [c.alice, c.charlie, c.dave] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    for voter in [c.eve, c.ferdie] {
        world.ok(voter, world.governance().vote(id, false), 0);
    }
    world.advance(gov.proposal_voting_period);
    assert_eq!(
        world.ask(world.governance().proposal_state(id)),
        Some(ProposalState::Defeated)
    );
    // Passed 4 to 0, then vetoed by two of the six founders (25 %) during the timelock.
    let id = upgrade(&mut world);
    for voter in [c.alice, c.charlie, c.dave, c.eve] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    world.advance(gov.proposal_voting_period);
    for member in [c.bob, c.ferdie] {
        world.ok(member, world.governance().veto(id), 0);
    }
    world.advance(gov.upgrade_timelock);
    assert_eq!(
        world.refused(c.alice, world.governance().execute(id), 0),
        GovernanceError::ProposalVetoed
    );
    // The proposer may also withdraw his own.
    let id = upgrade(&mut world);
    world.ok(c.alice, world.governance().cancel(id), 0);
    assert_eq!(
        world.ask(world.governance().proposal_state(id)),
        Some(ProposalState::Cancelled)
    );
}

/// Before: one proposal set a 1 ms voting period, no timelock and no quorum (and zero bonds
/// in the registry), after which governance was instant and membership free. Now, on a network
/// with the recommended floors, governance refuses such parameters at proposal time and the
/// registry refuses them at execution (the proposal's call fails and reverts).
#[test]
fn attack_parameters_remove_every_delay() {
    let mut world = live_world();
    let c = world.cast;
    let instant = GovernanceParams {
        proposal_voting_period: 1,
        timelock: 0,
        proposal_quorum_bps: 0,
        quorum_bps: 0,
        min_jurors: 1,
        dispute_bond: 0,
        appeal_bond: 1,
        evidence_period: 1,
        commit_period: 1,
        reveal_period: 1,
        appeal_period: 1,
        ..world.config.governance
    };
    let governance = world.suite.governance;
    assert_eq!(
        propose(
            &mut world,
            governance,
            ink::selector_bytes!("set_params"),
            instant.encode()
        ),
        Err(GovernanceError::InvalidParams)
    );
    let free = RegistryParams {
        application_bond: 0,
        vouch_bond: 0,
        vouch_lock_period: 0,
        voucher_cooldown: 0,
        resignation_cooldown: 0,
        tenure: 0,
        ..world.config.registry
    };
    let registry = world.suite.registry;
    let id = propose(
        &mut world,
        registry,
        ink::selector_bytes!("set_params"),
        free.encode(),
    )
    .expect("propose");
    for voter in [c.alice, c.bob, c.charlie, c.dave, c.eve, c.ferdie] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    let gov = world.config.governance;
    world.advance(gov.proposal_voting_period + gov.upgrade_timelock);
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::ProposalCallFailed
    );
    assert_eq!(world.ask(world.registry().params()), world.config.registry);
}

/// Before: a passed proposal whose call failed (here, an upgrade to code not yet uploaded)
/// stayed executable for ever, by whoever chose the moment. Now it expires at the end of its
/// grace period.
#[test]
fn attack_a_passed_proposal_executes_months_later() {
    let mut world = World::new();
    let c = world.cast;
    let bob = world.launch(c.bob);
    let id = propose(
        &mut world,
        bob.token,
        ink::selector_bytes!("set_code"),
        Hash::from([0xbb; 32]).encode(),
    )
    .expect("propose");
    for voter in [c.alice, c.charlie, c.dave, c.eve] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    let gov = world.config.governance;
    world.advance(gov.proposal_voting_period + gov.upgrade_timelock);
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::ProposalCallFailed
    );
    world.advance(365 * DAY);
    assert_eq!(
        world.ask(world.governance().proposal_state(id)),
        Some(ProposalState::Expired)
    );
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::ProposalExpired
    );
}
