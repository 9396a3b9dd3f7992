// In-app notices for one account, from the suite's events (no push service): a sale request of
// his was approved, executed, rejected or pre-empted; a payout reached a token he holds; a vote
// he committed must be revealed before the reveal window ends; a proposal he may vote on is open. A per-account "seen" marker
// (the newest notice seen) tells which are new. Pure, unit-tested.

import type { ActivityEvent } from '../activity/types';

type AccountLike = { address(prefix?: number): string };

export interface Notice {
  /** `block-index` of the event behind it: stable, ordered. */
  key: string;
  block: number;
  index: number;
  at: bigint;
  text: string;
  /** Where to look (a hash route). */
  href: string;
}

export interface NoticeContext {
  account: string;
  /** Formats an event's account in the app's format. */
  addr: (a: AccountLike) => string;
  /** Token address → its label ($BOB) and its splitter address. */
  tokens: ReadonlyMap<string, { label: string; splitter: string | undefined }>;
  governance: string;
  money: (v: bigint) => string;
  date: (ms: bigint) => string;
  /** The dispute's reveal deadline, when it is still in its commit or reveal phase. */
  revealBy: (dispute: bigint) => bigint | undefined;
  /** The proposal's voting end, when it is still voting and the account may vote and has not. */
  voteBy: (proposal: bigint) => bigint | undefined;
}

const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));

export function noticesFor(events: readonly ActivityEvent[], c: NoticeContext): Notice[] {
  const out: Notice[] = [];
  const mine = new Map<string, { role: 'seller' | 'buyer' }>(); // `${token}#${id}` → role
  const splitters = new Map<string, string>(); // splitter → token label
  for (const [, t] of c.tokens) if (t.splitter) splitters.set(t.splitter, t.label);
  const balances = new Map<string, bigint>(); // token → the account's balance
  const push = (e: ActivityEvent, text: string, href: string) => out.push({ key: `${e.block}-${e.index}`, block: e.block, index: e.index, at: e.at, text, href });
  for (const e of events) {
    const token = c.tokens.get(e.contract);
    if (token) {
      const id = e.data.id === undefined ? undefined : big(e.data.id);
      const req = id === undefined ? undefined : mine.get(`${e.contract}#${id}`);
      const href = `#/token/${e.contract}`;
      switch (e.name) {
        case 'Transfer': {
          const value = big(e.data.value);
          const from = e.data.from as AccountLike | undefined;
          const to = e.data.to as AccountLike | undefined;
          const b = balances.get(e.contract) ?? 0n;
          if (from && c.addr(from) === c.account) balances.set(e.contract, b - value);
          if (to && c.addr(to) === c.account) balances.set(e.contract, (balances.get(e.contract) ?? 0n) + value);
          break;
        }
        case 'TransferRequested': {
          const seller = c.addr(e.data.seller as AccountLike);
          const buyer = c.addr(e.data.buyer as AccountLike);
          if (seller === c.account) mine.set(`${e.contract}#${id}`, { role: 'seller' });
          else if (buyer === c.account) mine.set(`${e.contract}#${id}`, { role: 'buyer' });
          if (buyer === c.account) push(e, `${token.label}: ${seller} offers to sell you ${token.label} for ${c.money(big(e.data.price))} (request #${id}).`, '#/portfolio');
          break;
        }
        case 'TransferApproved':
          if (req) push(e, `${token.label}: your sale request #${id} was approved.`, '#/portfolio');
          break;
        case 'TransferExecuted':
          if (req) push(e, `${token.label}: your sale request #${id} was executed: ${req.role === 'seller' ? 'you were paid' : 'the tokens are yours'}.`, href);
          break;
        case 'TransferRejected':
          if (req) push(e, `${token.label}: your sale request #${id} was rejected${e.data.reason ? `: “${String(e.data.reason)}”` : ''}.`, '#/portfolio');
          break;
        case 'FirstRefusalExercised':
          if (req) push(e, `${token.label}: the issuer bought the tokens of your sale request #${id} first.`, '#/portfolio');
          break;
      }
      continue;
    }
    const label = splitters.get(e.contract);
    if (label && e.name === 'Distributed') {
      const tokenAddress = [...c.tokens].find(([, t]) => t.splitter === e.contract)?.[0];
      if (tokenAddress && (balances.get(tokenAddress) ?? 0n) > 0n) push(e, `${label}: ${c.money(big(e.data.amount))} was distributed to the holders: a payout is claimable.`, '#/portfolio');
      continue;
    }
    if (e.contract === c.governance && e.name === 'VoteCommitted' && c.addr(e.data.juror as AccountLike) === c.account) {
      const dispute = big(e.data.dispute);
      const until = c.revealBy(dispute);
      if (until !== undefined) push(e, `Dispute #${dispute}: you must reveal your vote before ${c.date(until)}, or lose your deposit.`, `#/dispute/${dispute}`);
    }
    if (e.contract === c.governance && e.name === 'ProposalCreated') {
      const proposal = big(e.data.proposal);
      const until = c.voteBy(proposal);
      if (until !== undefined) push(e, `Proposal #${proposal} is open: members vote until ${c.date(until)}, and you have not voted.`, `#/proposal/${proposal}`);
    }
  }
  return out.reverse(); // newest first
}

/** The notices newer than the one the account saw last (`seen` is its key, "block-index"). */
export function unseen(notices: readonly Notice[], seen: string | undefined): Notice[] {
  if (!seen) return [...notices];
  const [b = 0, i = 0] = seen.split('-').map(Number);
  return notices.filter((n) => n.block > b || (n.block === b && n.index > i));
}

const seenKey = (account: string) => `personal-tokens/notices-seen/${account}`;

export function loadSeen(store: Pick<Storage, 'getItem'>, account: string): string | undefined {
  return store.getItem(seenKey(account)) ?? undefined;
}

export function markSeen(store: Pick<Storage, 'setItem'>, account: string, notices: readonly Notice[]): void {
  const newest = notices[0];
  if (newest) store.setItem(seenKey(account), newest.key);
}
