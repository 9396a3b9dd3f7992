//! The registry's state, its queries and its governance configuration. Admission
//! ([`crate::admission`]) and membership ([`crate::membership`]) extend [`RegistryState`] in
//! their own modules.
//!
//! Every method takes the caller, the time and the value sent explicitly ([`Ctx`]) and returns
//! an [`Outcome`] (events and interactions) or a typed error. A method that returns an error
//! has changed nothing: all checks come before the first write.

use crate::events::{
    CodeHashesChanged, MemberAdmitted, ParamsChanged, RegistryEvent, TreasuryWithdrawn,
};
use crate::types::{
    Application, CodeHashes, MemberInfo, MemberStatus, Outcome, RegistryParams, Vouch, VouchTally,
    MAX_GENESIS_MEMBERS, MAX_PAGE,
};
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use interfaces::{AccountId, Accusable, Balance, Hash, RegistryError, Timestamp};

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

/// Answers "how many tokens of this personal token are held by others than its issuer?". The
/// contract asks the token; unit tests use a map.
pub trait TokenHolders {
    /// The outstanding supply of the token whose payout splitter is `splitter` (held by others
    /// than the issuer): the splitter mirrors every such balance, and is a quarter of the
    /// token's code to enter.
    ///
    /// # Errors
    /// `CallFailed` when the splitter cannot be asked.
    fn outstanding(&self, splitter: AccountId) -> Result<Balance, RegistryError>;
}

/// An admission index and the member counters after it, computed before any write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Admission {
    index: u32,
    member_count: u32,
    active_count: u32,
}

/// The whole state of the registry.
#[ink::storage_item]
#[derive(Debug)]
pub struct RegistryState {
    /// The only account allowed to enforce, configure and upgrade.
    pub(crate) governance: AccountId,
    pub(crate) params: RegistryParams,
    /// The floors (and the vouch cap) fixed at construction: no `set_params` goes below them.
    pub(crate) floors: RegistryParams,
    /// Vouches each member gave in his current vouch period.
    pub(crate) vouch_tallies: Mapping<AccountId, VouchTally>,
    pub(crate) code_hashes: CodeHashes,
    /// Every account ever admitted, whatever its status now.
    pub(crate) members: Mapping<AccountId, MemberInfo>,
    /// Admission order: index `0..member_count` -> member.
    pub(crate) member_at: Mapping<u32, AccountId>,
    pub(crate) member_count: u32,
    /// Members whose status counts as active (see [`MemberStatus::counts_as_active`]).
    pub(crate) active_count: u32,
    /// Open applications.
    pub(crate) applications: Mapping<AccountId, Application>,
    /// Vouch records: (subject, slot) -> vouch. A subject's slots run on across his
    /// applications, so a withdrawn application's records are never overwritten.
    pub(crate) vouches: Mapping<(AccountId, u32), Vouch>,
    /// (voucher, subject) -> the slot of the voucher's latest vouch for the subject.
    pub(crate) vouch_slot_of: Mapping<(AccountId, AccountId), u32>,
    /// Slots used by a subject's withdrawn applications (absent: none).
    pub(crate) vouch_slots_used: Mapping<AccountId, u32>,
    /// A voucher of an expelled member may not vouch before this time.
    pub(crate) vouch_banned_until: Mapping<AccountId, Timestamp>,
    /// Token -> its issuer, for tokens launched through the factory.
    pub(crate) issuers: Mapping<AccountId, AccountId>,
    /// Application, member and vouch bonds held (native value).
    pub(crate) bonds_held: Balance,
    /// Slashed bonds of expelled members without a token holder to pay (native value), spent
    /// by governance.
    pub(crate) treasury: Balance,
}

