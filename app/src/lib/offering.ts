// Offering progress, deadline countdown and share arithmetic for the token page: pure, tested.

export interface OfferingLike {
  amount: bigint;
  pricePerUnit: bigint;
  minTotal: bigint;
  deadline: bigint; // ms since epoch (pallet-timestamp)
  sold: bigint;
  raised: bigint;
  subscriberCount: number;
  status: 'Open' | 'Settled' | 'Failed';
}

/** `part / whole` in percent with two decimals, as a string ("12.34"); "0" for an empty whole. */
export function percent(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0';
  const bps = (part * 10_000n) / whole; // floor
  const whole100 = bps / 100n;
  const frac = (bps % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole100}.${frac}` : `${whole100}`;
}

export interface OfferingProgress {
  /** Raised toward the minimum raise, percent of the minimum, capped at 100 for the bar. */
  towardMinimum: number;
  minimumReached: boolean;
  /** Tokens sold, percent of the offering. */
  soldPercent: string;
  /** What the whole offering raises if sold out. */
  totalValue: bigint;
  remaining: bigint;
}

export function offeringProgress(o: OfferingLike): OfferingProgress {
  const minimumReached = o.raised >= o.minTotal;
  const towardMinimum = o.minTotal <= 0n ? 100 : Math.min(100, Number((o.raised * 10_000n) / o.minTotal) / 100);
  return {
    towardMinimum,
    minimumReached,
    soldPercent: percent(o.sold, o.amount),
    totalValue: o.amount * o.pricePerUnit,
    remaining: o.amount > o.sold ? o.amount - o.sold : 0n,
  };
}

/** "2 d 3 h left", "4 h 10 min left", "59 s left", or "ended". */
export function countdown(deadlineMs: bigint, nowMs: number): string {
  const left = Number(deadlineMs) - nowMs;
  if (left <= 0) return 'ended';
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d} d ${h} h left`;
  if (h > 0) return `${h} h ${m} min left`;
  if (m > 0) return `${m} min ${s % 60} s left`;
  return `${s} s left`;
}

/** What a visitor reads for an offering's state at `nowMs`. */
export function offeringStateText(o: OfferingLike, nowMs: number): string {
  if (o.status === 'Settled') return 'Settled: the tokens were delivered and the issuer was paid.';
  if (o.status === 'Failed') return 'Failed: the minimum was not raised; subscribers can take a refund.';
  const ended = Number(o.deadline) <= nowMs;
  const p = offeringProgress(o);
  if (o.sold >= o.amount) return 'Sold out: waiting for settlement.';
  if (ended) return p.minimumReached ? 'Deadline passed with the minimum raised: waiting for settlement.' : 'Deadline passed without the minimum: it will fail and refund.';
  return p.minimumReached ? 'Open: the minimum is raised.' : 'Open: the minimum is not raised yet.';
}

/**
 * Whether "Settle" is offered: an open offering that closed (deadline passed or sold out).
 * Anyone may settle; the dry run decides (e.g. the issuer is restrained).
 */
export function canOfferSettle(o: OfferingLike, nowMs: number): boolean {
  return o.status === 'Open' && (Number(o.deadline) <= nowMs || o.sold >= o.amount);
}

/**
 * Whether "Refund" is offered to a subscriber: a payment not delivered, of an offering that
 * failed (or was cancelled), closed below its minimum, or settled without delivering to him.
 */
export function canOfferRefund(o: OfferingLike, sub: { paid: bigint; delivered: boolean } | undefined, nowMs: number): boolean {
  if (!sub || sub.delivered || sub.paid === 0n) return false;
  if (o.status === 'Failed' || o.status === 'Settled') return true;
  return Number(o.deadline) <= nowMs && o.raised < o.minTotal;
}

/** What a subscriber reads about his own subscription to an offering in `status`. */
export function subscriptionText(
  sub: { amount: bigint; paid: bigint; delivered: boolean },
  status: OfferingLike['status'],
  fmt: { units: (v: bigint) => string; money: (v: bigint) => string },
): string {
  if (sub.delivered) return `You bought ${fmt.units(sub.amount)}: delivered, and your payment went to the issuer.`;
  if (sub.paid === 0n) return `Your subscription of ${fmt.units(sub.amount)} was refunded.`;
  const what = `${fmt.units(sub.amount)} for ${fmt.money(sub.paid)}`;
  if (status === 'Open') return `Your subscription: ${what}, in escrow until the offering settles.`;
  return `Your subscription: ${what}, not delivered (refund it from a failed offering).`;
}
