//! Issue 12: disputes that hold against the accused. The eligible-pool quorum, the registry
//! case opened and closed around a misconduct dispute, eligibility decided at commit, juror
//! deposits and their forfeits, the fresh round after withheld reveals, and key recoveries
//! claimed by the new account, contestable by the lost one and not free to retry.

use super::*;
use crate::events::{
    ForfeitsSettled, GovernanceEvent, JurorRewardClaimed, RecoveryContested, VoteRevealed,
};
use crate::types::{Contest, Interaction, Phase, Ruling};

fn evidence() -> Hash {
    Hash::from([4; 32])
}

fn recovery_remedy() -> Remedy {
    Remedy::Recover {
        token: bob_token(),
        lost: juror(10),
        new_account: new_key(),
    }
}

/// `new_key` claims juror 10's Bob tokens, at `T0`.
fn open_recovery(world: &mut World) -> DisputeId {
    world.now = T0;
    let ctx = world.paid(new_key(), DISPUTE_BOND);
    world
        .gov
        .open_dispute(
            ctx,
            juror(10),
            DisputeKind::KeyRecovery,
            evidence(),
            recovery_remedy(),
            &world.chain,
        )
        .expect("open recovery")
        .0
}

/// Jurors `(n, vote)` commit at `commit_at`; those with `Some(vote)` reveal one period later.
fn vote(
    world: &mut World,
    id: DisputeId,
    round: Round,
    commit_at: Timestamp,
    votes: &[(u8, Option<bool>)],
) {
    world.now = commit_at;
    for (n, vote) in votes {
        world
            .commit(id, round, juror(*n), vote.unwrap_or(true))
            .expect("commit");
    }
    world.now = commit_at + PERIOD;
    for (n, vote) in votes {
        if let Some(vote) = vote {
            world.reveal(id, juror(*n), *vote).expect("reveal");
        }
    }
}

fn claim(world: &mut World, id: DisputeId, who: AccountId) -> Result<Outcome, GovernanceError> {
    let ctx = world.ctx(who);
    world.gov.claim_juror_reward(ctx, id)
}

fn pays(outcome: &Outcome) -> Vec<(AccountId, Balance)> {
    outcome
        .interactions
        .iter()
        .filter_map(|interaction| match interaction {
            Interaction::Pay { to, amount } => Some((*to, *amount)),
            _ => None,
        })
        .collect()
}

/// Round 1 of the expulsion: jurors 1 to 3 commit and none reveals (withheld).
fn withheld_first_round(world: &mut World) -> DisputeId {
    let id = world.open_expel();
    vote(
        world,
        id,
        FIRST_ROUND,
        T0 + PERIOD,
        &[(1, None), (2, None), (3, None)],
    );
    id
}

// ----- opening: the eligible pool, the case, who may claim a recovery ------------------------

#[test]
fn the_quorum_is_counted_over_the_eligible_pool_so_a_widely_held_issuer_can_be_judged() {
    env(|| {
        let mut world = World::new();
        // 40 more members, 30 of them holding Bob's token: 52 counted.
        for n in 0..40u8 {
            let member = account(60 + n);
            world.chain.active.insert(member);
            if n < 30 {
                world.chain.balances.insert((bob_token(), member), 1);
            }
        }
        // The issuer's own balance is no holding.
        world.chain.balances.insert((bob_token(), bob()), 1_000);
        world.chain.vouches.insert((juror(8), bob()));
        let id = world.open_expel();
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.active_snapshot, 52);
        // 52 - Alice - Bob - 2 vouchers (jurors 8, 9) - 31 holders (juror 10 and 30 others).
        assert_eq!(dispute.eligible_snapshot, 17);
        // ceil(20 % of 17) = 4, not ceil(20 % of 52) = 11, which the 17 could barely reach.
        assert_eq!(dispute.quorum, 4);
        assert_eq!(dispute.appeal_quorum, 7);
    });
}

