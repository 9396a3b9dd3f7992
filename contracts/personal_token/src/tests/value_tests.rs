//! Issue 13: no value leaks to the issuer and no exit can be blocked. A liquidation cannot be
//! reported while an open offering has subscriptions (review H-3), subscriptions have a
//! minimum size (L-3), prices and subscription costs are 0 or at least the existential
//! deposit so that no refund can fail for a reaped recipient (L-6), and subscribers and
//! funded buyers may leave while governance says the exits of an upgrade are open.

use super::*;

fn below_ed(existential_deposit: Balance) -> TokenError {
    TokenError::BelowExistentialDeposit {
        existential_deposit,
    }
}

fn too_small(minimum: Balance) -> TokenError {
    TokenError::SubscriptionTooSmall { minimum }
}

/// Every native payment of an outcome.
fn payments(outcome: &Outcome) -> Vec<(AccountId, Balance)> {
    outcome
        .interactions
        .iter()
        .filter_map(|interaction| match interaction {
            Interaction::Pay { to, amount } => Some((*to, *amount)),
            _ => None,
        })
        .collect()
}

// ----- H-3: no liquidation report while an open offering has subscriptions -----------------

/// Review finding H-3, with its numbers: the supply is 1,000,000 and Alice holds 10,000; Bob
/// (the issuer) offers 500,000 and Carol subscribes for all of it. Before the fix his report
/// of a 10,000,000 liquidation went through with `outstanding == 10_000` (a share of 100,000,
/// none of it Carol's) and he kept the 5,000,000 her half paid for.
#[test]
fn regression_a_liquidation_during_an_open_offering_is_refused_until_it_settles() {
    let mut fx = Fx::holders();
    assert_eq!((SUPPLY, fx.bal(ALICE)), (1_000_000, 10_000));
    let terms = OfferingTerms {
        amount: 500_000,
        price_per_unit: 1,
        min_total: 0,
        deadline: T0 + 7 * PERIOD,
        invitees: vec![],
    };
    let (id, _) = fx.open_offering(ISSUER, terms).expect("open");
    fx.subscribe(CAROL, id, 500_000, 500_000)
        .expect("Carol takes it all");
    assert_eq!(fx.token.subscribed_in_open_offerings(), 500_000);
    let (asset, _) = fx.disclose(ISSUER, 10_000_000).expect("disclose");
    // On today's outstanding supply the share would leave Carol out.
    assert_eq!(fx.token.holders_share(10_000_000), Ok(100_000));
    for value in [100_000, 5_100_000, 10_000_000] {
        assert_eq!(
            fx.refused(|fx| fx.report(ISSUER, asset, 10_000_000, value)),
            TokenError::OfferingHasSubscriptions
        );
    }
    assert_eq!(fx.token.liquidation(asset, 0), None);
    // Sold out, so closed: it settles now and Carol holds half the supply.
    fx.settle(STRANGER, id).expect("settle");
    assert_eq!(fx.bal(CAROL), 500_000);
    assert_eq!(fx.token.subscribed_in_open_offerings(), 0);
    // ceil(10,000,000 * 510,000 / 1,000,000)
    let required = 5_100_000;
    assert_eq!(fx.token.holders_share(10_000_000), Ok(required));
    assert_eq!(
        fx.refused(|fx| fx.report(ISSUER, asset, 10_000_000, required - 1)),
        TokenError::LiquidationUnderpaid { required }
    );
    let outcome = fx
        .report(ISSUER, asset, 10_000_000, required)
        .expect("report");
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Distribute {
            amount: required,
            memo: liquidation_memo(asset, 0),
        }]
    );
    let liquidation = fx.token.liquidation(asset, 0).expect("recorded");
    assert_eq!(
        (liquidation.outstanding, liquidation.holders_share),
        (510_000, required)
    );
    // The splitter spreads it pro rata to the balances: Carol's part is 5,000,000.
    assert_eq!(
        interfaces::mul_div(required, fx.bal(CAROL), liquidation.outstanding),
        Some(5_000_000)
    );
    assert_eq!(
        interfaces::mul_div(required, fx.bal(ALICE), liquidation.outstanding),
        Some(100_000)
    );
}

