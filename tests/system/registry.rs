//! The registry with the real token and splitter: admission, the factory, expulsion effects,
//! resignation.

use interfaces::{MemberEnforcement, MemberRegistry, RegistryError, TokenRemedies, PSP22};
use registry::types::MemberStatus;
use system_tests::*;

#[test]
fn a_candidate_is_vouched_in_and_launches_a_working_token() {
    let mut world = World::new();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    let params = world.config.registry;
    let registry_before = world.balance(world.suite.registry);
    world.ok(
        carol,
        world.registry().apply(Hash::from([3; 32])),
        params.application_bond,
    );
    assert!(world.ask(world.registry().candidate(carol)).is_some());
    assert!(!world.ask(world.registry().is_active(carol)));
    world.ok(alice, world.registry().vouch(carol), params.vouch_bond);
    assert!(!world.ask(world.registry().is_active(carol)));
    world.ok(bob, world.registry().vouch(carol), params.vouch_bond);
    assert!(world.ask(world.registry().is_active(carol)));
    assert!(world.ask(world.registry().has_vouched_for(alice, carol)));
    assert_eq!(world.ask(world.registry().active_count()), 7);
    assert_eq!(
        world.balance(world.suite.registry),
        registry_before + params.application_bond + 2 * params.vouch_bond
    );
    let member = world.ask(world.registry().member(carol)).unwrap();
    assert_eq!(member.status, MemberStatus::Active);
    assert_eq!(member.bond, params.application_bond);

    // Carol launches her token through the factory and uses it.
    let launched = world.launch(carol);
    assert_eq!(
        world.ask(world.registry().token_of(carol)),
        Some(launched.token)
    );
    assert_eq!(
        world.ask(world.registry().issuer_of(launched.token)),
        Some(carol)
    );
    assert_eq!(
        world.ask(world.registry().splitter_of(carol)),
        Some(launched.splitter)
    );
    let token = world.token(launched.token);
    assert_eq!(world.ask(token.issuer()), carol);
    assert_eq!(
        world.ask(world.token(launched.token).total_supply()),
        SUPPLY
    );
    assert_eq!(
        world.ask(world.token(launched.token).wiring_authority()),
        None
    );
    let links = world.ask(world.token(launched.token).links()).unwrap();
    assert_eq!(links.registry, world.suite.registry);
    assert_eq!(links.splitter, launched.splitter);
    assert_eq!(links.governance, world.suite.governance);
    assert_eq!(
        world.ask(world.splitter(launched.splitter).token()),
        launched.token
    );
    assert_eq!(world.ask(world.splitter(launched.splitter).issuer()), carol);
    world.ok(
        carol,
        world.token(launched.token).transfer(alice, 5, Vec::new()),
        0,
    );
    assert_eq!(world.token_balance(launched.token, alice), 5);
    // One person, one token.
    assert_eq!(
        world.refused(
            carol,
            world.registry().launch_token(
                "Again".into(),
                "AG".into(),
                0,
                1,
                terms_hash(),
                DAY,
                false
            ),
            0
        ),
        RegistryError::AlreadyHasToken
    );
}

