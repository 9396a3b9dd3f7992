import { decodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import governanceJson from '../../../artifacts/governance/governance.json';
import registryJson from '../../../artifacts/registry/registry.json';
import tokenJson from '../../../artifacts/personal_token/personal_token.json';
import { ALLOWED_CALLS, buildForm, callLines, linesText, fieldUnit, targetKind, callFor, changedFields, decodeCall, durationText, encodeCall, fieldText, selectorOf, valuesFrom, type AllowedCall, type MetadataLike } from './proposalForm';

const governance = governanceJson as unknown as MetadataLike;
const registry = registryJson as unknown as MetadataLike;
const token = tokenJson as unknown as MetadataLike;
const metadataOf = (c: AllowedCall) => ({ governance, registry, token })[c.target];
const call = (key: string) => ALLOWED_CALLS.find((c) => c.key === key) as AllowedCall;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const le = (n: bigint, bytes: number) => Array.from({ length: bytes }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const hex = (b: number[]) => `0x${b.map((x) => x.toString(16).padStart(2, '0')).join('')}`;

// GovernanceParams in field order, as SCALE lays it out: the widths come from params.rs, not from the metadata.
const PARAMS: Array<[string, bigint, number]> = [
  ['disputeBond', 1_000n * 10n ** 12n, 16],
  ['appealBond', 2_000n * 10n ** 12n, 16],
  ['jurorDeposit', 100n * 10n ** 12n, 16],
  ['evidencePeriod', 20_000n, 8],
  ['commitPeriod', 30_000n, 8],
  ['revealPeriod', 30_000n, 8],
  ['appealPeriod', 10_000n, 8],
  ['minJurors', 3n, 4],
  ['quorumBps', 3_000n, 4],
  ['appealQuorumBps', 5_000n, 4],
  ['thresholdBps', 6_666n, 4],
  ['proposalVotingPeriod', 20_000n, 8],
  ['proposalQuorumBps', 3_000n, 4],
  ['proposalThresholdBps', 5_001n, 4],
  ['timelock', 5_000n, 8],
  ['upgradeThresholdBps', 7_500n, 4],
  ['upgradeTimelock', 10_000n, 8],
  ['gracePeriod', 600_000n, 8],
  ['vetoBps', 2_500n, 4],
];
const current = { params: Object.fromEntries(PARAMS.map(([k, v, w]) => [k, w <= 4 ? Number(v) : v])) };

describe('the allowlist', () => {
  it('builds a form for every allowlisted call from its contract metadata', () => {
    for (const c of ALLOWED_CALLS) {
      const form = buildForm(c, metadataOf(c));
      expect(form.fields.length, c.key).toBeGreaterThan(0);
      expect(form.selector, c.key).toBe(selectorOf(c.message));
    }
  });
  it('takes the selectors ink! gives the messages (selector_bytes!)', () => {
    const setParams = governance.spec.messages.find((m) => m.label === 'set_params');
    expect(selectorOf('set_params')).toBe(setParams?.selector);
    expect(callFor('registry', selectorOf('withdraw_treasury'))?.key).toBe('registry.withdraw_treasury');
    expect(callFor('governance', selectorOf('grant'))?.key).toBe('governance.grant');
    expect(callFor('token', selectorOf('set_params'))).toBeUndefined(); // not allowlisted on a token
    expect(callFor('governance', selectorOf('expel'))).toBeUndefined();
  });
});

describe('a parameter change', () => {
  const form = buildForm(call('governance.set_params'), governance);
  it('has one typed field per parameter, found in the metadata', () => {
    expect(form.fields.map((f) => f.key)).toEqual(PARAMS.map(([k]) => `params.${k}`));
    const kind = (k: string) => form.fields.find((f) => f.key === `params.${k}`)?.kind;
    expect(kind('disputeBond')).toBe('amount');
    expect(kind('commitPeriod')).toBe('duration');
    expect(kind('quorumBps')).toBe('bps');
    expect(kind('minJurors')).toBe('integer');
    expect(form.fields[0]?.label).toBe('Dispute bond');
  });
  it('is prefilled from the current parameters and encodes them as SCALE does', () => {
    const values = valuesFrom(form, current, { decimals: 12 });
    expect(values['params.disputeBond']).toBe('1000');
    expect(values['params.commitPeriod']).toBe('30000');
    const r = encodeCall(form, values, governance, 12);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.input).toBe(hex(PARAMS.flatMap(([, v, w]) => le(v, w))));
    expect(r.selector).toBe('0x158c977c');
  });
  it('decodes a stored input back and shows what changed', () => {
    const values = { ...valuesFrom(form, current, { decimals: 12 }), 'params.disputeBond': '1,200.5' };
    const r = encodeCall(form, values, governance, 12);
    if (!r.ok) throw new Error('refused');
    const decoded = decodeCall(form, r.input, governance);
    expect(decoded).toBeDefined();
    const changed = changedFields(form, decoded ?? {}, current);
    expect(changed.map((f) => f.key)).toEqual(['params.disputeBond']);
    expect(fieldText(changed[0] as (typeof form.fields)[number], (decoded?.params as Record<string, unknown>).disputeBond, { decimals: 12, symbol: 'UNIT' })).toBe('1,200.5 UNIT');
    expect(decodeCall(form, `${r.input}00` as `0x${string}`, governance)).toBeUndefined(); // trailing bytes
    expect(decodeCall(form, r.input.slice(0, -2) as `0x${string}`, governance)).toBeUndefined(); // short
  });
  it('refuses bad input field by field, encoding nothing', () => {
    const values = { ...valuesFrom(form, current, { decimals: 12 }), 'params.disputeBond': 'lots', 'params.quorumBps': '10001', 'params.minJurors': '4294967296', 'params.timelock': '-1' };
    const r = encodeCall(form, values, governance, 12);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['params.disputeBond', 'params.minJurors', 'params.quorumBps', 'params.timelock']);
    expect(r.errors['params.quorumBps']).toBe('at most 10000 (100%)');
  });
});

