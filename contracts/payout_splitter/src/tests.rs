//! Unit tests of the splitter's rules, and a property test against an exact rational model.
// Test code: plain arithmetic on small test values is clearer than checked calls.
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use crate::events::{Claimed, Distributed, SplitterEvent, StreamEnded, StreamStarted};
use crate::pool::{Stream, MAX_STREAMS, MAX_STREAM_DURATION, MIN_STREAM_RATE_PER_MS};
use crate::state::{Accounting, Ctx, SplitterState};
use interfaces::{AccountId, Balance, Hash, SplitterError, Timestamp, U256};

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

const TOKEN: u8 = 200;
const GOVERNANCE: u8 = 201;
const ISSUER: u8 = 1;
const ALICE: u8 = 2;
const CAROL: u8 = 3;
const DAVE: u8 = 4;
const STRANGER: u8 = 99;
const SUPPLY: Balance = 1_000_000;

fn memo() -> Hash {
    Hash::from([7; 32])
}

fn ctx(caller: u8, now: Timestamp, transferred: Balance) -> Ctx {
    Ctx {
        caller: account(caller),
        now,
        transferred,
    }
}

/// A splitter with its own record of balances, driving hooks as the token would.
struct Fixture {
    splitter: SplitterState,
    balances: std::collections::HashMap<u8, Balance>,
    now: Timestamp,
}

impl Fixture {
    fn new() -> Fixture {
        // Off-chain storage is per contract: name the contract whose storage the test uses.
        ink::env::test::set_callee::<ink::env::DefaultEnvironment>(account(250));
        let mut balances = std::collections::HashMap::new();
        balances.insert(ISSUER, SUPPLY);
        Fixture {
            splitter: SplitterState::new(account(TOKEN), account(ISSUER), account(GOVERNANCE)),
            balances,
            now: 1_000,
        }
    }

    fn balance(&self, who: u8) -> Balance {
        self.balances.get(&who).copied().unwrap_or_default()
    }

    fn transfer(&mut self, from: u8, to: u8, amount: Balance) {
        let (from_before, to_before) = (self.balance(from), self.balance(to));
        self.splitter
            .on_balance_change(
                ctx(TOKEN, self.now, 0),
                account(from),
                from_before,
                account(to),
                to_before,
                amount,
            )
            .expect("hook");
        self.balances.insert(from, from_before - amount);
        self.balances.insert(to, to_before + amount);
    }

    fn distribute(&mut self, amount: Balance) -> SplitterEvent {
        self.splitter
            .distribute(ctx(STRANGER, self.now, amount), memo())
            .expect("distribute")
    }

    fn claimable(&self, who: u8) -> Balance {
        self.splitter
            .claimable(account(who), self.now)
            .expect("claimable")
    }

    /// Everything the queries show, for "a refused call changed nothing".
    fn observed(&self) -> (Vec<Stream>, Accounting, U256, Balance, Vec<U256>) {
        let entitlements = [ISSUER, ALICE, CAROL, DAVE, STRANGER]
            .iter()
            .map(|who| {
                self.splitter
                    .entitlement_scaled(account(*who), self.now)
                    .expect("entitlement")
            })
            .collect();
        (
            self.splitter.streams(),
            self.splitter.accounting(self.now).expect("accounting"),
            self.splitter.payout_per_unit(),
            self.splitter.outstanding(),
            entitlements,
        )
    }

    /// Runs a call that must fail, checks it changed nothing, and returns its error.
    fn refused<T: std::fmt::Debug>(
        &mut self,
        call: impl FnOnce(&mut Fixture) -> Result<T, SplitterError>,
    ) -> SplitterError {
        let before = self.observed();
        let error = call(self).expect_err("the call should have been refused");
        assert_eq!(before, self.observed(), "a refused call changed the state");
        error
    }

    fn stream(
        &mut self,
        payer: u8,
        amount: Balance,
        duration: Timestamp,
    ) -> Result<u32, SplitterError> {
        match self
            .splitter
            .distribute_over(ctx(payer, self.now, amount), duration, memo())?
        {
            SplitterEvent::StreamStarted(started) => Ok(started.id),
            other => panic!("unexpected event {other:?}"),
        }
    }

