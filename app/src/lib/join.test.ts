import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { applicationText, canOfferVouch, holdsVouch, profileHash } from './join';
import { canOfferRefund, canOfferSettle, type OfferingLike } from './offering';
import { requestActions, requestStateText, roleOf, type RequestLike } from './requests';

const date = (ms: bigint) => `t${ms}`;

describe('profileHash', () => {
  it('is blake2-256 of the UTF-8 text or of the bytes, as @polkadot/util-crypto computes it', () => {
    expect(profileHash('Eve, gardener')).toBe(blake2AsHex('Eve, gardener', 256));
    expect(profileHash('')).toBe('0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    const bytes = new Uint8Array([1, 2, 3]);
    expect(profileHash(bytes)).toBe(blake2AsHex(bytes, 256));
    expect(profileHash('é')).toBe(profileHash(new TextEncoder().encode('é')));
    expect(profileHash('a')).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('applications and vouches', () => {
  const app = { appliedAt: 0n, bond: 5n, vouchCount: 1 };
  it('says the vouches and whether vouching is open', () => {
    expect(applicationText(app, 2, 100n, 50, date)).toBe('1 of 2 vouches; members may vouch until t100.');
    expect(applicationText(app, 1, 100n, 100, date)).toBe('1 of 1 vouch; vouching closed on t100 (the application expired).');
    expect(applicationText(app, 3, undefined, 0, date)).toBe('1 of 3 vouches.');
  });
  const vouches = [
    { voucher: 'A', released: false, slashed: false },
    { voucher: 'B', released: true, slashed: false },
    { voucher: 'C', released: false, slashed: true },
  ];
  it('holdsVouch: an unreleased, unslashed vouch of the viewer', () => {
    expect(holdsVouch(vouches, 'A')).toBe(true);
    expect(holdsVouch(vouches, 'B')).toBe(false);
    expect(holdsVouch(vouches, 'C')).toBe(false);
    expect(holdsVouch(vouches, 'D')).toBe(false);
    expect(holdsVouch(vouches, undefined)).toBe(false);
  });
  it('canOfferVouch: an active member, not himself, not already vouching, window open', () => {
    const base = { viewer: 'D', viewerActive: true, candidate: 'E', vouches, deadline: 100n, nowMs: 50 };
    expect(canOfferVouch(base)).toBe(true);
    expect(canOfferVouch({ ...base, viewerActive: false })).toBe(false);
    expect(canOfferVouch({ ...base, viewer: 'E' })).toBe(false);
    expect(canOfferVouch({ ...base, viewer: 'A' })).toBe(false);
    expect(canOfferVouch({ ...base, nowMs: 100 })).toBe(false);
    expect(canOfferVouch({ ...base, viewer: undefined })).toBe(false);
    expect(canOfferVouch({ ...base, deadline: undefined })).toBe(true);
  });
});

describe('offering settle and refund', () => {
  const o: OfferingLike = { amount: 100n, pricePerUnit: 1n, minTotal: 50n, deadline: 1000n, sold: 10n, raised: 10n, subscriberCount: 1, status: 'Open' };
  it('settle: an open offering past its deadline or sold out', () => {
    expect(canOfferSettle(o, 999)).toBe(false);
    expect(canOfferSettle(o, 1000)).toBe(true);
    expect(canOfferSettle({ ...o, sold: 100n }, 0)).toBe(true);
    expect(canOfferSettle({ ...o, status: 'Settled' }, 2000)).toBe(false);
    expect(canOfferSettle({ ...o, status: 'Failed' }, 2000)).toBe(false);
  });
  it('refund: an undelivered payment of a failed, settled-without-him, or closed-below-minimum offering', () => {
    const sub = { paid: 10n, delivered: false };
    expect(canOfferRefund({ ...o, status: 'Failed' }, sub, 0)).toBe(true);
    expect(canOfferRefund({ ...o, status: 'Settled' }, sub, 0)).toBe(true);
    expect(canOfferRefund({ ...o, status: 'Settled' }, { ...sub, delivered: true }, 0)).toBe(false);
    expect(canOfferRefund(o, sub, 999)).toBe(false);
    expect(canOfferRefund(o, sub, 1000)).toBe(true);
    expect(canOfferRefund({ ...o, raised: 50n }, sub, 1000)).toBe(false);
    expect(canOfferRefund({ ...o, status: 'Failed' }, undefined, 0)).toBe(false);
    expect(canOfferRefund({ ...o, status: 'Failed' }, { paid: 0n, delivered: false }, 0)).toBe(false);
  });
});

describe('sale requests', () => {
  const r: RequestLike = { seller: 'S', buyer: 'B', price: 10n, funded: false, status: 'Pending', decisionDeadline: 100n, settlementDeadline: 200n };
  it('roles', () => {
    expect(roleOf(r, 'S')).toBe('seller');
    expect(roleOf(r, 'B')).toBe('buyer');
    expect(roleOf(r, 'X')).toBeUndefined();
  });
  it('the buyer funds an unpaid request, withdraws a paid one; the seller cancels before approval', () => {
    expect(requestActions(r, 'B', 0)).toEqual(['fund']);
    expect(requestActions({ ...r, funded: true }, 'B', 0)).toEqual(['withdraw-funding']);
    expect(requestActions(r, 'S', 0)).toEqual(['cancel']);
    expect(requestActions({ ...r, status: 'Approved' }, 'S', 0)).toEqual([]);
    expect(requestActions({ ...r, status: 'Approved', funded: true }, 'B', 0)).toEqual(['withdraw-funding']);
    expect(requestActions({ ...r, price: 0n }, 'B', 0)).toEqual([]);
    expect(requestActions(r, 'X', 0)).toEqual([]);
    expect(requestActions(r, undefined, 0)).toEqual([]);
  });
  it('after the settlement deadline either party may cancel, and nobody funds', () => {
    expect(requestActions({ ...r, status: 'Approved' }, 'S', 200)).toEqual(['cancel']);
    expect(requestActions(r, 'B', 200)).toEqual(['cancel']);
    expect(requestActions({ ...r, funded: true }, 'B', 200)).toEqual(['withdraw-funding', 'cancel']);
  });
  it('closed requests offer nothing', () => {
    for (const status of ['Executed', 'Rejected', 'Cancelled', 'Preempted'] as const) {
      expect(requestActions({ ...r, status }, 'S', 0)).toEqual([]);
      expect(requestStateText({ ...r, status }, date)).toBe(`${status}.`);
    }
  });
  it('state words', () => {
    expect(requestStateText(r, date)).toBe('Pending, not paid yet; the issuer decides by t100; settles by t200.');
    expect(requestStateText({ ...r, funded: true, status: 'Approved' }, date)).toBe('Approved, paid into escrow; settles by t200.');
    expect(requestStateText({ ...r, price: 0n }, date)).toBe('Pending, a gift (no payment); the issuer decides by t100; settles by t200.');
  });
});
