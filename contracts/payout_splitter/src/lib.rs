//! # Payout splitter
//!
//! Exact pro-rata payouts to the holders of one personal token, whatever their number: when
//! the issuer sells an asset, every holder other than the issuer is owed his fraction of the
//! holders' share, and claims it whenever he likes.
//!
//! - `distribute(memo)` (payable, anyone): instant payout to the outstanding holders now.
//! - `distribute_over(duration, memo)` (payable, anyone): a stream vesting linearly, paying at
//!   least one planck per millisecond (so dust cannot hold the 8 stream slots).
//! - `end_stream(id)` (the issuer): ends a stream early, distributing what it had not released
//!   at once.
//! - `claim()` / `claim_for(holder)` / `claimable(holder)`.
//! - `PayoutHook::on_balance_change` / `on_recovery`: called by the bound token only, before
//!   each balance change, with both balances before the change.
//!
//! Accounting is an accumulator ([`pool`]): distributing and claiming cost the same at 10
//! holders and at 10,000. Rules and invariants are in [`state`]; the contract below is glue.
//!
//! The splitter never calls the token: it keeps the outstanding supply and every holder's
//! balance from the hooks, so it works inside the token's calls without reentrancy.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod events;
pub mod pool;
pub mod state;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod payout_splitter {
    use crate::events::SplitterEvent;
    use crate::pool::Stream;
    use crate::state::{Accounting, Ctx, Payment, SplitterState};
    use ink::prelude::vec::Vec;
    use interfaces::{BalanceChange, PayoutDistribution, PayoutHook, SplitterError, U256};

    /// The splitter's error type.
    pub type Error = SplitterError;
    /// The splitter's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// The payout splitter of one personal token.
    #[ink(storage)]
    pub struct PayoutSplitter {
        state: SplitterState,
    }

    impl PayoutSplitter {
        /// Binds the splitter for ever to `token` (whose whole supply must still be with
        /// `issuer`) and its `issuer`. `governance` is recorded for reference only: it has no
        /// power over a splitter, whose code never changes (claims cannot be redirected).
        #[ink(constructor)]
        pub fn new(token: AccountId, issuer: AccountId, governance: AccountId) -> Self {
            Self {
                state: SplitterState::new(token, issuer, governance),
            }
        }

        fn ctx(&self) -> Ctx {
            Ctx {
                caller: self.env().caller(),
                now: self.env().block_timestamp(),
                transferred: self.env().transferred_value(),
            }
        }

        fn emit(&self, event: SplitterEvent) {
            match event {
                SplitterEvent::Distributed(e) => self.env().emit_event(e),
                SplitterEvent::StreamStarted(e) => self.env().emit_event(e),
                SplitterEvent::StreamEnded(e) => self.env().emit_event(e),
                SplitterEvent::Claimed(e) => self.env().emit_event(e),
            }
        }

        fn pay(&self, (event, payment): (SplitterEvent, Payment)) -> Result<()> {
            self.emit(event);
            self.env()
                .transfer(payment.to, payment.amount)
                .map_err(|_| SplitterError::TransferFailed)
        }

        /// Streams the value sent to the holders, vesting linearly over `duration` (ms) from
        /// now; each later message releases what vested. The value must be at least one
        /// planck per millisecond of `duration`. Caller: anyone.
        ///
        /// # Errors
        /// In this order: `NothingToDistribute` (no value), `InvalidDuration` (zero or above
        /// ten years), `StreamTooSmall { minimum }` (below `duration` planck),
        /// `TooManyStreams` (8 running).
        ///
        /// # Events
        /// `StreamStarted`.
        #[ink(message, payable)]
        pub fn distribute_over(&mut self, duration: Timestamp, memo: Hash) -> Result<()> {
            let event = self.state.distribute_over(self.ctx(), duration, memo)?;
            self.emit(event);
            Ok(())
        }

        /// Ends running stream `id` early: what it had not released yet is distributed to the
        /// holders at once (nothing is lost) and its slot is freed. Caller: the token's
        /// issuer.
        ///
        /// # Errors
        /// In this order: `NotIssuer`, `StreamNotFound` (unknown, finished or already ended).
        ///
        /// # Events
        /// `StreamEnded`.
        #[ink(message)]
        pub fn end_stream(&mut self, id: u32) -> Result<()> {
            let event = self.state.end_stream(self.ctx(), id)?;
            self.emit(event);
            Ok(())
        }

