//! Open cases of misconduct disputes: `open_case` / `close_case`, what an open case holds
//! (resignation, the release of the admission's vouch bonds, a token launch), `accusable`, and
//! the restraint pushed to a member's token (`open_case`, `close_case`, `suspend` that only
//! lengthens, `reinstate`).
//!
//! Every call goes through [`Fixture::call`]: a refusal is proved to change nothing.

use super::*;
use interfaces::{Accusable, IssuerRestraint};

impl Fixture {
    fn open_case(&mut self, by: u8, who: u8) -> Result<Outcome, RegistryError> {
        self.call(by, 0, |s, c| s.open_case(c, account(who)))
    }

    fn close_case(&mut self, by: u8, who: u8) -> Result<Outcome, RegistryError> {
        self.call(by, 0, |s, c| s.close_case(c, account(who)))
    }

    fn open_cases(&self, who: u8) -> u32 {
        self.state.member(account(who)).expect("member").open_cases
    }
}

fn restrain(who: u8, open_cases: u32, suspended_until: Timestamp) -> Interaction {
    Interaction::RestrainToken {
        token: token(who),
        restraint: IssuerRestraint {
            open_cases,
            suspended_until,
        },
    }
}

// ----- open_case / close_case ------------------------------------------------------------

#[test]
fn open_case_counts_the_case_and_a_tokenless_member_needs_no_interaction() {
    let mut f = Fixture::new();
    let outcome = f.open_case(GOV, A).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CaseOpened(CaseOpened {
            member: account(A),
            open_cases: 1,
        })]
    );
    assert!(outcome.interactions.is_empty());
    let outcome = f.open_case(GOV, A).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CaseOpened(CaseOpened {
            member: account(A),
            open_cases: 2,
        })]
    );
    assert_eq!(f.open_cases(A), 2);
    // Nothing else about him changes: he stays active and counted.
    assert_eq!(f.status(A), MemberStatus::Active);
    assert!(f.state.is_active(account(A), f.now));
    assert_eq!(f.state.active_count(), 3);
}

#[test]
fn open_case_restrains_the_token_of_an_issuer_with_his_suspension() {
    let mut f = Fixture::new();
    f.launch(A).unwrap();
    let outcome = f.open_case(GOV, A).unwrap();
    assert_eq!(outcome.interactions, vec![restrain(A, 1, 0)]);
    let until = f.now + 500;
    f.suspend(GOV, A, until).unwrap();
    let outcome = f.open_case(GOV, A).unwrap();
    assert_eq!(outcome.interactions, vec![restrain(A, 2, until)]);
}

#[test]
fn open_case_accepts_active_suspended_lapsed_and_resigning_members() {
    let mut f = Fixture::new();
    f.admit(X);
    f.suspend(GOV, B, f.now + 10).unwrap();
    f.suspend(GOV, X, f.now + 10).unwrap();
    f.resign(C).unwrap();
    f.advance(10);
    // B's suspension lapsed, X's too, C is resigning.
    for who in [A, B, X, C] {
        f.open_case(GOV, who).unwrap();
        assert_eq!(f.open_cases(who), 1);
    }
}

#[test]
fn open_case_refusals_in_order() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.admit(Y);
    f.resign(C).unwrap();
    f.advance(RESIGNATION);
    f.complete(C).unwrap();
    f.expel(GOV, Y).unwrap();
    // NotGovernance comes first, also for a stranger accused.
    for caller in [STRANGER, A, X] {
        assert_eq!(
            f.open_case(caller, STRANGER).err(),
            Some(RegistryError::NotGovernance)
        );
        assert_eq!(
            f.open_case(caller, A).err(),
            Some(RegistryError::NotGovernance)
        );
    }
    // A stranger, a candidate and a member whose resignation completed are not members.
    for who in [STRANGER, X, C] {
        assert_eq!(f.open_case(GOV, who).err(), Some(RegistryError::NotMember));
    }
    assert_eq!(
        f.open_case(GOV, Y).err(),
        Some(RegistryError::AlreadyExpelled)
    );
}

#[test]
fn open_case_refuses_a_count_that_would_overflow() {
    let mut f = Fixture::new();
    let mut info = f.state.member(account(A)).unwrap();
    info.open_cases = u32::MAX;
    f.state.members.insert(account(A), &info);
    assert_eq!(
        f.open_case(GOV, A).err(),
        Some(RegistryError::ArithmeticOverflow)
    );
    assert_eq!(f.open_cases(A), u32::MAX);
}

