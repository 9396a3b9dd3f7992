//! Issue 12: a recovery moves everything of the lost account and never refuses for a
//! transient reason; the per-account index of open positions it relies on.

use super::*;

fn cancelled(id: RequestId) -> TokenEvent {
    TokenEvent::RequestCancelled(RequestCancelled {
        id,
        by: acc(GOVERNANCE),
    })
}

fn recovered(lost: u8, new_account: u8, amount: Balance) -> TokenEvent {
    TokenEvent::Recovered(Recovered {
        lost: acc(lost),
        new_account: acc(new_account),
        amount,
    })
}

fn recovery_hook(lost: u8, new_account: u8) -> Interaction {
    Interaction::RecoveryHook {
        lost: acc(lost),
        new_account: acc(new_account),
    }
}

// ----- the position index --------------------------------------------------------------------

#[test]
fn positions_open_and_close_with_requests_and_subscriptions() {
    let mut fx = Fx::holders();
    fx.give(CAROL, 1_000);
    // Seller positions: closed by execution, rejection, cancellation and first refusal.
    let executed = fx.open_request(ALICE, CAROL, 1, 0);
    let rejected = fx.open_request(ALICE, CAROL, 1, 0);
    let cancelled = fx.open_request(ALICE, CAROL, 1, 0);
    let preempted = fx.open_request(ALICE, CAROL, 1, 5);
    assert_eq!(
        fx.positions(ALICE),
        vec![
            Position::Selling(executed),
            Position::Selling(rejected),
            Position::Selling(cancelled),
            Position::Selling(preempted),
        ]
    );
    // Buyer positions: only a funding that leaves the request open.
    fx.fund(CAROL, preempted, 5).expect("fund");
    assert_eq!(fx.positions(CAROL), vec![Position::Buying(preempted)]);
    fx.approve(ISSUER, executed).expect("execute");
    fx.reject(ISSUER, rejected, "no").expect("reject");
    fx.cancel(ALICE, cancelled).expect("cancel");
    fx.first_refusal(ISSUER, preempted, 5).expect("preempt");
    assert_eq!(fx.positions(ALICE), vec![]);
    assert_eq!(fx.positions(CAROL), vec![]);
    // A funding that executes at once leaves no position; a withdrawal closes one.
    let id = fx.open_request(ALICE, CAROL, 1, 5);
    fx.approve(ISSUER, id).expect("approve unfunded");
    fx.fund(CAROL, id, 5).expect("fund executes");
    assert_eq!(fx.positions(CAROL), vec![]);
    let id = fx.open_request(ALICE, CAROL, 1, 5);
    fx.fund(CAROL, id, 5).expect("fund");
    fx.withdraw(CAROL, id).expect("withdraw");
    assert_eq!(fx.positions(CAROL), vec![]);
    fx.cancel(ALICE, id).expect("cancel");
    // Subscriptions: opened once per offering, closed by delivery or refund, kept while a
    // refund waits.
    let deadline = fx.now + PERIOD;
    let (good, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    let (failed, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, good, 5, 10).expect("subscribe");
    fx.subscribe(ALICE, good, 5, 10).expect("subscribe again");
    fx.subscribe(DAVE, good, 5, 10).expect("subscribe");
    fx.subscribe(ALICE, failed, 5, 10).expect("subscribe");
    assert_eq!(
        fx.positions(ALICE),
        vec![Position::Subscribed(good), Position::Subscribed(failed)]
    );
    fx.cancel_offering(ISSUER, failed).expect("cancel");
    assert_eq!(
        fx.positions(ALICE),
        vec![Position::Subscribed(good), Position::Subscribed(failed)],
        "a failed offering's payment waits for its refund"
    );
    fx.refund(ALICE, failed).expect("refund");
    fx.expel(DAVE);
    fx.now = deadline;
    fx.settle(STRANGER, good).expect("settle");
    assert_eq!(fx.positions(ALICE), vec![]);
    assert_eq!(
        fx.positions(DAVE),
        vec![Position::Subscribed(good)],
        "an undelivered payment waits for its refund"
    );
    fx.refund(DAVE, good).expect("refund");
    assert_eq!(fx.positions(DAVE), vec![]);
}

#[test]
fn a_ninth_open_position_is_refused() {
    let mut fx = Fx::holders();
    fx.give(CAROL, 1_000);
    for _ in 0..MAX_OPEN_POSITIONS {
        fx.open_request(ALICE, CAROL, 1, 0);
    }
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, CAROL, 1, 0)),
        TokenError::TooManyOpenPositions
    );
    // After the balance check.
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, CAROL, ALICE_HOLDS, 0)),
        TokenError::InsufficientUnlockedBalance
    );
    // As a buyer: a funding that stays open is refused, one that executes is not.
    let mut ids = Vec::new();
    for _ in 0..2 {
        ids.push(fx.open_request(CAROL, ALICE, 1, 5));
    }
    assert_eq!(
        fx.refused(|fx| fx.fund(ALICE, ids[0], 5)),
        TokenError::TooManyOpenPositions
    );
    fx.approve(ISSUER, ids[1]).expect("approve unfunded");
    fx.fund(ALICE, ids[1], 5).expect("executes at once");
    // As a new subscriber, but not for more of the same subscription.
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, fx.now + PERIOD))
        .expect("open");
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 4, 8)),
        TokenError::TooManyOpenPositions
    );
    // Closing one makes room.
    fx.cancel(ALICE, 0).expect("cancel");
    fx.subscribe(ALICE, id, 4, 8).expect("subscribe");
    fx.subscribe(ALICE, id, 4, 8).expect("more of the same");
    assert_eq!(fx.positions(ALICE).len(), MAX_OPEN_POSITIONS);
}

