//! Proposals: proposing, voting, the timelock, execution and the internal dispatch.

use super::*;
use crate::events::{
    CodeUpgraded, GovernanceEvent, ParamsChanged, ProposalCreated, ProposalExecuted, Voted,
};
use crate::proposals::{
    decode_self_call, SelfCall, GRANT_SELECTOR, SET_CODE_SELECTOR, SET_PARAMS_SELECTOR,
    WITHDRAW_TREASURY_SELECTOR,
};
use crate::types::{Interaction, ProposalClass, ProposalId, ProposalState, MAX_INPUT_LEN};
use ink::scale::Encode;

/// The contract of the ordinary proposals these tests make: the registry.
fn target() -> AccountId {
    registry()
}

/// An ordinary allowlisted message: the registry's `withdraw_treasury`.
pub(crate) const SELECTOR: [u8; 4] = WITHDRAW_TREASURY_SELECTOR;
/// A selector no allowlist entry has.
pub(crate) const UNKNOWN: [u8; 4] = [1, 2, 3, 4];
pub(crate) const VOTING_ENDS: Timestamp = T0 + VOTING_PERIOD;
pub(crate) const ETA: Timestamp = VOTING_ENDS + TIMELOCK;
/// The earliest execution of a constitutional proposal made at `T0`.
pub(crate) const UPGRADE_ETA: Timestamp = VOTING_ENDS + UPGRADE_TIMELOCK;

impl World {
    pub(crate) fn propose_call(
        &mut self,
        who: AccountId,
        target: AccountId,
        selector: [u8; 4],
        input: Vec<u8>,
        value: Balance,
    ) -> Result<(ProposalId, Outcome), GovernanceError> {
        let ctx = self.ctx(who);
        self.gov
            .propose(ctx, target, selector, input, value, &self.chain)
    }

    /// Alice proposes a call on the registry carrying `value`, at `T0`.
    fn propose_value(&mut self, value: Balance) -> ProposalId {
        self.now = T0;
        self.propose_call(alice(), target(), SELECTOR, vec![7, 7], value)
            .expect("propose")
            .0
    }

    pub(crate) fn cast(
        &mut self,
        id: ProposalId,
        who: AccountId,
        support: bool,
    ) -> Result<Outcome, GovernanceError> {
        let ctx = self.ctx(who);
        self.gov.vote(ctx, id, support, &self.chain)
    }

    /// Jurors 1.. vote `votes` on proposal `id` (made at `T0`), at `T0`.
    pub(crate) fn vote_all(&mut self, id: ProposalId, votes: &[bool]) {
        self.now = T0;
        for (n, support) in (1u8..).zip(votes) {
            self.cast(id, juror(n), *support).expect("vote");
        }
    }

    pub(crate) fn execute_at(
        &mut self,
        id: ProposalId,
        now: Timestamp,
        balance: Balance,
    ) -> Result<Outcome, GovernanceError> {
        self.now = now;
        let ctx = self.ctx(stranger());
        self.gov.execute(ctx, id, balance)
    }
}

// ----- proposing -----------------------------------------------------------------------------

#[test]
fn propose_records_the_call() {
    env(|| {
        let mut world = World::new();
        let (id, outcome) = world
            .propose_call(alice(), target(), SELECTOR, vec![9; 3], 0)
            .unwrap();
        assert_eq!(id, 0);
        assert_eq!(world.gov.proposal_count(), 1);
        assert_eq!(
            world.gov.proposal(id),
            Some(Proposal {
                proposer: alice(),
                target: target(),
                selector: SELECTOR,
                input: vec![9; 3],
                value: 0,
                class: ProposalClass::Ordinary,
                created_at: T0,
                voting_ends: VOTING_ENDS,
                eta: ETA,
                expires: ETA + GRACE,
                active_snapshot: 12,
                quorum: 3,
                threshold_bps: 5_001,
                veto_quorum: 4,
                yes: 0,
                no: 0,
                vetoes: 0,
                cancelled: false,
                executed: false,
            })
        );
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ProposalCreated(ProposalCreated {
                proposal: 0,
                proposer: alice(),
                target: target(),
                selector: SELECTOR,
                input: vec![9; 3],
                value: 0,
                class: ProposalClass::Ordinary,
                voting_ends: VOTING_ENDS,
                eta: ETA,
                expires: ETA + GRACE,
            })]
        );
        assert!(outcome.interactions.is_empty());
        assert_eq!(
            world.gov.proposal_state(id, T0),
            Some(ProposalState::Active)
        );
        assert_eq!(world.gov.proposal_state(5, T0), None);
    });
}