#[test]
fn expulsion_freezes_the_token_and_pays_the_slashed_bonds_to_its_holders() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.mallory, &[c.charlie, c.eve]);
    let mal = world.launch(c.mallory);
    world.buy_in_offering(mal, c.mallory, c.dave, SUPPLY / 10, 1);
    world.buy_in_offering(mal, c.mallory, c.alice, SUPPLY / 10, 1);
    // Only governance expels.
    for caller in [c.alice, c.dave, c.mallory, c.deployer] {
        assert_eq!(
            world.refused(caller, world.registry().expel(c.mallory), 0),
            RegistryError::NotGovernance
        );
    }
    let governance = world.suite.governance;
    world.ok(governance, world.registry().expel(c.mallory), 0);
    let member = world.ask(world.registry().member(c.mallory)).unwrap();
    assert_eq!(member.status, MemberStatus::Expelled);
    assert!(!world.ask(world.registry().is_active(c.mallory)));
    assert!(world.ask(world.token(mal.token).is_frozen()));
    let params = world.config.registry;
    let slashed = params.application_bond + 2 * params.vouch_bond;
    assert_eq!(world.claimable(mal.splitter, c.dave), slashed / 2);
    assert_eq!(world.claimable(mal.splitter, c.alice), slashed / 2);
    // The vouchers lost their bonds and may not vouch for a while.
    assert_eq!(
        world.refused(c.charlie, world.registry().release_vouch(c.mallory), 0),
        RegistryError::NothingToRelease
    );
    world.ok(
        c.carol,
        world.registry().apply(Hash::from([4; 32])),
        params.application_bond,
    );
    assert_eq!(
        world.refused(
            c.charlie,
            world.registry().vouch(c.carol),
            params.vouch_bond
        ),
        RegistryError::VoucherInCooldown
    );
    // The expelled member can never come back.
    assert_eq!(
        world.refused(
            c.mallory,
            world.registry().apply(Hash::from([5; 32])),
            params.application_bond
        ),
        RegistryError::Expelled
    );
    // Holders can still be paid, and claim.
    let dave_before = world.balance(c.dave);
    world.ok(c.dave, world.splitter(mal.splitter).claim(), 0);
    assert_eq!(
        world.balance(c.dave),
        world.after_receiving(dave_before, slashed / 2)
    );
}

#[test]
fn a_suspended_member_is_inactive_until_the_end_or_reinstatement() {
    let mut world = World::new();
    let c = world.cast;
    let governance = world.suite.governance;
    let until = world.now() + 10 * DAY;
    assert_eq!(
        world.refused(c.alice, world.registry().suspend(c.bob, until), 0),
        RegistryError::NotGovernance
    );
    world.ok(governance, world.registry().suspend(c.bob, until), 0);
    assert!(!world.ask(world.registry().is_active(c.bob)));
    world.advance(10 * DAY);
    assert!(world.ask(world.registry().is_active(c.bob)));
    let until = world.now() + DAY;
    world.ok(governance, world.registry().suspend(c.bob, until), 0);
    world.ok(governance, world.registry().reinstate(c.bob), 0);
    assert!(world.ask(world.registry().is_active(c.bob)));
    assert_eq!(
        world.refused(governance, world.registry().reinstate(c.bob), 0),
        RegistryError::NotSuspended
    );
}

#[test]
fn a_member_without_a_token_resigns_and_recovers_his_bond() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    world.ok(c.carol, world.registry().resign(), 0);
    assert!(!world.ask(world.registry().is_active(c.carol)));
    assert_eq!(
        world.refused(c.carol, world.registry().complete_resignation(), 0),
        RegistryError::CooldownNotOver
    );
    world.advance(world.config.registry.resignation_cooldown);
    let before = world.balance(c.carol);
    world.ok(c.carol, world.registry().complete_resignation(), 0);
    let bond = world.config.registry.application_bond;
    assert_eq!(world.balance(c.carol), world.after_receiving(before, bond));
    // A member with a token may not walk away from his holders.
    world.launch(c.bob);
    assert_eq!(
        world.refused(c.bob, world.registry().resign(), 0),
        RegistryError::HasToken
    );
}

#[test]
fn a_withdrawn_application_refunds_the_candidate_and_releases_the_vouchers() {
    let mut world = World::new();
    let c = world.cast;
    let params = world.config.registry;
    world.ok(
        c.carol,
        world.registry().apply(Hash::from([3; 32])),
        params.application_bond,
    );
    world.ok(c.alice, world.registry().vouch(c.carol), params.vouch_bond);
    let (carol_before, alice_before) = (world.balance(c.carol), world.balance(c.alice));
    world.ok(c.carol, world.registry().withdraw_application(), 0);
    assert_eq!(
        world.balance(c.carol),
        world.after_receiving(carol_before, params.application_bond)
    );
    world.ok(c.alice, world.registry().release_vouch(c.carol), 0);
    assert_eq!(
        world.balance(c.alice),
        world.after_receiving(alice_before, params.vouch_bond)
    );
}
