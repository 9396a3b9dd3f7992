//! Proposals: governance is the only authority over parameters and upgrades, of itself and of
//! the other contracts. A member proposes one call; members vote; if it passes, anyone
//! executes it after the timelock.
//!
//! Life of a proposal (`V` = voting period, `T` = timelock, fixed at proposal time):
//! ```text
//!  propose ─► Active [t0, t0+V) ─┬─ quorum and threshold met ─► Queued [.., +T) ─► Executable
//!                                └─ otherwise ────────────────► Defeated            │ execute
//!                                                                                    ▼
//!                                                                                Executed
//! ```
//! A proposal passes with at least `quorum = max(1, ceil(proposal_quorum_bps * snapshot /
//! 10 000))` votes (`snapshot` = the registry's `active_count` at proposal time) and
//! `yes * 10 000 >= proposal_threshold_bps * (yes + no)`.
//!
//! Execution: a proposal whose target is governance itself is dispatched internally (a call
//! from governance to itself would be refused, reentrancy being denied): `set_params`
//! (selector `selector_bytes!("set_params")`, input the SCALE-encoded [`GovernanceParams`])
//! and `set_code` (selector `selector_bytes!("set_code")`, input the SCALE-encoded code
//! [`Hash`]), without value; anything else is `UnknownSelfCall`, refused already at proposal
//! time. Any other target gets a plain call: selector, then the input bytes verbatim, with
//! `value`, which must not exceed governance's balance minus the bonds it holds. The call
//! fails (and the whole execution reverts) if the callee traps, does not know the selector, or
//! answers with a first byte `1` (a `Result::Err` of an ink! message): proposals target
//! messages returning `Result<_, _>` or `()`.
//!
//! Whoever is an active member when voting may vote: only the member count is snapshotted
//! (for the quorum), not the membership itself.
//!
//! Invariants:
//! - a member votes at most once per proposal, only while it is active;
//! - a proposal executes at most once, only when `Executable`;
//! - an execution never spends the bonds held for disputes.

use crate::events::{GovernanceEvent, ParamsChanged, ProposalCreated, ProposalExecuted, Voted};
use crate::params::GovernanceParams;
use crate::state::{upgrade_outcome, GovernanceState};
use crate::types::{
    Chain, Ctx, Interaction, Outcome, Proposal, ProposalId, ProposalState, MAX_INPUT_LEN,
};
use ink::prelude::vec::Vec;
use ink::scale::DecodeAll;
use interfaces::{AccountId, Balance, GovernanceError, Hash};

/// Selector of governance's `set_params` message (a proposal's internal dispatch).
pub const SET_PARAMS_SELECTOR: [u8; 4] = ink::selector_bytes!("set_params");
/// Selector of governance's `set_code` message (a proposal's internal dispatch).
pub const SET_CODE_SELECTOR: [u8; 4] = ink::selector_bytes!("set_code");

/// A call governance can make on itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCall {
    /// `set_params(params)`.
    SetParams(GovernanceParams),
    /// `set_code(code_hash)`.
    SetCode(Hash),
}

/// Decodes a proposal targeting governance itself.
///
/// # Errors
/// `UnknownSelfCall` for a value other than zero, an unknown selector, or an input that is not
/// exactly one SCALE-encoded argument of the message; `InvalidParams` for `set_params` with
/// parameters [`GovernanceParams::validate`] refuses.
pub fn decode_self_call(
    selector: [u8; 4],
    input: &[u8],
    value: Balance,
) -> Result<SelfCall, GovernanceError> {
    if value != 0 {
        return Err(GovernanceError::UnknownSelfCall);
    }
    match selector {
        SET_PARAMS_SELECTOR => {
            let params = GovernanceParams::decode_all(&mut &input[..])
                .map_err(|_| GovernanceError::UnknownSelfCall)?;
            params.validate()?;
            Ok(SelfCall::SetParams(params))
        }
        SET_CODE_SELECTOR => Hash::decode_all(&mut &input[..])
            .map(SelfCall::SetCode)
            .map_err(|_| GovernanceError::UnknownSelfCall),
        _ => Err(GovernanceError::UnknownSelfCall),
    }
}

impl GovernanceState {
    // ----- queries -------------------------------------------------------------------------

