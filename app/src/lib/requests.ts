// Sale requests: what the viewer may do with one, and its words. Pure, unit-tested.
// The contract still decides: every action goes through a dry run first.

export type RequestStatus = 'Pending' | 'Approved' | 'Executed' | 'Rejected' | 'Cancelled' | 'Preempted';

export interface RequestLike {
  seller: string;
  buyer: string;
  price: bigint;
  funded: boolean;
  status: RequestStatus;
  decisionDeadline: bigint;
  settlementDeadline: bigint;
}

export type RequestAction = 'fund' | 'withdraw-funding' | 'cancel';

export function isOpen(status: RequestStatus): boolean {
  return status === 'Pending' || status === 'Approved';
}

/** The viewer's role in a request. */
export function roleOf(r: RequestLike, viewer: string): 'seller' | 'buyer' | undefined {
  if (r.seller === viewer) return 'seller';
  if (r.buyer === viewer) return 'buyer';
  return undefined;
}

/**
 * The actions offered to `viewer`: the buyer funds an unpaid open request (exact price) or takes
 * a payment back; the seller cancels an open request before approval; after the settlement
 * deadline either party may cancel.
 */
export function requestActions(r: RequestLike, viewer: string | undefined, nowMs: number): RequestAction[] {
  if (!viewer || !isOpen(r.status)) return [];
  const role = roleOf(r, viewer);
  if (!role) return [];
  const out: RequestAction[] = [];
  const expired = Number(r.settlementDeadline) <= nowMs;
  if (role === 'buyer' && !r.funded && r.price > 0n && !expired) out.push('fund');
  if (role === 'buyer' && r.funded) out.push('withdraw-funding');
  if ((role === 'seller' && (r.status === 'Pending' || expired)) || (role === 'buyer' && expired)) out.push('cancel');
  return out;
}

/** "Pending, paid into escrow; the issuer decides by …; settles by …". */
export function requestStateText(r: RequestLike, formatDate: (ms: bigint) => string): string {
  if (!isOpen(r.status)) return `${r.status}.`;
  const paid = r.price === 0n ? 'a gift (no payment)' : r.funded ? 'paid into escrow' : 'not paid yet';
  const decision = r.status === 'Pending' ? `; the issuer decides by ${formatDate(r.decisionDeadline)}` : '';
  return `${r.status}, ${paid}${decision}; settles by ${formatDate(r.settlementDeadline)}.`;
}
