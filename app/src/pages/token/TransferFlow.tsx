import { useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import { amountErrorMessage, formatAmount, parseAmount } from '../../lib/amount';
import { psp22ErrorMessage } from '../../lib/errors';
import type { Loaded } from './loaded';

/**
 * A plain PSP22 transfer: the token's own `detect_transfer_restriction` is asked first, and a
 * restricted transfer is explained in words and never sent.
 */
export function TransferFlow({ loaded, onClose, onDone }: { loaded: Loaded; onClose: () => void; onDone: () => void }) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const baseId = useId();
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<{ code: number; message: string } | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [confirming, setConfirming] = useState<{ to: string; amount: bigint } | undefined>(undefined);
  const { summary: s, api } = loaded;
  const balance = loaded.mine?.balance ?? 0n;
  const parsed = parseAmount(text, { decimals: s.decimals, max: balance });

  if (!caller || chain.status !== 'connected') return null;
  if (confirming) {
    return (
      <WriteDialog
        action={{
          title: `Transfer $${s.symbol ?? ''}`,
          summary: `Send ${formatAmount(confirming.amount, { decimals: s.decimals, symbol: s.symbol })} to ${confirming.to}.`,
          dryRun: () => api.dryRunTransfer(caller ?? '', confirming.to, confirming.amount),
          tx: (gas) => api.transferTx(confirming.to, confirming.amount, gas),
          describeError: (e) => psp22ErrorMessage(e as never, { money }),
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );
  }
  return (
    <form
      className="transfer"
      aria-labelledby={`${baseId}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed.ok || !to.trim()) return;
        const amount = parsed.value;
        const recipient = to.trim();
        setChecking(true);
        setRefusal(undefined);
        api
          .transferRestriction(caller, recipient, amount)
          .then((r) => (r.code === 0 ? setConfirming({ to: recipient, amount }) : setRefusal(r)))
          .catch((err: unknown) => setRefusal({ code: -1, message: err instanceof Error ? err.message : String(err) }))
          .finally(() => setChecking(false));
      }}
    >
      <h3 id={`${baseId}-h`}>Transfer ${s.symbol ?? 'tokens'}</h3>
      <label htmlFor={`${baseId}-to`}>Recipient address</label>
      <input id={`${baseId}-to`} value={to} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
      <label htmlFor={`${baseId}-amount`}>Amount of ${s.symbol ?? 'tokens'}</label>
      <input id={`${baseId}-amount`} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} />
      {text && !parsed.ok && <p className="error">{amountErrorMessage(parsed.error, { decimals: s.decimals, symbol: s.symbol })}</p>}
      {refusal && (
        <div className="error" role="alert" data-testid="transfer-refusal">
          <p>
            This transfer is not allowed{refusal.code >= 0 ? ` (restriction code ${refusal.code})` : ''}: {refusal.message}
          </p>
          <p>Nothing was sent.</p>
        </div>
      )}
      <button type="submit" disabled={!parsed.ok || !to.trim() || checking}>
        {checking ? 'Checking…' : 'Check and review'}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
