//! Issue 13, sections 5 and 6: value that leaked to the issuer and shared slots that dust could
//! squat, performed step by step through the real contracts. Each test's comment says which
//! step succeeded before the fix; the step is now refused with its typed error and changes
//! nothing, or (for the reaped buyer) the refund goes through.

use drink::frame_support::traits::fungible::Mutate;
use drink::minimal::MinimalSandbox;
use drink::Sandbox as _;
use interfaces::{SplitterError, TokenError};
use payout_splitter::pool::MAX_STREAM_DURATION;
use personal_token::types::{AssetKind, OfferingStatus};
use system_tests::*;

type Runtime = <MinimalSandbox as drink::Sandbox>::Runtime;

fn memo() -> Hash {
    Hash::from([0x5d; 32])
}

fn existential_deposit() -> Balance {
    World::existential_deposit()
}

/// Whether `account` exists on chain (the system pallet keeps a record of it).
fn exists(world: &mut World, account: AccountId) -> bool {
    let who = drink::AccountId32::new(*account.as_ref());
    world
        .client
        .backend
        .sandbox()
        .execute_with(|| ink_sandbox::frame_system::Pallet::<Runtime>::account_exists(&who))
}

/// `account` spends or moves away its whole balance: the chain reaps it.
fn reap(world: &mut World, account: AccountId) {
    let who = drink::AccountId32::new(*account.as_ref());
    world.client.backend.sandbox().execute_with(|| {
        let _ = <drink::pallet_balances::Pallet<Runtime> as Mutate<_>>::set_balance(&who, 0);
    });
    assert!(!exists(world, account), "the account was not reaped");
    assert_eq!(world.balance(account), 0);
}

// ----- 5. a liquidation reported during an open offering ------------------------------------

/// Carol's numbers (review H-3), scaled to the suite's supply: Alice holds 1%, Bob offers 50%
/// and Carol subscribes for all of it, then Bob reports selling ACME for 10,000,000 UNIT
/// before settling. Before the fix the report succeeded with a holders' share of 100,000 UNIT
/// (`outstanding` left Carol's undelivered half out), and after `settle`
/// `claimable(splitter, carol)` was 0: Bob kept the 5,000,000 UNIT her half paid for.
#[test]
fn attack_liquidation_during_offering_underpays_subscribers() {
    let mut world = World::new();
    let c = world.cast;
    world.admit(c.carol, &[c.alice, c.bob]);
    let bob = world.launch(c.bob);
    world.buy_in_offering(bob, c.bob, c.alice, SUPPLY / 100, 1);
    let deadline = world.now() + 7 * DAY;
    let offering = world.ok(
        c.bob,
        world
            .token(bob.token)
            .open_offering(SUPPLY / 2, 1, 0, deadline, Vec::new()),
        0,
    );
    world.ok(
        c.carol,
        world
            .token(bob.token)
            .subscribe(offering, SUPPLY / 2, terms_hash()),
        SUPPLY / 2,
    );
    let acme = world.ok(
        c.bob,
        world.token(bob.token).disclose_asset(
            AssetKind::CompanyStake,
            Hash::from([0xac; 32]),
            10_000_000 * UNIT,
        ),
        0,
    );
    let gross = 10_000_000 * UNIT;
    // The attack: the report before settlement, paying the share of the 1% outstanding.
    let share_now = world
        .ask(world.token(bob.token).holders_share(gross))
        .expect("share");
    assert_eq!(share_now, 100_000 * UNIT);
    for value in [share_now, 5_100_000 * UNIT] {
        assert_eq!(
            world.refused(
                c.bob,
                world.token(bob.token).report_liquidation(acme, gross),
                value
            ),
            TokenError::OfferingHasSubscriptions
        );
    }
    assert_eq!(world.ask(world.token(bob.token).liquidation(acme, 0)), None);
    // Settlement delivers Carol's half; the report now counts her.
    world.ok(c.carol, world.token(bob.token).settle(offering), 0);
    assert_eq!(
        world
            .ask(world.token(bob.token).offering(offering))
            .expect("offering")
            .status,
        OfferingStatus::Settled
    );
    assert_eq!(world.token_balance(bob.token, c.carol), SUPPLY / 2);
    let required = world
        .ask(world.token(bob.token).holders_share(gross))
        .expect("share");
    // ceil(10,000,000 UNIT * 51% )
    assert_eq!(required, 5_100_000 * UNIT);
    assert_eq!(
        world.refused(
            c.bob,
            world.token(bob.token).report_liquidation(acme, gross),
            required - 1
        ),
        TokenError::LiquidationUnderpaid { required }
    );
    world.ok(
        c.bob,
        world.token(bob.token).report_liquidation(acme, gross),
        required,
    );
    let liquidation = world
        .ask(world.token(bob.token).liquidation(acme, 0))
        .expect("recorded");
    assert_eq!(liquidation.outstanding, SUPPLY / 2 + SUPPLY / 100);
    assert_eq!(world.claimable(bob.splitter, c.carol), 5_000_000 * UNIT);
    assert_eq!(world.claimable(bob.splitter, c.alice), 100_000 * UNIT);
}