#[test]
fn report_liquidation_refusals_with_a_subscribed_offering_in_precedence_order() {
    let mut fx = Fx::holders();
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, T0 + PERIOD))
        .expect("open");
    fx.subscribe(ALICE, id, 10, 20).expect("subscribe");
    assert_eq!(
        fx.refused(|fx| fx.report(ISSUER, 9, 1_000, 0)),
        TokenError::AssetNotFound
    );
    let (asset, _) = fx.disclose(ISSUER, 5).expect("disclose");
    assert_eq!(
        fx.refused(|fx| fx.report(ALICE, asset, 1_000, 1_000)),
        TokenError::NotIssuer
    );
    assert_eq!(
        fx.refused(|fx| fx.report(ISSUER, asset, 0, 0)),
        TokenError::ZeroAmount
    );
    // Before the payment is looked at, and also while frozen (where reports are allowed).
    assert_eq!(
        fx.refused(|fx| fx.report(ISSUER, asset, 1_000, 0)),
        TokenError::OfferingHasSubscriptions
    );
    fx.freeze(GOVERNANCE).expect("freeze");
    assert_eq!(
        fx.refused(|fx| fx.report(ISSUER, asset, 1_000, 1_000)),
        TokenError::OfferingHasSubscriptions
    );
    // The frozen offering fails on the subscriber's refund: the report goes through.
    fx.refund(ALICE, id).expect("refund");
    assert_eq!(fx.token.subscribed_in_open_offerings(), 0);
    fx.report(ISSUER, asset, 1_000, 1_000)
        .expect("report while frozen");
}

