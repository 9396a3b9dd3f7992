//! The splitter's rules: holders' records, hooks from the bound token, distributions, streams
//! and claims.
//!
//! ## Invariants (exact; checked by the model test in `tests.rs`)
//! - `outstanding == sum of holders' balances`, and every holder balance equals the token's
//!   balance of that account (the token passes balances before each change and the splitter
//!   refuses a mismatch); the issuer has no record and earns nothing;
//! - conservation, in `2^-128` units: `total_received * 2^128 == total_claimed * 2^128 +
//!   sum(entitlement_scaled(h)) + carry + (held + unvested) * 2^128`; equivalently in native
//!   units `total_received == total_claimed + sum(claimable(h)) + undistributed_remainder`,
//!   where the remainder is `held + unvested + (carry + sum of holders' fractions) / 2^128`;
//! - the contract's balance is at least `total_received - total_claimed`;
//! - a holder who buys after a distribution gets nothing of it; one who sells keeps what
//!   accrued before the sale (each hook settles both parties before the change).

use crate::events::{Claimed, Distributed, SplitterEvent, StreamEnded, StreamStarted};
use crate::pool::{Pool, Stream, MAX_STREAMS, MAX_STREAM_DURATION, MIN_STREAM_RATE_PER_MS};
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use interfaces::{AccountId, Balance, Hash, SplitterError, Timestamp, U256};

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

/// One holder's record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct HolderAccount {
    /// Token balance (mirrors the token).
    pub balance: Balance,
    /// `payout_per_unit` when the holder was last settled.
    pub checkpoint: U256,
    /// Settled, unclaimed entitlement in `2^-128` units: `hi` whole units, `lo` a fraction.
    pub credit: U256,
}

/// Totals of the splitter's money, for the conservation check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Accounting {
    /// Everything ever paid in (instant and streamed).
    pub total_received: Balance,
    /// Everything ever paid out to holders.
    pub total_claimed: Balance,
    /// Received while there were no holders, waiting for the next distribution.
    pub held: Balance,
    /// Paid into streams and not yet vested.
    pub unvested: Balance,
    /// Sub-unit remainder carried into the next distribution, in `2^-128` units.
    pub carry_scaled: u128,
}

/// A native payment to make after the state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// Recipient.
    pub to: AccountId,
    /// Amount.
    pub amount: Balance,
}

/// The payout splitter of one personal token.
#[ink::storage_item]
#[derive(Debug)]
pub struct SplitterState {
    token: AccountId,
    issuer: AccountId,
    governance: AccountId,
    pool: Pool,
    total_received: Balance,
    total_claimed: Balance,
    next_stream_id: u32,
    holders: Mapping<AccountId, HolderAccount>,
}

impl SplitterState {
    /// A splitter bound for ever to `token` and its `issuer`; `governance` is recorded for
    /// reference (it has no power here: a splitter has no upgrade and no privileged message
    /// but the issuer's `end_stream` and the token's hooks).
    /// The token must be fresh (its whole supply with the issuer): outstanding starts at 0.
    pub fn new(token: AccountId, issuer: AccountId, governance: AccountId) -> SplitterState {
        SplitterState {
            token,
            issuer,
            governance,
            pool: Pool::default(),
            total_received: 0,
            total_claimed: 0,
            next_stream_id: 0,
            holders: Mapping::default(),
        }
    }

    // ----- queries -------------------------------------------------------------------------

    /// The bound token.
    pub fn token(&self) -> AccountId {
        self.token
    }

    /// The token's issuer (excluded from payouts).
    pub fn issuer(&self) -> AccountId {
        self.issuer
    }

    /// Governance (may upgrade the code).
    pub fn governance(&self) -> AccountId {
        self.governance
    }

    /// Tokens held by others than the issuer.
    pub fn outstanding(&self) -> Balance {
        self.pool.outstanding
    }

