//! Primary offerings: the issuer sells his own tokens at a fixed price, all or nothing.
//!
//! ```text
//!  open_offering ──► Open ──(deadline or sold out)──► settle ──raised >= min_total──► Settled
//!                     │                                  └──otherwise──────────────► Failed
//!                     ├─ cancel_offering (issuer, before it closes) ───────────────► Failed
//!                     └─ refund while frozen, or after close below minimum ────────► Failed
//!  Failed: every subscriber refunds in full.
//! ```
//! Offered tokens are locked in the issuer's balance while the offering is open. Subscriptions
//! are escrowed; `settle` delivers to each subscriber who is still an active member (at most
//! [`MAX_SUBSCRIBERS`]) and pays the issuer in one call; a subscriber who lost his membership
//! pulls his payment back with `refund`. An offering that
//! sold nothing fails on settlement, even while the token is frozen, so no tokens stay locked.
//!
//! ## Minimum subscription
//! A subscription must be at least [`Offering::minimum_subscription`], `ceil(amount /
//! MAX_SUBSCRIBERS)` units, unless it takes everything that remains unsold
//! (`SubscriptionTooSmall`): [`MAX_SUBSCRIBERS`] subscriptions can always fill an offering,
//! and holding its subscriber slots costs the squatters the whole offering's price (escrowed,
//! refunded only when it fails or they leave it). Its cost (`amount * price_per_unit`) must
//! also be at least the chain's existential deposit (`BelowExistentialDeposit`), so that no
//! refund of it can fail for an account that was reaped; a remainder worth less than that
//! cannot be bought, and the offering then closes at its deadline. The issuer can still
//! cancel an open offering before it closes and reopen it invite-only.
//!
//! ## Restraint and upgrades
//! While the issuer is restrained (suspended, or a misconduct dispute against him open), he
//! opens no offering and no settlement delivers (`IssuerRestrained`); a settlement that fails
//! the offering still goes through (the subscribers' refund path), and a subscriber may leave
//! an open offering with `withdraw_subscription`: his payment back, his subscriber slot freed
//! (the last slot moves into it). A subscriber may leave the same way whenever governance says
//! that the exits of an upgrade are open (`Membership::exits_open`: an upgrade that could reach
//! the escrow is proposed and not settled).
//!
//! ## Liquidations
//! [`TokenState::subscribed_in_open_offerings`] is the sum of `sold` over the open offerings,
//! kept by `subscribe`, `withdraw_subscription`, settlement and failure (cancellation, a
//! failing settlement or refund); a recovery moves subscriptions without changing it. While it
//! is positive the issuer's `report_liquidation` is refused (see [`crate::disclosures`]).

use crate::events::{
    OfferingFailed, OfferingOpened, OfferingSettled, Subscribed, SubscriptionRefunded,
    SubscriptionWithdrawn, TokenEvent,
};
use crate::ledger::transfer_event;
use crate::state::{Ctx, Membership, TokenState};
use crate::types::{
    Interaction, Offering, OfferingId, OfferingStatus, Outcome, Position, Subscription,
    MAX_INVITEES, MAX_SUBSCRIBERS,
};
use ink::prelude::vec::Vec;
use interfaces::{restriction, AccountId, Balance, Hash, Timestamp, TokenError};

/// Terms of a new offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingTerms {
    /// Tokens offered.
    pub amount: Balance,
    /// Native price of one token unit.
    pub price_per_unit: Balance,
    /// Minimum native total for the offering to settle.
    pub min_total: Balance,
    /// Subscriptions close at this time.
    pub deadline: Timestamp,
    /// Named buyers; empty means every active member may subscribe.
    pub invitees: Vec<AccountId>,
}

impl TokenState {
    /// The offering `id`.
    pub fn offering(&self, id: OfferingId) -> Option<Offering> {
        self.offerings.get(id)
    }

    /// Number of offerings ever opened (ids are `0..offering_count`).
    pub fn offering_count(&self) -> OfferingId {
        self.next_offering_id
    }

    /// `subscriber`'s position in offering `id`.
    pub fn subscription(&self, id: OfferingId, subscriber: AccountId) -> Subscription {
        self.subscriptions.get((id, subscriber)).unwrap_or_default()
    }

    /// Whether `account` may subscribe to invite-only offering `id`.
    pub fn is_invited(&self, id: OfferingId, account: AccountId) -> bool {
        self.invited.contains((id, account))
    }