impl RegistryState {
    /// A new registry: every genesis member active with bond 0 and no vouchers (duplicates are
    /// ignored).
    ///
    /// # Errors
    /// In this order: `TooManyGenesisMembers` for more than [`MAX_GENESIS_MEMBERS`] entries
    /// (duplicates included), `NoGenesisMembers` for none, `InvalidParams` (floors that break
    /// the shape rules, or parameters below them; see [`RegistryParams::validate`]).
    ///
    /// # Events
    /// `MemberAdmitted` per distinct genesis member.
    pub fn new(
        genesis_members: Vec<AccountId>,
        governance: AccountId,
        params: RegistryParams,
        floors: RegistryParams,
        code_hashes: CodeHashes,
        now: Timestamp,
    ) -> Result<(RegistryState, Outcome), RegistryError> {
        if genesis_members.len() > MAX_GENESIS_MEMBERS {
            return Err(RegistryError::TooManyGenesisMembers);
        }
        if genesis_members.is_empty() {
            return Err(RegistryError::NoGenesisMembers);
        }
        floors.validate_shape()?;
        params.validate(&floors)?;
        let mut state = RegistryState {
            governance,
            params,
            floors,
            vouch_tallies: Mapping::default(),
            code_hashes,
            members: Mapping::default(),
            member_at: Mapping::default(),
            member_count: 0,
            active_count: 0,
            applications: Mapping::default(),
            vouches: Mapping::default(),
            vouch_slot_of: Mapping::default(),
            vouch_slots_used: Mapping::default(),
            vouch_banned_until: Mapping::default(),
            issuers: Mapping::default(),
            bonds_held: 0,
            treasury: 0,
        };
        let mut outcome = Outcome::default();
        for member in genesis_members {
            if state.members.contains(member) {
                continue;
            }
            let info = MemberInfo {
                status: MemberStatus::Active,
                joined_at: now,
                rights_from: 0,
                bond: 0,
                profile_hash: Hash::default(),
                voucher_count: 0,
                first_vouch_slot: 0,
                token: None,
                splitter: None,
                open_cases: 0,
            };
            let admission = state.prepare_admission()?;
            state.admit(member, &info, admission);
            outcome.roster_sync(member, None, info.roster_entry());
            outcome.event(RegistryEvent::MemberAdmitted(MemberAdmitted {
                member,
                bond: 0,
                voucher_count: 0,
            }));
        }
        Ok((state, outcome))
    }

    // ----- queries -------------------------------------------------------------------------

    /// The governance account.
    pub fn governance(&self) -> AccountId {
        self.governance
    }

    /// The current parameters.
    pub fn params(&self) -> RegistryParams {
        self.params
    }

    /// The floors fixed at construction.
    pub fn floors(&self) -> RegistryParams {
        self.floors
    }

    /// When `account`'s rights began or begin, if he is active at `now` (see
    /// [`MemberInfo::rights_from`]).
    pub fn rights_since(&self, account: AccountId, now: Timestamp) -> Option<Timestamp> {
        self.members
            .get(account)
            .filter(|info| info.status.is_active_at(now))
            .map(|info| info.rights_from)
    }

    /// The code hashes the factory instantiates.
    pub fn code_hashes(&self) -> CodeHashes {
        self.code_hashes
    }

    /// `account`'s member record (any status).
    pub fn member(&self, account: AccountId) -> Option<MemberInfo> {
        self.members.get(account)
    }

    /// `account`'s open application.
    pub fn application(&self, account: AccountId) -> Option<Application> {
        self.applications.get(account)
    }

    /// Whether `account` is an active member at `now`: `Active`, or `Suspended` with
    /// `until <= now`.
    pub fn is_active(&self, account: AccountId, now: Timestamp) -> bool {
        self.members
            .get(account)
            .is_some_and(|info| info.status.is_active_at(now))
    }

