//! Issue 12: the issuer's restraint (pushed by the registry while a misconduct dispute against
//! him is open or he is suspended), giving tokens back to the issuer, `withdraw_subscription`
//! and `holder_count`.

use super::*;

const RESTRAINED: u8 = restriction::ISSUER_RESTRAINED;

/// A wired token where Alice holds [`ALICE_HOLDS`] and one misconduct case is open.
fn restrained() -> Fx {
    let mut fx = Fx::holders();
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    fx
}

fn restrained_event(open_cases: u32, suspended_until: Timestamp) -> TokenEvent {
    TokenEvent::IssuerRestrained(IssuerRestrained {
        open_cases,
        suspended_until,
    })
}

// ----- restrain ------------------------------------------------------------------------------

#[test]
fn restrain_is_refused_before_wiring_and_to_anyone_but_the_registry() {
    let mut fx = Fx::unwired();
    assert_eq!(
        fx.refused(|fx| fx.restrain(REGISTRY, 1, 0)),
        TokenError::NotWired
    );
    let mut fx = Fx::new();
    for caller in [ISSUER, GOVERNANCE, SPLITTER, DEPLOYER, ALICE, STRANGER] {
        assert_eq!(
            fx.refused(|fx| fx.restrain(caller, 1, 0)),
            TokenError::NotRegistry
        );
    }
    assert!(!fx.token.is_restrained(fx.now));
}

#[test]
fn restrain_stores_the_restraint_and_emits_it() {
    let mut fx = Fx::new();
    let outcome = fx.restrain(REGISTRY, 2, T0 + 5).expect("restrain");
    assert_eq!(outcome.events, vec![restrained_event(2, T0 + 5)]);
    assert_eq!(outcome.interactions, vec![]);
    assert_eq!(
        fx.token.restraint(),
        IssuerRestraint {
            open_cases: 2,
            suspended_until: T0 + 5
        }
    );
    // The registry may lift it (or shorten it: the registry decides, the token applies).
    let outcome = fx.restrain(REGISTRY, 0, 0).expect("lift");
    assert_eq!(outcome.events, vec![restrained_event(0, 0)]);
    assert!(!fx.token.is_restrained(fx.now));
}

#[test]
fn a_suspension_restrains_until_its_end_and_an_open_case_until_it_closes() {
    let mut fx = Fx::holders();
    fx.restrain(REGISTRY, 0, T0 + 1_000).expect("suspend");
    assert!(fx.token.is_restrained(T0));
    assert_eq!(fx.detect(ISSUER, ALICE, 10), RESTRAINED);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ISSUER, ALICE, 10)),
        code_error(RESTRAINED)
    );
    fx.now = T0 + 1_000;
    assert!(!fx.token.is_restrained(fx.now));
    assert_eq!(fx.detect(ISSUER, ALICE, 10), restriction::SUCCESS);
    fx.give(ALICE, 10);
    // An open case restrains whatever the time.
    fx.restrain(REGISTRY, 1, 0).expect("case");
    fx.now = Timestamp::MAX;
    assert_eq!(fx.detect(ISSUER, ALICE, 10), RESTRAINED);
}

// ----- the issuer's own transfers ------------------------------------------------------------

