//! Construction, parameters, wiring, upgrades, raw calls, and the contract glue off-chain.

use super::*;
use crate::events::{CodeUpgraded, GovernanceEvent, ParamsChanged, Wired};
use crate::params::{
    MAX_GRACE_PERIOD, MAX_MIN_JURORS, MAX_PERIOD, MAX_THRESHOLD_BPS, MAX_UPGRADE_TIMELOCK,
    MIN_VETO_BPS,
};
use crate::raw::{proposal_call_outcome, RawInput, RawOutput};
use crate::types::Interaction;
use ink::env::call::{ExecutionInput, Selector};
use ink::scale::{DecodeAll, Encode};

// ----- parameters ----------------------------------------------------------------------------

#[test]
fn test_params_are_valid() {
    assert_eq!(test_params().validate(&test_floors()), Ok(()));
}

#[test]
fn every_parameter_rule_is_enforced() {
    type Change = fn(&mut GovernanceParams);
    let invalid: Vec<(&str, Change)> = vec![
        ("appeal bond equal to the dispute bond", |p| {
            p.appeal_bond = p.dispute_bond
        }),
        ("appeal bond below the dispute bond", |p| {
            p.appeal_bond = p.dispute_bond - 1
        }),
        ("zero evidence period", |p| p.evidence_period = 0),
        ("zero commit period", |p| p.commit_period = 0),
        ("zero reveal period", |p| p.reveal_period = 0),
        ("zero appeal period", |p| p.appeal_period = 0),
        ("zero voting period", |p| p.proposal_voting_period = 0),
        ("evidence period too long", |p| {
            p.evidence_period = MAX_PERIOD + 1
        }),
        ("commit period too long", |p| {
            p.commit_period = MAX_PERIOD + 1
        }),
        ("reveal period too long", |p| {
            p.reveal_period = MAX_PERIOD + 1
        }),
        ("appeal period too long", |p| {
            p.appeal_period = MAX_PERIOD + 1
        }),
        ("voting period too long", |p| {
            p.proposal_voting_period = MAX_PERIOD + 1
        }),
        ("timelock too long", |p| p.timelock = MAX_PERIOD + 1),
        ("zero jurors", |p| p.min_jurors = 0),
        ("too many jurors", |p| p.min_jurors = MAX_MIN_JURORS + 1),
        ("quorum above 100 %", |p| {
            p.quorum_bps = 10_001;
            p.appeal_quorum_bps = 10_001;
        }),
        ("appeal quorum above 100 %", |p| {
            p.appeal_quorum_bps = 10_001
        }),
        ("appeal quorum below the quorum", |p| {
            p.appeal_quorum_bps = p.quorum_bps - 1
        }),
        ("threshold at half", |p| p.threshold_bps = 5_000),
        ("threshold above 100 %", |p| p.threshold_bps = 10_001),
        ("proposal quorum above 100 %", |p| {
            p.proposal_quorum_bps = 10_001
        }),
        ("proposal threshold at half", |p| {
            p.proposal_threshold_bps = 5_000
        }),
        ("proposal threshold above 100 %", |p| {
            p.proposal_threshold_bps = 10_001
        }),
        ("quorum above the ceiling", |p| {
            p.quorum_bps = MAX_QUORUM_BPS + 1;
            p.appeal_quorum_bps = MAX_QUORUM_BPS + 1;
        }),
        ("proposal quorum above the ceiling", |p| {
            p.proposal_quorum_bps = MAX_QUORUM_BPS + 1
        }),
        ("unanimity", |p| p.threshold_bps = MAX_THRESHOLD_BPS + 1),
        ("upgrade timelock below the timelock", |p| {
            p.upgrade_timelock = p.timelock - 1
        }),
        ("upgrade timelock too long", |p| {
            p.upgrade_timelock = MAX_UPGRADE_TIMELOCK + 1
        }),
        ("zero grace period", |p| p.grace_period = 0),
        ("grace period too long", |p| {
            p.grace_period = MAX_GRACE_PERIOD + 1
        }),
        ("supermajority below two thirds", |p| {
            p.upgrade_threshold_bps = MIN_SUPERMAJORITY_BPS - 1
        }),
        ("supermajority below the ordinary threshold", |p| {
            p.proposal_threshold_bps = 7_000;
            p.upgrade_threshold_bps = 6_900;
        }),
        ("veto share below the floor", |p| {
            p.veto_bps = MIN_VETO_BPS - 1
        }),
        ("veto share above half", |p| p.veto_bps = MAX_VETO_BPS + 1),
    ];
    for (name, change) in invalid {
        let mut params = test_params();
        change(&mut params);
        assert_eq!(
            params.validate(&test_floors()),
            Err(GovernanceError::InvalidParams),
            "{name}"
        );
    }
    let valid: Vec<(&str, Change)> = vec![
        ("longest periods", |p| {
            p.evidence_period = MAX_PERIOD;
            p.commit_period = MAX_PERIOD;
            p.reveal_period = MAX_PERIOD;
            p.appeal_period = MAX_PERIOD;
            p.proposal_voting_period = MAX_PERIOD;
            p.timelock = MAX_PERIOD;
            p.upgrade_timelock = MAX_UPGRADE_TIMELOCK;
            p.grace_period = MAX_GRACE_PERIOD;
        }),
        ("shortest periods", |p| {
            p.evidence_period = 1;
            p.commit_period = 1;
            p.reveal_period = 1;
            p.appeal_period = 1;
            p.proposal_voting_period = 1;
            p.timelock = 0;
            p.upgrade_timelock = 0;
            p.grace_period = 1;
        }),
        ("zero dispute bond", |p| p.dispute_bond = 0),
        ("most jurors", |p| p.min_jurors = MAX_MIN_JURORS),
        ("one juror", |p| p.min_jurors = 1),
        ("zero quorums", |p| {
            p.quorum_bps = 0;
            p.appeal_quorum_bps = 0;
            p.proposal_quorum_bps = 0;
        }),
        ("largest quorums and thresholds", |p| {
            p.quorum_bps = MAX_QUORUM_BPS;
            p.appeal_quorum_bps = MAX_QUORUM_BPS;
            p.threshold_bps = MAX_THRESHOLD_BPS;
            p.proposal_quorum_bps = MAX_QUORUM_BPS;
            p.proposal_threshold_bps = MAX_THRESHOLD_BPS;
            p.upgrade_threshold_bps = MAX_THRESHOLD_BPS;
        }),
        ("veto share bounds", |p| p.veto_bps = MIN_VETO_BPS),
        ("smallest majorities", |p| {
            p.threshold_bps = 5_001;
            p.proposal_threshold_bps = 5_001;
        }),
        ("equal quorums", |p| p.appeal_quorum_bps = p.quorum_bps),
    ];
    for (name, change) in valid {
        let mut params = test_params();
        change(&mut params);
        assert_eq!(params.validate(&test_floors()), Ok(()), "{name}");
    }
}

