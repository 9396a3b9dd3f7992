//! Records kept by governance, what its logic needs from the chain, and what it asks the
//! contract glue to do.

use crate::events::GovernanceEvent;
use ink::prelude::vec::Vec;
use interfaces::{AccountId, Accusable, Balance, GovernanceError, Hash, JurorStanding, Timestamp};

/// Identifies a dispute (sequential from 0).
pub type DisputeId = u64;
/// Identifies a proposal (sequential from 0).
pub type ProposalId = u64;
/// A dispute round: [`FIRST_ROUND`], [`APPEAL_ROUND`] or [`RERUN_ROUND`].
pub type Round = u8;
/// Key of a juror's vote: (dispute, round, juror).
pub type VoteKey = (DisputeId, Round, AccountId);

/// The first round of a dispute (evidence, commit, reveal, then the appeal window).
pub const FIRST_ROUND: Round = 1;
/// The appeal round (commit, reveal; its outcome is final).
pub const APPEAL_ROUND: Round = 2;
/// The fresh first round that runs, at most once, when round 1 failed its quorum although
/// enough jurors committed (reveals were withheld). Its outcome replaces round 1's; the jurors
/// who withheld in round 1 may not judge it.
pub const RERUN_ROUND: Round = 3;
/// Longest call input a proposal may carry, in bytes (the SCALE-encoded arguments after the
/// selector).
pub const MAX_INPUT_LEN: usize = 1024;

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

/// The on-chain facts governance reads from the registry and from personal tokens. The
/// contract asks the wired registry and the tokens (cross-contract queries); unit tests use a
/// fake.
///
/// Every method fails with `CallFailed` when the callee cannot be asked, and with `NotWired`
/// before governance is wired.
pub trait Chain {
    /// `MemberRegistry::rights_since(account)`: when his member rights began or begin, if he
    /// is active now.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn rights_since(&self, account: AccountId) -> Result<Option<Timestamp>, GovernanceError>;

    /// Whether `account` is an active member (whatever his tenure).
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn is_active(&self, account: AccountId) -> Result<bool, GovernanceError> {
        Ok(self.rights_since(account)?.is_some())
    }

    /// Checks that `account` is an active member whose rights began before `opened_at` (a
    /// proposal's or dispute's opening).
    ///
    /// # Errors
    /// `NotActiveMember`, `NoRightsYet`, and those of [`Chain::rights_since`].
    fn ensure_rights_before(
        &self,
        account: AccountId,
        opened_at: Timestamp,
    ) -> Result<(), GovernanceError> {
        match self.rights_since(account)? {
            None => Err(GovernanceError::NotActiveMember),
            Some(since) if since >= opened_at => Err(GovernanceError::NoRightsYet),
            Some(_) => Ok(()),
        }
    }

    /// `MemberRegistry::active_count()`: members in good standing or suspended.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn active_count(&self) -> Result<u32, GovernanceError>;

