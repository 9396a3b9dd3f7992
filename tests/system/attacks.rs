//! Issue 12's attacks, performed step by step through the real contracts (the cast of
//! `governance.rs`: Mallory vouched in by Charlie and Eve, Dave holds 10% of $MAL and accuses
//! her). Each test failed on the code before the hardening and passes after it; the comment
//! at its head says what the attacker got before.

use governance::types::{DisputeKind, Phase, Remedy, Ruling, FIRST_ROUND};
use interfaces::{
    restriction, GovernanceError, MemberEnforcement, MemberRegistry, PSP22Error, RegistryError,
    TokenError, TokenRemedies, TransferRestriction, PSP22,
};
use registry::types::MemberStatus;
use system_tests::*;

/// The round of a fresh first round after withheld reveals.
const RERUN_ROUND: u8 = governance::types::RERUN_ROUND;

fn salt_of(juror: AccountId) -> [u8; 32] {
    let bytes: &[u8; 32] = juror.as_ref();
    [bytes[2]; 32]
}

fn commit(world: &mut World, dispute: u64, round: u8, juror: AccountId, vote: bool) {
    let deposit = world.config.governance.juror_deposit;
    let commitment =
        governance::disputes::vote_commitment(dispute, round, juror, vote, salt_of(juror));
    world.ok(
        juror,
        world.governance().commit_vote(dispute, commitment),
        deposit,
    );
}

fn reveal(world: &mut World, dispute: u64, juror: AccountId, vote: bool) {
    world.ok(
        juror,
        world
            .governance()
            .reveal_vote(dispute, vote, salt_of(juror)),
        0,
    );
}

/// Commits and reveals `votes` in `round`, from its commit phase to the end of its reveal.
fn judge(world: &mut World, dispute: u64, round: u8, votes: &[(AccountId, bool)]) {
    for (juror, vote) in votes {
        commit(world, dispute, round, *juror, *vote);
    }
    world.advance(world.config.governance.commit_period);
    for (juror, vote) in votes {
        reveal(world, dispute, *juror, *vote);
    }
    world.advance(world.config.governance.reveal_period);
}

fn mallory_with_a_holder() -> (World, Launched) {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.mallory, &[c.charlie, c.eve]);
    let mal = world.launch(c.mallory);
    world.buy_in_offering(mal, c.mallory, c.dave, SUPPLY / 10, 1);
    (world, mal)
}

fn open(world: &mut World, claimant: AccountId, accused: AccountId, remedy: Remedy) -> u64 {
    let bond = world.config.governance.dispute_bond;
    let dispute = world.ok(
        claimant,
        world.governance().open_dispute(
            accused,
            DisputeKind::UndisclosedLiquidation,
            Hash::from([0xe1; 32]),
            remedy,
        ),
        bond,
    );
    world.advance(world.config.governance.evidence_period);
    dispute
}

fn upheld_and_executed(world: &mut World, dispute: u64, jurors: &[AccountId]) {
    let votes: Vec<(AccountId, bool)> = jurors.iter().map(|j| (*j, true)).collect();
    judge(world, dispute, FIRST_ROUND, &votes);
    world.advance(world.config.governance.appeal_period);
    assert_eq!(
        world.ask(world.governance().ruling(dispute)),
        Some(Ruling::Upheld)
    );
    let executor = jurors[0];
    world.ok(executor, world.governance().execute_ruling(dispute), 0);
}

fn restrained() -> PSP22Error {
    personal_token::state::restriction_error(restriction::ISSUER_RESTRAINED)
}

// ----- 1. the accused voids the jury ------------------------------------------------------

/// Before: Mallory's unit to Alice and Bob in the reveal phase made their reveals fail with
/// `JurorExcluded`; round 1 had no quorum and she stayed.
#[test]
fn attack_accused_gifts_jurors_during_the_reveal() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    let dispute = open(&mut world, c.dave, c.mallory, Remedy::Expel);
    for juror in [c.alice, c.bob, c.ferdie] {
        commit(&mut world, dispute, FIRST_ROUND, juror, true);
    }
    world.advance(world.config.governance.commit_period);
    for juror in [c.alice, c.bob] {
        assert_eq!(
            world.refused(
                c.mallory,
                world.token(mal.token).transfer(juror, 1, Vec::new()),
                0
            ),
            restrained(),
            "the accused issuer's own tokens do not move while the dispute is open"
        );
    }
    for juror in [c.alice, c.bob, c.ferdie] {
        reveal(&mut world, dispute, juror, true);
    }
    world.advance(world.config.governance.reveal_period + world.config.governance.appeal_period);
    world.ok(c.ferdie, world.governance().execute_ruling(dispute), 0);
    let member = world.ask(world.registry().member(c.mallory)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
    assert!(world.ask(world.token(mal.token).is_frozen()));
}

