//! The personal token's flows with the real registry and splitter: approved escrowed sales,
//! first refusal, offerings, liquidations, restrictions, freeze and recovery effects.

use interfaces::{restriction, TokenError, TokenRemedies, TransferRestriction, PSP22};
use personal_token::types::{AssetKind, RequestStatus};
use system_tests::*;

/// Bob launched a token and Alice holds 1% of it, bought for 100,000 UNIT.
fn alice_holds_one_percent() -> (World, Launched) {
    let mut world = World::new();
    let (alice, bob) = (world.cast.alice, world.cast.bob);
    let bob_token = world.launch(bob);
    world.buy_in_offering(bob_token, bob, alice, SUPPLY / 100, 10_000_000);
    (world, bob_token)
}

#[test]
fn an_offering_delivers_tokens_and_pays_the_issuer() {
    let mut world = World::new();
    let (alice, bob) = (world.cast.alice, world.cast.bob);
    let bob_token = world.launch(bob);
    let bob_before = world.balance(bob);
    let alice_before = world.balance(alice);
    world.buy_in_offering(bob_token, bob, alice, SUPPLY / 100, 10_000_000);
    assert_eq!(world.token_balance(bob_token.token, alice), SUPPLY / 100);
    assert_eq!(
        world.token_balance(bob_token.token, bob),
        SUPPLY - SUPPLY / 100
    );
    // Alice paid 100,000 UNIT plus storage deposits (planck-sized in the sandbox).
    let paid = alice_before - world.balance(alice);
    assert!((100_000 * UNIT..100_000 * UNIT + UNIT).contains(&paid));
    let received = world.balance(bob) - bob_before;
    assert!(received <= 100_000 * UNIT && received > 100_000 * UNIT - UNIT);
    // Everything escrowed left the token.
    let token = world.token(bob_token.token);
    assert_eq!(world.ask(token.escrow_total()), 0);
}

#[test]
fn an_approved_sale_is_delivery_versus_payment() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let half = SUPPLY / 200;
    let price = 60_000 * UNIT;
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, half, price),
        0,
    );
    assert_eq!(
        world.ask(world.token(bob_token.token).locked_of(alice)),
        half
    );
    world.ok(carol, world.token(bob_token.token).fund_request(id), price);
    assert_eq!(
        world.ask(world.token(bob_token.token).escrow_total()),
        price
    );
    let alice_before = world.balance(alice);
    world.ok(bob, world.token(bob_token.token).approve_transfer(id), 0);
    assert_eq!(world.balance(alice), alice_before + price);
    assert_eq!(world.token_balance(bob_token.token, carol), half);
    assert_eq!(world.token_balance(bob_token.token, alice), half);
    assert_eq!(world.ask(world.token(bob_token.token).locked_of(alice)), 0);
    assert_eq!(world.ask(world.token(bob_token.token).escrow_total()), 0);
    let request = world.ask(world.token(bob_token.token).request(id)).unwrap();
    assert_eq!(request.status, RequestStatus::Executed);
    // The splitter followed the change.
    assert_eq!(
        world.ask(world.splitter(bob_token.splitter).holder_balance(carol)),
        half
    );
    assert_eq!(
        world.ask(world.splitter(bob_token.splitter).outstanding()),
        SUPPLY / 100
    );
    assert_eq!(
        world.ask(world.token(bob_token.token).implied_valuation()),
        Some(12_000_000 * UNIT)
    );
}

#[test]
fn a_holder_cannot_transfer_without_approval() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let code = world.ask(
        world
            .token(bob_token.token)
            .detect_transfer_restriction(alice, carol, 1),
    );
    assert_eq!(code, restriction::APPROVAL_REQUIRED);
    let error = world.refused(
        alice,
        world.token(bob_token.token).transfer(carol, 1, Vec::new()),
        0,
    );
    assert_eq!(
        error,
        interfaces::PSP22Error::Custom(format!("ERC1404:5:{}", restriction::message(5)))
    );
    // The issuer distributes his own tokens to members only.
    let mallory = world.cast.mallory;
    assert_eq!(
        world.ask(
            world
                .token(bob_token.token)
                .detect_transfer_restriction(bob, mallory, 1)
        ),
        restriction::RECEIVER_NOT_MEMBER
    );
    world.refused(
        bob,
        world
            .token(bob_token.token)
            .transfer(mallory, 1, Vec::new()),
        0,
    );
    world.ok(
        bob,
        world.token(bob_token.token).transfer(carol, 1, Vec::new()),
        0,
    );
    assert_eq!(world.token_balance(bob_token.token, carol), 1);
}

#[test]
fn first_refusal_pays_the_seller_and_refunds_the_buyer() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let amount = SUPPLY / 400;
    let price = 30_000 * UNIT;
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, amount, price),
        0,
    );
    world.ok(carol, world.token(bob_token.token).fund_request(id), price);
    let (alice_before, carol_before) = (world.balance(alice), world.balance(carol));
    world.ok(
        bob,
        world.token(bob_token.token).exercise_first_refusal(id),
        price,
    );
    assert_eq!(world.balance(alice), alice_before + price);
    assert_eq!(world.balance(carol), carol_before + price);
    assert_eq!(world.token_balance(bob_token.token, carol), 0);
    assert_eq!(
        world.token_balance(bob_token.token, alice),
        SUPPLY / 100 - amount
    );
    assert_eq!(
        world.ask(world.splitter(bob_token.splitter).outstanding()),
        SUPPLY / 100 - amount
    );
}