    /// `MemberRegistry::has_vouched_for(voucher, member)`.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn has_vouched_for(
        &self,
        voucher: AccountId,
        member: AccountId,
    ) -> Result<bool, GovernanceError>;

    /// `MemberRegistry::token_of(member)`: the personal token `member` launched, if any.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn token_of(&self, member: AccountId) -> Result<Option<AccountId>, GovernanceError>;

    /// `MemberRegistry::issuer_of(token)`: the issuer of a token launched through the
    /// registry, if any.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn issuer_of(&self, token: AccountId) -> Result<Option<AccountId>, GovernanceError>;

    /// `MemberRegistry::accusable(account)`: whether `account` can be accused (active,
    /// suspended or resigning), with his vouchers' count and whether `active_count` counts him.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn accusable(&self, account: AccountId) -> Result<Option<Accusable>, GovernanceError>;

    /// `PSP22::balance_of(who)` on `token`.
    ///
    /// # Errors
    /// `CallFailed`.
    fn balance_of(&self, token: AccountId, who: AccountId) -> Result<Balance, GovernanceError>;

    /// The payout splitter of `member`'s token, if he launched one (the registry's
    /// `splitter_of`). By default none: then [`Chain::holds`] asks the token.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn splitter_of(&self, _member: AccountId) -> Result<Option<AccountId>, GovernanceError> {
        Ok(None)
    }

    /// Whether `who` holds any of `token`, whose splitter (if known) mirrors every balance but
    /// the issuer's. By default the token's `balance_of`.
    ///
    /// # Errors
    /// `CallFailed`.
    fn holds(
        &self,
        token: AccountId,
        _splitter: Option<AccountId>,
        who: AccountId,
    ) -> Result<bool, GovernanceError> {
        Ok(self.balance_of(token, who)? > 0)
    }

    /// `juror`'s rights and whether he ever vouched for `accused`: by default
    /// [`Chain::rights_since`] and [`Chain::has_vouched_for`]; the contract asks the roster
    /// both in one call.
    ///
    /// # Errors
    /// `NotWired`, `CallFailed`.
    fn juror_standing(
        &self,
        juror: AccountId,
        accused: AccountId,
    ) -> Result<JurorStanding, GovernanceError> {
        Ok(JurorStanding {
            rights_since: self.rights_since(juror)?,
            vouched_for_accused: self.has_vouched_for(juror, accused)?,
        })
    }

    /// `TokenRemedies::holder_count()` on `token`: accounts other than the issuer holding a
    /// positive balance.
    ///
    /// # Errors
    /// `CallFailed`.
    fn holder_count(&self, token: AccountId) -> Result<u32, GovernanceError>;
}

/// What a dispute is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum DisputeKind {
    /// The issuer sold an asset without reporting it (and paying the holders' share).
    UndisclosedLiquidation,
    /// The issuer reported a sale for less than it fetched.
    MisreportedProceeds,
    /// Abuse of the transfer restrictions (for example rejecting every request to trap
    /// holders, or side deals around the escrow).
    TransferAbuse,
    /// A holder lost his key: his balance should move to his new account. Not an accusation of
    /// misconduct: the "accused" is the lost account.
    KeyRecovery,
    /// Any other misconduct of a member.
    Other,
}

impl DisputeKind {
    /// Whether the dispute accuses a member of misconduct (every kind but `KeyRecovery`).
    pub fn is_misconduct(self) -> bool {
        !matches!(self, DisputeKind::KeyRecovery)
    }
}

/// What the claimant asks for if the dispute is upheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Remedy {
    /// Suspend the accused for `duration` ms from the execution of the ruling (> 0).
    Suspend {
        /// Length of the suspension (ms).
        duration: Timestamp,
    },
    /// Expel the accused: his token is frozen and the bonds at stake go to its holders.
    Expel,
    /// Move the whole balance of `lost` on `token` to `new_account` (key recovery).
    Recover {
        /// A personal token launched through the registry.
        token: AccountId,
        /// The lost account (the dispute's accused).
        lost: AccountId,
        /// The owner's new account.
        new_account: AccountId,
    },
}

/// The outcome of a dispute round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Ruling {
    /// The required share of the revealed votes said "yes": the remedy applies.
    Upheld,
    /// The accusation failed: the claimant's bonds go to the accused.
    Dismissed,
    /// Too few jurors revealed: dismissed, no appeal; a misconduct dispute returns every bond
    /// to its payer, a key recovery forfeits the claimant's bond to governance's treasury.
    NoQuorum,
}

/// Where a dispute stands, derived from the time, its deadlines, its tallies, its appeal and a
/// contest (never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Phase {
    /// The parties submit evidence (round 1 only).
    Evidence,
    /// Jurors commit hidden votes.
    Commit {
        /// [`FIRST_ROUND`], [`RERUN_ROUND`] or [`APPEAL_ROUND`].
        round: Round,
    },
    /// Jurors reveal their votes.
    Reveal {
        /// [`FIRST_ROUND`], [`RERUN_ROUND`] or [`APPEAL_ROUND`].
        round: Round,
    },
    /// The first instance (round 1, or its fresh round) ended with a quorum; its losing side
    /// may appeal.
    AppealWindow,
    /// The ruling is final and can be executed (once).
    Final,
}

