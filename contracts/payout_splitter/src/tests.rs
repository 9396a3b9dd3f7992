//! Unit tests of the splitter's rules, and a property test against an exact rational model.
// Test code: plain arithmetic on small test values is clearer than checked calls.
#![allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]

use crate::events::{Claimed, Distributed, SplitterEvent, StreamStarted};
use crate::pool::{MAX_STREAMS, MAX_STREAM_DURATION};
use crate::state::{Ctx, SplitterState};
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
        .distribute_over(ctx(STRANGER, f.now, 1_000), 10_000, memo())
        .unwrap();
    assert_eq!(
        event,
        SplitterEvent::StreamStarted(StreamStarted {
            id: 0,
            payer: account(STRANGER),
            amount: 1_000,
            start: f.now,
            duration: 10_000,
            memo: memo(),
        })
    );
    assert_eq!(f.claimable(ALICE), 0);
    f.now += 2_500;
    assert_eq!(f.claimable(ALICE), 250);
    // Carol buys half of Alice's stake mid-stream: she earns only what vests afterwards.
    f.transfer(ALICE, CAROL, 50);
    f.now += 2_500;
    assert_eq!(f.claimable(ALICE), 250 + 125);
    assert_eq!(f.claimable(CAROL), 125);
    f.now += 100_000;
    assert_eq!(f.claimable(ALICE) + f.claimable(CAROL), 1_000);
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
    let c = ctx(STRANGER, f.now, 10);
    assert_eq!(
        f.splitter
            .distribute_over(ctx(STRANGER, f.now, 0), 10, memo()),
        Err(SplitterError::NothingToDistribute)
    );
    assert_eq!(
        f.splitter.distribute_over(c, 0, memo()),
        Err(SplitterError::InvalidDuration)
    );
    assert_eq!(
        f.splitter
            .distribute_over(c, MAX_STREAM_DURATION + 1, memo()),
        Err(SplitterError::InvalidDuration)
    );
    for _ in 0..MAX_STREAMS {
        f.splitter.distribute_over(c, 1_000, memo()).unwrap();
    }
    let received = f.splitter.accounting(f.now).unwrap().total_received;
    assert_eq!(
        f.splitter.distribute_over(c, 1_000, memo()),
        Err(SplitterError::TooManyStreams)
    );
    assert_eq!(f.splitter.streams().len(), MAX_STREAMS);
    assert_eq!(
        f.splitter.accounting(f.now).unwrap().total_received,
        received
    );
    // Once they have vested, new streams are accepted again.
    f.now += 1_000;
    f.splitter
        .distribute_over(ctx(STRANGER, f.now, 10), 1_000, memo())
        .unwrap();
    assert_eq!(f.splitter.streams().len(), 1);
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
fn only_governance_may_upgrade() {
    let f = Fixture::new();
    for caller in [STRANGER, ISSUER, TOKEN, ALICE] {
        assert_eq!(
            f.splitter.ensure_can_upgrade(account(caller)),
            Err(SplitterError::NotGovernance)
        );
    }
    assert_eq!(f.splitter.ensure_can_upgrade(account(GOVERNANCE)), Ok(()));
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
        Claim { holder: u8 },
        Wait { ms: u32 },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..6, 0u8..6, 1u16..=1000).prop_map(|(from, to, share)| Op::Transfer { from, to, share }),
            3 => (0u64..1_000_000_000).prop_map(|amount| Op::Distribute { amount }),
            1 => (1u64..1_000_000_000, 1u32..50_000).prop_map(|(amount, duration)| Op::Stream { amount, duration }),
            2 => (0u8..6).prop_map(|holder| Op::Claim { holder }),
            2 => (0u32..20_000).prop_map(|ms| Op::Wait { ms }),
        ]
    }

    struct ModelStream {
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
                            if m.streams.len() >= MAX_STREAMS {
                                assert_eq!(result, Err(SplitterError::TooManyStreams));
                            } else {
                                result.unwrap();
                                m.received += amount as u128;
                                m.streams.push(ModelStream {
                                    amount: amount as u128,
                                    start: f.now,
                                    duration: duration as u64,
                                    released: 0,
                                });
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
