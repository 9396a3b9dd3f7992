//! The personal token's state and its core rules: restrictions (ERC-1404), restricted PSP22
//! movements, wiring, remedies and the issuer's restraint. Transfer requests, offerings,
//! disclosures and recovery extend [`TokenState`] in their own modules.
//!
//! ## The issuer's restraint
//! The registry pushes an [`IssuerRestraint`] (open misconduct disputes against the issuer,
//! end of his suspension) whenever it changes; the token stores it and applies
//! `restraint.applies_at(now)` itself, with no cross-contract call on any hot path. While it
//! applies, the issuer's powers that move value to people he chooses wait: PSP22 transfers
//! sent from his account (restriction code 9, `ISSUER_RESTRAINED`), `open_offering`, a
//! `settle` that would deliver and pay him, and `exercise_first_refusal`
//! (`IssuerRestrained`). Holders' exits keep working (cancellations, withdrawals, refunds,
//! execution of requests approved by him or by his silence, `withdraw_subscription`, giving
//! tokens back to the issuer), and so do his decisions on requests, disclosures,
//! revaluations and liquidation reports (they pay holders, never him).
//!
//! ## Giving tokens back to the issuer
//! A PSP22 transfer whose receiver is the issuer needs no approval (no code 5) and no
//! membership of either party: any holder may return tokens to the issuer at any time, also
//! while the issuer is restrained, but not while the token is frozen or unwired. This is how a
//! member who was sent a unit before a dispute against the issuer opened clears his holder
//! conflict and becomes eligible to judge it.
//!
//! Every method takes the caller and the time explicitly and returns an [`Outcome`] (events and
//! interactions) or a typed error. A method that returns an error has changed nothing: all
//! checks come before the first write.

use crate::events::{Frozen, IssuerRestrained, TokenEvent, Unfrozen, Wired};
use crate::ledger::{transfer_event, Ledger};
use crate::types::{
    Asset, AssetId, Interaction, LastTrade, Liquidation, Offering, OfferingId, Outcome, Position,
    RequestId, Subscription, TransferRequest, MAX_DECISION_PERIOD, MIN_DECISION_PERIOD,
};
use ink::prelude::string::String;
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use interfaces::{
    restriction, AccountId, Balance, Hash, IssuerRestraint, PSP22Error, Timestamp, TokenError,
};

/// Who a message comes from, when, and with what value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    /// The caller.
    pub caller: AccountId,
    /// Block timestamp (ms).
    pub now: Timestamp,
    /// Native value sent with the message.
    pub transferred: Balance,
}

/// What the token's rules ask the contracts it is wired to: "is this account an active
/// registry member?" (the registry's roster, which the registry writes in the message of every
/// status change) and "are the exits of an upgrade open?" (governance). The contract asks them;
/// unit tests use a set and a flag.
pub trait Membership {
    /// Whether `account` is an active member.
    ///
    /// # Errors
    /// `CallFailed` when the roster cannot be asked.
    fn is_active(&self, account: AccountId) -> Result<bool, TokenError>;

    /// `(is_active(first), is_active(second))`; the contract asks both in one call.
    ///
    /// # Errors
    /// `CallFailed` when the roster cannot be asked.
    fn both_active(&self, first: AccountId, second: AccountId) -> Result<(bool, bool), TokenError> {
        Ok((self.is_active(first)?, self.is_active(second)?))
    }

    /// Whether governance says that an upgrade which could reach the money this token holds
    /// is under way (`UpgradeNotice::exits_open` with the token's own address): subscribers
    /// of open offerings and funded buyers of approved requests may then leave. Asked only by
    /// `withdraw_subscription` and `withdraw_funding`, and only when their normal rule would
    /// refuse; `false` for a token that is not wired.
    ///
    /// # Errors
    /// `CallFailed` when governance cannot be asked.
    fn exits_open(&self) -> Result<bool, TokenError>;
}

/// The contracts a token works with, set once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Links {
    /// The membership registry.
    pub registry: AccountId,
    /// This token's payout splitter.
    pub splitter: AccountId,
    /// Governance.
    pub governance: AccountId,
    /// The registry's roster of active members, which answers the membership questions.
    pub roster: AccountId,
}

/// Construction arguments of a personal token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenConfig {
    /// The person whose equity the token represents.
    pub issuer: AccountId,
    /// Total supply, minted to the issuer, fixed forever.
    pub total_supply: Balance,
    /// Hash of the off-chain legal agreement.
    pub terms_hash: Hash,
    /// How long the issuer has to decide a transfer request (ms).
    pub decision_period: Timestamp,
    /// Whether the issuer's silence approves a request.
    pub auto_approve: bool,
}