#[test]
fn close_case_decrements_and_pushes_the_cases_left() {
    let mut f = Fixture::new();
    f.launch(A).unwrap();
    f.open_case(GOV, A).unwrap();
    f.open_case(GOV, A).unwrap();
    let outcome = f.close_case(GOV, A).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CaseClosed(CaseClosed {
            member: account(A),
            open_cases: 1,
        })]
    );
    assert_eq!(outcome.interactions, vec![restrain(A, 1, 0)]);
    let outcome = f.close_case(GOV, A).unwrap();
    assert_eq!(outcome.interactions, vec![restrain(A, 0, 0)]);
    assert_eq!(f.open_cases(A), 0);
    // A tokenless member: the event only.
    f.open_case(GOV, B).unwrap();
    let outcome = f.close_case(GOV, B).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CaseClosed(CaseClosed {
            member: account(B),
            open_cases: 0,
        })]
    );
    assert!(outcome.interactions.is_empty());
}

#[test]
fn close_case_refusals_in_order() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.open_case(GOV, A).unwrap();
    for caller in [STRANGER, A, X] {
        assert_eq!(
            f.close_case(caller, STRANGER).err(),
            Some(RegistryError::NotGovernance)
        );
        assert_eq!(
            f.close_case(caller, A).err(),
            Some(RegistryError::NotGovernance)
        );
    }
    assert_eq!(
        f.close_case(GOV, STRANGER).err(),
        Some(RegistryError::NotMember)
    );
    assert_eq!(f.close_case(GOV, X).err(), Some(RegistryError::NotMember));
    assert_eq!(f.close_case(GOV, B).err(), Some(RegistryError::NoOpenCase));
    f.close_case(GOV, A).unwrap();
    assert_eq!(f.close_case(GOV, A).err(), Some(RegistryError::NoOpenCase));
}

#[test]
fn close_case_works_after_an_expulsion_and_leaves_the_frozen_token_alone() {
    let mut f = Fixture::new();
    f.admit(X);
    f.holders.0.insert(splitter(X), 0);
    f.launch(X).unwrap();
    f.open_case(GOV, X).unwrap();
    f.open_case(GOV, X).unwrap();
    // Another dispute expelled him meanwhile.
    f.close_case(GOV, X).unwrap();
    f.expel(GOV, X).unwrap();
    let outcome = f.close_case(GOV, X).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::CaseClosed(CaseClosed {
            member: account(X),
            open_cases: 0,
        })]
    );
    assert!(
        outcome.interactions.is_empty(),
        "the frozen token is not asked"
    );
    assert_eq!(f.status(X), MemberStatus::Expelled);
}

// ----- expel_closing_case (a ruling of expulsion in one message) -------------------------

impl Fixture {
    fn expel_closing_case(&mut self, by: u8, who: u8) -> Result<Outcome, RegistryError> {
        let holders = self.holders.clone();
        self.call(by, 0, |s, c| {
            s.expel_closing_case(c, account(who), &holders)
        })
    }
}

#[test]
fn expel_closing_case_is_close_case_then_expel_without_a_restraint_for_the_frozen_token() {
    let mut f = Fixture::new();
    f.admit(X);
    f.holders.0.insert(splitter(X), 5_000);
    f.launch(X).unwrap();
    f.open_case(GOV, X).unwrap();
    f.open_case(GOV, X).unwrap();
    let bonds_before = f.state.bonds_held();
    let outcome = f.expel_closing_case(GOV, X).unwrap();
    let events = events(&outcome);
    assert_eq!(
        events[0],
        RegistryEvent::CaseClosed(CaseClosed {
            member: account(X),
            open_cases: 1,
        })
    );
    let slashed = APPLICATION_BOND + 2 * VOUCH_BOND;
    assert_eq!(
        events[1],
        RegistryEvent::MemberExpelled(MemberExpelled {
            member: account(X),
            slashed,
            to_holders: true,
        })
    );
    assert_eq!(events.len(), 4, "and a VoucherPenalised per voucher");
    assert_eq!(
        outcome.interactions,
        vec![
            Interaction::FreezeToken { token: token(X) },
            Interaction::Distribute {
                splitter: splitter(X),
                amount: slashed,
                memo: expel_memo(account(X)),
            },
        ],
        "freeze and payout only: no restraint pushed to the token being frozen"
    );
    assert_eq!(
        outcome.roster,
        vec![interfaces::RosterChange::Remove {
            account: account(X)
        }]
    );
    assert_eq!(f.status(X), MemberStatus::Expelled);
    assert_eq!(f.open_cases(X), 1);
    assert_eq!(f.state.bonds_held(), bonds_before - slashed);
}