    /// `holder`'s token balance as the splitter knows it.
    pub fn balance_of(&self, holder: AccountId) -> Balance {
        self.account(holder).balance
    }

    /// Cumulative payout per token unit, scaled by `2^128`, as of the last message.
    pub fn payout_per_unit(&self) -> U256 {
        self.pool.payout_per_unit
    }

    /// Running streams.
    pub fn streams(&self) -> Vec<Stream> {
        self.pool.streams.clone()
    }

    /// `holder`'s exact entitlement at `now` in `2^-128` units (whole units in `hi`).
    pub fn entitlement_scaled(
        &self,
        holder: AccountId,
        now: Timestamp,
    ) -> Result<U256, SplitterError> {
        let mut pool = self.pool.clone();
        pool.accrue_streams(now)?;
        let account = self.account(holder);
        let accrued = pool.accrued(account.balance, account.checkpoint)?;
        account
            .credit
            .checked_add(accrued)
            .ok_or(SplitterError::ArithmeticOverflow)
    }

    /// What `holder` can claim at `now`, in whole native units.
    pub fn claimable(&self, holder: AccountId, now: Timestamp) -> Result<Balance, SplitterError> {
        Ok(self.entitlement_scaled(holder, now)?.hi)
    }

    /// Money totals at `now` (streams vested up to `now`).
    pub fn accounting(&self, now: Timestamp) -> Result<Accounting, SplitterError> {
        let mut pool = self.pool.clone();
        pool.accrue_streams(now)?;
        Ok(Accounting {
            total_received: self.total_received,
            total_claimed: self.total_claimed,
            held: pool.held,
            unvested: pool.unvested(),
            carry_scaled: pool.carry,
        })
    }

    fn account(&self, holder: AccountId) -> HolderAccount {
        self.holders.get(holder).unwrap_or_default()
    }

    // ----- internal ------------------------------------------------------------------------

    /// `holder`'s record with everything accrued up to the current `payout_per_unit` moved
    /// into its credit.
    fn settled(&self, holder: AccountId) -> Result<HolderAccount, SplitterError> {
        let mut account = self.account(holder);
        let accrued = self.pool.accrued(account.balance, account.checkpoint)?;
        account.credit = account
            .credit
            .checked_add(accrued)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        account.checkpoint = self.pool.payout_per_unit;
        Ok(account)
    }

    fn store(&mut self, holder: AccountId, account: &HolderAccount) {
        if account.balance == 0 && account.credit.is_zero() {
            self.holders.remove(holder);
        } else {
            self.holders.insert(holder, account);
        }
    }

    fn receive(&mut self, amount: Balance) -> Result<(), SplitterError> {
        self.total_received = self
            .total_received
            .checked_add(amount)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        Ok(())
    }

    // ----- hooks (bound token only) --------------------------------------------------------

    /// Settles `from` and `to`, then records `amount` moving between them. The issuer has no
    /// record: tokens leaving him join the outstanding supply, tokens reaching him leave it.
    ///
    /// Precedence: `NotToken`, `InvalidAccount` (`from == to`), `BalanceMismatch`,
    /// `InsufficientBalance`.
    pub fn on_balance_change(
        &mut self,
        ctx: Ctx,
        from: AccountId,
        from_before: Balance,
        to: AccountId,
        to_before: Balance,
        amount: Balance,
    ) -> Result<(), SplitterError> {
        if ctx.caller != self.token {
            return Err(SplitterError::NotToken);
        }
        if from == to {
            return Err(SplitterError::InvalidAccount);
        }
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        let previous_pool = core::mem::replace(&mut self.pool, pool);
        let result = self.apply_balance_change(from, from_before, to, to_before, amount);
        if result.is_err() {
            // Nothing may change on an error (off-chain tests do not revert storage).
            self.pool = previous_pool;
        }
        result
    }

