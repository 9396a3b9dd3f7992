//! # Personal token
//!
//! A PSP22 token representing equity in every asset one person (the issuer) will accumulate.
//! The whole fixed supply is minted to the issuer. Transfers are restricted like
//! private-company shares: only the issuer's own tokens move freely (to active members); a
//! holder sells through a transfer request that the issuer approves, rejects or pre-empts, with
//! the buyer's payment escrowed and delivered against the tokens atomically. The issuer sells
//! new stakes through all-or-nothing offerings, discloses his assets and reports their sales,
//! paying the holders' share into the token's payout splitter.
//!
//! The rules live in plain Rust ([`state`], [`requests`], [`offerings`], [`disclosures`],
//! [`recovery`], [`ledger`]), tested without a chain; the contract below only supplies the caller, the time,
//! the value sent and the membership answers (from the registry's roster: one call per
//! transfer check, for both parties), emits the events and performs the interactions the rules
//! return (checks, effects, then interactions).
//!
//! ## Disputes against the issuer
//! The registry pushes the issuer's restraint (open misconduct disputes, end of a suspension)
//! with `restrain`; while it applies, his own PSP22 transfers (code 9), new offerings, their
//! delivering settlements and first refusal are refused, while every holder's exit keeps
//! working and subscribers may `withdraw_subscription`. Any holder may give tokens back to the
//! issuer (no approval, no membership needed), which clears a juror's holder conflict.
//!
//! ## Upgrades, liquidations and dust
//! While governance says that an upgrade which could reach this token's money is under way
//! (`UpgradeNotice::exits_open`), subscribers of open offerings may `withdraw_subscription`
//! and funded buyers of approved requests may `withdraw_funding`; governance is asked only on
//! those two paths and only when their normal rule refuses. A liquidation cannot be reported
//! while an open offering has subscriptions (see [`disclosures`]). Subscriptions have a
//! minimum size (see [`offerings`]), and every request price or subscription cost is 0 or at
//! least the chain's existential deposit, so that no refund can be blocked by a recipient
//! whose account was reaped (see [`requests`]).
//! `holder_count` tells governance how many accounts hold the token, to size a jury. A
//! recovery ruling moves everything of the lost account, open positions included (see
//! [`recovery`]).
//!
//! ## Invariants
//! - `sum(balance_of) == total_supply`, fixed at construction (no mint, no burn);
//! - `locked_of(a) <= balance_of(a)`; locked tokens move only by the request or offering that
//!   locked them;
//! - `escrow_total` equals the escrowed prices of funded open requests plus the unrefunded
//!   payments of open and failed offerings, and the contract's free balance covers it;
//! - `subscribed_in_open_offerings` equals the sum of `sold` over the open offerings, and no
//!   liquidation is reported while it is positive;
//! - every escrowed price or payment is at least the existential deposit the chain had when
//!   it was paid in;
//! - before every balance change the splitter's hook receives both balances before the change;
//! - a holder's tokens move only by executing an approved request, the issuer's first refusal,
//!   a governance recovery, or a PSP22 transfer back to the issuer; the issuer's own tokens
//!   also move by his PSP22 transfers and by settling his offerings (neither while he is
//!   restrained);
//! - `holder_count()` is the number of accounts other than the issuer with a positive balance;
//! - every open position (request sold, funded request bought, subscription with a payment in
//!   escrow) is in its account's index, at most `MAX_OPEN_POSITIONS` per account;
//! - the splitter is never called back into the token (no reentrancy), and money leaves the
//!   contract only after all state changes of the message.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod disclosures;
pub mod events;
pub mod ledger;
pub mod offerings;
pub mod recovery;
pub mod requests;
pub mod state;
pub mod types;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod personal_token {
    use crate::events::*;
    use crate::offerings::OfferingTerms;
    use crate::state::{Ctx, Links, Membership, TokenConfig, TokenState};
    use crate::types::{
        Asset, AssetId, AssetKind, Interaction, LastTrade, Liquidation, Offering, OfferingId,
        Outcome, Position, RequestId, Subscription, TransferRequest,
    };
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use interfaces::{
        call_outcome, query_outcome, IssuerRestraint, MemberRoster, PSP22Error, PSP22Metadata,
        PayoutDistribution, PayoutHook, TokenError, TokenRemedies, TransferRestriction,
        UpgradeNotice, PSP22,
    };

    /// The token's error type.
    pub type Error = TokenError;
    /// The token's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A personal token.
    #[ink(storage)]
    pub struct PersonalToken {
        state: TokenState,
        name: String,
        symbol: String,
        decimals: u8,
    }

    /// Answers from the wired contracts: membership from the registry, open exits from
    /// governance (asked about this token's own address).
    struct WiredContracts {
        links: Option<Links>,
        token: AccountId,
    }