#[test]
fn propose_refusals() {
    env(|| {
        let mut world = World::unwired();
        refuse(&mut world, GovernanceError::NotWired, |w| {
            w.propose_call(alice(), target(), SELECTOR, vec![], 0)
        });
        let mut world = World::new();
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            w.propose_call(stranger(), target(), SELECTOR, vec![], 0)
        });
        refuse(&mut world, GovernanceError::InputTooLong, |w| {
            w.propose_call(alice(), target(), SELECTOR, vec![0; MAX_INPUT_LEN + 1], 0)
        });
        assert!(world
            .propose_call(alice(), target(), SELECTOR, vec![0; MAX_INPUT_LEN], 0)
            .is_ok());
        world.chain.broken = true;
        refuse(&mut world, GovernanceError::CallFailed, |w| {
            w.propose_call(alice(), target(), SELECTOR, vec![], 0)
        });
    });
}

#[test]
fn self_calls_are_checked_at_proposal_time() {
    env(|| {
        let mut world = World::new();
        let params = test_params().encode();
        let code = Hash::from([3; 32]).encode();
        // Unknown selector, value attached, undecodable or over-long input.
        let unknown = [
            (UNKNOWN, params.clone(), 0),
            (SET_PARAMS_SELECTOR, params.clone(), 1),
            (SET_PARAMS_SELECTOR, params[..params.len() - 1].to_vec(), 0),
            (SET_PARAMS_SELECTOR, [params.clone(), vec![0]].concat(), 0),
            (SET_CODE_SELECTOR, code[..31].to_vec(), 0),
            (SET_CODE_SELECTOR, [code.clone(), vec![0]].concat(), 0),
        ];
        for (selector, input, value) in unknown {
            refuse(&mut world, GovernanceError::UnknownSelfCall, |w| {
                w.propose_call(alice(), this(), selector, input, value)
            });
        }
        let mut invalid = test_params();
        invalid.threshold_bps = 5_000;
        refuse(&mut world, GovernanceError::InvalidParams, |w| {
            w.propose_call(alice(), this(), SET_PARAMS_SELECTOR, invalid.encode(), 0)
        });
        assert!(world
            .propose_call(alice(), this(), SET_PARAMS_SELECTOR, params, 0)
            .is_ok());
        assert!(world
            .propose_call(alice(), this(), SET_CODE_SELECTOR, code, 0)
            .is_ok());
    });
}

#[test]
fn decode_self_call_reads_exactly_one_argument() {
    let params = test_params();
    assert_eq!(
        decode_self_call(SET_PARAMS_SELECTOR, &params.encode(), 0, &test_floors()),
        Ok(SelfCall::SetParams(params))
    );
    let code = Hash::from([8; 32]);
    assert_eq!(
        decode_self_call(SET_CODE_SELECTOR, &code.encode(), 0, &test_floors()),
        Ok(SelfCall::SetCode(code))
    );
    assert_eq!(
        decode_self_call(SET_CODE_SELECTOR, &[], 0, &test_floors()),
        Err(GovernanceError::UnknownSelfCall)
    );
}

#[test]
fn self_call_selectors_are_the_messages_selectors() {
    use crate::governance::Governance;
    use ink::reflect::ContractMessageDecoder;
    use ink::scale::DecodeAll;
    type Decoder = <Governance as ContractMessageDecoder>::Type;
    let params = [SET_PARAMS_SELECTOR.to_vec(), test_params().encode()].concat();
    assert!(Decoder::decode_all(&mut &params[..]).is_ok());
    let code = [SET_CODE_SELECTOR.to_vec(), Hash::from([1; 32]).encode()].concat();
    assert!(Decoder::decode_all(&mut &code[..]).is_ok());
    let unknown = [UNKNOWN.to_vec(), vec![]].concat();
    assert!(Decoder::decode_all(&mut &unknown[..]).is_err());
}

// ----- voting --------------------------------------------------------------------------------

