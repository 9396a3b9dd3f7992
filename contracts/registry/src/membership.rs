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
//!
//! ## Open cases
//!
//! Governance records every misconduct dispute it opens against a member (`open_case`) and
//! closes it when the dispute is executed, whatever the ruling (`close_case`). While the
//! member has an open case he stays within reach of the ruling: his resignation cannot
//! complete (his bond stays), the vouch bonds of his admission cannot be released (his
//! vouchers stay liable), and he cannot launch a token (`DisputePending` for all three).
//!
//! His token, if any, is told his restraint (open cases, end of his suspension) whenever
//! either changes (`Interaction::RestrainToken`: `open_case`, `close_case`, `suspend`,
//! `reinstate`) and applies it itself, without asking the registry on a hot path. A suspension
//! only lengthens: `suspend` keeps the later of the current unexpired end and the new one;
//! only `reinstate` shortens it (to none).
//!
//! Governance's ruling of expulsion closes the case and expels in one message
//! (`expel_closing_case`); no restraint is pushed then, since the token is frozen.
//!
//! ## The roster
//!
//! Every change of status writes the roster in the same message ([`Outcome::roster`], from
//! [`MemberInfo::roster_entry`] before and after): admission (genesis and the admitting vouch)
//! adds a line, `suspend` and `reinstate` rewrite it (not when the end in effect is unchanged),
//! `resign` and `expel` remove it (not for a member who had none). Every vouch is recorded
//! there too. The tokens and governance ask the roster, never a stale copy.

