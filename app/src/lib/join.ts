// Joining the registry: the profile hash computed locally, and what an applicant's page says.
// Pure, unit-tested.

import { documentHash } from './hash';

/** The blake2-256 hash of the profile the user gives (text as UTF-8, or a file's bytes). */
export const profileHash = documentHash;

export interface ApplicationLike {
  appliedAt: bigint;
  bond: bigint;
  vouchCount: number;
}

/** "2 of 3 vouches; vouching open until …" / "… vouching closed on …". */
export function applicationText(
  app: ApplicationLike,
  vouchesRequired: number,
  deadline: bigint | undefined,
  nowMs: number,
  formatDate: (ms: bigint) => string,
): string {
  const vouches = `${app.vouchCount} of ${vouchesRequired} ${vouchesRequired === 1 ? 'vouch' : 'vouches'}`;
  if (deadline === undefined) return `${vouches}.`;
  return Number(deadline) > nowMs ? `${vouches}; members may vouch until ${formatDate(deadline)}.` : `${vouches}; vouching closed on ${formatDate(deadline)} (the application expired).`;
}

export interface VouchLike {
  voucher: string;
  released: boolean;
  slashed: boolean;
}

/** Whether `viewer` holds a vouch on this member or candidate that is not released or slashed (the dry run decides whether it can be released now). */
export function holdsVouch(vouches: readonly VouchLike[], viewer: string | undefined): boolean {
  return viewer !== undefined && vouches.some((v) => v.voucher === viewer && !v.released && !v.slashed);
}

/** Whether `viewer` may be offered "Vouch": an active member, not the candidate, not already vouching, vouching open. */
export function canOfferVouch(input: {
  viewer: string | undefined;
  viewerActive: boolean;
  candidate: string;
  vouches: readonly VouchLike[];
  deadline: bigint | undefined;
  nowMs: number;
}): boolean {
  const { viewer, viewerActive, candidate, vouches, deadline, nowMs } = input;
  if (!viewer || !viewerActive || viewer === candidate) return false;
  if (vouches.some((v) => v.voucher === viewer)) return false;
  return deadline === undefined || Number(deadline) > nowMs;
}
