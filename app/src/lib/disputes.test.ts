import { describe, expect, it } from 'vitest';
import { appellant, byFinality, chainVoteOf, disputeTimeline, jurorEligibility, jurorStep, phaseText, remedyText, type DisputeLike, type JurorFacts } from './disputes';

const d: DisputeLike = {
  openedAt: 0n,
  evidenceEnds: 10n,
  commitEnds: 20n,
  revealEnds: 30n,
  appealEnds: 40n,
  rerunCommitEnds: 0n,
  rerunRevealEnds: 0n,
  rerunAppealEnds: 0n,
  rerunRound: { committed: 0 },
  executed: false,
};
const states = (steps: ReturnType<typeof disputeTimeline>) => steps.map((s) => `${s.key}:${s.state}`);

describe('disputeTimeline', () => {
  it('marks the current window and lays out their ends', () => {
    expect(states(disputeTimeline(d, { type: 'Evidence' }))).toEqual(['opened:done', 'evidence:now', 'commit:later', 'reveal:later', 'appeal:later', 'ruling:later', 'executed:later']);
    expect(states(disputeTimeline(d, { type: 'Reveal', value: 1 })).slice(1, 5)).toEqual(['evidence:done', 'commit:done', 'reveal:now', 'appeal:later']);
    expect(disputeTimeline(d, { type: 'Commit', value: 1 }).map((s) => s.at)).toEqual([0n, 10n, 20n, 30n, 40n, undefined, undefined]);
    expect(states(disputeTimeline({ ...d, executed: true }, { type: 'Final' })).slice(-2)).toEqual(['ruling:done', 'executed:done']);
  });
  it('shows the appeal round and the fresh round with their own windows', () => {
    const appealed = { ...d, appeal: { commitEnds: 55n, revealEnds: 65n } };
    const steps = disputeTimeline(appealed, { type: 'Commit', value: 2 });
    expect(steps[2]).toMatchObject({ label: 'Jurors commit their votes (appeal)', at: 55n, state: 'now' });
    // The fresh round's deadlines are stored at opening: they count only once it ran.
    const planned = { ...d, rerunCommitEnds: 45n, rerunRevealEnds: 50n, rerunAppealEnds: 60n };
    expect(disputeTimeline(planned, { type: 'Evidence' })[2]).toMatchObject({ label: 'Jurors commit their votes', at: 20n });
    expect(disputeTimeline(planned, { type: 'AppealWindow' })[4]).toMatchObject({ at: 40n, state: 'now' });
    expect(disputeTimeline(planned, { type: 'Reveal', value: 3 })[3]).toMatchObject({ label: 'Jurors reveal their votes (fresh round)', at: 50n });
    const ran = { ...planned, rerunRound: { committed: 4 } };
    expect(disputeTimeline(ran, { type: 'AppealWindow' })[4]).toMatchObject({ at: 60n, state: 'now' });
  });
});

describe('jurorStep', () => {
  const none = { committed: false, revealed: false };
  const committed = { committed: true, revealed: false };
  it('offers commit, then reveal, and warns when the salt is not on this device', () => {
    expect(jurorStep({ type: 'Evidence' }, none, false).kind).toBe('wait');
    expect(jurorStep({ type: 'Commit', value: 1 }, none, false)).toEqual({ kind: 'commit', round: 1 });
    expect(jurorStep({ type: 'Commit', value: 1 }, committed, true).kind).toBe('wait');
    expect(jurorStep({ type: 'Reveal', value: 1 }, committed, true)).toEqual({ kind: 'reveal', round: 1 });
    expect(jurorStep({ type: 'Reveal', value: 1 }, committed, false)).toEqual({ kind: 'reveal-missing-salt', round: 1 });
    expect(jurorStep({ type: 'Reveal', value: 1 }, { committed: true, revealed: true }, true).kind).toBe('revealed');
    expect(jurorStep({ type: 'Reveal', value: 2 }, none, false).kind).toBe('missed');
    expect(jurorStep({ type: 'Final' }, none, false).kind).toBe('wait');
  });
});

describe('words', () => {
  it('says where a dispute stands and what it asks', () => {
    expect(phaseText({ type: 'Commit', value: 2 }, undefined, false)).toBe('Jurors are committing their votes (appeal)');
    expect(phaseText({ type: 'Final' }, 'Upheld', true)).toBe('Final: Upheld, executed');
    expect(phaseText({ type: 'AppealWindow' }, 'Dismissed', false)).toBe('Ruled Dismissed: open to appeal');
    expect(remedyText({ type: 'Suspend', value: 7n * 86_400_000n })).toBe('Suspension for 7 days');
    expect(remedyText({ type: 'Suspend', value: 36n * 3_600_000n })).toBe('Suspension for 36 hours');
    expect(remedyText({ type: 'Expel' })).toBe('Expulsion');
  });
});

describe('jurorEligibility', () => {
  const ok: JurorFacts = { party: false, withheldInFirstRound: false, rightsSince: 0n, openedAt: 100n, vouchedForAccused: false, holdsAccusedToken: false };
  it('says yes only when every rule passes', () => {
    expect(jurorEligibility(ok).eligible).toBe(true);
  });
  it('names the first rule that fails, in the contract order', () => {
    const rule = (f: Partial<JurorFacts>) => {
      const e = jurorEligibility({ ...ok, ...f });
      return e.eligible ? 'eligible' : e.rule;
    };
    expect(rule({ party: true, vouchedForAccused: true })).toBe('party');
    expect(rule({ withheldInFirstRound: true, holdsAccusedToken: true })).toBe('withheld');
    expect(rule({ rightsSince: undefined, vouchedForAccused: true })).toBe('not-member');
    expect(rule({ rightsSince: 100n })).toBe('rights'); // began when it opened: not before
    expect(rule({ rightsSince: 99n })).toBe('eligible');
    expect(rule({ vouchedForAccused: true, holdsAccusedToken: true })).toBe('voucher');
    expect(rule({ holdsAccusedToken: true })).toBe('holder');
  });
});

describe('appellant', () => {
  it('is the loser of the first instance, in the appeal window, once', () => {
    expect(appellant({ type: 'AppealWindow' }, 'Upheld', false)).toBe('accused');
    expect(appellant({ type: 'AppealWindow' }, 'Dismissed', false)).toBe('claimant');
    expect(appellant({ type: 'AppealWindow' }, 'NoQuorum', false)).toBeUndefined();
    expect(appellant({ type: 'AppealWindow' }, 'Upheld', true)).toBeUndefined();
    expect(appellant({ type: 'Final' }, 'Upheld', false)).toBeUndefined();
  });
});

describe('chainVoteOf', () => {
  it('counts a revealed dismiss vote (Some(false)) as revealed: regression, it read as unrevealed', () => {
    expect(chainVoteOf({ revealed: false })).toEqual({ committed: true, revealed: true });
    expect(chainVoteOf({ revealed: true })).toEqual({ committed: true, revealed: true });
    expect(chainVoteOf({ revealed: undefined })).toEqual({ committed: true, revealed: false });
    expect(chainVoteOf(undefined)).toEqual({ committed: false, revealed: false });
  });
});

describe('byFinality', () => {
  it('keeps the order and splits on the final phase', () => {
    const ds = [{ id: 3, phase: { type: 'Commit', value: 1 } as const }, { id: 2, phase: { type: 'Final' } as const }, { id: 1, phase: { type: 'AppealWindow' } as const }];
    const { open, final } = byFinality(ds);
    expect(open.map((d) => d.id)).toEqual([3, 1]);
    expect(final.map((d) => d.id)).toEqual([2]);
  });
});