// ----- recovery ------------------------------------------------------------------------------

#[test]
fn recover_unwinds_the_lost_sellers_requests_and_moves_the_whole_balance() {
    let mut fx = Fx::holders();
    let funded = fx.open_request(ALICE, CAROL, 1_000, 500);
    fx.fund(CAROL, funded, 500).expect("fund");
    let unfunded = fx.open_request(ALICE, DAVE, 2_000, 0);
    // A thief holding the lost key locked everything: the recovery still moves it all.
    let outcome = fx.recover(GOVERNANCE, ALICE, ERIN).expect("recover");
    assert_eq!(
        outcome.events,
        vec![
            cancelled(funded),
            cancelled(unfunded),
            transfer(ALICE, ERIN, ALICE_HOLDS),
            recovered(ALICE, ERIN, ALICE_HOLDS),
        ]
    );
    assert_eq!(
        outcome.interactions,
        vec![pay(CAROL, 500), recovery_hook(ALICE, ERIN)]
    );
    assert_eq!(fx.req(funded).status, RequestStatus::Cancelled);
    assert_eq!(fx.req(unfunded).status, RequestStatus::Cancelled);
    assert_eq!((fx.bal(ALICE), fx.locked(ALICE)), (0, 0));
    assert_eq!((fx.bal(ERIN), fx.locked(ERIN)), (ALICE_HOLDS, 0));
    assert_eq!(fx.token.escrow_total(), 0);
    assert_eq!(fx.positions(ALICE), vec![]);
    assert_eq!(fx.positions(CAROL), vec![]);
    assert_eq!(fx.positions(ERIN), vec![]);
}

#[test]
fn recover_makes_the_new_account_the_buyer_of_the_lost_buyers_funded_requests() {
    let mut fx = Fx::holders();
    fx.give(CAROL, 1_000);
    let id = fx.open_request(CAROL, ALICE, 100, 50);
    fx.fund(ALICE, id, 50).expect("fund");
    let outcome = fx.recover(GOVERNANCE, ALICE, ERIN).expect("recover");
    assert_eq!(outcome.interactions, vec![recovery_hook(ALICE, ERIN)]);
    let request = fx.req(id);
    assert_eq!(request.buyer, acc(ERIN));
    assert!(request.funded && request.is_open());
    assert_eq!(fx.positions(ALICE), vec![]);
    assert_eq!(fx.positions(ERIN), vec![Position::Buying(id)]);
    assert_eq!(fx.token.escrow_total(), 50);
    // The new account is the buyer now: the sale executes to it.
    fx.approve(ISSUER, id).expect("execute");
    assert_eq!(fx.bal(ERIN), ALICE_HOLDS + 100);
    assert_eq!(fx.positions(ERIN), vec![]);
}

