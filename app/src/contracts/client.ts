// The chain connection: dedot's legacy JSON-RPC client (pallet-contracts nodes), the chain's
// token symbol/decimals from its properties, and the contract metadata loaded on demand (the
// ABIs are large: they are split out of the initial bundle).

import { DedotClient, WsProvider } from 'dedot';
import type { LooseContractMetadata } from 'dedot/contracts';

export type Client = DedotClient;

export interface ChainInfo {
  name: string;
  symbol: string;
  decimals: number;
  ss58Prefix: number;
}

export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'unreachable'; error: string }
  | { type: 'connected'; client: Client; chain: ChainInfo }
  | { type: 'disconnected' };

/** Words for what the provider emitted: a WebSocket error is a bare Event, not an Error. */
export function describeConnectionError(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  // A socket error arrives as a bare Event, or as an Error whose message is "[object Event]".
  if (text && !/^\[object \w+\]$/.test(text)) return text;
  return 'the connection was refused or closed';
}

/** Connects to `url`, reporting through `onEvent`; retries while the node is unreachable. */
export function connect(url: string, onEvent: (e: ConnectionEvent) => void): () => void {
  let closed = false;
  const provider = new WsProvider({ endpoint: url, retryDelayMs: 3000, timeout: 30_000 });
  provider.on('error', (e: unknown) => {
    if (!closed) onEvent({ type: 'unreachable', error: describeConnectionError(e) });
  });
  provider.on('disconnected', () => {
    if (!closed) onEvent({ type: 'disconnected' });
  });
  onEvent({ type: 'connecting' });
  let client: Client | undefined;
  // No staling detection: it reconnects after 30 s without a new block, which on a node that
  // seals blocks on demand (a local substrate-contracts-node) is every quiet half minute, and
  // it only serves to switch between several endpoints (the app has one).
  DedotClient.legacy({ provider, stalingDetectionTimeout: 0 })
    .then(async (c) => {
      client = c;
      if (closed) return void c.disconnect();
      const props = await c.chainSpec.properties();
      const first = <T,>(v: T | T[] | undefined, d: T): T => (Array.isArray(v) ? (v[0] ?? d) : (v ?? d));
      const chain: ChainInfo = {
        name: await c.chainSpec.chainName(),
        symbol: first(props.tokenSymbol, 'UNIT'),
        decimals: first(props.tokenDecimals, 12),
        ss58Prefix: typeof props.ss58Format === 'number' ? props.ss58Format : 42,
      };
      if (!closed) onEvent({ type: 'connected', client: c, chain });
    })
    .catch((e: unknown) => {
      if (!closed) onEvent({ type: 'unreachable', error: describeConnectionError(e) });
    });
  return () => {
    closed = true;
    if (client) void client.disconnect();
    else void provider.disconnect().catch(() => undefined);
  };
}

const metadataCache = new Map<string, Promise<LooseContractMetadata>>();

export type ContractName = 'registry' | 'personal_token' | 'payout_splitter' | 'governance';

/** The contract's metadata (ABI), from artifacts/<name>/<name>.json, fetched once as its own chunk. */
export function loadMetadata(name: ContractName): Promise<LooseContractMetadata> {
  let p = metadataCache.get(name);
  if (!p) {
    const loaders: Record<ContractName, () => Promise<{ default: unknown }>> = {
      registry: () => import('../../../artifacts/registry/registry.json'),
      personal_token: () => import('../../../artifacts/personal_token/personal_token.json'),
      payout_splitter: () => import('../../../artifacts/payout_splitter/payout_splitter.json'),
      governance: () => import('../../../artifacts/governance/governance.json'),
    };
    p = loaders[name]().then((m) => m.default as LooseContractMetadata);
    metadataCache.set(name, p);
  }
  return p;
}

type Weight = { refTime: bigint; proofSize: bigint };

/**
 * One contract message ready for the confirm step: its dry run as a caller, and the
 * transaction with the gas the dry run measured (see components/WriteDialog.tsx).
 */
export interface Write {
  dryRun(caller: string): Promise<{ data: unknown; raw: { gasRequired: Weight; storageDeposit: unknown }; flags: { revert: boolean } }>;
  tx(gasLimit: Weight): unknown;
}

/** An error a contract returned, already in plain words. */
export class ContractRefusal extends Error {
  override name = 'ContractRefusal';
  constructor(
    message: string,
    readonly error: unknown,
  ) {
    super(message);
  }
}

type ResultLike<T, E> = { isOk?: boolean; isErr?: boolean; value?: T; err?: E };

/** The Ok value of a message returning Result, or a ContractRefusal with `describe(err)`. */
export function unwrap<T, E>(data: ResultLike<T, E>, describe: (e: E) => string): T {
  if (data.isErr) throw new ContractRefusal(describe(data.err as E), data.err);
  return data.value as T;
}
