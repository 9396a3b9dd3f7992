//! Disputes: opening, evidence, commit-reveal, outcomes, appeals and execution.

use super::*;
use crate::disputes::{enforcement_outcome, quorum, vote_commitment};
use crate::events::{
    Appealed, DisputeOpened, Evidence, GovernanceEvent, VoteCommitted, VoteRevealed,
};
use crate::types::{Appeal, Enforcement, Interaction, Phase, Ruling, Tally, RERUN_ROUND};
use interfaces::{RegistryError, TokenError};

/// Hash of an evidence document.
fn evidence() -> Hash {
    Hash::from([4; 32])
}

fn recovery(lost: AccountId) -> Remedy {
    Remedy::Recover {
        token: bob_token(),
        lost,
        new_account: new_key(),
    }
}

/// Opens a key recovery of juror 10's Bob tokens to `new_key`, by `new_key` (not a member).
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
            recovery(juror(10)),
            &world.chain,
        )
        .expect("open recovery")
        .0
}

fn interactions(outcome: Outcome) -> Vec<Interaction> {
    outcome.interactions
}

// ----- opening -------------------------------------------------------------------------------

#[test]
fn open_dispute_records_the_dispute_and_holds_the_bond() {
    env(|| {
        let mut world = World::new();
        let (id, outcome) = world
            .accuse(DisputeKind::UndisclosedLiquidation, Remedy::Expel)
            .unwrap();
        assert_eq!(id, 0);
        assert_eq!(world.gov.dispute_count(), 1);
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND);
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(
            dispute,
            Dispute {
                claimant: alice(),
                accused: bob(),
                kind: DisputeKind::UndisclosedLiquidation,
                remedy: Remedy::Expel,
                evidence_hash: Hash::from([9; 32]),
                bond: DISPUTE_BOND,
                appeal_bond: APPEAL_BOND,
                juror_deposit: JUROR_DEPOSIT,
                opened_at: T0,
                evidence_ends: T0 + PERIOD,
                commit_ends: T0 + 2 * PERIOD,
                reveal_ends: T0 + 3 * PERIOD,
                appeal_ends: T0 + 4 * PERIOD,
                rerun_commit_ends: T0 + 4 * PERIOD,
                rerun_reveal_ends: T0 + 5 * PERIOD,
                rerun_appeal_ends: T0 + 6 * PERIOD,
                active_snapshot: 12,
                // 12 counted, minus Alice, Bob, his voucher (juror 9) and his holder (juror 10).
                eligible_snapshot: 8,
                quorum: 3,
                appeal_quorum: 7,
                threshold_bps: DEFAULT_THRESHOLD_BPS,
                first_round: Tally::default(),
                rerun_round: Tally::default(),
                appeal_round: Tally::default(),
                appeal: None,
                contest: None,
                executed: false,
                juror_reward: 0,
                accused_token: Some(bob_token()),
                accused_splitter: None,
            }
        );
        assert_eq!(
            outcome.events,
            vec![
                GovernanceEvent::DisputeOpened(DisputeOpened {
                    dispute: 0,
                    claimant: alice(),
                    accused: bob(),
                    kind: DisputeKind::UndisclosedLiquidation,
                    remedy: Remedy::Expel,
                    bond: DISPUTE_BOND,
                    evidence_ends: T0 + PERIOD,
                    commit_ends: T0 + 2 * PERIOD,
                    reveal_ends: T0 + 3 * PERIOD,
                    appeal_ends: T0 + 4 * PERIOD,
                    eligible: 8,
                    quorum: 3,
                    juror_deposit: JUROR_DEPOSIT,
                }),
                GovernanceEvent::Evidence(Evidence {
                    dispute: 0,
                    party: alice(),
                    evidence_hash: Hash::from([9; 32]),
                }),
            ]
        );
        // The registry opens a case against the accused (his token is restrained).
        assert_eq!(
            outcome.interactions,
            vec![Interaction::OpenCase { member: bob() }]
        );
        assert_eq!(world.gov.phase(id, T0), Some(Phase::Evidence));
        assert_eq!(world.gov.quorum_of(id), Some(3));
        // A second dispute gets the next id and adds its bond.
        let (second, _) = world
            .accuse(DisputeKind::Other, Remedy::Suspend { duration: 5 })
            .unwrap();
        assert_eq!(second, 1);
        assert_eq!(world.gov.bonds_held(), 2 * DISPUTE_BOND);
    });
}

#[test]
fn open_dispute_snapshots_suspended_members_in_the_quorum() {
    env(|| {
        let mut world = World::new();
        world.chain.suspended = 8; // 20 counted: ceil(20 % of 20) = 4 > min_jurors
        let id = world.open_expel();
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.active_snapshot, 20);
        assert_eq!(dispute.quorum, 4);
        assert_eq!(dispute.appeal_quorum, 7); // 2 * 3 + 1 > ceil(30 % of 20) = 6
                                              // Later changes of membership do not move the snapshot.
        world.chain.suspended = 100;
        assert_eq!(world.gov.quorum_of(id), Some(4));
    });
}