#[test]
fn recover_unwinds_a_purchase_from_the_new_account_itself_and_refunds_it() {
    let mut fx = Fx::holders();
    fx.give(ERIN, 1_000);
    let id = fx.open_request(ERIN, ALICE, 100, 50);
    fx.fund(ALICE, id, 50).expect("fund");
    let outcome = fx.recover(GOVERNANCE, ALICE, ERIN).expect("recover");
    assert_eq!(
        outcome.events,
        vec![
            cancelled(id),
            transfer(ALICE, ERIN, ALICE_HOLDS),
            recovered(ALICE, ERIN, ALICE_HOLDS),
        ]
    );
    assert_eq!(
        outcome.interactions,
        vec![pay(ERIN, 50), recovery_hook(ALICE, ERIN)]
    );
    assert_eq!(fx.req(id).status, RequestStatus::Cancelled);
    assert_eq!(fx.locked(ERIN), 0);
    assert_eq!(fx.positions(ERIN), vec![]);
    assert_eq!(fx.token.escrow_total(), 0);
}

#[test]
fn recover_refunds_the_new_account_buying_from_the_lost_seller() {
    let mut fx = Fx::holders();
    let id = fx.open_request(ALICE, ERIN, 100, 50);
    fx.fund(ERIN, id, 50).expect("fund");
    let outcome = fx.recover(GOVERNANCE, ALICE, ERIN).expect("recover");
    assert_eq!(
        outcome.interactions,
        vec![pay(ERIN, 50), recovery_hook(ALICE, ERIN)]
    );
    assert_eq!(fx.positions(ERIN), vec![]);
}