#[test]
fn the_eligible_pool_saturates_at_zero_and_the_floor_still_applies() {
    env(|| {
        let mut world = World::new();
        for n in 1..=10 {
            world.chain.balances.insert((bob_token(), juror(n)), 1);
        }
        for n in 0..20u8 {
            world
                .chain
                .balances
                .insert((bob_token(), account(60 + n)), 1);
        }
        let id = world.open_expel();
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.eligible_snapshot, 0);
        assert_eq!(dispute.quorum, 3);
        assert_eq!(dispute.appeal_quorum, 7);
    });
}

#[test]
fn a_resigning_member_can_be_accused_and_is_not_counted_twice() {
    env(|| {
        let mut world = World::new();
        // Bob is resigning: not active, not counted, still accusable.
        world.chain.active.remove(&bob());
        world.chain.accusable.insert(
            bob(),
            Accusable {
                vouchers: 1,
                counted_active: false,
            },
        );
        let (id, outcome) = world
            .accuse(DisputeKind::Other, Remedy::Suspend { duration: 5 })
            .unwrap();
        assert_eq!(
            outcome.interactions,
            vec![Interaction::OpenCase { member: bob() }]
        );
        let dispute = world.gov.dispute(id).unwrap();
        // 11 counted - Alice - 1 voucher - 1 holder.
        assert_eq!(dispute.active_snapshot, 11);
        assert_eq!(dispute.eligible_snapshot, 8);
    });
}

#[test]
fn accusable_is_asked_after_the_claimants_checks() {
    env(|| {
        let mut world = World::new();
        // A stranger is not accusable.
        refuse(&mut world, GovernanceError::AccusedNotMember, |w| {
            let ctx = w.paid(alice(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                stranger(),
                DisputeKind::Other,
                evidence(),
                Remedy::Expel,
                &w.chain,
            )
        });
        // A stranger claimant is refused first, whoever he accuses.
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            let ctx = w.paid(stranger(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                account(99),
                DisputeKind::Other,
                evidence(),
                Remedy::Expel,
                &w.chain,
            )
        });
    });
}

#[test]
fn a_key_recovery_opens_no_case_and_must_be_claimed_by_the_new_account() {
    env(|| {
        let mut world = World::new();
        for claimant in [alice(), juror(10), stranger()] {
            refuse(&mut world, GovernanceError::NotNewAccount, |w| {
                let ctx = w.paid(claimant, DISPUTE_BOND);
                w.gov.open_dispute(
                    ctx,
                    juror(10),
                    DisputeKind::KeyRecovery,
                    evidence(),
                    recovery_remedy(),
                    &w.chain,
                )
            });
        }
        // Precedence: the remedy's shape before the claimant, the claimant before the token.
        refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
            let ctx = w.paid(alice(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                juror(10),
                DisputeKind::KeyRecovery,
                evidence(),
                Remedy::Expel,
                &w.chain,
            )
        });
        refuse(&mut world, GovernanceError::NotNewAccount, |w| {
            let ctx = w.paid(alice(), DISPUTE_BOND);
            let remedy = Remedy::Recover {
                token: stranger(),
                lost: juror(10),
                new_account: new_key(),
            };
            w.gov.open_dispute(
                ctx,
                juror(10),
                DisputeKind::KeyRecovery,
                evidence(),
                remedy,
                &w.chain,
            )
        });
        world.now = T0;
        let ctx = world.paid(new_key(), DISPUTE_BOND);
        let (id, outcome) = world
            .gov
            .open_dispute(
                ctx,
                juror(10),
                DisputeKind::KeyRecovery,
                evidence(),
                recovery_remedy(),
                &world.chain,
            )
            .unwrap();
        assert!(outcome.interactions.is_empty(), "no case for a recovery");
        let dispute = world.gov.dispute(id).unwrap();
        // 12 counted - juror 10 (the lost account); the new account is no member; holders of
        // the token are not subtracted.
        assert_eq!(dispute.eligible_snapshot, 11);
    });
}