/// Before: a unit sent to every member before any dispute excluded every juror for ever,
/// and a holder could not give it back (transfers need the issuer's approval).
#[test]
fn attack_accused_gifts_every_member_before_the_dispute() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    for member in [c.alice, c.bob, c.ferdie] {
        world.ok(
            c.mallory,
            world.token(mal.token).transfer(member, 1, Vec::new()),
            0,
        );
    }
    let dispute = open(&mut world, c.dave, c.mallory, Remedy::Expel);
    // The jury is sized over the members eligible at the opening, and stays reachable.
    assert_eq!(world.ask(world.governance().quorum_of(dispute)), Some(3));
    let commitment = governance::disputes::vote_commitment(
        dispute,
        FIRST_ROUND,
        c.alice,
        true,
        salt_of(c.alice),
    );
    let deposit = world.config.governance.juror_deposit;
    assert_eq!(
        world.refused(
            c.alice,
            world.governance().commit_vote(dispute, commitment),
            deposit
        ),
        GovernanceError::JurorExcluded
    );
    // A holding can always be given back to the issuer, also while he is restrained.
    for member in [c.alice, c.bob, c.ferdie] {
        world.ok(
            member,
            world.token(mal.token).transfer(c.mallory, 1, Vec::new()),
            0,
        );
    }
    upheld_and_executed(&mut world, dispute, &[c.alice, c.bob, c.ferdie]);
    let member = world.ask(world.registry().member(c.mallory)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
}

// ----- 2. the accused dilutes the compensation --------------------------------------------

/// Before: moving 80% of the supply to a friend between the ruling and its execution cut
/// Dave's compensation to 2,000 x 10/90 UNIT.
#[test]
fn attack_accused_dilutes_the_compensation() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    let dispute = open(&mut world, c.dave, c.mallory, Remedy::Expel);
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.alice, true), (c.bob, true), (c.ferdie, true)],
    );
    assert_eq!(
        world.refused(
            c.mallory,
            world
                .token(mal.token)
                .transfer(c.carol, SUPPLY * 8 / 10, Vec::new()),
            0
        ),
        restrained()
    );
    world.advance(world.config.governance.appeal_period);
    world.ok(c.ferdie, world.governance().execute_ruling(dispute), 0);
    let params = world.config.registry;
    assert_eq!(
        world.claimable(mal.splitter, c.dave),
        params.application_bond + 2 * params.vouch_bond,
        "the only outside holder gets the whole 2,000 UNIT"
    );
}

// ----- 3. escape by resigning, and vouchers who walk away ---------------------------------

/// Before: `open_dispute` against a resigning member failed with `AccusedNotMember` and his
/// bond came back 30 days later.
#[test]
fn attack_tokenless_member_resigns_to_escape() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    world.ok(c.carol, world.registry().resign(), 0);
    let dispute = open(&mut world, c.dave, c.carol, Remedy::Expel);
    let votes = [(c.eve, true), (c.ferdie, true), (c.charlie, true)];
    judge(&mut world, dispute, FIRST_ROUND, &votes);
    world.advance(world.config.registry.resignation_cooldown);
    assert_eq!(
        world.refused(c.carol, world.registry().complete_resignation(), 0),
        RegistryError::DisputePending,
        "the resignation waits for the ruling"
    );
    world.ok(c.eve, world.governance().execute_ruling(dispute), 0);
    let member = world.ask(world.registry().member(c.carol)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
}