#[test]
fn members_vote_once_during_the_voting_period() {
    env(|| {
        let mut world = World::new();
        let id = world.propose_value(0);
        world.at(VOTING_ENDS - 1);
        let outcome = world.cast(id, juror(1), true).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::Voted(Voted {
                proposal: id,
                voter: juror(1),
                support: true,
            })]
        );
        world.cast(id, juror(2), false).unwrap();
        // The proposer may vote too.
        world.cast(id, alice(), true).unwrap();
        let proposal = world.gov.proposal(id).unwrap();
        assert_eq!((proposal.yes, proposal.no), (2, 1));
        assert_eq!(world.gov.ballot_of(id, juror(2)), Some(false));
        assert_eq!(world.gov.ballot_of(id, juror(3)), None);
        refuse(&mut world, GovernanceError::AlreadyVoted, |w| {
            w.cast(id, juror(1), false)
        });
        refuse(&mut world, GovernanceError::NotActiveMember, |w| {
            w.cast(id, stranger(), true)
        });
        refuse(&mut world, GovernanceError::ProposalNotFound, |w| {
            w.cast(id + 1, juror(3), true)
        });
        world.at(VOTING_ENDS);
        refuse(&mut world, GovernanceError::VotingClosed, |w| {
            w.cast(id, juror(3), true)
        });
    });
}

// ----- states --------------------------------------------------------------------------------

#[test]
fn a_passed_proposal_is_queued_then_executable_then_executed() {
    env(|| {
        let mut world = World::new();
        let id = world.propose_value(0);
        world.vote_all(id, &[true, true, false]);
        let state = |w: &World, at| w.gov.proposal_state(id, at).unwrap();
        assert_eq!(state(&world, VOTING_ENDS - 1), ProposalState::Active);
        assert_eq!(
            state(&world, VOTING_ENDS),
            ProposalState::Queued { eta: ETA }
        );
        assert_eq!(state(&world, ETA - 1), ProposalState::Queued { eta: ETA });
        assert_eq!(state(&world, ETA), ProposalState::Executable);
        refuse(&mut world, GovernanceError::VotingOpen, |w| {
            w.execute_at(id, VOTING_ENDS - 1, 0)
        });
        refuse(&mut world, GovernanceError::TimelockNotOver, |w| {
            w.execute_at(id, VOTING_ENDS, 0)
        });
        refuse(&mut world, GovernanceError::TimelockNotOver, |w| {
            w.execute_at(id, ETA - 1, 0)
        });
        let outcome = world.execute_at(id, ETA, 0).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ProposalExecuted(ProposalExecuted {
                proposal: id
            })]
        );
        assert_eq!(
            outcome.interactions,
            vec![Interaction::Call {
                target: target(),
                selector: SELECTOR,
                input: vec![7, 7],
                value: 0,
            }]
        );
        assert_eq!(state(&world, ETA), ProposalState::Executed);
        refuse(&mut world, GovernanceError::AlreadyExecuted, |w| {
            w.execute_at(id, ETA + 1, 0)
        });
        refuse(&mut world, GovernanceError::ProposalNotFound, |w| {
            w.execute_at(id + 1, ETA, 0)
        });
    });
}

#[test]
fn a_proposal_without_quorum_is_defeated() {
    env(|| {
        let mut world = World::new();
        let id = world.propose_value(0);
        world.vote_all(id, &[true, true]); // 2 < quorum 3
        assert_eq!(
            world.gov.proposal_state(id, VOTING_ENDS),
            Some(ProposalState::Defeated)
        );
        refuse(&mut world, GovernanceError::ProposalDefeated, |w| {
            w.execute_at(id, ETA, 0)
        });
    });
}

#[test]
fn a_proposal_without_majority_is_defeated() {
    env(|| {
        let mut world = World::new();
        let id = world.propose_value(0);
        world.vote_all(id, &[true, true, false, false]); // a tie is not > 50 %
        assert_eq!(
            world.gov.proposal_state(id, ETA),
            Some(ProposalState::Defeated)
        );
        refuse(&mut world, GovernanceError::ProposalDefeated, |w| {
            w.execute_at(id, ETA, 0)
        });
    });
}

#[test]
fn a_proposal_nobody_votes_on_is_defeated_even_with_zero_quorum() {
    env(|| {
        let mut world = World::new();
        let mut params = test_params();
        params.proposal_quorum_bps = 0;
        world.gov.set_params(this(), params).unwrap();
        let id = world.propose_value(0);
        assert_eq!(world.gov.proposal(id).unwrap().quorum, 1);
        assert_eq!(
            world.gov.proposal_state(id, ETA),
            Some(ProposalState::Defeated)
        );
    });
}

#[test]
fn a_zero_timelock_executes_when_voting_ends() {
    env(|| {
        let mut world = World::new();
        let mut params = test_params();
        params.timelock = 0;
        world.gov.set_params(this(), params).unwrap();
        let id = world.propose_value(0);
        world.vote_all(id, &[true; 3]);
        assert_eq!(
            world.gov.proposal_state(id, VOTING_ENDS),
            Some(ProposalState::Executable)
        );
        assert!(world.execute_at(id, VOTING_ENDS, 0).is_ok());
    });
}

