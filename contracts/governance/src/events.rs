//! Events of governance: one for every state change.

use crate::params::GovernanceParams;
use crate::types::{DisputeId, DisputeKind, ProposalClass, ProposalId, Remedy, Round, Ruling};
use ink::prelude::vec::Vec;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// Governance was wired to its registry (once, for ever); no personal key keeps admin power.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wired {
    /// The membership registry.
    pub registry: AccountId,
}

/// The parameters were set (at construction) or changed (by an executed proposal).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsChanged {
    /// The new parameters.
    pub params: GovernanceParams,
}

pub use interfaces::events::CodeUpgraded;

/// A dispute was opened; its bond is held until the ruling executes.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeOpened {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// Who opened it.
    #[ink(topic)]
    pub claimant: AccountId,
    /// The member accused, or the lost account of a key recovery.
    #[ink(topic)]
    pub accused: AccountId,
    /// What it is about.
    pub kind: DisputeKind,
    /// What applies if it is upheld.
    pub remedy: Remedy,
    /// The dispute bond paid.
    pub bond: Balance,
    /// End of the evidence phase.
    pub evidence_ends: Timestamp,
    /// End of round 1's commit phase.
    pub commit_ends: Timestamp,
    /// End of round 1's reveal phase.
    pub reveal_ends: Timestamp,
    /// End of the appeal window.
    pub appeal_ends: Timestamp,
    /// Members eligible to judge it at opening (see `Dispute::eligible_snapshot`).
    pub eligible: u32,
    /// Revealed votes round 1 needs.
    pub quorum: u32,
    /// The deposit a juror pays with his commit.
    pub juror_deposit: Balance,
}

/// A party submitted evidence (ERC-1497 style: the document lives off-chain under its hash;
/// nothing is stored). Also emitted for the opening evidence.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The claimant or the accused.
    #[ink(topic)]
    pub party: AccountId,
    /// Hash of the evidence document.
    pub evidence_hash: Hash,
}

/// A juror committed a hidden vote, paying the dispute's juror deposit.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteCommitted {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The round (1, 2, or 3 for the fresh first round).
    pub round: Round,
    /// The juror.
    #[ink(topic)]
    pub juror: AccountId,
    /// `vote_commitment(dispute, round, juror, vote, salt)`.
    pub commitment: Hash,
}

/// A juror revealed his vote; it is counted and his deposit paid back.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRevealed {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The round (1, 2, or 3 for the fresh first round).
    pub round: Round,
    /// The juror.
    #[ink(topic)]
    pub juror: AccountId,
    /// `true` to uphold, `false` to dismiss.
    pub vote: bool,
}

/// The losing side of round 1 appealed; round 2 starts with its commit phase.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appealed {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The appellant.
    #[ink(topic)]
    pub appellant: AccountId,
    /// The appeal bond paid.
    pub bond: Balance,
    /// End of round 2's commit phase.
    pub commit_ends: Timestamp,
    /// End of round 2's reveal phase (the ruling is final from then on).
    pub reveal_ends: Timestamp,
}

/// A final ruling was executed and the dispute's bonds settled.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingExecuted {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The final ruling.
    pub ruling: Ruling,
    /// Whether the remedy was applied: `false` for a dismissal, and for an upheld ruling whose
    /// enforcement the registry or token refused (for example a member already expelled).
    pub enforced: bool,
}

/// The lost account of a key recovery contested it: the dispute is final, dismissed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryContested {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The lost account (alive, since it signed).
    #[ink(topic)]
    pub lost: AccountId,
}

/// At execution, what governance keeps of a dispute: the deposits of the jurors who committed
/// and did not reveal, and the claimant's bond of a key recovery without quorum. Emitted only
/// when something was forfeited.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForfeitsSettled {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// Juror deposits forfeited (not counting those a contest returns).
    pub forfeited_deposits: Balance,
    /// Dispute bond forfeited (a key recovery without quorum).
    pub forfeited_bond: Balance,
    /// What each juror who revealed with the final ruling in the deciding round may claim.
    pub reward_per_juror: Balance,
    /// What went to governance's free balance (the treasury): the bond, the rounding
    /// remainder, and every forfeited deposit when nobody decided by vote.
    pub to_treasury: Balance,
}