/// Before: a voucher whose lock had ended released his bond while the dispute against the
/// member he admitted was open, escaping the slash.
#[test]
fn attack_voucher_walks_away_during_the_dispute() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    world.advance(world.config.registry.vouch_lock_period);
    let dispute = open(&mut world, c.dave, c.mallory, Remedy::Expel);
    assert_eq!(
        world.refused(c.charlie, world.registry().release_vouch(c.mallory), 0),
        RegistryError::DisputePending
    );
    upheld_and_executed(&mut world, dispute, &[c.alice, c.bob, c.ferdie]);
    let params = world.config.registry;
    assert_eq!(
        world.claimable(mal.splitter, c.dave),
        params.application_bond + 2 * params.vouch_bond,
        "both vouch bonds were still at stake"
    );
}

/// Before: a suspended member without a token could not be accused.
#[test]
fn attack_suspended_member_cannot_be_accused() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    let first = open(
        &mut world,
        c.dave,
        c.carol,
        Remedy::Suspend { duration: 30 * DAY },
    );
    upheld_and_executed(&mut world, first, &[c.eve, c.ferdie, c.charlie]);
    assert!(!world.ask(world.registry().is_active(c.carol)));
    let second = open(&mut world, c.dave, c.carol, Remedy::Expel);
    upheld_and_executed(&mut world, second, &[c.eve, c.ferdie, c.charlie]);
    let member = world.ask(world.registry().member(c.carol)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
}

// ----- 4. a suspension that does not restrain ---------------------------------------------

/// Before: a suspended issuer kept transferring and opening and settling offerings.
#[test]
fn attack_suspended_issuer_keeps_selling() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    let dispute = open(
        &mut world,
        c.dave,
        c.mallory,
        Remedy::Suspend { duration: 10 * DAY },
    );
    upheld_and_executed(&mut world, dispute, &[c.alice, c.bob, c.ferdie]);
    let deadline = world.now() + 7 * DAY;
    assert_eq!(
        world.refused(
            c.mallory,
            world
                .token(mal.token)
                .open_offering(1_000, 1, 0, deadline, Vec::new()),
            0
        ),
        TokenError::IssuerRestrained
    );
    assert_eq!(
        world.refused(
            c.mallory,
            world.token(mal.token).transfer(c.alice, 1, Vec::new()),
            0
        ),
        restrained()
    );
    assert_eq!(
        world.ask(
            world
                .token(mal.token)
                .detect_transfer_restriction(c.mallory, c.alice, 1)
        ),
        restriction::ISSUER_RESTRAINED
    );
    // The restraint ends with the suspension.
    world.advance(10 * DAY);
    world.ok(
        c.mallory,
        world.token(mal.token).transfer(c.alice, 1, Vec::new()),
        0,
    );
}

/// Before: a later, shorter suspension (a friendly dispute) overwrote a longer one.
#[test]
fn attack_shorter_suspension_overwrites_a_longer_one() {
    let (mut world, _) = mallory_with_a_holder();
    let c = world.cast;
    let long = open(
        &mut world,
        c.dave,
        c.mallory,
        Remedy::Suspend {
            duration: 365 * DAY,
        },
    );
    upheld_and_executed(&mut world, long, &[c.alice, c.bob, c.ferdie]);
    let friendly = open(
        &mut world,
        c.dave,
        c.mallory,
        Remedy::Suspend { duration: 1 },
    );
    upheld_and_executed(&mut world, friendly, &[c.alice, c.bob, c.ferdie]);
    world.advance(2);
    assert!(
        !world.ask(world.registry().is_active(c.mallory)),
        "suspensions only lengthen"
    );
}

// ----- 5. key recovery --------------------------------------------------------------------

fn recovery(world: &mut World, token: AccountId, lost: AccountId, new_account: AccountId) -> u64 {
    let bond = world.config.governance.dispute_bond;
    world.ok(
        new_account,
        world.governance().open_dispute(
            lost,
            DisputeKind::KeyRecovery,
            Hash::from([0xaa; 32]),
            Remedy::Recover {
                token,
                lost,
                new_account,
            },
        ),
        bond,
    )
}