    /// Whether `account` can be accused of misconduct, with what governance needs to size the
    /// jury: `Some` for a member who is active, suspended (also if the suspension lapsed) or
    /// resigning; `None` for a stranger, a candidate, an expelled member and one whose
    /// resignation completed. `vouchers` is his admission's voucher count and `counted_active`
    /// whether he counts in `active_count`.
    pub fn accusable(&self, account: AccountId) -> Option<Accusable> {
        let info = self.members.get(account)?;
        match info.status {
            MemberStatus::Active
            | MemberStatus::Suspended { .. }
            | MemberStatus::Resigning { .. } => Some(Accusable {
                vouchers: info.voucher_count,
                counted_active: info.status.counts_as_active(),
            }),
            MemberStatus::Resigned | MemberStatus::Expelled => None,
        }
    }

    /// Members neither expelled nor resigned or resigning. A suspended member counts: his
    /// suspension lapses on its own, without a call that could update the count.
    pub fn active_count(&self) -> u32 {
        self.active_count
    }

    /// Accounts ever admitted (genesis members included), whatever their status now.
    pub fn member_count(&self) -> u32 {
        self.member_count
    }

    /// Up to `limit` (at most [`MAX_PAGE`]) members in admission order from index `start`.
    ///
    /// # Errors
    /// `PageTooLarge`.
    pub fn members(
        &self,
        start: u32,
        limit: u32,
    ) -> Result<Vec<(AccountId, MemberInfo)>, RegistryError> {
        if limit > MAX_PAGE {
            return Err(RegistryError::PageTooLarge);
        }
        // proof: saturating at u32::MAX only shortens a range that `min` cuts anyway.
        let end = start.saturating_add(limit).min(self.member_count);
        Ok((start..end)
            .filter_map(|index| self.member_at.get(index))
            .filter_map(|account| self.members.get(account).map(|info| (account, info)))
            .collect())
    }

    /// `member`'s personal token.
    pub fn token_of(&self, member: AccountId) -> Option<AccountId> {
        self.members.get(member).and_then(|info| info.token)
    }

    /// `member`'s payout splitter.
    pub fn splitter_of(&self, member: AccountId) -> Option<AccountId> {
        self.members.get(member).and_then(|info| info.splitter)
    }

    /// The member who launched `token` through the factory.
    pub fn issuer_of(&self, token: AccountId) -> Option<AccountId> {
        self.issuers.get(token)
    }

    /// Vouch `index` (from 0) of `account`'s admission if he is a member, or of his open
    /// application if he is a candidate.
    pub fn voucher_of(&self, account: AccountId, index: u32) -> Option<Vouch> {
        let (first, count) = if let Some(info) = self.members.get(account) {
            (info.first_vouch_slot, info.voucher_count)
        } else {
            let application = self.applications.get(account)?;
            (application.first_vouch_slot, application.vouch_count)
        };
        if index >= count {
            return None;
        }
        self.vouches.get((account, first.checked_add(index)?))
    }

    /// Until when `account` may not vouch (0: never banned).
    pub fn vouch_banned_until(&self, account: AccountId) -> Timestamp {
        self.vouch_banned_until.get(account).unwrap_or_default()
    }

    /// Whether `voucher` ever vouched for `subject` (for his admission, or for an application
    /// of his that was withdrawn). Stays true after the bond is released or slashed, so that
    /// governance can exclude the voucher from judging the subject.
    pub fn has_vouched_for(&self, voucher: AccountId, subject: AccountId) -> bool {
        self.vouch_slot_of.contains((voucher, subject))
    }

    /// Bonds held (application, member and vouch bonds).
    pub fn bonds_held(&self) -> Balance {
        self.bonds_held
    }

    /// Slashed value held for governance to spend.
    pub fn treasury(&self) -> Balance {
        self.treasury
    }

    // ----- guards and helpers --------------------------------------------------------------

    /// Whether `caller` is governance.
    ///
    /// # Errors
    /// `NotGovernance`.
    pub fn ensure_governance(&self, caller: AccountId) -> Result<(), RegistryError> {
        if caller == self.governance {
            Ok(())
        } else {
            Err(RegistryError::NotGovernance)
        }
    }

