//! Disputes: members judge an accusation (or a key recovery) by commit-reveal vote, and the
//! ruling executes on the registry or a token.
//!
//! Life of a dispute (`E`, `C`, `R`, `A`: evidence, commit, reveal and appeal periods fixed at
//! opening; `t0` = opening, `ta` = appeal time):
//! ```text
//!  open_dispute ─► Evidence ─► Commit{1} ─► Reveal{1} ─┬─ no quorum ────────────────► Final
//!                 [t0, +E)     [.., +C)     [.., +R)    └─► AppealWindow [.., +A) ───► Final
//!                                                              │ appeal (losing side, once)
//!                                                              ▼
//!                                                  Commit{2} [ta, +C) ─► Reveal{2} [.., +R)
//!                                                                           └─────────► Final
//!  Final ── execute_ruling (anyone, once) ──► enforcement + bonds settled
//! ```
//! The phase is never stored: [`Dispute::phase`] derives it from the time, the deadlines
//! stored at opening (and at the appeal), round 1's tally and the appeal.
//!
//! Jurors: every active member except the parties (claimant, accused, a recovery's new
//! account), the accused's vouchers and the holders of the accused's token; the exclusions are
//! checked at commit and again at reveal. A juror commits
//! `vote_commitment(dispute, round, juror, vote, salt)` and later reveals `vote` and `salt`;
//! binding the juror and the round into the hash stops anyone from copying another juror's
//! commitment.
//!
//! A round needs `quorum` revealed votes (`max(min_jurors, ceil(quorum_bps * snapshot /
//! 10 000))`, round 2: `max(2 * min_jurors + 1, ceil(appeal_quorum_bps * snapshot /
//! 10 000))`, `snapshot` being the registry's `active_count` at opening); below it the ruling
//! is `NoQuorum`. Otherwise it is `Upheld` if `yes * 10 000 >= threshold_bps * revealed`, else
//! `Dismissed`. Round 1 without quorum ends the dispute; round 2 without quorum leaves round
//! 1's ruling in place (so a convicted accused cannot escape by appealing into low turnout).
//!
//! Bonds: `Upheld` pays every bond of the dispute to the claimant (his own back, and the
//! accused's appeal bond); `Dismissed` pays every bond to the accused; `NoQuorum` returns each
//! bond to its payer.
//!
//! Invariants:
//! - `bonds_held` is the sum of `Dispute::bonds()` over the disputes not yet executed;
//! - a juror has at most one vote per (dispute, round), and `yes + no <= committed` per round;
//! - a ruling executes at most once, and only once final.