#[test]
fn open_dispute_before_wiring_fails() {
    env(|| {
        let mut world = World::unwired();
        refuse(&mut world, GovernanceError::NotWired, |w| {
            w.accuse(DisputeKind::Other, Remedy::Expel)
        });
    });
}

#[test]
fn open_dispute_needs_the_exact_bond() {
    env(|| {
        let mut world = World::new();
        for sent in [0, DISPUTE_BOND - 1, DISPUTE_BOND + 1] {
            refuse(
                &mut world,
                GovernanceError::WrongBond {
                    expected: DISPUTE_BOND,
                    received: sent,
                },
                |w| {
                    let ctx = w.paid(alice(), sent);
                    w.gov.open_dispute(
                        ctx,
                        bob(),
                        DisputeKind::Other,
                        evidence(),
                        Remedy::Expel,
                        &w.chain,
                    )
                },
            );
        }
    });
}

#[test]
fn open_dispute_refuses_remedies_that_do_not_fit() {
    env(|| {
        let mut world = World::new();
        // Misconduct: a zero suspension, or a recovery.
        refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
            w.accuse(
                DisputeKind::MisreportedProceeds,
                Remedy::Suspend { duration: 0 },
            )
        });
        refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
            w.accuse(DisputeKind::TransferAbuse, recovery(bob()))
        });
        // Key recovery: anything but `Recover`, lost != accused, new_account == lost.
        let bad_recoveries = [
            Remedy::Expel,
            Remedy::Suspend { duration: 10 },
            recovery(juror(1)),
            Remedy::Recover {
                token: bob_token(),
                lost: juror(10),
                new_account: juror(10),
            },
            // A token not launched through the registry.
            Remedy::Recover {
                token: stranger(),
                lost: juror(10),
                new_account: new_key(),
            },
        ];
        for remedy in bad_recoveries {
            refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
                let ctx = w.paid(new_key(), DISPUTE_BOND);
                w.gov.open_dispute(
                    ctx,
                    juror(10),
                    DisputeKind::KeyRecovery,
                    evidence(),
                    remedy,
                    &w.chain,
                )
            });
        }
        // The issuer's own balance never moves by recovery, nor to the issuer.
        refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
            let ctx = w.paid(new_key(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                bob(),
                DisputeKind::KeyRecovery,
                evidence(),
                recovery(bob()),
                &w.chain,
            )
        });
        refuse(&mut world, GovernanceError::InvalidRemedy, |w| {
            // (The claimant is the new account itself.)
            let ctx = w.paid(bob(), DISPUTE_BOND);
            let remedy = Remedy::Recover {
                token: bob_token(),
                lost: juror(10),
                new_account: bob(),
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
    });
}

#[test]
fn open_dispute_refuses_self_accusation_non_member_claimant_and_non_member_accused() {
    env(|| {
        let mut world = World::new();
        refuse(&mut world, GovernanceError::CannotAccuseSelf, |w| {
            let ctx = w.paid(bob(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                bob(),
                DisputeKind::Other,
                evidence(),
                Remedy::Expel,
                &w.chain,
            )
        });
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            let ctx = w.paid(stranger(), DISPUTE_BOND);
            w.gov.open_dispute(
                ctx,
                bob(),
                DisputeKind::Other,
                evidence(),
                Remedy::Expel,
                &w.chain,
            )
        });
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
        // A suspended claimant is not active either.
        world.chain.active.remove(&alice());
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            w.accuse(DisputeKind::Other, Remedy::Expel)
        });
    });
}

/// Changed by issue 12: a suspended member without a token used to be refused
/// `AccusedNotMember`; the registry's `accusable` now tells him from a non-member.
#[test]
fn suspended_members_can_be_accused_with_or_without_a_token() {
    env(|| {
        let mut world = World::new();
        world.chain.active.remove(&bob());
        world.chain.accusable.insert(
            bob(),
            Accusable {
                vouchers: 1,
                counted_active: true,
            },
        );
        world.chain.suspended = 1;
        assert!(world
            .accuse(DisputeKind::MisreportedProceeds, Remedy::Expel)
            .is_ok());
        world.chain.tokens.clear();
        assert!(world
            .accuse(DisputeKind::MisreportedProceeds, Remedy::Expel)
            .is_ok());
        // Once expelled or resigned (`accusable` says `None`) he cannot be accused.
        world.chain.accusable.clear();
        refuse(&mut world, GovernanceError::AccusedNotMember, |w| {
            w.accuse(DisputeKind::MisreportedProceeds, Remedy::Expel)
        });
    });
}

#[test]
fn key_recovery_can_be_opened_by_a_non_member() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.claimant, new_key());
        assert_eq!(dispute.accused, juror(10));
        assert_eq!(dispute.kind, DisputeKind::KeyRecovery);
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND);
    });
}

#[test]
fn open_dispute_fails_when_the_registry_cannot_be_asked() {
    env(|| {
        let mut world = World::new();
        world.chain.broken = true;
        refuse(&mut world, GovernanceError::CallFailed, |w| {
            w.accuse(DisputeKind::Other, Remedy::Expel)
        });
    });
}