    fn end_stream(&mut self, caller: u8, id: u32) -> Result<SplitterEvent, SplitterError> {
        self.splitter.end_stream(ctx(caller, self.now, 0), id)
    }

    fn claim(&mut self, who: u8) -> Balance {
        let (_, payment) = self
            .splitter
            .claim_for(ctx(who, self.now, 0), account(who))
            .expect("claim");
        payment.amount
    }
}

#[test]
fn alice_with_one_percent_gets_one_percent_of_the_holders_share() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, SUPPLY / 100);
    // The token sends the holders' share: 10m * 1% = 100k, all of it Alice's.
    f.distribute(100_000);
    assert_eq!(f.claimable(ALICE), 100_000);
    assert_eq!(f.claimable(ISSUER), 0);
}

#[test]
fn holders_share_pro_rata_and_the_issuer_earns_nothing() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 30_000);
    f.transfer(ISSUER, CAROL, 10_000);
    f.distribute(40_000);
    assert_eq!(f.claimable(ALICE), 30_000);
    assert_eq!(f.claimable(CAROL), 10_000);
    assert_eq!(f.claimable(ISSUER), 0);
    assert_eq!(f.splitter.outstanding(), 40_000);
}

#[test]
fn a_buyer_after_a_distribution_gets_none_of_it_and_the_seller_keeps_it() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 8_192);
    f.distribute(1_000);
    f.transfer(ALICE, CAROL, 4_096);
    assert_eq!(f.claimable(ALICE), 1_000);
    assert_eq!(f.claimable(CAROL), 0);
    f.distribute(1_000);
    assert_eq!(f.claimable(ALICE), 1_500);
    assert_eq!(f.claimable(CAROL), 500);
}

#[test]
fn selling_back_to_the_issuer_removes_tokens_from_the_payout_base() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 8_192);
    f.transfer(ISSUER, CAROL, 8_192);
    f.transfer(CAROL, ISSUER, 8_192);
    assert_eq!(f.splitter.outstanding(), 8_192);
    f.distribute(500);
    assert_eq!(f.claimable(ALICE), 500);
    assert_eq!(f.claimable(CAROL), 0);
}

#[test]
fn money_without_holders_is_held_then_distributed() {
    let mut f = Fixture::new();
    let event = f.distribute(700);
    assert_eq!(
        event,
        SplitterEvent::Distributed(Distributed {
            payer: account(STRANGER),
            amount: 700,
            from_held: 0,
            outstanding: 0,
            memo: memo(),
        })
    );
    assert_eq!(f.splitter.accounting(f.now).unwrap().held, 700);
    f.transfer(ISSUER, ALICE, 10);
    // Holding tokens is not enough: the held money goes out with the next distribution.
    assert_eq!(f.claimable(ALICE), 0);
    // A distribution of nothing releases what is held.
    let event = f
        .splitter
        .distribute(ctx(STRANGER, f.now, 0), memo())
        .unwrap();
    assert_eq!(
        event,
        SplitterEvent::Distributed(Distributed {
            payer: account(STRANGER),
            amount: 0,
            from_held: 700,
            outstanding: 10,
            memo: memo(),
        })
    );
    assert_eq!(f.claimable(ALICE), 700);
    assert_eq!(f.splitter.accounting(f.now).unwrap().held, 0);
}

#[test]
fn distributing_nothing_is_refused_and_changes_nothing() {
    let mut f = Fixture::new();
    let before = f.splitter.accounting(f.now).unwrap();
    assert_eq!(
        f.splitter.distribute(ctx(STRANGER, f.now, 0), memo()),
        Err(SplitterError::NothingToDistribute)
    );
    // Held money but no holders: still nothing can go out.
    f.distribute(5);
    assert_eq!(
        f.splitter.distribute(ctx(STRANGER, f.now, 0), memo()),
        Err(SplitterError::NothingToDistribute)
    );
    assert_eq!(
        f.splitter.accounting(f.now).unwrap().total_received,
        before.total_received + 5
    );
}