/// A juror claimed his share of a dispute's forfeits, or his deposit back from a contested
/// recovery.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorRewardClaimed {
    /// The dispute.
    #[ink(topic)]
    pub dispute: DisputeId,
    /// The juror.
    #[ink(topic)]
    pub juror: AccountId,
    /// Amount paid.
    pub amount: Balance,
}

/// A member proposed a call by governance.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCreated {
    /// The proposal.
    #[ink(topic)]
    pub proposal: ProposalId,
    /// The proposer.
    #[ink(topic)]
    pub proposer: AccountId,
    /// The contract to call.
    #[ink(topic)]
    pub target: AccountId,
    /// The message selector.
    pub selector: [u8; 4],
    /// The SCALE-encoded arguments.
    pub input: Vec<u8>,
    /// Native value to send.
    pub value: Balance,
    /// Its class (threshold and timelock).
    pub class: ProposalClass,
    /// End of the voting period.
    pub voting_ends: Timestamp,
    /// Earliest execution time if it passes.
    pub eta: Timestamp,
    /// End of its grace period.
    pub expires: Timestamp,
}

/// A member vetoed a passed proposal during its timelock.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vetoed {
    /// The proposal.
    #[ink(topic)]
    pub proposal: ProposalId,
    /// The member.
    #[ink(topic)]
    pub member: AccountId,
    /// Vetoes so far.
    pub vetoes: u32,
    /// Whether this veto stopped it (the vetoes reached its veto quorum).
    pub stopped: bool,
}

/// The proposer cancelled his proposal.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCancelled {
    /// The proposal.
    #[ink(topic)]
    pub proposal: ProposalId,
}

/// An executed proposal granted treasury funds.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryGranted {
    /// The recipient.
    #[ink(topic)]
    pub to: AccountId,
    /// Native value paid.
    pub amount: Balance,
}

/// A member voted on a proposal.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voted {
    /// The proposal.
    #[ink(topic)]
    pub proposal: ProposalId,
    /// The voter.
    #[ink(topic)]
    pub voter: AccountId,
    /// `true` for, `false` against.
    pub support: bool,
}

/// A passed proposal was executed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalExecuted {
    /// The proposal.
    #[ink(topic)]
    pub proposal: ProposalId,
}

/// Every event governance's logic can produce, in the order the glue emits them.
/// (`RulingExecuted` is emitted by the glue itself once the enforcement call has answered.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GovernanceEvent {
    /// See [`Wired`].
    Wired(Wired),
    /// See [`ParamsChanged`].
    ParamsChanged(ParamsChanged),
    /// See [`CodeUpgraded`].
    CodeUpgraded(CodeUpgraded),
    /// See [`DisputeOpened`].
    DisputeOpened(DisputeOpened),
    /// See [`Evidence`].
    Evidence(Evidence),
    /// See [`VoteCommitted`].
    VoteCommitted(VoteCommitted),
    /// See [`VoteRevealed`].
    VoteRevealed(VoteRevealed),
    /// See [`Appealed`].
    Appealed(Appealed),
    /// See [`RecoveryContested`].
    RecoveryContested(RecoveryContested),
    /// See [`ForfeitsSettled`].
    ForfeitsSettled(ForfeitsSettled),
    /// See [`JurorRewardClaimed`].
    JurorRewardClaimed(JurorRewardClaimed),
    /// See [`ProposalCreated`].
    ProposalCreated(ProposalCreated),
    /// See [`Voted`].
    Voted(Voted),
    /// See [`ProposalExecuted`].
    ProposalExecuted(ProposalExecuted),
    /// See [`Vetoed`].
    Vetoed(Vetoed),
    /// See [`ProposalCancelled`].
    ProposalCancelled(ProposalCancelled),
    /// See [`TreasuryGranted`].
    TreasuryGranted(TreasuryGranted),
}
