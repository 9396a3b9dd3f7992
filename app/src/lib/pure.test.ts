import { describe, expect, it } from 'vitest';
import { decodeAddress } from 'dedot/utils';
import { filterMembers, memberStatusText, pageCount, parseDirectoryQuery, type DirectoryEntry } from './members';
import { canOfferRefund, canOfferSettle, countdown, offeringProgress, offeringStateText, percent, subscriptionText, type OfferingLike } from './offering';
import { parseManifest } from '../network';

const entries: DirectoryEntry[] = [
  { address: '5Grw1111aaaa', names: ['Bob Token', 'BOB'], status: { type: 'Active' }, hasToken: true },
  { address: '5FHn2222bbbb', names: [], status: { type: 'Expelled' }, hasToken: false },
  { address: '5DAA3333cccc', names: ['Mallory', 'MAL'], status: { type: 'Suspended', value: 0n }, hasToken: true },
];

describe('filterMembers', () => {
  it('returns all for an empty query', () => {
    expect(filterMembers(entries, '  ')).toHaveLength(3);
  });
  it('matches address parts and names, case-insensitively', () => {
    expect(filterMembers(entries, '2222').map((e) => e.address)).toEqual(['5FHn2222bbbb']);
    expect(filterMembers(entries, 'bob').map((e) => e.address)).toEqual(['5Grw1111aaaa']);
    expect(filterMembers(entries, 'mal 5daa').map((e) => e.address)).toEqual(['5DAA3333cccc']);
    expect(filterMembers(entries, 'mal bob')).toEqual([]);
  });
});

describe('parseDirectoryQuery', () => {
  const isAddress = (s: string) => {
    try {
      decodeAddress(s);
      return true;
    } catch {
      return false;
    }
  };
  const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  it('reads an empty box as the current page', () => {
    expect(parseDirectoryQuery('   ', isAddress)).toEqual({ kind: 'page' });
  });
  it('reads a whole SS58 address as one account (a single registry question)', () => {
    expect(parseDirectoryQuery(` ${alice} `, isAddress)).toEqual({ kind: 'account', address: alice });
  });
  it('reads anything else, part of an address included, as words to search every member for', () => {
    expect(parseDirectoryQuery('bob', isAddress)).toEqual({ kind: 'words', query: 'bob' });
    expect(parseDirectoryQuery(alice.slice(0, 20), isAddress)).toEqual({ kind: 'words', query: alice.slice(0, 20) });
    expect(parseDirectoryQuery(`${alice} bob`, isAddress)).toEqual({ kind: 'words', query: `${alice} bob` });
  });
});

describe('member status', () => {
  it('words each status', () => {
    const f = (ms: bigint) => `t${ms}`;
    expect(memberStatusText({ type: 'Active' }, f)).toBe('Active');
    expect(memberStatusText({ type: 'Suspended', value: 5n }, f)).toBe('Suspended until t5');
    expect(memberStatusText({ type: 'Resigning', value: 6n }, f)).toBe('Resigning (cooldown ends t6)');
    expect(memberStatusText({ type: 'Resigned' }, f)).toBe('Resigned');
    expect(memberStatusText({ type: 'Expelled' }, f)).toBe('Expelled');
  });
  it('counts pages', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });
});

const offering: OfferingLike = {
  amount: 1_000n,
  pricePerUnit: 100n,
  minTotal: 50_000n,
  deadline: 1_000_000n,
  sold: 250n,
  raised: 25_000n,
  subscriberCount: 2,
  status: 'Open',
};

describe('offering progress', () => {
  it('computes percent with two decimals, floored', () => {
    expect(percent(1n, 3n)).toBe('33.33');
    expect(percent(1n, 100n)).toBe('1');
    expect(percent(15n, 1000n)).toBe('1.5');
    expect(percent(5n, 0n)).toBe('0');
  });
  it('tracks the minimum raise', () => {
    expect(offeringProgress(offering)).toEqual({ towardMinimum: 50, minimumReached: false, soldPercent: '25', totalValue: 100_000n, remaining: 750n });
    const done = offeringProgress({ ...offering, raised: 60_000n, sold: 600n });
    expect(done.towardMinimum).toBe(100);
    expect(done.minimumReached).toBe(true);
  });
  it('words the state', () => {
    expect(offeringStateText(offering, 0)).toBe('Open: the minimum is not raised yet.');
    expect(offeringStateText({ ...offering, raised: 50_000n }, 0)).toBe('Open: the minimum is raised.');
    expect(offeringStateText(offering, 2_000_000)).toMatch(/without the minimum/);
    expect(offeringStateText({ ...offering, sold: 1_000n }, 0)).toMatch(/Sold out/);
    expect(offeringStateText({ ...offering, status: 'Settled' }, 0)).toMatch(/^Settled/);
    expect(offeringStateText({ ...offering, status: 'Failed' }, 0)).toMatch(/refund/);
  });
});