#[test]
fn a_restrained_issuers_transfers_are_code_9_after_codes_1_to_4_and_before_balances() {
    let mut fx = restrained();
    assert_eq!(fx.detect(ISSUER, CAROL, 10), RESTRAINED);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ISSUER, CAROL, 10)),
        code_error(RESTRAINED)
    );
    // Before the balance codes: even beyond the supply.
    assert_eq!(fx.detect(ISSUER, CAROL, SUPPLY + 1), RESTRAINED);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ISSUER, CAROL, SUPPLY + 1)),
        code_error(RESTRAINED)
    );
    // By allowance too, and before the allowance check.
    assert_eq!(
        fx.refused(|fx| fx.transfer_from(DAVE, ISSUER, CAROL, 10)),
        code_error(RESTRAINED)
    );
    fx.token.ledger.approve(acc(ISSUER), acc(DAVE), 100);
    assert_eq!(
        fx.refused(|fx| fx.transfer_from(DAVE, ISSUER, CAROL, 10)),
        code_error(RESTRAINED)
    );
    // After the receiver's membership (code 4) ...
    assert_eq!(
        fx.detect(ISSUER, STRANGER, 10),
        restriction::RECEIVER_NOT_MEMBER
    );
    assert_eq!(
        fx.refused(|fx| fx.transfer(ISSUER, STRANGER, 10)),
        code_error(restriction::RECEIVER_NOT_MEMBER)
    );
    // ... and after the freeze (code 2).
    fx.freeze(GOVERNANCE).expect("freeze");
    assert_eq!(fx.detect(ISSUER, CAROL, 10), restriction::FROZEN);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ISSUER, CAROL, 10)),
        code_error(restriction::FROZEN)
    );
    // A registry outage is still code 8 (membership is asked before the restraint).
    fx.unfreeze(GOVERNANCE).expect("unfreeze");
    fx.members.unreachable = true;
    assert_eq!(
        fx.detect(ISSUER, CAROL, 10),
        restriction::REGISTRY_UNAVAILABLE
    );
    // No-ops still succeed.
    fx.members.unreachable = false;
    assert_eq!(fx.transfer(ISSUER, CAROL, 0), Ok(Outcome::default()));
    assert_eq!(fx.detect(ISSUER, ISSUER, 10), restriction::SUCCESS);
    // Lifted: the issuer's transfers work again.
    fx.restrain(REGISTRY, 0, 0).expect("lift");
    fx.give(CAROL, 10);
    assert_eq!(fx.bal(CAROL), 10);
}

// ----- offerings -----------------------------------------------------------------------------

#[test]
fn a_restrained_issuer_opens_no_offering_after_not_issuer_and_frozen() {
    let mut fx = restrained();
    let deadline = T0 + PERIOD;
    assert_eq!(
        fx.refused(|fx| fx.open_offering(ISSUER, offer(100, 2, 0, deadline))),
        TokenError::IssuerRestrained
    );
    // Before the terms' checks.
    assert_eq!(
        fx.refused(|fx| fx.open_offering(ISSUER, offer(0, 2, 0, deadline))),
        TokenError::IssuerRestrained
    );
    assert_eq!(
        fx.refused(|fx| fx.open_offering(ALICE, offer(100, 2, 0, deadline))),
        TokenError::NotIssuer
    );
    fx.freeze(GOVERNANCE).expect("freeze");
    assert_eq!(
        fx.refused(|fx| fx.open_offering(ISSUER, offer(100, 2, 0, deadline))),
        TokenError::Frozen
    );
}

#[test]
fn a_restrained_issuers_offering_settles_only_by_failing() {
    let mut fx = Fx::holders();
    let deadline = T0 + PERIOD;
    // 0: will raise its minimum; 1: will miss it; 2: only a former member subscribes.
    let (good, _) = fx
        .open_offering(ISSUER, offer(100, 2, 100, deadline))
        .expect("open");
    let (short, _) = fx
        .open_offering(ISSUER, offer(100, 2, 150, deadline))
        .expect("open");
    let (lonely, _) = fx
        .open_offering(ISSUER, offer(100, 2, 10, deadline))
        .expect("open");
    fx.subscribe(ALICE, good, 60, 120).expect("subscribe");
    fx.subscribe(CAROL, short, 10, 20).expect("subscribe");
    fx.subscribe(DAVE, lonely, 10, 20).expect("subscribe");
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    fx.expel(DAVE);
    fx.now = deadline;
    assert_eq!(
        fx.refused(|fx| fx.settle(STRANGER, good)),
        TokenError::IssuerRestrained
    );
    // A registry outage comes first (membership is asked before deciding to deliver).
    fx.members.unreachable = true;
    assert_eq!(
        fx.refused(|fx| fx.settle(STRANGER, good)),
        TokenError::CallFailed
    );
    fx.members.unreachable = false;
    // Failing settlements go through: the subscribers' refund path.
    let outcome = fx.settle(STRANGER, short).expect("fails below the minimum");
    assert_eq!(
        outcome.events,
        vec![TokenEvent::OfferingFailed(OfferingFailed {
            id: short,
            raised: 20
        })]
    );
    let outcome = fx
        .settle(STRANGER, lonely)
        .expect("fails: nothing delivered");
    assert_eq!(
        outcome.events,
        vec![TokenEvent::OfferingFailed(OfferingFailed {
            id: lonely,
            raised: 20
        })]
    );
    fx.refund(CAROL, short).expect("refund");
    // Once lifted, the good offering settles and pays the issuer.
    fx.restrain(REGISTRY, 0, 0).expect("lift");
    let outcome = fx.settle(STRANGER, good).expect("settle");
    assert!(outcome.interactions.contains(&pay(ISSUER, 120)));
    assert_eq!(fx.bal(ALICE), ALICE_HOLDS + 60);
}

