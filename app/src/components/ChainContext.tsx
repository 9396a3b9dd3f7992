import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { connect, type ChainInfo, type Client } from '../contracts/client';
import { RegistryApi } from '../contracts/registry';
import { formatAmount } from '../lib/amount';
import type { NetworkConfig } from '../network';

export type ChainState =
  | { status: 'no-deployment'; reason: string }
  | { status: 'connecting'; url: string }
  | { status: 'unreachable'; url: string; error: string }
  | { status: 'connected'; url: string; client: Client; chain: ChainInfo; registry: RegistryApi | undefined; registryError?: string };

const ChainCtx = createContext<ChainState>({ status: 'no-deployment', reason: 'not started' });

export function ChainProvider({ network, children }: { network: NetworkConfig; children: ReactNode }) {
  const [state, setState] = useState<ChainState>(() =>
    network.ok ? { status: 'connecting', url: network.url } : { status: 'no-deployment', reason: network.reason },
  );
  useEffect(() => {
    if (!network.ok) return;
    const { url, registry } = network;
    let alive = true;
    const stop = connect(url, (e) => {
      if (!alive) return;
      switch (e.type) {
        case 'connecting':
          setState({ status: 'connecting', url });
          break;
        case 'unreachable':
          setState((s) => (s.status === 'connected' ? s : { status: 'unreachable', url, error: e.error }));
          break;
        case 'disconnected':
          setState({ status: 'unreachable', url, error: 'the connection was lost; reconnecting' });
          break;
        case 'connected':
          setState({ status: 'connected', url, client: e.client, chain: e.chain, registry: undefined });
          RegistryApi.open(e.client, registry, e.chain.ss58Prefix).then(
            (r) => alive && setState((s) => (s.status === 'connected' ? { ...s, registry: r } : s)),
            (err: unknown) => alive && setState((s) => (s.status === 'connected' ? { ...s, registryError: String(err) } : s)),
          );
          break;
      }
    });
    return () => {
      alive = false;
      stop();
    };
  }, [network]);
  return <ChainCtx.Provider value={state}>{children}</ChainCtx.Provider>;
}

export function useChain(): ChainState {
  return useContext(ChainCtx);
}

/** Formats planck in the chain's unit (symbol and decimals from the chain's properties). */
export function useMoney(): (v: bigint) => string {
  const s = useChain();
  return useMemo(() => {
    if (s.status !== 'connected') return (v: bigint) => `${v} planck`;
    const { decimals, symbol } = s.chain;
    return (v: bigint) => formatAmount(v, { decimals, symbol, maxFractionDigits: 4 });
  }, [s]);
}