/// The whole state of a personal token except its PSP22 metadata.
#[ink::storage_item]
#[derive(Debug)]
pub struct TokenState {
    pub(crate) issuer: AccountId,
    pub(crate) terms_hash: Hash,
    pub(crate) decision_period: Timestamp,
    pub(crate) auto_approve: bool,
    /// Account allowed to wire the token once; `None` once wired.
    pub(crate) wiring_authority: Option<AccountId>,
    pub(crate) links: Option<Links>,
    pub(crate) frozen: bool,
    pub(crate) ledger: Ledger,
    /// Native value held for buyers and subscribers.
    pub(crate) escrow_total: Balance,
    pub(crate) last_trade: Option<LastTrade>,
    pub(crate) requests: Mapping<RequestId, TransferRequest>,
    pub(crate) next_request_id: RequestId,
    pub(crate) offerings: Mapping<OfferingId, Offering>,
    pub(crate) next_offering_id: OfferingId,
    pub(crate) invited: Mapping<(OfferingId, AccountId), ()>,
    pub(crate) subscriptions: Mapping<(OfferingId, AccountId), Subscription>,
    pub(crate) subscriber_at: Mapping<(OfferingId, u32), AccountId>,
    pub(crate) assets: Mapping<AssetId, Asset>,
    pub(crate) asset_count: AssetId,
    pub(crate) liquidations: Mapping<(AssetId, u32), Liquidation>,
    /// The issuer's restraint as the registry last pushed it (root cell: read with the root,
    /// no storage operation of its own).
    pub(crate) restraint: IssuerRestraint,
    /// Each account's open positions (see [`Position`]), for `recover`; at most
    /// `MAX_OPEN_POSITIONS` per account, no entry for an account without any.
    pub(crate) positions: Mapping<AccountId, Vec<Position>>,
    /// Units subscribed in open offerings (the sum of `sold` over every offering neither
    /// settled nor failed): sold but still the issuer's, so `report_liquidation` is refused
    /// while it is positive (see [`crate::disclosures`]). Root cell, kept in O(1).
    pub(crate) subscribed_in_open_offerings: Balance,
}

impl TokenState {
    /// A new token: the whole supply minted to the issuer; `wiring_authority` (the
    /// instantiator) may wire it once.
    ///
    /// # Errors
    /// `ZeroAmount` for a zero supply; `InvalidDecisionPeriod` outside one minute to one year.
    pub fn new(
        config: TokenConfig,
        wiring_authority: AccountId,
    ) -> Result<(TokenState, Outcome), TokenError> {
        if config.total_supply == 0 {
            return Err(TokenError::ZeroAmount);
        }
        if !(MIN_DECISION_PERIOD..=MAX_DECISION_PERIOD).contains(&config.decision_period) {
            return Err(TokenError::InvalidDecisionPeriod);
        }
        let (ledger, mint) = Ledger::new(config.total_supply, config.issuer);
        let state = TokenState {
            issuer: config.issuer,
            terms_hash: config.terms_hash,
            decision_period: config.decision_period,
            auto_approve: config.auto_approve,
            wiring_authority: Some(wiring_authority),
            links: None,
            frozen: false,
            ledger,
            escrow_total: 0,
            last_trade: None,
            requests: Mapping::default(),
            next_request_id: 0,
            offerings: Mapping::default(),
            next_offering_id: 0,
            invited: Mapping::default(),
            subscriptions: Mapping::default(),
            subscriber_at: Mapping::default(),
            assets: Mapping::default(),
            asset_count: 0,
            liquidations: Mapping::default(),
            restraint: IssuerRestraint::default(),
            positions: Mapping::default(),
            subscribed_in_open_offerings: 0,
        };
        let mut outcome = Outcome::default();
        outcome.event(mint);
        Ok((state, outcome))
    }

    // ----- queries -------------------------------------------------------------------------

    /// The issuer.
    pub fn issuer(&self) -> AccountId {
        self.issuer
    }

    /// Hash of the off-chain legal agreement.
    pub fn terms_hash(&self) -> Hash {
        self.terms_hash
    }

    /// The issuer's decision period (ms).
    pub fn decision_period(&self) -> Timestamp {
        self.decision_period
    }

    /// Whether silence approves requests.
    pub fn auto_approve(&self) -> bool {
        self.auto_approve
    }