// ----- construction and wiring ---------------------------------------------------------------

#[test]
fn new_validates_and_announces_the_params() {
    env(|| {
        let mut invalid = test_params();
        invalid.min_jurors = 0;
        assert_eq!(
            GovernanceState::new(invalid, test_floors(), deployer(), this()).err(),
            Some(GovernanceError::InvalidParams)
        );
        let (gov, outcome) =
            GovernanceState::new(test_params(), test_floors(), deployer(), this()).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ParamsChanged(ParamsChanged {
                params: test_params()
            })]
        );
        assert_eq!(gov.params(), test_params());
        assert_eq!(gov.wiring_authority(), Some(deployer()));
        assert_eq!(gov.registry(), None);
        assert_eq!(gov.this(), this());
        assert_eq!(gov.bonds_held(), 0);
        assert_eq!(gov.dispute_count(), 0);
        assert_eq!(gov.proposal_count(), 0);
    });
}

#[test]
fn only_the_instantiator_wires_once() {
    env(|| {
        let mut world = World::unwired();
        refuse(&mut world, GovernanceError::NotWiringAuthority, |w| {
            w.gov.wire(stranger(), registry())
        });
        let outcome = world.gov.wire(deployer(), registry()).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::Wired(Wired {
                registry: registry()
            })]
        );
        assert_eq!(world.gov.registry(), Some(registry()));
        assert_eq!(world.gov.wiring_authority(), None);
        for who in [deployer(), stranger()] {
            refuse(&mut world, GovernanceError::AlreadyWired, |w| {
                w.gov.wire(who, stranger())
            });
        }
    });
}

