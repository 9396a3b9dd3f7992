//! # Governance
//!
//! Courts are the last resort: the network settles most fraud itself. A holder who believes an
//! issuer sold an asset without paying his holders opens a dispute; the vetted members judge
//! it by commit-reveal vote; the ruling executes on the registry (suspension, expulsion) or on
//! a token (key recovery). The same contract is the only authority over parameters and
//! upgrades: members propose calls, vote, and after a timelock anyone executes the passed
//! ones. After wiring, no personal key holds admin power.
//!
//! The rules live in plain Rust ([`state`], [`disputes`], [`proposals`], [`params`]), tested
//! without a chain; the contract below only supplies the caller, the time, the value sent and
//! the answers of the registry and tokens (through [`types::Chain`]), emits the events and
//! performs the interactions the rules return (checks, effects, then interactions).
//!
//! ## Invariants
//! - `bonds_held` equals the dispute and appeal bonds and the unrevealed juror deposits of the
//!   disputes not yet executed, plus the juror rewards and refunds not yet claimed, and
//!   governance's balance covers it: a bond leaves only when its ruling executes, a deposit at
//!   its reveal or its claim, and a proposal may spend only `balance - bonds_held` (the
//!   treasury, which also receives forfeits nobody won);
//! - a dispute's phase is derived from the time, its stored deadlines, its tallies, its appeal
//!   and a contest, never stored; a ruling executes at most once, only when final;
//! - a juror has at most one vote per dispute round, and at his commit is never a party, a
//!   voucher of the accused, a holder of the accused's token or (in the fresh round) a juror
//!   who withheld in round 1; eligibility is decided once, at commit;
//! - while a misconduct dispute is open the registry holds a case against the accused
//!   (`open_case` at opening, `close_case` at execution), which restrains his token;
//! - a proposal executes at most once, only after passing and its timelock;
//! - only governance itself (an executed proposal) changes the parameters or the code; the
//!   instantiator's only power, wiring the registry once, ends when used;
//! - money leaves the contract only after all state changes of the message.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod disputes;
pub mod events;
pub mod params;
pub mod proposals;
pub mod raw;
pub mod state;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod governance {
    use crate::disputes::{enforcement_outcome, vote_commitment};
    use crate::events::*;
    use crate::params::GovernanceParams;
    use crate::raw::{proposal_call_outcome, RawInput, RawOutput};
    use crate::state::GovernanceState;
    use crate::types::{
        Chain, Ctx, Dispute, DisputeId, DisputeKind, Enforcement, Interaction, JurorVote, Outcome,
        Phase, Proposal, ProposalId, ProposalState, Remedy, Round, Ruling,
    };
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::DefaultEnvironment;
    use ink::prelude::vec::Vec;
    use interfaces::{
        call_outcome, query_outcome, GovernanceError, MemberEnforcement, MemberRegistry,
        TokenRemedies, UpgradeNotice, PSP22,
    };
    use interfaces::{Accusable, JurorStanding, MemberRoster};

    /// Governance's error type.
    pub type Error = GovernanceError;
    /// Governance's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The governance contract.
    #[ink(storage)]
    pub struct Governance {
        state: GovernanceState,
        /// The wired registry's roster (asked of the registry at `wire`).
        roster: Option<AccountId>,
    }

    /// The registry's, the roster's, the tokens' and the splitters' answers, by cross-contract
    /// queries: membership rights from the roster, the rest from the registry.
    struct RegistryChain {
        registry: Option<AccountId>,
        roster: Option<AccountId>,
    }

    impl RegistryChain {
        fn registry(&self) -> Result<ink::contract_ref!(MemberRegistry)> {
            self.registry
                .map(Into::into)
                .ok_or(GovernanceError::NotWired)
        }

        fn roster(&self) -> Result<ink::contract_ref!(MemberRoster)> {
            self.roster.map(Into::into).ok_or(GovernanceError::NotWired)
        }
    }

