import { describe, expect, it, vi } from 'vitest';
import {
  connectWallet,
  discoverWallets,
  initialWalletState,
  walletReducer,
  walletStateMessage,
  type InjectedAccount,
  type InjectedWeb3,
  type WalletState,
} from './wallet';

const ALICE_LIKE = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const BOB_LIKE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

function fakeExtension(opts: { reject?: string; accounts?: InjectedAccount[] }) {
  let listener: ((a: InjectedAccount[]) => void) | undefined;
  const ext = {
    version: '0.0.1',
    enable: vi.fn(async (_origin: string) => {
      if (opts.reject !== undefined) throw new Error(opts.reject);
      return {
        accounts: {
          get: async () => opts.accounts ?? [],
          subscribe: (cb: (a: InjectedAccount[]) => void) => {
            listener = cb;
            return () => (listener = undefined);
          },
        },
        signer: {},
      };
    }),
  };
  return { ext, emit: (a: InjectedAccount[]) => listener?.(a) };
}

describe('discoverWallets', () => {
  it('finds nothing without injectedWeb3', () => {
    expect(discoverWallets(undefined)).toEqual([]);
    expect(discoverWallets({})).toEqual([]);
  });
  it('lists known wallets in order, then others', () => {
    const a = fakeExtension({}).ext;
    const injected: InjectedWeb3 = { 'subwallet-js': a, other: a, 'polkadot-js': a, broken: { enable: undefined as never } };
    expect(discoverWallets(injected).map((w) => w.id)).toEqual(['polkadot-js', 'subwallet-js', 'other']);
  });
});

describe('connectWallet', () => {
  it('passes the app name to enable and returns accounts', async () => {
    const { ext } = fakeExtension({ accounts: [{ address: ALICE_LIKE, name: 'A' }] });
    const r = await connectWallet({ 'polkadot-js': ext }, 'polkadot-js', 'Personal Tokens');
    expect(ext.enable).toHaveBeenCalledWith('Personal Tokens');
    expect(r.ok && r.accounts.length).toBe(1);
  });
  it('reports a rejection', async () => {
    const { ext } = fakeExtension({ reject: 'Rejected by user' });
    expect(await connectWallet({ talisman: ext }, 'talisman', 'x')).toEqual({ ok: false, reason: 'Rejected by user' });
  });
  it('reports a missing wallet', async () => {
    const r = await connectWallet({}, 'talisman', 'x');
    expect(r.ok).toBe(false);
  });
});

describe('walletReducer: the four states', () => {
  const wallets = [{ id: 'polkadot-js', name: 'Polkadot{.js}' }];
  const name = (id: string) => (id === 'polkadot-js' ? 'Polkadot{.js}' : id);

  it('no extension', () => {
    const s = initialWalletState([]);
    expect(s.status).toBe('no-extension');
    expect(walletStateMessage(s, name)).toMatch(/No wallet extension found/);
  });

  it('rejected', async () => {
    const { ext } = fakeExtension({ reject: 'Not allowed' });
    let s: WalletState = walletReducer(initialWalletState(wallets), { type: 'connect', walletId: 'polkadot-js' });
    const r = await connectWallet({ 'polkadot-js': ext }, 'polkadot-js', 'x');
    if (!r.ok) s = walletReducer(s, { type: 'rejected', walletId: 'polkadot-js', reason: r.reason });
    expect(s.status).toBe('rejected');
    expect(walletStateMessage(s, name)).toBe('Polkadot{.js} refused access: Not allowed');
  });

  it('no accounts', () => {
    let s = walletReducer(initialWalletState(wallets), { type: 'connect', walletId: 'polkadot-js' });
    s = walletReducer(s, { type: 'accounts', walletId: 'polkadot-js', accounts: [] });
    expect(s.status).toBe('no-accounts');
    expect(walletStateMessage(s, name)).toMatch(/has no accounts/);
  });

  it('connected, selection kept across account changes', async () => {
    const { ext, emit } = fakeExtension({ accounts: [{ address: ALICE_LIKE }, { address: BOB_LIKE }] });
    let s = walletReducer(initialWalletState(wallets), { type: 'connect', walletId: 'polkadot-js' });
    const r = await connectWallet({ 'polkadot-js': ext }, 'polkadot-js', 'x');
    if (!r.ok) throw new Error('expected ok');
    s = walletReducer(s, { type: 'accounts', walletId: 'polkadot-js', accounts: r.accounts });
    expect(s.status === 'connected' && s.selected).toBe(ALICE_LIKE);
    s = walletReducer(s, { type: 'select', address: BOB_LIKE });
    expect(s.status === 'connected' && s.selected).toBe(BOB_LIKE);

    // subscription: accounts change in the extension
    const seen: WalletState[] = [];
    r.injected.accounts.subscribe((accounts) => {
      s = walletReducer(s, { type: 'accounts', walletId: 'polkadot-js', accounts });
      seen.push(s);
    });
    emit([{ address: BOB_LIKE }]);
    expect(s.status === 'connected' && s.selected).toBe(BOB_LIKE);
    emit([{ address: ALICE_LIKE }]);
    expect(s.status === 'connected' && s.selected).toBe(ALICE_LIKE);
    emit([]);
    expect(s.status).toBe('no-accounts');
    expect(seen).toHaveLength(3);
  });

  it('ignores ethereum accounts and stale wallets, and disconnects', () => {
    let s = walletReducer(initialWalletState(wallets), { type: 'connect', walletId: 'polkadot-js' });
    expect(walletReducer(s, { type: 'accounts', walletId: 'talisman', accounts: [{ address: ALICE_LIKE }] })).toBe(s);
    s = walletReducer(s, { type: 'accounts', walletId: 'polkadot-js', accounts: [{ address: '0x' + '1'.repeat(40), type: 'ethereum' }] });
    expect(s.status).toBe('no-accounts');
    expect(walletReducer(s, { type: 'disconnect' }).status).toBe('disconnected');
    expect(walletReducer(s, { type: 'select', address: ALICE_LIKE })).toBe(s);
  });
});
