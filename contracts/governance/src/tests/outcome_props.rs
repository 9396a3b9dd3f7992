//! Property: a dispute's outcome, in every round (1, its fresh round, the appeal), equals a
//! direct computation of the rules from the votes, across quorum and threshold boundaries; and
//! its bonds and juror deposits are always settled in full.

use super::*;
use crate::types::{Interaction, Phase, Ruling};
use proptest::prelude::*;

/// What one juror does in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Juror {
    /// Does not take part.
    Abstains,
    /// Commits but never reveals.
    Silent,
    /// Commits and reveals "uphold".
    Yes,
    /// Commits and reveals "dismiss".
    No,
}

fn juror_strategy() -> impl Strategy<Value = Juror> {
    prop_oneof![
        Just(Juror::Abstains),
        Just(Juror::Silent),
        Just(Juror::Yes),
        Just(Juror::No),
    ]
}

/// Basis points, often at the interesting values.
fn bps_strategy(low: u32, high: u32) -> impl Strategy<Value = u32> {
    prop_oneof![
        prop::sample::select(
            [0u32, 1, 2_500, 5_000, 5_001, 6_000, 6_666, 6_667, 7_500, 9_000, 10_000]
                .into_iter()
                .filter(|bps| (low..=high).contains(bps))
                .collect::<Vec<_>>()
        ),
        low..=high,
    ]
}

/// Most voters in a round.
const VOTERS: usize = 32;

/// How a round's votes are drawn: either at random, or aimed at the quorum and threshold
/// boundaries (revealed = quorum + `quorum_delta`, yes = the least that upholds +
/// `threshold_delta`), with some silent committers.
#[derive(Debug, Clone)]
struct RoundPlan {
    aimed: bool,
    quorum_delta: i64,
    threshold_delta: i64,
    silent: usize,
    random: Vec<Juror>,
}

fn plan_strategy() -> impl Strategy<Value = RoundPlan> {
    (
        any::<bool>(),
        -1i64..=1,
        -1i64..=1,
        0usize..3,
        prop::collection::vec(juror_strategy(), 0..VOTERS),
    )
        .prop_map(
            |(aimed, quorum_delta, threshold_delta, silent, random)| RoundPlan {
                aimed,
                quorum_delta,
                threshold_delta,
                silent,
                random,
            },
        )
}

fn quorum_of(snapshot: u32, floor: u32, quorum_bps: u32) -> u64 {
    let share = (u64::from(quorum_bps) * u64::from(snapshot)).div_ceil(10_000);
    share.max(u64::from(floor))
}

impl RoundPlan {
    fn jurors(&self, quorum: u64, threshold_bps: u32) -> Vec<Juror> {
        if !self.aimed {
            return self.random.clone();
        }
        let most = (VOTERS - self.silent) as i64;
        let revealed = (quorum as i64 + self.quorum_delta).clamp(0, most);
        // The least "yes" count that upholds: ceil(threshold * revealed / 10 000).
        let least_yes = (i64::from(threshold_bps) * revealed + 9_999) / 10_000;
        let yes = (least_yes + self.threshold_delta).clamp(0, revealed);
        let mut jurors = vec![Juror::Yes; yes as usize];
        jurors.extend(vec![Juror::No; (revealed - yes) as usize]);
        jurors.extend(vec![Juror::Silent; self.silent]);
        jurors
    }
}

/// The rules, written out independently of the contract's code.
fn expected(jurors: &[Juror], quorum: u64, threshold_bps: u32) -> Ruling {
    let yes = jurors.iter().filter(|j| **j == Juror::Yes).count() as u64;
    let no = jurors.iter().filter(|j| **j == Juror::No).count() as u64;
    let revealed = yes + no;
    if revealed < quorum {
        Ruling::NoQuorum
    } else if yes * 10_000 >= u64::from(threshold_bps) * revealed {
        Ruling::Upheld
    } else {
        Ruling::Dismissed
    }
}

