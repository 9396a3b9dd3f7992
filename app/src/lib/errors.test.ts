import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COVERED,
  RESTRICTION_MESSAGES,
  governanceErrorMessage,
  langErrorMessage,
  psp22ErrorMessage,
  registryErrorMessage,
  restrictionMessage,
  rosterErrorMessage,
  splitterErrorMessage,
  tokenErrorMessage,
} from './errors';

/** The variant names of a union type in a generated types.d.ts. */
function variants(file: string, typeName: string): string[] {
  const text = readFileSync(resolve(__dirname, '../contracts/types', file), 'utf8');
  const start = text.indexOf(`export type ${typeName} =`);
  expect(start).toBeGreaterThan(-1);
  const body = text.slice(start, text.indexOf(';\n', start));
  return [...body.matchAll(/type: "(\w+)"/g)].map((m) => m[1] as string);
}

describe('every error variant of the generated bindings has a sentence', () => {
  it.each([
    ['registry/types.d.ts', 'InterfacesErrorsRegistryRegistryError', COVERED.registry],
    ['personal-token/types.d.ts', 'InterfacesErrorsTokenTokenError', COVERED.token],
    ['payout-splitter/types.d.ts', 'InterfacesErrorsSplitterSplitterError', COVERED.splitter],
    ['governance/types.d.ts', 'InterfacesErrorsGovernanceGovernanceError', COVERED.governance],
    ['personal-token/types.d.ts', 'Psp22ErrorsPsp22Error', COVERED.psp22],
  ])('%s %s', (file, type, covered) => {
    const names = variants(file, type);
    expect(names.length).toBeGreaterThan(5);
    expect([...covered].sort()).toEqual([...names].sort());
  });

  it('sentences are distinct within each contract and end with a full stop', () => {
    const valueOf = (t: string) =>
      t === 'WrongBond' ? [1n, 2n] : t === 'Token' || t === 'Splitter' ? { type: 'CallFailed' } : t === 'Roster' ? 'NotWriter' : undefined;
    const reg = COVERED.registry.map((t) => registryErrorMessage({ type: t, value: valueOf(t) } as never));
    for (const m of reg) expect(m).toMatch(/[.)]$/);
    const simple = reg.filter((_, i) => !['Token', 'Splitter', 'Roster'].includes(COVERED.registry[i] as string));
    expect(new Set(simple).size).toBe(simple.length);
  });

  it('writes the data a variant carries', () => {
    const ctx = { money: (v: bigint) => `${v} UNIT` };
    expect(registryErrorMessage({ type: 'WrongBond', value: [1000n, 10n] }, ctx)).toBe('The bond must be exactly 1000 UNIT; 10 UNIT was sent.');
    expect(tokenErrorMessage({ type: 'SubscriptionTooSmall', value: 31n }, ctx)).toMatch(/31 UNIT/);
    expect(tokenErrorMessage({ type: 'Restricted', value: 5 })).toMatch(/transfer request that the issuer approves/);
    expect(splitterErrorMessage({ type: 'StreamTooSmall', value: 9n }, ctx)).toMatch(/9 UNIT/);
    expect(governanceErrorMessage({ type: 'Registry', value: { type: 'NotMember' } })).toBe('The registry refused: The account is not a member.');
    expect(tokenErrorMessage({ type: 'Splitter', value: { type: 'NothingToClaim' } })).toMatch(/^The payout splitter refused: You have nothing to claim/);
    expect(psp22ErrorMessage({ type: 'Custom', value: 'nope' })).toBe('The token refused the transfer: nope.');
    expect(langErrorMessage('CouldNotReadInput')).toMatch(/did not understand/);
    expect(registryErrorMessage({ type: 'Roster', value: 'NotWriter' })).toBe(
      "The member roster refused: The caller is not the roster's writer, the registry that instantiated it.",
    );
    expect(governanceErrorMessage({ type: 'Registry', value: { type: 'Roster', value: 'NotWriter' } })).toMatch(/roster's writer/);
  });

  it('the roster error enum (a plain string union) has a sentence for every variant', () => {
    const text = readFileSync(resolve(__dirname, '../contracts/types/registry/types.d.ts'), 'utf8');
    const line = text.match(/export type InterfacesErrorsRosterRosterError = ([^;]+);/)?.[1] ?? '';
    const names = [...line.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['NotWriter']);
    expect([...COVERED.roster].sort()).toEqual([...names].sort());
    expect(rosterErrorMessage('NotWriter')).toMatch(/registry that instantiated it\.$/);
  });
});

describe('transfer restriction fallback', () => {
  it('has a distinct message for codes 0..9 and a fallback', () => {
    const msgs = Array.from({ length: 10 }, (_, i) => restrictionMessage(i));
    expect(new Set(msgs).size).toBe(10);
    expect(Object.keys(RESTRICTION_MESSAGES)).toHaveLength(10);
    expect(restrictionMessage(200)).toMatch(/unknown restriction code \(200\)/);
  });
});