use crate::events::{
    CaseClosed, CaseOpened, MemberExpelled, MemberReinstated, MemberSuspended, RegistryEvent,
    ResignationCompleted, Resigned, TokenLaunched, VoucherPenalised,
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
    /// In this order: `NotActiveMember`, `AlreadyHasToken`, `DisputePending` (a case against
    /// him is open).
    pub fn check_launch(&self, ctx: Ctx) -> Result<MemberInfo, RegistryError> {
        let info = self.ensure_active(ctx.caller, ctx.now)?;
        if info.token.is_some() {
            return Err(RegistryError::AlreadyHasToken);
        }
        if info.open_cases > 0 {
            return Err(RegistryError::DisputePending);
        }
        Ok(info)
    }

    /// Records the token and splitter the factory instantiated for `ctx.caller` (checked
    /// again, so a token is recorded only for an active member without one).
    ///
    /// # Errors
    /// In this order: `NotActiveMember`, `AlreadyHasToken`, `DisputePending`.
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
        let line = info.roster_entry();
        info.status = MemberStatus::Resigning { since: ctx.now };
        self.members.insert(member, &info);
        self.active_count = active_count;
        let mut outcome = Outcome::default();
        outcome.roster_sync(member, line, info.roster_entry());
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
    /// Not while a case against him is open: his bond stays within reach of the ruling.
    ///
    /// # Errors
    /// In this order: `NotMember`, `NotResigning`, `CooldownNotOver`, `DisputePending`,
    /// `ArithmeticOverflow`.
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
        if info.open_cases > 0 {
            return Err(RegistryError::DisputePending);
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

    /// Suspends `member` until `until`, or lengthens his current suspension: the end in
    /// effect is the later of the current unexpired end and `until` (a suspension only
    /// lengthens; `reinstate` is the only way to shorten it). He still counts in
    /// `active_count`. Caller: governance.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `InvalidSuspension` (`until <= now`), `NotMember`,
    /// `AlreadyExpelled`, `NotActiveMember` (resigning or resigned).
    ///
    /// # Events
    /// `MemberSuspended` with the end in effect.
    ///
    /// # Interactions
    /// `RestrainToken` with his open cases and the end in effect, if he has a token.
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
        // A lapsed end is before `now < until`, so the maximum keeps only an unexpired one.
        let until = match info.status {
            MemberStatus::Suspended { until: current } => current.max(until),
            _ => until,
        };
        // Effects.
        let line = info.roster_entry();
        info.status = MemberStatus::Suspended { until };
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.roster_sync(member, line, info.roster_entry());
        outcome.event(RegistryEvent::MemberSuspended(MemberSuspended {
            member,
            until,
        }));
        push_restraint(&mut outcome, &info);
        Ok(outcome)
    }

    /// Lifts `member`'s suspension (also one that already lapsed). Caller: governance.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember`, `NotSuspended`.
    ///
    /// # Events
    /// `MemberReinstated`.
    ///
    /// # Interactions
    /// `RestrainToken` with his open cases and `suspended_until = 0`, if he has a token.
    pub fn reinstate(&mut self, ctx: Ctx, member: AccountId) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        if !matches!(info.status, MemberStatus::Suspended { .. }) {
            return Err(RegistryError::NotSuspended);
        }
        // Effects.
        let line = info.roster_entry();
        info.status = MemberStatus::Active;
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.roster_sync(member, line, info.roster_entry());
        outcome.event(RegistryEvent::MemberReinstated(MemberReinstated { member }));
        push_restraint(&mut outcome, &info);
        Ok(outcome)
    }

    /// Records that governance opened a misconduct dispute against `member` (see the module
    /// docs). Caller: governance. A member can be accused while active, suspended or
    /// resigning; an expelled member is judged already, and one whose resignation completed is
    /// no longer a member.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember` (never admitted, or his resignation
    /// completed), `AlreadyExpelled`, `ArithmeticOverflow`.
    ///
    /// # Events
    /// `CaseOpened`.
    ///
    /// # Interactions
    /// `RestrainToken` with the new open cases, if he has a token.
    pub fn open_case(&mut self, ctx: Ctx, member: AccountId) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        match info.status {
            MemberStatus::Resigned => return Err(RegistryError::NotMember),
            MemberStatus::Expelled => return Err(RegistryError::AlreadyExpelled),
            MemberStatus::Active
            | MemberStatus::Suspended { .. }
            | MemberStatus::Resigning { .. } => {}
        }
        let open_cases = info
            .open_cases
            .checked_add(1)
            .ok_or(RegistryError::ArithmeticOverflow)?;
        // Effects.
        info.open_cases = open_cases;
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::CaseOpened(CaseOpened { member, open_cases }));
        push_restraint(&mut outcome, &info);
        Ok(outcome)
    }

    /// Records that governance executed a misconduct dispute against `member`, whatever its
    /// ruling. Caller: governance, before it enforces the ruling. Works whatever his status
    /// (another dispute may have expelled him meanwhile).
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember` (never admitted), `NoOpenCase`.
    ///
    /// # Events
    /// `CaseClosed`.
    ///
    /// # Interactions
    /// `RestrainToken` with the open cases left, if he has a token and is not expelled (an
    /// expelled member's token is frozen for good; nothing is asked of it).
    pub fn close_case(&mut self, ctx: Ctx, member: AccountId) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        let open_cases = info
            .open_cases
            .checked_sub(1)
            .ok_or(RegistryError::NoOpenCase)?;
        // Effects.
        info.open_cases = open_cases;
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::CaseClosed(CaseClosed { member, open_cases }));
        if info.status != MemberStatus::Expelled {
            push_restraint(&mut outcome, &info);
        }
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
            (Some(_), Some(splitter)) if slashed > 0 && holders.outstanding(splitter)? > 0 => {
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
        let line = info.roster_entry();
        info.status = MemberStatus::Expelled;
        info.bond = 0;
        self.members.insert(member, &info);
        outcome.roster_sync(member, line, info.roster_entry());
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

    /// Closes one misconduct case against `member` and expels him, in one message: what
    /// governance's ruling of expulsion does (`close_case`, then `expel`), entering the
    /// registry once. The case's restraint is not pushed to his token, which the expulsion
    /// freezes for good. Caller: governance.
    ///
    /// # Errors
    /// In this order: `NotGovernance`, `NotMember`, `NoOpenCase`, then those of
    /// [`RegistryState::expel`] (nothing changes: the case stays open).
    ///
    /// # Events
    /// `CaseClosed`, then those of `expel`.
    ///
    /// # Interactions
    /// Those of `expel`.
    pub fn expel_closing_case(
        &mut self,
        ctx: Ctx,
        member: AccountId,
        holders: &impl TokenHolders,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        let open_cases = info
            .open_cases
            .checked_sub(1)
            .ok_or(RegistryError::NoOpenCase)?;
        // `expel` checks everything else before its effects.
        let expelled = self.expel(ctx, member, holders)?;
        // Effects: the case closes too.
        let mut info = self.members.get(member).ok_or(RegistryError::NotMember)?;
        info.open_cases = open_cases;
        self.members.insert(member, &info);
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::CaseClosed(CaseClosed { member, open_cases }));
        outcome.events.extend(expelled.events);
        outcome.roster = expelled.roster;
        outcome.interactions = expelled.interactions;
        Ok(outcome)
    }
}

/// Tells `info`'s token (if any) his restraint as it stands after the message.
fn push_restraint(outcome: &mut Outcome, info: &MemberInfo) {
    if let Some(token) = info.token {
        outcome.interact(Interaction::RestrainToken {
            token,
            restraint: info.restraint(),
        });
    }
}
