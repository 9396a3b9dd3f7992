//! Governance parameters: bonds, dispute and proposal timing, quorums and thresholds.
//!
//! Set at construction and changed only by governance itself (an executed `set_params`
//! proposal, which is always of the constitutional class: supermajority and the upgrade
//! timelock). Every set is validated by [`GovernanceParams::validate`] against the floors fixed
//! at construction before it is stored, so the stored parameters always satisfy the rules
//! listed there: no proposal makes a period, quorum, threshold, bond or lock smaller than its
//! floor, nor the veto share larger. A dispute or proposal copies
//! what it needs when it is opened, so a change never alters the rules of one already running.

use interfaces::{Balance, GovernanceError, Timestamp};

/// Basis points in one whole (100 %).
pub const BPS: u32 = 10_000;

/// Half of [`BPS`]: a threshold must exceed it (a strict majority).
pub const HALF_BPS: u32 = 5_000;

/// The default dispute threshold: two thirds of the revealed votes (rounded up to 66.67 %).
pub const DEFAULT_THRESHOLD_BPS: u32 = 6_667;

/// One day in ms.
const DAY: Timestamp = 24 * 60 * 60 * 1000;

/// Longest period accepted for a dispute phase, the voting period and the ordinary timelock
/// (90 days, in ms): a longer one would hold bonds and deposits out of reach, or keep
/// governance from deciding anything, for months.
pub const MAX_PERIOD: Timestamp = 90 * DAY;

/// Longest upgrade timelock (180 days, in ms).
pub const MAX_UPGRADE_TIMELOCK: Timestamp = 180 * DAY;

/// Longest grace period after a timelock (30 days, in ms): a passed proposal is not a
/// standing licence to act whenever someone chooses.
pub const MAX_GRACE_PERIOD: Timestamp = 30 * DAY;

/// Smallest supermajority a constitutional proposal (parameters, code hashes, upgrades) may
/// need: two thirds of the votes cast.
pub const MIN_SUPERMAJORITY_BPS: u32 = 6_667;

/// Largest quorum (basis points of the members): above it a few absent members would block
/// every decision.
pub const MAX_QUORUM_BPS: u32 = 6_000;

/// Largest threshold (basis points of the votes): unanimity would let one member block.
pub const MAX_THRESHOLD_BPS: u32 = 9_000;

/// Smallest veto share (basis points of the members at proposal time): below it a handful
/// of members could stop every decision.
pub const MIN_VETO_BPS: u32 = 1_000;

/// Largest veto share: above half of the members a veto would no longer be a minority's.
pub const MAX_VETO_BPS: u32 = HALF_BPS;

/// A bond or deposit may be set to at most this multiple of its floor (no ceiling for a zero
/// floor, as on a local network): a huge bond would shut members out of disputes and juries.
pub const MAX_BOND_MULTIPLE: Balance = 1_000;

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
    /// Delay between the end of a passed ordinary proposal's vote (treasury grants) and its
    /// execution (ms).
    pub timelock: Timestamp,
    /// Share of the votes cast that a constitutional proposal (parameters, code hashes,
    /// upgrades) needs, in basis points (>= [`MIN_SUPERMAJORITY_BPS`], >=
    /// `proposal_threshold_bps`).
    pub upgrade_threshold_bps: u32,
    /// Timelock of a constitutional proposal (ms, >= `timelock`, at most
    /// [`MAX_UPGRADE_TIMELOCK`]). It must be longer than the longest exit path of the money
    /// an upgrade could reach (the deployment's recommended floors say how long that is);
    /// while the proposal is not settled, the tokens let subscribers and funded buyers
    /// withdraw (`UpgradeNotice::exits_open`).
    pub upgrade_timelock: Timestamp,
    /// How long after its timelock a passed proposal may be executed (ms, > 0, at most
    /// [`MAX_GRACE_PERIOD`]); afterwards it is `Expired`.
    pub grace_period: Timestamp,
    /// Share of the members at proposal time whose vetoes during the timelock stop a passed
    /// proposal, in basis points ([`MIN_VETO_BPS`] to [`MAX_VETO_BPS`]); at least one veto.
    pub veto_bps: u32,
}

impl GovernanceParams {
    /// The lowest floors there are: the smallest values the shape rules of
    /// [`GovernanceParams::validate_shape`] allow (and the largest veto share). The unit tests
    /// construct with them; a local network raises only the two bonds that must be positive.
    pub const fn shape_floors() -> GovernanceParams {
        GovernanceParams {
            dispute_bond: 0,
            appeal_bond: 1,
            juror_deposit: 1,
            evidence_period: 1,
            commit_period: 1,
            reveal_period: 1,
            appeal_period: 1,
            min_jurors: 1,
            quorum_bps: 0,
            appeal_quorum_bps: 0,
            threshold_bps: HALF_BPS + 1,
            proposal_voting_period: 1,
            proposal_quorum_bps: 0,
            proposal_threshold_bps: HALF_BPS + 1,
            timelock: 0,
            upgrade_threshold_bps: MIN_SUPERMAJORITY_BPS,
            upgrade_timelock: 0,
            grace_period: 1,
            veto_bps: MAX_VETO_BPS,
        }
    }

