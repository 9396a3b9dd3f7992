//! Governance that cannot be captured or turned against members (issue 13): the allowlist, the
//! two classes, vetoes and cancellation, expiry, rights that begin before a proposal or dispute
//! opened, the upgrade watch behind `exits_open`, and floors.

use super::proposal_tests::{SELECTOR, UNKNOWN, UPGRADE_ETA, VOTING_ENDS};
use super::*;
use crate::events::{GovernanceEvent, ProposalCancelled, Vetoed};
use crate::proposals::{
    SET_CODE_HASHES_SELECTOR, SET_CODE_SELECTOR, SET_PARAMS_SELECTOR, WITHDRAW_TREASURY_SELECTOR,
};
use crate::types::{ProposalClass, ProposalId, ProposalState};
use ink::scale::Encode;

const ETA: Timestamp = VOTING_ENDS + TIMELOCK;

impl World {
    fn propose_on(
        &mut self,
        target: AccountId,
        selector: [u8; 4],
        input: Vec<u8>,
    ) -> Result<ProposalId, GovernanceError> {
        self.now = T0;
        self.propose_call(alice(), target, selector, input, 0)
            .map(|(id, _)| id)
    }

    fn veto(&mut self, id: ProposalId, who: AccountId) -> Result<Outcome, GovernanceError> {
        let ctx = self.ctx(who);
        self.gov.veto(ctx, id, &self.chain)
    }

    fn cancel(&mut self, id: ProposalId, who: AccountId) -> Result<Outcome, GovernanceError> {
        let ctx = self.ctx(who);
        self.gov.cancel(ctx, id)
    }

    /// An ordinary proposal (registry `withdraw_treasury`) made at `T0` and passed by jurors
    /// 1 to 3.
    fn passed_ordinary(&mut self) -> ProposalId {
        let id = self
            .propose_on(registry(), SELECTOR, (alice(), 1 as Balance).encode())
            .unwrap();
        self.vote_all(id, &[true; 3]);
        id
    }
}

fn code() -> Vec<u8> {
    Hash::from([4; 32]).encode()
}

// ----- the allowlist ---------------------------------------------------------------------

#[test]
fn enforcement_and_remedies_are_not_reachable_by_proposals() {
    env(|| {
        let mut world = World::new();
        let forbidden: Vec<(AccountId, [u8; 4])> = vec![
            (registry(), ink::selector_bytes!("MemberEnforcement::expel")),
            (
                registry(),
                ink::selector_bytes!("MemberEnforcement::suspend"),
            ),
            (
                registry(),
                ink::selector_bytes!("MemberEnforcement::reinstate"),
            ),
            (
                registry(),
                ink::selector_bytes!("MemberEnforcement::open_case"),
            ),
            (
                registry(),
                ink::selector_bytes!("MemberEnforcement::close_case"),
            ),
            (bob_token(), ink::selector_bytes!("TokenRemedies::recover")),
            (bob_token(), ink::selector_bytes!("TokenRemedies::freeze")),
            (bob_token(), ink::selector_bytes!("TokenRemedies::unfreeze")),
            (bob_token(), ink::selector_bytes!("TokenRemedies::restrain")),
            (bob_token(), ink::selector_bytes!("PSP22::transfer")),
            (registry(), UNKNOWN),
            // A contract outside the protocol, even with an allowlisted selector.
            (stranger(), SET_CODE_SELECTOR),
            (stranger(), WITHDRAW_TREASURY_SELECTOR),
        ];
        for (target, selector) in forbidden {
            refuse(&mut world, GovernanceError::NotAllowlisted, |w| {
                w.propose_call(alice(), target, selector, (bob(), new_key()).encode(), 0)
            });
        }
        // No proposal carries value (a grant names its amount).
        refuse(&mut world, GovernanceError::NotAllowlisted, |w| {
            w.propose_call(alice(), registry(), SELECTOR, vec![], 1)
        });
    });
}