/// The counter is the units sold in open offerings through every path that changes them:
/// subscribe, withdraw_subscription, cancel, a failing settlement, a failing refund, a
/// settlement with a former member, and a recovery (which moves subscriptions, not units).
/// A report is refused exactly while it is positive.
#[test]
fn the_open_offering_counter_follows_every_path() {
    let mut fx = Fx::holders();
    let (asset, _) = fx.disclose(ISSUER, 5).expect("disclose");
    let deadline = T0 + PERIOD;
    let check = |fx: &mut Fx, expected: Balance| {
        assert_eq!(fx.token.subscribed_in_open_offerings(), expected);
        if expected > 0 {
            assert_eq!(
                fx.refused(|fx| fx.report(ISSUER, asset, 1_000, 1_000)),
                TokenError::OfferingHasSubscriptions
            );
        } else {
            fx.report(ISSUER, asset, 1_000, 1_000).expect("report");
        }
    };
    // An open offering that sold nothing does not block a report.
    let (a, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open a");
    let (b, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open b");
    check(&mut fx, 0);
    fx.subscribe(ALICE, a, 10, 20).expect("alice in a");
    fx.subscribe(CAROL, b, 20, 40).expect("carol in b");
    fx.subscribe(DAVE, a, 10, 20).expect("dave in a");
    fx.subscribe(DAVE, a, 5, 10).expect("dave again");
    check(&mut fx, 45);
    fx.members.exits_open = true;
    fx.withdraw_subscription(DAVE, a).expect("dave leaves");
    fx.members.exits_open = false;
    check(&mut fx, 30);
    fx.cancel_offering(ISSUER, a).expect("cancel a");
    check(&mut fx, 20);
    fx.refund(ALICE, a).expect("alice refunds");
    check(&mut fx, 20);
    fx.recover(GOVERNANCE, CAROL, ERIN).expect("recover");
    check(&mut fx, 20);
    fx.subscribe(DAVE, b, 80, 160).expect("sell out b");
    check(&mut fx, 100);
    fx.settle(STRANGER, b).expect("settle b");
    check(&mut fx, 0);
    // Closed below its minimum: the settlement fails it.
    let (c, _) = fx
        .open_offering(ISSUER, offer(100, 2, 150, deadline))
        .expect("open c");
    fx.subscribe(ALICE, c, 10, 20).expect("alice in c");
    check(&mut fx, 10);
    // Frozen: the first refund fails it.
    let (d, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open d");
    fx.subscribe(ALICE, d, 10, 20).expect("alice in d");
    check(&mut fx, 20);
    fx.freeze(GOVERNANCE).expect("freeze");
    fx.refund(ALICE, d).expect("refund fails d");
    fx.unfreeze(GOVERNANCE).expect("unfreeze");
    check(&mut fx, 10);
    // A settlement with a former member: his undelivered units leave the count too.
    let (e, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open e");
    fx.subscribe(ALICE, e, 10, 20).expect("alice in e");
    fx.subscribe(CAROL, e, 10, 20).expect("carol in e");
    check(&mut fx, 30);
    fx.now = deadline;
    fx.settle(STRANGER, c).expect("c fails");
    check(&mut fx, 20);
    fx.expel(CAROL);
    fx.settle(STRANGER, e).expect("settle e");
    assert_eq!(fx.bal(CAROL), 0);
    check(&mut fx, 0);
    assert_eq!(
        fx.token.offering(e).expect("e").status,
        OfferingStatus::Settled
    );
}

// ----- L-3: minimum subscription --------------------------------------------------------------

#[test]
fn a_subscription_takes_at_least_a_32nd_unless_it_takes_the_rest() {
    let mut fx = Fx::new();
    let (id, _) = fx
        .open_offering(ISSUER, offer(1_000, 1, 0, DEADLINE))
        .expect("open");
    let offering = fx.token.offering(id).expect("offering");
    // ceil(1_000 / 32) = 32 (31.25 rounded up).
    assert_eq!(offering.minimum_subscription(), 32);
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 31, 31)),
        too_small(32)
    );
    // After ExceedsOffering and before the payment.
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 1_001, 0)),
        TokenError::ExceedsOffering
    );
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 1, 0)),
        too_small(32)
    );
    fx.subscribe(ALICE, id, 32, 32).expect("the minimum");
    fx.subscribe(CAROL, id, 948, 948).expect("all but 20");
    // What remains is below the minimum: only all of it is accepted.
    assert_eq!(
        fx.refused(|fx| fx.subscribe(DAVE, id, 19, 19)),
        too_small(20)
    );
    assert_eq!(
        fx.refused(|fx| fx.subscribe(DAVE, id, 21, 21)),
        TokenError::ExceedsOffering
    );
    fx.subscribe(DAVE, id, 20, 20).expect("the rest");
    assert!(fx.token.offering(id).expect("offering").is_closed(fx.now));
    // Small offerings: a minimum of one unit.
    let (small, _) = fx
        .open_offering(ISSUER, offer(10, 1, 0, DEADLINE))
        .expect("open");
    assert_eq!(
        fx.token
            .offering(small)
            .expect("offering")
            .minimum_subscription(),
        1
    );
    fx.subscribe(ALICE, small, 1, 1).expect("one unit");
}

/// Review finding L-3: 32 members subscribing one unit each filled every subscriber slot of a
/// public offering for 32 × 3 planck. Now each needs at least 3,125 units, and 32 minimum
/// subscriptions buy the whole offering: squatting it costs its full price.
#[test]
fn regression_32_one_unit_subscriptions_no_longer_squat_a_public_offering() {
    let mut fx = Fx::new();
    let (id, _) = fx
        .open_offering(ISSUER, offer(100_000, 3, 60_000, DEADLINE))
        .expect("open");
    for n in 0..MAX_SUBSCRIBERS as u8 {
        fx.admit(CROWD + n);
        fx.track(CROWD + n);
        assert_eq!(
            fx.refused(|fx| fx.subscribe(CROWD + n, id, 1, 3)),
            too_small(3_125)
        );
    }
    assert_eq!(fx.token.offering(id).expect("offering").subscriber_count, 0);
    fx.subscribe(ALICE, id, 60_000, 180_000)
        .expect("a real buyer finds room");
}

// ----- L-6: prices and costs of 0 or at least the existential deposit --------------------------

