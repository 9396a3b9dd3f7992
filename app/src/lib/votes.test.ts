import { blake2AsHex } from '@polkadot/util-crypto';
import { decodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { commitmentPreimage, exportBallots, findBallot, hexToBytes, importBallots, newSalt, saveBallot, voteCommitment, type BallotStore } from './votes';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const memory = (): BallotStore => {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
};

describe('voteCommitment', () => {
  const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
  it('encodes (u64, u8, AccountId, bool, [u8; 32]) as SCALE does', () => {
    const pre = commitmentPreimage(258n, 2, ALICE, true, salt);
    expect(pre.length).toBe(74);
    expect([...pre.slice(0, 9)]).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 2]); // 258 little-endian, round 2
    expect(pre.slice(9, 41)).toEqual(decodeAddress(ALICE));
    expect(pre[41]).toBe(1);
    expect(pre.slice(42)).toEqual(salt);
  });
  it('is blake2-256 of it (checked with another library), and binds every field', () => {
    const c = voteCommitment(7n, 1, ALICE, false, salt);
    expect(c).toBe(blake2AsHex(commitmentPreimage(7n, 1, ALICE, false, salt), 256));
    expect(voteCommitment(7n, 1, ALICE, true, salt)).not.toBe(c);
    expect(voteCommitment(8n, 1, ALICE, false, salt)).not.toBe(c);
    expect(voteCommitment(7n, 3, ALICE, false, salt)).not.toBe(c);
  });
  it('refuses what the contract could not encode', () => {
    expect(() => commitmentPreimage(-1n, 1, ALICE, true, salt)).toThrow(RangeError);
    expect(() => commitmentPreimage(1n, 256, ALICE, true, salt)).toThrow(RangeError);
    expect(() => commitmentPreimage(1n, 1, ALICE, true, new Uint8Array(31))).toThrow(RangeError);
  });
  it('draws 32-byte salts from the CSPRNG', () => {
    const a = newSalt();
    expect(a.length).toBe(32);
    expect(newSalt()).not.toEqual(a);
  });
});

describe('the ballot vault', () => {
  const salt = newSalt();
  const saltHex = `0x${[...salt].map((b) => b.toString(16).padStart(2, '0')).join('')}` as const;
  const ballot = { dispute: '3', round: 1, juror: ALICE, vote: true, salt: saltHex, commitment: voteCommitment(3n, 1, ALICE, true, salt) };
  it('keeps a ballot per (dispute, round, juror), the last one saved', () => {
    const store = memory();
    expect(findBallot(store, 3n, 1, ALICE)).toBeUndefined();
    saveBallot(store, { ...ballot, vote: false });
    saveBallot(store, ballot);
    expect(findBallot(store, 3n, 1, ALICE)).toEqual(ballot);
    expect(findBallot(store, 3n, 2, ALICE)).toBeUndefined();
    expect(JSON.parse(exportBallots(store)).ballots).toHaveLength(1);
  });
  it('restores a backup into a fresh device, and refuses a damaged one', () => {
    const from = memory();
    saveBallot(from, ballot);
    const file = exportBallots(from);
    const fresh = memory();
    expect(importBallots(fresh, file)).toEqual({ ok: true, imported: 1 });
    expect(findBallot(fresh, 3n, 1, ALICE)?.salt).toBe(saltHex);
    expect(hexToBytes(findBallot(fresh, 3n, 1, ALICE)?.salt ?? '0x')).toEqual(salt);
    const tampered = file.replace('"vote": true', '"vote": false');
    expect(importBallots(memory(), tampered).ok).toBe(false);
    expect(importBallots(memory(), 'nonsense')).toEqual({ ok: false, reason: 'This file is not a ballot backup (not JSON).' });
    expect(importBallots(memory(), '{"kind":"other"}').ok).toBe(false);
  });
});
