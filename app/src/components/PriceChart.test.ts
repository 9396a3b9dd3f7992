import { describe, expect, it } from 'vitest';
import { layout } from './PriceChart';

const p = (at: number, value: bigint) => ({ key: String(at), at: BigInt(at), value, label: '' });

describe('layout', () => {
  it('spreads time across the width and scales values from 0 to the largest', () => {
    const xy = layout([p(0, 0n), p(50, 5n), p(100, 10n)]);
    expect(xy.map((q) => Math.round(q.x))).toEqual([24, 300, 576]);
    expect(xy.map((q) => Math.round(q.y))).toEqual([176, 100, 24]);
  });
  it('places points of one instant evenly, and one point in the middle', () => {
    expect(layout([p(7, 1n), p(7, 1n)]).map((q) => Math.round(q.x))).toEqual([24, 576]);
    expect(layout([p(7, 1n)]).map((q) => Math.round(q.x))).toEqual([300]);
    expect(layout([])).toEqual([]);
  });
});
