//! # Registry
//!
//! The vetted-member network of the Personal Tokens protocol. Personal tokens only work among
//! people who can be trusted to report their assets honestly, so membership is bonded and
//! vouched for: being expelled must cost more than any fraud gains, and those who vouched for a
//! fraudster share the cost.
//!
//! - An account applies with an application bond; active members vouch for it, each staking a
//!   vouch bond; the vouch that reaches `vouches_required` admits it ([`admission`]).
//! - A member launches one personal token and its payout splitter through the factory
//!   (`launch_token`); the registry records them and answers the tokens' membership queries
//!   (`MemberRegistry`).
//! - Governance suspends, reinstates and expels members (`MemberEnforcement`). An expulsion
//!   freezes the member's token and pays his bond and his vouchers' unreleased bonds to his
//!   token's holders, or to the treasury ([`membership`]).
//! - A member without a token may resign and get his bond back after a cooldown.
//! - Governance records the misconduct disputes it opens and executes against a member
//!   (`open_case`, `close_case`). While one is open the member cannot complete a resignation,
//!   his admission's vouch bonds cannot be released and he cannot launch a token
//!   (`DisputePending`), and his token is restrained: the registry pushes the restraint (open
//!   cases, end of suspension) to it whenever it changes, on `open_case`, `close_case`,
//!   `suspend` and `reinstate`. A suspension only lengthens; `reinstate` alone shortens it.
//!   Governance asks `accusable` whom it may accuse and how many vouchers to exclude.
//!
//! The rules live in plain Rust ([`state`], [`admission`], [`membership`]), tested without a
//! chain; the contract below only supplies the caller, the time and the value sent, emits the
//! events and performs the interactions the rules return (checks, effects, then interactions).
//!
//! ## Invariants
//! - `bonds_held` equals the bonds of open applications, plus the member bonds of members
//!   neither resigned nor expelled, plus the vouch bonds neither released nor slashed; the
//!   contract's balance covers `bonds_held + treasury`;
//! - an account is at most one of: candidate, member (any status); an expelled account never
//!   applies again;
//! - `active_count` is the number of members whose status is `Active` or `Suspended`;
//!   `member_count` the number ever admitted, listed by `member_at(0..member_count)`;
//! - an application gathers at most [`types::MAX_VOUCHERS`] vouches, one per voucher;
//! - a member has at most one token, and `issuer_of(token_of(m)) == m`;
//! - a member's `open_cases` counts the cases opened and not closed; it is 0 for a member
//!   whose resignation completed; every change of it or of a suspension is pushed to his
//!   token (unless he is expelled);
//! - value leaves the contract only after all state changes of the message; only governance
//!   changes parameters, code hashes and code, and spends the treasury;
//! - the roster (instantiated by the constructor, written only by this registry, in the same
//!   message as every status change) has a line for exactly the members whose status is
//!   `Active` or `Suspended`, with the end of the suspension and `rights_from`, and records
//!   every (voucher, subject) pair: it answers `is_active`, `rights_since` and
//!   `has_vouched_for` as the registry does, at every block.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod admission;
pub mod events;
pub mod membership;
pub mod state;
pub mod types;

#[cfg(test)]
mod tests;

/// The contract: thin glue between the chain and [`state::RegistryState`].
#[ink::contract]
pub mod registry {
    use crate::events::*;
    use crate::state::{Ctx, RegistryState, TokenHolders};
    use crate::types::{
        Application, CodeHashes, Interaction, MemberInfo, Outcome, RegistryParams, Vouch,
    };
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::FromAccountId;
    use ink::prelude::{string::String, vec::Vec};
    use ink::ToAccountId;
    use interfaces::{
        call_outcome, query_outcome, Accusable, MemberEnforcement, MemberRegistry,
        PayoutDistribution, RegistryError, TokenRemedies,
    };
    #[cfg(not(test))]
    use interfaces::{RosterChange, RosterWriter};
    use payout_splitter::payout_splitter::PayoutSplitterRef;
    use personal_token::personal_token::PersonalTokenRef;
    #[cfg(not(test))]
    use roster::roster::RosterRef;

    /// The registry's error type.
    pub type Error = RegistryError;
    /// The registry's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The member registry and token factory.
    #[ink(storage)]
    pub struct Registry {
        state: RegistryState,
        /// The roster this registry instantiated and alone writes.
        roster: AccountId,
    }

