// A juror's secret ballot: the commitment computed in the browser exactly as governance does
// (`blake2x256(SCALE((dispute: u64, round: u8, juror: AccountId, vote: bool, salt: [u8; 32])))`,
// contracts/governance/src/disputes.rs `vote_commitment`), never asked of a node, and the vote
// with its salt kept on this device until the reveal, with a backup file to export and import.

import { blake2AsU8a, decodeAddress, u8aToHex } from 'dedot/utils';

export type Hex = `0x${string}`;

/** 32 random bytes from the browser's CSPRNG. */
export function newSalt(random: (b: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): Uint8Array {
  return random(new Uint8Array(32));
}

function u64le(v: bigint): Uint8Array {
  if (v < 0n || v >= 1n << 64n) throw new RangeError('a dispute id is a u64');
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** The SCALE encoding the contract hashes (exported for the test that checks it byte by byte). */
export function commitmentPreimage(dispute: bigint, round: number, juror: string, vote: boolean, salt: Uint8Array): Uint8Array {
  if (!Number.isInteger(round) || round < 0 || round > 255) throw new RangeError('a round is a u8');
  if (salt.length !== 32) throw new RangeError('a salt is 32 bytes');
  const account = decodeAddress(juror);
  const out = new Uint8Array(8 + 1 + 32 + 1 + 32);
  out.set(u64le(dispute), 0);
  out[8] = round;
  out.set(account, 9);
  out[41] = vote ? 1 : 0;
  out.set(salt, 42);
  return out;
}

export function voteCommitment(dispute: bigint, round: number, juror: string, vote: boolean, salt: Uint8Array): Hex {
  return u8aToHex(blake2AsU8a(commitmentPreimage(dispute, round, juror, vote, salt), 256)) as Hex;
}

/** One committed ballot, as kept on the device and in the backup file. */
export interface SavedBallot {
  dispute: string; // decimal
  round: number;
  juror: string;
  vote: boolean;
  salt: Hex;
  commitment: Hex;
}

/** Where ballots are kept (localStorage in the app; a Map in tests). */
export interface BallotStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'personal-tokens/ballots/v1';

function all(store: BallotStore): SavedBallot[] {
  try {
    const v = JSON.parse(store.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as SavedBallot[]).filter(isBallot) : [];
  } catch {
    return [];
  }
}

function isBallot(b: unknown): b is SavedBallot {
  const x = b as SavedBallot;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.dispute === 'string' &&
    typeof x.round === 'number' &&
    typeof x.juror === 'string' &&
    typeof x.vote === 'boolean' &&
    /^0x[0-9a-f]{64}$/i.test(x.salt) &&
    /^0x[0-9a-f]{64}$/i.test(x.commitment)
  );
}

const same = (a: SavedBallot, dispute: bigint, round: number, juror: string) => a.dispute === dispute.toString() && a.round === round && a.juror === juror;

export function saveBallot(store: BallotStore, b: SavedBallot): void {
  const rest = all(store).filter((x) => !same(x, BigInt(b.dispute), b.round, b.juror));
  store.setItem(KEY, JSON.stringify([...rest, b]));
}

export function findBallot(store: BallotStore, dispute: bigint, round: number, juror: string): SavedBallot | undefined {
  return all(store).find((b) => same(b, dispute, round, juror));
}

/** The backup file's text: every ballot kept on this device. */
export function exportBallots(store: BallotStore): string {
  return JSON.stringify({ kind: 'personal-tokens-ballots', version: 1, ballots: all(store) }, null, 2);
}

/**
 * Imports a backup file; a ballot whose salt does not reproduce its commitment is refused.
 * Returns how many ballots were imported, or the reason nothing was.
 */
export function importBallots(store: BallotStore, text: string): { ok: true; imported: number } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This file is not a ballot backup (not JSON).' };
  }
  const p = parsed as { kind?: unknown; ballots?: unknown };
  if (p.kind !== 'personal-tokens-ballots' || !Array.isArray(p.ballots)) return { ok: false, reason: 'This file is not a ballot backup.' };
  const good = p.ballots.filter(isBallot).filter((b) => voteCommitment(BigInt(b.dispute), b.round, b.juror, b.vote, hexToBytes(b.salt)) === b.commitment.toLowerCase());
  if (good.length !== p.ballots.length) return { ok: false, reason: 'A ballot in this file does not match its commitment: the file was changed or damaged.' };
  for (const b of good) saveBallot(store, b);
  return { ok: true, imported: good.length };
}

export function hexToBytes(hex: Hex): Uint8Array {
  const h = hex.slice(2);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