// ----- 6. dust that squats shared slots ------------------------------------------------------

/// Review L-2: a stranger paid 8 planck for 8 ten-year streams of 1 planck each. Before the
/// fix each `distribute_over` succeeded and the issuer's own stream was refused with
/// `TooManyStreams` for ten years, with no way to free a slot. Now a stream pays at least one
/// planck per millisecond, and the issuer ends any stream, paying its remainder to the
/// holders at once.
#[test]
fn attack_dust_streams_squat_splitter_slots() {
    let mut world = World::new();
    let c = world.cast;
    let bob = world.launch(c.bob);
    world.buy_in_offering(bob, c.bob, c.alice, SUPPLY / 100, 1);
    let ten_years = Balance::from(MAX_STREAM_DURATION);
    for _ in 0..8 {
        assert_eq!(
            world.refused(
                c.mallory,
                world
                    .splitter(bob.splitter)
                    .distribute_over(MAX_STREAM_DURATION, memo()),
                1
            ),
            SplitterError::StreamTooSmall { minimum: ten_years }
        );
    }
    assert!(world.ask(world.splitter(bob.splitter).streams()).is_empty());
    // Squatting at the minimum rate costs a planck per millisecond of each slot, and the
    // issuer evicts it: the squatter's money goes to the holders.
    for _ in 0..8 {
        world.ok(
            c.mallory,
            world
                .splitter(bob.splitter)
                .distribute_over(MAX_STREAM_DURATION, memo()),
            ten_years,
        );
    }
    assert_eq!(
        world.refused(
            c.bob,
            world.splitter(bob.splitter).distribute_over(DAY, memo()),
            1_000 * UNIT
        ),
        SplitterError::TooManyStreams
    );
    assert_eq!(
        world.refused(c.mallory, world.splitter(bob.splitter).end_stream(0), 0),
        SplitterError::NotIssuer
    );
    world.advance(DAY);
    let before = world.claimable(bob.splitter, c.alice);
    world.ok(c.bob, world.splitter(bob.splitter).end_stream(0), 0);
    let remainder = ten_years - Balance::from(DAY);
    // Alice, the only holder, is owed the whole remainder (less at most a planck of rounding).
    let gained = world.claimable(bob.splitter, c.alice) - before;
    assert!(gained + 1 >= remainder && gained <= remainder, "{gained}");
    let streams = world.ask(world.splitter(bob.splitter).streams());
    assert_eq!(streams.len(), 7);
    assert!(streams.iter().all(|stream| stream.id != 0));
    world.ok(
        c.bob,
        world.splitter(bob.splitter).distribute_over(DAY, memo()),
        1_000 * UNIT,
    );
}

