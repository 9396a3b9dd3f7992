import { describe, expect, it } from 'vitest';
import { MAX_DECISION_PERIOD_MS, holdersShare, hoursToMs, impliedValuation, launchProblems, liquidationPreview, parseInvitees, silenceText } from './console';

describe('holdersShare (the contract formula: ceil(gross × outstanding / supply))', () => {
  it('is exact when it divides and rounds up otherwise', () => {
    // The story: 3% outstanding of a 10,000,000 sale.
    expect(holdersShare(10_000_000n, 30_000n, 1_000_000n)).toBe(300_000n);
    expect(holdersShare(10n, 1n, 3n)).toBe(4n); // 3.33.. → 4
    expect(holdersShare(0n, 5n, 10n)).toBe(0n);
    expect(holdersShare(7n, 0n, 10n)).toBe(0n); // nobody but the issuer holds
    expect(holdersShare(7n, 10n, 10n)).toBe(7n); // everything is outstanding
  });
  it('never exceeds the gross, on values of u128 size', () => {
    const supply = 10n ** 30n;
    const gross = 2n ** 120n;
    for (const outstanding of [1n, supply / 3n, supply - 1n, supply]) {
      const s = holdersShare(gross, outstanding, supply);
      expect(s <= gross).toBe(true);
      expect(s * supply >= gross * outstanding).toBe(true); // rounded up
      expect((s - 1n) * supply < gross * outstanding).toBe(true); // by less than one
    }
  });
  it('previews what the issuer keeps', () => {
    expect(liquidationPreview(1_000n, 1n, 3n)).toEqual({ share: 334n, kept: 666n, outstandingBps: 3_333n });
  });
});

describe('impliedValuation (floor(price × supply / amount))', () => {
  it('values the supply at the sale price', () => {
    expect(impliedValuation(100_000n, 10_000n, 1_000_000n)).toBe(10_000_000n);
    expect(impliedValuation(10n, 3n, 10n)).toBe(33n);
    expect(impliedValuation(10n, 0n, 10n)).toBeUndefined();
  });
});

describe('silenceText', () => {
  const f = (ms: bigint) => `t${ms}`;
  it('says what silence does, before and after the deadline', () => {
    expect(silenceText(true, 100n, 50, f)).toBe('If you do nothing by t100, it is approved (auto-approve is on).');
    expect(silenceText(false, 100n, 50, f)).toBe('If you do nothing by t100, the seller may cancel it (auto-approve is off).');
    expect(silenceText(true, 100n, 100, f)).toContain('your silence approved it');
    expect(silenceText(false, 100n, 200, f)).toContain('the seller may now cancel it');
  });
});

describe('the launch form', () => {
  const ok = { name: 'Carol Token', symbol: 'CAROL', decimals: 6, supply: 1n, termsHash: '0x01', decisionPeriodMs: 60_000n };
  it('accepts a complete form', () => {
    expect(launchProblems(ok)).toEqual([]);
  });
  it('names every problem', () => {
    expect(launchProblems({ ...ok, name: ' ', symbol: '', decimals: 19, supply: 0n, termsHash: undefined, decisionPeriodMs: 59_999n })).toEqual([
      'name-empty',
      'symbol-empty',
      'decimals',
      'supply',
      'terms-missing',
      'decision-period',
    ]);
    expect(launchProblems({ ...ok, decisionPeriodMs: MAX_DECISION_PERIOD_MS + 1n })).toEqual(['decision-period']);
    expect(launchProblems({ ...ok, supply: undefined })).toEqual(['supply']);
  });
  it('reads hours and invitees', () => {
    expect(hoursToMs('48')).toBe(172_800_000n);
    expect(hoursToMs('0.5')).toBe(1_800_000n);
    expect(hoursToMs('0')).toBeUndefined();
    expect(hoursToMs('-1')).toBeUndefined();
    expect(hoursToMs('two')).toBeUndefined();
    expect(parseInvitees(' a, b\nc  a ')).toEqual(['a', 'b', 'c']);
    expect(parseInvitees('')).toEqual([]);
  });
});

describe('pricePerUnit', () => {
  it('divides a price per token into the price per smallest unit, exactly or not at all', async () => {
    const { pricePerUnit } = await import('./console');
    expect(pricePerUnit(10n * 10n ** 12n, 6)).toBe(10_000_000n); // 10 UNIT per $BOB, 6 decimals
    expect(pricePerUnit(1_000_001n, 6)).toBeUndefined();
    expect(pricePerUnit(0n, 6)).toBeUndefined();
    expect(pricePerUnit(7n, 0)).toBe(7n);
  });
});
