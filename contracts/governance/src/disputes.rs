//! Disputes: members judge an accusation (or a key recovery) by commit-reveal vote, and the
//! ruling executes on the registry or a token.
//!
//! Life of a dispute (`E`, `C`, `R`, `A`: evidence, commit, reveal and appeal periods fixed at
//! opening; `t0` = opening, `r1` = end of round 1's reveal, `ta` = appeal time):
//! ```text
//!  open_dispute ─► Evidence ─► Commit{1} ─► Reveal{1} ─┬─ no quorum, committed < quorum ──► Final
//!                 [t0, +E)     [.., +C)     [.., +R)    ├─ quorum ─► AppealWindow [.., +A) ─► Final
//!                                                       └─ revealed < quorum <= committed (withheld)
//!                                                            ▼
//!                            Commit{3} [r1, +C) ─► Reveal{3} [.., +R) ─┬─ no quorum ─────► Final
//!                                                                      └─► AppealWindow [.., +A)
//!                                                                                       ─► Final
//!  AppealWindow ── appeal (losing side, once) ──► Commit{2} [ta, +C) ─► Reveal{2} [.., +R)
//!                                                                           └─────────► Final
//!  KeyRecovery, any phase but Final ── contest_recovery (the lost account) ──► Final (Dismissed)
//!  Final ── execute_ruling (anyone, once) ──► close_case, enforcement, bonds and deposits
//!           settled ──► claim_juror_reward (each winning juror, once)
//! ```
//! The phase is never stored: [`Dispute::phase`] derives it from the time, the deadlines
//! stored at opening (and at the appeal), the tallies, the appeal and a contest.
//!
//! Opening: a misconduct dispute needs an active claimant and an accusable accused (active,
//! suspended or resigning: a member until his resignation completes); it opens a case on the
//! registry (`open_case`), which holds his resignation, his vouchers' releases and his launch,
//! and restrains his token (his own transfers, offerings, settlements and first refusal) until
//! the ruling executes (`close_case`). Nothing the accused does after the opening can then
//! change who judges him or what the holders get: no holding comes from him while the case is
//! open, and the slashed bonds are paid to the holdings as they stood at the opening. A key
//! recovery is claimed by the new account itself.
//!
//! Jurors: every active member except the parties (claimant, accused, a recovery's new
//! account), the accused's vouchers, the holders of the accused's token, and, in the fresh
//! round, the jurors who withheld their reveal in round 1. Eligibility is decided once, at
//! commit: a reveal is never refused for what happened after the commit. A juror commits
//! `vote_commitment(dispute, round, juror, vote, salt)` with the dispute's juror deposit and
//! later reveals `vote` and `salt`; binding the juror and the round into the hash stops anyone
//! from copying another juror's commitment. A member who was sent a unit of the accused's
//! token before the opening gives it back to the issuer (a PSP22 transfer to the issuer needs
//! no approval and works while he is restrained) and may then judge.
//!
//! Quorum: counted over the members eligible at opening, `eligible = active_count - parties
//! counted - accused's vouchers - holders of the accused's token` (misconduct; saturating:
//! holders may include non-members and vouchers may have left, so this under-estimates the
//! pool and the quorum stays reachable however widely the accused's token is held). A key
//! recovery subtracts only the parties it counts and the lost account's vouchers (holders are
//! not subtracted: the lost account is rarely an issuer). Round 1 (and its fresh round) needs
//! `max(min_jurors, ceil(quorum_bps * eligible / 10 000))` revealed votes, round 2
//! `max(2 * min_jurors + 1, ceil(appeal_quorum_bps * eligible / 10 000))`; below it the round
//! is `NoQuorum`. Otherwise it is `Upheld` if `yes * 10 000 >= threshold_bps * revealed`, else
//! `Dismissed`.
//!
//! Withheld reveals: if round 1 ends below quorum although at least `quorum` jurors committed,
//! the dispute is not over: one fresh round ([`RERUN_ROUND`]) runs, commit
//! `[reveal_ends, +C)` and reveal `[.., +R)`, then the appeal window `[.., +A)`; its outcome is
//! the first instance's and its `NoQuorum` is final. At most one fresh round runs. A first
//! instance without quorum ends the dispute; round 2 without quorum leaves the first instance's
//! ruling in place (so a convicted accused cannot escape by appealing into low turnout).
//!
//! Juror deposits and their incentive: each commit pays `juror_deposit` (100 UNIT in the
//! built-in configuration, next to a 1 000 UNIT dispute bond); the reveal pays it back at
//! once. A juror who commits and does not reveal forfeits it. At execution a dispute's
//! forfeits are shared equally by the jurors who revealed with the final ruling in the round
//! that decided it ([`Dispute::deciding_round`]), claimed with `claim_juror_reward`; the
//! integer remainder, and every forfeit when nobody decided by vote (a final `NoQuorum`, a
//! contested recovery), go to governance's treasury (its free balance, spent only by
//! proposals). Withholding thus costs the withholder his deposit and pays it to the jurors who
//! did their duty: with 3 withholders and 3 winners each winner earns 100 UNIT. In a
//! contested recovery the jurors of the interrupted round who had not revealed yet claim their
//! deposit back instead.
//!
//! Key recovery contest: the lost account (its key is alive, since it signs) may contest the
//! recovery until it is final: the dispute is final at once, `Dismissed`, and its bonds go to
//! the lost account. A key recovery that ends `NoQuorum` forfeits the claimant's bond to the
//! treasury (no free retries).
//!
//! Bonds: `Upheld` pays every bond of the dispute to the claimant (his own back, and the
//! accused's appeal bond); `Dismissed` pays every bond to the accused; a misconduct `NoQuorum`
//! returns each bond to its payer.
//!
//! Invariants:
//! - `bonds_held` is the sum, over the disputes not yet executed, of `Dispute::bonds()` and
//!   `Dispute::unrevealed_deposits()`, plus the rewards and refunds not yet claimed of the
//!   executed ones;
//! - a juror has at most one vote per (dispute, round), and `yes + no <= committed` per round;
//! - a ruling executes at most once, and only once final; a reward is claimed at most once.

