import { useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { useSelectedAddress } from '../../components/WalletContext';
import { WriteDialog } from '../../components/WriteDialog';
import type { PersonalTokenOffering } from '../../contracts/token';
import { amountErrorMessage, formatAmount, parseAmount } from '../../lib/amount';
import { tokenErrorMessage } from '../../lib/errors';
import { percent } from '../../lib/offering';
import type { Loaded } from './loaded';

/** Buying in an offering: amount, its cost, consent to the terms hash, then the confirm step. */
export function SubscribeFlow({
  loaded,
  target,
  onClose,
  onDone,
}: {
  loaded: Loaded;
  target: { id: bigint; offering: PersonalTokenOffering };
  onClose: () => void;
  onDone: () => void;
}) {
  const chain = useChain();
  const money = useMoney();
  const caller = useSelectedAddress();
  const inputId = useId();
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [confirming, setConfirming] = useState<bigint | undefined>(undefined);
  const { summary: s, api } = loaded;
  const remaining = target.offering.amount - target.offering.sold;
  const parsed = parseAmount(text, { decimals: s.decimals, max: remaining });
  const amount = confirming;

  if (!caller || chain.status !== 'connected') {
    return (
      <div role="alert" className="notice">
        <p>Connect a wallet and pick an account to subscribe.</p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  if (amount !== undefined) {
    const cost = amount * target.offering.pricePerUnit;
    return (
      <WriteDialog
        action={{
          title: `Subscribe to offering #${target.id}`,
          summary: `Buy ${formatAmount(amount, { decimals: s.decimals, symbol: s.symbol })} (${percent(amount, s.totalSupply)}% of the supply) for ${money(cost)}, held in escrow until the offering settles, consenting to the terms with hash ${s.termsHash}.`,
          dryRun: () => api.dryRunSubscribe(caller, target.id, amount, s.termsHash, cost),
          tx: (gas) => api.subscribeTx(target.id, amount, s.termsHash, cost, gas),
          describeError: (e) => tokenErrorMessage(e as never, { money }),
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );
  }
  const consentId = `${inputId}-consent`;
  return (
    <form
      className="subscribe"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok && consent) setConfirming(parsed.value);
      }}
    >
      <h3>Subscribe to offering #{target.id.toString()}</h3>
      <label htmlFor={inputId}>Amount of ${s.symbol ?? 'tokens'}</label>
      <input id={inputId} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${inputId}-hint`} />
      <p id={`${inputId}-hint`} className={text && !parsed.ok ? 'error' : ''}>
        {text && !parsed.ok
          ? amountErrorMessage(parsed.error, { decimals: s.decimals, symbol: s.symbol })
          : `Up to ${formatAmount(remaining, { decimals: s.decimals, symbol: s.symbol })} remain.`}
      </p>
      {parsed.ok && (
        <p data-testid="subscription-cost" aria-live="polite">
          Cost: {money(parsed.value * target.offering.pricePerUnit)} for {percent(parsed.value, s.totalSupply)}% of the supply.
        </p>
      )}
      <p>
        <input id={consentId} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <label htmlFor={consentId}>
          I have read and accept the token's terms, hash <span className="hash">{s.termsHash}</span>
        </label>
      </p>
      <button type="submit" disabled={!parsed.ok || !consent}>
        Review
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
