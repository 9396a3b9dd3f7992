//! Governance parameters: bonds, dispute and proposal timing, quorums and thresholds.
//!
//! Set at construction and changed only by governance itself (an executed `set_params`
//! proposal). Every set is validated by [`GovernanceParams::validate`] before it is stored, so
//! the stored parameters always satisfy the rules listed there. A dispute or proposal copies
//! what it needs when it is opened, so a change never alters the rules of one already running.

use interfaces::{Balance, GovernanceError, Timestamp};

/// Basis points in one whole (100 %).
pub const BPS: u32 = 10_000;

/// Half of [`BPS`]: a threshold must exceed it (a strict majority).
pub const HALF_BPS: u32 = 5_000;

/// The default dispute threshold: two thirds of the revealed votes (rounded up to 66.67 %).
pub const DEFAULT_THRESHOLD_BPS: u32 = 6_667;

/// Longest period accepted for any of the timing parameters (365 days, in ms).
///
/// The bound keeps every deadline far from `u64::MAX` and stops a proposal from bricking
/// governance with a voting period or timelock that never ends.
pub const MAX_PERIOD: Timestamp = 365 * 24 * 60 * 60 * 1000;

/// Largest `min_jurors` accepted. Keeps the appeal floor `2 * min_jurors + 1` far inside
/// `u32`; a larger community raises its quorum through `quorum_bps` instead.
pub const MAX_MIN_JURORS: u32 = 1_000;

/// The rules governance applies to disputes and proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct GovernanceParams {
    /// Native bond a claimant pays to open a dispute; returned if the accusation is upheld or
    /// fails its quorum, paid to the accused if it is dismissed.
    pub dispute_bond: Balance,
    /// Native bond the losing side of round 1 pays to appeal. Must exceed `dispute_bond`.
    pub appeal_bond: Balance,
    /// Native deposit a juror pays with his commit (> 0): paid back at once when he reveals,
    /// forfeited if he does not. A dispute's forfeits are shared equally by the jurors who
    /// revealed with the final ruling in the round that decided it (the built-in
    /// configuration: 100 UNIT).
    pub juror_deposit: Balance,
    /// Length of a dispute's evidence phase (ms, > 0).
    pub evidence_period: Timestamp,
    /// Length of a commit phase (ms, > 0); both rounds use it.
    pub commit_period: Timestamp,
    /// Length of a reveal phase (ms, > 0); both rounds use it.
    pub reveal_period: Timestamp,
    /// Length of the window after round 1 in which the losing side may appeal (ms, > 0).
    pub appeal_period: Timestamp,
    /// Fewest revealed votes a round needs whatever the size of the community (>= 1, at most
    /// [`MAX_MIN_JURORS`]); an appeal round needs at least `2 * min_jurors + 1`.
    pub min_jurors: u32,
    /// Share of the active members (snapshot at opening) that must reveal in round 1, in basis
    /// points (<= 10 000).
    pub quorum_bps: u32,
    /// Share of the active members that must reveal in an appeal round, in basis points
    /// (>= `quorum_bps`, <= 10 000).
    pub appeal_quorum_bps: u32,
    /// Share of the revealed votes that must say "yes" to uphold an accusation, in basis points
    /// (> 5 000, <= 10 000; default [`DEFAULT_THRESHOLD_BPS`]).
    pub threshold_bps: u32,
    /// How long members may vote on a proposal (ms, > 0).
    pub proposal_voting_period: Timestamp,
    /// Share of the active members (snapshot at proposal time) that must vote on a proposal,
    /// in basis points (<= 10 000); at least one vote is always needed.
    pub proposal_quorum_bps: u32,
    /// Share of the votes cast that must say "yes" for a proposal to pass, in basis points
    /// (> 5 000, <= 10 000).
    pub proposal_threshold_bps: u32,
    /// Delay between the end of a passed proposal's vote and its execution (ms, may be 0).
    pub timelock: Timestamp,
}

impl GovernanceParams {
    /// Checks every rule on the parameters.
    ///
    /// # Errors
    /// `InvalidParams` if `appeal_bond <= dispute_bond`; `juror_deposit` is zero; a dispute period or the voting period
    /// is zero; any period or the timelock exceeds [`MAX_PERIOD`]; `min_jurors` is zero or
    /// above [`MAX_MIN_JURORS`]; a basis-point value exceeds 10 000; `appeal_quorum_bps <
    /// quorum_bps`; or a threshold is 5 000 or less.
    pub fn validate(&self) -> Result<(), GovernanceError> {
        let positive_periods = [
            self.evidence_period,
            self.commit_period,
            self.reveal_period,
            self.appeal_period,
            self.proposal_voting_period,
        ];
        let periods_ok = positive_periods
            .iter()
            .all(|period| (1..=MAX_PERIOD).contains(period))
            && self.timelock <= MAX_PERIOD;
        let bps_ok = [
            self.quorum_bps,
            self.appeal_quorum_bps,
            self.threshold_bps,
            self.proposal_quorum_bps,
            self.proposal_threshold_bps,
        ]
        .iter()
        .all(|bps| *bps <= BPS);
        let majority = |bps: u32| bps > HALF_BPS;
        let valid = self.appeal_bond > self.dispute_bond
            && self.juror_deposit > 0
            && periods_ok
            && (1..=MAX_MIN_JURORS).contains(&self.min_jurors)
            && bps_ok
            && self.appeal_quorum_bps >= self.quorum_bps
            && majority(self.threshold_bps)
            && majority(self.proposal_threshold_bps);
        if valid {
            Ok(())
        } else {
            Err(GovernanceError::InvalidParams)
        }
    }
}