use crate::events::{
    Appealed, DisputeOpened, Evidence, ForfeitsSettled, GovernanceEvent, JurorRewardClaimed,
    RecoveryContested, VoteCommitted, VoteRevealed,
};
use crate::params::BPS;
use crate::state::GovernanceState;
use crate::types::{
    Appeal, Chain, Contest, Ctx, Dispute, DisputeId, DisputeKind, Enforcement, Interaction,
    JurorVote, Outcome, Phase, Remedy, Round, Ruling, Tally, APPEAL_ROUND, FIRST_ROUND,
    RERUN_ROUND,
};
use ink::prelude::vec::Vec;
use interfaces::{AccountId, Balance, GovernanceError, Hash, RegistryError, TokenError};

/// The commitment a juror submits: `blake2x256(SCALE((dispute, round, juror, vote, salt)))`.
///
/// A dApp computes it locally (the same SCALE tuple hashed with BLAKE2b-256) rather than
/// asking a node, which would reveal the vote and salt to the node's operator. Keep the salt
/// secret and random (32 bytes) until the reveal.
pub fn vote_commitment(
    dispute: DisputeId,
    round: Round,
    juror: AccountId,
    vote: bool,
    salt: [u8; 32],
) -> Hash {
    let mut output = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(
        &(dispute, round, juror, vote, salt),
        &mut output,
    );
    Hash::from(output)
}

/// `max(floor, ceil(bps * snapshot / 10 000))`.
///
/// # Errors
/// `ArithmeticOverflow` if the result passes `u32` (it cannot for valid parameters).
pub fn quorum(bps: u32, snapshot: u32, floor: u32) -> Result<u32, GovernanceError> {
    let share = interfaces::mul_div_ceil(u128::from(bps), u128::from(snapshot), u128::from(BPS))
        .ok_or(GovernanceError::ArithmeticOverflow)?;
    let share = u32::try_from(share).map_err(|_| GovernanceError::ArithmeticOverflow)?;
    Ok(share.max(floor))
}

/// Maps the answer of an enforcement call to whether the remedy was applied.
///
/// The callee's own refusal (for example `Registry(AlreadyExpelled)` because another dispute
/// expelled the member first) is `Ok(false)`: the ruling still counts as executed and its bonds
/// are settled, so they can never be stuck. A failure below the callee's error type
/// (`CallFailed`), or a refusal that carries one from a nested call (`Registry(CallFailed)`,
/// `Registry(Token(CallFailed))`, `Token(CallFailed)`), is returned as an error so that the
/// whole message reverts: such failures can be provoked by the caller's gas limit, and must not
/// let anyone mark an upheld ruling as executed without applying it.
///
/// A key recovery's `recover` no longer refuses for a transient reason (it unwinds the lost
/// account's open requests and moves his positions instead of waiting for them to close). Its
/// permanent refusals (`CannotRecoverIssuer`, `InvalidRecovery`) settle the ruling with
/// `enforced: false`; `TooManyOpenPositions` (the new account already holds too many
/// positions to take the lost one's) can pass once the new account closes some, so it
/// reverts: the upheld ruling stays executable, never consumed without its remedy.
///
/// # Errors
/// The failure, when it must revert.
pub fn enforcement_outcome(result: Result<(), GovernanceError>) -> Result<bool, GovernanceError> {
    match result {
        Ok(()) => Ok(true),
        Err(error) if carries_call_failure(&error) => Err(error),
        Err(error @ GovernanceError::Token(TokenError::TooManyOpenPositions)) => Err(error),
        Err(GovernanceError::Registry(_) | GovernanceError::Token(_)) => Ok(false),
        Err(error) => Err(error),
    }
}