// ----- first refusal -------------------------------------------------------------------------

#[test]
fn a_restrained_issuer_cannot_exercise_first_refusal_after_gift_and_frozen() {
    let mut fx = restrained();
    let priced = fx.open_request(ALICE, CAROL, 100, 50);
    let gift = fx.open_request(ALICE, CAROL, 100, 0);
    assert_eq!(
        fx.refused(|fx| fx.first_refusal(ISSUER, priced, 50)),
        TokenError::IssuerRestrained
    );
    // Before the payment and expiry checks.
    assert_eq!(
        fx.refused(|fx| fx.first_refusal(ISSUER, priced, 1)),
        TokenError::IssuerRestrained
    );
    assert_eq!(
        fx.refused(|fx| fx.first_refusal(ISSUER, gift, 0)),
        TokenError::GiftCannotBePreempted
    );
    assert_eq!(
        fx.refused(|fx| fx.first_refusal(ALICE, priced, 50)),
        TokenError::NotIssuer
    );
    fx.freeze(GOVERNANCE).expect("freeze");
    assert_eq!(
        fx.refused(|fx| fx.first_refusal(ISSUER, priced, 50)),
        TokenError::Frozen
    );
}

// ----- what keeps working --------------------------------------------------------------------

#[test]
fn holders_exits_and_the_issuers_decisions_keep_working_while_he_is_restrained() {
    let mut fx = Fx::auto();
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    // The issuer approves a free request: it executes.
    let id = fx.open_request(ALICE, CAROL, 100, 0);
    fx.approve(ISSUER, id).expect("approve");
    assert_eq!(fx.bal(CAROL), 100);
    // He rejects one; the seller cancels one; a buyer withdraws.
    let id = fx.open_request(ALICE, CAROL, 100, 10);
    fx.fund(CAROL, id, 10).expect("fund");
    fx.reject(ISSUER, id, "no").expect("reject");
    let id = fx.open_request(ALICE, CAROL, 100, 10);
    fx.cancel(ALICE, id).expect("cancel");
    let id = fx.open_request(ALICE, CAROL, 100, 10);
    fx.fund(CAROL, id, 10).expect("fund");
    fx.withdraw(CAROL, id).expect("withdraw");
    // Silence approves (auto_approve) and anyone executes.
    fx.fund(CAROL, id, 10).expect("fund again");
    fx.now += PERIOD;
    fx.execute(STRANGER, id).expect("execute by silence");
    assert_eq!(fx.bal(CAROL), 200);
    // Disclosures, revaluations and liquidation reports (they pay holders, never him).
    let (asset, _) = fx.disclose(ISSUER, 1_000).expect("disclose");
    let ctx = fx.at(ISSUER);
    fx.token.revalue(ctx, asset, 2_000).expect("revalue");
    let share = fx.token.holders_share(1_000).expect("share");
    fx.report(ISSUER, asset, 1_000, share).expect("report");
    // A holder gives tokens back to the issuer.
    fx.transfer(CAROL, ISSUER, 50).expect("give back");
}

// ----- giving tokens back to the issuer ------------------------------------------------------