    fn apply_balance_change(
        &mut self,
        from: AccountId,
        from_before: Balance,
        to: AccountId,
        to_before: Balance,
        amount: Balance,
    ) -> Result<(), SplitterError> {
        let mut outstanding = self.pool.outstanding;
        let sender = if from == self.issuer {
            outstanding = outstanding
                .checked_add(amount)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            None
        } else {
            let mut account = self.settled(from)?;
            if account.balance != from_before {
                return Err(SplitterError::BalanceMismatch);
            }
            account.balance = account
                .balance
                .checked_sub(amount)
                .ok_or(SplitterError::InsufficientBalance)?;
            Some(account)
        };
        let receiver = if to == self.issuer {
            outstanding = outstanding
                .checked_sub(amount)
                .ok_or(SplitterError::InsufficientBalance)?;
            None
        } else {
            let mut account = self.settled(to)?;
            if account.balance != to_before {
                return Err(SplitterError::BalanceMismatch);
            }
            account.balance = account
                .balance
                .checked_add(amount)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            Some(account)
        };
        // Effects: every check passed.
        if let Some(account) = sender {
            self.store(from, &account);
        }
        if let Some(account) = receiver {
            self.store(to, &account);
        }
        self.pool.outstanding = outstanding;
        Ok(())
    }

    /// Moves `lost`'s balance and unclaimed entitlement to `new_account` (recovery ruling).
    ///
    /// Precedence: `NotToken`, `InvalidAccount` (either is the issuer, or both the same).
    pub fn on_recovery(
        &mut self,
        ctx: Ctx,
        lost: AccountId,
        new_account: AccountId,
    ) -> Result<(), SplitterError> {
        if ctx.caller != self.token {
            return Err(SplitterError::NotToken);
        }
        if lost == new_account || lost == self.issuer || new_account == self.issuer {
            return Err(SplitterError::InvalidAccount);
        }
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        let previous_pool = core::mem::replace(&mut self.pool, pool);
        let merged = self.settled(lost).and_then(|old| {
            let mut new = self.settled(new_account)?;
            new.balance = new
                .balance
                .checked_add(old.balance)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            new.credit = new
                .credit
                .checked_add(old.credit)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            Ok(new)
        });
        match merged {
            Ok(new) => {
                self.holders.remove(lost);
                self.store(new_account, &new);
                Ok(())
            }
            Err(error) => {
                self.pool = previous_pool;
                Err(error)
            }
        }
    }

    // ----- payments in ---------------------------------------------------------------------

    /// Distributes the value sent (plus anything held) to the outstanding holders now; with
    /// no holders it is held. Open to anyone.
    ///
    /// # Errors
    /// `NothingToDistribute` when no value is sent and nothing held can be distributed.
    pub fn distribute(&mut self, ctx: Ctx, memo: Hash) -> Result<SplitterEvent, SplitterError> {
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        if ctx.transferred == 0 && (pool.held == 0 || pool.outstanding == 0) {
            return Err(SplitterError::NothingToDistribute);
        }
        let total_received = self
            .total_received
            .checked_add(ctx.transferred)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        let distribution = pool.distribute(ctx.transferred)?;
        // Effects.
        self.pool = pool;
        self.total_received = total_received;
        Ok(SplitterEvent::Distributed(Distributed {
            payer: ctx.caller,
            amount: ctx.transferred,
            from_held: distribution.from_held,
            outstanding: distribution.outstanding,
            memo,
        }))
    }