// ----- execution -----------------------------------------------------------------------------

#[test]
fn a_grant_above_the_free_balance_is_refused() {
    env(|| {
        let mut world = World::new();
        // 100 held as a dispute bond.
        world.open_expel();
        world.now = T0;
        let grant = (juror(7), 500 as Balance).encode();
        let (id, _) = world
            .propose_call(alice(), this(), GRANT_SELECTOR, grant, 0)
            .unwrap();
        assert_eq!(
            world.gov.proposal(id).unwrap().class,
            ProposalClass::Ordinary
        );
        world.vote_all(id, &[true; 3]);
        refuse(&mut world, GovernanceError::InsufficientFreeBalance, |w| {
            w.execute_at(id, ETA, 599)
        });
        // Bonds above the balance leave nothing free.
        refuse(&mut world, GovernanceError::InsufficientFreeBalance, |w| {
            w.execute_at(id, ETA, 50)
        });
        let outcome = world.execute_at(id, ETA, 600).unwrap();
        assert_eq!(
            outcome.interactions,
            vec![Interaction::Pay {
                to: juror(7),
                amount: 500,
            }]
        );
    });
}

fn pass_self_call(world: &mut World, selector: [u8; 4], input: Vec<u8>) -> ProposalId {
    world.now = T0;
    let (id, _) = world
        .propose_call(alice(), this(), selector, input, 0)
        .unwrap();
    world.vote_all(id, &[true; 3]);
    id
}

#[test]
fn a_set_params_proposal_is_dispatched_internally() {
    env(|| {
        let mut world = World::new();
        let mut params = test_params();
        params.dispute_bond = 1;
        params.appeal_bond = 2;
        params.timelock = 0;
        let id = pass_self_call(&mut world, SET_PARAMS_SELECTOR, params.encode());
        refuse(&mut world, GovernanceError::TimelockNotOver, |w| {
            w.execute_at(id, UPGRADE_ETA - 1, 0)
        });
        let outcome = world.execute_at(id, UPGRADE_ETA, 0).unwrap();
        assert_eq!(
            outcome.events,
            vec![
                GovernanceEvent::ProposalExecuted(ProposalExecuted { proposal: id }),
                GovernanceEvent::ParamsChanged(ParamsChanged { params }),
            ]
        );
        assert!(outcome.interactions.is_empty());
        assert_eq!(world.gov.params(), params);
        assert!(world.gov.proposal(id).unwrap().executed);
    });
}

#[test]
fn a_set_code_proposal_upgrades_governance() {
    env(|| {
        let mut world = World::new();
        let code_hash = Hash::from([5; 32]);
        let id = pass_self_call(&mut world, SET_CODE_SELECTOR, code_hash.encode());
        let outcome = world.execute_at(id, UPGRADE_ETA, 0).unwrap();
        assert_eq!(
            outcome.events,
            vec![
                GovernanceEvent::ProposalExecuted(ProposalExecuted { proposal: id }),
                GovernanceEvent::CodeUpgraded(CodeUpgraded { code_hash }),
            ]
        );
        assert_eq!(
            outcome.interactions,
            vec![Interaction::SetCode { code_hash }]
        );
    });
}

#[test]
fn an_unknown_self_call_is_refused_at_execution() {
    env(|| {
        let mut world = World::new();
        let id = pass_self_call(&mut world, SET_CODE_SELECTOR, Hash::from([5; 32]).encode());
        // A proposal stored before a selector became unknown (simulated): execution checks
        // again.
        let mut proposal = world.gov.proposal(id).unwrap();
        proposal.selector = UNKNOWN;
        world.gov.proposals.insert(id, &proposal);
        refuse(&mut world, GovernanceError::UnknownSelfCall, |w| {
            w.execute_at(id, UPGRADE_ETA, 0)
        });
    });
}

#[test]
fn a_pending_proposal_keeps_its_rules_when_params_change() {
    env(|| {
        let mut world = World::new();
        let id = world.propose_value(0);
        let mut params = test_params();
        params.timelock = UPGRADE_TIMELOCK;
        params.upgrade_timelock = 100 * TIMELOCK;
        params.proposal_quorum_bps = MAX_QUORUM_BPS;
        world.gov.set_params(this(), params).unwrap();
        world.vote_all(id, &[true; 3]);
        assert_eq!(
            world.gov.proposal_state(id, ETA),
            Some(ProposalState::Executable)
        );
    });
}