#[test]
fn a_recovery_subtracts_an_active_new_account_and_the_lost_accounts_vouchers() {
    env(|| {
        let mut world = World::new();
        world.chain.active.insert(new_key());
        world.chain.vouches.insert((juror(1), juror(10)));
        world.chain.vouches.insert((juror(2), juror(10)));
        let id = open_recovery(&mut world);
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.active_snapshot, 13);
        assert_eq!(dispute.eligible_snapshot, 13 - 1 - 1 - 2);
    });
}

#[test]
fn execution_closes_the_case_first_whatever_the_ruling() {
    for votes in [vec![true; 3], vec![false; 3], vec![true; 2]] {
        env(|| {
            let mut world = World::new();
            let id = world.open_expel();
            world.first_round(id, &votes);
            world.at(T0 + 4 * PERIOD);
            let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
            assert_eq!(
                outcome.interactions[0],
                Interaction::CloseCase { member: bob() }
            );
            assert!(matches!(
                outcome.interactions[1],
                Interaction::Enforce { .. }
            ));
        });
    }
    env(|| {
        // A recovery has no case to close.
        let mut world = World::new();
        let id = open_recovery(&mut world);
        world.first_round(id, &[true; 3]);
        world.at(T0 + 4 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert!(matches!(
            outcome.interactions[0],
            Interaction::Enforce { .. }
        ));
    });
}

// ----- eligibility at commit -----------------------------------------------------------------

#[test]
fn the_accused_cannot_void_committed_votes_by_sending_his_token() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        for n in 1..=3 {
            world.commit(id, FIRST_ROUND, juror(n), true).unwrap();
        }
        // In the reveal phase Bob sends a unit to every juror (his token would refuse it while
        // the case is open; even if a unit arrived, it changes nothing).
        for n in 1..=3 {
            world.chain.balances.insert((bob_token(), juror(n)), 1);
        }
        world.at(T0 + 2 * PERIOD);
        for n in 1..=3 {
            world.reveal(id, juror(n), true).unwrap();
        }
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), Some(Ruling::Upheld));
    });
}

#[test]
fn a_holder_who_gives_the_token_back_to_the_issuer_may_judge() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        refuse(&mut world, GovernanceError::JurorExcluded, |w| {
            w.commit(id, FIRST_ROUND, juror(10), true)
        });
        // Juror 10 transfers his units back to Bob.
        world.chain.balances.remove(&(bob_token(), juror(10)));
        assert!(world.commit(id, FIRST_ROUND, juror(10), true).is_ok());
    });
}

#[test]
fn a_reveal_asks_nobody() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        world.chain.broken = true;
        world.at(T0 + 2 * PERIOD);
        assert!(world.reveal(id, juror(1), true).is_ok());
    });
}

// ----- juror deposits --------------------------------------------------------------------------

#[test]
fn a_commit_needs_exactly_the_juror_deposit() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        let commitment = crate::disputes::vote_commitment(id, FIRST_ROUND, juror(1), true, [1; 32]);
        for sent in [0, JUROR_DEPOSIT - 1, JUROR_DEPOSIT + 1] {
            refuse(
                &mut world,
                GovernanceError::WrongDeposit {
                    expected: JUROR_DEPOSIT,
                    received: sent,
                },
                |w| {
                    let ctx = w.paid(juror(1), sent);
                    w.gov.commit_vote(ctx, id, commitment, &w.chain)
                },
            );
        }
        // Precedence: the deposit before the juror checks, after the phase and a double commit.
        refuse(
            &mut world,
            GovernanceError::WrongDeposit {
                expected: JUROR_DEPOSIT,
                received: 0,
            },
            |w| {
                let ctx = w.ctx(bob());
                w.gov.commit_vote(ctx, id, commitment, &w.chain)
            },
        );
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        refuse(&mut world, GovernanceError::AlreadyCommitted, |w| {
            let ctx = w.ctx(juror(1));
            w.gov.commit_vote(ctx, id, commitment, &w.chain)
        });
        world.at(T0);
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            let ctx = w.ctx(juror(2));
            w.gov.commit_vote(ctx, id, commitment, &w.chain)
        });
    });
}