// ----- phases --------------------------------------------------------------------------------

#[test]
fn phases_follow_the_clock_without_appeal() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        let phase = |world: &World, at: Timestamp| world.gov.phase(id, at);
        assert_eq!(phase(&world, T0), Some(Phase::Evidence));
        assert_eq!(phase(&world, T0 + PERIOD - 1), Some(Phase::Evidence));
        assert_eq!(phase(&world, T0 + PERIOD), Some(Phase::Commit { round: 1 }));
        assert_eq!(
            phase(&world, T0 + 2 * PERIOD - 1),
            Some(Phase::Commit { round: 1 })
        );
        assert_eq!(
            phase(&world, T0 + 2 * PERIOD),
            Some(Phase::Reveal { round: 1 })
        );
        assert_eq!(
            phase(&world, T0 + 3 * PERIOD - 1),
            Some(Phase::Reveal { round: 1 })
        );
        world.first_round(id, &[true, true, true]);
        assert_eq!(phase(&world, T0 + 3 * PERIOD), Some(Phase::AppealWindow));
        assert_eq!(
            phase(&world, T0 + 4 * PERIOD - 1),
            Some(Phase::AppealWindow)
        );
        assert_eq!(phase(&world, T0 + 4 * PERIOD), Some(Phase::Final));
        assert_eq!(phase(&world, u64::MAX), Some(Phase::Final));
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD - 1), None);
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), Some(Ruling::Upheld));
        assert_eq!(world.gov.ruling(id, T0 + 4 * PERIOD), Some(Ruling::Upheld));
        assert_eq!(world.gov.phase(7, T0), None);
    });
}

#[test]
fn no_quorum_is_final_at_the_end_of_the_reveal() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true]); // 2 < quorum 3
        assert_eq!(
            world.gov.phase(id, T0 + 3 * PERIOD - 1),
            Some(Phase::Reveal { round: 1 })
        );
        assert_eq!(world.gov.phase(id, T0 + 3 * PERIOD), Some(Phase::Final));
        assert_eq!(
            world.gov.ruling(id, T0 + 3 * PERIOD),
            Some(Ruling::NoQuorum)
        );
        // No appeal after a round without quorum, by either side.
        for who in [alice(), bob()] {
            refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
                let ctx = w.paid(who, APPEAL_BOND);
                w.gov.appeal(ctx, id)
            });
        }
        // Every bond goes back to its payer.
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            interactions(outcome),
            vec![
                Interaction::CloseCase { member: bob() },
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::NoQuorum,
                    action: None
                },
                Interaction::Pay {
                    to: alice(),
                    amount: DISPUTE_BOND
                },
            ]
        );
        assert_eq!(world.gov.bonds_held(), 0);
    });
}

/// Changed by issue 12: round 1 below quorum with at least `quorum` commits (here 4 >= 3)
/// used to be final `NoQuorum`; the withheld reveals now give a fresh round instead.
#[test]
fn committed_but_unrevealed_votes_do_not_count_towards_quorum() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        for n in 1..=4 {
            world.commit(id, FIRST_ROUND, juror(n), true).unwrap();
        }
        world.at(T0 + 2 * PERIOD);
        for n in 1..=2 {
            world.reveal(id, juror(n), true).unwrap();
        }
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(
            dispute.first_round,
            Tally {
                committed: 4,
                yes: 2,
                no: 0
            }
        );
        assert_eq!(
            dispute
                .first_round
                .ruling(dispute.quorum, DEFAULT_THRESHOLD_BPS),
            Ruling::NoQuorum
        );
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), None);
        assert_eq!(
            world.gov.phase(id, T0 + 3 * PERIOD),
            Some(Phase::Commit { round: RERUN_ROUND })
        );
    });
}

// ----- evidence ------------------------------------------------------------------------------

#[test]
fn parties_submit_evidence_during_the_evidence_phase_only() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD - 1);
        for party in [alice(), bob()] {
            let before = world.snapshot();
            let outcome = world
                .gov
                .submit_evidence(world.ctx(party), id, evidence())
                .unwrap();
            assert_eq!(
                outcome.events,
                vec![GovernanceEvent::Evidence(Evidence {
                    dispute: id,
                    party,
                    evidence_hash: evidence(),
                })]
            );
            assert_eq!(world.snapshot(), before, "evidence is only an event");
        }
        refuse(&mut world, GovernanceError::NotParty, |w| {
            w.gov.submit_evidence(w.ctx(juror(1)), id, evidence())
        });
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            w.gov.submit_evidence(w.ctx(alice()), 5, evidence())
        });
        world.at(T0 + PERIOD);
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            w.gov.submit_evidence(w.ctx(alice()), id, evidence())
        });
    });
}

// ----- commit --------------------------------------------------------------------------------

