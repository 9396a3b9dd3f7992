//! Payouts with the real token: exact shares, no retroactive payouts, streams.

use interfaces::PayoutDistribution;
use personal_token::types::AssetKind;
use system_tests::*;

#[test]
fn alice_buys_one_percent_and_receives_exactly_one_percent_of_a_ten_million_liquidation() {
    let mut world = World::new();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let bob_token = world.launch(bob);
    world.buy_in_offering(bob_token, bob, alice, SUPPLY / 100, 10_000_000);
    let asset = world.ok(
        bob,
        world.token(bob_token.token).disclose_asset(
            AssetKind::CompanyStake,
            Hash::from([1; 32]),
            0,
        ),
        0,
    );
    let gross = 10_000_000 * UNIT;
    let share = world
        .ask(world.token(bob_token.token).holders_share(gross))
        .unwrap();
    world.ok(
        bob,
        world
            .token(bob_token.token)
            .report_liquidation(asset, gross),
        share,
    );
    // Carol buys half of Alice's stake after the distribution: none of it is hers.
    world.approved_sale(bob_token, bob, alice, carol, SUPPLY / 200, 50_000 * UNIT);
    assert_eq!(world.claimable(bob_token.splitter, carol), 0);
    assert_eq!(world.claimable(bob_token.splitter, alice), 100_000 * UNIT);
    let alice_before = world.balance(alice);
    let claimed = world.ok(alice, world.splitter(bob_token.splitter).claim(), 0);
    assert_eq!(claimed, 100_000 * UNIT);
    assert_eq!(world.balance(alice), alice_before + 100_000 * UNIT);
    assert_eq!(
        world.refused(carol, world.splitter(bob_token.splitter).claim(), 0),
        interfaces::SplitterError::NothingToClaim
    );
    // The next distribution is shared half and half.
    world.ok(
        bob,
        world
            .token(bob_token.token)
            .report_liquidation(asset, gross),
        share,
    );
    assert_eq!(world.claimable(bob_token.splitter, alice), 50_000 * UNIT);
    assert_eq!(world.claimable(bob_token.splitter, carol), 50_000 * UNIT);
    let accounting = world
        .ask(world.splitter(bob_token.splitter).accounting())
        .unwrap();
    assert_eq!(accounting.total_received, 200_000 * UNIT);
    assert_eq!(accounting.total_claimed, 100_000 * UNIT);
}

#[test]
fn anyone_may_pay_the_holders_and_push_a_holders_payout() {
    let mut world = World::new();
    let (alice, bob, dave) = (world.cast.alice, world.cast.bob, world.cast.dave);
    let bob_token = world.launch(bob);
    world.buy_in_offering(bob_token, bob, alice, SUPPLY / 4, 1);
    world.ok(
        dave,
        world
            .splitter(bob_token.splitter)
            .distribute(Hash::from([9; 32])),
        4_000 * UNIT,
    );
    let alice_before = world.balance(alice);
    world.ok(dave, world.splitter(bob_token.splitter).claim_for(alice), 0);
    assert_eq!(world.balance(alice), alice_before + 4_000 * UNIT);
}

#[test]
fn a_stream_vests_over_time_and_follows_transfers() {
    let mut world = World::new();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let bob_token = world.launch(bob);
    world.buy_in_offering(bob_token, bob, alice, 1_000_000, 1);
    world.ok(
        bob,
        world
            .splitter(bob_token.splitter)
            .distribute_over(10 * DAY, Hash::from([5; 32])),
        1_000 * UNIT,
    );
    world.advance(5 * DAY);
    assert_eq!(world.claimable(bob_token.splitter, alice), 500 * UNIT);
    world.approved_sale(bob_token, bob, alice, carol, 500_000, 0);
    world.advance(5 * DAY);
    assert_eq!(world.claimable(bob_token.splitter, alice), 750 * UNIT);
    assert_eq!(world.claimable(bob_token.splitter, carol), 250 * UNIT);
    world.advance(DAY);
    assert_eq!(world.claimable(bob_token.splitter, alice), 750 * UNIT);
}

#[test]
fn the_hook_refuses_every_caller_but_the_token() {
    let mut world = World::new();
    let (alice, bob) = (world.cast.alice, world.cast.bob);
    let bob_token = world.launch(bob);
    use interfaces::PayoutHook;
    for caller in [alice, bob, world.suite.registry, world.suite.governance] {
        assert_eq!(
            world.refused(
                caller,
                world
                    .splitter(bob_token.splitter)
                    .on_balance_change(interfaces::BalanceChange {
                        from: bob,
                        from_before: SUPPLY,
                        to: alice,
                        to_before: 0,
                        amount: 1
                    }),
                0
            ),
            interfaces::SplitterError::NotToken
        );
    }
}
