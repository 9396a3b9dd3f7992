// A dispute's timeline and words: pure, unit-tested. The phase itself comes from the contract
// (`phase(id)`, derived there from time, deadlines and tallies); this lays out the windows the
// dispute stored at opening (and at an appeal) with their ends in wall time.

import type { TimelineStep } from './timeline';

export type PhaseLike =
  | { type: 'Evidence' }
  | { type: 'Commit'; value: number }
  | { type: 'Reveal'; value: number }
  | { type: 'AppealWindow' }
  | { type: 'Final' };

export interface DisputeLike {
  openedAt: bigint;
  evidenceEnds: bigint;
  commitEnds: bigint;
  revealEnds: bigint;
  appealEnds: bigint;
  rerunCommitEnds: bigint;
  rerunRevealEnds: bigint;
  rerunAppealEnds: bigint;
  appeal?: { commitEnds: bigint; revealEnds: bigint } | undefined;
  /** The fresh round's tally: it ran if anyone committed in it (its deadlines are set at opening). */
  rerunRound: { committed: number };
  executed: boolean;
}

export type { TimelineStep };

/** The round whose votes the current phase takes (1 first instance, 2 appeal, 3 fresh round). */
export function currentRound(phase: PhaseLike): number | undefined {
  return phase.type === 'Commit' || phase.type === 'Reveal' ? phase.value : undefined;
}

/** The steps: opened → evidence → commit → reveal → appeal window → ruling → executed. */
export function disputeTimeline(d: DisputeLike, phase: PhaseLike): TimelineStep[] {
  // Outside a vote, the last round that ran: the appeal, else the fresh round (which runs only
  // when round 1's reveals were withheld), else round 1.
  const round = currentRound(phase) ?? (d.appeal ? 2 : d.rerunRound.committed > 0 ? 3 : 1);
  const rerun = round === 3;
  const appealed = d.appeal !== undefined;
  const commitEnds = round === 2 && d.appeal ? d.appeal.commitEnds : rerun ? d.rerunCommitEnds : d.commitEnds;
  const revealEnds = round === 2 && d.appeal ? d.appeal.revealEnds : rerun ? d.rerunRevealEnds : d.revealEnds;
  const order = ['opened', 'evidence', 'commit', 'reveal', 'appeal', 'ruling', 'executed'] as const;
  const at: (typeof order)[number] = d.executed
    ? 'executed'
    : phase.type === 'Evidence'
      ? 'evidence'
      : phase.type === 'Commit'
        ? 'commit'
        : phase.type === 'Reveal'
          ? 'reveal'
          : phase.type === 'AppealWindow'
            ? 'appeal'
            : 'ruling';
  const state = (k: (typeof order)[number]): TimelineStep['state'] => {
    const i = order.indexOf(k);
    const j = order.indexOf(at);
    return i < j ? 'done' : i === j ? (k === 'executed' ? 'done' : 'now') : 'later';
  };
  const roundName = round === 2 ? ' (appeal)' : round === 3 ? ' (fresh round)' : '';
  return [
    { key: 'opened', label: 'Opened', at: d.openedAt, state: 'done' },
    { key: 'evidence', label: 'Evidence', at: d.evidenceEnds, state: state('evidence') },
    { key: 'commit', label: `Jurors commit their votes${roundName}`, at: commitEnds, state: state('commit') },
    { key: 'reveal', label: `Jurors reveal their votes${roundName}`, at: revealEnds, state: state('reveal') },
    { key: 'appeal', label: appealed ? 'Appeal window (appealed)' : 'Appeal window', at: rerun ? d.rerunAppealEnds : d.appealEnds, state: state('appeal') },
    { key: 'ruling', label: 'Ruling final', state: state('ruling') },
    { key: 'executed', label: 'Ruling executed', state: d.executed ? 'done' : 'later' },
  ];
}

/** What a juror can do in this phase, given what this device and the chain know. */
export type JurorStep =
  | { kind: 'wait'; text: string }
  | { kind: 'commit'; round: number }
  | { kind: 'reveal'; round: number }
  | { kind: 'reveal-missing-salt'; round: number }
  | { kind: 'revealed' }
  | { kind: 'missed'; text: string };

export function jurorStep(phase: PhaseLike, vote: { committed: boolean; revealed: boolean }, haveBallot: boolean): JurorStep {
  const round = currentRound(phase);
  if (phase.type === 'Evidence') return { kind: 'wait', text: 'Jurors commit their votes after the evidence period.' };
  if (phase.type === 'Commit' && round !== undefined) return vote.committed ? { kind: 'wait', text: 'Your vote is committed: reveal it in the reveal period.' } : { kind: 'commit', round };
  if (phase.type === 'Reveal' && round !== undefined) {
    if (vote.revealed) return { kind: 'revealed' };
    if (!vote.committed) return { kind: 'missed', text: 'You did not commit a vote in this round.' };
    return haveBallot ? { kind: 'reveal', round } : { kind: 'reveal-missing-salt', round };
  }
  if (vote.revealed) return { kind: 'revealed' };
  return { kind: 'wait', text: 'No vote is taken in this phase.' };
}