#[test]
fn the_allowlist_fixes_each_calls_class() {
    env(|| {
        let mut world = World::new();
        let cases: Vec<(AccountId, [u8; 4], Vec<u8>, ProposalClass)> = vec![
            (
                registry(),
                WITHDRAW_TREASURY_SELECTOR,
                vec![],
                ProposalClass::Ordinary,
            ),
            (
                registry(),
                SET_PARAMS_SELECTOR,
                vec![],
                ProposalClass::Constitutional,
            ),
            (
                registry(),
                SET_CODE_HASHES_SELECTOR,
                vec![],
                ProposalClass::Constitutional,
            ),
            (
                registry(),
                SET_CODE_SELECTOR,
                code(),
                ProposalClass::Constitutional,
            ),
            (
                bob_token(),
                SET_CODE_SELECTOR,
                code(),
                ProposalClass::Constitutional,
            ),
            (
                this(),
                SET_PARAMS_SELECTOR,
                test_params().encode(),
                ProposalClass::Constitutional,
            ),
            (
                this(),
                SET_CODE_SELECTOR,
                code(),
                ProposalClass::Constitutional,
            ),
        ];
        for (target, selector, input, class) in cases {
            let id = world.propose_on(target, selector, input).unwrap();
            let proposal = world.gov.proposal(id).unwrap();
            assert_eq!(proposal.class, class);
            let (threshold, eta) = match class {
                ProposalClass::Ordinary => (5_001, ETA),
                ProposalClass::Constitutional => (MIN_SUPERMAJORITY_BPS, UPGRADE_ETA),
            };
            assert_eq!((proposal.threshold_bps, proposal.eta), (threshold, eta));
            assert_eq!(proposal.expires, eta + GRACE);
        }
    });
}

#[test]
fn a_constitutional_proposal_needs_a_supermajority() {
    env(|| {
        let mut world = World::new();
        let id = world
            .propose_on(bob_token(), SET_CODE_SELECTOR, code())
            .unwrap();
        // 2 of 3 is 66.66 %: a majority, not two thirds.
        world.vote_all(id, &[true, true, false]);
        assert_eq!(
            world.gov.proposal_state(id, UPGRADE_ETA),
            Some(ProposalState::Defeated)
        );
        let other = world
            .propose_on(registry(), SET_PARAMS_SELECTOR, vec![])
            .unwrap();
        world.vote_all(other, &[true, true, false, true]);
        assert_eq!(
            world.gov.proposal_state(other, UPGRADE_ETA),
            Some(ProposalState::Executable)
        );
    });
}

// ----- rights ------------------------------------------------------------------------------

#[test]
fn members_whose_rights_began_after_the_proposal_cannot_vote_or_veto_it() {
    env(|| {
        let mut world = World::new();
        let id = world.passed_ordinary();
        let late = account(60);
        world.chain.active.insert(late);
        // Admitted (or his tenure ended) at the proposal's creation: too late.
        world.chain.rights.insert(late, T0);
        world.now = T0 + 1;
        refuse(&mut world, GovernanceError::NoRightsYet, |w| {
            w.cast(id, late, true)
        });
        world.now = VOTING_ENDS;
        refuse(&mut world, GovernanceError::NoRightsYet, |w| {
            w.veto(id, late)
        });
        // One whose rights began just before may.
        let early = account(61);
        world.chain.active.insert(early);
        world.chain.rights.insert(early, T0 - 1);
        world.veto(id, early).unwrap();
    });
}

impl World {
    /// An ordinary proposal made at `T0`, with no votes yet.
    fn passed_ordinary_at_start(&mut self) -> ProposalId {
        self.propose_on(registry(), SELECTOR, vec![]).unwrap()
    }
}

#[test]
fn a_member_proposes_only_once_his_tenure_is_served() {
    env(|| {
        let mut world = World::new();
        let newcomer = account(62);
        world.chain.active.insert(newcomer);
        world.chain.rights.insert(newcomer, T0 + 1);
        refuse(&mut world, GovernanceError::NoRightsYet, |w| {
            w.propose_call(newcomer, registry(), SELECTOR, vec![], 0)
        });
        world.now = T0 + 1;
        assert!(world
            .propose_call(newcomer, registry(), SELECTOR, vec![], 0)
            .is_ok());
    });
}

#[test]
fn a_juror_whose_rights_began_after_the_dispute_opened_cannot_commit() {
    env(|| {
        let mut world = World::new();
        let id = world.open_expel();
        let late = account(63);
        world.chain.active.insert(late);
        world.chain.rights.insert(late, T0);
        world.now = T0 + PERIOD;
        refuse(&mut world, GovernanceError::NoRightsYet, |w| {
            w.commit(id, FIRST_ROUND, late, true)
        });
        world.chain.rights.insert(late, T0 - 1);
        world.commit(id, FIRST_ROUND, late, true).unwrap();
    });
}

// ----- veto and cancel ----------------------------------------------------------------------