#[test]
fn a_commit_holds_the_deposit_and_the_reveal_pays_it_back_at_once() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        world.commit(id, FIRST_ROUND, juror(2), false).unwrap();
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND + 2 * JUROR_DEPOSIT);
        world.at(T0 + 2 * PERIOD);
        let outcome = world.reveal(id, juror(1), true).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::VoteRevealed(VoteRevealed {
                dispute: id,
                round: FIRST_ROUND,
                juror: juror(1),
                vote: true,
            })]
        );
        assert_eq!(
            outcome.interactions,
            vec![Interaction::Pay {
                to: juror(1),
                amount: JUROR_DEPOSIT
            }]
        );
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND + JUROR_DEPOSIT);
        assert_eq!(
            world.gov.dispute(id).unwrap().unrevealed_deposits(),
            JUROR_DEPOSIT
        );
    });
}

#[test]
fn a_dispute_keeps_the_deposit_it_was_opened_with() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        let mut params = test_params();
        params.juror_deposit = 999;
        world.gov.set_params(this(), params).unwrap();
        world.at(T0 + PERIOD);
        assert!(world.commit(id, FIRST_ROUND, juror(1), true).is_ok());
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND + JUROR_DEPOSIT);
        params.juror_deposit = 0;
        refuse(&mut world, GovernanceError::InvalidParams, |w| {
            w.gov.set_params(this(), params)
        });
    });
}

#[test]
fn forfeits_are_shared_by_the_winners_of_the_deciding_round_and_the_remainder_kept() {
    env(|| {
        let mut world = World::new();
        let id = withheld_first_round(&mut world);
        // The fresh round: 4 uphold, 1 dismisses; 3 withheld deposits (30) for 4 winners.
        vote(
            &mut world,
            id,
            RERUN_ROUND,
            T0 + 3 * PERIOD,
            &[
                (4, Some(true)),
                (5, Some(true)),
                (6, Some(true)),
                (7, Some(true)),
                (8, Some(false)),
            ],
        );
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND + 3 * JUROR_DEPOSIT);
        refuse(&mut world, GovernanceError::NothingToClaim, |w| {
            claim(w, id, juror(4))
        });
        world.at(T0 + 6 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits: 30,
                forfeited_bond: 0,
                reward_per_juror: 7,
                to_treasury: 2,
            })]
        );
        assert_eq!(pays(&outcome), vec![(alice(), DISPUTE_BOND)]);
        assert_eq!(world.gov.bonds_held(), 28);
        assert_eq!(world.gov.claimable_reward(id, juror(4)), 7);
        assert_eq!(world.gov.claimable_reward(id, juror(8)), 0);
        let outcome = claim(&mut world, id, juror(4)).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::JurorRewardClaimed(JurorRewardClaimed {
                dispute: id,
                juror: juror(4),
                amount: 7,
            })]
        );
        assert_eq!(pays(&outcome), vec![(juror(4), 7)]);
        assert!(world.gov.reward_claimed(id, juror(4)));
        // Once only; nothing for the minority, the withholders or strangers.
        for who in [juror(4), juror(8), juror(1), stranger(), alice()] {
            refuse(&mut world, GovernanceError::NothingToClaim, |w| {
                claim(w, id, who)
            });
        }
        for n in 5..=7 {
            claim(&mut world, id, juror(n)).unwrap();
        }
        assert_eq!(world.gov.bonds_held(), 0);
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            claim(w, 9, juror(4))
        });
    });
}