/// Votes of one round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    /// Jurors who committed.
    pub committed: u32,
    /// Revealed "yes" (uphold) votes.
    pub yes: u32,
    /// Revealed "no" (dismiss) votes.
    pub no: u32,
}

impl Tally {
    /// Votes revealed.
    pub fn revealed(&self) -> u64 {
        // proof: two u32 values always fit in a u64 sum.
        u64::from(self.yes).saturating_add(u64::from(self.no))
    }

    /// Jurors who committed and have not revealed.
    pub fn unrevealed(&self) -> u32 {
        // proof: every reveal follows its commit, so `yes + no <= committed`.
        self.committed
            .saturating_sub(self.yes)
            .saturating_sub(self.no)
    }

    /// The round's outcome with `quorum` revealed votes needed and `threshold_bps` of them to
    /// say "yes": `NoQuorum` if fewer than `quorum` revealed, `Upheld` if
    /// `yes * 10 000 >= threshold_bps * revealed`, else `Dismissed`.
    pub fn ruling(&self, quorum: u32, threshold_bps: u32) -> Ruling {
        let revealed = self.revealed();
        if revealed < u64::from(quorum) {
            return Ruling::NoQuorum;
        }
        // proof: yes < 2^32 and BPS < 2^14, threshold_bps < 2^32 and revealed < 2^33: both
        // products are far below u128::MAX.
        let yes_weight = u128::from(self.yes).saturating_mul(u128::from(crate::params::BPS));
        let needed = u128::from(threshold_bps).saturating_mul(u128::from(revealed));
        if yes_weight >= needed {
            Ruling::Upheld
        } else {
            Ruling::Dismissed
        }
    }
}

/// An appeal of round 1's outcome, which opens round 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Appeal {
    /// The losing side of round 1 (the accused after `Upheld`, the claimant after
    /// `Dismissed`).
    pub appellant: AccountId,
    /// The appeal bond paid.
    pub bond: Balance,
    /// When the appeal was made: round 2's commit phase starts then.
    pub at: Timestamp,
    /// End of round 2's commit phase (exclusive).
    pub commit_ends: Timestamp,
    /// End of round 2's reveal phase (exclusive); the ruling is final from then on.
    pub reveal_ends: Timestamp,
}

/// The lost account's contest of a key recovery: a live key is not lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Contest {
    /// When the lost account contested: the dispute is final from then on.
    pub at: Timestamp,
    /// The round whose commit or reveal phase the contest interrupted (`None` during the
    /// evidence phase or the appeal window): its jurors who had not revealed get their
    /// deposit back through `claim_juror_reward`.
    pub round: Option<Round>,
}