#[test]
fn commit_vote_stores_the_commitment() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        let commitment = vote_commitment(id, FIRST_ROUND, juror(1), true, salt_of(juror(1)));
        let outcome = world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::VoteCommitted(VoteCommitted {
                dispute: id,
                round: FIRST_ROUND,
                juror: juror(1),
                commitment,
            })]
        );
        assert_eq!(
            world.gov.vote_of(id, FIRST_ROUND, juror(1)),
            Some(JurorVote {
                commitment,
                revealed: None
            })
        );
        assert_eq!(world.gov.vote_of(id, APPEAL_ROUND, juror(1)), None);
        assert_eq!(world.gov.dispute(id).unwrap().first_round.committed, 1);
    });
}

#[test]
fn commit_vote_outside_the_commit_phase_fails() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        for at in [T0, T0 + PERIOD - 1, T0 + 2 * PERIOD, T0 + 5 * PERIOD] {
            world.at(at);
            refuse(&mut world, GovernanceError::WrongPhase, |w| {
                w.commit(id, FIRST_ROUND, juror(1), true)
            });
        }
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            w.commit(9, FIRST_ROUND, juror(1), true)
        });
    });
}

#[test]
fn double_commit_fails() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        refuse(&mut world, GovernanceError::AlreadyCommitted, |w| {
            w.commit(id, FIRST_ROUND, juror(1), false)
        });
    });
}

#[test]
fn parties_cannot_judge() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        for party in [alice(), bob()] {
            refuse(&mut world, GovernanceError::JurorExcluded, |w| {
                w.commit(id, FIRST_ROUND, party, true)
            });
        }
    });
}

#[test]
fn a_recoverys_new_account_cannot_judge() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        // Even as an active member, the new account is a party.
        world.chain.active.insert(new_key());
        world.at(T0 + PERIOD);
        for party in [new_key(), juror(10)] {
            refuse(&mut world, GovernanceError::JurorExcluded, |w| {
                w.commit(id, FIRST_ROUND, party, true)
            });
        }
        assert!(world.commit(id, FIRST_ROUND, juror(1), true).is_ok());
    });
}

#[test]
fn vouchers_of_the_accused_cannot_judge() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        refuse(&mut world, GovernanceError::JurorExcluded, |w| {
            w.commit(id, FIRST_ROUND, juror(9), true)
        });
    });
}

#[test]
fn holders_of_the_accuseds_token_cannot_judge() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        refuse(&mut world, GovernanceError::JurorExcluded, |w| {
            w.commit(id, FIRST_ROUND, juror(10), true)
        });
        // A zero balance is no stake.
        world.chain.balances.insert((bob_token(), juror(10)), 0);
        assert!(world.commit(id, FIRST_ROUND, juror(10), true).is_ok());
    });
}

#[test]
fn non_members_cannot_judge() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            w.commit(id, FIRST_ROUND, stranger(), true)
        });
        world.chain.broken = true;
        refuse(&mut world, GovernanceError::CallFailed, |w| {
            w.commit(id, FIRST_ROUND, juror(1), true)
        });
    });
}

// ----- reveal --------------------------------------------------------------------------------

#[test]
fn reveal_vote_counts_the_vote() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        world.commit(id, FIRST_ROUND, juror(2), false).unwrap();
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
        world.reveal(id, juror(2), false).unwrap();
        assert_eq!(
            world.gov.dispute(id).unwrap().first_round,
            Tally {
                committed: 2,
                yes: 1,
                no: 1
            }
        );
        assert_eq!(
            world
                .gov
                .vote_of(id, FIRST_ROUND, juror(2))
                .unwrap()
                .revealed,
            Some(false)
        );
    });
}

#[test]
fn reveal_refusals() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        // Still the commit phase.
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            w.reveal(id, juror(1), true)
        });
        world.at(T0 + 2 * PERIOD);
        refuse(&mut world, GovernanceError::NotCommitted, |w| {
            w.reveal(id, juror(2), true)
        });
        // The wrong vote, or the wrong salt.
        refuse(&mut world, GovernanceError::BadReveal, |w| {
            w.reveal(id, juror(1), false)
        });
        refuse(&mut world, GovernanceError::BadReveal, |w| {
            let ctx = w.ctx(juror(1));
            w.gov.reveal_vote(ctx, id, true, [0; 32])
        });
        world.reveal(id, juror(1), true).unwrap();
        refuse(&mut world, GovernanceError::AlreadyRevealed, |w| {
            w.reveal(id, juror(1), true)
        });
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            w.reveal(8, juror(1), true)
        });
        // Too late.
        world.at(T0 + 3 * PERIOD);
        refuse(&mut world, GovernanceError::WrongPhase, |w| {
            w.reveal(id, juror(1), true)
        });
    });
}

#[test]
fn a_copied_commitment_cannot_be_revealed_by_the_copier() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        let original = vote_commitment(id, FIRST_ROUND, juror(1), true, salt_of(juror(1)));
        world.commit(id, FIRST_ROUND, juror(1), true).unwrap();
        // Juror 2 copies juror 1's commitment from the event.
        let ctx = world.paid(juror(2), JUROR_DEPOSIT);
        world
            .gov
            .commit_vote(ctx, id, original, &world.chain)
            .unwrap();
        world.at(T0 + 2 * PERIOD);
        // Even once juror 1 revealed his vote and salt, the copy does not open.
        world.reveal(id, juror(1), true).unwrap();
        refuse(&mut world, GovernanceError::BadReveal, |w| {
            let ctx = w.ctx(juror(2));
            w.gov.reveal_vote(ctx, id, true, salt_of(juror(1)))
        });
    });
}

