//! Key recovery and the per-account index of open positions it relies on.
//!
//! A recovery ruling (governance's `recover(lost, new_account)`) moves everything of the lost
//! account and never refuses for a transient reason: whatever the lost key (or a thief holding
//! it) opened, the recovery unwinds or moves it in the same call. To do that in bounded cost,
//! every account's open positions are indexed ([`Position`], at most [`MAX_OPEN_POSITIONS`]):
//! - `Selling(id)`: an open request where he is the seller (opened by `request_transfer`,
//!   closed by execution, first refusal, rejection or cancellation);
//! - `Buying(id)`: an open funded request where he is the buyer (opened by a `fund_request`
//!   that does not execute at once, closed by `withdraw_funding`, execution, first refusal,
//!   rejection or cancellation);
//! - `Subscribed(offering)`: a subscription whose payment is in escrow (opened by his first
//!   `subscribe` to the offering, closed by delivery at `settle`, `refund` or
//!   `withdraw_subscription`).
//!
//! Opening a position past the bound is refused with `TooManyOpenPositions`. Storage: one cell
//! per account with positions (`Mapping<AccountId, Vec<Position>>`, at most 8 entries of 9
//! bytes); opening or closing a position reads and rewrites that cell; the cell is removed
//! (its deposit refunded) when the last position closes.
//!
//! At recovery, in this order: every open request where `lost` sells is cancelled (tokens
//! unlocked, a funded buyer refunded, `RequestCancelled` by governance); every funded open
//! request where `lost` buys names `new_account` as its buyer (or, if `new_account` is its
//! seller, is cancelled and the payment refunded to `new_account`); every subscription of
//! `lost` moves to `new_account` (merged into `new_account`'s subscription of the same
//! offering, freeing `lost`'s subscriber slot); then his whole balance (nothing is locked any
//! more) moves and the splitter's `on_recovery` hook moves his unclaimed payouts. The new
//! account should hold no positions: if the merge would pass the bound for it, the recovery
//! is refused with `TooManyOpenPositions` (it can close some and the ruling be executed
//! again).

use crate::events::{Recovered, RequestCancelled, TokenEvent};
use crate::ledger::transfer_event;
use crate::state::TokenState;
use crate::types::{
    Interaction, OfferingId, Outcome, Position, RequestId, RequestStatus, Subscription,
    MAX_OPEN_POSITIONS,
};
use ink::prelude::vec::Vec;
use interfaces::{AccountId, TokenError};

impl TokenState {
    /// `account`'s open positions, in the order they were opened.
    pub fn open_positions(&self, account: AccountId) -> Vec<Position> {
        self.positions.get(account).unwrap_or_default()
    }

    /// Refuses a new position for `account` once he holds [`MAX_OPEN_POSITIONS`].
    pub(crate) fn ensure_position_room(&self, account: AccountId) -> Result<(), TokenError> {
        if self.open_positions(account).len() >= MAX_OPEN_POSITIONS {
            Err(TokenError::TooManyOpenPositions)
        } else {
            Ok(())
        }
    }

    /// Records an open position (the caller checked the bound where it applies).
    pub(crate) fn add_position(&mut self, account: AccountId, position: Position) {
        let mut list = self.open_positions(account);
        if !list.contains(&position) {
            list.push(position);
            self.positions.insert(account, &list);
        }
    }

    /// Forgets a closed position (nothing to do if it was not recorded).
    pub(crate) fn remove_position(&mut self, account: AccountId, position: Position) {
        let mut list = self.open_positions(account);
        let before = list.len();
        list.retain(|p| *p != position);
        if list.len() == before {
            return;
        }
        if list.is_empty() {
            self.positions.remove(account);
        } else {
            self.positions.insert(account, &list);
        }
    }