/// A dispute. Its rules (deadlines, quorums, threshold, appeal bond, juror deposit) are fixed
/// when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Dispute {
    /// Who opened it (and paid `bond`).
    pub claimant: AccountId,
    /// The member accused, or the lost account of a key recovery.
    pub accused: AccountId,
    /// What it is about.
    pub kind: DisputeKind,
    /// What applies if it is upheld.
    pub remedy: Remedy,
    /// Hash of the claimant's opening evidence (later evidence is only in events).
    pub evidence_hash: Hash,
    /// The dispute bond the claimant paid.
    pub bond: Balance,
    /// The bond an appeal of this dispute costs.
    pub appeal_bond: Balance,
    /// The deposit a juror pays with his commit (returned at his reveal, forfeited without).
    pub juror_deposit: Balance,
    /// When it was opened: round 1's evidence phase starts then.
    pub opened_at: Timestamp,
    /// End of the evidence phase (exclusive).
    pub evidence_ends: Timestamp,
    /// End of round 1's commit phase (exclusive).
    pub commit_ends: Timestamp,
    /// End of round 1's reveal phase (exclusive).
    pub reveal_ends: Timestamp,
    /// End of the appeal window after round 1 (exclusive).
    pub appeal_ends: Timestamp,
    /// End of the fresh round's commit phase (exclusive; it starts at `reveal_ends`), if it
    /// runs.
    pub rerun_commit_ends: Timestamp,
    /// End of the fresh round's reveal phase (exclusive), if it runs.
    pub rerun_reveal_ends: Timestamp,
    /// End of the appeal window after the fresh round (exclusive), if it runs.
    pub rerun_appeal_ends: Timestamp,
    /// `MemberRegistry::active_count` when it was opened.
    pub active_snapshot: u32,
    /// The members eligible to judge it at opening (an under-estimate): `active_snapshot`
    /// minus the parties it counts, and for a misconduct dispute minus the accused's vouchers
    /// and his token's holders (saturating).
    pub eligible_snapshot: u32,
    /// Revealed votes round 1 (and its fresh round) need: `max(min_jurors, ceil(quorum_bps *
    /// eligible_snapshot / 10 000))`.
    pub quorum: u32,
    /// Revealed votes round 2 needs: `max(2 * min_jurors + 1, ceil(appeal_quorum_bps *
    /// eligible_snapshot / 10 000))`.
    pub appeal_quorum: u32,
    /// Share of the revealed votes that must say "yes" (basis points).
    pub threshold_bps: u32,
    /// Round 1's votes.
    pub first_round: Tally,
    /// The fresh round's votes (empty unless round 1's reveals were withheld).
    pub rerun_round: Tally,
    /// Round 2's votes (empty unless appealed).
    pub appeal_round: Tally,
    /// The appeal, if any.
    pub appeal: Option<Appeal>,
    /// The lost account's contest of a key recovery, if any.
    pub contest: Option<Contest>,
    /// Whether the ruling was executed (and the bonds settled).
    pub executed: bool,
    /// Each winning juror's share of the forfeited deposits, set at execution (see
    /// [`Dispute::deciding_round`]).
    pub juror_reward: Balance,
    /// The accused's personal token when it was opened (`token_of`), whose holders may not
    /// judge. It cannot change while a misconduct case is open (no launch with a case open).
    pub accused_token: Option<AccountId>,
    /// That token's payout splitter, which answers "does this juror hold it?" for a fraction
    /// of the token's code (it mirrors every balance but the issuer's, and the issuer is a
    /// party).
    pub accused_splitter: Option<AccountId>,
}

impl Dispute {
    /// Whether round 1 failed its quorum although enough jurors committed (reveals were
    /// withheld): the fresh round then runs (meaningful once round 1's reveal is over).
    pub fn has_rerun(&self) -> bool {
        self.first_round.revealed() < u64::from(self.quorum)
            && self.first_round.committed >= self.quorum
    }

    /// The round of the first instance: [`RERUN_ROUND`] if it ran, else [`FIRST_ROUND`].
    pub fn first_instance_round(&self) -> Round {
        if self.has_rerun() {
            RERUN_ROUND
        } else {
            FIRST_ROUND
        }
    }

    /// The first-instance outcome: the fresh round's when it ran, else round 1's (meaningful
    /// once its reveal phase is over).
    pub fn first_round_ruling(&self) -> Ruling {
        self.tally(self.first_instance_round())
            .ruling(self.quorum, self.threshold_bps)
    }

    /// Round 2's outcome (meaningful once appealed and its reveal phase is over).
    pub fn appeal_round_ruling(&self) -> Ruling {
        self.appeal_round
            .ruling(self.appeal_quorum, self.threshold_bps)
    }

    /// The votes of `round`.
    pub fn tally(&self, round: Round) -> Tally {
        match round {
            APPEAL_ROUND => self.appeal_round,
            RERUN_ROUND => self.rerun_round,
            _ => self.first_round,
        }
    }

    /// End of the appeal window that follows the first instance.
    pub fn appeal_window_ends(&self) -> Timestamp {
        if self.has_rerun() {
            self.rerun_appeal_ends
        } else {
            self.appeal_ends
        }
    }

