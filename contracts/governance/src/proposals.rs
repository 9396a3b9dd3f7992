//! Proposals: governance's authority over parameters, code hashes, upgrades and its
//! treasury. A member proposes one allowlisted call; members vote; if it passes and no
//! blocking minority vetoes it during its timelock, anyone executes it within its grace period.
//!
//! Life of a proposal (`V` = voting period, `T` = the class's timelock, `G` = grace period,
//! all fixed at proposal time):
//! ```text
//!  propose ─► Active [t0, t0+V) ─┬─ quorum and threshold met ─► Queued [.., +T) ─► Executable [.., +G) ─► Expired
//!     │                          └─ otherwise ────────────────► Defeated   │ veto quorum    │ execute
//!     └─ cancel by the proposer (Active, Queued, Executable) ─► Cancelled  ▼                ▼
//!                                                                        Vetoed          Executed
//! ```
//!
//! What a proposal may call (the allowlist, checked at `propose`; anything else is
//! `NotAllowlisted`, and no proposal carries value):
//!
//! | target | message (selector `selector_bytes!(name)`) | class |
//! |---|---|---|
//! | governance | `set_params(GovernanceParams)`, `set_code(Hash)` | constitutional |
//! | governance | `grant(AccountId, Balance)`: pays from its treasury | ordinary |
//! | registry | `set_params`, `set_code_hashes`, `set_code` | constitutional |
//! | registry | `withdraw_treasury(to, amount)` | ordinary |
//! | a token the registry launched | `set_code(Hash)` | constitutional |
//!
//! Enforcement (`MemberEnforcement::suspend`, `reinstate`, `expel`) and remedies
//! (`TokenRemedies::recover`, `freeze`, `unfreeze`) are not on the list: governance makes those
//! calls only to execute a dispute ruling. Splitters are not upgradeable at all.
//!
//! A proposal passes with at least `quorum = max(1, ceil(proposal_quorum_bps * snapshot /
//! 10 000))` votes (`snapshot` = the registry's `active_count` at proposal time) and `yes *
//! 10 000 >= threshold * (yes + no)`, where the threshold is `proposal_threshold_bps` for an
//! ordinary proposal and `upgrade_threshold_bps` (a supermajority) for a constitutional one,
//! whose timelock is `upgrade_timelock` instead of `timelock`. During the timelock any member
//! whose rights began before the proposal may veto it; `max(1, ceil(veto_bps * snapshot /
//! 10 000))` vetoes stop it. Only the proposer may cancel it, at any time before execution.
//!
//! Upgrades and exits: while an upgrade (`set_code`) of a contract is pending (`Active`,
//! `Queued` or `Executable`), no second upgrade of it may be proposed (`UpgradePending`), and
//! [`GovernanceState::exits_open`] tells a token that its holders' money may leave: for an
//! upgrade of the token itself or of governance (which could then upgrade any token).
//!
//! Rights: a member proposes once his rights began (`rights_since <= now`), and votes or
//! vetoes only if they began before the proposal was made (`rights_since < created_at`):
//! members admitted, or whose tenure ended, after that cannot sway it.
//!
//! Execution: a call on governance itself is dispatched internally (a call from governance to
//! itself would be refused, reentrancy being denied). Any other target gets a plain call:
//! selector, then the input bytes verbatim. The call fails (and the whole execution reverts,
//! so it may be retried until it expires) if the callee traps, does not know the selector, or
//! answers with a first byte `1` (a `Result::Err` of an ink! message).
//!
//! Invariants:
//! - a member votes at most once and vetoes at most once per proposal;
//! - a proposal executes at most once, only when `Executable`, never after `expires`;
//! - an execution never spends the bonds held for disputes;
//! - no proposal reaches enforcement, remedies, or a contract outside the protocol.

use crate::events::{
    GovernanceEvent, ParamsChanged, ProposalCancelled, ProposalCreated, ProposalExecuted,
    TreasuryGranted, Vetoed, Voted,
};
use crate::params::GovernanceParams;
use crate::state::{upgrade_outcome, GovernanceState};
use crate::types::{
    Chain, Ctx, Interaction, Outcome, Proposal, ProposalClass, ProposalId, ProposalState,
    MAX_INPUT_LEN,
};
use ink::prelude::vec::Vec;
use ink::scale::DecodeAll;
use interfaces::{AccountId, Balance, GovernanceError, Hash};