    /// The registry's two calls to its roster. The off-chain engine of the unit tests has no
    /// other contracts, so there they go to an in-memory roster (`tests::roster_double`); the
    /// system tests run the real ones.
    #[cfg(not(test))]
    mod roster_link {
        use super::*;

        /// Instantiates the roster (salt zero) with the genesis writes; this registry is its
        /// writer.
        pub fn instantiate(code_hash: Hash, changes: Vec<RosterChange>) -> Result<AccountId> {
            let roster = RosterRef::new(changes)
                .code_hash(code_hash)
                .endowment(0)
                .salt_bytes([0u8; 32])
                .try_instantiate()
                .map_err(|_| RegistryError::InstantiationFailed)?
                .map_err(|_| RegistryError::InstantiationFailed)?;
            Ok(roster.to_account_id())
        }

        /// Writes `changes` to `roster`.
        pub fn apply(roster: AccountId, changes: Vec<RosterChange>) -> Result<()> {
            let mut writer: ink::contract_ref!(RosterWriter) = roster.into();
            call_outcome(writer.call_mut().apply(changes).try_invoke())
        }
    }

    #[cfg(test)]
    use crate::tests::roster_double as roster_link;

    /// Outstanding supplies, asked of the tokens' payout splitters (which mirror them).
    struct TokenQueries;

    impl TokenHolders for TokenQueries {
        fn outstanding(&self, splitter: AccountId) -> Result<Balance> {
            let splitter =
                <PayoutSplitterRef as FromAccountId<Environment>>::from_account_id(splitter);
            query_outcome(splitter.call().outstanding().try_invoke())
        }
    }

