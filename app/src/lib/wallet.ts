// Browser wallets: extensions inject themselves into `window.injectedWeb3` (polkadot-js,
// talisman, subwallet-js, ...). Discovery, connection and the wallet states are plain
// functions and a reducer; the React hook in src/components/useWallet.ts drives them.

/** The signer an extension gives (the `InjectedSigner` that dedot's signAndSend takes). */
export type InjectedSignerLike = object;

export interface InjectedAccount {
  address: string;
  name?: string;
  type?: string;
  genesisHash?: string | null;
}

export interface InjectedLike {
  accounts: {
    get(anyType?: boolean): Promise<InjectedAccount[]>;
    subscribe(cb: (accounts: InjectedAccount[]) => void): (() => void) | void;
  };
  signer: InjectedSignerLike;
}

export interface InjectedExtension {
  version?: string;
  enable(origin: string): Promise<InjectedLike>;
}

export type InjectedWeb3 = Record<string, InjectedExtension | undefined>;

export interface WalletInfo {
  id: string;
  name: string;
}

export const KNOWN_WALLETS: readonly WalletInfo[] = [
  { id: 'polkadot-js', name: 'Polkadot{.js}' },
  { id: 'talisman', name: 'Talisman' },
  { id: 'subwallet-js', name: 'SubWallet' },
];

export const DEV_WALLET_ID = 'dev-accounts';

/** The extensions present, known ones first in a fixed order, then any other that injected. */
export function discoverWallets(injected: InjectedWeb3 | undefined): WalletInfo[] {
  if (!injected || typeof injected !== 'object') return [];
  const present = (id: string) => typeof injected[id]?.enable === 'function';
  const known = KNOWN_WALLETS.filter((w) => present(w.id));
  const others = Object.keys(injected)
    .filter((id) => present(id) && !KNOWN_WALLETS.some((w) => w.id === id))
    .map((id) => ({ id, name: id }));
  return [...known, ...others];
}

export type ConnectResult =
  | { ok: true; injected: InjectedLike; accounts: InjectedAccount[] }
  | { ok: false; reason: string };

/** Asks extension `id` for access (`enable(appName)`), then for its accounts. */
export async function connectWallet(injectedWeb3: InjectedWeb3 | undefined, id: string, appName: string): Promise<ConnectResult> {
  const ext = injectedWeb3?.[id];
  if (!ext) return { ok: false, reason: `The wallet "${id}" is not installed.` };
  let injected: InjectedLike;
  try {
    injected = await ext.enable(appName);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: msg || 'The wallet refused access.' };
  }
  if (!injected || !injected.accounts) return { ok: false, reason: 'The wallet gave no access.' };
  try {
    const accounts = await injected.accounts.get();
    return { ok: true, injected, accounts: accounts ?? [] };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Keeps substrate accounts (drops ethereum ones that talisman/subwallet list). */
export function usableAccounts(accounts: InjectedAccount[]): InjectedAccount[] {
  return accounts.filter((a) => a.type !== 'ethereum' && !/^0x[0-9a-fA-F]{40}$/.test(a.address));
}

// ----- states ------------------------------------------------------------------------------------

export type WalletState =
  | { status: 'no-extension' }
  | { status: 'disconnected'; wallets: WalletInfo[] }
  | { status: 'connecting'; wallets: WalletInfo[]; walletId: string }
  | { status: 'rejected'; wallets: WalletInfo[]; walletId: string; reason: string }
  | { status: 'no-accounts'; wallets: WalletInfo[]; walletId: string }
  | { status: 'connected'; wallets: WalletInfo[]; walletId: string; accounts: InjectedAccount[]; selected: string };

export type WalletAction =
  | { type: 'discovered'; wallets: WalletInfo[] }
  | { type: 'connect'; walletId: string }
  | { type: 'rejected'; walletId: string; reason: string }
  | { type: 'accounts'; walletId: string; accounts: InjectedAccount[] }
  | { type: 'select'; address: string }
  | { type: 'disconnect' };

export function initialWalletState(wallets: WalletInfo[]): WalletState {
  return wallets.length === 0 ? { status: 'no-extension' } : { status: 'disconnected', wallets };
}

function walletsOf(s: WalletState): WalletInfo[] {
  return s.status === 'no-extension' ? [] : s.wallets;
}

export function walletReducer(state: WalletState, action: WalletAction): WalletState {
  switch (action.type) {
    case 'discovered': {
      if (state.status === 'no-extension' || state.status === 'disconnected') return initialWalletState(action.wallets);
      return { ...state, wallets: action.wallets };
    }
    case 'connect':
      return { status: 'connecting', wallets: walletsOf(state), walletId: action.walletId };
    case 'rejected':
      return { status: 'rejected', wallets: walletsOf(state), walletId: action.walletId, reason: action.reason };
    case 'accounts': {
      const accounts = usableAccounts(action.accounts);
      if (state.status !== 'connecting' && state.status !== 'connected' && state.status !== 'no-accounts') return state;
      if (state.walletId !== action.walletId) return state;
      if (accounts.length === 0) return { status: 'no-accounts', wallets: state.wallets, walletId: action.walletId };
      const keep = state.status === 'connected' && accounts.some((a) => a.address === state.selected);
      const first = accounts[0] as InjectedAccount;
      return {
        status: 'connected',
        wallets: state.wallets,
        walletId: action.walletId,
        accounts,
        selected: keep && state.status === 'connected' ? state.selected : first.address,
      };
    }
    case 'select':
      if (state.status !== 'connected' || !state.accounts.some((a) => a.address === action.address)) return state;
      return { ...state, selected: action.address };
    case 'disconnect':
      return initialWalletState(walletsOf(state));
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The sentence the wallet button area shows for a state. */
export function walletStateMessage(state: WalletState, walletName: (id: string) => string): string {
  switch (state.status) {
    case 'no-extension':
      return 'No wallet extension found. Install Polkadot{.js}, Talisman or SubWallet and reload the page.';
    case 'disconnected':
      return 'Connect a wallet to act; you can browse without one.';
    case 'connecting':
      return `Asking ${walletName(state.walletId)} for access…`;
    case 'rejected':
      return `${walletName(state.walletId)} refused access: ${state.reason}`;
    case 'no-accounts':
      return `${walletName(state.walletId)} has no accounts to share. Create or import an account in the extension, or allow this site to see it.`;
    case 'connected':
      return `Connected with ${walletName(state.walletId)}.`;
  }
}

/** Short form of an address for display: 5Grw…utQY. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