/// Selector of `set_params` (governance's and the registry's).
pub const SET_PARAMS_SELECTOR: [u8; 4] = ink::selector_bytes!("set_params");
/// Selector of `set_code` (governance's, the registry's and a token's).
pub const SET_CODE_SELECTOR: [u8; 4] = ink::selector_bytes!("set_code");
/// Selector of governance's internal `grant(to, amount)`.
pub const GRANT_SELECTOR: [u8; 4] = ink::selector_bytes!("grant");
/// Selector of the registry's `set_code_hashes`.
pub const SET_CODE_HASHES_SELECTOR: [u8; 4] = ink::selector_bytes!("set_code_hashes");
/// Selector of the registry's `withdraw_treasury`.
pub const WITHDRAW_TREASURY_SELECTOR: [u8; 4] = ink::selector_bytes!("withdraw_treasury");

/// A call governance can make on itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfCall {
    /// `set_params(params)`.
    SetParams(GovernanceParams),
    /// `set_code(code_hash)`.
    SetCode(Hash),
    /// `grant(to, amount)`: a payment from the treasury.
    Grant(AccountId, Balance),
}

/// Decodes a proposal targeting governance itself; `floors` are governance's.
///
/// # Errors
/// `UnknownSelfCall` for a value other than zero, an unknown selector, or an input that is not
/// exactly the SCALE-encoded arguments of the message; `InvalidParams` for `set_params` with
/// parameters [`GovernanceParams::validate`] refuses.
pub fn decode_self_call(
    selector: [u8; 4],
    input: &[u8],
    value: Balance,
    floors: &GovernanceParams,
) -> Result<SelfCall, GovernanceError> {
    if value != 0 {
        return Err(GovernanceError::UnknownSelfCall);
    }
    let unknown = |_| GovernanceError::UnknownSelfCall;
    match selector {
        SET_PARAMS_SELECTOR => {
            let params = GovernanceParams::decode_all(&mut &input[..]).map_err(unknown)?;
            params.validate(floors)?;
            Ok(SelfCall::SetParams(params))
        }
        SET_CODE_SELECTOR => Hash::decode_all(&mut &input[..])
            .map(SelfCall::SetCode)
            .map_err(unknown),
        GRANT_SELECTOR => <(AccountId, Balance)>::decode_all(&mut &input[..])
            .map(|(to, amount)| SelfCall::Grant(to, amount))
            .map_err(unknown),
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

    /// Whether an upgrade that could reach the money `contract` holds is pending at `now`: an
    /// upgrade of `contract` itself or of governance, `Active`, `Queued` or `Executable`.
    pub fn exits_open(&self, contract: AccountId, now: u64) -> bool {
        self.upgrade_pending(contract, now) || self.upgrade_pending(self.this, now)
    }

    fn upgrade_pending(&self, contract: AccountId, now: u64) -> bool {
        self.upgrades
            .get(contract)
            .and_then(|id| self.proposal_state(id, now))
            .is_some_and(|state| state.is_pending())
    }

    fn load_proposal(&self, id: ProposalId) -> Result<Proposal, GovernanceError> {
        self.proposals
            .get(id)
            .ok_or(GovernanceError::ProposalNotFound)
    }

    /// The class of a call, if a proposal may make it (see the module docs), and whether it
    /// is an upgrade.
    ///
    /// # Errors
    /// `NotAllowlisted`; for governance itself those of [`decode_self_call`]; `CallFailed`
    /// if the registry cannot be asked whether `target` is one of its tokens.
    pub fn classify(
        &self,
        target: AccountId,
        selector: [u8; 4],
        input: &[u8],
        value: Balance,
        chain: &impl Chain,
    ) -> Result<(ProposalClass, bool), GovernanceError> {
        use ProposalClass::{Constitutional, Ordinary};
        if target == self.this {
            return match decode_self_call(selector, input, value, &self.floors)? {
                SelfCall::SetParams(_) => Ok((Constitutional, false)),
                SelfCall::SetCode(_) => Ok((Constitutional, true)),
                SelfCall::Grant(..) => Ok((Ordinary, false)),
            };
        }
        if value != 0 {
            return Err(GovernanceError::NotAllowlisted);
        }
        if Some(target) == self.registry {
            return match selector {
                SET_PARAMS_SELECTOR | SET_CODE_HASHES_SELECTOR => Ok((Constitutional, false)),
                SET_CODE_SELECTOR => Ok((Constitutional, true)),
                WITHDRAW_TREASURY_SELECTOR => Ok((Ordinary, false)),
                _ => Err(GovernanceError::NotAllowlisted),
            };
        }
        if selector == SET_CODE_SELECTOR && chain.issuer_of(target)?.is_some() {
            return Ok((Constitutional, true));
        }
        Err(GovernanceError::NotAllowlisted)
    }

    // ----- messages ------------------------------------------------------------------------

    /// A member whose rights began proposes that governance call `selector` on `target` with
    /// `input` (the SCALE-encoded arguments) and `value` (which must be 0).
    ///
    /// Precedence: `NotWired`, `InputTooLong` (over [`MAX_INPUT_LEN`] bytes),
    /// `UnknownSelfCall` / `InvalidParams` (a call on governance itself that it could not
    /// run, see [`decode_self_call`]), `NotAllowlisted` (see [`Self::classify`]),
    /// `UpgradePending` (an upgrade of the same contract is pending), `NotActiveMember`,
    /// `NoRightsYet` (tenure not served), `ArithmeticOverflow`, and `CallFailed` wherever the
    /// registry is asked.
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
        let (class, upgrade) = self.classify(target, selector, &input, value, chain)?;
        if upgrade && self.upgrade_pending(target, ctx.now) {
            return Err(GovernanceError::UpgradePending);
        }
        match chain.rights_since(ctx.caller)? {
            None => return Err(GovernanceError::NotActiveMember),
            Some(since) if since > ctx.now => return Err(GovernanceError::NoRightsYet),
            Some(_) => {}
        }
        let params = self.params;
        let (threshold_bps, timelock) = match class {
            ProposalClass::Ordinary => (params.proposal_threshold_bps, params.timelock),
            ProposalClass::Constitutional => {
                (params.upgrade_threshold_bps, params.upgrade_timelock)
            }
        };
        let active_snapshot = chain.active_count()?;
        let quorum = crate::disputes::quorum(params.proposal_quorum_bps, active_snapshot, 1)?;
        let veto_quorum = crate::disputes::quorum(params.veto_bps, active_snapshot, 1)?;
        let overflow = || GovernanceError::ArithmeticOverflow;
        let voting_ends = ctx
            .now
            .checked_add(params.proposal_voting_period)
            .ok_or_else(overflow)?;
        let eta = voting_ends.checked_add(timelock).ok_or_else(overflow)?;
        let expires = eta.checked_add(params.grace_period).ok_or_else(overflow)?;
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
            class,
            voting_ends,
            eta,
            expires,
        };
        self.proposals.insert(
            id,
            &Proposal {
                proposer: ctx.caller,
                target,
                selector,
                input,
                value,
                class,
                created_at: ctx.now,
                voting_ends,
                eta,
                expires,
                active_snapshot,
                quorum,
                threshold_bps,
                veto_quorum,
                yes: 0,
                no: 0,
                vetoes: 0,
                cancelled: false,
                executed: false,
            },
        );
        if upgrade {
            self.upgrades.insert(target, &id);
        }
        self.proposal_count = next_id;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ProposalCreated(event));
        Ok((id, outcome))
    }

    /// A member whose rights began before the proposal was made votes on it during its voting
    /// period, once.
    ///
    /// Precedence: `ProposalNotFound`, `ProposalCancelled`, `VotingClosed`, `AlreadyVoted`,
    /// `NotActiveMember`, `NoRightsYet`, `ArithmeticOverflow`, and `CallFailed` if the
    /// registry cannot be asked.
    pub fn vote(
        &mut self,
        ctx: Ctx,
        id: ProposalId,
        support: bool,
        chain: &impl Chain,
    ) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        if proposal.cancelled {
            return Err(GovernanceError::ProposalCancelled);
        }
        if ctx.now >= proposal.voting_ends {
            return Err(GovernanceError::VotingClosed);
        }
        if self.ballots.contains((id, ctx.caller)) {
            return Err(GovernanceError::AlreadyVoted);
        }
        chain.ensure_rights_before(ctx.caller, proposal.created_at)?;
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

    /// A member whose rights began before the proposal was made vetoes it during its
    /// timelock, once; the veto quorum's veto stops it (`Vetoed`).
    ///
    /// Precedence: `ProposalNotFound`, `NotInTimelock` (not `Queued`), `AlreadyVetoed`,
    /// `NotActiveMember`, `NoRightsYet`, `ArithmeticOverflow`, and `CallFailed` if the
    /// registry cannot be asked.
    pub fn veto(
        &mut self,
        ctx: Ctx,
        id: ProposalId,
        chain: &impl Chain,
    ) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        if !matches!(proposal.state(ctx.now), ProposalState::Queued { .. }) {
            return Err(GovernanceError::NotInTimelock);
        }
        if self.vetoes.contains((id, ctx.caller)) {
            return Err(GovernanceError::AlreadyVetoed);
        }
        chain.ensure_rights_before(ctx.caller, proposal.created_at)?;
        proposal.vetoes = proposal
            .vetoes
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        self.vetoes.insert((id, ctx.caller), &());
        self.proposals.insert(id, &proposal);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::Vetoed(Vetoed {
            proposal: id,
            member: ctx.caller,
            vetoes: proposal.vetoes,
            stopped: proposal.vetoes >= proposal.veto_quorum,
        }));
        Ok(outcome)
    }

    /// The proposer cancels his proposal before it is executed (while it is `Active`,
    /// `Queued` or `Executable`).
    ///
    /// Precedence: `ProposalNotFound`, `NotProposer`, then by state `AlreadyExecuted`,
    /// `ProposalCancelled`, `ProposalDefeated`, `ProposalVetoed`, `ProposalExpired`.
    pub fn cancel(&mut self, ctx: Ctx, id: ProposalId) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        if ctx.caller != proposal.proposer {
            return Err(GovernanceError::NotProposer);
        }
        ensure_not_settled(proposal.state(ctx.now))?;
        // Effects.
        proposal.cancelled = true;
        self.proposals.insert(id, &proposal);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ProposalCancelled(ProposalCancelled {
            proposal: id,
        }));
        Ok(outcome)
    }

    /// Executes a passed proposal after its timelock and before it expires, once; anyone
    /// may call. `balance` is governance's native balance now.
    ///
    /// Precedence: `ProposalNotFound`, then by state `AlreadyExecuted`, `ProposalCancelled`,
    /// `ProposalDefeated`, `ProposalVetoed`, `ProposalExpired`, `VotingOpen`,
    /// `TimelockNotOver`; then for a call on governance itself `UnknownSelfCall` /
    /// `InvalidParams`, and `InsufficientFreeBalance` for a grant above `balance -
    /// bonds_held`. (The glue then reports a failed call as `ProposalCallFailed` and a failed
    /// upgrade as `UpgradeFailed`, reverting everything.)
    pub fn execute(
        &mut self,
        ctx: Ctx,
        id: ProposalId,
        balance: Balance,
    ) -> Result<Outcome, GovernanceError> {
        let mut proposal = self.load_proposal(id)?;
        let state = proposal.state(ctx.now);
        ensure_not_settled(state)?;
        match state {
            ProposalState::Active => return Err(GovernanceError::VotingOpen),
            ProposalState::Queued { .. } => return Err(GovernanceError::TimelockNotOver),
            _ => {}
        }
        let self_call = if proposal.target == self.this {
            let call = decode_self_call(
                proposal.selector,
                &proposal.input,
                proposal.value,
                &self.floors,
            )?;
            if let SelfCall::Grant(_, amount) = call {
                // proof: bonds above the balance (impossible while the invariant holds) leave
                // nothing free.
                if amount > balance.saturating_sub(self.bonds_held) {
                    return Err(GovernanceError::InsufficientFreeBalance);
                }
            }
            Some(call)
        } else {
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
            Some(SelfCall::Grant(to, amount)) => {
                outcome.event(GovernanceEvent::TreasuryGranted(TreasuryGranted {
                    to,
                    amount,
                }));
                outcome.interact(Interaction::Pay { to, amount });
            }
            None => outcome.interact(Interaction::Call {
                target: proposal.target,
                selector: proposal.selector,
                input: proposal.input,
                value: 0,
            }),
        }
        Ok(outcome)
    }
}

/// Refuses a proposal that can no longer be executed, by its state.
///
/// # Errors
/// `AlreadyExecuted`, `ProposalCancelled`, `ProposalDefeated`, `ProposalVetoed`,
/// `ProposalExpired`.
fn ensure_not_settled(state: ProposalState) -> Result<(), GovernanceError> {
    match state {
        ProposalState::Executed => Err(GovernanceError::AlreadyExecuted),
        ProposalState::Cancelled => Err(GovernanceError::ProposalCancelled),
        ProposalState::Defeated => Err(GovernanceError::ProposalDefeated),
        ProposalState::Vetoed => Err(GovernanceError::ProposalVetoed),
        ProposalState::Expired => Err(GovernanceError::ProposalExpired),
        ProposalState::Active | ProposalState::Queued { .. } | ProposalState::Executable => Ok(()),
    }
}