    impl Registry {
        /// Creates the registry: the genesis members (founders; duplicates ignored) are active
        /// with bond 0 and no vouchers; `governance` is the only authority afterwards; the
        /// factory instantiates the given code hashes. The registry instantiates its roster
        /// from `roster_code_hash` (salt zero) with the genesis members, and is its only
        /// writer.
        ///
        /// `floors` are fixed for ever: no `set_params` can make a bond, lock, cooldown,
        /// tenure, vouch period or `vouches_required` smaller than them, nor the vouch cap
        /// larger.
        ///
        /// # Errors
        /// In this order: `TooManyGenesisMembers` (more than 32 entries), `NoGenesisMembers`,
        /// `InvalidParams` (floors that break the shape rules, or `params` below them),
        /// `InstantiationFailed` (no roster code under `roster_code_hash`).
        ///
        /// # Events
        /// `MemberAdmitted` per distinct genesis member.
        #[ink(constructor)]
        pub fn new(
            genesis_members: Vec<AccountId>,
            governance: AccountId,
            params: RegistryParams,
            floors: RegistryParams,
            token_code_hash: Hash,
            splitter_code_hash: Hash,
            roster_code_hash: Hash,
        ) -> Result<Self> {
            let code_hashes = CodeHashes {
                token: token_code_hash,
                splitter: splitter_code_hash,
            };
            let (state, outcome) = RegistryState::new(
                genesis_members,
                governance,
                params,
                floors,
                code_hashes,
                Self::env().block_timestamp(),
            )?;
            let roster = roster_link::instantiate(roster_code_hash, outcome.roster)?;
            let contract = Self { state, roster };
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

        /// Emits the events, writes the roster (one call, when there is anything to write),
        /// then performs the interactions in order. Any failure is returned so that the whole
        /// message reverts: registry and roster never disagree after a message.
        fn perform(&mut self, outcome: Outcome) -> Result<()> {
            self.emit_all(outcome.events);
            if !outcome.roster.is_empty() {
                roster_link::apply(self.roster, outcome.roster)?;
            }
            for interaction in outcome.interactions {
                self.interact(interaction)?;
            }
            Ok(())
        }

        fn interact(&mut self, interaction: Interaction) -> Result<()> {
            match interaction {
                Interaction::Pay { to, amount } => self
                    .env()
                    .transfer(to, amount)
                    .map_err(|_| RegistryError::TransferFailed),
                Interaction::FreezeToken { token } => {
                    let mut remedies: ink::contract_ref!(TokenRemedies) = token.into();
                    call_outcome(remedies.call_mut().freeze().try_invoke())
                }
                Interaction::RestrainToken { token, restraint } => {
                    let mut remedies: ink::contract_ref!(TokenRemedies) = token.into();
                    call_outcome(remedies.call_mut().restrain(restraint).try_invoke())
                }
                Interaction::Distribute {
                    splitter,
                    amount,
                    memo,
                } => {
                    let mut payout: ink::contract_ref!(PayoutDistribution) = splitter.into();
                    call_outcome(
                        payout
                            .call_mut()
                            .distribute(memo)
                            .transferred_value(amount)
                            .try_invoke(),
                    )
                }
            }
        }

        fn emit_all(&self, events: Vec<RegistryEvent>) {
            for event in events {
                self.emit(event);
            }
        }

        fn emit(&self, event: RegistryEvent) {
            let env = self.env();
            match event {
                RegistryEvent::Applied(e) => env.emit_event(e),
                RegistryEvent::Vouched(e) => env.emit_event(e),
                RegistryEvent::MemberAdmitted(e) => env.emit_event(e),
                RegistryEvent::ApplicationWithdrawn(e) => env.emit_event(e),
                RegistryEvent::VouchReleased(e) => env.emit_event(e),
                RegistryEvent::TokenLaunched(e) => env.emit_event(e),
                RegistryEvent::MemberSuspended(e) => env.emit_event(e),
                RegistryEvent::MemberReinstated(e) => env.emit_event(e),
                RegistryEvent::MemberExpelled(e) => env.emit_event(e),
                RegistryEvent::VoucherPenalised(e) => env.emit_event(e),
                RegistryEvent::Resigned(e) => env.emit_event(e),
                RegistryEvent::ResignationCompleted(e) => env.emit_event(e),
                RegistryEvent::ParamsChanged(e) => env.emit_event(e),
                RegistryEvent::CodeHashesChanged(e) => env.emit_event(e),
                RegistryEvent::TreasuryWithdrawn(e) => env.emit_event(e),
                RegistryEvent::CodeUpgraded(e) => env.emit_event(e),
                RegistryEvent::CaseOpened(e) => env.emit_event(e),
                RegistryEvent::CaseClosed(e) => env.emit_event(e),
            }
        }

        // ----- applying and vouching -------------------------------------------------------

        /// The caller applies for membership, sending exactly the application bond. Caller:
        /// any account that is neither a member (of any status) nor a candidate.
        ///
        /// # Errors
        /// In this order: `Expelled`, `AlreadyMember`, `AlreadyCandidate`,
        /// `WrongBond { expected, received }`, `ArithmeticOverflow`.
        ///
        /// # Events
        /// `Applied`.
        #[ink(message, payable)]
        pub fn apply(&mut self, profile_hash: Hash) -> Result<()> {
            let outcome = self.state.apply(self.ctx(), profile_hash)?;
            self.perform(outcome)
        }

        /// The caller vouches for `candidate`, sending exactly the vouch bond; the vouch that
        /// reaches `vouches_required` admits the candidate. Caller: an active member.
        ///
        /// # Errors
        /// In this order: `NotActiveMember`, `CannotVouchForSelf`, `NotCandidate`,
        /// `VoucherInCooldown`, `AlreadyVouched`, `VouchingClosed`, `TooManyVouchers`,
        /// `WrongBond { expected, received }`, `ArithmeticOverflow`, `TransferFailed`.
        ///
        /// # Events
        /// `VouchReleased` (his still-held bond on a withdrawn earlier application of the same
        /// candidate, refunded), `Vouched`, and `MemberAdmitted` on admission.
        #[ink(message, payable)]
        pub fn vouch(&mut self, candidate: AccountId) -> Result<()> {
            let outcome = self.state.vouch(self.ctx(), candidate)?;
            self.perform(outcome)
        }

        /// The caller withdraws his application (any time before admission) and gets his
        /// application bond back. Caller: a candidate.
        ///
        /// # Errors
        /// `NotCandidate`, `ArithmeticOverflow`, `TransferFailed`.
        ///
        /// # Events
        /// `ApplicationWithdrawn`.
        #[ink(message)]
        pub fn withdraw_application(&mut self) -> Result<()> {
            let outcome = self.state.withdraw_application(self.ctx())?;
            self.perform(outcome)
        }

        /// The caller takes back his vouch bond on `member_or_candidate` once it is no longer
        /// at stake: the application was withdrawn or expired, the member completed his
        /// resignation, or `vouch_lock_period` has passed since admission (not expelled), and
        /// no misconduct case against the member is open. Caller: a voucher of
        /// `member_or_candidate`.
        ///
        /// # Errors
        /// In this order: `NothingToRelease`, `VouchStillLocked`, `DisputePending` (a vouch of
        /// the member's admission while a case against him is open), `ArithmeticOverflow`,
        /// `TransferFailed`.
        ///
        /// # Events
        /// `VouchReleased`.
        #[ink(message)]
        pub fn release_vouch(&mut self, member_or_candidate: AccountId) -> Result<()> {
            let outcome = self.state.release_vouch(self.ctx(), member_or_candidate)?;
            self.perform(outcome)
        }

        // ----- resignation -----------------------------------------------------------------

        /// The caller starts resigning: he stops being active at once, can still be expelled,
        /// and may complete after `resignation_cooldown`. Caller: an active member without a
        /// token.
        ///
        /// # Errors
        /// In this order: `NotActiveMember`, `HasToken`, `ArithmeticOverflow`.
        ///
        /// # Events
        /// `Resigned`.
        #[ink(message)]
        pub fn resign(&mut self) -> Result<()> {
            let outcome = self.state.resign(self.ctx())?;
            self.perform(outcome)
        }

        /// The caller completes his resignation and gets his member bond back. Caller: a
        /// resigning member, after the cooldown, with no misconduct case against him open.
        ///
        /// # Errors
        /// In this order: `NotMember`, `NotResigning`, `CooldownNotOver`, `DisputePending`,
        /// `ArithmeticOverflow`, `TransferFailed`.
        ///
        /// # Events
        /// `ResignationCompleted`.
        #[ink(message)]
        pub fn complete_resignation(&mut self) -> Result<()> {
            let outcome = self.state.complete_resignation(self.ctx())?;
            self.perform(outcome)
        }

        // ----- token factory ---------------------------------------------------------------

        /// Launches the caller's personal token and its payout splitter from the stored code
        /// hashes (salt: the caller's account), wires the token to this registry, the splitter
        /// and governance, and records both. One person, one token. Caller: an active member
        /// without a token and with no misconduct case against him open. Returns
        /// `(token, splitter)`.
        ///
        /// The instantiations necessarily come before the record (their addresses are only
        /// known afterwards); the callees are fresh contracts of governance-approved code,
        /// reentrancy is denied, the eligibility is checked again before the record, and any
        /// failure reverts the whole message.
        ///
        /// # Errors
        /// In this order: `NotActiveMember`, `AlreadyHasToken`, `DisputePending` (a case
        /// against him is open), `Token(e)` (the token's constructor refused the arguments,
        /// e.g. `ZeroAmount` or `InvalidDecisionPeriod`), `InstantiationFailed` (either
        /// instantiation failed below that), then the errors of `wire` (`Token(e)`,
        /// `CallFailed`).
        ///
        /// # Events
        /// `TokenLaunched` (and the token's `Transfer` and `Wired`).
        #[ink(message)]
        #[allow(clippy::too_many_arguments)]
        pub fn launch_token(
            &mut self,
            name: String,
            symbol: String,
            decimals: u8,
            supply: Balance,
            terms_hash: Hash,
            decision_period: Timestamp,
            auto_approve: bool,
        ) -> Result<(AccountId, AccountId)> {
            let ctx = self.ctx();
            let member = ctx.caller;
            self.state.check_launch(ctx)?;
            // The one place where interactions precede the effect: the record needs the new
            // addresses. Safe: every check is done, the constructors and `wire` call nothing
            // back (reentrancy is denied anyway), and any failure reverts the whole message.
            let code_hashes = self.state.code_hashes();
            let governance = self.state.governance();
            let salt: [u8; 32] = *AsRef::<[u8; 32]>::as_ref(&member);
            let mut token = match PersonalTokenRef::new(
                member,
                name,
                symbol,
                decimals,
                supply,
                terms_hash,
                decision_period,
                auto_approve,
            )
            .code_hash(code_hashes.token)
            .endowment(0)
            .salt_bytes(salt)
            .try_instantiate()
            {
                Ok(Ok(Ok(token))) => token,
                Ok(Ok(Err(error))) => return Err(RegistryError::Token(error)),
                Ok(Err(_)) | Err(_) => return Err(RegistryError::InstantiationFailed),
            };
            let token_account = token.to_account_id();
            let splitter = match PayoutSplitterRef::new(token_account, member, governance)
                .code_hash(code_hashes.splitter)
                .endowment(0)
                .salt_bytes(salt)
                .try_instantiate()
            {
                Ok(Ok(splitter)) => splitter,
                Ok(Err(_)) | Err(_) => return Err(RegistryError::InstantiationFailed),
            };
            let splitter_account = splitter.to_account_id();
            let wired: Result<()> = call_outcome(
                token
                    .call_mut()
                    .wire(
                        self.env().account_id(),
                        splitter_account,
                        governance,
                        self.roster,
                    )
                    .try_invoke(),
            );
            wired?;
            let outcome = self
                .state
                .record_token(ctx, token_account, splitter_account)?;
            self.perform(outcome)?;
            Ok((token_account, splitter_account))
        }

        // ----- governance configuration ----------------------------------------------------

        /// Replaces the parameters (bonds already paid keep their amounts; periods apply to
        /// open applications and stakes too). Caller: governance.
        ///
        /// # Errors
        /// `NotGovernance`, `InvalidParams`.
        ///
        /// # Events
        /// `ParamsChanged`.
        #[ink(message)]
        pub fn set_params(&mut self, params: RegistryParams) -> Result<()> {
            let outcome = self.state.set_params(self.ctx(), params)?;
            self.perform(outcome)
        }

        /// Replaces the code hashes the factory instantiates (launched tokens keep their
        /// code). Caller: governance.
        ///
        /// # Errors
        /// `NotGovernance`.
        ///
        /// # Events
        /// `CodeHashesChanged`.
        #[ink(message)]
        pub fn set_code_hashes(
            &mut self,
            token_code_hash: Hash,
            splitter_code_hash: Hash,
        ) -> Result<()> {
            let outcome =
                self.state
                    .set_code_hashes(self.ctx(), token_code_hash, splitter_code_hash)?;
            self.perform(outcome)
        }

        /// Replaces the registry's code. The storage layout must stay compatible. Caller:
        /// governance.
        ///
        /// # Errors
        /// `NotGovernance`; `UpgradeFailed` if no code is stored under `code_hash`.
        ///
        /// # Events
        /// `CodeUpgraded`.
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.state.ensure_governance(self.env().caller())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| RegistryError::UpgradeFailed)?;
            self.emit(RegistryEvent::CodeUpgraded(CodeUpgraded { code_hash }));
            Ok(())
        }

