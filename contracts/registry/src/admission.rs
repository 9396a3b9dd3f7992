//! Applying and vouching: how an account becomes a member.
//!
//! ```text
//!  apply (application bond) ──► candidate ──vouch × vouches_required──► Active member
//!                                 │   (each vouch stakes a vouch bond; only while the window
//!                                 │    applied_at + vouching_window is open, `now` inclusive)
//!                                 ├─ window passes ──► expired: no more vouches; vouchers may
//!                                 │                    release; still a candidate until he
//!                                 │                    withdraws
//!                                 └─ withdraw_application (any time) ──► gone: bond refunded;
//!                                                      vouchers may release; may apply again
//! ```
//!
//! A vouch bond is at stake while the application it backs is open and its window has not
//! passed, then, once its candidate is admitted, until `joined_at + vouch_lock_period` (and for
//! as long as it is not released: an expulsion slashes every unreleased bond of the expelled
//! member's vouchers). It is free when the application was withdrawn or expired, or when the
//! member completed his resignation. A released or slashed vouch stays on record
//! (`has_vouched_for`). While a misconduct case against the member is open (`open_case`), the
//! vouches of his admission cannot be released even after the lock period (`DisputePending`):
//! an expulsion on that case must still find them.
//!
//! Sybil bounds: a member vouches only once his tenure is served (`rights_from <= now`), and
//! at most `max_vouches_per_period` times per period `[k * vouch_period, (k + 1) *
//! vouch_period)`; every vouch counts, whether or not it admits. A new member is active at
//! once (he may hold and trade tokens), but he votes, proposes, judges and vouches only from
//! `rights_from = joined_at + tenure`, and governance counts a vote, veto or juror commit only
//! from members whose rights began before the proposal or dispute opened.
//!
//! Vouch records are keyed by (subject, slot) and a subject's slots run on across his
//! applications, so withdrawing and applying again never overwrites a record whose bond is
//! still held. If a voucher vouches again for a new application of the same candidate while
//! his bond on the withdrawn one is still held, that bond is refunded in the same call.

use crate::events::{
    ApplicationWithdrawn, Applied, MemberAdmitted, RegistryEvent, VouchReleased, Vouched,
};
use crate::state::{Ctx, RegistryState};
use crate::types::{
    Application, MemberInfo, MemberStatus, Outcome, Vouch, VouchTally, MAX_VOUCHERS,
};
use interfaces::{AccountId, Hash, RegistryError, RosterChange, Timestamp};

impl RegistryState {
    /// The last instant members may vouch for `application`: `applied_at + vouching_window`
    /// with the current window.
    pub fn vouching_deadline(&self, application: &Application) -> Timestamp {
        // proof: saturating at u64::MAX means a window that never closes, which is what a sum
        // beyond the end of time means.
        application
            .applied_at
            .saturating_add(self.params.vouching_window)
    }