#[test]
fn only_the_bound_token_may_call_the_hooks() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    let before = f.splitter.balance_of(account(ALICE));
    for caller in [STRANGER, ISSUER, ALICE, GOVERNANCE] {
        assert_eq!(
            f.splitter.on_balance_change(
                ctx(caller, f.now, 0),
                account(ALICE),
                100,
                account(CAROL),
                0,
                100
            ),
            Err(SplitterError::NotToken)
        );
        assert_eq!(
            f.splitter
                .on_recovery(ctx(caller, f.now, 0), account(ALICE), account(CAROL)),
            Err(SplitterError::NotToken)
        );
    }
    assert_eq!(f.splitter.balance_of(account(ALICE)), before);
    assert_eq!(f.splitter.balance_of(account(CAROL)), 0);
}

#[test]
fn a_hook_with_wrong_balances_is_refused_and_changes_nothing() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    f.distribute(50);
    let token = ctx(TOKEN, f.now, 0);
    assert_eq!(
        f.splitter
            .on_balance_change(token, account(ALICE), 99, account(CAROL), 0, 10),
        Err(SplitterError::BalanceMismatch)
    );
    assert_eq!(
        f.splitter
            .on_balance_change(token, account(ALICE), 100, account(CAROL), 3, 10),
        Err(SplitterError::BalanceMismatch)
    );
    assert_eq!(
        f.splitter
            .on_balance_change(token, account(ALICE), 100, account(CAROL), 0, 101),
        Err(SplitterError::InsufficientBalance)
    );
    assert_eq!(
        f.splitter
            .on_balance_change(token, account(ALICE), 100, account(ALICE), 100, 1),
        Err(SplitterError::InvalidAccount)
    );
    assert_eq!(f.splitter.balance_of(account(ALICE)), 100);
    assert_eq!(f.splitter.outstanding(), 100);
    assert_eq!(f.claimable(ALICE), 50);
}

#[test]
fn claim_pays_everything_once() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    f.distribute(1_000);
    let (event, payment) = f
        .splitter
        .claim_for(ctx(ALICE, f.now, 0), account(ALICE))
        .unwrap();
    assert_eq!(payment.amount, 1_000);
    assert_eq!(payment.to, account(ALICE));
    assert_eq!(
        event,
        SplitterEvent::Claimed(Claimed {
            holder: account(ALICE),
            amount: 1_000,
            by: account(ALICE),
        })
    );
    assert_eq!(
        f.splitter.claim_for(ctx(ALICE, f.now, 0), account(ALICE)),
        Err(SplitterError::NothingToClaim)
    );
    let accounting = f.splitter.accounting(f.now).unwrap();
    assert_eq!(accounting.total_claimed, 1_000);
}

#[test]
fn anyone_may_push_a_holders_payout_to_that_holder() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 128);
    f.distribute(10);
    let (event, payment) = f
        .splitter
        .claim_for(ctx(STRANGER, f.now, 0), account(ALICE))
        .unwrap();
    assert_eq!(payment.to, account(ALICE));
    assert_eq!(
        event,
        SplitterEvent::Claimed(Claimed {
            holder: account(ALICE),
            amount: 10,
            by: account(STRANGER),
        })
    );
}

#[test]
fn the_issuer_has_nothing_to_claim() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 1);
    f.distribute(10);
    assert_eq!(
        f.splitter.claim_for(ctx(ISSUER, f.now, 0), account(ISSUER)),
        Err(SplitterError::NothingToClaim)
    );
}

#[test]
fn a_rounding_remainder_is_carried_into_the_next_distribution() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 1);
    f.transfer(ISSUER, CAROL, 1);
    f.transfer(ISSUER, DAVE, 1);
    f.distribute(10);
    // 10 / 3: each is owed 3.33..; whole units 3 each, the rest kept as fractions and carry.
    assert_eq!(f.claimable(ALICE), 3);
    let acc = f.splitter.accounting(f.now).unwrap();
    assert!(acc.carry_scaled > 0);
    f.distribute(2);
    // 12 / 3 = 4 each, exactly: nothing was lost.
    assert_eq!(f.claimable(ALICE), 4);
    assert_eq!(f.claimable(CAROL), 4);
    assert_eq!(f.claimable(DAVE), 4);
}

