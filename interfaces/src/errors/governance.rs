//! The governance contract's error enum.

use super::{RegistryError, TokenError};
use crate::Balance;

/// Errors of the governance contract.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum GovernanceError {
    /// The caller (a claimant of misconduct, a juror, a proposer or a voter) is not an active
    /// member.
    NotActiveMember,
    /// The caller is not the account that instantiated governance.
    NotWiringAuthority,
    /// Governance is already wired to its registry.
    AlreadyWired,
    /// Governance is not yet wired to its registry.
    NotWired,
    /// Only governance itself (an executed proposal) may call this.
    NotGovernance,
    /// The value sent is not the exact bond due.
    WrongBond {
        /// The bond due.
        expected: Balance,
        /// The value sent.
        received: Balance,
    },
    /// A remedy that does not fit the dispute: a misconduct kind with `Recover`, a zero
    /// suspension, a key recovery without `Recover`, with `lost` other than the accused or
    /// equal to `new_account`, or naming a token not launched through the registry or one of
    /// whose accounts is its issuer.
    InvalidRemedy,
    /// A member cannot accuse himself.
    CannotAccuseSelf,
    /// The accused cannot be judged: not a member, expelled, or his resignation completed.
    AccusedNotMember,
    /// No dispute has this id.
    DisputeNotFound,
    /// The dispute is not in the phase this action needs.
    WrongPhase,
    /// Only the claimant or the accused may submit evidence.
    NotParty,
    /// The juror already committed in this round.
    AlreadyCommitted,
    /// The juror did not commit in this round.
    NotCommitted,
    /// The juror already revealed in this round.
    AlreadyRevealed,
    /// The revealed vote and salt do not match the commitment.
    BadReveal,
    /// The caller may not judge this dispute: a party (claimant, accused, a recovery's new
    /// account), a voucher of the accused, a holder of the accused's token at commit, or a
    /// juror who withheld his reveal in round 1 (for its fresh round).
    JurorExcluded,
    /// Only the losing side may appeal, once, within the appeal window.
    AppealNotAllowed,
    /// The ruling is not final yet.
    NotFinal,
    /// The ruling or proposal was already executed.
    AlreadyExecuted,
    /// No proposal has this id.
    ProposalNotFound,
    /// The member already voted.
    AlreadyVoted,
    /// The voting period is over.
    VotingClosed,
    /// The voting period is not over.
    VotingOpen,
    /// The proposal did not pass.
    ProposalDefeated,
    /// The timelock has not expired.
    TimelockNotOver,
    /// Proposal input longer than the maximum.
    InputTooLong,
    /// The proposal's value exceeds governance's balance not held as bonds.
    InsufficientFreeBalance,
    /// The proposal's call trapped, was not understood (unknown selector or bad input), or
    /// returned a `Result::Err`; nothing changed.
    ProposalCallFailed,
    /// A proposal targeting governance itself names a message governance cannot run on itself
    /// (only `set_params` and `set_code`), carries an input that is not exactly that
    /// message's SCALE-encoded argument, or carries a value.
    UnknownSelfCall,
    /// Invalid parameters.
    InvalidParams,
    /// The value sent with a commit is not the dispute's juror deposit.
    WrongDeposit {
        /// The deposit due.
        expected: Balance,
        /// The value sent.
        received: Balance,
    },
    /// A key recovery must be claimed by the new account itself.
    NotNewAccount,
    /// Only the lost account of an open key-recovery dispute may contest it.
    NotContestable,
    /// The juror has no deposit refund or reward to claim in this dispute (or claimed it).
    NothingToClaim,
    /// A native value transfer out of governance failed.
    TransferFailed,
    /// A checked arithmetic operation overflowed.
    ArithmeticOverflow,
    /// `set_code_hash` failed: no code is stored under the hash.
    UpgradeFailed,
    /// The registry refused a call.
    Registry(RegistryError),
    /// A token refused a call.
    Token(TokenError),
    /// A cross-contract call failed below the callee's error type (missing or trapped callee,
    /// unknown selector, out of gas).
    CallFailed,
    /// The caller's rights (voting, proposing, vetoing, judging) have not begun: his tenure
    /// is not served, or for a vote, veto or juror commit they began at or after the
    /// proposal or dispute opened.
    NoRightsYet,
    /// A proposal may not make this call: only the allowlisted messages (parameters, code
    /// hashes, upgrades, treasury grants) of governance, the registry and the registry's
    /// tokens, without value. Enforcement and remedies are reachable through rulings only.
    NotAllowlisted,
    /// An upgrade of this contract is already proposed and not settled.
    UpgradePending,
    /// Only the proposer may cancel his proposal.
    NotProposer,
    /// The proposal was cancelled by its proposer.
    ProposalCancelled,
    /// The proposal was vetoed by a blocking minority during its timelock.
    ProposalVetoed,
    /// The proposal's grace period after its timelock is over: it can no longer be executed.
    ProposalExpired,
    /// A veto is only possible while the proposal is in its timelock (passed, not yet
    /// executable).
    NotInTimelock,
    /// The member already vetoed this proposal.
    AlreadyVetoed,
}