    /// The wired registry, splitter and governance.
    pub fn links(&self) -> Option<Links> {
        self.links
    }

    /// The account that may still wire the token (`None` once wired).
    pub fn wiring_authority(&self) -> Option<AccountId> {
        self.wiring_authority
    }

    /// Whether the token is frozen.
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Native value in escrow for buyers and subscribers.
    pub fn escrow_total(&self) -> Balance {
        self.escrow_total
    }

    /// Tokens held by others than the issuer: the base of payouts.
    pub fn outstanding(&self) -> Balance {
        self.ledger
            .total_supply()
            .saturating_sub(self.ledger.balance_of(self.issuer))
    }

    /// Units subscribed in open offerings (neither settled nor failed): sold, not delivered
    /// yet. While positive, `report_liquidation` is refused.
    pub fn subscribed_in_open_offerings(&self) -> Balance {
        self.subscribed_in_open_offerings
    }

    /// Accounts other than the issuer with a positive balance.
    pub fn holder_count(&self) -> u32 {
        let issuer_holds = self.ledger.balance_of(self.issuer) > 0;
        self.ledger
            .funded_accounts()
            .saturating_sub(u32::from(issuer_holds))
    }

    /// The issuer's restraint as the registry last set it.
    pub fn restraint(&self) -> IssuerRestraint {
        self.restraint
    }

    /// Whether the issuer is restrained at `now`.
    pub fn is_restrained(&self, now: Timestamp) -> bool {
        self.restraint.applies_at(now)
    }

    /// The last executed sale with a price.
    pub fn last_trade(&self) -> Option<LastTrade> {
        self.last_trade
    }

    /// `price * total_supply / amount` of the last sale: what the whole token is worth at that
    /// price (rounded down). `None` before any priced sale, or if the valuation passes u128.
    pub fn implied_valuation(&self) -> Option<Balance> {
        let trade = self.last_trade?;
        interfaces::mul_div(trade.price, self.ledger.total_supply(), trade.amount)
    }

    // ----- guards --------------------------------------------------------------------------

    pub(crate) fn ensure_issuer(&self, caller: AccountId) -> Result<(), TokenError> {
        if caller == self.issuer {
            Ok(())
        } else {
            Err(TokenError::NotIssuer)
        }
    }

    pub(crate) fn ensure_links(&self) -> Result<Links, TokenError> {
        self.links.ok_or(TokenError::NotWired)
    }

    pub(crate) fn ensure_not_frozen(&self) -> Result<(), TokenError> {
        if self.frozen {
            Err(TokenError::Frozen)
        } else {
            Ok(())
        }
    }

    pub(crate) fn ensure_not_restrained(&self, now: Timestamp) -> Result<(), TokenError> {
        if self.is_restrained(now) {
            Err(TokenError::IssuerRestrained)
        } else {
            Ok(())
        }
    }

    pub(crate) fn ensure_governance(&self, caller: AccountId) -> Result<(), TokenError> {
        match self.links {
            Some(links) if links.governance == caller => Ok(()),
            _ => Err(TokenError::NotGovernance),
        }
    }

    /// The sender (unless the issuer) and the receiver must be active members.
    pub(crate) fn ensure_members(
        &self,
        from: AccountId,
        to: AccountId,
        members: &impl Membership,
    ) -> Result<(), TokenError> {
        let code = self.membership_code(from, to, members)?;
        if code == restriction::SUCCESS {
            Ok(())
        } else {
            Err(TokenError::Restricted(code))
        }
    }

    // ----- restrictions (ERC-1404) ---------------------------------------------------------

    fn membership_code(
        &self,
        from: AccountId,
        to: AccountId,
        members: &impl Membership,
    ) -> Result<u8, TokenError> {
        // One question: the receiver alone for the issuer, both parties otherwise.
        let (sender_active, receiver_active) = if from == self.issuer {
            (true, members.is_active(to)?)
        } else {
            members.both_active(from, to)?
        };
        if !sender_active {
            return Ok(restriction::SENDER_NOT_MEMBER);
        }
        if !receiver_active {
            return Ok(restriction::RECEIVER_NOT_MEMBER);
        }
        Ok(restriction::SUCCESS)
    }