    impl Membership for WiredContracts {
        fn is_active(&self, account: AccountId) -> Result<bool> {
            let Some(links) = self.links else {
                return Ok(false);
            };
            let roster: ink::contract_ref!(MemberRoster) = links.roster.into();
            query_outcome(roster.call().is_active(account).try_invoke())
        }

        fn both_active(&self, first: AccountId, second: AccountId) -> Result<(bool, bool)> {
            let Some(links) = self.links else {
                return Ok((false, false));
            };
            let roster: ink::contract_ref!(MemberRoster) = links.roster.into();
            query_outcome(roster.call().both_active(first, second).try_invoke())
        }

        fn exits_open(&self) -> Result<bool> {
            let Some(links) = self.links else {
                return Ok(false);
            };
            let governance: ink::contract_ref!(UpgradeNotice) = links.governance.into();
            query_outcome(governance.call().exits_open(self.token).try_invoke())
        }
    }

    impl PersonalToken {
        /// Creates the token: `total_supply` minted to `issuer`, fixed forever. The caller
        /// (the deployer or the registry's factory) may then `wire` it once.
        ///
        /// # Errors
        /// `ZeroAmount` for a zero supply; `InvalidDecisionPeriod` outside one minute to one
        /// year.
        ///
        /// # Events
        /// `Transfer` (mint to the issuer).
        #[ink(constructor)]
        #[allow(clippy::too_many_arguments)]
        pub fn new(
            issuer: AccountId,
            name: String,
            symbol: String,
            decimals: u8,
            total_supply: Balance,
            terms_hash: Hash,
            decision_period: Timestamp,
            auto_approve: bool,
        ) -> Result<Self> {
            let config = TokenConfig {
                issuer,
                total_supply,
                terms_hash,
                decision_period,
                auto_approve,
            };
            let (state, outcome) = TokenState::new(config, Self::env().caller())?;
            let contract = Self {
                state,
                name,
                symbol,
                decimals,
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

        fn members(&self) -> WiredContracts {
            WiredContracts {
                links: self.state.links(),
                token: self.env().account_id(),
            }
        }

        /// The chain's existential deposit: the least a request price or a subscription may
        /// cost (unless 0), so that no refund can fail for a reaped account.
        fn existential_deposit(&self) -> Balance {
            self.env().minimum_balance()
        }

        /// Emits the events, then performs the interactions in order. Any failure is returned
        /// so that the whole message reverts.
        fn perform(&mut self, outcome: Outcome) -> Result<()> {
            self.emit_all(outcome.events);
            for interaction in outcome.interactions {
                self.interact(interaction)?;
            }
            Ok(())
        }

        fn interact(&mut self, interaction: Interaction) -> Result<()> {
            let splitter = || {
                self.state
                    .links()
                    .map(|links| links.splitter)
                    .ok_or(TokenError::NotWired)
            };
            match interaction {
                Interaction::BalanceHook(change) => {
                    let mut hook: ink::contract_ref!(PayoutHook) = splitter()?.into();
                    call_outcome(hook.call_mut().on_balance_change(change).try_invoke())
                }
                Interaction::RecoveryHook { lost, new_account } => {
                    let mut hook: ink::contract_ref!(PayoutHook) = splitter()?.into();
                    call_outcome(hook.call_mut().on_recovery(lost, new_account).try_invoke())
                }
                Interaction::Distribute { amount, memo } => {
                    let mut payout: ink::contract_ref!(PayoutDistribution) = splitter()?.into();
                    call_outcome(
                        payout
                            .call_mut()
                            .distribute(memo)
                            .transferred_value(amount)
                            .try_invoke(),
                    )
                }
                Interaction::Pay { to, amount } => self
                    .env()
                    .transfer(to, amount)
                    .map_err(|_| TokenError::TransferFailed),
            }
        }

        fn emit_all(&self, events: Vec<TokenEvent>) {
            for event in events {
                self.emit(event);
            }
        }

        fn emit(&self, event: TokenEvent) {
            let env = self.env();
            match event {
                TokenEvent::Transfer(e) => env.emit_event(psp22::Transfer {
                    from: e.from,
                    to: e.to,
                    value: e.value,
                }),
                TokenEvent::Approval(e) => env.emit_event(psp22::Approval {
                    owner: e.owner,
                    spender: e.spender,
                    amount: e.amount,
                }),
                TokenEvent::Wired(e) => env.emit_event(e),
                TokenEvent::TransferRequested(e) => env.emit_event(e),
                TokenEvent::RequestFunded(e) => env.emit_event(e),
                TokenEvent::FundingWithdrawn(e) => env.emit_event(e),
                TokenEvent::TransferApproved(e) => env.emit_event(e),
                TokenEvent::TransferExecuted(e) => env.emit_event(e),
                TokenEvent::TransferRejected(e) => env.emit_event(e),
                TokenEvent::FirstRefusalExercised(e) => env.emit_event(e),
                TokenEvent::RequestCancelled(e) => env.emit_event(e),
                TokenEvent::OfferingOpened(e) => env.emit_event(e),
                TokenEvent::Subscribed(e) => env.emit_event(e),
                TokenEvent::OfferingSettled(e) => env.emit_event(e),
                TokenEvent::OfferingFailed(e) => env.emit_event(e),
                TokenEvent::SubscriptionRefunded(e) => env.emit_event(e),
                TokenEvent::AssetDisclosed(e) => env.emit_event(e),
                TokenEvent::AssetRevalued(e) => env.emit_event(e),
                TokenEvent::LiquidationReported(e) => env.emit_event(e),
                TokenEvent::Frozen(e) => env.emit_event(e),
                TokenEvent::Unfrozen(e) => env.emit_event(e),
                TokenEvent::Recovered(e) => env.emit_event(e),
                TokenEvent::IssuerRestrained(e) => env.emit_event(e),
                TokenEvent::SubscriptionWithdrawn(e) => env.emit_event(e),
            }
        }

        /// Maps a failed interaction inside a PSP22 message to a PSP22 error.
        fn psp22_perform(&mut self, outcome: Outcome) -> core::result::Result<(), PSP22Error> {
            self.perform(outcome).map_err(|error| {
                PSP22Error::Custom(String::from(match error {
                    TokenError::Splitter(_) => "the payout splitter refused the balance change",
                    _ => "a cross-contract call of the token failed",
                }))
            })
        }

        // ----- wiring ----------------------------------------------------------------------

        /// Wires the token to its registry, payout splitter, governance and the registry's
        /// roster (asked on every membership check), once. Caller: the account that
        /// instantiated the token. Afterwards nobody can change the links.
        ///
        /// # Errors
        /// `AlreadyWired`; `NotWiringAuthority` for any other caller.
        ///
        /// # Events
        /// `Wired`.
        #[ink(message)]
        pub fn wire(
            &mut self,
            registry: AccountId,
            splitter: AccountId,
            governance: AccountId,
            roster: AccountId,
        ) -> Result<()> {
            let links = Links {
                registry,
                splitter,
                governance,
                roster,
            };
            let outcome = self.state.wire(self.env().caller(), links)?;
            self.perform(outcome)
        }

        /// The registry, splitter and governance (`None` until wired).
        #[ink(message)]
        pub fn links(&self) -> Option<Links> {
            self.state.links()
        }

        /// The account that may still wire the token; `None` once wired (no admin key left).
        #[ink(message)]
        pub fn wiring_authority(&self) -> Option<AccountId> {
            self.state.wiring_authority()
        }

        /// Replaces the contract's code. Caller: governance (an executed proposal). The
        /// storage layout must stay compatible.
        ///
        /// # Errors
        /// `NotGovernance`; `UpgradeFailed` if no code is stored under `code_hash`.
        ///
        /// # Events
        /// `CodeUpgraded`.
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<()> {
            self.state.ensure_can_upgrade(self.env().caller())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| TokenError::UpgradeFailed)?;
            self.env().emit_event(CodeUpgraded { code_hash });
            Ok(())
        }

        // ----- configuration queries -------------------------------------------------------

        /// The issuer.
        #[ink(message)]
        pub fn issuer(&self) -> AccountId {
            self.state.issuer()
        }

        /// Hash of the off-chain legal agreement that makes the claim enforceable.
        #[ink(message)]
        pub fn terms_hash(&self) -> Hash {
            self.state.terms_hash()
        }

        /// How long the issuer has to decide a transfer request (ms).
        #[ink(message)]
        pub fn decision_period(&self) -> Timestamp {
            self.state.decision_period()
        }

        /// Whether the issuer's silence approves a request.
        #[ink(message)]
        pub fn auto_approve(&self) -> bool {
            self.state.auto_approve()
        }

        /// Part of `owner`'s balance locked in open requests or offerings.
        #[ink(message)]
        pub fn locked_of(&self, owner: AccountId) -> Balance {
            self.state.ledger().locked_of(owner)
        }

        /// Tokens held by others than the issuer (the base of payouts).
        #[ink(message)]
        pub fn outstanding(&self) -> Balance {
            self.state.outstanding()
        }

        /// Native value held in escrow for buyers and subscribers.
        #[ink(message)]
        pub fn escrow_total(&self) -> Balance {
            self.state.escrow_total()
        }

        /// The issuer's restraint as the registry last set it.
        #[ink(message)]
        pub fn restraint(&self) -> IssuerRestraint {
            self.state.restraint()
        }

        /// Whether the issuer is restrained now.
        #[ink(message)]
        pub fn is_restrained(&self) -> bool {
            self.state.is_restrained(self.env().block_timestamp())
        }

        /// `account`'s open positions (what a recovery of it would unwind or move).
        #[ink(message)]
        pub fn open_positions(&self, account: AccountId) -> Vec<Position> {
            self.state.open_positions(account)
        }

        /// The last executed sale with a price.
        #[ink(message)]
        pub fn last_trade(&self) -> Option<LastTrade> {
            self.state.last_trade()
        }

        /// What the whole supply is worth at the last sale's price per unit
        /// (`price * supply / amount`, rounded down).
        #[ink(message)]
        pub fn implied_valuation(&self) -> Option<Balance> {
            self.state.implied_valuation()
        }

        // ----- transfer requests -----------------------------------------------------------

        /// A holder asks to sell `amount` to `buyer` for `price` (native, total: 0 for a gift,
        /// else at least the chain's existential deposit); the amount is locked until the
        /// request closes. Caller: the seller (not the issuer).
        ///
        /// # Errors
        /// In this order: `NotWired`, `Frozen`, `IssuerNotAllowed`, `ZeroAmount`,
        /// `SelfTransfer`, `BelowExistentialDeposit`, `Restricted(3|4)`,
        /// `InsufficientUnlockedBalance`, `TooManyOpenPositions` (the seller already has 8
        /// open positions).
        ///
        /// # Events
        /// `TransferRequested`.
        #[ink(message)]
        pub fn request_transfer(
            &mut self,
            buyer: AccountId,
            amount: Balance,
            price: Balance,
        ) -> Result<RequestId> {
            let members = self.members();
            let existential_deposit = self.existential_deposit();
            let (id, outcome) = self.state.request_transfer(
                self.ctx(),
                buyer,
                amount,
                price,
                existential_deposit,
                &members,
            )?;
            self.perform(outcome)?;
            Ok(id)
        }

        /// The buyer pays exactly the price into escrow; executes at once if the request is
        /// already approved. Caller: the buyer.
        ///
        /// # Errors
        /// In this order: `RequestNotFound`, `NotBuyer`, `RequestClosed`, `AlreadyFunded`,
        /// `NothingToFund`, `BelowExistentialDeposit` (the price is below the chain's
        /// existential deposit now), `Frozen`, `RequestExpired`, `WrongPayment`,
        /// `Restricted(3|4)` (both parties must still be active members),
        /// `TooManyOpenPositions` (if it stays open and the buyer already has 8 open
        /// positions).
        ///
        /// # Events
        /// `RequestFunded`; on execution `Transfer` and `TransferExecuted`.
        #[ink(message, payable)]
        pub fn fund_request(&mut self, id: RequestId) -> Result<()> {
            let members = self.members();
            let existential_deposit = self.existential_deposit();
            let outcome = self
                .state
                .fund_request(self.ctx(), id, existential_deposit, &members)?;
            self.perform(outcome)
        }

        /// The buyer takes his escrowed payment back (before approval, after the settlement
        /// deadline, while frozen, while a party is no longer an active member, or, once
        /// approved, while governance says the exits of an upgrade are open: asked only when
        /// nothing else allows it). Caller: the buyer.
        ///
        /// # Errors
        /// In this order: `RequestNotFound`, `NotBuyer`, `RequestClosed`, `NotFunded`,
        /// `CallFailed` (the registry or governance cannot be asked), `CannotWithdrawYet`
        /// (approved, executable, and the exits are closed).
        ///
        /// # Events
        /// `FundingWithdrawn`.
        #[ink(message)]
        pub fn withdraw_funding(&mut self, id: RequestId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.withdraw_funding(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// The issuer approves; a funded or free request executes at once (tokens to the
        /// buyer, price to the seller). Caller: the issuer.
        ///
        /// # Errors
        /// In this order: `RequestNotFound`, `NotIssuer`, `AlreadyApproved`, `RequestClosed`,
        /// `Frozen`, `RequestExpired`, `Restricted(3|4)`.
        ///
        /// # Events
        /// `TransferApproved`; on execution `Transfer` and `TransferExecuted`.
        #[ink(message)]
        pub fn approve_transfer(&mut self, id: RequestId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.approve_transfer(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// Executes a funded request approved by the issuer or by silence (`auto_approve`
        /// after the decision deadline). Caller: anyone.
        ///
        /// # Errors
        /// In this order: `RequestNotFound`, `RequestClosed`, `NotApproved`, `NotFunded`,
        /// `Frozen`, `RequestExpired`, `Restricted(3|4)`.
        ///
        /// # Events
        /// `Transfer`, `TransferExecuted`.
        #[ink(message)]
        pub fn execute_transfer(&mut self, id: RequestId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.execute_transfer(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// The issuer rejects a request he has not approved (at most 256 bytes of reason);
        /// tokens unlocked and escrow refunded. Caller: the issuer.
        ///
        /// # Errors
        /// `RequestNotFound`, `NotIssuer`, `RequestClosed`, `AlreadyApproved` (by him or by
        /// his silence), `ReasonTooLong`.
        ///
        /// # Events
        /// `TransferRejected`.
        #[ink(message)]
        pub fn reject_transfer(&mut self, id: RequestId, reason: String) -> Result<()> {
            let outcome = self.state.reject_transfer(self.ctx(), id, reason)?;
            self.perform(outcome)
        }

        /// The issuer buys the tokens himself at the request's price, sent with this message;
        /// the seller is paid and the buyer's escrow refunded. Caller: the issuer, before he
        /// (or his silence) approved the request, and not while he is restrained.
        ///
        /// # Errors
        /// In this order: `RequestNotFound`, `NotIssuer`, `RequestClosed`, `AlreadyApproved`,
        /// `GiftCannotBePreempted`, `Frozen`, `IssuerRestrained`, `RequestExpired`,
        /// `WrongPayment`.
        ///
        /// # Events
        /// `Transfer`, `FirstRefusalExercised`.
        #[ink(message, payable)]
        pub fn exercise_first_refusal(&mut self, id: RequestId) -> Result<()> {
            let outcome = self.state.exercise_first_refusal(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// Cancels an open request; tokens unlocked and escrow refunded. Caller: the seller
        /// before approval (or while frozen, or while a party is no longer an active member),
        /// anyone after the settlement deadline.
        ///
        /// # Errors
        /// `RequestNotFound`, `RequestClosed`, `NotSeller`, `CannotCancelYet`, `CallFailed`.
        ///
        /// # Events
        /// `RequestCancelled`.
        #[ink(message)]
        pub fn cancel_request(&mut self, id: RequestId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.cancel_request(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// The request `id`.
        #[ink(message)]
        pub fn request(&self, id: RequestId) -> Option<TransferRequest> {
            self.state.request(id)
        }

        /// Number of requests ever made.
        #[ink(message)]
        pub fn request_count(&self) -> RequestId {
            self.state.request_count()
        }

        /// The restriction code that would stop request `id` from executing now (0: none).
        ///
        /// # Errors
        /// `RequestNotFound`; `CallFailed` if the registry cannot be asked.
        #[ink(message)]
        pub fn request_restriction(&self, id: RequestId) -> Result<u8> {
            self.state.request_restriction(id, &self.members())
        }

        // ----- offerings -------------------------------------------------------------------

        /// The issuer opens an all-or-nothing offering of `amount` tokens at `price_per_unit`,
        /// settling if at least `min_total` is raised by `deadline`; `invitees` (at most 32)
        /// restricts it to named buyers. The tokens are locked. Caller: the issuer, while not
        /// restrained.
        ///
        /// # Errors
        /// In this order: `NotIssuer`, `NotWired`, `Frozen`, `IssuerRestrained`, `ZeroAmount`,
        /// `InvalidOffering`,
        /// `ArithmeticOverflow`, `DeadlineInPast`, `TooManyInvitees`,
        /// `InsufficientUnlockedBalance`.
        ///
        /// # Events
        /// `OfferingOpened`.
        #[ink(message)]
        pub fn open_offering(
            &mut self,
            amount: Balance,
            price_per_unit: Balance,
            min_total: Balance,
            deadline: Timestamp,
            invitees: Vec<AccountId>,
        ) -> Result<OfferingId> {
            let terms = OfferingTerms {
                amount,
                price_per_unit,
                min_total,
                deadline,
                invitees,
            };
            let (id, outcome) = self.state.open_offering(self.ctx(), terms)?;
            self.perform(outcome)?;
            Ok(id)
        }

        /// A member subscribes `amount`, paying `amount * price_per_unit` into escrow and
        /// recording his consent to the terms (`terms_hash` must be the token's). Caller: an
        /// active member other than the issuer.
        ///
        /// The amount must be at least `ceil(offering amount / 32)` units unless it takes
        /// everything that remains, and its cost at least the chain's existential deposit.
        ///
        /// # Errors
        /// In this order: `OfferingNotFound`, `Frozen`, `OfferingClosed`, `TermsMismatch`,
        /// `IssuerNotAllowed`, `NotInvited`, `Restricted(4)`, `ZeroAmount`, `ExceedsOffering`,
        /// `SubscriptionTooSmall { minimum }`, `ArithmeticOverflow`,
        /// `BelowExistentialDeposit`, `WrongPayment`, `TooManySubscribers`,
        /// `TooManyOpenPositions` (a new subscriber who already has 8 open positions).
        ///
        /// # Events
        /// `Subscribed`.
        #[ink(message, payable)]
        pub fn subscribe(
            &mut self,
            id: OfferingId,
            amount: Balance,
            terms_hash: Hash,
        ) -> Result<()> {
            let members = self.members();
            let existential_deposit = self.existential_deposit();
            let outcome = self.state.subscribe(
                self.ctx(),
                id,
                amount,
                terms_hash,
                existential_deposit,
                &members,
            )?;
            self.perform(outcome)
        }

        /// Settles a closed offering: if it raised its minimum, tokens go to every subscriber
        /// still an active member and their payment to the issuer (a former member's payment
        /// stays in escrow for his `refund`); otherwise, or if nothing is delivered, it fails.
        /// A settlement that would deliver waits while the issuer is restrained; one that
        /// fails the offering does not. Caller: anyone.
        ///
        /// # Errors
        /// In this order: `OfferingNotFound`, `OfferingFinalized`, `OfferingStillOpen`,
        /// `Frozen`, `CallFailed`, `IssuerRestrained`.
        ///
        /// # Events
        /// `Transfer` per delivered subscriber and `OfferingSettled`; or `OfferingFailed`.
        #[ink(message)]
        pub fn settle(&mut self, id: OfferingId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.settle(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// The issuer cancels an offering before it closes; subscribers refund in full.
        /// Caller: the issuer.
        ///
        /// # Errors
        /// `OfferingNotFound`, `NotIssuer`, `OfferingFinalized`, `OfferingClosed`.
        ///
        /// # Events
        /// `OfferingFailed`.
        #[ink(message)]
        pub fn cancel_offering(&mut self, id: OfferingId) -> Result<()> {
            let outcome = self.state.cancel_offering(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// A subscriber takes his payment back from a failed offering (or one that closed
        /// below its minimum, or while the token is frozen), or from a settled offering that
        /// delivered him nothing because he was no longer a member. Caller: the subscriber.
        ///
        /// # Errors
        /// `OfferingNotFound`, `NothingToRefund`, `OfferingNotFailed`.
        ///
        /// # Events
        /// `SubscriptionRefunded` (and `OfferingFailed` on the first refund).
        #[ink(message)]
        pub fn refund(&mut self, id: OfferingId) -> Result<()> {
            let outcome = self.state.refund(self.ctx(), id)?;
            self.perform(outcome)
        }

        /// A subscriber leaves an open offering (closed or not, but neither settled nor
        /// failed) and takes his payment back; his subscriber slot is freed. Allowed while
        /// the issuer is restrained, or while governance says the exits of an upgrade are
        /// open (asked only when the issuer is not restrained). Caller: the subscriber.
        ///
        /// # Errors
        /// In this order: `OfferingNotFound`, `NothingToRefund`, `OfferingFinalized`,
        /// `CallFailed` (governance cannot be asked), `WithdrawalNotAllowed` (the issuer is
        /// not restrained and the exits are closed).
        ///
        /// # Events
        /// `SubscriptionWithdrawn`.
        #[ink(message)]
        pub fn withdraw_subscription(&mut self, id: OfferingId) -> Result<()> {
            let members = self.members();
            let outcome = self.state.withdraw_subscription(self.ctx(), id, &members)?;
            self.perform(outcome)
        }

        /// The offering `id`.
        #[ink(message)]
        pub fn offering(&self, id: OfferingId) -> Option<Offering> {
            self.state.offering(id)
        }

        /// Number of offerings ever opened.
        #[ink(message)]
        pub fn offering_count(&self) -> OfferingId {
            self.state.offering_count()
        }

        /// `subscriber`'s position in offering `id`.
        #[ink(message)]
        pub fn subscription(&self, id: OfferingId, subscriber: AccountId) -> Subscription {
            self.state.subscription(id, subscriber)
        }

        /// Whether `account` is named in invite-only offering `id`.
        #[ink(message)]
        pub fn is_invited(&self, id: OfferingId, account: AccountId) -> bool {
            self.state.is_invited(id, account)
        }

        // ----- disclosures -----------------------------------------------------------------

        /// The issuer discloses an asset (append-only). Caller: the issuer.
        ///
        /// # Errors
        /// `NotIssuer`, `Frozen`.
        ///
        /// # Events
        /// `AssetDisclosed`.
        #[ink(message)]
        pub fn disclose_asset(
            &mut self,
            kind: AssetKind,
            uri_hash: Hash,
            estimated_value: Balance,
        ) -> Result<AssetId> {
            let (id, outcome) =
                self.state
                    .disclose_asset(self.ctx(), kind, uri_hash, estimated_value)?;
            self.perform(outcome)?;
            Ok(id)
        }

        /// The issuer revalues an asset. Caller: the issuer.
        ///
        /// # Errors
        /// `AssetNotFound`, `NotIssuer`, `Frozen`.
        ///
        /// # Events
        /// `AssetRevalued`.
        #[ink(message)]
        pub fn revalue(&mut self, id: AssetId, value: Balance) -> Result<()> {
            let outcome = self.state.revalue(self.ctx(), id, value)?;
            self.perform(outcome)
        }

        /// The issuer reports selling (part of) an asset for `gross_proceeds`, sending at
        /// least the holders' share (`holders_share(gross_proceeds)`); it goes to the payout
        /// splitter, any surplus back to the issuer. Refused while an open offering has
        /// subscriptions (their units are not delivered yet, so the share would leave the
        /// subscribers out): settle or cancel it first. Caller: the issuer.
        ///
        /// # Errors
        /// In this order: `AssetNotFound`, `NotIssuer`, `NotWired`, `ZeroAmount`,
        /// `OfferingHasSubscriptions`, `LiquidationUnderpaid { required }`, then the
        /// splitter's errors.
        ///
        /// # Events
        /// `LiquidationReported` (and the splitter's `Distributed`).
        #[ink(message, payable)]
        pub fn report_liquidation(
            &mut self,
            asset_id: AssetId,
            gross_proceeds: Balance,
        ) -> Result<()> {
            let outcome = self
                .state
                .report_liquidation(self.ctx(), asset_id, gross_proceeds)?;
            self.perform(outcome)
        }

        /// The holders' share of `gross` proceeds now: `ceil(gross * outstanding / supply)`.
        ///
        /// # Errors
        /// `ArithmeticOverflow` if the share passes u128 (it cannot exceed `gross`).
        #[ink(message)]
        pub fn holders_share(&self, gross: Balance) -> Result<Balance> {
            self.state.holders_share(gross)
        }

        /// The asset `id`.
        #[ink(message)]
        pub fn asset(&self, id: AssetId) -> Option<Asset> {
            self.state.asset(id)
        }

        /// Number of disclosed assets.
        #[ink(message)]
        pub fn asset_count(&self) -> AssetId {
            self.state.asset_count()
        }

        /// Up to `limit` (at most 50) assets from id `start`.
        ///
        /// # Errors
        /// `PageTooLarge`.
        #[ink(message)]
        pub fn assets(&self, start: AssetId, limit: u32) -> Result<Vec<(AssetId, Asset)>> {
            self.state.assets(start, limit)
        }

        /// Liquidation `index` of asset `asset_id`.
        #[ink(message)]
        pub fn liquidation(&self, asset_id: AssetId, index: u32) -> Option<Liquidation> {
            self.state.liquidation(asset_id, index)
        }
    }

    impl PSP22 for PersonalToken {
        /// The fixed total supply.
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.state.ledger().total_supply()
        }

        /// `owner`'s balance, locked part included.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.state.ledger().balance_of(owner)
        }

        /// `spender`'s allowance over `owner`'s tokens.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.state.ledger().allowance(owner, spender)
        }

        /// Transfers `value` to `to`. Only the issuer's own tokens move this way (not while he
        /// is restrained), and any holder's tokens back to the issuer; holders sell through
        /// `request_transfer`.
        ///
        /// # Errors
        /// No-op success for `to == caller` or `value == 0`. Then
        /// `Custom("ERC1404:<code>:<message>")` for restriction codes 1 to 5 and 9 (codes 3 to
        /// 5 do not apply to a transfer to the issuer), `InsufficientBalance`,
        /// `Custom("ERC1404:7:...")` if the balance is locked.
        ///
        /// # Events
        /// `Transfer`.
        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let ctx = self.ctx();
            let members = self.members();
            let outcome = self
                .state
                .psp22_transfer_from(ctx.caller, ctx.caller, to, value, ctx.now, &members)?;
            self.psp22_perform(outcome)
        }

        /// Transfers `value` from `from` to `to` using the caller's allowance. Only the
        /// issuer's tokens move this way (not while he is restrained), and a holder's tokens
        /// back to the issuer.
        ///
        /// # Errors
        /// No-op success for `from == to` or `value == 0`. Then restriction codes 1 to 5 and 9
        /// (`Custom`), `InsufficientAllowance`, `InsufficientBalance`, code 7 (`Custom`).
        ///
        /// # Events
        /// `Approval` (new allowance) and `Transfer`.
        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            let ctx = self.ctx();
            let members = self.members();
            let outcome = self
                .state
                .psp22_transfer_from(ctx.caller, from, to, value, ctx.now, &members)?;
            self.psp22_perform(outcome)
        }

        /// Sets `spender`'s allowance to `value`. No-op for `spender == caller`.
        ///
        /// # Events
        /// `Approval`.
        #[ink(message)]
        fn approve(
            &mut self,
            spender: AccountId,
            value: Balance,
        ) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if let Some(event) = self.state.ledger.approve(owner, spender, value) {
                self.emit(event);
            }
            Ok(())
        }

        /// Raises `spender`'s allowance by `delta_value`. No-op for `spender == caller` or zero.
        ///
        /// # Events
        /// `Approval`.
        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if let Some(event) = self
                .state
                .ledger
                .increase_allowance(owner, spender, delta_value)
            {
                self.emit(event);
            }
            Ok(())
        }

        /// Lowers `spender`'s allowance by `delta_value`.
        ///
        /// # Errors
        /// `InsufficientAllowance` if `delta_value` exceeds it.
        ///
        /// # Events
        /// `Approval`.
        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> core::result::Result<(), PSP22Error> {
            let owner = self.env().caller();
            if let Some(event) =
                self.state
                    .ledger
                    .decrease_allowance(owner, spender, delta_value)?
            {
                self.emit(event);
            }
            Ok(())
        }
    }

    impl PSP22Metadata for PersonalToken {
        /// The token's name.
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            Some(self.name.clone())
        }

        /// The token's symbol.
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            Some(self.symbol.clone())
        }

        /// The token's decimals.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl TransferRestriction for PersonalToken {
        /// The ERC-1404 code a transfer of `amount` from `from` to `to` would meet now
        /// (0: it would succeed). See `interfaces::restriction`.
        #[ink(message)]
        fn detect_transfer_restriction(
            &self,
            from: AccountId,
            to: AccountId,
            amount: Balance,
        ) -> u8 {
            self.state.detect_transfer_restriction(
                from,
                to,
                amount,
                self.env().block_timestamp(),
                &self.members(),
            )
        }

        /// The explanation of a restriction code.
        #[ink(message)]
        fn message_for_transfer_restriction(&self, code: u8) -> String {
            String::from(interfaces::restriction::message(code))
        }
    }

    impl TokenRemedies for PersonalToken {
        /// Freezes the token (idempotent). Caller: governance, or the registry enforcing an
        /// expulsion.
        ///
        /// # Errors
        /// `NotGovernanceOrRegistry`.
        ///
        /// # Events
        /// `Frozen` (unless already frozen).
        #[ink(message)]
        fn freeze(&mut self) -> Result<()> {
            let outcome = self.state.freeze(self.env().caller())?;
            self.perform(outcome)
        }

        /// Lifts a freeze. Caller: governance.
        ///
        /// # Errors
        /// `NotGovernance`, `NotFrozen`.
        ///
        /// # Events
        /// `Unfrozen`.
        #[ink(message)]
        fn unfreeze(&mut self) -> Result<()> {
            let outcome = self.state.unfreeze(self.env().caller())?;
            self.perform(outcome)
        }

        /// Moves everything of `lost` to `new_account`: his open requests as seller are
        /// cancelled (tokens unlocked, funded buyers refunded), his funded purchases name
        /// `new_account` as buyer, his subscriptions move (merged with `new_account`'s), then
        /// his whole balance and unclaimed payouts move. Never refused for a transient reason;
        /// works while frozen; a lost account with nothing succeeds with amount 0. Caller:
        /// governance (a recovery ruling).
        ///
        /// # Errors
        /// In this order: `NotGovernance`, `InvalidRecovery`, `CannotRecoverIssuer`,
        /// `TooManyOpenPositions` (`new_account` would hold more than 8 open positions; the
        /// new account should hold none), then the splitter's errors and `TransferFailed` (a
        /// refund to a buyer).
        ///
        /// # Events
        /// `RequestCancelled` per unwound request, `Transfer` (if any balance), `Recovered`.
        #[ink(message)]
        fn recover(&mut self, lost: AccountId, new_account: AccountId) -> Result<()> {
            let outcome = self.state.recover(self.env().caller(), lost, new_account)?;
            self.perform(outcome)
        }

        /// Whether the token is frozen.
        #[ink(message)]
        fn is_frozen(&self) -> bool {
            self.state.is_frozen()
        }

        /// Sets the issuer's restraint (open misconduct disputes, end of his suspension);
        /// the token applies it at each message's time. Caller: the registry.
        ///
        /// # Errors
        /// In this order: `NotWired`, `NotRegistry`.
        ///
        /// # Events
        /// `IssuerRestrained`.
        #[ink(message)]
        fn restrain(&mut self, restraint: IssuerRestraint) -> Result<()> {
            let outcome = self.state.restrain(self.env().caller(), restraint)?;
            self.perform(outcome)
        }

        /// Accounts other than the issuer with a positive balance.
        #[ink(message)]
        fn holder_count(&self) -> u32 {
            self.state.holder_count()
        }
    }
}
