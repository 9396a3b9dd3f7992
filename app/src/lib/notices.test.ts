import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../activity/types';
import { loadSeen, markSeen, noticesFor, unseen } from './notices';

const acct = (name: string) => ({ address: () => name });
let index = 0;
const ev = (block: number, contract: string, name: string, data: Record<string, unknown>): ActivityEvent => ({ block, index: index++, at: BigInt(block), contract, name, data });
const ctx = {
  account: 'me',
  addr: (a: { address(): string }) => a.address(),
  tokens: new Map([['T', { label: '$BOB', splitter: 'S' }]]),
  governance: 'G',
  money: (v: bigint) => `${v} U`,
  date: (ms: bigint) => `t${ms}`,
  revealBy: (d: bigint) => (d === 1n ? 99n : undefined),
  voteBy: (p: bigint) => (p === 4n ? 77n : undefined),
};

describe('noticesFor', () => {
  const events = [
    ev(1, 'T', 'TransferRequested', { id: 0n, seller: acct('me'), buyer: acct('carol'), amount: 5n, price: 10n }),
    ev(2, 'T', 'TransferRequested', { id: 1n, seller: acct('dave'), buyer: acct('eve'), amount: 5n, price: 10n }),
    ev(3, 'T', 'TransferApproved', { id: 1n }), // not mine
    ev(4, 'T', 'TransferApproved', { id: 0n }),
    ev(5, 'S', 'Distributed', { amount: 7n }), // I hold nothing yet
    ev(6, 'T', 'Transfer', { from: acct('bob'), to: acct('me'), value: 3n }),
    ev(7, 'S', 'Distributed', { amount: 8n }),
    ev(8, 'T', 'TransferRejected', { id: 0n, reason: 'no' }),
    ev(9, 'G', 'VoteCommitted', { dispute: 1n, round: 1, juror: acct('me'), commitment: '0x' }),
    ev(10, 'G', 'VoteCommitted', { dispute: 2n, round: 1, juror: acct('me'), commitment: '0x' }), // already over
    ev(11, 'G', 'VoteCommitted', { dispute: 1n, round: 1, juror: acct('eve'), commitment: '0x' }),
    ev(12, 'G', 'ProposalCreated', { proposal: 4n, proposer: acct('bob') }),
    ev(13, 'G', 'ProposalCreated', { proposal: 5n, proposer: acct('bob') }), // voted, over, or not his to vote on
  ];
  it("tells an account what concerns him, newest first, and nothing about others' requests", () => {
    expect(noticesFor(events, ctx).map((n) => n.text)).toEqual([
      'Proposal #4 is open: members vote until t77, and you have not voted.',
      'Dispute #1: you must reveal your vote before t99, or lose your deposit.',
      '$BOB: your sale request #0 was rejected: “no”.',
      '$BOB: 8 U was distributed to the holders: a payout is claimable.',
      '$BOB: your sale request #0 was approved.',
    ]);
  });
  it('counts what is new since the seen marker, per account', () => {
    const all = noticesFor(events, ctx);
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(unseen(all, loadSeen(store, 'me'))).toHaveLength(5);
    markSeen(store, 'me', all);
    expect(unseen(all, loadSeen(store, 'me'))).toHaveLength(0);
    expect(loadSeen(store, 'other')).toBeUndefined();
    const later = [{ ...all[0]!, key: '99-0', block: 99, index: 0 }, ...all];
    expect(unseen(later, loadSeen(store, 'me')).map((n) => n.key)).toEqual(['99-0']);
  });
});
