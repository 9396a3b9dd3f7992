//! Governance with the real registry, token and splitter: disputes to their on-chain effects,
//! appeals, key recovery, and proposals through their timelock.

use governance::types::{DisputeKind, Phase, ProposalState, Remedy, Ruling, FIRST_ROUND};
use ink::scale::Encode;
use interfaces::{GovernanceError, MemberRegistry, PayoutDistribution, TokenRemedies};
use registry::types::{MemberStatus, RegistryParams};
use system_tests::*;

/// Commits then reveals `votes` in the current round of `dispute`, starting in its commit
/// phase, and leaves the clock at the end of the reveal phase.
fn judge(world: &mut World, dispute: u64, round: u8, votes: &[(AccountId, bool)]) {
    let params = world.config.governance;
    for (juror, vote) in votes {
        let salt = salt_of(*juror);
        let commitment = governance::disputes::vote_commitment(dispute, round, *juror, *vote, salt);
        world.ok(
            *juror,
            world.governance().commit_vote(dispute, commitment),
            params.juror_deposit,
        );
    }
    world.advance(params.commit_period);
    for (juror, vote) in votes {
        let salt = salt_of(*juror);
        world.ok(
            *juror,
            world.governance().reveal_vote(dispute, *vote, salt),
            0,
        );
    }
    world.advance(params.reveal_period);
}

fn salt_of(juror: AccountId) -> [u8; 32] {
    let bytes: &[u8; 32] = juror.as_ref();
    [bytes[1]; 32]
}

/// Mallory, vouched in by Charlie and Eve, launched $MAL, and Dave holds 10% of it.
fn mallory_with_a_holder() -> (World, Launched) {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.mallory, &[c.charlie, c.eve]);
    let mal = world.launch(c.mallory);
    world.buy_in_offering(mal, c.mallory, c.dave, SUPPLY / 10, 1);
    (world, mal)
}

fn accuse(world: &mut World, claimant: AccountId, accused: AccountId) -> u64 {
    let bond = world.config.governance.dispute_bond;
    let dispute = world.ok(
        claimant,
        world.governance().open_dispute(
            accused,
            DisputeKind::UndisclosedLiquidation,
            Hash::from([0xe1; 32]),
            Remedy::Expel,
        ),
        bond,
    );
    world.advance(world.config.governance.evidence_period);
    dispute
}

#[test]
fn an_upheld_undisclosed_liquidation_dispute_expels_freezes_and_compensates() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    let dispute = accuse(&mut world, c.dave, c.mallory);
    // Conflicted jurors are refused: the accused, the claimant, his vouchers, his holders.
    for excluded in [c.mallory, c.dave, c.charlie, c.eve] {
        let commitment =
            governance::disputes::vote_commitment(dispute, FIRST_ROUND, excluded, false, [1; 32]);
        assert_eq!(
            world.refused(
                excluded,
                world.governance().commit_vote(dispute, commitment),
                world.config.governance.juror_deposit
            ),
            GovernanceError::JurorExcluded
        );
    }
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.alice, true), (c.bob, true), (c.ferdie, false)],
    );
    assert_eq!(
        world.ask(world.governance().phase(dispute)),
        Some(Phase::AppealWindow)
    );
    assert_eq!(
        world.refused(c.ferdie, world.governance().execute_ruling(dispute), 0),
        GovernanceError::NotFinal
    );
    world.advance(world.config.governance.appeal_period);
    let dave_before = world.balance(c.dave);
    world.ok(c.ferdie, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.balance(c.dave),
        dave_before + world.config.governance.dispute_bond,
        "the claimant's bond comes back"
    );
    let member = world.ask(world.registry().member(c.mallory)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
    assert!(world.ask(world.token(mal.token).is_frozen()));
    let params = world.config.registry;
    assert_eq!(
        world.claimable(mal.splitter, c.dave),
        params.application_bond + 2 * params.vouch_bond
    );
    // A ruling executes once.
    assert_eq!(
        world.refused(c.ferdie, world.governance().execute_ruling(dispute), 0),
        GovernanceError::AlreadyExecuted
    );
    assert_eq!(world.ask(world.governance().bonds_held()), 0);
}