    pub(crate) fn ensure_active(
        &self,
        account: AccountId,
        now: Timestamp,
    ) -> Result<MemberInfo, RegistryError> {
        match self.members.get(account) {
            Some(info) if info.status.is_active_at(now) => Ok(info),
            _ => Err(RegistryError::NotActiveMember),
        }
    }

    /// Reserves the next admission index and the counters after it, without writing: a
    /// message computes it with its other checks and commits it with [`Self::admit`].
    ///
    /// # Errors
    /// `ArithmeticOverflow` if a counter would pass `u32::MAX`.
    pub(crate) fn prepare_admission(&self) -> Result<Admission, RegistryError> {
        Ok(Admission {
            index: self.member_count,
            member_count: self
                .member_count
                .checked_add(1)
                .ok_or(RegistryError::ArithmeticOverflow)?,
            active_count: self
                .active_count
                .checked_add(1)
                .ok_or(RegistryError::ArithmeticOverflow)?,
        })
    }

    /// Records `account` as a member at the reserved index.
    pub(crate) fn admit(&mut self, account: AccountId, info: &MemberInfo, admission: Admission) {
        self.members.insert(account, info);
        self.member_at.insert(admission.index, &account);
        self.member_count = admission.member_count;
        self.active_count = admission.active_count;
    }

    pub(crate) fn bonds_plus(&self, amount: Balance) -> Result<Balance, RegistryError> {
        self.bonds_held
            .checked_add(amount)
            .ok_or(RegistryError::ArithmeticOverflow)
    }

    pub(crate) fn bonds_minus(&self, amount: Balance) -> Result<Balance, RegistryError> {
        self.bonds_held
            .checked_sub(amount)
            .ok_or(RegistryError::ArithmeticOverflow)
    }

    // ----- governance configuration --------------------------------------------------------

    /// Replaces the parameters. Caller: governance.
    ///
    /// # Errors
    /// `NotGovernance`, `InvalidParams` (see [`RegistryParams::validate`]: never below the
    /// floors fixed at construction).
    ///
    /// # Events
    /// `ParamsChanged`.
    pub fn set_params(
        &mut self,
        ctx: Ctx,
        params: RegistryParams,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        params.validate(&self.floors)?;
        self.params = params;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::ParamsChanged(ParamsChanged { params }));
        Ok(outcome)
    }

    /// Replaces the code hashes the factory instantiates (tokens already launched keep their
    /// code). Caller: governance.
    ///
    /// # Errors
    /// `NotGovernance`.
    ///
    /// # Events
    /// `CodeHashesChanged`.
    pub fn set_code_hashes(
        &mut self,
        ctx: Ctx,
        token_code_hash: Hash,
        splitter_code_hash: Hash,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        self.code_hashes = CodeHashes {
            token: token_code_hash,
            splitter: splitter_code_hash,
        };
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::CodeHashesChanged(CodeHashesChanged {
            token_code_hash,
            splitter_code_hash,
        }));
        Ok(outcome)
    }

    /// Pays `amount` of the treasury to `to`. Caller: governance.
    ///
    /// # Errors
    /// `NotGovernance`, `InsufficientTreasury`.
    ///
    /// # Events
    /// `TreasuryWithdrawn`.
    pub fn withdraw_treasury(
        &mut self,
        ctx: Ctx,
        to: AccountId,
        amount: Balance,
    ) -> Result<Outcome, RegistryError> {
        self.ensure_governance(ctx.caller)?;
        let treasury = self
            .treasury
            .checked_sub(amount)
            .ok_or(RegistryError::InsufficientTreasury)?;
        self.treasury = treasury;
        let mut outcome = Outcome::default();
        outcome.event(RegistryEvent::TreasuryWithdrawn(TreasuryWithdrawn {
            to,
            amount,
        }));
        outcome.pay(to, amount);
        Ok(outcome)
    }
}