describe('calls with accounts and hashes', () => {
  it('encodes a treasury grant (an internal call with no message) as (AccountId, Balance)', () => {
    const form = buildForm(call('governance.grant'), governance);
    expect(form.fields.map((f) => [f.key, f.kind])).toEqual([
      ['to', 'account'],
      ['amount', 'amount'],
    ]);
    const r = encodeCall(form, { to: ALICE, amount: '5' }, governance, 12);
    if (!r.ok) throw new Error('refused');
    expect(r.input).toBe(hex([...decodeAddress(ALICE), ...le(5n * 10n ** 12n, 16)]));
    const bad = encodeCall(form, { to: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ', amount: '5' }, governance, 12);
    expect(bad.ok ? undefined : bad.errors.to).toBe('an account address');
  });
  it('encodes code hashes as 32 bytes, refusing anything else', () => {
    const form = buildForm(call('registry.set_code_hashes'), registry);
    expect(form.fields.map((f) => f.key)).toEqual(['tokenCodeHash', 'splitterCodeHash']);
    const a = `0x${'ab'.repeat(32)}`;
    const b = `0x${'CD'.repeat(32)}`;
    const r = encodeCall(form, { tokenCodeHash: a, splitterCodeHash: b }, registry, 12);
    if (!r.ok) throw new Error('refused');
    expect(r.input).toBe(`${a}${'cd'.repeat(32)}`);
    const short = encodeCall(form, { tokenCodeHash: a, splitterCodeHash: '0xabcd' }, registry, 12);
    expect(short.ok).toBe(false);
  });
});

describe('durationText', () => {
  it('says the largest units first', () => {
    expect(durationText(20_000n)).toBe('20 s');
    expect(durationText(3_024_000_000n)).toBe('35 d');
    expect(durationText(90_061_001n)).toBe('1 d 1 h 1 min');
    expect(durationText(0n)).toBe('0 s');
    expect(durationText(1_500n)).toBe('1 s 500 ms');
  });
});

describe('a field in words', () => {
  it('shows its unit and what the value means', () => {
    expect(fieldUnit('duration', '20,000', 'UNIT')).toBe('ms (20 s)');
    expect(fieldUnit('bps', '3000', 'UNIT')).toBe('basis points (30%)');
    expect(fieldUnit('bps', 'x', 'UNIT')).toBe('basis points');
    expect(fieldUnit('amount', '1', 'UNIT')).toBe('UNIT');
  });
  it('tells the target kind by address', () => {
    const a = { governance: 'G', registry: 'R' };
    expect([targetKind('G', a), targetKind('R', a), targetKind('T', a)]).toEqual(['governance', 'registry', 'token']);
  });
});

describe('callLines', () => {
  it('lists every argument, or only the changes of a parameter set', () => {
    const grant = buildForm(call('governance.grant'), governance);
    expect(callLines(grant, { to: ALICE, amount: 5n * 10n ** 12n }, { decimals: 12, symbol: 'UNIT' })).toEqual([
      { label: 'To', text: ALICE },
      { label: 'Amount', text: '5 UNIT' },
    ]);
    const form = buildForm(call('governance.set_params'), governance);
    const proposed = { params: { ...current.params, commitPeriod: 45_000n } };
    expect(callLines(form, proposed, { decimals: 12, symbol: 'UNIT' }, current)).toEqual([{ label: 'Commit period', text: '30 s (30000 ms) → 45 s (45000 ms)' }]);
  });
});

describe('linesText', () => {
  it('joins the lines, or says there is no change', () => {
    expect(linesText([])).toBe('no change');
    expect(linesText([{ label: 'A', text: '1' }, { label: 'B', text: '2' }])).toBe('A: 1; B: 2');
  });
});

describe("the registry's parameters", () => {
  it('round-trip through the form: prefilled, encoded, decoded back to the same values', () => {
    const form = buildForm(call('registry.set_params'), registry);
    const params = {
      applicationBond: 1_000n * 10n ** 12n,
      vouchesRequired: 2,
      vouchBond: 500n * 10n ** 12n,
      vouchingWindow: 604_800_000n,
      vouchLockPeriod: 15_552_000_000n,
      voucherCooldown: 7_776_000_000n,
      resignationCooldown: 2_592_000_000n,
      tenure: 2_592_000_000n,
      vouchPeriod: 2_592_000_000n,
      maxVouchesPerPeriod: 3,
    };
    expect(form.fields.map((f) => f.key)).toEqual(Object.keys(params).map((k) => `params.${k}`));
    const r = encodeCall(form, valuesFrom(form, { params }, { decimals: 12 }), registry, 12);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(decodeCall(form, r.input, registry)).toEqual({ params });
  });
  it("a token's upgrade takes one code hash", () => {
    const form = buildForm(call('token.set_code'), token);
    expect(form.fields).toEqual([{ key: 'codeHash', label: 'Code hash', kind: 'hash' }]);
  });
});