#[test]
fn a_dismissed_dispute_pays_the_claimants_bond_to_the_accused() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    let dispute = accuse(&mut world, c.dave, c.mallory);
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.alice, false), (c.bob, false), (c.ferdie, true)],
    );
    world.advance(world.config.governance.appeal_period);
    assert_eq!(
        world.ask(world.governance().ruling(dispute)),
        Some(Ruling::Dismissed)
    );
    let mallory_before = world.balance(c.mallory);
    world.ok(c.alice, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.balance(c.mallory),
        mallory_before + world.config.governance.dispute_bond
    );
    assert!(world.ask(world.registry().is_active(c.mallory)));
    assert!(!world.ask(world.token(mal.token).is_frozen()));
}

#[test]
fn too_few_jurors_dismiss_with_every_bond_returned() {
    let (mut world, _) = mallory_with_a_holder();
    let c = world.cast;
    let dispute = accuse(&mut world, c.dave, c.mallory);
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.alice, true), (c.bob, true)],
    );
    assert_eq!(
        world.ask(world.governance().phase(dispute)),
        Some(Phase::Final)
    );
    assert_eq!(
        world.ask(world.governance().ruling(dispute)),
        Some(Ruling::NoQuorum)
    );
    let dave_before = world.balance(c.dave);
    world.ok(c.alice, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.balance(c.dave),
        dave_before + world.config.governance.dispute_bond
    );
    assert!(world.ask(world.registry().is_active(c.mallory)));
}

#[test]
fn the_convicted_appeals_and_a_larger_second_round_decides() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    // More members so that the appeal round (at least 7 jurors) can reach its quorum.
    let extra: Vec<AccountId> = (0..6).map(|n| world.account(n)).collect();
    world.admit_crowd(&extra);
    world.serve_tenure();
    let dispute = accuse(&mut world, c.dave, c.mallory);
    // 13 active members: round 1 needs max(3, 30%) = 4 jurors, round 2 max(7, 50%) = 7.
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[
            (c.alice, true),
            (c.bob, true),
            (c.ferdie, true),
            (extra[0], true),
        ],
    );
    let appeal_bond = world.config.governance.appeal_bond;
    assert_eq!(
        world.refused(c.dave, world.governance().appeal(dispute), appeal_bond),
        GovernanceError::AppealNotAllowed,
        "only the losing side appeals"
    );
    world.ok(c.mallory, world.governance().appeal(dispute), appeal_bond);
    let mut votes: Vec<(AccountId, bool)> = extra.iter().map(|m| (*m, false)).collect();
    votes.push((c.alice, true));
    judge(&mut world, dispute, governance::types::APPEAL_ROUND, &votes);
    assert_eq!(
        world.ask(world.governance().ruling(dispute)),
        Some(Ruling::Dismissed)
    );
    let mallory_before = world.balance(c.mallory);
    world.ok(c.alice, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.balance(c.mallory),
        mallory_before + appeal_bond + world.config.governance.dispute_bond,
        "the accused gets his appeal bond back and the claimant's bond"
    );
    assert!(!world.ask(world.token(mal.token).is_frozen()));
}

#[test]
fn a_recovery_ruling_moves_a_lost_keys_balance_and_payouts() {
    let mut world = World::new();
    let c = world.cast;
    let bob_token = world.launch(c.bob);
    world.buy_in_offering(bob_token, c.bob, c.alice, SUPPLY / 100, 1);
    world.ok(
        c.dave,
        world
            .splitter(bob_token.splitter)
            .distribute(Hash::from([2; 32])),
        1_000 * UNIT,
    );
    let new_alice = world.account(42);
    let bond = world.config.governance.dispute_bond;
    // The owner's new key is not a member, yet it may ask for a recovery.
    let dispute = world.ok(
        new_alice,
        world.governance().open_dispute(
            c.alice,
            DisputeKind::KeyRecovery,
            Hash::from([0xaa; 32]),
            Remedy::Recover {
                token: bob_token.token,
                lost: c.alice,
                new_account: new_alice,
            },
        ),
        bond,
    );
    world.advance(world.config.governance.evidence_period);
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.charlie, true), (c.eve, true), (c.ferdie, true)],
    );
    world.advance(world.config.governance.appeal_period);
    world.ok(c.ferdie, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.token_balance(bob_token.token, new_alice),
        SUPPLY / 100
    );
    assert_eq!(world.token_balance(bob_token.token, c.alice), 0);
    assert_eq!(world.claimable(bob_token.splitter, new_alice), 1_000 * UNIT);
    assert_eq!(world.claimable(bob_token.splitter, c.alice), 0);
}