#[test]
fn expel_closing_case_refusals_in_order_and_a_refused_expulsion_keeps_the_case_open() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.open_case(GOV, A).unwrap();
    for caller in [STRANGER, A, X] {
        assert_eq!(
            f.expel_closing_case(caller, A).err(),
            Some(RegistryError::NotGovernance)
        );
    }
    assert_eq!(
        f.expel_closing_case(GOV, STRANGER).err(),
        Some(RegistryError::NotMember)
    );
    assert_eq!(
        f.expel_closing_case(GOV, X).err(),
        Some(RegistryError::NotMember)
    );
    assert_eq!(
        f.expel_closing_case(GOV, B).err(),
        Some(RegistryError::NoOpenCase)
    );
    // Expelled by another ruling meanwhile: the expulsion is refused, the case stays open
    // (governance then closes it alone).
    f.expel(GOV, A).unwrap();
    assert_eq!(
        f.expel_closing_case(GOV, A).err(),
        Some(RegistryError::AlreadyExpelled)
    );
    assert_eq!(f.open_cases(A), 1);
}

#[test]
fn close_case_works_for_a_resigning_member() {
    let mut f = Fixture::new();
    f.resign(C).unwrap();
    f.open_case(GOV, C).unwrap();
    f.close_case(GOV, C).unwrap();
    assert_eq!(f.open_cases(C), 0);
}

// ----- what an open case holds -----------------------------------------------------------

#[test]
fn a_resignation_cannot_complete_while_a_case_is_open() {
    let mut f = Fixture::new();
    f.admit(X);
    f.resign(X).unwrap();
    f.open_case(GOV, X).unwrap();
    // The cooldown is reported first.
    assert_eq!(f.complete(X).err(), Some(RegistryError::CooldownNotOver));
    f.advance(RESIGNATION);
    assert_eq!(f.complete(X).err(), Some(RegistryError::DisputePending));
    assert_eq!(
        f.state.member(account(X)).unwrap().bond,
        APPLICATION_BOND,
        "his bond stays within reach of the ruling"
    );
    // Earlier checks keep their precedence.
    assert_eq!(f.complete(STRANGER).err(), Some(RegistryError::NotMember));
    f.open_case(GOV, A).unwrap();
    assert_eq!(f.complete(A).err(), Some(RegistryError::NotResigning));
    // Once the case is executed (here dismissed) he completes and gets his bond.
    f.close_case(GOV, X).unwrap();
    let outcome = f.complete(X).unwrap();
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(X),
            amount: APPLICATION_BOND,
        }]
    );
    assert_eq!(f.status(X), MemberStatus::Resigned);
}

#[test]
fn the_vouches_of_an_accused_members_admission_stay_held_while_a_case_is_open() {
    let mut f = Fixture::new();
    f.admit(X);
    f.open_case(GOV, X).unwrap();
    // Before the lock period the lock is reported first.
    assert_eq!(f.release(A, X).err(), Some(RegistryError::VouchStillLocked));
    f.advance(LOCK);
    assert_eq!(f.release(A, X).err(), Some(RegistryError::DisputePending));
    assert_eq!(f.release(B, X).err(), Some(RegistryError::DisputePending));
    // Who never vouched for him has nothing to release, whatever the case.
    assert_eq!(f.release(C, X).err(), Some(RegistryError::NothingToRelease));
    // The case is executed: the vouchers take their bonds back.
    f.close_case(GOV, X).unwrap();
    let outcome = f.release(A, X).unwrap();
    assert_eq!(
        outcome.interactions,
        vec![Interaction::Pay {
            to: account(A),
            amount: VOUCH_BOND,
        }]
    );
    // A released vouch is reported as nothing to release before the case.
    f.open_case(GOV, X).unwrap();
    assert_eq!(f.release(A, X).err(), Some(RegistryError::NothingToRelease));
    assert_eq!(f.release(B, X).err(), Some(RegistryError::DisputePending));
}