    /// Codes 1 to 5 and 9: whether `from` may move tokens to `to` at all, before amounts.
    /// Tokens given back to the issuer pass after codes 1 and 2 (no membership, no approval);
    /// the issuer's own tokens meet code 9 while he is restrained.
    fn policy_code(
        &self,
        from: AccountId,
        to: AccountId,
        now: Timestamp,
        members: &impl Membership,
    ) -> Result<u8, TokenError> {
        if self.links.is_none() {
            return Ok(restriction::NOT_WIRED);
        }
        if self.frozen {
            return Ok(restriction::FROZEN);
        }
        if to == self.issuer {
            return Ok(restriction::SUCCESS);
        }
        let code = self.membership_code(from, to, members)?;
        if code != restriction::SUCCESS {
            return Ok(code);
        }
        if from != self.issuer {
            return Ok(restriction::APPROVAL_REQUIRED);
        }
        if self.is_restrained(now) {
            return Ok(restriction::ISSUER_RESTRAINED);
        }
        Ok(restriction::SUCCESS)
    }

    /// Codes 6 and 7: whether `from` has `amount` free to move.
    fn balance_code(&self, from: AccountId, amount: Balance) -> u8 {
        if self.ledger.balance_of(from) < amount {
            restriction::INSUFFICIENT_BALANCE
        } else if self.ledger.unlocked_of(from) < amount {
            restriction::BALANCE_LOCKED
        } else {
            restriction::SUCCESS
        }
    }

    /// The ERC-1404 code a PSP22 transfer of `amount` from `from` to `to` would meet at `now`.
    /// Zero-value and self-transfers are no-ops that succeed (code 0). Then codes 1 to 5, 9
    /// (the issuer's own tokens while he is restrained), 6 and 7. If the registry's roster
    /// cannot be asked, code 8 (`REGISTRY_UNAVAILABLE`).
    pub fn detect_transfer_restriction(
        &self,
        from: AccountId,
        to: AccountId,
        amount: Balance,
        now: Timestamp,
        members: &impl Membership,
    ) -> u8 {
        if from == to || amount == 0 {
            return restriction::SUCCESS;
        }
        match self.policy_code(from, to, now, members) {
            Ok(restriction::SUCCESS) => self.balance_code(from, amount),
            Ok(code) => code,
            Err(_) => restriction::REGISTRY_UNAVAILABLE,
        }
    }

    // ----- PSP22 movements -----------------------------------------------------------------

    /// PSP22 `transfer_from(from, to, value)` called by `caller` (`transfer` is the case
    /// `caller == from`).
    ///
    /// Precedence: no-op for `from == to` or `value == 0`; then restriction codes 1 to 5 and
    /// 9 (`Custom`; a transfer to the issuer skips 3 to 5); then `InsufficientAllowance` (when
    /// `caller != from`); then `InsufficientBalance`; then `Custom` for code 7 (locked).
    pub fn psp22_transfer_from(
        &mut self,
        caller: AccountId,
        from: AccountId,
        to: AccountId,
        value: Balance,
        now: Timestamp,
        members: &impl Membership,
    ) -> Result<Outcome, PSP22Error> {
        let mut outcome = Outcome::default();
        if from == to || value == 0 {
            return Ok(outcome);
        }
        let code = self
            .policy_code(from, to, now, members)
            .map_err(|_| restriction_error(restriction::REGISTRY_UNAVAILABLE))?;
        if code != restriction::SUCCESS {
            return Err(restriction_error(code));
        }
        if caller != from && self.ledger.allowance(from, caller) < value {
            return Err(PSP22Error::InsufficientAllowance);
        }
        match self.balance_code(from, value) {
            restriction::SUCCESS => {}
            restriction::INSUFFICIENT_BALANCE => return Err(PSP22Error::InsufficientBalance),
            code => return Err(restriction_error(code)),
        }
        // Effects: every check passed.
        if caller != from {
            outcome.event(self.ledger.spend_allowance(from, caller, value)?);
        }
        let change = self
            .ledger
            .move_unlocked(from, to, value)
            .map_err(|_| PSP22Error::InsufficientBalance)?;
        outcome.event(transfer_event(&change));
        outcome.interact(Interaction::BalanceHook(change));
        Ok(outcome)
    }

    // ----- wiring and remedies -------------------------------------------------------------

