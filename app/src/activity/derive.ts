// What pages show from the suite's activity: a token's price history, its holders, the feed's
// sentences, and the events that concern one account. Pure, unit-tested; the events come from an `ActivitySource`.

import type { ActivityEvent } from './types';

type AccountLike = { address(prefix?: number): string };

/** Formatters the sentences use. */
export interface ActivityFormat {
  units: (v: bigint) => string;
  money: (v: bigint) => string;
  account: (a: AccountLike) => string;
}

export interface PricePoint {
  block: number;
  index: number;
  at: bigint;
  /** Planck per whole token (10^decimals units), rounded down. */
  pricePerToken: bigint;
  /** The whole supply at that price, rounded down (the contract's implied valuation). */
  valuation: bigint;
  source: 'sale' | 'first refusal' | 'offering';
}

const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));

/**
 * Every price the token traded at: executed sales and first refusals (amount for price), and
 * settled offerings (sold for raised), oldest first. A gift (price 0) is not a price.
 */
export function pricePoints(events: readonly ActivityEvent[], token: { decimals: number; supply: bigint }): PricePoint[] {
  const scale = 10n ** BigInt(token.decimals);
  const out: PricePoint[] = [];
  for (const e of events) {
    let amount: bigint | undefined;
    let paid: bigint | undefined;
    let source: PricePoint['source'] | undefined;
    if (e.name === 'TransferExecuted' || e.name === 'FirstRefusalExercised') {
      amount = big(e.data.amount);
      paid = big(e.data.price);
      source = e.name === 'TransferExecuted' ? 'sale' : 'first refusal';
    } else if (e.name === 'OfferingSettled') {
      amount = big(e.data.sold);
      paid = big(e.data.raised);
      source = 'offering';
    }
    if (source === undefined || amount === undefined || paid === undefined || amount === 0n || paid === 0n) continue;
    out.push({ block: e.block, index: e.index, at: e.at, pricePerToken: (paid * scale) / amount, valuation: (paid * token.supply) / amount, source });
  }
  return out;
}

/** Balances rebuilt from the token's `Transfer` events (mint: no `from`; burn: no `to`), largest first. */
export function holdersFrom(events: readonly ActivityEvent[], account: (a: AccountLike) => string): Array<{ account: string; balance: bigint }> {
  const balances = new Map<string, bigint>();
  for (const e of events) {
    if (e.name !== 'Transfer') continue;
    const value = big(e.data.value);
    const from = e.data.from as AccountLike | undefined;
    const to = e.data.to as AccountLike | undefined;
    if (from) balances.set(account(from), (balances.get(account(from)) ?? 0n) - value);
    if (to) balances.set(account(to), (balances.get(account(to)) ?? 0n) + value);
  }
  return [...balances.entries()]
    .filter(([, b]) => b !== 0n)
    .map(([a, balance]) => ({ account: a, balance }))
    .sort((x, y) => (x.balance === y.balance ? x.account.localeCompare(y.account) : x.balance > y.balance ? -1 : 1));
}

