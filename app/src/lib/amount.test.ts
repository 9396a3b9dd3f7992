import { describe, expect, it } from 'vitest';
import { amountErrorMessage, formatAmount, parseAmount } from './amount';

describe('parseAmount', () => {
  const d12 = { decimals: 12 };
  it('parses whole and fractional amounts', () => {
    expect(parseAmount('1', d12)).toEqual({ ok: true, value: 1_000_000_000_000n });
    expect(parseAmount('1.5', d12)).toEqual({ ok: true, value: 1_500_000_000_000n });
    expect(parseAmount('.25', d12)).toEqual({ ok: true, value: 250_000_000_000n });
    expect(parseAmount('100,000', d12)).toEqual({ ok: true, value: 100_000_000_000_000_000n });
    expect(parseAmount(' 7. ', d12)).toEqual({ ok: true, value: 7_000_000_000_000n });
    expect(parseAmount('0.000000000001', d12)).toEqual({ ok: true, value: 1n });
    expect(parseAmount('1.500000000000000', d12)).toEqual({ ok: true, value: 1_500_000_000_000n });
  });
  it('handles zero decimals', () => {
    expect(parseAmount('42', { decimals: 0 })).toEqual({ ok: true, value: 42n });
    expect(parseAmount('4.2', { decimals: 0 })).toEqual({ ok: false, error: { kind: 'too-many-decimals', decimals: 0 } });
  });
  it('rejects what is not a number', () => {
    for (const s of ['abc', '1.2.3', '1e5', '.', '0x10', '--1', '1-']) {
      expect(parseAmount(s, d12)).toEqual({ ok: false, error: { kind: 'not-a-number', input: s } });
    }
    expect(parseAmount('   ', d12)).toEqual({ ok: false, error: { kind: 'empty' } });
  });
  it('rejects too many decimals', () => {
    expect(parseAmount('0.0000000000001', d12)).toEqual({ ok: false, error: { kind: 'too-many-decimals', decimals: 12 } });
  });
  it('rejects negative amounts', () => {
    expect(parseAmount('-1', d12)).toEqual({ ok: false, error: { kind: 'negative' } });
  });
  it('rejects zero unless allowed', () => {
    expect(parseAmount('0', d12)).toEqual({ ok: false, error: { kind: 'zero' } });
    expect(parseAmount('-0', d12)).toEqual({ ok: false, error: { kind: 'zero' } });
    expect(parseAmount('0.0', { decimals: 12, allowZero: true })).toEqual({ ok: true, value: 0n });
  });
  it('rejects more than the balance', () => {
    expect(parseAmount('2', { decimals: 0, max: 1n })).toEqual({ ok: false, error: { kind: 'exceeds-balance', balance: 1n } });
    expect(parseAmount('1', { decimals: 0, max: 1n })).toEqual({ ok: true, value: 1n });
  });
});

describe('formatAmount', () => {
  it('formats with decimals, grouping and symbol', () => {
    expect(formatAmount(1_234_500_000_000_000n, { decimals: 12, symbol: 'UNIT' })).toBe('1,234.5 UNIT');
    expect(formatAmount(0n, { decimals: 12, symbol: 'UNIT' })).toBe('0 UNIT');
    expect(formatAmount(1n, { decimals: 12 })).toBe('0.000000000001');
    expect(formatAmount(42n, { decimals: 0 })).toBe('42');
    expect(formatAmount(-1_500n, { decimals: 3 })).toBe('-1.5');
    expect(formatAmount(1_000_000n, { decimals: 0, group: false })).toBe('1000000');
  });
  it('truncates to maxFractionDigits', () => {
    expect(formatAmount(1_999_999n, { decimals: 6, maxFractionDigits: 2 })).toBe('1.99');
    expect(formatAmount(1_000_001n, { decimals: 6, maxFractionDigits: 2 })).toBe('1');
  });
  it('round-trips with parseAmount', () => {
    for (const v of [1n, 10n ** 12n, 123_456_789_012_345n]) {
      const text = formatAmount(v, { decimals: 12 });
      expect(parseAmount(text, { decimals: 12 })).toEqual({ ok: true, value: v });
    }
  });
});

describe('amountErrorMessage', () => {
  it('has a sentence for each error', () => {
    const fmt = { decimals: 12, symbol: 'UNIT' };
    expect(amountErrorMessage({ kind: 'empty' }, fmt)).toBe('Enter an amount.');
    expect(amountErrorMessage({ kind: 'not-a-number', input: 'x' }, fmt)).toBe('"x" is not a number.');
    expect(amountErrorMessage({ kind: 'too-many-decimals', decimals: 12 }, fmt)).toMatch(/12 digits/);
    expect(amountErrorMessage({ kind: 'negative' }, fmt)).toMatch(/negative/);
    expect(amountErrorMessage({ kind: 'zero' }, fmt)).toMatch(/more than zero/);
    expect(amountErrorMessage({ kind: 'exceeds-balance', balance: 10n ** 12n }, fmt)).toBe('That is more than the available 1 UNIT.');
  });
});