#[test]
fn a_case_holds_neither_vouches_on_withdrawn_applications_nor_the_accuseds_own_vouches() {
    let mut f = Fixture::new();
    f.apply(X).unwrap();
    f.vouch(C, X).unwrap();
    f.withdraw(X).unwrap();
    f.admit(X);
    f.admit(Y);
    f.open_case(GOV, X).unwrap();
    f.open_case(GOV, A).unwrap();
    // C's vouch backed a withdrawn application of X: never slashed, so never held.
    f.release(C, X).unwrap();
    f.advance(LOCK);
    // A is accused, but his own vouch on Y is not at stake in his case.
    f.release(A, Y).unwrap();
    assert_eq!(f.release(A, X).err(), Some(RegistryError::DisputePending));
}

#[test]
fn an_accused_member_cannot_launch_a_token_until_his_cases_close() {
    let mut f = Fixture::new();
    f.launch(C).unwrap();
    f.open_case(GOV, A).unwrap();
    assert_eq!(f.launch(A).err(), Some(RegistryError::DisputePending));
    assert_eq!(
        f.call(A, 0, |s, c| s.record_token(c, token(A), splitter(A)))
            .err(),
        Some(RegistryError::DisputePending)
    );
    // The earlier checks come first.
    f.suspend(GOV, B, f.now + 10).unwrap();
    f.open_case(GOV, B).unwrap();
    assert_eq!(f.launch(B).err(), Some(RegistryError::NotActiveMember));
    f.open_case(GOV, C).unwrap();
    assert_eq!(f.launch(C).err(), Some(RegistryError::AlreadyHasToken));
    // Closed: he launches.
    f.close_case(GOV, A).unwrap();
    f.launch(A).unwrap();
    assert_eq!(f.state.token_of(account(A)), Some(token(A)));
}

// ----- accusable -------------------------------------------------------------------------

#[test]
fn accusable_answers_for_active_suspended_and_resigning_members_only() {
    let mut f = Fixture::with(
        &[A, B, C],
        RegistryParams {
            vouches_required: 3,
            ..params()
        },
    );
    f.apply(X).unwrap();
    f.vouch(A, X).unwrap();
    f.vouch(B, X).unwrap();
    f.vouch(C, X).unwrap();
    let counted = |vouchers| {
        Some(Accusable {
            vouchers,
            counted_active: true,
        })
    };
    assert_eq!(f.state.accusable(account(A)), counted(0));
    assert_eq!(f.state.accusable(account(X)), counted(3));
    // Suspended, also once the suspension lapsed.
    f.suspend(GOV, X, f.now + 10).unwrap();
    assert_eq!(f.state.accusable(account(X)), counted(3));
    f.advance(10);
    assert_eq!(f.state.accusable(account(X)), counted(3));
    // Resigning: accusable, not counted.
    f.resign(C).unwrap();
    assert_eq!(
        f.state.accusable(account(C)),
        Some(Accusable {
            vouchers: 0,
            counted_active: false,
        })
    );
    // Resigned, expelled, candidates and strangers: none.
    f.advance(RESIGNATION);
    f.complete(C).unwrap();
    f.expel(GOV, X).unwrap();
    f.apply(Y).unwrap();
    for who in [C, X, Y, STRANGER] {
        assert_eq!(f.state.accusable(account(who)), None);
    }
}

// ----- suspension: only lengthens, pushed to the token ------------------------------------

#[test]
fn a_suspension_only_lengthens_and_the_event_carries_the_end_in_effect() {
    let mut f = Fixture::new();
    let until = f.now + 500;
    f.suspend(GOV, A, until).unwrap();
    let outcome = f.suspend(GOV, A, f.now + 100).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::MemberSuspended(MemberSuspended {
            member: account(A),
            until,
        })]
    );
    assert_eq!(f.status(A), MemberStatus::Suspended { until });
    let longer = until + 1;
    f.suspend(GOV, A, longer).unwrap();
    assert_eq!(f.status(A), MemberStatus::Suspended { until: longer });
    // A lapsed suspension does not hold: the new, shorter one applies from now.
    f.advance(1_000);
    let short = f.now + 1;
    let outcome = f.suspend(GOV, A, short).unwrap();
    assert_eq!(
        events(&outcome),
        vec![RegistryEvent::MemberSuspended(MemberSuspended {
            member: account(A),
            until: short,
        })]
    );
    // Only a reinstatement shortens.
    f.reinstate(GOV, A).unwrap();
    assert_eq!(f.status(A), MemberStatus::Active);
}