/// Review L-3: 32 members subscribing one unit each took every subscriber slot of a public
/// offering. Before the fix each of the 32 one-unit subscriptions succeeded (for 32 planck in
/// all) and a real buyer was refused with `TooManySubscribers` until the deadline. Now each
/// is refused with `SubscriptionTooSmall`: a subscription takes at least a 32nd of the
/// offering, so 32 of them buy all of it. (The world admits members freely, as before the
/// admission bounds of issue 13 section 1, so that the 32 squatters exist.)
#[test]
fn attack_dust_subscriptions_squat_offering() {
    let mut world = World::with_registry(|registry| {
        registry.max_vouches_per_period = registry::types::MAX_VOUCHES_PER_PERIOD;
    });
    let c = world.cast;
    let bob = world.launch(c.bob);
    let amount = SUPPLY / 10;
    let deadline = world.now() + 7 * DAY;
    let offering = world.ok(
        c.bob,
        world
            .token(bob.token)
            .open_offering(amount, 1, 0, deadline, Vec::new()),
        0,
    );
    let founders = [c.alice, c.charlie, c.dave, c.eve, c.ferdie];
    let newcomers: Vec<AccountId> = (40..67u8).map(|n| world.account(n)).collect();
    world.admit_crowd(&newcomers);
    let mut squatters: Vec<AccountId> = founders.to_vec();
    squatters.extend(newcomers);
    assert_eq!(squatters.len(), 32);
    let minimum = amount.div_ceil(32);
    for squatter in &squatters {
        assert_eq!(
            world.refused(
                *squatter,
                world.token(bob.token).subscribe(offering, 1, terms_hash()),
                1
            ),
            TokenError::SubscriptionTooSmall { minimum }
        );
    }
    let record = world
        .ask(world.token(bob.token).offering(offering))
        .expect("offering");
    assert_eq!((record.subscriber_count, record.sold), (0, 0));
    // Holding the 32 slots now means buying the whole offering.
    for squatter in &squatters[..31] {
        world.ok(
            *squatter,
            world
                .token(bob.token)
                .subscribe(offering, minimum, terms_hash()),
            minimum,
        );
    }
    let rest = amount - 31 * minimum;
    assert!(rest <= minimum);
    world.ok(
        squatters[31],
        world
            .token(bob.token)
            .subscribe(offering, rest, terms_hash()),
        rest,
    );
    let record = world
        .ask(world.token(bob.token).offering(offering))
        .expect("offering");
    assert_eq!((record.subscriber_count, record.sold), (32, amount));
}

/// Review L-6 (not an `attack_*` test: the attack does not reproduce on this runtime). A buyer funds a request and then reaps his account (moves his whole balance
/// away); the refunds pushed to him by `reject_transfer`, `exercise_first_refusal` and
/// anyone's `cancel_request` after expiry were expected to fail below the existential
/// deposit and keep the seller's tokens locked. Prices are now 0 or at least the deposit, so
/// every refund recreates the account. This sandbox's deposit is 1 planck, so no positive
/// price is below it here and the refusal of such a price (`BelowExistentialDeposit`) is
/// pinned by the token's unit tests; on this runtime the refunds below went through before
/// the fix too: what the test pins is that a reaped buyer never blocks a request from
/// closing.
#[test]
fn reaped_buyer_never_blocks_a_refund() {
    let mut world = World::new();
    let c = world.cast;
    assert_eq!(existential_deposit(), 1);
    let bob = world.launch(c.bob);
    world.buy_in_offering(bob, c.bob, c.alice, SUPPLY / 100, 1);
    let buyer = world.account(7);
    world.admit(buyer, &[c.charlie, c.dave]);
    let price = UNIT;
    let mut requests = Vec::new();
    for _ in 0..3 {
        let id = world.ok(
            c.alice,
            world
                .token(bob.token)
                .request_transfer(buyer, SUPPLY / 1_000, price),
            0,
        );
        world.ok(buyer, world.token(bob.token).fund_request(id), price);
        requests.push(id);
    }
    // A gift escrows nothing: nothing to refund.
    let gift = world.ok(
        c.alice,
        world
            .token(bob.token)
            .request_transfer(buyer, SUPPLY / 1_000, 0),
        0,
    );
    assert_eq!(
        world.refused(buyer, world.token(bob.token).fund_request(gift), 0),
        TokenError::NothingToFund
    );
    // Rejection pushes the refund to the reaped account.
    reap(&mut world, buyer);
    world.ok(
        c.bob,
        world
            .token(bob.token)
            .reject_transfer(requests[0], "no".into()),
        0,
    );
    assert!(exists(&mut world, buyer));
    assert_eq!(world.balance(buyer), price);
    // So does the issuer's first refusal.
    reap(&mut world, buyer);
    world.ok(
        c.bob,
        world.token(bob.token).exercise_first_refusal(requests[1]),
        price,
    );
    assert_eq!(world.balance(buyer), price);
    // And anyone's cancellation after the settlement deadline.
    reap(&mut world, buyer);
    world.advance(4 * DAY);
    world.ok(
        c.mallory,
        world.token(bob.token).cancel_request(requests[2]),
        0,
    );
    assert_eq!(world.balance(buyer), price);
    assert_eq!(world.ask(world.token(bob.token).escrow_total()), 0);
    assert_eq!(
        world.ask(world.token(bob.token).locked_of(c.alice)),
        SUPPLY / 1_000
    );
}
