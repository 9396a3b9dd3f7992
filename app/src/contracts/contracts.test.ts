import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TypinkRegistry } from 'dedot/contracts';
import { describe, expect, it } from 'vitest';
import { ContractRefusal, describeConnectionError, loadMetadata, unwrap } from './client';
import { NotARegistryToken, TokenApi } from './token';
import type { RegistryApi } from './registry';
import { registryErrorMessage, tokenErrorMessage } from '../lib/errors';
import type { TokenError } from '../lib/errors';

function metadata(name: string): ConstructorParameters<typeof TypinkRegistry>[0] {
  return JSON.parse(readFileSync(resolve(__dirname, `../../../artifacts/${name}/${name}.json`), 'utf8'));
}

function errorCodec(name: string, path: string) {
  const m = metadata(name) as unknown as { types: Array<{ id: number; type: { path?: string[] } }> };
  const t = m.types.find((x) => x.type.path?.join('::') === path);
  if (!t) throw new Error(`no type ${path}`);
  return new TypinkRegistry(metadata(name)).findCodec(t.id);
}

describe('decoding contract errors with dedot (what the sentences are written against)', () => {
  it('decodes named-field variants as tuples / bare values, as the generated types say', () => {
    const codec = errorCodec('personal_token', 'interfaces::errors::token::TokenError');
    const wrongPayment = new Uint8Array(33);
    wrongPayment[0] = 23; // WrongPayment { expected, received }
    wrongPayment[1] = 5;
    wrongPayment[17] = 7;
    const decoded = codec.tryDecode(wrongPayment) as TokenError;
    expect(decoded).toEqual({ type: 'WrongPayment', value: [5n, 7n] });
    expect(tokenErrorMessage(decoded)).toBe('The payment must be exactly 5 planck; 7 planck was sent.');
    const restricted = codec.tryDecode(new Uint8Array([8, 5])) as TokenError;
    expect(restricted).toEqual({ type: 'Restricted', value: 5 });
  });
  it('decodes nested errors', () => {
    const codec = errorCodec('registry', 'interfaces::errors::registry::RegistryError');
    // Token(Restricted(4)): Token is variant 33, Restricted is 8
    const e = codec.tryDecode(new Uint8Array([33, 8, 4]));
    expect(e).toEqual({ type: 'Token', value: { type: 'Restricted', value: 4 } });
    expect(registryErrorMessage(e as never)).toBe("The member's token refused: The receiver is not an active member of the registry.");
  });
});

describe('contract module helpers', () => {
  it('unwrap returns Ok and throws a ContractRefusal in plain words for Err', () => {
    expect(unwrap({ isOk: true, value: 3 }, () => 'x')).toBe(3);
    let thrown: unknown;
    try {
      unwrap({ isErr: true, err: { type: 'PageTooLarge' } }, (e) => registryErrorMessage(e as never));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ContractRefusal);
    expect((thrown as ContractRefusal).message).toBe('Too many members asked for in one page.');
    expect((thrown as ContractRefusal).error).toEqual({ type: 'PageTooLarge' });
  });
  it('words connection errors (a WebSocket error is a bare Event)', () => {
    expect(describeConnectionError({ type: 'error' })).toBe('the connection was refused or closed');
    expect(describeConnectionError(new Error('[object Event]'))).toBe('the connection was refused or closed');
    expect(describeConnectionError(new Error('Cannot reconnect'))).toBe('Cannot reconnect');
  });
  it('loads each ABI once', async () => {
    const a = await loadMetadata('payout_splitter');
    expect(await loadMetadata('payout_splitter')).toBe(a);
    expect((a as unknown as { contract: { name: string } }).contract.name).toBe('payout_splitter');
  });
});

describe('the trust rule', () => {
  it('refuses a token that the registry does not confirm with issuer_of', async () => {
    const asked: string[] = [];
    const registry = {
      issuerOf: async (t: string) => {
        asked.push(t);
        return undefined;
      },
    } as unknown as RegistryApi;
    const fake = '5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT';
    await expect(TokenApi.openVerified({} as never, registry, fake, 42)).rejects.toBeInstanceOf(NotARegistryToken);
    expect(asked).toEqual([fake]);
  });
});