#[test]
fn recover_moves_a_subscription_into_the_lost_slot_or_merges_it() {
    let mut fx = Fx::holders();
    let deadline = T0 + PERIOD;
    let (id, _) = fx
        .open_offering(ISSUER, offer(1_000, 2, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, id, 100, 200).expect("subscribe");
    fx.subscribe(CAROL, id, 50, 100).expect("subscribe");
    fx.subscribe(ERIN, id, 40, 80).expect("subscribe");
    // Into the lost account's slot.
    fx.recover(GOVERNANCE, ALICE, DAVE).expect("recover");
    assert_eq!(fx.token.subscriber_at.get((id, 0)), Some(acc(DAVE)));
    assert_eq!(
        fx.token.subscription(id, acc(DAVE)),
        Subscription {
            amount: 100,
            paid: 200,
            delivered: false
        }
    );
    assert_eq!(
        fx.token.subscription(id, acc(ALICE)),
        Subscription::default()
    );
    assert_eq!(fx.positions(DAVE), vec![Position::Subscribed(id)]);
    assert_eq!(fx.positions(ALICE), vec![]);
    // Merged: the lost account's slot is freed (the last one moves into it).
    fx.recover(GOVERNANCE, CAROL, DAVE).expect("recover");
    let offering = fx.token.offering(id).expect("offering");
    assert_eq!(offering.subscriber_count, 2);
    assert_eq!(fx.token.subscriber_at.get((id, 0)), Some(acc(DAVE)));
    assert_eq!(fx.token.subscriber_at.get((id, 1)), Some(acc(ERIN)));
    assert_eq!(fx.token.subscriber_at.get((id, 2)), None);
    assert_eq!(
        fx.token.subscription(id, acc(DAVE)),
        Subscription {
            amount: 150,
            paid: 300,
            delivered: false
        }
    );
    assert_eq!((offering.sold, offering.raised), (190, 380));
    // Settlement delivers the merged position once.
    fx.now = deadline;
    let outcome = fx.settle(STRANGER, id).expect("settle");
    assert!(outcome.interactions.contains(&pay(ISSUER, 380)));
    assert_eq!(
        fx.bal(DAVE),
        ALICE_HOLDS + 150,
        "Alice's balance and the merged delivery"
    );
    assert_eq!(fx.bal(ERIN), 40);
}

#[test]
fn recover_moves_refund_claims_of_failed_and_settled_offerings() {
    let mut fx = Fx::holders();
    let deadline = T0 + PERIOD;
    let (failed, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    let (settled, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, failed, 10, 20).expect("subscribe");
    fx.subscribe(ALICE, settled, 10, 20).expect("subscribe");
    fx.subscribe(DAVE, settled, 5, 10).expect("subscribe");
    fx.cancel_offering(ISSUER, failed).expect("fail");
    fx.now = deadline;
    fx.expel(ALICE);
    fx.settle(STRANGER, settled)
        .expect("settle: Dave delivered, Alice not");
    // Merged into Dave's delivered position in the settled offering; moved in the failed one.
    fx.recover(GOVERNANCE, ALICE, DAVE).expect("recover");
    assert_eq!(
        fx.token.subscription(settled, acc(DAVE)),
        Subscription {
            amount: 5,
            paid: 20,
            delivered: true
        }
    );
    assert_eq!(
        fx.positions(DAVE),
        vec![Position::Subscribed(failed), Position::Subscribed(settled)]
    );
    let outcome = fx.refund(DAVE, settled).expect("refund the merged payment");
    assert_eq!(outcome.interactions, vec![pay(DAVE, 20)]);
    let outcome = fx.refund(DAVE, failed).expect("refund");
    assert_eq!(outcome.interactions, vec![pay(DAVE, 20)]);
    assert_eq!(fx.token.escrow_total(), 0);
    assert_eq!(fx.positions(DAVE), vec![]);
}

#[test]
fn recover_refuses_when_the_new_account_would_pass_the_position_bound() {
    let mut fx = Fx::holders();
    fx.give(DAVE, 1_000);
    for _ in 0..MAX_OPEN_POSITIONS {
        fx.open_request(DAVE, CAROL, 1, 0);
    }
    let deadline = T0 + PERIOD;
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, id, 4, 8).expect("subscribe");
    assert_eq!(
        fx.refused(|fx| fx.recover(GOVERNANCE, ALICE, DAVE)),
        TokenError::TooManyOpenPositions
    );
    // Governance's other refusals come first.
    assert_eq!(
        fx.refused(|fx| fx.recover(STRANGER, ALICE, DAVE)),
        TokenError::NotGovernance
    );
}

// Each fixture below gets its own test: the off-chain storage (mappings) is per thread.
#[test]
fn recover_does_not_count_the_lost_sellers_requests_against_the_bound() {
    // The lost account's open sales are cancelled, not moved: they never count.
    let mut fx = Fx::holders();
    fx.give(DAVE, 1_000);
    for _ in 0..MAX_OPEN_POSITIONS {
        fx.open_request(DAVE, CAROL, 1, 0);
    }
    fx.open_request(ALICE, CAROL, 1, 0);
    fx.recover(GOVERNANCE, ALICE, DAVE).expect("recover");
    assert_eq!(fx.positions(DAVE).len(), MAX_OPEN_POSITIONS);
}

#[test]
fn recover_unwinding_a_purchase_from_the_new_account_frees_one_of_his_positions() {
    let mut fx = Fx::holders();
    fx.give(DAVE, 1_000);
    let mut ids = Vec::new();
    for _ in 0..MAX_OPEN_POSITIONS {
        ids.push(fx.open_request(DAVE, ALICE, 1, 5));
    }
    fx.fund(ALICE, ids[0], 5).expect("fund");
    fx.recover(GOVERNANCE, ALICE, DAVE).expect("recover");
    assert_eq!(fx.positions(DAVE).len(), MAX_OPEN_POSITIONS - 1);
}

#[test]
fn recover_of_an_empty_account_succeeds_and_works_while_frozen_and_restrained() {
    let mut fx = Fx::holders();
    fx.freeze(GOVERNANCE).expect("freeze");
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    let outcome = fx.recover(GOVERNANCE, DAVE, ERIN).expect("nothing to move");
    assert_eq!(outcome.events, vec![recovered(DAVE, ERIN, 0)]);
    assert_eq!(outcome.interactions, vec![recovery_hook(DAVE, ERIN)]);
    let outcome = fx.recover(GOVERNANCE, ALICE, ERIN).expect("recover");
    assert_eq!(
        outcome.events,
        vec![
            transfer(ALICE, ERIN, ALICE_HOLDS),
            recovered(ALICE, ERIN, ALICE_HOLDS)
        ]
    );
}