    /// Where the dispute stands at `now`.
    ///
    /// A contested dispute is `Final`. Round 1: `Evidence` in `[opened_at, evidence_ends)`,
    /// `Commit { 1 }` until `commit_ends`, `Reveal { 1 }` until `reveal_ends`. If round 1
    /// failed its quorum with at least `quorum` commits, the fresh round follows: `Commit { 3 }`
    /// until `rerun_commit_ends`, `Reveal { 3 }` until `rerun_reveal_ends`. Then `Final` at
    /// once if the first instance had no quorum, else `AppealWindow` until
    /// [`Dispute::appeal_window_ends`] and `Final` after. After an appeal at `at`:
    /// `Commit { 2 }` in `[at, commit_ends)`, `Reveal { 2 }` until `reveal_ends`, then `Final`.
    pub fn phase(&self, now: Timestamp) -> Phase {
        if self.contest.is_some() {
            return Phase::Final;
        }
        if now < self.evidence_ends {
            return Phase::Evidence;
        } else if now < self.commit_ends {
            return Phase::Commit { round: FIRST_ROUND };
        } else if now < self.reveal_ends {
            return Phase::Reveal { round: FIRST_ROUND };
        }
        if self.has_rerun() {
            if now < self.rerun_commit_ends {
                return Phase::Commit { round: RERUN_ROUND };
            } else if now < self.rerun_reveal_ends {
                return Phase::Reveal { round: RERUN_ROUND };
            }
        }
        if self.first_round_ruling() == Ruling::NoQuorum {
            Phase::Final
        } else if let Some(appeal) = self.appeal {
            if now < appeal.commit_ends {
                Phase::Commit {
                    round: APPEAL_ROUND,
                }
            } else if now < appeal.reveal_ends {
                Phase::Reveal {
                    round: APPEAL_ROUND,
                }
            } else {
                Phase::Final
            }
        } else if now < self.appeal_window_ends() {
            Phase::AppealWindow
        } else {
            Phase::Final
        }
    }

    /// The outcome of the last round whose reveal phase is over at `now`: the first
    /// instance's during the appeal window and round 2 (provisional), the final ruling once
    /// `Final`; `None` before (also during the fresh round: round 1 decided nothing).
    pub fn ruling(&self, now: Timestamp) -> Option<Ruling> {
        match self.phase(now) {
            Phase::AppealWindow => Some(self.first_round_ruling()),
            Phase::Final => Some(self.final_ruling()),
            Phase::Commit {
                round: APPEAL_ROUND,
            }
            | Phase::Reveal {
                round: APPEAL_ROUND,
            } => Some(self.first_round_ruling()),
            _ => None,
        }
    }

    /// The ruling that executes: `Dismissed` if the lost account contested; else round 2's if
    /// appealed, else the first instance's.
    ///
    /// An appeal round without quorum leaves the first instance's ruling in place (an appeal
    /// is no way to escape a verdict by low turnout), and the appeal, having failed, forfeits
    /// its bond to the winner like a lost appeal.
    pub fn final_ruling(&self) -> Ruling {
        if self.contest.is_some() {
            return Ruling::Dismissed;
        }
        if self.appeal.is_some() {
            match self.appeal_round_ruling() {
                Ruling::NoQuorum => self.first_round_ruling(),
                decided => decided,
            }
        } else {
            self.first_round_ruling()
        }
    }

    /// The round whose revealed majority decided the final ruling, and that majority's vote
    /// (`true` = uphold): round 2 if appealed and it reached quorum, else the first instance.
    /// `None` when nobody decided by vote: a final `NoQuorum`, or a contested recovery.
    pub fn deciding_round(&self) -> Option<(Round, bool)> {
        if self.contest.is_some() {
            return None;
        }
        let round = if self.appeal.is_some() && self.appeal_round_ruling() != Ruling::NoQuorum {
            APPEAL_ROUND
        } else {
            self.first_instance_round()
        };
        match self.final_ruling() {
            Ruling::Upheld => Some((round, true)),
            Ruling::Dismissed => Some((round, false)),
            Ruling::NoQuorum => None,
        }
    }

    /// The deposits of the jurors who committed and have not revealed, over every round.
    pub fn unrevealed_deposits(&self) -> Balance {
        let unrevealed = [self.first_round, self.rerun_round, self.appeal_round]
            .iter()
            .map(|tally| u128::from(tally.unrevealed()))
            .fold(0u128, u128::saturating_add);
        // proof: each of these deposits was added to `bonds_held` with checked arithmetic,
        // so their sum fits.
        self.juror_deposit.saturating_mul(unrevealed)
    }

