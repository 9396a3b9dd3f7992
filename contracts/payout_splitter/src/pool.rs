//! The accumulator: what one token unit has earned since the splitter was bound.
//!
//! `payout_per_unit` grows by `amount * 2^128 / outstanding` at every distribution. A holder's
//! entitlement for a period in which he held `b` units is `b * (payout_per_unit_now -
//! payout_per_unit_then)`, in units of `2^-128` of the native currency: the high 128 bits are
//! whole units, the low 128 bits a fraction he keeps for later. Distribution and claim cost the
//! same whatever the number of holders.
//!
//! ## Exactness and bounds
//! - The division remainder of every distribution (`carry`, in `2^-128` units, always below
//!   `outstanding`) is added to the next distribution's numerator: nothing is lost.
//! - Money that arrives while nobody but the issuer holds tokens is `held` and joins the next
//!   distribution made while there are holders.
//! - With `total_received <= u128::MAX`, every numerator `amount * 2^128 + carry` and the
//!   accumulator itself stay below `total_received * 2^128 < 2^256`, and a holder's entitlement
//!   `b * delta` is at most the sum of `outstanding * increment` over the distributions he held
//!   through, which is bounded the same way. All operations are checked anyway.
//! - Streams vest linearly and lazily: every message first releases what vested since the last
//!   message (`floor(amount * elapsed / duration) - released`) as a distribution. At most
//!   [`MAX_STREAMS`] run at once, so this loop is bounded. A stream pays at least
//!   [`MIN_STREAM_RATE_PER_MS`] per millisecond, so it vests at every block; the issuer may end
//!   one early, and what it had not released is distributed at once (nothing is lost).

use ink::prelude::vec::Vec;
use interfaces::{AccountId, Balance, Hash, SplitterError, Timestamp, U256};

/// Most streams running at once. `distribute_over` fails with `TooManyStreams` at the bound;
/// a stream leaves the set when fully vested or when the issuer ends it (`end_stream`), or
/// the payer can use `distribute` instead. Every message releases vested amounts of all
/// running streams, so the bound caps that work.
pub const MAX_STREAMS: usize = 8;
/// Longest stream accepted: ten years (ms).
pub const MAX_STREAM_DURATION: Timestamp = 10 * 365 * 24 * 60 * 60 * 1000;
/// Least a stream pays per millisecond of its duration (planck): `distribute_over` refuses an
/// amount below `duration * MIN_STREAM_RATE_PER_MS` (`StreamTooSmall`). A stream therefore
/// vests something at every block, and holding a slot costs real money: all [`MAX_STREAMS`]
/// slots for [`MAX_STREAM_DURATION`] take at least `8 * 3.1536e11` planck, and the issuer can
/// end any stream and pay that money to the holders at once.
pub const MIN_STREAM_RATE_PER_MS: Balance = 1;

/// An amount vesting linearly to the holders over `duration` from `start`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Stream {
    /// Sequential id.
    pub id: u32,
    /// Who paid it in.
    pub payer: AccountId,
    /// Total amount.
    pub amount: Balance,
    /// Vesting starts here.
    pub start: Timestamp,
    /// Vesting length (ms).
    pub duration: Timestamp,
    /// Already released to the holders.
    pub released: Balance,
    /// Reference given by the payer.
    pub memo: Hash,
}

impl Stream {
    /// Vested at `now`: `floor(amount * elapsed / duration)`, capped at `amount`.
    pub fn vested_at(&self, now: Timestamp) -> Result<Balance, SplitterError> {
        let elapsed = now.saturating_sub(self.start).min(self.duration);
        interfaces::mul_div(self.amount, u128::from(elapsed), u128::from(self.duration))
            .ok_or(SplitterError::ArithmeticOverflow)
    }
}

