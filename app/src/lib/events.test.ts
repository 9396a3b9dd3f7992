import { describe, expect, it } from 'vitest';
import { emittedByAny, type EventRecordLike } from './events';

const TOKEN = '0x' + '11'.repeat(32);
const OTHER = '0x' + '22'.repeat(32);

const emitted = (contract: string): EventRecordLike => ({
  event: { pallet: 'Contracts', palletEvent: { name: 'ContractEmitted', data: { contract: { raw: contract }, data: '0x' } } },
});

describe('emittedByAny', () => {
  it('finds an event a watched contract emitted, whatever the case of the hex', () => {
    const records = [{ event: { pallet: 'System', palletEvent: { name: 'ExtrinsicSuccess' } } }, emitted(TOKEN.toUpperCase().replace('0X', '0x'))];
    expect(emittedByAny(records, new Set([TOKEN]))).toBe(true);
  });

  it('ignores other contracts, other Contracts events and other pallets', () => {
    const records: EventRecordLike[] = [
      emitted(OTHER),
      { event: { pallet: 'Contracts', palletEvent: { name: 'Called', data: { contract: { raw: TOKEN } } } } },
      { event: { pallet: 'Balances', palletEvent: { name: 'Transfer', data: {} } } },
    ];
    expect(emittedByAny(records, new Set([TOKEN]))).toBe(false);
    expect(emittedByAny([], new Set([TOKEN]))).toBe(false);
  });
});
