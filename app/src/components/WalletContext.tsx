import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import {
  DEV_WALLET_ID,
  KNOWN_WALLETS,
  connectWallet,
  discoverWallets,
  initialWalletState,
  walletReducer,
  type InjectedLike,
  type InjectedWeb3,
  type WalletInfo,
  type WalletState,
} from '../lib/wallet';

export const APP_NAME = 'Personal Tokens';

/** What dedot's signAndSend needs for the selected account. */
export interface SigningAccount {
  /** The address, or (dev wallet) the key pair. */
  account: unknown;
  signer: object | undefined;
}

interface WalletApi {
  state: WalletState;
  connect(id: string): void;
  select(address: string): void;
  disconnect(): void;
  walletName(id: string): string;
  signingAccount(): SigningAccount | undefined;
}

const WalletCtx = createContext<WalletApi | undefined>(undefined);

declare global {
  interface Window {
    injectedWeb3?: InjectedWeb3;
  }
}

type Sources = { injected: InjectedWeb3; devPairFor?: (address: string) => unknown };

async function loadSources(): Promise<Sources> {
  const injected: InjectedWeb3 = { ...(window.injectedWeb3 ?? {}) };
  // Vite replaces the condition at build time: in a production build the branch and the
  // dynamically imported dev-wallet chunk (with the dev keys) are dropped.
  if (import.meta.env.VITE_DEV_WALLET === 'true') {
    const { createDevExtension } = await import('../lib/devWallet');
    const dev = await createDevExtension();
    injected[DEV_WALLET_ID] = dev.extension;
    return { injected, devPairFor: dev.pairFor };
  }
  return { injected };
}

export function WalletProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(walletReducer, undefined, () => initialWalletState(discoverWallets(window.injectedWeb3)));
  const sources = useRef<Sources>({ injected: {} });
  const session = useRef<{ id: string; injected: InjectedLike; unsubscribe?: () => void } | undefined>(undefined);
  const attempt = useRef(0);

  useEffect(() => {
    let alive = true;
    const discover = () =>
      loadSources().then((s) => {
        if (!alive) return;
        sources.current = s;
        dispatch({ type: 'discovered', wallets: discoverWallets(s.injected) });
      });
    void discover();
    // Extensions inject after the page's scripts: look again shortly after load.
    const t = window.setTimeout(() => void discover(), 600);
    return () => {
      alive = false;
      window.clearTimeout(t);
      session.current?.unsubscribe?.();
    };
  }, []);

  const connect = useCallback((id: string) => {
    const my = ++attempt.current;
    session.current?.unsubscribe?.();
    session.current = undefined;
    dispatch({ type: 'connect', walletId: id });
    void connectWallet(sources.current.injected, id, APP_NAME).then((r) => {
      if (my !== attempt.current) return;
      if (!r.ok) {
        dispatch({ type: 'rejected', walletId: id, reason: r.reason });
        return;
      }
      dispatch({ type: 'accounts', walletId: id, accounts: r.accounts });
      const unsub = r.injected.accounts.subscribe((accounts) => {
        if (my === attempt.current) dispatch({ type: 'accounts', walletId: id, accounts });
      });
      session.current = { id, injected: r.injected, unsubscribe: typeof unsub === 'function' ? unsub : undefined };
    });
  }, []);

  const api = useMemo<WalletApi>(
    () => ({
      state,
      connect,
      select: (address) => dispatch({ type: 'select', address }),
      disconnect: () => {
        attempt.current++;
        session.current?.unsubscribe?.();
        session.current = undefined;
        dispatch({ type: 'disconnect' });
      },
      walletName: (id) => (id === DEV_WALLET_ID ? 'Dev accounts' : (KNOWN_WALLETS.find((w: WalletInfo) => w.id === id)?.name ?? id)),
      signingAccount: () => {
        if (state.status !== 'connected' || !session.current) return undefined;
        if (state.walletId === DEV_WALLET_ID && sources.current.devPairFor) {
          return { account: sources.current.devPairFor(state.selected), signer: undefined };
        }
        return { account: state.selected, signer: session.current.injected.signer };
      },
    }),
    [state, connect],
  );
  return <WalletCtx.Provider value={api}>{children}</WalletCtx.Provider>;
}

export function useWallet(): WalletApi {
  const w = useContext(WalletCtx);
  if (!w) throw new Error('useWallet outside WalletProvider');
  return w;
}

/** The selected account's address, when connected. */
export function useSelectedAddress(): string | undefined {
  const { state } = useWallet();
  return state.status === 'connected' ? state.selected : undefined;
}