// ----- governance-only messages --------------------------------------------------------------

#[test]
fn only_governance_sets_params() {
    env(|| {
        let mut world = World::new();
        let mut params = test_params();
        params.dispute_bond = 7;
        for who in [stranger(), deployer(), alice(), registry()] {
            refuse(&mut world, GovernanceError::NotGovernance, |w| {
                w.gov.set_params(who, params)
            });
        }
        let mut invalid = params;
        invalid.threshold_bps = 1;
        refuse(&mut world, GovernanceError::InvalidParams, |w| {
            w.gov.set_params(this(), invalid)
        });
        let outcome = world.gov.set_params(this(), params).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::ParamsChanged(ParamsChanged { params })]
        );
        assert_eq!(world.gov.params(), params);
    });
}

#[test]
fn only_governance_upgrades_the_code() {
    env(|| {
        let mut world = World::new();
        let code_hash = Hash::from([6; 32]);
        for who in [stranger(), deployer(), alice()] {
            refuse(&mut world, GovernanceError::NotGovernance, |w| {
                w.gov.set_code(who, code_hash)
            });
        }
        let outcome = world.gov.set_code(this(), code_hash).unwrap();
        assert_eq!(
            outcome.events,
            vec![GovernanceEvent::CodeUpgraded(CodeUpgraded { code_hash })]
        );
        assert_eq!(
            outcome.interactions,
            vec![Interaction::SetCode { code_hash }]
        );
    });
}

// ----- raw calls -----------------------------------------------------------------------------

#[test]
fn raw_input_is_written_verbatim_after_the_selector() {
    let input = vec![1u8, 2, 3, 200];
    assert_eq!(RawInput(&input).encode(), input);
    assert_eq!(RawInput(&input).size_hint(), 4);
    let call = ExecutionInput::new(Selector::new([9, 8, 7, 6])).push_arg(RawInput(&input));
    assert_eq!(call.encode(), vec![9, 8, 7, 6, 1, 2, 3, 200]);
    // What a typed call of the same arguments would send.
    let typed = ExecutionInput::new(Selector::new([9, 8, 7, 6]))
        .push_arg(5u32)
        .push_arg(true);
    let raw_args = (5u32, true).encode();
    let raw = ExecutionInput::new(Selector::new([9, 8, 7, 6])).push_arg(RawInput(&raw_args));
    assert_eq!(typed.encode(), raw.encode());
}

#[test]
fn raw_output_takes_the_whole_reply() {
    let decode = |bytes: &[u8]| ink::MessageResult::<RawOutput>::decode_all(&mut &bytes[..]);
    // `()` reply.
    assert_eq!(decode(&[0]), Ok(Ok(RawOutput(vec![]))));
    // `Ok(Ok(5u8))` and `Ok(Err(..))` replies.
    assert_eq!(decode(&[0, 0, 5]), Ok(Ok(RawOutput(vec![0, 5]))));
    assert_eq!(decode(&[0, 1, 3, 4]), Ok(Ok(RawOutput(vec![1, 3, 4]))));
    // A `LangError`.
    assert_eq!(decode(&[1, 1]), Ok(Err(ink::LangError::CouldNotReadInput)));
    assert!(RawOutput(vec![1]).is_error());
    assert!(!RawOutput(vec![0, 1]).is_error());
    assert!(!RawOutput(vec![]).is_error());
}