#[test]
fn a_proposal_changes_a_registry_parameter_after_its_timelock() {
    let mut world = World::new();
    let c = world.cast;
    let mut params: RegistryParams = world.config.registry;
    params.vouches_required = 3;
    let id = world.ok(
        c.alice,
        world.governance().propose(
            world.suite.registry,
            ink::selector_bytes!("set_params"),
            params.encode(),
            0,
        ),
        0,
    );
    for voter in [c.alice, c.bob, c.charlie] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    world.ok(c.dave, world.governance().vote(id, false), 0);
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::VotingOpen
    );
    let gov = world.config.governance;
    world.advance(gov.proposal_voting_period);
    assert!(matches!(
        world.ask(world.governance().proposal_state(id)),
        Some(ProposalState::Queued { .. })
    ));
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::TimelockNotOver
    );
    // A parameter change is constitutional: the upgrade timelock.
    world.advance(gov.upgrade_timelock);
    // Nobody but governance may change the parameters directly.
    for caller in [c.alice, c.deployer] {
        assert_eq!(
            world.refused(caller, world.registry().set_params(params), 0),
            interfaces::RegistryError::NotGovernance
        );
    }
    world.ok(c.eve, world.governance().execute(id), 0);
    assert_eq!(world.ask(world.registry().params()).vouches_required, 3);
    assert_eq!(
        world.refused(c.eve, world.governance().execute(id), 0),
        GovernanceError::AlreadyExecuted
    );
    // Two vouches no longer admit a candidate.
    world.ok(
        c.carol,
        world.registry().apply(Hash::from([1; 32])),
        world.config.registry.application_bond,
    );
    world.ok(
        c.alice,
        world.registry().vouch(c.carol),
        world.config.registry.vouch_bond,
    );
    world.ok(
        c.bob,
        world.registry().vouch(c.carol),
        world.config.registry.vouch_bond,
    );
    assert!(!world.ask(world.registry().is_active(c.carol)));
}

#[test]
fn a_defeated_proposal_never_executes() {
    let mut world = World::new();
    let c = world.cast;
    let mut params: RegistryParams = world.config.registry;
    params.vouches_required = 1;
    let id = world.ok(
        c.alice,
        world.governance().propose(
            world.suite.registry,
            ink::selector_bytes!("set_params"),
            params.encode(),
            0,
        ),
        0,
    );
    world.ok(c.alice, world.governance().vote(id, true), 0);
    for voter in [c.bob, c.charlie] {
        world.ok(voter, world.governance().vote(id, false), 0);
    }
    world
        .advance(world.config.governance.proposal_voting_period + world.config.governance.timelock);
    assert_eq!(
        world.refused(c.alice, world.governance().execute(id), 0),
        GovernanceError::ProposalDefeated
    );
    assert_eq!(world.ask(world.registry().params()).vouches_required, 2);
}

#[test]
fn governance_upgrades_a_token_through_a_proposal() {
    let mut world = World::new();
    let c = world.cast;
    let bob_token = world.launch(c.bob);
    // Only governance may replace a token's code.
    assert_eq!(
        world.refused(
            c.bob,
            world
                .token(bob_token.token)
                .set_code(world.suite.token_code),
            0
        ),
        interfaces::TokenError::NotGovernance
    );
    let id = world.ok(
        c.alice,
        world.governance().propose(
            bob_token.token,
            ink::selector_bytes!("set_code"),
            world.suite.token_code.encode(),
            0,
        ),
        0,
    );
    for voter in [c.alice, c.charlie, c.dave] {
        world.ok(voter, world.governance().vote(id, true), 0);
    }
    world.advance(
        world.config.governance.proposal_voting_period + world.config.governance.upgrade_timelock,
    );
    world.ok(c.eve, world.governance().execute(id), 0);
    // The token still works after the (same-code) upgrade.
    assert_eq!(world.ask(world.token(bob_token.token).issuer()), c.bob);
    // A proposal whose call fails reverts and may be retried until its grace period ends:
    // here, an unknown code.
    let bad = world.ok(
        c.alice,
        world.governance().propose(
            bob_token.token,
            ink::selector_bytes!("set_code"),
            Hash::from([0xbb; 32]).encode(),
            0,
        ),
        0,
    );
    for voter in [c.alice, c.charlie, c.dave] {
        world.ok(voter, world.governance().vote(bad, true), 0);
    }
    world.advance(
        world.config.governance.proposal_voting_period + world.config.governance.upgrade_timelock,
    );
    assert_eq!(
        world.refused(c.eve, world.governance().execute(bad), 0),
        GovernanceError::ProposalCallFailed
    );
    assert_eq!(
        world.ask(world.governance().proposal_state(bad)),
        Some(ProposalState::Executable)
    );
}