/// Before: a thief holding the lost key opened a request to lock the balance and executed
/// the ruling himself: `RecoveryBlockedByLockedBalance`, ruling consumed, nothing moved.
#[test]
fn attack_thief_blocks_recovery_with_a_request() {
    let mut world = World::new();
    let c = world.cast;
    let bob_token = world.launch(c.bob);
    world.buy_in_offering(bob_token, c.bob, c.alice, SUPPLY / 100, 1);
    let new_alice = world.account(42);
    let dispute = recovery(&mut world, bob_token.token, c.alice, new_alice);
    world.advance(world.config.governance.evidence_period);
    judge(
        &mut world,
        dispute,
        FIRST_ROUND,
        &[(c.charlie, true), (c.eve, true), (c.ferdie, true)],
    );
    world.advance(world.config.governance.appeal_period);
    // The thief locks the whole balance in a request to an accomplice, funded.
    let request = world.ok(
        c.alice,
        world
            .token(bob_token.token)
            .request_transfer(c.dave, SUPPLY / 100, UNIT),
        0,
    );
    world.ok(
        c.dave,
        world.token(bob_token.token).fund_request(request),
        UNIT,
    );
    let dave_before = world.balance(c.dave);
    world.ok(c.alice, world.governance().execute_ruling(dispute), 0);
    assert_eq!(
        world.token_balance(bob_token.token, new_alice),
        SUPPLY / 100
    );
    assert_eq!(world.token_balance(bob_token.token, c.alice), 0);
    assert_eq!(
        world.balance(c.dave),
        dave_before + UNIT,
        "the unwound request refunded its buyer"
    );
    assert_eq!(
        world.refused(c.alice, world.governance().execute_ruling(dispute), 0),
        GovernanceError::AlreadyExecuted
    );
}

/// Before: anyone could open a recovery of a live holder's balance naming any account, and a
/// no-quorum result refunded the bond.
#[test]
fn attack_recovery_of_a_live_account() {
    let mut world = World::new();
    let c = world.cast;
    let bob_token = world.launch(c.bob);
    world.buy_in_offering(bob_token, c.bob, c.dave, SUPPLY / 100, 1);
    let eve2 = world.account(43);
    let bond = world.config.governance.dispute_bond;
    let remedy = Remedy::Recover {
        token: bob_token.token,
        lost: c.dave,
        new_account: eve2,
    };
    assert_eq!(
        world.refused(
            c.eve,
            world.governance().open_dispute(
                c.dave,
                DisputeKind::KeyRecovery,
                Hash::from([0xaa; 32]),
                remedy
            ),
            bond
        ),
        GovernanceError::NotNewAccount
    );
    let dispute = recovery(&mut world, bob_token.token, c.dave, eve2);
    let dave_before = world.balance(c.dave);
    world.ok(c.dave, world.governance().contest_recovery(dispute), 0);
    assert_eq!(
        world.ask(world.governance().phase(dispute)),
        Some(Phase::Final)
    );
    world.ok(c.dave, world.governance().execute_ruling(dispute), 0);
    assert_eq!(world.token_balance(bob_token.token, c.dave), SUPPLY / 100);
    assert!(
        world.balance(c.dave) > dave_before,
        "the claimant's bond went to the live owner"
    );
}

// ----- 6. jurors who commit and withhold --------------------------------------------------

/// Before: two of three committed jurors withheld their reveals, round 1 had no quorum, every
/// bond came back and the dispute was over.
#[test]
fn attack_jurors_withhold_their_reveals() {
    let (mut world, _) = mallory_with_a_holder();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    let grace = world.account(44);
    world.admit(grace, &[c.alice, c.bob]);
    world.serve_tenure();
    let dispute = open(&mut world, c.dave, c.mallory, Remedy::Expel);
    for juror in [c.alice, c.bob, c.ferdie] {
        commit(&mut world, dispute, FIRST_ROUND, juror, true);
    }
    world.advance(world.config.governance.commit_period);
    reveal(&mut world, dispute, c.ferdie, true);
    world.advance(world.config.governance.reveal_period);
    assert_eq!(
        world.ask(world.governance().phase(dispute)),
        Some(Phase::Commit { round: RERUN_ROUND }),
        "withheld reveals give a fresh round, not the accused's exit"
    );
    // The withholders may not judge the fresh round.
    let deposit = world.config.governance.juror_deposit;
    let commitment =
        governance::disputes::vote_commitment(dispute, RERUN_ROUND, c.alice, true, [9; 32]);
    assert_eq!(
        world.refused(
            c.alice,
            world.governance().commit_vote(dispute, commitment),
            deposit
        ),
        GovernanceError::JurorExcluded
    );
    judge(
        &mut world,
        dispute,
        RERUN_ROUND,
        &[(c.ferdie, true), (c.carol, true), (grace, true)],
    );
    world.advance(world.config.governance.appeal_period);
    assert_eq!(
        world.ask(world.governance().ruling(dispute)),
        Some(Ruling::Upheld)
    );
    world.ok(c.ferdie, world.governance().execute_ruling(dispute), 0);
    // The withholders' deposits are shared by the jurors who decided with the majority.
    let ferdie_before = world.balance(c.ferdie);
    world.ok(c.ferdie, world.governance().claim_juror_reward(dispute), 0);
    assert!(world.balance(c.ferdie) > ferdie_before);
}

