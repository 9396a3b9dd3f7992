// `ActivitySource` by scanning the chain: for each block from the deployment's first block, its
// `System.Events` and timestamp, read once and kept; the contracts' `ContractEmitted` records
// are decoded with their metadata. Live: a subscription to the block number scans new blocks.

import { AccountId32 } from 'dedot/codecs';
import { Contract } from 'dedot/contracts';
import type { Client } from '../contracts/client';
import { loadMetadata } from '../contracts/client';
import { emitterOf, type EventRecordLike } from '../lib/events';
import type { ActivityEvent, ActivitySource, WatchedContract } from './types';

interface ScannedBlock {
  at: bigint;
  records: EventRecordLike[];
}

/** How many blocks are read at once. */
const CONCURRENCY = 16;

export class ChainScan implements ActivitySource {
  private readonly blocks = new Map<number, ScannedBlock>();
  private scannedTo: number;
  private scanning: Promise<void> | undefined;

  constructor(
    private readonly client: Client,
    private readonly fromBlock: number,
  ) {
    this.scannedTo = fromBlock - 1;
  }

  /** Reads every block up to the best one that is not read yet (one scan at a time). */
  private async catchUp(): Promise<void> {
    while (this.scanning) await this.scanning;
    this.scanning = (async () => {
      const best = Number(await this.client.query.system.number());
      for (let start = this.scannedTo + 1; start <= best; start += CONCURRENCY) {
        const numbers = Array.from({ length: Math.min(CONCURRENCY, best - start + 1) }, (_, i) => start + i);
        await Promise.all(numbers.map((n) => this.readBlock(n)));
        this.scannedTo = numbers[numbers.length - 1] ?? this.scannedTo;
      }
    })();
    try {
      await this.scanning;
    } finally {
      this.scanning = undefined;
    }
  }

  private async readBlock(n: number): Promise<void> {
    const hash = await this.client.rpc.chain_getBlockHash(n);
    if (!hash) return;
    const at = await this.client.at(hash);
    const [records, now] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
    this.blocks.set(n, { at: BigInt(now), records: records as unknown as EventRecordLike[] });
  }

  private async decoders(contracts: readonly WatchedContract[]) {
    const out = new Map<string, { address: string; contract: Contract }>();
    for (const c of contracts) {
      const contract = new Contract(this.client, await loadMetadata(c.kind), c.address);
      const raw = emitterKey(c.address);
      out.set(raw, { address: c.address, contract });
    }
    return out;
  }

  private eventsIn(numbers: number[], decoders: Awaited<ReturnType<ChainScan['decoders']>>): ActivityEvent[] {
    const out: ActivityEvent[] = [];
    for (const n of numbers) {
      const block = this.blocks.get(n);
      if (!block) continue;
      block.records.forEach((record, index) => {
        const from = emitterOf(record);
        const d = from ? decoders.get(from) : undefined;
        if (!d) return;
        try {
          const e = d.contract.decodeEvent(record as never) as { name: string; data?: Record<string, unknown> };
          out.push({ block: n, index, at: block.at, contract: d.address, name: e.name, data: e.data ?? {} });
        } catch {
          // An event this metadata does not know (another version of the contract): skipped.
        }
      });
    }
    return out;
  }

  async history(contracts: readonly WatchedContract[]): Promise<ActivityEvent[]> {
    const [decoders] = await Promise.all([this.decoders(contracts), this.catchUp()]);
    const numbers = [...this.blocks.keys()].sort((a, b) => a - b);
    return this.eventsIn(numbers, decoders);
  }

  follow(contracts: readonly WatchedContract[], onEvents: (events: ActivityEvent[]) => void): () => void {
    let alive = true;
    let unsubscribe: (() => Promise<void>) | undefined;
    let seen = this.scannedTo;
    const decoding = this.decoders(contracts);
    void this.client.query.system
      .number(async () => {
        if (!alive) return;
        await this.catchUp();
        const fresh: number[] = [];
        for (let n = seen + 1; n <= this.scannedTo; n++) fresh.push(n);
        seen = this.scannedTo;
        const events = this.eventsIn(fresh, await decoding);
        if (alive && events.length > 0) onEvents(events);
      })
      .then((unsub) => {
        if (alive) unsubscribe = unsub;
        else void unsub();
      });
    return () => {
      alive = false;
      void unsubscribe?.();
    };
  }
}

function emitterKey(address: string): string {
  return new AccountId32(address).raw.toLowerCase();
}

const scans = new WeakMap<Client, ChainScan>();

/** The scan of `client`'s chain (one per connection: the blocks read are kept). */
export function chainScanFor(client: Client, fromBlock: number): ChainScan {
  let scan = scans.get(client);
  if (!scan) {
    scan = new ChainScan(client, fromBlock);
    scans.set(client, scan);
  }
  return scan;
}
