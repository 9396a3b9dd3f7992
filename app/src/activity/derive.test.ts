import { describe, expect, it } from 'vitest';
import { accountActivity, describeEvent, holdersFrom, pricePoints, sourceLabel } from './derive';
import type { ActivityEvent } from './types';

const acct = (name: string) => ({ address: () => name });
let index = 0;
const ev = (block: number, name: string, data: Record<string, unknown>): ActivityEvent => ({ block, index: index++, at: BigInt(block * 1000), contract: 'T', name, data });
const fmt = { units: (v: bigint) => `${v} T`, money: (v: bigint) => `${v} U`, account: (a: { address(): string }) => a.address() };

describe('pricePoints', () => {
  const token = { decimals: 2, supply: 10_000n };
  it('prices sales, first refusals and settled offerings, and skips gifts and the rest', () => {
    const events = [
      ev(1, 'OfferingSettled', { id: 0n, sold: 1_000n, raised: 50_000n }), // 50 U per unit → 5,000 per token
      ev(2, 'Transfer', { from: acct('a'), to: acct('b'), value: 5n }),
      ev(3, 'TransferExecuted', { id: 0n, seller: acct('a'), buyer: acct('b'), amount: 300n, price: 20_000n }),
      ev(4, 'TransferExecuted', { id: 1n, seller: acct('a'), buyer: acct('b'), amount: 300n, price: 0n }), // a gift
      ev(5, 'FirstRefusalExercised', { id: 2n, amount: 3n, price: 100n }),
    ];
    expect(pricePoints(events, token).map((p) => [p.block, p.source, p.pricePerToken, p.valuation])).toEqual([
      [1, 'offering', 5_000n, 500_000n],
      [3, 'sale', 6_666n, 666_666n], // floors, as the contract's implied valuation does
      [5, 'first refusal', 3_333n, 333_333n],
    ]);
  });
});

describe('holdersFrom', () => {
  it('rebuilds balances from mints, transfers and burns, largest first, without empty ones', () => {
    const events = [
      ev(1, 'Transfer', { from: undefined, to: acct('issuer'), value: 1_000n }),
      ev(2, 'Transfer', { from: acct('issuer'), to: acct('alice'), value: 100n }),
      ev(3, 'Transfer', { from: acct('issuer'), to: acct('bob'), value: 100n }),
      ev(4, 'Transfer', { from: acct('bob'), to: acct('carol'), value: 100n }),
      ev(5, 'Transfer', { from: acct('alice'), to: undefined, value: 40n }),
      ev(6, 'Approval', { owner: acct('alice'), spender: acct('bob'), amount: 7n }),
    ];
    expect(holdersFrom(events, (a) => a.address())).toEqual([
      { account: 'issuer', balance: 800n },
      { account: 'carol', balance: 100n },
      { account: 'alice', balance: 60n },
    ]);
  });
});

describe('describeEvent', () => {
  it('words the events of a token and its splitter', () => {
    expect(describeEvent(ev(1, 'Transfer', { from: undefined, to: acct('bob'), value: 5n }), fmt)).toBe('5 T issued to bob');
    expect(describeEvent(ev(1, 'Transfer', { from: acct('a'), to: acct('b'), value: 5n }), fmt)).toBe('5 T moved from a to b');
    expect(describeEvent(ev(1, 'TransferRejected', { id: 3n, reason: 'no' }), fmt)).toBe('Sale request #3 rejected: “no”');
    expect(describeEvent(ev(1, 'TransferRejected', { id: 3n, reason: '' }), fmt)).toBe('Sale request #3 rejected');
    expect(describeEvent(ev(1, 'LiquidationReported', { assetId: 0n, index: 0, grossProceeds: 10n, holdersShare: 3n }), fmt)).toBe('Asset #0 sold for 10 U: 3 U paid to the holders');
    expect(describeEvent(ev(1, 'Claimed', { holder: acct('dave'), amount: 9n, by: acct('dave') }), fmt)).toBe('dave claimed 9 U');
    expect(describeEvent(ev(1, 'Wired', {}), fmt)).toBe('Wired');
  });
});

describe('payoutHistory', () => {
  it("gives each distribution the holder's part at his balance of the moment, and sums his claims", async () => {
    const { payoutHistory } = await import('./derive');
    const t = (block: number, from: string | undefined, to: string | undefined, value: bigint) => ({ ...ev(block, 'Transfer', { from: from ? acct(from) : undefined, to: to ? acct(to) : undefined, value }), contract: 'T' });
    const s = (block: number, name: string, data: Record<string, unknown>) => ({ ...ev(block, name, data), contract: 'S' });
    const events = [
      t(1, undefined, 'issuer', 1_000n),
      t(2, 'issuer', 'dave', 100n), // 10% of the supply, all of the outstanding
      s(3, 'Distributed', { payer: acct('issuer'), amount: 500n, fromHeld: 0n, outstanding: 100n, memo: '0x' }),
      t(4, 'issuer', 'alice', 300n),
      s(5, 'Distributed', { payer: acct('issuer'), amount: 1_000n, fromHeld: 0n, outstanding: 400n, memo: '0x' }),
      s(6, 'Claimed', { holder: acct('dave'), amount: 750n, by: acct('dave') }),
      s(7, 'Claimed', { holder: acct('alice'), amount: 750n, by: acct('alice') }),
      t(8, 'dave', 'carol', 100n),
      s(9, 'Distributed', { payer: acct('issuer'), amount: 999n, fromHeld: 0n, outstanding: 400n, memo: '0x' }),
      { ...ev(10, 'Transfer', { from: acct('x'), to: acct('dave'), value: 5n }), contract: 'OTHER' }, // another token
    ];
    const h = payoutHistory(events, 'T', 'S', 'dave', (a) => a.address());
    expect(h.bars.map((b) => [b.block, b.balance, b.share])).toEqual([
      [3, 100n, 500n],
      [5, 100n, 250n],
      [9, 0n, 0n],
    ]);
    expect(h.totalShare).toBe(750n);
    expect(h.claims.map((c) => [c.block, c.at, c.amount])).toEqual([[6, 6_000n, 750n]]);
    const { payoutEntries } = await import('./derive');
    expect(payoutEntries(h).map((e) => (e.kind === 'share' ? `d${e.bar.block}` : `c${e.claim.block}`))).toEqual(['d3', 'd5', 'c6', 'd9']);
    expect(h.totalClaimed).toBe(750n);
  });

  it('explains a bar', async () => {
    const { payoutBarText } = await import('./derive');
    const bar = { block: 1, index: 0, at: 5n, amount: 200n, outstanding: 1_000n, balance: 120n, share: 24n };
    const f = { units: (v: bigint) => `${v} T`, money: (v: bigint) => `${v} U`, date: (ms: bigint) => `t${ms}`, percent: (a: bigint, b: bigint) => String((a * 100n) / b) };
    expect(payoutBarText(bar, f)).toBe('t5: 200 U distributed; you held 12% of the outstanding tokens (120 T of 1000 T) → 12% of 200 U = 24 U');
  });
});

