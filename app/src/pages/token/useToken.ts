import { useCallback, useEffect, useRef, useState } from 'react';
import { useChain, useContractEvents } from '../../components/ChainContext';
import { TokenApi, type PersonalTokenSubscription } from '../../contracts/token';
import type { Loaded } from './loaded';

/** Reads the token (verified through the registry) and, for the selected account, his part. */
export function useToken(address: string, who: string | undefined) {
  const chain = useChain();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [reload, setReload] = useState(0);
  // Kept across reloads: the open dialogs' dry runs depend on it.
  const apiRef = useRef<TokenApi | undefined>(undefined);
  const registry = chain.status === 'connected' ? chain.registry : undefined;

  useEffect(() => {
    if (!registry || chain.status !== 'connected') return;
    let alive = true;
    (async () => {
      const kept = apiRef.current;
      const api = kept && kept.address === address && kept.client === chain.client ? kept : await TokenApi.openVerified(chain.client, registry, address, chain.chain.ss58Prefix);
      apiRef.current = api;
      const summary = await api.summary();
      const [assets, offerings, requests] = await Promise.all([api.assets(0n, 20), api.offerings(summary.offeringCount), api.requests(20)]);
      let mine: Loaded['mine'];
      if (who) {
        const balance = await api.balanceOf(who);
        const subscriptions = new Map<bigint, PersonalTokenSubscription>();
        for (const { id } of offerings) {
          const sub = await api.subscription(id, who);
          if (sub.amount > 0n) subscriptions.set(id, sub);
        }
        mine = { account: who, balance, subscriptions };
      }
      if (alive) setData({ api, summary, assets, offerings, requests, mine });
    })().catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [registry, address, chain, who, reload]);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  // Any event of this token (a transfer, a request's step, an offering, a disclosure) re-reads it.
  useContractEvents([address], refresh);
  return { data, error, refresh, connected: registry !== undefined };
}