        /// Pays the caller every whole unit he is owed. Caller: a holder (or former holder).
        ///
        /// # Errors
        /// `NothingToClaim`; `TransferFailed` if the payment is refused (for example below the
        /// existential deposit of a new account).
        ///
        /// # Events
        /// `Claimed`.
        #[ink(message)]
        pub fn claim(&mut self) -> Result<Balance> {
            let ctx = self.ctx();
            let claim = self.state.claim_for(ctx, ctx.caller)?;
            let amount = claim.1.amount;
            self.pay(claim)?;
            Ok(amount)
        }

        /// Pays `holder` every whole unit he is owed. Caller: anyone (the money goes to the
        /// holder).
        ///
        /// # Errors
        /// `NothingToClaim`; `TransferFailed`.
        ///
        /// # Events
        /// `Claimed`.
        #[ink(message)]
        pub fn claim_for(&mut self, holder: AccountId) -> Result<Balance> {
            let claim = self.state.claim_for(self.ctx(), holder)?;
            let amount = claim.1.amount;
            self.pay(claim)?;
            Ok(amount)
        }

        /// What `holder` can claim now, in whole native units.
        ///
        /// # Errors
        /// `ArithmeticOverflow` (cannot happen below `u128::MAX` received).
        #[ink(message)]
        pub fn claimable(&self, holder: AccountId) -> Result<Balance> {
            self.state.claimable(holder, self.env().block_timestamp())
        }

        /// `holder`'s exact entitlement now in `2^-128` units (`hi`: whole units, `lo`: the
        /// fraction he keeps for later).
        ///
        /// # Errors
        /// `ArithmeticOverflow` (cannot happen below `u128::MAX` received).
        #[ink(message)]
        pub fn entitlement_scaled(&self, holder: AccountId) -> Result<U256> {
            self.state
                .entitlement_scaled(holder, self.env().block_timestamp())
        }

        /// Money totals now: received, claimed, held, unvested, carried remainder.
        ///
        /// # Errors
        /// `ArithmeticOverflow` (cannot happen below `u128::MAX` received).
        #[ink(message)]
        pub fn accounting(&self) -> Result<Accounting> {
            self.state.accounting(self.env().block_timestamp())
        }

        /// The bound token.
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.state.token()
        }

        /// The token's issuer, excluded from payouts.
        #[ink(message)]
        pub fn issuer(&self) -> AccountId {
            self.state.issuer()
        }

        /// Governance.
        #[ink(message)]
        pub fn governance(&self) -> AccountId {
            self.state.governance()
        }

        /// Tokens held by others than the issuer.
        #[ink(message)]
        pub fn outstanding(&self) -> Balance {
            self.state.outstanding()
        }

        /// `holder`'s token balance as recorded by the hooks.
        #[ink(message)]
        pub fn holder_balance(&self, holder: AccountId) -> Balance {
            self.state.balance_of(holder)
        }

        /// Cumulative payout per token unit, scaled by `2^128`, as of the last message.
        #[ink(message)]
        pub fn payout_per_unit(&self) -> U256 {
            self.state.payout_per_unit()
        }

        /// The running streams (at most 8).
        #[ink(message)]
        pub fn streams(&self) -> Vec<Stream> {
            self.state.streams()
        }
    }

    impl PayoutDistribution for PayoutSplitter {
        /// Distributes the value sent (plus anything held) to the outstanding holders, pro rata
        /// to their balances now; with no holders it is held until there are. Caller: anyone.
        ///
        /// # Errors
        /// `NothingToDistribute` when nothing is sent and nothing held can go out.
        ///
        /// # Events
        /// `Distributed`.
        #[ink(message, payable)]
        fn distribute(&mut self, memo: Hash) -> Result<()> {
            let event = self.state.distribute(self.ctx(), memo)?;
            self.emit(event);
            Ok(())
        }
    }

    impl PayoutHook for PayoutSplitter {
        /// Settles both parties, then records `amount` moving from `from` to `to`. Caller: the
        /// bound token, before every balance change.
        ///
        /// # Errors
        /// `NotToken`, `InvalidAccount`, `BalanceMismatch` (the token's balances disagree with
        /// the splitter's record), `InsufficientBalance`.
        #[ink(message)]
        fn on_balance_change(&mut self, change: BalanceChange) -> Result<()> {
            let BalanceChange {
                from,
                from_before,
                to,
                to_before,
                amount,
            } = change;
            self.state
                .on_balance_change(self.ctx(), from, from_before, to, to_before, amount)
        }

        /// Moves `lost`'s balance and unclaimed payouts to `new_account`. Caller: the bound
        /// token, executing a recovery ruling.
        ///
        /// # Errors
        /// `NotToken`, `InvalidAccount`.
        #[ink(message)]
        fn on_recovery(&mut self, lost: AccountId, new_account: AccountId) -> Result<()> {
            self.state.on_recovery(self.ctx(), lost, new_account)
        }
    }
}