#[test]
fn a_request_price_is_zero_or_at_least_the_existential_deposit() {
    let mut fx = Fx::holders();
    fx.existential_deposit = 500;
    for price in [1, 499] {
        assert_eq!(
            fx.refused(|fx| fx.request(ALICE, CAROL, 10, price)),
            below_ed(500)
        );
    }
    // After ZeroAmount and SelfTransfer, before membership and balance.
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, CAROL, 0, 1)),
        TokenError::ZeroAmount
    );
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, ALICE, 10, 1)),
        TokenError::SelfTransfer
    );
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, STRANGER, 10, 1)),
        below_ed(500)
    );
    assert_eq!(
        fx.refused(|fx| fx.request(ALICE, CAROL, ALICE_HOLDS + 1, 1)),
        below_ed(500)
    );
    // A gift escrows nothing; a price of the deposit is accepted.
    fx.open_request(ALICE, CAROL, 10, 0);
    fx.open_request(ALICE, CAROL, 10, 500);
}

#[test]
fn funding_is_refused_once_the_existential_deposit_rose_above_the_price() {
    let mut fx = Fx::holders();
    fx.existential_deposit = 500;
    let id = fx.open_request(ALICE, CAROL, 10, 500);
    let gift = fx.open_request(ALICE, CAROL, 10, 0);
    // A runtime upgrade raised the deposit.
    fx.existential_deposit = 501;
    assert_eq!(fx.refused(|fx| fx.fund(CAROL, id, 500)), below_ed(501));
    // After the buyer and a gift's NothingToFund, before the freeze and the payment.
    assert_eq!(
        fx.refused(|fx| fx.fund(ALICE, id, 500)),
        TokenError::NotBuyer
    );
    assert_eq!(
        fx.refused(|fx| fx.fund(CAROL, gift, 0)),
        TokenError::NothingToFund
    );
    fx.freeze(GOVERNANCE).expect("freeze");
    assert_eq!(fx.refused(|fx| fx.fund(CAROL, id, 1)), below_ed(501));
    fx.unfreeze(GOVERNANCE).expect("unfreeze");
    // Unfunded, it still unwinds without any payment.
    let outcome = fx.cancel(ALICE, id).expect("cancel");
    assert_eq!(payments(&outcome), vec![]);
}

#[test]
fn a_subscription_costs_at_least_the_existential_deposit() {
    let mut fx = Fx::new();
    fx.existential_deposit = 100;
    let (id, _) = fx
        .open_offering(ISSUER, offer(1_000, 1, 0, DEADLINE))
        .expect("open");
    // The minimum size comes first, then the deposit, then the payment.
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 1, 1)),
        too_small(32)
    );
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 32, 32)),
        below_ed(100)
    );
    assert_eq!(
        fx.refused(|fx| fx.subscribe(ALICE, id, 99, 0)),
        below_ed(100)
    );
    fx.subscribe(ALICE, id, 100, 100).expect("the deposit");
    fx.subscribe(CAROL, id, 895, 895).expect("all but 5");
    // A remainder worth less than the deposit cannot be bought, even whole.
    assert_eq!(fx.refused(|fx| fx.subscribe(DAVE, id, 5, 5)), below_ed(100));
    // The offering closes at its deadline and delivers what was sold.
    fx.now = DEADLINE;
    let outcome = fx.settle(STRANGER, id).expect("settle");
    assert_eq!(payments(&outcome), vec![(acc(ISSUER), 995)]);
    assert_eq!(fx.locked(ISSUER), 0);
    assert_eq!((fx.bal(ALICE), fx.bal(CAROL)), (100, 895));
}