    pub(crate) fn load_offering(&self, id: OfferingId) -> Result<Offering, TokenError> {
        self.offerings.get(id).ok_or(TokenError::OfferingNotFound)
    }

    /// The issuer opens an offering; the offered tokens are locked.
    ///
    /// Precedence: `NotIssuer`, `NotWired`, `Frozen`, `IssuerRestrained`, `ZeroAmount`,
    /// `InvalidOffering` (zero
    /// price or minimum above the total value), `ArithmeticOverflow` (total value passes
    /// u128), `DeadlineInPast`, `TooManyInvitees`, `InsufficientUnlockedBalance`.
    pub fn open_offering(
        &mut self,
        ctx: Ctx,
        terms: OfferingTerms,
    ) -> Result<(OfferingId, Outcome), TokenError> {
        self.ensure_issuer(ctx.caller)?;
        self.ensure_links()?;
        self.ensure_not_frozen()?;
        self.ensure_not_restrained(ctx.now)?;
        if terms.amount == 0 {
            return Err(TokenError::ZeroAmount);
        }
        if terms.price_per_unit == 0 {
            return Err(TokenError::InvalidOffering);
        }
        let total_value = terms
            .amount
            .checked_mul(terms.price_per_unit)
            .ok_or(TokenError::ArithmeticOverflow)?;
        if terms.min_total > total_value {
            return Err(TokenError::InvalidOffering);
        }
        if terms.deadline <= ctx.now {
            return Err(TokenError::DeadlineInPast);
        }
        if terms.invitees.len() > MAX_INVITEES {
            return Err(TokenError::TooManyInvitees);
        }
        if self.ledger.unlocked_of(self.issuer) < terms.amount {
            return Err(TokenError::InsufficientUnlockedBalance);
        }
        let id = self.next_offering_id;
        let next_id = id.checked_add(1).ok_or(TokenError::ArithmeticOverflow)?;
        // Effects.
        self.ledger.lock(self.issuer, terms.amount)?;
        self.next_offering_id = next_id;
        for invitee in &terms.invitees {
            self.invited.insert((id, *invitee), &());
        }
        let invite_only = !terms.invitees.is_empty();
        self.offerings.insert(
            id,
            &Offering {
                amount: terms.amount,
                price_per_unit: terms.price_per_unit,
                min_total: terms.min_total,
                deadline: terms.deadline,
                invite_only,
                sold: 0,
                raised: 0,
                subscriber_count: 0,
                status: OfferingStatus::Open,
            },
        );
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::OfferingOpened(OfferingOpened {
            id,
            amount: terms.amount,
            price_per_unit: terms.price_per_unit,
            min_total: terms.min_total,
            deadline: terms.deadline,
            invite_only,
        }));
        Ok((id, outcome))
    }

    /// A member subscribes `amount`, paying `amount * price_per_unit` into escrow and
    /// consenting to the token's terms (`terms_hash` must equal the token's). The amount must
    /// be at least the offering's minimum subscription unless it takes everything that
    /// remains, and the cost at least `existential_deposit` (the chain's).
    ///
    /// Precedence: `OfferingNotFound`, `Frozen`, `OfferingClosed`, `TermsMismatch`,
    /// `IssuerNotAllowed`, `NotInvited`, `Restricted(4)` (not an active member), `ZeroAmount`,
    /// `ExceedsOffering`, `SubscriptionTooSmall`, `ArithmeticOverflow`,
    /// `BelowExistentialDeposit`, `WrongPayment`, `TooManySubscribers`,
    /// `TooManyOpenPositions` (a new subscriber who already has `MAX_OPEN_POSITIONS`).
    pub fn subscribe(
        &mut self,
        ctx: Ctx,
        id: OfferingId,
        amount: Balance,
        terms_hash: Hash,
        existential_deposit: Balance,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut offering = self.load_offering(id)?;
        self.ensure_not_frozen()?;
        if offering.status != OfferingStatus::Open || offering.is_closed(ctx.now) {
            return Err(TokenError::OfferingClosed);
        }
        if terms_hash != self.terms_hash {
            return Err(TokenError::TermsMismatch);
        }
        let subscriber = ctx.caller;
        if subscriber == self.issuer {
            return Err(TokenError::IssuerNotAllowed);
        }
        if offering.invite_only && !self.is_invited(id, subscriber) {
            return Err(TokenError::NotInvited);
        }
        if !members.is_active(subscriber)? {
            return Err(TokenError::Restricted(restriction::RECEIVER_NOT_MEMBER));
        }
        if amount == 0 {
            return Err(TokenError::ZeroAmount);
        }
        let remaining = offering.amount.saturating_sub(offering.sold);
        if amount > remaining {
            return Err(TokenError::ExceedsOffering);
        }
        let minimum = offering.minimum_subscription().min(remaining);
        if amount < minimum {
            return Err(TokenError::SubscriptionTooSmall { minimum });
        }
        let cost = amount
            .checked_mul(offering.price_per_unit)
            .ok_or(TokenError::ArithmeticOverflow)?;
        Self::ensure_refundable(cost, existential_deposit)?;
        if ctx.transferred != cost {
            return Err(TokenError::WrongPayment {
                expected: cost,
                received: ctx.transferred,
            });
        }
        let mut position = self.subscription(id, subscriber);
        let is_new = position.amount == 0;
        if is_new && offering.subscriber_count >= MAX_SUBSCRIBERS {
            return Err(TokenError::TooManySubscribers);
        }
        if is_new {
            self.ensure_position_room(subscriber)?;
        }
        position.amount = position
            .amount
            .checked_add(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        position.paid = position
            .paid
            .checked_add(cost)
            .ok_or(TokenError::ArithmeticOverflow)?;
        offering.raised = offering
            .raised
            .checked_add(cost)
            .ok_or(TokenError::ArithmeticOverflow)?;
        // proof: amount <= remaining = offering.amount - offering.sold.
        offering.sold = offering.sold.saturating_add(amount);
        let subscribed_in_open_offerings = self
            .subscribed_in_open_offerings
            .checked_add(amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        // Effects.
        self.add_escrow(cost)?;
        self.subscribed_in_open_offerings = subscribed_in_open_offerings;
        if is_new {
            self.subscriber_at
                .insert((id, offering.subscriber_count), &subscriber);
            offering.subscriber_count = offering.subscriber_count.saturating_add(1);
            self.add_position(subscriber, Position::Subscribed(id));
        }
        self.subscriptions.insert((id, subscriber), &position);
        self.offerings.insert(id, &offering);
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::Subscribed(Subscribed {
            id,
            subscriber,
            amount,
            paid: cost,
            terms_hash,
        }));
        Ok(outcome)
    }

    /// Anyone settles a closed offering. If it sold nothing, or raised less than `min_total`,
    /// it fails (its tokens unlock; subscribers refund). Otherwise every subscriber who is
    /// still an active member receives his tokens and the issuer is paid for them; a subscriber
    /// who is no longer an active member gets no tokens (they stay with the issuer) and his
    /// payment stays in escrow for him to `refund` (pulled, so that one failing payment cannot
    /// block the settlement). If that leaves nothing delivered or less than `min_total`, the
    /// offering fails for everyone instead.
    ///
    /// Precedence: `OfferingNotFound`, `OfferingFinalized`, `OfferingStillOpen`, `Frozen`
    /// (a successful settlement moves tokens; while frozen subscribers refund instead),
    /// `CallFailed` (the registry cannot be asked), `IssuerRestrained` (only a settlement
    /// that would deliver and pay the issuer; one that fails the offering goes through).
    pub fn settle(
        &mut self,
        ctx: Ctx,
        id: OfferingId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut offering = self.load_offering(id)?;
        if offering.status != OfferingStatus::Open {
            return Err(TokenError::OfferingFinalized);
        }
        if !offering.is_closed(ctx.now) {
            return Err(TokenError::OfferingStillOpen);
        }
        let mut outcome = Outcome::default();
        if offering.sold == 0 || offering.raised < offering.min_total {
            self.fail_offering(id, &mut offering, &mut outcome)?;
            return Ok(outcome);
        }
        self.ensure_not_frozen()?;
        // Checks: who still may receive tokens.
        let mut deliveries = Vec::new();
        let mut delivered_raised: Balance = 0;
        let mut delivered_sold: Balance = 0;
        for index in 0..offering.subscriber_count {
            let subscriber = self
                .subscriber_at
                .get((id, index))
                .ok_or(TokenError::OfferingNotFound)?;
            if members.is_active(subscriber)? {
                let position = self.subscription(id, subscriber);
                delivered_raised = delivered_raised
                    .checked_add(position.paid)
                    .ok_or(TokenError::ArithmeticOverflow)?;
                delivered_sold = delivered_sold
                    .checked_add(position.amount)
                    .ok_or(TokenError::ArithmeticOverflow)?;
                deliveries.push((subscriber, position));
            }
        }
        if delivered_sold == 0 || delivered_raised < offering.min_total {
            self.fail_offering(id, &mut offering, &mut outcome)?;
            return Ok(outcome);
        }
        self.ensure_not_restrained(ctx.now)?;
        let subscribed_in_open_offerings = self.open_units_without(&offering)?;
        // Effects.
        self.subscribed_in_open_offerings = subscribed_in_open_offerings;
        for (subscriber, mut position) in deliveries {
            let change = self
                .ledger
                .move_locked(self.issuer, subscriber, position.amount)?;
            position.paid = 0;
            position.delivered = true;
            self.subscriptions.insert((id, subscriber), &position);
            self.remove_position(subscriber, Position::Subscribed(id));
            outcome.event(transfer_event(&change));
            outcome.interact(Interaction::BalanceHook(change));
        }
        let undelivered = offering.amount.saturating_sub(delivered_sold);
        self.ledger.unlock(self.issuer, undelivered)?;
        self.release_escrow(delivered_raised)?;
        self.record_trade(delivered_raised, delivered_sold, ctx.now);
        offering.status = OfferingStatus::Settled;
        offering.sold = delivered_sold;
        offering.raised = delivered_raised;
        self.offerings.insert(id, &offering);
        outcome.event(TokenEvent::OfferingSettled(OfferingSettled {
            id,
            sold: delivered_sold,
            raised: delivered_raised,
        }));
        outcome.interact(Interaction::Pay {
            to: self.issuer,
            amount: delivered_raised,
        });
        Ok(outcome)
    }

    /// The issuer cancels an offering before it closes; subscribers refund in full.
    ///
    /// Precedence: `OfferingNotFound`, `NotIssuer`, `OfferingFinalized`, `OfferingClosed`
    /// (deadline passed or sold out: it must be settled).
    pub fn cancel_offering(&mut self, ctx: Ctx, id: OfferingId) -> Result<Outcome, TokenError> {
        let mut offering = self.load_offering(id)?;
        self.ensure_issuer(ctx.caller)?;
        if offering.status != OfferingStatus::Open {
            return Err(TokenError::OfferingFinalized);
        }
        if offering.is_closed(ctx.now) {
            return Err(TokenError::OfferingClosed);
        }
        let mut outcome = Outcome::default();
        self.fail_offering(id, &mut offering, &mut outcome)?;
        Ok(outcome)
    }

    /// A subscriber takes his payment back in full: from a failed offering, or from a settled
    /// one that delivered him nothing (he was no longer an active member). An open offering
    /// fails on the first refund if the token is frozen, or if it closed below its minimum.
    ///
    /// Precedence: `OfferingNotFound`, `NothingToRefund`, `OfferingNotFailed`.
    pub fn refund(&mut self, ctx: Ctx, id: OfferingId) -> Result<Outcome, TokenError> {
        let mut offering = self.load_offering(id)?;
        let subscriber = ctx.caller;
        let mut position = self.subscription(id, subscriber);
        if position.paid == 0 {
            return Err(TokenError::NothingToRefund);
        }
        let failing_now = offering.status == OfferingStatus::Open
            && (self.frozen
                || (offering.is_closed(ctx.now) && offering.raised < offering.min_total));
        let refundable = match offering.status {
            OfferingStatus::Failed => true,
            // Settlement zeroes the payment of every delivered position: what is left is an
            // undelivered payment (or one a recovery merged into a delivered position).
            OfferingStatus::Settled => true,
            OfferingStatus::Open => failing_now,
        };
        if !refundable {
            return Err(TokenError::OfferingNotFailed);
        }
        let mut outcome = Outcome::default();
        if failing_now {
            self.fail_offering(id, &mut offering, &mut outcome)?;
        }
        // Effects.
        let amount = position.paid;
        position.paid = 0;
        self.subscriptions.insert((id, subscriber), &position);
        self.release_escrow(amount)?;
        self.remove_position(subscriber, Position::Subscribed(id));
        outcome.event(TokenEvent::SubscriptionRefunded(SubscriptionRefunded {
            id,
            subscriber,
            amount,
        }));
        outcome.interact(Interaction::Pay {
            to: subscriber,
            amount,
        });
        Ok(outcome)
    }

    /// A subscriber leaves an open (neither settled nor failed) offering, closed or not, while
    /// its issuer is restrained or while governance says the exits of an upgrade are open
    /// (`members.exits_open()`, asked only when the issuer is not restrained): his
    /// subscription is removed (`sold` and `raised` drop by it, his subscriber slot is freed)
    /// and his payment refunded. Allowed while frozen.
    ///
    /// Precedence: `OfferingNotFound`, `NothingToRefund` (no subscription), `OfferingFinalized`
    /// (settled or failed: `refund` instead), `CallFailed` (governance cannot be asked),
    /// `WithdrawalNotAllowed` (the issuer is not restrained and the exits are closed).
    pub fn withdraw_subscription(
        &mut self,
        ctx: Ctx,
        id: OfferingId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut offering = self.load_offering(id)?;
        let subscriber = ctx.caller;
        let position = self.subscription(id, subscriber);
        if position.paid == 0 {
            return Err(TokenError::NothingToRefund);
        }
        if offering.status != OfferingStatus::Open {
            return Err(TokenError::OfferingFinalized);
        }
        if !self.is_restrained(ctx.now) && !members.exits_open()? {
            return Err(TokenError::WithdrawalNotAllowed);
        }
        let slot = self.subscriber_slot(id, offering.subscriber_count, subscriber)?;
        // Open: `sold` and `raised` are the sums of the positions.
        offering.sold = offering
            .sold
            .checked_sub(position.amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        offering.raised = offering
            .raised
            .checked_sub(position.paid)
            .ok_or(TokenError::ArithmeticOverflow)?;
        let subscribed_in_open_offerings = self
            .subscribed_in_open_offerings
            .checked_sub(position.amount)
            .ok_or(TokenError::ArithmeticOverflow)?;
        // Effects.
        self.subscribed_in_open_offerings = subscribed_in_open_offerings;
        self.release_escrow(position.paid)?;
        self.free_subscriber_slot(id, &mut offering, slot);
        self.offerings.insert(id, &offering);
        self.subscriptions.remove((id, subscriber));
        self.remove_position(subscriber, Position::Subscribed(id));
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::SubscriptionWithdrawn(SubscriptionWithdrawn {
            id,
            subscriber,
            amount: position.amount,
            refunded: position.paid,
        }));
        outcome.interact(Interaction::Pay {
            to: subscriber,
            amount: position.paid,
        });
        Ok(outcome)
    }

    /// The slot of `subscriber` among the first `count` of offering `id`.
    pub(crate) fn subscriber_slot(
        &self,
        id: OfferingId,
        count: u32,
        subscriber: AccountId,
    ) -> Result<u32, TokenError> {
        (0..count)
            .find(|index| self.subscriber_at.get((id, *index)) == Some(subscriber))
            .ok_or(TokenError::NothingToRefund)
    }

    /// Frees subscriber slot `slot` of offering `id`: the last slot moves into it and the
    /// count drops (the caller stores `offering`).
    pub(crate) fn free_subscriber_slot(
        &mut self,
        id: OfferingId,
        offering: &mut Offering,
        slot: u32,
    ) {
        let last = offering.subscriber_count.saturating_sub(1);
        if slot != last {
            if let Some(moved) = self.subscriber_at.get((id, last)) {
                self.subscriber_at.insert((id, slot), &moved);
            }
        }
        self.subscriber_at.remove((id, last));
        offering.subscriber_count = last;
    }

    /// [`TokenState::subscribed_in_open_offerings`] once the open `offering` is settled or
    /// failed.
    fn open_units_without(&self, offering: &Offering) -> Result<Balance, TokenError> {
        self.subscribed_in_open_offerings
            .checked_sub(offering.sold)
            .ok_or(TokenError::ArithmeticOverflow)
    }

    /// Marks an open offering failed and unlocks its tokens.
    fn fail_offering(
        &mut self,
        id: OfferingId,
        offering: &mut Offering,
        outcome: &mut Outcome,
    ) -> Result<(), TokenError> {
        let subscribed_in_open_offerings = self.open_units_without(offering)?;
        self.ledger.unlock(self.issuer, offering.amount)?;
        self.subscribed_in_open_offerings = subscribed_in_open_offerings;
        offering.status = OfferingStatus::Failed;
        self.offerings.insert(id, offering);
        outcome.event(TokenEvent::OfferingFailed(OfferingFailed {
            id,
            raised: offering.raised,
        }));
        Ok(())
    }
}