// ----- issue 16: membership answered by the roster ------------------------------------------

/// The tokens ask the roster, a second record of who is active. A record written after the
/// registry (in a later message, or by anyone but the registry) would let a member trade
/// between his suspension or expulsion and its update. The registry writes the roster inside
/// the message that changes the status: in the very same block the token refuses, a
/// suspension lapses in both at the same timestamp, and nobody else can write the roster.
#[test]
fn attack_suspended_or_expelled_member_trades_before_the_roster_knows() {
    let (mut world, mal) = mallory_with_a_holder();
    let c = world.cast;
    let governance = world.suite.governance;
    let detect = |world: &mut World, from: AccountId, to: AccountId| {
        world.ask(
            world
                .token(mal.token)
                .detect_transfer_restriction(from, to, 1),
        )
    };
    // Dave, a holder of $MAL, is suspended for a day: in the same block he can neither
    // receive from the issuer nor ask to sell.
    let until = world.now() + DAY;
    world.ok(governance, world.registry().suspend(c.dave, until), 0);
    assert!(!world.ask(interfaces::MemberRoster::is_active(&world.roster(), c.dave)));
    assert_eq!(
        detect(&mut world, c.mallory, c.dave),
        restriction::RECEIVER_NOT_MEMBER
    );
    assert_eq!(
        world.refused(
            c.mallory,
            world.token(mal.token).transfer(c.dave, 1, Vec::new()),
            0
        ),
        personal_token::state::restriction_error(restriction::RECEIVER_NOT_MEMBER)
    );
    assert_eq!(
        world.refused(
            c.dave,
            world.token(mal.token).request_transfer(c.alice, 1, UNIT),
            0
        ),
        TokenError::Restricted(restriction::SENDER_NOT_MEMBER)
    );
    // One millisecond before its end he is still suspended; at its end he is active again,
    // in the registry and the roster alike, without any write.
    let now = world.now();
    world.advance(until - now - 1);
    assert_eq!(
        detect(&mut world, c.mallory, c.dave),
        restriction::RECEIVER_NOT_MEMBER
    );
    world.advance(1);
    assert!(world.ask(world.registry().is_active(c.dave)));
    assert_eq!(detect(&mut world, c.mallory, c.dave), restriction::SUCCESS);
    // Expelled: refused in the same block again.
    world.ok(governance, world.registry().expel(c.dave), 0);
    assert_eq!(
        detect(&mut world, c.dave, c.alice),
        restriction::SENDER_NOT_MEMBER
    );
    assert_eq!(
        world.refused(
            c.mallory,
            world.token(mal.token).transfer(c.dave, 1, Vec::new()),
            0
        ),
        personal_token::state::restriction_error(restriction::RECEIVER_NOT_MEMBER)
    );
    // Nobody but the registry writes the roster: not the expelled member, not his issuer,
    // not governance, not the deployer.
    let reinstated = interfaces::RosterChange::Set {
        account: c.dave,
        entry: interfaces::RosterEntry::default(),
    };
    for caller in [c.dave, c.mallory, governance, c.deployer] {
        assert_eq!(
            world.refused(
                caller,
                interfaces::RosterWriter::apply(&mut world.roster(), vec![reinstated]),
                0
            ),
            interfaces::RosterError::NotWriter
        );
    }
    assert_eq!(
        detect(&mut world, c.mallory, c.dave),
        restriction::RECEIVER_NOT_MEMBER
    );
}