/** One line for where a dispute stands. */
export function phaseText(phase: PhaseLike, ruling: 'Upheld' | 'Dismissed' | 'NoQuorum' | undefined, executed: boolean): string {
  const round = (r: number) => (r === 2 ? ' (appeal)' : r === 3 ? ' (fresh round)' : '');
  switch (phase.type) {
    case 'Evidence':
      return 'Evidence period';
    case 'Commit':
      return `Jurors are committing their votes${round(phase.value)}`;
    case 'Reveal':
      return `Jurors are revealing their votes${round(phase.value)}`;
    case 'AppealWindow':
      return `Ruled ${ruling ?? '…'}: open to appeal`;
    case 'Final':
      return `Final: ${ruling ?? 'no ruling'}${executed ? ', executed' : ', waiting for execution'}`;
  }
}

/** The remedy asked, in words. */
export function remedyText(remedy: { type: 'Suspend'; value: bigint } | { type: 'Expel' } | { type: 'Recover'; value: unknown }): string {
  switch (remedy.type) {
    case 'Suspend': {
      const hours = Number(remedy.value) / 3_600_000;
      return hours >= 24 && hours % 24 === 0 ? `Suspension for ${hours / 24} ${hours === 24 ? 'day' : 'days'}` : `Suspension for ${hours} hours`;
    }
    case 'Expel':
      return 'Expulsion';
    case 'Recover':
      return 'Recovery of a lost account';
  }
}

/** What the chain says about a would-be juror, as `ensure_juror` asks it at commit. */
export interface JurorFacts {
  /** He is the claimant or the accused. */
  party: boolean;
  /** The fresh round is open and he committed in round 1 without revealing. */
  withheldInFirstRound: boolean;
  /** The registry's `rights_since` (undefined: not an active member). */
  rightsSince: bigint | undefined;
  openedAt: bigint;
  /** The registry's `has_vouched_for(juror, accused)`: ever, even if the bond was released. */
  vouchedForAccused: boolean;
  /** He holds the accused's token (the splitter's or the token's balance above zero). */
  holdsAccusedToken: boolean;
}

export type JurorEligibility = { eligible: true; text: string } | { eligible: false; rule: 'party' | 'withheld' | 'not-member' | 'rights' | 'voucher' | 'holder'; text: string };

/** Whether he may judge and why not, in the contract's order of checks (`ensure_juror`). The
 *  contract decides at commit: the dry run of the commit is the final word; this says why. */
export function jurorEligibility(f: JurorFacts): JurorEligibility {
  if (f.party) return { eligible: false, rule: 'party', text: 'You are a party to this dispute: parties may not judge it.' };
  if (f.withheldInFirstRound)
    return { eligible: false, rule: 'withheld', text: 'You committed in the first round and did not reveal: jurors who withheld their reveal may not vote in the fresh round.' };
  if (f.rightsSince === undefined) return { eligible: false, rule: 'not-member', text: 'Only active members judge disputes.' };
  if (f.rightsSince >= f.openedAt)
    return { eligible: false, rule: 'rights', text: 'Your rights as a member began after this dispute was opened: only members with rights before it judge it.' };
  if (f.vouchedForAccused) return { eligible: false, rule: 'voucher', text: 'You vouched for the accused: his vouchers may not judge him.' };
  if (f.holdsAccusedToken) return { eligible: false, rule: 'holder', text: "You hold the accused's token: his holders may not judge him (whatever you hold after committing does not matter)." };
  return { eligible: true, text: 'You may judge this dispute: not a party, not his voucher, not a holder of his token, and your rights began before it was opened.' };
}

/** The side that may appeal now (the loser of the first instance), if any. */
export function appellant(phase: PhaseLike, ruling: 'Upheld' | 'Dismissed' | 'NoQuorum' | undefined, alreadyAppealed: boolean): 'accused' | 'claimant' | undefined {
  if (phase.type !== 'AppealWindow' || alreadyAppealed) return undefined;
  return ruling === 'Upheld' ? 'accused' : ruling === 'Dismissed' ? 'claimant' : undefined;
}

/** A juror's vote as stored (`JurorVote`: `revealed` is `None` until the reveal, then the vote
 *  itself) in the two facts the page needs. A revealed "dismiss" is `Some(false)`: revealed. */
export function chainVoteOf(v: { revealed?: boolean | undefined } | undefined): { committed: boolean; revealed: boolean } {
  return { committed: v !== undefined, revealed: v !== undefined && v.revealed !== undefined };
}

/** Disputes split into those still running and those whose ruling is final (newest first kept). */
export function byFinality<T extends { phase: PhaseLike }>(disputes: readonly T[]): { open: T[]; final: T[] } {
  return { open: disputes.filter((d) => d.phase.type !== 'Final'), final: disputes.filter((d) => d.phase.type === 'Final') };
}