    /// The new account of a key recovery, if this is one.
    pub fn recovery_account(&self) -> Option<AccountId> {
        match self.remedy {
            Remedy::Recover { new_account, .. } => Some(new_account),
            _ => None,
        }
    }

    /// Whether `account` is a party: the claimant, the accused, or a recovery's new account.
    pub fn is_party(&self, account: AccountId) -> bool {
        account == self.claimant
            || account == self.accused
            || self.recovery_account() == Some(account)
    }

    /// The bonds this dispute holds: the dispute bond plus any appeal bond.
    pub fn bonds(&self) -> Balance {
        // proof: both were added to `bonds_held` with checked arithmetic, so their sum fits.
        self.bond
            .saturating_add(self.appeal.map(|appeal| appeal.bond).unwrap_or_default())
    }
}

/// A juror's vote in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct JurorVote {
    /// `vote_commitment(dispute, round, juror, vote, salt)`.
    pub commitment: Hash,
    /// The vote once revealed (`true` = uphold).
    pub revealed: Option<bool>,
}

/// The class of a proposal, fixed by its call (see `proposals::classify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ProposalClass {
    /// A treasury grant: `proposal_threshold_bps` and `timelock`.
    Ordinary,
    /// Parameters, code hashes, upgrades: `upgrade_threshold_bps` and `upgrade_timelock`.
    Constitutional,
}

/// A proposal: one call made by governance once members approve it and its timelock ends.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    /// The member who proposed it; he alone may cancel it.
    pub proposer: AccountId,
    /// The contract to call (governance itself for `set_params`, `set_code` and `grant`).
    pub target: AccountId,
    /// The message selector.
    pub selector: [u8; 4],
    /// The SCALE-encoded arguments (at most [`MAX_INPUT_LEN`] bytes).
    pub input: Vec<u8>,
    /// Native value sent with the call (always 0: grants name their amount).
    pub value: Balance,
    /// Its class, which fixed its threshold and timelock.
    pub class: ProposalClass,
    /// When it was proposed. Only members whose rights began before may vote or veto.
    pub created_at: Timestamp,
    /// End of the voting period (exclusive).
    pub voting_ends: Timestamp,
    /// Earliest execution time if it passes: `voting_ends` plus the class's timelock.
    pub eta: Timestamp,
    /// End of its grace period (exclusive): `eta + grace_period`; from then on `Expired`.
    pub expires: Timestamp,
    /// `MemberRegistry::active_count` when it was proposed.
    pub active_snapshot: u32,
    /// Votes it needs: `max(1, ceil(proposal_quorum_bps * snapshot / 10 000))`.
    pub quorum: u32,
    /// Share of the votes that must say "yes" (basis points).
    pub threshold_bps: u32,
    /// Vetoes that stop it during its timelock: `max(1, ceil(veto_bps * snapshot / 10 000))`.
    pub veto_quorum: u32,
    /// Votes for.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Vetoes cast during its timelock.
    pub vetoes: u32,
    /// Whether its proposer cancelled it.
    pub cancelled: bool,
    /// Whether it was executed.
    pub executed: bool,
}

impl Proposal {
    /// Whether the votes cast pass it: at least `quorum` votes and `yes * 10 000 >=
    /// threshold_bps * (yes + no)`.
    pub fn passed(&self) -> bool {
        let tally = Tally {
            committed: 0,
            yes: self.yes,
            no: self.no,
        };
        tally.ruling(self.quorum, self.threshold_bps) == Ruling::Upheld
    }

    /// Where the proposal stands at `now`.
    pub fn state(&self, now: Timestamp) -> ProposalState {
        if self.executed {
            ProposalState::Executed
        } else if self.cancelled {
            ProposalState::Cancelled
        } else if now < self.voting_ends {
            ProposalState::Active
        } else if !self.passed() {
            ProposalState::Defeated
        } else if self.vetoes >= self.veto_quorum {
            ProposalState::Vetoed
        } else if now < self.eta {
            ProposalState::Queued { eta: self.eta }
        } else if now < self.expires {
            ProposalState::Executable
        } else {
            ProposalState::Expired
        }
    }
}