    /// Moves everything of `lost` to `new_account` (a recovery ruling; see the module docs).
    /// Works while the token is frozen and while the issuer is restrained. A lost account with
    /// nothing moves nothing and succeeds (`Recovered` with amount 0).
    ///
    /// # Errors
    /// In this order: `NotGovernance`; `InvalidRecovery` if both are the same account;
    /// `CannotRecoverIssuer` if either is the issuer; `TooManyOpenPositions` if
    /// `new_account` would hold more than [`MAX_OPEN_POSITIONS`] afterwards.
    ///
    /// # Events
    /// `RequestCancelled` per unwound request, then `Transfer` (if the balance is positive)
    /// and `Recovered`.
    pub fn recover(
        &mut self,
        caller: AccountId,
        lost: AccountId,
        new_account: AccountId,
    ) -> Result<Outcome, TokenError> {
        self.ensure_governance(caller)?;
        if lost == new_account {
            return Err(TokenError::InvalidRecovery);
        }
        if lost == self.issuer || new_account == self.issuer {
            return Err(TokenError::CannotRecoverIssuer);
        }
        let moving = self.open_positions(lost);
        // Checks: what the new account will hold afterwards.
        let mut planned = self.open_positions(new_account);
        for position in &moving {
            match *position {
                Position::Selling(id) => {
                    let request = self.load_request(id)?;
                    if request.funded && request.buyer == new_account {
                        planned.retain(|p| *p != Position::Buying(id));
                    }
                }
                Position::Buying(id) => {
                    let request = self.load_request(id)?;
                    if request.seller == new_account {
                        planned.retain(|p| *p != Position::Selling(id));
                    } else {
                        planned.push(Position::Buying(id));
                    }
                }
                Position::Subscribed(offering) => {
                    if !planned.contains(position) {
                        planned.push(Position::Subscribed(offering));
                    }
                }
            }
        }
        if planned.len() > MAX_OPEN_POSITIONS {
            return Err(TokenError::TooManyOpenPositions);
        }
        // Effects.
        let mut outcome = Outcome::default();
        for position in moving {
            match position {
                Position::Selling(id) => {
                    let request = self.load_request(id)?;
                    let buyer = request.buyer;
                    self.close_refunding(
                        id,
                        request,
                        RequestStatus::Cancelled,
                        buyer,
                        &mut outcome,
                    )?;
                    outcome.event(cancelled(id, caller));
                }
                Position::Buying(id) => {
                    let mut request = self.load_request(id)?;
                    if request.seller == new_account {
                        // He would buy from himself: unwound, his payment back to him.
                        self.close_refunding(
                            id,
                            request,
                            RequestStatus::Cancelled,
                            new_account,
                            &mut outcome,
                        )?;
                        outcome.event(cancelled(id, caller));
                    } else {
                        request.buyer = new_account;
                        self.requests.insert(id, &request);
                        self.remove_position(lost, position);
                        self.add_position(new_account, position);
                    }
                }
                Position::Subscribed(offering) => {
                    self.move_subscription(offering, lost, new_account)?;
                }
            }
        }
        // Nothing of `lost` is locked any more: his only locks were his open requests.
        let amount = self.ledger.balance_of(lost);
        if amount > 0 {
            let change = self.ledger.move_unlocked(lost, new_account, amount)?;
            outcome.event(transfer_event(&change));
        }
        outcome.event(TokenEvent::Recovered(Recovered {
            lost,
            new_account,
            amount,
        }));
        outcome.interact(Interaction::RecoveryHook { lost, new_account });
        Ok(outcome)
    }

    /// Moves `lost`'s subscription to offering `id` to `new_account`: into his subscriber slot
    /// if `new_account` has no subscription there, else merged into `new_account`'s (the
    /// payment always; the amount unless `new_account`'s tokens were already delivered), and
    /// `lost`'s slot freed.
    fn move_subscription(
        &mut self,
        id: OfferingId,
        lost: AccountId,
        new_account: AccountId,
    ) -> Result<(), TokenError> {
        let mut offering = self.load_offering(id)?;
        let moving = self.subscription(id, lost);
        let existing = self.subscription(id, new_account);
        let slot = self.subscriber_slot(id, offering.subscriber_count, lost)?;
        let merged = if existing == Subscription::default() {
            self.subscriber_at.insert((id, slot), &new_account);
            moving
        } else {
            let paid = existing
                .paid
                .checked_add(moving.paid)
                .ok_or(TokenError::ArithmeticOverflow)?;
            let amount = if existing.delivered {
                existing.amount
            } else {
                existing
                    .amount
                    .checked_add(moving.amount)
                    .ok_or(TokenError::ArithmeticOverflow)?
            };
            self.free_subscriber_slot(id, &mut offering, slot);
            self.offerings.insert(id, &offering);
            Subscription {
                amount,
                paid,
                delivered: existing.delivered,
            }
        };
        self.subscriptions.remove((id, lost));
        self.subscriptions.insert((id, new_account), &merged);
        self.remove_position(lost, Position::Subscribed(id));
        self.add_position(new_account, Position::Subscribed(id));
        Ok(())
    }
}

fn cancelled(id: RequestId, by: AccountId) -> TokenEvent {
    TokenEvent::RequestCancelled(RequestCancelled { id, by })
}
