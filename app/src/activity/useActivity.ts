import { useEffect, useState } from 'react';
import { useChain } from '../components/ChainContext';
import { NETWORK } from '../network';
import { chainScanFor } from './chainScan';
import type { ActivityEvent, WatchedContract } from './types';

export interface ActivityState {
  events: ActivityEvent[] | undefined;
  error?: string;
  /** How long the first history read took (ms). */
  scanMs?: number;
}

/** The deployment's first block, from the manifest (1 for a manifest that does not say). */
export function firstBlock(): number {
  return NETWORK.ok ? (NETWORK.manifest.first_block ?? 1) : 1;
}

/** The history of `contracts`, kept up to date with each new block. */
export function useActivity(contracts: readonly WatchedContract[]): ActivityState {
  const chain = useChain();
  const [state, setState] = useState<ActivityState>({ events: undefined });
  const key = contracts.map((c) => `${c.kind}:${c.address}`).join(',');
  useEffect(() => {
    if (chain.status !== 'connected' || key === '') return;
    const watched = key.split(',').map((k) => {
      const [kind, address] = k.split(':') as [WatchedContract['kind'], string];
      return { kind, address };
    });
    const source = chainScanFor(chain.client, firstBlock());
    let alive = true;
    let stop: (() => void) | undefined;
    const started = performance.now();
    source.history(watched).then(
      (events) => {
        if (!alive) return;
        setState({ events, scanMs: Math.round(performance.now() - started) });
        stop = source.follow(watched, (fresh) => alive && setState((s) => ({ ...s, events: [...(s.events ?? []), ...fresh] })));
      },
      (e: unknown) => alive && setState({ events: undefined, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
      stop?.();
    };
  }, [chain, key]);
  return state;
}