/// Voters are accounts 41 and up: active, no stake in Bob.
fn voter(n: usize) -> AccountId {
    account(41 + n as u8)
}

fn play_round(
    world: &mut World,
    id: DisputeId,
    round: Round,
    commit_at: Timestamp,
    jurors: &[Juror],
) {
    world.now = commit_at;
    for (n, juror) in jurors.iter().enumerate() {
        if *juror != Juror::Abstains {
            world
                .commit(id, round, voter(n), *juror == Juror::Yes)
                .expect("commit");
        }
    }
    world.now = commit_at + PERIOD;
    for (n, juror) in jurors.iter().enumerate() {
        if matches!(juror, Juror::Yes | Juror::No) {
            world
                .reveal(id, voter(n), *juror == Juror::Yes)
                .expect("reveal");
        }
    }
}

/// The fresh round's jurors: `plan`, without the jurors who withheld in round 1 (they may not
/// judge it).
fn without_withholders(plan: &[Juror], first: &[Juror]) -> Vec<Juror> {
    plan.iter()
        .enumerate()
        .map(|(n, juror)| {
            if first.get(n) == Some(&Juror::Silent) {
                Juror::Abstains
            } else {
                *juror
            }
        })
        .collect()
}

fn count(jurors: &[Juror], what: &[Juror]) -> u64 {
    jurors.iter().filter(|j| what.contains(j)).count() as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Issue 12: the quorum counts the eligible pool, withheld reveals give one fresh round,
    /// and the forfeited deposits go to the winners of the deciding round (remainder to the
    /// treasury); everything held is paid out, claimed or kept as treasury.
    #[test]
    fn dispute_outcomes_follow_the_rules(
        first_plan in plan_strategy(),
        rerun_plan in plan_strategy(),
        second_plan in plan_strategy(),
        suspended in 0u32..40,
        min_jurors in 1u32..=6,
        quorum_bps in prop_oneof![bps_strategy(0, MAX_QUORUM_BPS), 0u32..3_000],
        extra_appeal_bps in bps_strategy(0, MAX_QUORUM_BPS),
        threshold_bps in bps_strategy(5_001, MAX_THRESHOLD_BPS),
        appeal in any::<bool>(),
    ) {
        env(|| {
            let appeal_quorum_bps = quorum_bps.saturating_add(extra_appeal_bps).min(MAX_QUORUM_BPS);
            let mut world = World::new();
            let mut params = test_params();
            params.min_jurors = min_jurors;
            params.quorum_bps = quorum_bps;
            params.appeal_quorum_bps = appeal_quorum_bps;
            params.threshold_bps = threshold_bps;
            world.gov.set_params(this(), params).expect("params");
            world.chain.suspended = suspended;
            for n in 0..VOTERS {
                world.chain.active.insert(voter(n));
            }
            // Counted, minus Alice, Bob, his voucher (juror 9) and his holder (juror 10).
            let eligible = 12 + VOTERS as u32 + suspended - 4;
            let id = world.open_expel();
            assert_eq!(world.gov.dispute(id).unwrap().eligible_snapshot, eligible);
            let first_quorum = quorum_of(eligible, min_jurors, quorum_bps);
            let first = first_plan.jurors(first_quorum, threshold_bps);
            play_round(&mut world, id, FIRST_ROUND, T0 + PERIOD, &first);

            let reveal_ends = T0 + 3 * PERIOD;
            let withheld = count(&first, &[Juror::Yes, Juror::No]) < first_quorum
                && count(&first, &[Juror::Yes, Juror::No, Juror::Silent]) >= first_quorum;
            let (instance, instance_ends) = if withheld {
                assert_eq!(
                    world.gov.phase(id, reveal_ends),
                    Some(Phase::Commit { round: RERUN_ROUND })
                );
                let rerun = without_withholders(&rerun_plan.jurors(first_quorum, threshold_bps), &first);
                play_round(&mut world, id, RERUN_ROUND, reveal_ends, &rerun);
                (rerun, reveal_ends + 2 * PERIOD)
            } else {
                (first.clone(), reveal_ends)
            };
            let first_ruling = expected(&instance, first_quorum, threshold_bps);
            assert_eq!(world.gov.ruling(id, instance_ends), Some(first_ruling));
            let mut final_ruling = first_ruling;
            let mut deciding = instance.clone();
            let mut final_at = instance_ends + PERIOD;
            let mut rounds = vec![first.clone()];
            if withheld {
                rounds.push(instance.clone());
            }
            if first_ruling == Ruling::NoQuorum {
                assert_eq!(world.gov.phase(id, instance_ends), Some(Phase::Final));
                final_at = instance_ends;
            } else {
                assert_eq!(world.gov.phase(id, instance_ends), Some(Phase::AppealWindow));
                if appeal {
                    let loser = if first_ruling == Ruling::Upheld { bob() } else { alice() };
                    world.now = instance_ends;
                    world.gov.appeal(world.paid(loser, APPEAL_BOND), id).expect("appeal");
                    let appeal_quorum = quorum_of(eligible, 2 * min_jurors + 1, appeal_quorum_bps);
                    let second = second_plan.jurors(appeal_quorum, threshold_bps);
                    play_round(&mut world, id, APPEAL_ROUND, instance_ends, &second);
                    rounds.push(second.clone());
                    // Round 2 without quorum leaves the first instance's ruling in place.
                    final_ruling = match expected(&second, appeal_quorum, threshold_bps) {
                        Ruling::NoQuorum => first_ruling,
                        decided => {
                            deciding = second.clone();
                            decided
                        }
                    };
                    final_at = instance_ends + 2 * PERIOD;
                }
            }
            assert_eq!(world.gov.phase(id, final_at - 1).map(|p| p == Phase::Final), Some(false));
            assert_eq!(world.gov.phase(id, final_at), Some(Phase::Final));
            assert_eq!(world.gov.ruling(id, final_at), Some(final_ruling));

            // Execution settles exactly what is held: bonds paid, forfeits shared by the
            // winners of the deciding round (claimed), the remainder kept as treasury.
            let held = world.gov.bonds_held();
            let forfeits: Balance = rounds
                .iter()
                .map(|round| Balance::from(count(round, &[Juror::Silent]) as u32) * JUROR_DEPOSIT)
                .sum();
            let winners = match final_ruling {
                Ruling::Upheld => count(&deciding, &[Juror::Yes]),
                Ruling::Dismissed => count(&deciding, &[Juror::No]),
                Ruling::NoQuorum => 0,
            } as Balance;
            let reward = if winners == 0 { 0 } else { forfeits / winners };
            world.now = final_at;
            let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).expect("execute");
            let paid: Balance = outcome
                .interactions
                .iter()
                .map(|interaction| match interaction {
                    Interaction::Pay { amount, .. } => *amount,
                    _ => 0,
                })
                .sum();
            assert_eq!(world.gov.dispute(id).unwrap().juror_reward, reward);
            assert_eq!(world.gov.bonds_held(), reward * winners);
            assert_eq!(paid + reward * winners + (forfeits - reward * winners), held);
            let mut claimed = 0;
            for n in 0..VOTERS {
                let ctx = world.ctx(voter(n));
                if let Ok(outcome) = world.gov.claim_juror_reward(ctx, id) {
                    claimed += outcome.interactions.len() as Balance * reward;
                }
            }
            assert_eq!(claimed, reward * winners);
            assert_eq!(world.gov.bonds_held(), 0);
            assert_eq!(
                outcome.interactions[..2],
                [
                    Interaction::CloseCase { member: bob() },
                    Interaction::Enforce {
                        dispute: id,
                        ruling: final_ruling,
                        action: (final_ruling == Ruling::Upheld)
                            .then_some(crate::types::Enforcement::Expel { member: bob() }),
                    }
                ]
            );
        });
    }
}