/// Changed by issue 12: exclusions used to be checked again at reveal, which let the accused
/// void committed votes by sending the jurors his token. Eligibility is now decided once, at
/// commit: nothing after the commit refuses a reveal.
#[test]
fn exclusions_are_decided_at_commit_not_again_at_reveal() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        for n in 1..=3 {
            world.commit(id, FIRST_ROUND, juror(n), true).unwrap();
        }
        // After committing, juror 1 is sent Bob's token, juror 2 turns out to be a voucher and
        // juror 3 is suspended.
        world.chain.balances.insert((bob_token(), juror(1)), 1);
        world.chain.vouches.insert((juror(2), bob()));
        world.chain.active.remove(&juror(3));
        world.at(T0 + 2 * PERIOD);
        for n in 1..=3 {
            world.reveal(id, juror(n), true).unwrap();
        }
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.first_round.yes, 3);
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), Some(Ruling::Upheld));
    });
}

#[test]
fn commitment_binds_dispute_round_juror_vote_and_salt() {
    env(|| {
        let base = vote_commitment(1, FIRST_ROUND, juror(1), true, [5; 32]);
        assert_ne!(
            base,
            vote_commitment(2, FIRST_ROUND, juror(1), true, [5; 32])
        );
        assert_ne!(
            base,
            vote_commitment(1, APPEAL_ROUND, juror(1), true, [5; 32])
        );
        assert_ne!(
            base,
            vote_commitment(1, FIRST_ROUND, juror(2), true, [5; 32])
        );
        assert_ne!(
            base,
            vote_commitment(1, FIRST_ROUND, juror(1), false, [5; 32])
        );
        assert_ne!(
            base,
            vote_commitment(1, FIRST_ROUND, juror(1), true, [6; 32])
        );
        // It is BLAKE2b-256 of the SCALE-encoded tuple, as a dApp computes it.
        let encoded = ink::scale::Encode::encode(&(1u64, FIRST_ROUND, juror(1), true, [5u8; 32]));
        assert_eq!(encoded.len(), 8 + 1 + 32 + 1 + 32);
        let mut expected = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&encoded, &mut expected);
        assert_eq!(base, Hash::from(expected));
    });
}

// ----- outcomes ------------------------------------------------------------------------------

#[test]
fn quorum_is_the_larger_of_the_floor_and_the_rounded_up_share() {
    assert_eq!(quorum(2_000, 12, 3), Ok(3));
    assert_eq!(quorum(2_000, 20, 3), Ok(4));
    assert_eq!(quorum(2_000, 21, 3), Ok(5)); // 4.2 rounds up
    assert_eq!(quorum(0, 1_000, 1), Ok(1));
    assert_eq!(quorum(10_000, 7, 1), Ok(7));
    assert_eq!(quorum(10_000, u32::MAX, 1), Ok(u32::MAX));
    assert_eq!(quorum(3_000, 0, 7), Ok(7));
}

#[test]
fn tally_boundaries() {
    let tally = |yes, no| Tally {
        committed: 0,
        yes,
        no,
    };
    // Exactly the threshold upholds.
    assert_eq!(tally(3, 1).ruling(3, 7_500), Ruling::Upheld);
    assert_eq!(tally(2, 1).ruling(3, 7_500), Ruling::Dismissed);
    // Exactly the quorum is enough.
    assert_eq!(tally(3, 0).ruling(3, 7_500), Ruling::Upheld);
    assert_eq!(tally(2, 0).ruling(3, 7_500), Ruling::NoQuorum);
    assert_eq!(tally(0, 0).ruling(1, 10_000), Ruling::NoQuorum);
    // Unanimity.
    assert_eq!(tally(9, 0).ruling(1, 10_000), Ruling::Upheld);
    assert_eq!(tally(9, 1).ruling(1, 10_000), Ruling::Dismissed);
    assert_eq!(
        tally(u32::MAX, u32::MAX).ruling(1, 5_001),
        Ruling::Dismissed
    );
    assert_eq!(tally(u32::MAX, 0).ruling(u32::MAX, 10_000), Ruling::Upheld);
}

#[test]
fn two_of_three_is_below_the_default_threshold() {
    // 6 667 bps is a hair above two thirds: 2 of 3 (66.66 %) dismisses, 3 of 4 upholds.
    let tally = |yes, no| Tally {
        committed: 0,
        yes,
        no,
    };
    assert_eq!(
        tally(2, 1).ruling(1, DEFAULT_THRESHOLD_BPS),
        Ruling::Dismissed
    );
    assert_eq!(tally(3, 1).ruling(1, DEFAULT_THRESHOLD_BPS), Ruling::Upheld);
    assert_eq!(
        tally(6_667, 3_333).ruling(1, DEFAULT_THRESHOLD_BPS),
        Ruling::Upheld
    );
    assert_eq!(
        tally(6_666, 3_334).ruling(1, DEFAULT_THRESHOLD_BPS),
        Ruling::Dismissed
    );
}