#[test]
fn the_appeal_decides_who_shares_the_forfeits_when_it_reaches_quorum() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        // Round 1: 3 uphold, juror 4 withholds (quorum met: no fresh round).
        vote(
            &mut world,
            id,
            FIRST_ROUND,
            T0 + PERIOD,
            &[(1, Some(true)), (2, Some(true)), (3, Some(true)), (4, None)],
        );
        let at = T0 + 3 * PERIOD;
        world.at(at);
        world
            .gov
            .appeal(world.paid(bob(), APPEAL_BOND), id)
            .unwrap();
        // Round 2: 7 dismiss, and juror 1 withholds (he may vote again in round 2).
        let mut votes: Vec<(u8, Option<bool>)> = (2..=8).map(|n| (n, Some(false))).collect();
        votes.push((1, None));
        vote(&mut world, id, APPEAL_ROUND, at, &votes);
        world.at(at + 2 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        // 20 forfeited for 7 winners: 2 each, 6 to the treasury.
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits: 20,
                forfeited_bond: 0,
                reward_per_juror: 2,
                to_treasury: 6,
            })]
        );
        assert_eq!(world.gov.bonds_held(), 14);
        // Jurors 2 and 3 upheld in round 1 but dismissed in the deciding round 2.
        assert!(claim(&mut world, id, juror(2)).is_ok());
        refuse(&mut world, GovernanceError::NothingToClaim, |w| {
            claim(w, id, juror(1))
        });
    });
}

#[test]
fn without_quorum_every_forfeit_goes_to_the_treasury() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        // 2 commits < quorum 3: no fresh round; one reveals, one withholds.
        vote(
            &mut world,
            id,
            FIRST_ROUND,
            T0 + PERIOD,
            &[(1, Some(true)), (2, None)],
        );
        world.at(T0 + 3 * PERIOD);
        assert_eq!(world.gov.phase(id, T0 + 3 * PERIOD), Some(Phase::Final));
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits: JUROR_DEPOSIT,
                forfeited_bond: 0,
                reward_per_juror: 0,
                to_treasury: JUROR_DEPOSIT,
            })]
        );
        // A misconduct dispute without quorum still returns the claimant's bond.
        assert_eq!(pays(&outcome), vec![(alice(), DISPUTE_BOND)]);
        assert_eq!(world.gov.bonds_held(), 0);
        refuse(&mut world, GovernanceError::NothingToClaim, |w| {
            claim(w, id, juror(1))
        });
    });
}

// ----- the fresh round -------------------------------------------------------------------------

#[test]
fn withheld_reveals_give_one_fresh_round_then_its_appeal_window() {
    env(|| {
        let mut world = World::new();
        let id = withheld_first_round(&mut world);
        let phase = |w: &World, t: Timestamp| w.gov.phase(id, t);
        assert_eq!(
            phase(&world, T0 + 3 * PERIOD),
            Some(Phase::Commit { round: RERUN_ROUND })
        );
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), None);
        vote(
            &mut world,
            id,
            RERUN_ROUND,
            T0 + 3 * PERIOD,
            &[(4, Some(false)), (5, Some(false)), (6, Some(false))],
        );
        assert_eq!(
            phase(&world, T0 + 5 * PERIOD - 1),
            Some(Phase::Reveal { round: RERUN_ROUND })
        );
        assert_eq!(phase(&world, T0 + 5 * PERIOD), Some(Phase::AppealWindow));
        assert_eq!(
            world.gov.ruling(id, T0 + 5 * PERIOD),
            Some(Ruling::Dismissed)
        );
        assert_eq!(
            phase(&world, T0 + 6 * PERIOD - 1),
            Some(Phase::AppealWindow)
        );
        assert_eq!(phase(&world, T0 + 6 * PERIOD), Some(Phase::Final));
        let dispute = world.gov.dispute(id).unwrap();
        assert!(dispute.has_rerun());
        assert_eq!(dispute.first_instance_round(), RERUN_ROUND);
        assert_eq!(dispute.first_round_ruling(), Ruling::Dismissed);
        // The claimant, the losing side of the fresh round, appeals it.
        world.at(T0 + 5 * PERIOD);
        refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
            w.gov.appeal(w.paid(bob(), APPEAL_BOND), id)
        });
        world
            .gov
            .appeal(world.paid(alice(), APPEAL_BOND), id)
            .unwrap();
        assert_eq!(
            world.gov.phase(id, T0 + 5 * PERIOD),
            Some(Phase::Commit {
                round: APPEAL_ROUND
            })
        );
        assert_eq!(
            world.gov.ruling(id, T0 + 5 * PERIOD),
            Some(Ruling::Dismissed)
        );
    });
}

