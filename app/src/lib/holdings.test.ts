import { describe, expect, it } from 'vitest';
import { valueAtLastTrade } from './holdings';

describe('valueAtLastTrade', () => {
  it('values a holding at the last price per token, rounding down', () => {
    // 20,000 tokens sold for 200,000 UNIT: 10 UNIT per token.
    expect(valueAtLastTrade(10_000n, { price: 200_000n, amount: 20_000n })).toBe(100_000n);
    expect(valueAtLastTrade(1n, { price: 10n, amount: 3n })).toBe(3n);
  });

  it('has no value without a trade', () => {
    expect(valueAtLastTrade(10n, undefined)).toBeUndefined();
    expect(valueAtLastTrade(10n, { price: 5n, amount: 0n })).toBeUndefined();
  });
});
