//! Approved secondary sales: delivery versus payment.
//!
//! Life of a request (`d` = decision period, `t0` = creation):
//! ```text
//!  request_transfer ──► Pending ──approve (unfunded)──► Approved ──fund──► Executed
//!                         │  │                             │
//!                         │  └─approve (funded or price 0)─┴──────────────► Executed
//!                         ├─ exercise_first_refusal ────────────────────────► Preempted
//!                         ├─ reject_transfer ────────────────────────────────► Rejected
//!                         └─ cancel_request ─────────────────────────────────► Cancelled
//!  decision deadline  = t0 + d: silence approves if `auto_approve` (then anyone may
//!                       `execute_transfer` a funded request), else the seller may cancel;
//!  settlement deadline = t0 + 2d: the request can no longer execute; anyone may cancel it.
//! ```
//! Exits always release: the locked tokens return to the seller's free balance and an
//! escrowed price to the buyer, whichever way a request closes.
//!
//! ## Refunds nobody can block
//! A price is 0 (a gift: nothing is escrowed or paid) or at least the chain's existential
//! deposit, checked by `request_transfer` and again by `fund_request`
//! (`BelowExistentialDeposit`). Every payment of a request (the refund pushed by
//! `reject_transfer`, `cancel_request`, `exercise_first_refusal` and a recovery, the buyer's
//! own `withdraw_funding`, and the seller's price at execution) is therefore at least the
//! existential deposit, and recreates a recipient whose account was reaped in the meantime
//! instead of failing and keeping the request open.
//!
//! ## Exits during an upgrade
//! Once approved (by the issuer or by his silence), a funded request normally waits for its
//! execution: its buyer may not withdraw. He may while governance says that the exits of an
//! upgrade are open (`Membership::exits_open`, asked only when the normal rule refuses), so
//! that nobody's payment stays in a contract whose code is about to change.

use crate::events::{
    FirstRefusalExercised, FundingWithdrawn, RequestCancelled, RequestFunded, TokenEvent,
    TransferApproved, TransferExecuted, TransferRejected, TransferRequested,
};
use crate::ledger::transfer_event;
use crate::state::{Ctx, Membership, TokenState};
use crate::types::{
    Interaction, Outcome, Position, RequestId, RequestStatus, TransferRequest, MAX_REASON_LEN,
};
use ink::prelude::string::String;
use interfaces::{restriction, AccountId, Balance, TokenError};

impl TokenState {
    /// The request `id`.
    pub fn request(&self, id: RequestId) -> Option<TransferRequest> {
        self.requests.get(id)
    }

    /// Number of requests ever made (ids are `0..request_count`).
    pub fn request_count(&self) -> RequestId {
        self.next_request_id
    }

    pub(crate) fn load_request(&self, id: RequestId) -> Result<TransferRequest, TokenError> {
        self.requests.get(id).ok_or(TokenError::RequestNotFound)
    }