#[test]
fn round_one_withholders_may_not_judge_the_fresh_round() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        vote(
            &mut world,
            id,
            FIRST_ROUND,
            T0 + PERIOD,
            &[(1, Some(true)), (2, None), (3, None)],
        );
        world.at(T0 + 3 * PERIOD);
        for withholder in [juror(2), juror(3)] {
            refuse(&mut world, GovernanceError::JurorExcluded, |w| {
                w.commit(id, RERUN_ROUND, withholder, true)
            });
        }
        // Precedence: the withholder check before asking the registry.
        world.chain.broken = true;
        refuse(&mut world, GovernanceError::JurorExcluded, |w| {
            w.commit(id, RERUN_ROUND, juror(2), true)
        });
        world.chain.broken = false;
        // A round-1 juror who revealed, and a newcomer, may.
        assert!(world.commit(id, RERUN_ROUND, juror(1), false).is_ok());
        assert!(world.commit(id, RERUN_ROUND, juror(4), false).is_ok());
        assert_eq!(world.gov.dispute(id).unwrap().rerun_round.committed, 2);
    });
}

#[test]
fn a_fresh_round_without_quorum_is_final_with_bonds_returned_and_no_other_round() {
    env(|| {
        let mut world = World::new();
        let id = withheld_first_round(&mut world);
        // The fresh round is withheld too: 3 commits, 1 reveal. No further round.
        vote(
            &mut world,
            id,
            RERUN_ROUND,
            T0 + 3 * PERIOD,
            &[(4, Some(true)), (5, None), (6, None)],
        );
        assert_eq!(world.gov.phase(id, T0 + 5 * PERIOD), Some(Phase::Final));
        assert_eq!(
            world.gov.ruling(id, T0 + 5 * PERIOD),
            Some(Ruling::NoQuorum)
        );
        world.at(T0 + 5 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(pays(&outcome), vec![(alice(), DISPUTE_BOND)]);
        // Five withheld deposits, nobody won: all to the treasury.
        assert_eq!(world.gov.bonds_held(), 0);
    });
}

#[test]
fn the_fresh_round_commits_only_in_its_commit_phase() {
    env(|| {
        let mut world = World::new();
        let id = withheld_first_round(&mut world);
        world.at(T0 + 4 * PERIOD);
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            w.commit(id, RERUN_ROUND, juror(4), true)
        });
        // Round 1's reveal phase is over: a withholder can no longer reveal.
        refuse(&mut world, GovernanceError::NotCommitted, |w| {
            w.reveal(id, juror(1), true)
        });
    });
}

// ----- key recovery: contest and forfeiture ------------------------------------------------------