    /// Asks `callee` an inherent message of one account argument without linking its crate.
    fn query_inherent<T: ink::scale::Decode>(
        callee: AccountId,
        selector: [u8; 4],
        account: AccountId,
    ) -> Result<T> {
        let result = build_call::<DefaultEnvironment>()
            .call(callee)
            .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(account))
            .returns::<T>()
            .try_invoke();
        match result {
            Ok(Ok(value)) => Ok(value),
            _ => Err(GovernanceError::CallFailed),
        }
    }

    impl Chain for RegistryChain {
        fn rights_since(&self, account: AccountId) -> Result<Option<Timestamp>> {
            query_outcome(self.roster()?.call().rights_since(account).try_invoke())
        }

        fn juror_standing(&self, juror: AccountId, accused: AccountId) -> Result<JurorStanding> {
            query_outcome(
                self.roster()?
                    .call()
                    .juror_standing(juror, accused)
                    .try_invoke(),
            )
        }

        fn splitter_of(&self, member: AccountId) -> Result<Option<AccountId>> {
            let registry = self.registry.ok_or(GovernanceError::NotWired)?;
            query_inherent(registry, ink::selector_bytes!("splitter_of"), member)
        }

        fn holds(
            &self,
            token: AccountId,
            splitter: Option<AccountId>,
            who: AccountId,
        ) -> Result<bool> {
            match splitter {
                Some(splitter) => {
                    let balance: Balance =
                        query_inherent(splitter, ink::selector_bytes!("holder_balance"), who)?;
                    Ok(balance > 0)
                }
                None => Ok(self.balance_of(token, who)? > 0),
            }
        }

        fn active_count(&self) -> Result<u32> {
            query_outcome(self.registry()?.call().active_count().try_invoke())
        }

        fn has_vouched_for(&self, voucher: AccountId, member: AccountId) -> Result<bool> {
            query_outcome(
                self.registry()?
                    .call()
                    .has_vouched_for(voucher, member)
                    .try_invoke(),
            )
        }

        fn token_of(&self, member: AccountId) -> Result<Option<AccountId>> {
            query_outcome(self.registry()?.call().token_of(member).try_invoke())
        }

        fn issuer_of(&self, token: AccountId) -> Result<Option<AccountId>> {
            query_outcome(self.registry()?.call().issuer_of(token).try_invoke())
        }

        fn accusable(&self, account: AccountId) -> Result<Option<Accusable>> {
            query_outcome(self.registry()?.call().accusable(account).try_invoke())
        }

        fn balance_of(&self, token: AccountId, who: AccountId) -> Result<Balance> {
            let token: ink::contract_ref!(PSP22) = token.into();
            query_outcome(token.call().balance_of(who).try_invoke())
        }

        fn holder_count(&self, token: AccountId) -> Result<u32> {
            let token: ink::contract_ref!(TokenRemedies) = token.into();
            query_outcome(token.call().holder_count().try_invoke())
        }
    }

    /// The registry's roster, asked once at `wire`. The off-chain engine of the unit tests has
    /// no other contracts: there the roster is a fixed account (`tests::roster`).
    #[cfg(not(test))]
    fn roster_of(registry: AccountId) -> Result<AccountId> {
        let registry: ink::contract_ref!(MemberRegistry) = registry.into();
        query_outcome(registry.call().roster().try_invoke())
    }

    #[cfg(test)]
    fn roster_of(_registry: AccountId) -> Result<AccountId> {
        Ok(crate::tests::roster())
    }

    impl Governance {
        /// Creates governance with `params` and the `floors` no later parameters may go
        /// below (fixed for ever). The caller (the deployer) may then `wire` it once.
        ///
        /// # Errors
        /// `InvalidParams` (floors that break the shape rules, or `params` below them; see
        /// `GovernanceParams::validate`).
        ///
        /// # Events
        /// `ParamsChanged` (the initial parameters).
        #[ink(constructor)]
        pub fn new(params: GovernanceParams, floors: GovernanceParams) -> Result<Self> {
            let (state, outcome) = GovernanceState::new(
                params,
                floors,
                Self::env().caller(),
                Self::env().account_id(),
            )?;
            let contract = Self {
                state,
                roster: None,
            };
            contract.emit_all(outcome.events);
            Ok(contract)
        }

        // ----- glue ------------------------------------------------------------------------

        fn ctx(&self) -> Ctx {
            Ctx {
                caller: self.env().caller(),
                now: self.env().block_timestamp(),
                transferred: self.env().transferred_value(),
            }
        }

        fn chain(&self) -> RegistryChain {
            RegistryChain {
                registry: self.state.registry(),
                roster: self.roster,
            }
        }

        /// Emits the events, then performs the interactions in order. Any failure is returned
        /// so that the whole message reverts. A ruling of expulsion (`CloseCase` followed by
        /// the `Enforce` of an `Expel` of the same member) is one registry call,
        /// `expel_closing_case`, with the same end state as the two calls.
        fn perform(&mut self, outcome: Outcome) -> Result<()> {
            self.emit_all(outcome.events);
            let mut interactions = outcome.interactions.into_iter().peekable();
            while let Some(interaction) = interactions.next() {
                if let Interaction::CloseCase { member } = interaction {
                    if let Some(&Interaction::Enforce {
                        dispute,
                        ruling,
                        action: Some(Enforcement::Expel { member: expelled }),
                    }) = interactions.peek()
                    {
                        if expelled == member {
                            interactions.next();
                            self.expel_closing_case(dispute, ruling, member)?;
                            continue;
                        }
                    }
                }
                self.interact(interaction)?;
            }
            Ok(())
        }

        /// Closes the case against `member` and expels him in one registry call. If the
        /// registry refuses the expulsion (a typed refusal, nothing changed), the case is
        /// closed alone and the ruling is recorded as not enforced, as with separate calls; a
        /// lower failure reverts.
        fn expel_closing_case(
            &mut self,
            dispute: DisputeId,
            ruling: Ruling,
            member: AccountId,
        ) -> Result<()> {
            let fused = call_outcome(
                self.enforcement()?
                    .call_mut()
                    .expel_closing_case(member)
                    .try_invoke(),
            );
            let enforced = enforcement_outcome(fused)?;
            if !enforced {
                let closed: Result<()> = call_outcome(
                    self.enforcement()?
                        .call_mut()
                        .close_case(member)
                        .try_invoke(),
                );
                closed?;
            }
            self.env().emit_event(RulingExecuted {
                dispute,
                ruling,
                enforced,
            });
            Ok(())
        }

        fn interact(&mut self, interaction: Interaction) -> Result<()> {
            match interaction {
                Interaction::OpenCase { member } => call_outcome(
                    self.enforcement()?
                        .call_mut()
                        .open_case(member)
                        .try_invoke(),
                ),
                Interaction::CloseCase { member } => call_outcome(
                    self.enforcement()?
                        .call_mut()
                        .close_case(member)
                        .try_invoke(),
                ),
                Interaction::Enforce {
                    dispute,
                    ruling,
                    action,
                } => {
                    let enforced = match action {
                        Some(action) => enforcement_outcome(self.enforce(action))?,
                        None => false,
                    };
                    self.env().emit_event(RulingExecuted {
                        dispute,
                        ruling,
                        enforced,
                    });
                    Ok(())
                }
                Interaction::Pay { to, amount } => self
                    .env()
                    .transfer(to, amount)
                    .map_err(|_| GovernanceError::TransferFailed),
                Interaction::Call {
                    target,
                    selector,
                    input,
                    value,
                } => proposal_call_outcome(
                    build_call::<DefaultEnvironment>()
                        .call(target)
                        .transferred_value(value)
                        .exec_input(
                            ExecutionInput::new(Selector::new(selector)).push_arg(RawInput(&input)),
                        )
                        .returns::<RawOutput>()
                        .try_invoke(),
                ),
                Interaction::SetCode { code_hash } => self
                    .env()
                    .set_code_hash(&code_hash)
                    .map_err(|_| GovernanceError::UpgradeFailed),
            }
        }

        /// The registry's enforcement messages.
        fn enforcement(&self) -> Result<ink::contract_ref!(MemberEnforcement)> {
            Ok(self
                .state
                .registry()
                .ok_or(GovernanceError::NotWired)?
                .into())
        }

        /// Makes an enforcement call; the callee's refusal comes back as `Registry(_)` or
        /// `Token(_)`, a lower failure as `CallFailed`.
        fn enforce(&self, action: Enforcement) -> Result<()> {
            match action {
                Enforcement::Suspend { member, until } => call_outcome(
                    self.enforcement()?
                        .call_mut()
                        .suspend(member, until)
                        .try_invoke(),
                ),
                Enforcement::Expel { member } => {
                    call_outcome(self.enforcement()?.call_mut().expel(member).try_invoke())
                }
                Enforcement::Recover {
                    token,
                    lost,
                    new_account,
                } => {
                    let mut token: ink::contract_ref!(TokenRemedies) = token.into();
                    call_outcome(token.call_mut().recover(lost, new_account).try_invoke())
                }
            }
        }

        fn emit_all(&self, events: Vec<GovernanceEvent>) {
            for event in events {
                self.emit(event);
            }
        }

        fn emit(&self, event: GovernanceEvent) {
            let env = self.env();
            match event {
                GovernanceEvent::Wired(e) => env.emit_event(e),
                GovernanceEvent::ParamsChanged(e) => env.emit_event(e),
                GovernanceEvent::CodeUpgraded(e) => env.emit_event(e),
                GovernanceEvent::DisputeOpened(e) => env.emit_event(e),
                GovernanceEvent::Evidence(e) => env.emit_event(e),
                GovernanceEvent::VoteCommitted(e) => env.emit_event(e),
                GovernanceEvent::VoteRevealed(e) => env.emit_event(e),
                GovernanceEvent::Appealed(e) => env.emit_event(e),
                GovernanceEvent::RecoveryContested(e) => env.emit_event(e),
                GovernanceEvent::ForfeitsSettled(e) => env.emit_event(e),
                GovernanceEvent::JurorRewardClaimed(e) => env.emit_event(e),
                GovernanceEvent::ProposalCreated(e) => env.emit_event(e),
                GovernanceEvent::Voted(e) => env.emit_event(e),
                GovernanceEvent::ProposalExecuted(e) => env.emit_event(e),
                GovernanceEvent::Vetoed(e) => env.emit_event(e),
                GovernanceEvent::ProposalCancelled(e) => env.emit_event(e),
                GovernanceEvent::TreasuryGranted(e) => env.emit_event(e),
            }
        }

        // ----- wiring, parameters, upgrades ------------------------------------------------

        /// Wires governance to its registry, once, and to the registry's roster (asked of
        /// the registry). Caller: the account that instantiated governance. Afterwards nobody
        /// can change the links, and no personal key keeps any power.
        ///
        /// # Errors
        /// `AlreadyWired`; `NotWiringAuthority` for any other caller; `CallFailed` when the
        /// registry cannot say its roster.
        ///
        /// # Events
        /// `Wired`.
        #[ink(message)]
        pub fn wire(&mut self, registry: AccountId) -> Result<()> {
            let outcome = self.state.wire(self.env().caller(), registry)?;
            self.roster = Some(roster_of(registry)?);
            self.perform(outcome)
        }

        /// The roster governance asks for members' rights (`None` until wired).
        #[ink(message)]
        pub fn roster(&self) -> Option<AccountId> {
            self.roster
        }

        /// The account that may still wire governance; `None` once wired.
        #[ink(message)]
        pub fn wiring_authority(&self) -> Option<AccountId> {
            self.state.wiring_authority()
        }

        /// The wired registry (`None` until wired).
        #[ink(message)]
        pub fn registry(&self) -> Option<AccountId> {
            self.state.registry()
        }

        /// The parameters in force.
        #[ink(message)]
        pub fn params(&self) -> GovernanceParams {
            self.state.params()
        }

        /// The floors fixed at construction: no parameter goes below them (`veto_bps` not
        /// above).
        #[ink(message)]
        pub fn floors(&self) -> GovernanceParams {
            self.state.floors()
        }

        /// Replaces the parameters. Caller: governance itself, i.e. an executed proposal
        /// (dispatched internally; see `propose`).
        ///
        /// # Errors
        /// `NotGovernance`, `InvalidParams`.
        ///
        /// # Events
        /// `ParamsChanged`.
        #[ink(message)]
        pub fn set_params(&mut self, params: GovernanceParams) -> Result<()> {
            let outcome = self.state.set_params(self.env().caller(), params)?;
            self.perform(outcome)
        }

        /// Replaces governance's code. Caller: governance itself, i.e. an executed proposal
        /// (dispatched internally). The storage layout must stay compatible.
        ///
        /// # Errors
        /// `NotGovernance`; `UpgradeFailed` if no code is stored under `code_hash`.
        ///
        /// # Events
        /// `CodeUpgraded`.
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            let outcome = self.state.set_code(self.env().caller(), code_hash)?;
            self.perform(outcome)
        }

        // ----- disputes --------------------------------------------------------------------

        /// Opens a dispute against `accused`, paying exactly `dispute_bond`. Returns its id.
        ///
        /// Callers: for misconduct kinds (`UndisclosedLiquidation`, `MisreportedProceeds`,
        /// `TransferAbuse`, `Other`) an active member other than the accused, with a `Suspend`
        /// (duration > 0) or `Expel` remedy against an accusable member (active, suspended or
        /// resigning; see `MemberRegistry::accusable`); the registry then opens a case against
        /// him (`MemberEnforcement::open_case`), which holds his resignation, his vouchers'
        /// releases and his launch and restrains his token until the ruling executes. For
        /// `KeyRecovery` the owner's new account itself (not a member yet), with remedy
        /// `Recover { token, lost: accused, new_account: caller }`, `new_account != lost`,
        /// `token` launched through the registry and neither account its issuer.
        ///
        /// The quorums are sized over the members eligible to judge at opening (active count
        /// minus the parties, the accused's vouchers and his token's holders), so a widely
        /// held token does not make its issuer unjudgeable.
        ///
        /// # Errors
        /// In this order: `NotWired`, `WrongBond`, `InvalidRemedy`; misconduct:
        /// `CannotAccuseSelf`, `NotActiveMember`, `AccusedNotMember`; key recovery:
        /// `NotNewAccount`, `InvalidRemedy` (token); then `ArithmeticOverflow`; `CallFailed`
        /// if the registry or the accused's token cannot be asked; then, reverting everything,
        /// `Registry(_)` or `CallFailed` if the registry refuses or fails `open_case`.
        ///
        /// # Events
        /// `DisputeOpened`, `Evidence` (the opening evidence), and the registry's and the
        /// token's events of the case.
        #[ink(message, payable)]
        pub fn open_dispute(
            &mut self,
            accused: AccountId,
            kind: DisputeKind,
            evidence_hash: Hash,
            remedy: Remedy,
        ) -> Result<DisputeId> {
            let chain = self.chain();
            let (id, outcome) = self.state.open_dispute(
                self.ctx(),
                accused,
                kind,
                evidence_hash,
                remedy,
                &chain,
            )?;
            self.perform(outcome)?;
            Ok(id)
        }

        /// Submits evidence (the hash of an off-chain document) during the evidence phase.
        /// Callers: the claimant or the accused. Nothing is stored.
        ///
        /// # Errors
        /// `DisputeNotFound`, `NotParty`, `WrongPhase`.
        ///
        /// # Events
        /// `Evidence`.
        #[ink(message)]
        pub fn submit_evidence(&mut self, id: DisputeId, evidence_hash: Hash) -> Result<()> {
            let outcome = self.state.submit_evidence(self.ctx(), id, evidence_hash)?;
            self.perform(outcome)
        }

        /// Commits a hidden vote in the current round's commit phase, paying exactly the
        /// dispute's juror deposit (returned at the reveal, forfeited without one):
        /// `commitment` must be `vote_commitment(id, round, caller, vote, salt)`, computed
        /// locally. Callers: active members other than the parties, the accused's vouchers,
        /// the holders of the accused's token at this moment and, in the fresh round (3), the
        /// jurors who committed in round 1 and did not reveal. Eligibility is decided here,
        /// once.
        ///
        /// # Errors
        /// `DisputeNotFound`, `WrongPhase`, `AlreadyCommitted`, `WrongDeposit`,
        /// `JurorExcluded` (party, then round-1 withholder in the fresh round),
        /// `NotActiveMember`, `JurorExcluded` (voucher, then holder), `ArithmeticOverflow`;
        /// `CallFailed` if the registry or the token cannot be asked.
        ///
        /// # Events
        /// `VoteCommitted`.
        #[ink(message, payable)]
        pub fn commit_vote(&mut self, id: DisputeId, commitment: Hash) -> Result<()> {
            let chain = self.chain();
            let outcome = self.state.commit_vote(self.ctx(), id, commitment, &chain)?;
            self.perform(outcome)
        }

        /// Reveals a committed vote in the current round's reveal phase; it is counted
        /// (`true` upholds) and the juror's deposit is paid back. Callers: the jurors who
        /// committed in this round (nothing after the commit can exclude them).
        ///
        /// # Errors
        /// `DisputeNotFound`, `WrongPhase`, `NotCommitted`, `AlreadyRevealed`, `BadReveal`,
        /// `ArithmeticOverflow`; then, reverting everything, `TransferFailed`.
        ///
        /// # Events
        /// `VoteRevealed`.
        #[ink(message)]
        pub fn reveal_vote(&mut self, id: DisputeId, vote: bool, salt: [u8; 32]) -> Result<()> {
            let outcome = self.state.reveal_vote(self.ctx(), id, vote, salt)?;
            self.perform(outcome)
        }

        /// Appeals the first instance's outcome (round 1's, or its fresh round's) during the
        /// appeal window, paying exactly the dispute's appeal bond; round 2 (commit, then
        /// reveal) starts now. Caller: the losing side — the accused after `Upheld`, the
        /// claimant after `Dismissed` — once.
        ///
        /// # Errors
        /// `DisputeNotFound`, `AppealNotAllowed`, `WrongBond`, `ArithmeticOverflow`.
        ///
        /// # Events
        /// `Appealed`.
        #[ink(message, payable)]
        pub fn appeal(&mut self, id: DisputeId) -> Result<()> {
            let outcome = self.state.appeal(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// Executes a final ruling and settles its bonds and juror deposits, once. Caller:
        /// anyone.
        ///
        /// A misconduct dispute first closes its case on the registry
        /// (`MemberEnforcement::close_case`, whatever the ruling). `Upheld` suspends (until now
        /// plus the remedy's duration) or expels the accused on the registry, or recovers
        /// everything of the lost account on the named token, and pays every bond to the
        /// claimant; `Dismissed` (also a contested recovery) pays every bond to the accused;
        /// `NoQuorum` returns each bond to its payer, except a key recovery's, forfeited to
        /// the treasury. The deposits of jurors who did not reveal are forfeited: shared by
        /// the jurors who revealed with the final ruling in the deciding round (see
        /// `claim_juror_reward`), the remainder to the treasury. If the registry or token
        /// refuses the enforcement with its own error (for example a member already
        /// expelled), the bonds are still settled and the event says `enforced: false`;
        /// except a recovery the new account's open positions block for now, which reverts
        /// (the ruling can be executed once it closed some).
        ///
        /// # Errors
        /// `DisputeNotFound`, `NotFinal`, `AlreadyExecuted`, `ArithmeticOverflow`; then,
        /// reverting everything, `Registry(_)` or `CallFailed` from `close_case`, `CallFailed`
        /// (the enforcement call failed below the callee's error type, directly or in a
        /// nested call), `Token(TooManyOpenPositions)` and `TransferFailed`.
        ///
        /// # Events
        /// `ForfeitsSettled` (if anything was forfeited), `RulingExecuted` (and the callees'
        /// events).
        #[ink(message)]
        pub fn execute_ruling(&mut self, id: DisputeId) -> Result<()> {
            let outcome = self.state.execute_ruling(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// Contests a key recovery: the lost account proves its key is alive by signing. The
        /// dispute is final at once with the ruling `Dismissed` (execute it to pay its bonds
        /// to the lost account). Caller: the lost account (`accused`) of a key-recovery
        /// dispute that is not final.
        ///
        /// # Errors
        /// `DisputeNotFound`, `NotContestable`.
        ///
        /// # Events
        /// `RecoveryContested`.
        #[ink(message)]
        pub fn contest_recovery(&mut self, id: DisputeId) -> Result<()> {
            let outcome = self.state.contest_recovery(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// Claims, once, after execution: the caller's share of the dispute's forfeited juror
        /// deposits if he revealed with the final ruling in the deciding round, or his deposit
        /// back if he committed in the round a contest interrupted and had not revealed.
        ///
        /// # Errors
        /// `DisputeNotFound`, `NothingToClaim` (not executed, already claimed, or nothing
        /// due), `ArithmeticOverflow`; then, reverting everything, `TransferFailed`.
        ///
        /// # Events
        /// `JurorRewardClaimed`.
        #[ink(message)]
        pub fn claim_juror_reward(&mut self, id: DisputeId) -> Result<()> {
            let outcome = self.state.claim_juror_reward(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// What `juror` may still claim from dispute `id` with `claim_juror_reward` (0 if
        /// nothing, already claimed, or not executed yet).
        #[ink(message)]
        pub fn claimable_reward(&self, id: DisputeId, juror: AccountId) -> Balance {
            self.state.claimable_reward(id, juror)
        }

        /// The dispute `id`.
        #[ink(message)]
        pub fn dispute(&self, id: DisputeId) -> Option<Dispute> {
            self.state.dispute(id)
        }

        /// Number of disputes ever opened (ids are `0..dispute_count`).
        #[ink(message)]
        pub fn dispute_count(&self) -> DisputeId {
            self.state.dispute_count()
        }

        /// Where dispute `id` stands now.
        #[ink(message)]
        pub fn phase(&self, id: DisputeId) -> Option<Phase> {
            self.state.phase(id, self.env().block_timestamp())
        }

        /// The outcome of dispute `id`'s last round whose reveal phase is over: the first
        /// instance's (round 1's, or its fresh round's) while it can be (or is being) appealed,
        /// the final ruling once final; `None` before and during the fresh round.
        #[ink(message)]
        pub fn ruling(&self, id: DisputeId) -> Option<Ruling> {
            self.state.ruling(id, self.env().block_timestamp())
        }

        /// `juror`'s vote in `round` (1, 2, or 3 for the fresh first round) of dispute `id`.
        #[ink(message)]
        pub fn vote_of(&self, id: DisputeId, round: Round, juror: AccountId) -> Option<JurorVote> {
            self.state.vote_of(id, round, juror)
        }

        /// Revealed votes the current round of dispute `id` needs.
        #[ink(message)]
        pub fn quorum_of(&self, id: DisputeId) -> Option<u32> {
            self.state.quorum_of(id)
        }

        /// Native value held for others: bonds and juror deposits of disputes not yet executed,
        /// and juror rewards and refunds not yet claimed (the rest is the treasury).
        #[ink(message)]
        pub fn bonds_held(&self) -> Balance {
            self.state.bonds_held()
        }

        /// The commitment for `vote` with `salt`: `blake2x256(SCALE((id, round, juror, vote,
        /// salt)))`. Pure; dApps should compute it locally rather than send the vote and salt
        /// to a node before the reveal.
        #[ink(message)]
        pub fn vote_commitment(
            &self,
            id: DisputeId,
            round: Round,
            juror: AccountId,
            vote: bool,
            salt: [u8; 32],
        ) -> Hash {
            vote_commitment(id, round, juror, vote, salt)
        }

        // ----- proposals -------------------------------------------------------------------

        /// Proposes that governance call `selector` on `target` with `input` (the
        /// SCALE-encoded arguments, at most 1 024 bytes) and `value` (must be 0). Returns its
        /// id. Caller: an active member whose tenure is served.
        ///
        /// Only allowlisted calls: on governance itself (dispatched internally)
        /// `selector_bytes!("set_params")` with a SCALE `GovernanceParams`,
        /// `selector_bytes!("set_code")` with a SCALE `Hash` (constitutional) or
        /// `selector_bytes!("grant")` with a SCALE `(AccountId, Balance)` (ordinary: a
        /// treasury payment); on the registry `set_params`, `set_code_hashes`, `set_code`
        /// (constitutional) or `withdraw_treasury` (ordinary); on a token the registry
        /// launched, `set_code` (constitutional). A constitutional proposal needs
        /// `upgrade_threshold_bps` and waits `upgrade_timelock`. Enforcement and remedies are
        /// reachable through dispute rulings only.
        ///
        /// # Errors
        /// `NotWired`, `InputTooLong`, `UnknownSelfCall`, `InvalidParams`, `NotAllowlisted`,
        /// `UpgradePending`, `NotActiveMember`, `NoRightsYet`, `ArithmeticOverflow`;
        /// `CallFailed` if the registry cannot be asked.
        ///
        /// # Events
        /// `ProposalCreated`.
        #[ink(message)]
        pub fn propose(
            &mut self,
            target: AccountId,
            selector: [u8; 4],
            input: Vec<u8>,
            value: Balance,
        ) -> Result<ProposalId> {
            let chain = self.chain();
            let (id, outcome) =
                self.state
                    .propose(self.ctx(), target, selector, input, value, &chain)?;
            self.perform(outcome)?;
            Ok(id)
        }

        /// Votes for (`true`) or against a proposal during its voting period, once. Caller:
        /// an active member whose rights began before the proposal was made.
        ///
        /// # Errors
        /// `ProposalNotFound`, `ProposalCancelled`, `VotingClosed`, `AlreadyVoted`,
        /// `NotActiveMember`, `NoRightsYet`, `ArithmeticOverflow`; `CallFailed` if the
        /// registry cannot be asked.
        ///
        /// # Events
        /// `Voted`.
        #[ink(message)]
        pub fn vote(&mut self, id: ProposalId, support: bool) -> Result<()> {
            let chain = self.chain();
            let outcome = self.state.vote(self.ctx(), id, support, &chain)?;
            self.perform(outcome)
        }

        /// Vetoes a passed proposal during its timelock. Caller: a member whose rights began
        /// before the proposal was made, once; `veto_quorum` vetoes stop it.
        ///
        /// # Errors
        /// `ProposalNotFound`, `NotInTimelock`, `AlreadyVetoed`, `NotActiveMember`,
        /// `NoRightsYet`, `ArithmeticOverflow`; `CallFailed` if the registry cannot be asked.
        ///
        /// # Events
        /// `Vetoed`.
        #[ink(message)]
        pub fn veto(&mut self, id: ProposalId) -> Result<()> {
            let chain = self.chain();
            let outcome = self.state.veto(self.ctx(), id, &chain)?;
            self.perform(outcome)
        }

        /// Cancels a proposal before it is executed. Caller: its proposer.
        ///
        /// # Errors
        /// `ProposalNotFound`, `NotProposer`, `AlreadyExecuted`, `ProposalCancelled`,
        /// `ProposalDefeated`, `ProposalVetoed`, `ProposalExpired`.
        ///
        /// # Events
        /// `ProposalCancelled`.
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> Result<()> {
            let outcome = self.state.cancel(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// Executes a passed proposal after its timelock and within its grace period, once.
        /// Caller: anyone. A failed execution reverts and may be retried until it expires.
        ///
        /// # Errors
        /// `ProposalNotFound`, `AlreadyExecuted`, `ProposalCancelled`, `ProposalDefeated`,
        /// `ProposalVetoed`, `ProposalExpired`, `VotingOpen`, `TimelockNotOver`,
        /// `UnknownSelfCall`, `InvalidParams`, `InsufficientFreeBalance` (a grant above the
        /// balance not held as bonds); then, reverting everything, `ProposalCallFailed` (the
        /// call trapped, was not understood, or returned an error), `TransferFailed` or
        /// `UpgradeFailed`.
        ///
        /// # Events
        /// `ProposalExecuted`, and `ParamsChanged`, `CodeUpgraded` or `TreasuryGranted` for a
        /// self-call (plus the callee's events).
        #[ink(message)]
        pub fn execute(&mut self, id: ProposalId) -> Result<()> {
            let balance = self.env().balance();
            let outcome = self.state.execute(self.ctx(), id, balance)?;
            self.perform(outcome)
        }

        /// The proposal `id`.
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
            self.state.proposal(id)
        }

        /// Number of proposals ever made (ids are `0..proposal_count`).
        #[ink(message)]
        pub fn proposal_count(&self) -> ProposalId {
            self.state.proposal_count()
        }

        /// Where proposal `id` stands now.
        #[ink(message)]
        pub fn proposal_state(&self, id: ProposalId) -> Option<ProposalState> {
            self.state.proposal_state(id, self.env().block_timestamp())
        }

        /// `voter`'s vote on proposal `id` (`true` = for), if he voted.
        #[ink(message)]
        pub fn ballot_of(&self, id: ProposalId, voter: AccountId) -> Option<bool> {
            self.state.ballot_of(id, voter)
        }
    }

    impl UpgradeNotice for Governance {
        /// Whether an upgrade of `contract` or of governance is proposed and pending
        /// (`Active`, `Queued` or `Executable`): the token lets its subscribers and funded
        /// buyers withdraw while it is.
        #[ink(message)]
        fn exits_open(&self, contract: AccountId) -> bool {
            self.state
                .exits_open(contract, self.env().block_timestamp())
        }
    }
}