#[test]
fn a_sole_holder_is_never_more_than_one_unit_short() {
    // 1,000 over 10,000 units: the per-unit increment 2^128 / 10 is not exact, so the sole
    // holder is owed 999 whole units plus a fraction within 10^-34 of a unit; the division
    // remainder is carried into the next distribution, so the shortfall never grows.
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 10_000);
    f.distribute(1_000);
    assert_eq!(f.claimable(ALICE), 999);
    let scaled = f
        .splitter
        .entitlement_scaled(account(ALICE), f.now)
        .unwrap();
    assert!(scaled.lo > u128::MAX - 10_000);
    for round in 2..=100u128 {
        f.distribute(1_000);
        let due = f.claimable(ALICE);
        assert!(
            due == round * 1_000 || due == round * 1_000 - 1,
            "round {round}: {due}"
        );
    }
}

#[test]
fn a_stream_vests_linearly_and_lazily() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    let event = f
        .splitter
        .distribute_over(ctx(STRANGER, f.now, 20_000), 10_000, memo())
        .unwrap();
    assert_eq!(
        event,
        SplitterEvent::StreamStarted(StreamStarted {
            id: 0,
            payer: account(STRANGER),
            amount: 20_000,
            start: f.now,
            duration: 10_000,
            memo: memo(),
        })
    );
    assert_eq!(f.claimable(ALICE), 0);
    f.now += 2_500;
    assert_eq!(f.claimable(ALICE), 5_000);
    // Carol buys half of Alice's stake mid-stream: she earns only what vests afterwards.
    f.transfer(ALICE, CAROL, 50);
    f.now += 2_500;
    assert_eq!(f.claimable(ALICE), 5_000 + 2_500);
    assert_eq!(f.claimable(CAROL), 2_500);
    f.now += 100_000;
    assert_eq!(f.claimable(ALICE) + f.claimable(CAROL), 20_000);
    let acc = f.splitter.accounting(f.now).unwrap();
    assert_eq!(acc.unvested, 0);
    // A claim settles the finished stream out of the running set.
    f.claim(ALICE);
    assert!(f.splitter.streams().is_empty());
}

#[test]
fn stream_bounds_are_enforced_and_change_nothing() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 0, 10)),
        SplitterError::NothingToDistribute
    );
    // The duration is checked before the rate.
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 10, 0)),
        SplitterError::InvalidDuration
    );
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 1, MAX_STREAM_DURATION + 1)),
        SplitterError::InvalidDuration
    );
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 999, 1_000)),
        SplitterError::StreamTooSmall { minimum: 1_000 }
    );
    for _ in 0..MAX_STREAMS {
        f.stream(STRANGER, 1_000, 1_000).unwrap();
    }
    // The rate is checked before the slots.
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 999, 1_000)),
        SplitterError::StreamTooSmall { minimum: 1_000 }
    );
    assert_eq!(
        f.refused(|f| f.stream(STRANGER, 1_000, 1_000)),
        SplitterError::TooManyStreams
    );
    assert_eq!(f.splitter.streams().len(), MAX_STREAMS);
    // Once they have vested, new streams are accepted again.
    f.now += 1_000;
    f.stream(STRANGER, 1_000, 1_000).unwrap();
    assert_eq!(f.splitter.streams().len(), 1);
}

#[test]
fn a_stream_at_the_minimum_rate_vests_at_every_millisecond() {
    let mut f = Fixture::new();
    // A power of two: one planck per unit divides exactly.
    f.transfer(ISSUER, ALICE, 128);
    assert_eq!(MIN_STREAM_RATE_PER_MS, 1);
    f.stream(STRANGER, 1_000, 1_000).unwrap();
    for elapsed in 1..=10 {
        f.now += 1;
        assert_eq!(f.claimable(ALICE), elapsed, "after {elapsed} ms");
    }
    // The longest stream needs one planck per millisecond of its ten years.
    assert_eq!(
        f.refused(|f| f.stream(
            STRANGER,
            u128::from(MAX_STREAM_DURATION) - 1,
            MAX_STREAM_DURATION
        )),
        SplitterError::StreamTooSmall {
            minimum: u128::from(MAX_STREAM_DURATION)
        }
    );
    f.stream(
        STRANGER,
        u128::from(MAX_STREAM_DURATION),
        MAX_STREAM_DURATION,
    )
    .unwrap();
}