/// Where a proposal stands (derived from the time, its votes and vetoes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ProposalState {
    /// Members are voting.
    Active,
    /// The vote ended without quorum or majority.
    Defeated,
    /// Passed; in its timelock (members may veto), executable from `eta`.
    Queued {
        /// Earliest execution time.
        eta: Timestamp,
    },
    /// Passed and its timelock is over: anyone may execute it until it expires.
    Executable,
    /// Executed.
    Executed,
    /// Cancelled by its proposer before it was executed.
    Cancelled,
    /// Stopped by a blocking minority's vetoes during its timelock.
    Vetoed,
    /// Passed, but not executed within its grace period.
    Expired,
}

impl ProposalState {
    /// Whether the proposal may still be executed (or become executable): `Active`,
    /// `Queued` or `Executable`.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            ProposalState::Active | ProposalState::Queued { .. } | ProposalState::Executable
        )
    }
}

/// An enforcement call of an upheld ruling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcement {
    /// `MemberEnforcement::suspend(member, until)` on the registry.
    Suspend {
        /// The accused.
        member: AccountId,
        /// End of the suspension (execution time plus the remedy's duration).
        until: Timestamp,
    },
    /// `MemberEnforcement::expel(member)` on the registry.
    Expel {
        /// The accused.
        member: AccountId,
    },
    /// `TokenRemedies::recover(lost, new_account)` on `token`.
    Recover {
        /// The token named by the remedy.
        token: AccountId,
        /// The lost account.
        lost: AccountId,
        /// The new account.
        new_account: AccountId,
    },
}

/// A call or payment the glue makes after the logic has changed state (checks, effects, then
/// interactions). Performed in order; a failure reverts the whole message, except the typed
/// refusal of an enforcement call (see [`crate::disputes::enforcement_outcome`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interaction {
    /// `MemberEnforcement::open_case(member)` on the registry: a misconduct dispute against
    /// `member` opened (his resignation, his vouchers' releases and his launch wait, and his
    /// token is restrained). A refusal reverts the message.
    OpenCase {
        /// The accused.
        member: AccountId,
    },
    /// `MemberEnforcement::close_case(member)` on the registry: the misconduct dispute against
    /// `member` was executed. Made before the enforcement call; a refusal reverts the message.
    CloseCase {
        /// The accused.
        member: AccountId,
    },
    /// Executes a ruling: makes the enforcement call (if any), then emits `RulingExecuted`
    /// with whether the callee accepted it.
    Enforce {
        /// The dispute.
        dispute: DisputeId,
        /// Its final ruling.
        ruling: Ruling,
        /// The call to make (`None` unless upheld).
        action: Option<Enforcement>,
    },
    /// A native transfer out of governance (a bond settled, a juror deposit returned, a juror
    /// reward).
    Pay {
        /// Recipient.
        to: AccountId,
        /// Amount.
        amount: Balance,
    },
    /// An executed proposal's call to another contract.
    Call {
        /// The contract.
        target: AccountId,
        /// The message selector.
        selector: [u8; 4],
        /// The SCALE-encoded arguments, sent verbatim.
        input: Vec<u8>,
        /// Native value sent.
        value: Balance,
    },
    /// Replaces governance's own code (`set_code_hash`).
    SetCode {
        /// The new code hash.
        code_hash: Hash,
    },
}

/// What a successful logic call produced: events to emit and interactions to perform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Events, in order.
    pub events: Vec<GovernanceEvent>,
    /// Interactions, in order.
    pub interactions: Vec<Interaction>,
}

impl Outcome {
    /// Appends an event.
    pub fn event(&mut self, event: GovernanceEvent) {
        self.events.push(event);
    }

    /// Appends an interaction.
    pub fn interact(&mut self, interaction: Interaction) {
        self.interactions.push(interaction);
    }
}
