// What the token page has read from the chain, shared by its sections.
import { useEffect, useState } from 'react';
import type { WriteAction } from '../../components/WriteDialog';
import type {
  PersonalTokenAsset,
  PersonalTokenOffering,
  PersonalTokenSubscription,
  PersonalTokenTransferRequest,
  TokenApi,
  TokenSummary,
} from '../../contracts/token';
import { formatAmount } from '../../lib/amount';

export interface Loaded {
  api: TokenApi;
  summary: TokenSummary;
  assets: Array<{ id: bigint; asset: PersonalTokenAsset }>;
  offerings: Array<{ id: bigint; offering: PersonalTokenOffering }>;
  requests: Array<{ id: bigint; request: PersonalTokenTransferRequest }>;
  /** The selected account's balance and subscriptions (by offering id), when one is selected. */
  mine?: { account: string; balance: bigint; subscriptions: Map<bigint, PersonalTokenSubscription> };
}

/** A token message behind the confirm step (token errors in words: see ActionDialog). */
export type Action = Omit<WriteAction, 'describeError'>;

/** Formats units of this token with its decimals and symbol. */
export function tokenUnits(s: TokenSummary): (v: bigint) => string {
  return (v: bigint) => formatAmount(v, { decimals: s.decimals, symbol: s.symbol });
}

/** Wall-clock time, ticking every `ms` (countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}