        /// Pays `amount` of the treasury (slashed bonds of expelled members whose token had no
        /// holders) to `to`. Caller: governance.
        ///
        /// # Errors
        /// `NotGovernance`, `InsufficientTreasury`, `TransferFailed`.
        ///
        /// # Events
        /// `TreasuryWithdrawn`.
        #[ink(message)]
        pub fn withdraw_treasury(&mut self, to: AccountId, amount: Balance) -> Result<()> {
            let outcome = self.state.withdraw_treasury(self.ctx(), to, amount)?;
            self.perform(outcome)
        }

        // ----- queries ---------------------------------------------------------------------

        /// `account`'s member record (any status), if he was ever admitted.
        #[ink(message)]
        pub fn member(&self, account: AccountId) -> Option<MemberInfo> {
            self.state.member(account)
        }

        /// `account`'s open application.
        #[ink(message)]
        pub fn candidate(&self, account: AccountId) -> Option<Application> {
            self.state.application(account)
        }

        /// The last instant members may vouch for `account`'s open application.
        #[ink(message)]
        pub fn vouching_deadline(&self, account: AccountId) -> Option<Timestamp> {
            self.state
                .application(account)
                .map(|application| self.state.vouching_deadline(&application))
        }

        /// `member`'s payout splitter, once he launched his token.
        #[ink(message)]
        pub fn splitter_of(&self, member: AccountId) -> Option<AccountId> {
            self.state.splitter_of(member)
        }

