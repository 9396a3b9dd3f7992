//! Life of a member after admission: the token factory's record, resignation, and
//! governance's enforcement (suspension, reinstatement, expulsion).
//!
//! ```text
//!  Active ──suspend──► Suspended { until } ──reinstate, or `until` passes──► active again
//!    │ (no token)
//!    └─resign──► Resigning { since } ──complete_resignation (since + resignation_cooldown)──►
//!                                       Resigned (bond refunded)
//!  expel: Active, Suspended, Resigning or Resigned ──► Expelled (final)
//! ```
//!
//! An expulsion slashes the member's bond and every vouch bond staked on his admission that is
//! not released yet, bans each of his vouchers from vouching for `voucher_cooldown`, and
//! freezes his token. The slashed value goes to his token's holders through his payout
//! splitter if his token has holders other than him; otherwise (no token, or nobody else holds
//! it, or nothing was slashed) to the registry treasury.

use crate::events::{
    MemberExpelled, MemberReinstated, MemberSuspended, RegistryEvent, ResignationCompleted,
    Resigned, TokenLaunched, VoucherPenalised,
};
use crate::state::{Ctx, RegistryState, TokenHolders};
use crate::types::{expel_memo, Interaction, MemberInfo, MemberStatus, Outcome};
use ink::prelude::vec::Vec;
use interfaces::{AccountId, RegistryError, Timestamp};

impl RegistryState {
    // ----- token factory -------------------------------------------------------------------

    /// Whether `ctx.caller` may launch a token now; returns his record.
    ///
    /// # Errors
    /// `NotActiveMember`, `AlreadyHasToken`.
    pub fn check_launch(&self, ctx: Ctx) -> Result<MemberInfo, RegistryError> {
        let info = self.ensure_active(ctx.caller, ctx.now)?;
        if info.token.is_some() {
            return Err(RegistryError::AlreadyHasToken);
        }
        Ok(info)
    }