    /// `ctx.caller` applies for membership, paying exactly the application bond.
    ///
    /// # Errors
    /// In this order: `Expelled` (expelled accounts never return), `AlreadyMember` (any other
    /// member record, a resigned one included), `AlreadyCandidate`, `WrongBond`,
    /// `ArithmeticOverflow`.
    ///
    /// # Events
    /// `Applied`.
    pub fn apply(&mut self, ctx: Ctx, profile_hash: Hash) -> Result<Outcome, RegistryError> {
        let candidate = ctx.caller;
        if let Some(info) = self.members.get(candidate) {
            return Err(if info.status == MemberStatus::Expelled {
                RegistryError::Expelled
            } else {
                RegistryError::AlreadyMember
            });
        }
        if self.applications.contains(candidate) {
            return Err(RegistryError::AlreadyCandidate);
        }
        let bond = self.params.application_bond;
        if ctx.transferred != bond {
            return Err(RegistryError::WrongBond {
                expected: bond,
                received: ctx.transferred,
            });
        }
        let bonds_held = self.bonds_plus(bond)?;
        let application = Application {
            applied_at: ctx.now,
            bond,
            profile_hash,
            vouch_count: 0,
            first_vouch_slot: self.vouch_slots_used.get(candidate).unwrap_or_default(),
        };
        // Effects.
        self.applications.insert(candidate, &application);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::Applied(Applied {
            candidate,
            bond,
            profile_hash,
            vouching_deadline: self.vouching_deadline(&application),
        }));
        Ok(outcome)
    }

    /// `ctx.caller`, an active member, vouches for `candidate`, staking exactly the vouch bond.
    /// The vouch that brings the candidate to `vouches_required` admits him in the same call:
    /// he becomes an active member, his application bond becomes his member bond.
    ///
    /// # Errors
    /// In this order: `NotActiveMember`, `TenureNotServed`, `CannotVouchForSelf`,
    /// `NotCandidate`, `VoucherInCooldown`, `AlreadyVouched` (for this application),
    /// `VouchingClosed`, `VouchLimitReached` (his `max_vouches_per_period` vouches of this
    /// period given), `TooManyVouchers`, `WrongBond`, `ArithmeticOverflow`.
    ///
    /// # Events
    /// `VouchReleased` (his still-held bond on a withdrawn earlier application of the same
    /// candidate, refunded), `Vouched`, and `MemberAdmitted` on admission.
    pub fn vouch(&mut self, ctx: Ctx, candidate: AccountId) -> Result<Outcome, RegistryError> {
        let voucher = ctx.caller;
        let voucher_info = self.ensure_active(voucher, ctx.now)?;
        if voucher_info.rights_from > ctx.now {
            return Err(RegistryError::TenureNotServed);
        }
        if voucher == candidate {
            return Err(RegistryError::CannotVouchForSelf);
        }
        let mut application = self
            .applications
            .get(candidate)
            .ok_or(RegistryError::NotCandidate)?;
        if ctx.now < self.vouch_banned_until(voucher) {
            return Err(RegistryError::VoucherInCooldown);
        }
        let earlier = match self.vouch_slot_of.get((voucher, candidate)) {
            Some(slot) if slot >= application.first_vouch_slot => {
                return Err(RegistryError::AlreadyVouched)
            }
            Some(slot) => self
                .vouches
                .get((candidate, slot))
                .filter(Vouch::is_held)
                .map(|vouch| (slot, vouch)),
            None => None,
        };
        if ctx.now > self.vouching_deadline(&application) {
            return Err(RegistryError::VouchingClosed);
        }
        // proof: `vouch_period > 0` (validated); a zero period would count every vouch in
        // one period (the strictest reading), never panic.
        let period = ctx.now.checked_div(self.params.vouch_period).unwrap_or(0);
        let tally = match self.vouch_tallies.get(voucher) {
            Some(tally) if tally.period == period => tally,
            _ => VouchTally { period, count: 0 },
        };
        if tally.count >= self.params.max_vouches_per_period {
            return Err(RegistryError::VouchLimitReached);
        }
        if application.vouch_count >= MAX_VOUCHERS {
            return Err(RegistryError::TooManyVouchers);
        }
        let bond = self.params.vouch_bond;
        if ctx.transferred != bond {
            return Err(RegistryError::WrongBond {
                expected: bond,
                received: ctx.transferred,
            });
        }
        let slot = application
            .first_vouch_slot
            .checked_add(application.vouch_count)
            .ok_or(RegistryError::ArithmeticOverflow)?;
        let vouch_count = application
            .vouch_count
            .checked_add(1)
            .ok_or(RegistryError::ArithmeticOverflow)?;
        let mut bonds_held = self.bonds_plus(bond)?;
        if let Some((_, earlier_vouch)) = earlier {
            bonds_held = bonds_held
                .checked_sub(earlier_vouch.bond)
                .ok_or(RegistryError::ArithmeticOverflow)?;
        }
        let admission = if vouch_count >= self.params.vouches_required {
            Some(self.prepare_admission()?)
        } else {
            None
        };
        // Effects.
        let mut outcome = Outcome::default();
        if let Some((earlier_slot, mut earlier_vouch)) = earlier {
            earlier_vouch.released = true;
            self.vouches
                .insert((candidate, earlier_slot), &earlier_vouch);
            outcome.event(RegistryEvent::VouchReleased(VouchReleased {
                voucher,
                subject: candidate,
                bond: earlier_vouch.bond,
            }));
            outcome.pay(voucher, earlier_vouch.bond);
        }
        self.vouches.insert(
            (candidate, slot),
            &Vouch {
                voucher,
                bond,
                released: false,
                slashed: false,
            },
        );
        self.vouch_slot_of.insert((voucher, candidate), &slot);
        outcome.roster.push(RosterChange::Vouched {
            voucher,
            subject: candidate,
        });
        self.vouch_tallies.insert(
            voucher,
            &VouchTally {
                period,
                // proof: below `max_vouches_per_period <= MAX_VOUCHES_PER_PERIOD`.
                count: tally.count.saturating_add(1),
            },
        );
        self.bonds_held = bonds_held;
        application.vouch_count = vouch_count;
        outcome.event(RegistryEvent::Vouched(Vouched {
            voucher,
            candidate,
            bond,
            vouch_count,
        }));
        match admission {
            Some(admission) => {
                self.applications.remove(candidate);
                let info = MemberInfo {
                    status: MemberStatus::Active,
                    joined_at: ctx.now,
                    rights_from: ctx.now.saturating_add(self.params.tenure),
                    bond: application.bond,
                    profile_hash: application.profile_hash,
                    voucher_count: vouch_count,
                    first_vouch_slot: application.first_vouch_slot,
                    token: None,
                    splitter: None,
                    open_cases: 0,
                };
                self.admit(candidate, &info, admission);
                outcome.roster_sync(candidate, None, info.roster_entry());
                outcome.event(RegistryEvent::MemberAdmitted(MemberAdmitted {
                    member: candidate,
                    bond: application.bond,
                    voucher_count: vouch_count,
                }));
            }
            None => {
                self.applications.insert(candidate, &application);
            }
        }
        Ok(outcome)
    }

    /// `ctx.caller` withdraws his application (any time before admission, expired or not);
    /// his application bond is refunded. His vouchers may then release their bonds, and he may
    /// apply again.
    ///
    /// # Errors
    /// `NotCandidate`, `ArithmeticOverflow`.
    ///
    /// # Events
    /// `ApplicationWithdrawn`.
    pub fn withdraw_application(&mut self, ctx: Ctx) -> Result<Outcome, RegistryError> {
        let candidate = ctx.caller;
        let application = self
            .applications
            .get(candidate)
            .ok_or(RegistryError::NotCandidate)?;
        let bonds_held = self.bonds_minus(application.bond)?;
        let slots_used = application
            .first_vouch_slot
            .checked_add(application.vouch_count)
            .ok_or(RegistryError::ArithmeticOverflow)?;
        // Effects.
        self.applications.remove(candidate);
        if application.vouch_count > 0 {
            self.vouch_slots_used.insert(candidate, &slots_used);
        }
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::ApplicationWithdrawn(ApplicationWithdrawn {
            candidate,
            bond: application.bond,
        }));
        outcome.pay(candidate, application.bond);
        Ok(outcome)
    }

    /// `ctx.caller` takes back his vouch bond on `subject` (a member or a current or former
    /// candidate) once it is no longer at stake (see the module docs). He stays on record as
    /// `subject`'s voucher.
    ///
    /// # Errors
    /// In this order: `NothingToRelease` (no vouch, or its bond already released or slashed),
    /// `VouchStillLocked`, `DisputePending` (a vouch of `subject`'s admission while a case
    /// against him is open: the bond stays within reach of the ruling), `ArithmeticOverflow`.
    ///
    /// # Events
    /// `VouchReleased`.
    pub fn release_vouch(
        &mut self,
        ctx: Ctx,
        subject: AccountId,
    ) -> Result<Outcome, RegistryError> {
        let voucher = ctx.caller;
        let slot = self
            .vouch_slot_of
            .get((voucher, subject))
            .ok_or(RegistryError::NothingToRelease)?;
        let mut vouch = self
            .vouches
            .get((subject, slot))
            .filter(Vouch::is_held)
            .ok_or(RegistryError::NothingToRelease)?;
        if self.vouch_at_stake(subject, slot, ctx.now) {
            return Err(RegistryError::VouchStillLocked);
        }
        if self.vouch_held_by_case(subject, slot) {
            return Err(RegistryError::DisputePending);
        }
        let bonds_held = self.bonds_minus(vouch.bond)?;
        // Effects.
        vouch.released = true;
        self.vouches.insert((subject, slot), &vouch);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::VouchReleased(VouchReleased {
            voucher,
            subject,
            bond: vouch.bond,
        }));
        outcome.pay(voucher, vouch.bond);
        Ok(outcome)
    }

    /// Whether vouch `slot` on `subject` backs the admission of a member against whom a case
    /// is open (the vouches an expulsion would slash). Vouches on his earlier withdrawn
    /// applications are never slashed, so a case does not hold them.
    pub fn vouch_held_by_case(&self, subject: AccountId, slot: u32) -> bool {
        self.members.get(subject).is_some_and(|info| {
            // proof: `first_vouch_slot + voucher_count` was computed with checked maths when
            // the last vouch was recorded, so it does not saturate.
            let end = info.first_vouch_slot.saturating_add(info.voucher_count);
            info.open_cases > 0 && (info.first_vouch_slot..end).contains(&slot)
        })
    }

    /// Whether the vouch in `slot` on `subject` is still at stake at `now` (whatever its
    /// bond's state).
    pub fn vouch_at_stake(&self, subject: AccountId, slot: u32, now: Timestamp) -> bool {
        if let Some(application) = self.applications.get(subject) {
            // Slots before the open application's belong to withdrawn applications.
            return slot >= application.first_vouch_slot
                && now <= self.vouching_deadline(&application);
        }
        let Some(info) = self.members.get(subject) else {
            // A withdrawn application, not followed by another.
            return false;
        };
        // proof: `first_vouch_slot + voucher_count` was computed with checked maths when the
        // last vouch was recorded, so it does not saturate.
        let end = info.first_vouch_slot.saturating_add(info.voucher_count);
        if slot < info.first_vouch_slot || slot >= end {
            // A vouch on a withdrawn application before the admitting one.
            return false;
        }
        match info.status {
            MemberStatus::Resigned => false,
            MemberStatus::Expelled => true,
            MemberStatus::Active
            | MemberStatus::Suspended { .. }
            | MemberStatus::Resigning { .. } => {
                // proof: saturating at u64::MAX means a lock that never ends, which is what a
                // sum beyond the end of time means.
                now < info.joined_at.saturating_add(self.params.vouch_lock_period)
            }
        }
    }
}