    /// Wires the token to its registry, splitter and governance, once, by the instantiator.
    ///
    /// # Errors
    /// `AlreadyWired`; `NotWiringAuthority` for any other caller.
    pub fn wire(&mut self, caller: AccountId, links: Links) -> Result<Outcome, TokenError> {
        if self.links.is_some() {
            return Err(TokenError::AlreadyWired);
        }
        if self.wiring_authority != Some(caller) {
            return Err(TokenError::NotWiringAuthority);
        }
        self.links = Some(links);
        self.wiring_authority = None;
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::Wired(Wired {
            registry: links.registry,
            splitter: links.splitter,
            governance: links.governance,
            roster: links.roster,
        }));
        Ok(outcome)
    }

    /// Freezes the token. Idempotent: freezing a frozen token succeeds without an event, so an
    /// expulsion never fails because governance froze the token first.
    ///
    /// # Errors
    /// `NotGovernanceOrRegistry` for any caller but governance or the registry.
    pub fn freeze(&mut self, caller: AccountId) -> Result<Outcome, TokenError> {
        match self.links {
            Some(links) if caller == links.governance || caller == links.registry => {}
            _ => return Err(TokenError::NotGovernanceOrRegistry),
        }
        let mut outcome = Outcome::default();
        if !self.frozen {
            self.frozen = true;
            outcome.event(TokenEvent::Frozen(Frozen { by: caller }));
        }
        Ok(outcome)
    }

    /// Lifts a freeze.
    ///
    /// # Errors
    /// `NotGovernance`; `NotFrozen`.
    pub fn unfreeze(&mut self, caller: AccountId) -> Result<Outcome, TokenError> {
        self.ensure_governance(caller)?;
        if !self.frozen {
            return Err(TokenError::NotFrozen);
        }
        self.frozen = false;
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::Unfrozen(Unfrozen {}));
        Ok(outcome)
    }

    /// The registry sets the issuer's restraint (it pushes it whenever his open misconduct
    /// cases or his suspension change). Stored as given; applied by every rule at its `now`.
    ///
    /// # Errors
    /// `NotWired`; `NotRegistry` for any caller but the registry.
    pub fn restrain(
        &mut self,
        caller: AccountId,
        restraint: IssuerRestraint,
    ) -> Result<Outcome, TokenError> {
        let links = self.ensure_links()?;
        if caller != links.registry {
            return Err(TokenError::NotRegistry);
        }
        self.restraint = restraint;
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::IssuerRestrained(IssuerRestrained {
            open_cases: restraint.open_cases,
            suspended_until: restraint.suspended_until,
        }));
        Ok(outcome)
    }

    /// Whether `caller` may replace the contract's code (governance only).
    ///
    /// # Errors
    /// `NotGovernance`.
    pub fn ensure_can_upgrade(&self, caller: AccountId) -> Result<(), TokenError> {
        self.ensure_governance(caller)
    }

    // ----- shared helpers ------------------------------------------------------------------

    pub(crate) fn add_escrow(&mut self, amount: Balance) -> Result<(), TokenError> {
        self.escrow_total = self
            .escrow_total
            .checked_add(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        Ok(())
    }

    pub(crate) fn release_escrow(&mut self, amount: Balance) -> Result<(), TokenError> {
        self.escrow_total = self
            .escrow_total
            .checked_sub(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        Ok(())
    }

    /// A price or cost the token may have to pay back: 0 (nothing escrowed) or at least the
    /// chain's existential deposit, so that a refund to a recipient whose account was reaped
    /// recreates it instead of failing (a contract's transfer below the existential deposit
    /// to a missing account fails, and would keep the request or position from closing).
    pub(crate) fn ensure_refundable(
        amount: Balance,
        existential_deposit: Balance,
    ) -> Result<(), TokenError> {
        if amount != 0 && amount < existential_deposit {
            Err(TokenError::BelowExistentialDeposit {
                existential_deposit,
            })
        } else {
            Ok(())
        }
    }

    pub(crate) fn record_trade(&mut self, price: Balance, amount: Balance, now: Timestamp) {
        if price > 0 && amount > 0 {
            self.last_trade = Some(LastTrade {
                price,
                amount,
                at: now,
            });
        }
    }
}

/// The PSP22 error of a restriction code: `Custom("ERC1404:<code>:<message>")`.
pub fn restriction_error(code: u8) -> PSP22Error {
    let mut text = String::from("ERC1404:");
    let hundreds = code.checked_div(100).unwrap_or_default();
    let tens = code
        .checked_div(10)
        .unwrap_or_default()
        .checked_rem(10)
        .unwrap_or_default();
    let units = code.checked_rem(10).unwrap_or_default();
    if hundreds > 0 {
        text.push(char::from(b'0'.saturating_add(hundreds)));
    }
    if hundreds > 0 || tens > 0 {
        text.push(char::from(b'0'.saturating_add(tens)));
    }
    text.push(char::from(b'0'.saturating_add(units)));
    text.push(':');
    text.push_str(restriction::message(code));
    PSP22Error::Custom(text)
}