#[test]
fn any_holder_gives_tokens_back_to_the_issuer_without_approval_or_membership() {
    let mut fx = Fx::holders();
    assert_eq!(fx.detect(ALICE, ISSUER, 10), restriction::SUCCESS);
    let outcome = fx.transfer(ALICE, ISSUER, 10).expect("give back");
    assert_eq!(outcome.events, vec![transfer(ALICE, ISSUER, 10)]);
    assert_eq!(
        outcome.interactions,
        vec![hook(ALICE, ALICE_HOLDS, ISSUER, SUPPLY - ALICE_HOLDS, 10)]
    );
    // Neither party need be a member; and it works while the issuer is restrained.
    fx.expel(ALICE);
    fx.expel(ISSUER);
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    assert_eq!(fx.detect(ALICE, ISSUER, 10), restriction::SUCCESS);
    fx.transfer(ALICE, ISSUER, 10)
        .expect("give back as a former member");
    // A stranger holding tokens (e.g. a recovered account) gives them back too.
    fx.recover(GOVERNANCE, ALICE, STRANGER).expect("recover");
    fx.transfer(STRANGER, ISSUER, 5)
        .expect("a stranger gives back");
    assert_eq!(fx.bal(STRANGER), ALICE_HOLDS - 25);
    // By allowance: the holder's consent.
    fx.token.ledger.approve(acc(STRANGER), acc(DAVE), 5);
    fx.transfer_from(DAVE, STRANGER, ISSUER, 5)
        .expect("give back by allowance");
    assert_eq!(
        fx.refused(|fx| fx.transfer_from(DAVE, STRANGER, ISSUER, 5)),
        PSP22Error::InsufficientAllowance
    );
    // Balance codes still apply: locked and insufficient.
    let mut fx = Fx::holders();
    fx.open_request(ALICE, CAROL, ALICE_HOLDS, 0);
    assert_eq!(fx.detect(ALICE, ISSUER, 1), restriction::BALANCE_LOCKED);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ALICE, ISSUER, 1)),
        code_error(restriction::BALANCE_LOCKED)
    );
    assert_eq!(
        fx.refused(|fx| fx.transfer(ALICE, ISSUER, ALICE_HOLDS + 1)),
        PSP22Error::InsufficientBalance
    );
    // Not while frozen.
    fx.freeze(REGISTRY).expect("freeze");
    assert_eq!(fx.detect(ALICE, ISSUER, 1), restriction::FROZEN);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ALICE, ISSUER, 1)),
        code_error(restriction::FROZEN)
    );
    // Nor before wiring.
    let fx = Fx::unwired();
    assert_eq!(fx.detect(ALICE, ISSUER, 1), restriction::NOT_WIRED);
}

#[test]
fn a_holders_transfer_to_anyone_else_still_needs_approval() {
    let mut fx = restrained();
    assert_eq!(fx.detect(ALICE, CAROL, 1), restriction::APPROVAL_REQUIRED);
    assert_eq!(
        fx.refused(|fx| fx.transfer(ALICE, CAROL, 1)),
        code_error(restriction::APPROVAL_REQUIRED)
    );
}

// ----- withdraw_subscription -----------------------------------------------------------------

#[test]
fn withdraw_subscription_refusals_in_precedence_order() {
    let mut fx = Fx::holders();
    let deadline = T0 + PERIOD;
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, deadline))
        .expect("open");
    fx.subscribe(ALICE, id, 10, 20).expect("subscribe");
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, 99)),
        TokenError::OfferingNotFound
    );
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(CAROL, id)),
        TokenError::NothingToRefund
    );
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::WithdrawalNotAllowed
    );
    // A lapsed suspension does not allow it.
    fx.restrain(REGISTRY, 0, T0).expect("lapsed");
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::WithdrawalNotAllowed
    );
    // A failed offering: refund instead.
    fx.cancel_offering(ISSUER, id).expect("cancel");
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::OfferingFinalized
    );
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(CAROL, id)),
        TokenError::NothingToRefund
    );
}