#[test]
fn suspend_and_reinstate_push_the_restraint_to_the_issuers_token() {
    let mut f = Fixture::new();
    f.launch(A).unwrap();
    let until = f.now + 500;
    let outcome = f.suspend(GOV, A, until).unwrap();
    assert_eq!(outcome.interactions, vec![restrain(A, 0, until)]);
    // A shorter request pushes the end in effect.
    let outcome = f.suspend(GOV, A, f.now + 1).unwrap();
    assert_eq!(outcome.interactions, vec![restrain(A, 0, until)]);
    f.open_case(GOV, A).unwrap();
    let outcome = f.reinstate(GOV, A).unwrap();
    assert_eq!(
        outcome.interactions,
        vec![restrain(A, 1, 0)],
        "reinstated, still restrained by the open case"
    );
    // Tokenless members: nothing to push.
    let outcome = f.suspend(GOV, B, until).unwrap();
    assert!(outcome.interactions.is_empty());
    let outcome = f.reinstate(GOV, B).unwrap();
    assert!(outcome.interactions.is_empty());
}

#[test]
fn the_restraint_of_a_record_is_its_cases_and_its_suspensions_end() {
    let f = Fixture::new();
    let mut info = f.state.member(account(A)).unwrap();
    assert_eq!(info.restraint(), IssuerRestraint::default());
    info.open_cases = 2;
    info.status = MemberStatus::Suspended { until: 7 };
    assert_eq!(
        info.restraint(),
        IssuerRestraint {
            open_cases: 2,
            suspended_until: 7,
        }
    );
    info.status = MemberStatus::Resigning { since: 7 };
    assert_eq!(info.restraint().suspended_until, 0);
}

// ----- the contract glue -----------------------------------------------------------------

mod glue {
    use super::super::contract::{deploy, event_count, set_caller};
    use super::*;
    use interfaces::{MemberEnforcement, MemberRegistry};

    #[test]
    fn cases_open_and_close_through_the_messages() {
        ink::env::test::run_test::<Env, _>(|_| {
            let mut registry = deploy();
            let before = event_count();
            for who in [STRANGER, A] {
                set_caller(who);
                assert_eq!(
                    registry.open_case(account(B)),
                    Err(RegistryError::NotGovernance)
                );
                assert_eq!(
                    registry.close_case(account(B)),
                    Err(RegistryError::NotGovernance)
                );
            }
            set_caller(GOV);
            assert_eq!(
                registry.open_case(account(STRANGER)),
                Err(RegistryError::NotMember)
            );
            assert_eq!(
                registry.close_case(account(B)),
                Err(RegistryError::NoOpenCase)
            );
            assert_eq!(event_count(), before);
            registry.open_case(account(B)).unwrap();
            assert_eq!(event_count(), before + 1, "CaseOpened");
            assert_eq!(registry.member(account(B)).unwrap().open_cases, 1);
            assert_eq!(
                registry.accusable(account(B)),
                Some(Accusable {
                    vouchers: 0,
                    counted_active: true,
                })
            );
            assert_eq!(registry.accusable(account(STRANGER)), None);
            // B resigns while accused: he cannot complete before the case is closed.
            set_caller(B);
            registry.resign().unwrap();
            ink::env::test::set_block_timestamp::<Env>(T0 + RESIGNATION);
            assert_eq!(
                registry.complete_resignation(),
                Err(RegistryError::DisputePending)
            );
            set_caller(GOV);
            registry.close_case(account(B)).unwrap();
            assert_eq!(registry.member(account(B)).unwrap().open_cases, 0);
            set_caller(B);
            registry.complete_resignation().unwrap();
            assert_eq!(registry.accusable(account(B)), None);
            Ok(())
        })
        .unwrap();
    }
}