/// Review finding L-2: a stranger paying 8 planck held all 8 stream slots for ten years, and
/// nine years later the issuer's stream was still refused with `TooManyStreams`.
#[test]
fn regression_eight_one_planck_ten_year_streams_no_longer_squat_the_slots() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    for _ in 0..MAX_STREAMS {
        assert_eq!(
            f.refused(|f| f.stream(STRANGER, 1, MAX_STREAM_DURATION)),
            SplitterError::StreamTooSmall {
                minimum: u128::from(MAX_STREAM_DURATION)
            }
        );
    }
    assert!(f.splitter.streams().is_empty());
    f.now += 9 * 365 * 24 * 60 * 60 * 1000;
    let day: Timestamp = 24 * 60 * 60 * 1000;
    f.stream(ISSUER, 100_000_000, day)
        .expect("the issuer's stream finds a free slot");
}

#[test]
fn the_issuer_ends_a_stream_and_its_remainder_goes_to_the_holders_at_once() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 300);
    f.transfer(ISSUER, CAROL, 100);
    // Eight ten-year streams at the minimum rate fill every slot.
    let amount = u128::from(MAX_STREAM_DURATION);
    let ids: Vec<u32> = (0..MAX_STREAMS)
        .map(|_| f.stream(STRANGER, amount, MAX_STREAM_DURATION).unwrap())
        .collect();
    assert_eq!(
        f.refused(|f| f.stream(ISSUER, 1_000_000, 1_000)),
        SplitterError::TooManyStreams
    );
    f.now += 1_000;
    // What vested so far: 1,000 planck of each stream, pro rata 3:1.
    let vested = 1_000 * MAX_STREAMS as u128;
    assert_eq!(f.claimable(ALICE) + f.claimable(CAROL), vested);
    let received = f.splitter.accounting(f.now).unwrap().total_received;
    let event = f.end_stream(ISSUER, ids[3]).expect("end");
    let remainder = amount - 1_000;
    assert_eq!(
        event,
        SplitterEvent::StreamEnded(StreamEnded {
            id: ids[3],
            payer: account(STRANGER),
            remainder,
            outstanding: 400,
        })
    );
    // Nothing lost: the remainder is owed to the holders now, pro rata.
    assert_eq!(f.claimable(ALICE) + f.claimable(CAROL), vested + remainder);
    assert_eq!(f.claimable(CAROL), (vested + remainder) / 4);
    let accounting = f.splitter.accounting(f.now).unwrap();
    assert_eq!(accounting.total_received, received);
    assert_eq!(accounting.unvested, (MAX_STREAMS as u128 - 1) * remainder);
    assert_eq!(f.splitter.streams().len(), MAX_STREAMS - 1);
    assert!(f.splitter.streams().iter().all(|s| s.id != ids[3]));
    // The slot is free again.
    f.stream(ISSUER, 1_000_000, 1_000)
        .expect("the freed slot takes a new stream");
    assert_eq!(
        f.refused(|f| f.stream(ISSUER, 1_000_000, 1_000)),
        SplitterError::TooManyStreams
    );
}

#[test]
fn end_stream_refusals_in_precedence_order_change_nothing() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    let id = f.stream(STRANGER, 10_000, 10_000).unwrap();
    for caller in [STRANGER, ALICE, TOKEN, GOVERNANCE] {
        assert_eq!(
            f.refused(|f| f.end_stream(caller, id)),
            SplitterError::NotIssuer
        );
        assert_eq!(
            f.refused(|f| f.end_stream(caller, 99)),
            SplitterError::NotIssuer
        );
    }
    assert_eq!(
        f.refused(|f| f.end_stream(ISSUER, 99)),
        SplitterError::StreamNotFound
    );
    f.end_stream(ISSUER, id).expect("end");
    assert_eq!(
        f.refused(|f| f.end_stream(ISSUER, id)),
        SplitterError::StreamNotFound
    );
    // A stream that finished vesting has left the set: nothing to end.
    let finished = f.stream(STRANGER, 1_000, 1_000).unwrap();
    f.now += 1_000;
    assert_eq!(
        f.refused(|f| f.end_stream(ISSUER, finished)),
        SplitterError::StreamNotFound
    );
    assert_eq!(f.claimable(ALICE), 11_000);
}

