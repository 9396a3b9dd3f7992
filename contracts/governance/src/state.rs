//! Governance's state and its core rules: construction, wiring, parameters and upgrades.
//! Disputes and proposals extend [`GovernanceState`] in their own modules.
//!
//! Every method takes the caller and the time explicitly and returns an [`Outcome`] (events and
//! interactions) or a typed error. A method that returns an error has changed nothing: all
//! checks come before the first write.

use crate::events::{CodeUpgraded, GovernanceEvent, ParamsChanged, Wired};
use crate::params::GovernanceParams;
use crate::types::{
    Dispute, DisputeId, Interaction, JurorVote, Outcome, Proposal, ProposalId, VoteKey,
};
use ink::storage::Mapping;
use interfaces::{AccountId, Balance, GovernanceError, Hash};

/// The whole state of governance.
#[ink::storage_item]
#[derive(Debug)]
pub struct GovernanceState {
    /// Governance's own account: the only caller of `set_params` and `set_code`.
    pub(crate) this: AccountId,
    pub(crate) params: GovernanceParams,
    /// The floors (and the veto ceiling) fixed at construction: no `set_params` goes below
    /// them.
    pub(crate) floors: GovernanceParams,
    /// Account allowed to wire governance once; `None` once wired.
    pub(crate) wiring_authority: Option<AccountId>,
    pub(crate) registry: Option<AccountId>,
    pub(crate) disputes: Mapping<DisputeId, Dispute>,
    pub(crate) dispute_count: DisputeId,
    /// Votes keyed by (dispute, round, juror).
    pub(crate) votes: Mapping<VoteKey, JurorVote>,
    /// Jurors who claimed their reward (or contest refund) of a dispute, keyed by (dispute,
    /// juror): one entry per claim, written once.
    pub(crate) reward_claims: Mapping<(DisputeId, AccountId), ()>,
    /// Native value governance holds for others: the dispute and appeal bonds and the juror
    /// deposits of the disputes not yet executed, and the juror rewards and contest refunds
    /// not yet claimed. The rest of the balance is the treasury, spendable only by proposals.
    pub(crate) bonds_held: Balance,
    pub(crate) proposals: Mapping<ProposalId, Proposal>,
    pub(crate) proposal_count: ProposalId,
    /// Each member's vote on each proposal (`true` = for).
    pub(crate) ballots: Mapping<(ProposalId, AccountId), bool>,
    /// Members who vetoed each proposal, keyed by (proposal, member).
    pub(crate) vetoes: Mapping<(ProposalId, AccountId), ()>,
    /// Contract -> the latest proposal to upgrade it (`set_code`); a new one is refused while
    /// it is not settled, and the tokens ask about it (`exits_open`).
    pub(crate) upgrades: Mapping<AccountId, ProposalId>,
}

impl GovernanceState {
    /// New governance at account `this` with `params` and the `floors` no later parameters
    /// may go below; `wiring_authority` (the instantiator) may wire it once.
    ///
    /// # Errors
    /// `InvalidParams`: floors that break [`GovernanceParams::validate_shape`], or `params`
    /// below them (see [`GovernanceParams::validate`]).
    pub fn new(
        params: GovernanceParams,
        floors: GovernanceParams,
        wiring_authority: AccountId,
        this: AccountId,
    ) -> Result<(GovernanceState, Outcome), GovernanceError> {
        floors.validate_shape()?;
        params.validate(&floors)?;
        let state = GovernanceState {
            this,
            params,
            floors,
            vetoes: Mapping::default(),
            upgrades: Mapping::default(),
            wiring_authority: Some(wiring_authority),
            registry: None,
            disputes: Mapping::default(),
            dispute_count: 0,
            votes: Mapping::default(),
            reward_claims: Mapping::default(),
            bonds_held: 0,
            proposals: Mapping::default(),
            proposal_count: 0,
            ballots: Mapping::default(),
        };
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ParamsChanged(ParamsChanged { params }));
        Ok((state, outcome))
    }

    // ----- queries -------------------------------------------------------------------------

    /// The parameters in force.
    pub fn params(&self) -> GovernanceParams {
        self.params
    }

    /// The floors fixed at construction.
    pub fn floors(&self) -> GovernanceParams {
        self.floors
    }

    /// The wired registry (`None` until wired).
    pub fn registry(&self) -> Option<AccountId> {
        self.registry
    }

    /// The account that may still wire governance (`None` once wired).
    pub fn wiring_authority(&self) -> Option<AccountId> {
        self.wiring_authority
    }

    /// Governance's own account.
    pub fn this(&self) -> AccountId {
        self.this
    }

    /// Native value held for others: bonds and juror deposits of disputes not yet executed,
    /// and juror rewards and refunds not yet claimed.
    pub fn bonds_held(&self) -> Balance {
        self.bonds_held
    }

    // ----- guards --------------------------------------------------------------------------

    pub(crate) fn ensure_wired(&self) -> Result<AccountId, GovernanceError> {
        self.registry.ok_or(GovernanceError::NotWired)
    }

    /// Whether `caller` is governance itself (an executed proposal).
    ///
    /// # Errors
    /// `NotGovernance`.
    pub fn ensure_governance(&self, caller: AccountId) -> Result<(), GovernanceError> {
        if caller == self.this {
            Ok(())
        } else {
            Err(GovernanceError::NotGovernance)
        }
    }

    // ----- wiring, parameters, upgrades ----------------------------------------------------

    /// Wires governance to its registry, once, by the instantiator.
    ///
    /// # Errors
    /// `AlreadyWired`; `NotWiringAuthority` for any other caller.
    pub fn wire(
        &mut self,
        caller: AccountId,
        registry: AccountId,
    ) -> Result<Outcome, GovernanceError> {
        if self.registry.is_some() {
            return Err(GovernanceError::AlreadyWired);
        }
        if self.wiring_authority != Some(caller) {
            return Err(GovernanceError::NotWiringAuthority);
        }
        self.registry = Some(registry);
        self.wiring_authority = None;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::Wired(Wired { registry }));
        Ok(outcome)
    }

    /// Replaces the parameters. Caller: governance itself.
    ///
    /// # Errors
    /// `NotGovernance`, `InvalidParams` (below the floors or breaking a rule).
    pub fn set_params(
        &mut self,
        caller: AccountId,
        params: GovernanceParams,
    ) -> Result<Outcome, GovernanceError> {
        self.ensure_governance(caller)?;
        params.validate(&self.floors)?;
        self.params = params;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::ParamsChanged(ParamsChanged { params }));
        Ok(outcome)
    }

    /// Replaces governance's code (the glue performs `set_code_hash`). Caller: governance
    /// itself.
    ///
    /// # Errors
    /// `NotGovernance`.
    pub fn set_code(&self, caller: AccountId, code_hash: Hash) -> Result<Outcome, GovernanceError> {
        self.ensure_governance(caller)?;
        Ok(upgrade_outcome(code_hash))
    }
}

/// The event and interaction of a code upgrade.
pub(crate) fn upgrade_outcome(code_hash: Hash) -> Outcome {
    let mut outcome = Outcome::default();
    outcome.event(GovernanceEvent::CodeUpgraded(CodeUpgraded { code_hash }));
    outcome.interact(Interaction::SetCode { code_hash });
    outcome
}