    /// The proposal `id`.
    pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
        self.proposals.get(id)
    }

    /// Number of proposals ever made (ids are `0..proposal_count`).
    pub fn proposal_count(&self) -> ProposalId {
        self.proposal_count
    }

    /// Where proposal `id` stands at `now`.
    pub fn proposal_state(&self, id: ProposalId, now: u64) -> Option<ProposalState> {
        self.proposals.get(id).map(|proposal| proposal.state(now))
    }

    /// `voter`'s vote on proposal `id` (`true` = for), if he voted.
    pub fn ballot_of(&self, id: ProposalId, voter: AccountId) -> Option<bool> {
        self.ballots.get((id, voter))
    }

    fn load_proposal(&self, id: ProposalId) -> Result<Proposal, GovernanceError> {
        self.proposals
            .get(id)
            .ok_or(GovernanceError::ProposalNotFound)
    }

    // ----- messages ------------------------------------------------------------------------

    /// An active member proposes that governance call `selector` on `target` with `input`
    /// (the SCALE-encoded arguments) and `value`.
    ///
    /// Precedence: `NotWired`, `InputTooLong` (over [`MAX_INPUT_LEN`] bytes),
    /// `UnknownSelfCall` / `InvalidParams` (a call on governance itself that it could not
    /// run, see [`decode_self_call`]), `NotActiveMember`, `ArithmeticOverflow`, and
    /// `CallFailed` wherever the registry is asked.
    pub fn propose(
        &mut self,
        ctx: Ctx,
        target: AccountId,
        selector: [u8; 4],
        input: Vec<u8>,
        value: Balance,
        chain: &impl Chain,
    ) -> Result<(ProposalId, Outcome), GovernanceError> {
        self.ensure_wired()?;
        if input.len() > MAX_INPUT_LEN {
            return Err(GovernanceError::InputTooLong);
        }
        if target == self.this {
            decode_self_call(selector, &input, value)?;
        }
        if !chain.is_active(ctx.caller)? {
            return Err(GovernanceError::NotActiveMember);
        }
        let params = self.params;
        let active_snapshot = chain.active_count()?;
        let quorum = crate::disputes::quorum(params.proposal_quorum_bps, active_snapshot, 1)?;
        let overflow = || GovernanceError::ArithmeticOverflow;
        let voting_ends = ctx
            .now
            .checked_add(params.proposal_voting_period)
            .ok_or_else(overflow)?;
        let eta = voting_ends
            .checked_add(params.timelock)
            .ok_or_else(overflow)?;
        let id = self.proposal_count;
        let next_id = id.checked_add(1).ok_or_else(overflow)?;
        // Effects.
        let event = ProposalCreated {
            proposal: id,
            proposer: ctx.caller,
            target,
            selector,
            input: input.clone(),
            value,
            voting_ends,
            eta,
        };
        self.proposals.insert(
            id,
            &Proposal {
                proposer: ctx.caller,
                target,
                selector,
                input,
                value,
                created_at: ctx.now,
                voting_ends,
                eta,
                active_snapshot,
                quorum,
                threshold_bps: params.proposal_threshold_bps,
                yes: 0,
                no: 0,
                executed: false,
            },
        );
        self.proposal_count = next_id;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ProposalCreated(event));
        Ok((id, outcome))
    }

    /// An active member votes on a proposal during its voting period, once.
    ///
    /// Precedence: `ProposalNotFound`, `VotingClosed`, `AlreadyVoted`, `NotActiveMember`,
    /// `ArithmeticOverflow`, and `CallFailed` if the registry cannot be asked.
    pub fn vote(
        &mut self,
        ctx: Ctx,
        id: ProposalId,
        support: bool,
        chain: &impl Chain,
    ) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        if ctx.now >= proposal.voting_ends {
            return Err(GovernanceError::VotingClosed);
        }
        if self.ballots.contains((id, ctx.caller)) {
            return Err(GovernanceError::AlreadyVoted);
        }
        if !chain.is_active(ctx.caller)? {
            return Err(GovernanceError::NotActiveMember);
        }
        let count = if support {
            &mut proposal.yes
        } else {
            &mut proposal.no
        };
        *count = count
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        self.ballots.insert((id, ctx.caller), &support);
        self.proposals.insert(id, &proposal);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::Voted(Voted {
            proposal: id,
            voter: ctx.caller,
            support,
        }));
        Ok(outcome)
    }

    /// Executes a passed proposal once its timelock is over; anyone may call. `balance` is
    /// governance's native balance now.
    ///
    /// Precedence: `ProposalNotFound`, `AlreadyExecuted`, `VotingOpen`, `ProposalDefeated`,
    /// `TimelockNotOver`; then for a call on governance itself `UnknownSelfCall` /
    /// `InvalidParams`, and for another target `InsufficientFreeBalance` if `value` exceeds
    /// `balance - bonds_held`. (The glue then reports a failed call as `ProposalCallFailed`
    /// and a failed upgrade as `UpgradeFailed`, reverting everything.)
    pub fn execute(
        &mut self,
        ctx: Ctx,
        id: ProposalId,
        balance: Balance,
    ) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        match proposal.state(ctx.now) {
            ProposalState::Executed => return Err(GovernanceError::AlreadyExecuted),
            ProposalState::Active => return Err(GovernanceError::VotingOpen),
            ProposalState::Defeated => return Err(GovernanceError::ProposalDefeated),
            ProposalState::Queued { .. } => return Err(GovernanceError::TimelockNotOver),
            ProposalState::Executable => {}
        }
        let self_call = if proposal.target == self.this {
            Some(decode_self_call(
                proposal.selector,
                &proposal.input,
                proposal.value,
            )?)
        } else {
            // proof: bonds above the balance (impossible while the invariant holds) leave
            // nothing free.
            let free = balance.saturating_sub(self.bonds_held);
            if proposal.value > free {
                return Err(GovernanceError::InsufficientFreeBalance);
            }
            None
        };
        // Effects.
        proposal.executed = true;
        self.proposals.insert(id, &proposal);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ProposalExecuted(ProposalExecuted {
            proposal: id,
        }));
        match self_call {
            Some(SelfCall::SetParams(params)) => {
                self.params = params;
                outcome.event(GovernanceEvent::ParamsChanged(ParamsChanged { params }));
            }
            Some(SelfCall::SetCode(code_hash)) => {
                let upgrade = upgrade_outcome(code_hash);
                outcome.events.extend(upgrade.events);
                outcome.interactions.extend(upgrade.interactions);
            }
            None => outcome.interact(Interaction::Call {
                target: proposal.target,
                selector: proposal.selector,
                input: proposal.input,
                value: proposal.value,
            }),
        }
        Ok(outcome)
    }
}