/// Review finding L-6: with a price below the existential deposit, a refund pushed to a buyer
/// whose account was reaped failed and kept the request open. Every refund and payment to a
/// holder now is at least the deposit: rejection, the seller's and anyone's cancellation,
/// first refusal (seller and buyer), the buyer's withdrawal, a recovery's unwinding, an
/// offering's refunds after cancellation, a failed settlement and a former member's
/// settlement, and `withdraw_subscription`.
#[test]
fn every_refund_path_pays_at_least_the_existential_deposit() {
    let mut fx = Fx::holders();
    let ed = 500;
    fx.existential_deposit = ed;
    fx.give(DAVE, 1_000);
    let mut paid = Vec::new();
    let fund = |fx: &mut Fx, seller: u8, buyer: u8| {
        let id = fx.open_request(seller, buyer, 10, ed);
        fx.fund(buyer, id, ed).expect("fund");
        id
    };
    let id = fund(&mut fx, ALICE, CAROL);
    paid.extend(payments(&fx.reject(ISSUER, id, "no").expect("reject")));
    let id = fund(&mut fx, ALICE, CAROL);
    paid.extend(payments(&fx.cancel(ALICE, id).expect("seller cancels")));
    let id = fund(&mut fx, ALICE, CAROL);
    paid.extend(payments(
        &fx.first_refusal(ISSUER, id, ed).expect("first refusal"),
    ));
    let id = fund(&mut fx, ALICE, CAROL);
    paid.extend(payments(&fx.withdraw(CAROL, id).expect("withdraw")));
    let expiring = fund(&mut fx, ALICE, CAROL);
    let lost = fund(&mut fx, DAVE, CAROL);
    paid.extend(payments(
        &fx.recover(GOVERNANCE, DAVE, ERIN).expect("recover"),
    ));
    fx.now = T0 + 2 * PERIOD;
    paid.extend(payments(
        &fx.cancel(STRANGER, expiring).expect("anyone cancels"),
    ));
    assert_eq!(fx.req(lost).status, RequestStatus::Cancelled);
    // Offerings: costs of at least the deposit, so every refund is too.
    let deadline = fx.now + PERIOD;
    let (cancelled, _) = fx
        .open_offering(ISSUER, offer(1_000, 10, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, cancelled, 50, 500).expect("subscribe");
    fx.cancel_offering(ISSUER, cancelled).expect("cancel");
    paid.extend(payments(&fx.refund(ALICE, cancelled).expect("refund")));
    let (left, _) = fx
        .open_offering(ISSUER, offer(1_000, 10, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, left, 50, 500).expect("subscribe");
    fx.subscribe(CAROL, left, 60, 600).expect("subscribe");
    fx.members.exits_open = true;
    paid.extend(payments(
        &fx.withdraw_subscription(ALICE, left).expect("withdraw"),
    ));
    fx.members.exits_open = false;
    let (failed, _) = fx
        .open_offering(ISSUER, offer(1_000, 10, 5_000, deadline))
        .expect("open");
    fx.subscribe(ALICE, failed, 50, 500).expect("subscribe");
    fx.subscribe(DAVE, left, 50, 500).expect("subscribe");
    fx.now = deadline;
    fx.settle(STRANGER, failed)
        .expect("fails below its minimum");
    paid.extend(payments(&fx.refund(ALICE, failed).expect("refund")));
    fx.expel(DAVE);
    paid.extend(payments(&fx.settle(STRANGER, left).expect("settle")));
    paid.extend(payments(&fx.refund(DAVE, left).expect("former member")));
    assert_eq!(paid.len(), 12, "{paid:?}");
    for (to, amount) in &paid {
        assert!(*amount >= ed, "paid {amount} to {to:?}");
    }
    assert_eq!(fx.token.escrow_total(), 0);
}

// ----- exits while an upgrade is under way ----------------------------------------------------

#[test]
fn subscribers_leave_an_open_offering_while_the_exits_are_open() {
    let mut fx = Fx::holders();
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, T0 + PERIOD))
        .expect("open");
    fx.subscribe(ALICE, id, 10, 20).expect("alice");
    fx.subscribe(CAROL, id, 30, 60).expect("carol");
    // The issuer is not restrained: the old rule refuses, and governance says closed.
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::WithdrawalNotAllowed
    );
    assert_eq!(fx.members.exits_asked.get(), 1);
    // Governance is asked only after the other checks.
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(DAVE, id)),
        TokenError::NothingToRefund
    );
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, 9)),
        TokenError::OfferingNotFound
    );
    assert_eq!(fx.members.exits_asked.get(), 1);
    fx.members.governance_unreachable = true;
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::CallFailed
    );
    fx.members.governance_unreachable = false;
    // An upgrade is under way: the exits are open.
    fx.members.exits_open = true;
    let outcome = fx.withdraw_subscription(ALICE, id).expect("withdraw");
    assert_eq!(
        outcome.events,
        vec![TokenEvent::SubscriptionWithdrawn(SubscriptionWithdrawn {
            id,
            subscriber: acc(ALICE),
            amount: 10,
            refunded: 20,
        })]
    );
    assert_eq!(outcome.interactions, vec![pay(ALICE, 20)]);
    let offering = fx.token.offering(id).expect("offering");
    assert_eq!(
        (offering.sold, offering.raised, offering.subscriber_count),
        (30, 60, 1)
    );
    assert_eq!(fx.token.subscriber_at.get((id, 0)), Some(acc(CAROL)));
    assert_eq!(fx.token.subscribed_in_open_offerings(), 30);
    assert_eq!(fx.token.escrow_total(), 60);
    assert_eq!(fx.positions(ALICE), vec![]);
    // A restrained issuer's subscribers leave without governance being asked.
    fx.members.exits_open = false;
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    let asked = fx.members.exits_asked.get();
    fx.withdraw_subscription(CAROL, id)
        .expect("withdraw while restrained");
    assert_eq!(fx.members.exits_asked.get(), asked);
}