/// The splitter's aggregate state: everything a distribution touches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Pool {
    /// Tokens held by others than the issuer (mirrored from the token's hooks).
    pub outstanding: Balance,
    /// Cumulative payout per token unit, scaled by `2^128`.
    pub payout_per_unit: U256,
    /// Remainder of the last distribution's division, in `2^-128` units (`< outstanding`).
    pub carry: u128,
    /// Received while there were no holders; joins the next distribution.
    pub held: Balance,
    /// Running streams (at most [`MAX_STREAMS`]).
    pub streams: Vec<Stream>,
}

/// What a distribution did, for its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Distribution {
    /// Previously held money included.
    pub from_held: Balance,
    /// Outstanding supply it was spread over (0: the amount is now held).
    pub outstanding: Balance,
}

impl Pool {
    /// Spreads `amount` (plus anything held) over the outstanding supply, or holds it if there
    /// is none.
    pub fn distribute(&mut self, amount: Balance) -> Result<Distribution, SplitterError> {
        if self.outstanding == 0 {
            self.held = self
                .held
                .checked_add(amount)
                .ok_or(SplitterError::ArithmeticOverflow)?;
            return Ok(Distribution {
                from_held: 0,
                outstanding: 0,
            });
        }
        let from_held = self.held;
        let total = amount
            .checked_add(from_held)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        let numerator = U256::from_high(total)
            .checked_add(U256::from_u128(self.carry))
            .ok_or(SplitterError::ArithmeticOverflow)?;
        let (increment, carry) = numerator
            .checked_div_rem_u128(self.outstanding)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        self.payout_per_unit = self
            .payout_per_unit
            .checked_add(increment)
            .ok_or(SplitterError::ArithmeticOverflow)?;
        self.carry = carry;
        self.held = 0;
        Ok(Distribution {
            from_held,
            outstanding: self.outstanding,
        })
    }

    /// Releases what every stream vested up to `now`, and drops finished streams.
    pub fn accrue_streams(&mut self, now: Timestamp) -> Result<(), SplitterError> {
        let mut index = 0;
        while let Some(stream) = self.streams.get(index) {
            let vested = stream.vested_at(now)?;
            let delta = vested.saturating_sub(stream.released);
            let finished = vested >= stream.amount;
            if delta > 0 {
                self.distribute(delta)?;
            }
            if finished {
                // proof: `index` is in bounds, `get(index)` just returned an element.
                self.streams.swap_remove(index);
            } else {
                if let Some(stream) = self.streams.get_mut(index) {
                    stream.released = vested;
                }
                index = index.saturating_add(1);
            }
        }
        Ok(())
    }

    /// Removes running stream `id` and distributes at once what it had not released yet (call
    /// [`Pool::accrue_streams`] first, so that what vested until now is released as usual).
    /// Returns the stream and the amount distributed; `None` if no running stream has this id.
    pub fn end_stream(&mut self, id: u32) -> Result<Option<(Stream, Balance)>, SplitterError> {
        let Some(index) = self.streams.iter().position(|stream| stream.id == id) else {
            return Ok(None);
        };
        let remainder = self
            .streams
            .get(index)
            .and_then(|stream| stream.amount.checked_sub(stream.released))
            .ok_or(SplitterError::ArithmeticOverflow)?;
        self.distribute(remainder)?;
        // proof: `index` is in bounds, `position` just found the stream there.
        let stream = self.streams.swap_remove(index);
        Ok(Some((stream, remainder)))
    }

    /// Amount paid into streams and not yet released.
    pub fn unvested(&self) -> Balance {
        self.streams
            .iter()
            .map(|s| s.amount.saturating_sub(s.released))
            .fold(0, Balance::saturating_add)
    }

    /// `balance * (payout_per_unit - checkpoint)`: a holder's entitlement since his
    /// checkpoint, in `2^-128` units.
    pub fn accrued(&self, balance: Balance, checkpoint: U256) -> Result<U256, SplitterError> {
        self.payout_per_unit
            .checked_sub(checkpoint)
            .and_then(|delta| delta.checked_mul_u128(balance))
            .ok_or(SplitterError::ArithmeticOverflow)
    }
}
