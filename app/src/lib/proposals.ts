// A proposal's life in words and steps: pure, unit-tested. The state itself comes from the
// contract (`proposal_state(id)`); this lays out the windows the proposal stored at creation
// (`voting_ends`, `eta`, `expires`) and says what the connected member may do now.

import type { TimelineStep } from './timeline';
import type { GovernanceParamsGovernanceParams, GovernanceProposal, GovernanceProposalState } from '../contracts/types/governance';

/** Where a proposal stands (`proposal_state`). */
export type ProposalStateLike = GovernanceProposalState;

/** The stored proposal's deadlines and counts. */
export type ProposalLike = Pick<GovernanceProposal, 'createdAt' | 'votingEnds' | 'eta' | 'expires' | 'quorum' | 'thresholdBps' | 'vetoQuorum' | 'yes' | 'no' | 'vetoes'>;

/** A step of a proposal's timeline (keys: proposed, voting, timelock, executable, end). */
export type ProposalStep = TimelineStep;

export function proposalStateText(state: ProposalStateLike): string {
  switch (state.type) {
    case 'Active':
      return 'Voting';
    case 'Defeated':
      return 'Defeated: no quorum or no majority';
    case 'Queued':
      return 'Passed: in its timelock (members may veto)';
    case 'Executable':
      return 'Passed: executable by anyone';
    case 'Executed':
      return 'Executed';
    case 'Cancelled':
      return 'Cancelled by its proposer';
    case 'Vetoed':
      return 'Vetoed during its timelock';
    case 'Expired':
      return 'Expired: not executed within its grace period';
  }
}

const ENDINGS: Partial<Record<ProposalStateLike['type'], string>> = {
  Executed: 'Executed',
  Defeated: 'Defeated',
  Cancelled: 'Cancelled',
  Vetoed: 'Vetoed',
  Expired: 'Expired',
};

/** proposed → voting (until `votingEnds`) → timelock (until `eta`) → executable (until `expires`) → its end. */
export function proposalTimeline(p: ProposalLike, state: ProposalStateLike): ProposalStep[] {
  const order = ['proposed', 'voting', 'timelock', 'executable', 'end'] as const;
  // The step the proposal is in, and the last step it reached before an ending.
  const reached: Record<ProposalStateLike['type'], (typeof order)[number]> = {
    Active: 'voting',
    Defeated: 'voting',
    Queued: 'timelock',
    Vetoed: 'timelock',
    Executable: 'executable',
    Expired: 'executable',
    Executed: 'executable',
    // Cancelled: the step whose window it was cancelled in is not known; show the vote as its last.
    Cancelled: 'voting',
  };
  const ended = ENDINGS[state.type] !== undefined;
  const last = order.indexOf(reached[state.type]);
  const steps: ProposalStep[] = [
    { key: 'proposed', label: 'Proposed', at: p.createdAt, state: 'done' },
    { key: 'voting', label: 'Members vote', at: p.votingEnds, state: 'later' },
    { key: 'timelock', label: 'Timelock (members may veto)', at: p.eta, state: 'later' },
    { key: 'executable', label: 'Anyone may execute it', at: p.expires, state: 'later' },
    { key: 'end', label: ENDINGS[state.type] ?? 'Executed', state: ended ? 'done' : 'later' },
  ];
  for (const [i, s] of steps.entries()) {
    if (s.key === 'proposed' || s.key === 'end') continue;
    if (i < last) s.state = 'done';
    else if (i === last) s.state = ended ? 'done' : 'now';
    else if (ended) s.state = state.type === 'Executed' ? 'done' : 'skipped';
  }
  return steps;
}

/** Whether the votes cast so far would pass it: quorum reached and the threshold's share of "yes". */
export function wouldPass(p: ProposalLike): boolean {
  const cast = p.yes + p.no;
  return cast >= p.quorum && BigInt(p.yes) * 10_000n >= BigInt(p.thresholdBps) * BigInt(cast);
}

export function tallyText(p: ProposalLike): string {
  const cast = p.yes + p.no;
  const pct = p.thresholdBps / 100;
  return `${p.yes} for, ${p.no} against: ${cast} of the ${p.quorum} ${p.quorum === 1 ? 'vote' : 'votes'} it needs, ${pct}% of them for (${wouldPass(p) ? 'passing' : 'not passing'})`;
}

export type ProposalAction = 'vote' | 'veto' | 'cancel' | 'execute';

/** What `who` may do now: the contract decides at signing (the dry run says why not); this only
 *  hides what cannot apply. `ballot` is his vote, if he voted. */
export function proposalActions(state: ProposalStateLike, who: { isProposer: boolean; ballot: boolean | undefined }): ProposalAction[] {
  const actions: ProposalAction[] = [];
  if (state.type === 'Active' && who.ballot === undefined) actions.push('vote');
  if (state.type === 'Queued') actions.push('veto');
  if (state.type === 'Executable') actions.push('execute');
  if (who.isProposer && (state.type === 'Active' || state.type === 'Queued' || state.type === 'Executable')) actions.push('cancel');
  return actions;
}

/** Why `who` cannot vote or veto (the contract's rule: rights that began before the proposal). */
export function voterStanding(rightsSince: bigint | undefined, createdAt: bigint): { may: true } | { may: false; text: string } {
  if (rightsSince === undefined) return { may: false, text: 'Only active members vote on proposals.' };
  if (rightsSince >= createdAt) return { may: false, text: 'Your rights as a member began after this proposal was made: members admitted later cannot sway it.' };
  return { may: true };
}

/** The parameters that rule proposals (governance's `GovernanceParams`). */
export type ProposalRules = Pick<
  GovernanceParamsGovernanceParams,
  'proposalVotingPeriod' | 'proposalQuorumBps' | 'proposalThresholdBps' | 'timelock' | 'upgradeThresholdBps' | 'upgradeTimelock' | 'gracePeriod'
>;

/** What a proposal of `cls` needs under the current parameters, in one sentence. */
export function classRules(cls: 'Ordinary' | 'Constitutional', r: ProposalRules, duration: (ms: bigint) => string): string {
  const threshold = cls === 'Constitutional' ? r.upgradeThresholdBps : r.proposalThresholdBps;
  const timelock = cls === 'Constitutional' ? r.upgradeTimelock : r.timelock;
  return `${cls === 'Constitutional' ? 'A constitutional' : 'An ordinary'} proposal: members vote for ${duration(r.proposalVotingPeriod)}; it passes with votes from ${r.proposalQuorumBps / 100}% of the members and ${threshold / 100}% of them for; then it waits a timelock of ${duration(timelock)} in which members may veto it, and anyone may execute it within ${duration(r.gracePeriod)} after.`;
}
