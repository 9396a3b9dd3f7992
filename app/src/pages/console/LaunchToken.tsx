import { useCallback, useId, useState } from 'react';
import { useChain, useMoney } from '../../components/ChainContext';
import { FileHashField } from '../../components/FileHashField';
import { WriteDialog, type WriteAction } from '../../components/WriteDialog';
import type { RegistryApi } from '../../contracts/registry';
import { amountErrorMessage, formatAmount, parseAmount } from '../../lib/amount';
import { hoursToMs, launchProblemText, launchProblems } from '../../lib/console';
import { registryErrorMessage } from '../../lib/errors';

/** Launching one's token through the registry's factory (one token per person, ever). */
export function LaunchToken({ registry, caller, onDone }: { registry: RegistryApi; caller: string; onDone: () => void }) {
  const chain = useChain();
  const money = useMoney();
  const id = useId();
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const [decimalsText, setDecimalsText] = useState('6');
  const [supplyText, setSupplyText] = useState('1000000');
  const [termsHash, setTermsHash] = useState<`0x${string}` | undefined>(undefined);
  const [hoursText, setHoursText] = useState('48');
  const [autoApprove, setAutoApprove] = useState(false);
  const [action, setAction] = useState<WriteAction | undefined>(undefined);
  const describeError = useCallback((e: unknown) => registryErrorMessage(e as never, { money }), [money]);
  const decimals = /^\d{1,2}$/.test(decimalsText) ? Number(decimalsText) : NaN;
  const supply = Number.isNaN(decimals) ? undefined : parseAmount(supplyText, { decimals });
  const decisionPeriod = hoursToMs(hoursText) ?? 0n;
  const problems = launchProblems({ name, symbol, decimals, supply: supply?.ok ? supply.value : undefined, termsHash, decisionPeriodMs: decisionPeriod });
  if (chain.status !== 'connected') return null;
  // The console replaces this form by the token's desks once the registry knows the token: it
  // asks again when the dialog closes, so the progress stays on screen until the user has read it.
  if (action) {
    return (
      <WriteDialog
        action={action}
        onClose={() => {
          setAction(undefined);
          onDone();
        }}
        onDone={() => undefined}
      />
    );
  }
  const sym = symbol.trim().toUpperCase();
  return (
    <form
      className="console-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length > 0 || !supply?.ok || !termsHash) return;
        const t = { name: name.trim(), symbol: sym, decimals, supply: supply.value, termsHash, decisionPeriod, autoApprove };
        const w = registry.launchToken(t);
        setAction({
          title: `Launch $${sym}`,
          summary: `Launch ${t.name} ($${sym}): ${formatAmount(t.supply, { decimals, symbol: sym })}, all yours at first, with the terms hash ${termsHash}; you decide on sale requests within ${hoursText} hours${autoApprove ? ' (silence approves)' : ' (silence lets the seller cancel)'}. The registry launches one token per person, ever: this cannot be undone or repeated.`,
          dryRun: () => w.dryRun(caller) as never,
          tx: (gas) => w.tx(gas),
          describeError,
        });
      }}
    >
      <h2 id={`${id}-h`}>Launch your token</h2>
      <p>
        One person, one token: the registry launches a single token for each member, ever, and with it the payout splitter your holders claim from. Every
        asset you accumulate is represented by it.
      </p>
      <label htmlFor={`${id}-name`}>Token name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-symbol`}>Symbol</label>
      <input id={`${id}-symbol`} value={symbol} onChange={(e) => setSymbol(e.target.value)} />
      <label htmlFor={`${id}-decimals`}>Decimals</label>
      <input id={`${id}-decimals`} inputMode="numeric" value={decimalsText} onChange={(e) => setDecimalsText(e.target.value)} />
      <label htmlFor={`${id}-supply`}>Supply</label>
      <input id={`${id}-supply`} inputMode="decimal" value={supplyText} onChange={(e) => setSupplyText(e.target.value)} />
      {supply && !supply.ok && <p className="error">{amountErrorMessage(supply.error, { decimals, symbol: sym || undefined })}</p>}
      <FileHashField label="Terms document" onHash={setTermsHash} />
      <label htmlFor={`${id}-hours`}>Decision period for sale requests (hours)</label>
      <input id={`${id}-hours`} inputMode="decimal" value={hoursText} onChange={(e) => setHoursText(e.target.value)} />
      <p>
        <input id={`${id}-auto`} type="checkbox" checked={autoApprove} onChange={(e) => setAutoApprove(e.target.checked)} />
        <label htmlFor={`${id}-auto`}>Approve a sale request when I do not decide within the period</label>
      </p>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Before you can review">
          {problems.map((p) => (
            <li key={p}>{launchProblemText(p)}</li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={problems.length > 0}>
        Review the launch
      </button>
    </form>
  );
}