    /// Streams the value sent to the holders, vesting linearly over `duration` from now. The
    /// amount must pay at least [`MIN_STREAM_RATE_PER_MS`] per millisecond of the duration, so
    /// the stream vests at every block and a slot cannot be held with dust.
    ///
    /// # Errors
    /// In this order: `NothingToDistribute` (no value), `InvalidDuration` (zero or above ten
    /// years), `StreamTooSmall` (less than `duration * MIN_STREAM_RATE_PER_MS`),
    /// `TooManyStreams` ([`MAX_STREAMS`] running).
    pub fn distribute_over(
        &mut self,
        ctx: Ctx,
        duration: Timestamp,
        memo: Hash,
    ) -> Result<SplitterEvent, SplitterError> {
        if ctx.transferred == 0 {
            return Err(SplitterError::NothingToDistribute);
        }
        if duration == 0 || duration > MAX_STREAM_DURATION {
            return Err(SplitterError::InvalidDuration);
        }
        let minimum = u128::from(duration)
            .checked_mul(MIN_STREAM_RATE_PER_MS)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        if ctx.transferred < minimum {
            return Err(SplitterError::StreamTooSmall { minimum });
        }
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        if pool.streams.len() >= MAX_STREAMS {
            return Err(SplitterError::TooManyStreams);
        }
        let id = self.next_stream_id;
        let next_id = id.checked_add(1).ok_or(SplitterError::ArithmeticOverflow)?;
        let stream = Stream {
            id,
            payer: ctx.caller,
            amount: ctx.transferred,
            start: ctx.now,
            duration,
            released: 0,
            memo,
        };
        pool.streams.push(stream);
        // Effects.
        self.receive(ctx.transferred)?;
        self.pool = pool;
        self.next_stream_id = next_id;
        Ok(SplitterEvent::StreamStarted(StreamStarted {
            id,
            payer: ctx.caller,
            amount: ctx.transferred,
            start: ctx.now,
            duration,
            memo,
        }))
    }

    /// The issuer ends running stream `id` early: what vested until now is released as usual,
    /// and everything the stream had not released yet is distributed to the outstanding
    /// holders at once (held if there are none). No value is lost and the slot is freed, so
    /// nobody can keep the streaming feature from the issuer by filling its slots.
    ///
    /// # Errors
    /// In this order: `NotIssuer`; `StreamNotFound` (no running stream has this id: unknown,
    /// finished vesting, or already ended).
    pub fn end_stream(&mut self, ctx: Ctx, id: u32) -> Result<SplitterEvent, SplitterError> {
        if ctx.caller != self.issuer {
            return Err(SplitterError::NotIssuer);
        }
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        let (stream, remainder) = pool.end_stream(id)?.ok_or(SplitterError::StreamNotFound)?;
        // Effects.
        self.pool = pool;
        Ok(SplitterEvent::StreamEnded(StreamEnded {
            id,
            payer: stream.payer,
            remainder,
            outstanding: self.pool.outstanding,
        }))
    }

    // ----- payments out --------------------------------------------------------------------

    /// Pays `holder` every whole unit he is owed (his fraction stays for later). `claim` is
    /// `claim_for(caller)`; anyone may push a holder's payout to that holder.
    ///
    /// # Errors
    /// `NothingToClaim`.
    pub fn claim_for(
        &mut self,
        ctx: Ctx,
        holder: AccountId,
    ) -> Result<(SplitterEvent, Payment), SplitterError> {
        let mut pool = self.pool.clone();
        pool.accrue_streams(ctx.now)?;
        let previous_pool = core::mem::replace(&mut self.pool, pool);
        let claim = self.settled(holder).and_then(|account| {
            if account.credit.hi == 0 {
                return Err(SplitterError::NothingToClaim);
            }
            let total_claimed = self
                .total_claimed
                .checked_add(account.credit.hi)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            Ok((account, total_claimed))
        });
        let (mut account, total_claimed) = match claim {
            Ok(claim) => claim,
            Err(error) => {
                self.pool = previous_pool;
                return Err(error);
            }
        };
        // Effects.
        let amount = account.credit.hi;
        account.credit.hi = 0;
        self.store(holder, &account);
        self.total_claimed = total_claimed;
        Ok((
            SplitterEvent::Claimed(Claimed {
                holder,
                amount,
                by: ctx.caller,
            }),
            Payment { to: holder, amount },
        ))
    }
}