        /// Accounts ever admitted (genesis members included), whatever their status now.
        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.state.member_count()
        }

        /// Up to `limit` (at most 50) members with their records, in admission order from
        /// index `start`.
        ///
        /// # Errors
        /// `PageTooLarge`.
        #[ink(message)]
        pub fn members(&self, start: u32, limit: u32) -> Result<Vec<(AccountId, MemberInfo)>> {
            self.state.members(start, limit)
        }

        /// The current parameters.
        #[ink(message)]
        pub fn params(&self) -> RegistryParams {
            self.state.params()
        }

        /// The floors fixed at construction (see the constructor).
        #[ink(message)]
        pub fn floors(&self) -> RegistryParams {
            self.state.floors()
        }

        /// The code hashes the factory instantiates.
        #[ink(message)]
        pub fn code_hashes(&self) -> CodeHashes {
            self.state.code_hashes()
        }

        /// The governance account.
        #[ink(message)]
        pub fn governance(&self) -> AccountId {
            self.state.governance()
        }

        /// Slashed value held for governance to spend.
        #[ink(message)]
        pub fn treasury(&self) -> Balance {
            self.state.treasury()
        }

        /// Bonds held: open applications, members not resigned or expelled, and vouches
        /// neither released nor slashed.
        #[ink(message)]
        pub fn bonds_held(&self) -> Balance {
            self.state.bonds_held()
        }

        /// Vouch `index` (from 0) of `account`'s admission if he is a member, or of his open
        /// application if he is a candidate.
        #[ink(message)]
        pub fn voucher_of(&self, account: AccountId, index: u32) -> Option<Vouch> {
            self.state.voucher_of(account, index)
        }

        /// Until when `account` may not vouch (0: never banned).
        #[ink(message)]
        pub fn vouch_banned_until(&self, account: AccountId) -> Timestamp {
            self.state.vouch_banned_until(account)
        }
    }

    impl MemberRegistry for Registry {
        /// Whether `account` is an active member: `Active`, or `Suspended` with the
        /// suspension's end reached.
        #[ink(message)]
        fn is_active(&self, account: AccountId) -> bool {
            self.state.is_active(account, self.env().block_timestamp())
        }

        /// When `account`'s rights began or begin (`joined_at + tenure` at admission, 0 for
        /// founders), if he is active now.
        #[ink(message)]
        fn rights_since(&self, account: AccountId) -> Option<Timestamp> {
            self.state
                .rights_since(account, self.env().block_timestamp())
        }

        /// Members neither expelled nor resigned or resigning. A suspended member counts: his
        /// suspension lapses on its own.
        #[ink(message)]
        fn active_count(&self) -> u32 {
            self.state.active_count()
        }

        /// `member`'s personal token, once launched.
        #[ink(message)]
        fn token_of(&self, member: AccountId) -> Option<AccountId> {
            self.state.token_of(member)
        }

        /// The member who launched `token` through this registry.
        #[ink(message)]
        fn issuer_of(&self, token: AccountId) -> Option<AccountId> {
            self.state.issuer_of(token)
        }

        /// Whether `voucher` ever vouched for `member` (for his admission or a withdrawn
        /// application of his), even if the bond was since released or slashed.
        #[ink(message)]
        fn has_vouched_for(&self, voucher: AccountId, member: AccountId) -> bool {
            self.state.has_vouched_for(voucher, member)
        }

        /// Whether `account` can be accused of misconduct: `Some` for a member who is active,
        /// suspended (also if it lapsed) or resigning, with his admission's voucher count and
        /// whether he counts in `active_count`; `None` for strangers, candidates, expelled
        /// members and those whose resignation completed.
        #[ink(message)]
        fn accusable(&self, account: AccountId) -> Option<Accusable> {
            self.state.accusable(account)
        }

        /// The roster this registry writes in the same message as every status change.
        #[ink(message)]
        fn roster(&self) -> AccountId {
            self.roster
        }
    }

    impl MemberEnforcement for Registry {
        /// Suspends `member` until `until`, or lengthens his suspension: the end in effect is
        /// the later of the current unexpired end and `until` (only `reinstate` shortens a
        /// suspension). If he has a token, it is told his restraint (`restrain`). Caller:
        /// governance.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `InvalidSuspension` (`until <= now`), `NotMember`,
        /// `AlreadyExpelled`, `NotActiveMember` (resigning or resigned), then the token's
        /// `restrain` error (`Token(e)`, `CallFailed`).
        ///
        /// # Events
        /// `MemberSuspended` with the end in effect (and the token's `IssuerRestrained`).
        #[ink(message)]
        fn suspend(&mut self, member: AccountId, until: Timestamp) -> Result<()> {
            let outcome = self.state.suspend(self.ctx(), member, until)?;
            self.perform(outcome)
        }

        /// Lifts `member`'s suspension. If he has a token, it is told his restraint with
        /// `suspended_until = 0` (his open cases still restrain it). Caller: governance.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `NotMember`, `NotSuspended`, then the token's
        /// `restrain` error (`Token(e)`, `CallFailed`).
        ///
        /// # Events
        /// `MemberReinstated` (and the token's `IssuerRestrained`).
        #[ink(message)]
        fn reinstate(&mut self, member: AccountId) -> Result<()> {
            let outcome = self.state.reinstate(self.ctx(), member)?;
            self.perform(outcome)
        }

        /// Expels `member` for good: his bond and his vouchers' unreleased bonds are slashed,
        /// his vouchers may not vouch for `voucher_cooldown`, his token (if any) is frozen,
        /// and the slashed value goes to the token's holders through its splitter, or to the
        /// treasury if he has no token or nobody else holds it. Caller: governance.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `NotMember`, `AlreadyExpelled`,
        /// `ArithmeticOverflow`, `CallFailed` (the token's outstanding supply could not be
        /// read), then the token's `freeze` (`Token(e)`) and the splitter's `distribute`
        /// (`Splitter(e)`) errors.
        ///
        /// # Events
        /// `MemberExpelled`, `VoucherPenalised` per voucher (and the token's `Frozen`, the
        /// splitter's `Distributed`).
        #[ink(message)]
        fn expel(&mut self, member: AccountId) -> Result<()> {
            let outcome = self.state.expel(self.ctx(), member, &TokenQueries)?;
            self.perform(outcome)
        }

        /// Closes one misconduct case against `member` and expels him (governance's ruling
        /// of expulsion in one call): as `close_case` then `expel`, except that the case's
        /// restraint is not pushed to his token, which the expulsion freezes. Caller:
        /// governance.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `NotMember`, `NoOpenCase`, then those of `expel`.
        ///
        /// # Events
        /// `CaseClosed`, then those of `expel`.
        #[ink(message)]
        fn expel_closing_case(&mut self, member: AccountId) -> Result<()> {
            let outcome = self
                .state
                .expel_closing_case(self.ctx(), member, &TokenQueries)?;
            self.perform(outcome)
        }

        /// Records a misconduct dispute opened against `member` (active, suspended or
        /// resigning): until it is closed he cannot complete a resignation, his admission's
        /// vouch bonds cannot be released and he cannot launch a token, and his token (if
        /// any) is restrained. Caller: governance.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `NotMember` (never admitted, or his resignation
        /// completed), `AlreadyExpelled`, `ArithmeticOverflow`, then the token's `restrain`
        /// error (`Token(e)`, `CallFailed`).
        ///
        /// # Events
        /// `CaseOpened` (and the token's `IssuerRestrained`).
        #[ink(message)]
        fn open_case(&mut self, member: AccountId) -> Result<()> {
            let outcome = self.state.open_case(self.ctx(), member)?;
            self.perform(outcome)
        }

        /// Records that a misconduct dispute against `member` was executed, whatever its
        /// ruling and whatever his status now; his token (unless he is expelled) is told the
        /// cases left. Caller: governance, before it enforces the ruling.
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `NotMember` (never admitted), `NoOpenCase`, then
        /// the token's `restrain` error (`Token(e)`, `CallFailed`).
        ///
        /// # Events
        /// `CaseClosed` (and the token's `IssuerRestrained`).
        #[ink(message)]
        fn close_case(&mut self, member: AccountId) -> Result<()> {
            let outcome = self.state.close_case(self.ctx(), member)?;
            self.perform(outcome)
        }
    }
}