    /// The seller asks to sell `amount` to `buyer` for `price` (0, a gift, or at least
    /// `existential_deposit`, the chain's); the amount is locked.
    ///
    /// Precedence: `NotWired`, `Frozen`, `IssuerNotAllowed`, `ZeroAmount`, `SelfTransfer`,
    /// `BelowExistentialDeposit`, `Restricted(3|4)` (seller or buyer not an active member),
    /// `InsufficientUnlockedBalance`, `TooManyOpenPositions` (the seller already has
    /// `MAX_OPEN_POSITIONS`).
    pub fn request_transfer(
        &mut self,
        ctx: Ctx,
        buyer: AccountId,
        amount: Balance,
        price: Balance,
        existential_deposit: Balance,
        members: &impl Membership,
    ) -> Result<(RequestId, Outcome), TokenError> {
        self.ensure_links()?;
        self.ensure_not_frozen()?;
        let seller = ctx.caller;
        if seller == self.issuer {
            return Err(TokenError::IssuerNotAllowed);
        }
        if amount == 0 {
            return Err(TokenError::ZeroAmount);
        }
        if buyer == seller {
            return Err(TokenError::SelfTransfer);
        }
        Self::ensure_refundable(price, existential_deposit)?;
        self.ensure_members(seller, buyer, members)?;
        if self.ledger.unlocked_of(seller) < amount {
            return Err(TokenError::InsufficientUnlockedBalance);
        }
        self.ensure_position_room(seller)?;
        let decision_deadline = ctx
            .now
            .checked_add(self.decision_period)
            .ok_or(TokenError::ArithmeticOverflow)?;
        let settlement_deadline = decision_deadline
            .checked_add(self.decision_period)
            .ok_or(TokenError::ArithmeticOverflow)?;
        let id = self.next_request_id;
        let next_id = id.checked_add(1).ok_or(TokenError::ArithmeticOverflow)?;
        // Effects.
        self.ledger.lock(seller, amount)?;
        self.add_position(seller, Position::Selling(id));
        self.next_request_id = next_id;
        self.requests.insert(
            id,
            &TransferRequest {
                seller,
                buyer,
                amount,
                price,
                created_at: ctx.now,
                decision_deadline,
                settlement_deadline,
                funded: false,
                status: RequestStatus::Pending,
            },
        );
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::TransferRequested(TransferRequested {
            id,
            seller,
            buyer,
            amount,
            price,
            decision_deadline,
            settlement_deadline,
        }));
        Ok((id, outcome))
    }

    /// The buyer pays exactly the price into escrow. If the request is already approved (by
    /// the issuer or by silence) it executes at once. Both parties must still be active
    /// members: a payment for a request that cannot execute would only wait to be withdrawn.
    /// The price must still be at least `existential_deposit` (the chain's, which may have
    /// risen since the request was made): a refund of it must never fail.
    ///
    /// Precedence: `RequestNotFound`, `NotBuyer`, `RequestClosed`, `AlreadyFunded`,
    /// `NothingToFund`, `BelowExistentialDeposit`, `Frozen`, `RequestExpired`,
    /// `WrongPayment`, `Restricted(3|4)`, `TooManyOpenPositions` (only if the request stays
    /// open: the buyer already has `MAX_OPEN_POSITIONS`).
    pub fn fund_request(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        existential_deposit: Balance,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut request = self.load_request(id)?;
        if ctx.caller != request.buyer {
            return Err(TokenError::NotBuyer);
        }
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        if request.funded {
            return Err(TokenError::AlreadyFunded);
        }
        if request.price == 0 {
            return Err(TokenError::NothingToFund);
        }
        Self::ensure_refundable(request.price, existential_deposit)?;
        self.ensure_not_frozen()?;
        if request.is_expired(ctx.now) {
            return Err(TokenError::RequestExpired);
        }
        if ctx.transferred != request.price {
            return Err(TokenError::WrongPayment {
                expected: request.price,
                received: ctx.transferred,
            });
        }
        // Funding a request that cannot execute would only strand the payment.
        self.ensure_members(request.seller, request.buyer, members)?;
        let approved = request.is_approved(ctx.now, self.auto_approve);
        if !approved {
            self.ensure_position_room(request.buyer)?;
        }
        // Effects.
        request.funded = true;
        self.add_escrow(request.price)?;
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::RequestFunded(RequestFunded {
            id,
            price: request.price,
        }));
        if approved {
            self.execute(ctx, id, request, &mut outcome)?;
        } else {
            self.requests.insert(id, &request);
            self.add_position(request.buyer, Position::Buying(id));
        }
        Ok(outcome)
    }

    /// The buyer takes his escrowed payment back. Allowed while the request is not approved,
    /// after its settlement deadline, while the token is frozen, while it cannot execute
    /// because a party is no longer an active member, or (asked only when none of these
    /// holds) while governance says the exits of an upgrade are open. The request stays open,
    /// unfunded.
    ///
    /// Precedence: `RequestNotFound`, `NotBuyer`, `RequestClosed`, `NotFunded`, `CallFailed`
    /// (the registry, or then governance, cannot be asked), `CannotWithdrawYet` (approved,
    /// executable, and the exits are closed).
    pub fn withdraw_funding(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut request = self.load_request(id)?;
        if ctx.caller != request.buyer {
            return Err(TokenError::NotBuyer);
        }
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        if !request.funded {
            return Err(TokenError::NotFunded);
        }
        let may_withdraw = self.frozen
            || request.is_expired(ctx.now)
            || !request.is_approved(ctx.now, self.auto_approve)
            || !self.can_execute(&request, members)?
            || members.exits_open()?;
        if !may_withdraw {
            return Err(TokenError::CannotWithdrawYet);
        }
        // Effects.
        request.funded = false;
        self.release_escrow(request.price)?;
        self.requests.insert(id, &request);
        self.remove_position(request.buyer, Position::Buying(id));
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::FundingWithdrawn(FundingWithdrawn {
            id,
            price: request.price,
        }));
        outcome.interact(Interaction::Pay {
            to: request.buyer,
            amount: request.price,
        });
        Ok(outcome)
    }

    /// The issuer approves. A funded (or free) request executes at once; otherwise it waits
    /// for the buyer's payment until the settlement deadline.
    ///
    /// Precedence: `RequestNotFound`, `NotIssuer`, `AlreadyApproved`, `RequestClosed`,
    /// `Frozen`, `RequestExpired`, then the execution's errors (`Restricted(3|4)`).
    pub fn approve_transfer(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let mut request = self.load_request(id)?;
        self.ensure_issuer(ctx.caller)?;
        match request.status {
            RequestStatus::Pending => {}
            RequestStatus::Approved => return Err(TokenError::AlreadyApproved),
            _ => return Err(TokenError::RequestClosed),
        }
        self.ensure_not_frozen()?;
        if request.is_expired(ctx.now) {
            return Err(TokenError::RequestExpired);
        }
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::TransferApproved(TransferApproved { id }));
        if request.funded || request.price == 0 {
            self.ensure_members(request.seller, request.buyer, members)?;
            self.execute(ctx, id, request, &mut outcome)?;
        } else {
            request.status = RequestStatus::Approved;
            self.requests.insert(id, &request);
        }
        Ok(outcome)
    }

    /// Anyone executes a request approved by silence (`auto_approve` after the decision
    /// deadline) or by the issuer, once funded.
    ///
    /// Precedence: `RequestNotFound`, `RequestClosed`, `NotApproved`, `NotFunded`, `Frozen`,
    /// `RequestExpired`, `Restricted(3|4)`.
    pub fn execute_transfer(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let request = self.load_request(id)?;
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        if !request.is_approved(ctx.now, self.auto_approve) {
            return Err(TokenError::NotApproved);
        }
        if !request.funded && request.price > 0 {
            return Err(TokenError::NotFunded);
        }
        self.ensure_not_frozen()?;
        if request.is_expired(ctx.now) {
            return Err(TokenError::RequestExpired);
        }
        self.ensure_members(request.seller, request.buyer, members)?;
        let mut outcome = Outcome::default();
        self.execute(ctx, id, request, &mut outcome)?;
        Ok(outcome)
    }

    /// Delivery versus payment, after every check: tokens to the buyer, escrow to the seller.
    fn execute(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        mut request: TransferRequest,
        outcome: &mut Outcome,
    ) -> Result<(), TokenError> {
        let change = self
            .ledger
            .move_locked(request.seller, request.buyer, request.amount)?;
        if request.price > 0 {
            self.release_escrow(request.price)?;
        }
        self.remove_position(request.seller, Position::Selling(id));
        if request.funded {
            self.remove_position(request.buyer, Position::Buying(id));
        }
        request.status = RequestStatus::Executed;
        request.funded = false;
        self.requests.insert(id, &request);
        self.record_trade(request.price, request.amount, ctx.now);
        outcome.event(transfer_event(&change));
        outcome.event(TokenEvent::TransferExecuted(TransferExecuted {
            id,
            seller: request.seller,
            buyer: request.buyer,
            amount: request.amount,
            price: request.price,
        }));
        outcome.interact(Interaction::BalanceHook(change));
        if request.price > 0 {
            outcome.interact(Interaction::Pay {
                to: request.seller,
                amount: request.price,
            });
        }
        Ok(())
    }

    /// The issuer rejects a request he has not approved yet, stating why; tokens unlocked,
    /// escrow refunded. Allowed while frozen (it only unwinds). Once the issuer approved, or his
    /// silence did (`auto_approve` after the decision deadline), his decision is made: a funded
    /// buyer can count on execution.
    ///
    /// Precedence: `RequestNotFound`, `NotIssuer`, `RequestClosed`, `AlreadyApproved`,
    /// `ReasonTooLong`.
    pub fn reject_transfer(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        reason: String,
    ) -> Result<Outcome, TokenError> {
        let request = self.load_request(id)?;
        self.ensure_issuer(ctx.caller)?;
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        if request.is_approved(ctx.now, self.auto_approve) {
            return Err(TokenError::AlreadyApproved);
        }
        if reason.len() > MAX_REASON_LEN {
            return Err(TokenError::ReasonTooLong);
        }
        let mut outcome = Outcome::default();
        self.close(id, request, RequestStatus::Rejected, &mut outcome)?;
        outcome.event(TokenEvent::TransferRejected(TransferRejected {
            id,
            reason,
        }));
        Ok(outcome)
    }

    /// The issuer buys the tokens himself at the request's price, paying it with this message;
    /// the seller is paid and the buyer's escrow refunded. Part of the issuer's decision: not
    /// once he (or his silence) approved the request, and not on a gift (price 0).
    ///
    /// Precedence: `RequestNotFound`, `NotIssuer`, `RequestClosed`, `AlreadyApproved`,
    /// `GiftCannotBePreempted`, `Frozen`, `IssuerRestrained`, `RequestExpired`,
    /// `WrongPayment`.
    pub fn exercise_first_refusal(
        &mut self,
        ctx: Ctx,
        id: RequestId,
    ) -> Result<Outcome, TokenError> {
        let mut request = self.load_request(id)?;
        self.ensure_issuer(ctx.caller)?;
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        if request.is_approved(ctx.now, self.auto_approve) {
            return Err(TokenError::AlreadyApproved);
        }
        if request.price == 0 {
            return Err(TokenError::GiftCannotBePreempted);
        }
        self.ensure_not_frozen()?;
        self.ensure_not_restrained(ctx.now)?;
        if request.is_expired(ctx.now) {
            return Err(TokenError::RequestExpired);
        }
        if ctx.transferred != request.price {
            return Err(TokenError::WrongPayment {
                expected: request.price,
                received: ctx.transferred,
            });
        }
        // Effects.
        let change = self
            .ledger
            .move_locked(request.seller, self.issuer, request.amount)?;
        let refund_buyer = request.funded;
        if refund_buyer {
            self.release_escrow(request.price)?;
            self.remove_position(request.buyer, Position::Buying(id));
        }
        self.remove_position(request.seller, Position::Selling(id));
        request.status = RequestStatus::Preempted;
        request.funded = false;
        self.requests.insert(id, &request);
        self.record_trade(request.price, request.amount, ctx.now);
        let mut outcome = Outcome::default();
        outcome.event(transfer_event(&change));
        outcome.event(TokenEvent::FirstRefusalExercised(FirstRefusalExercised {
            id,
            amount: request.amount,
            price: request.price,
        }));
        outcome.interact(Interaction::BalanceHook(change));
        if request.price > 0 {
            outcome.interact(Interaction::Pay {
                to: request.seller,
                amount: request.price,
            });
            if refund_buyer {
                outcome.interact(Interaction::Pay {
                    to: request.buyer,
                    amount: request.price,
                });
            }
        }
        Ok(outcome)
    }

    /// Cancels an open request; tokens unlocked and escrow refunded. The seller may cancel
    /// while the request is not approved (by the issuer or by silence), while the token is
    /// frozen, while it cannot execute because a party is no longer an active member, or
    /// after the settlement deadline; anyone may cancel after the settlement deadline.
    ///
    /// Precedence: `RequestNotFound`, `RequestClosed`, `NotSeller` (someone else before the
    /// deadline), `CannotCancelYet`, `CallFailed` (the registry cannot be asked).
    pub fn cancel_request(
        &mut self,
        ctx: Ctx,
        id: RequestId,
        members: &impl Membership,
    ) -> Result<Outcome, TokenError> {
        let request = self.load_request(id)?;
        if !request.is_open() {
            return Err(TokenError::RequestClosed);
        }
        let expired = request.is_expired(ctx.now);
        if ctx.caller != request.seller && !expired {
            return Err(TokenError::NotSeller);
        }
        if !expired
            && !self.frozen
            && request.is_approved(ctx.now, self.auto_approve)
            && self.can_execute(&request, members)?
        {
            return Err(TokenError::CannotCancelYet);
        }
        let mut outcome = Outcome::default();
        self.close(id, request, RequestStatus::Cancelled, &mut outcome)?;
        outcome.event(TokenEvent::RequestCancelled(RequestCancelled {
            id,
            by: ctx.caller,
        }));
        Ok(outcome)
    }

    /// Closes an open request without executing it: unlock, refund the buyer, record the
    /// status.
    fn close(
        &mut self,
        id: RequestId,
        request: TransferRequest,
        status: RequestStatus,
        outcome: &mut Outcome,
    ) -> Result<(), TokenError> {
        let buyer = request.buyer;
        self.close_refunding(id, request, status, buyer, outcome)
    }

    /// [`Self::close`] with the escrowed price paid to `refund_to` (a recovery may refund a
    /// lost buyer's payment to his new account).
    pub(crate) fn close_refunding(
        &mut self,
        id: RequestId,
        mut request: TransferRequest,
        status: RequestStatus,
        refund_to: AccountId,
        outcome: &mut Outcome,
    ) -> Result<(), TokenError> {
        self.ledger.unlock(request.seller, request.amount)?;
        self.remove_position(request.seller, Position::Selling(id));
        if request.funded {
            self.release_escrow(request.price)?;
            self.remove_position(request.buyer, Position::Buying(id));
            outcome.interact(Interaction::Pay {
                to: refund_to,
                amount: request.price,
            });
        }
        request.status = status;
        request.funded = false;
        self.requests.insert(id, &request);
        Ok(())
    }

    /// Whether both parties are still active members (so that the request could execute).
    fn can_execute(
        &self,
        request: &TransferRequest,
        members: &impl Membership,
    ) -> Result<bool, TokenError> {
        match self.ensure_members(request.seller, request.buyer, members) {
            Ok(()) => Ok(true),
            Err(TokenError::Restricted(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// The restriction code that would stop request `id` from executing now (`0` if none):
    /// frozen, or seller or buyer no longer an active member.
    pub fn request_restriction(
        &self,
        id: RequestId,
        members: &impl Membership,
    ) -> Result<u8, TokenError> {
        let request = self.load_request(id)?;
        if self.frozen {
            return Ok(restriction::FROZEN);
        }
        match self.ensure_members(request.seller, request.buyer, members) {
            Ok(()) => Ok(restriction::SUCCESS),
            Err(TokenError::Restricted(code)) => Ok(code),
            Err(other) => Err(other),
        }
    }
}