// ----- appeals -------------------------------------------------------------------------------

#[test]
fn the_winner_cannot_appeal() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true, true]); // upheld: Alice won
        for who in [alice(), juror(1), stranger()] {
            refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
                let ctx = w.paid(who, APPEAL_BOND);
                w.gov.appeal(ctx, id)
            });
        }
    });
}

#[test]
fn the_accused_appeals_an_upheld_ruling() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true, true]);
        let at = T0 + 3 * PERIOD + 10;
        world.at(at);
        refuse(
            &mut world,
            GovernanceError::WrongBond {
                expected: APPEAL_BOND,
                received: DISPUTE_BOND,
            },
            |w| {
                let ctx = w.paid(bob(), DISPUTE_BOND);
                w.gov.appeal(ctx, id)
            },
        );
        let outcome = world
            .gov
            .appeal(world.paid(bob(), APPEAL_BOND), id)
            .unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::Appealed(Appealed {
                dispute: id,
                appellant: bob(),
                bond: APPEAL_BOND,
                commit_ends: at + PERIOD,
                reveal_ends: at + 2 * PERIOD,
            })]
        );
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(
            dispute.appeal,
            Some(Appeal {
                appellant: bob(),
                bond: APPEAL_BOND,
                at,
                commit_ends: at + PERIOD,
                reveal_ends: at + 2 * PERIOD,
            })
        );
        assert_eq!(world.gov.bonds_held(), DISPUTE_BOND + APPEAL_BOND);
        assert_eq!(world.gov.quorum_of(id), Some(7));
        // Round 2: commit from the appeal on, then reveal, then final; no second appeal.
        assert_eq!(world.gov.phase(id, at), Some(Phase::Commit { round: 2 }));
        assert_eq!(
            world.gov.phase(id, at + PERIOD - 1),
            Some(Phase::Commit { round: 2 })
        );
        assert_eq!(
            world.gov.phase(id, at + PERIOD),
            Some(Phase::Reveal { round: 2 })
        );
        assert_eq!(
            world.gov.phase(id, at + 2 * PERIOD - 1),
            Some(Phase::Reveal { round: 2 })
        );
        assert_eq!(world.gov.phase(id, at + 2 * PERIOD), Some(Phase::Final));
        assert_eq!(world.gov.ruling(id, at), Some(Ruling::Upheld));
        refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
            let ctx = w.paid(bob(), APPEAL_BOND);
            w.gov.appeal(ctx, id)
        });
    });
}

#[test]
fn the_claimant_appeals_a_dismissal() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[false, false, true]);
        refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
            let ctx = w.paid(bob(), APPEAL_BOND);
            w.gov.appeal(ctx, id)
        });
        assert!(world
            .gov
            .appeal(world.paid(alice(), APPEAL_BOND), id)
            .is_ok());
    });
}

#[test]
fn appeal_outside_the_window_fails() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.at(T0 + PERIOD);
        for n in 1..=3 {
            world.commit(id, FIRST_ROUND, juror(n), true).unwrap();
        }
        world.at(T0 + 2 * PERIOD);
        for n in 1..=3 {
            world.reveal(id, juror(n), true).unwrap();
        }
        // During the reveal, and once the window closed.
        for at in [T0 + 3 * PERIOD - 1, T0 + 4 * PERIOD] {
            world.at(at);
            refuse(&mut world, GovernanceError::AppealNotAllowed, |w| {
                let ctx = w.paid(bob(), APPEAL_BOND);
                w.gov.appeal(ctx, id)
            });
        }
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            let ctx = w.paid(bob(), APPEAL_BOND);
            w.gov.appeal(ctx, 3)
        });
    });
}

#[test]
fn round_two_takes_fresh_votes_and_its_outcome_is_final() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true, true]);
        let at = T0 + 3 * PERIOD;
        world
            .gov
            .appeal(world.paid(bob(), APPEAL_BOND), id)
            .unwrap();
        world.at(at);
        // Round-1 votes are not round-2 votes.
        world.at(at + PERIOD);
        refuse(&mut world, GovernanceError::NotCommitted, |w| {
            w.reveal(id, juror(1), true)
        });
        // Seven jurors dismiss (round 2 needs 7); the same jurors may vote again.
        world.vote_round(id, APPEAL_ROUND, at, &[false; 7]);
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(
            dispute.appeal_round,
            Tally {
                committed: 7,
                yes: 0,
                no: 7
            }
        );
        assert_eq!(dispute.first_round.yes, 3);
        assert_eq!(world.gov.phase(id, at + 2 * PERIOD), Some(Phase::Final));
        assert_eq!(
            world.gov.ruling(id, at + 2 * PERIOD),
            Some(Ruling::Dismissed)
        );
    });
}