#[test]
fn a_blocking_minority_vetoes_during_the_timelock() {
    env(|| {
        let mut world = World::new();
        let id = world.passed_ordinary();
        // 30 % of 12 members: 4 vetoes.
        assert_eq!(world.gov.proposal(id).unwrap().veto_quorum, 4);
        world.now = VOTING_ENDS - 1;
        refuse(&mut world, GovernanceError::NotInTimelock, |w| {
            w.veto(id, juror(4))
        });
        world.now = VOTING_ENDS;
        for n in 4..7 {
            world.veto(id, juror(n)).unwrap();
        }
        refuse(&mut world, GovernanceError::AlreadyVetoed, |w| {
            w.veto(id, juror(4))
        });
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            w.veto(id, stranger())
        });
        // A yes-voter may change his mind.
        let outcome = world.veto(id, juror(1)).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::Vetoed(Vetoed {
                proposal: id,
                member: juror(1),
                vetoes: 4,
                stopped: true,
            })]
        );
        assert_eq!(
            world.gov.proposal_state(id, ETA),
            Some(ProposalState::Vetoed)
        );
        refuse(&mut world, GovernanceError::ProposalVetoed, |w| {
            w.execute_at(id, ETA, 0)
        });
        refuse(&mut world, GovernanceError::NotInTimelock, |w| {
            w.veto(id, juror(8))
        });
    });
}

#[test]
fn three_vetoes_do_not_stop_it_and_none_after_the_timelock() {
    env(|| {
        let mut world = World::new();
        let id = world.passed_ordinary();
        world.now = VOTING_ENDS;
        for n in 4..7 {
            world.veto(id, juror(n)).unwrap();
        }
        world.now = ETA;
        refuse(&mut world, GovernanceError::NotInTimelock, |w| {
            w.veto(id, juror(7))
        });
        assert!(world.execute_at(id, ETA, 0).is_ok());
    });
}

#[test]
fn only_the_proposer_cancels_and_only_before_execution() {
    env(|| {
        let mut world = World::new();
        let id = world.passed_ordinary();
        refuse(&mut world, GovernanceError::NotProposer, |w| {
            w.cancel(id, juror(1))
        });
        refuse(&mut world, GovernanceError::ProposalNotFound, |w| {
            w.cancel(id + 1, alice())
        });
        world.now = ETA;
        let outcome = world.cancel(id, alice()).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ProposalCancelled(ProposalCancelled {
                proposal: id
            })]
        );
        assert_eq!(
            world.gov.proposal_state(id, ETA),
            Some(ProposalState::Cancelled)
        );
        refuse(&mut world, GovernanceError::ProposalCancelled, |w| {
            w.execute_at(id, ETA, 0)
        });
        refuse(&mut world, GovernanceError::ProposalCancelled, |w| {
            w.cancel(id, alice())
        });
        // Voting on a cancelled proposal is refused too.
        let other = world.passed_ordinary_at_start();
        world.cancel(other, alice()).unwrap();
        refuse(&mut world, GovernanceError::ProposalCancelled, |w| {
            w.cast(other, juror(1), true)
        });
        // An executed one cannot be cancelled.
        let third = world.passed_ordinary();
        world.execute_at(third, ETA, 0).unwrap();
        refuse(&mut world, GovernanceError::AlreadyExecuted, |w| {
            w.cancel(third, alice())
        });
    });
}

// ----- expiry ------------------------------------------------------------------------------

#[test]
fn a_passed_proposal_expires_after_its_grace_period() {
    env(|| {
        let mut world = World::new();
        let id = world.passed_ordinary();
        assert_eq!(
            world.gov.proposal_state(id, ETA + GRACE - 1),
            Some(ProposalState::Executable)
        );
        assert_eq!(
            world.gov.proposal_state(id, ETA + GRACE),
            Some(ProposalState::Expired)
        );
        refuse(&mut world, GovernanceError::ProposalExpired, |w| {
            w.execute_at(id, ETA + GRACE, 0)
        });
        refuse(&mut world, GovernanceError::ProposalExpired, |w| {
            w.cancel(id, alice())
        });
        assert!(world.execute_at(id, ETA + GRACE - 1, 0).is_ok());
    });
}

// ----- upgrades and exits --------------------------------------------------------------------

#[test]
fn exits_are_open_while_an_upgrade_of_the_token_or_of_governance_is_pending() {
    env(|| {
        let mut world = World::new();
        assert!(!world.gov.exits_open(bob_token(), T0));
        let id = world
            .propose_on(bob_token(), SET_CODE_SELECTOR, code())
            .unwrap();
        for at in [T0, VOTING_ENDS - 1] {
            assert!(world.gov.exits_open(bob_token(), at));
        }
        // Another token is not concerned; a second upgrade of the same one is refused.
        assert!(!world.gov.exits_open(stranger(), T0));
        refuse(&mut world, GovernanceError::UpgradePending, |w| {
            w.propose_call(alice(), bob_token(), SET_CODE_SELECTOR, code(), 0)
        });
        // Defeated (nobody voted): closed, and a new upgrade may be proposed.
        assert!(!world.gov.exits_open(bob_token(), VOTING_ENDS));
        world.now = VOTING_ENDS;
        world
            .propose_call(alice(), bob_token(), SET_CODE_SELECTOR, code(), 0)
            .unwrap();
        assert_ne!(world.gov.upgrades.get(bob_token()), Some(id));
        // An upgrade of governance opens every token's exits, through its grace period.
        let own = world.propose_on(this(), SET_CODE_SELECTOR, code()).unwrap();
        world.vote_all(own, &[true; 3]);
        for at in [T0, UPGRADE_ETA, UPGRADE_ETA + GRACE - 1] {
            assert!(world.gov.exits_open(stranger(), at), "at {at}");
        }
        assert!(!world.gov.exits_open(stranger(), UPGRADE_ETA + GRACE));
        // Executed: closed.
        world.execute_at(own, UPGRADE_ETA, 0).unwrap();
        assert!(!world.gov.exits_open(stranger(), UPGRADE_ETA));
    });
}

