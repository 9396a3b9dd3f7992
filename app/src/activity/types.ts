// The activity of the suite's contracts: what a feed, a chart or a holders list is built from.
// Pages use only `ActivitySource`; today's implementation scans the chain (chainScan.ts), and
// an indexer can replace it later without touching the pages.

/** One event a contract emitted. */
export interface ActivityEvent {
  block: number;
  /** The event's position in its block's events (with `block`, a stable order and key). */
  index: number;
  /** The block's timestamp (ms since epoch). */
  at: bigint;
  /** The emitting contract (SS58). */
  contract: string;
  /** The event's name in the contract's metadata (`Transfer`, `TransferExecuted`, ...). */
  name: string;
  data: Record<string, unknown>;
}

/** A contract whose events are wanted, and which metadata decodes them. */
export interface WatchedContract {
  address: string;
  kind: 'personal_token' | 'payout_splitter' | 'registry' | 'governance';
}

export interface ActivitySource {
  /** Every event of `contracts` from the deployment's first block to the best block, oldest first. */
  history(contracts: readonly WatchedContract[]): Promise<ActivityEvent[]>;
  /** Calls `onEvents` with the events of `contracts` in each new block. Returns the unsubscribe. */
  follow(contracts: readonly WatchedContract[], onEvents: (events: ActivityEvent[]) => void): () => void;
}