    /// Records the token and splitter the factory instantiated for `ctx.caller` (checked
    /// again, so a token is recorded only for an active member without one).
    ///
    /// # Errors
    /// `NotActiveMember`, `AlreadyHasToken`.
    ///
    /// # Events
    /// `TokenLaunched`.
    pub fn record_token(
        &mut self,
        ctx: Ctx,
        token: AccountId,
        splitter: AccountId,
    ) -> Result<Outcome, RegistryError> {
        let mut info = self.check_launch(ctx)?;
        let member = ctx.caller;
        // Effects.
        info.token = Some(token);
        info.splitter = Some(splitter);
        self.members.insert(member, &info);
        self.issuers.insert(token, &member);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::TokenLaunched(TokenLaunched {
            member,
            token,
            splitter,
        }));
        Ok(outcome)
    }

    // ----- resignation ---------------------------------------------------------------------

    /// `ctx.caller`, an active member without a token, starts resigning: he stops being
    /// active at once and may complete after `resignation_cooldown`, during which he can still
    /// be expelled.
    ///
    /// # Errors
    /// In this order: `NotActiveMember`, `HasToken`, `ArithmeticOverflow`.
    ///
    /// # Events
    /// `Resigned`.
    pub fn resign(&mut self, ctx: Ctx) -> Result<Outcome, RegistryError> {
        let member = ctx.caller;
        let mut info = self.ensure_active(member, ctx.now)?;
        if info.token.is_some() {
            return Err(RegistryError::HasToken);
        }
        let active_count = self
            .active_count
            .checked_sub(1)
            .ok_or(RegistryError::ArithmeticOverflow)?;
        // Effects.
        info.status = MemberStatus::Resigning { since: ctx.now };
        self.members.insert(member, &info);
        self.active_count = active_count;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::Resigned(Resigned {
            member,
            completable_at: self.resignation_completable_at(ctx.now),
        }));
        Ok(outcome)
    }

    fn resignation_completable_at(&self, since: Timestamp) -> Timestamp {
        // proof: saturating at u64::MAX means a cooldown that never ends, which is what a sum
        // beyond the end of time means.
        since.saturating_add(self.params.resignation_cooldown)
    }

    /// `ctx.caller` completes his resignation after the cooldown; his member bond is refunded.
    ///
    /// # Errors
    /// In this order: `NotMember`, `NotResigning`, `CooldownNotOver`, `ArithmeticOverflow`.
    ///
    /// # Events
    /// `ResignationCompleted`.
    pub fn complete_resignation(&mut self, ctx: Ctx) -> Result<Outcome, RegistryError> {
        let member = ctx.caller;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        let MemberStatus::Resigning { since } = info.status else {
            return Err(RegistryError::NotResigning);
        };
        if ctx.now < self.resignation_completable_at(since) {
            return Err(RegistryError::CooldownNotOver);
        }
        let bond = info.bond;
        let bonds_held = self.bonds_minus(bond)?;
        // Effects.
        info.status = MemberStatus::Resigned;
        info.bond = 0;
        self.members.insert(member, &info);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::ResignationCompleted(ResignationCompleted {
            member,
            bond,
        }));
        outcome.pay(member, bond);
        Ok(outcome)
    }

    // ----- enforcement (governance) --------------------------------------------------------

    /// Suspends `member` until `until`, or changes the end of his current suspension. He
    /// still counts in `active_count`. Caller: governance.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `InvalidSuspension` (`until <= now`), `NotMember`,
    /// `AlreadyExpelled`, `NotActiveMember` (resigning or resigned).
    ///
    /// # Events
    /// `MemberSuspended`.
    pub fn suspend(
        &mut self,
        ctx: Ctx,
        member: AccountId,
        until: Timestamp,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        if until <= ctx.now {
            return Err(RegistryError::InvalidSuspension);
        }
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        match info.status {
            MemberStatus::Expelled => return Err(RegistryError::AlreadyExpelled),
            MemberStatus::Resigning { .. } | MemberStatus::Resigned => {
                return Err(RegistryError::NotActiveMember)
            }
            MemberStatus::Active | MemberStatus::Suspended { .. } => {}
        }
        // Effects.
        info.status = MemberStatus::Suspended { until };
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::MemberSuspended(MemberSuspended {
            member,
            until,
        }));
        Ok(outcome)
    }

    /// Lifts `member`'s suspension (also one that already lapsed). Caller: governance.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember`, `NotSuspended`.
    ///
    /// # Events
    /// `MemberReinstated`.
    pub fn reinstate(&mut self, ctx: Ctx, member: AccountId) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        if !matches!(info.status, MemberStatus::Suspended { .. }) {
            return Err(RegistryError::NotSuspended);
        }
        // Effects.
        info.status = MemberStatus::Active;
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::MemberReinstated(MemberReinstated { member }));
        Ok(outcome)
    }

    /// Expels `member` (see the module docs). Caller: governance. `holders` answers whether
    /// his token has holders to pay; it is asked only if he has a token and something was
    /// slashed.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember`, `AlreadyExpelled`, `ArithmeticOverflow`,
    /// then `holders`' error (`CallFailed`).
    ///
    /// # Events
    /// `MemberExpelled`, then `VoucherPenalised` per voucher of his admission.
    ///
    /// # Interactions
    /// `FreezeToken` if he has a token, then `Distribute` of the slashed value to his
    /// splitter if it goes to holders.
    pub fn expel(
        &mut self,
        ctx: Ctx,
        member: AccountId,
        holders: &impl TokenHolders,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        if info.status == MemberStatus::Expelled {
            return Err(RegistryError::AlreadyExpelled);
        }
        // His admission's vouches (at most MAX_VOUCHERS) and what is slashed.
        let mut admitting = Vec::new();
        let mut slashed = info.bond;
        for index in 0..info.voucher_count {
            let slot = info
                .first_vouch_slot
                .checked_add(index)
                .ok_or(RegistryError::ArithmeticOverflow)?;
            if let Some(vouch) = self.vouches.get((member, slot)) {
                if vouch.is_held() {
                    slashed = slashed
                        .checked_add(vouch.bond)
                        .ok_or(RegistryError::ArithmeticOverflow)?;
                }
                admitting.push((slot, vouch));
            }
        }
        let bonds_held = self.bonds_minus(slashed)?;
        let active_count = if info.status.counts_as_active() {
            self.active_count
                .checked_sub(1)
                .ok_or(RegistryError::ArithmeticOverflow)?
        } else {
            self.active_count
        };
        // proof: saturating at u64::MAX means a ban that never ends, which is what a sum beyond
        // the end of time means.
        let banned_until = ctx.now.saturating_add(self.params.voucher_cooldown);
        let holders_splitter = match (info.token, info.splitter) {
            (Some(token), Some(splitter)) if slashed > 0 && holders.outstanding(token)? > 0 => {
                Some(splitter)
            }
            _ => None,
        };
        let treasury = if holders_splitter.is_some() {
            self.treasury
        } else {
            self.treasury
                .checked_add(slashed)
                .ok_or(RegistryError::ArithmeticOverflow)?
        };
        // Effects.
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::MemberExpelled(MemberExpelled {
            member,
            slashed,
            to_holders: holders_splitter.is_some(),
        }));
        for (slot, mut vouch) in admitting {
            let bond = if vouch.is_held() {
                vouch.slashed = true;
                self.vouches.insert((member, slot), &vouch);
                vouch.bond
            } else {
                0
            };
            let until = banned_until.max(self.vouch_banned_until(vouch.voucher));
            self.vouch_banned_until.insert(vouch.voucher, &until);
            outcome.event(RegistryEvent::VoucherPenalised(VoucherPenalised {
                voucher: vouch.voucher,
                member,
                bond,
                banned_until: until,
            }));
        }
        info.status = MemberStatus::Expelled;
        info.bond = 0;
        self.members.insert(member, &info);
        self.active_count = active_count;
        self.bonds_held = bonds_held;
        self.treasury = treasury;
        if let Some(token) = info.token {
            outcome.interact(Interaction::FreezeToken { token });
        }
        if let Some(splitter) = holders_splitter {
            outcome.interact(Interaction::Distribute {
                splitter,
                amount: slashed,
                memo: expel_memo(member),
            });
        }
        Ok(outcome)
    }
}
