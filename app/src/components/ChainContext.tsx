import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AccountId32 } from 'dedot/codecs';
import { emittedByAny, type EventRecordLike } from '../lib/events';
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

/**
 * Subscribes with `subscribe` and calls `onValue` from the second delivery on: a storage
 * subscription first delivers the current block's value, which the page has already read (and,
 * on a chain that seals blocks only on demand, would deliver again on every re-subscription).
 * Returns the cleanup for an effect.
 */
function afterFirstDelivery<T>(subscribe: (cb: (v: T) => void) => Promise<() => Promise<void>>, onValue: (v: T) => void): () => void {
  let alive = true;
  let unsubscribe: (() => Promise<void>) | undefined;
  let first = true;
  subscribe((v) => {
    if (first) {
      first = false;
      return;
    }
    if (alive) onValue(v);
  })
    .then((unsub) => {
      if (alive) unsubscribe = unsub;
      else void unsub();
    })
    .catch(() => undefined);
  return () => {
    alive = false;
    void unsubscribe?.();
  };
}

/**
 * Calls `onEvent` whenever a new block holds an event emitted by one of `addresses` (SS58),
 * whoever caused it: the page's figures follow the chain without a reload.
 */
export function useContractEvents(addresses: readonly string[], onEvent: () => void): void {
  const chain = useChain();
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const key = [...addresses].sort().join(',');
  useEffect(() => {
    if (chain.status !== 'connected' || key === '') return;
    const watched = new Set(key.split(',').map((a) => new AccountId32(a).raw.toLowerCase()));
    return afterFirstDelivery(
      (cb) => chain.client.query.system.events(cb),
      (records) => {
        if (emittedByAny(records as unknown as EventRecordLike[], watched)) callback.current();
      },
    );
  }, [chain, key]);
}

/**
 * Calls `onBlock` on each new block while `enabled` (a page whose state moves with time, like a
 * dispute's phase, re-reads it: the chain's time advances block by block).
 */
export function useEachBlock(enabled: boolean, onBlock: () => void): void {
  const chain = useChain();
  const callback = useRef(onBlock);
  callback.current = onBlock;
  useEffect(() => {
    if (chain.status !== 'connected' || !enabled) return;
    return afterFirstDelivery(
      (cb) => chain.client.query.system.number(cb),
      () => callback.current(),
    );
  }, [chain, enabled]);
}

/**
 * Formats planck in the chain's unit (symbol and decimals from the chain's properties), to 4
 * decimals; `exact` shows every digit (amounts the user checks against the chain to the planck).
 */
export function useMoney(opts: { exact?: boolean } = {}): (v: bigint) => string {
  const s = useChain();
  const exact = opts.exact ?? false;
  return useMemo(() => {
    if (s.status !== 'connected') return (v: bigint) => `${v} planck`;
    const { decimals, symbol } = s.chain;
    return (v: bigint) => formatAmount(v, { decimals, symbol, maxFractionDigits: exact ? undefined : 4 });
  }, [s, exact]);
}