#[test]
fn ending_a_stream_without_holders_holds_its_remainder() {
    let mut f = Fixture::new();
    let id = f.stream(STRANGER, 5_000, 5_000).unwrap();
    f.now += 1_000;
    let event = f.end_stream(ISSUER, id).expect("end");
    assert_eq!(
        event,
        SplitterEvent::StreamEnded(StreamEnded {
            id,
            payer: account(STRANGER),
            remainder: 4_000,
            outstanding: 0,
        })
    );
    let accounting = f.splitter.accounting(f.now).unwrap();
    assert_eq!((accounting.held, accounting.unvested), (5_000, 0));
    f.transfer(ISSUER, ALICE, 10);
    f.distribute(10);
    assert_eq!(f.claimable(ALICE), 5_010);
}

#[test]
fn recovery_moves_balance_and_unclaimed_payouts() {
    let mut f = Fixture::new();
    f.transfer(ISSUER, ALICE, 100);
    f.transfer(ISSUER, CAROL, 100);
    f.distribute(200);
    f.splitter
        .on_recovery(ctx(TOKEN, f.now, 0), account(ALICE), account(DAVE))
        .unwrap();
    assert_eq!(f.claimable(ALICE), 0);
    assert_eq!(f.claimable(DAVE), 100);
    assert_eq!(f.splitter.balance_of(account(DAVE)), 100);
    assert_eq!(f.splitter.balance_of(account(ALICE)), 0);
    assert_eq!(f.splitter.outstanding(), 200);
    for (lost, new) in [(ISSUER, DAVE), (DAVE, ISSUER), (DAVE, DAVE)] {
        assert_eq!(
            f.splitter
                .on_recovery(ctx(TOKEN, f.now, 0), account(lost), account(new)),
            Err(SplitterError::InvalidAccount)
        );
    }
}

#[test]
fn extreme_supply_and_amounts_do_not_overflow() {
    let mut f = Fixture::new();
    let supply = u128::MAX / 2;
    f.balances.insert(ISSUER, supply);
    f.transfer(ISSUER, ALICE, supply / 3);
    f.transfer(ISSUER, CAROL, 1);
    f.distribute(u128::MAX / 4);
    f.distribute(u128::MAX / 4);
    let total = f.claimable(ALICE) + f.claimable(CAROL);
    assert!(total <= u128::MAX / 4 * 2);
    assert!(total >= u128::MAX / 4 * 2 - 2);
    // Receiving more than u128::MAX in total is refused, not wrapped.
    assert_eq!(
        f.splitter
            .distribute(ctx(STRANGER, f.now, u128::MAX / 2 + 10), memo()),
        Err(SplitterError::ArithmeticOverflow)
    );
}

