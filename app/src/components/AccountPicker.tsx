import { useId } from 'react';
import { useWallet } from './WalletContext';
import { shortAddress } from '../lib/wallet';

/** The accounts the connected wallet shares; the selected one signs. */
export function AccountPicker() {
  const w = useWallet();
  const id = useId();
  if (w.state.status !== 'connected') return null;
  const { accounts, selected } = w.state;
  return (
    <div className="account-picker">
      <label htmlFor={id}>Account</label>
      <select id={id} value={selected} onChange={(e) => w.select(e.target.value)} data-testid="account-picker">
        {accounts.map((a) => (
          <option key={a.address} value={a.address}>
            {a.name ? `${a.name} — ${shortAddress(a.address)}` : a.address}
          </option>
        ))}
      </select>
    </div>
  );
}