#[test]
fn withdraw_subscription_refunds_and_frees_the_slot_of_a_restrained_issuers_offering() {
    let mut fx = Fx::holders();
    let deadline = T0 + PERIOD;
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 40, deadline))
        .expect("open");
    fx.subscribe(ALICE, id, 10, 20).expect("subscribe");
    fx.subscribe(CAROL, id, 20, 40).expect("subscribe");
    fx.subscribe(DAVE, id, 30, 60).expect("subscribe");
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    // Closed (past the deadline) but neither settled nor failed: still open to leave.
    fx.now = deadline;
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
    assert_eq!((offering.sold, offering.raised), (50, 100));
    assert_eq!(offering.subscriber_count, 2);
    assert_eq!(offering.status, OfferingStatus::Open);
    // The last slot moved into Alice's.
    assert_eq!(fx.token.subscriber_at.get((id, 0)), Some(acc(DAVE)));
    assert_eq!(fx.token.subscriber_at.get((id, 1)), Some(acc(CAROL)));
    assert_eq!(fx.token.subscriber_at.get((id, 2)), None);
    assert_eq!(
        fx.token.subscription(id, acc(ALICE)),
        Subscription::default()
    );
    assert_eq!(fx.positions(ALICE), vec![]);
    assert_eq!(fx.token.escrow_total(), 100);
    // Twice: nothing left.
    assert_eq!(
        fx.refused(|fx| fx.withdraw_subscription(ALICE, id)),
        TokenError::NothingToRefund
    );
    // The subscriber in the last slot leaves too (no slot to move), while frozen.
    fx.freeze(GOVERNANCE).expect("freeze");
    fx.withdraw_subscription(CAROL, id)
        .expect("withdraw while frozen");
    assert_eq!(fx.token.subscriber_at.get((id, 0)), Some(acc(DAVE)));
    assert_eq!(fx.token.subscriber_at.get((id, 1)), None);
    fx.unfreeze(GOVERNANCE).expect("unfreeze");
    // Lifted: settlement skips the withdrawn subscriptions and delivers Dave's.
    fx.restrain(REGISTRY, 0, 0).expect("lift");
    let outcome = fx.settle(STRANGER, id).expect("settle");
    assert!(outcome.interactions.contains(&pay(ISSUER, 60)));
    assert_eq!(fx.bal(DAVE), 30);
    assert_eq!(fx.bal(CAROL), 0);
    assert_eq!(fx.token.escrow_total(), 0);
    assert_eq!(fx.locked(ISSUER), 0);
}

#[test]
fn a_withdrawn_subscriber_may_subscribe_again_in_a_fresh_slot() {
    let mut fx = Fx::holders();
    let (id, _) = fx
        .open_offering(ISSUER, offer(100, 2, 0, T0 + PERIOD))
        .expect("open");
    fx.subscribe(ALICE, id, 100, 200).expect("sold out");
    fx.restrain(REGISTRY, 1, 0).expect("restrain");
    fx.withdraw_subscription(ALICE, id).expect("withdraw");
    // No longer sold out: open again for subscriptions.
    fx.subscribe(CAROL, id, 40, 80).expect("subscribe");
    fx.subscribe(ALICE, id, 10, 20).expect("again");
    let offering = fx.token.offering(id).expect("offering");
    assert_eq!((offering.sold, offering.subscriber_count), (50, 2));
    assert_eq!(fx.positions(ALICE), vec![Position::Subscribed(id)]);
}

// ----- holder_count --------------------------------------------------------------------------

#[test]
fn holder_count_counts_accounts_other_than_the_issuer_with_a_balance() {
    let mut fx = Fx::new();
    assert_eq!(fx.token.holder_count(), 0);
    fx.give(ALICE, 10);
    assert_eq!(fx.token.holder_count(), 1);
    fx.give(ALICE, 10);
    assert_eq!(fx.token.holder_count(), 1);
    fx.give(CAROL, 5);
    assert_eq!(fx.token.holder_count(), 2);
    // A whole balance sold to a new holder: one out, one in.
    let id = fx.open_request(CAROL, DAVE, 5, 0);
    fx.approve(ISSUER, id).expect("execute");
    assert_eq!(fx.token.holder_count(), 2);
    assert_eq!(fx.bal(CAROL), 0);
    // Given back to the issuer.
    fx.transfer(DAVE, ISSUER, 5).expect("give back");
    assert_eq!(fx.token.holder_count(), 1);
    // Recovered to a fresh account: still one.
    fx.recover(GOVERNANCE, ALICE, STRANGER).expect("recover");
    assert_eq!(fx.token.holder_count(), 1);
    // The issuer selling everything does not count himself.
    let mut fx = Fx::new();
    fx.give(ALICE, SUPPLY);
    assert_eq!(fx.bal(ISSUER), 0);
    assert_eq!(fx.token.holder_count(), 1);
    fx.transfer(ALICE, ISSUER, 1).expect("give back");
    assert_eq!(fx.token.holder_count(), 1);
}