/** The feed's sentence for one event. */
export function describeEvent(e: ActivityEvent, f: ActivityFormat): string {
  const d = e.data;
  const acct = (k: string) => f.account(d[k] as AccountLike);
  const n = (k: string) => big(d[k]);
  switch (e.name) {
    case 'Transfer':
      if (!d.from) return `${f.units(n('value'))} issued to ${acct('to')}`;
      if (!d.to) return `${f.units(n('value'))} burned by ${acct('from')}`;
      return `${f.units(n('value'))} moved from ${acct('from')} to ${acct('to')}`;
    case 'TransferRequested':
      return `Sale request #${n('id')}: ${acct('seller')} offers ${f.units(n('amount'))} to ${acct('buyer')} for ${f.money(n('price'))}`;
    case 'RequestFunded':
      return `Sale request #${n('id')}: ${f.money(n('price'))} paid into escrow`;
    case 'FundingWithdrawn':
      return `Sale request #${n('id')}: the buyer took back ${f.money(n('price'))}`;
    case 'TransferApproved':
      return `Sale request #${n('id')} approved`;
    case 'TransferExecuted':
      return `Sale request #${n('id')} executed: ${f.units(n('amount'))} from ${acct('seller')} to ${acct('buyer')} for ${f.money(n('price'))}`;
    case 'TransferRejected':
      return `Sale request #${n('id')} rejected${d.reason ? `: “${String(d.reason)}”` : ''}`;
    case 'FirstRefusalExercised':
      return `Sale request #${n('id')}: the issuer bought the ${f.units(n('amount'))} first, for ${f.money(n('price'))}`;
    case 'RequestCancelled':
      return `Sale request #${n('id')} cancelled by ${acct('by')}`;
    case 'OfferingOpened':
      return `Offering #${n('id')} opened: ${f.units(n('amount'))}, minimum raise ${f.money(n('minTotal'))}`;
    case 'Subscribed':
      return `Offering #${n('id')}: ${acct('subscriber')} bought ${f.units(n('amount'))} for ${f.money(n('paid'))}`;
    case 'OfferingSettled':
      return `Offering #${n('id')} settled: ${f.units(n('sold'))} sold for ${f.money(n('raised'))}`;
    case 'OfferingFailed':
      return `Offering #${n('id')} failed with ${f.money(n('raised'))} raised: subscribers are refunded`;
    case 'SubscriptionRefunded':
      return `Offering #${n('id')}: ${acct('subscriber')} took back ${f.money(n('amount'))}`;
    case 'AssetDisclosed':
      return `Asset #${n('id')} disclosed (${String(d.kind)}), estimated at ${f.money(n('estimatedValue'))}`;
    case 'AssetRevalued':
      return `Asset #${n('id')} revalued from ${f.money(n('previousValue'))} to ${f.money(n('newValue'))}`;
    case 'LiquidationReported':
      return `Asset #${n('assetId')} sold for ${f.money(n('grossProceeds'))}: ${f.money(n('holdersShare'))} paid to the holders`;
    case 'Distributed':
      return `${f.money(n('amount'))} distributed to the holders`;
    case 'Claimed':
      return `${acct('holder')} claimed ${f.money(n('amount'))}`;
    case 'Frozen':
      return 'The token was frozen';
    case 'Unfrozen':
      return 'The token was unfrozen';
    default:
      return describeSuiteEvent(e, f);
  }
}

/** Sentences for governance's and the registry's events (disputes, proposals, membership). */
function describeSuiteEvent(e: ActivityEvent, f: ActivityFormat): string {
  const d = e.data;
  const acct = (k: string) => f.account(d[k] as AccountLike);
  const n = (k: string) => big(d[k]);
  switch (e.name) {
    case 'DisputeOpened':
      return `Dispute #${n('dispute')}: ${acct('claimant')} accuses ${acct('accused')} (${String(d.kind)})`;
    case 'Evidence':
      return `Dispute #${n('dispute')}: evidence from ${acct('party')}`;
    case 'VoteCommitted':
      return `Dispute #${n('dispute')}: ${acct('juror')} committed a secret vote`;
    case 'VoteRevealed':
      return `Dispute #${n('dispute')}: ${acct('juror')} revealed a vote to ${d.vote ? 'uphold' : 'dismiss'}`;
    case 'Appealed':
      return `Dispute #${n('dispute')} appealed by ${acct('appellant')} with a bond of ${f.money(n('bond'))}`;
    case 'RulingExecuted':
      return `Dispute #${n('dispute')}: the ruling (${String(d.ruling)}) was executed${d.enforced ? '' : '; its remedy did not apply'}`;
    case 'RecoveryContested':
      return `Dispute #${n('dispute')}: ${acct('lost')} contested the recovery`;
    case 'JurorRewardClaimed':
      return `Dispute #${n('dispute')}: ${acct('juror')} claimed a juror reward of ${f.money(n('amount'))}`;
    case 'ProposalCreated':
      return `Proposal #${n('proposal')} made by ${acct('proposer')}`;
    case 'Voted':
      return `Proposal #${n('proposal')}: ${acct('voter')} voted ${d.support ? 'for' : 'against'}`;
    case 'Vetoed':
      return `Proposal #${n('proposal')}: ${acct('member')} vetoed it${d.stopped ? ', and it is stopped' : ''}`;
    case 'ProposalCancelled':
      return `Proposal #${n('proposal')} cancelled by its proposer`;
    case 'ProposalExecuted':
      return `Proposal #${n('proposal')} executed`;
    case 'ParamsChanged':
      return 'The parameters changed';
    case 'TreasuryGranted':
    case 'TreasuryWithdrawn':
      return `${f.money(n('amount'))} paid from the treasury to ${acct('to')}`;
    case 'Applied':
      return `${acct('candidate')} applied for membership with a bond of ${f.money(n('bond'))}`;
    case 'Vouched':
      return `${acct('voucher')} vouched for ${acct('candidate')}`;
    case 'ApplicationWithdrawn':
      return `${acct('candidate')} withdrew the application`;
    case 'MemberAdmitted':
      return `${acct('member')} was admitted`;
    case 'VouchReleased':
      return `${acct('voucher')} took back the vouch for ${acct('subject')}`;
    case 'TokenLaunched':
      return `${acct('member')} launched a token`;
    case 'MemberSuspended':
      return `${acct('member')} was suspended`;
    case 'MemberReinstated':
      return `${acct('member')} was reinstated`;
    case 'MemberExpelled':
      return `${acct('member')} was expelled`;
    case 'VoucherPenalised':
      return `${acct('voucher')} lost the vouch bond for ${acct('member')}`;
    case 'Resigned':
      return `${acct('member')} resigned`;
    case 'ResignationCompleted':
      return `${acct('member')} completed the resignation`;
    default:
      return e.name;
  }
}

