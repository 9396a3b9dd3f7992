//! Asset disclosures and liquidation reports.
//!
//! The issuer discloses what he owns (append-only), revalues it, and reports each sale. A
//! liquidation report must carry at least the holders' share of the gross proceeds,
//! `ceil(gross * outstanding / supply)` where `outstanding` is the supply not held by the
//! issuer; that share goes to the payout splitter as a distribution and any surplus returns to
//! the issuer. Reporting is allowed while the token is frozen: paying holders is never blocked
//! by a freeze (only, for a while, by an open offering's subscriptions: see below).
//! Disclosing and revaluing are not: a frozen token's record (an expelled issuer's, or one
//! under a governance freeze) stays as it was until governance unfreezes it.
//!
//! ## No report while an offering has subscriptions
//! Units sold in an open offering are still in the issuer's balance until `settle` delivers
//! them, so `outstanding` leaves them out and the subscribers would get none of a share they
//! paid for (the issuer would keep it). A report is therefore refused while any open offering
//! (neither settled nor failed) has sold anything (`OfferingHasSubscriptions`; an O(1)
//! counter, [`TokenState::subscribed_in_open_offerings`]): the issuer settles (or cancels)
//! first, and the report then counts the subscribers among the holders. Chosen over counting
//! those units as outstanding and escrowing their share for the subscribers because:
//! - the splitter pays only balances it has seen through the token's hooks, so an escrowed
//!   share would need a second payout path (credited at delivery, returned to the issuer on
//!   failure) through every exit: refund, withdrawal, recovery and settlement;
//! - that path would loop over the subscribers at settlement and keep a share per
//!   subscription, where the refusal is one comparison with one counter;
//! - the refusal costs only delay, which the issuer controls: he cancels an offering before it
//!   closes, and anyone settles a closed one (a sold-out offering settles at once). Two cases
//!   wait longer: while he is restrained a closed offering cannot deliver, so the report waits
//!   for the restraint to end or the subscribers to withdraw; while the token is frozen a
//!   closed offering that raised its minimum waits for the unfreeze or for a subscriber's
//!   `refund` (which fails it).
//!
//! A subscriber therefore needs no exit when a liquidation comes: none can be reported before
//! his tokens are delivered.

use crate::events::{AssetDisclosed, AssetRevalued, LiquidationReported, TokenEvent};
use crate::state::{Ctx, TokenState};
use crate::types::{Asset, AssetId, AssetKind, Interaction, Liquidation, Outcome, MAX_PAGE};
use ink::prelude::vec::Vec;
use interfaces::{Balance, Hash, TokenError};

/// The memo of a liquidation payout: `b"LIQ"`, the asset id and the liquidation index.
pub fn liquidation_memo(asset_id: AssetId, index: u32) -> Hash {
    let mut memo = [0u8; 32];
    memo[..3].copy_from_slice(b"LIQ");
    memo[8..16].copy_from_slice(&asset_id.to_be_bytes());
    memo[16..20].copy_from_slice(&index.to_be_bytes());
    Hash::from(memo)
}

impl TokenState {
    /// The asset `id`.
    pub fn asset(&self, id: AssetId) -> Option<Asset> {
        self.assets.get(id)
    }

    /// Number of disclosed assets (ids are `0..asset_count`).
    pub fn asset_count(&self) -> AssetId {
        self.asset_count
    }

    /// Up to `limit` assets with ids from `start`.
    ///
    /// # Errors
    /// `PageTooLarge` above [`MAX_PAGE`].
    pub fn assets(&self, start: AssetId, limit: u32) -> Result<Vec<(AssetId, Asset)>, TokenError> {
        if limit > MAX_PAGE {
            return Err(TokenError::PageTooLarge);
        }
        let end = start.saturating_add(u64::from(limit)).min(self.asset_count);
        Ok((start..end)
            .filter_map(|id| self.assets.get(id).map(|asset| (id, asset)))
            .collect())
    }

    /// Liquidation `index` of asset `asset_id`.
    pub fn liquidation(&self, asset_id: AssetId, index: u32) -> Option<Liquidation> {
        self.liquidations.get((asset_id, index))
    }

    /// The holders' share of `gross` proceeds at the current outstanding supply, rounded up.
    pub fn holders_share(&self, gross: Balance) -> Result<Balance, TokenError> {
        interfaces::mul_div_ceil(gross, self.outstanding(), self.ledger.total_supply())
            .ok_or(TokenError::ArithmeticOverflow)
    }

