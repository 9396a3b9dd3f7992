// Which blocks concern the contracts a page shows: a page re-reads its figures when a block's
// events include a `Contracts.ContractEmitted` from one of them (a transfer, a request's step,
// a payout, ...), whoever sent it. Pure, unit-tested; the subscription is in
// components/ChainContext.tsx (`useContractEvents`).

/** The part of a `frame_system` event record this needs. */
export interface EventRecordLike {
  event: { pallet: string; palletEvent: unknown };
}

/** Hex of the 32-byte account ids, lower case: what `AccountId32.raw` holds. */
export type RawAccount = string;

/** The contract (raw hex account id) that emitted `record`, if it is a `Contracts.ContractEmitted`. */
export function emitterOf(record: EventRecordLike): RawAccount | undefined {
  if (record.event.pallet !== 'Contracts') return undefined;
  const inner = record.event.palletEvent as { name?: unknown; data?: { contract?: { raw?: unknown } } } | undefined;
  if (inner?.name !== 'ContractEmitted') return undefined;
  const raw = inner.data?.contract?.raw;
  return typeof raw === 'string' ? raw.toLowerCase() : undefined;
}

/** Whether any record is an event emitted by one of `contracts` (raw hex account ids). */
export function emittedByAny(records: readonly EventRecordLike[], contracts: ReadonlySet<RawAccount>): boolean {
  return records.some((record) => {
    const from = emitterOf(record);
    return from !== undefined && contracts.has(from);
  });
}