use crate::events::{
    Appealed, DisputeOpened, Evidence, GovernanceEvent, VoteCommitted, VoteRevealed,
};
use crate::params::BPS;
use crate::state::GovernanceState;
use crate::types::{
    Appeal, Chain, Ctx, Dispute, DisputeId, DisputeKind, Enforcement, Interaction, JurorVote,
    Outcome, Phase, Remedy, Round, Ruling, Tally, APPEAL_ROUND,
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
/// # Errors
/// The failure, when it must revert.
pub fn enforcement_outcome(result: Result<(), GovernanceError>) -> Result<bool, GovernanceError> {
    match result {
        Ok(()) => Ok(true),
        Err(error) if carries_call_failure(&error) => Err(error),
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

    /// Revealed votes the current round of dispute `id` needs (round 2's once appealed).
    pub fn quorum_of(&self, id: DisputeId) -> Option<u32> {
        self.disputes.get(id).map(|dispute| {
            if dispute.appeal.is_some() {
                dispute.appeal_quorum
            } else {
                dispute.quorum
            }
        })
    }

    fn load_dispute(&self, id: DisputeId) -> Result<Dispute, GovernanceError> {
        self.disputes
            .get(id)
            .ok_or(GovernanceError::DisputeNotFound)
    }

    // ----- opening and evidence ------------------------------------------------------------

    /// Opens a dispute, paying exactly the dispute bond.
    ///
    /// Misconduct kinds (every kind but `KeyRecovery`): the claimant must be an active member,
    /// the accused a member (active, or holding a launched token: a suspended member with a
    /// token still counts) other than the claimant, and the remedy `Suspend` (duration > 0) or
    /// `Expel`.
    ///
    /// `KeyRecovery` may be opened by anyone, because the owner's new account is not a member
    /// yet: the remedy must be `Recover { token, lost, new_account }` with `lost == accused`,
    /// `new_account != lost`, `token` launched through the registry and neither account its
    /// issuer (a token never recovers its issuer's balance).
    ///
    /// Precedence: `NotWired`, `WrongBond`, `InvalidRemedy` (shape), `CannotAccuseSelf`,
    /// `NotActiveMember`, `AccusedNotMember`, `InvalidRemedy` (token), `ArithmeticOverflow`,
    /// and `CallFailed` wherever the registry is asked.
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
        if kind.is_misconduct() {
            if ctx.caller == accused {
                return Err(GovernanceError::CannotAccuseSelf);
            }
            if !chain.is_active(ctx.caller)? {
                return Err(GovernanceError::NotActiveMember);
            }
            if !chain.is_active(accused)? && chain.token_of(accused)?.is_none() {
                return Err(GovernanceError::AccusedNotMember);
            }
        } else if let Remedy::Recover {
            token,
            lost,
            new_account,
        } = remedy
        {
            match chain.issuer_of(token)? {
                Some(issuer) if issuer != lost && issuer != new_account => {}
                _ => return Err(GovernanceError::InvalidRemedy),
            }
        }
        let active_snapshot = chain.active_count()?;
        let first_quorum = quorum(params.quorum_bps, active_snapshot, params.min_jurors)?;
        let appeal_floor = params
            .min_jurors
            .checked_mul(2)
            .and_then(|double| double.checked_add(1))
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        let appeal_quorum = quorum(params.appeal_quorum_bps, active_snapshot, appeal_floor)?;
        let after = |start: u64, period: u64| {
            start
                .checked_add(period)
                .ok_or(GovernanceError::ArithmeticOverflow)
        };
        let evidence_ends = after(ctx.now, params.evidence_period)?;
        let commit_ends = after(evidence_ends, params.commit_period)?;
        let reveal_ends = after(commit_ends, params.reveal_period)?;
        let appeal_ends = after(reveal_ends, params.appeal_period)?;
        // Round 2 may start as late as `appeal_ends`; its deadlines must fit too.
        after(
            after(appeal_ends, params.commit_period)?,
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
            opened_at: ctx.now,
            evidence_ends,
            commit_ends,
            reveal_ends,
            appeal_ends,
            active_snapshot,
            quorum: first_quorum,
            appeal_quorum,
            threshold_bps: params.threshold_bps,
            first_round: Tally::default(),
            appeal_round: Tally::default(),
            appeal: None,
            executed: false,
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
        }));
        outcome.event(GovernanceEvent::Evidence(Evidence {
            dispute: id,
            party: ctx.caller,
            evidence_hash,
        }));
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

    /// Whether `juror` may judge `dispute`.
    ///
    /// Precedence: `JurorExcluded` (a party), `NotActiveMember`, `JurorExcluded` (a voucher of
    /// the accused, then a holder of the accused's token), and `CallFailed` wherever asked.
    fn ensure_juror(
        &self,
        dispute: &Dispute,
        juror: AccountId,
        chain: &impl Chain,
    ) -> Result<(), GovernanceError> {
        if dispute.is_party(juror) {
            return Err(GovernanceError::JurorExcluded);
        }
        if !chain.is_active(juror)? {
            return Err(GovernanceError::NotActiveMember);
        }
        if chain.has_vouched_for(juror, dispute.accused)? {
            return Err(GovernanceError::JurorExcluded);
        }
        if let Some(token) = chain.token_of(dispute.accused)? {
            if chain.balance_of(token, juror)? > 0 {
                return Err(GovernanceError::JurorExcluded);
            }
        }
        Ok(())
    }

    /// A juror commits a hidden vote in the current round's commit phase.
    ///
    /// Precedence: `DisputeNotFound`, `WrongPhase`, `AlreadyCommitted`, then the juror checks
    /// (`JurorExcluded`, `NotActiveMember`, `JurorExcluded`), `ArithmeticOverflow`.
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
        self.ensure_juror(&dispute, ctx.caller, chain)?;
        let tally = round_tally(&mut dispute, round);
        tally.committed = tally
            .committed
            .checked_add(1)
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
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::VoteCommitted(VoteCommitted {
            dispute: id,
            round,
            juror: ctx.caller,
            commitment,
        }));
        Ok(outcome)
    }

    /// A juror reveals his vote in the current round's reveal phase; it is counted.
    ///
    /// Precedence: `DisputeNotFound`, `WrongPhase`, `NotCommitted`, `AlreadyRevealed`,
    /// `BadReveal`, then the juror checks again (`JurorExcluded`, `NotActiveMember`,
    /// `JurorExcluded`), `ArithmeticOverflow`.
    pub fn reveal_vote(
        &mut self,
        ctx: Ctx,
        id: DisputeId,
        vote: bool,
        salt: [u8; 32],
        chain: &impl Chain,
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
        self.ensure_juror(&dispute, ctx.caller, chain)?;
        let tally = round_tally(&mut dispute, round);
        let count = if vote { &mut tally.yes } else { &mut tally.no };
        *count = count
            .checked_add(1)
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        juror_vote.revealed = Some(vote);
        self.votes.insert(key, &juror_vote);
        self.disputes.insert(id, &dispute);
        let mut outcome = Outcome::default();
        outcome.event(GovernanceEvent::VoteRevealed(VoteRevealed {
            dispute: id,
            round,
            juror: ctx.caller,
            vote,
        }));
        Ok(outcome)
    }

    // ----- appeal and execution ------------------------------------------------------------

    /// The losing side of round 1 appeals during the appeal window, paying exactly the appeal
    /// bond; round 2 starts now with its commit phase.
    ///
    /// Precedence: `DisputeNotFound`; `AppealNotAllowed` outside the appeal window (which
    /// also covers a second appeal and a round without quorum) or for a caller other than the
    /// losing side (the accused after `Upheld`, the claimant after `Dismissed`); `WrongBond`;
    /// `ArithmeticOverflow`.
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

    /// Executes a final ruling, once; anyone may call. `Upheld` enforces the remedy
    /// (`suspend(accused, now + duration)` or `expel(accused)` on the registry,
    /// `recover(lost, new_account)` on the named token); then the bonds are paid (see the
    /// module docs). The glue emits `RulingExecuted` after the enforcement call.
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
        let ruling = dispute.final_ruling();
        let appeal_payment = dispute.appeal.map(|appeal| (appeal.appellant, appeal.bond));
        let mut payments = Vec::new();
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
            Ruling::NoQuorum => {
                pay(&mut payments, dispute.claimant, dispute.bond);
                if let Some((appellant, bond)) = appeal_payment {
                    pay(&mut payments, appellant, bond);
                }
                None
            }
        };
        let bonds_held = self
            .bonds_held
            .checked_sub(dispute.bonds())
            .ok_or(GovernanceError::ArithmeticOverflow)?;
        // Effects.
        dispute.executed = true;
        self.disputes.insert(id, &dispute);
        self.bonds_held = bonds_held;
        let mut outcome = Outcome::default();
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
}

fn round_tally(dispute: &mut Dispute, round: Round) -> &mut Tally {
    if round == APPEAL_ROUND {
        &mut dispute.appeal_round
    } else {
        &mut dispute.first_round
    }
}