describe('distributionTotals', () => {
  it("sums a splitter's distributions and claims, and nothing of another contract", async () => {
    const { distributionTotals } = await import('./derive');
    const s = (name: string, data: Record<string, unknown>, contract = 'S') => ({ ...ev(1, name, data), contract });
    const events = [s('Distributed', { amount: 500n }), s('Claimed', { holder: acct('a'), amount: 120n }), s('Distributed', { amount: 100n }), s('Distributed', { amount: 9n }, 'OTHER')];
    expect(distributionTotals(events, 'S')).toEqual({ distributed: 600n, claimed: 120n, unclaimed: 480n });
  });
});

describe('the suite events in words', () => {
  it('words disputes, proposals and membership', () => {
    expect(describeEvent(ev(1, 'DisputeOpened', { dispute: 2n, claimant: acct('c'), accused: acct('f'), kind: 'UndisclosedLiquidation' }), fmt)).toBe('Dispute #2: c accuses f (UndisclosedLiquidation)');
    expect(describeEvent(ev(1, 'VoteRevealed', { dispute: 2n, round: 1, juror: acct('a'), vote: false }), fmt)).toBe('Dispute #2: a revealed a vote to dismiss');
    expect(describeEvent(ev(1, 'RulingExecuted', { dispute: 2n, ruling: 'Upheld', enforced: true }), fmt)).toBe('Dispute #2: the ruling (Upheld) was executed');
    expect(describeEvent(ev(1, 'Voted', { proposal: 0n, voter: acct('b'), support: true }), fmt)).toBe('Proposal #0: b voted for');
    expect(describeEvent(ev(1, 'Vetoed', { proposal: 0n, member: acct('b'), vetoes: 2, stopped: true }), fmt)).toBe('Proposal #0: b vetoed it, and it is stopped');
    expect(describeEvent(ev(1, 'Vouched', { voucher: acct('a'), candidate: acct('n'), bond: 5n, vouchCount: 1 }), fmt)).toBe('a vouched for n');
    expect(describeEvent(ev(1, 'TreasuryGranted', { to: acct('d'), amount: 4n }), fmt)).toBe('4 U paid from the treasury to d');
  });
});

describe('accountActivity', () => {
  const me = (a: { address(): string }) => a.address();
  it('keeps what names the account, and what follows his requests, offerings, disputes and proposals by id only', () => {
    const events = [
      ev(1, 'TransferRequested', { id: 0n, seller: acct('me'), buyer: acct('c'), amount: 1n, price: 1n }),
      ev(2, 'TransferRequested', { id: 1n, seller: acct('x'), buyer: acct('y'), amount: 1n, price: 1n }),
      ev(3, 'TransferApproved', { id: 0n }), // his request
      ev(4, 'TransferApproved', { id: 1n }), // not his
      ev(5, 'AssetDisclosed', { id: 0n, kind: 'Equity', estimatedValue: 1n }), // an asset, not request #0
      ev(6, 'Subscribed', { id: 0n, subscriber: acct('me'), amount: 1n, paid: 1n }),
      ev(7, 'Subscribed', { id: 0n, subscriber: acct('z'), amount: 1n, paid: 1n }), // another subscriber
      ev(8, 'OfferingSettled', { id: 0n, sold: 2n, raised: 2n }),
      ev(9, 'VoteCommitted', { dispute: 3n, round: 1, juror: acct('me'), commitment: '0x' }),
      ev(10, 'VoteCommitted', { dispute: 3n, round: 1, juror: acct('q'), commitment: '0x' }), // another juror
      ev(11, 'RulingExecuted', { dispute: 3n, ruling: 'Upheld', enforced: true }),
      ev(12, 'ProposalExecuted', { proposal: 0n }), // he had nothing to do with it
      ev(13, 'Transfer', { from: acct('b'), to: acct('me'), value: 3n }),
    ];
    expect(accountActivity(events, 'me', me).map((e) => e.block)).toEqual([1, 3, 6, 8, 9, 11, 13]);
  });
});

describe('sourceLabel', () => {
  it('names the token of a token or splitter event', () => {
    const tokens = new Map([['T', { label: '$BOB', splitter: 'S' }]]);
    expect([sourceLabel('T', tokens), sourceLabel('S', tokens), sourceLabel('G', tokens)]).toEqual(['$BOB', '$BOB payouts', undefined]);
  });
});
