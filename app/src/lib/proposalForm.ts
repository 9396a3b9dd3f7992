// A proposal's call as a form built from the contract metadata: the allowlisted messages only
// (governance's `classify` is the authority; this mirrors its table), each argument a typed
// field (amount, duration, basis points, integer, account, hash, yes/no) found by walking the
// metadata's type registry, encoded with the same SCALE codecs the contracts use. Never raw
// bytes typed by hand: a type the walk does not know makes the form refuse, not fall back.
// Pure, unit-tested; the metadata and its `TypinkRegistry` are passed in.

import { TypinkRegistry } from 'dedot/contracts';
import { blake2AsU8a, concatU8a, hexToU8a, normalizeName, u8aToHex } from 'dedot/utils';
import { formatAmount, parseAmount } from './amount';

export type TargetKind = 'governance' | 'registry' | 'token';

/** One allowlisted call (`proposals.rs`'s table). */
export interface AllowedCall {
  key: string;
  target: TargetKind;
  /** The message label in the target's metadata (`grant` is dispatched inside governance and has none). */
  message: string;
  title: string;
  class: 'Ordinary' | 'Constitutional';
  explain: string;
  /** Arguments of a call that is not a message, by the metadata types they take. */
  internalArgs?: Array<{ name: string; type: 'AccountId' | 'Balance' }>;
}

export const ALLOWED_CALLS: readonly AllowedCall[] = [
  {
    key: 'governance.set_params',
    target: 'governance',
    message: 'set_params',
    title: "Change governance's parameters",
    class: 'Constitutional',
    explain: 'Bonds, dispute windows, quorums, thresholds and timelocks of governance; never below the floors fixed at deployment.',
  },
  {
    key: 'governance.grant',
    target: 'governance',
    message: 'grant',
    title: 'Pay from the treasury',
    class: 'Ordinary',
    explain: "A payment from governance's treasury (never from the bonds it holds for disputes).",
    internalArgs: [
      { name: 'to', type: 'AccountId' },
      { name: 'amount', type: 'Balance' },
    ],
  },
  {
    key: 'governance.set_code',
    target: 'governance',
    message: 'set_code',
    title: "Upgrade governance's code",
    class: 'Constitutional',
    explain: 'Replaces governance’s code by uploaded code with this hash. While it is pending, every token lets its subscribers and funded buyers withdraw.',
  },
  {
    key: 'registry.set_params',
    target: 'registry',
    message: 'set_params',
    title: "Change the registry's parameters",
    class: 'Constitutional',
    explain: 'Admission bonds, vouching rules, tenure and cooldowns; never below the floors fixed at deployment.',
  },
  {
    key: 'registry.set_code_hashes',
    target: 'registry',
    message: 'set_code_hashes',
    title: 'Change the code new tokens are launched with',
    class: 'Constitutional',
    explain: 'The code hashes the registry’s factory instantiates for tokens and splitters launched from now on.',
  },
  {
    key: 'registry.set_code',
    target: 'registry',
    message: 'set_code',
    title: "Upgrade the registry's code",
    class: 'Constitutional',
    explain: 'Replaces the registry’s code by uploaded code with this hash.',
  },
  {
    key: 'registry.withdraw_treasury',
    target: 'registry',
    message: 'withdraw_treasury',
    title: "Pay from the registry's treasury",
    class: 'Ordinary',
    explain: 'A payment from the registry’s treasury (slashed bonds), never from the bonds it holds.',
  },
  {
    key: 'token.set_code',
    target: 'token',
    message: 'set_code',
    title: "Upgrade a token's code",
    class: 'Constitutional',
    explain: 'Replaces one token’s code by uploaded code with this hash. While it is pending, the token lets its subscribers and funded buyers withdraw.',
  },
];

export type FieldKind = 'amount' | 'duration' | 'bps' | 'integer' | 'account' | 'hash' | 'bool';

export interface FormField {
  /** Dotted path of JS names: `params.disputeBond`, `codeHash`. */
  key: string;
  label: string;
  kind: FieldKind;
  /** Width of an integer field. */
  bits?: number;
}

export interface CallForm {
  call: AllowedCall;
  selector: `0x${string}`;
  args: Array<{ name: string; typeId: number }>;
  fields: FormField[];
}

export class UnsupportedArgument extends Error {}