fn carries_call_failure(error: &GovernanceError) -> bool {
    fn token(error: &TokenError) -> bool {
        matches!(error, TokenError::CallFailed)
    }
    match error {
        GovernanceError::CallFailed => true,
        GovernanceError::Registry(RegistryError::CallFailed) => true,
        // The registry is the roster's writer: a refusal means an inconsistent suite.
        GovernanceError::Registry(RegistryError::Roster(_)) => true,
        GovernanceError::Registry(RegistryError::Token(inner)) => token(inner),
        GovernanceError::Token(inner) => token(inner),
        _ => false,
    }
}

/// Adds `amount` to `to`'s payment, merging payments to the same account and skipping zero.
fn pay(payments: &mut Vec<(AccountId, Balance)>, to: AccountId, amount: Balance) {
    if amount == 0 {
        return;
    }
    if let Some(entry) = payments.iter_mut().find(|(account, _)| *account == to) {
        // proof: the amounts are parts of one dispute's bonds, whose sum fits (`bonds()`).
        entry.1 = entry.1.saturating_add(amount);
    } else {
        payments.push((to, amount));
    }
}

impl GovernanceState {
    // ----- queries -------------------------------------------------------------------------

    /// The dispute `id`.
    pub fn dispute(&self, id: DisputeId) -> Option<Dispute> {
        self.disputes.get(id)
    }

    /// Number of disputes ever opened (ids are `0..dispute_count`).
    pub fn dispute_count(&self) -> DisputeId {
        self.dispute_count
    }

    /// Where dispute `id` stands at `now`.
    pub fn phase(&self, id: DisputeId, now: u64) -> Option<Phase> {
        self.disputes.get(id).map(|dispute| dispute.phase(now))
    }

    /// The outcome of dispute `id`'s last round whose reveal is over at `now` (see
    /// [`Dispute::ruling`]).
    pub fn ruling(&self, id: DisputeId, now: u64) -> Option<Ruling> {
        self.disputes
            .get(id)
            .and_then(|dispute| dispute.ruling(now))
    }

    /// `juror`'s vote in `round` of dispute `id`.
    pub fn vote_of(&self, id: DisputeId, round: Round, juror: AccountId) -> Option<JurorVote> {
        self.votes.get((id, round, juror))
    }

    /// Revealed votes the current round of dispute `id` needs (round 2's once appealed; the
    /// fresh round needs round 1's).
    pub fn quorum_of(&self, id: DisputeId) -> Option<u32> {
        self.disputes.get(id).map(|dispute| {
            if dispute.appeal.is_some() {
                dispute.appeal_quorum
            } else {
                dispute.quorum
            }
        })
    }

    /// Whether `juror` claimed his reward (or contest refund) of dispute `id`.
    pub fn reward_claimed(&self, id: DisputeId, juror: AccountId) -> bool {
        self.reward_claims.contains((id, juror))
    }

    /// What `juror` may claim from dispute `id` with `claim_juror_reward` (0 if nothing, or
    /// already claimed, or not executed yet).
    pub fn claimable_reward(&self, id: DisputeId, juror: AccountId) -> Balance {
        match self.disputes.get(id) {
            Some(dispute) if dispute.executed && !self.reward_claimed(id, juror) => {
                self.reward_due(&dispute, id, juror)
            }
            _ => 0,
        }
    }

    fn load_dispute(&self, id: DisputeId) -> Result<Dispute, GovernanceError> {
        self.disputes
            .get(id)
            .ok_or(GovernanceError::DisputeNotFound)
    }

    /// What an executed dispute owes `juror` (claimed or not): in a contested recovery his
    /// deposit if he committed in the interrupted round and had not revealed; otherwise the
    /// dispute's `juror_reward` if he revealed with the final ruling in the deciding round.
    fn reward_due(&self, dispute: &Dispute, id: DisputeId, juror: AccountId) -> Balance {
        match dispute.contest {
            Some(Contest {
                round: Some(round), ..
            }) => match self.votes.get((id, round, juror)) {
                Some(vote) if vote.revealed.is_none() => dispute.juror_deposit,
                _ => 0,
            },
            Some(_) => 0,
            None => match dispute.deciding_round() {
                Some((round, winning)) => match self.votes.get((id, round, juror)) {
                    Some(JurorVote {
                        revealed: Some(vote),
                        ..
                    }) if vote == winning => dispute.juror_reward,
                    _ => 0,
                },
                None => 0,
            },
        }
    }