#[test]
fn a_funded_buyer_of_an_approved_request_withdraws_while_the_exits_are_open() {
    // Silence approves a funded request: it waits for anyone's `execute_transfer`.
    let mut fx = Fx::auto();
    let id = fx.open_request(ALICE, CAROL, 100, 500);
    // Before approval the old rule allows it: governance is not asked.
    fx.fund(CAROL, id, 500).expect("fund");
    fx.withdraw(CAROL, id).expect("withdraw before approval");
    assert_eq!(fx.members.exits_asked.get(), 0);
    fx.fund(CAROL, id, 500).expect("fund again");
    fx.now = T0 + PERIOD;
    assert!(fx.req(id).is_approved(fx.now, true));
    assert_eq!(
        fx.refused(|fx| fx.withdraw(CAROL, id)),
        TokenError::CannotWithdrawYet
    );
    assert_eq!(fx.members.exits_asked.get(), 1);
    // The registry is asked first (can the request execute?), then governance.
    fx.members.unreachable = true;
    assert_eq!(
        fx.refused(|fx| fx.withdraw(CAROL, id)),
        TokenError::CallFailed
    );
    fx.members.unreachable = false;
    assert_eq!(fx.members.exits_asked.get(), 1);
    fx.members.governance_unreachable = true;
    assert_eq!(
        fx.refused(|fx| fx.withdraw(CAROL, id)),
        TokenError::CallFailed
    );
    fx.members.governance_unreachable = false;
    // The other checks come before any question.
    assert_eq!(
        fx.refused(|fx| fx.withdraw(ALICE, id)),
        TokenError::NotBuyer
    );
    fx.members.exits_open = true;
    let outcome = fx.withdraw(CAROL, id).expect("withdraw during the upgrade");
    assert_eq!(
        outcome.events,
        vec![TokenEvent::FundingWithdrawn(FundingWithdrawn {
            id,
            price: 500
        })]
    );
    assert_eq!(outcome.interactions, vec![pay(CAROL, 500)]);
    let request = fx.req(id);
    assert!(!request.funded);
    assert!(request.is_open());
    assert_eq!(fx.token.escrow_total(), 0);
    assert_eq!(fx.positions(CAROL), vec![]);
    // Unfunded, the approved request waits for a payment again.
    assert_eq!(
        fx.refused(|fx| fx.execute(STRANGER, id)),
        TokenError::NotFunded
    );
}

#[test]
fn an_issuer_approved_request_funded_at_approval_cannot_wait_funded() {
    // Approval of a funded request executes at once: the only funded approved requests are
    // approved by silence (or unexecutable, which the old rule already lets go).
    let mut fx = Fx::holders();
    let id = fx.open_request(ALICE, CAROL, 100, 500);
    fx.approve(ISSUER, id).expect("approve unfunded");
    fx.members.exits_open = true;
    let outcome = fx.fund(CAROL, id, 500).expect("executes at once");
    assert_eq!(fx.req(id).status, RequestStatus::Executed);
    assert_eq!(payments(&outcome), vec![(acc(ALICE), 500)]);
    assert_eq!(fx.members.exits_asked.get(), 0);
}