    /// The issuer discloses an asset.
    ///
    /// # Errors
    /// `NotIssuer`, `Frozen`.
    pub fn disclose_asset(
        &mut self,
        ctx: Ctx,
        kind: AssetKind,
        uri_hash: Hash,
        estimated_value: Balance,
    ) -> Result<(AssetId, Outcome), TokenError> {
        self.ensure_issuer(ctx.caller)?;
        self.ensure_not_frozen()?;
        let id = self.asset_count;
        self.asset_count = id.checked_add(1).ok_or(TokenError::ArithmeticOverflow)?;
        self.assets.insert(
            id,
            &Asset {
                kind,
                uri_hash,
                estimated_value,
                disclosed_at: ctx.now,
                revalued_at: ctx.now,
                liquidation_count: 0,
                gross_liquidated: 0,
                paid_to_holders: 0,
            },
        );
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::AssetDisclosed(AssetDisclosed {
            id,
            kind,
            uri_hash,
            estimated_value,
        }));
        Ok((id, outcome))
    }

    /// The issuer revalues an asset.
    ///
    /// # Errors
    /// `AssetNotFound`, `NotIssuer`, `Frozen`.
    pub fn revalue(
        &mut self,
        ctx: Ctx,
        id: AssetId,
        new_value: Balance,
    ) -> Result<Outcome, TokenError> {
        let mut asset = self.assets.get(id).ok_or(TokenError::AssetNotFound)?;
        self.ensure_issuer(ctx.caller)?;
        self.ensure_not_frozen()?;
        let previous_value = asset.estimated_value;
        asset.estimated_value = new_value;
        asset.revalued_at = ctx.now;
        self.assets.insert(id, &asset);
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::AssetRevalued(AssetRevalued {
            id,
            previous_value,
            new_value,
        }));
        Ok(outcome)
    }

    /// The issuer reports the sale of (part of) an asset for `gross_proceeds`, paying at least
    /// the holders' share with the message. The share goes to the splitter; the surplus back
    /// to the issuer.
    ///
    /// Precedence: `AssetNotFound`, `NotIssuer`, `NotWired`, `ZeroAmount`,
    /// `OfferingHasSubscriptions` (an open offering has sold units: settle or cancel it
    /// first), `LiquidationUnderpaid`.
    pub fn report_liquidation(
        &mut self,
        ctx: Ctx,
        asset_id: AssetId,
        gross_proceeds: Balance,
    ) -> Result<Outcome, TokenError> {
        let mut asset = self.assets.get(asset_id).ok_or(TokenError::AssetNotFound)?;
        self.ensure_issuer(ctx.caller)?;
        self.ensure_links()?;
        if gross_proceeds == 0 {
            return Err(TokenError::ZeroAmount);
        }
        if self.subscribed_in_open_offerings > 0 {
            return Err(TokenError::OfferingHasSubscriptions);
        }
        let outstanding = self.outstanding();
        let holders_share = self.holders_share(gross_proceeds)?;
        if ctx.transferred < holders_share {
            return Err(TokenError::LiquidationUnderpaid {
                required: holders_share,
            });
        }
        let index = asset.liquidation_count;
        asset.liquidation_count = index.checked_add(1).ok_or(TokenError::ArithmeticOverflow)?;
        asset.gross_liquidated = asset
            .gross_liquidated
            .checked_add(gross_proceeds)
            .ok_or(TokenError::ArithmeticOverflow)?;
        asset.paid_to_holders = asset
            .paid_to_holders
            .checked_add(holders_share)
            .ok_or(TokenError::ArithmeticOverflow)?;
        // Effects.
        self.assets.insert(asset_id, &asset);
        self.liquidations.insert(
            (asset_id, index),
            &Liquidation {
                gross_proceeds,
                holders_share,
                outstanding,
                reported_at: ctx.now,
            },
        );
        let mut outcome = Outcome::default();
        outcome.event(TokenEvent::LiquidationReported(LiquidationReported {
            asset_id,
            index,
            gross_proceeds,
            holders_share,
        }));
        if holders_share > 0 {
            outcome.interact(Interaction::Distribute {
                amount: holders_share,
                memo: liquidation_memo(asset_id, index),
            });
        }
        // proof: transferred >= holders_share was checked above.
        let surplus = ctx.transferred.saturating_sub(holders_share);
        if surplus > 0 {
            outcome.interact(Interaction::Pay {
                to: self.issuer,
                amount: surplus,
            });
        }
        Ok(outcome)
    }
}