#[test]
fn round_two_without_quorum_leaves_round_one_standing() {
    // Regression: an accused convicted in round 1 could appeal and escape by low turnout,
    // because a round 2 without quorum used to dismiss the dispute with every bond returned.
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true, true]);
        let at = T0 + 3 * PERIOD;
        world
            .gov
            .appeal(world.paid(bob(), APPEAL_BOND), id)
            .unwrap();
        world.vote_round(id, APPEAL_ROUND, at, &[false; 6]); // 6 < 2 * 3 + 1: no quorum
        let dispute = world.gov.dispute(id).unwrap();
        assert_eq!(dispute.appeal_round_ruling(), Ruling::NoQuorum);
        assert_eq!(world.gov.ruling(id, at + 2 * PERIOD), Some(Ruling::Upheld));
        world.at(at + 2 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(alice()), id).unwrap();
        assert_eq!(
            interactions(outcome),
            vec![
                Interaction::CloseCase { member: bob() },
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::Upheld,
                    action: Some(Enforcement::Expel { member: bob() })
                },
                // The failed appeal forfeits its bond to the claimant, like a lost appeal.
                Interaction::Pay {
                    to: alice(),
                    amount: DISPUTE_BOND + APPEAL_BOND
                },
            ]
        );
    });
}

// ----- execution -----------------------------------------------------------------------------

#[test]
fn execution_before_final_fails() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        for at in [T0, T0 + PERIOD, T0 + 2 * PERIOD] {
            world.at(at);
            refuse(&mut world, GovernanceError::NotFinal, |w| {
                w.gov.execute_ruling(w.ctx(alice()), id)
            });
        }
        world.first_round(id, &[true, true, true]);
        refuse(&mut world, GovernanceError::NotFinal, |w| {
            w.gov.execute_ruling(w.ctx(alice()), id)
        });
        // During round 2.
        world
            .gov
            .appeal(world.paid(bob(), APPEAL_BOND), id)
            .unwrap();
        world.at(T0 + 4 * PERIOD + 1);
        refuse(&mut world, GovernanceError::NotFinal, |w| {
            w.gov.execute_ruling(w.ctx(alice()), id)
        });
        refuse(&mut world, GovernanceError::DisputeNotFound, |w| {
            w.gov.execute_ruling(w.ctx(alice()), 4)
        });
    });
}

#[test]
fn an_upheld_expulsion_executes_once() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[true, true, true]);
        world.at(T0 + 4 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert!(
            outcome.events.is_empty(),
            "RulingExecuted comes from the glue"
        );
        assert_eq!(
            outcome.interactions,
            vec![
                Interaction::CloseCase { member: bob() },
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::Upheld,
                    action: Some(Enforcement::Expel { member: bob() }),
                },
                Interaction::Pay {
                    to: alice(),
                    amount: DISPUTE_BOND
                },
            ]
        );
        assert!(world.gov.dispute(id).unwrap().executed);
        assert_eq!(world.gov.bonds_held(), 0);
        refuse(&mut world, GovernanceError::AlreadyExecuted, |w| {
            w.gov.execute_ruling(w.ctx(alice()), id)
        });
    });
}

#[test]
fn an_upheld_suspension_runs_from_the_execution() {
    env(|| {
        let mut world = World::new();
        let (id, _) = world
            .accuse(
                DisputeKind::TransferAbuse,
                Remedy::Suspend { duration: 777 },
            )
            .unwrap();
        world.first_round(id, &[true, true, true]);
        let executed_at = T0 + 9 * PERIOD;
        world.at(executed_at);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.interactions[0],
            Interaction::CloseCase { member: bob() }
        );
        assert_eq!(
            outcome.interactions[1],
            Interaction::Enforce {
                dispute: id,
                ruling: Ruling::Upheld,
                action: Some(Enforcement::Suspend {
                    member: bob(),
                    until: executed_at + 777
                }),
            }
        );
    });
}

#[test]
fn an_upheld_recovery_recovers_on_the_named_token() {
    env(|| {
        let mut world = World::new();
        let id = open_recovery(&mut world);
        world.first_round(id, &[true, true, true]);
        world.at(T0 + 4 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.interactions,
            vec![
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::Upheld,
                    action: Some(Enforcement::Recover {
                        token: bob_token(),
                        lost: juror(10),
                        new_account: new_key(),
                    }),
                },
                Interaction::Pay {
                    to: new_key(),
                    amount: DISPUTE_BOND
                },
            ]
        );
    });
}

#[test]
fn a_dismissal_pays_the_claimants_bond_to_the_accused() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        world.first_round(id, &[false, false, false]);
        world.at(T0 + 4 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
        assert_eq!(
            outcome.interactions,
            vec![
                Interaction::CloseCase { member: bob() },
                Interaction::Enforce {
                    dispute: id,
                    ruling: Ruling::Dismissed,
                    action: None
                },
                Interaction::Pay {
                    to: bob(),
                    amount: DISPUTE_BOND
                },
            ]
        );
    });
}