export interface PayoutBar {
  block: number;
  index: number;
  at: bigint;
  /** What the splitter distributed to all holders. */
  amount: bigint;
  /** The outstanding supply it was shared over. */
  outstanding: bigint;
  /** The holder's balance then. */
  balance: bigint;
  /** His part: `floor(amount × balance / outstanding)`. */
  share: bigint;
}

export interface PayoutHistory {
  bars: PayoutBar[];
  claims: Array<{ block: number; index: number; at: bigint; amount: bigint }>;
  totalShare: bigint;
  totalClaimed: bigint;
}

/**
 * A holder's payouts from a token's and its splitter's events, oldest first: each `Distributed`
 * with his balance at that moment (rebuilt from the token's `Transfer`s before it) and his part
 * of it, and each of his `Claimed`. `holder` and `account` use the same address format.
 */
export function payoutHistory(events: readonly ActivityEvent[], token: string, splitter: string, holder: string, account: (a: AccountLike) => string): PayoutHistory {
  let balance = 0n;
  const out: PayoutHistory = { bars: [], claims: [], totalShare: 0n, totalClaimed: 0n };
  for (const e of events) {
    if (e.contract === token && e.name === 'Transfer') {
      const from = e.data.from as AccountLike | undefined;
      const to = e.data.to as AccountLike | undefined;
      const value = big(e.data.value);
      if (from && account(from) === holder) balance -= value;
      if (to && account(to) === holder) balance += value;
    } else if (e.contract === splitter && e.name === 'Distributed') {
      const amount = big(e.data.amount);
      const outstanding = big(e.data.outstanding);
      const share = outstanding > 0n ? (amount * balance) / outstanding : 0n;
      out.bars.push({ block: e.block, index: e.index, at: e.at, amount, outstanding, balance, share });
      out.totalShare += share;
    } else if (e.contract === splitter && e.name === 'Claimed' && account(e.data.holder as AccountLike) === holder) {
      const amount = big(e.data.amount);
      out.claims.push({ block: e.block, index: e.index, at: e.at, amount });
      out.totalClaimed += amount;
    }
  }
  return out;
}

/** "4 Dec: 200,000 UNIT distributed; you held 2% of the outstanding tokens (20,000 of 1,000,000 BOB) → 2% of 200,000 UNIT = 4,000 UNIT". */
export function payoutBarText(bar: PayoutBar, f: { units: (v: bigint) => string; money: (v: bigint) => string; date: (ms: bigint) => string; percent: (part: bigint, whole: bigint) => string }): string {
  const pct = f.percent(bar.balance, bar.outstanding);
  return `${f.date(bar.at)}: ${f.money(bar.amount)} distributed; you held ${pct}% of the outstanding tokens (${f.units(bar.balance)} of ${f.units(bar.outstanding)}) → ${pct}% of ${f.money(bar.amount)} = ${f.money(bar.share)}`;
}