#[test]
fn a_cancelled_upgrade_closes_the_exits() {
    env(|| {
        let mut world = World::new();
        let id = world
            .propose_on(bob_token(), SET_CODE_SELECTOR, code())
            .unwrap();
        world.cancel(id, alice()).unwrap();
        assert!(!world.gov.exits_open(bob_token(), T0));
    });
}

// ----- floors ------------------------------------------------------------------------------

#[test]
fn no_parameter_goes_below_its_floor() {
    let floors = test_params();
    assert_eq!(floors.validate(&floors), Ok(()));
    type Change = fn(&mut GovernanceParams);
    let below: Vec<(&str, Change)> = vec![
        ("dispute bond", |p| p.dispute_bond -= 1),
        ("appeal bond", |p| p.appeal_bond -= 1),
        ("juror deposit", |p| p.juror_deposit -= 1),
        ("evidence period", |p| p.evidence_period -= 1),
        ("commit period", |p| p.commit_period -= 1),
        ("reveal period", |p| p.reveal_period -= 1),
        ("appeal period", |p| p.appeal_period -= 1),
        ("min jurors", |p| p.min_jurors -= 1),
        ("quorum", |p| p.quorum_bps -= 1),
        ("appeal quorum", |p| p.appeal_quorum_bps -= 1),
        ("threshold", |p| p.threshold_bps -= 1),
        ("voting period", |p| p.proposal_voting_period -= 1),
        ("proposal quorum", |p| p.proposal_quorum_bps -= 1),
        ("proposal threshold", |p| p.proposal_threshold_bps -= 1),
        ("timelock", |p| p.timelock -= 1),
        ("upgrade timelock", |p| p.upgrade_timelock -= 1),
        ("grace period", |p| p.grace_period -= 1),
        ("veto share above its floor", |p| p.veto_bps += 1),
        ("bond above its ceiling", |p| {
            p.dispute_bond = DISPUTE_BOND * crate::params::MAX_BOND_MULTIPLE + 1;
            p.appeal_bond = p.dispute_bond + 1;
        }),
    ];
    for (name, change) in below {
        let mut params = test_params();
        change(&mut params);
        assert_eq!(
            params.validate(&floors),
            Err(GovernanceError::InvalidParams),
            "{name}"
        );
    }
    // The review's "instant governance" set is refused by the shape rules alone.
    let instant = GovernanceParams {
        proposal_voting_period: 1,
        timelock: 0,
        upgrade_timelock: 0,
        proposal_quorum_bps: 0,
        quorum_bps: 0,
        appeal_quorum_bps: 0,
        min_jurors: 1,
        dispute_bond: 0,
        appeal_bond: 1,
        evidence_period: 1,
        commit_period: 1,
        reveal_period: 1,
        appeal_period: 1,
        ..test_params()
    };
    assert_eq!(
        instant.validate(&test_params()),
        Err(GovernanceError::InvalidParams)
    );
}

#[test]
fn a_set_params_proposal_below_the_floors_is_refused_at_proposal_time() {
    env(|| {
        let mut world = World::new();
        let mut floors = test_params();
        floors.veto_bps = MAX_VETO_BPS;
        let (gov, _) =
            GovernanceState::new(test_params(), floors, deployer(), this()).expect("params");
        world.gov = gov;
        world.gov.wire(deployer(), registry()).unwrap();
        let mut lower = test_params();
        lower.timelock = TIMELOCK - 1;
        refuse(&mut world, GovernanceError::InvalidParams, |w| {
            w.propose_call(alice(), this(), SET_PARAMS_SELECTOR, lower.encode(), 0)
        });
        // Construction refuses parameters below its floors.
        assert_eq!(
            GovernanceState::new(lower, floors, deployer(), this()).err(),
            Some(GovernanceError::InvalidParams)
        );
    });
}
