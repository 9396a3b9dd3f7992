// Amounts: user-entered decimal strings <-> bigint planck, without floating point.

export type AmountError =
  | { kind: 'empty' }
  | { kind: 'not-a-number'; input: string }
  | { kind: 'too-many-decimals'; decimals: number }
  | { kind: 'negative' }
  | { kind: 'zero' }
  | { kind: 'exceeds-balance'; balance: bigint };

export type AmountResult = { ok: true; value: bigint } | { ok: false; error: AmountError };

export interface ParseOptions {
  /** Decimals of the unit the user types in (the chain's or the token's). */
  decimals: number;
  /** Whether zero is acceptable (default: not). */
  allowZero?: boolean;
  /** An upper bound, in planck: the balance the amount is taken from. */
  max?: bigint;
}

const NUMBER = /^(\d+)?(?:\.(\d*))?$/;

/** Parses "1,234.5" / "0.25" / ".5" into planck with `decimals`. */
export function parseAmount(input: string, opts: ParseOptions): AmountResult {
  const { decimals } = opts;
  const text = input.trim().replace(/[_,\s]/g, '');
  if (text === '') return { ok: false, error: { kind: 'empty' } };
  let body = text;
  let negative = false;
  if (body.startsWith('-')) {
    negative = true;
    body = body.slice(1);
  } else if (body.startsWith('+')) {
    body = body.slice(1);
  }
  const m = NUMBER.exec(body);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) {
    return { ok: false, error: { kind: 'not-a-number', input } };
  }
  const whole = m[1] ?? '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) {
    return { ok: false, error: { kind: 'too-many-decimals', decimals } };
  }
  const value = BigInt(whole) * 10n ** BigInt(decimals) + BigInt((frac || '0').padEnd(decimals, '0') || '0');
  if (negative && value !== 0n) return { ok: false, error: { kind: 'negative' } };
  if (value === 0n && !opts.allowZero) return { ok: false, error: { kind: 'zero' } };
  if (opts.max !== undefined && value > opts.max) {
    return { ok: false, error: { kind: 'exceeds-balance', balance: opts.max } };
  }
  return { ok: true, value };
}

export interface FormatOptions {
  decimals: number;
  symbol?: string;
  /** At most this many fractional digits (truncated, never rounded up). Default: all. */
  maxFractionDigits?: number;
  /** Group the whole part by thousands with "," (default true). */
  group?: boolean;
}

/** Formats planck as a decimal string, e.g. 1234500000000000n, 12 -> "1,234.5 UNIT". */
export function formatAmount(value: bigint, opts: FormatOptions): string {
  const { decimals, symbol, maxFractionDigits, group = true } = opts;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let frac = decimals > 0 ? (abs % base).toString().padStart(decimals, '0') : '';
  if (maxFractionDigits !== undefined) frac = frac.slice(0, maxFractionDigits);
  frac = frac.replace(/0+$/, '');
  let wholeText = whole.toString();
  if (group) wholeText = wholeText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${negative ? '-' : ''}${wholeText}${frac ? `.${frac}` : ''}`;
  return symbol ? `${number} ${symbol}` : number;
}

/** A sentence for an amount error, for the field's error message. */
export function amountErrorMessage(error: AmountError, fmt: { decimals: number; symbol?: string }): string {
  switch (error.kind) {
    case 'empty':
      return 'Enter an amount.';
    case 'not-a-number':
      return `"${error.input}" is not a number.`;
    case 'too-many-decimals':
      return error.decimals === 0
        ? 'This amount takes whole numbers only.'
        : `At most ${error.decimals} digits after the decimal point.`;
    case 'negative':
      return 'The amount cannot be negative.';
    case 'zero':
      return 'The amount must be more than zero.';
    case 'exceeds-balance':
      return `That is more than the available ${formatAmount(error.balance, fmt)}.`;
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}
