// The issuer console's arithmetic and words: pure, unit-tested. Every formula here is the
// contract's own (personal_token: disclosures.rs `holders_share`, state.rs
// `implied_valuation`, requests.rs's decision deadline), so what the issuer reads before
// signing is what the chain will do.

/** The token's limits (contracts/personal_token/src/types.rs). */
export const MIN_DECISION_PERIOD_MS = 60_000n;
export const MAX_DECISION_PERIOD_MS = 365n * 24n * 60n * 60n * 1000n;
export const MAX_REASON_LEN = 256;
export const MAX_INVITEES = 32;

/** `ceil(a * b / c)`; 0 for c = 0 is never asked (the supply is never 0). */
function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  const p = a * b;
  return p / c + (p % c === 0n ? 0n : 1n);
}

/** What the holders receive of a sale for `gross`: `ceil(gross × outstanding / supply)`. */
export function holdersShare(gross: bigint, outstanding: bigint, supply: bigint): bigint {
  if (supply <= 0n) throw new RangeError('the supply is never 0');
  return mulDivCeil(gross, outstanding, supply);
}

export interface LiquidationPreview {
  /** Sent with `report_liquidation` and paid into the splitter. */
  share: bigint;
  /** What the issuer keeps of the proceeds. */
  kept: bigint;
  /** The holders' part of the supply, in basis points (for the sentence). */
  outstandingBps: bigint;
}

export function liquidationPreview(gross: bigint, outstanding: bigint, supply: bigint): LiquidationPreview {
  const share = holdersShare(gross, outstanding, supply);
  return { share, kept: gross - share, outstandingBps: (outstanding * 10_000n) / supply };
}

/** A sale's implied valuation of the whole supply: `floor(price × supply / amount)`. */
export function impliedValuation(price: bigint, amount: bigint, supply: bigint): bigint | undefined {
  return amount > 0n ? (price * supply) / amount : undefined;
}

/** What the issuer's silence does to a pending request by its decision deadline. */
export function silenceText(autoApprove: boolean, decisionDeadline: bigint, nowMs: number, formatDate: (ms: bigint) => string): string {
  const when = formatDate(decisionDeadline);
  if (BigInt(nowMs) >= decisionDeadline) {
    return autoApprove
      ? `The decision deadline (${when}) passed: your silence approved it; once paid, anyone may execute it.`
      : `The decision deadline (${when}) passed: the seller may now cancel it.`;
  }
  return autoApprove
    ? `If you do nothing by ${when}, it is approved (auto-approve is on).`
    : `If you do nothing by ${when}, the seller may cancel it (auto-approve is off).`;
}

export type LaunchProblem =
  | 'name-empty'
  | 'symbol-empty'
  | 'decimals'
  | 'supply'
  | 'terms-missing'
  | 'decision-period';

export interface LaunchFields {
  name: string;
  symbol: string;
  decimals: number;
  supply: bigint | undefined;
  termsHash: string | undefined;
  decisionPeriodMs: bigint;
}

/** The launch form's problems, in the order the form shows them (empty: ready to review). */
export function launchProblems(f: LaunchFields): LaunchProblem[] {
  const out: LaunchProblem[] = [];
  if (f.name.trim() === '') out.push('name-empty');
  if (f.symbol.trim() === '') out.push('symbol-empty');
  if (!Number.isInteger(f.decimals) || f.decimals < 0 || f.decimals > 18) out.push('decimals');
  if (f.supply === undefined || f.supply <= 0n) out.push('supply');
  if (!f.termsHash) out.push('terms-missing');
  if (f.decisionPeriodMs < MIN_DECISION_PERIOD_MS || f.decisionPeriodMs > MAX_DECISION_PERIOD_MS) out.push('decision-period');
  return out;
}

export function launchProblemText(p: LaunchProblem): string {
  switch (p) {
    case 'name-empty':
      return 'Give the token a name.';
    case 'symbol-empty':
      return 'Give the token a symbol.';
    case 'decimals':
      return 'Decimals are a whole number from 0 to 18.';
    case 'supply':
      return 'The supply is a positive amount.';
    case 'terms-missing':
      return "Pick the terms document: its hash is what buyers consent to.";
    case 'decision-period':
      return 'The decision period is between one minute and one year.';
  }
}

/** Invitee addresses, one per line or separated by commas or spaces; duplicates dropped. */
export function parseInvitees(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Hours (decimal allowed) → ms, or undefined if not a positive number. */
export function hoursToMs(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const ms = Math.round(Number(t) * 3_600_000);
  return ms > 0 ? BigInt(ms) : undefined;
}

/**
 * The token's `price_per_unit` (planck per smallest unit) for a price per whole token in
 * planck; undefined unless it divides exactly (the contract charges `amount × price_per_unit`).
 */
export function pricePerUnit(pricePerTokenPlanck: bigint, decimals: number): bigint | undefined {
  const scale = 10n ** BigInt(decimals);
  if (pricePerTokenPlanck <= 0n || pricePerTokenPlanck % scale !== 0n) return undefined;
  return pricePerTokenPlanck / scale;
}
