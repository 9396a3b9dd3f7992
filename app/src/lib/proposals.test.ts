import { describe, expect, it } from 'vitest';
import { classRules, proposalActions, proposalStateText, proposalTimeline, tallyText, voterStanding, wouldPass, type ProposalLike, type ProposalStateLike } from './proposals';

const p: ProposalLike = { createdAt: 1_000n, votingEnds: 21_000n, eta: 31_000n, expires: 631_000n, quorum: 3, thresholdBps: 7_500, vetoQuorum: 2, yes: 0, no: 0, vetoes: 0 };
const states = (s: ProposalStateLike) => proposalTimeline(p, s).map((x) => x.state);

describe('proposalTimeline', () => {
  it('follows an ongoing proposal step by step', () => {
    expect(states({ type: 'Active' })).toEqual(['done', 'now', 'later', 'later', 'later']);
    expect(states({ type: 'Queued', value: 31_000n })).toEqual(['done', 'done', 'now', 'later', 'later']);
    expect(states({ type: 'Executable' })).toEqual(['done', 'done', 'done', 'now', 'later']);
    expect(proposalTimeline(p, { type: 'Active' }).map((x) => x.at)).toEqual([1_000n, 21_000n, 31_000n, 631_000n, undefined]);
  });
  it('ends where the proposal ended, skipping what it never reached', () => {
    expect(states({ type: 'Executed' })).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(states({ type: 'Defeated' })).toEqual(['done', 'done', 'skipped', 'skipped', 'done']);
    expect(states({ type: 'Vetoed' })).toEqual(['done', 'done', 'done', 'skipped', 'done']);
    expect(states({ type: 'Expired' })).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(proposalTimeline(p, { type: 'Vetoed' })[4]?.label).toBe('Vetoed');
  });
});

describe('tally', () => {
  it('passes with quorum and the threshold share of yes, as the contract counts', () => {
    expect(wouldPass({ ...p, yes: 2, no: 0 })).toBe(false); // below quorum
    expect(wouldPass({ ...p, yes: 3, no: 1 })).toBe(true); // 75% = threshold
    expect(wouldPass({ ...p, yes: 2, no: 1 })).toBe(false); // 66.7%
    expect(tallyText({ ...p, yes: 3, no: 0 })).toBe('3 for, 0 against: 3 of the 3 votes it needs, 75% of them for (passing)');
  });
});

describe('what a member may do', () => {
  it('offers only what applies now', () => {
    expect(proposalActions({ type: 'Active' }, { isProposer: false, ballot: undefined })).toEqual(['vote']);
    expect(proposalActions({ type: 'Active' }, { isProposer: true, ballot: true })).toEqual(['cancel']);
    expect(proposalActions({ type: 'Queued', value: 1n }, { isProposer: false, ballot: true })).toEqual(['veto']);
    expect(proposalActions({ type: 'Executable' }, { isProposer: false, ballot: undefined })).toEqual(['execute']);
    expect(proposalActions({ type: 'Executed' }, { isProposer: true, ballot: true })).toEqual([]);
  });
  it('explains the rights rule', () => {
    expect(voterStanding(0n, 1_000n)).toEqual({ may: true });
    expect(voterStanding(1_000n, 1_000n).may).toBe(false);
    expect(voterStanding(undefined, 1_000n).may).toBe(false);
  });
  it('words every state', () => {
    expect(proposalStateText({ type: 'Queued', value: 5n })).toBe('Passed: in its timelock (members may veto)');
  });
});

describe('classRules', () => {
  it('takes the class threshold and timelock', () => {
    const r = { proposalVotingPeriod: 20n, proposalQuorumBps: 3000, proposalThresholdBps: 5001, timelock: 5n, upgradeThresholdBps: 7500, upgradeTimelock: 10n, gracePeriod: 600n };
    const d = (ms: bigint) => `${ms} ms`;
    expect(classRules('Constitutional', r, d)).toContain('30% of the members and 75% of them for; then it waits a timelock of 10 ms');
    expect(classRules('Ordinary', r, d)).toContain('50.01% of them for; then it waits a timelock of 5 ms');
  });
});
