// The "dev accounts" wallet (//Alice … //Ferdie) for a local node. Imported only behind
// `import.meta.env.VITE_DEV_WALLET === 'true'` with a dynamic import, so a production build
// contains none of it (npm run check:prod proves it).

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { InjectedAccount, InjectedExtension } from './wallet';

const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

/** An injected-extension look-alike whose accounts are the dev keys; its signer is the key pair. */
export async function createDevExtension(ss58Prefix = 42): Promise<{ extension: InjectedExtension; pairFor: (address: string) => unknown }> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58Prefix });
  const pairs = NAMES.map((n) => keyring.addFromUri(`//${n}`, { name: n }));
  const accounts: InjectedAccount[] = pairs.map((p, i) => ({ address: p.address, name: `${NAMES[i]} (dev)`, type: 'sr25519' }));
  const extension: InjectedExtension = {
    version: 'dev',
    enable: async () => ({
      accounts: { get: async () => accounts, subscribe: (cb) => void cb(accounts) },
      signer: {},
    }),
  };
  return { extension, pairFor: (address) => pairs.find((p) => p.address === address) };
}
