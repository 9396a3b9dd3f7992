import { useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { useSelectedAddress } from '../../components/WalletContext';
import { amountErrorMessage, formatAmount, parseAmount } from '../../lib/amount';
import { ActionDialog } from './ActionDialog';
import type { Action, Loaded } from './loaded';

/** A holder offers to sell to a member at a price: `request_transfer`, which the issuer approves. */
export function SellFlow({ loaded, onClose, onDone }: { loaded: Loaded; onClose: () => void; onDone: () => void }) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const baseId = useId();
  const [buyer, setBuyer] = useState('');
  const [amountText, setAmountText] = useState('');
  const [priceText, setPriceText] = useState('');
  const [action, setAction] = useState<Action | undefined>(undefined);
  const { summary: s, api } = loaded;
  const balance = loaded.mine?.balance ?? 0n;
  const amount = parseAmount(amountText, { decimals: s.decimals, max: balance });
  const chainDecimals = chain.status === 'connected' ? chain.chain.decimals : 12;
  const chainSymbol = chain.status === 'connected' ? chain.chain.symbol : 'UNIT';
  const price = parseAmount(priceText, { decimals: chainDecimals });
  if (!caller || chain.status !== 'connected') return null;
  if (action) return <ActionDialog action={action} onClose={onClose} onDone={onDone} />;
  const ok = amount.ok && price.ok && buyer.trim() !== '';
  return (
    <form
      className="sell"
      aria-labelledby={`${baseId}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!amount.ok || !price.ok || !buyer.trim()) return;
        const to = buyer.trim();
        const a = amount.value;
        const p = price.value;
        setAction({
          title: `Sell $${s.symbol ?? ''} to a member`,
          summary: `Offer ${formatAmount(a, { decimals: s.decimals, symbol: s.symbol })} to ${to} for ${money(p)}. The tokens are locked until the issuer decides; the buyer pays into escrow; on approval tokens and payment cross at once.`,
          dryRun: () => api.dryRunRequestTransfer(caller, to, a, p),
          tx: (gas) => api.requestTransferTx(to, a, p, gas),
        });
      }}
    >
      <h3 id={`${baseId}-h`}>Sell ${s.symbol ?? 'tokens'} to a member</h3>
      <label htmlFor={`${baseId}-buyer`}>Buyer address</label>
      <input id={`${baseId}-buyer`} value={buyer} onChange={(e) => setBuyer(e.target.value)} autoComplete="off" />
      <label htmlFor={`${baseId}-amount`}>Amount of ${s.symbol ?? 'tokens'} to sell</label>
      <input id={`${baseId}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
      {amountText && !amount.ok && <p className="error">{amountErrorMessage(amount.error, { decimals: s.decimals, symbol: s.symbol })}</p>}
      <label htmlFor={`${baseId}-price`}>Price in {chainSymbol}</label>
      <input id={`${baseId}-price`} inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
      {priceText && !price.ok && <p className="error">{amountErrorMessage(price.error, { decimals: chainDecimals, symbol: chainSymbol })}</p>}
      <button type="submit" disabled={!ok}>
        Review
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