interface MetaType {
  id: number;
  type: {
    path?: string[];
    def: {
      composite?: { fields: Array<{ name?: string; type: number; typeName?: string }> };
      primitive?: string;
      array?: { len: number; type: number };
    };
  };
}
interface MetaMessage {
  label: string;
  selector: string;
  args: Array<{ label: string; type: { type: number; displayName?: string[] } }>;
}
export interface MetadataLike {
  types: MetaType[];
  spec: { messages: MetaMessage[] };
}

const BITS: Record<string, number> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128 };

/** "dispute_bond" → "Dispute bond". */
export function words(name: string): string {
  const text = name.replace(/_/g, ' ').replace(/\bbps\b/, '(basis points)');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function typeOf(metadata: MetadataLike, id: number): MetaType['type'] {
  const t = metadata.types.find((x) => x.id === id);
  if (!t) throw new UnsupportedArgument(`type #${id} is not in the metadata`);
  return t.type;
}

function pathIs(type: MetaType['type'], last: string): boolean {
  const p = type.path ?? [];
  return p[0] === 'ink_primitives' && p[p.length - 1] === last;
}

function fieldsOf(metadata: MetadataLike, typeId: number, key: string, name: string, typeName: string | undefined): FormField[] {
  const type = typeOf(metadata, typeId);
  if (pathIs(type, 'AccountId')) return [{ key, label: words(name), kind: 'account' }];
  if (pathIs(type, 'Hash')) return [{ key, label: words(name), kind: 'hash' }];
  const { composite, primitive } = type.def;
  if (primitive === 'bool') return [{ key, label: words(name), kind: 'bool' }];
  if (primitive && BITS[primitive]) {
    const kind: FieldKind = typeName === 'Balance' ? 'amount' : typeName === 'Timestamp' ? 'duration' : name.endsWith('_bps') ? 'bps' : 'integer';
    return [{ key, label: words(name), kind, bits: BITS[primitive] }];
  }
  if (composite && composite.fields.length > 0 && composite.fields.every((f) => f.name)) {
    return composite.fields.flatMap((f) => fieldsOf(metadata, f.type, `${key}.${normalizeName(f.name ?? '')}`, f.name ?? '', f.typeName));
  }
  throw new UnsupportedArgument(`${name}: a ${type.path?.join('::') ?? JSON.stringify(type.def)} cannot be entered in a form`);
}

function findTypeId(metadata: MetadataLike, type: 'AccountId' | 'Balance'): number {
  const t = metadata.types.find((x) => (type === 'AccountId' ? pathIs(x.type, 'AccountId') : x.type.def.primitive === 'u128'));
  if (!t) throw new UnsupportedArgument(`no ${type} type in the metadata`);
  return t.id;
}

/** ink!'s selector of a message name: the first 4 bytes of its BLAKE2b-256 (`selector_bytes!`). */
export function selectorOf(name: string): `0x${string}` {
  return u8aToHex(blake2AsU8a(new TextEncoder().encode(name), 256).slice(0, 4)) as `0x${string}`;
}

/** The form of `call` from the metadata of its target contract.
 *  @throws UnsupportedArgument if an argument's type cannot be a form field. */
export function buildForm(call: AllowedCall, metadata: MetadataLike): CallForm {
  let selector: `0x${string}`;
  // Each argument with the type name the contract gave it (`Balance`, `Timestamp`, ...).
  let typed: Array<{ name: string; typeId: number; typeName: string | undefined }>;
  if (call.internalArgs) {
    selector = selectorOf(call.message);
    typed = call.internalArgs.map((a) => ({ name: a.name, typeId: findTypeId(metadata, a.type), typeName: a.type }));
  } else {
    const message = metadata.spec.messages.find((m) => m.label === call.message);
    if (!message) throw new UnsupportedArgument(`the ${call.target} has no message ${call.message}`);
    selector = message.selector as `0x${string}`;
    typed = message.args.map((a) => ({ name: a.label, typeId: a.type.type, typeName: a.type.displayName?.[a.type.displayName.length - 1] }));
  }
  const fields = typed.flatMap((a) => fieldsOf(metadata, a.typeId, normalizeName(a.name), a.name, a.typeName));
  return { call, selector, args: typed.map(({ name, typeId }) => ({ name, typeId })), fields };
}

export type FormValues = Record<string, string>;

/** A decoded AccountId (dedot's AccountId32). */
const isAccount = (v: unknown): v is { address(prefix?: number): string } => typeof v === 'object' && v !== null && typeof (v as { address?: unknown }).address === 'function';

function get(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The form's text values from decoded arguments (`{ params: {...} }`, JS names), e.g. the current parameters. */
export function valuesFrom(form: CallForm, args: Record<string, unknown>, fmt: { decimals: number; ss58?: number }): FormValues {
  const values: FormValues = {};
  for (const f of form.fields) {
    const v = fieldValue(args, f);
    if (v === undefined) continue;
    if (f.kind === 'amount' && typeof v === 'bigint') values[f.key] = formatAmount(v, { decimals: fmt.decimals, group: false });
    else if (f.kind === 'account' && isAccount(v)) values[f.key] = v.address(fmt.ss58);
    else values[f.key] = String(v);
  }
  return values;
}

export type EncodeResult =
  | { ok: true; selector: `0x${string}`; input: `0x${string}`; args: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

const INTEGER = /^\d+$/;

function parseField(f: FormField, text: string, decimals: number, registry: TypinkRegistry, accountType: number | undefined): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = (text ?? '').trim();
  const max = f.bits !== undefined ? (1n << BigInt(f.bits)) - 1n : undefined;
  switch (f.kind) {
    case 'amount': {
      const r = parseAmount(t, { decimals, allowZero: true });
      if (!r.ok) return { ok: false, error: r.error.kind === 'too-many-decimals' ? `at most ${decimals} decimals` : 'an amount, like 1000 or 0.5' };
      if (max !== undefined && r.value > max) return { ok: false, error: 'too large' };
      return { ok: true, value: r.value };
    }
    case 'duration':
    case 'bps':
    case 'integer': {
      const digits = t.replace(/[_,\s]/g, '');
      if (!INTEGER.test(digits)) return { ok: false, error: 'a whole number' };
      const n = BigInt(digits);
      if (max !== undefined && n > max) return { ok: false, error: `at most ${max}` };
      if (f.kind === 'bps' && n > 10_000n) return { ok: false, error: 'at most 10000 (100%)' };
      return { ok: true, value: (f.bits ?? 128) <= 32 ? Number(n) : n };
    }
    case 'bool':
      if (t !== 'true' && t !== 'false') return { ok: false, error: 'yes or no' };
      return { ok: true, value: t === 'true' };
    case 'hash':
      if (!/^0x[0-9a-fA-F]{64}$/.test(t)) return { ok: false, error: 'a 32-byte hash: 0x and 64 hex digits' };
      return { ok: true, value: t.toLowerCase() };
    case 'account':
      try {
        if (accountType === undefined) throw new Error('no account type');
        registry.findCodec(accountType).tryEncode(t);
        return { ok: true, value: t };
      } catch {
        return { ok: false, error: 'an account address' };
      }
  }
}

function set(obj: Record<string, unknown>, path: string[], value: unknown): void {
  const last = path[path.length - 1];
  if (last === undefined) return;
  let o = obj;
  for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[last] = value;
}

/** The call's SCALE input from the form's values: every field checked, none guessed. */
export function encodeCall(form: CallForm, values: FormValues, metadata: MetadataLike, decimals: number): EncodeResult {
  const registry = new TypinkRegistry(metadata as never);
  const accountType = metadata.types.find((x) => pathIs(x.type, 'AccountId'))?.id;
  const errors: Record<string, string> = {};
  const args: Record<string, unknown> = {};
  for (const f of form.fields) {
    const r = parseField(f, values[f.key] ?? '', decimals, registry, accountType);
    if (r.ok) set(args, f.key.split('.'), r.value);
    else errors[f.key] = r.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input = concatU8a(...form.args.map((a) => registry.findCodec(a.typeId).tryEncode(args[normalizeName(a.name)])));
  return { ok: true, selector: form.selector, input: u8aToHex(input) as `0x${string}`, args };
}

/** A stored proposal's input decoded by the form's argument types, or undefined if it does not decode exactly. */
export function decodeCall(form: CallForm, input: `0x${string}`, metadata: MetadataLike): Record<string, unknown> | undefined {
  const registry = new TypinkRegistry(metadata as never);
  const bytes = hexToU8a(input);
  const args: Record<string, unknown> = {};
  let at = 0;
  try {
    for (const a of form.args) {
      const codec = registry.findCodec(a.typeId);
      const value = codec.tryDecode(bytes.slice(at));
      at += codec.tryEncode(value).length;
      args[normalizeName(a.name)] = value;
    }
  } catch {
    return undefined;
  }
  return at === bytes.length ? args : undefined;
}

/** The allowlisted call a stored proposal makes, from its target's kind and its selector (every
 *  allowlisted message keeps ink!'s default selector, `selector_bytes!(name)`). */
export function callFor(target: TargetKind, selector: string): AllowedCall | undefined {
  return ALLOWED_CALLS.find((c) => c.target === target && selectorOf(c.message) === selector);
}

/** How a field's value reads: "1,200 UNIT", "20 s (20000 ms)", "30% (3000 bps)". */
export function fieldText(f: FormField, value: unknown, fmt: { decimals: number; symbol: string; ss58?: number }): string {
  if (f.kind === 'amount' && typeof value === 'bigint') return formatAmount(value, { decimals: fmt.decimals, symbol: fmt.symbol });
  if (f.kind === 'duration' && (typeof value === 'bigint' || typeof value === 'number')) return `${durationText(BigInt(value))} (${value} ms)`;
  if (f.kind === 'bps' && typeof value === 'number') return `${value / 100}% (${value} bps)`;
  if (f.kind === 'bool') return value ? 'yes' : 'no';
  if (f.kind === 'account' && isAccount(value)) return value.address(fmt.ss58);
  return String(value);
}

/** 1_728_000 ms → "28 min 48 s"; whole days, hours, minutes and seconds, largest first. */
export function durationText(ms: bigint): string {
  if (ms === 0n) return '0 s';
  const units: Array<[bigint, string]> = [
    [86_400_000n, 'd'],
    [3_600_000n, 'h'],
    [60_000n, 'min'],
    [1_000n, 's'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${rest / size} ${name}`);
      rest %= size;
    }
  }
  if (rest > 0n) parts.push(`${rest} ms`);
  return parts.slice(0, 3).join(' ');
}

/** The fields whose proposed value differs from the current one (a parameter change's diff). */
export function changedFields(form: CallForm, proposed: Record<string, unknown>, current: Record<string, unknown>): FormField[] {
  return form.fields.filter((f) => String(fieldValue(proposed, f)) !== String(fieldValue(current, f)));
}

export function fieldValue(args: Record<string, unknown>, f: FormField): unknown {
  return get(args, f.key.split('.'));
}

/** What a proposal targets: governance itself, the registry, or (the allowlist's only other
 *  target) a token the registry launched. */
export function targetKind(target: string, addresses: { governance: string; registry: string }): TargetKind {
  return target === addresses.governance ? 'governance' : target === addresses.registry ? 'registry' : 'token';
}

/** The contract whose metadata describes a target's messages. */
export const METADATA_OF: Record<TargetKind, 'governance' | 'registry' | 'personal_token'> = { governance: 'governance', registry: 'registry', token: 'personal_token' };

/** The unit shown beside a field, with what its value means: "ms (20 s)", "basis points (30%)". */
export function fieldUnit(kind: FieldKind, value: string, symbol: string): string {
  const digits = value.replace(/[_,\s]/g, '');
  const whole = /^\d+$/.test(digits);
  switch (kind) {
    case 'amount':
      return symbol;
    case 'duration':
      return whole ? `ms (${durationText(BigInt(digits))})` : 'ms';
    case 'bps':
      return whole ? `basis points (${Number(digits) / 100}%)` : 'basis points';
    case 'hash':
      return '0x and 64 hex digits';
    default:
      return '';
  }
}

export interface CallLine {
  label: string;
  text: string;
}

/** The call's arguments as lines; with `current` (a parameter change), only what changes, "old → new". */
export function callLines(form: CallForm, args: Record<string, unknown>, fmt: { decimals: number; symbol: string; ss58?: number }, current?: Record<string, unknown>): CallLine[] {
  const fields = current ? changedFields(form, args, current) : form.fields;
  return fields.map((f) => ({
    label: f.label,
    text: current ? `${fieldText(f, fieldValue(current, f), fmt)} → ${fieldText(f, fieldValue(args, f), fmt)}` : fieldText(f, fieldValue(args, f), fmt),
  }));
}

/** Lines in one sentence: "Dispute bond: 1,000 UNIT → 1,200 UNIT; Commit period: …" ("no change" if none). */
export function linesText(lines: readonly CallLine[]): string {
  return lines.length === 0 ? 'no change' : lines.map((l) => `${l.label}: ${l.text}`).join('; ');
}
