// What a holding is worth, from the token's last executed trade. Pure, unit-tested.

export interface LastTradeLike {
  /** Total native price of the trade. */
  price: bigint;
  /** Tokens it moved. */
  amount: bigint;
}

/**
 * `balance` valued at the last trade's price per token (rounded down, in planck), or
 * `undefined` when the token never traded (no price to value it at).
 */
export function valueAtLastTrade(balance: bigint, lastTrade: LastTradeLike | undefined): bigint | undefined {
  if (!lastTrade || lastTrade.amount === 0n) return undefined;
  return (balance * lastTrade.price) / lastTrade.amount;
}