/// Round 1 `first`, then `appellant` appeals and round 2 votes `second`; returns the payments
/// and the ruling at execution.
fn appealed_case(first: bool, second: bool) -> (Ruling, Vec<Interaction>) {
    let mut world = World::new();
    let id = world.open_expel();
    world.first_round(id, &[first; 3]);
    let appellant = if first { bob() } else { alice() };
    let at = T0 + 3 * PERIOD;
    world
        .gov
        .appeal(world.paid(appellant, APPEAL_BOND), id)
        .unwrap();
    world.vote_round(id, APPEAL_ROUND, at, &[second; 7]);
    world.at(at + 2 * PERIOD);
    let outcome = world.gov.execute_ruling(world.ctx(stranger()), id).unwrap();
    assert_eq!(world.gov.bonds_held(), 0);
    assert_eq!(
        outcome.interactions[0],
        Interaction::CloseCase { member: bob() }
    );
    let ruling = match outcome.interactions[1] {
        Interaction::Enforce { ruling, .. } => ruling,
        _ => panic!("enforce after closing the case"),
    };
    (ruling, outcome.interactions[2..].to_vec())
}

fn everything_to(to: AccountId) -> Vec<Interaction> {
    vec![Interaction::Pay {
        to,
        amount: DISPUTE_BOND + APPEAL_BOND,
    }]
}

#[test]
fn an_accused_who_appeals_and_loses_pays_his_appeal_bond_to_the_claimant() {
    env(|| {
        assert_eq!(
            appealed_case(true, true),
            (Ruling::Upheld, everything_to(alice()))
        )
    });
}

#[test]
fn an_accused_who_appeals_and_wins_gets_every_bond() {
    env(|| {
        assert_eq!(
            appealed_case(true, false),
            (Ruling::Dismissed, everything_to(bob()))
        )
    });
}

#[test]
fn a_claimant_who_appeals_and_wins_gets_both_bonds_back() {
    env(|| {
        assert_eq!(
            appealed_case(false, true),
            (Ruling::Upheld, everything_to(alice()))
        )
    });
}

#[test]
fn a_claimant_who_appeals_and_loses_pays_both_bonds_to_the_accused() {
    env(|| {
        assert_eq!(
            appealed_case(false, false),
            (Ruling::Dismissed, everything_to(bob()))
        )
    });
}

#[test]
fn a_zero_dispute_bond_pays_nothing() {
    env(|| {
        let mut world = World::new();
        let mut params = test_params();
        params.dispute_bond = 0;
        world.gov.set_params(this(), params).unwrap();
        world.now = T0;
        let ctx = world.ctx(alice());
        let (id, _) = world
            .gov
            .open_dispute(
                ctx,
                bob(),
                DisputeKind::Other,
                evidence(),
                Remedy::Expel,
                &world.chain,
            )
            .unwrap();
        world.first_round(id, &[false; 3]);
        world.at(T0 + 4 * PERIOD);
        let outcome = world.gov.execute_ruling(world.ctx(alice()), id).unwrap();
        // Close the case and enforce; no payment.
        assert_eq!(outcome.interactions.len(), 2);
    });
}

#[test]
fn a_running_dispute_keeps_the_rules_it_was_opened_with() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        let mut params = test_params();
        params.evidence_period = 50 * PERIOD;
        params.appeal_bond = 1_000;
        params.threshold_bps = crate::params::MAX_THRESHOLD_BPS;
        world.gov.set_params(this(), params).unwrap();
        world.first_round(id, &[true, true, true, false]);
        // 3 of 4 meets the old threshold (not 90 %), and the appeal costs the old bond.
        assert_eq!(world.gov.ruling(id, T0 + 3 * PERIOD), Some(Ruling::Upheld));
        assert!(world.gov.appeal(world.paid(bob(), APPEAL_BOND), id).is_ok());
    });
}

#[test]
fn enforcement_refusals_settle_but_call_failures_revert() {
    // Accepted.
    assert_eq!(enforcement_outcome(Ok(())), Ok(true));
    // The callee's own refusal: settled, not enforced.
    for refusal in [
        GovernanceError::Registry(RegistryError::AlreadyExpelled),
        GovernanceError::Registry(RegistryError::NotMember),
        GovernanceError::Registry(RegistryError::Token(TokenError::Frozen)),
        // (Issue 12 removed the token's transient recovery refusals; these are permanent
        // for the ruling.)
        GovernanceError::Token(TokenError::CannotRecoverIssuer),
        GovernanceError::Token(TokenError::InvalidRecovery),
    ] {
        assert_eq!(enforcement_outcome(Err(refusal)), Ok(false));
    }
    // A failure below the callee's error type, even nested: the message reverts (a caller
    // choosing a tight gas limit must not be able to void a ruling).
    for failure in [
        GovernanceError::CallFailed,
        GovernanceError::Registry(RegistryError::CallFailed),
        GovernanceError::Registry(RegistryError::Token(TokenError::CallFailed)),
        GovernanceError::Token(TokenError::CallFailed),
        GovernanceError::NotWired,
        // A recovery the new account's positions block for now: passable, so it reverts and
        // the ruling stays executable.
        GovernanceError::Token(TokenError::TooManyOpenPositions),
    ] {
        assert_eq!(enforcement_outcome(Err(failure.clone())), Err(failure));
    }
}