export type PayoutEntry = { kind: 'share'; bar: PayoutBar } | { kind: 'claim'; claim: PayoutHistory['claims'][number] };

/** Distributions and claims in the order they happened. */
export function payoutEntries(h: PayoutHistory): PayoutEntry[] {
  const entries: PayoutEntry[] = [...h.bars.map((bar) => ({ kind: 'share' as const, bar })), ...h.claims.map((claim) => ({ kind: 'claim' as const, claim }))];
  const pos = (e: PayoutEntry) => (e.kind === 'share' ? [e.bar.block, e.bar.index] : [e.claim.block, e.claim.index]);
  return entries.sort((x, y) => {
    const [bx = 0, ix = 0] = pos(x);
    const [by = 0, iy = 0] = pos(y);
    return bx - by || ix - iy;
  });
}

/** What a splitter distributed in all and what its holders claimed of it (the rest is unclaimed). */
export function distributionTotals(events: readonly ActivityEvent[], splitter: string): { distributed: bigint; claimed: bigint; unclaimed: bigint } {
  let distributed = 0n;
  let claimed = 0n;
  for (const e of events) {
    if (e.contract !== splitter) continue;
    if (e.name === 'Distributed') distributed += big(e.data.amount);
    if (e.name === 'Claimed') claimed += big(e.data.amount);
  }
  return { distributed, claimed, unclaimed: distributed - claimed };
}

const REQUEST_EVENTS = new Set(['TransferRequested', 'RequestFunded', 'FundingWithdrawn', 'TransferApproved', 'TransferExecuted', 'TransferRejected', 'FirstRefusalExercised', 'RequestCancelled']);
const OFFERING_EVENTS = new Set(['OfferingOpened', 'Subscribed', 'OfferingSettled', 'OfferingFailed', 'SubscriptionRefunded']);

const isAccount = (v: unknown): v is AccountLike => typeof v === 'object' && v !== null && typeof (v as AccountLike).address === 'function';

/**
 * The events that concern `account`, oldest first: every event naming him (a sender, receiver,
 * seller, buyer, subscriber, holder, party, juror, proposer, voter, member, ...), and the later
 * events of what he is party to that carry only its id (his sale requests' approval, rejection
 * and execution, the offerings he subscribed to, his disputes' rulings, his proposals' end).
 */
export function accountActivity(events: readonly ActivityEvent[], account: string, addr: (a: AccountLike) => string): ActivityEvent[] {
  const mine = new Set<string>(); // `${contract}/${kind}#${id}`
  const idOf = (e: ActivityEvent): string | undefined => {
    const d = e.data;
    if (d.dispute !== undefined) return `${e.contract}/dispute#${big(d.dispute)}`;
    if (d.proposal !== undefined) return `${e.contract}/proposal#${big(d.proposal)}`;
    if (d.id === undefined) return undefined;
    const kind = REQUEST_EVENTS.has(e.name) ? 'request' : OFFERING_EVENTS.has(e.name) ? 'offering' : undefined;
    return kind && `${e.contract}/${kind}#${big(d.id)}`;
  };
  return events.filter((e) => {
    const accounts = Object.values(e.data).filter(isAccount);
    const named = accounts.some((v) => addr(v) === account);
    const id = idOf(e);
    if (named && id) mine.add(id);
    // Followed by id only when the event names nobody (approved, settled, executed, ...): not
    // another subscriber's subscription or another juror's vote.
    return named || (id !== undefined && accounts.length === 0 && mine.has(id));
  });
}

/** Which token an event is about, for a feed across tokens: "$BOB" for the token's own events,
 *  "$BOB payouts" for its splitter's; undefined for governance and the registry. */
export function sourceLabel(contract: string, tokens: ReadonlyMap<string, { label: string; splitter: string | undefined }>): string | undefined {
  const own = tokens.get(contract);
  if (own) return own.label;
  for (const t of tokens.values()) if (t.splitter === contract) return `${t.label} payouts`;
  return undefined;
}