#[test]
fn a_rejected_or_cancelled_request_returns_tokens_and_escrow() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let price = 10 * UNIT;
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, 1_000, price),
        0,
    );
    world.ok(carol, world.token(bob_token.token).fund_request(id), price);
    let carol_before = world.balance(carol);
    world.ok(
        bob,
        world
            .token(bob_token.token)
            .reject_transfer(id, "not now".into()),
        0,
    );
    assert_eq!(world.balance(carol), carol_before + price);
    assert_eq!(world.ask(world.token(bob_token.token).locked_of(alice)), 0);
    // A request nobody decides: after the settlement deadline anyone unwinds it.
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, 1_000, price),
        0,
    );
    world.ok(carol, world.token(bob_token.token).fund_request(id), price);
    let stranger = world.account(1);
    assert_eq!(
        world.refused(stranger, world.token(bob_token.token).cancel_request(id), 0),
        TokenError::NotSeller
    );
    world.advance(4 * DAY);
    let carol_before = world.balance(carol);
    world.ok(stranger, world.token(bob_token.token).cancel_request(id), 0);
    assert_eq!(world.balance(carol), carol_before + price);
    assert_eq!(world.ask(world.token(bob_token.token).escrow_total()), 0);
    assert_eq!(world.ask(world.token(bob_token.token).locked_of(alice)), 0);
}

#[test]
fn silence_approves_when_the_issuer_chose_auto_approval() {
    let mut world = World::new();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let bob_token = world.launch_with(bob, DAY, true);
    world.buy_in_offering(bob_token, bob, alice, 1_000, 1_000);
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, 400, 5 * UNIT),
        0,
    );
    world.ok(
        carol,
        world.token(bob_token.token).fund_request(id),
        5 * UNIT,
    );
    assert_eq!(
        world.refused(carol, world.token(bob_token.token).execute_transfer(id), 0),
        TokenError::NotApproved
    );
    world.advance(DAY);
    // The issuer's window is over: he can no longer reject or pre-empt.
    assert_eq!(
        world.refused(
            bob,
            world
                .token(bob_token.token)
                .reject_transfer(id, "late".into()),
            0
        ),
        TokenError::AlreadyApproved
    );
    world.ok(carol, world.token(bob_token.token).execute_transfer(id), 0);
    assert_eq!(world.token_balance(bob_token.token, carol), 400);
}

#[test]
fn a_liquidation_pays_the_holders_share_through_the_splitter() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob) = (world.cast.alice, world.cast.bob);
    let asset = world.ok(
        bob,
        world.token(bob_token.token).disclose_asset(
            AssetKind::CompanyStake,
            Hash::from([1; 32]),
            8_000_000 * UNIT,
        ),
        0,
    );
    let gross = 10_000_000 * UNIT;
    let share = world
        .ask(world.token(bob_token.token).holders_share(gross))
        .unwrap();
    assert_eq!(share, 100_000 * UNIT);
    assert_eq!(
        world.refused(
            bob,
            world
                .token(bob_token.token)
                .report_liquidation(asset, gross),
            share - 1
        ),
        TokenError::LiquidationUnderpaid { required: share }
    );
    // Overpaying is fine: the surplus goes back to Bob.
    let bob_before = world.balance(bob);
    world.ok(
        bob,
        world
            .token(bob_token.token)
            .report_liquidation(asset, gross),
        share + 7 * UNIT,
    );
    let spent = bob_before - world.balance(bob);
    assert!(spent >= share && spent < share + UNIT, "spent {spent}");
    assert_eq!(world.claimable(bob_token.splitter, alice), 100_000 * UNIT);
    assert_eq!(world.claimable(bob_token.splitter, bob), 0);
    let record = world
        .ask(world.token(bob_token.token).liquidation(asset, 0))
        .unwrap();
    assert_eq!(record.gross_proceeds, gross);
    assert_eq!(record.holders_share, share);
    let asset_record = world
        .ask(world.token(bob_token.token).asset(asset))
        .unwrap();
    assert_eq!(asset_record.liquidation_count, 1);
    assert_eq!(asset_record.paid_to_holders, share);
}

#[test]
fn a_frozen_token_moves_nothing_but_escrows_still_refund() {
    let (mut world, bob_token) = alice_holds_one_percent();
    let (alice, bob, carol) = (world.cast.alice, world.cast.bob, world.cast.carol);
    world.admit(carol, &[alice, bob]);
    let id = world.ok(
        alice,
        world
            .token(bob_token.token)
            .request_transfer(carol, 10, UNIT),
        0,
    );
    world.ok(carol, world.token(bob_token.token).fund_request(id), UNIT);
    // Only governance (or the registry enforcing an expulsion) freezes.
    for stranger in [alice, bob, carol] {
        assert_eq!(
            world.refused(stranger, world.token(bob_token.token).freeze(), 0),
            TokenError::NotGovernanceOrRegistry
        );
    }
    let governance = world.suite.governance;
    world.ok(governance, world.token(bob_token.token).freeze(), 0);
    assert!(world.ask(world.token(bob_token.token).is_frozen()));
    assert_eq!(
        world.ask(
            world
                .token(bob_token.token)
                .detect_transfer_restriction(bob, carol, 1)
        ),
        restriction::FROZEN
    );
    assert_eq!(
        world.refused(bob, world.token(bob_token.token).approve_transfer(id), 0),
        TokenError::Frozen
    );
    let carol_before = world.balance(carol);
    world.ok(carol, world.token(bob_token.token).withdraw_funding(id), 0);
    // Her funded position's index entry is freed too: its storage deposit comes back.
    let expected = world.after_receiving(carol_before, UNIT);
    assert_eq!(world.balance(carol), expected);
    world.ok(alice, world.token(bob_token.token).cancel_request(id), 0);
    assert_eq!(world.ask(world.token(bob_token.token).locked_of(alice)), 0);
}