#[test]
fn the_lost_account_contests_and_the_recovery_is_dismissed_at_once() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        world.commit(id, FIRST_ROUND, juror(2), true).unwrap();
        let outcome = world
            .gov
            .contest_recovery(world.ctx(juror(10)), id)
            .unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::RecoveryContested(RecoveryContested {
                dispute: id,
                lost: juror(10),
            })]
        );
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(
            dispute.contest,
            Some(Contest {
                at: T0 + PERIOD,
                round: Some(FIRST_ROUND)
            })
        );
        assert_eq!(world.gov.phase(id, T0 + PERIOD), Some(Phase::Final));
        assert_eq!(world.gov.ruling(id, T0 + PERIOD), Some(Ruling::Dismissed));
        // Nobody reveals any more.
        world.at(T0 + 2 * PERIOD);
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            w.reveal(id, juror(1), true)
        });
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert!(outcome.events.is_empty(), "nothing forfeited");
        assert_eq!(
            outcome.interactions,
            vec![
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::Dismissed,
                    action: None
                },
                Interaction::Pay {
                    to: juror(10),
                    amount: DISPUTE_BOND
                },
            ]
        );
        // The interrupted round's jurors get their deposit back.
        assert_eq!(world.gov.bonds_held(), 2 * JUROR_DEPOSIT);
        for n in 1..=2 {
            let outcome = claim(&mut world, id, juror(n)).unwrap();
            assert_eq!(pays(&outcome), vec![(juror(n), JUROR_DEPOSIT)]);
        }
        assert_eq!(world.gov.bonds_held(), 0);
        refuse(&mut world, GovernanceError::NothingToClaim, |w| {
            claim(w, id, juror(1))
        });
    });
}

#[test]
fn a_contest_in_the_appeal_window_forfeits_the_earlier_withheld_deposits() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        vote(
            &mut world,
            id,
            FIRST_ROUND,
            T0 + PERIOD,
            &[(1, Some(true)), (2, Some(true)), (3, Some(true)), (4, None)],
        );
        world.at(T0 + 3 * PERIOD);
        world
            .gov
            .contest_recovery(world.ctx(juror(10)), id)
            .unwrap();
        assert_eq!(world.gov.dispute(id).unwrap().contest.unwrap().round, None);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits: JUROR_DEPOSIT,
                forfeited_bond: 0,
                reward_per_juror: 0,
                to_treasury: JUROR_DEPOSIT,
            })]
        );
        assert_eq!(pays(&outcome), vec![(juror(10), DISPUTE_BOND)]);
        assert_eq!(world.gov.bonds_held(), 0);
        for n in 1..=4 {
            refuse(&mut world, GovernanceError::NothingToClaim, |w| {
                claim(w, id, juror(n))
            });
        }
    });
}

#[test]
fn contest_refusals() {
    env(|| {
        let mut world = World::new();
        let misconduct = world.open_expel();
        let id = open_recovery(&mut world);
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            w.gov.contest_recovery(w.ctx(juror(10)), 9)
        });
        // Not a recovery; not the lost account.
        refuse(&mut world, GovernanceError::NotContestable, |w| {
            w.gov.contest_recovery(w.ctx(bob()), misconduct)
        });
        for who in [new_key(), alice(), stranger()] {
            refuse(&mut world, GovernanceError::NotContestable, |w| {
                w.gov.contest_recovery(w.ctx(who), id)
            });
        }
        // During the evidence phase it works, once.
        world
            .gov
            .contest_recovery(world.ctx(juror(10)), id)
            .unwrap();
        refuse(&mut world, GovernanceError::NotContestable, |w| {
            w.gov.contest_recovery(w.ctx(juror(10)), id)
        });
        // Too late once final (here: no quorum at the end of round 1).
        let late = open_recovery(&mut world);
        world.at(T0 + 3 * PERIOD);
        refuse(&mut world, GovernanceError::NotContestable, |w| {
            w.gov.contest_recovery(w.ctx(juror(10)), late)
        });
    });
}

#[test]
fn a_recovery_without_quorum_forfeits_the_claimants_bond() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        world.first_round(id, &[true, true]);
        assert_eq!(
            world.gov.ruling(id, T0 + 3 * PERIOD),
            Some(Ruling::NoQuorum)
        );
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits: 0,
                forfeited_bond: DISPUTE_BOND,
                reward_per_juror: 0,
                to_treasury: DISPUTE_BOND,
            })]
        );
        assert!(pays(&outcome).is_empty(), "no free retries");
        assert_eq!(world.gov.bonds_held(), 0);
    });
}