mod model {
    //! Random sequences of transfers, distributions, streams, claims and time jumps, checked
    //! after every step against an exact rational model.
    use super::*;
    use num_bigint::BigInt;
    use num_rational::BigRational;
    use num_traits::{ToPrimitive, Zero};
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone)]
    enum Op {
        Transfer { from: u8, to: u8, share: u16 },
        Distribute { amount: u64 },
        Stream { amount: u64, duration: u32 },
        EndStream { pick: u8, by_issuer: bool },
        Claim { holder: u8 },
        Wait { ms: u32 },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..6, 0u8..6, 1u16..=1000).prop_map(|(from, to, share)| Op::Transfer { from, to, share }),
            3 => (0u64..1_000_000_000).prop_map(|amount| Op::Distribute { amount }),
            1 => (1u64..1_000_000_000, 1u32..50_000).prop_map(|(amount, duration)| Op::Stream { amount, duration }),
            1 => (any::<u8>(), any::<bool>()).prop_map(|(pick, by_issuer)| Op::EndStream { pick, by_issuer }),
            2 => (0u8..6).prop_map(|holder| Op::Claim { holder }),
            2 => (0u32..20_000).prop_map(|ms| Op::Wait { ms }),
        ]
    }

    struct ModelStream {
        id: u32,
        amount: u128,
        start: u64,
        duration: u64,
        released: u128,
    }

    #[derive(Default)]
    struct Model {
        balances: HashMap<u8, u128>,
        owed: HashMap<u8, BigRational>,
        claimed: HashMap<u8, u128>,
        held: BigRational,
        streams: Vec<ModelStream>,
        next_stream_id: u32,
        received: u128,
    }

    impl Model {
        fn outstanding(&self) -> u128 {
            self.balances
                .iter()
                .filter(|(who, _)| **who != ISSUER)
                .map(|(_, b)| *b)
                .sum()
        }

        fn distribute(&mut self, amount: u128) {
            let outstanding = self.outstanding();
            if outstanding == 0 {
                self.held += BigRational::from_integer(amount.into());
                return;
            }
            let total = BigRational::from_integer(amount.into()) + std::mem::take(&mut self.held);
            for (who, balance) in &self.balances {
                if *who == ISSUER || *balance == 0 {
                    continue;
                }
                let share = total.clone() * BigRational::new((*balance).into(), outstanding.into());
                *self.owed.entry(*who).or_insert_with(BigRational::zero) += share;
            }
        }

        fn accrue(&mut self, now: u64) {
            let mut deltas = Vec::new();
            for stream in &mut self.streams {
                let elapsed = now.saturating_sub(stream.start).min(stream.duration);
                let vested = stream.amount * elapsed as u128 / stream.duration as u128;
                deltas.push(vested - stream.released);
                stream.released = vested;
            }
            for delta in deltas {
                if delta > 0 {
                    self.distribute(delta);
                }
            }
            self.streams.retain(|s| s.released < s.amount);
        }
    }

    fn to_big(v: U256) -> BigInt {
        (BigInt::from(v.hi) << 128) + BigInt::from(v.lo)
    }

    fn check(f: &Fixture, m: &Model, step: usize) {
        let scale = BigInt::from(1u8) << 128;
        let acc = f.splitter.accounting(f.now).unwrap();
        assert_eq!(acc.total_received, m.received, "step {step}: received");
        assert_eq!(
            f.splitter.outstanding(),
            m.outstanding(),
            "step {step}: outstanding"
        );
        // Conservation, exact in 2^-128 units.
        let mut entitlements = BigInt::zero();
        let mut claimable_sum: u128 = 0;
        for who in 0u8..6 {
            let scaled = f.splitter.entitlement_scaled(account(who), f.now).unwrap();
            entitlements += to_big(scaled);
            claimable_sum += scaled.hi;
        }
        let lhs = BigInt::from(acc.total_received) * &scale;
        let rhs = BigInt::from(acc.total_claimed) * &scale
            + entitlements
            + BigInt::from(acc.carry_scaled)
            + BigInt::from(acc.held + acc.unvested) * &scale;
        assert_eq!(lhs, rhs, "step {step}: conservation");
        // The native-unit form of the same identity: the remainder is an exact integer.
        let remainder = acc.total_received - acc.total_claimed - claimable_sum;
        assert!(
            remainder >= acc.held + acc.unvested,
            "step {step}: remainder"
        );
        assert!(
            remainder - acc.held - acc.unvested <= 6,
            "step {step}: sub-unit remainder"
        );
        // Each holder within one unit of the exact model.
        for who in 0u8..6 {
            let paid = m.claimed.get(&who).copied().unwrap_or_default();
            let total = paid + f.claimable(who);
            let exact = m.owed.get(&who).cloned().unwrap_or_else(BigRational::zero);
            let floor = exact.floor().to_integer().to_u128().unwrap();
            let ceil = exact.ceil().to_integer().to_u128().unwrap();
            assert!(
                total <= ceil,
                "step {step}: holder {who} got {total}, exact {exact}"
            );
            assert!(
                total + 1 >= floor,
                "step {step}: holder {who} got {total}, exact {exact}"
            );
        }
        assert_eq!(
            m.held.to_integer().to_u128().unwrap(),
            acc.held,
            "step {step}: held"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

        #[test]
        fn splitter_matches_the_exact_model(ops in prop::collection::vec(op(), 1..60)) {
            ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
                let mut f = Fixture::new();
                let mut m = Model::default();
                m.balances.insert(ISSUER, SUPPLY);
                for (step, op) in ops.iter().enumerate() {
                    m.accrue(f.now);
                    match *op {
                        Op::Transfer { from, to, share } => {
                            let amount = f.balance(from) * share as u128 / 1000;
                            if from != to && amount > 0 {
                                f.transfer(from, to, amount);
                                *m.balances.entry(from).or_default() -= amount;
                                *m.balances.entry(to).or_default() += amount;
                            }
                        }
                        Op::Distribute { amount } => {
                            let amount = amount as u128;
                            let nothing = amount == 0 && (m.held.is_zero() || m.outstanding() == 0);
                            let result = f.splitter.distribute(ctx(STRANGER, f.now, amount), memo());
                            if nothing {
                                assert_eq!(result, Err(SplitterError::NothingToDistribute));
                            } else {
                                result.unwrap();
                                m.received += amount;
                                m.distribute(amount);
                            }
                        }
                        Op::Stream { amount, duration } => {
                            let result = f.splitter.distribute_over(
                                ctx(STRANGER, f.now, amount as u128), duration as u64, memo());
                            let minimum = u128::from(duration) * MIN_STREAM_RATE_PER_MS;
                            if u128::from(amount) < minimum {
                                assert_eq!(result, Err(SplitterError::StreamTooSmall { minimum }));
                            } else if m.streams.len() >= MAX_STREAMS {
                                assert_eq!(result, Err(SplitterError::TooManyStreams));
                            } else {
                                result.unwrap();
                                m.received += amount as u128;
                                m.streams.push(ModelStream {
                                    id: m.next_stream_id,
                                    amount: amount as u128,
                                    start: f.now,
                                    duration: duration as u64,
                                    released: 0,
                                });
                                m.next_stream_id += 1;
                            }
                        }
                        Op::EndStream { pick, by_issuer } => {
                            // Mostly a running stream, sometimes one that is not (any more).
                            let running = (!m.streams.is_empty() && pick < 200)
                                .then(|| usize::from(pick) % m.streams.len());
                            let id = running.map_or(u32::from(pick), |i| m.streams[i].id);
                            let caller = if by_issuer { ISSUER } else { STRANGER };
                            let result = f.splitter.end_stream(ctx(caller, f.now, 0), id);
                            let index = m.streams.iter().position(|s| s.id == id);
                            match (by_issuer, index) {
                                (false, _) => assert_eq!(result, Err(SplitterError::NotIssuer)),
                                (true, None) => assert_eq!(result, Err(SplitterError::StreamNotFound)),
                                (true, Some(index)) => {
                                    let stream = m.streams.swap_remove(index);
                                    let remainder = stream.amount - stream.released;
                                    assert!(remainder > 0, "a running stream has something left");
                                    assert!(matches!(
                                        result,
                                        Ok(SplitterEvent::StreamEnded(StreamEnded { remainder: r, .. })) if r == remainder
                                    ));
                                    m.distribute(remainder);
                                }
                            }
                        }
                        Op::Claim { holder } => {
                            let due = f.claimable(holder);
                            let result = f.splitter.claim_for(ctx(holder, f.now, 0), account(holder));
                            if due == 0 {
                                assert_eq!(result, Err(SplitterError::NothingToClaim));
                            } else {
                                let (_, payment) = result.unwrap();
                                assert_eq!(payment.amount, due);
                                *m.claimed.entry(holder).or_default() += due;
                            }
                        }
                        Op::Wait { ms } => f.now += ms as u64,
                    }
                    m.accrue(f.now);
                    check(&f, &m, step);
                }
                Ok(())
            }).unwrap();
        }
    }
}