#[test]
fn proposal_calls_fail_on_env_errors_lang_errors_and_err_replies() {
    assert_eq!(proposal_call_outcome(Ok(Ok(RawOutput(vec![])))), Ok(()));
    assert_eq!(proposal_call_outcome(Ok(Ok(RawOutput(vec![0, 0])))), Ok(()));
    for failure in [
        Ok(Ok(RawOutput(vec![1, 0]))),
        Ok(Err(ink::LangError::CouldNotReadInput)),
        Err(ink::env::Error::BufferTooSmall),
        Err(ink::env::Error::Decode("truncated reply".into())),
    ] {
        assert_eq!(
            proposal_call_outcome(failure),
            Err(GovernanceError::ProposalCallFailed)
        );
    }
}

// ----- the contract glue off-chain -----------------------------------------------------------

mod glue {
    use super::*;
    use crate::governance::Governance;
    use ink::env::test::{recorded_events, set_callee, set_caller};
    use ink::env::DefaultEnvironment;

    fn contract_account() -> AccountId {
        account(222)
    }

    fn deploy() -> Governance {
        set_caller::<DefaultEnvironment>(deployer());
        set_callee::<DefaultEnvironment>(contract_account());
        Governance::new(test_params(), test_floors()).expect("deploy")
    }

    #[test]
    fn constructor_refuses_invalid_params() {
        env(|| {
            set_callee::<DefaultEnvironment>(contract_account());
            let mut params = test_params();
            params.appeal_bond = 0;
            assert_eq!(
                Governance::new(params, test_floors()).err(),
                Some(GovernanceError::InvalidParams)
            );
        });
    }

    #[test]
    fn deploy_wire_and_self_only_messages() {
        env(|| {
            let mut governance = deploy();
            assert_eq!(recorded_events().count(), 1, "ParamsChanged");
            assert_eq!(governance.params(), test_params());
            assert_eq!(governance.wiring_authority(), Some(deployer()));
            // Before wiring nothing that needs the registry works.
            assert_eq!(
                governance.propose(stranger(), [0; 4], vec![], 0),
                Err(GovernanceError::NotWired)
            );
            set_caller::<DefaultEnvironment>(stranger());
            assert_eq!(
                governance.wire(registry()),
                Err(GovernanceError::NotWiringAuthority)
            );
            set_caller::<DefaultEnvironment>(deployer());
            assert_eq!(governance.wire(registry()), Ok(()));
            assert_eq!(governance.registry(), Some(registry()));
            assert_eq!(governance.wiring_authority(), None);
            assert_eq!(recorded_events().count(), 2);
            // The deployer keeps no power.
            assert_eq!(
                governance.set_params(test_params()),
                Err(GovernanceError::NotGovernance)
            );
            assert_eq!(
                governance.set_code(Hash::from([1; 32])),
                Err(GovernanceError::NotGovernance)
            );
            // Governance itself may.
            set_caller::<DefaultEnvironment>(contract_account());
            let mut params = test_params();
            params.timelock = 1;
            assert_eq!(governance.set_params(params), Ok(()));
            assert_eq!(governance.params(), params);
            assert_eq!(recorded_events().count(), 3);
            // Queries on nothing.
            assert_eq!(governance.dispute(0), None);
            assert_eq!(governance.dispute_count(), 0);
            assert_eq!(governance.phase(0), None);
            assert_eq!(governance.ruling(0), None);
            assert_eq!(governance.quorum_of(0), None);
            assert_eq!(governance.vote_of(0, 1, alice()), None);
            assert_eq!(governance.bonds_held(), 0);
            assert_eq!(governance.proposal(0), None);
            assert_eq!(governance.proposal_count(), 0);
            assert_eq!(governance.proposal_state(0), None);
            assert_eq!(governance.ballot_of(0, alice()), None);
            assert_eq!(
                governance.vote_commitment(0, 1, alice(), true, [2; 32]),
                crate::disputes::vote_commitment(0, 1, alice(), true, [2; 32])
            );
        });
    }
}
