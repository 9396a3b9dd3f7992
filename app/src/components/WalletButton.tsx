import { useWallet } from './WalletContext';
import { walletStateMessage } from '../lib/wallet';

/** Connect buttons for the wallets found, with the state in plain words. */
export function WalletButton() {
  const w = useWallet();
  const { state } = w;
  const message = walletStateMessage(state, w.walletName);
  return (
    <section className="wallet" aria-labelledby="wallet-heading">
      <h2 id="wallet-heading" className="visually-hidden">
        Wallet
      </h2>
      <p className={`wallet-message ${state.status}`} data-testid="wallet-state" data-state={state.status}>
        {message}
      </p>
      {state.status !== 'no-extension' && state.status !== 'connected' && (
        <div className="wallet-buttons">
          {state.wallets.map((wallet) => (
            <button
              key={wallet.id}
              type="button"
              onClick={() => w.connect(wallet.id)}
              disabled={state.status === 'connecting'}
            >
              {state.status === 'rejected' && state.walletId === wallet.id ? 'Try again with ' : 'Connect '}
              {w.walletName(wallet.id)}
            </button>
          ))}
        </div>
      )}
      {(state.status === 'connected' || state.status === 'no-accounts') && (
        <button type="button" onClick={w.disconnect}>
          Disconnect
        </button>
      )}
    </section>
  );
}