    /// Checks the rules every parameter set obeys, floors included.
    ///
    /// # Errors
    /// `InvalidParams` if `appeal_bond <= dispute_bond`; `juror_deposit` is zero; a dispute
    /// period, the voting period or the grace period is zero; a period or the timelock exceeds
    /// [`MAX_PERIOD`], the upgrade timelock [`MAX_UPGRADE_TIMELOCK`] or is shorter than the
    /// timelock, the grace period [`MAX_GRACE_PERIOD`]; `min_jurors` is zero or above
    /// [`MAX_MIN_JURORS`]; a quorum exceeds [`MAX_QUORUM_BPS`]; `appeal_quorum_bps <
    /// quorum_bps`; a threshold is 5 000 or less or above [`MAX_THRESHOLD_BPS`]; the
    /// supermajority is below [`MIN_SUPERMAJORITY_BPS`] or the ordinary threshold; or
    /// `veto_bps` is outside [`MIN_VETO_BPS`] to [`MAX_VETO_BPS`].
    pub fn validate_shape(&self) -> Result<(), GovernanceError> {
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
            && self.timelock <= MAX_PERIOD
            && (self.timelock..=MAX_UPGRADE_TIMELOCK).contains(&self.upgrade_timelock)
            && (1..=MAX_GRACE_PERIOD).contains(&self.grace_period);
        let quorums_ok = [
            self.quorum_bps,
            self.appeal_quorum_bps,
            self.proposal_quorum_bps,
        ]
        .iter()
        .all(|bps| *bps <= MAX_QUORUM_BPS);
        let majority = |bps: u32| bps > HALF_BPS && bps <= MAX_THRESHOLD_BPS;
        let valid = self.appeal_bond > self.dispute_bond
            && self.juror_deposit > 0
            && periods_ok
            && (1..=MAX_MIN_JURORS).contains(&self.min_jurors)
            && quorums_ok
            && self.appeal_quorum_bps >= self.quorum_bps
            && majority(self.threshold_bps)
            && majority(self.proposal_threshold_bps)
            && majority(self.upgrade_threshold_bps)
            && self.upgrade_threshold_bps >= MIN_SUPERMAJORITY_BPS
            && self.upgrade_threshold_bps >= self.proposal_threshold_bps
            && (MIN_VETO_BPS..=MAX_VETO_BPS).contains(&self.veto_bps);
        if valid {
            Ok(())
        } else {
            Err(GovernanceError::InvalidParams)
        }
    }

    /// Checks the parameters against the `floors` fixed at construction: the rules of
    /// [`Self::validate_shape`]; every bond, deposit, period, timelock, quorum, threshold and
    /// `min_jurors` no smaller than its floor (and each bond at most [`MAX_BOND_MULTIPLE`]
    /// times it); `veto_bps` no larger than its floor.
    ///
    /// # Errors
    /// `InvalidParams` if any rule fails.
    pub fn validate(&self, floors: &GovernanceParams) -> Result<(), GovernanceError> {
        self.validate_shape()?;
        // A zero floor (a local network) sets no ceiling.
        let bond_ok = |bond: Balance, floor: Balance| {
            bond >= floor && (floor == 0 || bond <= floor.saturating_mul(MAX_BOND_MULTIPLE))
        };
        let at_least = [
            (self.evidence_period, floors.evidence_period),
            (self.commit_period, floors.commit_period),
            (self.reveal_period, floors.reveal_period),
            (self.appeal_period, floors.appeal_period),
            (self.proposal_voting_period, floors.proposal_voting_period),
            (self.timelock, floors.timelock),
            (self.upgrade_timelock, floors.upgrade_timelock),
            (self.grace_period, floors.grace_period),
        ]
        .iter()
        .all(|(value, floor)| value >= floor)
            && [
                (self.min_jurors, floors.min_jurors),
                (self.quorum_bps, floors.quorum_bps),
                (self.appeal_quorum_bps, floors.appeal_quorum_bps),
                (self.threshold_bps, floors.threshold_bps),
                (self.proposal_quorum_bps, floors.proposal_quorum_bps),
                (self.proposal_threshold_bps, floors.proposal_threshold_bps),
                (self.upgrade_threshold_bps, floors.upgrade_threshold_bps),
            ]
            .iter()
            .all(|(value, floor)| value >= floor);
        let valid = at_least
            && bond_ok(self.dispute_bond, floors.dispute_bond)
            && bond_ok(self.appeal_bond, floors.appeal_bond)
            && bond_ok(self.juror_deposit, floors.juror_deposit)
            && self.veto_bps <= floors.veto_bps;
        if valid {
            Ok(())
        } else {
            Err(GovernanceError::InvalidParams)
        }
    }
}