describe('countdown', () => {
  const now = 1_700_000_000_000;
  it('counts down in the largest two units', () => {
    expect(countdown(BigInt(now + 2 * 86_400_000 + 3 * 3_600_000 + 5_000), now)).toBe('2 d 3 h left');
    expect(countdown(BigInt(now + 4 * 3_600_000 + 10 * 60_000), now)).toBe('4 h 10 min left');
    expect(countdown(BigInt(now + 65_000), now)).toBe('1 min 5 s left');
    expect(countdown(BigInt(now + 59_999), now)).toBe('59 s left');
    expect(countdown(BigInt(now), now)).toBe('ended');
    expect(countdown(BigInt(now - 1), now)).toBe('ended');
  });
});

describe('parseManifest', () => {
  const good = {
    plan_version: 1, network: 'local', url: 'ws://127.0.0.1:9944', deployer: '5x',
    code_hashes: { governance: null, registry: null, personal_token: null, payout_splitter: null },
    governance: '5Gov', registry: '5Reg', wired: true, handed_over: true, block: 3,
  };
  it('accepts a complete manifest', () => {
    const n = parseManifest('local', good);
    expect(n.ok && [n.url, n.registry, n.governance]).toEqual(['ws://127.0.0.1:9944', '5Reg', '5Gov']);
  });
  it('explains a missing or incomplete one', () => {
    expect(parseManifest('local', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/No deployment manifest/) });
    expect(parseManifest('local', [])).toMatchObject({ ok: false, reason: expect.stringMatching(/not a manifest/) });
    expect(parseManifest('local', { ...good, url: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/no node URL/) });
    expect(parseManifest('local', { ...good, registry: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/incomplete/) });
  });
});

describe('settling and refunding', () => {
  const base: OfferingLike = { amount: 100n, pricePerUnit: 10n, minTotal: 500n, deadline: 1_000n, sold: 0n, raised: 0n, subscriberCount: 0, status: 'Open' };
  const paid = { amount: 10n, paid: 100n, delivered: false };
  it('offers settlement once an open offering closes: at its deadline, or sold out', () => {
    expect(canOfferSettle(base, 999)).toBe(false);
    expect(canOfferSettle(base, 1_000)).toBe(true);
    expect(canOfferSettle({ ...base, sold: 100n, raised: 1_000n }, 0)).toBe(true);
    expect(canOfferSettle({ ...base, status: 'Settled' }, 2_000)).toBe(false);
    expect(canOfferSettle({ ...base, status: 'Failed' }, 2_000)).toBe(false);
  });
  it('offers a refund for an undelivered payment of a failed or failing offering only', () => {
    expect(canOfferRefund({ ...base, raised: 100n }, paid, 999)).toBe(false); // still open
    expect(canOfferRefund({ ...base, raised: 100n }, paid, 1_000)).toBe(true); // closed below the minimum
    expect(canOfferRefund({ ...base, raised: 500n }, paid, 1_000)).toBe(false); // minimum raised: it settles
    expect(canOfferRefund({ ...base, status: 'Failed' }, paid, 0)).toBe(true);
    expect(canOfferRefund({ ...base, status: 'Failed' }, { ...paid, paid: 0n }, 0)).toBe(false); // refunded
    expect(canOfferRefund({ ...base, status: 'Settled' }, { ...paid, delivered: true, paid: 0n }, 0)).toBe(false);
    expect(canOfferRefund(base, undefined, 2_000)).toBe(false);
  });
  it('tells a subscriber where his payment is', () => {
    const fmt = { units: (v: bigint) => `${v} T`, money: (v: bigint) => `${v} U` };
    expect(subscriptionText(paid, 'Open', fmt)).toBe('Your subscription: 10 T for 100 U, in escrow until the offering settles.');
    expect(subscriptionText(paid, 'Failed', fmt)).toBe('Your subscription: 10 T for 100 U, not delivered (refund it from a failed offering).');
    expect(subscriptionText({ ...paid, paid: 0n }, 'Failed', fmt)).toBe('Your subscription of 10 T was refunded.');
    expect(subscriptionText({ ...paid, paid: 0n, delivered: true }, 'Settled', fmt)).toBe('You bought 10 T: delivered, and your payment went to the issuer.');
  });
});
