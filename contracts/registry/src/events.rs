//! Events of the registry: one for every state change.

use crate::types::RegistryParams;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// An account applied for membership and paid its application bond.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The candidate.
    #[ink(topic)]
    pub candidate: AccountId,
    /// The application bond paid.
    pub bond: Balance,
    /// Hash of the candidate's off-chain profile.
    pub profile_hash: Hash,
    /// Members may vouch until this time (with the current vouching window).
    pub vouching_deadline: Timestamp,
}

/// A member vouched for a candidate and staked his vouch bond.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vouched {
    /// The member vouching.
    #[ink(topic)]
    pub voucher: AccountId,
    /// The candidate.
    #[ink(topic)]
    pub candidate: AccountId,
    /// The vouch bond staked.
    pub bond: Balance,
    /// The candidate's vouches including this one.
    pub vouch_count: u32,
}

/// An account became an active member: a candidate reaching the vouches required, or a
/// genesis member at construction.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAdmitted {
    /// The new member.
    #[ink(topic)]
    pub member: AccountId,
    /// His member bond (his application bond; 0 for a genesis member).
    pub bond: Balance,
    /// Number of members who vouched for him (0 for a genesis member).
    pub voucher_count: u32,
}

/// A candidate withdrew his application; his bond was refunded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationWithdrawn {
    /// The former candidate.
    #[ink(topic)]
    pub candidate: AccountId,
    /// The application bond refunded.
    pub bond: Balance,
}

/// A voucher's bond was refunded: it was no longer at stake.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VouchReleased {
    /// The voucher.
    #[ink(topic)]
    pub voucher: AccountId,
    /// The member or (former) candidate he vouched for.
    #[ink(topic)]
    pub subject: AccountId,
    /// The vouch bond refunded.
    pub bond: Balance,
}

/// A member launched his personal token and its payout splitter through the factory.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLaunched {
    /// The issuer.
    #[ink(topic)]
    pub member: AccountId,
    /// The new personal token.
    #[ink(topic)]
    pub token: AccountId,
    /// The token's payout splitter.
    pub splitter: AccountId,
}

/// Governance suspended a member.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSuspended {
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
    /// End of the suspension in effect (the later of the current unexpired end and the one
    /// asked: a suspension only lengthens); he is active again from then on.
    pub until: Timestamp,
}

/// Governance lifted a member's suspension.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberReinstated {
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
}

/// Governance expelled a member: his token (if any) was frozen and the slashed bonds paid to
/// its holders, or to the registry treasury.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberExpelled {
    /// The expelled member.
    #[ink(topic)]
    pub member: AccountId,
    /// His member bond plus his vouchers' unreleased bonds.
    pub slashed: Balance,
    /// Whether the slashed amount went to his token's holders (through the splitter) rather
    /// than to the treasury.
    pub to_holders: bool,
}

/// A voucher of an expelled member was penalised: his unreleased bond on that member was
/// slashed and he may not vouch until `banned_until`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoucherPenalised {
    /// The voucher.
    #[ink(topic)]
    pub voucher: AccountId,
    /// The expelled member he vouched for.
    #[ink(topic)]
    pub member: AccountId,
    /// His vouch bond slashed (0 if he had already released it).
    pub bond: Balance,
    /// He may not vouch before this time.
    pub banned_until: Timestamp,
}

/// A member asked to resign; his bond is refunded after the resignation cooldown.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resigned {
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
    /// He may complete the resignation from this time.
    pub completable_at: Timestamp,
}

/// A resigning member completed his resignation; his bond was refunded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResignationCompleted {
    /// The former member.
    #[ink(topic)]
    pub member: AccountId,
    /// The member bond refunded.
    pub bond: Balance,
}

/// Governance changed the parameters.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsChanged {
    /// The new parameters.
    pub params: RegistryParams,
}

/// Governance changed the code the token factory instantiates.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeHashesChanged {
    /// The new `personal_token` code hash.
    pub token_code_hash: Hash,
    /// The new `payout_splitter` code hash.
    pub splitter_code_hash: Hash,
}

/// Governance paid out of the treasury.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryWithdrawn {
    /// The recipient.
    #[ink(topic)]
    pub to: AccountId,
    /// The amount paid.
    pub amount: Balance,
}

/// Governance opened a misconduct dispute against a member: he is held (no resignation, no
/// release of his admission's vouch bonds, no token launch) and his token restrained until it
/// is closed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOpened {
    /// The accused member.
    #[ink(topic)]
    pub member: AccountId,
    /// His open cases including this one.
    pub open_cases: u32,
}

/// Governance executed a misconduct dispute against a member (whatever its ruling).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseClosed {
    /// The accused member.
    #[ink(topic)]
    pub member: AccountId,
    /// His open cases left (0: no longer held).
    pub open_cases: u32,
}

pub use interfaces::events::CodeUpgraded;

/// Every event the registry's logic can produce, in the order the glue emits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryEvent {
    /// See [`Applied`].
    Applied(Applied),
    /// See [`Vouched`].
    Vouched(Vouched),
    /// See [`MemberAdmitted`].
    MemberAdmitted(MemberAdmitted),
    /// See [`ApplicationWithdrawn`].
    ApplicationWithdrawn(ApplicationWithdrawn),
    /// See [`VouchReleased`].
    VouchReleased(VouchReleased),
    /// See [`TokenLaunched`].
    TokenLaunched(TokenLaunched),
    /// See [`MemberSuspended`].
    MemberSuspended(MemberSuspended),
    /// See [`MemberReinstated`].
    MemberReinstated(MemberReinstated),
    /// See [`MemberExpelled`].
    MemberExpelled(MemberExpelled),
    /// See [`VoucherPenalised`].
    VoucherPenalised(VoucherPenalised),
    /// See [`Resigned`].
    Resigned(Resigned),
    /// See [`ResignationCompleted`].
    ResignationCompleted(ResignationCompleted),
    /// See [`ParamsChanged`].
    ParamsChanged(ParamsChanged),
    /// See [`CodeHashesChanged`].
    CodeHashesChanged(CodeHashesChanged),
    /// See [`TreasuryWithdrawn`].
    TreasuryWithdrawn(TreasuryWithdrawn),
    /// See [`CodeUpgraded`].
    CodeUpgraded(CodeUpgraded),
    /// See [`CaseOpened`].
    CaseOpened(CaseOpened),
    /// See [`CaseClosed`].
    CaseClosed(CaseClosed),
}