    // ----- opening and evidence ------------------------------------------------------------

    /// Opens a dispute, paying exactly the dispute bond.
    ///
    /// Misconduct kinds (every kind but `KeyRecovery`): the claimant must be an active member,
    /// the accused accusable (`MemberRegistry::accusable`: active, suspended, even lapsed, or
    /// resigning; never a stranger, a resigned or an expelled member) other than the claimant,
    /// and the remedy `Suspend` (duration > 0) or `Expel`. The registry is asked to open a
    /// case against him (`Interaction::OpenCase`).
    ///
    /// `KeyRecovery` is claimed by the owner's new account itself (`new_account` is the
    /// caller; it is not a member yet): the remedy must be `Recover { token, lost,
    /// new_account }` with `lost == accused`, `new_account != lost`, `token` launched through
    /// the registry and neither account its issuer (a token never recovers its issuer's
    /// balance).
    ///
    /// The quorums are sized over the eligible pool at opening (see the module docs).
    ///
    /// Precedence: `NotWired`, `WrongBond`, `InvalidRemedy` (shape); misconduct:
    /// `CannotAccuseSelf`, `NotActiveMember`, `AccusedNotMember`; key recovery:
    /// `NotNewAccount`, `InvalidRemedy` (token); then `ArithmeticOverflow`, and `CallFailed`
    /// wherever the registry or the accused's token is asked.
    pub fn open_dispute(
        &mut self,
        ctx: Ctx,
        accused: AccountId,
        kind: DisputeKind,
        evidence_hash: Hash,
        remedy: Remedy,
        chain: &impl Chain,
    ) -> Result<(DisputeId, Outcome), GovernanceError> {
        self.ensure_wired()?;
        let params = self.params;
        if ctx.transferred != params.dispute_bond {
            return Err(GovernanceError::WrongBond {
                expected: params.dispute_bond,
                received: ctx.transferred,
            });
        }
        let shape_ok = match remedy {
            Remedy::Suspend { duration } => kind.is_misconduct() && duration > 0,
            Remedy::Expel => kind.is_misconduct(),
            Remedy::Recover {
                lost, new_account, ..
            } => !kind.is_misconduct() && lost == accused && new_account != lost,
        };
        if !shape_ok {
            return Err(GovernanceError::InvalidRemedy);
        }
        // Members the eligible pool leaves out, as counted by `active_count` (see the module
        // docs).
        // With the members left out, the accused's token, whose holders may not judge him
        // (asked once, here).
        let (excluded, accused_token): (u32, Option<AccountId>) = if kind.is_misconduct() {
            if ctx.caller == accused {
                return Err(GovernanceError::CannotAccuseSelf);
            }
            if !chain.is_active(ctx.caller)? {
                return Err(GovernanceError::NotActiveMember);
            }
            let Some(accusable) = chain.accusable(accused)? else {
                return Err(GovernanceError::AccusedNotMember);
            };
            let accused_token = chain.token_of(accused)?;
            let holders = match accused_token {
                Some(token) => chain.holder_count(token)?,
                None => 0,
            };
            let excluded = 1u32
                .saturating_add(u32::from(accusable.counted_active))
                .saturating_add(accusable.vouchers)
                .saturating_add(holders);
            (excluded, accused_token)
        } else {
            let Remedy::Recover {
                token, new_account, ..
            } = remedy
            else {
                return Err(GovernanceError::InvalidRemedy);
            };
            if ctx.caller != new_account {
                return Err(GovernanceError::NotNewAccount);
            }
            match chain.issuer_of(token)? {
                Some(issuer) if issuer != accused && issuer != new_account => {}
                _ => return Err(GovernanceError::InvalidRemedy),
            }
            let lost = chain.accusable(accused)?;
            let excluded = u32::from(chain.is_active(ctx.caller)?)
                .saturating_add(lost.map_or(0, |lost| u32::from(lost.counted_active)))
                .saturating_add(lost.map_or(0, |lost| lost.vouchers));
            (excluded, chain.token_of(accused)?)
        };
        let accused_splitter = match accused_token {
            Some(_) => chain.splitter_of(accused)?,
            None => None,
        };
        let active_snapshot = chain.active_count()?;
        let eligible_snapshot = active_snapshot.saturating_sub(excluded);
        let first_quorum = quorum(params.quorum_bps, eligible_snapshot, params.min_jurors)?;
        let appeal_floor = params
            .min_jurors
            .checked_mul(2)
            .and_then(|double| double.checked_add(1))
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        let appeal_quorum = quorum(params.appeal_quorum_bps, eligible_snapshot, appeal_floor)?;
        let after = |start: u64, period: u64| {
            start
                .checked_add(period)
                .ok_or(GovernanceError::ArithmeticOverflow)
        };
        let evidence_ends = after(ctx.now, params.evidence_period)?;
        let commit_ends = after(evidence_ends, params.commit_period)?;
        let reveal_ends = after(commit_ends, params.reveal_period)?;
        let appeal_ends = after(reveal_ends, params.appeal_period)?;
        let rerun_commit_ends = after(reveal_ends, params.commit_period)?;
        let rerun_reveal_ends = after(rerun_commit_ends, params.reveal_period)?;
        let rerun_appeal_ends = after(rerun_reveal_ends, params.appeal_period)?;
        // Round 2 may start as late as `rerun_appeal_ends` (after `appeal_ends`); its deadlines
        // must fit too.
        after(
            after(rerun_appeal_ends, params.commit_period)?,
            params.reveal_period,
        )?;
        let id = self.dispute_count;
        let next_id = id
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        let bonds_held = self
            .bonds_held
            .checked_add(ctx.transferred)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        let dispute = Dispute {
            claimant: ctx.caller,
            accused,
            kind,
            remedy,
            evidence_hash,
            bond: ctx.transferred,
            appeal_bond: params.appeal_bond,
            juror_deposit: params.juror_deposit,
            opened_at: ctx.now,
            evidence_ends,
            commit_ends,
            reveal_ends,
            appeal_ends,
            rerun_commit_ends,
            rerun_reveal_ends,
            rerun_appeal_ends,
            active_snapshot,
            eligible_snapshot,
            quorum: first_quorum,
            appeal_quorum,
            threshold_bps: params.threshold_bps,
            first_round: Tally::default(),
            rerun_round: Tally::default(),
            appeal_round: Tally::default(),
            appeal: None,
            contest: None,
            executed: false,
            juror_reward: 0,
            accused_token,
            accused_splitter,
        };
        self.disputes.insert(id, &dispute);
        self.dispute_count = next_id;
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::DisputeOpened(DisputeOpened {
            dispute: id,
            claimant: ctx.caller,
            accused,
            kind,
            remedy,
            bond: ctx.transferred,
            evidence_ends,
            commit_ends,
            reveal_ends,
            appeal_ends,
            eligible: eligible_snapshot,
            quorum: first_quorum,
            juror_deposit: params.juror_deposit,
        }));
        outcome.event(GovernanceEvent::Evidence(Evidence {
            dispute: id,
            party: ctx.caller,
            evidence_hash,
        }));
        if kind.is_misconduct() {
            outcome.interact(Interaction::OpenCase { member: accused });
        }
        Ok((id, outcome))
    }

    /// A party submits evidence during the evidence phase. Nothing is stored: the event is
    /// the record (ERC-1497 style).
    ///
    /// Precedence: `DisputeNotFound`, `NotParty` (only the claimant and the accused),
    /// `WrongPhase`.
    pub fn submit_evidence(
        &self,
        ctx: Ctx,
        id: DisputeId,
        evidence_hash: Hash,
    ) -> Result<Outcome, GovernanceError> {
        let dispute = self.load_dispute(id)?;
        if ctx.caller != dispute.claimant && ctx.caller != dispute.accused {
            return Err(GovernanceError::NotParty);
        }
        if dispute.phase(ctx.now) != Phase::Evidence {
            return Err(GovernanceError::WrongPhase);
        }
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::Evidence(Evidence {
            dispute: id,
            party: ctx.caller,
            evidence_hash,
        }));
        Ok(outcome)
    }

    // ----- voting --------------------------------------------------------------------------

    /// Whether `juror` may judge `round` of dispute `id`, decided once, at commit.
    ///
    /// Precedence: `JurorExcluded` (a party, then, in the fresh round, a juror who committed
    /// in round 1 and did not reveal), `NotActiveMember`, `JurorExcluded` (a voucher of the
    /// accused, then a holder of the accused's token now), and `CallFailed` wherever asked.
    fn ensure_juror(
        &self,
        dispute: &Dispute,
        id: DisputeId,
        round: Round,
        juror: AccountId,
        chain: &impl Chain,
    ) -> Result<(), GovernanceError> {
        if dispute.is_party(juror) {
            return Err(GovernanceError::JurorExcluded);
        }
        if round == RERUN_ROUND {
            if let Some(vote) = self.votes.get((id, FIRST_ROUND, juror)) {
                if vote.revealed.is_none() {
                    return Err(GovernanceError::JurorExcluded);
                }
            }
        }
        let standing = chain.juror_standing(juror, dispute.accused)?;
        match standing.rights_since {
            None => return Err(GovernanceError::NotActiveMember),
            Some(since) if since >= dispute.opened_at => return Err(GovernanceError::NoRightsYet),
            Some(_) => {}
        }
        if standing.vouched_for_accused {
            return Err(GovernanceError::JurorExcluded);
        }
        if let Some(token) = dispute.accused_token {
            if chain.holds(token, dispute.accused_splitter, juror)? {
                return Err(GovernanceError::JurorExcluded);
            }
        }
        Ok(())
    }

    /// A juror commits a hidden vote in the current round's commit phase, paying exactly the
    /// dispute's juror deposit (held with the bonds until his reveal). His eligibility is
    /// decided here, once.
    ///
    /// Precedence: `DisputeNotFound`, `WrongPhase`, `AlreadyCommitted`, `WrongDeposit`, then
    /// the juror checks (`JurorExcluded`, `NotActiveMember`, `JurorExcluded`; see
    /// `ensure_juror`), `ArithmeticOverflow`.
    pub fn commit_vote(
        &mut self,
        ctx: Ctx,
        id: DisputeId,
        commitment: Hash,
        chain: &impl Chain,
    ) -> Result<Outcome, GovernanceError> {
        let mut dispute = self.load_dispute(id)?;
        let Phase::Commit { round } = dispute.phase(ctx.now) else {
            return Err(GovernanceError::WrongPhase);
        };
        let key = (id, round, ctx.caller);
        if self.votes.contains(key) {
            return Err(GovernanceError::AlreadyCommitted);
        }
        if ctx.transferred != dispute.juror_deposit {
            return Err(GovernanceError::WrongDeposit {
                expected: dispute.juror_deposit,
                received: ctx.transferred,
            });
        }
        self.ensure_juror(&dispute, id, round, ctx.caller, chain)?;
        let tally = round_tally(&mut dispute, round);
        tally.committed = tally
            .committed
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        let bonds_held = self
            .bonds_held
            .checked_add(ctx.transferred)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        self.votes.insert(
            key,
            &JurorVote {
                commitment,
                revealed: None,
            },
        );
        self.disputes.insert(id, &dispute);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::VoteCommitted(VoteCommitted {
            dispute: id,
            round,
            juror: ctx.caller,
            commitment,
        }));
        Ok(outcome)
    }

    /// A juror reveals his vote in the current round's reveal phase; it is counted and his
    /// deposit is paid back at once. Nobody is excluded at reveal: eligibility was decided at
    /// commit, so nothing done after the commit (say, the accused sending the juror his token)
    /// can void a vote.
    ///
    /// Precedence: `DisputeNotFound`, `WrongPhase`, `NotCommitted`, `AlreadyRevealed`,
    /// `BadReveal`, `ArithmeticOverflow`.
    pub fn reveal_vote(
        &mut self,
        ctx: Ctx,
        id: DisputeId,
        vote: bool,
        salt: [u8; 32],
    ) -> Result<Outcome, GovernanceError> {
        let mut dispute = self.load_dispute(id)?;
        let Phase::Reveal { round } = dispute.phase(ctx.now) else {
            return Err(GovernanceError::WrongPhase);
        };
        let key = (id, round, ctx.caller);
        let mut juror_vote = self.votes.get(key).ok_or(GovernanceError::NotCommitted)?;
        if juror_vote.revealed.is_some() {
            return Err(GovernanceError::AlreadyRevealed);
        }
        if vote_commitment(id, round, ctx.caller, vote, salt) != juror_vote.commitment {
            return Err(GovernanceError::BadReveal);
        }
        let deposit = dispute.juror_deposit;
        let tally = round_tally(&mut dispute, round);
        let count = if vote { &mut tally.yes } else { &mut tally.no };
        *count = count
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        let bonds_held = self
            .bonds_held
            .checked_sub(deposit)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        juror_vote.revealed = Some(vote);
        self.votes.insert(key, &juror_vote);
        self.disputes.insert(id, &dispute);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::VoteRevealed(VoteRevealed {
            dispute: id,
            round,
            juror: ctx.caller,
            vote,
        }));
        if deposit > 0 {
            outcome.interact(Interaction::Pay {
                to: ctx.caller,
                amount: deposit,
            });
        }
        Ok(outcome)
    }

    // ----- appeal, contest and execution ---------------------------------------------------

    /// The losing side of the first instance appeals during the appeal window, paying exactly
    /// the appeal bond; round 2 starts now with its commit phase.
    ///
    /// Precedence: `DisputeNotFound`; `AppealNotAllowed` outside the appeal window (which
    /// also covers a second appeal, a first instance without quorum and a contested recovery)
    /// or for a caller other than the losing side (the accused after `Upheld`, the claimant
    /// after `Dismissed`); `WrongBond`; `ArithmeticOverflow`.
    pub fn appeal(&mut self, ctx: Ctx, id: DisputeId) -> Result<Outcome, GovernanceError> {
        let mut dispute = self.load_dispute(id)?;
        if dispute.phase(ctx.now) != Phase::AppealWindow {
            return Err(GovernanceError::AppealNotAllowed);
        }
        let losing_side = match dispute.first_round_ruling() {
            Ruling::Upheld => dispute.accused,
            Ruling::Dismissed => dispute.claimant,
            Ruling::NoQuorum => return Err(GovernanceError::AppealNotAllowed),
        };
        if ctx.caller != losing_side {
            return Err(GovernanceError::AppealNotAllowed);
        }
        if ctx.transferred != dispute.appeal_bond {
            return Err(GovernanceError::WrongBond {
                expected: dispute.appeal_bond,
                received: ctx.transferred,
            });
        }
        let overflow = || GovernanceError::ArithmeticOverflow;
        let commit_period = dispute
            .commit_ends
            .checked_sub(dispute.evidence_ends)
            .ok_or_else(overflow)?;
        let reveal_period = dispute
            .reveal_ends
            .checked_sub(dispute.commit_ends)
            .ok_or_else(overflow)?;
        let commit_ends = ctx.now.checked_add(commit_period).ok_or_else(overflow)?;
        let reveal_ends = commit_ends
            .checked_add(reveal_period)
            .ok_or_else(overflow)?;
        let bonds_held = self
            .bonds_held
            .checked_add(ctx.transferred)
            .ok_or_else(overflow)?;
        // Effects.
        dispute.appeal = Some(Appeal {
            appellant: ctx.caller,
            bond: ctx.transferred,
            at: ctx.now,
            commit_ends,
            reveal_ends,
        });
        self.disputes.insert(id, &dispute);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::Appealed(Appealed {
            dispute: id,
            appellant: ctx.caller,
            bond: ctx.transferred,
            commit_ends,
            reveal_ends,
        }));
        Ok(outcome)
    }

    /// The lost account of a key recovery contests it: its key is alive (it signed), so it is
    /// not lost. The dispute is final at once with the ruling `Dismissed`: executing it pays
    /// its bonds to the lost account. The jurors of the round the contest interrupts who have
    /// not revealed get their deposit back with `claim_juror_reward`.
    ///
    /// Precedence: `DisputeNotFound`; `NotContestable` if the dispute is not a key recovery,
    /// the caller is not its lost account, or it is final (which covers a second contest and
    /// an executed dispute).
    pub fn contest_recovery(
        &mut self,
        ctx: Ctx,
        id: DisputeId,
    ) -> Result<Outcome, GovernanceError> {
        let mut dispute = self.load_dispute(id)?;
        if dispute.kind.is_misconduct() || ctx.caller != dispute.accused {
            return Err(GovernanceError::NotContestable);
        }
        let round = match dispute.phase(ctx.now) {
            Phase::Final => return Err(GovernanceError::NotContestable),
            Phase::Commit { round } | Phase::Reveal { round } => Some(round),
            Phase::Evidence | Phase::AppealWindow => None,
        };
        // Effects.
        dispute.contest = Some(Contest { at: ctx.now, round });
        self.disputes.insert(id, &dispute);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::RecoveryContested(RecoveryContested {
            dispute: id,
            lost: ctx.caller,
        }));
        Ok(outcome)
    }

    /// Executes a final ruling, once; anyone may call. A misconduct dispute first closes its
    /// case on the registry (`close_case(accused)`, whatever the ruling). `Upheld` enforces
    /// the remedy (`suspend(accused, now + duration)` or `expel(accused)` on the registry,
    /// `recover(lost, new_account)` on the named token); then the bonds are paid and the
    /// forfeited juror deposits settled (see the module docs). The glue emits
    /// `RulingExecuted` after the enforcement call.
    ///
    /// Precedence: `DisputeNotFound`, `NotFinal`, `AlreadyExecuted`, `ArithmeticOverflow`.
    pub fn execute_ruling(&mut self, ctx: Ctx, id: DisputeId) -> Result<Outcome, GovernanceError> {
        let mut dispute = self.load_dispute(id)?;
        if dispute.phase(ctx.now) != Phase::Final {
            return Err(GovernanceError::NotFinal);
        }
        if dispute.executed {
            return Err(GovernanceError::AlreadyExecuted);
        }
        let overflow = || GovernanceError::ArithmeticOverflow;
        let ruling = dispute.final_ruling();
        let appeal_payment = dispute.appeal.map(|appeal| (appeal.appellant, appeal.bond));
        let mut payments = Vec::new();
        let mut forfeited_bond: Balance = 0;
        let action = match ruling {
            Ruling::Upheld => {
                pay(&mut payments, dispute.claimant, dispute.bonds());
                Some(match dispute.remedy {
                    Remedy::Suspend { duration } => Enforcement::Suspend {
                        member: dispute.accused,
                        // proof: a suspension past the end of time is the same suspension.
                        until: ctx.now.saturating_add(duration),
                    },
                    Remedy::Expel => Enforcement::Expel {
                        member: dispute.accused,
                    },
                    Remedy::Recover {
                        token,
                        lost,
                        new_account,
                    } => Enforcement::Recover {
                        token,
                        lost,
                        new_account,
                    },
                })
            }
            Ruling::Dismissed => {
                pay(&mut payments, dispute.accused, dispute.bonds());
                None
            }
            Ruling::NoQuorum if !dispute.kind.is_misconduct() => {
                // No free retries of a recovery claim.
                forfeited_bond = dispute.bonds();
                None
            }
            Ruling::NoQuorum => {
                pay(&mut payments, dispute.claimant, dispute.bond);
                if let Some((appellant, bond)) = appeal_payment {
                    pay(&mut payments, appellant, bond);
                }
                None
            }
        };
        // Juror deposits still held: refunds of a contest's interrupted round stay held until
        // claimed, the rest is forfeited; the winners' shares stay held until claimed, the
        // remainder goes to the treasury.
        let unrevealed = dispute.unrevealed_deposits();
        let refunds = match dispute.contest {
            Some(Contest {
                round: Some(round), ..
            }) => dispute
                .juror_deposit
                .checked_mul(u128::from(dispute.tally(round).unrevealed()))
                .ok_or_else(overflow)?,
            _ => 0,
        };
        let forfeited_deposits = unrevealed.checked_sub(refunds).ok_or_else(overflow)?;
        let winners = match dispute.deciding_round() {
            Some((round, true)) => dispute.tally(round).yes,
            Some((round, false)) => dispute.tally(round).no,
            None => 0,
        };
        let reward = forfeited_deposits
            .checked_div(u128::from(winners))
            .unwrap_or_default();
        let rewards = reward
            .checked_mul(u128::from(winners))
            .ok_or_else(overflow)?;
        let treasury_deposits = forfeited_deposits
            .checked_sub(rewards)
            .ok_or_else(overflow)?;
        let to_treasury = treasury_deposits
            .checked_add(forfeited_bond)
            .ok_or_else(overflow)?;
        let bonds_held = self
            .bonds_held
            .checked_sub(dispute.bonds())
            .and_then(|held| held.checked_sub(treasury_deposits))
            .ok_or_else(overflow)?;
        // Effects.
        dispute.executed = true;
        dispute.juror_reward = reward;
        self.disputes.insert(id, &dispute);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        if forfeited_deposits > 0 || forfeited_bond > 0 {
            outcome.event(GovernanceEvent::ForfeitsSettled(ForfeitsSettled {
                dispute: id,
                forfeited_deposits,
                forfeited_bond,
                reward_per_juror: reward,
                to_treasury,
            }));
        }
        if dispute.kind.is_misconduct() {
            outcome.interact(Interaction::CloseCase {
                member: dispute.accused,
            });
        }
        outcome.interact(Interaction::Enforce {
            dispute: id,
            ruling,
            action,
        });
        for (to, amount) in payments {
            outcome.interact(Interaction::Pay { to, amount });
        }
        Ok(outcome)
    }

    /// A juror claims, once, after execution: his share of the dispute's forfeited deposits if
    /// he revealed with the final ruling in the deciding round, or, in a contested recovery,
    /// his deposit back if he committed in the interrupted round and had not revealed.
    ///
    /// Precedence: `DisputeNotFound`; `NothingToClaim` (not executed, already claimed, or
    /// nothing due); `ArithmeticOverflow`.
    pub fn claim_juror_reward(
        &mut self,
        ctx: Ctx,
        id: DisputeId,
    ) -> Result<Outcome, GovernanceError> {
        let dispute = self.load_dispute(id)?;
        if !dispute.executed || self.reward_claimed(id, ctx.caller) {
            return Err(GovernanceError::NothingToClaim);
        }
        let amount = self.reward_due(&dispute, id, ctx.caller);
        if amount == 0 {
            return Err(GovernanceError::NothingToClaim);
        }
        let bonds_held = self
            .bonds_held
            .checked_sub(amount)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        self.reward_claims.insert((id, ctx.caller), &());
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::JurorRewardClaimed(JurorRewardClaimed {
            dispute: id,
            juror: ctx.caller,
            amount,
        }));
        outcome.interact(Interaction::Pay {
            to: ctx.caller,
            amount,
        });
        Ok(outcome)
    }
}

fn round_tally(dispute: &mut Dispute, round: Round) -> &mut Tally {
    match round {
        APPEAL_ROUND => &mut dispute.appeal_round,
        RERUN_ROUND => &mut dispute.rerun_round,
        _ => &mut dispute.first_round,
    }
}
